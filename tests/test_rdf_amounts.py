"""A grant's amount written as a node (a schema:MonetaryAmount) in an RDF file: warned at its line with the number
to write, and SHACL's message says it is a blank node, not an IRI."""

from __future__ import annotations

from tests.ingesting import ingest_text

GRANT = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://ex.org/dep> a mai:PublicAuthority ; mai:siren "224200014" .
<https://ex.org/asso> a mai:Association ; mai:siren "423123454" .
<https://ex.org/g> a mai:Grant ; schema:funder <https://ex.org/dep> ; mai:beneficiary <https://ex.org/asso> ;
    mai:fiscalYear 2024 ;
    schema:amount [ a schema:MonetaryAmount ; schema:value 1200 ; schema:currency "%s" ] .
"""


def test_an_amount_written_as_a_monetary_amount_is_warned_at_its_line_with_the_number_to_write(tmp_path):
    _, report, _ = ingest_text(tmp_path, "g.ttl", GRANT % "EUR")
    [warning] = [issue for issue in report.issues if issue.field == "schema:amount"]
    assert (warning.level, warning.line) == ("warning", 8)
    assert warning.message == ("<https://ex.org/g> : schema:amount est un nœud anonyme (schema:MonetaryAmount ?), que "
                               "Maillage ne lit pas : le montant se lit comme un nombre (xsd:decimal, en euros) ; "
                               "écrivez schema:amount 1200")


def test_an_amount_in_another_currency_is_told_that_maillage_counts_in_euros(tmp_path):
    _, report, _ = ingest_text(tmp_path, "g.ttl", GRANT % "USD")
    [warning] = [issue for issue in report.issues if issue.field == "schema:amount"]
    assert warning.message.endswith("écrivez schema:amount 1200 (Maillage compte en euros, pas en « USD »)")


def test_shacl_says_a_blank_node_amount_is_a_blank_node_without_its_generated_name(tmp_path):
    _, report, _ = ingest_text(tmp_path, "g.ttl", GRANT % "EUR")
    [violation] = [v for v in report.violations if v.path == "http://schema.org/amount"]
    assert violation.message.endswith("La valeur est un nœud anonyme ([ … ]), pas un littéral.")
    assert (violation.value, violation.line) == (None, 8)


def test_an_amount_written_as_a_number_is_not_warned(tmp_path):
    text = GRANT.replace('[ a schema:MonetaryAmount ; schema:value 1200 ; schema:currency "%s" ]', "1200")
    _, report, _ = ingest_text(tmp_path, "g.ttl", text)
    assert [issue for issue in report.issues if issue.field == "schema:amount"] == []


def test_a_grant_with_a_number_and_a_node_as_amounts_is_told_both_without_the_node_s_generated_name(tmp_path):
    _, report, _ = ingest_text(tmp_path, "g.ttl", (GRANT % "EUR").replace("schema:amount [", "schema:amount 1200, ["))
    [two] = [v for v in report.violations if v.message.startswith("Une subvention a exactement un montant")]
    assert two.value == "1200, [ … ]"
