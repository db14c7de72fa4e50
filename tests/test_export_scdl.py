"""SCDL re-export: the graph's grants as an SCDL subventions v2.1.1 CSV that passes the official Table Schema."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from graph.export import export_scdl
from graph.identifiers import siret_ok
from graph.ingest.pipeline import ingest_paths
from graph.scdl_export_rows import COLUMNS
from graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
BASE = "https://w3id.org/maillage/id/"


@pytest.fixture
def exported(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    files = [FIXTURES / n for n in ("exemple_valide_v2.1.1.csv", "DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv",
                                    "exemple.csv", "SCDL.csv")]
    ingest_paths(store, files)
    out = io.BytesIO()
    counts = export_scdl(store, out)
    path = tmp_path / "export.csv"
    path.write_bytes(out.getvalue())
    return counts, path


def test_every_expressible_grant_is_exported_and_the_others_counted(exported):
    # 29 + 13 + 1 grants have a valid funder SIRET and a beneficiary SIRET or RNA; SCDL.csv's 3 have no valid
    # funder SIRET, and exemple.csv's Bellandier SAS has an invalid SIRET and no RNA (ingest kept neither invalid
    # SIRET). The funder and the beneficiary that kept them out are named, with why. The official example has three
    # periods ending before they start, which the schema accepts: written as published, said doubtful; and one of a
    # 30th month: written as the convention date, said replaced.
    counts = dict(exported[0])
    assert [(s["grant"].rsplit("/", 1)[1], s["kind"], s["held"]) for s in counts.pop("substituted")] == [
        ("siren-399356401-2016-05-26-conv-n-1589-15", "replaced", "2017-03-02/2017-30-05"),
        ("siren-410091722-2017-12-14-conv-n-3198-17-et-delib-n-3198-17-du-2017-12-14", "doubtful",
         "2017-12-20/2017-03-09"),
        ("siren-450833348-2015-02-06-conv-n-580-15", "doubtful", "2017-04-12/2017-03-09"),
        ("siren-483258315-2015-01-20-conv-n-366-15", "doubtful", "2017-03-02/2017-01-10")]
    assert counts == {"written": 43, "skipped": 4, "because": {"funder-siret": 3, "beneficiary-id": 1},
                      "replaced": {"datesPeriodeVersement": 1}, "doubtful": {"datesPeriodeVersement": 3},
                           "actors": [
                               {"role": "funder", "name": "TEST_SOCLE_SCDL", "iri": BASE + "actor/test-socle-scdl",
                                "lacks": "no-identifier", "why": "ni SIREN ni SIRET connu",
                                "why_en": "no SIREN nor SIRET known", "grants": 3},
                               {"role": "beneficiary", "name": "Bellandier SAS", "iri": BASE + "actor/bellandier",
                                "lacks": "no-identifier", "why": "ni SIREN ni SIRET connu, ni numéro RNA",
                                "why_en": "no SIREN nor SIRET known, nor any RNA number", "grants": 1}]}


def test_the_export_passes_the_official_table_schema(exported):
    from frictionless import Resource, Schema

    descriptor = json.loads((FIXTURES / "schema_v2.1.1.json").read_text(encoding="utf-8"))
    path = exported[1]
    report = Resource(path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor)).validate()
    assert (report.valid, report.flatten(["rowNumber", "fieldName", "type"])) == (True, [])


def test_the_export_passes_the_custom_checks_frictionless_does_not_run(exported):
    with exported[1].open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0].keys() == set(COLUMNS)
    assert all(siret_ok(r["idAttribuant"]) for r in rows)
    assert all(siret_ok(r["idBeneficiaire"]) or r["rnaBeneficiaire"] for r in rows)
    assert all(not r["idBeneficiaire"] or siret_ok(r["idBeneficiaire"]) for r in rows)


def test_shared_grants_are_exported_with_their_total_and_share(exported):
    with exported[1].open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["nomBeneficiaire"] == "Rodriguez SA"]
    assert [(r["montant"], r["pourcentageSubvention"], r["nature"]) for r in rows] == [
        ("27501", "0.8", "aide en numéraire;aide en nature")]  # the rows' sum: each stated its beneficiary's own


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_an_actor_of_many_sirets_and_names_gives_one_row_per_grant_with_the_least_of_each(tmp_path, backend):
    """An authority's SIRETs are its establishments' (hundreds for a département), and two sources may name an
    actor differently: each grant is one row, with the least SIRET and name, as SCDL wants one of each."""
    from rdflib import Graph

    base = "https://w3id.org/maillage/id/"
    turtle = f"""
        @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <{base}actor/dep> a mai:PublicAuthority ; rdfs:label "Département" , "DEPARTEMENT" ;
            mai:siret "22420001700024" , "22420001700008" , "22420001700016" .
        <{base}actor/asso> a mai:Association ; rdfs:label "Asso" ; mai:rna "W423012345" .
        """ + "".join(f"""
        <{base}grant/g{n}> a mai:Grant ; schema:funder <{base}actor/dep> ; mai:beneficiary <{base}actor/asso> ;
            schema:amount "{n}00"^^xsd:decimal ; mai:conventionDate "2024-05-16"^^xsd:date .""" for n in (1, 2))
    store = open_store({"store": backend, "data_dir": str(tmp_path / "store")})
    with store.writer() as writer:
        writer.replace_graph(f"{base}source/test", Graph().parse(data=turtle, format="turtle"))
        writer.commit()
    out = io.BytesIO()
    counts = export_scdl(store, out)
    del counts["substituted"]  # the grants of the cells counted as replaced
    assert counts == {"written": 2, "skipped": 0, "because": {},
                      "unknown": {"conditionsVersement": 2, "notificationUE": 2},
                      "replaced": {"objet": 2, "nature": 2, "datesPeriodeVersement": 2}}
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert [(r["nomAttribuant"], r["idAttribuant"], r["montant"]) for r in rows] == [
        ("DEPARTEMENT", "22420001700008", "100"), ("DEPARTEMENT", "22420001700008", "200")]


def test_a_grant_that_two_sources_publish_is_one_line_and_said_so(tmp_path):
    from graph.scdl_export_summary import scdl_summary

    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    copy = tmp_path / "exemple_valide_copie.csv"
    copy.write_bytes((FIXTURES / "exemple_valide_v2.1.1.csv").read_bytes())
    ingest_paths(store, [FIXTURES / "exemple_valide_v2.1.1.csv", copy])
    out = io.BytesIO()
    counts = export_scdl(store, out)
    lines = out.getvalue().decode("utf-8").splitlines()[1:]
    assert len(lines) == len(set(lines)) == counts["written"] and counts["because"] == {"repeated": counts["written"]}
    assert "écrite une fois" in scdl_summary(counts)


def test_a_grant_read_from_a_deliberation_is_exported_with_the_deliberations_number(tmp_path):
    from rdflib import Graph

    base = "https://w3id.org/maillage/id/"
    turtle = f"""
        @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <{base}actor/dep> a mai:PublicAuthority ; rdfs:label "Département" ; mai:siret "22420001700008" .
        <{base}actor/asso> a mai:Association ; rdfs:label "Asso" ; mai:rna "W423012345" .
        <{base}deliberation/d> a mai:Deliberation ; dcterms:identifier "2025-CP-03-112" ;
            dcterms:date "2025-03-17"^^xsd:date .
        <{base}grant/g> a mai:Grant ; schema:funder <{base}actor/dep> ; mai:beneficiary <{base}actor/asso> ;
            schema:amount "500"^^xsd:decimal ; mai:decidedBy <{base}deliberation/d> ."""
    store = open_store({"store": "memory"})
    with store.writer() as writer:
        writer.replace_graph(f"{base}source/test", Graph().parse(data=turtle, format="turtle"))
        writer.commit()
    out = io.BytesIO()
    export_scdl(store, out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert (row["referenceDecision"], row["dateConvention"]) == ("2025-CP-03-112", "2025-03-17")


def _export_turtle(turtle: str) -> tuple[dict, list[dict]]:
    """Export the grants of a store holding ``turtle`` (prefixes and the two actors' classes given here)."""
    from rdflib import Graph

    prologue = """@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        """
    store = open_store({"store": "memory"})
    with store.writer() as writer:
        writer.replace_graph(BASE + "source/test", Graph().parse(data=prologue + turtle, format="turtle"))
        writer.commit()
    out = io.BytesIO()
    counts = export_scdl(store, out)
    return counts, list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))


