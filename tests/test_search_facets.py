"""Themes through the SKOS scheme, facets with counts, filters, pagination and sorting."""

from __future__ import annotations

from search.query import search
from test_search_corpus import PREFIXES, TH, corpus, iri  # noqa: F401  (fixture)


def _iris(answer) -> list[str]:
    return [r["iri"] for r in answer["results"]]


def test_a_theme_query_finds_actors_tagged_with_a_narrower_theme_and_says_through_which(corpus):  # noqa: F811
    answer = search(corpus[2], "santé mentale", kind="actor")
    result = next(r for r in answer["results"] if r["iri"] == iri("actor/veilleurs"))
    assert result["matched_theme"] == {"iri": TH + "test-sante-mentale", "label": "santé mentale",
                                       "via": TH + "test-psychiatrie", "via_label": "psychiatrie"}
    assert {"iri": TH + "test-sante-mentale", "label": "santé mentale"} in answer["themes"]


def test_a_synonym_of_the_scheme_finds_what_is_tagged_with_its_theme(corpus):  # noqa: F811
    answer = search(corpus[2], "troubles psychiques", kind="actor")
    assert _iris(answer) == [iri("actor/veilleurs")]
    assert answer["results"][0]["matched_theme"]["via"] == TH + "test-psychiatrie"
    assert answer["results"][0]["matched_theme"]["label"] == "psychiatrie"


def test_a_synonym_of_a_broader_theme_reaches_the_narrower_ones(corpus):  # noqa: F811
    assert set(_iris(search(corpus[2], "grand âge", kind="actor"))) == {iri("actor/repit"), iri("actor/pilat")}


def test_the_theme_filter_takes_a_label_or_an_iri_and_includes_narrower_themes(corpus):  # noqa: F811
    by_label = search(corpus[2], "", theme="vieillissement", kind="actor")
    by_iri = search(corpus[2], "", theme=TH + "test-vieillissement", kind="actor")
    assert set(_iris(by_label)) == set(_iris(by_iri)) == {iri("actor/repit"), iri("actor/pilat")}
    assert {r["matched_theme"]["via_label"] for r in by_iri["results"]} == {"vieillissement", "aidants"}


def test_a_theme_facet_counts_what_its_filter_gives_narrower_themes_included(corpus):  # noqa: F811
    """A theme's count includes the documents of its narrower themes, as its filter does: "vieillissement" counts
    the actor tagged "aidants" too, and each count is the total of the search that the value filters."""
    answer = search(corpus[2], "", kind="actor")
    counts = {f["value"]: f["count"] for f in answer["facets"]["theme"]}
    assert counts[TH + "test-vieillissement"] == 2
    for value, count in counts.items():
        assert search(corpus[2], "", kind="actor", theme=value)["total"] == count, value


def test_facet_counts_describe_the_whole_result_set(corpus):  # noqa: F811
    answer = search(corpus[2], "", kind="grant")
    assert answer["total"] == 2
    assert {f["value"]: f["count"] for f in answer["facets"]["fiscal_year"]} == {"2023": 1, "2024": 1}
    assert {f["label"]: f["count"] for f in answer["facets"]["funder"]} == {
        "Saint-Etienne Métropole": 1, "Département de la Loire": 1}
    # the facet that a filter narrows is counted without it: each value's count is what its link (that value
    # instead) finds, the value asked among them
    kinds = {f["value"]: f["count"] for f in answer["facets"]["kind"]}
    assert kinds["grant"] == 2 and kinds == {kind: search(corpus[2], "", kind=kind)["total"] for kind in kinds}


def test_a_facet_that_its_filter_narrows_counts_what_each_of_its_values_link_finds(corpus):  # noqa: F811
    """Counted within the matches, an actor's grant years made "2024 (11)" from year=2023, whose link found 54."""
    answer = search(corpus[2], "", filters={"year": "2023"})
    years = {f["value"]: f["count"] for f in answer["facets"]["fiscal_year"]}
    assert years == {year: search(corpus[2], "", filters={"year": year})["total"] for year in years}
    assert years["2023"] == answer["total"] and len(years) > 1
    # the other facets are counted within the matches, as before
    assert sum(f["count"] for f in answer["facets"]["kind"]) == answer["total"]


