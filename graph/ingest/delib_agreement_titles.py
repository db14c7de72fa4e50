"""An agreement's title, from the words of the clause that approves or signs it (:func:`read_title`): one line,
capitalised, without what says it is annexed, the other papers signed with it (:data:`OTHER_PAPERS`), what the
clause says of it after a comma, nor its address.

Apart from :mod:`graph.ingest.delib_agreements` because what a title leaves out is many wordings, each with its
example; the clauses that name the agreement are the other's.

>>> read_title("convention d'objectifs avec l'association Lien, annexée à la présente délibération")
"Convention d'objectifs avec l'association Lien"
"""

from __future__ import annotations

import re


#: What a title leaves out: that the agreement is annexed ("annexée à la présente délibération", "… décision",
#: "jointe en annexe").
_ANNEXED = re.compile(r",?\s*(?:annex[ée]e?s?|jointe?s?)\s+(?:à\s+la\s+présente\s+(?:délibération|décision)|"
                      r"en\s+annexe)\b", re.I)
#: … and where its text is, in a relative clause: "la convention dont le texte est joint en annexe", "… dont le projet
#: est annexé", "… dont les termes figurent ci-après" (not "… avec les associations dont la subvention excède …",
#: which says which agreements).
_TEXT_WHERE = re.compile(r",?\s+dont\s+(?:le|la|les|l['’])\s*(?:textes?|projets?|modèles?|teneur|termes|contenu|"
                         r"versions?|exemplaires?)\b.*$", re.I | re.S)
#: … and the other papers signed with it ("les conventions et tous documents afférents", "ainsi que tout acte",
#: "ainsi que l'arrêté attributif de subvention au profit de l'association A", which is no agreement: the
#: beneficiary it names is not the agreement's).
OTHER_PAPERS = re.compile(r",?\s+(?:et|ainsi\s+que)\s+(?:à\s+)?(?:(?:tous|toutes|tout|toute|les|ces|des|une?|le|la|"
                          r"ledit|ladite|lesdits|lesdites)\s+|l['’]\s*)(?:les\s+)?(?:documents?|actes?|pi[èe]ces?|"
                          r"arr[êe]t[ée]s?|d[ée]cisions?|courriers?)\b.*$", re.I | re.S)
#: What a title leaves out after a comma: what the clause says of the agreement (", à intervenir", ", d'une durée de six
#: ans", ", au 4 rue de la Gare", ", fixant la contribution 2025", ", moyennant un loyer …"), not the next of its
#: parties (", la Commune et la CPTS Alpha", ", Bus 31/32 et Nouvelle Aube", ", et avec l'association B").
_COMMA_TAIL = re.compile(r",\s+(?!(?:la|le|les|l['’]|et|ou|ainsi)\b|(?-i:[A-ZÀ-Ý«]))", re.I)
#: … unless it is an incise before the words of the agreement's object go on: ", à titre gracieux, de deux bureaux".
_INCISE = re.compile(r"[^,]{1,60},\s+(?=(?:de|du|des|d['’]|avec|entre|au\s+profit\s+d)\b)", re.I)
#: … and where the object lies, said with "situé" or "sis" ("du local communal situé 4 rue de la Gare", "pour le local
#: situé zone artisanale de …"): an address, up to the parties named after it ("… situés 3 rue X au profit de Y").
_PLACE_TAIL = re.compile(r"(?:\s+pour\s+(?:le|la|les|l['’])\s*[^\s,;]+)?\s+(?:situ[ée]e?s?|sise?s?)\s.*?"
                         r"(?=\s+(?:au\s+profit|avec|entre|en\s+faveur)\b|$)", re.I | re.S)
_MAX_TITLE = 160


def read_title(words: str) -> str:
    """An agreement's title from a clause's words, one line, capitalised, without what says it is annexed.

    >>> read_title("conventions pluriannuelles d'objectifs 2024-2026 avec l'association MSP Dervallières\\nSanté")
    "Conventions pluriannuelles d'objectifs 2024-2026 avec l'association MSP Dervallières Santé"
    >>> read_title("convention de partenariat avec X, annexée à la\\n  présente délibération, pour 2025")
    'Convention de partenariat avec X'
    >>> read_title("convention tripartite entre l'ARS, la Commune et la CPTS Alpha, à intervenir")
    "Convention tripartite entre l'ARS, la Commune et la CPTS Alpha"
    >>> read_title("convention de mise à disposition, à titre gracieux, de deux bureaux au profit de X, pour un an")
    'Convention de mise à disposition, à titre gracieux, de deux bureaux au profit de X'
    >>> read_title("conventions à intervenir avec Sainte-Marie de Clermont-\\nFerrand ainsi que tout document "
    ...            "nécessaire")
    'Conventions à intervenir avec Sainte-Marie de Clermont-Ferrand'
    >>> read_title("bail commercial avec la SCIC X pour le local situé zone artisanale de Lextarre, moyennant un loyer")
    'Bail commercial avec la SCIC X'
    >>> read_title("convention dont le texte est joint à la présente délibération")
    'Convention'
    >>> read_title("convention de mise à disposition des locaux sis 3 rue Haute au profit de l'association Y")
    "Convention de mise à disposition des locaux au profit de l'association Y"
    """
    text = re.sub(r"\s+", " ", re.sub(r"(?<=\w)-[ \t]*\n\s*", "-", words))  # "Clermont-⏎Ferrand"
    text = OTHER_PAPERS.sub("", _ANNEXED.sub("", _TEXT_WHERE.sub("", text))).strip(" ,")
    at = 0
    while (tail := _COMMA_TAIL.search(text, at)) is not None:
        if (incise := _INCISE.match(text, tail.end())) is None:
            text = text[:tail.start()]
            break
        at = incise.end()  # "de mise à disposition, à titre gracieux, de deux bureaux": an incise, kept
    text = _PLACE_TAIL.sub("", text)
    if len(text) > _MAX_TITLE:
        text = text[:_MAX_TITLE].rsplit(" ", 1)[0].rstrip(" ,") + "…"
    return text[:1].upper() + text[1:]
