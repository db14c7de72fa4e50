"""The partner register: two mistakes a reviewer found accepted in silence, each case the smallest that shows it.

A member's entry or exit date after the day of the ingest (« 20/11/2042 », a typo for 2024 most likely) is kept and
warned about, naming the member and the date, without guessing which year was meant; a grant entry's beneficiary
whose name is nearly a member's (« DanaeKare ») is warned about with the member's name, never matched to it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.ingest.base import SourceContext
from graph.ingest.register import extract
from graph.namespaces import MAI, SCHEMA

ID = "https://w3id.org/maillage/id/"
HEAD = """format: maillage-register/1
ptce:
  name: P
  goals: [{rank: 1, label: Un}]
members:
"""
REF = URIRef(ID + "grant-reference/p/r-yaml/1")


def register(members: str, tail: str = ""):
    return extract(SourceContext(Path("r.yaml"), (HEAD + members + tail).encode()))


def member(name: str = "DanaeCare", **dates: str) -> str:
    said = "".join(f"\n    {key}: {value}" for key, value in dates.items())
    return f"  - name: {name}\n    kind: association\n    circle: coeur{said}\n"


def future(ex) -> list[tuple[int, str, str | None, str]]:
    return [(i.line, i.field, i.value, i.message) for i in ex.issues if "futur" in i.message]


def membership_date(ex, name: str, prop: URIRef):
    return ex.graph.value(URIRef(ID + f"membership/p/{name}"), prop)


def ingest_day() -> str:
    """The day of an ingest just made, read after it: the suite may start on one day and run this test on the next."""
    return dt.date.today().isoformat()


def test_an_entry_date_in_the_future_is_kept_and_warned_about_naming_the_member_and_the_date():
    ex = register(member(joined="20/11/2042"))
    day = ingest_day()
    assert future(ex) == [(9, "joined", "20/11/2042", "date d'entrée du membre « DanaeCare » dans le futur "
                           f"(2042-11-20, après le jour de l'import, {day}) : gardée, le membre est compté parmi "
                           "les membres à venir, pas les actuels ; faute de frappe dans l'année ?")]
    assert membership_date(ex, "danaecare", MAI.joinedOn) == Literal("2042-11-20", datatype=XSD.date)
    assert "2024" not in ex.issues[0].message  # what was meant is not guessed
    assert ex.issues[0].level == "warning" and ex.stats["rows_rejected"] == 0


def test_an_exit_date_in_the_future_is_kept_and_warned_about_in_french_and_english():
    ex = register(member(joined="2024-05-16", left="2042-06-30"))
    day = ingest_day()
    assert [(line, field) for line, field, _, _ in future(ex)] == [(10, "left")]
    assert ex.issues[0].message_en == ("exit date of the member 'DanaeCare' in the future (2042-06-30, after the day "
                                       f"of the ingest, {day}): kept, the member is current until then; a typing "
                                       "mistake in the year?")
    assert membership_date(ex, "danaecare", MAI.leftOn) == Literal("2042-06-30", datatype=XSD.date)


@pytest.mark.parametrize("days, warned", [(1, True), (0, False), (-1, False)])
def test_a_date_is_in_the_future_from_the_day_after_the_ingest(days, warned):
    day = (dt.date.today() + dt.timedelta(days=days)).isoformat()
    ex = register(member(joined="2024-05-16", left=day) + member("Autre", joined=day))
    assert [line for line, *_ in future(ex)] == ([10, 14] if warned else [])


def test_an_exit_date_before_a_future_entry_date_is_ignored_as_before_and_the_entry_date_warned_about():
    ex = register(member(joined="2042-11-20", left="2025-06-30"))
    assert [i.message.split(" (")[0] for i in ex.issues] == ["membre « DanaeCare » : date de sortie",
                                                             "date d'entrée du membre « DanaeCare » dans le futur"]
    assert membership_date(ex, "danaecare", MAI.leftOn) is None


def test_a_roadmap_actions_dates_may_be_ahead_they_plan_it():
    roadmap = "actions:\n  - {title: T, goal: 1, start: 2041-09-01, end: 2042-06-30}\n"
    assert register(member(joined="2024-05-16"), roadmap).issues == []


def grant(beneficiary: str, key: str = "beneficiary", extra: str = "") -> str:
    return f"grants:\n  - {{deliberation: 2024.00240, {key}: {beneficiary}, goals: [1]{extra}}}\n"


def test_a_misspelt_beneficiary_is_warned_about_with_the_nearest_members_name_and_not_matched_to_it():
    ex = register(member(joined="2024-05-16"), grant("DanaeKare"))
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [
        (11, "beneficiary", "DanaeKare", "financement : beneficiary « DanaeKare » : aucun membre de ce nom ; "
                                         "vouliez-vous dire « DanaeCare » ? Lu tel qu'écrit, comme un acteur hors du "
                                         "registre")]
    assert ex.issues[0].message_en == ("grant: beneficiary 'DanaeKare': no member of that name; did you mean "
                                       "'DanaeCare'? Read as written, as an actor outside the register")
    assert set(ex.graph.objects(REF, SCHEMA.fundedItem)) == {URIRef(ID + "actor/danaekare")}


def test_a_misspelt_beneficiary_is_named_under_the_key_the_register_writes():
    ex = register(member(joined="2024-05-16"), grant("Danaé Care", key="bénéficiaire"))
    assert [i.message.split(" ?")[0] for i in ex.issues] == [
        "financement : bénéficiaire « Danaé Care » : aucun membre de ce nom ; vouliez-vous dire « DanaeCare »"]


@pytest.mark.parametrize("beneficiary", ["DanaeCare", "Association DanaeCare", "danaecare", "Ville de Firminy"])
def test_a_member_under_its_name_or_an_actor_outside_the_register_is_no_misspelling(beneficiary):
    assert register(member(joined="2024-05-16"), grant(beneficiary)).issues == []


def test_a_misspelt_beneficiary_whose_siren_is_a_members_is_told_once():
    ex = register(member(joined="2024-05-16") + '    siren: "244200770"\n',
                  grant("DanaeKare", extra=", siren: '244200770'"))
    assert [i.message.split(" :")[1] for i in ex.issues] == [" le SIREN 244200770 est celui du membre « DanaeCare » "
                                                             "(ligne 6), pas de « DanaeKare »"]


def test_the_command_line_names_the_file_and_line_of_a_future_date_and_a_misspelt_beneficiary(tmp_path):
    from webapp.cli import main

    path = tmp_path / "registre.yaml"
    path.write_text(HEAD + member(joined="20/11/2042") + grant("DanaeKare"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(path)],
                                catch_exceptions=False, env={"MAILLAGE_LANG": "fr"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.strip().startswith("registre.yaml:9: joined='20/11/2042': avertissement : date d'entrée du "
                                       "membre « DanaeCare » dans le futur (2042-11-20") for line in lines)
    assert any(line.strip().startswith("registre.yaml:11: beneficiary='DanaeKare': avertissement : financement : "
                                       "beneficiary « DanaeKare » : aucun membre de ce nom ; vouliez-vous dire "
                                       "« DanaeCare » ?") for line in lines)


# A warning about a member names it: the coordinator had to count lines to find the member of « ligne 62 ».

UNIVERSITY = "Université fictive de la Loire — laboratoire santé publique"


@pytest.mark.parametrize("lang, said", [
    ("fr", [f"r.yaml:10: left='2024-12-31': avertissement : membre « {UNIVERSITY} » : date de sortie (2024-12-31) "
            "avant la date d'entrée (2025-01-10) : date de sortie ignorée, le membre reste actuel ; corrigez l'une des "
            "deux",
            "r.yaml:13: circle='cercle des amis': avertissement : membre « CCAS de Firminy » : cercle inconnu « cercle "
            "des amis » (connus : coeur, operationnel, partenaires, financeurs) : membre enregistré sans cercle"]),
    ("en", [f"r.yaml:10: left='2024-12-31': warning: member '{UNIVERSITY}': exit date (2024-12-31) before the entry "
            "date (2025-01-10): exit date ignored, the member stays current; correct one of them",
            "r.yaml:13: circle='cercle des amis': warning: member 'CCAS de Firminy': unknown circle 'cercle des amis' "
            "(known: coeur, operationnel, partenaires, financeurs): member stored without a circle"])])
def test_a_warning_about_a_member_names_the_member_in_french_and_english(lang, said):
    ex = register(member(UNIVERSITY, joined="2025-01-10", left="2024-12-31")
                  + member("CCAS de Firminy", joined="2026-11-02").replace("circle: coeur", "circle: cercle des amis"))
    assert [issue.format("r.yaml", lang) for issue in ex.issues] == said
