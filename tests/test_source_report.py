"""The report of an ingest kept with its source (:mod:`graph.ingest.source_report`): stored in the source's graph,
capped, the same at each reading, replaced with the source, and shown on the source's page and its JSON twin
(:mod:`webapp.resource_report`).

Fixture strategy: tiny SCDL grant lists written inline to ``tmp_path`` (a column not read, two bad SIRETs, a row
without beneficiary), ingested by :func:`graph.ingest.pipeline.ingest_paths` into a fresh store of each mode that
matters (the embedded one, and the remote one where the store mode is the point); the web pages from a fresh app
over the same data directory.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.ingest.base import source_iri
from graph.ingest.pipeline import ingest_paths
from graph.ingest.source_report import ISSUES_KEPT_PER_KIND
from graph.namespaces import MAI
from graph.store import open_store

HEADER = "nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant;couleur\n"
GRANTS = HEADER + ("Ville;21060004500392;Club Alpha;73282932000000;100;bleu\n"
                   "Ville;21060004500392;Club Beta;12345678900001;200;rouge\n"
                   "Ville;21060004500392;;;300;vert\n")
MISSING = ("dateConvention, objet, nature, conditionsVersement, datesPeriodeVersement, notificationUE, "
           "pourcentageSubvention")
CLEAN = ("nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature;"
         "conditionsVersement;datesPeriodeVersement;notificationUE;pourcentageSubvention\n"
         "Ville;21060004500392;2024-01-15;Club Alpha;10000000000008;Fonctionnement;100;aide en numéraire;unique;"
         "2024-02-01;non;1\n")  # every column SCDL 2.1.1 requires: a list missing one is warned of
TURTLE = "<https://ex.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n"

_ISSUES = """SELECT ?severity ?fr ?en ?line ?field ?value ?occurrences WHERE { GRAPH ?source {
  ?source mai:ingestIssue ?issue . ?issue a mai:IngestIssue ; mai:severity ?severity ; dcterms:description ?fr .
  FILTER(LANG(?fr) = "fr")
  OPTIONAL { ?issue dcterms:description ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?issue mai:rowNumber ?line } OPTIONAL { ?issue mai:field ?field } OPTIONAL { ?issue rdf:value ?value }
  OPTIONAL { ?issue mai:occurrences ?occurrences } } }"""
_COUNTS = "SELECT ?w ?e WHERE { GRAPH ?source { ?source mai:warningCount ?w ; mai:errorCount ?e } }"
_GRAPH = "SELECT ?s ?p ?o WHERE { GRAPH ?source { ?s ?p ?o } FILTER(?p != prov:generatedAtTime) }"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def rows(store, query: str, source: URIRef) -> list[tuple]:
    from graph.namespaces import sparql_prologue

    return sorted((tuple(None if v is None else v.toPython() for v in row)
                   for row in store.query(sparql_prologue() + query, {"source": source})), key=repr)


def report_rows(store, source: URIRef) -> list[tuple]:
    """Each issue kept for ``source``: severity, French and English messages, line, field, value, occurrences."""
    return rows(store, _ISSUES, source)


# --- what is stored ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["oxigraph", "sparql"])
def test_a_files_warnings_and_errors_are_kept_in_its_sources_graph_with_line_field_and_value(tmp_path, mode,
                                                                                           request):
    store = (open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")}) if mode == "oxigraph"
             else request.getfixturevalue("remote_store"))
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(store, [path])
    source = source_iri(path)
    assert rows(store, _COUNTS, source) == [(4, 1)]
    assert report_rows(store, source) == sorted([
        ("warning", "colonne non lue : couleur (colonne 6)", "column not read: couleur (column 6)", 1, None, None, 1),
        ("warning", f"7 colonnes que le SCDL 2.1.1 demande absentes : {MISSING} ; chaque montant est lu comme celui de "
         "son seul bénéficiaire (part de 100 %)", f"7 columns that SCDL 2.1.1 requires missing: {MISSING}; each amount "
         "is read as its one beneficiary's (a share of 100 %)", 1, None, None, 1),
        ("warning", "SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré",
         "SIRET mangled by a float conversion (digits lost): ignored", 2, "idBeneficiaire",
         "73282932000000", 1),
        ("warning", "SIRET invalide (clé de contrôle) : ignoré", "invalid SIRET (check digit): ignored", 3,
         "idBeneficiaire", "12345678900001", 1),
        ("error", "bénéficiaire manquant (ni nom, ni SIRET, ni RNA valides)",
         "beneficiary missing (no valid name, SIRET or RNA)", 4, "nomBeneficiaire", "", 1),
    ], key=repr)


def test_a_file_without_issues_says_zero_warnings_and_zero_errors_and_nothing_else(oxi_store, tmp_path):
    path = write(tmp_path / "list.csv", CLEAN)
    ingest_paths(oxi_store, [path])
    assert rows(oxi_store, _COUNTS, source_iri(path)) == [(0, 0)]
    assert report_rows(oxi_store, source_iri(path)) == []


def test_an_rdf_file_without_issues_gets_only_the_two_counts(oxi_store, tmp_path):
    path = write(tmp_path / "a.ttl", TURTLE)
    ingest_paths(oxi_store, [path])
    report = [row for row in rows(oxi_store, _GRAPH, source_iri(path))
              if row[1] in (str(MAI.warningCount), str(MAI.errorCount), str(MAI.ingestIssue))]
    assert report == [(str(source_iri(path)), str(MAI.errorCount), 0),
                      (str(source_iri(path)), str(MAI.warningCount), 0)]


def test_an_rdf_files_warning_is_kept_with_its_line(oxi_store, tmp_path):
    path = write(tmp_path / "a.ttl", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                                     "<acteur/1> rdfs:label \"A\" .\n")
    [report] = ingest_paths(oxi_store, [path])
    assert [i.level for i in report.issues] == ["warning"]
    assert [(row[0], row[1]) for row in report_rows(oxi_store, source_iri(path))] == \
        [("warning", report.issues[0].message)]


def test_a_kind_of_issue_repeated_is_kept_for_its_first_lines_and_counted_in_all(oxi_store, tmp_path):
    many = ISSUES_KEPT_PER_KIND + 5
    lines = "".join(f"Ville;21060004500392;Club {n};12345678900001;{n + 1};x\n" for n in range(many))
    [report] = ingest_paths(oxi_store, [write(tmp_path / "list.csv", HEADER + lines)])
    source = report.source
    sirets = [row for row in report_rows(oxi_store, source) if row[4] == "idBeneficiaire"]
    assert sorted(row[3] for row in sirets) == list(range(2, 2 + ISSUES_KEPT_PER_KIND))
    assert [row[6] for row in sirets if row[6] is not None] == [many]
    assert len(report.warnings) > many
    assert rows(oxi_store, _COUNTS, source) == [(len(report.warnings), 0)]


def test_the_same_file_read_twice_gives_the_same_graph(oxi_store, tmp_path):
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(oxi_store, [path])
    before = rows(oxi_store, _GRAPH, source_iri(path))
    [report] = ingest_paths(oxi_store, [path], force=True)
    assert report.status == "stored"
    assert rows(oxi_store, _GRAPH, source_iri(path)) == before


def test_a_new_version_replaces_the_report_and_keeps_what_the_run_says_of_the_replacement(oxi_store, tmp_path):
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(oxi_store, [path])
    [report] = ingest_paths(oxi_store, [write(path, CLEAN)])
    assert any("de moins" in issue.message for issue in report.issues)  # said by the run, of the replacement
    assert rows(oxi_store, _COUNTS, source_iri(path)) == [(2, 0)]  # kept since u30's finding 3: the page says it
    assert sorted(row[0] for row in report_rows(oxi_store, source_iri(path))) == ["warning", "warning"]
    assert not any("Problème" in issue.message for issue in report.issues)  # no « Problème à l'import −4 »


# --- shown ---------------------------------------------------------------------------------------------------

def ingested(tmp_path: Path, name: str, text: str) -> str:
    """Ingest ``text`` as the file ``name`` into ``tmp_path/data`` and return its source page's path."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    path = write(tmp_path / name, text)
    ingest_paths(store, [path])
    store.close()
    return "/id/source/" + str(source_iri(path)).rsplit("/", 1)[-1]


