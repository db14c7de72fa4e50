"""How the mentions of one beneficiary in a deliberation's prose become its grants.

A report and a decision name the same grant twice; a decision may give one beneficiary two grants (an operating and
an investment one); a grant is paid in instalments; a table may already hold the grant a sentence restates.
:func:`merge_prose` tells these apart.

>>> from decimal import Decimal
>>> from graph.ingest.delib_grants import GrantFact, GrantsFound
>>> found = GrantsFound()
>>> merge_prose([GrantFact("Coopérative Santé", Decimal(30000), (0, 1), "operating", decision=True),
...              GrantFact("Coopérative Santé", Decimal(18500), (2, 3), "investment", decision=True)], found)
>>> [(g.beneficiary, str(g.amount)) for g in found.grants]
[('Coopérative Santé', '30000'), ('Coopérative Santé', '18500')]
"""

from __future__ import annotations

import re

from graph.identity_names import name_key
from graph.ingest.delib_bare_names import acronym_fits
from graph.ingest.delib_grants import GrantFact, GrantsFound
from graph.ingest.french import fold


def merge_prose(grants: list[GrantFact], found: GrantsFound) -> None:
    """Add prose grants to ``found``, a beneficiary's mentions that are one grant merged into it.

    A beneficiary's instalments and shares ("un acompte de 1 500 €", "dont 8 000 € en 2024") are parts of the grant
    the text sets, not grants, when it sets one. Two mentions of one amount (of one nature, or of none stated) are
    one grant restated; two amounts in the decision, or of two natures, are two grants, and an aid in kind is never
    one with a payment. A mention in the report is the decision's grant of its amount, else the decision's only
    grant (whose amount wins, with a warning). A beneficiary of a table keeps its rows: a mention is one of them,
    unless the decision grants it another amount of another nature; an amount that is none of theirs is reported.
    A grant that only the report makes is the decision's (or a row's) of the same amount when the two names share
    a word that no other beneficiary's has ("Maison de santé de Pontaumur (SISA)" in the report, "SISA MSP de
    Pontaumur" in the decision), with a warning. A report's mention or an annex's row that gives the decision's
    beneficiary a short name of the same amount is that grant (:func:`_name_short_forms`). An amount that the act
    changes ("…, la subvention à X étant portée à 15 000 €") replaces the one it gave X before, in its sentences
    (:func:`_without_changed`) or in a table's row (:func:`_beside_rows`)."""
    _name_short_forms([g for g in grants if not g.decision] + found.grants, [g for g in grants if g.decision])
    rows: dict[str, list[GrantFact]] = {}
    for grant in found.grants:
        rows.setdefault(name_key(grant.beneficiary), []).append(grant)
    # An aid in kind and a payment are never one grant: a beneficiary's mentions of each are merged apart.
    mentions: dict[tuple[str, bool], list[GrantFact]] = {}
    decided = _decided_names(grants)
    for grant in grants:
        key = decided.get(name_key(grant.beneficiary)) if grant.decision else _report_key(grant.beneficiary, decided)
        mentions.setdefault((key or name_key(grant.beneficiary), grant.nature == "in-kind"), []).append(grant)
    kept: list[tuple[GrantFact, bool]] = []  # each grant, and whether only the report makes it
    for (key, _), said in mentions.items():
        said = _without_changed([g for g in said if not g.part] or said)
        decided = _restated([g for g in said if g.decision])
        reported = [g for g in said if not g.decision]
        if decided:
            for grant in reported:
                _merge_report(grant, decided, found)
        kept += [(g, not decided) for g in decided or _restated(reported)
                 if key not in rows or _beside_rows(g, rows[key], found)]
    decisions = found.grants + [g for g, only_reported in kept if not only_reported]
    words = {key: set(key.split()) for key in list(rows) + [key for key, _ in mentions]}
    for grant, only_reported in kept:
        twin = only_reported and next((d for d in decisions if d.amount == grant.amount
                                       and _words_of_one(grant.beneficiary, d.beneficiary, words)), None)
        if twin:
            found.warnings.append((
                f"« {grant.beneficiary} » (exposé) et « {twin.beneficiary} » (décision) : une seule subvention de "
                f"{grant.amount} €",
                f"'{grant.beneficiary}' (report) and '{twin.beneficiary}' (decision): one grant of {grant.amount}"))
        else:
            found.grants.append(grant)
    _warn_alike([g for g, _ in kept], found)


