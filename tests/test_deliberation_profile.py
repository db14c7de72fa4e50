"""What a deliberation says of a beneficiary: themes (labels without accents or case, acronyms as written), its
kind and the sentence that describes it."""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef

from graph.ingest import delib_profile, delib_ptce, delib_themes
from graph.ingest.delib_themes import match_concepts

THEME = "https://w3id.org/maillage/ontology/theme/"


def test_themes_come_in_their_order_in_the_text_whatever_the_accents_and_case():
    assert match_concepts("Soutien aux AIDANTS et à la sante mentale, en EHPAD", "themes") == [
        URIRef(THEME + name) for name in ("aidants", "sante-mentale", "perte-d-autonomie")]


def test_an_acronym_is_matched_as_written_only():
    assert match_concepts("les ehpad du secteur", "themes") == []


# --- a beneficiary's kind and description, read around its name -------------------------------------------------

def _written_with_the_name(body: str, name: str) -> tuple[bool, bool, bool]:
    """What the patterns with the name inside found (compiled for each name, as before): association, enterprise,
    a describing sentence."""
    esc = re.escape(name)
    association = re.search(rf"l['’]association\s+{esc}|{esc}\s*,?\s+(?:est|était)\s+une\s+association|"
                            rf"^Association\s+{esc}|{esc}\s*\(association", body, re.I | re.M)
    enterprise = re.search(rf"(?:société|entreprise|SCOP|SCIC|SAS|SARL)\s+{esc}|{esc}\s*\((?:SCOP|SCIC|SAS|SARL)",
                           body, re.I)
    describes = re.search(rf"{esc}\s*,?\s+(?:est|était)\s+(?:une?|la|le)\s", body, re.I)
    return bool(association), bool(enterprise), bool(describes)


def _read_around_the_name(body: str, name: str) -> tuple[bool, bool, bool]:
    occurrences = delib_profile._Name(name)
    return (occurrences.preceded_by(body, delib_profile._ASSOCIATION_BEFORE)
            or occurrences.followed_by(body, delib_profile._SAYS_ASSOCIATION_AFTER),
            occurrences.preceded_by(body, delib_profile._ENTERPRISE_BEFORE)
            or occurrences.followed_by(body, delib_profile._SAYS_ENTERPRISE_AFTER),
            occurrences.followed_by(body, delib_profile._DESCRIBES_AFTER))


CONTEXTS = [
    "Vu la demande de l'association {n} du 3 mars.", "Vu la demande de L’ASSOCIATION\n  {n}.",
    "l'association, {n}", "{n}, est une association loi 1901.", "{n} était une association", "{n} est la structure",
    "{n}est une association", "Association {n}", "La fédération\nAssociation\t{n}", "xAssociation {n}",
    "{n} (association)", "{n}(Association loi 1901)", "la société {n}", "l'entreprise  {n}", "la SCIC\n{n}",
    "{n} (SCOP)", "{n}(sarl)", "une SAS{n}", "rien de tel pour {n} ici", "{n}{n} est une association",
    "Les {n}s sont une association", "la Société d'études {n} est une société",
]
NAMES = ["DanaeCare", "danaecare", "Les Amis du Soin", "Soin (Ondaine)", "aa", "Étoile-Santé", "A.D.M.R."]


@pytest.mark.parametrize("name", NAMES)
def test_reading_around_the_name_finds_what_patterns_with_the_name_inside_found(name):
    for context in CONTEXTS:
        for written in (name, name.upper(), name.lower()):
            body = "Préambule.\n" + context.format(n=written) + "\nFin."
            assert _read_around_the_name(body, name) == _written_with_the_name(body, name), body


# --- a label is looked for as a plain string before its pattern is tried --------------------------------------------

def _every_pattern_searched(text: str, scheme_name: str) -> list[URIRef]:
    """match_concepts without its look for the label first: every label's pattern searched."""
    folded = delib_themes._folded(text)
    found: dict[URIRef, int] = {}
    for _, pattern, on_folded, generic, concept in delib_themes._label_patterns(scheme_name):
        match = delib_themes._first_evidence(pattern, folded if on_folded else text, generic)
        if match and (concept not in found or match.start() < found[concept]):
            found[concept] = match.start()
    return sorted(found, key=found.get)


@pytest.mark.parametrize("scheme_name", ["themes", "actorKinds"])
def test_looking_for_a_label_first_finds_what_every_pattern_found(scheme_name):
    labels = [label for label, _ in delib_themes.scheme_labels(scheme_name)]
    texts = [f"{before}{label}{after}" for label in labels[::3]
             for before, after in (("", ""), ("Les ", "s du secteur."), ("pré-", "-x"), ("x", " y"))]
    texts += [text.upper() for text in texts[::5]] + [text.lower() for text in texts[1::5]]
    texts.append(", ".join(labels))
    for text in texts:
        assert match_concepts(text, scheme_name) == _every_pattern_searched(text, scheme_name), text


# --- a beneficiary's whole-word occurrences, found without a pattern of their own --------------------------------

