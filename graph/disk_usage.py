"""The room a data directory takes on disk, part by part, each file counted once however many names it has.

The store's snapshots are hard links to the primary's files and to each other's (``Store.backup()``): summing
their sizes counted the same files several times, and the primary's size alone (what ``maillage optimize`` said)
hid the older snapshots, 27 MB of a 30 MB directory after twelve re-ingests of three small files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataUsage:
    """The bytes of a data directory: in all, in the store's primary database, in its snapshots (their files that
    the primary does not share), in the search index; and how many snapshots besides the current one it keeps."""

    total: int
    primary: int
    snapshots: int
    index: int
    older_snapshots: int


def data_usage(data_dir: Path) -> DataUsage:
    """Measure ``data_dir`` (the embedded store's layout, graph.oxistore, and the index's, search.index_layout).

    >>> import tempfile
    >>> data = Path(tempfile.mkdtemp())
    >>> (data / "store" / "snapshots" / "00000001").mkdir(parents=True)
    >>> (data / "store" / "primary").mkdir()
    >>> _ = (data / "store" / "primary" / "1.sst").write_bytes(b"x" * 10)
    >>> os.link(data / "store" / "primary" / "1.sst", data / "store" / "snapshots" / "00000001" / "1.sst")
    >>> data_usage(data)
    DataUsage(total=10, primary=10, snapshots=0, index=0, older_snapshots=0)
    >>> import shutil; shutil.rmtree(data)
    """
    seen: set[tuple[int, int]] = set()
    parts = [data_dir / "store" / "primary", data_dir / "store" / "snapshots", data_dir / "index", data_dir]
    primary, snapshots, index, rest = (_new_bytes(part, seen) for part in parts)
    folders = [p for p in (data_dir / "store" / "snapshots").glob("*") if p.is_dir()]
    return DataUsage(primary + snapshots + index + rest, primary, snapshots, index, max(len(folders) - 1, 0))


def _new_bytes(directory: Path, seen: set[tuple[int, int]]) -> int:
    """The bytes of the files under ``directory`` that ``seen`` (their device and inode) has not counted yet."""
    total = 0
    for folder, _, names in os.walk(directory):
        for name in names:
            try:
                st = os.lstat(os.path.join(folder, name))
            except FileNotFoundError:  # removed meanwhile (a RocksDB log rolled over)
                continue
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total