def _name_short_forms(mentions: list[GrantFact], decided: list[GrantFact]) -> None:
    """Name a report's mention or a table's row by the decision's beneficiary whose name it shortens
    (:func:`is_short_form`: "au GIP de 25 000 €" for the "Groupement d'intérêt public « Coordination Santé »", an
    annex's "IREPS Nouvelle-Loire" for the "Instance régionale … (IREPS) Nouvelle-Loire"), when the amounts are one
    and one decided grant only is so shortened: the two are one grant, the short name a variant of the full one.

    >>> from decimal import Decimal
    >>> row, full = GrantFact("GIP", Decimal(25000), (0, 1)), "Groupement d'intérêt public « Santé Ouest »"
    >>> _name_short_forms([row], [GrantFact(full, Decimal(25000), (2, 3), decision=True)])
    >>> row.beneficiary == full, row.bracket
    (True, ('acronym', 'GIP'))
    """
    names = {name_key(g.beneficiary) for g in decided}
    for mention in mentions:
        if name_key(mention.beneficiary) in names:
            continue
        full = {g.beneficiary for g in decided if g.amount == mention.amount and is_short_form(mention.beneficiary, g)}
        if len(full) == 1:
            mention.bracket = mention.bracket or ("acronym", mention.beneficiary)
            mention.beneficiary = full.pop()


#: A name's words, split at spaces, apostrophes and hyphens, for its initials.
_WORDS = re.compile(r"[^\W\d_]+|\d+")
#: The small words that a name's acronym leaves out.
_SMALL = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "pour", "a", "au", "aux", "sur"}


def is_short_form(short: str, grant: GrantFact) -> bool:
    """Whether ``short`` is a short name of ``grant``'s beneficiary: its acronym, the initials of its first words
    ("GIP" of "Groupement d'intérêt public « … »", "GCS Santé Nord" of "Groupement de coopération sanitaire Santé
    Nord"); the acronym it writes in brackets, alone or with the words after it ("IREPS Nouvelle-Loire" of
    "Instance régionale … (IREPS) Nouvelle-Loire"); or its first two words or more ("Comité départemental" of
    "Comité départemental de l'Ain").

    >>> from decimal import Decimal
    >>> full = GrantFact("Instance régionale de promotion de la santé (IREPS) Nouvelle-Loire", Decimal(1), (0, 1))
    >>> [is_short_form(s, full) for s in ("IREPS Nouvelle-Loire", "IRPS", "Instance régionale", "IREPS Loire")]
    [True, True, True, False]
    """
    key, full = name_key(short), name_key(grant.beneficiary)
    if not key or key == full:
        return False
    if len(key.split()) >= 2 and full.startswith(key + " "):
        return True
    acronym, _, rest = short.partition(" ")
    if not _ACRONYM.fullmatch(acronym):
        return False
    bracketed = re.search(r"\(\s*" + re.escape(acronym) + r"\s*\)(?P<rest>.*)$", grant.beneficiary)
    if bracketed or grant.bracket == ("acronym", acronym):
        return name_key(rest) == name_key(bracketed["rest"] if bracketed else "")
    words = [w for w in _WORDS.findall(grant.beneficiary.split("(")[0]) if w.lower() not in _SMALL]
    letters = re.sub(r"[^A-Z0-9]", "", fold(acronym).upper())
    return len(words) >= len(letters) and "".join(fold(w[0]).upper() for w in words[:len(letters)]) == letters \
        and (not rest or name_key(rest) == name_key(" ".join(words[len(letters):])))


