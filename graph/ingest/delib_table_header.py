"""A grant table's header: the column that names the beneficiaries, the amount column that holds the decided
grants, and the columns of one nature each beside it.

A table is a grant table when its header names a beneficiary column and an amount column that is not an amount
requested, a budget, a cost or an earlier year's amount; co-funder and budget tables are not. Among several amount
columns, the one proposed/granted/voted wins (else the right-most acceptable one). Columns of one nature each
("Fonctionnement 2024 | Exceptionnelle 2024", "Fonct. | Projet | Total") give one grant a cell, each of its column's
nature, as the decision grants each; a rows' "Total" column beside them only sums them, and states the grand
total."""

from __future__ import annotations

import re

from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grant_words import NATURE_WORDS
from graph.ingest.french import fold


BENEF_COL = re.compile(r"beneficiaire|structure|association|organisme|attributaire|porteur|raison sociale|demandeur|"
                       r"denomination|\bclub|\bnom\b(?! du projet)|commune|etablissement|college|lycee|ecole|"
                       r"cooperative|entreprise|societe|collectivite|partenaire|maitr(?:e|ise) d\W?ouvrage|"
                       # the health professionals an installation aid goes to: "Professionnel | Profession | Aide"
                       r"professionnel|praticien")
AMOUNT_COL = re.compile(r"montant|subvention|fonds de concours|somme|propos|\baide|attribu|vote|accord|allou|octroi|"
                        r"octroy|€|\beur\b|"
                        r"\bk€|dotation|acompte|"
                        r"^(?:fonctionnement|investissement|exceptionnel(?:le)?)\b")
REJECT_COL = re.compile(r"demand|sollicit|budget|cout|n-1|anterieur|precedent|realise|cofinanc|financeur|"
                        r"total du projet|depense|recette|\bpercu|travaux|eligible|subventionnable|frais|"
                        r"\bverses?\b|rappel|pour memoire")
_PREFER_COL = re.compile(r"propos|accord|attribu|vot|decid|allou|retenu|acompte|octroi|octroy")
#: The column of the amounts as they now stand, in a table that amends earlier ones ("Nouveau montant").
_AMENDED_COL = re.compile(r"nouveau|nouvelle|modifie|rectifie|definitif|apres (?:ajustement|modification)")
#: Headers of co-funders' and budget tables. A "Cofinancement État" column beside the grants is only a column that
#: :data:`REJECT_COL` leaves out.
_NOT_GRANTS = re.compile(r"financeur|recettes|depenses|\bposte\b|plan de financement")
PURPOSE_COL = re.compile(r"objet|projet|action|intitule|manifestation|motif|travaux|operation|competition")
#: A column of nature codes headed by the codes themselves: "F/I", "F / I / P".
CODES_HEAD = re.compile(r"^[a-z](?:\s*/\s*[a-z])+$")
ID_COL = re.compile(r"\b(?:siret|siren|rna|uai|identifiant)\b")


def choose_amount_column(headers: list[str], hints: ColumnHints | None = None) -> int | None:
    """Return the index of the amount column that holds the decided grants, or None; ``hints``: what the text says
    of the columns (the one it names, the grants' fiscal year, the authority's own column in a financing plan).

    >>> choose_amount_column(["Association", "Montant demandé", "Montant proposé"])
    2
    >>> choose_amount_column(["Financeur", "Montant"]) is None
    True
    >>> choose_amount_column(["Association", "Attribué en 2024", "Proposé pour 2023"])
    1
    >>> choose_amount_column(["Association", "Montant voté le 28/03/2024", "Ajustement", "Nouveau montant 2024"])
    3
    >>> choose_amount_column(["Porteur", "Coût total", "État", "Ville"], ColumnHints(named="ville"))
    3
    """
    hints = hints or ColumnHints()
    folded = [fold(h) for h in headers]
    if any(_NOT_GRANTS.search(h) for h in folded) or not any(BENEF_COL.search(h) for h in folded):
        return None
    if (named := hints.named_column(folded)) is not None and not BENEF_COL.search(folded[named]):
        return named
    good = [i for i, h in enumerate(folded) if AMOUNT_COL.search(h) and not REJECT_COL.search(h)
            or i in _nature_heads(folded)]
    good = [i for i in good if not hints.earlier(folded[i])] or good
    if not good:
        return hints.own_column(folded)
    preferred = ([i for i in good if _AMENDED_COL.search(folded[i])]
                 or [i for i in good if _PREFER_COL.search(folded[i])] or good)
    # Of the columns of several years ("Attribué en 2023 | Proposé pour 2024"), the latest year's.
    years = {i: int(m.group(0)) for i in preferred if (m := re.search(r"\b(?:19|20)\d\d\b", folded[i]))}
    return max(years, key=years.get) if years else preferred[-1]


