"""What a grant table's cells say of a beneficiary besides its name: the dossier code before it, the SIRET, SIREN
or RNA number, the address or the gloss after it (:func:`name_cell`), and the identifiers of an identifier cell
(:func:`cell_identifiers`). The rows are read by :func:`graph.ingest.delib_tables.rows_grants`.
"""

from __future__ import annotations

import re

from graph.identifiers import clean_identifier, normalise_rna, rna_ok, siren_ok, siret_ok
from graph.ingest.delib_names import parse_person
from graph.ingest.delib_profile import Profile, note_invalid


def cell_identifiers(profile: Profile, cell: str, span: tuple[int, int]) -> None:
    """Complete ``profile`` with the valid SIRET, SIREN or RNA number of a table's identifier cell ("SIRET 928 720 317
    00017", "RNA W932011556", "265527374 00028"), where the text gave none after the name; ``span``: the row.

    >>> profile = Profile("CIAS")
    >>> cell_identifiers(profile, "265527374 00028", (0, 9))
    >>> profile.siret, profile.siren, profile.rna
    ('26552737400028', '265527374', None)
    """
    for value in re.findall(r"\bW[\dA-Z]{9}\b|\d[\d \u00a0\u202f.]{7,22}\d", cell):
        digits = clean_identifier(value)
        if siret_ok(digits) and profile.siret is None:
            profile.siret, profile.siren = digits, profile.siren or digits[:9]
        elif siren_ok(digits) and profile.siren is None:
            profile.siren = digits
        elif rna_ok(value) and profile.rna is None:
            profile.rna = normalise_rna(value)
        else:
            kind = {14: "SIRET", 9: "SIREN"}.get(len(digits)) if digits.isdigit() else None
            if kind and not (siret_ok if kind == "SIRET" else siren_ok)(digits):
                note_invalid(profile, kind, value)  # "SIRET 812 345 678 00019": a check digit wrong
            continue
        profile.identifiers_span = profile.identifiers_span or span


#: An identifier that a name cell writes after the name: "(SIRET 441 203 578 00026)", ", RNA W751234567".
_ID_IN_NAME = re.compile(r"\s*(?:\(\s*(?P<within>(?:n°\s*)?(?:SIRET|SIREN|RNA)\b[^()]*?)\s*\)"
                         r"|(?:[,–-]\s*|(?<=\s))(?P<after>"
                         r"(?:SIRET|SIREN|RNA)\b\s*(?:n°\s*)?:?\s*(?:W[\dA-Z]{9}|\d[\d \u00a0\u202f.]{7,22}\d)))\s*$", re.I)
#: A postal address after the name in its cell: "Association Le Relais 12 rue des Tanneurs 18100 VIERZON".
_ADDRESS_IN_NAME = re.compile(r"[ \t,–-]+\d{1,4}(?:[ \t]*(?:bis|ter))?,?[ \t]+(?:rue|avenue|av\.|boulevard|bd|place|"
                              r"chemin|route|allée|impasse|quai|cours|square|rond-point)\b.*$", re.I)
#: A dossier's code before the name, in a column whose head names both ("N° dossier Bénéficiaire", one space apart):
#: letters in capitals and figures, a figure at least, and a hyphen, a slash or a letter ("24R-0101", "SUB/2024/07").
_DOSSIER_HEAD = re.compile(r"\b(?:n°|no|numero|dossier|ref|reference|code)\b")
_DOSSIER_CODE = re.compile(r"(?=[^\s]*\d)(?=[^\s]*[A-Z/_.-])[A-Z0-9][A-Z0-9/_.-]{2,}\s+(?=\S)")
#: The head of a column of persons' names: "Nom – Prénom", "Nom et prénom", "Prénom Nom", "Bénéficiaire (nom, prénom)".
_PERSON_HEAD = re.compile(r"\bnoms?\b\W{0,5}(?:et\s+|,\s*)?\bprenoms?\b|\bprenoms?\b\W{0,5}(?:et\s+|,\s*)?\bnoms?\b")


#: The dot leaders that run from a name to its amount ("Club des aînés ........ 850 €"), or "…" typed for them.
_DOT_LEADER = re.compile(r"[ \t]*(?:\.[ \t]*){3,}$|[ \t]*…[…. \t]*$")


def name_cell(cell: str, head: str) -> tuple[str, str | None]:
    """The beneficiary's name in a table's name cell, without the dossier code before it or the SIRET, SIREN or RNA
    number after it; and that number as written, or None. ``head``: the column's head, folded. In a column of
    persons' names ("Nom – Prénom"), the name is a person's, written given name first as the reader writes persons.

    >>> name_cell("Réseau Ville-Hôpital Poitou (SIRET 441 203 578 00026)", "association (siret)")
    ('Réseau Ville-Hôpital Poitou', 'SIRET 441 203 578 00026')
    >>> name_cell("24R-0101 Association Jeunes Santé Amiénoise-Fictive", "n° dossier beneficiaire")
    ('Association Jeunes Santé Amiénoise-Fictive', None)
    >>> name_cell("FAURE-VIGNAL Clémence", "nom – prenom")
    ('Clémence FAURE-VIGNAL', None)
    >>> name_cell("Mme Inès X, interne à la faculté d'Angers", "beneficiaire")
    ('Mme Inès X', None)
    >>> name_cell("Foyer rural d'Astarac ..........", "beneficiaire")
    ("Foyer rural d'Astarac", None)
    >>> name_cell("Association Le Relais 12 rue des Tanneurs 18100 VIERZON SIRET : 419 876 543 00027", "beneficiaire")
    ('Association Le Relais', 'SIRET : 419 876 543 00027')
    """
    identifier = None
    cell = _DOT_LEADER.sub("", cell)
    if (match := _ID_IN_NAME.search(cell)) and match.start() > 0:
        cell, identifier = cell[:match.start()], match.group("within") or match.group("after")
    if (address := _ADDRESS_IN_NAME.search(cell)) and address.start() > 0:
        cell = cell[:address.start()]  # the cell's next lines, the beneficiary's address, set on one by a PDF's text
    if _DOSSIER_HEAD.search(head) and (match := _DOSSIER_CODE.match(cell)):
        cell = cell[match.end():]
    if _PERSON_HEAD.search(head) and (person := parse_person(cell)) is not None:
        cell = person.label
    return _GLOSS.split(cell, maxsplit=1)[0], identifier


#: What a name cell says of its beneficiary after its name, a comma and words in small letters: "Mme Camille X,
#: interne à la faculté de Poitiers", "Association Y, café des aidants de Niort".
#: (A comma inside a bracket is the bracket's: "Association X (espace de rencontre, médiation familiale)".)
_GLOSS = re.compile(r",\s+(?=[a-zà-ÿ])(?![^()]*\))")
