"""What the explorer's pages show of a partner register's life (the blind coordinator's test u7, findings 5 and 8):
a member that moved from one circle of the PTCE to another is drawn and listed on the network page as a member only,
not also as a former one, while a member whose every membership ended stays a former one; a member with no circle
(an unknown circle in the register) is named « Sans cercle » in the members' lists, as the home page counts it.

Fixture strategy: each test writes a small register as ``r.yaml`` under ``tmp_path``, ingests it into a fresh store
with the product's :func:`graph.ingest.pipeline.ingest_paths`, and reads a fresh app on it
(:func:`tests.web_fixture.fresh_app`); the dates are years in the past, so that « today » does not move them.
"""

from __future__ import annotations

import contextlib
import csv
import io

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from tests.web_fixture import fresh_app

HEAD = "format: maillage-register/1\nptce:\n  name: P\n  goals:\n    - {rank: 1, label: Soins}\n"
USAGERS = "{name: Usagers, kind: usagers, circle: coeur, joined: 2020-05-10}"
#: The Université moved from the partners' circle to the operational one; the Mutuelle left.
MOVED = ("{name: Université, kind: universite, circle: partenaires, joined: 2021-01-10, left: 2022-04-01}",
         "{name: Université, kind: universite, circle: operationnel, joined: 2022-04-01}")
LEFT = "{name: Mutuelle, kind: entreprise-ess, circle: financeurs, joined: 2020-01-01, left: 2021-06-30}"
#: A member whose circle the register misspells: stored with no circle (and warned about).
NO_CIRCLE = "{name: MSP Pilat, kind: professionnel-de-sante, circle: stratégique, joined: 2021-11-20}"


def register(*members: str) -> str:
    return HEAD + "members:\n" + "".join(f"  - {member}\n" for member in (USAGERS, *members))


@contextlib.contextmanager
def client_of(tmp_path, text: str):
    """A test client of a fresh app on a store where the register ``text`` was ingested."""
    from webapp.resources import close_resources

    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        assert [report.status for report in ingest_paths(store, [path])] == ["stored"]
    finally:
        store.close()
    app = fresh_app(tmp_path / "data", tmp_path / "app")
    try:
        yield app.test_client()
    finally:
        close_resources(app)


def iri_of(client, kind: str, label: str) -> str:
    """The IRI of the resource of ``kind`` (``cooperation``, ``member``) named ``label``, as the network's choices
    or the members' list give it."""
    if kind == "cooperation":
        rows = client.get("/network.json").get_json()["choices"]["rows"]
        return next(r["resource"]["iri"] for r in rows
                    if r["kind"] == "cooperation" and r["resource"]["label"] == label)
    rows = client.get("/api/queries/partenaires-par-cercle", query_string={"lang": "fr"}).get_json()["rows"]
    return next(r["member"]["iri"] for r in rows if r["member"]["label"] == label)


def relations(client, focus: str) -> list[tuple[str, str]]:
    """The network's links around ``focus``: (neighbour's name, relation), as its table lists them."""
    rows = client.get("/network.json", query_string={"focus": focus}).get_json()["edges"]["rows"]
    return sorted((row["other"]["label"], row["relation"]) for row in rows)


# 1. A move between circles of one PTCE is a membership today, not also a former one (u7 #5).

def test_a_member_that_moved_between_circles_is_a_member_of_the_pole_only_and_one_that_left_a_former_one(tmp_path):
    with client_of(tmp_path, register(*MOVED, LEFT)) as client:
        pole = iri_of(client, "cooperation", "P")
        assert [edge for edge in relations(client, pole) if edge[0] != "Usagers"] == [
            ("Mutuelle", "had-member"), ("Université", "has-member")]
        page = client.get("/network", query_string={"focus": pole, "lang": "fr"},
                          headers={"Accept": "text/html"}).get_data(as_text=True)
        drawing = page.split('class="network"', 1)[1].split("</svg>", 1)[0]  # not the legend's swatches
        assert drawing.count("edge-former") == 1  # the Mutuelle's line only, the Université's drawn once, solid
        assert relations(client, iri_of(client, "member", "Université")) == [("P", "member-of")]
        assert relations(client, iri_of(client, "member", "Mutuelle")) == [("P", "former-member-of")]


def test_a_member_whose_every_membership_ended_stays_a_former_member_however_many_it_had(tmp_path):
    ended = (MOVED[0], MOVED[1].replace("}", ", left: 2023-03-01}"))
    with client_of(tmp_path, register(*ended)) as client:
        pole = iri_of(client, "cooperation", "P")
        assert [edge for edge in relations(client, pole) if edge[0] == "Université"] == [("Université", "had-member")]


# 2. A member with no circle is named « Sans cercle » in the members' lists, page and CSV (u7 #8).

