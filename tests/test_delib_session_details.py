"""A deliberation's totals, votes and session details as a third blind round wrote them: a total whose subject runs
long before "s'élève à", a unanimity that counts its votes for, a vote whose counts for make up the voters, a chair
titled by rank ("2e adjoint"), a prefecture's stamp written as a label ("Transmission préfecture : …") and a
commune's name in capitals that the text writes in small letters elsewhere."""

from __future__ import annotations

import pytest

from graph.ingest.delib_authority import find_authority
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_people import Attendance
from graph.ingest.delib_officers import parse_officers
from graph.ingest.delib_stamps import strip_stamps

HEAD = ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2024\n{attendance}Délibération n° 2024-50\n"
        "Objet : Subventions\n\n")
LIST = ("Le Conseil municipal DÉCIDE d'attribuer pour 2024 :\n- au Comité des fêtes : 1 800 € ;\n"
        "- à l'APE de l'école Jean-Moulin : 650 € ;\n")
VOTERS = "Conseillers en exercice : 15 – Présents : 12 – Représentés : 1 – Votants : 13\n"


def _facts(tmp_path, body: str, attendance: str = "") -> dict:
    path = tmp_path / "deliberation.txt"
    path.write_text(HEAD.format(attendance=attendance) + body, encoding="utf-8")
    return deliberation_facts(extract_fixture(path).graph)


@pytest.mark.parametrize("subject", ["Le total des subventions attribuées", "Le total des subventions",
                                     "Le total des subventions attribuées par la présente délibération"])
def test_a_total_whose_subject_runs_long_before_its_verb_is_stated(tmp_path, subject):
    facts = _facts(tmp_path, LIST + f"{subject} s'élève à 2 450 € (contre 2 300 € en 2023).\nAdopté à l'unanimité.\n")
    assert facts["stated_totals"] == ["2450"]
    assert sorted(amount for _, amount in facts["grants"]) == ["1800", "650"]


@pytest.mark.parametrize("vote", ["Vote : unanimité (13 voix pour).", "Adopté à l'unanimité (13 voix pour).",
                                  "Vote : unanimité (13 votants)."])
@pytest.mark.parametrize("attendance", ["", VOTERS])
def test_a_unanimity_that_counts_its_votes_for_had_none_against_and_no_abstention(tmp_path, vote, attendance):
    facts = _facts(tmp_path, LIST + vote + "\n", attendance)
    assert facts["outcome"] == "adopted-unanimously"
    assert facts["votes"] == {"for": 13, "against": 0, "abstentions": 0}


@pytest.mark.parametrize("vote", ["Adopté à l'unanimité (13 voix pour).",
                                  "Adopté à l'unanimité des suffrages exprimés (13 voix pour)."])
def test_a_unanimity_short_of_the_voters_leaves_the_counts_it_does_not_give_unknown(tmp_path, vote):
    facts = _facts(tmp_path, LIST + vote + "\n", VOTERS.replace("Représentés : 1 – Votants : 13",
                                                                 "Représentés : 3 – Votants : 15"))
    assert facts["votes"] == {"for": 13, "against": None, "abstentions": None}


def test_a_unanimity_without_figures_keeps_its_votes_unknown(tmp_path):
    facts = _facts(tmp_path, LIST + "Adopté à l'unanimité.\n", VOTERS)
    assert (facts["outcome"], facts["votes"]) == ("adopted-unanimously", None)


def test_votes_for_that_make_up_the_voters_leave_no_vote_against_nor_abstention(tmp_path):
    facts = _facts(tmp_path, LIST + "Adopté par 13 voix pour.\n", VOTERS)
    assert facts["votes"] == {"for": 13, "against": 0, "abstentions": 0}
    facts = _facts(tmp_path, LIST + "Adopté par 12 voix pour.\n", VOTERS)
    assert facts["votes"] == {"for": 12, "against": None, "abstentions": None}


@pytest.mark.parametrize("title", ["2e adjoint", "Premier adjoint", "2ème Adjoint au Maire", "1er Vice-Président",
                                   "Première adjointe", "Adjointe au Maire"])
def test_a_chairs_office_after_its_rank_is_the_chairs_title(title):
    attendance = Attendance()
    parse_officers(f"Sous la présidence de M. Sébastien ROUBAUD, {title}, le Maire ayant quitté la séance.\n",
                   attendance)
    assert (attendance.chair.label, attendance.chair_title) == ("Sébastien ROUBAUD", title)


@pytest.mark.parametrize("label, what", [
    ("Transmission préfecture : 03/02/2025", "sent"), ("Transmission en préfecture : 03/02/2025", "sent"),
    ("Transmis à la préfecture : 03/02/2025", "sent"), ("Télétransmis en préfecture : 03/02/2025", "sent"),
    ("Envoi en préfecture : 03/02/2025", "sent"), ("Transmission au contrôle de légalité : 03/02/2025", "sent"),
    ("Date de transmission en préfecture : 03/02/2025", "sent"), ("Télétransmis le 03/02/2025", "sent"),
    ("Réception préfecture : 03/02/2025", "received"), ("Reçu en préfecture le 03/02/2025", "received"),
    ("Date de réception en préfecture : 03/02/2025", "received")])
def test_a_prefecture_stamp_written_as_a_label_gives_its_date(label, what):
    body, stamp = strip_stamps(f"Rendue exécutoire le 04/02/2025 – {label} – Publication : 04/02/2025")
    assert str(getattr(stamp, what)) == "2025-02-03"
    assert "03/02/2025" not in body


def test_the_prefectures_transmission_label_is_the_deliberations_received_date(tmp_path):
    facts = _facts(tmp_path, LIST + "Adopté à l'unanimité.\nTransmission préfecture : 03/02/2025\n")
    assert facts["received"] == "2025-02-03"


@pytest.mark.parametrize("heading, elsewhere, name", [
    ("COMMUNE DE SANTA-MARIA-DI-LOTA", "À Santa-Maria-di-Lota, le 11 juin 2024.", "Commune de Santa-Maria-di-Lota"),
    ("COMMUNE DE SANTA-MARIA-DI-LOTA", "", "Commune de Santa-Maria-Di-Lota"),
    ("COMMUNE DE PLOUGUERNEVEL-AN-ARVOR", "", "Commune de Plouguernevel-an-Arvor"),
    ("COMMUNE DE SAINT-GERMAIN-AU-MONT-D'OR", "", "Commune de Saint-Germain-au-Mont-d'Or"),
    ("MAIRIE DE LA ROCHE-SUR-YON", "À la Roche-sur-Yon, le 11 juin 2024.", "Commune de La Roche-sur-Yon")])
def test_a_communes_name_in_capitals_is_written_as_the_text_writes_it_or_as_place_names_are(heading, elsewhere,
                                                                                              name):
    body = (f"{heading}\nConseil municipal – séance du 10 juin 2024\nDélibération n° 2024-50\n\n"
            f"Le Conseil municipal attribue une subvention de 900 € à l'association Les Aidants.\n{elsewhere}\n")
    assert find_authority(body)[0] == name
