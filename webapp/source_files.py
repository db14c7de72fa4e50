"""The files that ``maillage ingest`` reads from the paths it is given: a folder's files, without what is none of its
sources (hidden files, an office suite's lock files, READMEs), and what cannot be read as a file, with why.

>>> format_left_out([Path("d/README.md")], "en")
'left out, not sources: d/README.md'
"""

from __future__ import annotations

import os
from pathlib import Path


def expand_paths(paths, left_out: list[Path] | None = None, unread: list[tuple[Path, str, str]] | None = None
                 ) -> list[Path]:
    """Expand directories into the files they hold (sorted; hidden files and folders — a ``.git`` —, an office
    suite's lock files — ``~$registre.xlsx`` — and READMEs left out, each added to ``left_out`` when given: a hidden
    folder as itself, not walked). What cannot be read as a file goes to ``unread`` with why (French, English): a
    folder that cannot be opened, a broken link, a named pipe or a device (reading one waits for ever)."""
    files: list[Path] = []
    unread = unread if unread is not None else []
    for path in paths:
        if not path.is_dir():
            if path.exists() and not path.is_file():
                unread.append((path, "n'est pas un fichier ordinaire (tube, périphérique)",
                               "is no regular file (a pipe, a device)"))
            else:
                files.append(path)  # a missing file is said where it is read
            continue
        found = []

        def cannot_open(error: OSError) -> None:
            unread.append((Path(error.filename), f"dossier illisible ({error.strerror})",
                           f"unreadable folder ({error.strerror})"))

        for folder, subfolders, names in os.walk(path, onerror=cannot_open):
            here = Path(folder)
            for name in [name for name in subfolders if name.startswith(".")]:
                subfolders.remove(name)
                found.append((here / name, False))
            for name in names:
                if (here / name).is_file():
                    found.append((here / name, not _left_out(name)))
                elif name.startswith("."):
                    found.append((here / name, False))
                else:
                    unread.append((here / name, "ni fichier ni dossier (lien cassé, tube…)",
                                   "neither a file nor a folder (a broken link, a pipe…)"))
        files += sorted(file for file, kept in found if kept)
        if left_out is not None:
            left_out += sorted(file for file, kept in found if not kept)
    return files


def _left_out(name: str) -> bool:
    """Whether a file found in a folder given to ingest is none of its sources (see :func:`expand_paths`)."""
    return name.startswith((".", "~$")) or name.upper() in ("README.MD", "SOURCES.MD")  # ".~lock.x#" too


def format_left_out(left_out: list[Path], lang: str) -> str:
    """The line that names what folders held besides sources, the first few by name.

    >>> format_left_out([Path("d/README.md"), Path("d/.git")], "fr")
    'laissés de côté, qui ne sont pas des sources : d/README.md, d/.git'
    >>> format_left_out([Path(f"{n}.md") for n in range(7)], "en")
    'left out, not sources: 0.md, 1.md, 2.md, 3.md, 4.md and 2 more'
    """
    names = ", ".join(map(str, left_out[:5]))
    if len(left_out) > 5:
        names += f" and {len(left_out) - 5} more" if lang == "en" else f" et {len(left_out) - 5} autres"
    return f"left out, not sources: {names}" if lang == "en" else \
        f"laissés de côté, qui ne sont pas des sources : {names}"
