"""The CLI and the HTTP API give the same results; `maillage index --check` fails on a stale index."""

from __future__ import annotations

import html
import json
import re

import pytest
from click.testing import CliRunner

from webapp import create_app
from webapp.cli import main
from test_search_corpus import ACTORS_TTL, THEMES_TTL, iri, write
from web_fixture import client_on


@pytest.fixture
def data(tmp_path):
    """A data directory filled by `maillage ingest` (which builds and updates the index)."""
    data_dir = str(tmp_path / "data")
    files = [str(write(tmp_path, "themes.ttl", THEMES_TTL)), str(write(tmp_path, "actors.ttl", ACTORS_TTL))]
    result = CliRunner().invoke(main, ["--data", data_dir, "ingest", *files])
    assert result.exit_code == 0, result.output
    return data_dir


@pytest.fixture
def client(data):
    yield from client_on(data)


def _cli(data, *args):
    return CliRunner().invoke(main, ["--data", data, *args])


@pytest.mark.parametrize("args, params", [
    (["santé mentale"], {"q": "santé mentale"}),
    (["", "--type", "grant"], {"type": "grant"}),
    (["", "--theme", "vieillissement", "--type", "actor"], {"theme": "vieillissement", "type": "actor"}),
    (["soignants", "--page", "1"], {"q": "soignants", "page": "1"}),
    (["initiatives"], {"q": "initiatives"}),
])
def test_the_cli_json_and_the_api_return_the_same_results(data, client, args, params):
    result = _cli(data, "search", *args, "--json")
    assert result.exit_code == 0, result.output
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200
    assert json.loads(result.output) == response.get_json()


def test_the_cli_prints_results_for_a_terminal(data):
    result = _cli(data, "search", "Veilleurs")
    assert result.exit_code == 0
    assert "Les Veilleurs du Gier" in result.output and iri("actor/veilleurs") in result.output


@pytest.mark.parametrize("lang, head, facet", [("fr", "4 résultats pour « Veilleurs »", "type : "),
                                               ("en", "4 results for 'Veilleurs'", "kind: ")])
def test_the_cli_names_the_facets_in_the_lang_setting(data, monkeypatch, lang, head, facet):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    lines = _cli(data, "search", "Veilleurs").output.splitlines()
    assert head in lines[0] and any(line.startswith(facet) for line in lines), lines


def test_a_bad_cli_search_is_one_line_in_french_and_exit_1(data):
    result = _cli(data, "search", "santé", "--type", "bogus")
    assert result.exit_code == 1
    assert "type inconnu « bogus »" in result.output and "Traceback" not in result.output
    assert _cli(data, "search", "santé", "--page", "0").exit_code == 2  # a usage error


def test_the_index_check_fails_on_a_stale_index_and_passes_after_a_rebuild(data):
    from graph.store import open_store

    assert _cli(data, "index", "--check").exit_code == 0
    store = open_store({"store": "oxigraph", "data_dir": data})
    with store.writer() as writer:  # the graph changes behind the index's back
        writer.update(f'INSERT DATA {{ GRAPH <urn:test> {{ <{iri("actor/pilat")}> '
                      f'<http://www.w3.org/2004/02/skos/core#altLabel> "MSP" . }} }}')
    del store
    check = _cli(data, "index", "--check")
    assert check.exit_code == 1
    assert iri("actor/pilat") in check.output and "périmé" in check.output
    assert _cli(data, "index").exit_code == 0
    assert _cli(data, "index", "--check").exit_code == 0


def test_the_api_filters_by_facets(client):
    response = client.get("/api/search", query_string={"type": "grant", "year": "2023"})
    assert [r["iri"] for r in response.get_json()["results"]] == [iri("grant/g2")]


@pytest.mark.parametrize("params, code", [({"page": "x"}, "bad-parameter"), ({"page": "0"}, "bad-parameter"),
                                          ({"sort": "colour"}, "bad-search"), ({"theme": "astronomie"}, "bad-search")])
def test_api_errors_have_the_one_json_shape(client, params, code):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["code"] == code
    assert error["message"] and error["message_en"]


