"""What users type from other search engines: ``type:X`` and ``theme:X`` in the text are the filters of the same
name; ``^2`` and ``~1`` after a word are left out, the word kept, with a notice; another ``name:`` is words, with
a notice; a colon that starts no filter (an IRI, "18:00") is read as before. In the library, the API, the page and
the CLI alike (each reads a filter's value in the text as it reads its own parameter's).

The shared corpus of tests/test_search_corpus.py: four associations, a health professional, two authorities, a
cooperation, two grants, a deliberation, a goal and four themes.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search.errors import SearchError
from search.query import search
from search.reader import SearchIndex
from webapp.cli import main
from test_search_corpus import ACTORS_TTL, THEMES_TTL, iri, write
from web_fixture import client_on, page_text

BOOST_NOTICE = ("« veilleurs^2 » est cherché comme « veilleurs » : les poids (^N) et les fautes tolérées (~N) ne "
                "s'écrivent pas ; les fautes de frappe sont tolérées d'elles-mêmes quand rien n'est trouvé")
BOOST_NOTICE_EN = ("'veilleurs^2' is searched as 'veilleurs': boosts (^N) and fuzzy marks (~N) are not read; typos "
                   "are tolerated by themselves when nothing is found")
FIELD_NOTICE = ("« auteur: » n'est pas un filtre ; les filtres sont type: et theme: (« auteur » est cherché comme un "
                "mot)")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A data directory filled by `maillage ingest` (which builds the index)."""
    tmp_path = tmp_path_factory.mktemp("prefixes")
    data_dir = str(tmp_path / "data")
    files = [str(write(tmp_path, "themes.ttl", THEMES_TTL)), str(write(tmp_path, "actors.ttl", ACTORS_TTL))]
    result = CliRunner().invoke(main, ["--data", data_dir, "ingest", *files])
    assert result.exit_code == 0, result.output
    return data_dir


@pytest.fixture(scope="module")
def index(data):
    return SearchIndex.from_config({"data_dir": data})


@pytest.fixture
def client(data):
    yield from client_on(data)


def _found(answer: dict) -> list[str]:
    return [hit["iri"] for hit in answer["results"]]


def _cli(data, *args):
    return CliRunner().invoke(main, ["--data", data, "search", *args])


# the library


@pytest.mark.parametrize("text, kind", [
    ("type:association", "association"), ("Genre:Association", "association"), ("kind:grant", "grant"),
    ("type:subvention", "grant"), ("type : collectivité", "collectivite"), ("TYPE:actor", "actor"),
])
def test_a_type_in_the_text_filters_as_the_type_parameter_does(index, text, kind):
    answer = search(index, text)
    assert answer["total"] > 0 and _found(answer) == _found(search(index, "", kind=kind))
    assert answer["notices"] == []


@pytest.mark.parametrize("text, theme", [
    ("theme:psychiatrie", "psychiatrie"), ('thème:"santé mentale"', "santé mentale"),
    ("Thème:«\u202fgrand âge\u202f»", "grand âge"), ("theme:test-aidants", "test-aidants"),
])
def test_a_theme_in_the_text_filters_as_the_theme_parameter_does(index, text, theme):
    answer = search(index, text)
    assert answer["total"] > 0 and _found(answer) == _found(search(index, "", theme=theme))


def test_a_filter_in_the_text_keeps_the_words_around_it(index):
    assert _found(search(index, "veilleurs type:association")) == [iri("actor/veilleurs")]
    assert _found(search(index, "veilleurs type:grant")) == _found(search(index, "veilleurs", kind="grant"))


def test_the_texts_filters_apply_with_the_parameters(index):
    assert search(index, "type:association", kind="grant")["total"] == 0
    both = search(index, "type:association", kind=["association", "grant"])
    assert _found(both) == _found(search(index, "", kind="association"))
    assert search(index, "type:association theme:vieillissement")["total"] == 1  # « Zéphyr Répit »


def test_the_values_of_one_filter_in_the_text_are_alternatives_as_repeated_parameters_are(index):
    answer = search(index, "type:grant type:deliberation")
    assert answer["total"] == 3 and _found(answer) == _found(search(index, "", kind=["grant", "deliberation"]))


@pytest.mark.parametrize("text, parameter", [("type:gâteau", {"kind": "gâteau"}),
                                             ("theme:gâteau", {"theme": "gâteau"})])
def test_an_unknown_value_in_the_text_is_refused_as_the_parameters_is(index, text, parameter):
    with pytest.raises(SearchError) as in_text:
        search(index, f"santé {text}")
    with pytest.raises(SearchError) as given:
        search(index, "santé", **parameter)
    assert (in_text.value.message, in_text.value.message_en) == (given.value.message, given.value.message_en)
    assert "inconnu « gâteau »" in in_text.value.message


