"""Check the search index against the graph (``maillage index --check``): the documents it lacks, those whose
content is stale, those it holds in excess, and a version of another format (:data:`search.index_layout.INDEX_FORMAT`).

>>> print(CheckReport(version=None).format(lang="en"))
no index: run 'maillage index'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import index as whoosh_index

from graph.french_text import counted
from search.documents import facts_to_documents
from search.errors import DAMAGED, damaged
from search.facts import load_facts
from search.index_layout import INDEX_FORMAT, current_version, index_format, index_root
from search.schema import document_hash


@dataclass
class CheckReport:
    """Where the index and the graph disagree."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    documents: int = 0
    version: str | None = None
    format_found: str = INDEX_FORMAT

    @property
    def ok(self) -> bool:
        return (self.version is not None and self.format_found == INDEX_FORMAT
                and not (self.missing or self.stale or self.extra))

    def format(self, limit: int = 20, lang: str = "fr") -> str:
        if lang == "en":
            return self._format_en(limit)
        if self.version is None:
            return "index absent : lancez « maillage index »"
        if self.format_found != INDEX_FORMAT:
            return (f"index {self.version} au format {self.format_found}, cette version de Maillage lit le format "
                    f"{INDEX_FORMAT} : lancez « maillage index »")
        lines = [f"index {self.version} : {counted(self.documents, 'document')} ; "
                 f"{counted(len(self.missing), 'manquant')}, {counted(len(self.stale), 'périmé')}, "
                 f"{len(self.extra)} en trop"]
        for name, names, iris in (("manquant", "manquants", self.missing), ("périmé", "périmés", self.stale),
                                  ("en trop", "en trop", self.extra)):
            lines += [f"  {name} : {iri}" for iri in iris[:limit]]
            if len(iris) > limit:
                lines.append(f"  … et {counted(len(iris) - limit, f'autre {name}', f'autres {names}')}")
        if not self.ok:
            lines.append("pour corriger : maillage index")
        return "\n".join(lines)

    def _format_en(self, limit: int) -> str:
        if self.version is None:
            return "no index: run 'maillage index'"
        if self.format_found != INDEX_FORMAT:
            return (f"index {self.version} in format {self.format_found}, this version of Maillage reads format "
                    f"{INDEX_FORMAT}: run 'maillage index'")
        lines = [f"index {self.version}: {counted(self.documents, 'document', lang='en')}; {len(self.missing)} "
                 f"missing, {len(self.stale)} stale, {len(self.extra)} extra"]
        for name, iris in (("missing", self.missing), ("stale", self.stale), ("extra", self.extra)):
            lines += [f"  {name}: {iri}" for iri in iris[:limit]]
            if len(iris) > limit:
                lines.append(f"  … and {len(iris) - limit} more {name}")
        if not self.ok:
            lines.append("to fix: maillage index")
        return "\n".join(lines)


def check_index(store, config) -> CheckReport:
    """Compare the index with the documents the graph gives now: missing, stale (hash differs) and extra IRIs."""
    root = index_root(config)
    version = current_version(root)
    report = CheckReport(version=version)
    if version is None:
        return report
    report.format_found = index_format(root / version)
    if report.format_found != INDEX_FORMAT:
        return report
    expected = {d["iri"]: document_hash(d) for d in facts_to_documents(load_facts(store))}
    try:
        ix = whoosh_index.open_dir(str(root / version))
        with ix.searcher() as searcher:
            indexed = {f["iri"]: f["hash"] for f in searcher.all_stored_fields()}
    except DAMAGED as exc:  # a segment's file deleted or cut short
        raise damaged(exc) from None
    report.documents = len(indexed)
    report.missing = sorted(set(expected) - set(indexed))
    report.extra = sorted(set(indexed) - set(expected))
    report.stale = sorted(i for i in set(expected) & set(indexed) if expected[i] != indexed[i])
    return report
