"""The legality control of an SCDL deliberations list (PREF_ID): the code of the prefecture, sub-prefecture or SGAR
that holds it, kept as ``mai:legalityControlAuthority`` when of the schema's form (PREF042, SPREF0691, SGAR084,
PREF02A), warned about and left out when not; shown on the deliberation's page as the body it names.

Fixture strategy: tiny inline lists read by the reader alone; the page's test ingests one through the product's
pipeline over the web fixture's data (:func:`web_fixture.data_with`) and reads it from a fresh app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SH
from web_fixture import data_with, fresh_app

from graph.ingest.base import SourceContext
from graph.ingest.scdl_deliberations import extract
from graph.namespaces import DCTERMS, MAI
from graph.ontology import load_shapes
from webapp.display import format_control_code
from webapp.resources import close_resources

HEADER = "COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET;PREF_ID;PREF_DATE\n"
EX = Namespace("https://ex.org/")
KEPT = ["PREF042", "SPREF0691", "SGAR084", "PREF02A", "SPREF02B1", "PREF971"]
REFUSED = ["Loire", "Préfecture de la Loire", "PREF42", "pref042", "PREF 042", "SPREF069", "PREF0421", "SGAR2A",
           "PREF02C"]


def deliberations(*codes: str):
    """The extraction of a list whose rows give one deliberation each, with the PREF_ID ``codes`` in order."""
    rows = "".join(f"Saint-Etienne Métropole;24420077000018;2024.{n};2024-05-16;Objet {n};{code};2024-05-21\n"
                   for n, code in enumerate(codes, start=1))
    return extract(SourceContext(Path("delibs.csv"), (HEADER + rows).encode()))


def controls(ex) -> dict[str, str]:
    """The legality control of each deliberation of ``ex``, by its number."""
    graph = ex.graph
    return {str(graph.value(d, DCTERMS.identifier)): str(code)
            for d, _, code in graph.triples((None, MAI.legalityControlAuthority, None))}


@pytest.mark.parametrize("code", KEPT)
def test_a_legality_control_code_of_the_schemas_form_is_kept_without_a_word(code):
    ex = deliberations(code)
    assert (controls(ex), ex.issues) == ({"2024.1": code}, [])
    assert set(ex.graph.objects(None, MAI.legalityControlAuthority)) == {Literal(code)}


def test_a_pref_id_column_is_read_not_said_unread():
    ex = deliberations("PREF042", "", "SGAR084")
    assert [i.message for i in ex.issues if "non lue" in i.message] == []
    assert controls(ex) == {"2024.1": "PREF042", "2024.3": "SGAR084"}


@pytest.mark.parametrize("code", REFUSED)
def test_a_legality_control_code_of_another_form_is_warned_naming_its_line_and_column_and_left_out(code):
    ex = deliberations("PREF042", code)
    assert [(i.level, i.line, i.field, i.value) for i in ex.issues] == [("warning", 3, "PREF_ID", code)]
    assert controls(ex) == {"2024.1": "PREF042"} and ex.stats["deliberations"] == 2


def test_the_warning_says_the_form_the_schema_asks_for_in_french_then_english():
    [issue] = deliberations("Loire").issues
    assert issue.message == ("code du contrôle de légalité « Loire » hors du format du schéma SCDL : ignoré (PREFNNN "
                             "pour une préfecture, SPREFNNNM pour une sous-préfecture, SGARNNN pour un SGAR ; NNN le "
                             "numéro du département sur 3 caractères, M celui de l'arrondissement, par exemple "
                             "PREF042, SPREF0691, PREF02A)")
    assert issue.message_en == ("legality control code 'Loire' not of the SCDL schema's form: ignored (PREFNNN for a "
                                "prefecture, SPREFNNNM for a sub-prefecture, SGARNNN for an SGAR; NNN the "
                                "département's number on 3 characters, M the arrondissement's, for example PREF042, "
                                "SPREF0691, PREF02A)")


@pytest.mark.parametrize("code", KEPT + REFUSED)
def test_the_shapes_accept_the_codes_that_the_reader_keeps_and_only_those(code):
    data = Graph()
    data.add((EX.d, RDF.type, MAI.Deliberation))
    data.add((EX.d, DCTERMS.identifier, Literal("1")))
    data.add((EX.d, MAI.legalityControlAuthority, Literal(code)))
    _, report, _ = pyshacl_validate(data, shacl_graph=load_shapes(), inference="none")
    paths = {report.value(r, SH.resultPath) for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert (MAI.legalityControlAuthority in paths) == (code in REFUSED)


@pytest.mark.parametrize("lang, code, shown", [
    ("fr", "PREF042", "Préfecture du département 42 (PREF042)"),
    ("fr", "SPREF0691", "Sous-préfecture de l'arrondissement 1 du département 69 (SPREF0691)"),
    ("fr", "SGAR084", "SGAR de la préfecture de région, département 84 (SGAR084)"),
    ("fr", "PREF02A", "Préfecture du département 2A (PREF02A)"),
    ("fr", "PREF001", "Préfecture du département 01 (PREF001)"),
    ("fr", "PREF971", "Préfecture du département 971 (PREF971)"),
    ("en", "PREF042", "Prefecture of département 42 (PREF042)"),
    ("en", "SPREF0691", "Sub-prefecture of arrondissement 1, département 69 (SPREF0691)"),
    ("en", "SGAR084", "SGAR of the regional prefecture, département 84 (SGAR084)"),
    ("fr", "Loire", "Loire"),
])
def test_a_legality_control_code_is_written_as_the_body_it_names_in_the_pages_language(lang, code, shown):
    with Flask(__name__).test_request_context(f"/?lang={lang}"):
        assert format_control_code(code) == shown


LIST = ("COLL_NOM;DELIB_ID;DELIB_DATE;DELIB_OBJET;PREF_ID;PREF_DATE\n"
        "Commune de Fontclair;2024-17;2024-05-16;Subvention au centre de santé;PREF042;2024-05-21\n")


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    """The web fixture's data with LIST ingested after it, and the IRI of its deliberation (built once)."""
    data = data_with(tmp_path_factory.mktemp("control"), LIST, "fontclair_deliberations.csv")
    iri = next(iter(extract(SourceContext(Path("d.csv"), LIST.encode())).graph.subjects(RDF.type, MAI.Deliberation)))
    return data, str(iri)


@pytest.fixture
def client(listed, tmp_path):
    app = fresh_app(listed[0], tmp_path)
    yield app.test_client()
    close_resources(app)


@pytest.mark.parametrize("lang, said", [
    ("fr", "contrôle de légalité Préfecture du département 42 (PREF042)"),
    ("en", "legality control Prefecture of département 42 (PREF042)")])
def test_a_deliberations_page_names_its_legality_control_in_the_pages_language(listed, client, lang, said):
    path = listed[1].removeprefix("https://w3id.org/maillage")
    page = client.get(f"{path}?lang={lang}", headers={"Accept": "text/html"}).get_data(as_text=True)
    shown = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", page)  # the property's definition
    assert said in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown))
    properties = client.get(f"{path}.json?lang={lang}").get_json()["properties"]
    assert [p["values"] for p in properties if p["property"]["iri"] == str(MAI.legalityControlAuthority)] == [
        ["PREF042"]]
    turtle = Graph().parse(data=client.get(f"{path}.ttl").get_data(as_text=True), format="turtle")
    assert set(turtle.objects(None, MAI.legalityControlAuthority)) == {Literal("PREF042")}
