"""Parsers of French public-data values (DATA-FORMATS.md §5: pitfalls 11, 12, 15, 16, 18, 19)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.identifiers import (clean_identifier, luhn_ok, restore_leading_zeros, rna_ok, siren_ok, siret_float_mangled,
                               siret_ok)
from graph.amount_conventions import dot_convention
from graph.dates import parse_date, parse_period
from graph.values import ValueProblem, parse_amount, parse_bool, parse_int, parse_ratio


@pytest.mark.parametrize("text, expected", [
    ("40 000,00", Decimal("40000.00")),
    ("17\u00a0833", Decimal("17833")),
    ("26\u202f956,00", Decimal("26956.00")),
    ("12 350 000 €", Decimal("12350000")),
    ("12\u00a0350\u00a0000\u00a0€", Decimal("12350000")),
    ("97 000euros", Decimal("97000")),
    ("2400.0", Decimal("2400.0")),
    ("22000.80", Decimal("22000.80")),
    ("1.234.567", Decimal("1234567")),
    ("1.234,56", Decimal("1234.56")),
    ("1.234,5", Decimal("1234.5")),
    ("1,234.5", Decimal("1234.5")),
    ("1.234.567,89 €", Decimal("1234567.89")),
    ("45000 EUR", Decimal("45000")),
    ("", None),
])
def test_pitfall_11_amounts_are_read_as_exact_decimals(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["12,34.5", "1.23,4", "1.234.5,6", "NC", "SEM", "12,3,4", "vingt mille"])
def test_pitfall_11_ambiguous_or_unreadable_amounts_are_refused(text):
    with pytest.raises(ValueProblem):
        parse_amount(text)


@pytest.mark.parametrize("text, expected", [
    ("1100.0000000000002", Decimal("1100.00")), ("0.30000000000000004", Decimal("0.30")),
    ("16735.360000000001", Decimal("16735.36")), ("1234.5678901234567", Decimal("1234.57")),
    ("1234.567", Decimal("1234.567")), ("12345678901234567", Decimal("12345678901234567")),
])
def test_the_noise_of_a_float_printed_in_full_is_rounded_as_a_spreadsheet_shows_it_then_to_cents(text, expected):
    assert str(parse_amount(text)) == str(expected)


def test_a_share_with_float_noise_keeps_its_precision_beyond_cents():
    assert parse_ratio("0.33333333333333331") == (Decimal("0.333333333333333"), False)


@pytest.mark.parametrize("text, thousands_dot, expected", [
    ("12.500", True, Decimal("12500")), ("1.000 €", True, Decimal("1000")), ("12.500", False, Decimal("12.500")),
    ("0.500", True, Decimal("0.500")), ("1234.567", True, Decimal("1234.567")), ("12.50", True, Decimal("12.50")),
])
def test_pitfall_11_a_lone_dot_before_three_digits_is_read_as_the_file_says(text, thousands_dot, expected):
    assert parse_amount(text, thousands_dot=thousands_dot) == expected


def test_pitfall_11_a_lone_dot_before_three_digits_is_refused_when_the_file_writes_both_conventions():
    with pytest.raises(ValueProblem, match="le fichier emploie les deux conventions"):
        parse_amount("1.234", thousands_dot=None)


@pytest.mark.parametrize("cells, thousands_dot", [
    (["12.500", "2.500,00", "750", "1.000"], True),
    (["12.500", "1.234.567"], True),
    (["12.500", "750,50"], True),
    (["12.500", "750", "1.000"], True),
    (["12.500", "22000.80"], False),
    (["12.500", "2400.0"], False),
    (["12.500", "1,234.56"], False),
    (["1.234", "1.234,56", "1234.56"], None),
])
def test_pitfall_11_the_column_tells_whether_a_lone_dot_groups_thousands(cells, thousands_dot):
    assert dot_convention(enumerate(cells, start=2)).thousands_dot is thousands_dot


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_an_amount_written_the_french_way_reads_back_to_the_same_decimal(value):
    integer, _, cents = f"{value:.2f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", "\u202f")
    assert parse_amount(f"{grouped},{cents} €") == value


@given(st.integers(min_value=0, max_value=10**12))
def test_an_integer_amount_reads_back_whatever_its_thousands_separator(value):
    for sep in (" ", "\u00a0", "\u202f", ""):
        assert parse_amount(f"{value:,}".replace(",", sep)) == value


@pytest.mark.parametrize("text, expected", [
    ("2017-09-08", dt.date(2017, 9, 8)),
    ("2017/09/08", dt.date(2017, 9, 8)),
    ("08/09/2017", dt.date(2017, 9, 8)),
    ("22/03/2024 14:26", dt.date(2024, 3, 22)),
    ("2024-03-01T00:00:00+01:00", dt.date(2024, 3, 1)),
    ("2024-03-01T23:30:00-0500", dt.date(2024, 3, 1)),
    ("2024-03-01T00:00:00.000Z", dt.date(2024, 3, 1)),
    ("2024-03-01 00:00:00+02", dt.date(2024, 3, 1)),
    ("43655", dt.date(2019, 7, 9)),
    ("43655.0", dt.date(2019, 7, 9)),
    ("0001-01-01", None),
    ("", None),
])
def test_pitfall_15_dates_are_read_in_every_layout_met(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["fin-action", "non précisé", "Bonjour toto", "2017-30-05", "12345"])
def test_pitfall_15_non_dates_are_refused(text):
    with pytest.raises(ValueProblem):
        parse_date(text)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_a_date_reads_back_from_iso_french_and_excel_serial(day):
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date(day.isoformat()) == parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(str(serial)) == day if serial >= 20000 else True


@pytest.mark.parametrize("text, expected", [
    ("2018-01-01_2018-03-31", (dt.date(2018, 1, 1), dt.date(2018, 3, 31))),
    ("2017-03-14/2018-03-14", (dt.date(2017, 3, 14), dt.date(2018, 3, 14))),
    ("25/07/2019_2019-07-25", (dt.date(2019, 7, 25), dt.date(2019, 7, 25))),
    ("2019-05-20", (dt.date(2019, 5, 20), None)),
    ("", None),
])
def test_pitfall_16_payment_periods_are_split_on_underscore_or_slash(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2017-12-12/fin-action", "NC/2019-06-30", "2017-04-12/2017-03-09"])
def test_pitfall_16_unreadable_or_reversed_periods_are_refused(text):
    with pytest.raises(ValueProblem):
        parse_period(text)


@pytest.mark.parametrize("text, expected", [
    ("0.45", (Decimal("0.45"), False)), ("1.00", (Decimal("1.00"), False)), ("1", (Decimal("1"), False)),
    ("100", (Decimal("1"), True)), ("80", (Decimal("0.8"), True)), ("45 %", (Decimal("0.45"), True)),
])
def test_pitfall_12_shares_written_as_percents_become_ratios(text, expected):
    assert parse_ratio(text) == expected


@pytest.mark.parametrize("text", ["0", "-1", "150", "beaucoup"])
def test_pitfall_12_impossible_shares_are_refused(text):
    with pytest.raises(ValueProblem):
        parse_ratio(text)


@pytest.mark.parametrize("text, expected", [
    ("21060004500392", True), ("732 829 320 00074", True), ("35600000000048", True), ("35600000049837", True),
    ("21860194600013", True), ("21860194600000", False), ("21860194600000.0", False), ("225800010", False),
    ("12000123400023", False), ("", False),
])
def test_pitfall_18_sirets_pass_luhn_or_the_la_poste_rule(text, expected):
    assert siret_ok(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("21860194600000.0", True), ("3805449320029.0", True), ("2.18601946E+13", True), ("3805449320029", True),
    ("21860194600000", True), ("21860194600013", False), ("35600000000048", False),
])
def test_pitfall_18_float_mangled_sirets_are_detected(text, expected):
    assert siret_float_mangled(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("52499120500013.0", "52499120500013"), ("402617542.0", "402617542"), (" 524 991 205 00013.00 ", "52499120500013"),
    ("524.991.205.00013", "52499120500013"), ("2.18601946E+13", "218601946E+13"),
])
def test_pitfall_18_identifiers_lose_their_float_suffix_and_separators(text, expected):
    assert clean_identifier(text) == expected


@pytest.mark.parametrize("digits, expected", [
    ("552013500004", "00552013500004"), ("0552013500004", "00552013500004"), ("5520135", "005520135"),
    ("55201350", None), ("3805449320029", None), ("52499120500013", None), ("524991205", None), ("552013", None),
    ("5520135004", "00005520135004"),
])
def test_pitfall_18_leading_zeros_dropped_by_a_spreadsheet_are_restored_when_the_check_passes(digits, expected):
    assert restore_leading_zeros(digits) == expected


def test_a_siren_with_a_float_suffix_is_not_a_valid_siren_as_written():
    assert (siren_ok("402617542.0"), siret_ok("52499120500013.0")) == (False, False)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_every_eight_digits_have_exactly_one_luhn_key(body):
    assert sum(luhn_ok(body + str(k)) for k in range(10)) == 1


@pytest.mark.parametrize("text, expected", [("244200770", True), ("225800010", True), ("244200771", False),
                                            ("24420077", False)])
def test_sirens_are_nine_digits_with_a_luhn_key(text, expected):
    assert siren_ok(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("W423000001", True), ("W9T1002867", True), ("W2A0001234", True), ("w751 085 568", True),
    ("751P00085568", False), ("pas un rna", False), ("W12345678", False),
])
def test_pitfall_19_rna_numbers_may_contain_letters(text, expected):
    assert rna_ok(text) is expected


@pytest.mark.parametrize("text, expected", [("2022.0", 2022), ("45", 45), ("", None)])
def test_integers_written_by_spreadsheets_are_read(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize("text, expected", [("oui", True), ("Non", False), ("O", True), ("N", False), ("", None)])
def test_pitfall_21_yes_no_flags_keep_empty_as_unknown(text, expected):
    assert parse_bool(text) is expected


@given(st.text(alphabet="0123456789", max_size=20))
def test_luhn_ok_is_the_textbook_check(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    assert luhn_ok(digits) == (total % 10 == 0)
