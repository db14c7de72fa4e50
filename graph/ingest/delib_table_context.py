"""What a grant table's context says of its rows: a section row's nature ("INVESTISSEMENT"), the one nature that
the decision gives the table's grants, the nature that the sentence above it gives them, an imputation cell's account,
a loan's row, a table given for the record.

>>> section_nature(["FONCTIONNEMENT", "", ""]), row_account("204-20421")
('operating', '20421')
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.delib_grant_words import NATURE_WORDS
from graph.ingest.french import fold, parse_amount

#: A section's heading in a grant table that gives its rows their nature: "INVESTISSEMENT", "Fonctionnement".
_NATURE_SECTION = re.compile(r"(?:subventions?\s+(?:de\s+|d')?|aides?\s+(?:de\s+|d')?|depenses?\s+(?:de\s+|d')?)?"
                             r"(fonctionnement|investissement|equipement|exceptionnelles?)")
#: A row's aid that is a loan, not a grant: "Avance remboursable", "Prêt d'honneur".
LOAN = re.compile(r"^(?:avances?\s+remboursables?|pret\b|prets\b)")
#: A row's cell (its nature, its purpose) that says what a member pays the body it belongs to, no grant, as the prose
#: says it (:data:`graph.ingest.delib_prose_cues.DUES`, ``EXCLUDE``): "cotisation", "adhésion 2024", "participation
#: statutaire", "contribution budgétaire" (to a syndicat's budget), "contribution au budget du syndicat".
MEMBER_DUES = re.compile(r"\b(?:cotisations?|adhesions?)\b|\b(?:contributions?|participations?)\s+"
                         r"(?:statutaires?|budgetaires?|au\s+budget)\b")
#: The head of a column of each row's budget account: "Imputation", "Compte".
IMPUTATION_COL = re.compile(r"\b(?:imputation|compte|article budgetaire)\b")


def section_nature(cells: list[str]) -> str | None:
    """The nature that a section row of a table gives the rows below it: its one cell, a nature's word."""
    filled = [c for c in cells if c]
    match = _NATURE_SECTION.fullmatch(fold(filled[0]).strip()) if len(filled) == 1 else None
    return next(n for w, n in NATURE_WORDS.items() if w.startswith(match.group(1)[:9])) if match else None


def row_account(cell: str) -> str | None:
    """The nature account of an imputation cell: "65-6574" is 6574, "204-20421" is 20421, "6574" is 6574."""
    found = re.findall(r"(?<!\d)(?:65|67|204)\d{0,4}(?!\d)", cell)
    return found[-1] if found else None


#: A table's amounts written in thousands of euros, as its lead or a head says: "(en K€)", "Montant (k€)", "en milliers
#: d'euros", "KEUR".
_THOUSANDS = re.compile(r"\ben\s+k\s?€|\(\s*k\s?€\s*\)|\bkeur\b|(?:\ben|\()\s*milliers\s+d['’]euros", re.I)


def in_thousands(body: str, start: int, header: list[str] = ()) -> bool:
    """Whether a table's amounts are in thousands of euros: one of its heads says so, or the paragraph right above
    offset ``start`` (the table's first) does.

    >>> text = "décide d'attribuer les subventions suivantes (en K€) :\\n\\n   Bénéficiaire   Fonct."
    >>> in_thousands(text, text.index("   B")), in_thousands("", 0, ["Association", "Montant (k€)"])
    (True, True)
    """
    above = body[:start].rstrip()
    paragraph = above[above.rfind("\n\n") + 1:][-400:]
    return bool(_THOUSANDS.search(paragraph) or any(_THOUSANDS.search(h) for h in header))


def thousands_amount(cell: str) -> Decimal | None:
    """The amount of a cell in a table of thousands of euros: "12,5" is 12 500 €; a cell that names its own currency
    ("12 500 €", "12,5 k€") says what it is.

    >>> thousands_amount("85,0"), thousands_amount("12,5"), thousands_amount("1 200 €"), thousands_amount("-")
    (Decimal('85000'), Decimal('12500'), Decimal('1200'), None)
    """
    value = parse_amount(cell)
    if value is None or re.search(r"€|\beur|\beuros?\b", cell, re.I):
        return value
    value *= 1000
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


#: A decision that gives the grants of a table one nature: "Attribue des subventions de fonctionnement … au profit
#: des associations mentionnées dans le tableau ci-dessus", "les subventions exceptionnelles figurant dans le tableau".
_REFERRED = re.compile(r"\b(?:subventions?|aides?|participations?|dotations?)\s+(?:(?:de\s+|d')?(exceptionnelles?)|"
                       r"(?:de\s+|d')(fonctionnement|investissement|equipement|projet))\b(?P<rest>[^.;]{0,200}?)"
                       r"\b(?:tableau|annexe)")


