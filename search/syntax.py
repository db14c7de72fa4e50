"""The syntax of a search text: words, and the operators ET / AND, OU / OR, SAUF / NOT written in capitals.

- Words are all required, as if joined by ``ET`` (``AND``): "santé mentale" finds what holds both.
- ``OU`` (``OR``) separates alternatives, and binds less than the implicit ``ET``: "santé mentale OU psychiatrie"
  is (santé ET mentale) OU psychiatrie. There are no parentheses.
- ``SAUF`` (``NOT``) leaves out what the word that follows it finds as a text of its own: "aidants SAUF répit"
  finds what "aidants" finds less what "répit" finds, the documents tagged with a theme that "répit" names
  included (:func:`search.plan.found_alone`). Words that are all stop words find nothing, whatever they exclude.
- Operators count in capitals only: in lower case, "et" and "ou" are French stop words and "and", "or" and "not"
  English ones, left out of queries and of the index alike (:data:`search.analysis.STOP_WORDS`). An operator with
  nothing to join is ignored; a text made only of stop words and operators finds nothing.
- A word with a minus sign before it ("prévention -santé") is excluded, as after ``SAUF``; so are quoted words with
  one before their quote (``-"aide à domicile"``): what holds them side by side.
- Words in quotes ("aide à domicile", « aide à domicile ») must stand side by side in that order, the stop words
  between them counted (:mod:`search.phrases`); unquoted words that do weigh more.
- A currency word after or before a number ("20 000 euros", "500 EUR", "EUR 20,000") is left out: the amount is
  the number.
- A word that names a budget account before its number ("compte 6574", "article 6574", "nature 6574",
  "imputation 65748", "chapitre 920") is left out: the account is the number, which finds the grants on that account
  and on its sub-accounts (:mod:`search.accounts`), and the texts that print it.
- A hyphenated word is its parts or its joined form: "télé-médecine" finds « télémédecine » and « télé médecine ».
- ``type:X`` (``genre:``, ``kind:``) and ``theme:X`` (``thème:``) at the start of a word are the filters of the same
  name, X read as their parameter's value (a quoted X may hold spaces: ``theme:"santé mentale"``); the values of one
  filter in the text are alternatives, as repeated parameters are, and they apply with the parameters'
  (:func:`read`). Another ``name:`` is read as words, with a notice ("auteur:dupont"); a colon that starts no
  filter ("18:00", an IRI) is read as the words around it, as any punctuation is.
- What other engines read after a word, a boost ``^2`` or a fuzzy mark ``~1``, is left out with a notice, the word
  kept: typos are tolerated anyway when nothing is found.

>>> [(g.words, g.excluded) for g in parse("santé mentale OU psychiatrie SAUF enfants")]
[([('sant', 'sante'), ('mental', 'mentale')], []), ([('psychiatr', 'psychiatrie')], [('enfant', 'enfants')])]
>>> [g.words for g in parse("20 000 euros")], [g.words for g in parse("EUR 20,000")]
([[('20000', '20000')]], [[('20000', '20000')]])
>>> [g.words for g in parse("compte 6574")], [g.words for g in parse("article 3")]
([[('6574', '6574')]], [[('articl', 'article'), ('3', '3')]])
>>> [(g.words, g.compounds) for g in parse("médico-social")]
[([('medico', 'medico'), ('social', 'social')], [(0, 2, ('medicosocial', 'medicosocial'))])]
>>> [(g.words, g.excluded) for g in parse("AND")], parse("")
([([], [])], [])
>>> reading = read('santé^2 type:association theme:"santé mentale" auteur:dupont 18:00')
>>> reading.text.split(), reading.filters, reading.marks, reading.unknown
(['santé', 'auteur:dupont', '18:00'], [('kind', 'association'), ('theme', 'santé mentale')], ['santé^2'], ['auteur'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.analysis import fold_word, iter_compounds, iter_words, stem_word
from search.phrases import MAX_GAP, pair_term

#: Operators (as written, capitals only) and what they do.
OPERATORS = {"ET": "and", "AND": "and", "OU": "or", "OR": "or", "SAUF": "not", "NOT": "not"}
#: Words of a currency, folded, left out after or before a number.
CURRENCY = frozenset({"euro", "euros", "eur"})
#: Words, folded, that name a budget account or chapter: left out before its number (:func:`_names_account`).
ACCOUNT_WORDS = frozenset({"compte", "comptes", "article", "articles", "nature", "imputation", "chapitre"})

#: The filters a text may hold (``type:association``), by their names: the search page's names for them in French
#: and English ("Type" / "Kind", "Thème" / "Theme") and the French "genre"; in any case.
FILTERS = {"type": "kind", "genre": "kind", "kind": "kind", "theme": "theme", "thème": "theme"}
#: A filter's name and a colon at the start of a word, then its value: quoted (spaces allowed) or up to the next
#: space. A French space before the colon is allowed ("type : association"), and so is one after it.
_FILTER = re.compile(rf"(?<!\S)({'|'.join(FILTERS)})[ \u00a0\u202f]?:[ \u00a0\u202f]?"
                     r"(?:\"([^\"]*)\"|«[ \u00a0\u202f]*([^»]*?)[ \u00a0\u202f]*»|“([^”]*)”|(\S+))", re.IGNORECASE)
#: A word with a prefix that names no filter: letters, a colon, then a value of letters or digits with no other
#: colon nor slash ("auteur:dupont"), not an IRI ("https://…", "urn:isbn:…").
_UNKNOWN_FILTER = re.compile(r"(?<!\S)([^\W\d_]{2,}):[^\s:/]+(?!\S)")
#: A boost (``^2``, ``^1.5``) or a fuzzy mark (``~``, ``~1``) just after a word or a closing quote.
_MARK = re.compile(r"(?<=[\w\"»”])[\^~](?:\d+(?:[.,]\d+)?)?(?![\w^~])")

Word = tuple[str, str]  # (stemmed term, folded term)


@dataclass
class Group:
    """One alternative of a query: the words it requires and the words it excludes."""

    words: list[Word] = field(default_factory=list)
    excluded: list[Word] = field(default_factory=list)
    # hyphenated words, each as the span of ``words`` its parts take and its joined form: either matches
    compounds: list[tuple[int, int, Word]] = field(default_factory=list)
    # a word it requires was a stop word: without other words, it finds nothing ("le SAUF Lyon", as "le" alone)
    stop_words: bool = False
    # each pair of neighbouring words it requires, as the index of the second in ``words`` and its pair term
    pairs: list[tuple[int, str]] = field(default_factory=list)
    # the spans of ``words`` written in quotes: their pairs are required
    phrases: list[tuple[int, int]] = field(default_factory=list)
    # the quoted texts with a minus sign before them, each as its words' (stem, folded), a stop word's stem None
    excluded_phrases: list[list[tuple[str | None, str]]] = field(default_factory=list)


def parse(text: str) -> list[Group]:
    """The alternatives of a search text (none for a text without words; one empty group for a text of stop
    words and operators only, which finds nothing)."""
    parsing = _Parsing(text)
    spans = list(iter_words(text))
    for position, span in enumerate(spans):
        parsing.word(spans, position, span)
    return parsing.groups()


class _Parsing:
    """A search text read word after word (:meth:`word`): the alternatives read so far and the one being read
    (``current``), whether the next word is negated, whether the word before was a number (a currency after it is
    no word), the compound being read (where its parts start in ``current.words``, and its match), the quoted text
    being excluded, and the last word for the pairs of neighbours."""

    def __init__(self, text: str):
        self.text = text
        self.done: list[Group] = []
        self.current, self.negated, self.after_number, self.seen = Group(), False, False, False
        self.compounds = {m.start(): m for m in iter_compounds(text) if not any(c.isdigit() for c in m.group(0))}
        self.opened: tuple[int, re.Match] | None = None  # the compound being read: where its parts start in ``words``
        self.quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        self.neighbour, self.excluded_quote = _Neighbour(), None

    def groups(self) -> list[Group]:
        """The alternatives read, the one being read included when it holds words, or when the text held only stop
        words and operators."""
        current = self.current
        if current.words or current.excluded or current.excluded_phrases or (self.seen and not self.done):
            self.done.append(current)
        return self.done

    def word(self, spans: list[tuple[str, int, int]], position: int, span: tuple[str, int, int]) -> None:
        """Read the word ``span`` (its text, start and end), at ``position`` of the text's ``spans``."""
        word, start, end = span
        self.seen = True
        if start in self.compounds and not self.negated:
            self.opened = (len(self.current.words), self.compounds[start])
        operator = OPERATORS.get(word)
        if operator is not None:
            if operator == "or":
                current = self.current
                if current.words or current.excluded or current.excluded_phrases:
                    self.done.append(current)
                self.current = Group()
            self.negated = operator == "not"
            self.neighbour = _Neighbour()
            return
        folded = fold_word(word)
        if folded in CURRENCY and (self.after_number or _starts_number(spans, position + 1)):
            self.after_number = False
            self.neighbour = _Neighbour()
            return
        if folded in ACCOUNT_WORDS and _names_account(spans, position + 1):
            self.neighbour = _Neighbour()
            return
        self.after_number = folded[:1].isdigit()
        self.negated = self.negated or (not self.after_number and _minus_before(self.text, start))
        self._take(word, folded, start)
        self.negated = False
        if self.opened is not None and end == self.opened[1].end():
            joined = self.opened[1].group(0).replace("-", "")
            if (stem := stem_word(joined)) is not None and len(self.current.words) > self.opened[0]:
                self.current.compounds.append((self.opened[0], len(self.current.words), (stem, fold_word(joined))))
            self.opened = None

    def _take(self, word: str, folded: str, start: int) -> None:
        """Put the word, starting at ``start``, in the alternative being read: among the words of an excluded quote,
        the excluded words, the required ones (with its pair and its quote's span), or as a stop word."""
        current, stem = self.current, stem_word(word)
        quote = next((i for i, (first, last) in enumerate(self.quotes) if first < start < last), None)
        if quote is not None and _minus_before(self.text, self.quotes[quote][0]):
            if quote != self.excluded_quote:
                current.excluded_phrases.append([])
                self.excluded_quote = quote
            current.excluded_phrases[-1].append((stem, folded))
            self.neighbour = _Neighbour()
        elif self.negated:
            if stem is not None:
                current.excluded.append((stem, folded))
            self.neighbour = _Neighbour()
        elif stem is not None:
            current.words.append((stem, folded))
            self.neighbour.take(current, stem, quote)
        else:
            current.stop_words = True
            self.neighbour.gap += 1


