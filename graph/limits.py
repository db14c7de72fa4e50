"""The limits that keep a hostile or broken file from exhausting memory or time, declared once, with their reasons.

Each limit is data (:class:`Limit`): its value and why that value. The checks below are cheap and run before an
extractor does the expensive work; each raises :class:`graph.ingest.base.InputError` with a message that a
coordinator understands. ``tests/test_hostile_files.py`` feeds truncated, mis-encoded, binary, one-line and
zip-bomb files to every kind and checks that each ends in such an error, within its time and memory budget.

>>> check_line_length(b"a;b\\n" * 10)
>>> check_zip_expansion(b"not a zip")
Traceback (most recent call last):
graph.ingest.base.InputError: archive zip illisible
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from graph.ingest.base import InputError


@dataclass(frozen=True)
class Limit:
    value: int
    reason: str


#: Bytes of one uploaded or ingested file (the web upload has its own setting, ``max_upload_bytes``).
FILE_BYTES = Limit(2 * 1024**3, "a 2M-triple N-Triples file is ~250 MB; beyond 2 GB a file is not a source "
                                "coordinators hold, and reading it whole would exhaust the memory of a small server")
#: Characters of one line of a text source (CSV, Markdown, plain-text deliberation).
LINE_CHARS = Limit(1_000_000, "the longest real line seen (a quoted multi-line cell of the Aude file, joined) is "
                              "under 10 kB; a 50 MB line is a binary or a broken export, and regexes over it take "
                              "minutes")
#: Bytes that a spreadsheet's zip may expand to, really decompressed (not as its headers claim).
ZIP_EXPANDED_BYTES = Limit(512 * 1024**2, "the largest real XLSX here (Vendée, 8k rows) expands to 12 MB; "
                                          "512 MB leaves room for Excel's row limit of short rows")
#: Expansion ratio of a spreadsheet's zip.
ZIP_RATIO = Limit(200, "real XLSX/ODS files compress 5–20x; zip bombs 1000x and more")
#: Members of a spreadsheet's zip.
ZIP_MEMBERS = Limit(10_000, "an XLSX has a few dozen parts; thousands of members are a zip bomb of another kind")
#: Pages of a PDF deliberation.
PDF_PAGES = Limit(2_000, "the longest deliberation seen has 40 pages; a council's whole annual register is "
                         "under 2,000")
#: Bytes of a PDF deliberation.
PDF_BYTES = Limit(200 * 1024**2, "scanned 40-page deliberations are under 20 MB; the text layer is what we read")
#: Seconds and bytes of address space for an extraction run in a separate process (the web upload).
EXTRACT_SECONDS = Limit(300, "the slowest real file (the 2M-triple benchmark) loads in under 60 s")
EXTRACT_MEMORY_BYTES = Limit(4 * 1024**3, "2M triples load in 0.8 GB (DESIGN.md); 4 GB is the budget of a "
                                          "small server's worker")

LIMITS = {name: value for name, value in globals().items() if isinstance(value, Limit)}


def _refuse(what: str, what_en: str, limit: Limit) -> InputError:
    # The limit's reason is the evidence behind its value, for whoever maintains it (in English, like the code):
    # the user is told the value, in their language.
    return InputError(f"{what} (limite {limit.value})", message_en=f"{what_en} (limit {limit.value})")


def check_size(data: bytes, limit: Limit = FILE_BYTES) -> None:
    """Refuse a file larger than ``limit`` bytes."""
    if len(data) > limit.value:
        raise _refuse(f"fichier trop volumineux ({len(data)} octets)", f"file too large ({len(data)} bytes)", limit)


def check_line_length(data: bytes, limit: Limit = LINE_CHARS) -> None:
    """Refuse a text file with a line longer than ``limit`` characters (bytes, counted without decoding).

    >>> check_line_length(b"x" * 20, Limit(10, "test"))
    Traceback (most recent call last):
    graph.ingest.base.InputError: ligne 1 trop longue (au moins 11 caractères) (limite 10)
    """
    start, line = 0, 1
    size = len(data)
    while start < size:
        end = data.find(b"\n", start, start + limit.value + 1)
        if end < 0:
            if size - start > limit.value:
                raise _refuse(f"ligne {line} trop longue (au moins {limit.value + 1} caractères)",
                              f"line {line} too long (at least {limit.value + 1} characters)", limit)
            return
        start, line = end + 1, line + 1


def check_zip_expansion(data: bytes, expanded: Limit = ZIP_EXPANDED_BYTES, ratio: Limit = ZIP_RATIO,
                        members: Limit = ZIP_MEMBERS) -> None:
    """Refuse a zip (XLSX, ODS) that really expands beyond ``expanded`` bytes or ``ratio`` times its size.

    The members are decompressed in a stream and counted, so a zip whose headers lie about its sizes is caught
    too; no more than 1 MB is held at a time.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("archive zip illisible", message_en="unreadable zip archive") from None
    if len(infos) > members.value:
        raise _refuse(f"archive de {len(infos)} fichiers", f"archive of {len(infos)} members", members)
    cap = min(expanded.value, max(len(data), 1) * ratio.value)
    total = 0
    try:
        for info in infos:
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if total > cap:
                        raise _refuse(f"classeur refusé : plus de {total} octets une fois décompressé "
                                      f"({len(data)} octets compressés)",
                                      f"spreadsheet refused: over {total} bytes uncompressed "
                                      f"({len(data)} compressed)", expanded if cap == expanded.value else ratio)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise InputError(f"archive zip corrompue ({type(exc).__name__})",
                         message_en=f"corrupt zip archive ({type(exc).__name__})") from None


def check_pdf(data: bytes, pages: int | None = None) -> None:
    """Refuse a PDF larger than PDF_BYTES, without its end-of-file marker, or (once known) with too many pages.

    Every PDF ends with ``%%EOF`` (ISO 32000-1, 7.5.5); without it, pdfminer scans the whole file for objects,
    which took over a minute on a 50 MB damaged file.

    >>> check_pdf(b"%PDF-1.4 truncated")
    Traceback (most recent call last):
    graph.ingest.base.InputError: PDF illisible ou corrompu : pas de marque de fin %%EOF (fichier tronqué ?)
    """
    check_size(data, PDF_BYTES)
    if b"%%EOF" not in data[-2048:]:
        raise InputError("PDF illisible ou corrompu : pas de marque de fin %%EOF (fichier tronqué ?)",
                         message_en="unreadable or corrupt PDF: no %%EOF end marker (truncated file?)")
    if pages is not None and pages > PDF_PAGES.value:
        raise _refuse(f"PDF de {pages} pages", f"PDF of {pages} pages", PDF_PAGES)


def limit_process(memory: Limit = EXTRACT_MEMORY_BYTES, seconds: Limit = EXTRACT_SECONDS) -> None:
    """Cap this process's address space and CPU time (call it first thing in a process that extracts a file)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory.value, memory.value))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds.value, seconds.value + 5))
