"""The members that an item of an attendance list names (:func:`read_member`), and how a list parts its items
(:func:`split_items`, :func:`split_and`): proxies with or without their holder, asides in brackets, names in
capitals, family names alone, initials (:func:`with_initials`).

Apart from :mod:`delib_people` because an item's reading is one task, whatever list it is in; the names themselves
are :mod:`graph.ingest.delib_names`'s.

>>> read_member("M. J.-M. BEZ", False)
Person(given='J.-M.', family='BEZ')
"""

from __future__ import annotations

import re

from graph.ingest.delib_names import Person, in_capitals, parse_person, surname_only, titled_surname
from graph.ingest.french_accents import compile_cue


#: What opens a proxy written with its giver after it: "pouvoir de M. X à Mme Y".
GIVEN_BY = compile_cue(r"^\s*(?:pouvoir|procuration|délégation)\s+(?:de\s+vote\s+)?(?:de|donnée?\s+par)\s+", re.I)
#: What is left of a proxy whose giver the line before named: "pouvoir à Mme Y" after "Mme X a donné".
HOLDER_ON_NEXT_LINE = compile_cue(r"(?:(?:a\s+)?donn[ée]\s+)?(?:pouvoir|procuration|délégation)(?:\s+de\s+vote)?",
                                  re.I)
#: What follows the "a" or "à" of a sentence, not a proxy's holder: a verb or a word in lower case ("Saint-Etienne
#: Métropole a soutenu l'association"); a holder named by an office ("à la Présidente", "au Maire", "à son
#: collègue") is one.
NOT_A_HOLDER = re.compile(r"\s*(?!(?:le|la|les|l['’]|son|sa|ses|leur|(?i:au\s+(?:présidente?|maire)))\b)[a-zà-ÿ]")
PROXY_SPLIT = compile_cue(r"\s+(?:qui\s+)?(?:donne|a\s+donné|a\s+donne|donnant|ayant\s+donné)\s+"
                          r"(?:pouvoir|procuration|délégation)\s+"
                          r"(?:de\s+vote\s+)?à\s+"
                          r"|\s*\(\s*(?:pouvoir|procuration)\s+à\s+|\s+(?:représentée?\s+par|à|par|mandataire)\s+"
                          # "M. Serge X au Président": the holder named by their office
                          r"|\s+(?=au\s+(?:présidente?|maire)\b)"
                           # "M. Didier GRANGE → Mme Karima HADJ": an arrow for the "à"
                          r"|\s*(?:→|⇒|->|=>)\s*",
                          re.I)


#: The words that lead from an absent member to the holder of their proxy, whatever the wording: "pouvoir à",
#: "pouvoir donné à", "procuration donnée à", "a donné procuration à", "ayant donné pouvoir à", "délégation de vote
#: à", "pouvoir remis à", "représentée par".
_TO_HOLDER = (r"(?:(?:(?:qui\s+a\s+|ayant\s+|a\s+)?donn[ée]\s+)?(?:pouvoir|procuration|délégation(?:\s+de\s+vote)?)"
              r"(?:\s+(?:donnée?|remise?|confiée?))?\s+(?:à\s+|(?=au\s+(?:présidente?|maire)\b))"
              r"|représentée?s?\s+par\s+)")
#: A proxy written beside an absent member's name: "M. Luc ROUX (pouvoir à M. Jean DUPONT)", "Élisabeth X
#: (délégation de vote à Jean Y)", "M. Jacques X (pouvoir donné à M. Francis Y)".
HELD_BY = compile_cue(r"\s*\(\s*" + _TO_HOLDER + r"(?P<holder>[^)]*)\)?[\s.]*$", re.I)


#: A proxy written as an item of its own after the absent member's name: "M. Jean BERRY, pouvoir à M. Paul DURAND".
HELD_BY_ITEM = compile_cue(r"\s*" + _TO_HOLDER + r"(?P<holder>[^()]+?)[\s.]*", re.I)