@pytest.mark.parametrize("page", ["-3", "0", "1000001", "99999999999999999999"])
def test_a_search_page_outside_the_openapi_bounds_is_a_400_as_for_the_grants(client, page):
    error = client.get("/api/search", query_string={"q": "santé", "page": page}).get_json()["error"]
    assert error["code"] == "bad-parameter" and "entre 1 et 1000000" in error["message"]
    assert error["message"] == client.get("/api/grants", query_string={"page": page}).get_json()["error"]["message"]


def test_an_unknown_search_parameter_is_a_400_naming_the_accepted_ones(client):
    response = client.get("/api/search", query_string={"q": "santé", "foo": "bar"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "unknown-parameter" and "foo" in error["message"] and "page_size" in error["message"]
    assert client.get("/api/search", query_string={"q": "santé", "lang": "en"}).status_code == 200


def test_the_year_facet_filters_the_api_under_its_facet_name_as_the_search_page_links_it(client):
    response = client.get("/api/search", query_string={"type": "grant", "fiscal_year": "2023"})
    assert [r["iri"] for r in response.get_json()["results"]] == [iri("grant/g2")]


def test_a_search_text_that_is_not_utf8_is_a_400_not_searched_as_its_percent_escapes(client):
    response = client.get("/api/search?q=%FF%FE")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "paramètre non UTF-8 : « q » (encodez le texte en UTF-8)"


def test_the_types_an_unknown_type_error_lists_are_each_named_once(client):
    error = client.get("/api/search", query_string={"type": "banana"}).get_json()["error"]
    names, codes = error["message"].split("possibles : ")[1].rstrip(")").split(" ; ou leurs codes : ")
    known_en = error["message_en"].split("known: ")[1].rstrip(")").split(", ")
    for known in (names.split(", "), codes.split(", "), known_en):
        assert len(known) == len(set(known))
    assert "acteur" in names.split(", ") and "actor" in codes.split(", ") and "actor" in known_en


def test_suggest_completes_names(client):
    response = client.get("/api/suggest", query_string={"q": "zéph"})
    assert response.status_code == 200
    assert [s["iri"] for s in response.get_json()["suggestions"]] == [iri("actor/repit")]


def test_the_api_says_when_no_index_was_built(tmp_path):
    app = create_app({"data_dir": str(tmp_path / "empty"), "store": "oxigraph", "query_workers": 1})
    response = app.test_client().get("/api/search", query_string={"q": "santé"})
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "index-unavailable"


def test_a_cli_search_before_any_index_says_how_to_build_one(tmp_path):
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "empty"), "search", "santé"])
    assert result.exit_code == 1
    assert "maillage index" in result.output and "Traceback" not in result.output


def test_the_search_page_says_why_a_search_cannot_run_when_it_guessed_and_what_to_search(client):
    page = client.get("/search", query_string={"q": "santé " * 200}, headers={"Accept": "text/html"})
    assert page.status_code == 400 and 'role="alert"' in page.get_data(as_text=True)
    guessed = client.get("/search", query_string={"q": "initiatives"}, headers={"Accept": "text/html"})
    assert "résultats approchés" in guessed.get_data(as_text=True)
    empty = client.get("/search", headers={"Accept": "text/html"})
    assert "Cherchez un acteur" in empty.get_data(as_text=True)


@pytest.mark.parametrize("lang, said", [
    ("fr", "Filtres dans le texte : type:association, theme:&#34;santé mentale&#34;"),
    ("en", "Filters in the text: type:association, theme:&#34;santé mentale&#34;")])
def test_the_search_page_shows_the_filters_a_text_may_hold_and_its_example_finds_what_the_parameters_do(
        client, lang, said):
    empty = client.get("/search", query_string={"lang": lang}, headers={"Accept": "text/html"})
    assert said in empty.get_data(as_text=True)
    typed = client.get("/api/search", query_string={"q": 'type:association theme:"santé mentale"'}).get_json()
    asked = client.get("/api/search", query_string={"type": "association", "theme": "santé mentale"}).get_json()
    assert typed["results"] == asked["results"] != [] and typed["notices"] == []