#: Where a report's list item's name ends and its description begins: a comma, then words in small letters
#: ("PASS'Santé Jeunes Valentinois, accueil santé des 16-25 ans : 3 000 €").
_DESCRIPTION_AFTER = re.compile(r",\s+(?=[a-zà-ÿ])")


def _decided_names(grants: list[GrantFact]) -> dict[str, str]:
    """The name keys of the decision's beneficiaries, each as written and as its branch (a list's "Les Petits Frères
    des Pauvres – Équipe de Valence-Sud" is read as the body, its branch in its bracket), to its beneficiary's key."""
    names: dict[str, str] = {}
    for grant in (g for g in grants if g.decision):
        key = name_key(grant.beneficiary)
        names[key] = key
        if grant.bracket and grant.bracket[0] == "branch":
            names.setdefault(name_key(grant.bracket[1]), key)
    return names


def _report_key(name: str, decided: dict[str, str]) -> str | None:
    """The key of the decision's beneficiary that a report's mention names, its description after a comma left out
    ("PASS'Santé Jeunes Valentinois, accueil santé des 16-25 ans" in the report is the decision's "PASS'Santé Jeunes
    Valentinois", whatever amount an amendment brought its grant to); None when it names none.

    >>> _report_key("PASS'Santé, accueil des 16-25 ans", {"pass sante": "pass sante"})
    'pass sante'
    """
    key = name_key(name)
    return decided.get(key) or decided.get(name_key(_DESCRIPTION_AFTER.split(name, maxsplit=1)[0]))


#: A name that is an acronym alone: "APSA", "CPTS", "UDAF 35".
_ACRONYM = re.compile(r"[A-ZÉÈ][A-ZÉÈ0-9&]{1,11}(?: \d{1,3})?")


def name_acronyms(body: str, grants: list[GrantFact]) -> None:
    """Name a mention that gives only a beneficiary's acronym ("Il est proposé d'attribuer à l'APSA …") as the
    grant whose name the text writes with that acronym in brackets after it ("à l'Association des Professionnels de
    Santé Alpha (APSA)"), when one grant only is so written: the two are one beneficiary's mentions.

    >>> from decimal import Decimal
    >>> grants = [GrantFact("APSA", Decimal(6000), (0, 1)), GrantFact("Association Alpha", Decimal(6000), (2, 3))]
    >>> name_acronyms("attribuer à l'APSA … ATTRIBUE à l'Association Alpha (APSA) 6 000 €", grants)
    >>> [g.beneficiary for g in grants]
    ['Association Alpha', 'Association Alpha']
    """
    flat = re.sub(r"\s+", " ", body)
    # an acronym that no brackets hold is written after no name: its names are not sought (a sentence of 400 grants
    # to "A1", "A2", … sought each of them after each name, 160,000 searches of the whole text)
    bracketed = {m.group(1).strip() for m in re.finditer(r"\(([^()]*)\)", flat)}
    for grant in grants:
        if not _ACRONYM.fullmatch(grant.beneficiary) or grant.beneficiary not in bracketed:
            continue
        written = re.compile(r"\s*\(\s*" + re.escape(grant.beneficiary) + r"\s*\)")
        full = {g.beneficiary for g in grants if g.beneficiary != grant.beneficiary
                and any(written.match(flat, m.end()) for m in re.finditer(re.escape(g.beneficiary), flat))}
        if len(full) == 1:
            grant.beneficiary = full.pop()


#: A footnote's call at the end of a name: figures in superscript ("AVSM¹") or asterisks ("AVSM*").
_NOTE_CALL = re.compile(r"(?<=\w)(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3})$")


