"""Text the CLI prints: per-file ingest reports, failures, the final summary, and SPARQL result tables."""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import URIRef

from graph.ingest.base import InputError

#: Issues printed per file before "… and N more" (the full list is in the JSON report).
MAX_ISSUES_SHOWN = 20


def expand_paths(paths) -> list[Path]:
    """Expand directories into the files they hold (sorted, hidden files and READMEs left out)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                            and p.name.upper() not in ("README.MD", "SOURCES.MD"))
        else:
            files.append(path)
    return files


class Progress:
    r"""The ingest's progress on stderr: each file's lines as they come and, on a terminal, a bar below them that
    they push down ("[######······] 12/40 fichiers"); elsewhere (a log, a pipe) the lines alone.

    >>> import io
    >>> out = io.StringIO()
    >>> progress = Progress(2, out)
    >>> progress.note("a.csv: stored"); progress.note("b.csv: stored"); progress.close()
    >>> out.getvalue()
    'a.csv: stored\nb.csv: stored\n'
    """

    WIDTH = 30

    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.done = total, 0
        self.bar = total > 1 and getattr(self.stream, "isatty", lambda: False)()

    def note(self, lines: str) -> None:
        """Print one file's lines and count it done."""
        self.done += 1
        self.stream.write(("\r\x1b[K" if self.bar else "") + lines + "\n")
        if self.bar:
            filled = self.WIDTH * self.done // self.total
            self.stream.write(f"[{'#' * filled}{'·' * (self.WIDTH - filled)}] {self.done}/{self.total} fichiers")
        self.stream.flush()

    def close(self) -> None:
        if self.bar:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def format_report(report) -> str:
    """Return the extraction report of one stored file: status, counts, issues and violations."""
    if report.status == "unchanged":
        return f"{report.file}: inchangé, déjà chargé ({report.kind})"
    lines = [f"{report.file}: {report.kind}, {report.triples} triplets, {report.seconds:.2f} s"]
    stats = ", ".join(f"{k}={v}" for k, v in report.stats.items())
    if stats:
        lines.append(f"  {stats}")
    issues = [i.format(report.file) for i in report.issues]
    issues += [f"{report.file}: {v.format()}" for v in report.violations]
    lines += ["  " + line for line in issues[:MAX_ISSUES_SHOWN]]
    if len(issues) > MAX_ISSUES_SHOWN:
        lines.append(f"  … et {len(issues) - MAX_ISSUES_SHOWN} de plus")
    return "\n".join(lines)


def format_failure(path: Path, error) -> str:
    """Return the lines that say why a file was not stored (file, line, reason)."""
    if isinstance(error, InputError):
        return error.issue.format(str(path)) + " — rien n'a été enregistré"
    report = error.report
    lines = [f"{path}: refusé (--strict), rien n'a été enregistré"]
    lines += ["  " + i.format(str(path)) for i in report.errors[:MAX_ISSUES_SHOWN]]
    lines += [f"  {path}: {v.format()}" for v in report.violations if v.severity == "Violation"][:MAX_ISSUES_SHOWN]
    return "\n".join(lines)


def format_summary(reports, failures) -> str:
    stored = sum(r.status == "stored" for r in reports)
    unchanged = sum(r.status == "unchanged" for r in reports)
    triples = sum(r.triples for r in reports)
    violations = sum(v.severity == "Violation" for r in reports for v in r.violations)
    warnings = sum(len(r.warnings) + len(r.violations) for r in reports) - violations
    line = (f"Résumé : {stored} fichier(s) enregistré(s), {unchanged} inchangé(s), {len(failures)} en échec ; "
            f"{triples} triplets ; {warnings} avertissement(s)")
    if violations:  # stored all the same (without --strict): say it apart, with where to see them again
        line += f" ; {violations} violation(s) des formes SHACL (maillage validate ; --strict les refuse)"
    return line


#: The widest a text cell is shown in a table; longer texts are cut with "…", IRIs never (a cut IRI looks whole).
CELL_WIDTH = 80


def _cell(term) -> str:
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef) or len(text) <= CELL_WIDTH:
        return text
    return text[:CELL_WIDTH - 1] + "…"


def format_table(result) -> str:
    """Return a SELECT result as an aligned text table (ASK: yes/no; graphs: N-Triples)."""
    if result.kind == "ask":
        return "oui" if result.boolean else "non"
    if result.kind == "graph":
        return result.serialize("ntriples").decode("utf-8").rstrip("\n")
    rows = [[_cell(t) for t in row] for row in result]
    header = result.variables
    widths = [max([len(h)] + [min(len(r[i]), CELL_WIDTH) for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} ligne{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
