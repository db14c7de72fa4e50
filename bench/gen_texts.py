"""Deliberation texts of the corpus generator, in the styles of four kinds of authority.

- ``metropole``: a Bureau métropolitain extract in Markdown, like Saint-Etienne Métropole's n°2024.00240 — counts,
  chair and secretary, present/proxy/excused lists, the prefecture stamp in the middle of the lists, one grant in
  prose, "adopté à l'unanimité";
- ``commune``: a Conseil municipal extract in plain text — "L'an …", lists, a ``| … |`` grants table with a total
  (or one grant in prose), vote counts, the "Envoyé / Reçu en préfecture, ID, Affiché" block;
- ``departement``: a Commission permanente decision — "Vu …", a table flattened as a PDF gives it (names wrapped,
  nature codes with their legend, a total row), the ACTES acknowledgement block;
- ``agglomeration``: a Conseil communautaire decision — grants as a dashed list of sentences.

Each function takes a :class:`Deliberation` and returns the text; the grants it writes are exactly
``deliberation.grants``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from gen_data import Actor, amount_fr, french_date

NATURE_WORDS = {"operating": "de fonctionnement", "project": "de projet", "investment": "d'investissement"}
NATURE_CODES = {"operating": "F", "project": "P", "investment": "I"}


@dataclass
class Grant:
    beneficiary: Actor
    amount: int
    nature: str  # operating | project | investment
    purpose: str
    year: int


@dataclass
class Deliberation:
    authority: Actor
    style: str
    organ: str
    number: str
    actes_number: str
    date: dt.date
    title: str
    grants: list[Grant]
    council: list[tuple[str, str, str]]
    present: list[tuple[str, str, str]]
    excused: list[tuple[str, str, str]]
    absent: list[tuple[str, str, str]]
    proxies: list[tuple[tuple[str, str, str], tuple[str, str, str]]]
    chair: tuple[str, str, str]
    secretary: tuple[str, str, str]
    unanimous: bool
    against: int = 0
    abstentions: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def actes_id(self) -> str:
        return f"0{self.authority.place.dept}-{self.authority.siren}-{self.date:%Y%m%d}-{self.actes_number}-DE"

    @property
    def received(self) -> dt.date:
        return self.date + dt.timedelta(days=3 + self.date.day % 9)

    @property
    def voters(self) -> int:
        return len(self.present) + len(self.proxies)


def person(p: tuple[str, str, str]) -> str:
    return f"{p[0]} {p[1]} {p[2]}"


def titled(p: tuple[str, str, str], masculine: str, feminine: str) -> str:
    """The title that agrees with the person: "Président" / "Présidente", "Monsieur le Maire" / "Madame la Maire"."""
    return feminine if p[0] == "Mme" else masculine


def wrap_names(names: list[str], per_line: int, sep: str = ",") -> str:
    lines = [f"{sep} ".join(names[i:i + per_line]) for i in range(0, len(names), per_line)]
    return f"{sep}\n".join(lines)


def paragraph_about(rng: random.Random, g: Grant, authority: str) -> str:
    a = g.beneficiary
    theme = a.themes[0]
    since = a.founded[:4]
    kind = {"association": "une association", "usagers": "une association d'usagers",
            "entreprise": "une entreprise de l'économie sociale et solidaire",
            "professionnel-de-sante": "une structure d'exercice coordonné",
            "universite": "un établissement d'enseignement et de recherche"}.get(a.kind, "une structure")
    sentences = [
        f"Fondée en {since}, {a.name} est {kind} qui agit dans le domaine « {theme} » sur la commune de "
        f"{a.place.name}.",
        "Elle accompagne chaque année plusieurs centaines d'habitants du territoire et travaille avec les "
        "professionnels de santé, les établissements médico-sociaux et les usagers.",
        f"{authority} soutient ses actions au titre de sa politique de santé et de prévention.",
    ]
    return " ".join(sentences[: 2 + rng.randrange(2)])


# --- métropole: Markdown, like the founding example ---------------------------------------------------------


def metropole(rng: random.Random, d: Deliberation) -> str:
    g = d.grants[0]
    auth = d.authority.name
    organ_up = d.organ.upper()
    date_up = french_date(d.date).upper()
    present = [person(p) for p in d.present]
    half = len(d.proxies) // 2
    proxies = [f"{person(a)} donne pouvoir à {person(b)}" for a, b in d.proxies]
    out = [
        "**EXTRAIT DU REGISTRE DES DELIBERATIONS**", "",
        f"**SEANCE DU {organ_up} DU {date_up}**", "",
        f"**DELIBERATION N°{d.number}**", "",
        f"**{d.title.upper()}**", "",
        f"Le {d.organ} a été convoqué le {d.extra['convened']:%d} {french_date(d.extra['convened']).split(' ', 1)[1]}",
        "", f"Nombre de membres en exercice : {len(d.council)}", "",
        f"Nombre de présents : {len(d.present)}", "", f"Nombre de pouvoirs : {len(d.proxies)}", "",
        f"Nombre de voix : {d.voters}", "",
        f"Président de séance : {person(d.chair)},", "", f"Secrétaire de séance : {person(d.secretary)}", "",
        "**Membres titulaires présents :**", "",
        wrap_names(present, 4).replace("\n", "  \n"), "",
        "**Pouvoirs :**", "",
        ",  \n".join(proxies[:half]) + ("," if half else ""), "",
        "**RECU EN PREFECTURE**", "", f"Le {french_date(d.received)}", "", "VIA DOTELEC - iXBus", "",
        "99\\_DE-" + d.actes_id[:-3], "", f"Date de mise en ligne : {french_date(d.received)}", "",
        ",  \n".join(proxies[half:]), "",
    ]
    if d.excused:
        out += ["**Membres titulaires absents excusés :**", "",
                wrap_names([person(p) for p in d.excused], 4).replace("\n", "  \n"), ""]
    nature = NATURE_WORDS[g.nature]
    out += [
        f"## **DELIBERATION DU {organ_up} DU {date_up}**", "", f"### **{d.title.upper()}**", "",
        paragraph_about(rng, g, auth), "",
        f"{auth} souhaite allouer à {g.beneficiary.name} une subvention {nature} d'un montant de "
        f"{amount_fr(g.amount)} € dans le cadre de l'action « {g.purpose} ».", "",
        f"**Le {d.organ.split()[0]} de {auth}, après en avoir délibéré :**", "",
        f"- **approuve le versement d'une subvention {nature} à {g.beneficiary.name} d'un montant global de "
        f"{amount_fr(g.amount)} € pour l'année {g.year} ;**",
        f"- **approuve la convention à intervenir entre {auth} et {g.beneficiary.name}, permettant le versement de "
        f"la subvention ;**",
        f"- **autorise {titled(d.chair, 'Monsieur le Président', 'Madame la Présidente')}, ou son représentant dûment "
        "habilité, à signer ladite convention ;**",
        f"- **la dépense correspondante sera imputée au compte SERV/65748/{d.extra['programme']}.**", "",
        "**Ce dossier a été adopté à l'unanimité.**" if d.unanimous else
        f"**Ce dossier a été adopté.** Pour : {d.voters - d.against - d.abstentions} - Contre : {d.against} - "
        f"Abstentions : {d.abstentions}", "",
        "Pour extrait,  ", "La secrétaire de Séance," if d.secretary[0] == "Mme" else "Le secrétaire de Séance,",
        "", "", "", f"{d.secretary[1]} {d.secretary[2]}", "",
    ]
    return "\n".join(out) + "\n"


# --- commune: plain text, a pipe table or one grant in prose ------------------------------------------------


def _vote_line(d: Deliberation) -> str:
    if d.unanimous:
        return "Adopté à l'unanimité."
    return (f"Pour : {d.voters - d.against - d.abstentions} – Contre : {d.against} – "
            f"Abstentions : {d.abstentions}\nAdopté à la majorité.")


def commune(rng: random.Random, d: Deliberation) -> str:
    town = d.authority.extra["town"]
    year = d.grants[0].year
    out = [
        f"VILLE DE {town.upper()}", "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL", "",
        f"Séance du {french_date(d.date)}", f"Délibération n° {d.number}", "",
        f"Objet : {d.title}", "",
        f"L'an {d.date.year}, le {french_date(d.date)}, le Conseil municipal de la {d.authority.name}, dûment "
        f"convoqué le {d.extra['convened']:%d/%m/%Y}, s'est réuni en séance publique sous la présidence de "
        f"{titled(d.chair, 'Monsieur le Maire', 'Madame la Maire')}, {person(d.chair)}.", "",
        f"Conseillers en exercice : {len(d.council)}", f"Nombre de présents : {len(d.present)}",
        f"Nombre de votants : {d.voters}", "",
        "Présents : " + wrap_names([person(p) for p in d.present], 5), "",
    ]
    if d.proxies:
        out += ["Procurations : " + ", ".join(f"{person(a)} donne pouvoir à {person(b)}" for a, b in d.proxies), ""]
    if d.excused:
        out += ["Excusés : " + ", ".join(person(p) for p in d.excused), ""]
    out += ["Absents : " + ", ".join(person(p) for p in d.absent), "",
            f"Secrétaire de séance : {person(d.secretary)}", "",
            f"Rapporteur : {person(d.extra['reporter'])}, adjoint délégué à la santé", "",
            "La Ville soutient les associations et les structures qui agissent pour la santé de ses habitants : "
            "prévention, accès aux soins, accompagnement des aidants et des personnes âgées.", ""]
    if len(d.grants) == 1:
        g = d.grants[0]
        out += [paragraph_about(rng, g, d.authority.name), "",
                "Le Conseil municipal, après en avoir délibéré, DÉCIDE :", "",
                f"Article 1 : d'attribuer une subvention {NATURE_WORDS[g.nature]} de {amount_fr(g.amount)} € à "
                f"{_with_article(g.beneficiary)} au titre de l'exercice {year} ;", ""]
    else:
        total = sum(g.amount for g in d.grants)
        cents = rng.random() < 0.5
        fmt = (lambda v: f"{amount_fr(v)},00 €") if cents else (lambda v: f"{amount_fr(v)} €")
        out += ["Le Conseil municipal, après en avoir délibéré, DÉCIDE :", "",
                f"Article 1 : d'attribuer les subventions suivantes au titre de l'exercice {year} :", "",
                "| Bénéficiaire | Objet | Montant proposé |", "|---|---|---|"]
        out += [f"| {g.beneficiary.name} | {g.purpose} | {fmt(g.amount)} |" for g in d.grants]
        out += [f"| Total | | {fmt(total)} |", ""]
    out += [f"Article 2 : les crédits sont inscrits au budget primitif {year}, chapitre 65, article 6574.", "",
            _vote_line(d), "", "Fait et délibéré les jour, mois et an susdits.", "",
            titled(d.chair, "Le Maire,", "La Maire,"), f"{d.chair[1]} {d.chair[2]}", "",
            f"Envoyé en préfecture le {d.received - dt.timedelta(days=1):%d/%m/%Y}",
            f"Reçu en préfecture le {d.received:%d/%m/%Y}", f"ID : {d.actes_id}",
            f"Affiché le {d.received + dt.timedelta(days=1):%d/%m/%Y}", ""]
    return "\n".join(out)


def _with_article(a: Actor) -> str:
    if a.kind in ("association", "usagers") and not a.name.startswith("Association"):
        return f"l'association {a.name}"
    return a.name


# --- département: Commission permanente, a table flattened by PDF extraction --------------------------------


def departement(rng: random.Random, d: Deliberation) -> str:
    year = d.grants[0].year
    out = [
        f"DÉPARTEMENT {d.authority.extra['of'].upper()}", "COMMISSION PERMANENTE", "",
        f"Réunion du {french_date(d.date)}", f"Délibération n° {d.number}", "",
        f"Objet : {d.title}", "",
        f"La Commission permanente du Conseil départemental, réunie le {french_date(d.date)} sous la présidence "
        f"de {person(d.chair)}, {titled(d.chair, 'Président', 'Présidente')} du {d.authority.name},", "",
        "Nombre de membres en exercice : " + str(len(d.council)), f"Nombre de présents : {len(d.present)}", "",
        "Présents : " + wrap_names([person(p) for p in d.present], 5), "",
    ]
    if d.proxies:
        out += ["Pouvoirs : " + ", ".join(f"{person(a)} donne pouvoir à {person(b)}" for a, b in d.proxies), ""]
    out += [
        "Vu le Code général des collectivités territoriales ;",
        f"Vu le budget primitif {year} ;",
        f"Vu le rapport de {titled(d.chair, 'Monsieur le Président', 'Madame la Présidente')} ;",
        "Considérant l'intérêt départemental des actions de santé et de prévention portées par ces structures ;", "",
        "DÉCIDE", "",
        "- d'attribuer aux structures figurant dans le tableau ci-dessous les subventions suivantes :", "",
        "Bénéficiaire Nature Montant",
    ]
    for g in d.grants:
        name = g.beneficiary.name
        words = name.split()
        code = NATURE_CODES[g.nature]
        if len(words) > 4 and rng.random() < 0.5:
            cut = next((i for i in range(2, len(words)) if words[i] in ("de", "du", "des", "d'")), 2)
            out += [" ".join(words[:cut]), f"{' '.join(words[cut:])} {code} {amount_fr(g.amount)} €"]
        else:
            out.append(f"{name} {code} {amount_fr(g.amount)} €")
    out += [f"Total {amount_fr(sum(g.amount for g in d.grants))} €", "",
            "F : fonctionnement ; P : projet ; I : investissement", "",
            "- d'imputer la dépense correspondante au compte 6574 du budget départemental.", "",
            _vote_line(d), "", titled(d.chair, "Le Président,", "La Présidente,"), f"{d.chair[1]} {d.chair[2]}", "",
            "Accusé de réception en préfecture", d.actes_id,
            f"Date de télétransmission : {d.received:%d/%m/%Y}",
            f"Date de réception préfecture : {d.received:%d/%m/%Y}", ""]
    return "\n".join(out)


# --- communauté d'agglomération: a dashed list of grant sentences -------------------------------------------


def agglomeration(rng: random.Random, d: Deliberation) -> str:
    year = d.grants[0].year
    out = [
        d.authority.name.upper(), "Conseil communautaire", "", f"Séance du {french_date(d.date)}",
        f"Délibération n° {d.number}", "", f"Objet : {d.title}", "",
        f"Le Conseil communautaire de la {d.authority.name}, régulièrement convoqué le "
        f"{french_date(d.extra['convened'])}, s'est réuni sous la présidence de {person(d.chair)}.", "",
        f"Nombre de conseillers en exercice : {len(d.council)}", f"Nombre de présents : {len(d.present)}",
        f"Nombre de pouvoirs : {len(d.proxies)}", "",
        "Étaient présents : " + wrap_names([person(p) for p in d.present], 5), "",
    ]
    if d.proxies:
        out += ["Pouvoirs : " + ", ".join(f"{person(a)} donne pouvoir à {person(b)}" for a, b in d.proxies), ""]
    out += [f"Secrétaire de séance : {person(d.secretary)}", "",
            "Dans le cadre de son contrat local de santé, la communauté accompagne les acteurs du territoire "
            "qui agissent pour la prévention, l'accès aux soins et le bien vieillir.", "",
            "Le Conseil communautaire, après en avoir délibéré, décide d'attribuer :", ""]
    for i, g in enumerate(d.grants):
        end = "." if i == len(d.grants) - 1 else " ;"
        out.append(f"- une subvention {NATURE_WORDS[g.nature]} de {amount_fr(g.amount)} € à "
                   f"{_with_article(g.beneficiary)}{end}")
    out += ["", f"Les crédits correspondants sont inscrits au budget {year}, nature 6574.", "",
            _vote_line(d), "", f"Reçu en préfecture le {d.received:%d/%m/%Y}", f"ID : {d.actes_id}",
            f"Publiée le : {french_date(d.received + dt.timedelta(days=2))}", ""]
    return "\n".join(out)


STYLES = {"metropole": metropole, "commune": commune, "departement": departement, "agglomeration": agglomeration}


def render(rng: random.Random, d: Deliberation) -> str:
    """Return the text of ``d`` in its authority's style."""
    return STYLES[d.style](rng, d)