#: What a list says of a member after the name, in brackets: a role ("(Maire)", "(PRÉSIDENT)"), a group ("(élus)"),
#: when they came ("(arrivé au point 4)").
ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
#: An aside that the line's end cut: "Mme Fatou DIALLO (représentante des" / "locataires CLCV), …".
CUT_ASIDE = re.compile(r"\s*\([^()]*$")
#: A member's other family name after their own, by marriage or birth: "Mme Anne MARTIN épouse DURAND", "née X",
#: "veuve X" (the member is "Anne MARTIN").
_MARRIED_NAME = re.compile(r"\s+(?:épouse|ép\.|née|veuve|vve)\s+[A-ZÀ-Ý][\w'’ -]*$")
#: An aside, or an item of its own after the name ("M. Philippe GAUTRON, maire"), that says who chairs.
#: A member's office after the name, an item of its own in a list of the present: "1re adjointe", "2e adjoint",
#: "adjointe aux finances", "conseillère déléguée", "vice-président".
ROLE_ITEM = compile_cue(r"\s*(?:\d{1,2}\s*(?:er|re|ère|e|ème)\s+|premier\s+|première\s+)?(?:maire|adjointe?|"
                        r"vice-présidente?|présidente?|conseill(?:er|ère)(?:\s+municipale?|\s+communautaire)?"
                        r"(?:\s+délégu[ée]e?)?|délégu[ée]e?)"
                        r"(?:\s+(?:à|au|aux|de|du|des|en|chargée?)\b[^,;:\n]{0,60})?\s*", re.I)
CHAIR_ROLE = compile_cue(r"\s*(?:(?:le|la)\s+)?(?:maire|présidente?)(?:\s+de\s+séance)?\s*", re.I)


def strip_asides(item: str) -> str:
    item = _MARRIED_NAME.sub("", CUT_ASIDE.sub("", item))
    while (aside := ASIDE.search(item)) is not None and not HELD_BY.match(item, aside.start()):
        item = item[:aside.start()]
    return item


#: What separates two members of a list: a comma, a semicolon, a spaced dash ("Mmes CAULE – GRANDGIRARD – Mrs
#: PLANTIER", "ROQUERE P. -- CHABBERT R", a long dash after an initial's dot: "SABARTHES G.– PETHERBRIDGE S.") that
#: no proxy follows ("M. X – pouvoir à M. Y" gives the proxy of the member before it), or the bracket that closes
#: what a list says of a member before the next one's name ("Martine X (pouvoir à S. Y) André Z (pouvoir à A W)").
_ITEM_SEPARATOR = re.compile(r"[,;]|(?:[ \t]+(?:[–—]|--?)|(?<=\.)[–—])[ \t]+"
                             r"(?!(?:a\s+)?(?:donn|pouvoir|procuration|représent))"
                             r"|(?<=\))[ \t]+(?=[A-ZÀ-Ý])", re.I)


def split_items(text: str, maxsplit: int = 0) -> list[str]:
    """The items of a list's text, split at each :data:`_ITEM_SEPARATOR` outside brackets: what a list says of a
    member may hold a comma ("Mme Agnès CROS (suppléante de M. Yves BALAY, La Grand-Croix), M. Hervé DUMAS" is two
    items). Where the brackets do not pair up (an aside that a line's end cut), every separator splits.

    >>> split_items("Mme A CROS (suppléante de M. Y BALAY, Lorette), M. H DUMAS")
    ['Mme A CROS (suppléante de M. Y BALAY, Lorette)', ' M. H DUMAS']
    """
    if "(" not in text or text.count("(") != text.count(")"):
        return _ITEM_SEPARATOR.split(text, maxsplit=maxsplit)
    items, start = [], 0
    for separator in _ITEM_SEPARATOR.finditer(text):
        if text.count("(", 0, separator.start()) != text.count(")", 0, separator.start()):
            continue  # within brackets
        items.append(text[start:separator.start()])
        start = separator.end()
        if len(items) == maxsplit:
            break
    return [*items, text[start:]]


def _first_item(text: str, kind: str) -> str:
    """The first name of a list: a proxy's giver is its first name ("M. ODIN à M. CHAMBON", "M. ODIN (pouvoir à
    M. CHAMBON)")."""
    first = HELD_BY.sub("", split_items(unbullet(text), maxsplit=1)[0]).strip()
    if kind == "proxies":
        first = PROXY_SPLIT.split(first, maxsplit=1)[0].strip()
    return strip_asides(first)


def is_capitals(text: str, kind: str) -> bool:
    """Whether a list is written all in capitals (its first item opening with a civility): its names are then read
    by :func:`in_capitals`."""
    return not re.search(r"[a-zà-ÿ]", text) and in_capitals(_first_item(text, kind)) is not None