#: A quoted text: its words must stand side by side.
_QUOTED = re.compile(r'"[^"]*"|«[^»]*»|“[^”]*”')


def _minus_before(text: str, start: int) -> bool:
    """Whether the word at ``start`` has a minus sign just before it, at the start of the text or after a space
    (in « médico-social », the hyphen joins two words). A number's is its sign: "-250 €" finds a refund."""
    return start > 0 and text[start - 1] in "-\u2212" and (start == 1 or text[start - 2].isspace())


class _Neighbour:
    """The last word of a group read so far, the stop words after it and its quote: the pairs of a group's
    neighbouring words, and the spans of its quoted ones."""

    def __init__(self):
        self.stem, self.gap, self.quote = None, 0, None

    def take(self, group: Group, stem: str, quote: int | None) -> None:
        """Note the word ``stem``, just appended to the group's words, in the quote of index ``quote`` (or none)."""
        index = len(group.words) - 1
        if self.stem is not None and self.gap <= MAX_GAP:
            group.pairs.append((index, pair_term(self.stem, self.gap, stem)))
        if quote is not None:
            if quote == self.quote and group.phrases:
                group.phrases[-1] = (group.phrases[-1][0], index + 1)
            else:
                group.phrases.append((index, index + 1))
        self.stem, self.gap, self.quote = stem, 0, quote