def test_the_search_page_links_the_next_page_while_there_is_one(tmp_path):
    actors = "".join(f'<https://ex.org/a{i}> a <https://w3id.org/maillage/ontology#Association> ; '
                     f'<http://www.w3.org/2000/01/rdf-schema#label> "Association Santé {i}" .\n' for i in range(45))
    data_dir = str(tmp_path / "data")
    result = CliRunner().invoke(main, ["--data", data_dir, "ingest", str(write(tmp_path, "a.ttl", actors))])
    assert result.exit_code == 0, result.output
    app = create_app({"data_dir": data_dir, "store": "oxigraph", "query_workers": 1})
    try:
        pages = [app.test_client().get("/search", query_string={"q": "santé", "type": "actor", "page": n},
                                       headers={"Accept": "text/html"}).get_data(as_text=True) for n in (1, 2, 3)]
    finally:
        from webapp.resources import close_resources

        close_resources(app)
    assert ['rel="next"' in page for page in pages] == [True, True, False]


def test_a_results_summary_does_not_repeat_the_kind_its_badge_says(client):
    page = client.get("/search", query_string={"q": "vieillissement"}, headers={"Accept": "text/html"})
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.get_data(as_text=True)))
    assert "Thème Thème" not in text and "Thème Thème ·" not in text


def test_in_english_the_kinds_types_and_shipped_concepts_are_named_in_english(client):
    english = client.get("/api/search", query_string={"q": "permanences d'écoute", "lang": "en"}).get_json()
    hit = english["results"][0]
    assert (hit["label"], hit["type_label"]) == ("Les Veilleurs du Gier", "Association")
    assert {f["label"] for f in english["facets"]["kind"]} == {"Actor"}
    assert [f["label"] for f in english["facets"]["circle"]] == ["Operational circle"]
    french = client.get("/api/search", query_string={"q": "permanences d'écoute", "lang": "fr"}).get_json()
    assert {f["label"] for f in french["facets"]["kind"]} == {"Acteur"}
    grant = client.get("/api/search", query_string={"q": "groupes de parole", "type": "grant", "lang": "en"}).get_json()
    assert " · from Saint-Etienne Métropole · to Les Veilleurs du Gier" in grant["results"][0]["summary"]
    page = client.get("/search", query_string={"q": "vieillissement", "lang": "en"}, headers={"Accept": "text/html"})
    text = page.get_data(as_text=True)
    assert ">Theme<" in text and ">Thème<" not in text


@pytest.mark.parametrize("q, kind, lang, label, summary, snippet", [
    ("groupes de parole", "grant", "en", "Grant of €20,000 to Les Veilleurs du Gier (2024)",
     "€20,000 · from Saint-Etienne Métropole · to Les Veilleurs du Gier · 2024", None),
    ("Veilleurs", "actor", "en", "Les Veilleurs du Gier", "Association · Firminy · €20,000 received (1 grant)",
     "Association · Firminy · €20,000 received (1 grant)"),
    ("groupes de parole", "grant", "fr", "Subvention de 20 000 € à Les Veilleurs du Gier (2024)",
     "20 000 € · de Saint-Etienne Métropole · à Les Veilleurs du Gier · 2024", None),
])
def test_in_english_a_results_generated_names_and_amounts_are_english(client, q, kind, lang, label, summary,
                                                                       snippet):
    hit = client.get("/api/search", query_string={"q": q, "type": kind, "lang": lang}).get_json()["results"][0]
    assert (hit["label"], hit["summary"]) == (label, summary)
    if snippet is not None:
        assert hit["snippet"] == snippet


@pytest.mark.parametrize("french, english", [
    ("20 000 € reçus (1 subvention)", "€20,000 received (1 grant)"),
    ("52 897 € reçus (2 subventions)", "€52,897 received (2 grants)"),
    ("5 000 € attribués (1 subvention)", "€5,000 given (1 grant)"),
    ("25 000 € attribués (3 subventions)", "€25,000 given (3 grants)"),
    ("1 subvention, 20 000 €", "1 grant, €20,000"),
    ("2 subventions, 25 000 €", "2 grants, €25,000"),
    ("1 subvention", "1 grant"),
    ("3 subventions", "3 grants"),
    ("1 acteur ou action", "1 actor or action"),
    ("3 acteurs ou actions", "3 actors or actions"),
])
def test_in_english_a_summarys_counts_are_in_the_singular_for_one_and_the_plural_else(french, english):
    from webapp.search_english import summary_part_in_english

    assert summary_part_in_english(french) == english


