"""What the SCDL readers say of what they do not keep: a deliberations list's columns not read, as a grants list's
are; a grant's decision reference that names several acts, or acts but no deliberation.

Fixture strategy: each test reads the smallest table that shows its behaviour, written inline, with the kind's
extractor alone (no store).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.ingest.base import SourceContext
from graph.ingest.scdl_deliberations import extract as extract_deliberations
from graph.ingest.scdl_grants import extract as extract_grants
from graph.namespaces import MAI

MONTPELLIER = ("Numéro de projet de délibération;Elu(s);Direction;Titre;Etat;Numéro Poseidon;Numéro de délibération;"
               "Date CM\n1;Hélène MANDROUX;Direction du Secrétariat Général;Voeu de soutien;DELIBERATION EXECUTOIRE;"
               "67218;464;25/11/2013\n")


def test_a_deliberations_list_says_once_which_columns_it_does_not_read():
    ex = extract_deliberations(SourceContext(Path("delibs.csv"), MONTPELLIER.encode(),
                                             options={"funder": "Ville de Montpellier;213401722"}))
    assert [(i.level, i.line, i.message) for i in ex.issues] == [
        ("warning", 1, "colonnes non lues : Numéro de projet de délibération (colonne 1), Elu(s) (colonne 2), "
                       "Direction (colonne 3), Etat (colonne 5), Numéro Poseidon (colonne 6)")]
    assert ex.issues[0].message_en.startswith("columns not read: Numéro de projet de délibération (column 1)")


ANTIBES = ("nomAttribuant;idAttribuant;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant\n"
           "ANTIBES;21060004500392;CONV N° 2784-14 et DELIB AVANCE N°261-15 du 2014-12-19;OAJLP HAND BALL;"
           "38030997100022;Fonctionnement;141916\n"
           "ANTIBES;21060004500392;CONV N° 978-15;LABEL NOTE;38030997100022;Concert;5000\n")
GRANT = URIRef("https://w3id.org/maillage/id/grant/antibes-csv/"
               "siren-380309971-conv-n-2784-14-et-delib-avance-n261-15-du-2014-12-19")


def test_a_decision_reference_naming_a_convention_and_a_deliberation_names_the_deliberation_by_its_own_number():
    ex = extract_grants(SourceContext(Path("antibes.csv"), ANTIBES.encode()))
    g, deliberation = ex.graph, ex.graph.value(GRANT, MAI.decidedBy)
    assert (str(deliberation).rsplit("/", 1)[1], str(g.value(deliberation, DCTERMS.identifier)),
            str(g.value(deliberation, DCTERMS.date)), str(g.value(GRANT, MAI.decisionReference))) == (
        "261-15", "261-15", "2014-12-19", "CONV N° 2784-14 et DELIB AVANCE N°261-15 du 2014-12-19")
    [warning] = [i for i in ex.issues if i.field == "referenceDecision" and i.line == 2]
    assert (warning.line, warning.message) == (2, (
        "la référence de décision nomme plusieurs actes (« CONV N° 2784-14 et DELIB AVANCE N°261-15 du 2014-12-19 ») "
        ": une délibération y est lue par son propre numéro et sa date (ici n° 261-15), la référence entière reste "
        "celle de la subvention (ligne 2)"))


def test_a_decision_reference_naming_only_a_convention_gives_no_deliberation_and_stays_the_grants_reference():
    ex = extract_grants(SourceContext(Path("antibes.csv"), ANTIBES.encode()))
    label_note = URIRef("https://w3id.org/maillage/id/grant/antibes-csv/siren-380309971-conv-n-978-15")
    assert (ex.graph.value(label_note, MAI.decidedBy), str(ex.graph.value(label_note, MAI.decisionReference))) == (
        None, "CONV N° 978-15")
    assert [str(d).rsplit("/", 1)[1] for d in ex.graph.subjects(RDF.type, MAI.Deliberation)] == ["261-15"]
    [warning] = [i for i in ex.issues if i.field == "referenceDecision" and i.line == 3]
    assert (warning.message, warning.value) == (
        "la référence de décision ne nomme aucune délibération, seulement une convention, un arrêté ou un avenant "
        "(« CONV N° 978-15 ») : gardée comme référence de la subvention, sans délibération (ligne 3)", "CONV N° 978-15")
    assert warning.message_en.startswith("the decision reference names no deliberation, only an agreement")
