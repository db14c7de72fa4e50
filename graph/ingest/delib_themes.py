"""Which concepts of a shipped SKOS scheme a deliberation's text names: the themes of a beneficiary or of a PTCE
(``themes``), the kinds of actors a PTCE gathers (``actorKinds``).

A label is evidence of its concept where the text gives it, folded (case and accents aside), acronyms as written; a
few labels are never evidence, and a label that is a word of every field (« formation », « prévention ») is evidence
only in a sentence about health.

>>> [str(c).rsplit("/", 1)[1] for c in match_concepts("Un programme d'éducation thérapeutique du patient.", "themes")]
['education-therapeutique']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from graph.ingest.french import fold
from graph.namespaces import MAI

@cache
def scheme_labels(scheme_name: str) -> tuple[tuple[str, URIRef], ...]:
    """Return (label, concept) pairs of a shipped SKOS scheme ("themes", "actorKinds"), longest label first."""
    from graph.ontology import load_schemes

    graph = load_schemes()
    scheme = MAI[scheme_name]
    pairs = []
    for concept in graph.subjects(SKOS.inScheme, scheme):
        if (concept, RDF.type, SKOS.ConceptScheme) in graph:
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                if getattr(label, "language", None) in (None, "fr"):
                    pairs.append((str(label), concept))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


#: Labels of a scheme that a deliberation's text never gives its concept by: « usagers » alone says whom a service
#: is for (« aux professionnels de la santé et aux usagers »), not that users take part in health decisions
#: (« Démocratie en santé »), which its other labels say (« démocratie sanitaire », « représentation des usagers »);
#: « populations » says whom, not at which age of life (« la santé des populations » is public health).
_NEVER_EVIDENCE = {"themes": frozenset({"usagers", "populations"})}

#: The theme labels that are a word of every field, folded: « formation » of lawyers, « coopération » between
#: towns, « recherche » in physics, « autonomie » of the young, « urgence » of works, « prévention » of floods,
#: « alimentation » in water, « circuits courts » in farming, « attractivité du territoire » of a tourist office
#: (a grants list's purpose « pour contribuer à l'attractivité du territoire »). A deliberation's text gives their
#: theme only where a health word shares the sentence (:data:`_HEALTH_CONTEXT`): « formation des professionnels de
#: santé », « autonomie des personnes âgées ». A register that states one of them as a theme means it
#: (:mod:`graph.ingest.register_builder` reads all labels).
_GENERIC = {"themes": frozenset({
    "formation", "formation continue", "formation initiale", "cooperation", "recherche", "recherche universitaire",
    "innovation", "inclusion", "accessibilite", "exclusion", "autonomie", "dependance", "recrutement", "urgence",
    "naissance", "jeunesse", "adolescents", "ethique", "consentement", "incubation", "acceleration",
    "decloisonnement", "prevention", "alimentation", "tiers-lieu", "tiers lieu", "attractivite du territoire",
    "rayonnement du territoire", "marketing territorial", "circuits courts"})}

#: A health word, in a folded text: what makes a generic label (:data:`_GENERIC`) evidence of its theme. Loss of
#: autonomy, carers and falls are health too (« prévention de la perte d'autonomie », « prévention des chutes »).
_HEALTH_CONTEXT = re.compile(r"\b(?:sante|sanitaire|medic|medec|soin|soign|patient|hospital|hopita|clinique|malad|"
                             r"infirmi|pharmac|therapeut|psych|handicap|personnes agees|geronto|geriatr|ehpad|"
                             r"sage-femme|kinesith|addict|vaccin|maternite|perinat|grossesse|alzheimer|denutrition|"
                             r"chute|perte d'autonomie|aidant)")
#: What else makes a generic label evidence: the social economy, for the cooperation that PTCEs are
#: (« programme de coopération de l'économie sociale et solidaire »), not a twinning's « coopération décentralisée ».
_OTHER_CONTEXT = {"cooperation": re.compile(r"\beconomie sociale|\bess\b|\bptce\b")}

#: Where a sentence ends, in a text whose white space is one space.
_SENTENCE_END = re.compile(r"[.;!?](?= |$)")


#: A French text writes its apostrophe straight or curly (« perte d'autonomie », « perte d’autonomie »), and the
#: schemes' labels straight: both read as the straight one. (Folding to ASCII dropped the curly one: "perte
#: dautonomie" matched no label.)
_APOSTROPHES = str.maketrans({"’": "'"})


def _folded(text: str) -> str:
    """``text`` folded (:func:`graph.ingest.french.fold`), its apostrophes all straight.

    >>> _folded("Perte d’Autonomie"), _folded("perte d'autonomie")
    ("perte d'autonomie", "perte d'autonomie")
    """
    return fold(text.translate(_APOSTROPHES))


@cache
def _label_patterns(scheme_name: str) -> tuple[tuple[str, re.Pattern, bool, bool, URIRef], ...]:
    """(label as written in the text read, pattern, whether it reads the folded text, whether the label is generic,
    concept) for each label of a scheme but those that are never evidence, compiled once: the labels outnumber the
    ``re`` module's cache, which then compiled them again for each paragraph read."""
    patterns = []
    for label, concept in scheme_labels(scheme_name):
        if label in _NEVER_EVIDENCE.get(scheme_name, ()):
            continue
        if label.isupper() and len(label) <= 5:
            patterns.append((label, re.compile(rf"\b{re.escape(label)}\b"), False, False, concept))
        else:
            folded = _folded(label)
            generic = folded in _GENERIC.get(scheme_name, ())
            patterns.append((folded, re.compile(rf"(?<![\w-]){re.escape(folded)}(?![\w-])"), True, generic, concept))
    return tuple(patterns)


