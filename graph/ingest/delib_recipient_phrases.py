"""The beneficiary a sentence names for an amount: "à X", "au profit de X", "en faveur de X", "l'association X", a kind
in small letters then a name ("au centre social Les Tilleuls"). Each "à X" of a sentence is found and judged once,
then weighed for each of its amounts: the amount's own clause first, the nearest first, an aside left out.

Apart from :mod:`delib_recipients` (the other wordings that say whom a grant goes to) because this is the one reader
that weighs all the phrases of a sentence against all its amounts, with the caches that keep a sentence of many
grants linear; the names it reads end and are cleaned as :mod:`delib_recipient_names` says.

>>> beneficiary_in("La Ville décide d'attribuer une subvention de 1 500 € à l'association Les Amis du Vélo.", 58)
'Les Amis du Vélo'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from graph.ingest.delib_clauses import next_clause, where_clause_starts
from graph.ingest.delib_grant_words import DESCRIPTION_AFTER_NAME, GRANT_WORD, OPERATION_AFTER_NAME
from graph.ingest.delib_item_names import COOPERATIVE
from graph.ingest.delib_lists import BULLET
from graph.ingest.delib_recipient_names import KIND_OF, NAME_END, clean_name, name_going_on
from graph.ingest.french import AMOUNT_RE, fold

#: An association named by what it gathers, in small letters: "à l'association des parents d'élèves".
#: Up to two words in small letters may say what it does first: "à l'association gestionnaire du Centre de santé de
#: Balagne" — not an article, which opens the grant's words after an association left unnamed ("à l'association une
#: subvention de fonctionnement": :func:`graph.ingest.delib_antecedents.this_association` tells which one).
_ASSOCIATION_OF = (r"association\s+(?:(?!(?:une?|la|le|les|sa|son|ses|leur|leurs|cette|ce)\s)[a-zà-ÿ]+\s+){0,2}?"
                   r"(?:des\s+|du\s+|de\s+|d['’])(?=\w)")
#: A body's branch named in small letters before the body, with up to two words that say which one: "l'antenne
#: gardoise de la Ligue contre le cancer", "la section locale du Secours Populaire". The beneficiary is labelled
#: by the body, as "Ligue contre le cancer – comité du Gard" is (:func:`graph.ingest.delib_bare_names.bare_name`), so
#: that both wordings name one beneficiary. A branch named by its place first ("l'antenne de Luzech des Restos du
#: Cœur") is not read: the place would be taken for the body; nor is a budget's section ("imputée à la section
#: fonctionnement du Budget principal").
_BRANCH_OF = (r"(?:antennes?|sections?|d[ée]l[ée]gations?|unit[ée]s?|branches?)"
              r"(?:\s+(?!(?:de|des|du|la|le|les|et|en|au|aux|à|pour|sur|fonctionnement|investissement)\b)"
              r"[a-zà-ÿ-]+){0,2}"
              r"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+)(?=[A-ZÉÈÀ])")
#: "a" for "à", as texts typed without accents write it ("une subvention de 900 € a l'association des parents
#: d'eleves"), only before what names a beneficiary (:data:`_A_BEFORE` tells it from the verb avoir).
_A_FOR_À = (r"(?<![\w'’-])a(?=\s+(?:l['’](?:association\b|[A-ZÉÈ])|la\s+(?:commune|ville|structure)\s+d|"
            r"(?:la|le)\s+[A-ZÉÈ]|(?:la\s+|l['’])(?=" + KIND_OF + r"|" + _BRANCH_OF + r")))")
#: What may come between "l'association" and its name: "l'association dite « Les Copains du Lot »", or a word in
#: small letters that says its kind: "l'association étudiante Nightline X", "l'association sportive Le Réveil".
_CALLED = (r"(?:dite\s+|dénommée\s+|appelée\s+|(?!(?:de|des|du|la|le|les|pour|par|et|en|au|aux|sur|avec|qui|dont|"
           r"est|a)\s)[a-zà-ÿ]{3,}\s+(?=[A-ZÉÈÀ«\"]))?")
_BENEFICIARY = re.compile(
    r"(?:\bà|" + _A_FOR_À + r"|\bau\s+profit\s+de|\ben\s+faveur\s+de|\bau\s+bénéfice\s+de|\bbénéficiaire\s*:)\s+"
    r"(?:l['’]association\s+" + _CALLED + r"|la\s+structure\s+|la\s+société\s+|" + COOPERATIVE + r"|l['’](?=[A-ZÉŒ])|"
    r"(?:la\s+|l['’])" + _BRANCH_OF + r"|"
    r"la\s+(?=[A-ZÉ])|le\s+(?=[A-ZÉ])|"
    r"la\s+(?=(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉ])|l['’](?=" + _ASSOCIATION_OF + r")|"
    r"(?:la\s+|l['’])(?=" + KIND_OF + r")|"
    r"(?<=à)\s*(?=[A-ZÉ]))?(?P<name>(?:[A-ZÉÈÀŒ«\"0-9]|(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉ]|"
    + _ASSOCIATION_OF + r"|(?<=\sla\s)" + KIND_OF + r"|(?<=l['’])" + KIND_OF + r")[^\n]*?)" + NAME_END
    # "au profit du Groupe d'entraide mutuelle Les Tilleuls", "en faveur des Petits Frères des Pauvres": as "au X"
    + r"|(?P<au>(?:\b(?:au\s+profit|en\s+faveur|au\s+bénéfice)\s+d(?:u|es)|\bau(?:x)?)\s+"
    r"(?P<name2>(?:[A-ZÉÈÀ]|(?:(?<=au\s)|(?<=du\s)|(?<=des\s))" + KIND_OF + r")[^\n]*?)" + NAME_END + r")")
ASSOCIATION_CALLED = re.compile(r"l['’](?:association\s+" + _CALLED
                                + r"|(?=Association\s))(?P<name>[A-ZÉÈÀ«\"0-9][^\n]*?)" + NAME_END)


#: The word before an "à" that is part of a name ("Club Nautique des Bassins à Flot", "Maison à Colombages",
#: "Aide à Domicile"): a word in capitals and small letters, not one that opens a grant's sentence ("Subvention à
#: Club X", "Attribue à …") unless it follows "de" in the name ("Association d'Aide à Domicile") or is the "Aide" that
#: opens a list item (:data:`_NAME_OPENS_ITEM`).
_NAME_WORD_BEFORE = re.compile(r"(?:(?P<link>\bd['’]|\bde\s+)|(?<![\w'’-]))(?P<word>[A-ZÉÈÀÂÎÔ][a-zà-ÿ][\w'’-]*)\s+$")
_OPENING_WORD = re.compile(r"(?:subventions?|aides?|participations?|contributions?|dotations?|allocations?|fonds|"
                           r"soutiens?|primes?|versements?|attribu\w*|accord\w*|allou\w*|verse\w*|octroi\w*|"
                           r"decid\w*|propos\w*)")


#: What an unaccented "a" follows when it stands for "à": an amount, a granting verb or a grant's word, or a list's
#: punctuation, bullet ("  * a la Ligue contre le cancer, …") or line start — never a subject, as the verb avoir does
#: ("L'association a la Présidence du comité").
_A_BEFORE = re.compile(r"(?:(?:€|euros?|\d)[ \t)]*|[,:;(]|^|\n|(?:^|\n)[ \t]*" + BULLET + r"|\bet|"
                       r"\b(?:attribu|allou|vers|accord|octroy|propos|destin)\w*|" + GRANT_WORD.pattern + r")\s*$",
                       re.I)


def _avoir(sentence: str, match: re.Match) -> bool:
    """Whether a beneficiary's unaccented "a" is rather the verb avoir: what it follows is no grant's."""
    return bool(re.match(r"a\s", match.group(0))) and not _A_BEFORE.search(sentence, max(0, match.start() - 40),
                                                                     match.start())


#: A list item's name that opens it, up to an "au"/"aux" inside it: after its bullet, words with no punctuation, the
#: first and the last before the "au" in capitals ("- Association Penthièvre Accès aux Soins : 3 000 €").
_ITEM_NAME_BEFORE_AU = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?(?:l['’]|la\s+|le\s+|les\s+)?"
                                  r"(?P<first>[A-ZÀ-ÝŒ][\w'’-]*)"
                                  r"(?:[^\n,:;€()«»]*?(?<![\w-])[A-ZÉÈÀÂÎÔ][a-zà-ÿ][\w'’-]*)?\s+")


def _inside_name(sentence: str, match: re.Match) -> bool:
    """Whether a beneficiary's "à" with no article after it ("à Flot-Fictif") is rather inside a name that goes on
    from the word before it ("… des Bassins à Flot-Fictif"): a grant's "à" follows an amount, a verb or a grant's
    words, all in small letters ("1 500 € à Club X", "versée à Club X"). So is an "au"/"aux" inside the name that
    opens a list's item ("- Association Accès aux Soins : 3 000 €", "- France Victimes Aide aux Victimes : 900 €"),
    unless the item opens with a grant's word or verb ("- Subvention au Club X : 500 €", "- Aide aux Restos : 90 €").

    >>> item, paid = "- Association Accès aux Soins : 3 000 €", "- Versement au Club X : 500 €"
    >>> _inside_name(item, _BENEFICIARY.search(item)), _inside_name(paid, _BENEFICIARY.search(paid))
    (True, False)
    """
    if re.match(r"aux?\s+[A-ZÉÈÀ]", match.group(0)):
        item = _ITEM_NAME_BEFORE_AU.fullmatch(sentence, 0, match.start())
        return item is not None and not _OPENING_WORD.fullmatch(fold(item.group("first")))
    if not re.match(r"à\s+[A-ZÉÈÀ]", match.group(0)):
        return False
    before = _NAME_WORD_BEFORE.search(sentence, max(0, match.start() - 60), match.start())
    return bool(before) and (bool(before.group("link")) or not _OPENING_WORD.fullmatch(fold(before.group("word")))
                             or (before.group("word") == "Aide"
                                 and _NAME_OPENS_ITEM.fullmatch(sentence, 0, before.start("word")) is not None))


#: What comes before a name that opens a list item: its bullet. There, "Aide" with its capital, before "à" and words
#: in capitals, is a name's first word ("- Aide à Domicile en Milieu Rural – Fédération de la Loire : 3 500 €"), not
#: a grant's ("Aide à …" in a sentence).
_NAME_OPENS_ITEM = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?")



#: What opens an aside about a beneficiary named before it: "l'association X, qui assure des consultations … à
#: Gignac, une subvention …", "…, pour les permanences de son unité mobile …,".
_ASIDE_OPENS = re.compile(r",\s*(?:qui|dont|où|lequel|laquelle|lesquels|lesquelles|pour|afin)\b[^,;]*$", re.I)


#: A name, then a spaced dash and words in small letters that describe the project.
_DESCRIBED = re.compile(r"[\w)»]\s+[–—-]\s+[a-zà-ÿ]")


def _quoted_with(sentence: str, at: int, anchor: int) -> bool:
    """Whether the guillemets open at ``at`` also hold the amount at ``anchor``: a passage the text quotes, such as
    the new words of an amended article ("modifie l'article 2 … comme suit : « une subvention de 3 500 € est
    attribuée à la Maison des Adolescents »"), where "à X" is the grant's, not a title's.

    >>> _quoted_with("comme suit : « une subvention de 3 500 € est attribuée à la Maison X »", 55, 33)
    True
    >>> _quoted_with("au festival « Jazz à Vienne » une aide de 500 €", 19, 42)
    False
    """
    opened = sentence.rfind("«", 0, at)
    return 0 <= opened < anchor and "»" not in sentence[opened:anchor]


# The brackets and the guillemets open before each offset of a sentence, counted once: each of its amounts asks
# about each "à X" of it (200 grants in one sentence: 3.6 s, when each asked counted them again).
@lru_cache(maxsize=8)
def _open_before(sentence: str) -> tuple[list[int], list[int]]:
    """For each offset of ``sentence``, how many more brackets and how many more guillemets open than close before
    it."""
    return (list(accumulate(((c == "(") - (c == ")") for c in sentence), initial=0)),
            list(accumulate(((c == "«") - (c == "»") for c in sentence), initial=0)))


def _aside(sentence: str, match: re.Match, clause_start: int, anchor: int) -> bool:
    """Whether a beneficiary's "à X" is rather in an aside of the sentence: in brackets or guillemets not closed
    before it ("… Claires-Fontaines (séjour à Chausey, 48 élèves) : 1 440 €", "le festival « Jazz aux Sommets »":
    a place, a title), or in a clause between commas that says more of a beneficiary named before it, ahead of
    the amount ("à l'association X, qui assure des consultations à Gignac, une subvention de …").

    >>> sentence = "accorde à l'association X, qui consulte à Gignac, une aide de 500 €"
    >>> _aside(sentence, _BENEFICIARY.search(sentence, 20), 0, 60)
    True
    """
    brackets, guillemets = _open_before(sentence)
    if brackets[match.start()] > 0 or (guillemets[match.start()] > 0
                                       and not _quoted_with(sentence, match.start(), anchor)):
        return True
    # A place in the project that a dash describes after the name: "Association X (LBES) – forage et château d'eau
    # à Koudougou (Burkina Faso) : 14 000 €".
    # So is a place that the operation described after a comma names: "SISA X, construction d'une maison de santé à
    # Villefranche-Lauragais (dossier n° …) : subvention de 250 000 €".
    if re.match(r"à\s+[A-ZÉÈÀ]", match.group(0)) and (_DESCRIBED.search(sentence, clause_start, match.start())
                                                     or OPERATION_AFTER_NAME.search(sentence, clause_start,
                                                                                    match.start())):
        return True
    if _in_item_description(sentence, match, anchor):
        return True
    # (only the last comma before the name may open the aside: sought from it, not through the whole clause)
    return match.start() < anchor and sentence.find(",", match.end(), anchor) >= 0 \
        and (comma := sentence.rfind(",", clause_start, match.start())) >= 0 \
        and bool(_ASIDE_OPENS.match(sentence, comma, match.start()))


#: A list item's name at its start, up to the comma after which it describes what the body does or what its grant
#: pays for (:data:`DESCRIPTION_AFTER_NAME`): "* Les Blouses Roses – comité de Pau, animations à l'EHPAD de X : 750 €".
_ITEM_NAME_THEN_DESCRIPTION = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?(?:l['’]|la\s+|le\s+|les\s+)?"
                                         r"[A-ZÀ-ÝŒ«\"0-9][^,\n:;€]*?" + DESCRIPTION_AFTER_NAME.pattern)
#: The separator between a list item's words and its amount at the end: a colon, dot leaders, a dash.
_ITEM_AMOUNT_AFTER = re.compile(r"(?:[ \t]:|\.{3,}|…|[ \t][–—-])[ \t]*$")


def _in_item_description(sentence: str, match: re.Match, anchor: int) -> bool:
    """Whether a beneficiary's "à X" is in the description that a list item writes after its name and a comma, before
    its amount ("* Les Blouses Roses – comité de Pau, animations à l'EHPAD de Morlaàs : 750 €"): the place of what the
    grant pays for, the item's beneficiary being the name before the comma.

    >>> item = "* Les Blouses Roses, animations à l'EHPAD de Morlaàs : 750 €"
    >>> _in_item_description(item, _BENEFICIARY.search(item), 54)
    True
    """
    item = _ITEM_NAME_THEN_DESCRIPTION.match(sentence)
    return item is not None and item.end() <= match.start() < anchor \
        and bool(_ITEM_AMOUNT_AFTER.search(sentence, match.end(), anchor))


#: What follows the body a proposal is addressed to, not a beneficiary: "Il est proposé au Conseil municipal
#: d'attribuer à l'APSA …", "il est demandé au Bureau de bien vouloir …" — the verb it is asked to decide.
_ADDRESSED = re.compile(r"\s*(?:d['’](?:attribuer|allouer|accorder|octroyer|approuver|autoriser|adopter)|"
                        r"de\s+(?:verser|lui|leur|bien\s+vouloir|se\s+prononcer|signer|valider|décider|délibérer))\b",
                        re.I)


#: The deliberating body that a proposal asks to decide, its verb read into the name: "Il est proposé au Conseil
#: municipal de ramener la subvention 2024 de 5 000 € à 3 500 €", "… à l'Assemblée de porter …" — the body, then
#: "de" and a verb in the infinitive. The body that deliberates is never the beneficiary.
_ASKED_TO_DECIDE = re.compile(r"(?:Conseil|Bureau|Comit[ée]\s+syndical|Commission\s+permanente|Assembl[ée]e)\b[^,;]*?"
                              r"\s(?:de\s+|d['’])(?:[a-zà-ÿ]+(?:er|ir|re))")


#: What opens the clause, after a grant, that tells the total it brings its beneficiary's grant to: ", portant la
#: subvention 2025 au CCAS de 180 000 € à 194 000 €", ", ce qui porte son aide à …".
_BRINGING_TOTAL = re.compile(r",\s*(?:portant|ramenant|(?:ce\s+qui|qui)\s+(?:porte|ramène)(?:ra|rait)?)\b", re.I)


class _Names:
    """The "à X" of one sentence (:data:`_BENEFICIARY`), each found and judged once whatever the amount it is
    weighed for: its name, when nothing but an aside (:func:`_aside`, which depends on the amount) may refuse it."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self._found: dict[int, re.Match | None] = {}
        self._names: dict[tuple[int, int], str] = {}
        self._walk: tuple[list[re.Match], list[int]] | None = None
        self._walked = False

    def search(self, at: int) -> re.Match | None:
        """The first "à X" from offset ``at``."""
        if at not in self._found:
            self._found[at] = _BENEFICIARY.search(self.sentence, at)
        return self._found[at]

    def name(self, match: re.Match) -> str:
        """The name of ``match`` ("" when it is none: an amount, inside a name, the verb avoir, the body addressed)."""
        if (span := match.span()) not in self._names:
            sentence = self.sentence
            group = "name" if match.group("name") else "name2"
            name = clean_name(match.group(group) or "")
            # "à l'Union des Familles pour la Santé Psychique du Valmorinois, …": the name goes on after its "pour"
            name = name and name_going_on(name, sentence[match.end(group):])
            if not name or AMOUNT_RE.search(name) or _inside_name(sentence, match) or _avoir(sentence, match) \
                    or _ADDRESSED.match(sentence, match.end()) or _ASKED_TO_DECIDE.fullmatch(name):
                name = ""
            self._names[span] = name
        return self._names[span]

    def walk(self) -> tuple[list[re.Match], list[int]] | None:
        """The "à X" that :func:`beneficiary_in` visits from the sentence's start whatever it judges of each, and where
        each starts: None when judging one would change which come after it (another "à X" starts inside it)."""
        if not self._walked:
            self._walked, matches, at = True, [], 0
            while (match := self.search(at)) is not None:
                after, inside = self.search(match.end()), self.search(match.start() + 1)
                if (after and after.span()) != (inside and inside.span()):
                    return None
                matches.append(match)
                at = match.end()
            self._walk = matches, [match.start() for match in matches]
        return self._walk


def _nearest_first(starts: list[int], anchor: int, before: range, after: range):
    """The indexes of two runs of ``starts`` that go away from ``anchor`` (those before it, those after it), merged
    the nearest first, the earlier of two as near."""
    before, after = iter(before), iter(after)
    b, a = next(before, None), next(after, None)
    while b is not None or a is not None:
        if a is None or b is not None and anchor - starts[b] <= starts[a] - anchor:
            yield b
            b = next(before, None)
        else:
            yield a
            a = next(after, None)


def _in_preference(starts: list[int], clause: tuple[int, int], anchor: int):
    """The indexes of a sentence's "à X" (their ``starts``, in order) as :func:`beneficiary_in` prefers them for the
    amount at ``anchor``: those of its ``clause`` first, then the others, each the nearest first."""
    first, last = bisect_left(starts, clause[0]), bisect_left(starts, clause[1])
    middle = bisect_left(starts, anchor, first, last)
    yield from _nearest_first(starts, anchor, range(middle - 1, first - 1, -1), range(middle, last))
    yield from _nearest_first(starts, anchor, range(first - 1, -1, -1), range(last, len(starts)))


# Each amount of a sentence weighs each of its "à X": found and judged once a sentence (200 grants in one sentence
# judged 40,000 names).
@lru_cache(maxsize=8)
def _names(sentence: str) -> _Names:
    return _Names(sentence)


def beneficiary_in(sentence: str, anchor: int, association: bool = True) -> str | None:
    """Return the beneficiary named in ``sentence`` for the amount at offset ``anchor``: the nearest one of the
    amount's own clause when the sentence grants several, else the nearest one, else (``association``) the
    sentence's "l'association X".

    >>> beneficiary_in("ATTRIBUE à la SAS Alpha une subvention de 125 000 € et à la SAS Beta une subvention de "
    ...                "18 000 €.", 42)
    'SAS Alpha'
    """
    clause_start = where_clause_starts(sentence, anchor)
    following = next_clause(sentence, anchor)
    clause_end = following.start() if following else len(sentence)
    # "…, portant la subvention 2025 au CCAS de 180 000 € à 194 000 €": the total the grant brings its beneficiary's
    # to, named again (often shorter), is not the amount's own clause.
    if bringing := _BRINGING_TOTAL.search(sentence, anchor, clause_end):
        clause_end = bringing.start()
    names = _names(sentence)
    if (walk := names.walk()) is not None:
        # each "à X" is visited whatever is judged of those before it: the first the amount prefers that is not an
        # aside is the nearest (a sentence of 400 grants weighed each of its "à X" for each amount)
        matches, starts = walk
        for i in _in_preference(starts, (clause_start, clause_end), anchor):
            if (name := names.name(matches[i])) and not _aside(sentence, matches[i], clause_start, anchor):
                return name
        best = None
    else:
        best = _nearest_judged(sentence, anchor, (clause_start, clause_end), names)
    if best:
        return best[1]
    match = ASSOCIATION_CALLED.search(sentence) if association else None
    return clean_name(match.group("name")) if match else None


def _nearest_judged(sentence: str, anchor: int, clause: tuple[int, int], names: _Names) -> tuple | None:
    """The nearest "à X" of ``sentence`` to the amount at ``anchor`` that is not an aside, as (its distance, its
    name), those of the amount's ``clause`` first: each judged in turn from the sentence's start, one that is none
    read again from its next character."""
    clause_start, clause_end = clause
    best, at = None, 0
    while match := names.search(at):
        name = names.name(match)
        if name and not _aside(sentence, match, clause_start, anchor):
            # Another clause's beneficiary only when the amount's own clause names none.
            distance = (not clause_start <= match.start() < clause_end, abs(match.start() - anchor))
            if best is None or distance < best[0]:
                best = (distance, name)
            at = match.end()
        else:  # "à 7 000 € le montant … attribuée au Comité": no name, but one may start inside it
            at = match.start() + 1
    return best

