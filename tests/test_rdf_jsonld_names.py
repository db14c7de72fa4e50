"""An actor of a JSON-LD file named by schema:name only (schema.org's vocabulary): Maillage reads rdfs:label, and
the ingest says which name it found and did not read, as it says of a foaf:name."""

from __future__ import annotations

from tests.ingesting import ingest_text

ACTOR = """{"@context": {"@vocab": "http://schema.org/", "mai": "https://w3id.org/maillage/ontology#"},
 "@type": ["NGO", "mai:Association"], "@id": "https://ex.org/asop",
 "name": "Association Santé Ondaine Prévention", "mai:siren": "423123454"}
"""


def test_an_actor_named_by_schema_name_only_is_told_to_be_given_an_rdfs_label(tmp_path):
    _, report, _ = ingest_text(tmp_path, "a.jsonld", ACTOR)
    [named] = [v for v in report.violations if v.path == "http://www.w3.org/2000/01/rdf-schema#label"]
    assert named.message == ('Un acteur a un nom (rdfs:label). Son schema:name n\'est pas lu : écrivez aussi '
                             'rdfs:label "Association Santé Ondaine Prévention".')
    assert named.message_en.endswith('Its schema:name is not read: write rdfs:label "Association Santé Ondaine '
                                     'Prévention" too.')