def nature_columns(headers: list[str], chosen: int) -> list[tuple[int, str]]:
    """The amount columns of the chosen one's year that each hold grants of one nature, when there are several.

    >>> nature_columns(["Association", "Fonctionnement 2024", "Exceptionnelle 2024", "Total"], 2)
    [(1, 'operating'), (2, 'project')]
    >>> nature_columns(["Bénéficiaire", "Fonct.", "Projet", "Total"], 2)
    [(1, 'operating'), (2, 'project')]
    >>> nature_columns(["Association", "Subvention 2023", "Subvention 2024"], 2)
    []
    """
    folded = [fold(h) for h in headers]
    year = _year(folded[chosen])
    heads = _nature_heads(folded)
    columns = []
    for i, header in enumerate(folded):
        if (AMOUNT_COL.search(header) and not REJECT_COL.search(header) or i in heads) and _year(header) == year:
            nature = heads.get(i) or next((n for w, n in NATURE_WORDS.items() if re.search(rf"\b{w}", header)), None)
            if nature:
                columns.append((i, nature))
    return columns if len({n for _, n in columns}) == len(columns) > 1 else []


#: What a column's head may say besides its nature: the year, the unit.
_HEAD_UNIT = re.compile(r"\(\s*(?:en\s+)?(?:k|keur|eur|euros)?\s*€?\s*\)|\b(?:keur|euros?)\b|k?€|\b(?:19|20)\d\d\b")
#: The head of a table's column of the rows' totals, beside its columns of each nature.
_ROW_TOTAL_HEAD = re.compile(r"total(?:\s*\(\s*(?:en\s+)?(?:k|keur|eur|euros)?\s*€?\s*\))?")


def _nature_heads(folded: list[str]) -> dict[int, str]:
    """The columns headed by a nature's word alone, whole or cut short ("Fonct. | Projet | Total", "Fonctionnement |
    Investissement"), when there are two natures or more among them and one is operating or investment: the columns
    of a table of grants of several natures, one a column. "Projet" alone is a column of projects, not of amounts.

    >>> _nature_heads(["beneficiaire", "fonct.", "projet", "total"]), _nature_heads(["association", "projet", "total"])
    ({1: 'operating', 2: 'project'}, {})
    """
    heads = {i: nature for i, head in enumerate(folded) if i and not re.match(r"nature|type", head)
             and (nature := nature_word(_HEAD_UNIT.sub("", head)))}
    natures = set(heads.values())
    return heads if len(natures) > 1 and natures & {"operating", "investment"} else {}


def amount_columns(headers: list[str], chosen: int) -> list[int]:
    """The columns of a grant table that hold amounts: the chosen one, those of each nature beside it, and their
    rows' "Total" column.

    >>> amount_columns(["Bénéficiaire", "Fonct.", "Projet", "Total"], 2)
    [1, 2, 3]
    """
    columns = [c for c, _ in nature_columns(headers, chosen)] or [chosen]
    total = row_total_column([fold(h) for h in headers]) if len(columns) > 1 else None
    return sorted(set(columns + [chosen] + ([total] if total is not None else [])))


def row_total_column(folded: list[str]) -> int | None:
    return next((i for i, h in enumerate(folded) if i and _ROW_TOTAL_HEAD.fullmatch(h)), None)


def _year(header: str) -> str | None:
    match = re.search(r"\b(?:19|20)\d\d\b", header)
    return match.group(0) if match else None


def column_matching(folded: list[str], pattern: re.Pattern, exclude: set[int]) -> int | None:
    return next((i for i, h in enumerate(folded) if i not in exclude and pattern.search(h)), None)


#: A column that says where each beneficiary is, headed by a place alone: "Commune", "Ville", "Localité".
_PLACE_COL = re.compile(r"(?:communes?|villes?|localites?|lieux?|sieges?|territoires?|quartiers?)"
                        r"(?: d\W?implantation)?")


def name_column(folded: list[str], exclude: set[int]) -> int | None:
    """The column of the folded headers that names the beneficiaries: the first a beneficiary's word heads, but
    not a column of places when another names them ("Commune | Association | Montant": the association is granted,
    the commune is where it is), nor one of ``exclude``.

    >>> name_column(["commune", "association", "montant"], {2}), name_column(["commune", "montant"], {1})
    (1, 0)
    """
    found = [i for i, h in enumerate(folded) if i not in exclude and BENEF_COL.search(h)]
    return next((i for i in found if not _PLACE_COL.fullmatch(folded[i].strip())), found[0] if found else None)


def nature_word(text: str) -> str | None:
    """The nature that a cell or a column's head names by one word, whole or cut short with or without its full
    stop, as narrow columns write it: "Fonct." is operating, "Inv." or "Invest." investment, "Exc." project.

    >>> nature_word("Fonct."), nature_word("Inv."), nature_word("Investissement"), nature_word("Montant")
    ('operating', 'investment', 'investment', None)
    """
    word = fold(text).strip().rstrip(".")
    if len(word) < 3 or not re.fullmatch(r"[a-z]+", word):
        return None
    return next((n for w, n in NATURE_WORDS.items() if w.startswith(word)), None)
