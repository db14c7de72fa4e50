"""People's names as deliberations write them: with a civility, given names first or family name first, family
names alone in capitals, compound and particle names (DATA-FORMATS.md pitfall 24). What a beneficiary's name carries
that is no part of it (a civility, a bracket after it) is :mod:`graph.ingest.delib_bare_names`'.

>>> parse_person("Mme Ramona GONZALEZ GRAIL")
Person(given='Ramona', family='GONZALEZ GRAIL')
>>> parse_person("Cédric de SAINT JOUAN").label
'Cédric de SAINT JOUAN'
>>> parse_person("Agence Locale de l'Energie - Désignation") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.ingest.french import fold

CIVILITIES = {"m.", "mme", "mmes", "mlle", "mr", "mr.", "mrs", "mrs.", "monsieur", "madame", "mm.", "dr", "dr.", "me",
              "mesdames", "messieurs", "mm", "mme."}
PARTICLES = {"de", "du", "des", "d'", "d’", "le", "la", "van", "von", "di", "da", "del", "della", "dos"}


@dataclass(frozen=True)
class Person:
    """A person as a list names them: given names, family name (particles and compounds kept whole)."""

    given: str
    family: str

    @property
    def label(self) -> str:
        return f"{self.given} {self.family}".strip()  # a list may give the family name only

    @property
    def key(self) -> str:
        return self.label.lower()


#: An elided particle in lower case before a family name's part in capitals: "d'ARRITOLA", "IRIGOYEN-d'ARCANGUES".
_ELIDED_PARTICLE = re.compile(r"(?:^|(?<=-))d['’](?=[A-ZÀ-Ý]{2})")


def _is_upper_word(token: str) -> bool:
    letters = [c for c in _ELIDED_PARTICLE.sub("", token) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def parse_person(text: str) -> Person | None:
    """Read one listed name ("M. Jean-Luc BASSON"), or None when it does not look like a person's name."""
    return _parse_person(text.strip().strip(".;:"))


@lru_cache(maxsize=4096)
def _parse_person(text: str) -> Person | None:
    # Read once per distinct name (a Person is frozen, so it can be shared): each line of a list is read as names
    # to find where the list ends, then its names again, and the same members sit at every session of a council.
    tokens = text.split()
    civility = bool(tokens) and tokens[0].lower() in CIVILITIES
    while tokens and (tokens[0].lower() in CIVILITIES
                      or tokens[0] == "et" and len(tokens) > 1 and tokens[1].lower() in CIVILITIES):
        tokens = tokens[1:]  # "M.", "Mmes", "Mesdames et Messieurs"
    if tokens and _is_upper_word(tokens[0]) and not _is_upper_word(tokens[-1]):
        return _family_first(tokens)
    given: list[str] = []
    while tokens and not _is_upper_word(tokens[0]) and tokens[0].lower() not in PARTICLES:
        given.append(tokens.pop(0))
    family = tokens
    if not family and len(given) >= 2 and re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+", given[-1]):
        family = [given.pop().upper()]  # "Philippe Saurel": the lists' convention writes it "Philippe SAUREL"
    if not given or not family or len(given) > 3 or len(family) > 4:
        return None
    if not all(re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)*", g) for g in given):
        return None
    if civility and _noble_family(family):
        return Person(" ".join(given), " ".join(family))  # "Mme Marie-Pierre de La Tour d'Auvergne-Lasserre"
    if not all(_is_upper_word(f) or f.lower() in PARTICLES for f in family[:-1] + [family[-1].upper()]):
        return None
    if not (_is_upper_word(family[-1]) or len(family) == 1):
        return None
    return Person(" ".join(given), " ".join(family))


_CAPITALISED = re.compile(r"(?:d['’])?[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-(?:d['’])?[A-ZÀ-Ý][a-zà-ÿ'’]+)*")


def _noble_family(family: list[str]) -> bool:
    """A family name in small letters that opens with its particle: "de La Tour d'Auvergne-Lasserre", "du Plessis".
    Read only after a civility: "Commune de Saint-Jean" would else be a person.

    >>> _noble_family(["de", "La", "Tour", "d'Auvergne"]), _noble_family(["Tour"]), _noble_family(["de", "la"])
    (True, False, False)
    """
    return (len(family) >= 2 and family[0].lower() in {"de", "du", "des", "d'", "d’"}
            and all(f.lower() in PARTICLES or _CAPITALISED.fullmatch(f) for f in family)
            and bool(_CAPITALISED.fullmatch(family[-1])))


#: A person named by initials alone, as a list of aids to persons anonymises them: "A. K.", "J.-M. D.", "R. B.".
_INITIALS_ONLY = re.compile(r"(?P<given>[A-ZÀ-Ý]\.(?:-[A-ZÀ-Ý]\.)?(?:\s?[A-ZÀ-Ý]\.(?:-[A-ZÀ-Ý]\.)?)?)\s?"
                            r"(?P<family>[A-ZÀ-Ý]\.(?:-[A-ZÀ-Ý]\.)?)")


def initials_only(text: str) -> Person | None:
    """A person named by the initials of the given and family names alone, after a civility or none (the caller
    knows a civility came before): the initials kept as written, the last one the family name's.

    >>> initials_only("Mme A. K."), initials_only("M. et Mme R. B.").label, initials_only("M. BEZ")
    (Person(given='A.', family='K.'), 'R. B.', None)
    """
    tokens = text.strip(" ;:,").split()
    while tokens and (tokens[0].lower() in CIVILITIES or tokens[0] == "et" and len(tokens) > 1):
        tokens = tokens[1:]
    match = _INITIALS_ONLY.fullmatch(" ".join(tokens))
    return Person(match["given"], match["family"]) if match else None