#: A member named by their office, not their name ("Excusés : M. le Maire, Mme Louisa HADDAD"): no person to list, but
#: no sign that the list has ended either.
#: A proxy's holder named by their office, not their name: "M. le Président", "Mme la Maire", "au Président", "la
#: Présidente du Conseil départemental"; the office is the title's.
HELD_BY_OFFICE = re.compile(r"(?:(?:M\.|Mme|Monsieur|Madame)\s+)?(?:le|la|au)\s+(?P<title>présidente?|maire)"
                            r"(?:\s+(?:du|de\s+la|de\s+l['’])\s*[^,;()]+)?", re.I)
BY_TITLE = re.compile(r"(?:M\.|Mme|Monsieur|Madame)\s+(?:le|la)\s+[\w-]+", re.I)
STARTS_WITH_CIVILITY = re.compile(r"(?:M\.|Mme|MM\.?|Mmes|Mlle|Mrs?\.?|Monsieur|Madame)\s", re.I)


def is_holder_item(item: str, bare: bool, capitals: bool) -> bool:
    """Whether ``item`` gives the proxy of the member named before it: "pouvoir à M. Paul DURAND"."""
    held = HELD_BY_ITEM.fullmatch(item)
    return held is not None and read_member(held.group("holder"), bare, capitals) is not None


def unbullet(line: str) -> str:
    """A line of a list without its bullet ("- M. Luc ROUX a donné procuration à …")."""
    return re.sub(r"^\s*[-–•*]\s+", "", line)


def read_member(item: str, bare: bool, capitals: bool = False) -> Person | None:
    """The person an item of a list names; a family name alone counts in a ``bare`` list, and after a civility in
    any ("M. BAQUÉ" among "P. BANIEL, O. BELLEC"); a name in capitals in a list in ``capitals``; a name with its
    initials (:func:`with_initials`) in any list."""
    item = _MEMBERS_PLURAL.sub("MM. ", item)
    return (parse_person(item) or (in_capitals(item) if capitals else None)
            or (surname_only(item) if bare or _ONE_CIVILITY.match(item) else None) or with_initials(item)
            or titled_surname(item, bare))


#: One person's civility before a name: "M. BAQUÉ", "Mme COSTE" (not "MM." nor "Mmes", which open a list's part).
_ONE_CIVILITY = re.compile(r"\s*(?:M\.|Mme|Mlle|Mr\.?|Monsieur|Madame)\s+(?=[A-ZÀ-Ý])")


#: The civilities that open a list of members of both sexes: "MM. et Mmes R. PERRAD-GIROD, C. VUILLERMOZ, …".
_MEMBERS_PLURAL = re.compile(r"^\s*(?:(?:MM\.|Messieurs)\s+et\s+(?:Mmes|Mesdames)"
                             r"|(?:Mmes|Mesdames)\s+et\s+(?:MM\.|Messieurs))\s+")
#: A member named by the initials of the given names and the family name in capitals, after a civility or none:
#: "M. D. LAMY-CHAPPUIS", "M. J.-M. BEZ", "J-M. LEBRET", "É. PIARD-VUILLET"; or the family name first, as a
#: council of communities lists its delegates: "CAUQUIL R.", "BARTHES J.P.", "CHABBERT R".
#: Two initials without their dots ("MC MOUTTE" for Marie-Claude MOUTTE), not a family name's particle ("LE GALL").
TWO_INITIALS = r"(?!(?:LE|LA|DE|DU|DA|DI|DO|EL|AL)\s)[A-ZÀ-Ý]{2}(?=\s)"
_FAMILY_IN_CAPITALS = r"(?P<family{n}>(?:[A-ZÀ-Ý][A-ZÀ-Ý'’-]+\s+)?[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý])"
_WITH_INITIALS = re.compile(r"(?P<civility>(?:M\.|Mme|Mlle|MM\.|Mmes|Monsieur|Madame)\s+)?"
                            r"(?:(?P<given>[A-ZÀ-Ý](?:\.|(?=-[A-ZÀ-Ý]\.))(?:[ -]?[A-ZÀ-Ý]\.)*|[A-ZÀ-Ý](?=\s)"
                            r"|" + TWO_INITIALS + r")\s*"
                            + _FAMILY_IN_CAPITALS.format(n="") + "|" + _FAMILY_IN_CAPITALS.format(n="2")
                            + r"\s+(?P<given2>[A-ZÀ-Ý]\.(?:[ -]?[A-ZÀ-Ý]\.?)*|[A-ZÀ-Ý]))")


