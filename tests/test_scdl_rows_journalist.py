"""What the rows of a grants list say that a reader of its totals must see: one grant published twice on two rows,
a beneficiary that is its funder, the beneficiary of a refused row, and text cells freed of an export's HTML
entities and written line breaks. Inline lists of a few rows, and the real lists of the fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.ingest.scdl_text import clean_text

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
HEADER = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant\n"
FUNDER = "Département de la Charente-Maritime;22170001600738"


def inline(text: str) -> SourceContext:
    return SourceContext(Path("list.csv"), (HEADER + text).encode())


def fixture(name: str) -> SourceContext:
    return SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes())


def warnings_with(ex, words: str) -> list[tuple[int, str]]:
    return [(issue.line, issue.message) for issue in ex.issues if words in issue.message]


def test_a_grant_published_twice_under_two_sirets_of_one_siren_is_warned_at_its_second_row():
    ex = extract(inline(f"{FUNDER};2018-02-12;809;ALTEA CABESTAN;78134354600029;SAO 17;163903\n"
                        f"{FUNDER};2018-02-12;809;ALTEA CABESTAN 3;78134354600052;SAO 17;163903\n"))
    assert ex.stats["grants"] == 2  # kept, not merged
    assert warnings_with(ex, "même subvention") == [(3, (
        "même subvention que la ligne 2 (même attribuant, même bénéficiaire (SIREN 781343546, SIRET 78134354600029 "
        "ligne 2 et 78134354600052 ici), même montant, même objet, même date de convention) — publiée deux fois ? "
        "elle est comptée deux fois dans les totaux"))]


@pytest.mark.parametrize("second", [
    "ALTEA CABESTAN 3;78134354600052;SAO 17;24000",  # another amount
    "ALTEA CABESTAN 3;78134354600052;SAO 18;163903",  # another purpose
    "ESCALE;78134041900139;SAO 17;163903",  # another beneficiary
])
def test_rows_that_differ_by_more_than_the_siret_are_two_grants_without_a_warning(second):
    ex = extract(inline(f"{FUNDER};2018-02-12;809;ALTEA CABESTAN;78134354600029;SAO 17;163903\n"
                        f"{FUNDER};2018-02-12;809;{second}\n"))
    assert warnings_with(ex, "même subvention") == []


def test_charente_maritime_s_three_grants_published_twice_are_each_warned_about():
    ex = extract(fixture("DEP_Charente_Maritime_donnees-conventions-subventions.xlsx"))
    assert [line for line, _ in warnings_with(ex, "même subvention que la ligne")] == [51, 59, 102]
    assert ex.stats["grants"] == 101


def test_a_beneficiary_that_is_its_funder_is_warned_about_at_its_row():
    ex = extract(inline(f"{FUNDER};2017-10-26;2.3;Asso;78134354600029;Sport;100\n"
                        f"{FUNDER};2017-10-26;2.3;CONSEIL DEPARTEMENTAL;22170001600738;FSE;434424\n"))
    assert warnings_with(ex, "lui-même") == [(3, (
        "le bénéficiaire est l'attribuant lui-même (même SIREN) : fonds reversés ou erreur de saisie ? la "
        "subvention est gardée, et comptée dans les totaux"))]
    assert ex.stats["grants"] == 2


def test_somme_s_two_grants_to_the_departement_itself_are_warned_about():
    ex = extract(fixture("DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv"))
    assert [line for line, _ in warnings_with(ex, "l'attribuant lui-même")] == [28, 29]


def test_a_refused_row_s_error_names_its_beneficiary():
    ex = extract(inline(f"{FUNDER};2016-01-01;1;ASSOCIATION PREVENTION ROUTIERE;;Subvention;NC\n"
                        f"{FUNDER};2016-01-01;1;Club;;Subvention;100\n"))
    assert [(issue.line, issue.message, issue.message_en) for issue in ex.errors] == [(
        2, "ligne de « ASSOCIATION PREVENTION ROUTIERE » non importée : montant illisible « NC »",
        "row of 'ASSOCIATION PREVENTION ROUTIERE' not imported: unreadable amount 'NC'")]


@pytest.mark.parametrize("cell, text", [
    ("à l&#8217;occasion", "à l\u2019occasion"),
    ("l&#x2019;an", "l\u2019an"),
    ("Sports &amp; Loisirs", "Sports & Loisirs"),
    ("des\\r\\nJournées", "des\nJournées"),  # a line break written as text by the export
    ("des\r\nJournées", "des\nJournées"),
    ("R&D &copy Aliments & Santé; &zzz;", "R&D &copy Aliments & Santé; &zzz;"),  # no entity: unchanged
    ("Club\nde voile", "Club\nde voile"),
])
def test_a_text_cell_is_freed_of_html_entities_and_written_line_breaks_and_nothing_else(cell, text):
    assert clean_text(cell) == text


def test_a_purpose_with_an_html_entity_and_a_written_line_break_is_stored_as_its_author_wrote_it():
    ex = extract(inline(f'{FUNDER};2017-12-08;212;CRITT;35377180100035;"à l&#8217;occasion des\\r\\nJournées '
                        'Aliments &amp; Santé";60000\n'))
    assert list(ex.graph.objects(None, DCTERMS.description)) == [
        Literal("à l\u2019occasion des\nJournées Aliments & Santé")]


DECIDED = "nomAttribuant;idAttribuant;referenceDecision;dateDecision;nomBeneficiaire;idBeneficiaire;objet;montant\n"


@pytest.mark.parametrize("second_day, warned", [("2017-03-12", False), ("2016-03-12", True)])
def test_two_rows_without_a_reference_are_one_grant_published_twice_only_on_one_decision_date(second_day, warned):
    """Their decision dates, which no deliberation holds (kept on each grant), tell two yearly decisions apart; the
    rows written apart by their SIRETs, two of one SIREN (two equal lines are one line repeated)."""
    rows = "".join(f"{FUNDER};;{day};ALTEA CABESTAN;{siret};SAO 17;163903\n"
                   for day, siret in (("2016-03-12", "78134354600029"), (second_day, "78134354600052")))
    ex = extract(SourceContext(Path("list.csv"), (DECIDED + rows).encode()))
    assert ex.stats["grants"] == 2
    assert [line for line, _ in warnings_with(ex, "même subvention que la ligne")] == ([3] if warned else [])