_GRANT = f"""<{BASE}grant/g> a mai:Grant ; schema:funder <{BASE}actor/funder> ;
    mai:beneficiary <{BASE}actor/beneficiary> ; schema:amount "500"^^xsd:decimal ;
    mai:conventionDate "2024-05-16"^^xsd:date .
"""


@pytest.mark.parametrize("role, column, own, others", [
    # Known by its SIREN alone; an establishment of that SIREN is in the graph (a SIRENE or RNA row, an RDF file).
    ("funder", "idAttribuant", 'mai:siren "244200770"', f'<{BASE}site/dep-siege> mai:siren "244200770" ; '
                                                       'mai:siret "24420077000018" .'),
    ("beneficiary", "idBeneficiaire", 'mai:siren "423000009"', f'<{BASE}site/asso-siege> mai:siren "423000009" ; '
                                                               'mai:siret "42300000900013" .'),
    # Its own SIRET fails the Luhn key (an RDF file's typo) and sorts first: the valid one is written.
    ("funder", "idAttribuant", 'mai:siren "244200770" ; mai:siret "24420077000010" , "24420077000018"', ""),
    ("beneficiary", "idBeneficiaire", 'mai:siren "423000009" ; mai:siret "42300000900010" , "42300000900013"',
     ""),
])
def test_an_organisation_known_by_its_siren_is_exported_with_a_siret_the_graph_knows_for_it(role, column, own,
                                                                                              others):
    ids = {"funder": 'mai:siret "22420001700008"', "beneficiary": 'mai:rna "W423012345"'}
    ids[role] = own
    counts, rows = _export_turtle(_GRANT + f"""
        <{BASE}actor/funder> a mai:PublicAuthority ; rdfs:label "Département" ; {ids["funder"]} .
        <{BASE}actor/beneficiary> a mai:Association ; rdfs:label "Asso" ; {ids["beneficiary"]} .
        {others}""")
    expected = "24420077000018" if role == "funder" else "42300000900013"
    assert (counts["written"], [r[column] for r in rows]) == (1, [expected])


