"""Memberships of an RDF file in the W3C Organization ontology's words: the period given by ``org:memberDuring``
read as ``mai:joinedOn`` / ``mai:leftOn``, an interval without a date warned at its line, a role that is none of
the PTCE's circles warned at its line with the circle meant, and a membership without a role told by SHACL."""

from __future__ import annotations

import pytest

from tests.ingesting import ingest_text

MAI = "https://w3id.org/maillage/ontology#"
CIRCLE = "https://w3id.org/maillage/ontology/circle/"
HEAD = f"""@prefix org: <http://www.w3.org/ns/org#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix mai: <{MAI}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://ex.org/ptce> a mai:Cooperation ; rdfs:label "PTCE" .
<https://ex.org/a> a mai:Association ; rdfs:label "A" .
"""
MEMBERSHIP = ("<https://ex.org/m> a org:Membership ; org:member <https://ex.org/a> ; "
              "org:organization <https://ex.org/ptce> ;\n")
_DATES = (f"SELECT ?joined ?left WHERE {{ ?m a <http://www.w3.org/ns/org#Membership> "
          f"OPTIONAL {{ ?m <{MAI}joinedOn> ?joined }} OPTIONAL {{ ?m <{MAI}leftOn> ?left }} }}")


def _dates(store) -> list[tuple]:
    return [tuple(str(v) if v is not None else None for v in row) for row in store.query(_DATES)]


@pytest.mark.parametrize("period", [
    'org:memberDuring [ a time:Interval ; time:hasBeginning [ a time:Instant ; time:inXSDDate "2024-01-15"^^xsd:date ]'
    ' ; time:hasEnd [ a time:Instant ; time:inXSDDate "2025-06-30"^^xsd:date ] ] .',
    'org:memberDuring [ time:hasBeginning "2024-01-15"^^xsd:date ; time:hasEnd "2025-06-30"^^xsd:date ] .',
    'org:memberDuring [ time:hasBeginning [ time:inXSDDateTimeStamp "2024-01-15T09:00:00Z"^^xsd:dateTimeStamp ] ; '
    'time:hasEnd [ time:inXSDDateTimeStamp "2025-06-30T00:00:00+02:00"^^xsd:dateTimeStamp ] ] .',
])
def test_a_membership_period_of_the_organization_ontology_gives_its_joining_and_leaving_dates(tmp_path, period):
    store, report, _ = ingest_text(tmp_path, "m.ttl", HEAD + MEMBERSHIP + "    " + period + "\n")
    assert _dates(store) == [("2024-01-15", "2025-06-30")]
    [info] = [issue for issue in report.issues if issue.level == "Info" and issue.field == "org:memberDuring"]
    assert info.message.startswith("org:memberDuring lu comme mai:joinedOn (1 adhésion) et mai:leftOn (1)")


def test_the_dates_a_membership_gives_itself_are_kept(tmp_path):
    store, report, _ = ingest_text(tmp_path, "m.ttl", HEAD + MEMBERSHIP + '    mai:joinedOn "2023-01-15"^^xsd:date ;'
                                   ' org:memberDuring [ time:hasBeginning "2024-01-15"^^xsd:date ] .\n')
    assert _dates(store) == [("2023-01-15", None)]
    assert [issue for issue in report.issues if issue.field == "org:memberDuring"] == []


def test_a_blank_membership_gets_its_dates_on_its_own_node(tmp_path):
    store, _, _ = ingest_text(tmp_path, "m.ttl", HEAD + "[] a org:Membership ; org:member <https://ex.org/a> ; "
                              "org:organization <https://ex.org/ptce> ; "
                              'org:memberDuring [ time:hasBeginning "2024-01-15"^^xsd:date ] .\n')
    assert _dates(store) == [("2024-01-15", None)]


def test_an_interval_without_a_date_is_warned_at_its_line(tmp_path):
    store, report, _ = ingest_text(tmp_path, "m.ttl", HEAD + MEMBERSHIP + "    org:memberDuring [ a time:Interval ; "
                                   "time:hasBeginning [ a time:Instant ] ] .\n")
    [warning] = [issue for issue in report.issues if issue.field == "org:memberDuring"]
    assert (warning.level, warning.line) == ("warning", 9)
    assert warning.message.startswith("adhésion <https://ex.org/m> : période (org:memberDuring) sans date lisible")
    assert _dates(store) == [(None, None)]


def test_a_role_that_is_no_circle_is_warned_at_its_line_with_the_circles_and_the_one_meant(tmp_path):
    _, report, _ = ingest_text(tmp_path, "m.ttl", HEAD + MEMBERSHIP +
                               "    org:role <https://w3id.org/maillage/id/circle/coeur> .\n")
    [warning] = [issue for issue in report.issues if issue.field == "org:role"]
    assert warning.line == 9
    assert warning.message.startswith("adhésion <https://ex.org/m> : org:role <https://w3id.org/maillage/id/circle/"
                                      f"coeur> n'est pas un cercle du PTCE ; vouliez-vous dire <{CIRCLE}coeur> ?")
    assert f"<{CIRCLE}financeurs> « Cercle des financeurs »" in warning.message


def test_a_circle_of_the_ptce_as_role_is_not_warned(tmp_path):
    _, report, _ = ingest_text(tmp_path, "m.ttl", HEAD + MEMBERSHIP + f"    org:role <{CIRCLE}partenaires> .\n")
    assert [issue for issue in report.issues if issue.field == "org:role"] == []
    assert [v for v in report.violations if v.path == "http://www.w3.org/ns/org#role"] == []


def test_a_membership_without_a_role_gets_a_shacl_warning(tmp_path):
    _, report, _ = ingest_text(tmp_path, "m.ttl", HEAD + MEMBERSHIP + '    mai:joinedOn "2024-01-15"^^xsd:date .\n')
    [warning] = [v for v in report.violations if v.focus == "https://ex.org/m"]
    assert (warning.severity, warning.path) == ("Warning", "http://www.w3.org/ns/org#role")
    assert warning.message.startswith("Une adhésion a un rôle (org:role)")
