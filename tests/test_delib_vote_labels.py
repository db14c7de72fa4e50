"""A vote's counts and members under the labels a roll-call vote writes: "S'est abstenu (1) : …", "Se sont abstenus
(2) : …", "A voté contre : …", as "Abstention (1) : …" and "Ont voté contre (3) : …" are read; the members named
after them, with their civility or without, counted when no count is given.
"""

from __future__ import annotations

import pytest
from rdflib.namespace import DCTERMS

from graph.ingest.delib_facts import extract_fixture
from graph.ingest.delib_vote import parse_vote
from graph.namespaces import MAI


@pytest.mark.parametrize("line, abstentions", [
    ("S'est abstenu (1) : Olivier PELLAT.", 1),
    ("Se sont abstenus (2) : Olivier PELLAT, Anne MEYER.", 2),
    ("S'est abstenue (1) : Mme Anne MEYER.", 1),
    ("S'est abstenu : Olivier PELLAT.", 1),
    ("Se sont abstenus : Olivier PELLAT et Anne MEYER.", 2),
])
def test_a_roll_calls_abstainers_are_counted_by_their_label_or_their_names(line, abstentions):
    vote = parse_vote(f"Ont voté pour (13) : Claire ROUVEYROL, Gilles ARNAUD.\n"
                      f"Ont voté contre (3) : Laurent JOUBERT, Patrick MARCON, Thierry ROUX.\n{line}\n")
    assert (vote.outcome, vote.votes_for, vote.against, vote.abstentions) == ("adopted", 13, 3, abstentions)


@pytest.mark.parametrize("line, against", [
    ("A voté contre (1) : Patrick MARCON.", 1),
    ("A voté contre : Patrick MARCON.", 1),
    ("Ont voté contre : Laurent JOUBERT, Patrick MARCON et Thierry ROUX.", 3),
    ("A voté contre : M. Patrick MARCON.", 1),
])
def test_a_roll_calls_votes_against_are_counted_by_their_label_or_their_names(line, against):
    vote = parse_vote(f"Ont voté pour (12) : Claire ROUVEYROL, Gilles ARNAUD.\n{line}\n")
    assert (vote.votes_for, vote.against) == (12, against)


@pytest.mark.parametrize("line", ["Ont voté contre : Groupe ENSEMBLE.", "Se sont abstenus : Les ÉLUS UNIS.",
                                  "Ont voté contre : laurent joubert."])
def test_a_group_or_a_name_not_written_as_one_member_is_no_count(line):
    vote = parse_vote(f"Adopté à la majorité.\n{line}\n")
    assert (vote.against, vote.abstentions) == (None, None)


_MINUTES = """COMMUNE DE SAINT-JULIEN-EN-VERCORS-FICTIF
PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL
Séance du jeudi 12 septembre 2024 à 18h30
Conseillers en exercice : 19
Présents ou représentés : 17

DÉLIBÉRATION N° 2024-052 – TARIFS DE LA RESTAURATION SCOLAIRE 2024-2025

Après en avoir délibéré, le conseil municipal, à l'unanimité, FIXE les tarifs proposés.

DÉLIBÉRATION N° 2024-053 – SUBVENTION AU CENTRE DE SANTÉ ASSOCIATIF DU VERCORS

À la demande de cinq conseillers, il est procédé au vote par scrutin public.

Ont voté pour (13) : Claire ROUVEYROL, Gilles ARNAUD, Sophie BRUNEL (et pour Franck BARNIER), Denis CHABERT,
Nathalie DORIER, Éric FAURE, Valérie GIRAUD, Muriel LAGIER, Anne MEYER, Isabelle REYNAUD, Céline VIAL.
Ont voté contre (3) : Laurent JOUBERT, Patrick MARCON, Thierry ROUX.
S'est abstenu (1) : Olivier PELLAT.

Le conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer une subvention d'investissement de 4 200 €
à l'association Santé Partagée du Vercors.

DÉLIBÉRATION N° 2024-054 – DÉNOMINATION D'UNE VOIE

Le conseil municipal, à l'unanimité, DÉCIDE de dénommer la nouvelle voie « Allée des Gentianes ».
"""


def test_the_one_item_of_minutes_put_to_a_roll_call_has_its_own_counts(tmp_path):
    path = tmp_path / "pv.txt"
    path.write_text(_MINUTES, encoding="utf-8")
    graph = extract_fixture(path).graph
    acts = {str(next(graph.objects(d, DCTERMS.identifier))): d for d in graph.subjects(MAI.session, None)}
    counts = {n: tuple(int(v) if (v := next(graph.objects(d, p), None)) is not None else None
                       for p in (MAI.votesFor, MAI.votesAgainst, MAI.abstentions)) for n, d in acts.items()}
    assert counts == {"2024-052": (None, None, None), "2024-053": (13, 3, 1), "2024-054": (None, None, None)}
