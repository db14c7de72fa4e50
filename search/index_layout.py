"""Where the search index lives on disk, and who may write it: its versions, the pointer to the current one, the
writer's lock, and the resources whose documents it may not show yet.

Layout under ``{data_dir}/index``::

    <version>/     one whoosh index per full build (a version is a millisecond timestamp), and in it FORMAT
    current        the version that readers open, moved atomically (temporary file + ``os.replace``)
    write.lock     an ``flock`` held by whoever writes (a build, an update): one writer at a time
    pending        the resources noted by a writer that the index's next update takes (:func:`note_pending`)

A build (:mod:`search.indexer`) writes a new version while readers keep the current one, then moves the pointer
(:func:`move_pointer`); old versions are removed once no reader can still be opening them (:func:`prune_versions`:
KEEP_VERSIONS, VERSION_GRACE_S).

>>> index_root({"data_dir": "maillage-data"}).as_posix()
'maillage-data/index'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from graph.locks import exclusive_lock, write_atomic
from graph.store import StoreError

#: Versions kept besides the current one; older ones go once older than VERSION_GRACE_S, the time a reader may
#: take between reading the pointer and opening the directory (the store's snapshots are held by their readers instead).
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
#: pages' totals; a grant's funder or beneficiary that a source wrote as a text in its name, summary and body. 8: every
#: character written for an apostrophe read as one (search.analysis.APOSTROPHES): the bulk writer read « Lʼhôpital »
#: (U+02BC) as one word ``lʼhopital``, and every reader « Lʻhôpital » (U+02BB); sort keys fold them all to "'"; the
#: whole names one per line in the fields that an update writes (a comma parted « Pass 1 234,50 € » there). 9: an
#: accent written apart from its letter (Unicode NFD, search.analysis.MARKS) read within its word, as the accented
#: letter: « Ho\u0302pital » was the words ``ho`` and ``pital``. 10: an underscore parts words
#: (search.analysis.LETTER): « santé_mentale » was one word, that neither "santé" nor "mentale" found. 11: an actor's
#: totals count its grants (``mai:Grant``) only (a misspelt class's node added its amount), and its summary says how
#: many of them its total leaves out, and its dissolution date (« dissoute le … », « cessée le … »). 12: and the
#: poles it left (« a quitté PTCE santé Forez le 30 juin 2025 »). 13: the roadmap actions (with an IRI) are documents
#: of their own kind, ``action``, summarised with their goals. 14: a circle's English name in its members' body
#: (« Funders circle »), a grant's nature and a deliberation's outcome in their ``classes`` (French and English),
#: numbers grouped the English way as one word ("20,000" is 20000). 15: a register member's former names in its
#: document. 16: a deliberation and a goal named by their number as the pages name them, a no-break space after
#: « n° » (graph.french_text.numbered): « Délibération n°\u00a02024.00240 », « Objectif n°\u00a02 ». 17: the fields
#: ``plain`` (the body's words unstemmed), ``english`` (English texts, English stemmer), ``pairs`` (neighbouring
#: words, for quoted phrases) and ``own`` (a deliberation's own text, weighed less than its body); the names of a
#: deliberation's participants in its body, a grant's deliberation number in its ``related`` texts, an actor's
#: initials. 18: ``own_pairs``, the neighbouring words of a deliberation's own text, which a quoted phrase reaches.
#: 19: a grant's M57 account number in its body, with those of the accounts above it in its ``classes``
#: (search.accounts). 20: « aidant(e)s » stemmed "aidant", apart from « aide » (search.analysis.OWN_STEMS). 21: a
#: SIRET or an RNA number written in groups one word (search.analysis.IDENTIFIER), an actor's old RNA number in its
#: ``related`` texts, and its SIREN or RNA number in what its results show (``identifier``). 22: the ``pairs`` of the
#: acronyms' expansions (« PA »: « personnes âgées »), which a theme's other name is looked for by. 23: « les » and
#: a few more function words are stop words (search.analysis.MORE_STOP_WORDS); « généraliste », « relation » and
#: « usager » have stems of their own (search.analysis.OWN_STEMS). 24: a resource that a Linked Data file names by
#: ``schema:name`` or ``foaf:name`` only is named and found so (search.fact_readers). 25: a deliberation's summary
#: and amount count the grants its text decides, the grants that a list publishes citing its number said apart
#: (« 1 subvention, 40 000 € · 1 subvention publiée par une autre source qui la cite, 40 000 € »). 26: an actor's
#: summary and amount count a grant that a list publishes and a stored deliberation's text decides once, at the
#: text's amount (search.listed_twice), a goal's summary its grants alike, and their documents depend on the
#: deliberations that their lists' grants cite.
INDEX_FORMAT = "26"


class SearchIndexError(Exception):
    """The index cannot be written (another writer holds it too long) or read (none built yet)."""


class IndexLockError(SearchIndexError, StoreError):
    """Another process writes the index for longer than a writer waits: said as a busy store is."""


def index_root(config) -> Path:
    """The index's directory, in the data directory."""
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


def clear_pending(config, done: set[str]) -> None:
    """Forget the pending resources in ``done`` (an update took them); those noted since stay."""
    left = pending(config) - done
    path = index_root(config) / PENDING
    if left:
        write_atomic(path, "".join(f"{iri}\n" for iri in sorted(left)))
    else:
        path.unlink(missing_ok=True)


def move_pointer(root: Path, version: str) -> None:
    """Make ``version`` the one that readers open (atomically)."""
    write_atomic(root / "current", version + "\n")


def prune_versions(root: Path, current: str) -> None:
    """Remove the versions before ``current`` but the KEEP_VERSIONS latest of them, and those after it (left by a
    build that died), once older than VERSION_GRACE_S."""
    names = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    old = [n for n in names if n < current][:-KEEP_VERSIONS or None]
    now = time.time()
    for name in old + [n for n in names if n > current]:  # newer ones: left by a build that died
        path = root / name
        if now - path.stat().st_mtime > VERSION_GRACE_S:
            shutil.rmtree(path, ignore_errors=True)


def new_version(root: Path) -> str:
    """The name of a new version: the time in milliseconds, or the next free one."""
    version = f"{int(time.time() * 1000):014d}"
    while (root / version).exists():
        version = f"{int(version) + 1:014d}"
    return version