def _page(client, **params) -> str:
    return client.get("/search", query_string=params, headers={"Accept": "text/html"}).get_data(as_text=True)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_a_search_without_results_says_so_suggests_what_to_try_and_shows_no_empty_facet(client):
    page = _page(client, q="xyzzyqwerty")
    assert "Aucun résultat pour « xyzzyqwerty »." in _text(page) and "vérifier l'orthographe" in _text(page)
    assert 'href="/search?type=theme"' in page and "Tout afficher" not in page and "<h3>" not in page
    filtered = _page(client, q="zéphyr", type="grant")
    assert "Aucun résultat avec ces filtres." in _text(filtered) and 'href="/search?q=z%C3%A9phyr"' in filtered
    english = _page(client, q="xyzzyqwerty", lang="en")
    assert "No results for 'xyzzyqwerty'." in _text(english)


def test_a_facet_without_values_is_not_shown(client):
    page = _page(client, q="zéphyr")  # an actor with a theme, and no place, grant, goal or circle
    assert re.findall(r"<h3>([^<]*)</h3>", page) == ["Type", "Thème"]


def test_a_search_that_finds_no_actor_says_so(client):
    assert "Aucun acteur ne correspond" in _text(_page(client, q="suicide"))
    assert "Aucun acteur ne correspond" not in _text(_page(client, q="veilleurs"))


def test_a_page_past_the_last_says_where_the_results_end_and_links_the_last_page(client):
    first = _page(client, type="actor")
    assert "Page 1 sur 1" in _text(first)
    past = _page(client, type="actor", page=9)
    assert "La page 9 n'existe pas" in _text(past) and "s'arrêtent à la page 1" in _text(past)
    assert '<a href="/search?type=actor&amp;page=1">' in past and "Page 9 sur" not in past


def test_the_search_page_offers_the_sorts_of_the_api_and_keeps_the_one_chosen(client):
    page = _page(client, type="actor", sort="name")
    options = re.findall(r'<option value="(\w+)"( selected)?>', page)
    assert options == [("relevance", ""), ("name", " selected"), ("amount", "")]
    labels = [label for label in re.findall(r'<li><a href="/(?:id|resource)[^"]*">([^<]+)</a>', page)]
    assert labels == sorted(labels, key=str.casefold) and len(labels) > 2


@pytest.mark.parametrize("lang, label, snippet", [
    ("fr", "Vieillissement", "…des personnes âgées et prévention des effets du <mark>vieillissement</mark>."),
    ("en", "Ageing", "Health of older people and prevention of the effects of ageing."),
])
def test_a_themes_definition_is_in_the_language_of_the_page(client, lang, label, snippet):
    hits = client.get("/api/search", query_string={"q": "vieillissement", "type": "theme", "lang": lang}).get_json()
    assert [(h["label"], h["snippet"]) for h in hits["results"] if h["iri"].endswith("/vieillissement")] == [
        (label, snippet)]


@pytest.mark.parametrize("classes, kind, type_", [
    (["Actor"], "actor", "actor"),  # not "acteur": the codes are the same whatever the language
    (["Actor", "PublicAuthority"], "actor", "collectivite"),  # the register's member kind
])
def test_a_results_kind_and_type_are_stable_codes(classes, kind, type_):
    from search.actor_documents import actor_to_document
    from search.fact_readers import mai
    from search.facts import Facts

    facts = Facts()
    actor = "https://ex.org/id/actor/a"
    facts.types[actor].update(getattr(mai, c) for c in classes)
    doc = actor_to_document(actor, facts)
    assert (doc["kind"], doc["type"]) == (kind, type_)


def test_the_search_types_that_the_api_lists_are_each_listed_once():
    from webapp.openapi import _search_types

    types = _search_types()
    assert len(types) == len(set(types)) and {"actor", "grant", "theme", "collectivite"} <= set(types)
    assert "acteur" not in types