def with_initials(item: str) -> Person | None:
    """A member named by initials and a family name in capitals (:data:`_WITH_INITIALS`), the initials kept as the
    given name: the list gives no more. "M." alone before the name is its civility, not an initial.

    >>> with_initials("M. J.-M. BEZ"), with_initials("Mme N. MOREL-JEAN"), with_initials("M. Jean BEZ")
    (Person(given='J.-M.', family='BEZ'), Person(given='N.', family='MOREL-JEAN'), None)
    >>> with_initials("M. GIRAUD") is None, with_initials("A FERRARO"), with_initials("M FERRARO") is None
    (True, Person(given='A', family='FERRARO'), True)
    >>> with_initials("J-M. LEBRET"), with_initials("BARTHES J.P."), with_initials("LANET M.")
    (Person(given='J-M.', family='LEBRET'), Person(given='J.P.', family='BARTHES'), Person(given='M.', family='LANET'))
    >>> with_initials("MC MOUTTE"), with_initials("LE GALL")
    (Person(given='MC', family='MOUTTE'), None)
    """
    match = _WITH_INITIALS.fullmatch(item.strip(" ;:,").removesuffix("."))
    if match is None or not match["civility"] and match["given"] in ("M.", "M"):
        return None
    if match["given"]:
        return Person(match["given"], match["family"])
    # the list's full stop after the last one, or its separator, took the initial's dot: "CHABBERT R", "PUECH J.F"
    return Person(match["given2"].rstrip(".") + ".", match["family2"])


def is_bare_list(first_line: str, kind: str) -> bool:
    """Whether a list gives family names alone: its first item is a civility and a name in capitals ("MM. CHAMBON",
    "MM. et Mmes LAHITÈTE, BARRÈRE") — a word in capitals alone ("DÉCIDE") opens no list —, or the civility of
    several and a name in small letters after its capital ("MM. Lebreton, Garnier, Mmes Le Bihan, Morvan")."""
    first = _MEMBERS_PLURAL.sub("MM. ", _first_item(first_line, kind))
    plural = _PLURAL_CIVILITY.match(first) is not None
    return bool(STARTS_WITH_CIVILITY.match(first + " ") or plural) and (
        surname_only(first) is not None or plural and titled_surname(first, True) is not None)


#: The civility of several members, that opens a list of their family names: "MM. Lebreton, Garnier, …".
_PLURAL_CIVILITY = re.compile(r"(?:MM\.?|Mmes|Messieurs|Mesdames)\s")


def split_and(item: str, kind: str, bare: bool, capitals: bool) -> list[str]:
    """``item`` split at each "et" that joins two members ("Mme Nadia X et M. Thierry Y", "Nadia X et Thierry Y"),
    or two proxies each with its holder ("M. A à Mme B et M. C à M. D"); kept whole when a part names no member."""
    parts = re.split(r"\s+et\s+", item.strip(" ."))
    if len(parts) < 2:
        return [item]
    for part in parts:
        if kind == "proxies":
            split = PROXY_SPLIT.split(GIVEN_BY.sub("", part), maxsplit=1)
            if len(split) < 2 or read_member(split[0].strip(" .)"), bare, capitals) is None:
                return [item]
        elif (held := HELD_BY.search(part)) is not None:
            if read_member(part[:held.start()], bare, capitals) is None:
                return [item]
        elif read_member(strip_asides(part), bare, capitals) is None:
            return [item]
    return parts


def read_proxy_item(item: str, bare: bool, capitals: bool) -> tuple[Person, Person] | None:
    """The member an item of a list of the absent names and the member who holds their proxy, both named: "M. Luc X
    par M. Paul Y", "M. Luc X qui a donné pouvoir à M. Paul Y"."""
    parts = PROXY_SPLIT.split(GIVEN_BY.sub("", item.strip(" .")), maxsplit=1)
    if len(parts) < 2 or NOT_A_HOLDER.match(parts[1]):
        return None
    giver = read_member(parts[0].strip(" .)"), bare, capitals)
    holder = read_member(parts[1].strip(" .)"), bare, capitals)
    return (giver, holder) if giver is not None and holder is not None else None
