"""The themes that an SCDL grant's purpose (objet) states: found as a deliberation's are
(:func:`graph.ingest.delib_themes.match_concepts`), kept as the grant's ``dcterms:subject``, strictly (a label that is
a word of every field, « prévention », only beside a health word)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
THEME = "https://w3id.org/maillage/ontology/theme/"
HEADER = "nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant\n"
ROW = "Département du Lot;22460001100012;2017-03-01;ADMR;;{purpose};1000\n"


def themes_by_line(ex) -> dict[int, list[str]]:
    """The themes of each grant that has some, by its row's line, as slugs."""
    found = {}
    for grant in ex.graph.subjects(RDF.type, MAI.Grant):
        if themes := sorted(str(t).removeprefix(THEME) for t in ex.graph.objects(grant, DCTERMS.subject)):
            found[int(ex.graph.value(grant, MAI.rowNumber))] = themes
    return found


def purpose_themes(purpose: str) -> list[str]:
    text = HEADER + ROW.format(purpose=purpose)
    ex = extract(SourceContext(Path("list.csv"), text.encode("utf-8"), options={}))
    return themes_by_line(ex).get(2, [])


@pytest.mark.parametrize("purpose, themes", [
    ("Diagnostic au domicile des personnes âgées (prévention des chutes)", ["prevention", "vieillissement"]),
    ("Projet « Bien vieillir ensemble grâce au numérique »", ["vieillissement"]),
    ("Promotion de l'activité physique adaptée", ["activite-physique", "sport-sante"]),
])
def test_a_grant_is_given_the_themes_its_purpose_states(purpose, themes):
    assert purpose_themes(purpose) == themes


@pytest.mark.parametrize("purpose", [
    "Mission d'animation socio-éducative et prévention jeunes 2018",  # prevention, but of nothing about health
    "Subvention de fonctionnement 2017 pour contribuer à l'attractivité du territoire",  # a tourist office's
    "Développement des circuits courts et de l'emploi partagé en agriculture 2017",
    "Travaux de voirie à Santé-sur-Loire",
    "",
])
def test_a_purpose_that_names_no_theme_gives_the_grant_none(purpose):
    assert purpose_themes(purpose) == []


@pytest.mark.parametrize("name, themes", [
    ("DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv",
     {9: ["activite-physique", "sport-sante"], 21: ["vieillissement"], 26: ["prevention"]}),
    ("DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv", {16: ["vieillissement"]}),
    ("DEP_Charente_Maritime_donnees-conventions-subventions.xlsx",
     {35: ["sante-des-jeunes"], 95: ["alimentation"]}),
])
def test_the_grants_of_real_lists_get_their_themes_and_no_other(name, themes):
    ex = extract(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes(), options={}))
    assert themes_by_line(ex) == themes


def test_a_theme_given_a_grant_is_a_concept_of_the_themes_scheme():
    [grant] = extract(SourceContext(Path("list.csv"), (HEADER + ROW.format(purpose="Prévention des chutes des "
                                                                                   "personnes âgées")).encode(),
                                    options={})).graph.subjects(DCTERMS.subject, URIRef(THEME + "prevention"))
    assert grant is not None
