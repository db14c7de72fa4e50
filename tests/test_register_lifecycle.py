"""A partner register's life over a year, version after version (the blind coordinator's test u7): an action removed
leaves the others' addresses, a member whose circle is lost to a typo and found again is told so, a renamed member
is found by its old name, a move between circles recorded with one date is no overlap, and the members' CSV gives
each member's RNA number.

Fixture strategy: each test writes the versions of a small register as ``r.yaml`` under ``tmp_path`` and ingests
them one after the other into a fresh store (the product's :func:`graph.ingest.pipeline.ingest_paths`), then reads
the last report, the store, the search index or a fresh app on it (:func:`tests.web_fixture.fresh_app`).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, SKOS
from web_fixture import ingest_versions as ingest_file_versions

from graph.ingest.base import SourceContext, source_iri
from graph.ingest.register import extract
from graph.namespaces import DEFAULT_BASE
from graph.store import open_store
from tests.web_fixture import fresh_app

HEAD = ("format: maillage-register/1\nptce:\n  name: P\n  goals:\n    - {rank: 1, label: Soins}\n"
        "    - {rank: 2, label: Prévention}\n")
ACTION = DEFAULT_BASE + "action/p/"
MAPPING, MEETINGS, CALL = ("Cartographie des acteurs", "Rencontres trimestrielles", "Appel à projets 2026")


def members(*lines: str) -> str:
    """The members' section: Usagers, then ``lines`` (each one member, as YAML flow mappings)."""
    return "members:\n  - {name: Usagers, kind: usagers, circle: coeur, joined: 2024-05-10}\n" + "".join(
        f"  - {line}\n" for line in lines)


MSP = "{name: MSP Pilat, kind: professionnel-de-sante, circle: %s, joined: 2025-02-03}"


def actions(*titles: str) -> str:
    return "actions:\n" + "".join(f"  - {{title: {title}, goal: 1}}\n" for title in titles)


def ingest_versions(tmp_path, *versions: str):
    """Ingest each of ``versions`` of ``r.yaml`` in turn into the store under ``tmp_path / "data"``; return the
    last report."""
    return ingest_file_versions(tmp_path, "r.yaml", *versions)


def change_line(report) -> str:
    """The info line that says what the last version changed."""
    return next(i.message for i in report.issues if i.message.startswith("ce que change"))


def rolled_back(line: str) -> str:
    """The change ``line`` of a version whose bytes are a previous version's, without what says so (u32, finding
    4: « identique à la version importée le … ; »), which it must say."""
    said, rolled = re.subn(r"identique à la version importée le \d+ \w+ \d{4} à \d\d:\d\d:\d\d ; ", "", line)
    assert rolled == 1, line
    return said


def query(tmp_path, text: str) -> list[tuple]:
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        return [tuple(str(term) for term in row) for row in store.query(text)]
    finally:
        store.close()


@contextlib.contextmanager
def client_after(tmp_path, *versions: str):
    """A test client of a fresh app on the store where ``versions`` of the register were ingested, its search index
    built (``maillage index``)."""
    from click.testing import CliRunner

    from webapp.cli import main
    from webapp.resources import close_resources

    ingest_versions(tmp_path, *versions)
    assert CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "index"]).exit_code == 0
    app = fresh_app(tmp_path / "data", tmp_path / "app")
    try:
        yield app.test_client()
    finally:
        close_resources(app)


# 1. An action's address is its own, not its rank in the file.

def test_removing_an_action_leaves_the_other_actions_their_addresses(tmp_path):
    ingest_versions(tmp_path, HEAD + members() + actions(MAPPING, MEETINGS))
    before = dict(query(tmp_path, f"SELECT ?a ?t WHERE {{ GRAPH ?g {{ ?a <{DCTERMS.title}> ?t }} }}"))
    ingest_versions(tmp_path, HEAD + members() + actions(MEETINGS, CALL))
    after = dict(query(tmp_path, f"SELECT ?a ?t WHERE {{ GRAPH ?g {{ ?a <{DCTERMS.title}> ?t }} }}"))
    [kept] = [iri for iri, title in before.items() if title == MEETINGS]
    assert (after[kept], [after.get(iri) for iri, title in before.items() if title == MAPPING]) == (MEETINGS, [None])


