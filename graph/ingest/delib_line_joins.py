"""What a line break cut in a deliberation's text, joined again: a word cut with a hyphen (:func:`join_cut_words`),
a civility parted from its name and a page's number between two lines (:func:`join_cut_lines`), an amount cut at
a space (:func:`join_split_amounts`); and the amounts written as the reader looks for them: their currency after
them (:func:`currency_after`), a dotted leader apart from their figures (:func:`set_leaders_apart`).
"""

from __future__ import annotations

import re


#: A dotted leader that runs into the amount it leads to: "Club des Aînés..........800 €".
_LEADER_INTO_FIGURES = re.compile(r"(\.{3,}|…+)(?=\d)")


def set_leaders_apart(body: str) -> str:
    """``body`` with a space between a dotted leader and the figures it runs into, so that the amount is read whole
    (its first figure is no decimal after a dot).

    >>> set_leaders_apart("Club des Aînés..........800 €")
    'Club des Aînés.......... 800 €'
    """
    return _LEADER_INTO_FIGURES.sub(r"\1 ", body)


#: A page's number on a line of its own ("Page 2/3", "2 / 3", "- 2 -"), which a PDF's text sets mid-sentence.
_PAGE_LINE = re.compile(r"^[ \t]*(?:(?:page|p\.)[ \t]*\d{1,3}(?:[ \t]*(?:/|sur)[ \t]*\d{1,3})?|\d{1,3}[ \t]*(?:/|sur)"
                        r"[ \t]*\d{1,3}|[-–][ \t]*\d{1,3}[ \t]*[-–])[ \t]*\n", re.I | re.M)


#: A word that a line break cut with a hyphen: two letters at least before it (not a whole word in capitals), the
#: next line opening in lower case with the word's end and what sticks to it ("associa-" / "tion Dracénie").
_CUT_WORD = re.compile(r"(?<![\w-])(?:(?=[^\W\d_]{2})|(?<=\b[ldLD]['’]))(?P<head>[^\W\d_]*[a-zà-ÿœæ][^\W\d_]*)-[ \t]*\n"
                       r"(?P<indent>[ \t]*)(?P<tail>[a-zà-ÿœæ]+)(?P<stuck>[^\s-]*)(?P<after>-?)(?P<gap>[ \t]*)")
#: The first words of the compounds whose hyphen a line end may fall on ("ci-" / "dessous", "sous-" / "préfecture",
#: "vice-" / "président", "sapeurs-" / "pompiers"), and the second words that stand alone after one ("-dessus",
#: "-être", "-là", a particle): the hyphen is the compound's, the word is not cut.
_COMPOUND_HEADS = frozenset(
    "ci sous vice porte après avant arrière bien mal mi demi semi non auto garde grand grande grands grandes petit "
    "petite petits petites haut haute hauts hautes bas basse nord sud est ouest ex quasi sans sapeur sapeurs peut "
    "rond chef chefs extra court moyen plus moins entre contre co pré post anti pro néo bio éco multi pluri inter "
    "intra ultra super hyper tout toute tous toutes lieu lieux belle beau beaux nouveau nouvelle premier première "
    "saint sainte chef-lieu état états franco vis".split())
_COMPOUND_TAILS = frozenset(
    "dessus dessous après avant contre joint jointe joints jointes annexé annexée annexés annexées inclus incluse "
    "là être même mêmes t il elle on ils elles nous vous je de du des la le les en et sur sous lès lez à aux "
    "présent présente présents présentes".split())


def is_cut_word(head: str, tail: str) -> bool:
    """Whether a hyphen that a line's end falls on, between ``head`` (the line's last word) and ``tail`` (the next
    line's first), cuts one word: the tail in small letters, and neither word one that opens or closes compounds
    (:data:`_COMPOUND_HEADS`, :data:`_COMPOUND_TAILS`, "médico-" / "social").

    >>> is_cut_word("Fonction", "nement"), is_cut_word("Saint", "Étienne"), is_cut_word("ci", "dessous")
    (True, False, False)
    """
    head = head.lower()
    return bool(re.fullmatch(r"[a-zà-ÿœæ]+", tail)) and head not in _COMPOUND_HEADS and tail not in _COMPOUND_TAILS \
        and not (len(head) > 2 and head.endswith("o"))


