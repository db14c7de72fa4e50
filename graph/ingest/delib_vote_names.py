"""The members that a deliberation's vote names as voting against, abstaining or taking no part, without a count:
in a list after its label ("Ont voté contre : M. A, Mme B", :func:`count_named`), or in a clause before what they did
("Mme X et M. Y ayant voté contre", :func:`count_named_before`). Each item must be one member for the list to count:
a group's number is unknown.

Apart from :mod:`graph.ingest.delib_vote` because telling a list of members from one of groups is a task of its own.

>>> count_named("Se sont abstenus : M. ALPHA, Mme BÊTA", NAMED_ABSTAINING)
(2, (0, 37))
"""

from __future__ import annotations

import re

from graph.ingest.delib_vote_context import is_cited
from graph.ingest.french_accents import accents_optional


#: Who voted for, against or abstained, named without a count: "Ont voté pour : M. A, Mme B", "Ont voté contre :
#: M. X, Mme Y", "A voté contre : M. X", "Se sont abstenus : Mme Z, M. W", "Contre : M. X et Mme Y".
NAMED_FOR = r"(?:ont|a)\s+vot[ée]\s+pour|(?<![\w-])pour"
NAMED_AGAINST = r"(?:ont|a)\s+vot[ée]\s+contre|(?<![\w-])contre"
NAMED_ABSTAINING = r"se\s+sont\s+abstenu(?:e|s|es)?|s['’]est\s+abstenue?|abstentions?"
#: One member named with their civility ("M. SIMONIN-BARRY", "Mme Anne COHEN", "Monsieur Paul Durand"), perhaps
#: with the proxy they voted by in brackets; "MM." or "Mmes" names several, "le groupe X" a number unknown.
_ONE_MEMBER = re.compile(r"(?:M\.|Mme|Mlle|Monsieur|Madame)\s+[A-ZÀ-ÖØ-ÞŒ][\w'’.-]*"
                         r"(?:\s+(?:(?:de|du|des|la|le)\s+)*(?:d['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’.-]*){0,4}"
                         r"(?:\s*\([^()\n]{1,60}\))?")
#: One member named without civility, as a roll-call vote lists them: given names, then the family name in capitals
#: ("Olivier PELLAT", "Jean-Marc LE GALL"), perhaps with the proxy they voted by in brackets; not a group ("Groupe
#: ENSEMBLE", "Liste UNIS").
_BARE_MEMBER = re.compile(r"(?!(?i:groupes?|listes?|les?|la|élus|union|opposition|majorité)\b)"
                          r"[A-ZÀ-ÖØ-ÞŒ][a-zà-öø-ÿœ'’]+(?:[ -][A-ZÀ-ÖØ-ÞŒ][a-zà-öø-ÿœ'’]+)*"
                          r"(?:\s+[A-ZÀ-ÖØ-ÞŒ][A-ZÀ-ÖØ-ÞŒ'’-]+){1,3}(?:\s*\([^()\n]{1,60}\))?")


#: A member's aside that says they voted for another too, by proxy: "Mme FAUCHER (et par pouvoir M. BESSE)",
#: "Mme LAVAL (+ pouvoir de M. TEYSSANDIER)", "Sophie BRUNEL (et pour Franck BARNIER)" — two votes (not "M. X (pouvoir
#: à Mme Y)": X's one vote, that Y cast).
_BY_PROXY = re.compile(r"\(\s*(?:(?:\+\s*|et\s+)?(?:par\s+)?(?:pouvoirs?|procurations?)\s+(?:de\s+|d['’]\s*)?"
                       r"|et\s+pour\s+)(?-i:[A-ZÀ-Ý])", re.I)
#: A list that names no one: "ABSTENTION : néant".
_NO_ONE = re.compile(r"(?:néant|aucune?|personne)\.?", re.I)


def count_named(text: str, words: str) -> tuple[int, tuple[int, int]] | None:
    """How many members a list after ``words`` and a colon names, when each of its items is one member, with their
    civility (:data:`_ONE_MEMBER`) or without, as a roll-call vote names them (:data:`_BARE_MEMBER`), and the list
    ends its line (or goes on to the next after a comma): "Ont voté contre : M. A, Mme B, M. C" counts 3. A list
    that names anything else (a group, "MM. X et Y") counts nothing; a member who votes by proxy for another too ("(+
    pouvoir de M. X)") counts twice; "néant" counts none.

    >>> count_named("Ont voté contre : M. ALPHA, Mme BÊTA-GAMMA et M. DELTA\\nADOPTÉE", NAMED_AGAINST)[0]
    3
    >>> count_named("S'est abstenu : Olivier PELLAT.", NAMED_ABSTAINING)[0]
    1
    >>> count_named("POUR : Mme LAVAL (+ pouvoir de M. TEYSSANDIER), M. DUBOIS ;\\nABSTENTION : néant", NAMED_FOR)[0]
    3
    >>> count_named("POUR : Mme LAVAL\\nABSTENTION : néant", NAMED_ABSTAINING)[0]
    0
    >>> count_named("Se sont abstenus : le groupe Ensemble, M. ALPHA", NAMED_ABSTAINING) is None
    True
    """
    for match in re.finditer(rf"^[ \t]*(?:{words})[ \t]*:[ \t]*", text, re.I | re.M):
        end = match.end()
        # a list that a comma carries on to the next line, or an aside that the line's end cut ("Mme MOREAU" /
        # "(+ pouvoir de M. BOUYSSOU), M. ESTEVE")
        while (stop := text.find("\n", end)) >= 0 and (re.search(r"(?:,|\bet)[ \t]*$", text[match.end():stop])
                                                       or re.match(r"[ \t]*\(", text[stop + 1:])):
            end = stop + 1
        stop = text.find("\n", end)
        stop = len(text) if stop < 0 else stop
        listed = " ".join(text[match.end():stop].split()).rstrip(" .;")
        if _NO_ONE.fullmatch(listed):
            return 0, (match.start(), stop)
        items = re.split(r"\s*(?:[,;]|\bet\b)\s*(?![^()]*\))", listed)  # not within an aside: "(et par pouvoir …)"
        if items and all(_ONE_MEMBER.fullmatch(item) or _BARE_MEMBER.fullmatch(item) for item in items):
            return len(items) + sum(_BY_PROXY.search(item) is not None for item in items), (match.start(), stop)
        return None
    return None