def test_the_change_summary_counts_the_actions_added_and_removed(tmp_path):
    report = ingest_versions(tmp_path, HEAD + members() + actions(MAPPING, MEETINGS),
                             HEAD + members() + actions(MEETINGS, CALL))
    assert change_line(report) == (
        "ce que change la nouvelle version de « r.yaml » : Action de la feuille de route +1 −1 "
        f"(+ {CALL} ; − {MAPPING})")


def test_an_action_is_addressed_by_its_id_or_its_title_and_two_alike_titles_stay_apart():
    text = (HEAD + members() + "actions:\n  - {id: carto, title: Cartographie}\n  - {title: Rencontres}\n"
            "  - {title: Rencontres, goal: 2}\n")
    ex = extract(SourceContext(Path("r.yaml"), text.encode()))
    assert sorted(str(a) for a in ex.graph.subjects(DCTERMS.title, None)) == [
        ACTION + "carto", ACTION + "rencontres", ACTION + "rencontres-2"]
    assert ex.issues == []


def test_an_action_id_given_twice_is_reported_with_its_lines():
    text = HEAD + members() + "actions:\n  - {id: a1, title: Un}\n  - {id: a1, title: Deux}\n"
    ex = extract(SourceContext(Path("r.yaml"), text.encode()))
    assert [(i.level, i.line, i.message) for i in ex.issues] == [("warning", 11, (
        "identifiant d'action « a1 » déjà donné à la ligne 10 : cette action a l'adresse « a1-2 » ; donnez-lui son "
        "propre identifiant"))]


# 2. A circle lost to an unknown circle, and found again.

def test_a_circle_lost_to_an_unknown_circle_and_found_again_is_told_both_times(tmp_path):
    lost = ingest_versions(tmp_path, HEAD + members(MSP % "operationnel"), HEAD + members(MSP % "stratégique"))
    found = ingest_versions(tmp_path, HEAD + members(MSP % "operationnel"))
    assert [change_line(lost), rolled_back(change_line(found))] == [
        "ce que change la nouvelle version de « r.yaml » : 1 membre changé de cercle (MSP Pilat : cercle "
        "opérationnel → aucun)",
        "ce que change la nouvelle version de « r.yaml » : 1 membre changé de cercle (MSP Pilat : aucun → cercle "
        "opérationnel)"]
    [warning] = [i.message for i in lost.issues if i.field == "circle"]
    assert warning.endswith("membre enregistré sans cercle")


# 3. A renamed member is found by its old name, which its page shows.

RENAMED = ("{name: Cabinet infirmier des Monts, kind: professionnel-de-sante, circle: operationnel, joined: "
           "2026-02-02}", "{name: Centre de soins des Monts, kind: professionnel-de-sante, circle: operationnel, "
           "joined: 2026-02-02}")
SIRET_RENAMED = ("{name: Jeunes et Santé, kind: association, siret: '77835612100005', circle: partenaires, joined: "
                 "2026-01-12}", "{name: Forez Jeunesse Santé, kind: association, siret: '77835612100005', circle: "
                 "partenaires, joined: 2026-01-12}")


def test_a_renamed_member_keeps_its_old_name_whether_its_address_changed_or_not(tmp_path):
    ingest_versions(tmp_path, HEAD + members(RENAMED[0], SIRET_RENAMED[0]), HEAD + members(RENAMED[1], SIRET_RENAMED[1]),
                    HEAD + members(RENAMED[1], SIRET_RENAMED[1], MSP % "coeur"))
    names = query(tmp_path, f"SELECT ?a ?n WHERE {{ GRAPH ?g {{ ?a <{SKOS.hiddenLabel}> ?n }} }}")
    assert sorted(names) == [(DEFAULT_BASE + "actor/centre-soins-monts", "Cabinet infirmier des Monts"),
                             (DEFAULT_BASE + "actor/siren-778356121", "Jeunes et Santé")]


