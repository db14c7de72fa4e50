"""A member renamed by a new version of its register: the rename recorded in the version's graph
(``<old> dcterms:isReplacedBy <new>``), kept when the same version is ingested again, and the old address
redirecting to the new one in the form asked.

Fixture strategy: each test writes the versions of a small register under ``tmp_path`` and ingests them one after
the other into a fresh store (the product's :func:`graph.ingest.pipeline.ingest_paths`), then reads the store, or
builds a fresh app on it (:func:`tests.web_fixture.fresh_app`) for the web tests.
"""

from __future__ import annotations

import contextlib

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph.ingest.pipeline import ingest_paths
from graph.ingest.base import source_iri
from graph.namespaces import DEFAULT_BASE
from graph.store import open_store
from graph.validation import validate
from tests.web_fixture import fresh_app

HEAD = "format: maillage-register/1\nptce:\n  nom: P\nmembres:\n"
OLD, NEW, LAST = (DEFAULT_BASE + "actor/" + key for key in ("telesoins", "telesoins-forez", "telesoins-loire"))


def member(name: str) -> str:
    """A register whose one member (beside Usagers) is named ``name``, with the same entry date in every version."""
    return HEAD + (f"  - {{nom: {name}, cercle: coeur, date d'entrée: 2024-04-01}}\n"
                   "  - {nom: Usagers, cercle: coeur, date d'entrée: 2024-05-10}\n")


def ingest_versions(tmp_path, *versions: str, force_last: bool = False, strict: bool = False):
    """Ingest each of ``versions`` of ``r.yaml`` in turn into the store under ``tmp_path / "data"``; return its
    graph's IRI and the last report."""
    path = tmp_path / "r.yaml"
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for n, text in enumerate(versions):
            path.write_text(text, encoding="utf-8")
            [report] = ingest_paths(store, [path], strict=strict, force=force_last and n == len(versions) - 1)
    finally:
        store.close()
    return report


def renames(tmp_path) -> set[tuple[str, str]]:
    """The renames (old IRI, new IRI) that the register's graph records, but for its memberships' old addresses
    (:mod:`tests.test_membership_redirects`)."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        source = source_iri(tmp_path / "r.yaml", DEFAULT_BASE)
        rows = store.query("SELECT ?old ?new WHERE { GRAPH ?g { ?old ?replaced ?new } }",
                           {"g": URIRef(source), "replaced": DCTERMS.isReplacedBy})
        return {(str(old), str(new)) for old, new in rows if not str(old).startswith(DEFAULT_BASE + "membership/")}
    finally:
        store.close()


def test_a_member_renamed_by_a_new_version_is_recorded_as_replaced_in_its_graph(tmp_path):
    ingest_versions(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"))
    assert renames(tmp_path) == {(OLD, NEW)}


def test_the_same_new_version_ingested_again_keeps_the_rename(tmp_path):
    ingest_versions(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"),
                    member("Télésoins du Forez SCIC"), force_last=True)
    assert renames(tmp_path) == {(OLD, NEW)}


def test_a_later_version_that_renames_no_one_keeps_the_rename(tmp_path):
    joined = "  - {nom: Mutuelle, cercle: coeur, date d'entrée: 2025-02-01}\n"
    ingest_versions(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"),
                    member("Télésoins du Forez SCIC") + joined)
    assert renames(tmp_path) == {(OLD, NEW)}


def test_a_member_renamed_twice_leads_from_both_old_names_to_the_last(tmp_path):
    ingest_versions(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"),
                    member("Télésoins Loire SCIC"))
    assert renames(tmp_path) == {(OLD, LAST), (NEW, LAST)}


def test_a_member_named_back_leaves_no_rename_of_its_name(tmp_path):
    ingest_versions(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"), member("Télésoins SCIC"))
    assert renames(tmp_path) == {(NEW, OLD)}


def test_a_rename_passes_validation_and_a_strict_ingest(tmp_path):
    report = ingest_versions(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"), strict=True)
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        violations = validate(store.query, URIRef(source_iri(tmp_path / "r.yaml", DEFAULT_BASE)))
    finally:
        store.close()
    assert (report.status, report.violations, violations) == ("stored", [], [])


@contextlib.contextmanager
def client_after(tmp_path, *versions: str, others: dict[str, str] | None = None):
    """A test client of a fresh app on the store where ``versions`` of the register were ingested, then the files
    ``others`` (name: text)."""
    from webapp.resources import close_resources

    ingest_versions(tmp_path / "store", *versions)
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store" / "data")})
    try:
        for name, text in (others or {}).items():
            (tmp_path / name).write_text(text, encoding="utf-8")
            assert ingest_paths(store, [tmp_path / name])[0].status == "stored"
    finally:
        store.close()
    app = fresh_app(tmp_path / "store" / "data", tmp_path / "app")
    try:
        yield app.test_client()
    finally:
        close_resources(app)


@pytest.mark.parametrize("asked, location", [
    ("/id/actor/telesoins", "/id/actor/telesoins-forez"),
    ("/id/actor/telesoins.json", "/id/actor/telesoins-forez.json"),
    ("/id/actor/telesoins.html", "/id/actor/telesoins-forez.html"),
    ("/id/actor/telesoins.ttl", "/id/actor/telesoins-forez.ttl"),
    ("/id/actor/telesoins.jsonld", "/id/actor/telesoins-forez.jsonld"),
    ("/id/actor/telesoins.nt", "/id/actor/telesoins-forez.nt"),
    ("/id/actor/telesoins.rdf", "/id/actor/telesoins-forez.rdf"),
    ("/id/actor/telesoins?lang=en&page=2", "/id/actor/telesoins-forez?lang=en&page=2"),
    (f"/resource?iri={OLD}&lang=en", f"/resource?iri={NEW.replace(':', '%3A').replace('/', '%2F')}&lang=en")])
def test_the_old_address_of_a_renamed_member_redirects_to_its_new_one_in_the_form_asked(tmp_path, asked, location):
    with client_after(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC")) as client:
        response = client.get(asked)
        followed = client.get(asked, follow_redirects=True)
    assert (response.status_code, response.headers["Location"], followed.status_code) == (302, location, 200)


def test_the_old_address_of_a_member_renamed_twice_redirects_to_its_last_name(tmp_path):
    with client_after(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"),
                      member("Télésoins Loire SCIC")) as client:
        locations = [client.get(f"/id/actor/{key}.json").headers["Location"]
                     for key in ("telesoins", "telesoins-forez")]
    assert locations == ["/id/actor/telesoins-loire.json"] * 2


def test_an_old_address_that_another_source_still_describes_shows_its_page(tmp_path):
    label = f'<{OLD}> <http://www.w3.org/2000/01/rdf-schema#label> "Télésoins SCIC" .\n'
    with client_after(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"),
                      others={"other.nt": label}) as client:
        response = client.get("/id/actor/telesoins.json")
    assert (response.status_code, response.get_json()["iri"]) == (200, OLD)


def test_the_new_page_of_a_renamed_member_names_its_old_name_not_its_old_address(tmp_path):
    """The old address only leads back to the page: the old name says the rename (tests/test_register_lifecycle.py)."""
    with client_after(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC")) as client:
        page = client.get("/id/actor/telesoins-forez.json").get_json()
    assert [group["property"]["iri"] for group in page["inverse"]
            if group["property"]["iri"] == str(DCTERMS.isReplacedBy)] == []
    assert [(p["property"]["label"], p["values"]) for p in page["properties"]
            if p["property"]["iri"] == str(SKOS.hiddenLabel)] == [("ancien nom", ["Télésoins SCIC"])]
