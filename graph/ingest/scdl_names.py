"""Beneficiaries of a grants list that name no organisation: the placeholders by which lists hide a natural person
("Personne physique", with what producers add to it: "PERSONNE PHYSIQUE (anonymisée)", "Personne physique - RGPD",
"Particulier n°12", "Données personnelles non diffusées"), and natural persons named with a civility ("Mme Sophie
LEROY", "M. MARTIN Pierre"), whose names are personal data (DATA-FORMATS.md pitfall 30) and join nothing.

Both become an actor of their grant alone (:meth:`graph.identity.ActorBook.unnamed`); a person's name is not kept as
its label.
"""

from __future__ import annotations

import re

from graph.identity_names import PLACEHOLDER_NAMES, fold, is_placeholder_name

#: What producers add to a placeholder: a remark in brackets anywhere, or after a dash or a colon at the end.
_REMARK = re.compile(r"\s*[(\[][^)\]]*[)\]]|\s+[-–—:]\s+.*$|\s*[-–—:]\s*$")
#: A number after a folded placeholder: "particulier n 12", "particulier no 12", "particulier 12".
_NUMBERED = re.compile(r"\s+(?:n|no|num|numero)?\s*\d+$")
#: Why a name is withheld, folded: not published, hidden, anonymised, the GDPR.
_WITHHELD = r"(?:non (?:diffuse|publie|communique|divulgue|nomme)e?s?|masquee?s?|occultee?s?|anonymisee?s?|rgpd)"
_ANONYMOUS = re.compile(
    rf"donnees? (?:a caractere )?personnelles?(?: {_WITHHELD})*|(?:nom|identite|beneficiaires?|personnes? physiques?|"
    rf"particuliers?)(?: {_WITHHELD})+|rgpd")
#: A civility before a name: "M.", "Mme", "Mlle", "Monsieur", "Madame", "M. et Mme"…
_CIVILITY = re.compile(
    r"\s*(?P<civility>(?:M\.?|Mr\.?|MM\.?|Mme\.?|Mmes\.?|Mlle\.?|Mlles\.?|Melle\.?|Monsieur|Madame|Mademoiselle|"
    r"Messieurs|Mesdames)(?:\s+(?:et|&)\s+(?:M\.?|Mr\.?|Mme\.?|Mlle\.?|Monsieur|Madame|Mademoiselle))?)\s+[^\W\d_]",
    re.IGNORECASE)
#: The label of an actor that stands for a natural person named with a civility: never their name.
PERSON_LABEL = "Personne physique"


def is_anonymous(name: str) -> bool:
    """Whether ``name`` stands for a person a list does not name: a placeholder (:func:`is_placeholder_name`), also
    with a remark, a dash or a number after it, or words saying the name is withheld.

    >>> [is_anonymous(n) for n in ("PERSONNE PHYSIQUE (anonymisée)", "Personne physique - RGPD", "Particulier n°12",
    ...                            "Données personnelles non diffusées", "Personne physique", "-")]
    [True, True, True, True, True, True]
    >>> [is_anonymous(n) for n in ("Particulier Services", "Club - 2024", "2024 - Fête du club", "AMAP (Lot)")]
    [False, False, False, False]
    """
    if is_placeholder_name(name):
        return True
    core = _NUMBERED.sub("", fold(_REMARK.sub("", name)))
    return core in PLACEHOLDER_NAMES or bool(_ANONYMOUS.fullmatch(fold(name)) or _ANONYMOUS.fullmatch(core))


def civility(name: str) -> str | None:
    """The civility that opens ``name`` ("Mme", "M."), which makes its bearer a natural person; None when none does.

    >>> civility("Mme Sophie LEROY"), civility("M. MARTIN Pierre"), civility("M et Mme Durand")
    ('Mme', 'M.', 'M et Mme')
    >>> civility("DUPONT Jean"), civility("Mmes"), civility("M2 Santé"), civility("Maison de santé")
    (None, None, None, None)
    """
    return m["civility"] if (m := _CIVILITY.match(name)) else None
