"""The journal of the remote store's writer (:class:`graph.remote_writer.RemoteWriter`): the graphs that it has
changed since its last commit, each with its triples from before, on local disk, so that an error, or the next writer
after a writer killed or a server stopped mid-way, puts them back. The layout is in :mod:`graph.remote`'s docstring.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from graph.locks import write_atomic


class Journal:
    """The graphs that a writer has changed since its last commit, each with its triples from before; see the module
    docstring for the files."""

    def __init__(self, directory: Path, server: str):
        self.directory, self.server = directory, server
        self.saved: dict[str, str | None] = {}  # graph IRI -> its content file; None: the graph did not exist

    def left(self) -> dict[str, str | None]:
        """The graphs that a writer which did not finish named, with their content files."""
        try:
            return json.loads((self.directory / "journal.json").read_text())["graphs"]
        except FileNotFoundError:
            return {}

    def save(self, name: str, ntriples: bytes) -> None:
        """Keep ``ntriples``, graph ``name``'s triples before its first change, then name the graph in the journal
        (two fsyncs)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        file = f"{len(self.saved) + 1}.nt" if ntriples.strip() else None
        if file is not None:
            with open(self.directory / file, "wb") as handle:
                handle.write(ntriples)
                handle.flush()
                os.fsync(handle.fileno())
        self.saved[name] = file
        write_atomic(self.directory / "journal.json", json.dumps({"server": self.server, "graphs": self.saved}))

    def triples(self, file: str | None) -> list[str]:
        """The N-Triples lines that the content file ``file`` keeps (none for a graph that did not exist)."""
        return [] if file is None else (self.directory / file).read_text(encoding="utf-8").splitlines()

    def clear(self) -> None:
        """Forget every saved graph: the journal first, so that it never names a missing file."""
        with contextlib.suppress(FileNotFoundError):
            (self.directory / "journal.json").unlink()
        for path in self.directory.glob("*.nt"):
            path.unlink()
        self.saved.clear()