def referred_nature(body: str) -> str | None:
    """The one nature that the text gives the grants of its table or annex, where it names one and no other.

    >>> referred_nature("Attribue des subventions de fonctionnement d'un montant total de 15 300 € au profit des "
    ...                 "associations mentionnées dans le tableau ci-dessus.")
    'operating'
    >>> referred_nature("d'attribuer les aides d'investissement et de fonctionnement figurant dans le tableau") is None
    True
    """
    natures = set()
    for match in _REFERRED.finditer(fold(body)):
        if _NATURE_SECTION.search(match["rest"]):
            return None
        word = match.group(1) or match.group(2)
        natures.add(next(n for w, n in NATURE_WORDS.items() if w.startswith(word[:9])))
    return natures.pop() if len(natures) == 1 else None


#: The nature a table's lead sentence gives its rows: "les subventions d'investissement suivantes :", "les
#: subventions de projet suivantes :" (a project's grant named so, not "aux porteurs de projets"); the grant's word
#: may be glued to the particle after it, as a scan's character recognition may give it ("les subventionsde
#: fonctionnement suivantes").
_HEADING_NATURE = re.compile(r"\b(?:subventions?|dotations?|aides?|acomptes?|participations?|contributions?)"
                             r"(?:\b|(?=d(?:e|u|es)\b|d'))"
                             r"(?:[^:;.\n]{0,60}?\b(fonctionnement|investissement|equipement|exceptionnel)|"
                             r"\s+de\s+(projet)s?\b)")


#: A title over a table that ends with its rows' nature in brackets: "Programme 412 – Accès aux soins de proximité
#: (investissement)".
_TITLE_NATURE = re.compile(r"[^\n.:;]{0,150}\((fonctionnement|investissement|equipement)\)")


def heading_nature(body: str, start: int) -> str | None:
    """The nature that the paragraph just above offset ``start`` gives a table, when it ends with a colon, or that
    the title line right above it gives in brackets (:data:`_TITLE_NATURE`).

    >>> text = "Article 2 : d'attribuer les subventions de fonctionnement suivantes :\\n\\n| Bénéficiaire |"
    >>> heading_nature(text, text.index("|"))
    'operating'
    >>> text = "d'attribuer les subventionsde fonctionnement suivantes :\\n\\n| Bénéficiaire |"
    >>> heading_nature(text, text.index("|"))
    'operating'
    >>> text = "ANNEXE 1\\n\\nProgramme 412 – Soins de proximité (investissement)\\n\\nBénéficiaire   |   Aide"
    >>> heading_nature(text, text.index("B"))
    'investment'
    """
    above = body[:start].rstrip()
    paragraph = above[above.rfind("\n\n") + 1:][-400:]
    match = _HEADING_NATURE.search(fold(paragraph)) if paragraph.endswith(":") else \
        _TITLE_NATURE.fullmatch(fold(paragraph.strip()))
    return next(n for w, n in NATURE_WORDS.items() if w.startswith(match.group(1) or match.group(2))) if match else None


#: The heading of a table given for the record, not decided: "Annexe 2 – Pour mémoire : subventions attribuées en
#: 2023", "Rappel des subventions 2023", "pour information".
_FOR_THE_RECORD = re.compile(r"pour memoire|pour information|a titre indicatif|rappel des|pour rappel")


def for_the_record(body: str, start: int) -> bool:
    """Whether the heading right above offset ``start`` (a table's first) says the table is given for the record:
    a heading, not a sentence (that ends with a full stop or leads the table with a colon, and may say so of one
    column only: "la colonne de 2023 étant donnée pour mémoire :").

    >>> text = "Annexe 2 – Pour mémoire : subventions attribuées en 2023\\n| Association | Montant 2023 |"
    >>> for_the_record(text, text.index("|"))
    True
    """
    above = body[:start].rstrip().rsplit("\n", 1)[-1].strip()
    return len(above) <= 100 and not above.endswith((".", ":", ";")) and bool(_FOR_THE_RECORD.search(fold(above)))


#: A decision that adopts a table as an amendment changed it: "les subventions figurant au tableau ci-dessus, tel que
#: modifié par l'amendement n° 1", "le tableau amendé".
_AMENDED_TABLE = re.compile(r"\b(?:tableau|annexe|liste)\b[^.;]{0,80}?\b(?:tel(?:le)?s?\s+que\s+modifi[ée]+s?\s+par\s+"
                            r"(?:l['’]|les?\s+)?amendements?|amend[ée]+s?)\b", re.I)


def amended_table(body: str) -> str | None:
    """The words by which the decision adopts its table as an amendment changed it, or None: the table's rows then
    give the amounts first proposed, which the amendment's own wording may have changed.

    >>> print(amended_table("- attribue les subventions du tableau ci-dessus, tel que modifié par l'amendement n° 1"))
    tableau ci-dessus, tel que modifié par l'amendement
    """
    match = _AMENDED_TABLE.search(body)
    return re.sub(r"\s+", " ", match.group(0)) if match else None