def test_an_organisations_own_siret_is_written_before_one_of_another_resource_of_its_siren():
    counts, rows = _export_turtle(_GRANT + f"""
        <{BASE}actor/funder> a mai:PublicAuthority ; rdfs:label "Département" ; mai:siren "244200770" ;
            mai:siret "24420077000026" .
        <{BASE}site/dep-siege> mai:siren "244200770" ; mai:siret "24420077000018" .
        <{BASE}actor/beneficiary> a mai:Association ; rdfs:label "Asso" ; mai:rna "W423012345" .""")
    assert [r["idAttribuant"] for r in rows] == ["24420077000026"]


@pytest.mark.parametrize("role, funder_ids, beneficiary_ids, lacks, why, why_en", [
    ("funder", 'mai:siren "244200770"', 'mai:rna "W423012345"', "siren-only",
     "SIREN 244200770 seul, aucun SIRET de cet organisme dans le graphe",
     "SIREN 244200770 alone, no SIRET of this organisation in the graph"),
    ("funder", 'mai:siret "24420077000010"', 'mai:rna "W423012345"', "invalid-siret", "SIRET invalide (clé de Luhn)",
     "invalid SIRET (Luhn key)"),
    ("funder", "", 'mai:rna "W423012345"', "no-identifier", "ni SIREN ni SIRET connu", "no SIREN nor SIRET known"),
    ("beneficiary", 'mai:siret "22420001700008"', 'mai:siren "423000009"', "siren-only",
     "SIREN 423000009 seul, aucun SIRET de cet organisme dans le graphe, ni numéro RNA",
     "SIREN 423000009 alone, no SIRET of this organisation in the graph, nor any RNA number"),
    ("beneficiary", 'mai:siret "22420001700008"', 'mai:rna "W9T1002867"', "rna-pattern",
     "pas de SIRET, et le numéro RNA W9T1002867 n'a pas la forme SCDL (W + 9 chiffres)",
     "no SIRET, and the RNA number W9T1002867 is not of the SCDL form (W + 9 digits)"),
])
def test_a_grant_whose_organisation_has_no_siret_is_left_out_and_the_summary_names_it_and_why(
        role, funder_ids, beneficiary_ids, lacks, why, why_en):
    from graph.scdl_export_summary import scdl_summary

    counts, rows = _export_turtle(_GRANT + f"""
        <{BASE}actor/funder> a mai:PublicAuthority ; rdfs:label "Département" {funder_ids and "; " + funder_ids} .
        <{BASE}actor/beneficiary> a mai:Association ; rdfs:label "Asso" ; {beneficiary_ids} .""")
    reason = "funder-siret" if role == "funder" else "beneficiary-id"
    name = "Département" if role == "funder" else "Asso"
    assert (rows, counts) == ([], {"written": 0, "skipped": 1, "because": {reason: 1}, "actors": [
        {"role": role, "name": name, "iri": f"{BASE}actor/{role}", "lacks": lacks, "why": why, "why_en": why_en,
         "grants": 1}]})
    label = "attribuant" if role == "funder" else "bénéficiaire"
    assert scdl_summary(counts).splitlines()[1] == f"  {label} « {name} » : {why} (1 subvention)"
    left_out = "no valid funder SIRET" if role == "funder" else "no beneficiary SIRET nor RNA number (W + 9 digits)"
    assert scdl_summary(counts, "en").splitlines() == [f"SCDL: 0 grants written, 1 left out (1 {left_out})",
                                                       f"  {role} '{name}': {why_en} (1 grant)"]


