"""The files of the generated corpus: SIRENE and RNA extracts, registers, SCDL lists, deliberation texts.

Real-world mess, in moderation (DATA-FORMATS.md §5): publishers differ in separator (``,`` or ``;``), encoding
(UTF-8, UTF-8 with BOM, cp1252), header names (SCDL 2.1.1, drifted, SCDL 1), number and date writing (``12 350,00``
with a no-break space, ``2400.0``, ``08/09/2024``, periods joined by ``_``); a few identifiers are spaced, a
SIREN sits in a SIRET column, a SIRET was mangled by a float conversion, a row is repeated; RNA and SIRENE names
are in capitals, some without accents. Nothing is so broken that a row must be rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import unicodedata
from decimal import Decimal
from pathlib import Path

from gen_data import THEMES, Actor, french_date
from gen_texts import Grant, render

SCDL_HEADER = ["nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
               "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
               "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide"]
DRIFT_HEADER = ["NomAttribuant", "IdAttribuant", "DateConvention", "ReferenceDecision", "NomBeneficiaire",
                "IdBeneficiaire", "RnaBeneficiaire", "object", "Montant ", "Nature ", "conditionsversement",
                "datesperiodeversement", "idRAE", "NotificationUE", "pourcentageSubvention", "dispositifAide",
                "exercice"]
SCDL1_HEADER = ["COLL_NOM", "COLL_SIRET", "ACTE_REF", "ACTE_DATE", "ATTRIB_NOM", "ATTRIB_SIRET", "SUB_OBJET",
                "SUB_MONTANT", "SUB_NATURE", "SUB_VERSEMENT", "SUB_DATE_DEBUT", "SUB_DATE_FIN"]
DELIB_HEADER = ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
                "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
                "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL"]
RNA_HEADER = ("id;id_ex;siret;rup_mi;gestion;date_creat;date_decla;date_publi;date_disso;nature;groupement;titre;"
              "titre_court;objet;objet_social1;objet_social2;adrs_complement;adrs_numvoie;adrs_repetition;"
              "adrs_typevoie;adrs_libvoie;adrs_distrib;adrs_codeinsee;adrs_codepostal;adrs_libcommune;"
              "adrg_declarant;adrg_complemid;adrg_complemgeo;adrg_libvoie;adrg_distrib;adrg_codepostal;"
              "adrg_achemine;adrg_pays;dir_civilite;telephone;siteweb;email;publiweb;observation;position;"
              "maj_time").split(";")
SIRENE_HEADER = ["siren", "statutDiffusionUniteLegale", "unitePurgeeUniteLegale", "dateCreationUniteLegale",
                 "sigleUniteLegale", "sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale",
                 "prenom3UniteLegale", "prenom4UniteLegale", "prenomUsuelUniteLegale", "pseudonymeUniteLegale",
                 "identifiantAssociationUniteLegale", "trancheEffectifsUniteLegale", "anneeEffectifsUniteLegale",
                 "dateDernierTraitementUniteLegale", "nombrePeriodesUniteLegale", "categorieEntreprise",
                 "anneeCategorieEntreprise", "dateDebut", "etatAdministratifUniteLegale", "nomUniteLegale",
                 "nomUsageUniteLegale", "denominationUniteLegale", "denominationUsuelle1UniteLegale",
                 "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale",
                 "categorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale",
                 "nomenclatureActivitePrincipaleUniteLegale", "nicSiegeUniteLegale",
                 "economieSocialeSolidaireUniteLegale", "societeMissionUniteLegale", "caractereEmployeurUniteLegale"]
SIRENE_CHUNK = 20_000
PROFILES = ["scdl", "scdl", "excel", "scdl", "drift", "excel", "scdl1", "scdl", "excel", "drift"]
NATURE_SCDL = {"operating": "aide en numéraire", "project": "aide en numéraire", "investment": "aide en numéraire"}


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",",
              encoding: str = "utf-8", newline: str = "\n", bom: bool = False) -> int:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding, errors="replace")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return len(rows)


# --- SIRENE and RNA ---------------------------------------------------------------------------------------------


def sirene_rows(rng: random.Random, actors: list[Actor]) -> list[list[str]]:
    rows = []
    for a in actors:
        if not a.siren:
            continue
        name = a.name.upper() if rng.random() < 0.4 else strip_accents(a.name).upper()
        sigle = a.acronym if rng.random() < 0.5 else ""
        row = [a.siren, "O", "", a.founded, sigle, "", "", "", "", "", "", "", a.rna or "",
               rng.choice(["NN", "00", "01", "02", "03", "11", "12"]), "2021", "2024-01-17T09:12:45",
               str(rng.randrange(1, 6)), rng.choice(["PME", "PME", "ETI", ""]), "2021",
               a.founded, "A", "", "", name, "", "", "", a.category, a.naf, "NAFRev2",
               a.siret[9:] if a.siret else "00012", a.ess, "", rng.choice(["O", "N"])]
        rows.append(row)
    return rows


def write_sirene(root: Path, rng: random.Random, actors: list[Actor]) -> list[Path]:
    rows = sirene_rows(rng, actors)
    paths = []
    for i in range(0, len(rows), SIRENE_CHUNK):
        path = root / "1-sirene" / f"StockUniteLegale_extrait_{i // SIRENE_CHUNK + 1:02d}.csv"
        write_csv(path, SIRENE_HEADER, rows[i:i + SIRENE_CHUNK])
        paths.append(path)
    return paths


STREETS = ["RUE", "AV", "CHE", "PL", "BD", "IMP", "RTE", "ALL"]
STREET_NAMES = ["DE LA REPUBLIQUE", "DU 8 MAI 1945", "JEAN JAURES", "DES ECOLES", "DU MOULIN", "DE LA GARE",
                "VICTOR HUGO", "DES TILLEULS", "PASTEUR", "DU PILAT", "DE LA LIBERATION", "GAMBETTA"]


def rna_row(rng: random.Random, a: Actor) -> list[str]:
    title = a.name.upper() if rng.random() < 0.6 else a.name
    if rng.random() < 0.05:
        title = strip_accents(title)
    created = dt.date.fromisoformat(a.founded)
    declared = created + dt.timedelta(days=rng.randrange(0, 3000))
    theme = next(label for label, _ in THEMES if label == a.themes[0])
    purpose = (f"promouvoir et développer des actions de {theme} auprès des habitants de {a.place.name} et des "
               f"environs ; accompagner les personnes concernées et leurs proches")
    disso = (created + dt.timedelta(days=4000)).isoformat() if a.dissolved else "0001-01-01"
    return [a.rna, "", a.siret or "", "", f"{a.place.dept}3P", a.founded, declared.isoformat(),
            (created + dt.timedelta(days=21)).isoformat(), disso, "D", "S", title,
            a.acronym,
            purpose, rng.choice(["017005", "017025", "016005", "020005"]), "", "", str(rng.randrange(1, 120)), "",
            rng.choice(STREETS), rng.choice(STREET_NAMES), "", a.place.insee, a.place.postcode,
            strip_accents(a.place.name).upper(), "", "", "", "", "", "", "", "FRANCE", "PM", "", "", "", "0", "",
            "D" if a.dissolved else "A", f"{declared.isoformat()} 10:{rng.randrange(60):02d}:00"]


def write_rna(root: Path, rng: random.Random, actors: list[Actor]) -> list[Path]:
    by_dept: dict[str, list[Actor]] = {}
    for a in actors:
        if a.rna:
            by_dept.setdefault(a.place.dept, []).append(a)
    paths = []
    for i, dept in enumerate(sorted(by_dept)):
        rows = [rna_row(rng, a) for a in by_dept[dept]]
        path = root / "2-rna" / f"rna_waldec_20240301_dpt_{dept}.csv"
        cp1252 = i % 3 == 1
        write_csv(path, RNA_HEADER, rows, ";", "cp1252" if cp1252 else "utf-8", "\r\n" if cp1252 else "\n")
        paths.append(path)
    return paths


# --- SCDL subventions and délibérations --------------------------------------------------------------------------


def fr_number(value: Decimal, nbsp: str = "\u00a0") -> str:
    whole, _, cents = f"{value:.2f}".partition(".")
    return f"{int(whole):,}".replace(",", nbsp) + "," + cents


def scdl_grant_rows(rng: random.Random, funder: Actor, grants: list[Grant], references: dict,
                    profile: str, decided: dict[str, dt.date] | None = None
                    ) -> tuple[list[list[str]], list[tuple[Actor, Decimal]]]:
    """Return the rows of one funder's list and the (beneficiary, amount) pairs they state, one per grant kept;
    ``decided``: the date of each of its decisions by number (an SCDL 1 list's ``ACTE_DATE`` is its act's)."""
    rows, facts = [], []
    for grant in grants:
        shares = [(grant.beneficiary, Decimal(1))]
        if rng.random() < 0.01 and grant.beneficiary is not grants[0].beneficiary:
            shares = [(grant.beneficiary, Decimal("0.6")), (grants[0].beneficiary, Decimal("0.4"))]
        for beneficiary, share in shares:
            row = scdl_row(rng, funder, grant, beneficiary, share, references[id(grant)], profile,
                           (decided or {}).get(references[id(grant)]))
            rows.append(row)
            facts.append((beneficiary, Decimal(grant.amount) * share))
        if rng.random() < 0.003:
            rows.append(list(rows[-1]))  # a repeated row: the importer keeps one
    return rows, facts


def _identifier(rng: random.Random, a: Actor) -> str:
    if not a.siret:
        return ""
    roll = rng.random()
    if roll < 0.01:
        return a.siren  # a SIREN in the SIRET column
    if roll < 0.015:
        return a.siret[:12] + "00.0"  # mangled by a float conversion
    if roll < 0.04:
        return f"{a.siret[:3]} {a.siret[3:6]} {a.siret[6:9]} {a.siret[9:]}"
    return a.siret


def scdl_row(rng, funder: Actor, grant: Grant, beneficiary: Actor, share: Decimal, reference: str,
             profile: str, decided: dt.date | None = None) -> list[str]:
    """One row of a grants list; an SCDL 1 row dates its act (``ACTE_DATE``: the decision ``decided``, one date for
    the rows of one ``ACTE_REF``), the others their convention (signed at a random day of the year)."""
    year = grant.year
    signed = dt.date(year, 1 + rng.randrange(12), 1 + rng.randrange(28))
    start, end = signed + dt.timedelta(days=15), dt.date(year, 12, 31)
    name = beneficiary.name.upper() if profile == "excel" and rng.random() < 0.3 else beneficiary.name
    ident = _identifier(rng, beneficiary)
    amount = Decimal(grant.amount)
    purpose = grant.purpose
    conditions = rng.choice(["unique", "échelonné", "unique"])
    if profile == "scdl1":
        return [funder.name, funder.siret, reference, (decided or signed).strftime("%d/%m/%Y"), name, ident, purpose,
                fr_number(amount, " "), "aide en numéraire", conditions, start.strftime("%d/%m/%Y"),
                end.strftime("%d/%m/%Y")]
    if profile == "excel":
        return [funder.name, funder.siret, signed.strftime("%d/%m/%Y"), reference, name, ident,
                beneficiary.rna or "", purpose, fr_number(amount), NATURE_SCDL[grant.nature], conditions,
                f"{start:%Y-%m-%d}_{end:%Y-%m-%d}", "", "non", f"{share}".replace(".", ","), ""]
    if profile == "drift":
        ratio = "100" if share == 1 and rng.random() < 0.3 else str(share)
        return [funder.name, funder.siret, signed.isoformat(), reference, name, ident, beneficiary.rna or "",
                purpose, f"{amount:.1f}", NATURE_SCDL[grant.nature], conditions, f"{start}/{end}", "", "non",
                ratio, "", str(year)]
    return [funder.name, funder.siret, signed.isoformat(), reference, name, ident, beneficiary.rna or "", purpose,
            f"{amount:.2f}", NATURE_SCDL[grant.nature], conditions, f"{start}/{end}", "", "non",
            "1" if share == 1 else str(share), "Appel à projets santé " + str(year)]


def write_scdl_grants(root: Path, rng: random.Random, world,
                      expected: dict[str, int]) -> tuple[list[Path], list[tuple[Actor, Decimal]]]:
    """Write one grants list per funder and year; ``expected`` receives the grants each file states."""
    by_n = {a.n: a for a in world.authorities}
    paths, facts = [], []

    def path_of(funder: Actor, year: int) -> str:
        return f"5-scdl-subventions/{slug(funder.name)}_subventions_{year}.csv"

    for (funder_n, year) in sorted(world.scdl, key=lambda k: (-k[0], k[1])):
        funder = by_n[funder_n]
        profile = PROFILES[(-funder_n - 1) % len(PROFILES)]
        decided = {number: day for number, day, _ in world.decisions.get(funder_n, [])}
        rows, kept = scdl_grant_rows(rng, funder, world.scdl[(funder_n, year)], world.references, profile, decided)
        facts += kept
        expected[path_of(funder, year)] = len(kept)
        path = root / path_of(funder, year)
        if profile == "scdl":
            write_csv(path, SCDL_HEADER, rows)
        elif profile == "excel":
            write_csv(path, SCDL_HEADER, rows, ";", "cp1252", "\r\n")
        elif profile == "drift":
            write_csv(path, DRIFT_HEADER, rows, ";", bom=True)
        else:
            write_csv(path, SCDL1_HEADER, rows, ";", "cp1252", "\r\n")
        paths.append(path)
    return paths, facts


def write_scdl_deliberations(root: Path, rng: random.Random, world) -> list[Path]:
    """One SCDL délibérations list per authority: the decisions its SCDL grants cite, and its deliberation texts."""
    by_n = {a.n: a for a in world.authorities}
    texts: dict[int, list] = {}
    for d in world.deliberations:
        texts.setdefault(d.authority.n, []).append(d)
    paths = []
    for funder_n in sorted(set(world.decisions) | set(texts), reverse=True):
        a = by_n[funder_n]
        entries = [(number, day, title, None) for number, day, title in world.decisions.get(funder_n, [])]
        entries += [(d.number, d.date, d.title, d) for d in texts.get(funder_n, [])]
        rows = []
        for number, day, title, d in sorted(entries, key=lambda e: (e[1], e[0])):
            effectif = len(d.council) if d else rng.randrange(20, 60)
            real = d.voters if d else effectif - rng.randrange(0, 6)
            against = d.against if d else 0
            abstentions = d.abstentions if d else rng.randrange(0, 3)
            rows.append([a.name, a.siret, number, day.isoformat(), "7.5", "finances locales/subventions", title,
                         str(day.year), "Budget principal", f"PREF0{a.place.dept}",
                         (d.received if d else day + dt.timedelta(days=4)).isoformat(), str(effectif), str(real),
                         str(real - against - abstentions), str(against), str(abstentions),
                         f"https://deliberations.example.org/{slug(a.name)}/{slug(number)}.pdf"])
        path = root / "4-scdl-deliberations" / f"{slug(a.name)}_deliberations.csv"
        write_csv(path, DELIB_HEADER, rows, ";" if funder_n % 2 else ",")
        paths.append(path)
    return paths


def write_deliberations(root: Path, rng: random.Random, world, expected: dict[str, int]) -> list[Path]:
    """Write the deliberation texts; ``expected`` receives the grants each one decides."""
    paths = []
    for d in world.deliberations:
        suffix = ".md" if d.style == "metropole" else ".txt"
        # The file name alone names the source (graph/ingest/base.py): it must be unique in the corpus.
        path = root / "6-deliberations" / slug(d.authority.name) / f"{slug(d.authority.name)}-{slug(d.number)}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(rng, d).encode("utf-8"))
        expected[str(path.relative_to(root))] = len(d.grants)
        paths.append(path)
    return paths


__all__ = ["write_sirene", "write_rna", "write_scdl_grants", "write_scdl_deliberations", "write_deliberations",
           "slug", "french_date"]
