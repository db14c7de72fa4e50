"""The small corpus the search tests share, and the documents derived from it.

Fixture strategy for tests/test_search_*.py: a real embedded Oxigraph store and a real whoosh index under
``tmp_path``, filled by the product's own functions (``ingest_paths`` on inline Turtle files, then
``build_index``/``update_index``). Tests that only read share one built corpus per module (building takes a
second); tests that write build their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.document_kinds import FACETS, KINDS
from search.indexer import build_index, update_index
from search.reader import SearchIndex

ID = "https://w3id.org/maillage/id/"
TH = "https://w3id.org/maillage/ontology/theme/"
CIRCLE = "https://w3id.org/maillage/ontology/circle/"

PREFIXES = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix th: <https://w3id.org/maillage/ontology/theme/> .
@prefix circle: <https://w3id.org/maillage/ontology/circle/> .
@base <https://w3id.org/maillage/id/> .
"""

#: A test scheme of its own ("test-" IRIs), so that the tests hold whatever the shipped themes.ttl says; its
#: labels deliberately repeat some of the shipped ones.
THEMES_TTL = PREFIXES + """
th:test-sante-mentale a skos:Concept ; skos:inScheme mai:themes ;
    skos:prefLabel "santé mentale"@fr , "mental health"@en ; skos:altLabel "santé psychique"@fr .
th:test-psychiatrie a skos:Concept ; skos:inScheme mai:themes ; skos:broader th:test-sante-mentale ;
    skos:prefLabel "psychiatrie"@fr ; skos:altLabel "troubles psychiques"@fr .
th:test-vieillissement a skos:Concept ; skos:inScheme mai:themes ; skos:prefLabel "vieillissement"@fr ;
    skos:altLabel "grand âge"@fr .
th:test-aidants a skos:Concept ; skos:inScheme mai:themes ; skos:broader th:test-vieillissement ;
    skos:prefLabel "aidants"@fr .
"""

ACTORS_TTL = PREFIXES + """
<place/firminy> a schema:Place ; rdfs:label "Firminy" .
<place/saint-etienne> a schema:Place ; rdfs:label "Saint-Étienne" .
<actor/metropole> a mai:PublicAuthority ; rdfs:label "Saint-Etienne Métropole" ;
    schema:location <place/saint-etienne> .
<actor/departement> a mai:PublicAuthority ; rdfs:label "Département de la Loire" .
<actor/ptce> a mai:Cooperation ; rdfs:label "PTCE santé DanaeCare" ; mai:hasGoal <goal/1> .
<goal/1> a mai:StrategicGoal ; skos:prefLabel "Animation de l'écosystème des acteurs"@fr ; skos:notation "1" .
<actor/veilleurs> a mai:Association ; rdfs:label "Les Veilleurs du Gier" ;
    dcterms:description "Permanences d'écoute pour les familles." ;
    dcterms:subject th:test-psychiatrie ; schema:location <place/firminy> .
<actor/pilat> a mai:HealthProfessional ; rdfs:label "Maison de Santé du Pilat" ;
    dcterms:description "Le soignant coordonne l'accès aux soins <b>&</b> la prévention." ;
    dcterms:subject th:test-aidants ; schema:location <place/saint-etienne> .
<actor/initiatives> a mai:Association ; rdfs:label "Collectif des initiaives solidaires" ;
    dcterms:description "Un buget participatif pour l'hôpital." .
<actor/repit> a mai:Association ; rdfs:label "Zéphyr Répit" ; dcterms:subject th:test-vieillissement .
<grant/g1> a mai:Grant ; schema:funder <actor/metropole> ; mai:beneficiary <actor/veilleurs> ;
    schema:amount "20000"^^xsd:decimal ; mai:fiscalYear 2024 ; mai:decidedBy <deliberation/d1> ;
    mai:contributesTo <goal/1> ; dcterms:description "Soutien aux groupes de parole" .
<grant/g2> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <actor/pilat> ;
    schema:amount "5000"^^xsd:decimal ; mai:fiscalYear 2023 .
<deliberation/d1> a mai:Deliberation ; dcterms:identifier "2024.00240" ;
    dcterms:title "Programme de coopération de l'économie sociale et solidaire (PROCESS)" ;
    dcterms:date "2024-05-16"^^xsd:date ; mai:authority <actor/metropole> .
<membership/m1> a org:Membership ; org:member <actor/veilleurs> ; org:organization <actor/ptce> ;
    org:role circle:operationnel .
"""


