"""Lines of money read apart from the blocks of :mod:`graph.ingest.delib_blocks`: a call for projects' financing
plans written one a line (:func:`financing_line_grants`: the authority's own share of each is a grant), and a budget
amendment's credit rows (:func:`credit_rows`: no grants, set aside from the prose reader).
"""

from __future__ import annotations

import re

from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grants import GrantFact, GrantsFound
from graph.ingest.delib_lists import BULLET_MARKS
from graph.ingest.delib_recipient_names import clean_name
from graph.ingest.french import AMOUNT_RE, fold, parse_amount
#: A project's financing plan on one line, a list's item: the beneficiary and its project, then each share after a
#: label, parted by semicolons ("• Association X – « Bien manger » : coût total 18 400 € ; ARS 6 000 € ; PETR
#: 5 000 €.").
#: Its shares may go on below after a semicolon, as a PDF's text wraps the line ("… ; CAF 2 000 € ;" / "PETR 2 800 €.").
_FINANCING_LINE = re.compile(r"^[ \t]*(?:[" + BULLET_MARKS + r"][ \t]+)?"
                             r"(?P<name>[^:\n]{3,160}?)[ \t]*:[ \t]*(?P<parts>[^:\n]+?"
                             r"(?:[ \t]*;[ \t]*\n[ \t]*(?![" + BULLET_MARKS + r"])[^:\n]+?)*)"
                             r"[ \t]*[.;]?[ \t]*$", re.M)
_SHARE = re.compile(r"[ \t]*(?P<label>[^\d;:\n]{2,40}?)[ \t]*:?[ \t]*(?P<amount>" + AMOUNT_RE.pattern + r")[ \t]*",
                    re.I)
#: Where a name ends and its project begins: "Association X – « Bien manger à petit prix »".
_NAME_THEN_PROJECT = re.compile(r"\s+[–—-]\s+(?P<project>.+)$")


def financing_line_grants(body: str, found: GrantsFound, hints: ColumnHints) -> None:
    """Read the grants of a call for projects' financing plans written one a line: each line's grant is the share
    of the authority itself ("PETR 5 000 €" in a PETR's deliberation), a project grant; the cost and the other
    co-funders' shares are no grants of this act. The lines' spans go to ``found.tables``.

    >>> found = GrantsFound()
    >>> financing_line_grants("• Association Jeunes en Tête – « Santé des lycéens » : coût total 24 000 € ; "
    ...                       "ARS 12 000 € ; PETR 6 000 €.", found, ColumnHints("PETR DU PAYS DES MAUGES-FICTIF"))
    >>> [(g.beneficiary, g.amount, g.nature, g.purpose) for g in found.grants]
    [('Association Jeunes en Tête', Decimal('6000'), 'project', '« Santé des lycéens »')]
    """
    for line in _FINANCING_LINE.finditer(body):
        shares = re.split(r";|,(?=\s)", re.sub(r"\s+", " ", line["parts"]))
        matches = [_SHARE.fullmatch(share) for share in shares]
        if len(matches) < 2 or not all(matches) or any(len(m["label"].split()) > 4 for m in matches):
            continue
        own = [m for m in matches if hints.own(fold(m["label"]).strip())]
        if len(own) != 1 or any(s <= line.start() < e for s, e in found.tables):
            continue
        name, project = line["name"].strip(), None
        if (then := _NAME_THEN_PROJECT.search(name)) is not None:
            name, project = name[:then.start()], then["project"].strip()
        name = clean_name(name)
        amount = parse_amount(own[0]["amount"])
        if name and amount:
            found.grants.append(GrantFact(name, amount, line.span(), "project", project, True, True))
            found.tables.append(line.span())


#: A row of a budget amendment's table (a décision modificative's): its chapter and account, its label, then the
#: credit it adds or takes away, signed, after a column's spaces ("65 / 657362 – Subvention au CCAS    + 14 000,00 €",
#: "022 – Dépenses imprévues    - 14 000,00 €"). A credit moved, no grant, whatever its label says.
_CREDIT_ROW = re.compile(r"^[ \t]*\d{2,3}(?:[ \t]*/[ \t]*\d{3,7}|[ \t]+\d{3,7})*[ \t]*(?:[–—-][ \t]*)?[^\W\d][^\n]*?"
                         r"[ \t]{2,}[+-][ \t]*\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d{2})?[ \t]*(?:€|euros?)?[ \t]*$",
                         re.M | re.I)


def credit_rows(body: str, found: GrantsFound) -> None:
    """Put the spans of a budget amendment's rows (:data:`_CREDIT_ROW`, two at least: a table) into
    ``found.tables``, so that the prose reader leaves their amounts alone: the grant is the decision's.

    >>> found = GrantsFound()
    >>> credit_rows("Décision modificative n° 2\\n  022 – Dépenses imprévues      - 14 000,00 €\\n"
    ...             "  65 / 657362 – Subvention au CCAS      + 14 000,00 €\\n", found)
    >>> found.tables
    [(27, 72), (73, 126)]
    """
    rows = [row.span() for row in _CREDIT_ROW.finditer(body)]
    if len(rows) >= 2:
        found.tables += rows
