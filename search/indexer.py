"""Build and update the search index, derived from the graph only.

A build writes a new version while readers keep the current one, then moves the pointer; old versions are
removed once no reader can still be opening them. An update writes into the current version through whoosh's own
writer: a commit adds a segment and a new table of contents, which readers of other processes pick up on their
next request (see :mod:`search.reader`).

This module builds and updates the index; :mod:`search.index_layout` says where it lives on disk (its versions, the
pointer, the writer's lock, the pending resources) and :mod:`search.index_check` checks it against the graph.

>>> print(UpdateStats(updated=2, deleted=1).format())
index : 2 documents mis à jour, 1 supprimé
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.namespace import DCTERMS
from whoosh import index as whoosh_index
from whoosh.query import Or, Term

from graph.french_text import counted
from graph.gc_pause import cyclic_gc_paused
from search.bulk import write_index
from search.documents import facts_to_documents, reach_of
from search.errors import DAMAGED
from search.fact_readers import label_of
from search.facts import Facts, linked_from, load_facts
from search.index_layout import (INDEX_FORMAT, clear_pending, current_version, index_format, index_root, move_pointer,
                                 new_version, pending, prune_versions, write_lock)
from search.schema import Codec, document_to_fields, label_dependency

#: Touched IRIs past which an update rebuilds the whole index instead (one full read is then cheaper).
MAX_INCREMENTAL = 20_000
_REPLACES = str(DCTERMS.replaces)


# --- build ----------------------------------------------------------------------------------------------------


@dataclass
class BuildStats:
    """What a full build did."""

    version: str = ""
    documents: Counter = field(default_factory=Counter)
    read_seconds: float = 0.0
    #: CPU of the graph read, its reading threads included (see search.facts.READ_THREADS).
    read_cpu_seconds: float = 0.0
    seconds: float = 0.0
    size_bytes: int = 0

    @property
    def total(self) -> int:
        return sum(self.documents.values())

    def format(self, lang: str = "fr") -> str:
        en = lang == "en"
        kinds = ", ".join(counted(n, _KIND_NOUNS.get(kind, (kind, kind))[1 if en else 0], lang=lang)
                          for kind, n in sorted(self.documents.items())) or ("none" if en else "aucun")
        rate = self.total / self.seconds if self.seconds else 0.0
        seconds, read, size = (_decimal(x, lang) for x in (self.seconds, self.read_seconds, self.size_bytes / 1e6))
        if en:
            return (f"index {self.version}: {counted(self.total, 'document', lang='en')} ({kinds}) in {seconds} s "
                    f"({rate:.0f} documents/s, graph read in {read} s), {size} MB")
        return (f"index {self.version} : {counted(self.total, 'document')} ({kinds}) en {seconds} s "
                f"({rate:.0f} documents/s, lecture du graphe {read} s), {size} Mo")


#: The documents' kinds (search.document_kinds.KINDS) as the build's summary counts them, in French and in English.
_KIND_NOUNS = {"actor": ("acteur", "actor"), "agreement": ("convention", "agreement"),
               "deliberation": ("délibération", "deliberation"), "goal": ("objectif", "goal"),
               "grant": ("subvention", "grant"), "theme": ("thème", "theme"), "action": ("action", "action")}


def _decimal(x: float, lang: str) -> str:
    """``x`` to one decimal, with a decimal comma in French."""
    return f"{x:.1f}" if lang == "en" else f"{x:.1f}".replace(".", ",")


def build_index(store, config, progress: Callable[[int | None], None] = lambda written: None) -> BuildStats:
    """Rebuild the index from the graph into a new version, then swap it in atomically. ``progress`` is told
    ``None`` as the graph's reading starts, then the documents written so far, every 20,000."""
    root = index_root(config)
    started, cpu = time.perf_counter(), time.process_time()
    with write_lock(root, float(config.get("lock_timeout", 30))), cyclic_gc_paused():
        stats = BuildStats(version=new_version(root))
        progress(None)
        noted = pending(config)  # read before the graph: what is noted later may be newer than what is read
        facts = load_facts(store)
        stats.read_seconds, stats.read_cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        path = root / stats.version
        stats.documents = write_index(path, facts, int(config.get("index_procs", 1)), progress)
        (path / "FORMAT").write_text(INDEX_FORMAT + "\n")
        move_pointer(root, stats.version)
        prune_versions(root, stats.version)
        clear_pending(config, noted)
    stats.seconds = time.perf_counter() - started
    stats.size_bytes = sum(f.stat().st_size for f in path.iterdir())
    return stats


# --- update -----------------------------------------------------------------------------------------------------