def _named(name: str) -> re.Pattern:
    """The pattern that profile_of compiled for each name."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)


@pytest.mark.parametrize("name", NAMES + ["a a", "Soin-Soin", "é"])
def test_whole_word_occurrences_are_those_of_the_pattern_with_the_name_inside(name):
    paragraphs = [context.format(n=written) for context in CONTEXTS for written in (name, name.upper(), name.lower())]
    paragraphs += [f"{name} {name} {name}", f"{name}-{name}", f"{name}_x", f"x{name}", name,
                   f"{name.upper()}, {name.lower()} et {name}"]
    for paragraph in paragraphs:
        # The paragraph read for themes is the one that names the beneficiary as a whole word.
        body = f"Préambule.\n\n{paragraph} Soutien aux aidants.\n\nFin, {name}x en EHPAD."
        pattern = _named(name)
        overlapping = [m.start() for m in re.finditer(f"(?={pattern.pattern})", body, re.I)]
        assert delib_profile._Name(name).whole_words(body) == overlapping, body
        profile = delib_profile.profile_of(body, name, alone=False)
        spellings = [m.group(0) for m in pattern.finditer(body)] or [name]
        assert profile.label in spellings and profile.variants == sorted(set(spellings) - {profile.label})
        expected = [URIRef(THEME + "aidants")] if pattern.search(paragraph + " Soutien aux aidants.") else []
        assert profile.themes == expected, body


@pytest.mark.parametrize("body, expected", [
    ("L'association Les Petits Pas (SIRET 123 456 782 00010) anime un lieu d'accueil.",
     ("123456782", "12345678200010", None)),
    ("L'association Les Petits Pas, SIREN : 412 345 670, anime un lieu d'accueil.", ("412345670", None, None)),
    ("L'association Les Petits Pas (n° RNA W423001234) anime un lieu d'accueil.", (None, None, "W423001234")),
    ("| Les Petits Pas | 123 456 782 00010 | Accueil parents-enfants | 1 500 € |",
     ("123456782", "12345678200010", None)),
    # an identifier that the line's end cuts after its label or among its digits
    ("L'association Les Petits Pas (SIRET\n123 456 782 00010) anime un lieu d'accueil.",
     ("123456782", "12345678200010", None)),
    ("L'association Les Petits Pas (SIRET 123 456\n782 00010) anime un lieu d'accueil.",
     ("123456782", "12345678200010", None)),
    ("L'association Les Petits Pas, n° RNA :\nW423001234, anime un lieu d'accueil.", (None, None, "W423001234")),
    # the line below a name whose line ends without a label is not read for its identifier
    ("L'association Les Petits Pas anime un lieu\nSIRET 123 456 782 00010 de la commune.", (None, None, None)),
    # A number that fails its check, one beyond the name's sentence, one before the name: none is the name's.
    ("L'association Les Petits Pas (SIRET 123 456 782 00013) anime un lieu d'accueil.", (None, None, None)),
    ("Les Petits Pas anime un lieu d'accueil. Le Relais (SIRET 123 456 782 00010) aussi.", (None, None, None)),
    ("SIRET 123 456 782 00010 : Les Petits Pas anime un lieu d'accueil.", (None, None, None)),
])
def test_the_identifier_written_just_after_a_beneficiarys_name_is_its_own_when_valid(body, expected):
    profile = delib_profile.profile_of(body, "Les Petits Pas", alone=True)
    assert (profile.siren, profile.siret, profile.rna) == expected


@pytest.mark.parametrize("body, name", [
    ("ATTRIBUE au comité des fêtes de Lussac une subvention de 500 €.", "Comité des fêtes de Lussac"),
    ("ATTRIBUE à l'association des parents d'élèves une subvention de 300 €.", "Association des parents d'élèves"),
    ("ATTRIBUE à la commune de Lavaur un fonds de concours de 9 000 €.", "Commune de Lavaur"),
])
def test_a_beneficiary_the_text_names_only_in_small_letters_is_labelled_with_a_capital(body, name):
    assert delib_profile.profile_of(body, name, alone=True).label == name



def test_in_a_pdfs_run_on_text_a_beneficiary_does_not_take_the_themes_of_another():
    filler = "Le Conseil départemental rappelle les orientations de sa politique de solidarité. " * 4
    body = (filler + "L'association Addictions Écoute accompagne les personnes souffrant de conduites addictives. "
            "Elle anime des groupes de parole. " + filler
            + "L'association Halte Santé tient une permanence d'accès aux droits. Elle reçoit sans rendez-vous. ")
    assert "\n\n" not in body and len(body) > 600
    addictions = URIRef(THEME + "addictions")
    assert addictions in delib_profile.profile_of(body, "Addictions Écoute", alone=False).themes
    assert addictions not in delib_profile.profile_of(body, "Halte Santé", alone=False).themes


# --- the PTCE whose creation a deliberation supports --------------------------------------------------------------

@pytest.mark.parametrize("body, created", [
    ("L'association Alpha Santé est soutenue dans le cadre de la création d'un pôle territorial de coopération "
     "économique (PTCE) en santé.", True),
    # a later act that recalls the earlier one's support, by its number or date, or in the pluperfect
    ("Par délibération n°2024.00240 du 16 mai 2024, la Métropole a soutenu l'association Alpha Santé pour\nla "
     "création d'un pôle territorial de coopération économique (PTCE) en santé. Le PTCE réunit aujourd'hui des "
     "associations.", False),
    ("Vu la délibération du 16 mai 2024 relative à la création d'un PTCE en santé ;", False),
    ("En 2024, la Métropole avait déjà soutenu la création d'un PTCE en santé porté par Alpha Santé.", False),
    # the recall, then this act's own support in another sentence
    ("Par délibération du 16 mai 2024, la Métropole a soutenu Alpha Santé. Elle accompagne aujourd'hui la création "
     "d'un PTCE en santé.", True),
])
def test_a_ptce_whose_creation_an_earlier_act_supported_is_not_created_by_the_deliberation_that_recalls_it(body,
                                                                                                         created):
    assert (delib_ptce.find_ptce(body, "Alpha Santé") is not None) is created