#: What the members named before it did, in a clause of the vote's sentence: "Adopté à la majorité, Mme Claire MARTIN
#: et M. Paul DURAND ayant voté contre", "(M. X s'étant abstenu)", "Mme Y ne prenant pas part au vote".
AGAINST_AFTER = re.compile(accents_optional(r"(?<![\w'’])(?:(?:ayant|ont|a)\s+voté|vot(?:e|ent|ant))\s+contre\b"),
                           re.I)
ABSTAINING_AFTER = re.compile(accents_optional(r"(?<![\w'’])(?:s['’](?:étant|est)\s+abstenue?s?"
                                               r"|se\s+sont\s+abstenue?s?|s['’]abst(?:ient|iennent|enant))\b"), re.I)
NOT_VOTING_AFTER = re.compile(accents_optional(r"(?<![\w'’])(?:ne\s+(?:prenant|prend|prennent)\s+pas\s+part"
                                               r"|ne\s+participant\s+pas|n['’](?:a|ont)\s+pas\s+pris\s+part)"
                                               r"\s+au\s+vote\b"), re.I)
_VOTED_AFTER = re.compile("|".join(p.pattern for p in (AGAINST_AFTER, ABSTAINING_AFTER, NOT_VOTING_AFTER)), re.I)
#: What a list's item before the members may name, that makes their number unknown: a group ("le groupe X", "les
#: élus de l'opposition"), several members ("MM. X et Y"), a member not read ("M. le Maire").
_NOT_ONE_MEMBER = re.compile(r"(?:^|\s)(?:le|la|les|l['’])\s*(?:groupes?|listes?|élus|opposition)\b"
                             r"|^(?:M\.|MM\.?|Mmes|Mlle|Messieurs|Mesdames|Monsieur|Madame)\s", re.I)
#: A sentence's end: a full stop, not a civility's nor an initial's.
_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bMmes)(?<!\bMlle)(?<![\s.-][A-ZÀ-Ý])[.!?](?=\s)")


def count_named_before(text: str, words: re.Pattern) -> tuple[int, tuple[int, int]] | None:
    """How many members the clause before ``words`` names (:data:`AGAINST_AFTER`, :data:`ABSTAINING_AFTER`,
    :data:`NOT_VOTING_AFTER`), the last of them on the line of ``words``, each one member (:data:`_ONE_MEMBER`):
    "Adopté à la majorité, M. A, Mme B et M. C ayant voté contre" counts 3, with the span from the first name to
    ``words``' end. A list that names anything else before them (a group, "MM. X et Y") counts nothing, as its
    number is unknown.

    >>> text = "Adopté à la majorité, Mme Claire Martin et M. Paul Durand ayant voté contre."
    >>> count_named_before(text, AGAINST_AFTER)
    (2, (22, 75))
    >>> count_named_before("Adopté, le groupe Ensemble-Fictif et M. ALPHA ayant voté contre.", AGAINST_AFTER) is None
    True
    """
    for match in words.finditer(text):
        if is_cited(text, match.start()):
            continue
        start = _clause_start(text, match.start())
        before = text[start:match.start()]
        if not re.search(r"\S[ \t]*,?[ \t]*$", before):
            continue  # no name on the line of the words: "Ont voté contre : …" opens its own list
        items = re.split(r"\s*(?:[,;]|\bet\b)\s*", before.rstrip(" \t,"))
        named = 0
        while named < len(items) and _ONE_MEMBER.fullmatch(items[len(items) - 1 - named].strip()):
            named += 1
        if named and (named == len(items) or not _NOT_ONE_MEMBER.search(items[-1 - named].strip())):
            first = text.index(items[-named].strip(), start)
            return named, (first, match.end())
    return None


def _clause_start(text: str, at: int) -> int:
    """Where the clause that ends at ``at`` starts: at its line's start, or the start of the line above when a list of
    names goes on from it (a comma or "et" ends it); after the bracket it is in, a colon, a sentence's end or the
    clause of other members' vote ("M. A ayant voté contre, M. B s'étant abstenu").

    >>> text = "Adopté, M. A ayant voté contre et\\nM. B s'étant abstenu."
    >>> text[_clause_start(text, text.index("s'étant")):]
    " et\\nM. B s'étant abstenu."
    """
    start = text.rfind("\n", 0, at) + 1
    while start > 0 and re.search(r"(?:,|\bet)[ \t]*$", text[text.rfind("\n", 0, start - 1) + 1:start - 1]):
        start = text.rfind("\n", 0, start - 1) + 1
    if (bracket := text.rfind("(", start, at)) > text.rfind(")", start, at):
        start = bracket + 1
    start = max(start, text.rfind(":", start, at) + 1)
    for end in (*_SENTENCE_END.finditer(text, start, at), *_VOTED_AFTER.finditer(text, start, at)):
        start = max(start, end.end())
    return start
