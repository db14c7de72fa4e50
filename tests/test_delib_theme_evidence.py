"""The themes a deliberation's text gives its beneficiary: a word too generic to be evidence alone gives none."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.ingest.base import SourceContext
from graph.ingest.deliberation import extract
from graph.ingest import delib_themes
from graph.ingest.delib_themes import match_concepts

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


@pytest.mark.parametrize("text", [
    "plus de 6000 avocats réunis autour de colloques, d'ateliers de formation et de conférences",
    "la formation continue des agents de la collectivité", "une convention de coopération décentralisée",
    "un laboratoire de recherche en physique", "l'innovation numérique des entreprises",
    "l'autonomie des jeunes et leur inclusion numérique", "le recrutement d'un agent d'accueil",
    "des travaux d'urgence sur la toiture", "la prévention des inondations", "l'alimentation en eau potable",
    "l'aménagement d'un tiers-lieu dans l'ancienne poste", "Fonds d'aide aux initiatives jeunesse"])
def test_a_generic_word_of_a_theme_alone_gives_no_theme(text):
    assert match_concepts(text, "themes") == []


@pytest.mark.parametrize("text, theme", [
    ("la formation des internes en médecine générale", "formation-des-soignants"),
    ("favoriser l'autonomie des personnes handicapées", "perte-d-autonomie"),
    ("le recrutement de médecins dans les zones rurales", "attractivite-des-metiers"),
    ("une innovation au service des patients", "innovation-en-sante"),
    ("la prévention de la perte d'autonomie", "prevention"),
    ("la prévention de la perte d’autonomie", "prevention"),  # a curly apostrophe
    ("un programme de coopération de l'économie sociale et solidaire", "cooperation-territoriale")])
def test_a_generic_word_gives_its_theme_in_a_sentence_about_health(text, theme):
    assert URIRef(THEME + theme) in match_concepts(text, "themes")


@pytest.mark.parametrize("text, theme", [
    ("des actions pour les personnes en perte d’autonomie", "perte-d-autonomie"),
    ("un projet sur la santé de l’enfant", "sante-de-l-enfant"),
    ("la mesure de la qualité de l’air intérieur", "qualite-de-l-air"),
    ("la création d’un service d’addictologie", "addictions"),  # the word elided before the label
    ("l’accès aux soins de proximité", "acces-aux-soins")])
def test_a_curly_apostrophe_in_or_before_a_label_reads_as_a_straight_one(text, theme):
    assert URIRef(THEME + theme) in match_concepts(text, "themes")


def test_every_label_with_an_apostrophe_reads_alike_straight_or_curly():
    labelled = [(label, concept) for label, concept in delib_themes.scheme_labels("themes") if "'" in label]
    assert labelled
    for label, concept in labelled:
        straight = f"Pour la santé : {label}."
        curly = match_concepts(straight.replace("'", "’"), "themes")
        assert concept in curly and curly == match_concepts(straight, "themes"), label


def test_a_health_word_in_another_sentence_is_no_context():
    assert match_concepts("Des ateliers de formation sont prévus. Le centre de santé ouvre en mai.", "themes") == [
        URIRef(THEME + "exercice-coordonne")]


def test_the_lawyers_convention_of_montpellier_has_no_health_theme():
    path = Path(__file__).resolve().parent / "fixtures" / "deliberations" / "2014-04-24-0000071276.pdf"
    graph = extract(SourceContext(path=path, data=path.read_bytes())).graph
    lawyers = URIRef("https://w3id.org/maillage/id/actor/convention-nationale-avocats")
    assert list(graph.objects(lawyers, DCTERMS.subject)) == []


def test_a_register_that_states_a_generic_word_as_a_theme_still_gets_the_theme():
    from graph.ingest.register import extract as extract_register

    text = "format: maillage-register/1\nmembers:\n  - name: A\n    kind: association\n    themes: [formation]\n"
    graph = extract_register(SourceContext(Path("r.yaml"), text.encode())).graph
    assert list(graph.objects(URIRef("https://w3id.org/maillage/id/actor/a"), DCTERMS.subject)) == [
        URIRef(THEME + "formation-des-soignants")]