def test_a_renamed_member_is_found_by_its_old_name_and_its_page_says_it(tmp_path):
    with client_after(tmp_path, HEAD + members(RENAMED[0]), HEAD + members(RENAMED[1])) as client:
        found = client.get("/api/search", query_string={"q": "Cabinet infirmier"}).get_json()
        page = client.get("/id/actor/centre-soins-monts.json").get_json()
        html = client.get("/id/actor/centre-soins-monts", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert [r["iri"] for r in found["results"]][:1] == [DEFAULT_BASE + "actor/centre-soins-monts"]
    assert "ancien nom" in html and "Cabinet infirmier des Monts" in html
    assert "ancienne adresse" not in html and str(DCTERMS.isReplacedBy) not in {
        group["property"]["iri"] for group in page["inverse"]}


def test_a_member_named_back_does_not_keep_its_own_name_as_an_old_one(tmp_path):
    ingest_versions(tmp_path, HEAD + members(RENAMED[0]), HEAD + members(RENAMED[1]), HEAD + members(RENAMED[0]))
    names = query(tmp_path, f"SELECT ?a ?n WHERE {{ GRAPH ?g {{ ?a <{SKOS.hiddenLabel}> ?n }} }}")
    assert names == [(DEFAULT_BASE + "actor/cabinet-infirmier-monts", "Centre de soins des Monts")]


# 4. A move between circles recorded with one date.

UNIV = "{name: Université, kind: universite, circle: partenaires, joined: 2025-01-10%s}"
MOVED = "{name: Université, kind: universite, circle: operationnel, joined: 2026-04-01}"


def test_a_move_between_circles_on_one_day_is_no_overlap_and_is_told_plainly(tmp_path):
    report = ingest_versions(tmp_path, HEAD + members(UNIV % ""),
                             HEAD + members(UNIV % ", left: 2026-04-01", MOVED))
    assert [i.message for i in report.issues if "chevauchent" in i.message] == []
    assert change_line(report) == (
        "ce que change la nouvelle version de « r.yaml » : 1 membre changé de cercle (Université : cercle des "
        "partenaires → cercle opérationnel), 1 membre aux dates changées (Université : nouvelle période depuis "
        "2026-04-01)")


def test_an_entry_date_found_again_is_no_new_period(tmp_path):
    undated = "{name: Université, kind: universite, circle: partenaires}"  # its date mistyped, so left out
    report = ingest_versions(tmp_path, HEAD + members(UNIV % ""), HEAD + members(undated), HEAD + members(UNIV % ""))
    assert rolled_back(change_line(report)) == ("ce que change la nouvelle version de « r.yaml » : 1 membre aux dates "
                                                "changées (Université : entrée aucune → 2025-01-10)")


def test_periods_that_share_more_than_their_handover_day_still_overlap():
    text = HEAD + members(UNIV % ", left: 2026-04-02", MOVED)
    ex = extract(SourceContext(Path("r.yaml"), text.encode()))
    assert [i.message for i in ex.issues if "chevauchent" in i.message] == [
        "membre listé deux fois, lignes 9 et 10, pour des périodes qui se chevauchent (ou sans date d'entrée) : "
        "deux adhésions distinctes"]


def test_an_old_name_recorded_passes_validation(tmp_path):
    from graph.validation import validate

    ingest_versions(tmp_path, HEAD + members(RENAMED[0]), HEAD + members(RENAMED[1]))
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        assert validate(store.query, URIRef(source_iri(tmp_path / "r.yaml", DEFAULT_BASE))) == []
    finally:
        store.close()


# 5. The goals a member serves, changed, are told (« Maison de santé du Pilat : objectifs 2 → 2, 3 »).

SERVING = "{name: MSP Pilat, kind: professionnel-de-sante, circle: operationnel, joined: 2025-02-03%s}"


def test_the_change_summary_tells_the_goals_a_member_serves_added_and_removed(tmp_path):
    added = ingest_versions(tmp_path, HEAD + members(SERVING % ", goals: [2]"),
                            HEAD + members(SERVING % ", goals: [2, 1]"))
    removed = ingest_versions(tmp_path, HEAD + members(SERVING % ""))
    assert [change_line(added), change_line(removed)] == [
        "ce que change la nouvelle version de « r.yaml » : 1 membre aux objectifs changés (MSP Pilat : objectifs 2 → "
        "1, 2)",
        "ce que change la nouvelle version de « r.yaml » : 1 membre aux objectifs changés (MSP Pilat : objectifs 1, 2 "
        "→ aucun)"]
    assert next(i.message_en for i in added.issues if i.message.startswith("ce que change")) == (
        "what the new version of 'r.yaml' changes: 1 member's goals changed (MSP Pilat: goals 2 → 1, 2)")
