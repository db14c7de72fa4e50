"""The sessions of an SCDL deliberations list's rows: the assembly its date column or a column of its own names, and
the session and organ nodes that the texts of that session's deliberations give too."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.ingest.base import SourceContext
from graph.ingest.deliberation import extract as extract_text
from graph.ingest.pipeline import ingest_paths
from graph.ingest.scdl_deliberations import extract
from graph.namespaces import MAI, ORG
from graph.resolution_deliberations import canonical_deliberations
from graph.triples import TripleSet

FIXTURES = Path(__file__).parent / "fixtures"
MONTPELLIER = FIXTURES / "tabular" / "VilleMTP_MTP_Delibs.csv"
TEXT_171 = FIXTURES / "deliberations" / "2014-04-24-0000071276.pdf"
BASE = "https://w3id.org/maillage/id/"
CITY = URIRef(BASE + "actor/siren-213401722")
COUNCIL = URIRef(BASE + "body/siren-213401722/conseil-municipal")


def read(data: str, funder: str = "Ville de Montpellier;213401722") -> TripleSet:
    return extract(SourceContext(Path("delibs.csv"), data.encode(), options={"funder": funder})).graph


def test_a_list_whose_date_column_is_the_councils_gives_each_deliberation_its_session_and_organ():
    data = MONTPELLIER.read_bytes()
    g = extract(SourceContext(MONTPELLIER, data, options={"funder": "Ville de Montpellier;213401722"})).graph
    sessions = sorted(g.subjects(RDF.type, MAI.Session))
    assert [(str(s), g.value(s, DCTERMS.date), g.value(s, MAI.body)) for s in sessions] == [
        (BASE + "session/siren-213401722/conseil-municipal/2013-11-25", Literal("2013-11-25", datatype=XSD.date),
         COUNCIL),
        (BASE + "session/siren-213401722/conseil-municipal/2013-12-16", Literal("2013-12-16", datatype=XSD.date),
         COUNCIL)]
    assert (g.value(COUNCIL, RDF.type), g.value(COUNCIL, RDFS.label), g.value(COUNCIL, ORG.unitOf)) == (
        ORG.OrganizationalUnit, Literal("Conseil Municipal"), CITY)
    deliberations = set(g.subjects(RDF.type, MAI.Deliberation))
    assert len(deliberations) == 160
    assert all(g.value(d, MAI.body) == COUNCIL and g.value(d, MAI.session) in sessions for d in deliberations)


def test_a_rows_session_and_organ_are_those_a_text_of_that_session_gives():
    text = extract_text(SourceContext(TEXT_171, TEXT_171.read_bytes())).graph
    row = read("Numéro de délibération;Date CM;Titre\n2014/172;24/04/2014;Autre délibération\n")
    (session,) = text.subjects(RDF.type, MAI.Session)
    assert set(row.subjects(RDF.type, MAI.Session)) == {session}
    assert set(row.subjects(RDF.type, ORG.OrganizationalUnit)) == set(text.subjects(RDF.type, ORG.OrganizationalUnit))


@pytest.mark.parametrize("column, cell, organ", [
    ("Instance", "CC", "Conseil Communautaire"), ("Organe", "conseil municipal", "Conseil Municipal"),
    ("Organe", "Commission permanente", "Commission Permanente"),
    ("Instance", "Conseil de quartier", "Conseil de quartier")])
def test_a_body_column_names_the_assembly_in_the_readers_words(column, cell, organ):
    g = read(f"DELIB_ID;DELIB_DATE;{column};DELIB_OBJET\n12;2024-03-28;{cell};Objet\n", funder="Ville de X")
    assert [str(o) for o in g.objects(None, RDFS.label)] == ["Ville de X", organ]
    (session,) = g.subjects(RDF.type, MAI.Session)
    assert g.value(session, DCTERMS.date) == Literal("2024-03-28", datatype=XSD.date)


@pytest.mark.parametrize("column, organ", [("Date CC", "Conseil Communautaire"), ("Date CD", "Conseil Départemental"),
                                           ("Date CR", "Conseil Régional")])
def test_a_date_column_named_after_the_assembly_names_it(column, organ):
    g = read(f"DELIB_ID;{column};DELIB_OBJET\n12;28/03/2024;Objet\n", funder="Ville de X")
    assert [str(o) for o in g.objects(None, RDFS.label)] == ["Ville de X", organ]


def test_a_standard_list_that_names_no_assembly_gives_no_session():
    g = read("DELIB_ID;DELIB_DATE;DELIB_OBJET\n12;2024-03-28;Objet\n13;2024-03-28;Autre\n")
    assert (set(g.subjects(RDF.type, MAI.Session)), set(g.objects(None, MAI.session)),
            set(g.objects(None, MAI.body))) == (set(), set(), set())


def test_a_session_and_an_organ_are_renamed_with_their_resolved_authority():
    g = TripleSet()
    old, session = URIRef(BASE + "deliberation/ville-de-montpellier/464"), URIRef(
        BASE + "session/ville-de-montpellier/conseil-municipal/2013-11-25")
    organ = URIRef(BASE + "body/ville-de-montpellier/conseil-municipal")
    for triple in ((old, RDF.type, MAI.Deliberation), (old, MAI.authority, CITY),
                   (old, DCTERMS.identifier, Literal("464")), (old, MAI.session, session), (old, MAI.body, organ),
                   (session, MAI.body, organ), (organ, ORG.unitOf, CITY)):
        g.add(triple)
    canonical_deliberations(g)
    new = URIRef(BASE + "deliberation/siren-213401722/464")
    assert (g.value(new, MAI.session), g.value(new, MAI.body)) == (
        URIRef(BASE + "session/siren-213401722/conseil-municipal/2013-11-25"), COUNCIL)
    assert g.value(g.value(new, MAI.session), MAI.body) == COUNCIL


def test_a_list_read_with_the_authoritys_name_meets_its_sessions_text_on_one_session(oxi_store, tmp_path):
    listed = tmp_path / "delibs.csv"
    listed.write_text("Numéro de délibération;Date CM;Titre\n2014/172;24/04/2014;Autre délibération\n",
                      encoding="utf-8")
    ingest_paths(oxi_store, [TEXT_171])
    ingest_paths(oxi_store, [listed], options={"funder": "Ville de Montpellier"})
    rows = oxi_store.query(f"SELECT DISTINCT ?d ?s WHERE {{ ?d <{MAI.session}> ?s }}")
    assert sorted((str(d), str(s)) for d, s in rows) == [
        (BASE + f"deliberation/siren-213401722/{n}", BASE + "session/siren-213401722/conseil-municipal/2014-04-24")
        for n in ("2014-171", "2014-172")]
