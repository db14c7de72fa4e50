"""The words of a deliberation that state a grant's fiscal year, budget account and purpose, each the evidence of
that property alone (``mai:evidence`` → a selector whose ``mai:supports`` is the property, or the M57 concept of a
nature account): quoted where the text states them, and not at all where it does not."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS, RDF

from graph.ingest.base import SourceContext
from graph.ingest.deliberation import extract
from graph.ingest.delib_grant_quotes import account_passage, purpose_passage, sentence_around, year_passage
from graph.namespaces import MAI, OA

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"
M57 = "https://w3id.org/maillage/ontology/m57/"


def _read(tmp_path: Path, text: str | None = None):
    """The example deliberation, or ``text`` under its name, as the reader extracts it."""
    path = EXAMPLE if text is None else tmp_path / EXAMPLE.name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return extract(SourceContext(path=path, data=path.read_bytes()))


def _supported(extraction) -> dict[str, str]:
    """The one grant's quotes that support one property or value (its IRI -> the quote), each checked to be the
    words of the text at its offsets."""
    graph = extraction.graph
    grant = next(iter(graph.subjects(RDF.type, MAI.Grant)))
    found = {}
    for selector in graph.objects(grant, MAI.evidence):
        if (supported := graph.value(selector, MAI.supports)) is not None:
            quote = str(graph.value(selector, OA.exact))
            start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
            assert extraction.text[start:end] == quote
            found[str(supported)] = quote
    return found


def _variant(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new)


def test_the_example_grant_s_year_account_and_purpose_each_have_the_words_that_state_them(tmp_path):
    assert _supported(_read(tmp_path)) == {
        str(MAI.fiscalYear): "pour l'année 2024",
        str(MAI.budgetAccount): "la dépense correspondante sera imputée au compte SERV/65748/PROCE.",
        str(DCTERMS.description): "création d'un pôle territorial de coopération économique (PTCE) en santé"}


def test_the_purpose_is_quoted_in_the_sentence_that_gives_it_with_the_grant_s_amount(tmp_path):
    # The exposé says the same words twice: of the association's support, then of the 20 000 € grant.
    extraction = _read(tmp_path)
    graph = extraction.graph
    grant = next(iter(graph.subjects(RDF.type, MAI.Grant)))
    start = next(int(graph.value(s, OA.start)) for s in graph.objects(grant, MAI.evidence)
                 if graph.value(s, MAI.supports) == DCTERMS.description)
    line = extraction.text[extraction.text.rfind("\n", 0, start) + 1:extraction.text.find("\n", start)]
    assert line.startswith("Saint-Etienne Métropole souhaite allouer à Danaecare") and "20 000 €" in line


def test_a_year_the_text_changes_is_quoted_as_it_now_reads(tmp_path):
    extraction = _read(tmp_path, _variant("pour l'année 2024", "pour l'année 2025"))
    grant = next(iter(extraction.graph.subjects(RDF.type, MAI.Grant)))
    assert extraction.graph.value(grant, MAI.fiscalYear).toPython() == 2025
    assert _supported(extraction)[str(MAI.fiscalYear)] == "pour l'année 2025"


def test_a_year_the_text_does_not_name_has_no_quote(tmp_path):
    extraction = _read(tmp_path, _variant(" pour l'année 2024", ""))
    grant = next(iter(extraction.graph.subjects(RDF.type, MAI.Grant)))
    assert extraction.graph.value(grant, MAI.fiscalYear).toPython() == 2024  # the session's
    assert str(MAI.fiscalYear) not in _supported(extraction)


def test_a_nature_account_alone_is_quoted_as_the_evidence_of_its_m57_concept(tmp_path):
    extraction = _read(tmp_path, _variant("au compte SERV/65748/PROCE.", "au compte 6574."))
    supported = _supported(extraction)
    assert supported[M57 + "6574"] == "la dépense correspondante sera imputée au compte 6574."
    assert str(MAI.budgetAccount) not in supported


def test_the_selector_of_a_property_is_named_after_the_property():
    extraction = extract(SourceContext(path=EXAMPLE, data=EXAMPLE.read_bytes()))
    grant = next(iter(extraction.graph.subjects(RDF.type, MAI.Grant)))
    names = {str(s).rsplit("/", 1)[-1] for s in extraction.graph.objects(grant, MAI.evidence)
             if extraction.graph.value(s, MAI.supports) is not None}
    assert names == {"ontology-fiscalyear", "ontology-budgetaccount", "terms-description"}


@pytest.mark.parametrize("clause, year, said", [
    ("ATTRIBUE 2 500 € à l'Office au titre de 2024 ; 18 200 € à X au titre de 2025.", 2025, "au titre de 2025"),
    ("DÉCIDE de verser au Centre X une avance de 20 000 € sur la subvention 2026 ;", 2026, "sur la subvention 2026"),
    ("une subvention de 2 000 € en 2025 et 3 000 € en 2026.", 2026, "en 2026"),
    ("900 € pour l'exercice\n2026", 2026, "pour l'exercice\n2026"),
    ("10 000 € par an de 2025 à 2027", 2025, "de 2025")])
def test_a_grant_s_own_year_is_quoted_by_the_words_of_its_clause_that_name_it(clause, year, said):
    start, end = year_passage(clause, year, (0, len(clause)))
    assert clause[start:end] == said


@pytest.mark.parametrize("clause", ["une subvention de 2025 € à X", "convention du 2025-03-01"])
def test_a_year_that_is_an_amount_or_a_date_is_no_year_s_words(clause):
    assert year_passage(clause, 2025, (0, len(clause))) is None


def test_a_table_row_that_names_its_account_is_quoted_alone():
    body = "| Bénéficiaire | Montant | Imputation |\n| Club X | 500 € | 65-6574 |\n| Club Y | 300 € | 65-6574 |"
    row = (body.index("| Club X"), body.index("\n| Club Y"))
    start, end = account_passage(body, "6574", row, row=True)
    assert body[start:end] == "| Club X | 500 € | 65-6574 |"


def test_an_account_is_quoted_where_the_text_charges_the_expense_to_it_before_where_it_names_it():
    body = ("VU le budget, article 6574 ;\nATTRIBUE 500 € au Club.\n"
            "DIT que la dépense sera imputée à l'article 6574 du budget 2024.")
    start, end = account_passage(body, "6574", (body.index("ATTRIBUE"), body.index("\nDIT")))
    assert body[start:end] == "DIT que la dépense sera imputée à l'article 6574 du budget 2024."


def test_an_account_that_only_an_amount_or_a_longer_number_writes_has_no_quote():
    body = "ATTRIBUE 6574 € au Club (SIRET 16574 0000 12).\nLe Maire est chargé de l'exécution."
    assert account_passage(body, "6574", (0, body.index("\n"))) is None


def test_a_purpose_that_no_sentence_gives_with_the_amount_has_no_quote():
    body = "Le Club organise la fête du village.\nATTRIBUE 800 € au Club."
    assert purpose_passage(body, "la fête du village", Decimal(800), (body.index("ATTRIBUE"), len(body))) is None


def test_a_passage_in_a_line_that_ends_no_sentence_is_cut_within_reach():
    body = "<p>" + "mot " * 300 + "compte 6574" + " mot" * 300 + "</p>"
    start, end = sentence_around(body, body.index("compte"), body.index("compte") + 11)
    assert end - start < 1000 and body[start:end].startswith("mot ") and body[start:end].endswith(" mot")
