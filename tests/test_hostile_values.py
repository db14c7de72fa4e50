"""Property tests (hypothesis) of the parsers that read values from hostile files: amounts, dates, SIRET/SIREN,
RNA, ACTES ids, person and organisation names.

Two properties for each: any text gives a value or the parser's own refusal — never another exception, never a
long run — and what the parser reads back is what a French writer wrote (round trips).
"""

from __future__ import annotations

import datetime as dt
import re
import signal
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import identifiers, values
from graph.dates import EXCEL_EPOCH, parse_date, parse_period
from graph.identity import actor_iri
from graph.identity_names import name_key
from graph.ingest import delib_names, delib_officers, french, french_numbers
from graph.ingest.delib_meta import parse_actes
from graph.ingest.delib_names import CIVILITIES, PARTICLES, parse_person

settings.register_profile("maillage", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("maillage")

#: Text as hostile files hold it: any Unicode, with the spaces and signs that French files use more often.
hostile_text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(list(" \u00a0\u202f,.;€-_/:0123456789"))),
                       max_size=60)
dates = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))
amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def refuses_or_reads(parse, text, refusal=values.ValueProblem):
    try:
        return parse(text)
    except refusal:
        return "refused"


# --- amounts -------------------------------------------------------------------------------------------------------


@given(hostile_text)
def test_any_text_gives_an_amount_or_a_clear_refusal(text):
    result = refuses_or_reads(values.parse_amount, text)
    assert result is None or result == "refused" or isinstance(result, Decimal)


@given(amounts, st.sampled_from([" ", "\u00a0", "\u202f"]), st.sampled_from([" €", "", " EUR", " euros", "€"]))
def test_an_amount_written_the_french_way_reads_back_exactly(amount, sep, currency):
    written = french.format_amount(amount, sep=sep, currency=currency)
    assert values.parse_amount(written) == amount
    assert french.parse_amount(written) == amount


@given(amounts)
def test_an_amount_written_with_a_decimal_dot_reads_back_exactly(amount):
    assert values.parse_amount(f"{amount:.2f}") == amount


@given(hostile_text)
def test_any_text_gives_an_amount_in_figures_or_none(text):
    result = french.parse_amount(text)
    assert result is None or isinstance(result, Decimal)


@given(st.integers(min_value=1, max_value=999_999_999))
def test_a_number_spelled_in_french_reads_back(n):
    assert french_numbers.words_to_number(french_numbers.number_to_words(n)) == n


@given(hostile_text)
def test_any_text_gives_spelled_amounts_or_none(text):
    for value, start, end in french_numbers.find_amounts_in_words(text):
        assert value > 0 and 0 <= start < end <= len(text)


# --- dates ---------------------------------------------------------------------------------------------------------


@given(hostile_text)
def test_any_text_gives_a_date_or_a_clear_refusal(text):
    result = refuses_or_reads(parse_date, text)
    assert result is None or result == "refused" or isinstance(result, dt.date)
    period = refuses_or_reads(parse_period, text)
    assert period is None or period == "refused" or isinstance(period, tuple)


@given(dates, st.sampled_from(["{d:%Y-%m-%d}", "{d:%d/%m/%Y}", "{d:%Y/%m/%d}", "{d:%d.%m.%Y}", "{d:%Y-%m-%d} 14:26:00"]))
def test_a_date_in_any_published_form_reads_back(day, form):
    assert parse_date(form.format(d=day)) == day


@given(st.dates(min_value=dt.date(1954, 10, 3), max_value=dt.date(2099, 12, 31)))
def test_an_excel_serial_number_reads_back_as_its_date(day):
    assert parse_date(str((day - EXCEL_EPOCH).days)) == day


@given(dates, st.booleans())
def test_a_date_in_french_words_reads_back(day, weekday):
    assert french.parse_date(french.format_date_words(day, weekday=weekday)) == day


@given(hostile_text)
def test_any_text_gives_a_date_in_words_or_none(text):
    result = french.parse_date(text, year=2024)
    assert result is None or isinstance(result, dt.date)


# --- identifiers ---------------------------------------------------------------------------------------------------


