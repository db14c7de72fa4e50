"""Build, update and check the search index, derived from the graph only.

Layout under ``{data_dir}/index``::

    <version>/     one whoosh index per full build (a version is a millisecond timestamp), and in it FORMAT
    current        the version that readers open, moved atomically (temporary file + ``os.replace``)
    write.lock     an ``flock`` held by whoever writes (a build, an update): one writer at a time

A build writes a new version while readers keep the current one, then moves the pointer; old versions are
removed once no reader can still be opening them (KEEP_VERSIONS, VERSION_GRACE_S). An update writes into the
current version through whoosh's own writer: a commit adds a segment and a new table of contents, which readers
of other processes pick up on their next request (see :mod:`search.reader`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
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
from graph.locks import exclusive_lock, write_atomic
from graph.store import StoreError
from search.bulk import write_index
from search.documents import facts_to_documents, reach_of
from search.errors import DAMAGED, damaged
from search.fact_readers import label_of
from search.facts import Facts, linked_from, load_facts
from search.schema import Codec, document_hash, document_to_fields, label_dependency

#: Versions kept besides the current one; older ones go once older than VERSION_GRACE_S, the time a reader may
#: take between reading the pointer and opening the directory (the same rule as the store's snapshots).
KEEP_VERSIONS = 1
VERSION_GRACE_S = 60.0
#: What a version's FORMAT file says of its layout; a version of another format (or without the file: format 1,
#: whoosh's own writer, with frequencies) is refused by readers, reported by the check and rebuilt by the next
#: update. 2: postings without frequencies nor field lengths, written in bulk (search/segment.py), plural "s"
#: dropped before stemming, sort keys and amounts as columns only. 3: ``deps`` keeps a label shown alone as
#: ``IRI|hash`` (search/schema.py, ``label_dependency``), and every facet value. 4: numbers as one term whatever
#: their grouping ("20 000" is 20000) and the amount in the body, the acronyms' expansions and the reverse
#: (search/synonyms.py), the ``classes`` field, "and", "or" and "not" stop words. 5: feminine endings read as
#: masculine before stemming, hyphenated words also joined, "sauf" a stop word, the themes' English labels apart.
#: 6: the actor types' names as the ontology gives them, and the names of the kinds of members they stand for, in
#: ``classes`` (« Université ou organisme de recherche », "Local authority"). 7: the amounts that the shapes reject
#: (negative) left out of the actors', deliberations' and agreements' sums and of the grants' sort amount, as the
#: pages' totals; a grant's funder or beneficiary that a source wrote as a text in its name, summary and body.
INDEX_FORMAT = "7"
#: Touched IRIs past which an update rebuilds the whole index instead (one full read is then cheaper).
MAX_INCREMENTAL = 20_000
_REPLACES = str(DCTERMS.replaces)


class SearchIndexError(Exception):
    """The index cannot be written (another writer holds it too long) or read (none built yet)."""


class IndexLockError(SearchIndexError, StoreError):
    """Another process writes the index for longer than a writer waits: said as a busy store is."""


def index_root(config) -> Path:
    return Path(config.get("data_dir", "maillage-data")) / "index"


def index_format(path: Path) -> str:
    """The format of the index version in ``path`` (see INDEX_FORMAT)."""
    try:  # a damaged file reads as a format of its own: the version is rebuilt, not a traceback
        return (path / "FORMAT").read_text(errors="replace").strip()
    except FileNotFoundError:
        return "1"


def current_version(root: Path) -> str | None:
    """The version the pointer names, or None before the first build."""
    try:
        name = (root / "current").read_text(errors="replace").strip()
    except FileNotFoundError:
        return None
    try:
        return name if name and (root / name).is_dir() else None
    except ValueError:  # a damaged pointer ("embedded null byte"): as if none had been built
        return None


@contextlib.contextmanager
def write_lock(root: Path, timeout: float = 30.0):
    """Hold the index's writer lock (an ``flock``, released when the process dies)."""
    root.mkdir(parents=True, exist_ok=True)
    busy = lambda: IndexLockError(f"l'index est en cours d'écriture par un autre processus (attente {timeout:.0f} s)",
                                  f"the index is being written by another process (waited {timeout:.0f} s)")
    with exclusive_lock(root / "write.lock", timeout, busy):
        yield


