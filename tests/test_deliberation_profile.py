"""Themes found in what a deliberation says: labels without accents or case, acronyms as written."""

from __future__ import annotations

from rdflib import URIRef

from graph.ingest.delib_profile import match_concepts

THEME = "https://w3id.org/maillage/ontology/theme/"


def test_themes_come_in_their_order_in_the_text_whatever_the_accents_and_case():
    assert match_concepts("Soutien aux AIDANTS et à la sante mentale, en EHPAD", "themes") == [
        URIRef(THEME + name) for name in ("aidants", "sante-mentale", "perte-d-autonomie")]


def test_an_acronym_is_matched_as_written_only():
    assert match_concepts("les ehpad du secteur", "themes") == []
