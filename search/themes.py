"""The theme scheme as the index holds it (the theme documents): labels, the narrower closure, and the themes
that a query's words name."""

from __future__ import annotations

from collections.abc import Iterable

from search.analysis import content_words, fold, terms
from search.english import english_word


class ThemeScheme:
    """The theme scheme as the index holds it: labels, narrower closure, and the themes a text names."""

    def __init__(self, stored: list[dict]):
        self.labels: dict[str, str] = {}
        self.narrower: dict[str, set[str]] = {}
        # each label's terms, stemmed (a French label) or folded (an English one), and its theme
        self._names: list[tuple[tuple[str, ...], bool, str]] = []
        #: each label's folded content words and its theme, longest first: what a misspelt query word is compared
        #: with (:func:`search.typos.themes_near`), letters rather than stems (« prévension » stems apart)
        self.folded_names: list[tuple[tuple[str, ...], str]] = []
        #: each theme's French names but its label (its synonyms), as (stem, folded) content words: what a document
        #: that no one tagged with it says of it (:func:`search.plan.text_query`)
        self.synonyms: dict[str, list[list[tuple[str, str]]]] = {}
        for fields in stored:
            iri, doc = fields["iri"], fields["doc"]
            self.labels[iri] = doc["label"]
            self.narrower.setdefault(iri, set())
            scheme = doc.get("scheme", {})
            for broader in scheme.get("broader", []):
                self.narrower.setdefault(broader, set()).add(iri)
            english = set(scheme.get("english", ()))
            self.synonyms[iri] = [words for name in scheme.get("labels", ()) if name not in english
                                  and name != doc["label"] and (words := content_words(name))]
            for name in scheme.get("labels", [doc["label"]]):
                key = tuple(_english_key(_folded_content(name)) if name in english else terms(name))
                if key:
                    self._names.append((key, name in english, iri))
                if folded := tuple(_folded_content(name)):
                    self.folded_names.append((folded, iri))
        self._names.sort(key=lambda item: -len(item[0]))
        self.folded_names.sort(key=lambda item: -len(item[0]))

    def expand(self, iri: str) -> set[str]:
        """``iri`` and every theme below it (skos:broader, transitively)."""
        found, todo = set(), [iri]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(self.narrower.get(current, ()))
        return found

    def find(self, name: str) -> list[str]:
        """The themes whose IRI, slug or one of whose labels is ``name`` (several schemes may share a label); a label
        or a slug whatever its case and accents."""
        if name in self.labels:
            return [name]
        keys = {False: tuple(terms(name)), True: _english_key(_folded_content(name))}
        found = [iri for label_terms, english, iri in self._names if label_terms == keys[english]]
        slug = fold(name)
        found += [iri for iri in self.labels if fold(iri.rstrip("/").rsplit("/", 1)[-1]) == slug]
        return sorted(set(found))

    def named_in(self, query_words: list[tuple[str, str]]) -> list[tuple[str, tuple[int, int]]]:
        """Themes whose label (or synonym) appears in ``query_words`` (stemmed and folded terms), with the span of
        words it covers: a French label's stems, an English label's words through the English stemmer ("caregivers"
        names « Caregivers »; a word that it leaves out, as written).

        The longest names win: "santé mentale" is found once, not also as "santé".
        """
        found, taken, spans = [], set(), set()
        read = (tuple(w[0] for w in query_words), _english_key(w[1] for w in query_words))
        for label_terms, english, iri in self._names:
            n = len(label_terms)
            for start in range(len(query_words) - n + 1):
                span = (start, start + n)
                if read[english][start:start + n] != label_terms:
                    continue
                # Two themes named alike share the span; a shorter name inside a longer one's span is skipped.
                if span in spans or not taken & set(range(*span)):
                    if (iri, span) not in found:
                        found.append((iri, span))
                    spans.add(span)
                    taken |= set(range(*span))
        return found




def _english_key(folded: Iterable[str]) -> tuple[str, ...]:
    """Folded words as an English label is matched: each through the English stemmer, a stop word as it is."""
    return tuple(english_word(word) or word for word in folded)


def _folded_content(text: str) -> list[str]:
    """The folded words of ``text`` that a query keeps (its stop words left out, as a query's are)."""
    return [folded for _, folded in content_words(text)]
