"""One label a resource in the named queries that choose one: its French label (its language tag kept), else one
without a language, else any (an English one, tag kept), else none, and the resource's row all the same; on both
engines, Oxigraph's through the endpoint's path (the text rewritten for set semantics, :mod:`graph.sparql_union`)."""

from __future__ import annotations

import json
import logging

import pytest
from rdflib import Graph

from graph.namespaces import sparql_prologue
from graph.querypool import InlineRunner
from graph.sparql import check_query
from webapp.named_queries import named_queries

EX = "https://example.org/one-label/"
MAI = "https://w3id.org/maillage/ontology#"
FR, EN = ("Z en français", "fr"), ("Only English", "en")
#: The label each kind of resource must get: a French label the greatest of its three (untagged, French, English)
#: strings, so that the least string alone would not choose it; an English one alone; none.
EXPECTED = {"three": FR, "english": EN, "nameless": None}
LABELS = {"three": '"A sans langue" , "Z en français"@fr , "B in English"@en', "english": '"Only English"@en',
          "nameless": None}


def _resources(role: str, facts: str) -> str:
    """Three resources of ``role`` (``EX{role}-three``, ``-english``, ``-nameless``), each with ``facts`` and its
    labels."""
    lines = []
    for kind, labels in LABELS.items():
        lines.append(f"ex:{role}-{kind} {facts}" + (f" ; rdfs:label {labels}" if labels else "") + " .")
    return "\n".join(lines)


TURTLE = f"""
@prefix ex: <{EX}> . @prefix mai: <{MAI}> . @prefix schema: <http://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
{_resources("funder", "a mai:Actor, mai:PublicAuthority")}
{_resources("beneficiary", "a mai:Actor, mai:Association")}
{_resources("lone", "a mai:Actor, mai:Association ; dcterms:subject ex:theme ; schema:location ex:place-three")}
ex:place-three rdfs:label {LABELS["three"]} ; mai:inseeCode "99999" .
""" + "\n".join(f"""
ex:grant-{kind} a mai:Grant ; schema:funder ex:funder-{kind} ; mai:beneficiary ex:beneficiary-{kind} ;
    schema:amount {100 * (i + 1)} ; mai:fiscalYear 2024 .
ex:membership-{kind} a org:Membership ; org:member ex:lone-{kind} ; org:organization ex:pole-three ;
    mai:joinedOn "2020-0{i + 1}-01"^^xsd:date .""" for i, kind in enumerate(LABELS)) + f"""
{_resources("pole", "a mai:Cooperation ; mai:hasGoal ex:goal ; mai:coordinatedBy ex:lone-english")}
ex:goal a mai:StrategicGoal ; skos:notation 1 ; skos:prefLabel "Un objectif"@fr .
"""

#: name -> (parameters, the (resource, label) columns whose labels are checked)
QUERIES = {
    "flux-de-financement": ({}, [("funder", "funderLabel"), ("beneficiary", "beneficiaryLabel")]),
    "totaux-par-financeur": ({}, [("funder", "funderLabel")]),
    "totaux-par-beneficiaire": ({}, [("beneficiary", "beneficiaryLabel")]),
    "subventions-par-financeur-et-annee": ({}, [("funder", "funderLabel")]),
    "acteurs-sans-financement": ({}, [("actor", "actorLabel")]),
    "acteurs-par-theme": ({"theme": EX + "theme"}, [("actor", "actorLabel")]),
    "acteurs-d-un-type-dans-un-lieu": ({"kind": MAI + "Association", "place": "z en francais"},
                                       [("actor", "actorLabel"), ("location", "locationLabel")]),
    "partenaires-par-cercle": ({}, [("member", "memberLabel"), ("organization", "organizationLabel")]),
    "membres-actuels-par-cercle": ({}, [("member", "memberLabel"), ("organization", "organizationLabel")]),
    "entrees-sorties-periode": ({"start": "2019-01-01", "end": "2021-12-31"},
                                [("member", "memberLabel"), ("organization", "organizationLabel")]),
    "objectifs-du-pole": ({}, [("cooperation", "cooperationLabel"), ("coordinator", "coordinatorLabel")]),
    "subventions-par-objectif": ({}, [("pole", "poleLabel")]),
}


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, tmp_path_factory):
    from graph.store import open_store

    opened = open_store({"store": request.param, "data_dir": str(tmp_path_factory.mktemp("one-label") / "data")})
    with opened.writer() as writer:
        writer.replace_graph(EX + "source", Graph().parse(data=TURTLE, format="turtle"))
        writer.commit()
    yield opened
    opened.close()


def _rows(store, name: str) -> list[dict]:
    """The rows of the named query ``name`` as the endpoint answers them (SPARQL JSON results)."""
    query = named_queries()[name]
    plan = check_query(sparql_prologue() + query.text, 10_000)
    answer = InlineRunner(store).run(plan, "json", query.bindings(QUERIES[name][0]))
    return json.loads(answer.read())["results"]["bindings"]


def _label(cell: dict | None) -> tuple[str, str] | None:
    return None if cell is None else (cell["value"], cell.get("xml:lang", ""))


def test_every_query_that_chooses_one_label_is_checked():
    chooses = {name for name, query in named_queries().items() if "rdfs:label" in query.text and "Label" in query.text
               and any("Label" in v for _, v in QUERIES.get(name, ({}, []))[1])}
    assert set(QUERIES) <= set(named_queries()) and len(QUERIES) == 12 and chooses == set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_resource_gets_its_french_label_else_its_english_one_else_none_and_one_row(store, name, caplog):
    """The labels checked per kind of resource (``-three``, ``-english``, ``-nameless``), each resource in one row per
    value of the other columns, and the text rewritten for set semantics ran as it is (no fallback logged)."""
    with caplog.at_level(logging.ERROR, logger="graph.querypool"):
        rows = _rows(store, name)
    assert not [record for record in caplog.records if "rewrite" in record.getMessage()]
    columns = QUERIES[name][1]
    labels = {label for _, label in columns}
    others = [tuple(sorted((k, v["value"]) for k, v in row.items() if k not in labels)) for row in rows]
    assert rows and len(others) == len(set(others)), rows
    for resource, label in columns:
        seen = {row[resource]["value"]: _label(row.get(label)) for row in rows if resource in row}
        ours = {iri.removeprefix(EX).partition("-")[2]: found for iri, found in seen.items() if iri.startswith(EX)}
        assert ours and all(found == EXPECTED[kind] for kind, found in ours.items()), (resource, ours)
        if resource in ("funder", "beneficiary", "member"):
            assert set(ours) == set(EXPECTED), (resource, ours)


@pytest.mark.parametrize("name", ["acteurs-d-un-type-dans-un-lieu"])
def test_a_place_is_found_by_the_label_chosen_for_it(store, name):
    """The place's French label is the one that the name asked for is compared with (« z en francais », folded),
    and the one shown, with its tag."""
    assert {_label(row.get("locationLabel")) for row in _rows(store, name)} == {FR}