def _dependents(searcher, iris: set[str], facts: Facts) -> set[str]:
    """The IRIs of the documents that show facts of ``iris`` (their ``deps`` name one of them), or the label of
    one of them as it was before ``facts`` (see :func:`search.schema.label_dependency`): a new file that names a
    funder again re-derives the funder, not the thousand grants that show its unchanged name."""
    reader = searcher.reader()
    field = searcher.schema["deps"]
    terms = set(iris)
    for iri in iris:
        current = label_dependency(iri, label_of(facts, iri))
        terms.update(text for text in map(field.from_bytes, reader.expand_prefix("deps", iri + "|"))
                     if text != current)
    found = set()
    terms = sorted(terms)
    for i in range(0, len(terms), 500):
        query = Or([Term("deps", t) for t in terms[i:i + 500]])
        found.update(hit["iri"] for hit in searcher.search(query, limit=None, scored=False))
    return found


@dataclass
class UpdateStats:
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rebuilt: BuildStats | None = None

    def format(self) -> str:
        if self.rebuilt:
            return self.rebuilt.format()
        return (f"index : {counted(self.updated, 'document mis à jour', 'documents mis à jour')}, "
                f"{counted(self.deleted, 'supprimé')}")


def update_index(store, config, touched: Iterable[str]) -> UpdateStats:
    """Re-derive the documents of ``touched`` and of the documents that show them; delete those gone.

    Builds the whole index when there is none yet, when it has another format (see INDEX_FORMAT), or when so
    much was touched that one full read is cheaper.
    """
    touched = {str(t) for t in touched}  # plain strings: an rdflib URIRef does not hash like its str
    root = index_root(config)
    touched |= pending(config)  # what an update interrupted earlier left (an ingest killed after its publish)
    if not touched:
        return UpdateStats()
    version = current_version(root)
    if version is None or index_format(root / version) != INDEX_FORMAT or len(touched) > MAX_INCREMENTAL:
        return UpdateStats(rebuilt=build_index(store, config))
    try:
        return _update_in_place(store, config, root, touched)
    except DAMAGED:  # a segment's file deleted or cut short: the graph is whole, the index is rebuilt from it
        return UpdateStats(rebuilt=build_index(store, config))


def _update_in_place(store, config, root: Path, touched: set[str]) -> UpdateStats:
    """:func:`update_index` on the index in place, the documents of ``touched`` and of those that show them."""
    stats = UpdateStats()
    with write_lock(root, float(config.get("lock_timeout", 30))):
        version = current_version(root)
        ix = whoosh_index.open_dir(str(root / version))
        with ix.searcher() as searcher:
            documents, affected = _affected_documents(store, searcher, touched)
            hashes = {hit["iri"]: hit["hash"] for hit in _stored(searcher, affected)}
        writer = ix.writer(timeout=float(config.get("lock_timeout", 30)), codec=Codec())
        try:
            _write_documents(writer, affected, documents, hashes, stats)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        clear_pending(config, touched)  # under the lock, as a rebuild clears what it took
    return stats


def _affected_documents(store, searcher, touched: set[str]) -> tuple[dict[str, dict], set[str]]:
    """The documents derived anew from the graph for an update of ``touched``, by IRI, and the IRIs of every
    document the update affects: those of ``touched``, of the documents that show them, and of those that will."""
    facts = load_facts(store, touched, reach=reach_of)
    # A grant that a touched one replaces changes the totals of the documents that show it.
    replaced = {o for t in touched for o in facts.get(t, _REPLACES) if type(o) is str}
    affected = touched | _dependents(searcher, touched | replaced, facts)
    load_facts(store, affected - touched, facts, reach_of)
    documents = {d["iri"]: d for d in facts_to_documents(facts, affected)}
    # The documents that will show a touched resource without showing it yet: what it now points at through
    # REVERSE_LINKS (a new grant changes its beneficiary's and funder's totals). A document that shows it
    # already names it in its deps, and one that shows a resource whose facts did not change changes only
    # through a touched resource it also names (each document's deps list every IRI whose facts it
    # reads). Only their facts are read, into the same facts: each document's own were read whole, as far
    # as it reads (see READS), so more facts do not change it.
    extra = linked_from(facts, touched) - affected
    if extra:
        load_facts(store, extra, facts, reach_of)
        documents.update((d["iri"], d) for d in facts_to_documents(facts, extra))
        affected |= extra
    return documents, affected


def _write_documents(writer, affected: set[str], documents: dict[str, dict], hashes: dict[str, str],
                     stats: UpdateStats) -> None:
    """Write the ``documents`` of the ``affected`` IRIs whose hash differs from the index's (``hashes``), delete
    those of the index that are gone, and count both in ``stats``."""
    for iri in sorted(affected):
        doc = documents.get(iri)
        if doc is None:
            if iri in hashes:
                writer.delete_by_term("iri", iri)
                stats.deleted += 1
            continue
        fields = document_to_fields(doc)
        if hashes.get(iri) == fields["hash"]:
            stats.unchanged += 1
            continue
        writer.update_document(**fields)
        stats.updated += 1


def _stored(searcher, iris: Iterable[str]) -> Iterable[dict]:
    for iri in iris:
        docnum = searcher.document_number(iri=iri)
        if docnum is not None:
            yield searcher.stored_fields(docnum)
