"""The pages that quote a deliberation read from a PDF say next to each quote the page of the PDF where it is
(« page 3 », « pages 1 à 2 »), and their JSON twins give it (``page_start``, ``page_end``); a quote of a text file
says no page.

Fixture strategy: one app for the module over the founding deliberation ingested twice, as its text and printed to
PDF: the grant and the deliberation then hold a quote of each file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_fixture import client_over

ROOT = Path(__file__).resolve().parent.parent
PRINTED = ROOT / "tests" / "fixtures" / "deliberations" / "pdf" / "saint-etienne-metropole-imprimee.pdf"
TEXT = ROOT / "examples" / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
GRANT = "/id/grant/siren-244200770/2024-00240/danaecare"
DELIBERATION = "/id/deliberation/siren-244200770/2024-00240"
CLAUSE = "- approuve le versement d&#39;une subvention de fonctionnement"
STAMP = "RECU EN PREFECTURE Le 28 mai 2024"
BASE = "https://w3id.org/maillage/id/"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    yield from client_over(tmp_path_factory.mktemp("quote-pages") / "data", [PRINTED, TEXT])


def quote_lines(client, path: str, lang: str, opening: str) -> dict[str, str]:
    """The words shown below each quote of the page at ``path`` that opens with ``opening`` (the link to its file
    and its page, the link's words for a screen reader left out), by the file's name."""
    page = client.get(f"{path}?lang={lang}", headers={"Accept": "text/html"}).get_data(as_text=True)
    lines = {}
    for below in re.findall(r"<blockquote>«&nbsp;" + re.escape(opening) + r".*?</blockquote>\s*<p>(.*?)</p>", page,
                            re.S):
        below = re.sub(r"<span class=\"visually-hidden\">.*?</span>", "", below, flags=re.S)
        said = re.sub(r"<[^>]+>", "", below)
        lines[said.split(": ")[1].split(",")[0]] = said
    return lines


@pytest.mark.parametrize(("lang", "see"), [("fr", "Voir dans la source\u00a0: "), ("en", "See in the source: ")])
def test_a_grants_quote_from_a_pdf_says_its_page_and_the_same_quote_from_a_text_file_none(client, lang, see):
    assert quote_lines(client, GRANT, lang, CLAUSE) == {
        "saint-etienne-metropole-imprimee.pdf": f"{see}saint-etienne-metropole-imprimee.pdf, page\u00a03",
        "saint-etienne-metropole-2024-00240-danaecare.txt": f"{see}saint-etienne-metropole-2024-00240-danaecare.txt"}


@pytest.mark.parametrize(("lang", "pages"), [("fr", "pages\u00a01 à\u00a02"), ("en", "pages\u00a01 to\u00a02")])
def test_a_deliberations_quote_that_runs_over_two_pages_says_both(client, lang, pages):
    lines = quote_lines(client, DELIBERATION, lang, STAMP)
    assert lines["saint-etienne-metropole-imprimee.pdf"].endswith(f"saint-etienne-metropole-imprimee.pdf, {pages}")


def test_the_json_twin_gives_each_quote_its_pages(client):
    evidence = client.get(GRANT + ".json").get_json()["evidence"]
    clause = {q["source"]["label"]: (q["page_start"], q["page_end"]) for q in evidence[BASE + GRANT[len("/id/"):]]
              if q["quote"].startswith("- approuve le versement")}
    assert clause == {"saint-etienne-metropole-imprimee.pdf": (3, None),
                      "saint-etienne-metropole-2024-00240-danaecare.txt": (None, None)}
    stamp = {(q["page_start"], q["page_end"]) for quotes in evidence.values() for q in quotes
             if q["quote"].startswith("RECU EN PREFECTURE") and q["source"]["label"].endswith(".pdf")}
    assert stamp == {(1, 2)}