def _family_first(tokens: list[str]) -> Person | None:
    """A name written family name first, in capitals, then given names ("DUPONT Jean", "LE GALL Anne-Marie")."""
    family: list[str] = []
    while tokens and (_is_upper_word(tokens[0]) or tokens[0].lower() in PARTICLES):
        family.append(tokens.pop(0))
    if not family or not 1 <= len(tokens) <= 3 or len(family) > 4:
        return None
    if not all(re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)*", g) for g in tokens):
        return None
    if _INSTITUTION_WORDS & {g.lower() for g in tokens}:  # "SAINT-ÉTIENNE Métropole" is no person
        return None
    return Person(" ".join(tokens), " ".join(family))


_INSTITUTION_WORDS = {"métropole", "ville", "commune", "département", "région", "conseil", "association",
                      "communauté", "agglomération", "syndicat", "centre", "mairie", "préfecture", "état"}


def surname_only(item: str) -> Person | None:
    """A member listed by the family name alone, as small communes list them ("MM. CHAMBON, FAYARD, Mme COSTE"):
    one to three words in capitals, after a civility or none.

    >>> surname_only("MM. CHAMBON"), surname_only("LE GALL"), surname_only("Jean DUPONT")
    (Person(given='', family='CHAMBON'), Person(given='', family='LE GALL'), None)
    """
    tokens = item.strip(" .;:").split()
    while tokens and tokens[0].lower() in CIVILITIES:
        tokens = tokens[1:]
    if not 1 <= len(tokens) <= 3 or not all(_is_upper_word(t) and re.fullmatch(r"[\w'’-]+", t) for t in tokens):
        return None
    return Person("", " ".join(tokens))


#: One person's civility (not "MM." nor "Mmes", which open a list's part).
_ONE_PERSON = {"m.", "mme", "mme.", "mlle", "mr", "mr.", "monsieur", "madame"}
#: What follows a civility that is an office, not a family name, folded: "M. le Maire", "Mme la Présidente".
_OFFICES = {fold(office) for office in (
    "maire", "président", "présidente", "vice-président", "vice-présidente", "adjoint", "adjointe", "conseiller",
    "conseillère", "préfet", "préfète", "directeur", "directrice", "secrétaire", "rapporteur", "rapporteure",
    "député", "députée", "sénateur", "sénatrice", "doyen", "doyenne")}


def titled_surname(item: str, bare: bool = False) -> Person | None:
    """A member listed by a civility and the family name alone, in small letters after its capital, as a
    métropole's record lists them ("Présents : M. Delorme, Mme Marchand, M. Le Faou, Mme de Lavernée"): one word,
    or particles and up to two words; an office ("M. le Maire") is no name. In a ``bare`` list, that gives family
    names alone after the civilities of several ("MM. Lebreton, Garnier, Mmes Le Bihan, Morvan"), with a plural
    civility or none.

    >>> titled_surname("M. Delorme"), titled_surname("Mme de Lavernée").label, titled_surname("M. Le Faou").label
    (Person(given='', family='Delorme'), 'de Lavernée', 'Le Faou')
    >>> titled_surname("M. le Maire"), titled_surname("Delorme"), titled_surname("M. Jean Delorme")
    (None, None, None)
    >>> titled_surname("MM. Lebreton", bare=True).label, titled_surname("Garnier", bare=True).label
    ('Lebreton', 'Garnier')
    """
    tokens = item.strip(" .;:,").split()
    civilities = CIVILITIES if bare else _ONE_PERSON
    if tokens and tokens[0].lower() in civilities:
        tokens = tokens[1:]
    elif not bare:
        return None
    if not tokens:
        return None
    particles = 0
    while particles < len(tokens) - 1 and tokens[particles].lower() in PARTICLES:
        particles += 1
    names = tokens[particles:]
    if not (len(names) == 1 or particles and len(names) == 2) or any(fold(n) in _OFFICES for n in names):
        return None
    if not all(_TITLED.fullmatch(n) for n in names):
        return None
    return Person("", " ".join(tokens))


#: A family name in small letters after its capital, an elided part of it too: "Delorme", "Dupont-Moretti",
#: "d'Harcourt", "N'Diaye", "O'Brien".
_TITLED_PART = r"(?:d['’])?[A-ZÀ-Ý](?:['’][A-ZÀ-Ý])?[a-zà-ÿ'’]+"
_TITLED = re.compile(_TITLED_PART + r"(?:-" + _TITLED_PART + r")*")


def in_capitals(item: str) -> Person | None:
    """A name in a list written all in capitals, after a civility: the first word is the given name, the others the
    family name ("M. JEAN-MICHEL TOURNADRE"); a particle first ("M. LE GALL") opens a family name alone.

    >>> in_capitals("MME FRANÇOISE CHEVALEYRE"), in_capitals("M. LE GALL"), in_capitals("DÉCIDE")
    (Person(given='Françoise', family='CHEVALEYRE'), Person(given='', family='LE GALL'), None)
    """
    tokens = item.strip(" .;:").split()
    if not tokens or tokens[0].lower() not in CIVILITIES:
        return None
    while tokens and tokens[0].lower() in CIVILITIES:
        tokens = tokens[1:]
    if not 1 <= len(tokens) <= 5 or not all(_is_upper_word(t) and re.fullmatch(r"[\w'’-]+", t) for t in tokens):
        return None
    if len(tokens) == 1 or tokens[0].lower() in PARTICLES:
        return Person("", " ".join(tokens))
    return Person(tokens[0].title(), " ".join(tokens[1:]))
