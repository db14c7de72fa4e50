"""An actor's search summary counts a grant that a grants list publishes and that the text of the deliberation it
names decides too (one grant published twice: graph.ingest.decided_amounts.SAME_GRANT) once, at the deliberation's
amount, on the beneficiary's side and on the funder's, as the actor's page and the funding page total it
(tests/test_listed_twice_pages.py, whose stores these are: the founding deliberation 2024.00240 decides 20 000 € for
DanaeCare, the list publishes it at 25 000 €, and 5 000 € under a deliberation that no text gives). A deliberation's
text stored after the list re-derives the summary of the list's beneficiary, when only its number makes it the
text's. A goal's summary counts the deliberation's grant alone, as the goals page does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_funding_listed_twice import _FOUNDING_ROW, _HEAD, _OTHER_ROW, DANAECARE, EXAMPLE, ID, SEM, _store
from test_listed_twice_pages import GOAL, GOAL_TURTLE
from web_fixture import client_on_copy, data_of

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.indexer import build_index, update_index


def _indexed(data: Path) -> Path:
    """The data directory ``data`` with its search index built."""
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        build_index(store, {"data_dir": str(data), "store": "oxigraph"})
    finally:
        store.close()
    return data


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Path]:
    def made(name: str, text: bool) -> Path:
        return _indexed(_store(tmp_path_factory.mktemp(name), text, _FOUNDING_ROW.format(amount="25000") + _OTHER_ROW))

    return {"differing": made("differing", True), "list only": made("list-only", False)}


def _summaries(data: Path, tmp_path: Path) -> dict[str, str]:
    """The summary of each actor that the search finds, by IRI, over a copy of ``data``."""
    with client_on_copy(data, tmp_path) as client:
        results = client.get("/api/search", query_string={"q": "", "type": "actor", "page_size": 50}).get_json()
    return {hit["iri"]: hit["summary"] for hit in results["results"]}


@pytest.mark.parametrize("name, total, count", [("differing", "25 000 €", "2 subventions"),
                                                ("list only", "30 000 €", "2 subventions")], ids=["text", "list-only"])
@pytest.mark.parametrize("actor, verb", [(DANAECARE, "reçus"), (SEM, "attribués")], ids=["beneficiary", "funder"])
def test_an_actor_s_summary_counts_a_grant_published_twice_once_at_the_deliberation_s_amount(
        stores, tmp_path, name, total, count, actor, verb):
    # 20 000 € as the text decides it (the list says 25 000 €), and the 5 000 € of 2024.00999: not 50 000 € in 3
    assert _summaries(stores[name], tmp_path)[actor].endswith(f" · {total} {verb} ({count})")


#: The list names the beneficiary « Association Danae » by its RNA number: its grant goes to an actor of its own,
#: which a register gives the same number as DanaeCare, to whom the deliberation's text decides the grant.
_BY_NUMBER_ROW = ("Saint-Etienne Métropole,24420077000018,2024-06-10,2024.00240,Association Danae,,W423000001,"
                  "Création d'un PTCE,25000,aide en numéraire,2024\n")
_NUMBER = (f'<{DANAECARE}> <https://w3id.org/maillage/ontology#rna> "W423000001" ; '
           '<http://www.w3.org/2000/01/rdf-schema#label> "DanaeCare" .\n')


def test_a_deliberation_s_text_stored_after_the_list_updates_the_summary_of_the_list_s_beneficiary(tmp_path):
    data_of(tmp_path, "sem-subventions.csv", _HEAD + _BY_NUMBER_ROW)
    data = _indexed(data_of(tmp_path, "danaecare.ttl", _NUMBER))
    listed_to = ID + "actor/rna-w423000001"
    assert _summaries(data, tmp_path / "before")[listed_to].endswith(" · 25 000 € reçus (1 subvention)")
    config = {"data_dir": str(data), "store": "oxigraph"}
    store = open_store(config)
    try:
        report, = ingest_paths(store, [EXAMPLE])
        assert listed_to not in report.touched  # the text names DanaeCare, not the list's beneficiary
        update_index(store, config, report.touched)
    finally:
        store.close()
    summaries = _summaries(data, tmp_path / "after")
    # the grant is DanaeCare's, as the text decides it; the list's beneficiary receives nothing the totals count
    assert "reçus" not in summaries[listed_to]
    assert summaries[DANAECARE].endswith(" · 20 000 € reçus (1 subvention)")
    assert summaries[SEM].endswith(" · 20 000 € attribués (1 subvention)")


@pytest.fixture(scope="module")
def goal_stores(tmp_path_factory) -> dict[str, Path]:
    """The stores of the pages' tests: a goal that the list's grant and the deliberation's both serve."""
    def made(name: str, text: bool) -> Path:
        root = tmp_path_factory.mktemp(name)
        _store(root, text, _FOUNDING_ROW.format(amount="25000") + _OTHER_ROW)
        return _indexed(data_of(root, "objectif.ttl", GOAL_TURTLE))

    return {"differing": made("goal-differing", True), "list only": made("goal-list-only", False)}


@pytest.mark.parametrize("name, count", [("differing", "1 subvention"), ("list only", "1 subvention")],
                         ids=["text", "list-only"])
def test_a_goal_s_summary_counts_a_grant_published_twice_once(goal_stores, tmp_path, name, count):
    # as the goals page counts it (tests/test_listed_twice_pages.py): the text's grant, not the two
    with client_on_copy(goal_stores[name], tmp_path) as client:
        results = client.get("/api/search", query_string={"q": "", "type": "goal"}).get_json()
    summary, = [hit["summary"] for hit in results["results"] if hit["iri"] == GOAL]
    assert summary.split(" · ")[1] == count
