"""The version of each source kind's reader, recorded with every source it reads (``mai:readerVersion`` on the
source's ``mai:Source`` description), so that a store does not keep an old reading of a file for ever.

An ingest leaves a file alone when the store holds its sha256 and the current version of its kind's reader read
it; a file stored by another version, or before versions were recorded, is read again and replaced
(:func:`graph.ingest.pipeline_file.ingest_file`), and ``maillage validate`` lists those that no ingest has read
again yet (:func:`graph.ingest.sources.outdated_sources`).

**When to bump a version**: whenever the kind's reader stores different triples for the same file — a fact found
or lost, a value read otherwise, an IRI minted otherwise, a term added —, not when its output stays the same (a
faster reader, a message reworded). ``tests/test_reader_versions.py`` keeps a digest of each kind's output on the
repository's sample files and fails, naming the kind, when the output changes and its version does not: bump the
version here, then record the new digest with ``python -m tests.reader_digests --update``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.ingest.base import Issue

#: Kind name (:data:`graph.ingest.KIND_MODULES`) -> the version of its reader.
READER_VERSIONS: dict[str, int] = {
    "rdf": 2,
    "deliberation": 14,
    "scdl-subventions": 12,
    "scdl-deliberations": 3,
    "rna": 1,
    "sirene": 1,
    "register": 4,
    "association-directory": 1,
}


def reader_version(kind: str) -> int | None:
    """The current version of the reader of ``kind``; None for what no reader reads (the shipped vocabularies).

    >>> reader_version("deliberation") == READER_VERSIONS["deliberation"], reader_version("vocabulary")
    (True, None)
    """
    return READER_VERSIONS.get(kind)


def version_of(term) -> int | None:
    """The integer that a stored ``mai:readerVersion`` value writes, or None when it writes none."""
    try:
        return int(str(term))
    except ValueError:
        return None


def is_current(kind: str, versions: Iterable[int]) -> bool:
    """Whether a source of ``kind`` whose description records ``versions`` was read by the current reader."""
    return reader_version(kind) in set(versions)


def _versions_said(kind: str, versions: Iterable[int]) -> tuple[str, str, str, str]:
    """How a message names the reader that stored a source, against the current one: which (French, English: « une
    version antérieure du lecteur deliberation »), and its numbers (« 2, maintenant 3 »; « version non notée,
    maintenant 3 » when none was recorded).

    >>> _versions_said("rna", [])[3] == f"no version recorded, now {READER_VERSIONS['rna']}"
    True
    """
    stored, now = sorted(set(versions)), reader_version(kind)
    later = bool(stored) and now is not None and max(stored) > now
    which = ("une version plus récente", "a later version") if later else \
        ("une version antérieure", "an earlier version")
    were = ", ".join(map(str, stored))
    return (f"{which[0]} du lecteur {kind}", f"{which[1]} of the {kind} reader",
            f"{were or 'version non notée'}, maintenant {now}", f"{were or 'no version recorded'}, now {now}")


def reread_issue(kind: str, versions: Iterable[int]) -> Issue:
    """The line of the report of a file that the store held unchanged but read by another version of its kind's
    reader (or before versions were recorded): read again. An info: nothing to mend, the store only follows the
    reader, as a restored backup's sources are told (:mod:`graph.restore_issues`)."""
    which_fr, which_en, numbers_fr, numbers_en = _versions_said(kind, versions)
    return Issue("Info", f"relu : enregistré par {which_fr} ({numbers_fr})",
                 f"read again: stored by {which_en} ({numbers_en})")


@dataclass(frozen=True)
class OutdatedSource:
    """A stored source that another version of its kind's reader read: its file name (``title``) and its warning."""

    title: str
    issue: Issue


def outdated(title: str, kind: str | None, versions: Iterable[int]) -> OutdatedSource | None:
    """The source ``title`` of ``kind`` with its warning to ingest it again, when another version of its kind's reader
    read it (or none recorded, before versions were); None when it is current, or of no reader (the shipped
    vocabularies, compared by their checksum instead). :func:`graph.ingest.sources.outdated_sources` asks it of
    every stored source."""
    if kind is None or reader_version(kind) is None or is_current(kind, versions):
        return None
    which_fr, which_en, numbers_fr, numbers_en = _versions_said(kind, versions)
    return OutdatedSource(title, Issue("warning", f"lu par {which_fr} ({numbers_fr}) : ingérez-le de nouveau",
                                       f"read by {which_en} ({numbers_en}): ingest it again"))


__all__ = ["READER_VERSIONS", "OutdatedSource", "is_current", "outdated", "reader_version", "reread_issue",
           "version_of"]
