"""What a robustness sweep of the deliberation kind found, each case the smallest text that shows it: patterns that
went cubic on a long line or a long run of spaces (a text whose body is one line, as a web page's HTML gives it; a
list indented deep), counts and dates that cannot be, stored without a word.

The slow cases run under a guard of :data:`GUARD_S` seconds that turns a hang into a failure: the inputs took hours
before (their time grew with the cube of the line's length: 1,100 characters 17 s), milliseconds now.
"""

from __future__ import annotations

import random
import signal
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib.namespace import RDFS

from graph.ingest.delib_clauses import NEXT_GRANT, next_clause, where_clause_starts
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_prose_details import _AND_ANOTHER_GRANT, another_grant_after
from graph.ingest.delib_prose_totals import summed_after
from graph.ingest.french import AMOUNT_RE, parse_amount
from graph.namespaces import MAI, SCHEMA

#: Seconds a case may take before it counts as a hang (the cases take milliseconds, the old code hours).
GUARD_S = 60

_HEAD = ("VILLE DE PORT-LAVANDE-FICTIVE\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n"
         "Séance du 2 décembre 2024\n")


class _Hang(Exception):
    pass


@contextmanager
def _no_hang():
    """Fail the test instead of waiting for a pattern that never ends."""
    def hang(*_):
        raise _Hang(f"more than {GUARD_S} s: a pattern's backtracking runs away")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(GUARD_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _extract(tmp_path: Path, text: str):
    path = tmp_path / "deliberation.txt"
    path.write_text(text, encoding="utf-8")
    return extract_fixture(path)


def test_a_text_whose_body_is_one_long_line_below_the_number_is_read_at_once(tmp_path):
    # The number's line gives no title, and the whole body below it is one line with no line end after it.
    filler = "Cette action s'inscrit dans le projet social de la Ville et concerne les familles du quartier. "
    text = (_HEAD + "Délibération n° 2024-118 Le Conseil municipal, convoqué le 25 novembre 2024, s'est réuni\n"
            "Le Conseil municipal, après en avoir délibéré, à l'unanimité, attribue à l'association Les Mouettes une "
            "subvention de 1 500 €. " + filler * 30)
    with _no_hang():
        extraction = _extract(tmp_path, text)
    assert [amount for _, amount in deliberation_facts(extraction.graph)["grants"]] == ["1500"]


def test_a_long_run_of_spaces_between_two_amounts_is_read_at_once():
    sentence = "de 8 000 € pour 2025," + " " * 3000 + "de 9 000 € pour 2026, soit 17 000 €"
    amounts = [(m.start(), m.end(), parse_amount(m.group(0))) for m in AMOUNT_RE.finditer(sentence)]
    with _no_hang():
        sums = summed_after(sentence, amounts)
    assert sums == {sentence.index("17 000"): sentence.index(", soit")}


_VOTE = "Pour : 40 - Contre : 4 - Abstentions : 2"


@pytest.mark.parametrize("counts, vote, said", [
    ("Membres en exercice : 29\nPrésents : 31\nVotants : 31", _VOTE, "présents (31) > membres en exercice (29)"),
    ("Membres en exercice : 29\nPrésents : 24\nVotants : 27\nPouvoirs : 3", _VOTE,
     "votes pour, contre et abstentions (46) > membres en exercice (29)"),
    ("Présents : 24\nVotants : 999999999999", _VOTE,
     "votants (999999999999) : plus que les membres de toute assemblée"),
    ("Présents : 24", "Pour : 40000 - Contre : 4", "votes pour (40000) : plus que les membres de toute assemblée"),
])
def test_counts_beyond_the_members_in_office_are_stored_and_said(tmp_path, counts, vote, said):
    text = (_HEAD + counts + "\nDélibération n° 2024-118\nObjet : Subvention à l'association Les Mouettes\n\n"
            "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer une subvention de 1 500 € à "
            "l'association Les Mouettes.\n\n" + vote + "\n")
    extraction = _extract(tmp_path, text)
    assert any(i.message.startswith(said) and i.level == "warning" for i in extraction.issues), \
        [i.message for i in extraction.issues]


@pytest.mark.parametrize("written, said", [
    ("30 février 2024", "date impossible « 30 février 2024 » : ce jour n'existe pas"),
    ("0 mai 2024", "date impossible « 0 mai 2024 » : ce jour n'existe pas"),
    ("31/04/2024", "date impossible « 31/04/2024 » : ce jour n'existe pas"),
    ("1er mai 0001", "date invraisemblable « 1er mai 0001 » : année hors de 1000 à 2199"),
    ("12 juin 9999", "date invraisemblable « 12 juin 9999 » : année hors de 1000 à 2199"),
])
def test_a_session_date_that_cannot_be_is_said(tmp_path, written, said):
    text = (_HEAD.replace("2 décembre 2024", written) + "Délibération n° 2024-118\n"
            "Objet : Subvention à l'association Les Mouettes\n\nLe Conseil municipal, après en avoir délibéré, DÉCIDE "
            "d'attribuer une subvention de 1 500 € à l'association Les Mouettes.\n")
    extraction = _extract(tmp_path, text)
    assert any(i.message.startswith(said) and i.level == "warning" for i in extraction.issues), \
        [i.message for i in extraction.issues]


def test_possible_dates_and_numbers_like_dates_are_not_said(tmp_path):
    text = (_HEAD + "Délibération n° 2024-118\nObjet : Subvention à l'association Les Mouettes\n\nVu la loi du "
            "1er juillet 1901 ; contact : 04.77.12.2024 ;\nLe Conseil municipal, après en avoir délibéré, DÉCIDE "
            "d'attribuer une subvention de 1 500 € à l'association Les Mouettes.\n")
    extraction = _extract(tmp_path, text)
    assert not [i.message for i in extraction.issues if i.message.startswith("date")]


def test_an_amount_followed_by_a_deep_indent_is_read_at_once(tmp_path):
    # What follows an amount ("HT", ", soit", "attribuée par …") was looked for across the spaces after it three
    # ways at once: an item indented 3,000 spaces deep below an amount.
    text = (_HEAD + "Délibération n° 2024-118\nObjet : Subventions aux associations\n\nLe Conseil municipal, après "
            "en avoir délibéré, DÉCIDE d'attribuer les subventions suivantes :\n- à l'association Les Mouettes : "
            "1 500 €\n" + " " * 3000 + "- à l'association Les Goélands : 2 000 €\n")
    with _no_hang():
        extraction = _extract(tmp_path, text)
    assert sorted(amount for _, amount in deliberation_facts(extraction.graph)["grants"]) == ["1500", "2000"]


def _granted_in_order(extraction) -> list[tuple[str, str]]:
    """The grants read, as (beneficiary, amount), in the order the reader stored them (the text's)."""
    graph = extraction.graph
    return [(str(graph.value(graph.value(grant, MAI.beneficiary), RDFS.label)),
             format(Decimal(str(graph.value(grant, SCHEMA.amount))).normalize(), "f"))
            for grant in graph.subjects(MAI.decidedBy, None)]


def _amount(k: int) -> str:
    return f"{(1000 + 10 * k) // 1000} {(1000 + 10 * k) % 1000:03d} €"


_DECIDES = ("Délibération n° 2024-118\nObjet : Subventions aux associations\n\n"
            "Le Conseil municipal, après en avoir délibéré, ")
_EXPECTED = [(f"Les Amis du Quartier {k}", str(1000 + 10 * k)) for k in range(1, 401)]


def test_one_sentence_of_four_hundred_grants_reads_each_in_order(tmp_path):
    # Each amount sought its clause, its beneficiary, its nature, its year and its account through the whole sentence:
    # the time grew with the square of the grants (400 took 5.3 s; 1.6 s now).
    text = (_HEAD + _DECIDES + "DÉCIDE d'attribuer les subventions suivantes : "
            + ", ".join(f"{_amount(k)} à l'association Les Amis du Quartier {k}" for k in range(1, 401)) + ".\n")
    with _no_hang():
        extraction = _extract(tmp_path, text)
    assert _granted_in_order(extraction) == _EXPECTED


def test_a_list_each_of_whose_items_is_indented_eight_thousand_spaces_is_read_at_once(tmp_path):
    # Patterns tried a deep indent again from each of its spaces (a prize's bullet, a person's, a Markdown rule, a
    # paragraph's last line, a deliberation's number…): 20 items indented 4,000 spaces deep took 50 s.
    items = "".join(" " * 8000 + f"- à l'association Les Amis du Quartier {k} : {_amount(k)}\n" for k in range(1, 21))
    text = _HEAD + _DECIDES + "DÉCIDE d'attribuer les subventions suivantes :\n" + items
    with _no_hang():
        extraction = _extract(tmp_path, text)
    assert _granted_in_order(extraction) == _EXPECTED[:20]


def test_the_second_grant_to_a_beneficiary_is_found_from_any_place_as_the_pattern_finds_it():
    pieces = [" ", "   ", "\n", "\t", "\u00a0", "et", " et ", "ET", "une subvention", "un concours", "une", " aide",
              "s", ",", "5 €", "x"]
    generator = random.Random(1206)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 14)))
        for at in range(len(text) + 1):
            found, own = another_grant_after(text, at), _AND_ANOTHER_GRANT.search(text, at)
            assert (found and found.span()) == (own and own.span()), (text, at)


def _clause_texts(count: int) -> list[str]:
    """Short texts made of the pieces that part a sentence's clauses and of what surrounds them, with a fixed seed."""
    pieces = [" ", "  ", "\n", "\t", " et ", "et", " ET ", ";", " ; ", "à ", "au ", "aux ", "a la ", "a l'", "de 5",
              "de ", "5", "1 500 €", "Club", "\u00a0"]
    generator = random.Random(118)
    return ["".join(generator.choice(pieces) for _ in range(generator.randint(0, 12))) for _ in range(count)]


def test_the_clauses_found_once_a_sentence_are_those_the_pattern_finds_from_each_amount():
    for text in _clause_texts(3000):
        for at in range(len(text) + 1):
            assert where_clause_starts(text, at) == max((m.end() for m in NEXT_GRANT.finditer(text, 0, at)),
                                                        default=0), (text, at)
            found, own = next_clause(text, at), NEXT_GRANT.search(text, at)
            assert (found and found.span()) == (own and own.span()), (text, at)
