"""Why a deliberation gives a resource a theme: each theme's quote, a selector that names the theme it supports
(``mai:supports``), and the label of a site that the text names by no facility."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS

from graph.ingest.base import SourceContext, add_evidence
from graph.ingest.deliberation import extract
from graph.ingest.delib_themes import locate_concepts, match_concepts
from graph.namespaces import MAI, OA, SCHEMA
from graph.triples import TripleSet

THEME = "https://w3id.org/maillage/ontology/theme/"
ID = "https://w3id.org/maillage/id/"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"


@pytest.fixture(scope="module")
def example():
    return extract(SourceContext(path=EXAMPLE, data=EXAMPLE.read_bytes())).graph


def _quotes_by_theme(graph, resource: URIRef) -> dict[str, str]:
    """Each theme of ``resource`` (its slug) -> the quote of its evidence that supports it (not a quote that supports
    a property, a deliberation's number)."""
    return {str(graph.value(selector, MAI.supports))[len(THEME):]: str(graph.value(selector, OA.exact))
            for selector in graph.objects(resource, MAI.evidence)
            if str(graph.value(selector, MAI.supports)).startswith(THEME)}


def test_each_theme_the_example_gives_danaecare_has_the_quote_that_gives_it(example):
    heading = "PROGRAMME DE COOPÉRATION DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE\n(PROCESS) - SUBVENTION À DANAECARE"
    assert _quotes_by_theme(example, URIRef(ID + "actor/danaecare")) == {
        "relation-soignant-soigne": "Fondée en 2012, DanaeCare est une association née du constat de la dégradation"
                                    " de la relation soignant/patient autant à l'échelle nationale qu'internationale.",
        "tiers-lieu-sante": "tiers-lieu santé",
        "cooperation-territoriale": heading,
        "ess-et-sante": heading}


def test_every_theme_of_the_ptce_its_goals_and_the_site_has_a_quote(example):
    themed = {s for s in example.subjects(DCTERMS.subject, None) if "/deliberation/" not in str(s)}
    assert {str(s)[len(ID):] for s in themed} == {
        "actor/danaecare", "actor/ptce-sante-danaecare", "site/danaecare/l-etrat", "goal/ptce-sante-danaecare/1",
        "goal/ptce-sante-danaecare/3"}
    for resource in themed:
        assert set(_quotes_by_theme(example, resource)) == {
            str(theme)[len(THEME):] for theme in example.objects(resource, DCTERMS.subject)}


def test_a_quote_offsets_point_at_its_words_in_the_text(example):
    text = extract(SourceContext(path=EXAMPLE, data=EXAMPLE.read_bytes())).text
    for selector in example.subjects(MAI.supports, None):
        start, end = int(example.value(selector, OA.start)), int(example.value(selector, OA.end))
        assert text[start:end] == str(example.value(selector, OA.exact))


@pytest.mark.parametrize("text", [
    "Un programme d'éducation thérapeutique du patient.", "La formation des internes en médecine.",
    "Des ateliers de formation pour les avocats. La  prévention\n des chutes des personnes âgées ; la santé mentale.",
    "L'Œuvre « Cœur » agit pour la perte d’autonomie et le VIH.", "Entreprise Solidaire d'Utilité\nSociale (ESUS)"])
def test_locating_the_concepts_finds_those_that_matching_finds_in_their_order(text):
    assert [concept for concept, _ in locate_concepts([(text, 0)], "themes")] == match_concepts(text, "themes")


def test_a_theme_is_quoted_by_its_sentence_across_line_ends_ligatures_and_quotation_marks():
    document = "Objet : aide.\n\nL'Œuvre « Cœur »   agit contre la perte\nd’autonomie. Elle recrute."
    [(concept, (start, end))] = locate_concepts([(document[15:], 15)], "themes")
    assert [concept] == match_concepts(document[15:], "themes")
    assert document[start:end] == "L'Œuvre « Cœur »   agit contre la perte\nd’autonomie."


def test_a_sentence_too_long_to_quote_gives_the_words_alone():
    document = "Le projet " + "réunit des partenaires, " * 20 + "pour la santé mentale des jeunes."
    [(_, (start, end))] = locate_concepts([(document, 0)], "themes")
    assert document[start:end] == "santé mentale"


def test_the_sentence_of_parts_that_lie_apart_is_quoted_within_its_part():
    document = "Le conseil délibère" + " " * 400 + "L'objectif est la santé mentale."
    parts = [(document[:19], 0), (document[419:], 419)]
    assert [document[s:e] for _, (s, e) in locate_concepts(parts, "themes")] == ["L'objectif est la santé mentale."]


def test_a_quote_of_a_theme_is_a_selector_apart_from_the_quote_of_the_same_words_for_the_whole_fact():
    graph, fact, theme = TripleSet(), URIRef(ID + "actor/x"), URIRef(THEME + "sante-mentale")
    ctx = SourceContext(path=Path("d.txt"), data=b"")
    whole = add_evidence(graph, fact, ctx, "Pour la santé mentale.", 0, 22)
    supporting = add_evidence(graph, fact, ctx, "Pour la santé mentale.", 0, 22, supports=theme)
    assert whole != supporting
    assert list(graph.objects(supporting, MAI.supports)) == [theme]
    assert list(graph.objects(whole, MAI.supports)) == []


def test_a_site_the_text_names_by_no_facility_is_labelled_as_the_actors_implantation_and_a_facility_by_itself(example):
    places = {str(example.value(place, RDFS.label))
              for place in example.objects(URIRef(ID + "actor/danaecare"), SCHEMA.location)}
    assert places == {"L'Étrat", "tiers-lieu santé (L'Étrat)", "bassin stéphanois",
                      "implantation de DanaeCare (bassin stéphanois, depuis 2019)"}


def _read(tmp_path, text: str):
    path = tmp_path / "deliberation.txt"
    path.write_text(text, encoding="utf-8")
    return extract(SourceContext(path=path, data=path.read_bytes()))


_DELIBERATION = ("COMMUNE DE TESTVILLE\nConseil municipal – Séance du 3 juin 2025\nDélibération n° 2025-02\n"
                 "Objet : {title}\n\nLe Conseil municipal, après en avoir délibéré, approuve le rapport.\n\n"
                 "Adopté à l'unanimité.\n")


def _deliberation_quotes(tmp_path, title: str) -> tuple[dict[str, str], dict[str, tuple[int, int]], str]:
    """The deliberation's themes (their slugs) -> their quotes, and -> their quotes' offsets, and the text read."""
    extraction = _read(tmp_path, _DELIBERATION.format(title=title))
    graph = extraction.graph
    deliberation = next(graph.subjects(DCTERMS.subject, None))
    assert "/deliberation/" in str(deliberation)
    spans = {str(graph.value(selector, MAI.supports))[len(THEME):]:
             (int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end)))
             for selector in graph.objects(deliberation, MAI.evidence)
             if str(graph.value(selector, MAI.supports)).startswith(THEME)}
    return _quotes_by_theme(graph, deliberation), spans, extraction.text


