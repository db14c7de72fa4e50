"""A membership's old address, once a new version of its register minted the membership anew (the member moved to
another circle, was renamed, or was taken off the register), redirects to what continues it: the same member's
membership of the same PTCE, the current one else the latest, or else the member's page (the blind archivist's test
u30, where these addresses answered 404 while the actors' redirected).

Fixture strategy: each test writes the versions of a small register as ``r.yaml`` under ``tmp_path`` and ingests
them one after the other into a fresh store (the product's :func:`graph.ingest.pipeline.ingest_paths`), then asks a
fresh app on it (:func:`tests.web_fixture.fresh_app`) for the old address, without following the redirect.
"""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from tests.web_fixture import fresh_app

HEAD = ("format: maillage-register/1\nptce:\n  name: P\nmembers:\n"
        "  - {name: Usagers, circle: coeur, joined: 2024-05-10}\n")
LAB = "  - {name: Labo Santé, circle: partenaires, joined: 2025-01-10}\n"
#: The same member moved to the operational circle on 2026-04-01.
MOVED = ("  - {name: Labo Santé, circle: partenaires, joined: 2025-01-10, left: 2026-04-01}\n"
         "  - {name: Labo Santé, circle: operationnel, joined: 2026-04-01}\n")
#: The same member moved, then left for good.
MOVED_AND_LEFT = ("  - {name: Labo Santé, circle: partenaires, joined: 2025-01-10, left: 2026-04-01}\n"
                  "  - {name: Labo Santé, circle: operationnel, joined: 2026-04-01, left: 2026-09-30}\n")
RENAMED = "  - {name: Laboratoire Santé Loire, circle: partenaires, joined: 2025-01-10}\n"


def location_after(tmp_path, *versions: str, asked: str) -> tuple[int, str]:
    """The status and the Location of the answer to ``asked``, once ``versions`` of the register were ingested."""
    from webapp.resources import close_resources

    path, data = tmp_path / "r.yaml", tmp_path / "store"
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        for text in versions:
            path.write_text(text, encoding="utf-8")
            assert ingest_paths(store, [path])[0].status == "stored"
    finally:
        store.close()
    app = fresh_app(data, tmp_path / "app")
    try:
        response = app.test_client().get(asked)
        return response.status_code, response.headers.get("Location", "")
    finally:
        close_resources(app)


@pytest.mark.parametrize("later, location", [
    (MOVED, "/id/membership/p/labo-sante/2026-04-01"),
    (MOVED_AND_LEFT, "/id/membership/p/labo-sante/2026-04-01"),
    (RENAMED, "/id/membership/p/laboratoire-sante-loire")])
def test_the_old_address_of_a_membership_minted_anew_redirects_to_the_one_that_continues_it(tmp_path, later,
                                                                                         location):
    assert location_after(tmp_path, HEAD + LAB, HEAD + later, asked="/id/membership/p/labo-sante") == (302, location)


def test_the_old_address_of_a_member_taken_off_the_register_redirects_to_the_member(tmp_path):
    assert location_after(tmp_path, HEAD + LAB, HEAD, asked="/id/membership/p/labo-sante") == (
        302, "/id/actor/labo-sante")


def test_the_redirect_is_kept_by_a_later_version_that_changes_nothing_of_the_member(tmp_path):
    joined = "  - {name: Mutuelle, circle: coeur, joined: 2026-05-01}\n"
    assert location_after(tmp_path, HEAD + LAB, HEAD + MOVED, HEAD + MOVED + joined,
                          asked="/id/membership/p/labo-sante.json") == (
        302, "/id/membership/p/labo-sante/2026-04-01.json")


def test_a_membership_whose_address_comes_back_is_shown_not_redirected(tmp_path):
    assert location_after(tmp_path, HEAD + LAB, HEAD + MOVED, HEAD + LAB,
                          asked="/id/membership/p/labo-sante") == (200, "")