def spell_out_acronyms(body: str, grants: list[GrantFact]) -> None:
    """Name a beneficiary that the text names by its acronym alone ("à l'AVSM¹ : 4 500 €") by the full name that its
    footnote ("¹ Association Valentinoise de Santé Mentale.") or a glossary's line ("AVSM : Association …") gives,
    when the acronym is that name's initials (:func:`acronym_fits`); the acronym is then a variant of it. A
    footnote's call is no part of a name either way.

    >>> from decimal import Decimal
    >>> grants = [GrantFact("AVSM¹", Decimal(4500), (0, 1))]
    >>> spell_out_acronyms("– à l'AVSM¹ : 4 500 € ;\\n___\\n¹ Association Valentinoise de Santé Mentale.", grants)
    >>> grants[0].beneficiary, grants[0].bracket
    ('Association Valentinoise de Santé Mentale', ('acronym', 'AVSM'))
    """
    for grant in grants:
        call = _NOTE_CALL.search(grant.beneficiary)
        name = grant.beneficiary = grant.beneficiary[:call.start()] if call else grant.beneficiary
        if not _ACRONYM.fullmatch(name):
            continue
        lead = re.escape(call.group(0)) if call else re.escape(name) + r"[ \t]*[:=–—]"
        note = re.search(r"(?m)^[ \t]*" + lead + r"[ \t]*(?P<full>[A-ZÉÈÀ][^\n.;,()\d]*?)[ \t]*(?:[.;,(]|$)", body)
        if note and len(note.group("full").split()) > 1 and acronym_fits(name, note.group("full")):
            grant.beneficiary, grant.bracket = note.group("full"), ("acronym", name)


def _warn_alike(grants: list[GrantFact], found: GrantsFound) -> None:
    """Warn when the prose gives one beneficiary two amounts of one nature (or of none stated) whose purposes and
    fiscal years, when both are stated, are one: an operating and an investment grant, an aid in kind and a grant,
    or a grant of 2025 and one of 2026 are two grants, but three amounts of a list that all went to the name of its
    first item are more likely a misreading."""
    by_key: dict[str, list[GrantFact]] = {}
    for grant in grants:
        by_key.setdefault(name_key(grant.beneficiary), []).append(grant)
    for alike in by_key.values():
        if not any(g.nature == h.nature and (g.purpose == h.purpose or None in (g.purpose, h.purpose))
                   and (g.year == h.year or None in (g.year, h.year))  # "2 000 € en 2025 et 3 000 € en 2026"
                   for i, g in enumerate(alike) for h in alike[i + 1:]):
            continue
        amounts = ", ".join(f"{g.amount} €" for g in alike)
        found.warnings.append((
            f"« {alike[0].beneficiary} » reçoit {len(alike)} subventions ({amounts}) que ni leur nature ni leur "
            f"objet ne distinguent : vérifier qu'elles ne reviennent pas à d'autres bénéficiaires",
            f"'{alike[0].beneficiary}' receives {len(alike)} grants ({amounts.replace(' €', '')}) that neither "
            f"their nature nor their purpose tells apart: check that they are not other beneficiaries'"))


def _words_of_one(name: str, other: str, words: dict[str, set[str]]) -> bool:
    """Whether two names share a word of four letters or more that no other beneficiary's name has."""
    key, other_key = name_key(name), name_key(other)
    shared = {w for w in words[key] & words[other_key] if len(w) >= 4}
    return bool(shared - set().union(*(w for k, w in words.items() if k not in (key, other_key))))


def _one_grant(grant: GrantFact, other: GrantFact) -> bool:
    """Whether two mentions of one beneficiary are one grant: one amount, of one nature and one fiscal year when both
    state theirs ("10 000 € pour 2024, 10 000 € pour 2025 et 10 000 € pour 2026" are three yearly grants, as three
    different amounts are)."""
    return grant.amount == other.amount and (grant.nature == other.nature or None in (grant.nature, other.nature)) \
        and (grant.year == other.year or None in (grant.year, other.year))


def _restated(mentions: list[GrantFact]) -> list[GrantFact]:
    """The distinct grants among one beneficiary's mentions: one that restates an amount already mentioned (of the
    same nature, or of none stated) lends it its nature and purpose."""
    kept: list[GrantFact] = []
    for grant in mentions:
        if same := next((k for k in kept if _one_grant(k, grant)), None):
            same.nature, same.purpose = same.nature or grant.nature, same.purpose or grant.purpose
        else:
            kept.append(grant)
    return kept