def _in_context(folded: str, start: int, end: int) -> bool:
    """Whether the sentence of ``folded`` around the generic label at ``start``–``end`` has a health word
    (:data:`_HEALTH_CONTEXT`) or, for some labels, another word that says what they are about (:data:`_OTHER_CONTEXT`).

    >>> text = "des ateliers de formation. la formation des soignants"
    >>> _in_context(text, 16, 25), _in_context(text, 30, 39)
    (False, True)
    """
    opening = max((m.end() for m in _SENTENCE_END.finditer(folded, 0, start)), default=0)
    closing = _SENTENCE_END.search(folded, end)
    closing = closing.start() if closing else len(folded)
    other = _OTHER_CONTEXT.get(folded[start:end])
    return any(context.search(folded, opening, closing) for context in (_HEALTH_CONTEXT, other) if context)


def _first_evidence(pattern: re.Pattern, read: str, generic: bool) -> re.Match | None:
    """The first match of a label's pattern that is evidence of its concept: any, or for a generic label the first
    in a sentence about health (or, for « coopération », about the social economy)."""
    if not generic:
        return pattern.search(read)
    return next((m for m in pattern.finditer(read) if _in_context(read, m.start(), m.end())), None)


def match_concepts(text: str, scheme_name: str) -> list[URIRef]:
    """Return the concepts of a scheme whose labels occur in ``text`` (acronyms case-sensitively), in order; a label
    that a line end cuts ("Entreprise Solidaire d'Utilité" / "Sociale", as a PDF's text wraps it) is found too, and
    one whose apostrophe the text writes curly (« perte d’autonomie »). A generic label (:data:`_GENERIC`) counts
    only in a sentence about health.

    >>> [str(c).rsplit("/", 1)[1] for c in match_concepts("Des ateliers de formation pour les avocats.", "themes")]
    []
    >>> [str(c).rsplit("/", 1)[1] for c in match_concepts("La formation des internes en médecine.", "themes")]
    ['formation-des-soignants']
    """
    return list(_evidence_found(WHITE_SPACE.sub(" ", text), scheme_name))


def _evidence_found(text: str, scheme_name: str) -> dict[URIRef, tuple[int, int, bool]]:
    """The concepts of a scheme that ``text`` (its white space one space) gives, in order, each with its first
    evidence: where it starts and ends, and whether in the folded text (:func:`_folded`) or in ``text`` itself."""
    folded = _folded(text)
    found: dict[URIRef, tuple[int, int, bool]] = {}
    for label, pattern, on_folded, generic, concept in _label_patterns(scheme_name):
        read = folded if on_folded else text
        # The patterns are case-sensitive: one matches only where its label is. Looking for the label first costs
        # less than the search, which cannot skip ahead to a literal behind its lookbehind (0.66 -> 0.1 s, 400 texts).
        if label not in read:
            continue
        match = _first_evidence(pattern, read, generic)
        if match and (concept not in found or match.start() < found[concept][0]):
            found[concept] = (match.start(), match.end(), on_folded)
    return dict(sorted(found.items(), key=lambda item: item[1][0]))


