"""A session that a new version of its deliberation's text redated: its IRI and those of the proxies given at it are
minted from its date, and their old addresses answered 404 once the change note had told « 1 séance changée de
date »; they are recorded as replaced by the new ones (``dcterms:isReplacedBy``, as a renamed member's:
:mod:`graph.ingest.source_renames`) and redirect to them, while a session that another body's replaced is not, nor
one that another text still holds.

Fixture strategy: the example deliberation's text, then its new version, are ingested once per module into a data
directory (:func:`tests.web_fixture.data_of`, the same file name each time), and each test asks a fresh app on a copy
of it (:func:`tests.web_fixture.client_on_copy`) for an old address, without following the redirect; the tests of
a third version ingest their own.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.ingest.base import source_iri
from graph.namespaces import DEFAULT_BASE
from graph.store import open_store
from tests.test_change_notes_values import DELIBERATION
from tests.web_fixture import client_on_copy, data_of

REDATED = DELIBERATION.replace("16 MAI 2024", "23 MAI 2024")
#: The same text, of the council's session of the 23rd: another body's, not the bureau's redated.
COUNCIL = (DELIBERATION.replace("BUREAU METROPOLITAIN DU 16 MAI 2024", "CONSEIL METROPOLITAIN DU 23 MAI 2024")
           .replace("Le Bureau Métropolitain a été", "Le Conseil Métropolitain a été")
           .replace("Le Bureau de Saint-Etienne", "Le Conseil de Saint-Etienne"))
BUREAU = "/id/session/siren-244200770/bureau-metropolitain/"
GIVERS = ("aline-mouseghian", "gael-perdriau", "gilles-artigues", "jean-claude-flachat", "jean-marc-sardat",
          "jerome-gabiaud", "patrick-bouchet", "yves-morand")


def versions_data(root, *texts: str):
    """The data directory under ``root`` with each of ``texts`` ingested in turn as ``d.txt``."""
    root.mkdir(exist_ok=True)
    for text in texts:
        data = data_of(root, "d.txt", text)
    return data


@pytest.fixture(scope="module")
def redated(tmp_path_factory):
    return versions_data(tmp_path_factory.mktemp("redated"), DELIBERATION, REDATED)


def answer(data, tmp_path, asked: str) -> tuple[int, str | None]:
    """The status and the Location of a fresh app's answer to ``asked`` on a copy of ``data``."""
    with client_on_copy(data, tmp_path) as client:
        response = client.get(asked)
    return response.status_code, response.headers.get("Location")


def test_a_redated_sessions_old_address_redirects_to_its_new_one(redated, tmp_path):
    assert answer(redated, tmp_path, BUREAU + "2024-05-16") == (302, BUREAU + "2024-05-23")


def test_a_proxy_moved_with_its_session_redirects_from_its_old_address_in_the_form_asked(redated, tmp_path):
    proxy = "/id/proxy/siren-244200770/bureau-metropolitain/{}/jerome-gabiaud.json"
    assert answer(redated, tmp_path, proxy.format("2024-05-16")) == (302, proxy.format("2024-05-23"))


def test_the_new_session_page_answers_where_the_old_address_leads(redated, tmp_path):
    with client_on_copy(redated, tmp_path) as client:
        response = client.get(BUREAU + "2024-05-16", follow_redirects=True)
    assert (response.status_code, response.request.path) == (200, BUREAU + "2024-05-23")


def test_the_text_records_its_session_and_the_proxies_that_moved_with_it_as_replaced(redated):
    store = open_store({"store": "oxigraph", "data_dir": str(redated)})
    try:
        rows = store.query("SELECT ?old ?new WHERE { GRAPH ?g { ?old ?replaced ?new } }",
                           {"g": URIRef(source_iri(redated.parent / "d.txt", DEFAULT_BASE)),
                            "replaced": DCTERMS.isReplacedBy})
        pairs = {(str(old)[len(DEFAULT_BASE):], str(new)[len(DEFAULT_BASE):]) for old, new in rows}
    finally:
        store.close()
    session = BUREAU[len("/id/"):]
    proxy = "proxy/siren-244200770/bureau-metropolitain/{}/{}"
    assert pairs == {(session + "2024-05-16", session + "2024-05-23")} | {
        (proxy.format("2024-05-16", giver), proxy.format("2024-05-23", giver)) for giver in GIVERS}


def test_a_later_version_keeps_the_old_address_leading_to_the_new_one(tmp_path):
    data = versions_data(tmp_path / "in", DELIBERATION, REDATED, REDATED.replace("20 000 €", "25 000 €"))
    assert answer(data, tmp_path, BUREAU + "2024-05-16") == (302, BUREAU + "2024-05-23")


def test_a_session_redated_back_has_its_address_again_and_the_other_leads_to_it(tmp_path):
    data = versions_data(tmp_path / "in", DELIBERATION, REDATED, DELIBERATION)
    assert [answer(data, tmp_path / str(n), BUREAU + day)
            for n, day in enumerate(("2024-05-16", "2024-05-23"))] == [(200, None), (302, BUREAU + "2024-05-16")]


def test_a_session_that_another_bodys_replaced_is_not_redirected(tmp_path):
    data = versions_data(tmp_path / "in", DELIBERATION, COUNCIL)
    assert answer(data, tmp_path, BUREAU + "2024-05-16") == (404, None)


def test_a_redated_session_that_another_text_still_holds_keeps_its_page(tmp_path):
    (tmp_path / "in").mkdir()
    # the other text of the bureau's session of the 16th still states it: its address is its page, not a redirect
    data_of(tmp_path / "in", "other.txt", DELIBERATION.replace("20 000 €", "25 000 €"))
    data = versions_data(tmp_path / "in", DELIBERATION, REDATED)
    assert answer(data, tmp_path, BUREAU + "2024-05-16") == (200, None)
