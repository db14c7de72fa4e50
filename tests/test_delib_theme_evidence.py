"""The themes a deliberation's text gives its beneficiary: a word too generic to be evidence alone gives none."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.ingest.base import SourceContext
from graph.ingest.deliberation import extract
from graph.ingest.delib_profile import match_concepts

THEME = "https://w3id.org/maillage/ontology/theme/"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"


@pytest.mark.parametrize("text", [
    "un tiers-lieu dédié aux professionnels de la santé et aux usagers",
    "des structures publiques et privées (collectivités, universités, usagers)",
    "le centre hospitalier, des associations d'usagers et l'université"])
def test_users_named_as_those_served_give_no_health_democracy_theme(text):
    assert URIRef(THEME + "democratie-en-sante") not in match_concepts(text, "themes")


@pytest.mark.parametrize("text", [
    "une instance de démocratie sanitaire", "la représentation des usagers au conseil de surveillance",
    "favoriser la participation des usagers aux décisions"])
def test_users_taking_part_in_health_decisions_give_the_health_democracy_theme(text):
    assert match_concepts(text, "themes") == [URIRef(THEME + "democratie-en-sante")]


def test_the_example_deliberation_gives_danaecare_the_themes_its_text_supports():
    graph = extract(SourceContext(path=EXAMPLE, data=EXAMPLE.read_bytes())).graph
    themes = {str(theme)[len(THEME):]
              for theme in graph.objects(URIRef("https://w3id.org/maillage/id/actor/danaecare"), DCTERMS.subject)}
    assert themes == {"relation-soignant-soigne", "tiers-lieu-sante", "cooperation-territoriale", "ess-et-sante"}
