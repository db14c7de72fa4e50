"""Every labelled deliberation fixture (tests/fixtures/deliberations/NAME + NAME.expected.json) yields its facts.

The fixtures span authorities (communes, départements, régions, métropoles, intercommunalités), publishing
styles (PDF, text, Markdown), prose and table grants, totals, stamps in the flow, votes and attendance lists.
Extraction is called directly (no store) to keep the suite fast; the pipeline has its own tests.

"agreements" lists, in the text's order, what the decisions approve or authorise to sign. Titles and signatories
are compared with case and spacing folded, and without the "(délibération n° X)" the reader adds to a title that
names no party (not the text's words); governed grants by their beneficiaries' name keys.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF
from term_labels import unlabelled

from graph.identity_names import name_key
from graph.ingest.delib_facts import agreement_key, deliberation_facts, extract_fixture

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))
#: Keys of an expected file that are not graph facts but checks on the extraction report.
REPORT_KEYS = {"min_warnings", "total_mismatch"}


def source_of(expected: Path) -> Path:
    stem = expected.name[: -len(".expected.json")]
    return next(p for p in FIXTURES.iterdir() if p.stem == stem and p.suffix != ".json")


@pytest.fixture(scope="module")
def extracted():
    """Each fixture extracted once: name -> (Extraction, facts)."""
    cache = {}

    def get(expected: Path):
        if expected not in cache:
            extraction = extract_fixture(source_of(expected))
            cache[expected] = (extraction, deliberation_facts(extraction.graph))
        return cache[expected]
    return get


def comparable(key: str, value, facts: dict):
    if key == "grants":
        return sorted((name_key(name), amount) for name, amount in value)
    if key == "stated_totals":
        return sorted(set(value))
    if key == "agreements":
        return [agreement_key(agreement) for agreement in value]
    return value


def test_there_are_at_least_twelve_labelled_fixtures_of_our_own():
    own = [e for e in EXPECTED if not e.name.startswith(("2014-04-24", "saint-etienne"))]
    assert len(own) >= 12


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name[: -len(".expected.json")])
def test_each_fixture_yields_its_expected_facts(expected, extracted):
    extraction, facts = extracted(expected)
    wanted = json.loads(expected.read_text(encoding="utf-8"))
    got = {k: comparable(k, facts[k], facts) if k not in ("natures", "founded", "identifiers") else
           {name: facts[k].get(name) for name in v} for k, v in wanted.items() if k not in REPORT_KEYS}
    assert got == {k: comparable(k, v, facts) for k, v in wanted.items() if k not in REPORT_KEYS}


def test_every_property_and_class_the_fixtures_give_has_a_french_and_an_english_label(extracted):
    """What the reader writes of every style the fixtures span; the pipeline's own terms (a source's, the
    materialised types) are checked on a stored corpus (tests/test_generate.py)."""
    terms = set()
    for expected in EXPECTED:
        for _, predicate, value in extracted(expected)[0].graph:
            terms |= {predicate, value} if predicate == RDF.type else {predicate}
    assert len(terms) > 60 and unlabelled(terms) == []


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name[: -len(".expected.json")])
def test_each_stated_total_reconciles_unless_the_fixture_says_it_is_wrong(expected, extracted):
    extraction, _ = extracted(expected)
    wanted = json.loads(expected.read_text(encoding="utf-8"))
    done, total = (int(n) for n in extraction.stats["totals_reconciled"].split("/"))
    assert (done == total) is not wanted.get("total_mismatch", False)


@pytest.mark.parametrize("expected", [e for e in EXPECTED if "min_warnings" in json.loads(e.read_text())],
                         ids=lambda p: p.name[: -len(".expected.json")])
def test_fixtures_with_a_known_inconsistency_are_reported_with_a_warning(expected, extracted):
    extraction, _ = extracted(expected)
    assert len([i for i in extraction.issues if i.level == "warning"]) >= json.loads(expected.read_text())["min_warnings"]


def test_a_wrong_stated_total_is_reported_with_both_amounts(extracted):
    extraction, _ = extracted(FIXTURES / "commune-total-faux.expected.json")
    assert [i.message for i in extraction.issues] == [
        "total annoncé 3 700,00 € ≠ somme des subventions extraites 3 600,00 € (« Total »)"]


def test_an_amount_in_words_that_disagrees_with_the_figures_is_reported(extracted):
    extraction, _ = extracted(FIXTURES / "cc-montant-lettres.expected.json")
    assert [i.message for i in extraction.issues] == [
        "montant en lettres (trois mille euros = 3000) différent du montant en chiffres (3 500 €)"]


def test_the_stamp_injected_mid_table_is_taken_out_of_the_flow_and_kept_apart(extracted):
    extraction, _ = extracted(FIXTURES / "departement-tampon-tableau.expected.json")
    body, _, stamp = extraction.text.partition("[Tampon de la préfecture]")
    assert ("Date de réception" not in body, stamp.strip().splitlines()) == (True, [
        "Accusé de réception en préfecture", "088-228800016-20211118-2021CP0932-DE",
        "Date de télétransmission : 22/11/2021", "Date de réception préfecture : 22/11/2021"])  # the file's order


def test_the_stamp_injected_mid_sentence_lets_the_sentence_join_up(extracted):
    extraction, _ = extracted(FIXTURES / "region-investissement.expected.json")
    assert "Le plan de\nfinancement prévoit également 300 000 € de l'État." in extraction.text


@pytest.mark.parametrize("name", ["commune-formulaire-encadre-liste-expose.txt", "departement-cp-votes.md",
                                  "commune-registre-tableau-des-presences.txt"])
def test_a_text_saved_with_cr_lf_line_ends_yields_the_same_facts(name, tmp_path):
    source = FIXTURES / name
    crlf = tmp_path / name
    crlf.write_bytes(source.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert deliberation_facts(extract_fixture(crlf).graph) == deliberation_facts(extract_fixture(source).graph)