def _of_one_kind(grant: GrantFact, other: GrantFact) -> bool:
    """Whether two amounts of one beneficiary may be one grant's: of one nature and one fiscal year, or of none
    stated by one of them."""
    return (grant.nature == other.nature or None in (grant.nature, other.nature)) \
        and (grant.year == other.year or None in (grant.year, other.year))


def _without_changed(mentions: list[GrantFact]) -> list[GrantFact]:
    """One beneficiary's mentions, less those that a later one sets anew ("attribue à X une subvention de 12 000 €,
    la subvention à X étant portée à 15 000 € conformément à l'amendement n° 1": one grant of 15 000 €): the amount
    the grant had before the change, of its kind (:func:`_of_one_kind`), which lends it its nature and purpose. When
    the mentions before the change give two amounts of its kind, which one it changes is unsaid: all are kept.

    >>> from decimal import Decimal
    >>> first = GrantFact("X", Decimal(12000), (0, 1), "project", decision=True)
    >>> [str(g.amount) for g in _without_changed([first, GrantFact("X", Decimal(15000), (2, 3), set_anew=True)])]
    ['15000']
    """
    changed: set[int] = set()
    for at, new in enumerate(mentions):  # in the text's order: a change sets anew an amount said before it
        before = [g for g in mentions[:at] if g.amount != new.amount and _of_one_kind(g, new) and id(g) not in changed]
        if not new.set_anew or len({g.amount for g in before}) != 1:
            continue
        for grant in before:
            changed.add(id(grant))
            new.nature, new.purpose = new.nature or grant.nature, new.purpose or grant.purpose
    return [g for g in mentions if id(g) not in changed]


def _merge_report(grant: GrantFact, decided: list[GrantFact], found: GrantsFound) -> None:
    """Merge a report's mention into the decision's grant of its amount, else into its only one."""
    same = next((d for d in decided if _one_grant(d, grant)), None) or (decided[0] if len(decided) == 1 else None)
    if same is None or same.amount != grant.amount:
        amounts = ", ".join(f"{d.amount} €" for d in decided)
        warning = (
            f"montants différents pour « {grant.beneficiary} » : {grant.amount} € (exposé), {amounts} (décision) ; "
            f"la décision est retenue",
            f"different amounts for '{grant.beneficiary}': {grant.amount} (report), {amounts.replace(' €', '')} "
            f"(decision); the decision's is kept")
        if warning not in found.warnings:  # the report may name the amount twice (its title and its text): once
            found.warnings.append(warning)
    if same is not None:
        same.nature, same.purpose = same.nature or grant.nature, same.purpose or grant.purpose


def _beside_rows(grant: GrantFact, rows: list[GrantFact], found: GrantsFound) -> bool:
    """Whether a prose grant to a table's beneficiary is another grant than the table's rows: one the decision
    makes, of an amount and a nature that none of them has ("… ainsi qu'une subvention exceptionnelle de 500 €")."""
    if grant.amount in {r.amount for r in rows}:
        return False
    changed = [r for r in rows if r.span[0] < grant.span[0] and _of_one_kind(r, grant)]
    if grant.set_anew and len(changed) == 1:  # "…, la subvention à X étant portée à 15 000 €": the row's, changed
        found.warnings.append((
            f"« {grant.beneficiary} » : {changed[0].amount} € au tableau, porté à {grant.amount} € par le texte ; "
            f"le montant du texte est retenu",
            f"'{grant.beneficiary}': {changed[0].amount} in the table, changed to {grant.amount} by the text; the "
            f"text's is kept"))
        changed[0].amount = grant.amount
        return False
    if grant.decision and grant.nature and grant.nature not in {r.nature for r in rows}:
        return True
    amounts = ", ".join(f"{r.amount} €" for r in rows)
    found.warnings.append((
        f"« {grant.beneficiary} » : {grant.amount} € dans le texte, {amounts} au tableau ; le tableau est retenu",
        f"'{grant.beneficiary}': {grant.amount} in the text, {amounts.replace(' €', '')} in the table; the "
        f"table's is kept"))
    return False
