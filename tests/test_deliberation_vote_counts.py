"""Counts of a vote that do not agree with the voters a deliberation states are kept as the text gives them and
said in the import report, as the SCDL import says "VOTE_REEL ≠ POUR + CONTRE + ABSTENTION". A count of voters may
count the members who take no part in the vote, or not: counts that fall short of it are said only when the text
states that nobody took no part. The fixture commune-votants-moins-que-les-voix has 35 votes for 33 voters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture

FIXTURE = Path(__file__).parent / "fixtures" / "deliberations" / "commune-votants-moins-que-les-voix.txt"

_TEXT = ("VILLE DE SAINT-JOVIN-SUR-GIER-FICTIF\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n"
         "Séance du 16 mai 2024\n{counts}\nDélibération n° 2024.052\nObjet : Subvention à l'association Santé Gier\n\n"
         "Le Conseil Municipal DÉCIDE d'attribuer une subvention de 5 000 € à l'association Santé Gier.\n\n{vote}\n")


def _read(tmp_path, counts: str, vote: str):
    path = tmp_path / "vote.txt"
    path.write_text(_TEXT.format(counts=counts, vote=vote), encoding="utf-8")
    extraction = extract_fixture(path)
    return deliberation_facts(extraction.graph)["votes"], [(i.message, i.message_en) for i in extraction.issues]


def test_more_votes_than_voters_are_stored_as_the_text_gives_them_and_said_with_their_lines():
    extraction = extract_fixture(FIXTURE)
    assert deliberation_facts(extraction.graph)["votes"] == {"for": 30, "against": 2, "abstentions": 3}
    assert [(i.message, i.message_en) for i in extraction.issues] == [(
        "votants (33) ≠ pour + contre + abstentions (35) : « Pour : 30 / Contre : 2 / Abstention : 3 / Le Conseil "
        "adopte. » pour « Nombre de votants : 33 » ; comptes enregistrés tels que le texte les donne, à vérifier",
        "voters (33) ≠ for + against + abstentions (35): 'Pour : 30 / Contre : 2 / Abstention : 3 / Le Conseil "
        "adopte.' for 'Nombre de votants : 33'; counts stored as the text gives them, to be checked")]


def test_votes_for_and_against_beyond_the_votes_cast_are_said(tmp_path):
    votes, issues = _read(tmp_path, "Suffrages exprimés : 30", "Pour : 27 – Contre : 4 – Abstentions : 2\nAdopté.")
    assert votes == {"for": 27, "against": 4, "abstentions": 2}
    assert [fr.split(" : «")[0] for fr, _ in issues] == ["suffrages exprimés (30) ≠ pour + contre (31)"]


def test_fewer_votes_than_voters_are_said_when_the_text_says_nobody_took_no_part(tmp_path):
    _, issues = _read(tmp_path, "Votants : 33",
                      "Pour : 28 – Contre : 2 – Abstentions : 1 – Ne prennent pas part au vote : 0\nAdopté.")
    assert [fr.split(" : «")[0] for fr, _ in issues] == ["votants (33) ≠ pour + contre + abstentions (31)"]


@pytest.mark.parametrize("counts, vote", [
    ("Votants : 33", "Pour : 28\nContre : 2\nAbstention : 3\nLe Conseil adopte."),
    # members who take no part in the vote may be counted among the voters, or not
    ("Votants : 33", "Pour : 28 – Contre : 2 – Abstentions : 1 – Ne prend pas part au vote : 2\nAdopté."),
    ("Votants : 33", "Pour : 28\nContre : 2\nAbstention : 1\nM. Paul DURAND ne prend pas part au vote.\nAdopté."),
    ("Suffrages exprimés : 30", "Pour : 27 – Contre : 3 – Abstentions : 2\nAdopté."),
    # no count of voters stated: nothing to check against
    ("Nombre de conseillers en exercice : 35", "Pour : 30\nContre : 2\nAbstention : 3\nLe Conseil adopte."),
])
def test_counts_that_agree_with_the_voters_or_may_are_not_warned_of(tmp_path, counts, vote):
    assert _read(tmp_path, counts, vote)[1] == []
