"""The checks on the grants a deliberation was read to decide, each a warning: a grant it cancels (left out), an
amount in words that its figures contradict, a stated total that no run of grants sums, a list of grants announced
but none read, a table adopted as an amendment changed it (the amendment's amounts applied when read for sure).

Apart from :mod:`delib_grants` because they judge what all the readers found (prose, tables, sentences of several
grants), after them; :func:`delib_grants.find_grants` imports them when it runs, as it does the other readers, since
they take its :class:`GrantsFound`.

>>> found = GrantsFound([GrantFact("Club A", Decimal(1500), (0, 1))], [StatedTotal(Decimal(2000), (2, 3), "Total")])
>>> reconcile(found)
>>> found.warnings[0][1]
'stated total 2 000,00 € differs from the sum of extracted grants 1 500,00 €'
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.identity_names import name_key
from graph.ingest.delib_grants import GrantFact, GrantsFound, PAST, StatedTotal
from graph.ingest.delib_superseded import AmountChange, adopted_amendments, amendment_changes, named_grants
from graph.ingest.delib_table_context import amended_table
from graph.ingest.french import AMOUNT_RE, parse_amount
from graph.ingest.french_accents import accents_optional
from graph.ingest.french_numbers import find_amounts_in_words

#: What announces grants below or beside it: "Décide d'attribuer les subventions d'investissement suivantes :",
#: "ATTRIBUE aux bénéficiaires ci-après les aides suivantes", "les aides figurant dans le tableau ci-dessus", or a
#: granting verb alone before a line's colon ("décide d'allouer :").
_ANNOUNCED = re.compile(r"\b(?:attribu|allou|accord|octro)\w*\s+[^.;:]{0,120}?\b(?:subventions?|aides?|participations?|"
                        r"dotations?|fonds\s+de\s+concours)\b[^.;:]{0,120}?(?:\bsuivant\w*|\bci-apr[eè]s|\bci-dessous|"
                        r"\bci-dessus|\bcomme\s+suit|\ben\s+annexe|\b(?:au|dans\s+le)\s+tableau)|"
                        r"\bd[ée]cide\s+d(?:e\s+|['’])(?:attribuer|allouer|accorder|octroyer|verser)(?=\s*:[ \t]*\n)",
                        re.I)


#: A payment of a grant's instalment: "DÉCIDE le versement du solde", "de verser l'acompte", "VERSE le reliquat".
_PAYS_A_PART = re.compile(accents_optional(r"\b(?:versement|verser|verse)\s+(?:du|le|de\s+l['’]|l['’]|d['’]une?|"
                                           r"un|une)\s*(?:solde|acompte|reliquat|avance|fraction|tranche)s?\b"), re.I)


def announced(body: str, found: GrantsFound) -> None:
    """Warn when the text announces a list of grants ("décide d'attribuer les subventions suivantes"), or pays a
    grant's instalment ("DÉCIDE le versement du solde"), of which none was read: its layout is one the reader does
    not know, and the deliberation would else seem to grant nothing."""
    lead = next((m for m in (*_ANNOUNCED.finditer(body), *_PAYS_A_PART.finditer(body))
                 if not PAST.search(body, max(0, m.start() - 12), m.end())), None)
    if lead and not found.grants and not found.totals:  # a stated total's warning has said it already
        quote = re.sub(r"\s+", " ", lead.group(0))
        found.warnings.append((f"aucune subvention lue, bien que le texte en annonce (« {quote} ») : sa présentation "
                               f"n'a pas été reconnue",
                               f"no grant read, though the text announces some ('{quote}'): its layout was not "
                               f"recognised"))


#: What decides (grants or anything else) in an operative part, beside an opinion.
_DECIDING = r"\b(?:d[ée]cide|attribue|accorde|alloue|octroie|verse|approuve|autorise|arr[êe]te|fixe)\b"
_DECIDES = re.compile(accents_optional(_DECIDING), re.I)
#: An opinion given on what another body decides: "ÉMET UN AVIS FAVORABLE à l'attribution par le Conseil municipal des
#: subventions ci-dessus" (a mairie d'arrondissement's, a commune's on a syndicat's act), "décide d'émettre un avis";
#: its clause, up to a verb that decides ("… et DÉCIDE d'attribuer").
_OPINION = re.compile(accents_optional(r"(?:\b(?:d[ée]cide|d[ée]lib[èe]re)\s+d['’]\s*(?:[ée]mettre|donner|rendre)|"
                                       r"\b(?:[ée]met|donne|rend|formule))\s+un\s+avis\b"
                                       rf"(?:(?!{_DECIDING})[^.;])*"), re.I)
#: The formula that opens the operative part.
_DELIBERATED = re.compile(accents_optional(r"apr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée]"), re.I)


def opinion_only(body: str, found: GrantsFound) -> bool:
    """Whether the operative part only gives an opinion (:data:`_OPINION`) and decides nothing: then the amounts read
    are grants another body decides, none of this act's. They are left out, and a warning says so.

    >>> found = GrantsFound([GrantFact("Club A", Decimal(1500), (0, 1))])
    >>> opinion_only("après en avoir délibéré, ÉMET UN AVIS FAVORABLE à l'attribution des subventions.", found)
    True
    >>> found.grants, found.warnings[0][1][:40]
    ([], 'opinion only: the operative part gives a')
    >>> opinion_only("après en avoir délibéré, émet un avis favorable et DÉCIDE d'attribuer 500 €.", GrantsFound())
    False
    """
    formula = _DELIBERATED.search(body)
    opinion = _OPINION.search(body, formula.end() if formula else 0)
    if opinion is None:
        return False
    operative = body[formula.end() if formula else opinion.start():]
    if _DECIDES.search(_OPINION.sub(" ", operative)):
        return False
    quote = re.sub(r"\s+", " ", opinion.group(0)).strip()
    quote = quote if len(quote) <= 120 else quote[:120].rsplit(" ", 1)[0] + "…"
    count = len(found.grants)
    found.grants, found.totals = [], []
    found.warnings.append((f"avis seulement : le dispositif émet un avis (« {quote} ») et ne décide rien ; "
                           f"{count} montant(s) lu(s) ne sont pas retenus comme subventions, un autre organe les "
                           f"décide",
                           f"opinion only: the operative part gives an opinion ('{quote}') and decides nothing; "
                           f"{count} amount(s) read are not kept as grants, another body decides them"))
    return True


def cancel(cancelled: list[GrantFact], found: GrantsFound) -> None:
    """Leave out the grants that the deliberation cancels (the beneficiary's, of that amount), and say so."""
    for grant in cancelled:
        key = name_key(grant.beneficiary)
        found.grants = [g for g in found.grants if name_key(g.beneficiary) != key or g.amount != grant.amount]
        found.warnings.append((f"subvention annulée : « {grant.beneficiary} » ({grant.amount} €), non retenue",
                               f"grant cancelled: '{grant.beneficiary}' ({grant.amount}), not kept"))


def _figures_near(body: str, start: int, end: int, items: list[tuple[int, int]] = ()) -> re.Match | None:
    """The amount in figures nearest the words at ``start:end``, within 40 characters after or before them, whole
    ("20 000 € (vingt mille euros)": not "000 €", where the 40 characters begin).

    >>> _figures_near("Club A : 6 000 € ;\\nClub B : 20 000 € (vingt mille euros).", 38, 55).group(0)
    '20 000 €'

    Not another item's, past a semicolon or a bullet ("deux cent cinquante euros ;\\n- au Club B : 1 200 €"), nor,
    for words inside a row or an item among ``items`` (the spans of the grants read from a table's rows or a list's
    items), outside it: a short row whose amount is written in words is followed, within 40 characters, by the next
    row's figures.

    >>> rows = "| Club A | mille euros |\\n| Club B | 2 000 € |"
    >>> print(_figures_near(rows, 11, 22, [(0, 24), (25, 44)]))
    None
    """
    own = next(((s, e) for s, e in items if s <= start < e), None)

    def elsewhere(figures: re.Match) -> bool:  # outside the words' own row or item
        return own is not None and not own[0] <= figures.start() < own[1]

    after = AMOUNT_RE.search(body, end, end + 40)
    since = max(0, start - 40)
    since -= len(re.search(r"(?:\d+[ \u00a0\u202f.])*\d*$", body[:since]).group(0))  # the figures it cuts
    before = list(AMOUNT_RE.finditer(body, since, start))
    before = [m for m in before if not _ITEMS_APART.search(body, m.end(), start) and not elsewhere(m)]
    if after is not None and (_ITEMS_APART.search(body, end, after.start()) or elsewhere(after)):
        after = None
    if before and (after is None or start - before[-1].end() < after.start() - end):
        return before[-1]
    return after


#: What parts two items of a list: a semicolon, a line that a bullet or a number opens.
_ITEMS_APART = re.compile(r";|\n[ \t]*(?:[-–—•*]|\d{1,2}[.)])")


def check_words(body: str, found: GrantsFound) -> None:
    """Warn when an amount spelled in words disagrees with the figures written next to it, in its own row or item
    when a table's row or a list's item gave a grant (:func:`_figures_near`)."""
    items = [g.span for g in found.grants if g.table or g.listed]
    for value, start, end in find_amounts_in_words(body):
        near = _figures_near(body, start, end, items)
        if near and parse_amount(near.group(0)) != value:
            found.warnings.append((
                f"montant en lettres ({body[start:end]} = {value}) différent du montant en chiffres "
                f"({near.group(0).strip()})",
                f"amount in words ({value}) differs from the figures ({near.group(0).strip()})"))


def euros(value: Decimal) -> str:
    """An amount as a warning writes it, the French way with its cents.

    >>> euros(Decimal("30000")), euros(Decimal("1234.5"))
    ('30 000,00 €', '1 234,50 €')
    """
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " €"


def _total_quote(total: StatedTotal, body: str) -> str:
    """The words that state a total: a table's total row by its label ("Total"), a sentence by the words around the
    amount on its line — not from the top of the document, where a sentence without a full stop would begin."""
    start, end = total.span
    if not body or end > len(body) or not AMOUNT_RE.fullmatch(body[start:end].strip()):
        return total.label[:60]
    line_start = body.rfind("\n", 0, start) + 1
    cut = line_start < start - 80
    if cut:  # from a word's start
        line_start = body.find(" ", start - 80, start) + 1 or start - 80
    after = re.match(r"[^\n.;]{0,40}[.;]?", body[end:]).group(0)
    return ("…" if cut else "") + re.sub(r"\s+", " ", body[line_start:end] + after).strip()


#: A total that the exposé states in its prose: "Le comité a retenu quatre projets, pour un montant total de 14 500 €."
_EXPOSE_TOTAL = re.compile(r"\bmontant\s+total\s+(?:de\s+|d['’]\s*)?(?=\d)", re.I)


def total_in_the_expose(found: GrantsFound, body: str) -> None:
    """Take as stated the total that the exposé gives in its prose ("… a retenu quatre projets, pour un montant
    total de 14 500 €") when no total was read and it is plainly that of the grants decided below: the only such
    total before the operative part, and the sum of all of them (two at least). A total of anything else (a
    project's cost, a budget) is left unread rather than risked.

    >>> found = GrantsFound([GrantFact("A", Decimal(6000), (90, 91)), GrantFact("B", Decimal(3500), (92, 93))])
    >>> total_in_the_expose(found, "Deux projets, pour un montant total de 9 500 €.\\nAprès en avoir délibéré :")
    >>> [(t.amount, t.label) for t in found.totals]
    [(Decimal('9500'), 'Deux projets, pour un montant total de 9 500 €.')]
    """
    operative = _DELIBERATED.search(body)
    if found.totals or len(found.grants) < 2 or operative is None:
        return
    stated = [(cue, amount) for cue in _EXPOSE_TOTAL.finditer(body, 0, operative.start())
              if (amount := AMOUNT_RE.match(body, cue.end())) is not None]
    if len(stated) != 1 or parse_amount(stated[0][1].group(0)) != sum((g.amount for g in found.grants), Decimal(0)):
        return
    cue, amount = stated[0]
    start = max(body.rfind(".", 0, cue.start()), body.rfind("\n\n", 0, cue.start())) + 1
    end = re.compile(r"[^.;\n]*[.;]?").match(body, amount.end()).end()
    found.totals.append(StatedTotal(parse_amount(amount.group(0)), amount.span(),
                                    re.sub(r"\s+", " ", body[start:end]).strip()))


def apply_amendment(body: str, found: GrantsFound) -> None:
    """Warn when the decision adopts a table of grants as an amendment changed it ("ATTRIBUE les subventions
    figurant au tableau ci-dessus, tel que modifié par l'amendement n° 2"): the table's rows give the amounts first
    proposed. The grants the table gave take the amounts the amendment set, when they are read for sure
    (:func:`delib_superseded.amendment_changes`) and checked: against the total the decision states after the
    amendment, if it states one, else by the old amount the amendment gives for each; the warning then says which
    amounts the amendment changed. Else the table's amounts are kept, and the warning names the grants the amendment
    changes, to check by hand (or, when the amendment's words are not found, asks to check them all).

    >>> found = GrantsFound([GrantFact("Club A", Decimal(1500), (0, 1), table=True)])
    >>> apply_amendment("ATTRIBUE les subventions du tableau ci-dessus, tel que modifié par l'amendement n° 1.", found)
    >>> found.warnings[0][1]
    "table adopted as amended ('tableau ci-dessus, tel que modifié par l'amendement'): the amounts read are the \
table's, check those the amendment changed"
    """
    said = amended_table(body)
    if said is None or not any(g.table for g in found.grants):
        return
    passages = adopted_amendments(body)
    table = [g for g in found.grants if g.table and g.span[0] < passages[0][0]] if passages else []
    changes: list[AmountChange] | None = []
    for start, end in passages:
        read = amendment_changes(body[start:end], table)
        changes = None if read is None or changes is None else changes + read
    if changes and len({id(c.grant) for c in changes}) == len(changes) and _checked(found, changes, passages[-1][1]):
        _amend(found, changes, passages[0][0])
        listed = " ; ".join(f"{c.grant.beneficiary} : {euros(c.old)} → {euros(c.new) if c.new else 'retirée'}"
                           for c in changes)
        listed_en = "; ".join(f"{c.grant.beneficiary}: {euros(c.old)} → {euros(c.new) if c.new else 'withdrawn'}"
                              for c in changes)
        found.warnings.append((f"tableau adopté après amendement (« {said} ») : montants de l'amendement appliqués "
                               f"({listed})",
                               f"table adopted as amended ('{said}'): the amendment's amounts applied ({listed_en})"))
        return
    # the grants it names, else its first words: "Amendement n° 1 : ajouter au tableau une subvention …" (none when
    # no amendment's words are found above the table's grants)
    names = ", ".join(g.beneficiary for g in named_grants(" ".join(body[s:e] for s, e in passages), table))
    if table and not names:
        words = re.sub(r"\s+", " ", body[passages[0][0]:passages[0][1]]).strip()
        names = "« " + (words if len(words) <= 120 else words[:120].rsplit(" ", 1)[0] + "…") + " »"
    found.warnings.append((f"tableau adopté après amendement (« {said} ») : les montants lus sont ceux du tableau, "
                           f"vérifiez ceux que l'amendement a changés" + (f" : {names}" if names else ""),
                           f"table adopted as amended ('{said}'): the amounts read are the table's, check those the "
                           f"amendment changed" + (f": {names}" if names else "")))


def _checked(found: GrantsFound, changes: list[AmountChange], after: int) -> bool:
    """Whether the amounts of ``changes`` agree with each total the decision states after the amendment (from offset
    ``after`` on), or, with none stated, whether the amendment confirmed the table's amount of each change
    (:attr:`delib_superseded.AmountChange.said_old`)."""
    stated = [t.amount for t in found.totals if t.span[0] >= after]
    if not stated:
        return all(c.said_old for c in changes)
    total = sum((g.amount for g in found.grants), Decimal(0)) + sum((c.new - c.old for c in changes), Decimal(0))
    return all(amount == total for amount in stated)


def _amend(found: GrantsFound, changes: list[AmountChange], before: int) -> None:
    """Apply ``changes`` to the grants of ``found``: the new amounts, the grants withdrawn left out; a total stated
    above the amendment (before offset ``before``), the table's, left out if it is the sum before the changes and
    not after."""
    old = sum((g.amount for g in found.grants), Decimal(0))
    for change in changes:
        change.grant.amount = change.new
    withdrawn = {id(c.grant) for c in changes if not c.new}
    found.grants = [g for g in found.grants if id(g) not in withdrawn]
    new = sum((g.amount for g in found.grants), Decimal(0))
    if new != old:
        found.totals = [t for t in found.totals if t.span[0] >= before or t.amount != old]


def _sums_a_run(total: Decimal, amounts: tuple[Decimal, ...]) -> bool:
    """Whether ``total`` is the sum of a run of consecutive ``amounts``: prefixes[j] - prefixes[i] == total for some
    i < j, in one pass."""
    seen, prefix = {Decimal(0)}, Decimal(0)
    for amount in amounts:
        prefix += amount
        if prefix - total in seen:
            return True
        seen.add(prefix)
    return False


def reconcile(found: GrantsFound, body: str = "") -> None:
    """Mark each stated total that equals the sum of all grants or of a run of consecutive grants, unless a grant was
    read from the total's own words (its row taken for a grant); warn otherwise, quoting the total in ``body``. With
    no total read, the exposé's may be one (:func:`total_in_the_expose`).

    >>> found = GrantsFound([GrantFact("A", Decimal(9500), (0, 1)), GrantFact("TOTAL", Decimal(9500), (2, 3))],
    ...                     [StatedTotal(Decimal(9500), (2, 3), "TOTAL")])
    >>> reconcile(found)
    >>> found.totals[0].reconciled
    False
    """
    total_in_the_expose(found, body)
    amounts = [g.amount for g in found.grants]
    # aid in kind is valued, not paid: a total may count it (a table's "TOTAL" under its row) or leave it out ("soit
    # un total en numéraire de …", the sum of what is paid), so a run of the grants paid in money sums one too
    in_money = [g.amount for g in found.grants if g.nature != "in-kind"]

    def sums_a_run(total: Decimal) -> bool:
        return any(_sums_a_run(total, run) for run in {tuple(amounts), tuple(in_money)})

    def read_from(total: StatedTotal) -> bool:  # a grant read from the total's own words: its row taken for a grant
        start, end = total.span
        return start < end and any(start <= g.span[0] and g.span[1] <= end for g in found.grants)

    for total in found.totals:
        total.reconciled = sums_a_run(total.amount) and not read_from(total)
        if not total.reconciled:
            stated, summed = euros(total.amount), euros(sum(amounts, Decimal(0)))
            fr = f"total annoncé {stated} ≠ somme des subventions extraites {summed} (« {_total_quote(total, body)} »)"
            en = f"stated total {stated} differs from the sum of extracted grants {summed}"
            if found.unread_table and not amounts:
                fr += (f" : un tableau de montants a été vu (« {found.unread_table} »), mais aucune de ses colonnes "
                       f"n'a été reconnue comme celle des subventions décidées")
                en += (f": a table of amounts was seen ('{found.unread_table}'), but none of its columns was "
                       f"recognised as the decided grants'")
            found.warnings.append((fr, en))
