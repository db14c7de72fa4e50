"""The reader says which fact each quote of a session and of a deliberation is the evidence of: a session's quote
``mai:supports`` each property whose value its passage states (one selector for one passage, several properties when
it states several facts: « Président de séance : M. X, Maire » the chair and the chair's title), and the words that
write a deliberation's number support ``dcterms:identifier``. A passage that gives the session no value (a list's
heading over no name) supports nothing, and a number the reader takes from the file's name has no quote."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.bindings import run_query
from graph.ingest.base import SourceContext
from graph.ingest.deliberation import extract
from graph.namespaces import MAI, OA
from graph.terms import to_oxigraph
from graph.validation import validate

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"

#: A small act whose session line states its chair with her title, and whose counts are a row of figures under a row
#: of labels.
CHAIRED = """COMMUNE DE SAINT-GENEST-FICTIF
Séance du conseil municipal du 20 juin 2024

Délibération n° 2024-021

Le conseil municipal, dûment convoqué le 13 juin 2024, s'est réuni sous la présidence de Mme Claire VIDAL, Maire.
Membres en exercice    Présents    Pouvoirs    Votants
        10                7           1           8
Présents : Mme Claire VIDAL, M. Paul DURAND, Mme Léa MARTIN
Absents :

Objet : Subvention à l'association Santé Seniors

Le conseil municipal décide d'attribuer une subvention de 600 € à l'association Santé Seniors.
Adopté à l'unanimité.
"""


def _read(tmp_path: Path | None = None, text: str | None = None, name: str = "chaired.txt"):
    path = EXAMPLE if text is None else tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return extract(SourceContext(path=path, data=path.read_bytes()))


def _quotes(graph, fact: URIRef) -> dict[str, set[URIRef]]:
    """The quotes of ``fact`` -> the properties each supports."""
    found = {}
    for selector in graph.objects(fact, MAI.evidence):
        found[str(graph.value(selector, OA.exact))] = set(graph.objects(selector, MAI.supports))
    return found


def _session(graph) -> URIRef:
    return next(iter(graph.subjects(RDF.type, MAI.Session)))


def _deliberation(graph) -> URIRef:
    return next(iter(graph.subjects(RDF.type, MAI.Deliberation)))


def test_each_count_quote_of_the_founding_session_supports_its_count():
    quotes = _quotes(_read().graph, _session(_read().graph))
    assert {quote: props for quote, props in quotes.items() if quote.startswith(("Nombre", "membres"))} == {
        "membres en exercice : 68": {MAI.membersInOffice}, "Nombre de présents : 54": {MAI.membersPresent},
        "Nombre de pouvoirs : 8": {MAI.proxyCount}, "Nombre de voix : 62": {MAI.voteCount}}


def test_the_founding_sessions_lists_and_officers_are_quoted_as_the_evidence_of_each():
    quotes = _quotes(_read().graph, _session(_read().graph))
    by_start = {quote.split(":")[0].strip(): props for quote, props in quotes.items()}
    assert by_start["Membres titulaires présents"] == {MAI.present}
    assert by_start["Membres titulaires absents excusés"] == {MAI.excused}
    assert by_start["Pouvoirs"] == {MAI.proxy}
    assert by_start["Président de séance"] == {MAI.chair}  # no title written: « Mme Sylvie FAYOLLE, »
    assert by_start["Secrétaire de séance"] == {MAI.secretary}
    assert quotes["convoqué le 07 mai 2024"] == {MAI.convenedOn}


def test_every_quote_of_the_founding_session_says_what_it_supports():
    graph = _read().graph
    assert all(_quotes(graph, _session(graph)).values())


def test_the_founding_deliberations_number_is_quoted_where_its_heading_writes_it():
    graph = _read().graph
    quotes = _quotes(graph, _deliberation(graph))
    assert [quote for quote, props in quotes.items() if DCTERMS.identifier in props] == ["DELIBERATION N°2024.00240"]


def test_the_chairs_quote_supports_the_chair_and_the_chairs_title(tmp_path):
    graph = _read(tmp_path, CHAIRED).graph
    quotes = _quotes(graph, _session(graph))
    [(quote, props)] = [(q, p) for q, p in quotes.items() if MAI.chair in p]
    assert quote.endswith("sous la présidence de Mme Claire VIDAL, Maire")
    assert props == {MAI.chair, MAI.roleTitle}
    assert str(graph.value(_session(graph), MAI.roleTitle)) == "Maire"


def test_one_row_of_figures_that_states_the_counts_is_one_selector_that_supports_them_all(tmp_path):
    graph = _read(tmp_path, CHAIRED).graph
    session = _session(graph)
    [selector] = [s for s in graph.objects(session, MAI.evidence) if "10" in str(graph.value(s, OA.exact))]
    assert set(graph.objects(selector, MAI.supports)) == {MAI.membersInOffice, MAI.membersPresent, MAI.proxyCount,
                                                          MAI.voteCount}
    assert [int(graph.value(session, p)) for p in (MAI.membersInOffice, MAI.membersPresent, MAI.voteCount)] == [
        10, 7, 8]


def test_a_lists_heading_over_no_name_supports_no_fact(tmp_path):
    graph = _read(tmp_path, CHAIRED).graph
    assert _quotes(graph, _session(graph))["Absents :"] == set()
    assert graph.value(_session(graph), MAI.absent) is None


def test_a_number_taken_from_the_files_name_has_no_quote(tmp_path):
    extraction = _read(tmp_path, CHAIRED.replace("Délibération n° 2024-021\n", ""), name="sans-numero.txt")
    graph = extraction.graph
    assert str(graph.value(_deliberation(graph), DCTERMS.identifier)) == "sans-numero-txt"
    assert not any(DCTERMS.identifier in props for props in _quotes(graph, _deliberation(graph)).values())


def test_a_quote_that_supports_several_properties_meets_the_shapes(tmp_path):
    """The shapes said a quote supports at most one value (a warning on every chair's quote with its title)."""
    store, graph = ox.Store(), _read(tmp_path, CHAIRED).graph
    source = ox.NamedNode("https://ex.org/source")
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple), source) for triple in graph)
    store.extend(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OA.Selector)), source)
                 for s in graph.subjects(RDF.type, OA.TextQuoteSelector))
    found = validate(lambda sparql, bindings=None: run_query(store, sparql, bindings))
    assert any(len(set(graph.objects(s, MAI.supports))) > 1 for s in graph.subjects(RDF.type, OA.TextQuoteSelector))
    assert [v for v in found if v.path == str(MAI.supports)] == []