@pytest.mark.parametrize("name", ["membres-actuels-par-cercle", "partenaires-par-cercle"])
@pytest.mark.parametrize("lang, said", [("fr", "Sans cercle"), ("en", "No circle")])
def test_a_member_with_no_circle_is_named_so_in_the_members_lists_csv_with_no_iri(tmp_path, name, lang, said):
    with client_of(tmp_path, register(NO_CIRCLE)) as client:
        text = client.get(f"/queries/{name}.csv", query_string={"lang": lang}).get_data(as_text=True)
    rows = {row["member"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["MSP Pilat"]["circle"], rows["MSP Pilat"]["circle_iri"], rows["MSP Pilat"]["circleLabel"]) == (
        said, "", "")
    assert rows["Usagers"]["circle_iri"].endswith("/circle/coeur")


@pytest.mark.parametrize("lang, said", [("fr", "Sans cercle"), ("en", "No circle")])
def test_a_member_with_no_circle_is_named_so_on_the_members_page(tmp_path, lang, said):
    with client_of(tmp_path, register(NO_CIRCLE)) as client:
        page = client.get("/queries/membres-actuels-par-cercle", query_string={"run": 1, "lang": lang},
                          headers={"Accept": "text/html"}).get_data(as_text=True)
    [row] = [row for row in page.split("<tr>") if "MSP Pilat" in row]
    assert row.startswith(f"<td>{said}</td>")


# 3. A period ended by a move between circles is no departure, on the pole's page and the member's.

def membership_rows(client, iri: str, lang: str) -> list[tuple[str, str, str]]:
    """The memberships table of the page of ``iri``: (member, circle, status) per row, in the page's order."""
    data = client.get("/resource", query_string={"iri": iri, "lang": lang, "format": "json"}).get_json()
    return [(row["member"]["label"], row["circle"]["label"], row["status"]) for row in data["memberships"]["rows"]]


@pytest.mark.parametrize("lang, moved, former", [
    ("fr", "a changé de cercle → cercle opérationnel, le 1er avril 2022", "ancien membre"),
    ("en", "moved to the operational circle on 1 April 2022", "former member")])
def test_a_period_ended_by_a_move_between_circles_says_so_and_only_a_member_with_no_current_period_is_a_former_one(
        tmp_path, lang, moved, former):
    with client_of(tmp_path, register(*MOVED, LEFT)) as client:
        pole, university = iri_of(client, "cooperation", "P"), iri_of(client, "member", "Université")
        rows = membership_rows(client, pole, lang)
        page = client.get("/resource", query_string={"iri": pole, "lang": "fr"},
                          headers={"Accept": "text/html"}).get_data(as_text=True)
        own = membership_rows(client, university, lang)
    assert [row[0::2] for row in rows if row[2] not in ("membre", "member")] == [
        ("Université", moved), ("Mutuelle", former)]
    assert [row[1:] for row in own] == [
        ("Cercle opérationnel" if lang == "fr" else "Operational circle", "membre" if lang == "fr" else "member"),
        ("Cercle des partenaires" if lang == "fr" else "Partners circle", moved)]
    assert "Membres aujourd&#39;hui\u00a0: 2 · anciens membres\u00a0: 1" in page


# 4. « Membres actuels par cercle » gives a member's first entry, not its entry into its circle of today.

@pytest.mark.parametrize("periods, joined", [
    (MOVED, "2021-01-10"),  # moved between circles: a member since its first entry
    ((MOVED[0], MOVED[1].replace("2022-04-01", "2023-04-01")), "2023-04-01"),  # left, came back a year later
    ((MOVED[0], MOVED[1].replace("}", ", left: 2023-01-01}"),  # moved twice
      "{name: Université, kind: universite, circle: coeur, joined: 2023-01-01}"), "2021-01-10"),
    ((MOVED[1],), "2022-04-01")])
def test_todays_members_list_gives_the_first_entry_of_a_members_unbroken_periods(tmp_path, periods, joined):
    with client_of(tmp_path, register(*periods)) as client:
        text = client.get("/queries/membres-actuels-par-cercle.csv").get_data(as_text=True)
    rows = {row["member"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["Université"]["joined"], rows["Usagers"]["joined"]) == (joined, "2020-05-10")


@pytest.mark.parametrize("lang, said", [("fr", "parti le 1er avril 2022, revenu le 1er avril 2023"),
                                        ("en", "left on 1 April 2022, back on 1 April 2023")])
def test_a_period_after_which_a_member_came_back_later_says_when_it_left_and_came_back(tmp_path, lang, said):
    with client_of(tmp_path, register(MOVED[0], MOVED[1].replace("2022-04-01", "2023-04-01"))) as client:
        own = membership_rows(client, iri_of(client, "member", "Université"), lang)
    assert [row[2] for row in own] == ["membre" if lang == "fr" else "member", said]