@pytest.mark.parametrize("kind, lang, said", [
    (None, "fr", '<h2 id="results-count">4 résultats</h2>'), (None, "en", '<h2 id="results-count">4 results</h2>'),
    ("association", "fr", '<h2 id="results-count">1 résultat</h2>'),
    ("association", "en", '<h2 id="results-count">1 result</h2>'),
])
def test_the_search_page_counts_its_results_in_the_singular_or_plural(client, kind, lang, said):
    assert said in _page(client, q="Veilleurs", lang=lang, **({"type": kind} if kind else {}))


@pytest.mark.parametrize("lang, reading, kinds, check", [
    ("fr", "index : lecture du graphe", r"documents \(\d+ acteurs, .*, \d+ thèmes\) en \d+,\d s", "0 manquant, 0 périmé"),
    ("en", "index: reading the graph", r"documents \(\d+ actors, .*, \d+ themes\) in \d+\.\d s", "0 missing, 0 stale")])
def test_the_index_commands_speak_the_language_asked(data, lang, reading, kinds, check):
    rebuilt = CliRunner().invoke(main, ["--data", data, "index"], env={"MAILLAGE_LANG": lang})
    assert rebuilt.exit_code == 0 and reading in rebuilt.output and re.search(kinds, rebuilt.output), rebuilt.output
    checked = CliRunner().invoke(main, ["--data", data, "index", "--check"], env={"MAILLAGE_LANG": lang})
    assert checked.exit_code == 0 and check in checked.output


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory):
    """A data directory holding the demo corpus (and so the shipped themes), indexed."""
    from pathlib import Path

    data = str(tmp_path_factory.mktemp("demo") / "data")
    examples = Path(__file__).resolve().parent.parent / "examples"
    assert CliRunner().invoke(main, ["--data", data, "ingest", str(examples)]).exit_code == 0
    return data


def test_in_english_a_shipped_themes_broader_theme_is_named_in_english_on_the_api_and_the_cli(demo_data):
    app = create_app({"data_dir": demo_data, "store": "oxigraph", "query_workers": 1})
    try:
        found = app.test_client().get("/api/search", query_string={"q": "psychiatrie", "lang": "en"}).get_json()
    finally:
        from webapp.resources import close_resources

        close_resources(app)
    hit = next(h for h in found["results"] if h["iri"].endswith("/theme/psychiatrie"))
    assert (hit["label"], hit["summary"]) == ("Psychiatry", "Theme · in Mental health")
    assert "Thème" not in hit["snippet"] and "dans" not in hit["snippet"]
    assert (hit["matched_theme"]["label"], hit["matched_theme"]["via_label"]) == ("Psychiatry", "Psychiatry")
    printed = CliRunner().invoke(main, ["--data", demo_data, "search", "psychiatrie"], env={"MAILLAGE_LANG": "en"})
    assert "Psychiatry  [Theme]" in printed.output and "Theme · in Mental health" in printed.output
    assert "Thème" not in printed.output and "dans" not in printed.output, printed.output


def test_the_cli_prints_no_snippet_that_only_repeats_a_results_summary(demo_data):
    printed = CliRunner().invoke(main, ["--data", demo_data, "search", "santé mentale"]).output
    block = printed[printed.index("/theme/psychiatrie"):].split("\n  2.")[0].split("\n  3.")[0]
    assert "Thème · dans Santé mentale" in block and "«" not in block, printed


def test_english_suggestions_and_snippets_say_the_shipped_concepts_in_english(tmp_path):
    """/api/suggest gave a theme's French label and kind on an English page, and a result's snippet its themes' and
    circles' French labels."""
    from web_fixture import app_on_fixture

    from webapp.search_english import _concepts_in_english

    with app_on_fixture(tmp_path) as app:
        client = app.test_client()
        english = client.get("/api/suggest", query_string={"q": "prév", "lang": "en"}).get_json()["suggestions"]
        french = client.get("/api/suggest", query_string={"q": "prév", "lang": "fr"}).get_json()["suggestions"]
    assert ("Prevention", "Theme") in {(s["label"], s["type_label"]) for s in english}
    assert ("Prévention", "Thème") in {(s["label"], s["type_label"]) for s in french}
    assert _concepts_in_english("Accès aux soins · <mark>Cercle</mark> cœur · Maison de santé") == (
        "Access to care · Core circle · Maison de santé")