def test_facet_filters_combine_with_the_text(corpus):  # noqa: F811
    both = search(corpus[2], "soutien", filters={"year": "2024"})
    assert _iris(both) == [iri("grant/g1")]
    assert search(corpus[2], "soutien", filters={"year": "2023"})["total"] == 0
    by_funder = search(corpus[2], "", filters={"funder": iri("actor/departement")}, kind="grant")
    assert _iris(by_funder) == [iri("grant/g2")]


def test_the_circle_goal_and_place_filters_select_their_documents(corpus):  # noqa: F811
    circle = "https://w3id.org/maillage/ontology/circle/operationnel"
    assert _iris(search(corpus[2], "", filters={"circle": circle})) == [iri("actor/veilleurs")]
    assert set(_iris(search(corpus[2], "", kind="actor", filters={"goal": iri("goal/1")}))) == {iri("actor/veilleurs")}
    assert _iris(search(corpus[2], "", kind="actor", filters={"place": iri("place/firminy")})) == [
        iri("actor/veilleurs")]


def test_pages_split_the_results_without_overlap(corpus):  # noqa: F811
    everything = search(corpus[2], "", kind="actor", sort="name", page_size=100)
    pages = [search(corpus[2], "", kind="actor", sort="name", page=p, page_size=3) for p in (1, 2, 3)]
    assert [i for page in pages for i in _iris(page)] == _iris(everything)[:9]
    assert all(page["total"] == everything["total"] for page in pages)


def test_sorting_by_name_and_by_amount(corpus):  # noqa: F811
    names = [r["label"] for r in search(corpus[2], "", kind="actor", sort="name", page_size=100)["results"]]
    assert names.index("Collectif des initiaives solidaires") < names.index("Zéphyr Répit")
    grants = search(corpus[2], "", kind="grant", sort="amount")["results"]
    assert [g["amount"] for g in grants] == [20000.0, 5000.0]


def test_a_grant_is_found_by_its_beneficiary_purpose_and_amount_order(corpus):  # noqa: F811
    answer = search(corpus[2], "groupes de parole")
    assert answer["results"][0]["iri"] == iri("grant/g1")
    assert "20 000 €" in answer["results"][0]["summary"]


def test_a_deliberation_is_found_by_its_number(corpus):  # noqa: F811
    assert search(corpus[2], "2024.00240")["results"][0]["iri"] == iri("deliberation/d1")


#: A theme ("prophylaxie", not a shipped one), a narrower one whose name repeats its word, a sibling that names it
#: among its variants, narrower themes that few documents have (a rare tag), and the actors of each.
PREVENTION_TTL = PREFIXES + """
th:test-prophylaxie a skos:Concept ; skos:inScheme mai:themes ; skos:prefLabel "prophylaxie"@fr .
th:test-vaccinale a skos:Concept ; skos:inScheme mai:themes ; skos:broader th:test-prophylaxie ;
    skos:prefLabel "prophylaxie vaccinale"@fr .
th:test-addicto a skos:Concept ; skos:inScheme mai:themes ; skos:broader th:test-prophylaxie ;
    skos:prefLabel "addictions"@fr ; skos:definition "La prophylaxie et le soin des addictions."@fr .
th:test-nutri a skos:Concept ; skos:inScheme mai:themes ; skos:broader th:test-prophylaxie ;
    skos:prefLabel "nutrition"@fr .
th:test-bientrait a skos:Concept ; skos:inScheme mai:themes ; skos:prefLabel "bientraitance"@fr ;
    skos:altLabel "prophylaxie de la maltraitance"@fr .
<actor/mutuelle> a mai:Enterprise ; rdfs:label "Mutuelle solidaire de l'Ondaine" ;
    dcterms:subject th:test-prophylaxie .
<actor/universite> a mai:University ; rdfs:label "Université de la Loire" ; dcterms:subject th:test-prophylaxie .
<actor/addicto> a mai:Association ; rdfs:label "Addictologie Gier" ; dcterms:subject th:test-addicto .
""" + "".join(f'<actor/other-{i}> a mai:Association ; rdfs:label "Association {i}" .\n' for i in range(20))