def join_cell_words(text: str, more: str) -> str:
    """A cell's words and the next line's: a hyphen at the end of a line joins them ("Coëvrons-" "Fictifs"), and goes
    when it cut a word ("Fonction-" "nement" is "Fonctionnement", :func:`is_cut_word`); a dash that stands apart
    between two words ("Secours Populaire Français -" "Fédération de l'Indre") keeps its space after it.

    >>> join_cell_words("Fonction-", "nement"), join_cell_words("Coëvrons-", "Fictifs"), join_cell_words("X -", "Y")
    ('Fonctionnement', 'Coëvrons-Fictifs', 'X - Y')
    """
    if not text:
        return more
    if not text.endswith("-") or text.endswith(" -"):
        return text + " " + more
    head, tail = re.search(r"[^\W\d_]*-$", text).group(0)[:-1], re.match(r"[^\W\d_]*", more).group(0)
    return text[:-1] + more if head and is_cut_word(head, tail) else text + more


def join_cut_words(body: str) -> str:
    r"""Make whole again a word that a line break cut with a hyphen ("l'associa-" / "tion Dracénie" is
    "l'association" / "Dracénie"): the word's end goes up to the line above, the next line keeps the rest (or the
    room it took, when that line's words stand in columns). A hyphen stays a compound's when the next line opens in
    capitals ("Saint-" / "Étienne", "Jean-" / "Pierre"), with a particle that a hyphen follows ("Boulogne-" /
    "sur-Mer"), or when the text writes the compound whole elsewhere, or its first or second word is one that opens
    or closes compounds (:data:`_COMPOUND_HEADS`, :data:`_COMPOUND_TAILS`; "médico-" / "social" too); the word whole
    written elsewhere in the text joins it all the same.

    >>> join_cut_words("à l'associa-\ntion Dracénie ;\nde Préven-\ntion.\nSaint-\nÉtienne, ci-\ndessous")
    "à l'association\nDracénie ;\nde Prévention.\nSaint-\nÉtienne, ci-\ndessous"
    """
    folded = body.lower()

    def join(match: re.Match) -> str:
        head, tail = match["head"].lower(), match["tail"]
        if match["after"] or re.search(rf"(?<![\w-]){re.escape(head)}-{tail}(?![\w-])", folded):
            return match.group(0)
        if not re.search(rf"(?<![\w-]){re.escape(head + tail)}(?![\w-])", folded) and not is_cut_word(head, tail):
            return match.group(0)
        moved = match["tail"] + match["stuck"]
        line_end = body.find("\n", match.end())
        rest = body[match.end():line_end if line_end >= 0 else len(body)]
        line = body[body.rfind("\n", 0, match.start()) + 1:match.start()]
        columns = re.compile(r"\S[ \t]{3,}\S")
        shift = abs(len(match["indent"]) - (len(line) - len(line.lstrip())))
        if columns.search(line) or columns.search(rest) and shift > 4:
            return match.group(0)  # a table's cell: the next line's first words may be another column's
        if not rest:
            return match["head"] + moved  # the next line held nothing else: it goes
        room = " " * (len(moved) + len(match["gap"])) if re.search(r"\S[ \t]{2,}\S", rest) else ""
        return match["head"] + moved + "\n" + match["indent"] + room  # a line in columns keeps its columns

    return _CUT_WORD.sub(join, body)


#: A line cut after a civility or "pouvoir à", which belong with the name on the next line.
_CUT_BEFORE_NAME = re.compile(r"\b(M\.|MM\.|Mme|Mmes|Mlle|Monsieur|Madame|(?:pouvoir|procuration) à)[ \t]*\n[ \t]*"
                              r"(?=[A-ZÉÈ])")


#: An amount written after its currency ("€ 1 200", "EUR 1 200,00"), as some tables and lists put it.
_CURRENCY_FIRST = re.compile(r"(?<![\w€])(€|EUR)([ \u00a0\u202f]?)(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|"
                             r"\d+(?:,\d{1,2})?)(?![\d,.]*[ \u00a0\u202f]?(?:€|EUR|euros?)\b)")


#: An amount written the Swiss way beside its currency: thousands parted by an apostrophe ("2'500"), or ".-" for
#: no cents ("2'500.-", "800.-"), as texts written near the border put them: "EUR 2'500.-", "1'250 €".
_SWISS_AMOUNT = re.compile(r"(?P<before>(?<![\w€])(?:€|EUR)[ \u00a0\u202f]?)?"
                           r"(?<![\d'’.,])(?P<num>\d{1,3}(?:['’]\d{3})+|\d+)(?P<cents>(?:,\d{2})?)(?P<dash>\.[-–—])?"
                           r"(?![\d'’])(?P<after>[ \u00a0\u202f]?(?:€|EUR\b|euros?\b))?")


