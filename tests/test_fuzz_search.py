"""What a seeded fuzz sweep of search texts (the library, ``/api/search``, ``/search``, ``/api/suggest`` and
``maillage search``, on the demo corpus's index) found, each reduced to the smallest text that shows it:

- ``maillage search`` given a text that is not UTF-8 (bytes the shell passed undecoded, which reach Python as lone
  surrogates) searched it, then stopped with a UnicodeEncodeError's traceback while printing the results' header;
- an underscore was a letter: « santé_mentale » was one word, that neither "santé" nor "mentale" found, and
  "_psychiatrie" found nothing where "psychiatrie" finds its theme.

The sweep's other families (quotes, parentheses, operators, field prefixes, wildcards, boosts, ranges, 10,000
characters, stop words alone, punctuation, emoji, RTL, NFD, control characters, numbers, SIRENs, amounts, dates,
apostrophes, hyphens, the API's parameters) found no traceback, no 500 and no hang; a few of them stay here.

Strategy: the session's demo corpus (``demo_data_template``, ingested and indexed once) is only read.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from search.analysis import terms
from search.query import search
from search.reader import SearchIndex
from webapp import create_app
from webapp.cli import main


@pytest.fixture(scope="module")
def demo_index(demo_data_template):
    return SearchIndex.from_config({"data_dir": str(demo_data_template)})


@pytest.fixture
def client(demo_data_template):
    from webapp.resources import close_resources

    app = create_app({"data_dir": str(demo_data_template), "store": "oxigraph", "query_workers": 1})
    yield app.test_client()
    close_resources(app)


def found(index, text: str) -> list[str]:
    return [r["iri"] for r in search(index, text, page_size=100)["results"]]


# --- the command line: a text that is not UTF-8 -------------------------------------------------------------------


@pytest.mark.parametrize("args", [["\udcff"], ["santé\udcff", "--json"]], ids=["text", "json"])
def test_a_cli_search_text_that_is_not_utf8_is_refused_in_one_line(demo_data_template, args):
    result = CliRunner().invoke(main, ["--data", str(demo_data_template), "search", *args])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, result.exception
    assert result.stderr.startswith("maillage: argument non UTF-8 : TEXT « "), result.stderr
    assert "encodez le texte en UTF-8" in result.stderr and result.stdout == ""


def test_a_cli_search_type_that_is_not_utf8_is_refused_naming_its_option(demo_data_template):
    result = CliRunner().invoke(main, ["--data", str(demo_data_template), "search", "santé", "--type", "\udcff"],
                                env={"MAILLAGE_LANG": "en"})
    assert (result.exit_code, result.stderr) == (
        1, "maillage: argument not in UTF-8: --type '\\udcff' (encode the text in UTF-8)\n")


# --- an underscore parts words ------------------------------------------------------------------------------------


def test_an_underscore_parts_words_as_a_space_does():
    assert terms("santé_mentale") == terms("santé mentale") == ["sant", "mental"]


@pytest.mark.parametrize("noisy, clean", [("santé_mentale", "santé mentale"), ("_psychiatrie", "psychiatrie")])
def test_a_search_text_with_an_underscore_finds_what_its_words_find(demo_index, noisy, clean):
    assert found(demo_index, clean) and found(demo_index, noisy) == found(demo_index, clean)


# --- what the sweep found handled, kept ---------------------------------------------------------------------------


@pytest.mark.parametrize("noisy", ['"psychiatrie"', "(psychiatrie)", "« psychiatrie »", "psychiatrie*",
                                   "psychiatrie 😀", "\u200fpsychiatrie", "psychiatrie\x00", "le la de psychiatrie",
                                   "OU psychiatrie", "psychiatrie SAUF", "psychiatrie\u0301"])
def test_noise_around_a_word_finds_what_the_word_finds(demo_index, noisy):
    assert found(demo_index, noisy) == found(demo_index, "psychiatrie")


@pytest.mark.parametrize("text", ["", '"', "(", "*", "?" * 100, "[a TO z]", "theme:", "le la de", "ET OU SAUF",
                                  "!!!", "\x00", "\x1b[31m", "😀", "مرحبا", "\u202e", "x" * 500, "x" * 501,
                                  " ".join(["santé"] * 1000), "24420077000012", "20 000 €", "l’association",
                                  "relation soignant-soigné", "-" * 500, "1." * 250])
def test_a_hostile_search_text_is_answered_or_refused_with_the_one_error_shape(client, text):
    for route in ("/api/search", "/api/suggest"):
        response = client.get(route, query_string={"q": text})
        assert response.status_code in (200, 400, 414), (route, response.status_code)  # 414: 8 kB of URL
        if response.status_code != 200:
            error = response.get_json()["error"]
            assert error["message"] and error["message_en"] and error["message"] != error["message_en"]
    assert client.get("/search", query_string={"q": text}).status_code in (200, 400, 414)


def test_a_lone_surrogate_sent_percent_encoded_is_a_400_naming_the_parameter(client):
    response = client.get("/api/search?q=sant%C3%A9%ED%A0%80")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "paramètre non UTF-8 : « q » (encodez le texte en UTF-8)"