#: The resources whose documents the index may not show yet, one IRI a line: a writer notes what a file touched as
#: soon as the file is stored, before its publish (:func:`note_pending`), and the index's next update takes them and
#: clears them. An ingest killed between a publish and the index's update (Ctrl-C after the first of several
#: publishes) leaves them for the next command that writes; meanwhile `maillage search` says the index is behind.
PENDING = "pending"


def note_pending(config, touched: Iterable[str]) -> None:
    """Note that the documents of ``touched`` may be out of date until the index's next update."""
    root = index_root(config)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / PENDING, "a", encoding="utf-8") as out:
        out.writelines(f"{iri}\n" for iri in sorted(map(str, touched)))
        out.flush()
        os.fsync(out.fileno())


def pending(config) -> set[str]:
    """The resources noted by :func:`note_pending` that no index update has taken yet."""
    try:
        return set((index_root(config) / PENDING).read_text(encoding="utf-8").split())
    except FileNotFoundError:
        return set()


def _clear_pending(config, done: set[str]) -> None:
    """Forget the pending resources in ``done`` (an update took them); those noted since stay."""
    left = pending(config) - done
    path = index_root(config) / PENDING
    if left:
        write_atomic(path, "".join(f"{iri}\n" for iri in sorted(left)))
    else:
        path.unlink(missing_ok=True)


def _move_pointer(root: Path, version: str) -> None:
    write_atomic(root / "current", version + "\n")


def _prune_versions(root: Path, current: str) -> None:
    names = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    old = [n for n in names if n < current][:-KEEP_VERSIONS or None]
    now = time.time()
    for name in old + [n for n in names if n > current]:  # newer ones: left by a build that died
        path = root / name
        if now - path.stat().st_mtime > VERSION_GRACE_S:
            shutil.rmtree(path, ignore_errors=True)


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
               "grant": ("subvention", "grant"), "theme": ("thème", "theme")}


def _decimal(x: float, lang: str) -> str:
    """``x`` to one decimal, with a decimal comma in French."""
    return f"{x:.1f}" if lang == "en" else f"{x:.1f}".replace(".", ",")


def build_index(store, config, progress: Callable[[int | None], None] = lambda written: None) -> BuildStats:
    """Rebuild the index from the graph into a new version, then swap it in atomically. ``progress`` is told
    ``None`` as the graph's reading starts, then the documents written so far, every 20,000."""
    root = index_root(config)
    started, cpu = time.perf_counter(), time.process_time()
    with write_lock(root, float(config.get("lock_timeout", 30))), cyclic_gc_paused():
        stats = BuildStats(version=_new_version(root))
        progress(None)
        noted = pending(config)  # read before the graph: what is noted later may be newer than what is read
        facts = load_facts(store)
        stats.read_seconds, stats.read_cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        path = root / stats.version
        stats.documents = write_index(path, facts, int(config.get("index_procs", 1)), progress)
        (path / "FORMAT").write_text(INDEX_FORMAT + "\n")
        _move_pointer(root, stats.version)
        _prune_versions(root, stats.version)
        _clear_pending(config, noted)
    stats.seconds = time.perf_counter() - started
    stats.size_bytes = sum(f.stat().st_size for f in path.iterdir())
    return stats


def _new_version(root: Path) -> str:
    version = f"{int(time.time() * 1000):014d}"
    while (root / version).exists():
        version = f"{int(version) + 1:014d}"
    return version


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
            hashes = {hit["iri"]: hit["hash"] for hit in _stored(searcher, affected)}
        writer = ix.writer(timeout=float(config.get("lock_timeout", 30)), codec=Codec())
        try:
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
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        _clear_pending(config, touched)  # under the lock, as a rebuild clears what it took
    return stats


def _stored(searcher, iris: Iterable[str]) -> Iterable[dict]:
    for iri in iris:
        docnum = searcher.document_number(iri=iri)
        if docnum is not None:
            yield searcher.stored_fields(docnum)


# --- check ------------------------------------------------------------------------------------------------------


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
