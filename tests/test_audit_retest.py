"""The auditor's second visit (u31): a legacy list's act date read as a decision date, not a convention's, so that
« Subventions sans convention » finds its large grants; that query lists the grants above the décret's 23 000 €,
not at it, and names its resources on the command line as the other named queries do."""

from __future__ import annotations

from tests.reader_digests import file_output
from webapp.cli_queries import names_resources
from webapp.named_queries import named_queries

NIEVRE = "tests/fixtures/tabular/DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv"
SECOURS = "<https://w3id.org/maillage/id/grant/dep-nievre-cd58-subventions-2016-liste-csv/" \
          "secours-populaire-francais-2016-01-01>"


def test_a_legacy_lists_act_date_is_no_convention_date_and_still_gives_the_year():
    lines = file_output("scdl-subventions", NIEVRE, {})
    assert not [line for line in lines if "conventionDate" in line]
    assert any(line.startswith(SECOURS) and "fiscalYear" in line and '"2016"' in line for line in lines)


def test_the_grants_without_agreement_query_names_its_resources_on_the_command_line():
    assert names_resources(named_queries()["subventions-sans-convention"].text)


def test_the_grants_without_agreement_query_selects_amounts_above_the_threshold_and_says_so():
    query = named_queries()["subventions-sans-convention"]
    assert "FILTER(?amount > ?threshold)" in query.text
    assert "dépasse le seuil" in query.description_fr and "above the threshold" in query.description_en