def test_a_theme_query_brings_the_actors_of_the_theme_before_the_theme_concepts_near_it(tmp_path):
    """The theme named first, then its actors — those of a narrower theme no higher than those of the theme itself —
    and only then the concepts whose name or definition says the word, or that are narrower themes."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from search.indexer import build_index
    from search.reader import SearchIndex
    from test_search_corpus import make_config, write

    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "prevention.ttl", PREVENTION_TTL)])
    build_index(store, config)
    answer = search(SearchIndex.from_config(config), "prophylaxie")
    ranked = _iris(answer)
    actors = {iri("actor/mutuelle"), iri("actor/universite"), iri("actor/addicto")}
    assert ranked[0] == TH + "test-prophylaxie" and set(ranked[1:4]) == actors, ranked
    scores = {r["iri"]: r["score"] for r in answer["results"]}
    assert scores[iri("actor/addicto")] <= scores[iri("actor/mutuelle")] == scores[iri("actor/universite")]
    assert {TH + "test-vaccinale", TH + "test-addicto", TH + "test-bientrait"} <= set(ranked[4:])


def test_a_member_that_has_left_is_not_counted_in_its_former_circle(tmp_path):
    """Membership periods as of the index's build: left yesterday, out; leaving in 2999, still in."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from search.indexer import build_index
    from search.reader import SearchIndex
    from test_search_corpus import ACTORS_TTL, THEMES_TTL, make_config, write

    more = PREFIXES + """
<membership/m2> a org:Membership ; org:member <actor/pilat> ; org:organization <actor/ptce> ;
    org:role circle:operationnel ; mai:leftOn "2020-01-31"^^xsd:date .
<membership/m3> a org:Membership ; org:member <actor/repit> ; org:organization <actor/ptce> ;
    org:role circle:operationnel ; mai:leftOn "2999-12-31"^^xsd:date .
"""
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL),
                         write(tmp_path, "more.ttl", more)])
    build_index(store, config)
    index = SearchIndex.from_config(config)
    circle = "https://w3id.org/maillage/ontology/circle/operationnel"
    answer = search(index, "", kind="actor", filters={"circle": circle})
    assert set(_iris(answer)) == {iri("actor/veilleurs"), iri("actor/repit")}
    assert {f["value"]: f["count"] for f in search(index, "", kind="actor")["facets"]["circle"]} == {circle: 2}
    store.close()


def test_a_grant_that_the_register_links_to_a_goal_is_in_its_facet_and_its_summary_once_indexed(tmp_path):
    """The register first, indexed; the deliberation of the grant it links to goal 2, then, the index updated from
    what the ingest touched."""
    from pathlib import Path

    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from search.indexer import build_index, update_index
    from search.reader import SearchIndex
    from test_search_corpus import make_config

    examples = Path(__file__).resolve().parent.parent / "examples"
    config = make_config(tmp_path)
    store = open_store(config)
    try:
        ingest_paths(store, [examples / "ptce-registre.yaml"])
        build_index(store, config)
        deliberation = examples / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
        ingest_paths(store, [deliberation], on_publish=lambda reports: update_index(
            store, config, set().union(*(r.touched for r in reports))))
        index = SearchIndex.from_config(config)
        goal = "https://w3id.org/maillage/id/goal/ptce-sante-danaecare/2"
        grant = "https://w3id.org/maillage/id/grant/siren-244200770/2024-00240/danaecare"
        assert _iris(search(index, "", kind="grant", filters={"goal": goal})) == [grant]
        counts = {f["value"]: f["count"] for f in search(index, "", kind="grant")["facets"]["goal"]}
        assert counts == {goal: 1}
        [summary] = [r["summary"] for r in search(index, "", kind="goal")["results"] if r["iri"] == goal]
        assert summary == "Objectif n°\u00a02 · 1 subvention · 5 acteurs ou actions"  # 4 members, 1 action
    finally:
        store.close()