def test_the_source_page_shows_its_ingest_report_counts_then_issues(app_of, tmp_path):
    page = ingested(tmp_path, "list.csv", GRANTS)
    html = app_of().get(page + "?lang=fr").get_data(as_text=True)
    report = html[html.index("Rapport d&#39;import"):html.index("</section>", html.index("Rapport d&#39;import"))]
    assert "4 avertissements, 1 erreur (lignes ou faits rejetés)" in report
    assert "ligne 3, <code>idBeneficiaire</code>=<code>12345678900001</code>\u00a0: <strong>avertissement</strong>" \
        in report
    assert "ligne 4, <code>nomBeneficiaire</code>=<code>(vide)</code>\u00a0: <strong>erreur</strong>" in report
    assert report.index("bénéficiaire manquant") < report.index("colonne non lue") < report.index("chiffres perdus") \
        < report.index("clé de contrôle")  # the errors first, then the warnings, each in the file's order
    english = app_of().get(page + "?lang=en").get_data(as_text=True)
    assert "Ingest report" in english and "invalid SIRET (check digit): ignored" in english


def test_the_json_twin_gives_the_report_with_both_languages(app_of, tmp_path):
    page = ingested(tmp_path, "list.csv", GRANTS)
    report = app_of().get(page + ".json").get_json()["ingest_report"]
    assert (report["warnings"], report["errors"], report["kept_per_kind"]) == (4, 1, ISSUES_KEPT_PER_KIND)
    assert report["issues"][4] == {  # after the error, listed first
        "iri": "https://w3id.org/maillage/id/issue/list-csv/4", "severity": "warning",
        "message": {"fr": "SIRET invalide (clé de contrôle) : ignoré", "en": "invalid SIRET (check digit): ignored"},
        "line": 3, "field": "idBeneficiaire", "value": "12345678900001", "occurrences": 1}