def iri(path: str) -> str:
    return ID + path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def make_config(tmp_path: Path) -> dict:
    return {"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 10, "index_procs": 1}


def ingest(store, config, *paths: Path) -> None:
    """Ingest files as ``maillage ingest`` does: store each, then update the index with what it touched."""
    def on_report(report, error, path):
        assert error is None, error
        if report.status == "stored":
            update_index(store, config, report.touched)

    ingest_paths(store, list(paths), on_report=on_report)


def build_corpus(tmp_path: Path):
    """Ingest the themes and actors files and build the index; return (store, config, index)."""
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL)])
    build_index(store, config)
    return store, config, SearchIndex.from_config(config)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("search"))


def test_every_actor_grant_deliberation_goal_and_theme_has_one_document(corpus):
    from search.query import search

    _, _, index = corpus
    kinds = {f["value"]: f["count"] for f in search(index, "")["facets"]["kind"]}
    assert kinds["actor"] >= 7 and kinds["grant"] == 2 and kinds["deliberation"] == 1 and kinds["goal"] == 1
    assert kinds["theme"] >= 4
    assert set(kinds) <= set(KINDS)


def test_documents_are_keyed_by_iri_and_derived_from_the_graph(corpus):
    from search.query import search

    _, _, index = corpus
    answer = search(index, "Veilleurs du Gier")
    assert answer["results"][0]["iri"] == iri("actor/veilleurs")
    assert answer["results"][0]["kind"] == "actor" and answer["results"][0]["type"] == "association"


def test_an_actor_document_shows_its_grants_funders_years_goals_and_circle(corpus):
    from search.query import search

    _, _, index = corpus
    facets = search(index, "permanences d'écoute", kind="actor")["facets"]
    assert facets["funder"] == [{"value": iri("actor/metropole"), "label": "Saint-Etienne Métropole", "count": 1}]
    assert facets["fiscal_year"] == [{"value": "2024", "label": "2024", "count": 1}]
    assert facets["goal"][0]["value"] == iri("goal/1")
    assert [(f["value"], f["label"].casefold(), f["count"]) for f in facets["circle"]] == [
        (CIRCLE + "operationnel", "cercle opérationnel", 1)]  # the label comes from the shipped circles.ttl
    assert facets["place"] == [{"value": iri("place/firminy"), "label": "Firminy", "count": 1}]
    assert set(facets) == {"kind", *FACETS}


def test_a_goals_summary_counts_its_grants_apart_from_the_actors_that_serve_it(tmp_path):
    from search.query import search

    contributing = PREFIXES + "<actor/repit> mai:contributesTo <goal/1> .\n<actor/pilat> mai:contributesTo <goal/1> .\n"
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL),
                         write(tmp_path, "serving.ttl", contributing)])
    build_index(store, config)
    results = search(SearchIndex.from_config(config), "animation de l'écosystème", kind="goal")["results"]
    assert [r["summary"] for r in results] == ["Objectif n°\u00a01 · 1 subvention · 2 acteurs ou actions"]


def test_a_deliberation_is_named_by_its_number_as_its_page_names_it(corpus):
    """« n° » and a no-break space before the number (webapp.resource_names.numbered_deliberation's rule)."""
    from search.query import search

    _, _, index = corpus
    [deliberation] = search(index, "2024.00240", kind="deliberation")["results"]
    assert deliberation["label"] == ("Délibération n°\u00a02024.00240 — Programme de coopération de l'économie "
                                     "sociale et solidaire (PROCESS)")


@pytest.mark.parametrize("label, english", [
    ("Délibération n°\u00a02024.00240 — Titre", "Deliberation no. 2024.00240 — Titre"),
    ("Délibération CP 2017-04-24", "Deliberation CP 2017-04-24")])
def test_a_deliberations_label_from_the_index_is_said_in_english_as_its_page_says_it(label, english):
    from webapp.search_english import label_in_english

    assert label_in_english(label) == english


def test_a_goals_rank_is_said_in_english_without_the_french_no_break_space():
    from webapp.search_english import summary_part_in_english

    assert summary_part_in_english("Objectif n°\u00a02 : Animation") == "Goal no. 2: Animation"


def test_a_documents_label_is_the_name_in_small_letters_before_one_in_capitals():
    from search.fact_readers import label_of
    from search.facts import Facts

    facts = Facts()
    actor = iri("actor/chu")
    for name in ("CTRE HOSP GRPE HOSP ROCHELLE", "Centre hospitalier de La Rochelle"):
        facts.add(actor, "http://www.w3.org/2000/01/rdf-schema#label", (name, None))
    assert label_of(facts, actor) == "Centre hospitalier de La Rochelle"


