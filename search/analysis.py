"""French text analysis for the index and the queries: elision, case and accent folding, stop words, stemming.

Two analyzers share one tokenizer:

- :data:`FRENCH` (full-text fields): elided article dropped (``l'``, ``d'``, ``qu'``…), lowercased, accents
  folded, French stop words removed, then the Snowball French stemmer — so "santé", "sante" and "SANTÉ" give one
  term and "soignants" finds "soignant";
- :data:`FOLDED` (names, prefix completion, typo tolerance on names): the same without stemming nor stop words.

Every reader of words — these analyzers, the bulk writers' :func:`term_set`, the queries (:mod:`search.syntax`),
snippets and acronyms — takes its letters from :data:`LETTER` and its apostrophes from :data:`APOSTROPHES`. A text
whose accents are written apart from their letters (Unicode NFD) is read as its composed form is (:data:`MARKS`).

Accents are folded *before* stemming so that an accented word and its accent-stripped twin (DATA-FORMATS.md
pitfall 6: upstream systems that drop accents) always give the same stem. Both analyzers are one Python function
over a regular expression with a per-word cache: whoosh's generic filter chain costs a generator per filter and
per token, which made indexing about three times slower (measured at 10k actors, bench/search.py).

>>> terms("L'accès aux SOINS des soignants d'Saint-Étienne")
['acce', 'soin', 'soign', 'saint', 'etien']
>>> terms("santé") == terms("sante") == terms("SANTÉ")
True
>>> terms("Lʼhôpital dʼaujourdʼhui") == terms("L'hôpital d'aujourd'hui") == ["hopital", "aujourd", "hui"]
True
>>> folded_terms("Maison de Santé du Pilat")
['maison', 'de', 'sante', 'du', 'pilat']
>>> terms("Ho\u0302pital Ste\u0301phane") == terms("Hôpital Stéphane") == ["hopital", "stephan"]
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from whoosh.analysis import Analyzer, Token
from whoosh.lang.snowball.french import FrenchStemmer
from whoosh.lang.stopwords import stoplists

from graph.encodings import composed
from graph.identity_names import APOSTROPHES

#: Elided forms that precede an apostrophe and are dropped (the word after them is kept).
ELISIONS = frozenset({"l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"})

# A number as amounts are written in French: digits grouped by thousands (a space, a no-break space or a dot:
# "20 000", "1.234.567"), with cents or not ("1 234,50", "20000,00"). It is one word, whose term is its digits
# (:func:`number_term`): "20 000", "20000" and "20.000" find each other. Four digits never start a group, so
# that "2023 2024" stays two years and "2024.00240" a deliberation number.
_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?!\d)(?:,\d{1,2}(?!\d))?"
_DECIMAL = r"\d+,\d{1,2}(?!\d)"
#: A number grouped the English way, as the English pages write amounts ("€20,000", "1,234,567", "20,000.50"): a
#: comma followed by exactly three digits (and no fourth) is a thousands separator. A French decimal comma is
#: followed by one or two (cents: "20,5", "1 234,50"), so the two readings never meet on an amount; the first group
#: starts with a digit other than 0, so that « 0,500 » is not read as 500. A French text's three decimals
#: (« 1,250 million ») are read so as 1250: the same words in a query still find it.
ENGLISH_NUMBER = r"[1-9]\d{0,2}(?:,\d{3})+(?!\d)(?:\.\d{1,2}(?!\d))?"
#: A SIRET and an RNA number as people write them, their digits in groups (« 317 339 752 00014 », « 317339752
#: 00014 », « W012 000 002 », « W 012 000 002 »): one word, whose term is the number without its spaces, as the
#: index holds it ("31733975200014", "w012000002"); read as numbers, a SIRET was the SIREN and a word "00014", an RNA
#: number "w012" and "000002", and neither found its actor. A SIREN (« 317 339 752 ») is a grouped number already.
#: Only these shapes: a SIRET's four groups 3-3-3-5 (an amount's groups are of three digits), an RNA number's W
#: and nine digits; a letter or digit after them makes another word.
_SIRET_WRITTEN = r"\d{3}(?:[ \u00a0\u202f.]?\d{3}){2}[ \u00a0\u202f.]?\d{5}(?!\w)"
_RNA_WRITTEN = r"[Ww][ \u00a0\u202f]?\d(?:[ \u00a0\u202f]?\d){8}(?!\w)"
IDENTIFIER = rf"{_SIRET_WRITTEN}|{_RNA_WRITTEN}"
NUMBER = rf"{IDENTIFIER}|{_GROUPED}|{ENGLISH_NUMBER}|{_DECIMAL}"


#: A letter of a word: what ``\w`` matches but an apostrophe (see APOSTROPHES) and an underscore, which joins the
#: words of file names and slugs (« santé_mentale », « deliberation_2024 »): ``\w`` takes it for a letter, so that
#: "_psychiatrie" or "santé_mentale" found nothing. Every pattern of words uses it.
LETTER = rf"[^\W_{APOSTROPHES}]"

#: The combining accents (Unicode's blocks of combining diacritical marks), which a decomposed text (NFD: macOS
#: tools, some PDFs' text layer, an RDF file's literal) writes after their letter: « Ho\u0302pital ». ``\w`` takes
#: none for a letter, so that « hôpital » was read as « ho » and « pital ». A text that is not in the composed form
#: (:func:`_decomposed`) is read with :data:`LETTER_OR_MARK`, each accent within its word, and :func:`fold`
#: composes the word: its terms are the composed text's. Every other text (nearly all) is read with LETTER: a
#: pattern of LETTER_OR_MARK took twice as long (24 ms instead of 12 for the words of 175,000 characters of
#: deliberations, bench/generate.py), the check 0.4 ms.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
LETTER_OR_MARK = rf"(?:{LETTER}|[{MARKS}])"


def _decomposed(text: str) -> bool:
    """Whether ``text`` is not in Unicode's composed form (NFC): an accent may be written apart from its letter.

    >>> _decomposed("Ho\u0302pital"), _decomposed("Hôpital")
    (True, False)
    """
    return not unicodedata.is_normalized("NFC", text)


def _word_pattern(letter: str) -> re.Pattern:
    # A word, optionally preceded by an elided form and an apostrophe. Hyphens split words: "Saint-Étienne" is
    # searched as "saint" and "etienne". An apostrophe is no letter, so the elided form gives none back (``++``).
    return re.compile(rf"(?:({letter}++)[{APOSTROPHES}])?({NUMBER}|{letter}+)", re.UNICODE)


_WORD, _DECOMPOSED_WORD = _word_pattern(LETTER), _word_pattern(LETTER_OR_MARK)
_GROUPING = re.compile(r"[ \u00a0\u202f.]")

def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Latin-1 and Latin Extended-A in one table (str.translate runs in C); other scripts go through NFKD.
_FOLD = str.maketrans({c: _strip_accents(c) for c in map(chr, range(0xC0, 0x180)) if _strip_accents(c) != c}
                      | {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"} | dict.fromkeys(APOSTROPHES, "'"))


# Letters the table does not cover and that NFKD decomposes: Latin Extended-B and Additional, combining marks,
# Greek, ligatures (ﬁ). Punctuation (—, «, €) needs nothing: testing for it sped snippets up fourfold.
_OTHER_LETTERS = re.compile("[\u0180-\u024f\u0300-\u03ff\u1e00-\u1fff\ufb00-\ufb06]")


def fold(text: str) -> str:
    """Lowercase ``text`` and strip its accents (œ and æ are spelled out); every apostrophe is written ``'`` (sort
    keys: « Lʼabri » sorts as « L'abri »).

    >>> fold("Œuvre ÉCONOMIE Sociale"), fold("Lʼabri"), fold("Ho\u0302pital")
    ('oeuvre economie sociale', "l'abri", 'hopital')
    """
    # composed first: a letter outside the table keeps its accent as its composed form does
    text = composed(text).translate(_FOLD).lower()
    return _strip_accents(text) if _OTHER_LETTERS.search(text) else text


#: Words of the query syntax (see :mod:`search.syntax`) that the French list leaves out ("et" and "ou" are in it):
#: the English labels of themes and kinds put "and" in the index, so that a query "AND" or "santé and psychiatrie"
#: matched "Health and care"; "santé sauf mentale", in small letters, required the word "sauf" and found nothing.
OPERATOR_WORDS = frozenset({"and", "or", "not", "sauf"})

#: Function words that Snowball's French list leaves out: the plural article « les » (its list has « le », « la »,
#: « des », « aux »), the demonstratives and the question words of a question typed whole. Kept, « les » was a
#: required word of every query that said it: "aide les aidants" found nothing where "aide aidants" found the
#: caregivers, and "les" alone every name saying « LES » (33 documents of a user's corpus).
MORE_STOP_WORDS = frozenset({"les", "cet", "cette", "ceux", "celle", "celles", "celui", "dont", "quel", "quels",
                             "quelle", "quelles", "quoi"})

#: French stop words, folded (the Snowball list and MORE_STOP_WORDS, plus the elided forms), and the operators'
#: words. The index and the queries leave out the same words: both read words through :func:`stem_word`.
STOP_WORDS = frozenset({fold(w) for w in stoplists["fr"]} | MORE_STOP_WORDS | ELISIONS | OPERATOR_WORDS)

#: Abbreviations of place names spelled out before stemming: "St-Étienne" finds "Saint-Étienne" and the reverse.
#: Matched unfolded and lowercased, so that "Sté" (société) is not read as "sainte".
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}

#: Words that Snowball French stems as words of another sense, and the stem each is given instead (folded, a final
#: plural "s" left out, read as masculine): « aidant » (a caregiver) and « aide » (help) both gave "aid", so that
#: "aidants" found every text saying « aide » — each SCDL grant (« aide en numéraire », its nature), the theme
#: Alimentation (« aide alimentaire ») — and « aide » every text about the caregivers. A verb's present
#: participle only (« en aidant ») loses its verb's stem: rarer in our texts than the noun. The same for
#: « généraliste » (a GP), stemmed as « général »: "generaliste" found « CONSEILLERS GENERAUX » and « CONFEDERATION
#: GENERALE » first; « relation » (« relation soignant-soigné »), stemmed as « relatif »: "relation" found every
#: text saying « actions relatifs à la santé »; « usager » (a patient, « collectif des usagers »), stemmed as
#: « usage » (a use). Words of one stem that keep one sense stay together: « médical » and « médicament » are
#: stemmed apart already, « soignant » and « soigné » (« relation soignant-soigné ») alike on purpose.
OWN_STEMS = {"aidant": "aidant", "aidante": "aidant", "generaliste": "generalist", "relation": "relation",
             "usager": "usager"}

_stem = FrenchStemmer().stem
_STEMS: dict[str, str] = {}
_FOLDS: dict[str, str] = {}
_CACHE_LIMIT = 500_000


def stem_word(word: str) -> str | None:
    """Return the index term of one word for full-text fields (None for a stop word).

    A final plural "s" goes before stemming: Snowball French stems "repit" to "rep" but "repits" to "repit", so
    "répit" did not find "Maison des Répits" (bench/relevance_queries.yaml). Words with a digit (SIRENs, grant and
    deliberation numbers) are only folded: the stemmer leaves them as they are, at 25 µs each. The words of
    :data:`OWN_STEMS` have the stem given there.

    >>> stem_word("répit") == stem_word("Répits"), stem_word("St") == stem_word("Saint")
    (True, True)
    >>> [stem_word(w) for w in ("aidants", "Aidante", "aide", "aider")]
    ['aidant', 'aidant', 'aid', 'aid']
    >>> [stem_word(w) for w in ("généralistes", "générale", "relations", "relatifs", "usagères", "usage")]
    ['generalist', 'general', 'relation', 'relat', 'usager', 'usag']
    """
    term = _STEMS.get(word)
    if term is None:
        folded = ABBREVIATIONS.get(word.lower()) or fold(word)
        if folded in STOP_WORDS:
            term = ""
        elif _DIGIT.search(folded):
            term = number_term(folded)
        else:
            base = _masculine(folded[:-1] if len(folded) > 3 and folded[-1] == "s" and folded[-2] != "s" else folded)
            term = OWN_STEMS.get(base) or _stem(base)
        if len(_STEMS) < _CACHE_LIMIT:
            _STEMS[word] = term
    return term or None


_DIGIT = re.compile(r"\d")

#: Feminine endings, folded, and the masculine ones they are read as before stemming.
_FEMININE = re.compile(r"(?<=[a-z]{3})(?:(i)ere|(g)ere|(e)e)$")


def _masculine(folded: str) -> str:
    """A folded word's feminine ending as its masculine one: Snowball French stems a feminine with its accent
    ("infirmière", "handicapée") as the masculine, but folded it does not ("infirmiere" gave "infirmier" where
    "infirmier" gives "infirmi", "handicapee" gave "handicape" where "handicape" gives "handicap"): a coordinator's
    "infirmière" did not find the « infirmiers ».

    >>> [_masculine(w) for w in ("infirmiere", "handicapee", "usagere", "salariee", "mere", "idee", "aidee")]
    ['infirmier', 'handicape', 'usager', 'salarie', 'mere', 'idee', 'aide']
    """
    return _FEMININE.sub(lambda m: (m.group(1) or m.group(2) or m.group(3)) + ("er" if not m.group(3) else ""),
                         folded)


def number_term(word: str) -> str:
    """The term of a word with a digit: a number's grouping left out, and cents of zero ("20 000,00" is 20000);
    a number grouped the English way (:data:`ENGLISH_NUMBER`) has the term of its French writing; a SIRET or an RNA
    number written in groups (:data:`IDENTIFIER`) is its digits (after its W) without their spaces.

    >>> [number_term(w) for w in ("20 000", "20.000", "1 234,50", "20000,00", "2024.00240", "W423000001")]
    ['20000', '20000', '1234,5', '20000', '2024.00240', 'W423000001']
    >>> [number_term(w) for w in ("20,000", "1,234,567", "20,000.50", "20,5")]
    ['20000', '1234567', '20000,5', '20,5']
    >>> [number_term(w) for w in ("317 339 752 00014", "317339752 00014", "w012 000 002", "w 751 188 854")]
    ['31733975200014', '31733975200014', 'w012000002', 'w751188854']
    """
    if not _NUMBER.fullmatch(word):
        return word
    if _ENGLISH_NUMBER.fullmatch(word):
        word = word.replace(",", "").replace(".", ",")
    whole, _, cents = _GROUPING.sub("", word).partition(",")
    cents = cents.rstrip("0")
    return f"{whole},{cents}" if cents else whole


_NUMBER, _ENGLISH_NUMBER = re.compile(NUMBER), re.compile(ENGLISH_NUMBER)


def fold_word(word: str) -> str:
    """Return the index term of one word for folded (unstemmed) fields."""
    term = _FOLDS.get(word)
    if term is None:
        term = fold(word)
        if _DIGIT.search(term):
            term = number_term(term)
        if len(_FOLDS) < _CACHE_LIMIT:
            _FOLDS[word] = term
    return term


def words(text: str) -> list[str]:
    """The words of ``text``, elided articles left out (:func:`iter_words` without the offsets, faster)."""
    found = []
    for elided, word in (_DECOMPOSED_WORD if _decomposed(text) else _WORD).findall(text):
        if elided and fold_word(elided) not in ELISIONS:
            found.append(elided)
        found.append(word)
    return found


def iter_words(text: str):
    """Yield ``(word, start, end)`` for each word of ``text``, elided articles left out."""
    for match in (_DECOMPOSED_WORD if _decomposed(text) else _WORD).finditer(text):
        elided = match.group(1)
        if elided is not None and fold(elided) not in ELISIONS:
            # "aujourd'hui": not an elision, both parts are words.
            yield elided, match.start(1), match.end(1)
        yield match.group(2), match.start(2), match.end(2)


class WordAnalyzer(Analyzer):
    """A whoosh analyzer: words of the text mapped through one function of this module (``stem`` or ``fold``)."""

    def __init__(self, mapping: str = "stem"):
        self.mapping = mapping

    def __eq__(self, other):
        return isinstance(other, WordAnalyzer) and other.mapping == self.mapping

    def word_term(self):
        """The function from a word to its term (None for a word left out)."""
        return stem_word if self.mapping == "stem" else fold_word

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        function = self.word_term()
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        spans = iter_words(value) if tokenize else [(value, 0, len(value))]
        pos = start_pos
        for word, start, end in spans:
            term = function(word)
            if term is None:
                pos += 1
                continue
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            pos += 1
            yield token
        if tokenize and "-" in value:  # as term_set indexes them (the bulk writer's terms are this analyzer's)
            for match in iter_compounds(value):
                if not _DIGIT.search(match.group(0)) and (term := function(match.group(0).replace("-", ""))):
                    token.text, token.boost, token.stopped = term, 1.0, False
                    if keeporiginal:
                        token.original = match.group(0)
                    if positions:
                        token.pos = pos
                    if chars:
                        token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
                    pos += 1
                    yield token


FRENCH = WordAnalyzer("stem")
FOLDED = WordAnalyzer("fold")


#: Words joined by hyphens: "médico-social", "télé-médecine", "Saint-Étienne" (letters: LETTER, so that
#: « lʼhôpital-de-jour » is read as « l'hôpital-de-jour »). A match starts where a word does (no letter before it)
#: and gives no letter back (``++``: no hyphen follows a letter given back). ``\w+(?:-\w+)+`` was
#: tried from every letter of every word, each try giving letters back one by one, quadratic in a word's length
#: (1.2 s for a word of 10,000 letters): 0.34 s more of a writer's 4.7 s of CPU at 20k actors (bench/README.md).
COMPOUND = re.compile(rf"(?<!{LETTER}){LETTER}++(?:-{LETTER}++)+", re.UNICODE)
#: COMPOUND in a text that is not in the composed form (see MARKS).
_DECOMPOSED_COMPOUND = re.compile(rf"(?<!{LETTER_OR_MARK}){LETTER_OR_MARK}++(?:-{LETTER_OR_MARK}++)+", re.UNICODE)


def iter_compounds(text: str):
    """The matches of COMPOUND in ``text``, an accent written apart from its letter within its word (see MARKS).

    >>> [m.group(0) for m in iter_compounds("Saint-E\u0301tienne")] == ["Saint-E\u0301tienne"]
    True
    """
    return (_DECOMPOSED_COMPOUND if _decomposed(text) else COMPOUND).finditer(text)


def joined_compounds(text: str) -> list[str]:
    """The hyphenated words of ``text`` written in one word: each is indexed so, besides its parts, so that
    "medicosocial" finds « médico-social » and "télé-médecine" « télémédecine » (a query's compound is its parts
    or its joined form, :mod:`search.syntax`).

    >>> joined_compounds("l'accompagnement médico-social à Saint-Étienne, 2024-2025")
    ['médicosocial', 'SaintÉtienne']
    """
    return [m.group(0).replace("-", "") for m in iter_compounds(text) if not _DIGIT.search(m.group(0))]


def content_words(text: str) -> list[tuple[str, str]]:
    """The (stemmed, folded) terms of each word of ``text`` that a query keeps, as :mod:`search.syntax` reads a
    query's words: its stop words left out.

    >>> content_words("L'Atelier de la Santé")
    [('ateli', 'atelier'), ('sant', 'sante')]
    """
    return [(stem, fold_word(w)) for w in words(text) if (stem := stem_word(w))]


def whole_name(text: str) -> str:
    """A name as one term: its folded words but its stop words, one space apart ("" for a name of stop words).
    A query that is a document's whole name weighs more there than in the texts that mention it.

    >>> whole_name("Saint-Etienne Métropole"), whole_name("L'Atelier de la Santé")
    ('saint etienne metropole', 'atelier sante')
    """
    return " ".join(folded for _, folded in content_words(text))


def folded_names(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """Return the folded terms of ``names`` (what ``term_set(names, folded=True)`` gives) and their whole names
    (each one's :func:`whole_name`, but empty ones), each name's words read once: reading them a second time for
    the whole names cost a writer 0.36 s more of its 4.7 s of CPU at 20k actors (bench/README.md).

    >>> folded, whole = folded_names(["L'Atelier de la Santé", "Saint-Étienne"])
    >>> sorted(folded), sorted(whole)
    (['atelier', 'de', 'etienne', 'la', 'saint', 'saintetienne', 'sante'], ['atelier sante', 'saint etienne'])
    """
    found: set[str] = set()
    wholes: set[str] = set()
    for name in names:
        content = []
        for word in words(name):
            term = fold_word(word)
            found.add(term)
            if stem_word(word):
                content.append(term)
        if "-" in name:
            found.update(term for term in map(fold_word, joined_compounds(name)) if term)
        if whole := " ".join(content):
            wholes.add(whole)
    return found, wholes


def terms(text: str) -> list[str]:
    """Return the full-text index terms of ``text``, in order."""
    return [t for t in map(stem_word, words(text)) if t]


def folded_terms(text: str) -> list[str]:
    """Return the folded (unstemmed) terms of ``text``, in order."""
    return list(map(fold_word, words(text)))


#: Texts up to this length have their terms cached (labels, names, places; not descriptions, mostly unique).
SHORT_TEXT = 120
_TEXT_TERMS: dict[tuple[str, bool], frozenset] = {}
# Every elided form is a stop word, so for stemmed terms an apostrophe may split words like any other
# character: one regex call in C instead of a Python loop over the elisions.
_PLAIN_WORD = re.compile(rf"{NUMBER}|{LETTER}+", re.UNICODE)
_DECOMPOSED_PLAIN_WORD = re.compile(rf"{NUMBER}|{LETTER_OR_MARK}+", re.UNICODE)


def term_set(texts: Iterable[str], folded: bool = False) -> set[str]:
    """Return the distinct terms of ``texts``: what FRENCH (or FOLDED) makes of each, without duplicates.

    Short texts are analysed once per process: the labels of places, themes and funders recur in thousands of
    documents of an index build.

    >>> sorted(term_set(["Maison de santé", "L'accès aux soins"]))
    ['acce', 'maison', 'sant', 'soin']
    >>> sorted(term_set(["L'Étrat"], folded=True))
    ['etrat']
    """
    found: set[str] = set()
    for text in texts:
        key = (text, folded)
        cached = _TEXT_TERMS.get(key)
        if cached is None:
            if folded:
                cached = set(map(fold_word, words(text)))
            else:
                plain = _DECOMPOSED_PLAIN_WORD if _decomposed(text) else _PLAIN_WORD
                cached = set(map(stem_word, plain.findall(text)))
                cached.discard(None)
            if "-" in text:
                cached |= {t for t in map(fold_word if folded else stem_word, joined_compounds(text)) if t}
            if len(text) <= SHORT_TEXT and len(_TEXT_TERMS) < _CACHE_LIMIT:
                _TEXT_TERMS[key] = cached = frozenset(cached)
        found |= cached
    return found
