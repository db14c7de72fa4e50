"""One reading of identifier cells for the grants list and the partner register: a register's grant entry reads its
beneficiary's SIREN and SIRET as a member's cells are read (a float-mangled SIRET's whole SIREN kept, not the
register refused), the register's RNA column is cleaned as the grants list's is, and a SIREN column's refusals speak
of a SIREN, of 9 digits, in both."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from graph.ingest.base import InputError, SourceContext
from graph.ingest.register import extract as extract_register
from graph.ingest.scdl_grants import extract as extract_grants
from graph.ingest.scdl_ids import read_id_cell
from graph.namespaces import MAI, SCHEMA

ID = "https://w3id.org/maillage/id/"
MANGLED = "SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : son SIREN 218601946, intact, retenu"
REF = URIRef(ID + "grant-reference/p/r-yaml/1")
_HEAD = ("format: maillage-register/1\nptce:\n  name: P\n  goals: [{rank: 1, label: Un}]\nmembers:\n"
         "  - {name: A, kind: association, circle: coeur, joined: 2024-01-01}\ngrants:\n")


def register(grant: str):
    """The extraction of a YAML register whose one grant entry (line 8) is ``grant``."""
    return extract_register(SourceContext(Path("r.yaml"), (_HEAD + grant).encode()))


@pytest.mark.parametrize("siret", ['"21860194600000.0"', "2.18601946e+13", "21860194600000"])
def test_a_grant_entrys_float_mangled_siret_keeps_its_whole_siren_and_the_register_is_read(siret):
    ex = register(f"  - {{deliberation: 2024.1, siret: {siret}, goals: [1]}}\n")
    assert (ex.graph.value(REF, SCHEMA.fundedItem), [(i.line, i.field, i.message) for i in ex.issues]) == (
        Literal("218601946"), [(8, "siret", f"financement : {MANGLED}")])


def test_a_grant_entrys_siret_says_what_was_taken_off_it_as_a_members_does():
    ex = register("  - {deliberation: 2024.1, siret: \"'21860194600013\", goals: [1]}\n")
    assert (ex.graph.value(REF, SCHEMA.fundedItem), [(i.field, i.message) for i in ex.issues]) == (
        Literal("218601946"), [("siret", "financement : apostrophe de tête (cellule forcée en texte) : lu "
                                         "21860194600013")])


@pytest.mark.parametrize("field, written, message", [
    ("siret", '"3805449320029.0"', "SIRET « 3805449320029.0 » refusé : SIRET abîmé par un passage en nombre à virgule "
                                   "(chiffres perdus)"),
    ("siren", '"77777777"', "SIREN « 77777777 » refusé : SIREN de 8 chiffres (9 attendus, 14 pour un SIRET)"),
    ("siren", "21420186X", "SIREN « 21420186X » refusé : SIREN illisible (des caractères autres que des chiffres)"),
])
def test_a_grant_entrys_identifier_that_gives_no_siren_is_refused_saying_why_in_the_members_words(
        field, written, message):
    with pytest.raises(InputError) as err:
        register(f"  - {{deliberation: 2024.1, {field}: {written}, goals: [1]}}\n")
    assert (err.value.issue.line, err.value.issue.field, err.value.issue.message) == (8, field, message)


def test_a_grant_entrys_siret_whose_kept_siren_is_not_its_siren_is_refused():
    with pytest.raises(InputError) as err:
        register("  - {deliberation: 2024.1, siren: '214201865', siret: '21860194600000.0', goals: [1]}\n")
    assert (err.value.issue.field, err.value.issue.message) == (
        "siret", "SIRET « 21860194600000.0 » d'un autre SIREN (218601946) que 214201865")


#: What each warning about the register's member starts with: its name (the words after it are a grants list's).
NAMED = "membre « Club » : "


def one_member(rna: str) -> tuple:
    """The RNA number of the one member of a CSV register whose RNA cell holds ``rna``, and its warnings (field,
    message after the member's name, which each names first)."""
    ex = extract_register(SourceContext(Path("r.csv"), (
        f"# ptce: P\nname;kind;circle;joined;rna\nClub;association;coeur;2024-05-16;{rna}\n").encode()))
    actors = set(ex.graph.subjects(RDFS.label, Literal("Club")))
    assert all(i.message.startswith(NAMED) for i in ex.issues)
    return {ex.graph.value(actor, MAI.rna) for actor in actors}, [(i.field, i.message.removeprefix(NAMED))
                                                                  for i in ex.issues]


@pytest.mark.parametrize("written, said", [
    ('="W751000017"', 'formule texte de tableur (="…") : lu W751000017'),
    ("'W751000017", "apostrophe de tête (cellule forcée en texte) : lu W751000017"),
    ("RNA : W751000017", "libellé « RNA : » avant le numéro : lu W751000017"),
])
def test_the_registers_rna_cell_is_cleaned_and_said_as_a_grants_lists(written, said):
    assert one_member(written) == ({Literal("W751000017")}, [("rna", said)])
    ex = extract_grants(SourceContext(Path("list.csv"), (
        f"nomAttribuant;nomBeneficiaire;rnaBeneficiaire;montant\nVille;Club;{written};100\n").encode()))
    assert [(i.field, i.message) for i in ex.issues if i.field == "rnaBeneficiaire"] == [("rnaBeneficiaire", said)]


def test_an_invalid_rna_cell_of_the_register_is_worded_as_the_grants_lists():
    assert one_member("W7510") == ({None}, [("rna", "numéro RNA invalide (attendu W et 9 caractères) : ignoré")])


@pytest.mark.parametrize("column", ["SIREN", "N° SIREN", "SIREN du bénéficiaire"])
@pytest.mark.parametrize("written, message, message_en", [
    ("77777777", "SIREN de 8 chiffres (9 attendus, 14 pour un SIRET) : ignoré",
     "SIREN of 8 digits (9 expected, 14 for a SIRET): ignored"),
    ("4290136X7", "SIREN illisible (des caractères autres que des chiffres) : ignoré",
     "unreadable SIREN (characters other than digits): ignored"),
])
def test_a_grants_lists_siren_column_refuses_a_cell_speaking_of_a_siren(column, written, message, message_en):
    ex = extract_grants(SourceContext(Path("list.csv"), (
        f"nomAttribuant;nomBeneficiaire;{column};montant\nVille;Club;{written};100\n").encode()))
    assert [(i.message, i.message_en) for i in ex.issues if i.field == column] == [(message, message_en)]


@pytest.mark.parametrize("written, siren_column, message", [
    ("77777777", False, "SIRET de 8 chiffres (14 attendus, 9 pour un SIREN) : ignoré"),
    ("4290136X7", False, "SIRET illisible (des caractères autres que des chiffres) : ignoré"),
    ("42901366700029", True, "SIRET invalide (clé de contrôle) : ignoré"),  # 14 digits: a SIRET, whatever the column
    ("429013668", False, "SIREN invalide (clé de contrôle) : ignoré"),
])
def test_a_siret_columns_refusals_and_a_siret_of_14_digits_still_speak_of_a_siret(written, siren_column, message):
    assert [fr for fr, _ in read_id_cell(written, siren_column=siren_column)[3]] == [message]