@pytest.mark.parametrize("text", ["veilleurs^2", "veilleurs~1", "veilleurs~", "veilleurs^1.5", "VEILLEURS~0.8"])
def test_a_boost_or_fuzzy_mark_is_left_out_and_the_word_kept(index, text):
    answer = search(index, text)
    assert _found(answer) == _found(search(index, "veilleurs")) and iri("actor/veilleurs") in _found(answer)
    assert len(answer["notices"]) == 1 and f"« {text} » est cherché comme « {text[:9]} »" in \
        answer["notices"][0]["message"]


def test_the_notice_of_a_mark_is_in_french_and_in_english(index):
    assert search(index, "veilleurs^2")["notices"] == [{"message": BOOST_NOTICE, "message_en": BOOST_NOTICE_EN}]


def test_an_unknown_prefix_is_read_as_words_with_a_notice(index):
    answer = search(index, "auteur:veilleurs")
    assert _found(answer) == _found(search(index, "auteur veilleurs"))
    assert answer["notices"] == [{"message": FIELD_NOTICE, "message_en": "'auteur:' is not a filter; the filters "
                                  "are type: and theme: ('auteur' is searched as a word)"}]


@pytest.mark.parametrize("text", [iri("actor/veilleurs"), "veilleurs 18:00", "urn:isbn:2-07", "veilleurs :"])
def test_a_colon_that_starts_no_filter_is_read_as_before(index, text):
    answer = search(index, text)
    assert _found(answer) == _found(search(index, text.replace(":", " "))) and answer["notices"] == []


# the API, the page and the CLI


def test_the_api_reads_a_type_in_the_text_as_its_type_parameter(client):
    in_text = client.get("/api/search", query_string={"q": "type:association"}).get_json()
    assert in_text["total"] > 0
    assert _found(in_text) == _found(client.get("/api/search", query_string={"type": "association"}).get_json())


def test_the_api_says_its_notices_in_french_and_english(client):
    answer = client.get("/api/search", query_string={"q": "veilleurs^2"}).get_json()
    assert _found(answer) == _found(client.get("/api/search", query_string={"q": "veilleurs"}).get_json())
    assert answer["notices"] == [{"message": BOOST_NOTICE, "message_en": BOOST_NOTICE_EN}]


def test_the_api_refuses_an_unknown_type_in_the_text_as_its_type_parameter(client):
    in_text = client.get("/api/search", query_string={"q": "type:gâteau"})
    given = client.get("/api/search", query_string={"type": "gâteau"})
    assert in_text.status_code == given.status_code == 400
    assert in_text.get_json() == given.get_json()


@pytest.mark.parametrize("lang, said", [("fr", BOOST_NOTICE), ("en", BOOST_NOTICE_EN)])
def test_the_page_shows_the_notice_in_its_language(client, lang, said):
    import html

    page = client.get("/search", query_string={"q": "veilleurs^2", "lang": lang}).get_data(as_text=True)
    shown = page_text(page)
    assert html.unescape(said) in shown and iri("actor/veilleurs").split("/id/")[1] in page


def test_the_page_adds_no_note_of_missing_actors_when_the_text_asks_for_another_type(client):
    page = client.get("/search", query_string={"q": "veilleurs type:grant"}).get_data(as_text=True)
    assert "/id/grant/g1" in page and "Aucun acteur ne correspond" not in page


def test_the_cli_reads_a_type_in_the_text_as_its_type_option(data):
    in_text, given = _cli(data, "type:associations", "--json"), _cli(data, "--type", "associations", "--json")
    assert in_text.exit_code == given.exit_code == 0, in_text.output
    assert json.loads(in_text.stdout)["total"] > 0
    assert _found(json.loads(in_text.stdout)) == _found(json.loads(given.stdout))


def test_the_cli_refuses_an_unknown_type_in_the_text_as_its_type_option(data):
    in_text, given = _cli(data, "type:asociation"), _cli(data, "--type", "asociation")
    assert in_text.exit_code == given.exit_code == 1
    assert "vouliez-vous dire « association »" in in_text.stderr and in_text.stderr == given.stderr


def test_the_cli_prints_the_notice_before_the_results(data):
    lines = _cli(data, "veilleurs^2").stdout.splitlines()
    assert lines[1] == f"note : {BOOST_NOTICE}" and "Les Veilleurs du Gier" in lines[2]


def test_the_cli_json_and_the_api_give_the_same_notices(data, client):
    cli = json.loads(_cli(data, "auteur:veilleurs OU veilleurs~1 type:association", "--json").stdout)
    api = client.get("/api/search", query_string={"q": "auteur:veilleurs OU veilleurs~1 type:association"})
    assert cli == api.get_json() and len(cli["notices"]) == 2
