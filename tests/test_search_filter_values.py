"""The values of the type and theme filters are read by one rule in every interface: ``type=`` and ``theme=`` of
``/api/search`` and of the page ``/search``, ``--type`` and ``--theme`` of ``maillage search``, and ``type:`` and
``theme:`` in the text of each. The same spelling finds the same results everywhere (« associations » was a type
for the command line and a 400 for the API), and an unknown value gets the same message everywhere, each interface
failing its own way (a 400 in JSON, a 400 page, one line and exit 1). The page reads the text's filters once.

The shared corpus of tests/test_search_corpus.py: four associations, a health professional, two authorities, a
cooperation, two grants, a deliberation, a goal and four themes of its own beside the shipped ones.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from webapp.cli import main
from test_search_corpus import ACTORS_TTL, ID, TH, THEMES_TTL, write
from web_fixture import client_on, page_text

ONTOLOGY = "https://w3id.org/maillage/ontology/"

#: Where a type or a theme is given: a parameter (or option) of its own, or a filter in the text.
INTERFACES = ["api", "api text", "page", "page text", "cli", "cli text"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A data directory filled by `maillage ingest` (which builds the index)."""
    tmp_path = tmp_path_factory.mktemp("filter-values")
    data_dir = str(tmp_path / "data")
    files = [str(write(tmp_path, "themes.ttl", THEMES_TTL)), str(write(tmp_path, "actors.ttl", ACTORS_TTL))]
    result = CliRunner().invoke(main, ["--data", data_dir, "ingest", *files])
    assert result.exit_code == 0, result.output
    return data_dir


@pytest.fixture
def client(data):
    yield from client_on(data)


def _ask(interface: str, data: str, client, name: str, value: str):
    """The answer of ``interface`` to the filter ``name`` ("type" or "theme") set to ``value``: ("found", the paths
    of the results' pages), or a refusal's (status or exit code, message: French and English where the interface
    gives both)."""
    text = f'{name}:"{value}"' if interface.endswith("text") else ""
    if interface.startswith("cli"):
        result = CliRunner().invoke(main, ["--data", data, "search", text, *([] if text else [f"--{name}", value]),
                                           "--json"])
        if result.exit_code:
            return result.exit_code, result.stderr
        return "found", _paths(json.loads(result.stdout))
    params = {"q": text} if text else {name: value}
    if interface.startswith("api"):
        response = client.get("/api/search", query_string=params)
        answer = response.get_json()
        if response.status_code != 200:
            return response.status_code, (answer["error"]["message"], answer["error"]["message_en"])
        return "found", _paths(answer)
    response = client.get("/search", query_string=params)
    page = response.get_data(as_text=True)
    if response.status_code != 200:
        return response.status_code, page_text(re.search(r'<p class="warning" role="alert">([^<]*)</p>', page)[1])
    return "found", _page_paths(page)


def _paths(answer: dict) -> list[str]:
    """The paths of the pages of an answer's results, as the search page links them."""
    return [_path(hit["iri"]) for hit in answer["results"]]


def _path(iri: str) -> str:
    """The page of ``iri``: an instance's under /id/, a vocabulary concept's under /ontology/, else by its IRI."""
    if iri.startswith(ID):
        return "/id/" + iri[len(ID):]
    if iri.startswith(ONTOLOGY) and "#" not in iri:
        return "/ontology/" + iri[len(ONTOLOGY):]
    return "/resource?" + urlencode({"iri": iri})


def _page_paths(page: str) -> list[str]:
    return [html.unescape(path)
            for path in re.findall(r'<li><a href="(/id/[^"]+|/ontology/[^"]+|/resource\?[^"]+)">', page)]


@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("spelt, code", [
    ("associations", "association"), ("Association", "association"), ("ASSOCIATIONS", "association"),
    ("acteur", "actor"), ("acteurs", "actor"), ("actors", "actor"), ("subvention", "grant"),
    ("Subventions", "grant"), ("grants", "grant"), ("délibération", "deliberation"),
    ("Délibérations", "deliberation"), ("deliberations", "deliberation"), ("collectivités", "collectivite"),
    ("Public authorities", "collectivite"), ("Objectif stratégique", "goal"),
    ("professionnels de santé", "professionnel-de-sante"),
])
def test_a_type_spelt_any_accepted_way_finds_what_its_code_finds_in_every_interface(data, client, interface, spelt,
                                                                                      code):
    expected = _ask("api", data, client, "type", code)
    assert expected[0] == "found" and expected[1]
    assert _ask(interface, data, client, "type", spelt) == expected