def with_luhn_key(body: str) -> str:
    """Append the digit that makes ``body`` pass the Luhn check."""
    return next(body + d for d in "0123456789" if identifiers.luhn_ok(body + d))


sirets = st.text(alphabet="0123456789", min_size=13, max_size=13).filter(
    lambda s: not s.startswith(identifiers.LA_POSTE_SIREN)).map(with_luhn_key)


@given(sirets, st.integers(min_value=0, max_value=13), st.integers(min_value=1, max_value=9))
def test_a_siret_with_one_wrong_digit_is_refused(siret, position, shift):
    assert identifiers.siret_ok(siret)
    wrong = siret[:position] + str((int(siret[position]) + shift) % 10) + siret[position + 1:]
    assert not identifiers.siret_ok(wrong)


@given(sirets, st.lists(st.sampled_from([" ", "\u00a0", "\u202f"]), max_size=3))
def test_a_siret_with_spaces_inside_is_still_valid(siret, spaces):
    spaced = siret
    for i, space in enumerate(spaces):
        cut = 3 * (i + 1)
        spaced = spaced[:cut] + space + spaced[cut:]
    assert identifiers.siret_ok(spaced)


@given(sirets)
def test_a_siret_that_went_through_a_float_is_flagged(siret):
    mangled = str(float(int(siret)))
    assert not identifiers.siret_ok(mangled)
    assert identifiers.siret_float_mangled(mangled)


@given(hostile_text)
def test_any_text_is_a_valid_or_invalid_identifier_without_error(text):
    for check in (identifiers.siret_ok, identifiers.siren_ok, identifiers.rna_ok, identifiers.siret_float_mangled):
        assert check(text) in (True, False)
    assert isinstance(identifiers.normalise_rna(text), str)


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=9, max_size=9), st.booleans())
def test_an_rna_number_in_any_case_and_spacing_is_valid(body, lower):
    written = f" w{body[:3]} {body[3:]} " if lower else "W" + body
    assert identifiers.rna_ok(written.lower() if lower else written)


# --- ACTES ids -----------------------------------------------------------------------------------------------------

internal_numbers = st.from_regex(r"[A-Z]?[0-9]{4,11}", fullmatch=True)


@given(st.sampled_from(["042", "034", "02A", "974"]), st.text(alphabet="0123456789", min_size=9, max_size=9), dates,
       internal_numbers, st.sampled_from(["DE", "AR", "AI", "CC", "BF", "AU"]), st.booleans(),
       st.sampled_from(["", "-1-1_1.pdf", "-1-1"]))
def test_an_actes_id_reads_back_whatever_prefix_and_suffix_it_carries(dept, siren, day, number, nature, prefix,
                                                                      file_suffix):
    raw = f"{dept}-{siren}-{day:%Y%m%d}-{number}-{nature}"
    raw = ("99_DE-" if prefix else "") + raw + file_suffix
    parsed = parse_actes(raw)
    assert (parsed.dept, parsed.siren, parsed.date, parsed.number, parsed.nature) == (dept, siren, day, number, nature)
    assert parse_actes(parsed.normalised).normalised == parsed.normalised


@given(hostile_text)
def test_any_text_gives_an_actes_id_or_none(text):
    assert parse_actes(text) is None or parse_actes(text).normalised


# --- names ---------------------------------------------------------------------------------------------------------

# Given names that are civilities ("Me") or family names that are particles ("DE") are other people's words.
given_names = st.from_regex(r"[A-ZÉ][a-zéèï]{1,10}(-[A-ZÉ][a-zéèï]{1,10})?", fullmatch=True).filter(
    lambda g: g.lower() not in CIVILITIES | PARTICLES)
family_names = st.from_regex(r"[A-ZÉ]{2,12}(-[A-ZÉ]{2,12})?", fullmatch=True).filter(
    lambda f: f.lower() not in PARTICLES)


@given(st.sampled_from(["", "M. ", "Mme ", "Monsieur "]), given_names, family_names)
def test_a_listed_name_reads_as_given_and_family_name(civility, first, family):
    person = parse_person(f"{civility}{first} {family}")
    assert person is not None
    assert (person.given, person.family) == (first, family)


@given(hostile_text)
def test_any_text_gives_a_person_or_none(text):
    parse_person(text)