def _starts_number(spans: list[tuple[str, int, int]], position: int) -> bool:
    """Whether the word at ``position`` of ``spans`` (:func:`search.analysis.iter_words`) starts with a digit."""
    return position < len(spans) and spans[position][0][:1].isdigit()


def _names_account(spans: list[tuple[str, int, int]], position: int) -> bool:
    """Whether the word at ``position`` of ``spans`` is an account's or a chapter's number: 3 to 7 digits (6574,
    65748, 2041412, 920), not an article's number ("article 3").

    >>> [_names_account(list(iter_words(t)), 1) for t in ("compte 6574", "article 3", "nature morte", "compte")]
    [True, False, False, False]
    """
    return position < len(spans) and spans[position][0].isdigit() and 3 <= len(spans[position][0]) <= 7


@dataclass
class Reading:
    """A search text read for what it holds beside words: its filters and the marks of other search engines."""

    text: str  # the text without its filters and marks: what :func:`parse` reads
    filters: list[tuple[str, str]] = field(default_factory=list)  # (filter, value as written): ("kind", "asso")
    marks: list[str] = field(default_factory=list)  # each word with the mark left out, as written: "santé^2"
    unknown: list[str] = field(default_factory=list)  # the names of prefixes that are no filter: "auteur"

    def values(self, name: str) -> list[str]:
        """The values that the text gives the filter ``name`` ("kind" or "theme")."""
        return [value for filter_name, value in self.filters if filter_name == name]

    def notices(self) -> list[tuple[str, str]]:
        """What the search says of the text's marks and unknown prefixes, in French and in English."""
        said = []
        for marked in dict.fromkeys(self.marks):
            word = _MARK.sub("", marked)
            said.append((f"« {marked} » est cherché comme « {word} » : les poids (^N) et les fautes tolérées (~N) ne "
                         "s'écrivent pas ; les fautes de frappe sont tolérées d'elles-mêmes quand rien n'est trouvé",
                         f"'{marked}' is searched as '{word}': boosts (^N) and fuzzy marks (~N) are not read; typos "
                         "are tolerated by themselves when nothing is found"))
        for name in dict.fromkeys(self.unknown):
            said.append((f"« {name}: » n'est pas un filtre ; les filtres sont type: et theme: (« {name} » est cherché "
                         "comme un mot)",
                         f"'{name}:' is not a filter; the filters are type: and theme: ('{name}' is searched as a "
                         "word)"))
        return said


def read(text: str) -> Reading:
    """The filters of a search text (``type:`` and ``theme:``), its other engines' marks (``^2``, ``~1``) and its
    prefixes that are no filter; the text left for :func:`parse` without the filters and the marks."""
    reading = Reading(text)

    def take_filter(match: re.Match) -> str:
        value = next(v for v in match.groups()[1:] if v is not None)
        reading.filters.append((FILTERS[match.group(1).lower()], value.strip()))
        return " "

    def take_mark(match: re.Match) -> str:
        start = match.start()
        word = re.search(r"\S*$", match.string[:start]).group(0)
        reading.marks.append(word + match.group(0))
        return " "

    text = _MARK.sub(take_mark, _FILTER.sub(take_filter, text))
    reading.unknown = [m.group(1) for m in _UNKNOWN_FILTER.finditer(text)]
    reading.text = text
    return reading
