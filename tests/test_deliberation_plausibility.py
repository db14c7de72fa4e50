"""What a deliberation's text writes that cannot be right, said at the line of the file that writes it: dates that
cannot be, in ISO figures too ("2024-02-30"), and not a number shaped like one ("Délibération n° 2024-02-30"); grants
of nothing, or of more than any authority's budget, kept and said; amounts of more figures than the tables' readers
accept, not kept.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, XSD

from graph.ingest.base import SourceContext
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_reader import read_document
from graph.ingest.delib_reader_grants import MOST_PLAUSIBLE_GRANT

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations"

_HEAD = ("VILLE DE PORT-LAVANDE-FICTIVE\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n"
         "Séance du 2 décembre 2024\n")
_GRANT = ("Délibération n° 2024-118\nObjet : Subvention à l'association Les Mouettes\n\nLe Conseil municipal, après "
          "en avoir délibéré, DÉCIDE d'attribuer une subvention de 1 500 € à l'association Les Mouettes.\n")


def _extract(tmp_path: Path, text: str, name: str = "deliberation.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_fixture(path)


def _said(extraction, start: str) -> list:
    return [i for i in extraction.issues if i.message.startswith(start) and i.level == "warning"]


def _grants(extraction) -> list[tuple[str, Decimal]]:
    return [(name, Decimal(amount)) for name, amount in deliberation_facts(extraction.graph)["grants"]]


# --- dates in figures: ISO, and day first with dashes or dots ---------------------------------------------------------

@pytest.mark.parametrize("written, said", [
    ("2024-02-30", "date impossible « 2024-02-30 » : ce jour n'existe pas"),
    ("2024-04-31", "date impossible « 2024-04-31 » : ce jour n'existe pas"),
    ("9999-05-02", "date invraisemblable « 9999-05-02 » : année hors de 1000 à 2199"),
    # day first, with dashes or dots: the reader reads these as the session's date too, an impossible one as none
    ("31-04-2024", "date impossible « 31-04-2024 » : ce jour n'existe pas"),
    ("31.04.2024", "date impossible « 31.04.2024 » : ce jour n'existe pas"),
    ("30-02-2024", "date impossible « 30-02-2024 » : ce jour n'existe pas"),
    ("02.05.9999", "date invraisemblable « 02.05.9999 » : année hors de 1000 à 2199"),
])
def test_a_session_date_in_figures_that_cannot_be_is_said(tmp_path, written, said):
    extraction = _extract(tmp_path, _HEAD.replace("2 décembre 2024", written) + _GRANT)
    assert _said(extraction, said), [i.message for i in extraction.issues]


def test_a_session_date_in_iso_figures_is_read_and_an_impossible_one_gives_none(tmp_path):
    # the reader reads "Séance du 2024-05-16" as the session's date; "2024-02-30" gives no date, not another day
    good = _extract(tmp_path, _HEAD.replace("2 décembre 2024", "2024-05-16") + _GRANT)
    assert Literal(dt.date(2024, 5, 16), datatype=XSD.date) in set(good.graph.objects(None, DCTERMS.date))
    bad = _extract(tmp_path, _HEAD.replace("2 décembre 2024", "2024-02-30") + _GRANT)
    assert not set(bad.graph.objects(None, DCTERMS.date)), set(bad.graph.objects(None, DCTERMS.date))


@pytest.mark.parametrize("written", [
    "Délibération n° 2024-02-30", "DÉLIBÉRATION N° 2024-04-31", "Numéro : 2024-02-30", "réf. 2024-02-30",
    "référence CP-2024-02-30", "dossier 2024-02-30-1", "dossier 12024-02-30", "dossier 2024-02-301",
    "dossier n° 2024-118", "tél. 04-77-12-20-24", "horodatage 2024-02-30T18:00",
])
def test_numbers_shaped_like_iso_dates_are_not_said(tmp_path, written):
    extraction = _extract(tmp_path, _HEAD + written + "\n" + _GRANT)
    assert not [i.message for i in extraction.issues if i.message.startswith("date")]



# --- dates in figures day first, with dashes or dots --------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "tél. 04.77.12.20.24", "tél. 04 77 12 20 24", "tél. 04-77-12-20-24", "dossier n° 2024-118",
    "dossier n° 31-04-2024", "Délibération n° 30.02.2024", "réf. 31.04.2024", "référence CP-31-04-2024",
    "n° CP-2024-11 / 04-12-0915", "montant 1.500.000 €", "version 1.2.3456", "logiciel v2.10.0915",
    "horodatage 31-04-2024T18:00", "séance ouverte à 18.30", "dossier 31.04.2024.1", "dossier 31-04-20241",
    "dossier 131-04-2024", "dossier 31-04.2024",
])
def test_numbers_shaped_like_dates_day_first_are_not_said(tmp_path, written):
    extraction = _extract(tmp_path, _HEAD + written + "\n" + _GRANT)
    assert not [i.message for i in extraction.issues if i.message.startswith("date")]


def test_a_date_day_first_with_dots_is_said_at_the_line_of_the_file_that_writes_it(tmp_path):
    text = _HEAD + _GRANT + "\n\n\nAffiché le 31.04.2024\n"
    date, = _said(_extract(tmp_path, text), "date impossible « 31.04.2024 »")
    assert date.line == 11 and "31.04.2024" in text.split("\n")[date.line - 1]

# --- grants' amounts --------------------------------------------------------------------------------------------

def _granting(amount: str) -> str:
    return _GRANT.replace("1 500 €", amount)


@pytest.mark.parametrize("decision", [
    "DÉCIDE d'attribuer une subvention de 0 € à l'association Les Goélands.",
    "DÉCIDE d'attribuer respectivement 1 500 € et 0,00 € aux associations Les Mouettes et Les Goélands.",
    "DÉCIDE d'attribuer les subventions suivantes :\n- Les Mouettes : 1 500 € ;\n- Les Goélands : 0 €.",
])
def test_a_grant_of_nothing_is_no_grant_and_is_said_with_its_beneficiary_and_amount(tmp_path, decision):
    # as a table's row of 0 € is: read before as no grant without a word (a sentence, a list) or as a grant of 0 €
    text = _HEAD + _GRANT.split("Le Conseil")[0] + "Le Conseil municipal, après en avoir délibéré, " + decision + "\n"
    extraction = _extract(tmp_path, text)
    assert ("Les Goélands", Decimal(0)) not in _grants(extraction)
    said = _said(extraction, "« Les Goélands » : subvention de 0")
    assert said and "un montant nul : aucune subvention retenue" in said[0].message, \
        [i.message for i in extraction.issues]
    assert "a zero amount: no grant kept" in said[0].message_en


def test_a_grant_beyond_any_authoritys_budget_is_kept_and_said(tmp_path):
    extraction = _extract(tmp_path, _HEAD + _granting("1 000 000 000 000 €"))
    assert _grants(extraction) == [("Les Mouettes", Decimal("1000000000000"))]
    said = _said(extraction, "« Les Mouettes » : subvention de 1 000 000 000 000 € invraisemblable")
    assert said and said[0].message_en.startswith("'Les Mouettes': implausible grant of 1 000 000 000 000 €"), \
        [i.message for i in extraction.issues]


@pytest.mark.parametrize("amount", ["1 500 €", "20 000 000 000 €", "12 500,50 €"])
def test_plausible_grants_are_not_said(tmp_path, amount):
    extraction = _extract(tmp_path, _HEAD + _granting(amount))
    assert not [i.message for i in extraction.issues if "subvention de" in i.message]
    assert MOST_PLAUSIBLE_GRANT == Decimal("20000000000")


def test_a_grant_of_more_figures_than_the_tables_accept_is_not_stored(tmp_path):
    # 18 figures before the decimal mark: graph.values.check_magnitude refuses it in a table, and here too
    extraction = _extract(tmp_path, _HEAD + _granting("123 456 789 012 345 678 €"))
    assert _grants(extraction) == []
    assert _said(extraction, "« Les Mouettes » : montant démesuré « 123 456 789 012 345 678 € » : plus de 17 "
                             "chiffres avant la virgule"), [i.message for i in extraction.issues]


def test_a_stated_total_of_more_figures_than_the_tables_accept_is_not_stored(tmp_path):
    text = (_HEAD + _GRANT.split("Le Conseil")[0] + "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer "
            "les subventions suivantes :\n- Les Mouettes : 1 500 € ;\n- Les Goélands : 2 000 €.\nsoit un montant "
            "total de 123 456 789 012 345 678 €.\n")
    extraction = _extract(tmp_path, text)
    assert extraction.stats["stated_total"] == ""
    said, = _said(extraction, "total annoncé : montant démesuré « 123 456 789 012 345 678 € »")
    assert said.line == 10 and said.message.endswith(": non enregistré")


# --- the line that writes it --------------------------------------------------------------------------------

def test_a_date_or_an_amount_is_said_at_the_line_of_the_file_that_writes_it(tmp_path):
    # blank lines and a stamp that the normalised text drops or moves: the line is the file's own
    text = ("VILLE DE PORT-LAVANDE-FICTIVE\n\n\n\nReçu en préfecture le 02/12/2024\n"
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n\n\n\nSéance du 2024-02-30\n"
            + _granting("0 €").replace("Le Conseil", "\n\n\nLe Conseil") + "Affiché le 2024-02-30\n")
    extraction = _extract(tmp_path, text)
    lines = text.split("\n")
    date, = _said(extraction, "date impossible « 2024-02-30 »")
    assert date.line == 10 and "2024-02-30" in lines[date.line - 1]
    amount, = _said(extraction, "« Les Mouettes » : subvention de 0 €")
    assert amount.line == 17 and "0 €" in lines[amount.line - 1]


def test_an_amount_written_twice_is_said_at_no_line(tmp_path):
    # which of the two is the grant's, the file's lines cannot tell: no line rather than a wrong one
    text = _HEAD + "Reste à charge : 0 €\n" + _granting("0 €")
    amount, = _said(_extract(tmp_path, text), "« Les Mouettes » : subvention de 0 €")
    assert amount.line is None


def test_a_web_pages_lines_are_its_own_its_marks_and_character_references_read(tmp_path):
    # a deliberation copied from a web page: Markdown marks, HTML character references, one of a line end
    text = ("# VILLE DE PORT-LAVANDE-FICTIVE&#10;\n\n**Séance du 30 f&eacute;vrier 2024**\n\n"
            + _GRANT.replace("après", "apr&egrave;s"))
    extraction = _extract(tmp_path, text, "deliberation.md")
    date, = _said(extraction, "date impossible « 30 février 2024 »")
    assert date.line == 3


def test_a_pdfs_text_has_no_lines_of_the_files_own():
    # its pages' text joined and set out anew (tables over pages made one, columns read apart): no line is the file's
    path = FIXTURES / "2014-04-24-0000071272.pdf"
    assert read_document(SourceContext(path=path, data=path.read_bytes())).source is None
    path = next(FIXTURES.glob("*.txt"))
    assert read_document(SourceContext(path=path, data=path.read_bytes())).source is not None