@given(hostile_text)
def test_a_name_read_again_from_the_cache_reads_as_the_first_time(text):
    uncached = delib_names._parse_person.__wrapped__(text.strip().strip(".;:"))
    assert parse_person(text) == uncached and parse_person(f" {text} ") == uncached


#: The secretary's pattern as one search (both alternatives) before it was found from where its verb is, with the
#: appointed mark that a heading may carry since ("Secrétaire de séance élu(e) : M. X", delib_officers._APPOINTED_MARK).
SECRETARY_AS_ONE_PATTERN = re.compile(
    r"(?:Secrétaire\s+de\s+(?:la\s+)?séance" + delib_officers._APPOINTED_MARK
    + r"|^[ \t]*Secrétaire" + delib_officers._APPOINTED_MARK
    + r"|^[ \t]*(?:a|est)\s+(?:été\s+)?(?:désignée?|élue?|nommée?)\s+(?:comme\s+)?secrétaire)\s*:\s*(?P<name>[^\n,]+)"
    r"|(?P<name2>[^\n,:]+?)\s+(?:a\s+été|est)\s+(?:désignée?|élue?|nommée?)\s+"
    r"(?:comme\s+|pour\s+remplir\s+les\s+fonctions\s+de\s+)?secrétaire", re.I | re.M)
SECRETARY_PIECES = st.sampled_from([
    "Secrétaire de séance : ", "Secrétaire : ", "secrétaire", "SECRÉTAIRE", "a été", "est", "désigné", "élue",
    "nommée", "comme", "pour remplir les fonctions de", "M. Jean DUPONT", "Mme Léa ROY", " ", "  ", "\n", ",", ":",
    "x", "É", "ſ"])


@given(st.lists(SECRETARY_PIECES, max_size=30).map(" ".join) | st.lists(SECRETARY_PIECES, max_size=30).map("".join))
def test_the_secretary_is_found_where_one_pattern_of_both_forms_found_it(text):
    before, found = SECRETARY_AS_ONE_PATTERN.search(text), delib_officers._find_secretary(text)
    assert (found and (found.span(), found.group("name"))) == (
        before and (before.span(), before.group("name") or before.group("name2")))


@given(hostile_text)
def test_a_name_key_is_stable_under_case_and_refolding(name):
    key = name_key(name)
    assert name_key(name.upper()) == key or not name.isascii()
    assert name_key(key) == key


@given(st.from_regex(r"[A-Za-zÀ-ÿ' -]*[A-Za-z][A-Za-zÀ-ÿ' -]*", fullmatch=True))
def test_any_organisation_name_with_a_letter_mints_an_actor_iri(name):
    assert str(actor_iri(name)).startswith("https://w3id.org/maillage/id/actor/")


# --- no pathological run time on long hostile input ----------------------------------------------------------------

LONG_INPUTS = {
    "digits and spaces": "1 " * 50_000,
    "dots": "1." * 50_000,
    "words before euros": "vingt " * 20_000 + "euros",
    "date-like": "12/" * 30_000,
    "separators": "\u202f" * 100_000,
}
PARSERS = {
    "values.parse_amount": lambda t: refuses_or_reads(values.parse_amount, t),
    "dates.parse_date": lambda t: refuses_or_reads(parse_date, t),
    "dates.parse_period": lambda t: refuses_or_reads(parse_period, t),
    "french.parse_amount": french.parse_amount,
    "french.parse_date": french.parse_date,
    "french_numbers.find_amounts_in_words": french_numbers.find_amounts_in_words,
    "parse_actes": parse_actes,
    "parse_person": parse_person,
    "name_key": name_key,
}


#: A guard, not a measure: each parse takes milliseconds; catastrophic backtracking on 100k characters would take
#: longer than the age of the universe, so only a hang trips it (no test asserts a duration).
HANG_GUARD_S = 120


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("shape", LONG_INPUTS)
def test_a_parser_answers_a_100k_character_input_without_catastrophic_backtracking(parser, shape):
    def hung(signum, frame):
        raise AssertionError(f"{parser} did not answer on {shape!r}: catastrophic backtracking?")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD_S)
    try:
        PARSERS[parser](LONG_INPUTS[shape])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