def test_a_theme_that_the_title_alone_gives_the_deliberation_is_quoted_by_the_title_where_it_stands(tmp_path):
    quotes, spans, text = _deliberation_quotes(tmp_path, "Plan communal pour la santé mentale des jeunes")
    assert quotes == {"sante-mentale": "Plan communal pour la santé mentale des jeunes"}
    start, end = spans["sante-mentale"]
    assert text[start:end] == quotes["sante-mentale"]


def test_a_title_that_a_line_end_cuts_is_quoted_across_it(tmp_path):
    quotes, spans, text = _deliberation_quotes(tmp_path, "Plan communal pour la santé\nmentale des jeunes")
    assert quotes == {"sante-mentale": "Plan communal pour la santé\nmentale des jeunes"}
    start, end = spans["sante-mentale"]
    assert text[start:end] == quotes["sante-mentale"]


@pytest.mark.parametrize("written, title", [
    ("PLAN COMMU-\nNAL POUR LA SANTÉ MENTALE", "PLAN COMMUNAL POUR LA SANTÉ MENTALE"),
    ("Plan communal pour la santé mentale         - présents : 5\ndes jeunes          - pouvoirs : 2",
     "Plan communal pour la santé mentale")])
def test_a_title_rewritten_from_the_text_gives_its_theme_with_no_quote(tmp_path, written, title):
    """A word in capitals that a line end cut with a hyphen is made whole in the title ("COMMU-" / "NAL"), a heading's
    other column is left out of it: its words lie nowhere in the text as the title has them, and a quote of its span
    would not be the words that gave the theme."""
    graph = _read(tmp_path, _DELIBERATION.format(title=written)).graph
    deliberation = next(graph.subjects(DCTERMS.subject, None))
    assert str(graph.value(deliberation, DCTERMS.title)) == title
    assert [str(theme)[len(THEME):] for theme in graph.objects(deliberation, DCTERMS.subject)] == ["sante-mentale"]
    assert _quotes_by_theme(graph, deliberation) == {}


def test_an_erratums_title_is_quoted_by_its_own_words_not_by_the_prefix_it_is_given(tmp_path):
    text = ("COMMUNE DE TESTVILLE\nConseil municipal – Séance du 3 juin 2025\nERRATUM\n"
            "à la délibération n° 2025-01 du 3 juin 2025\nObjet : Plan communal pour la santé mentale des jeunes\n\n"
            "Une erreur matérielle s'est glissée dans la délibération susvisée.\nAu lieu de : « 5 300 € »\n"
            "Il convient de lire : « 3 500 € »\n\nAdopté à l'unanimité.\n")
    extraction = _read(tmp_path, text)
    graph = extraction.graph
    deliberation = next(graph.subjects(DCTERMS.subject, None))
    assert str(graph.value(deliberation, DCTERMS.title)).startswith("Erratum à la délibération n° 2025-01 : ")
    assert _quotes_by_theme(graph, deliberation) == {"sante-mentale": "Plan communal pour la santé mentale des jeunes"}
