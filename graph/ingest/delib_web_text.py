"""A deliberation copied from a web page made plain: its Markdown marks, its navigation and its HTML character
references (:func:`markdown_to_plain`, :func:`html_characters`).
"""

from __future__ import annotations

import html
import re

from graph.encodings import composed


#: A Markdown link or image: "[Accueil](/)", "![Logo](/logo.svg)".
_LINK = re.compile(r"(?P<image>!)?\[(?P<text>[^\]\n]*)\]\([^)\s]*\)")
#: A web page's navigation around the act it shows: a breadcrumb ("Vous êtes ici : [Accueil](/) › [Actes](/actes)
#: › …"), a bar of links ("[Mentions légales](/ml) · [Cookies](/c)", "[← Précédente](/p) | [Suivante →](/s)").
_BREADCRUMB = re.compile(r"\)\s*[›»>/]\s*\[")
_LINK_BAR_SEPARATORS = re.compile(r"[\s|·•›»:*_-]+")
#: A menu's item: a link alone in a list item.
_MENU_ITEM = re.compile(r"[ \t]*[*+-][ \t]+\[[^\]\n]*\]\([^)\s]*\)[ \t]*")


def _without_web_chrome(text: str) -> str:
    """``text`` without a web page's navigation (:data:`_BREADCRUMB`, bars of links, menus of three links or more) and
    its images, each link left as its text: a deliberation copied from the page that publishes it."""
    lines = text.split("\n")
    menu = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _MENU_ITEM.fullmatch(lines[j]):
            j += 1
        if j - i >= 3:
            menu[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    kept = []
    for line, in_menu in zip(lines, menu):
        links = list(_LINK.finditer(line))
        if in_menu or links and (_BREADCRUMB.search(line) or all(m["image"] for m in links) and not _LINK.sub("", line)
                                 .strip() or len(links) >= 2 and len(_LINK_BAR_SEPARATORS.sub("", _LINK.sub("", line)))
                                 <= 12):
            continue
        kept.append(_LINK.sub(lambda m: "" if m["image"] else m["text"], line))
    return "\n".join(kept)


#: An HTML character reference, its semicolon written ("&nbsp;", "&eacute;", "&#8217;", "&#x2019;"): what a text
#: copied from a web page's source or exported by a content manager keeps of its accents, apostrophes and spaces.
_CHARACTER_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def html_characters(text: str) -> str:
    """``text`` with its HTML character references read as the characters they stand for; a reference without its
    semicolon is left as written ("R&D", "&copyright" stay). A reference to a combining accent is composed with
    the letter before it, as the text's own accents are (:func:`graph.encodings.composed`).

    >>> html_characters("Subvention d&#8217;un montant de 20&nbsp;000 &euro; &agrave; l&rsquo;association R&D")
    'Subvention d’un montant de 20\xa0000 € à l’association R&D'
    >>> html_characters("Ho&#x302;pital") == "Hôpital"
    True
    """
    return composed(_CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group(0)), text)) if "&" in text else text


#: A quote's marks at a line's start ("> Délibération n° 12", "> > …"): the line is the act's text.
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
#: A run in emphasis by one star or one underscore ("*Identifiant ACTES : …-DE*", "_…_"), the mark against its first
#: and last letters and not within a word: an ACTES id's own underscores ("99_DE-…", "B2024_0156"), an escaped mark
#: ("99\\_DE") and a list's star ("* item") are none.
_EMPHASIS = re.compile(r"(?<![\w*_\\])(?P<mark>[*_])(?=[^\s*_])(?P<text>[^\n]*?[^\s*_\\])(?P=mark)(?![\w*_])")


#: What tells a text written in Markdown: a run in bold ("**Membres présents :**"), a heading's hashes, an escaped
#: underscore ("99\_DE-…").
_MARKDOWN_MARKS = re.compile(r"\*\*|^#{1,6} |\\_", re.M)


def writes_markdown(text: str) -> bool:
    r"""Whether ``text`` is written in Markdown (:data:`_MARKDOWN_MARKS`), whatever file carries it: a text file, or
    the text layer of a PDF printed from a Markdown source, whose marks are the same marks, not words
    ("**Membres titulaires présents :**" is the heading of the list of the present).

    >>> writes_markdown("**Pouvoirs :**\nM. A à M. B"), writes_markdown("## Délibération")
    (True, True)
    >>> writes_markdown("N° 12 *")
    False
    """
    return _MARKDOWN_MARKS.search(text) is not None


def markdown_to_plain(text: str) -> str:
    r"""Drop Markdown emphasis, quote and heading marks, escapes and hard-break spaces, and a web page's navigation
    around the act (:func:`_without_web_chrome`); keep list dashes and table pipes.

    >>> markdown_to_plain("## **DELIBERATION N°1**  \n99\\_DE")
    'DELIBERATION N°1\n99_DE'
    >>> markdown_to_plain("> N° **B 2024-0156**\n*ACTES : 076-B2024_0156-DE*\n_99_DE-1_ et 99_DE-2\n* un point")
    'N° B 2024-0156\nACTES : 076-B2024_0156-DE\n99_DE-1 et 99_DE-2\n* un point'
    >>> markdown_to_plain("Vous êtes ici : [Accueil](/) › [Actes](/actes) › Décision\n# Décision n° 4\n"
    ...                   "Voir l'[annexe](/a.pdf).\n[Mentions légales](/ml) · [Cookies](/c)")
    "Décision n° 4\nVoir l'annexe."
    """
    text = _without_web_chrome(text)
    text = _QUOTE_MARK.sub("", text)
    text = re.sub(r"\*\*|__", "", text)
    text = _EMPHASIS.sub(r"\g<text>", text)
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"\\([_*#\[\]()\\.-])", r"\1", text)
    return re.sub(r"[ \t]+$", "", text, flags=re.M)
