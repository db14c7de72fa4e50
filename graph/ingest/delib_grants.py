"""The grants a deliberation decides: the facts every reader fills (:class:`GrantFact`, :class:`StatedTotal`,
:class:`GrantsFound`), and :func:`find_grants`, which runs the readers — sentences (:mod:`delib_prose`), tables
(:mod:`delib_tables`), sentences of several grants (:mod:`delib_several`) — then merges and checks what they found.

Tables (``| … |`` rows, or the flattened rows of a PDF) give one grant per row, names wrapped over several lines
joined, nature codes (F, I, P, M) read; "Total" rows are stated totals, never grants (DATA-FORMATS.md pitfalls 13
and 23).

>>> found = find_grants("La Ville décide d'attribuer une subvention de 1 500 € à l'association Les Amis du Vélo.")
>>> [(g.beneficiary, g.amount) for g in found.grants]
[('Les Amis du Vélo', Decimal('1500'))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from graph.ingest.delib_bare_names import bare_name, branch_before, listed_branch, without_civility
from graph.ingest.delib_grant_words import NATURE_WORDS
from graph.ingest.delib_recipients import title_beneficiary
from graph.ingest.french import fold


#: "la somme de 3 000" with no currency after it (not "3 000 €", "3 000 euros", "3 000 F CFP", "3 000 000 de
#: francs"): :func:`bare_sums`.
_BARE_SUM = re.compile(r"\bla\s+somme\s+de\s+(?P<num>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|"
                       r"\d{3,}(?:,\d{1,2})?)(?![\d,.]\d)"
                       r"(?!\s*(?:€|euros?\b|EUR\b|k€|F\b|FCFP|XPF|CFP|francs?\b|de\s+francs|%|\d))", re.I)
#: A sentence that plainly grants an amount: "DÉCIDE de verser à l'association X la somme de …".
_GRANTING = re.compile(r"\b(?:attribu|vers[eé]|allou|accord[eé]|octroi|octroy)\w*\b[^.;:]*\b(?:à|au|aux)\s", re.I)


def bare_sums(body: str) -> tuple[str, list[tuple[str, str]]]:
    """``body`` with "€" after each "la somme de 3 000" that names no currency in a sentence that plainly grants it
    ("DÉCIDE de verser à l'association X la somme de 3 000 au titre de 2025"), its length kept so that nothing else
    moves in the text; and a warning for each such sum, read as euros or not.

    >>> text, said = bare_sums("DÉCIDE de verser à l'association X la somme de 3 000 au titre de 2025.")
    >>> text, said[0][1]
    ("DÉCIDE de verser à l'association X la somme  3 000 € au titre de 2025.", "amount with no currency: '3 000', \
read as euros in a sentence that grants it")
    >>> len(text) == len("DÉCIDE de verser à l'association X la somme de 3 000 au titre de 2025.")
    True
    >>> bare_sums("Le coût s'élève à la somme de 3 000 pour l'année.")[1][0][1]
    "amount with no currency: '3 000', no grant read from it"
    """
    notes: list[tuple[str, str]] = []

    def euros(match: re.Match) -> str:
        num = match.group("num")
        before = re.split(r"[.;:!?]", body[max(0, match.start() - 300):match.start()])[-1]
        if _GRANTING.search(before):
            notes.append((f"montant sans devise : « {num} », lu en euros dans une phrase qui l'attribue",
                          f"amount with no currency: '{num}', read as euros in a sentence that grants it"))
            # the same length, so that nothing moves in the text: "la somme de 3 000" is read as "la somme  3 000 €"
            return re.sub(r"de(\s+)$", r"\1", match.group(0)[:match.start("num") - match.start()]) + num + " €"
        notes.append((f"montant sans devise : « {num} », aucune subvention n'en est tirée",
                      f"amount with no currency: '{num}', no grant read from it"))
        return match.group(0)

    return _BARE_SUM.sub(euros, body), notes


@dataclass
class GrantFact:
    """One grant read from the text; ``span`` is its evidence (start, end) in the body."""

    beneficiary: str
    amount: Decimal
    span: tuple[int, int]
    nature: str | None = None
    purpose: str | None = None
    decision: bool = False
    table: bool = False
    cancelled: bool = False  # "annule la subvention de 1 500 € attribuée à X": a grant undone, not made
    part: bool = False  # an instalment or a share of a grant: "un acompte de 1 500 €", "dont 8 000 € en 2024"
    ceiling: bool = False  # a rate's ceiling read as the grant: "à hauteur de 50 % …, plafonnée à 10 000 €"
    yearly: bool = False  # a yearly amount read as the grant of one year: "10 000 € par an de 2025 à 2027"
    set_anew: bool = False  # the amount a change sets, in place of one the act gave: "…, la subvention étant portée à"
    listed: bool = False  # read from a list's item below the lead that grants: "- France Parkinson : 1 100 €"
    identifier: str | None = None  # a table's SIRET, SIREN or RNA cell on the beneficiary's row
    account: str | None = None  # the budget account its own row or block names ("Imputation : 65 - 6574")
    year: int | None = None  # the fiscal year its own clause names ("… à l'association X au titre de 2025")
    bracket: tuple[str, str] | None = None  # what a bracket after the name as read said: its acronym or a gloss


@dataclass
class StatedTotal:
    """A total the text states (a table's "Total" row, "pour un montant total de …") and whether it reconciles."""

    amount: Decimal
    span: tuple[int, int]
    label: str
    reconciled: bool = False


@dataclass
class GrantsFound:
    grants: list[GrantFact] = field(default_factory=list)
    totals: list[StatedTotal] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    tables: list[tuple[int, int]] = field(default_factory=list)  # the spans of tables aligned with spaces
    unread_table: str | None = None  # the head of a table of amounts none of whose columns was read as the grants'


#: A list's lead sentence that tells of grants made before ("a attribué les subventions suivantes :").
PAST = re.compile(r"\ba\s+(?:été\s+)?(?:attribué|versé|accordé|alloué)|\bavai(?:t|ent)\b|précédemment", re.I)
#: Aid in kind, valued in euros: "une aide en nature … valorisée à 2 400 €" (the amount is its value, not a payment).
IN_KIND = re.compile(r"\b(?:aides?|avantages?|soutiens?|subventions?|contributions?|concours)\s+en\s+nature\b", re.I)


#: A grant's word and the word after it, that may name its nature (in folded text): "subvention de fonctionnement",
#: "subvention exceptionnelle d'investissement", "fonds de concours en investissement".
#: An adjective may come between them: "subvention annuelle de fonctionnement"; "sur projet" names one too.
_GRANT_OF = re.compile(r"(?:subventions?|fonds\s+de\s+concours)\s+(?:(?:exceptionnelle|annuelle|forfaitaire|"
                       r"complementaire|globale|communale|municipale|regionale|departementale|intercommunale|"
                       r"metropolitaine|communautaire)s?\s+(?=(?:d['’]?|de\s+)"
                       r"(?:investissement|equipement|fonctionnement)\b))?(?:de\s+|en\s+|sur\s+|d['’]?(?=[aeiouh]))?"
                       r"(\w+(?:\s+a\s+disposition)?)")


# Each grant of a sentence of several asks for its sentence's nature: read once (a sentence of 400 grants folded and
# read 400 times).
@lru_cache(maxsize=16)
def nature_in(text: str) -> str | None:
    if IN_KIND.search(text):
        return "in-kind"
    folded = fold(text)
    # The first grant's word that names one (:data:`_GRANT_OF`; folding drops a curly apostrophe: "dinvestissement"):
    # a title above may name the grant without it ("2024-17 : Subvention à l'association X" / "… décide d'attribuer
    # une subvention de fonctionnement de 1 800 €").
    words = (word if word in NATURE_WORDS else word[:-1] if word.endswith("s") else word  # "exceptionnelles"
             for word in _GRANT_OF.findall(folded))
    word = next((word for word in words if word in NATURE_WORDS), "")
    if word not in NATURE_WORDS:  # a list's line of fields: "Commune de X – extension de la MSP – investissement –"
        fields = {NATURE_WORDS[fold(w)] for w in _NATURE_FIELD.findall(text)}
        # or the scheme that the grant is under: "au titre de l'aide régionale à l'investissement"
        fields = fields or {NATURE_WORDS[w] for w in _AID_FOR.findall(folded)}
        # or what it pays for: "au titre de son fonctionnement", "pour leur fonctionnement"
        fields = fields or {NATURE_WORDS[w] for w in _FOR_ITS.findall(folded)}
        return fields.pop() if len(fields) == 1 else None
    return NATURE_WORDS.get(word)


#: An aid scheme named by what it funds (in folded text): "l'aide régionale à l'investissement", "aide à
#: l'équipement", "aides au fonctionnement".
_AID_FOR = re.compile(r"\b(?:aides?|soutiens?|subventions?)(?:\s+(?:regionale|departementale|communale|"
                      r"intercommunale|metropolitaine|communautaire)s?)?\s+(?:a\s+l['’]?\s*|au\s+)"
                      r"(investissement|equipement|fonctionnement)\b")
#: The beneficiary's own running or equipment that a grant pays for (in folded text): "au titre de son
#: fonctionnement", "pour leur fonctionnement", "pour son équipement".
_FOR_ITS = re.compile(r"\b(?:au\s+titre\s+de|pour)\s+(?:son|leur)\s+(fonctionnement|equipement|investissement)\b")
#: A nature word that a list's line gives as a field of its own, between dashes before the amount.
_NATURE_FIELD = re.compile(r"(?<=[–—-] )(fonctionnement|investissement|[ée]quipement)(?= [–—-] )", re.I)


#: A row's or an item's label that names a period only, in folded text: the lines of a schedule of one grant over
#: several years ("Exercice 2025 ........ 8 000 €", "Année 2026", "2027", "Année N+1", "2e année"), no beneficiary.
_PERIOD_ONLY = re.compile(r"(?:(?:exercices?|annees?|budgets?|saisons?|campagnes?)(?:\s+(?:budgetaire|civile|"
                          r"scolaire))?\s+)?(?:(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?|n(?:\s*[+-]\s*\d)?)|"
                          r"(?:1(?:re|ere|er)|[2-9](?:e|eme))\s+annee|annee\s+[1-9]")

def names_a_period(name: str) -> bool:
    """Whether a grant's ``name`` is a period's only (:data:`_PERIOD_ONLY`): a schedule's line, no beneficiary.

    >>> names_a_period("Exercice 2025"), names_a_period("Club 2025")
    (True, False)
    """
    return bool(_PERIOD_ONLY.fullmatch(fold(name).strip()))


#: A row's or an item's label that is no beneficiary but a count of the session's members, in folded text: "Votants :",
#: "Délégués présents :", "… Membres en exercice :" (a "label : 19" line read as a row), or a rate ("30 %").
_NO_BENEFICIARY = re.compile(r"(?:.*\s)?(?:nombre\s+(?:de\s+|d')?)?(?:(?:membres|conseill\w+|delegues|elus|"
                             r"administrateurs)(?:\s+\w+)?\s+)?(?:en\s+exercice|presents?|representes?|votants?|"
                             r"pouvoirs?|procurations?|absents?(?:\s+excuses?)?|excuses?|suffrages(?:\s+exprimes)?|"
                             r"exprimes|quorum|abstentions?|bulletins?\s+(?:blancs?|nuls?)(?:\s+(?:et|ou)\s+nuls?)?)"
                             r"\s*:|(?:pour|contre|abstentions?|votants?|presents?)\s*:?|\d{1,3}(?:[,.]\d{1,2})?\s*%")


def _branches_before(body: str, grants: list[GrantFact]) -> None:
    """Give the grants to a body's branch named in small letters before it ("à l'antenne gardoise de la Ligue contre
    le cancer") that branch as their bracket, as "Ligue contre le cancer – comité du Gard" gets its own: the grants
    of one clause that name the body, in the order the clause names it."""
    clauses: dict[tuple[tuple[int, int], str], list[GrantFact]] = {}
    for grant in grants:
        if grant.bracket is None and grant.beneficiary:
            clauses.setdefault((grant.span, grant.beneficiary), []).append(grant)
    for ((start, end), name), named in clauses.items():
        places = _places(body[start:end], name)
        if not places:
            continue
        for grant, at in zip(named, places if len(places) == len(named) else [places[0]] * len(named)):
            if said := branch_before(body[max(0, start + at - 120):start + at], name):
                grant.bracket = ("branch", said)


def _places(text: str, name: str) -> list[int]:
    """Where ``name`` is written in ``text``, each place after the end of the one before, as ``re.finditer`` finds
    it: without a pattern of each beneficiary's name, 1,538 for the 1,112 texts of the 100k-actor corpus, which
    filled the ``re`` module's cache (512 patterns) and made it compile the reader's own patterns again.

    >>> _places("AAA et AA", "AA")
    [0, 7]
    """
    places, at = [], text.find(name)
    while at >= 0:
        places.append(at)
        at = text.find(name, at + len(name))
    return places


def _distinct_branches(grants: list[GrantFact]) -> None:
    """Give back their branch to the grants of one body's branches that one deliberation tells apart ("Restos du
    Cœur – antenne de Luzech" and "– antenne de Cahors"): without it they would be one beneficiary's."""
    said: dict[str, set[str | None]] = {}
    for grant in grants:
        said.setdefault(grant.beneficiary, set()).add(grant.bracket[1] if grant.bracket and grant.bracket[0] ==
                                                      "branch" else None)
    for grant in grants:
        if grant.bracket and grant.bracket[0] == "branch" and len(said[grant.beneficiary]) > 1:
            grant.beneficiary, grant.bracket = grant.bracket[1], None


def find_grants(body: str, title: str = "") -> GrantsFound:
    """Return the grants decided in ``body``, the totals it states, and warnings on what does not add up."""
    from graph.ingest.delib_capitals import as_written, in_small_letters
    from graph.ingest.delib_grant_checks import announced, apply_amendment, check_words, opinion_only, reconcile

    written, body = body, in_small_letters(body)  # an operative part in capitals, read in small letters
    found = GrantsFound()
    grants, totals, several = _read_grants(body, title, found)
    _merge_grants(body, found, grants, totals, several)
    for grant in found.grants:  # each name as the text writes it
        grant.beneficiary = as_written(written, body, grant.beneficiary, grant.span)
    if opinion_only(body, found):  # the amounts are another body's grants: nothing to check them against
        return found
    check_words(body, found)
    apply_amendment(body, found)  # a table adopted as amended: the amendment's amounts, before totals are checked
    reconcile(found, body)
    announced(body, found)
    return found


def _read_grants(body: str, title: str, found: GrantsFound) -> tuple[list[GrantFact], list, list[GrantFact]]:
    """Read the grants of ``body``'s tables into ``found``, and return those of its prose, the totals it states and
    its sentences of several grants, each named as the text names it; warn of what is read but not whose."""
    from graph.ingest.delib_ceilings import decision_start, unread_ceilings
    from graph.ingest.delib_mentions import name_acronyms, spell_out_acronyms
    from graph.ingest.delib_prose import prose_grants, unnamed_items
    from graph.ingest.delib_tables import table_grants

    table_grants(body, found)
    unnamed: list[tuple[int, int, Decimal]] = []  # a granting list's items whose beneficiary was not read
    grants, totals = prose_grants(body, title_beneficiary(title), found.tables, unnamed)
    _warn_ceilings_and_years(body, grants, found)
    several = _several_grants(body, found)
    # A sentence of several grants is read whole: the prose reading of its amounts one by one gives way.
    grants = [g for g in grants if not any(s.span[0] <= g.span[0] < s.span[1] or g.span[0] <= s.span[0] < g.span[1]
                                           for s in several)]
    found.warnings += unnamed_items(body, unnamed, found.grants + grants + several)
    # a rate of a cost with a ceiling whose beneficiary or ceiling was not read: said, not dropped
    found.warnings += unread_ceilings(body, decision_start(body), [g.span for g in found.grants + grants + several]
                                      + [(start, end) for start, end, _ in unnamed])
    _own_names(body, found.grants + grants + several)
    found.grants = [g for g in found.grants if not _PERIOD_ONLY.fullmatch(fold(g.beneficiary))
                    and not _NO_BENEFICIARY.fullmatch(fold(g.beneficiary).strip())]
    _branches_before(body, found.grants + grants + several)
    _distinct_branches(found.grants + grants + several)
    spell_out_acronyms(body, found.grants + grants + several)
    name_acronyms(body, found.grants + grants + several)
    return grants, totals, several


def _merge_grants(body: str, found: GrantsFound, grants: list[GrantFact], totals: list,
                  several: list[GrantFact]) -> None:
    """Merge into ``found`` the prose's ``grants``, ``totals`` and ``several`` grants of a sentence, a draft's or an
    amended list's left out, cancelled grants cancelled, natures stated apart given, totals rows summed."""
    from graph.ingest.delib_grant_checks import cancel
    from graph.ingest.delib_mentions import merge_prose
    from graph.ingest.delib_several import each_totals
    from graph.ingest.delib_stated_natures import record_natures, referred_natures
    from graph.ingest.delib_superseded import drop_superseded
    from graph.ingest.delib_total_rows import summed_total_rows

    # a draft's list, an amendment's words: the decision's grants and total replace theirs
    drop_superseded(body, [found.grants, grants, several], [found.totals, totals])
    merge_prose([g for g in grants if not g.cancelled] + several, found)
    record_natures(body, found.grants)  # "Bénéficiaire : X" / "Nature : investissement" in the exposé
    referred_natures(body, found.grants)  # "ATTRIBUE les aides d'investissement détaillées ci-dessus"
    cancel([g for g in grants if g.cancelled], found)
    # (a total that a table's reader read, "TOTAL 16 000 €", is one total, though the prose reads its line too; so
    # is the total below a "chacune" list's names)
    for total in totals + each_totals(body):
        if not any(s <= total.span[0] and total.span[1] <= e for s, e in [t.span for t in found.totals]):
            found.totals.append(total)
    summed_total_rows(body, found)  # a table's "Total" row that no reader read, when it sums the rows above it
    drop_superseded(body, [found.grants], [found.totals])  # (a draft's list's "Total" row among them)


def _warn_ceilings_and_years(body: str, grants: list[GrantFact], found: GrantsFound) -> None:
    """Warn of the grants that the prose reads at a rate's ceiling, and of those it reads as one year's of several."""
    from graph.ingest.delib_ceilings import ceiling_warning
    for grant in grants:
        if grant.ceiling and not grant.cancelled:
            found.warnings.append(ceiling_warning(body, grant.beneficiary, grant.amount, grant.span))
        if grant.yearly and not grant.cancelled:
            found.warnings.append((f"montant annuel : « {grant.beneficiary} » reçoit {grant.amount} € par an ; la "
                                   "subvention lue est celle d'une année, les suivantes relèvent des budgets à venir",
                                   f"yearly amount: '{grant.beneficiary}' receives {grant.amount} a year; the grant "
                                   "read is one year's, the later ones are for the budgets to come"))


def _several_grants(body: str, found: GrantsFound) -> list[GrantFact]:
    """The grants of the sentences of ``body`` that make several at once (:mod:`graph.ingest.delib_several`); the
    warnings of an amount shared out go to ``found``."""
    from graph.ingest.delib_several import (each_grants, inline_grants, one_beneficiary_grants, respective_grants,
                                            shared_grants)
    shared, shares = shared_grants(body)  # "5 000 € à répartir à parts égales entre A et B": each its share
    found.warnings += shares
    return each_grants(body) + respective_grants(body) + inline_grants(body) + one_beneficiary_grants(body) + shared


def _own_names(body: str, grants: list[GrantFact]) -> None:
    """However each grant was read, its beneficiary's own name: without civility, acronym, gloss or project in
    brackets (kept on the grant), a branch's listed line under its body's name, a commune's under a canton."""
    from graph.ingest.delib_item_names import commune_named, under_canton
    for grant in grants:
        grant.beneficiary, kind, said = bare_name(without_civility(grant.beneficiary))
        if kind is None and grant.listed and (whole := listed_branch(grant.beneficiary)):
            grant.beneficiary, kind, said = whole, "branch", grant.beneficiary  # "– Comité du Rhône" in a list
        grant.bracket = (kind, said) if kind in ("acronym", "gloss", "branch") else None
        grant.purpose = said if kind == "project" and not grant.purpose else grant.purpose
        if grant.listed and under_canton(body, grant.span[0]):  # "Canton de X" / "  Désaignes – …": a commune
            grant.beneficiary = commune_named(grant.beneficiary)
