"""What a deliberation says about a beneficiary (the PTCE it helps create is :mod:`graph.ingest.delib_ptce`'s).

Beneficiary: its spelling variants, its kind (association, enterprise…), the sentence that describes it, its
founding year, where it works since when ("installée sur le bassin stéphanois depuis 2019", "un tiers-lieu santé
basé depuis 2023 sur la commune de L'Étrat"), the area it serves ("une douzaine de pays"), and its themes (labels
and alternative labels of the shipped theme scheme found in the paragraphs that speak of it).

>>> sites("Installée sur le bassin stéphanois depuis 2019, cette association")
[Site(what=None, place='bassin stéphanois', since=2019, span=(0, 46))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import URIRef

from graph.identifiers import clean_identifier, normalise_rna, rna_ok, siren_ok, siret_ok
from graph.ingest.delib_bare_names import name_bracket_kind
from graph.ingest.delib_bounded import search_within
from graph.ingest.delib_names import Person, initials_only, parse_person
from graph.ingest.delib_recipient_names import KIND
from graph.ingest.delib_ptce import PTCE
from graph.ingest.delib_themes import WHITE_SPACE, locate_concepts
from graph.ingest.french import AMOUNT_RE, fold


@dataclass
class Site:
    """A place where the beneficiary works, since a year; ``what`` names a facility ("tiers-lieu santé")."""

    what: str | None
    place: str
    since: int | None
    span: tuple[int, int]
    #: where ``what`` starts in the text
    what_start: int | None = field(default=None, repr=False)


@dataclass
class Profile:
    label: str
    variants: list[str] = field(default_factory=list)
    kind: str = "Actor"
    description: tuple[str, int, int] | None = None
    founded: int | None = None
    area_served: str | None = None
    sites: list[Site] = field(default_factory=list)
    themes: list[URIRef] = field(default_factory=list)
    #: where the text gives each theme: the span of the sentence that names it (:func:`locate_concepts`)
    theme_spans: dict[URIRef, tuple[int, int]] = field(default_factory=dict)
    siren: str | None = None
    siret: str | None = None
    rna: str | None = None
    identifiers_span: tuple[int, int] | None = None
    person: Person | None = None  # a natural person (a bourse's holder, a doctor given installation aid)
    #: the SIRETs and SIRENs that the text gives the beneficiary but whose check digit is wrong, as (kind, written):
    #: kept nowhere, and said
    invalid: list[tuple[str, str]] = field(default_factory=list)


_PLACE = r"(?P<place>(?:la\s+commune\s+d(?:e\s+|['’]))?(?-i:[A-ZÉL][\w'’-]*(?:[ -][A-ZÉ][\w'’-]*)*)|(?:le|la|l['’])\s*[^,.;\n]+?)"
_SINCE = [
    re.compile(r"(?:Installée?|Implantée?|Présente?|Basée?|Située?)\s+(?:sur|à|dans|en)\s+" + _PLACE
               + r"\s+depuis\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<what>tiers-lieu[\w\s-]*?|siège|antenne|local|maison[\w\s-]*?)\s+(?:basée?|installée?|implantée?|"
               r"situ[ée]e?)\s+depuis\s+(?P<y>\d{4})\s+(?:sur|à|dans|en)\s+" + _PLACE + r"(?=\s+(?:dédié|qui)|[,.;]|$)",
               re.I),
]


def _place_name(text: str) -> str:
    text = re.sub(r"^(?:la\s+commune\s+d(?:e\s+|(?=['’]))|le\s+|la\s+)", "", text.strip(), flags=re.I)
    return re.sub(r"\s+", " ", text).strip()


def sites(text: str, offset: int = 0) -> list[Site]:
    """Return the dated places a text gives ("… depuis 2019", "basé depuis 2023 sur la commune de L'Étrat")."""
    found = []
    for pattern in _SINCE:
        for match in pattern.finditer(text):
            what = match.groupdict().get("what")
            found.append(Site(what.strip() if what else None, _place_name(match.group("place")),
                              int(match.group("y")), (offset + match.start(), offset + match.end()),
                              offset + match.start("what") if what else None))
    return found


#: A paragraph: lines whose last character is no full stop, then a line. (Each line taken whole, its last character
#: looked at behind it: the paragraph's last line, given back, was split again at each of its characters, quadratic in
#: a line indented deep.)
_PARAGRAPH = re.compile(r"(?:[^\n]*+(?<=[^.\n])\n)*[^\n]+\n?")


# Each beneficiary's profile reads the paragraphs of one text: parted once (a text of 400 beneficiaries, 400 times).
@lru_cache(maxsize=4)
def _paragraphs(body: str) -> tuple[tuple[int, str], ...]:
    """The paragraphs of ``body`` with where each starts: lines up to a blank line, or up to a line that ends a
    sentence — a PDF's text has no blank lines, and its whole text read as one paragraph held amounts, which kept
    it from being read (a beneficiary's founding year, what it does).

    >>> [text for _, text in _paragraphs("Fondée en 2012, X est une association née\\ndu constat.\\nLe coût : 5 €.")]
    ['Fondée en 2012, X est une association née\\ndu constat.\\n', 'Le coût : 5 €.']
    """
    return tuple((match.start(), match.group(0)) for match in _PARAGRAPH.finditer(body))


#: How a deliberation with one beneficiary names it again.
_THE_ASSOCIATION = re.compile(r"cette association|l['’]association", re.I)

# What surrounds a beneficiary's name when the text says what it is. Each is compiled once and tried at the name's
# occurrences: a pattern with the name inside took ~0.7 ms to compile, for each beneficiary (a fifth of reading a
# deliberation).
_SAYS_ASSOCIATION_AFTER = re.compile(r"\s*,?\s+(?:est|était)\s+une\s+association|\s*\(association", re.I)
_SAYS_ENTERPRISE_AFTER = re.compile(r"\s*\((?:SCOP|SCIC|SAS|SARL)", re.I)
_DESCRIBES_AFTER = re.compile(r"\s*,?\s+(?:est|était)\s+(?:une?|la|le)\s", re.I)
# Before the name and the spaces that precede it (found ending where those spaces begin).
_ASSOCIATION_BEFORE = re.compile(r"l['’]association\Z|^Association\Z", re.I | re.M)
_ENTERPRISE_BEFORE = re.compile(r"(?:société|entreprise|SCOP|SCIC|SAS|SARL)\Z", re.I)
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
#: A civility or a title before a name: the beneficiary is a natural person ("Mlle Jade POUPARD", "Docteur Camille
#: ROUSSELET").
_CIVILITY_BEFORE = re.compile(r"(?:\bM\.|\bMme|\bMlle|\bMr|\bMonsieur|\bMadame|\bMademoiselle|\bDocteure?|\bDr\.?|"
                              r"\bPr\.?|\bProfesseure?)\Z")
#: A health profession after a person's name: "Docteur Camille ROUSSELET, médecin généraliste".
_HEALTH_PROFESSION_AFTER = re.compile(r"\s*,\s*(?:médecin|chirurgien|infirmi|kinésithérapeute|masseur|sage-femme|"
                                      r"pharmacien|orthophoniste|orthoptiste|pédicure|podologue|dentiste|"
                                      r"ergothérapeute|psychomotricien|diététicien)", re.I)


class _Name:
    """The occurrences of a beneficiary's name in a text, case-insensitively and anywhere (even inside a word, even
    overlapping), and what precedes or follows them."""

    def __init__(self, name: str):
        self._name = name
        self._at = re.compile(f"(?={re.escape(name)})", re.I)  # a lookahead: every start, overlapping ones too
        self._length = len(name)  # re matches a text case-insensitively letter by letter: same length
        self._read: tuple[str, list[int]] | None = None  # the last text read, and the starts found in it
        self._cut: tuple[str, list[tuple[int, int]]] | None = None  # the last text read, and its cut occurrences

    def _starts(self, text: str) -> list[int]:
        """The starts of the occurrences in ``text``: the whole text read once for all that is asked of it (a
        profile asks up to seven things of the deliberation's text; of 400 beneficiaries' names, 2,800 reads)."""
        if self._read is None or self._read[0] is not text:
            self._read = text, [m.start() for m in self._at.finditer(text)]
        return self._read[1]

    def whole_words(self, text: str) -> list[int]:
        r"""The starts of the occurrences in ``text`` that are whole words (no word character nor hyphen on either
        side), overlapping ones too: what ``(?<![\w-])name(?![\w-])`` finds, without a pattern of its own for each
        name (compiling it took about as long as reading the rest of the profile)."""
        starts = []
        for start in self._starts(text):
            end = start + self._length
            if not (start and _WORD_OR_HYPHEN.match(text, start - 1) or _WORD_OR_HYPHEN.match(text, end)):
                starts.append(start)
        return starts

    def cut_by_a_line_end(self, text: str) -> list[tuple[int, int]]:
        r"""The spans of the whole-word occurrences in ``text`` that a line end cuts ("L'association Convention\n
        Nationale des Avocats"): the name's words with any whitespace between them, a line end among it."""
        if self._cut is None or self._cut[0] is not text:
            self._cut = text, self._cut_spans(text)
        return self._cut[1]

    def _cut_spans(self, text: str) -> list[tuple[int, int]]:
        # Sought with a pattern of the name's own only when one of its words ends a line of the text, as few do: a
        # pattern per name is as long to compile as the rest of the profile is to read (see _SAYS_ASSOCIATION_AFTER).
        words, lowered = self._name.split(), text.lower()
        if not any(f"{word}\n" in lowered or f"{word} \n" in lowered for word in map(str.lower, words[:-1])):
            return []
        cut = re.compile(r"(?<![\w-])(?=(" + r"\s+".join(map(re.escape, words)) + "))", re.I)
        return [m.span(1) for m in cut.finditer(text)
                if "\n" in m.group(1) and not _WORD_OR_HYPHEN.match(text, m.end(1))]

    def followed_by(self, text: str, after: re.Pattern) -> bool:
        """Whether an occurrence in ``text`` (one cut by a line end too) is followed by what ``after`` matches."""
        return any(after.match(text, start + self._length) for start in self._starts(text)) \
            or any(after.match(text, end) for _, end in self.cut_by_a_line_end(text))

    def preceded_by(self, text: str, before: re.Pattern) -> bool:
        """Whether an occurrence in ``text`` (one cut by a line end too) follows whitespace (one character or more)
        that follows what ``before`` finds ending there (its words are at most 20 characters long)."""
        for start in (*self._starts(text), *(start for start, _ in self.cut_by_a_line_end(text))):
            spaces = start
            while spaces > 0 and text[spaces - 1].isspace():  # what re's \s matches
                spaces -= 1
            if spaces < start and before.search(text, max(0, spaces - 20), spaces):
                return True
        return False


def profile_of(body: str, name: str, alone: bool, brackets: list[tuple[str, str]] = ()) -> Profile:
    """Gather what ``body`` says about the beneficiary ``name`` (``alone``: the only one of the deliberation;
    ``brackets``: what brackets after its name as a grant's reading found it said, :func:`bare_name`)."""
    occurrences = _Name(name)
    named = occurrences.whole_words(body)
    spellings, end = [], 0
    for start in named:  # one spelling per occurrence that does not overlap the one before, as re.finditer reads
        if start >= end:
            end = start + len(name)
            spellings.append(body[start:end])
    spellings = spellings or [name]
    label = max(dict.fromkeys(spellings), key=lambda s: (not s.isupper(), sum(c.isupper() for c in s),
                                                         spellings.count(s)))
    # "à la commune de Lavaur", "au comité des fêtes de Lussac": the text's only spellings, which the grant reader
    # gave a capital.
    if re.match(r"(?:commune|ville|association|" + KIND + r")\s", label):
        spellings = [s[0].upper() + s[1:] if s == label else s for s in spellings]
        label = label[0].upper() + label[1:]
    profile = Profile(label, sorted({s for s in spellings if s != label}))
    # A paragraph names the beneficiary when one of those occurrences lies in it: a paragraph is whole lines, so
    # what is around it (a line end, the text's ends) is no word character either.
    about = [(start, text) for start, text in _paragraphs(body)
             if (any(start <= at <= start + len(text) - len(name) for at in named)
                 or alone and _THE_ASSOCIATION.search(text)) and not AMOUNT_RE.search(text)
             and not PTCE.search(text)]
    person = parse_person(name) or initials_only(name)  # "A. K.": a person anonymised by initials
    if person and person.given and occurrences.preceded_by(body, _CIVILITY_BEFORE):
        profile.person = person
        profile.kind = "HealthProfessional" if occurrences.followed_by(body, _HEALTH_PROFESSION_AFTER) else "Actor"
    elif (occurrences.preceded_by(body, _ASSOCIATION_BEFORE) or occurrences.followed_by(body, _SAYS_ASSOCIATION_AFTER)
            or name.lower().startswith("association")):
        profile.kind = "Association"
    elif occurrences.preceded_by(body, _ENTERPRISE_BEFORE) or occurrences.followed_by(body, _SAYS_ENTERPRISE_AFTER):
        profile.kind = "Enterprise"
    elif re.match(r"universit|laboratoire", fold(name)):
        profile.kind = "University"
    for start, text in about:
        _read_paragraph(profile, occurrences, start, text, alone)
    _read_identifiers(profile, body, named, len(name))
    if (form := _LEGAL_FORM_OPENING.match(name)) is not None:
        # "SCIC Les Ateliers du Réemploi" written "La société coopérative d'intérêt collectif (SCIC SAS) Les Ateliers
        # du Réemploi (SIRET …)": its name after its legal form spelt otherwise
        bare = name[form.end():]
        spelt = [at for at in _Name(bare).whole_words(body) if _LEGAL_FORM_BEFORE.search(body, max(0, at - 80), at)]
        _read_identifiers(profile, body, spelt, len(bare))
    _read_brackets(profile, body, named, len(name), brackets)
    return profile


#: A company's legal form that opens its name: "SCIC Les Ateliers du Réemploi", "SARL Bio Vallée".
_LEGAL_FORM_OPENING = re.compile(r"(?:SCIC|SCOP|SAS|SASU|SARL|EURL|SEM|SPL)\s+(?=\S)")
#: A legal form just before a name, spelt in letters or in full, a bracket after it: "SCIC ", "la société coopérative
#: d'intérêt collectif (SCIC SAS) ".
_LEGAL_FORM_BEFORE = re.compile(r"(?:\b(?:SCIC|SCOP|SAS|SASU|SARL|EURL|SEM|SPL)\b|"
                                r"\bsoci[ée]t[ée]\s+(?:coop[ée]rative|anonyme|par\s+actions|[àa]\s+responsabilit[ée])"
                                r"[^()\n]{0,50}?)(?:\s*\([^()\n]{1,20}\))?\s*$", re.I)


_BRACKET_AFTER = re.compile(r"[ \t]*\((?P<inner>[^()\n]*)\)")
#: A gloss that describes what the beneficiary does ("médiation en santé, Saint-Georges", "section féminine"):
#: two words or more and no figure; one word is as often a line of the budget ("autofinancement") as an activity.
_DESCRIBING_GLOSS = re.compile(r"(?=\D*$)\S+\s+\S")


def _read_brackets(profile: Profile, body: str, named: list[int], length: int,
                   brackets: list[tuple[str, str]]) -> None:
    """What a bracket right after the beneficiary's name says (:func:`bare_name` left it out of the name), in the
    text or in the name as a grant's reading found it (a table's cell, a name over two lines): its acronym
    ("Réseau Périnatal de Mayotte (REPEMA)") is a variant, as is the name with its branch ("Ligue contre le cancer –
    comité du Gers"), a gloss ("(médiation en santé, Saint-Georges)") its description when the text gives no
    sentence about it."""
    found = []
    for at in named:
        if bracket := _BRACKET_AFTER.match(body, at + length):
            inner = bracket.group("inner")
            start = bracket.start("inner") + len(inner) - len(inner.lstrip())
            found.append((name_bracket_kind(inner, body[at:at + length]), inner.strip(),
                          (start, start + len(inner.strip()))))
    found += [(kind, said, None) for kind, said in brackets]
    for kind, said, span in found:
        if kind in ("acronym", "branch") and said not in profile.variants and said != profile.label:
            profile.variants.append(said)
        elif kind == "gloss" and profile.description is None and _DESCRIBING_GLOSS.match(said):
            start, end = span or _located(body, said)
            profile.description = (said, start, end)


def _located(body: str, text: str) -> tuple[int, int]:
    """Where ``text`` is in ``body`` (its evidence), or an empty span when the text wraps it over lines."""
    at = body.find(text)
    return (at, at + len(text)) if at >= 0 else (0, 0)


#: An identifier written after a beneficiary's name: "(SIRET 123 456 782 00013)", "SIREN : …", "n° RNA W…".
_IDENTIFIER = re.compile(r"\b(?P<kind>SIRET|SIREN|RNA)\b\s*(?:n\s*[°º]\s*)?:?\s*"
                         r"(?P<value>W[\dA-Z]{9}\b|\d[\d\s\u00a0\u202f.]{7,22}\d)", re.I)
#: One written before the name, opening its line (or its list item), a dash between them.
_IDENTIFIER_BEFORE = re.compile(r"[ \t]*(?:(?:[-•*]|\d{1,2}[.)])[ \t]+)?" + _IDENTIFIER.pattern
                                + r"[ \t]*[–—-][ \t]*", re.I)
#: How far after the name an identifier still belongs to it (the rest of its sentence, or of its table row).
_IDENTIFIER_REACH = 120
#: An identifier that the line's end cuts after its label or among its digits ("(SIRET" / "842 117 301 00023)"):
#: the next line goes on with it.
_IDENTIFIER_CUT = re.compile(r"\b(?:SIRET|SIREN|RNA)\b\s*(?:n\s*[°º]\s*)?:?[ \t\d\u00a0]*$", re.I)
#: A prose sentence that the line's end wraps: a word in small letters, or a comma, before it and a word in small
#: letters after it ("… constitué en association" / "en 2021 (SIRET 513 327 221 00018), réunit …"); not a list's
#: item or a table's row, which end in an amount or a semicolon, and whose next line opens with a bullet or a name.
_SENTENCE_WRAPPED = re.compile(r"[a-zà-ÿ,][ \t]*\n[ \t]*[a-zà-ÿ]")
#: What no match of :data:`_IDENTIFIER_CUT` holds, nor reads past (:func:`graph.ingest.delib_bounded.search_within`).
_IDENTIFIER_CUT_BARRIERS = re.compile(r"[^\w\s°º:]")


def _read_identifiers(profile: Profile, body: str, named: list[int], length: int) -> None:
    """The SIRET, SIREN or RNA number that the text writes just after the beneficiary's name, in its sentence or
    its table row (a cell holding a valid SIRET, SIREN or RNA number); only valid numbers are kept, and a SIRET or
    SIREN labelled so whose check digit is wrong is noted in ``profile.invalid``."""
    for at in named:
        end = at + length
        stop = min(len(body), end + _IDENTIFIER_REACH)
        line_end = body.find("\n", end)
        if line_end >= 0 and (search_within(_IDENTIFIER_CUT, _IDENTIFIER_CUT_BARRIERS, body, end, line_end)
                              or _SENTENCE_WRAPPED.match(body, line_end - 1)):
            line_end = body.find("\n", line_end + 1)
        stop = min(stop, line_end) if line_end >= 0 else stop
        window = body[end:stop]
        window = window[:window.find(". ")] if ". " in window else window
        found = [(m.group("kind").upper(), m.group("value"), m.span("value")) for m in _IDENTIFIER.finditer(window)]
        # or before it, opening its line, a dash between them: "SIRET 419 552 321 00027 – Association X : 8 000 €"
        line_start = body.rfind("\n", 0, at) + 1
        if before := _IDENTIFIER_BEFORE.fullmatch(body, line_start, at):
            found.append((before.group("kind").upper(), before.group("value"),
                          (before.start("value") - end, before.end("value") - end)))
        if body[body.rfind("\n", 0, at) + 1:at].lstrip().startswith("|"):  # a table row: the cells after the name
            found += [("CELL", m.group(1), m.span(1)) for m in re.finditer(r"\|\s*([^|]+?)\s*(?=\|)", window)]
        for kind, value, (s, e) in found:
            digits = clean_identifier(value)
            if kind in ("SIRET", "CELL") and siret_ok(digits) and profile.siret is None:
                profile.siret, profile.siren = digits, profile.siren or digits[:9]
            elif kind in ("SIREN", "CELL") and siren_ok(digits) and profile.siren is None:
                profile.siren = digits
            elif kind in ("RNA", "CELL") and rna_ok(value) and profile.rna is None:
                profile.rna = normalise_rna(value)
            else:
                if kind in ("SIRET", "SIREN") and len(digits) == (14 if kind == "SIRET" else 9) \
                        and not (siret_ok if kind == "SIRET" else siren_ok)(digits):
                    note_invalid(profile, kind, value)
                continue
            profile.identifiers_span = (end + s, end + e)


def note_invalid(profile: Profile, kind: str, written: str) -> None:
    """Note once that the text gives ``profile``'s beneficiary a SIRET or SIREN whose check digit is wrong."""
    if (kind, written) not in profile.invalid:
        profile.invalid.append((kind, written))


#: Longer than this, a "paragraph" of several beneficiaries is read for their themes sentence by sentence.
_LONG_PARAGRAPH = 600


def _read_paragraph(profile: Profile, occurrences: _Name, start: int, text: str, alone: bool = True) -> None:
    """Read what a paragraph about the beneficiary says of it. Its themes: the paragraph's, unless the deliberation
    has several beneficiaries and the "paragraph" runs long — a PDF's text, without blank lines, runs the
    paragraphs about two beneficiaries into one, and the themes of one went to the other —: then those of the
    sentences that name it and of the sentence after each ("Elle accompagne…")."""
    themed = [(text, start)]
    if not alone and len(text) > _LONG_PARAGRAPH:
        sentences = list(re.finditer(r"[^.;]+[.;]?", text))
        naming = [i for i, sentence in enumerate(sentences) if occurrences.whole_words(sentence.group(0))]
        themed = [(sentences[j].group(0), start + sentences[j].start())
                  for j in sorted({k for i in naming for k in (i, i + 1) if k < len(sentences)})]
    for sentence in re.finditer(r"[^.]+\.?", text):
        s, value = start + sentence.start(), sentence.group(0)
        if profile.description is None and occurrences.followed_by(value, _DESCRIBES_AFTER):
            lead = len(value) - len(value.lstrip())
            profile.description = (WHITE_SPACE.sub(" ", value.strip()), s + lead, s + len(value.rstrip()))
        founded = re.search(r"(?:Fondée?|Créée?)\s+en\s+(\d{4})|depuis\s+sa\s+création\s+en\s+(\d{4})", value, re.I)
        if founded and profile.founded is None:
            profile.founded = int(founded.group(1) or founded.group(2))
        area = re.search(r"(?:intervenir|intervient|présente?|active?|agit)\s+(?:dans|sur)\s+(?P<a>(?:une?\s+)?"
                         r"(?:douzaine|dizaine|vingtaine|centaine|plusieurs|\d+)\s+(?:de\s+)?pays)", value, re.I)
        if area and profile.area_served is None:
            profile.area_served = area.group("a")
    profile.sites += [site for site in sites(text, start) if site not in profile.sites]
    for concept, span in locate_concepts(themed, "themes"):
        if concept not in profile.themes:
            profile.themes.append(concept)
            profile.theme_spans[concept] = span