UNTITLED_TTL = PREFIXES + """
<actor/fontonne> a mai:Association ; rdfs:label "AS Fontonne" .
<grant/g3> a mai:Grant ; schema:funder <actor/metropole> ; mai:beneficiary <actor/fontonne> ;
    schema:amount "11750"^^xsd:decimal ; mai:decidedBy <deliberation/conv-n-365-15> .
<deliberation/conv-n-365-15> a mai:Deliberation ; dcterms:identifier "CONV N° 365-15" ;
    mai:authority <actor/metropole> .
"""


@pytest.mark.parametrize("incremental", [False, True])
def test_a_deliberation_no_source_titles_is_named_by_its_number_and_authority_never_its_slug(tmp_path, incremental):
    from search.query import search

    index = _indexed_then_added(tmp_path, UNTITLED_TTL, incremental)
    [deliberation] = search(index, "365-15", kind="deliberation")["results"]
    assert deliberation["label"] == "Délibération CONV N° 365-15 — Saint-Etienne Métropole"
    [grant] = search(index, "Fontonne", kind="grant")["results"]
    assert "conv-n-365-15" not in str(grant)


AGREEMENT_TTL = PREFIXES + """
<agreement/d1/1> a mai:Agreement ; mai:approvedBy <deliberation/d1> ;
    dcterms:title "Convention pluriannuelle d'objectifs avec l'association Les Veilleurs du Gier" .
"""


@pytest.mark.parametrize("incremental", [False, True])
def test_a_deliberation_is_found_by_the_words_of_the_agreements_it_approves(tmp_path, incremental):
    from search.query import search

    def not_yet(index):
        assert search(index, "pluriannuelle", kind="deliberation")["results"] == []

    # incremental: the agreement's source only, and the deliberation's document follows it
    index = _indexed_then_added(tmp_path, AGREEMENT_TTL, incremental, before=not_yet)
    found = search(index, "convention pluriannuelle", kind="deliberation")["results"]
    assert [r["iri"] for r in found] == [iri("deliberation/d1")]


def _indexed_then_added(tmp_path, turtle: str, incremental: bool, before=None) -> SearchIndex:
    """The index of the test themes and actors, then of ``turtle`` too: ingested with its update of the index
    (``incremental``), or ingested and the index rebuilt. ``before`` is given the index before ``turtle``."""
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL)])
    build_index(store, config)
    if before is not None:
        before(SearchIndex.from_config(config))
    if incremental:
        ingest(store, config, write(tmp_path, "added.ttl", turtle))
    else:
        ingest_paths(store, [write(tmp_path, "added.ttl", turtle)])
        build_index(store, config)
    return SearchIndex.from_config(config)


GOVERNING_TTL = PREFIXES + """
<agreement/d1/1> a mai:Agreement ; mai:approvedBy <deliberation/d1> ;
    dcterms:title "Convention pluriannuelle d'objectifs avec l'association Les Veilleurs du Gier" ;
    mai:party <actor/metropole>, <actor/veilleurs> ; mai:signatory "Monsieur le Président" .
<grant/g1> mai:governedBy <agreement/d1/1> .
"""


@pytest.mark.parametrize("incremental", [False, True])
def test_an_agreement_is_found_with_its_parties_deliberation_and_the_grants_it_governs(tmp_path, incremental):
    from search.query import search

    index = _indexed_then_added(tmp_path, GOVERNING_TTL, incremental)
    answer = search(index, "convention pluriannuelle", kind="convention")
    [agreement] = answer["results"]
    assert agreement["iri"] == iri("agreement/d1/1")
    assert agreement["label"].startswith("Convention pluriannuelle d'objectifs")
    assert agreement["summary"] == ("Convention · approuvée par la délibération n°\u00a02024.00240 · Saint-Etienne "
                                    "Métropole, Les Veilleurs du Gier · 1 subvention, 20 000 € · 2024-05-16")
    facets = answer["facets"]
    assert [f["value"] for f in facets["funder"]] == [iri("actor/metropole")]
    assert [f["value"] for f in facets["fiscal_year"]] == ["2024"]
    # tagged "psychiatrie", it is counted under the broader "santé mentale" too, as that theme's filter finds it
    assert sorted(f["value"] for f in facets["theme"]) == [TH + "test-psychiatrie", TH + "test-sante-mentale"]
    # found by its deliberation's number and by its parties' names too; the deliberation still by its words
    assert [r["iri"] for r in search(index, "2024.00240", kind="agreement")["results"]] == [iri("agreement/d1/1")]
    assert [r["iri"] for r in search(index, "Veilleurs", kind="agreement")["results"]] == [iri("agreement/d1/1")]
    assert [r["iri"] for r in search(index, "pluriannuelle", kind="deliberation")["results"]] == [
        iri("deliberation/d1")]