SOURCE_COLUMNS = ("idAttribuant", "nature", "conditionsVersement", "notificationUE")


def test_the_export_writes_back_what_each_scdl_row_said(tmp_path):
    """Payment conditions, EU notification, both natures and the funder's SIRET are the source row's, even when
    another file gives the same funder another establishment's SIRET."""
    source = (FIXTURES / "exemple_valide_v2.1.1.csv").read_text(encoding="utf-8")
    other = ("nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,nature,"
             "conditionsVersement,datesPeriodeVersement,notificationUE,pourcentageSubvention\n"
             "ANTIBES,21060004500012,2020-01-02,Club,81223113200026,Sport,1000,aide en nature,unique,2020-01-02,"
             "non,1\n")
    mixed = source.replace("aide en numéraire,échelonné", "aide en numéraire;aide en nature,échelonné", 1)
    (tmp_path / "a.csv").write_text(mixed, encoding="utf-8")
    (tmp_path / "b.csv").write_text(other, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    ingest_paths(store, [tmp_path / "a.csv", tmp_path / "b.csv"])
    out = io.BytesIO()
    export_scdl(store, out)
    written = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    expected = Counter(tuple(r[c] for c in SOURCE_COLUMNS) for r in csv.DictReader(io.StringIO(mixed)))
    expected[("21060004500012", "aide en nature", "unique", "non")] += 1
    assert Counter(tuple(r[c] for c in SOURCE_COLUMNS) for r in written) == expected


def test_what_the_graph_does_not_know_is_left_empty_and_counted_in_the_summary():
    """A grant read from a deliberation says neither payment conditions nor EU notification: no "non" guessed."""
    from graph.scdl_export_summary import scdl_summary

    counts, rows = _export_turtle(_GRANT + f"""
        <{BASE}actor/funder> a mai:PublicAuthority ; rdfs:label "Département" ; mai:siret "22420001700008" .
        <{BASE}actor/beneficiary> a mai:Association ; rdfs:label "Asso" ; mai:rna "W423012345" .""")
    assert [(r["nature"], r["conditionsVersement"], r["notificationUE"]) for r in rows] == [
        ("aide en numéraire", "", "")]
    assert counts["unknown"] == {"conditionsVersement": 1, "notificationUE": 1}
    assert scdl_summary(counts).splitlines()[1] == (
        "  cellules laissées vides, leur source ne les disant pas : conditionsVersement (1), notificationUE (1) ; "
        "colonnes obligatoires du schéma, qu'un validateur SCDL signalera")


@pytest.mark.parametrize("lang, said", [
    ("fr", "  3 valeurs remplacées : dateConvention (1, par la date de la décision qui l'accorde), objet (1, par "
           "« Subvention »), nature (1, par « aide en numéraire ») ; --verbose nomme leurs subventions"),
    ("en", "  3 values replaced: dateConvention (1, by the date of the decision granting it), objet (1, by "
           "'Subvention'), nature (1, by 'aide en numéraire'); --verbose names their grants"),
])
def test_the_cells_filled_for_want_of_better_are_said_among_the_values_replaced(lang, said):
    """An absent purpose written « Subvention », a deliberation's date for the convention's: read back, they are
    facts; the summary says them with the other stand-ins, in one line."""
    from graph.scdl_export_summary import scdl_summary

    counts, rows = _export_turtle(f"""<{BASE}grant/g> a mai:Grant ; schema:funder <{BASE}actor/funder> ;
            mai:beneficiary <{BASE}actor/beneficiary> ; schema:amount "500"^^xsd:decimal ;
            mai:decidedBy [ <http://purl.org/dc/terms/date> "2024-05-16"^^xsd:date ] ;
            mai:paymentPeriod "2024-06-01" ; mai:paymentConditions "unique" ; mai:euNotified false .
        <{BASE}actor/funder> a mai:PublicAuthority ; rdfs:label "Département" ; mai:siret "22420001700008" .
        <{BASE}actor/beneficiary> a mai:Association ; rdfs:label "Asso" ; mai:rna "W423012345" .""")
    assert [(r["dateConvention"], r["objet"]) for r in rows] == [("2024-05-16", "Subvention")]
    assert "filled" not in counts
    assert scdl_summary(counts, lang).splitlines()[1:] == [said]