@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("spelt, label", [
    ("Vieillissement", "vieillissement"), ("vieillissements", "vieillissement"),
    ("VIEILLISSEMENT", "vieillissement"), ("Santé mentale", "santé mentale"), ("SANTE MENTALE", "santé mentale"),
    ("Test-Vieillissement", "test-vieillissement"), (TH + "test-vieillissement", "test-vieillissement")])
def test_a_theme_spelt_any_accepted_way_finds_what_its_label_finds_in_every_interface(data, client, interface, spelt,
                                                                                        label):
    expected = _ask("api", data, client, "theme", label)
    assert expected[0] == "found" and expected[1]
    assert _ask(interface, data, client, "theme", spelt) == expected


def test_no_two_types_are_named_alike():
    from search.filter_values import TYPE_NAMES, type_key

    codes: dict[str, set[str]] = {}
    for name, code in TYPE_NAMES.items():
        codes.setdefault(type_key(name), set()).add(code)
    assert all(len(named) == 1 for named in codes.values()), codes


TYPE_KNOWN = ("acteur, subvention, délibération, convention, objectif, thème, action, association, collectivite, "
              "cooperation, entreprise, professionnel-de-sante, universite, usagers ; ou leurs codes : actor, grant, "
              "deliberation, agreement, goal, theme, action")
TYPE_KNOWN_EN = ("actor, grant, deliberation, agreement, goal, theme, action, association, collectivite, cooperation, "
                 "entreprise, professionnel-de-sante, universite, usagers")


@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("name, value, said, said_en", [
    ("type", "asociations", f"type inconnu « asociations » : vouliez-vous dire « association » ? (possibles : "
                            f"{TYPE_KNOWN})",
     f"unknown type 'asociations': did you mean 'association'? (known: {TYPE_KNOWN_EN})"),
    ("type", "gâteau", f"type inconnu « gâteau » (possibles : {TYPE_KNOWN})",
     f"unknown type 'gâteau' (known: {TYPE_KNOWN_EN})"),
    ("theme", "prevension", "thème inconnu « prevension » : vouliez-vous dire « Prévention » ?",
     "unknown theme 'prevension': did you mean 'Prevention'?"),
])
def test_an_unknown_value_gets_the_same_message_in_every_interface(data, client, interface, name, value, said,
                                                                  said_en):
    expected = {"api": (400, (said, said_en)), "page": (400, said), "cli": (1, f"maillage: {said}\n")}
    assert _ask(interface, data, client, name, value) == expected[interface.split()[0]]


def test_the_page_finds_every_type_asked_when_the_first_is_empty(client):
    """``type=&type=grant`` found the grants in the API and showed no search on the page, which asked the first
    type only whether a search was asked."""
    query = [("type", ""), ("type", "grant")]
    expected = _paths(client.get("/api/search", query_string=query).get_json())
    assert expected and _page_paths(client.get("/search", query_string=query).get_data(as_text=True)) == expected


#: Texts with filters, notices and typos, as the page answers them.
TEXTS = ["veilleurs type:association", "veilleurs^2 type:grant", "auteur:veilleurs OU veilleurs~1",
         'theme:"santé mentale" familles', "veileurs", "initiatives type:subventions", "soins SAUF répit"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_page_shows_what_its_json_twin_finds_and_says(client, text):
    answer = client.get("/api/search", query_string={"q": text}).get_json()
    page = page_text(client.get("/search", query_string={"q": text}).get_data(as_text=True))
    assert _page_paths(page) == _paths(answer)
    assert [notice["message"] for notice in answer["notices"]] == re.findall(r'<p class="note notice" '
                                                                              r'role="status">([^<]*)</p>', page)


@pytest.mark.parametrize("text", TEXTS)
def test_the_page_reads_the_filters_of_its_text_once(client, monkeypatch, text):
    import search.syntax
    import webapp.search_page

    reading, texts = search.syntax.read, []

    def counted(read_text: str):
        texts.append(read_text)
        return reading(read_text)

    monkeypatch.setattr(search.syntax, "read", counted)
    monkeypatch.setattr(webapp.search_page, "read", counted)
    assert client.get("/search", query_string={"q": text}).status_code == 200
    assert texts == [text]
