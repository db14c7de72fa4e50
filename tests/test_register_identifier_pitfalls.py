"""The partner register reads its members' SIREN and SIRET cells as a grants list reads its identifier cells: the
same diagnosis of what a spreadsheet did to them (DATA-FORMATS.md pitfall 18), the same number kept, the same words."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from graph.ingest.base import SourceContext
from graph.ingest.register import extract
from graph.ingest.scdl_grants import extract as extract_grants
from graph.ingest.scdl_ids import read_id_cell
from graph.namespaces import MAI

ID = "https://w3id.org/maillage/id/"
MANGLED = "SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : son SIREN 218601946, intact, retenu"
#: What each warning about the member starts with: its name (the words after it are a grants list's).
NAMED = "membre « Ville de Poitiers » : "


def one_member(column: str, value: str) -> tuple:
    """The graph of a CSV register of one member whose ``column`` holds ``value``, and its warnings (field,
    message after the member's name, which each names first)."""
    ex = extract(SourceContext(Path("r.csv"), (
        f"# ptce: P\nname;kind;circle;joined;{column}\nVille de Poitiers;collectivite;financeurs;2024-05-16;{value}\n"
    ).encode()))
    assert all(i.message.startswith(NAMED) for i in ex.issues)
    return ex, [(i.field, i.message.removeprefix(NAMED)) for i in ex.issues]


def identifiers(ex, actor: str) -> tuple:
    iri = URIRef(ID + "actor/" + actor)
    return (ex.graph.value(iri, RDFS.label), *(ex.graph.value(iri, p) for p in (MAI.siren, MAI.siret, MAI.rna)))


def test_a_siret_whose_last_digits_a_float_lost_keeps_its_whole_siren_as_a_grants_list_does():
    ex, issues = one_member("siret", "21860194600000.0")
    assert (identifiers(ex, "siren-218601946"), issues) == (
        (Literal("Ville de Poitiers"), Literal("218601946"), None, None), [("siret", MANGLED)])


@pytest.mark.parametrize("written, actor, siren, siret, said", [
    ("21860194600000", "siren-218601946", "218601946", None, MANGLED),
    ("2.18601946E+13", "siren-218601946", "218601946", None, MANGLED),
    ("2,18601946E+13", "siren-218601946", "218601946", None, MANGLED),
    ("2.1860194600013E+13", "siren-218601946", "218601946", "21860194600013",
     "SIRET écrit comme un nombre (passage par un tableur), ses 14 chiffres entiers : lu 21860194600013"),
    ("4,23457E+13", "ville-poitiers", None, None,
     "SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré"),
    ("3805449320029.0", "ville-poitiers", None, None,
     "SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré"),
    ("1000000000009", "siren-010000000", "010000000", "01000000000009",
     "zéros de tête perdus (passage par un tableur) : lu 01000000000009"),
    ("218601946", "siren-218601946", "218601946", None, "SIREN à 9 chiffres dans une colonne SIRET : SIREN retenu"),
    ("218 601 946", "siren-218601946", "218601946", None,
     "SIREN à 9 chiffres dans une colonne SIRET : SIREN retenu"),
    ('="21860194600013"', "siren-218601946", "218601946", "21860194600013",
     'formule texte de tableur (="…") : lu 21860194600013'),
    ("'21860194600013", "siren-218601946", "218601946", "21860194600013",
     "apostrophe de tête (cellule forcée en texte) : lu 21860194600013"),
    ("SIRET : 218 601 946 00013", "siren-218601946", "218601946", "21860194600013",
     "libellé « SIRET : » avant le numéro : lu 21860194600013"),
])
def test_the_siret_column_is_read_and_said_as_a_grants_lists_identifier_cell(written, actor, siren, siret, said):
    ex, issues = one_member("siret", written)
    assert (identifiers(ex, actor), issues) == (
        (Literal("Ville de Poitiers"), siren and Literal(siren), siret and Literal(siret), None), [("siret", said)])
    assert read_id_cell(written)[:2] == (siren, siret) and read_id_cell(written)[3][-1][0] == said


@pytest.mark.parametrize("written", ["218 601 946 00013", "218\u00a0601\u00a0946\u00a000013", "218.601.946.00013",
                                     "21860194600013.0"])
def test_a_siret_with_spaces_dots_or_a_float_suffix_is_read_without_a_word_as_in_a_grants_list(written):
    ex, issues = one_member("siret", written)
    assert (identifiers(ex, "siren-218601946"), issues, read_id_cell(written)[3]) == (
        (Literal("Ville de Poitiers"), Literal("218601946"), Literal("21860194600013"), None), [], [])


def test_an_rna_number_written_beside_the_siret_is_read_when_the_rna_column_is_empty():
    ex, issues = one_member("siret;rna", "38047555800058 / W861000123;")
    assert (identifiers(ex, "siren-380475558"), issues) == (
        (Literal("Ville de Poitiers"), Literal("380475558"), Literal("38047555800058"), Literal("W861000123")),
        [("siret", "SIRET et numéro RNA dans une même cellule : lu 38047555800058 et W861000123")])


@pytest.mark.parametrize("written", ["21860194600000.0", "2.18601946E+13"])
def test_a_float_mangled_siret_in_the_siren_column_keeps_its_whole_siren(written):
    ex, issues = one_member("siren", written)
    assert (identifiers(ex, "siren-218601946"), issues) == (
        (Literal("Ville de Poitiers"), Literal("218601946"), None, None), [("siren", MANGLED)])


def test_the_siren_that_a_mangled_siret_keeps_is_ignored_when_the_members_siren_is_another():
    ex, issues = one_member("siren;siret", "214201865;21860194600000.0")
    assert (identifiers(ex, "siren-214201865"), issues) == (
        (Literal("Ville de Poitiers"), Literal("214201865"), None, None), [("siret", MANGLED), (
            "siret", "SIREN 218601946 de la colonne SIRET, autre que celui du membre (214201865) : ignoré")])


def test_a_yaml_register_reads_an_unquoted_siret_that_yaml_made_a_float():
    ex = extract(SourceContext(Path("r.yaml"), (
        "format: maillage-register/1\nptce:\n  name: P\nmembers:\n  - name: Ville de Poitiers\n"
        "    kind: collectivite\n    circle: financeurs\n    joined: 2024-05-16\n    siret: 2.18601946e+13\n"
    ).encode()))
    assert (identifiers(ex, "siren-218601946")[1], [(i.field, i.message) for i in ex.issues]) == (
        Literal("218601946"), [("siret", NAMED + MANGLED)])


@pytest.mark.parametrize("written, actor, siren, siret", [
    ("21860194600013", "siren-218601946", "218601946", "21860194600013"),
    ("218 601 946 00013", "siren-218601946", "218601946", "21860194600013"),
    ("218601946", "siren-218601946", "218601946", None),
])
def test_a_siret_in_the_rna_column_is_kept_as_a_siret_and_said_as_a_grants_list_says_it(written, actor, siren, siret):
    said = "SIRET dans la colonne RNA : retenu comme SIRET"
    ex, issues = one_member("rna", written)
    assert (identifiers(ex, actor), issues) == (
        (Literal("Ville de Poitiers"), Literal(siren), siret and Literal(siret), None), [("rna", said)])
    listed = extract_grants(SourceContext(Path("list.csv"), (
        f"nomAttribuant;nomBeneficiaire;rnaBeneficiaire;montant\nVille;Club;{written};100\n").encode()))
    assert [(i.field, i.message) for i in listed.issues if i.field == "rnaBeneficiaire"] == [("rnaBeneficiaire", said)]


def test_a_siret_in_the_rna_column_beside_the_members_siret_is_an_invalid_rna_number_as_in_a_grants_list():
    ex, issues = one_member("siret;rna", "21860194600013;38047555800058")
    assert (identifiers(ex, "siren-218601946"), issues) == (
        (Literal("Ville de Poitiers"), Literal("218601946"), Literal("21860194600013"), None),
        [("rna", "numéro RNA invalide (attendu W et 9 caractères) : ignoré")])