def _swiss_to_french(match: re.Match) -> str:
    """The French writing of a :data:`_SWISS_AMOUNT` match, of the same length, or the match as it is."""
    swiss = bool(re.search(r"['’]", match["num"]) or match["dash"])
    if not swiss or not (match["before"] or match["after"]):
        return match.group(0)
    num = re.sub(r"['’]", " ", match["num"])
    return (match["before"] or "") + num + match["cents"] + ("  " if match["dash"] else "") + (match["after"] or "")


def currency_after(body: str) -> str:
    r"""Write the amounts that name their currency first with it after, as the reader looks for them, and those
    written the Swiss way in the French one ("EUR 2'500.-" is "2 500 EUR"); each keeps its length, so that nothing
    else moves in the text.

    >>> currency_after("Union Musicale ....... € 2 300\nClub ... EUR 850")
    'Union Musicale ....... 2 300 €\nClub ... 850 EUR'
    >>> currency_after("Harmonie\nEUR 2'500.-\nChorale : 1’200 € ;\nFête : 300.- €\nl'an 2'000 ; art. 12.-")
    "Harmonie\n2 500 EUR  \nChorale : 1 200 € ;\nFête : 300   €\nl'an 2'000 ; art. 12.-"
    """
    return _CURRENCY_FIRST.sub(lambda m: m[3] + m[2] + m[1], _SWISS_AMOUNT.sub(_swiss_to_french, body))


#: An amount that a line break cut at a space: the thousands left at the end of a line ("… de 12" / "500 € …"),
#: the next line starting with exactly three digits (more groups, cents) and a currency; or the amount whole and its
#: currency sign alone at the start of the next line ("… : 4 200" / "€ ;").
_SPLIT_AMOUNT = re.compile(r"(?<=[^\S\n])(?P<head>\d{1,3}(?: \d{3})*)\n(?=\d{3}(?: \d{3})*(?:,\d{1,2})? ?"
                           r"(?:€|euros?\b|EUR\b))|(?<=\d)\n(?=€(?![ \t]*\d))")
#: A word before the cut that makes its figures a day, a number or a page rather than an amount's thousands.
_NOT_THOUSANDS = re.compile(r"(?:\b(?:le|du|au|n°|no|article|compte|chapitre|point|page|ligne|alinéa)|°)[ \t]+$",
                            re.I)


def join_split_amounts(body: str, doubts: list[tuple[str, str]]) -> str:
    r"""Join the amounts that a line break cut ("12" / "500 €" is 12 500 €, "4 200" / "€" is 4 200 €) by putting a
    space for the break, so that nothing else moves in the text; a cut after a word that makes its figures something
    else ("le 12", "article 12") is left alone, and said in ``doubts``.

    >>> join_split_amounts("une subvention de 12\n500 € au Club ;\n- Foyer : 4 200\n€ ;", [])
    'une subvention de 12 500 € au Club ;\n- Foyer : 4 200 € ;'
    >>> doubts = []
    >>> join_split_amounts("réuni le 12\n500 € sont inscrits", doubts), len(doubts)
    ('réuni le 12\n500 € sont inscrits', 1)
    """
    def join(match: re.Match) -> str:
        if match["head"] is not None and _NOT_THOUSANDS.search(body, max(0, match.start() - 20), match.start()):
            line_start = body.rfind("\n", 0, match.start()) + 1
            line_end = body.find("\n", match.end())
            cut = body[max(line_start, match.start() - 40):line_end if line_end >= 0 else len(body)]
            cut = cut.replace("\n", " / ")
            doubts.append((f"montant peut-être coupé en fin de ligne, non joint (« {cut} ») : vérifiez-le",
                           f"amount perhaps cut at a line end, not joined ('{cut}'): check it"))
            return match.group(0)
        return match.group(0).replace("\n", " ")

    return _SPLIT_AMOUNT.sub(join, body)


def join_cut_lines(body: str) -> str:
    r"""Drop the page numbers that a PDF's text sets between two lines of a list or a sentence, and join a
    civility ("M.", "Mme") or a "pouvoir à" to the name that the line break sent below it.

    >>> join_cut_lines("Présents : M. Jean DUPONT, Mme Annie\nPage 1/3\nFAURIE\nsous la présidence de M.\nJean DUPONT")
    'Présents : M. Jean DUPONT, Mme Annie\nFAURIE\nsous la présidence de M. Jean DUPONT'
    """
    return _CUT_BEFORE_NAME.sub(r"\1 ", _PAGE_LINE.sub("", body))