def test_a_source_without_issues_says_so_and_lists_no_counts_as_properties(app_of, tmp_path):
    page = ingested(tmp_path, "list.csv", CLEAN)
    html = app_of().get(page + "?lang=fr").get_data(as_text=True)
    assert "Rapport d&#39;import</h2>\n<p>aucun avertissement</p>" in html
    assert "nombre d&#39;avertissements" not in html


def test_a_repeated_issue_says_how_many_the_file_gave_and_how_many_are_listed(app_of, tmp_path):
    many = ISSUES_KEPT_PER_KIND + 5
    lines = "".join(f"Ville;21060004500392;Club {n};12345678900001;{n};x\n" for n in range(many))
    page = ingested(tmp_path, "list.csv", HEADER + lines)
    html = app_of().get(page + "?lang=fr").get_data(as_text=True)
    assert f"(× {many} dans le fichier, les {ISSUES_KEPT_PER_KIND} premiers ci-dessous)" in html
    assert html.count("clé de contrôle") == ISSUES_KEPT_PER_KIND


def test_a_source_stored_without_a_report_has_no_report_section(app_of, tmp_path):
    page = ingested(tmp_path, "list.csv", CLEAN)
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    with store.writer() as writer:
        writer.update("DELETE WHERE { GRAPH ?g { ?g <%s> ?w ; <%s> ?e } }" % (MAI.warningCount, MAI.errorCount))
        writer.commit()
    store.close()
    client = app_of()
    assert "Rapport d&#39;import" not in client.get(page + "?lang=fr").get_data(as_text=True)
    assert client.get(page + ".json").get_json()["ingest_report"] is None


def test_a_long_value_is_kept_cut_to_its_first_characters():
    """A value is kept to recognise its cell, not to copy it: a 300-character cell keeps 199 and an ellipsis."""
    from graph.ingest.base import Issue
    from graph.ingest.source_report import report_graph

    source = URIRef("https://ex.org/id/source/f-csv")
    graph = report_graph(source, "f-csv", [Issue("warning", "m", "m", 2, "montant", "1" * 300)], "https://ex.org/id/")
    [value] = [o for s, p, o in graph if str(p).endswith("#value")]
    assert value == Literal("1" * 199 + "…")