#: Longer than this in the document, the sentence around a label is no quote that a page's « Pourquoi ? » reads at a
#: glance (a table's rows, padded with spaces, have no full stop; nor has a PDF's text whose stops were lost): the
#: label's words are quoted alone.
_LONGEST_QUOTE = 300


def locate_concepts(parts: Sequence[tuple[str, int]], scheme_name: str) -> list[tuple[URIRef, tuple[int, int]]]:
    """Return the concepts that :func:`match_concepts` finds in the texts of ``parts`` joined by a space, each with
    the span of its evidence in the document the parts are taken from (each part: a text and where it starts
    there): the sentence that gives its label (in its part: the parts may lie apart), or the label's words alone
    where that sentence runs over more than :data:`_LONGEST_QUOTE` characters of the document.

    >>> document = "Le projet.  Elle forme les\\nsoignants à l'éducation thérapeutique du patient."
    >>> [(str(c).rsplit("/", 1)[1], document[s:e]) for c, (s, e) in locate_concepts([(document[12:], 12)], "themes")]
    [('education-therapeutique', "Elle forme les\\nsoignants à l'éducation thérapeutique du patient.")]
    """
    joined = " ".join(text for text, _ in parts)
    text = WHITE_SPACE.sub(" ", joined)
    found = _evidence_found(text, scheme_name)
    if not found:
        return []
    in_text = _squeezed(joined, _document_offsets(parts))
    in_folded = _folded_offsets(text, in_text)
    folded = _folded(text)
    located = []
    for concept, (start, end, on_folded) in found.items():
        read, offsets = (folded, in_folded) if on_folded else (text, in_text)
        words = (offsets[start], offsets[end - 1] + 1)
        opening, closing = _sentence(read, start, end)
        part = next((at, at + len(text)) for text, at in parts if at <= words[0] < at + len(text))
        quoted = (max(offsets[opening], part[0]), min(offsets[closing - 1] + 1, part[1]))
        located.append((concept, quoted if quoted[1] - quoted[0] <= _LONGEST_QUOTE else words))
    return located


def _sentence(read: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence of ``read`` around the label at ``start``–``end``, as :func:`_in_context` bounds it,
    with its final stop."""
    opening = max((m.end() for m in _SENTENCE_END.finditer(read, 0, start)), default=0)
    closing = _SENTENCE_END.search(read, end)
    closing = closing.end() if closing else len(read.rstrip())
    while read[opening] == " ":
        opening += 1
    return opening, closing


def _document_offsets(parts: Sequence[tuple[str, int]]) -> list[int]:
    """For each character of the texts of ``parts`` joined by a space, its offset in their document (a joining
    space's: just after the part before it)."""
    offsets: list[int] = []
    for text, start in parts:
        if offsets:
            offsets.append(offsets[-1] + 1)
        offsets.extend(range(start, start + len(text)))
    return offsets


def _squeezed(text: str, offsets: list[int]) -> list[int]:
    """The ``offsets`` of the characters of ``text`` that remain when its white space is one space (each run of
    white space: its first character)."""
    kept, last = [], 0
    for run in WHITE_SPACE.finditer(text):
        kept += offsets[last:run.start() + 1]
        last = run.end()
    return kept + offsets[last:]


def _folded_offsets(text: str, offsets: list[int]) -> list[int]:
    """The ``offsets`` of the characters of ``text`` that each character of ``_folded(text)`` comes from: folding
    spells out a ligature (« œ », two letters) and drops what has no ASCII form (« « », « € »), one character at a
    time as a whole text (case, accents and apostrophes are a character's own).

    >>> _folded_offsets("Œuvre « a »", list(range(11)))
    [0, 0, 1, 2, 3, 4, 5, 7, 8, 9]
    """
    folded = []
    for char, offset in zip(text, offsets):
        folded += [offset] * len(_folded_char(char))
    return folded


@cache
def _folded_char(char: str) -> str:
    """One character folded (:func:`_folded`)."""
    return _folded(char)


#: A run of white space (texts are read with each run one space).
WHITE_SPACE = re.compile(r"\s+")
