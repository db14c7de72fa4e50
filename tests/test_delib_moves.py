"""Members' arrivals told beside their names: the anchored search finds what the plain pattern finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ingest.delib_moves import _ASIDE_ARRIVED, _asides, find_moves

#: Pieces of attendance lists: names, separators, spaces and line breaks, the asides and near misses.
PIECES = ["M. Jean DUPONT", "Mme Anne MARTIN", "Madame Léa ROUX", " ", "  ", "\t", "\n", ",", ";", ":", "(", ")",
          "(arrivé au point 4)", "(arrivée à partir du point 12)", " (Arrivé avant le point n° 3)",
          "( arrivée au question 2 )", "(arrivée au point 4", "(arrivé au point)", "(arrivé en retard)", "point 5",
          "et", "à 20 h", "é"]


def _found(matches):
    return [(m.start(), m.end(), m.group("who"), m.group("n")) for m in matches]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_the_asides_are_those_the_pattern_finds_from_every_character(pieces):
    text = "".join(pieces)
    assert _found(_asides(text)) == _found(_ASIDE_ARRIVED.finditer(text))


def test_an_aside_after_a_long_line_is_found_with_its_name_and_item():
    text = "Présents : " + ", ".join(f"M. Nom{n} PRENOM" for n in range(200)) + ", Mme Zoé LAST (arrivée au point 7)"
    (move,) = find_moves(text)
    assert (move.who, move.arrives, move.from_item) == ("Mme Zoé LAST", True, 7)
