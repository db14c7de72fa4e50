"""The theme scheme as the index holds it (the theme documents): labels, the narrower closure, and the themes
that a query's words name."""

from __future__ import annotations

from search.analysis import terms


class ThemeScheme:
    """The theme scheme as the index holds it: labels, narrower closure, and the themes a text names."""

    def __init__(self, stored: list[dict]):
        self.labels: dict[str, str] = {}
        self.narrower: dict[str, set[str]] = {}
        self._names: list[tuple[tuple[str, ...], str]] = []
        for fields in stored:
            iri, doc = fields["iri"], fields["doc"]
            self.labels[iri] = doc["label"]
            self.narrower.setdefault(iri, set())
            for broader in doc.get("scheme", {}).get("broader", []):
                self.narrower.setdefault(broader, set()).add(iri)
            for name in doc.get("scheme", {}).get("labels", [doc["label"]]):
                key = tuple(terms(name))
                if key:
                    self._names.append((key, iri))
        self._names.sort(key=lambda item: -len(item[0]))

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
        """The themes whose IRI, slug or one of whose labels is ``name`` (several schemes may share a label)."""
        if name in self.labels:
            return [name]
        key = tuple(terms(name))
        found = [iri for label_terms, iri in self._names if label_terms == key]
        found += [iri for iri in self.labels if iri.rstrip("/").rsplit("/", 1)[-1] == name]
        return sorted(set(found))

    def named_in(self, query_terms: list[str]) -> list[tuple[str, tuple[int, int]]]:
        """Themes whose label (or synonym) appears in ``query_terms``, with the span of terms it covers.

        The longest names win: "santé mentale" is found once, not also as "santé".
        """
        found, taken, spans = [], set(), set()
        for label_terms, iri in self._names:
            n = len(label_terms)
            for start in range(len(query_terms) - n + 1):
                span = (start, start + n)
                if tuple(query_terms[start:start + n]) != label_terms:
                    continue
                # Two themes named alike share the span; a shorter name inside a longer one's span is skipped.
                if span in spans or not taken & set(range(*span)):
                    if (iri, span) not in found:
                        found.append((iri, span))
                    spans.add(span)
                    taken |= set(range(*span))
        return found
