"""Text the CLI prints: per-file ingest reports, failures, the final summary, and SPARQL result tables.

This module words what an ingest did; :mod:`webapp.shacl_results` words the SHACL results that its reports list,
and :mod:`webapp.source_files` finds the files that it reads in the paths given.

>>> format_stats({"rows_read": 3, "grants": 2}, "en")
'rows read: 3, grants: 2'
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from rdflib import BNode, URIRef

from graph.ingest.base import InputError, level_word
from graph.french_text import counted
from webapp.shacl_results import GROUPED_AFTER, format_violations, hidden_infos, in_english, reported_violations

#: Issues printed per file before "… and N more", unless ``--verbose`` asks for them all.
MAX_ISSUES_SHOWN = 20
#: How to see the issues that a report cut after MAX_ISSUES_SHOWN: (French, English).
ALL_ISSUES_ADVICE = ("--verbose les montre toutes", "--verbose lists them all")


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


#: The counts of an ingest report, by their key in the extraction's stats: (French, English).
STAT_LABELS = {
    "rows_read": ("lignes lues", "rows read"), "rows_rejected": ("lignes rejetées", "rows rejected"),
    "warnings": ("avertissements", "warnings"), "grants": ("subventions", "grants"),
    "total_amount": ("montant total", "total amount"), "stated_total": ("total annoncé", "stated total"),
    # how many of the totals that the text states the grants read add up to ("1/2": one of two)
    "totals_reconciled": ("totaux annoncés égaux à la somme des subventions",
                          "stated totals equal to the grants' sum"),
    "encoding": ("encodage", "encoding"),
    "persons": ("personnes", "persons"), "present": ("présents", "present"), "excused": ("excusés", "excused"),
    "absent": ("absents", "absent"), "proxies": ("pouvoirs", "proxies"),
    "proxy_holders": ("porteurs de pouvoirs", "proxy holders"),
    # a register's member actors: one actor member of two circles, in turn, is one of them
    "members": ("acteurs membres", "member actors"),
    "agreements": ("conventions", "agreements"),
    "goals": ("objectifs", "goals"), "actions": ("actions", "actions"),
    "grant_entries": ("financements", "grant entries"),
    # the links from grants to goals that a register's entries made in the store
    "grant_goals": ("liens subvention → objectif", "grant → goal links"),
    "associations": ("associations", "associations"),
    # a directory's rows that describe again an association of an earlier line (added to it)
    "repeated_rows": ("lignes répétant une association", "rows repeating an association"),
    "dissolved": ("dissoutes", "dissolved"), "deliberations": ("délibérations", "deliberations"),
    "actors": ("acteurs", "actors"), "skipped": ("écartées", "skipped"), "closed": ("fermées", "closed"),
    "format": ("format", "format"),
    # a grants list whose rows give the beneficiary's share (pourcentageSubvention): its total is the shares'
    "shares_total": ("montant total des parts des bénéficiaires", "total of the beneficiaries' shares"),
    "shares_applied": ("subventions réparties (part du bénéficiaire appliquée, pourcentageSubvention)",
                       "grants shared out (the beneficiary's share applied, pourcentageSubvention)"),
    # each grant once: a co-financed grant's total is written on each of its beneficiaries' rows
    "total_before_shares": ("total des subventions avant répartition (chacune comptée une fois)",
                            "total of the grants before the shares (each counted once)"),
    # a dump's restore (graph.backup)
    "graphs": ("graphes nommés", "named graphs"),
    "default_graph_triples_skipped": ("triplets hors graphe nommé écartés", "default graph triples skipped"),
}

#: The counts that are amounts in euros.
MONEY_STATS = ("total_amount", "stated_total", "total_before_shares")
#: A count named otherwise beside another: the total of a list whose shares were applied is the shares' total.
NAMED_BESIDE = {("total_amount", "total_before_shares"): "shares_total"}
#: The counts of a text's stated totals, left out when it states none ("stated total: —, totals reconciled: 0/0"
#: told a new user nothing).
STATED_TOTALS = {"stated_total": "", "totals_reconciled": "0/0"}


def format_stats(stats: dict, lang: str = "fr") -> str:
    """Return the counts of an extraction, named in ``lang``.

    >>> format_stats({"rows_read": 3, "stated_total": "", "grants": 2})
    'lignes lues : 3, total annoncé : —, subventions : 2'
    >>> format_stats({"grants": 1, "stated_total": "", "totals_reconciled": "0/0"}, "en")
    'grants: 1'
    >>> format_stats({"stated_total": "300", "totals_reconciled": "1/1"}, "en")
    "stated total: €300, stated totals equal to the grants' sum: 1/1"
    >>> format_stats({"rows_read": 3}, "en")
    'rows read: 3'
    >>> format_stats({"total_amount": "1234567.5"}), format_stats({"total_amount": "20000.00"}, "en")
    ('montant total : 1 234 567,50 €', 'total amount: €20,000')
    >>> format_stats({"total_amount": "150", "shares_applied": 1, "total_before_shares": "300"}, "en")
    "total of the beneficiaries' shares: €150, grants shared out (the beneficiary's share applied, \
pourcentageSubvention): 1, total of the grants before the shares (each counted once): €300"
    """
    colon = ":" if in_english(lang) else " :"
    shown = []
    if all(stats.get(key) == nothing for key, nothing in STATED_TOTALS.items()):
        stats = {key: value for key, value in stats.items() if key not in STATED_TOTALS}
    for key, value in stats.items():
        key_named = next((named for (k, beside), named in NAMED_BESIDE.items() if k == key and beside in stats), key)
        name = STAT_LABELS.get(key_named, (key.replace("_", " "),) * 2)[in_english(lang)]
        if key in MONEY_STATS and value not in ("", None):
            value = money(value, lang)
        shown.append(f"{name}{colon} {value if value not in ('', None) else '—'}")
    return ", ".join(shown)


def money(value, lang: str = "fr") -> str:
    """An amount in euros as ``lang`` writes it: "20 000 €", "1 500,50 €", "-500 €"; "€20,000", "€1,500.50",
    "-€500". A value that is not a number stays as it is."""
    from decimal import Decimal, InvalidOperation

    from graph.ingest.french import format_amount

    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not amount.is_finite():
        return str(value)
    if not in_english(lang):
        return format_amount(amount)
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"


def file_warnings(report) -> int:
    """The warnings of a file's report, as its lines list them: its reading's, those added once it was stored (a
    register's references checked against the store) and its SHACL warnings."""
    return len(report.warnings) + sum(v.severity == "Warning" for v in reported_violations(report))


def format_report(report, lang: str = "fr", verbose: bool = False, cut: bool = True) -> str:
    """Return the extraction report of one stored file: status, counts, issues and SHACL results (an info only when
    ``verbose``); its first MAX_ISSUES_SHOWN lines of issues and how to see the others, or all when ``verbose`` or
    not ``cut`` (the upload form, whose user has no ``--verbose`` to ask for the rest)."""
    if report.status == "unchanged":
        said = "unchanged, already loaded" if in_english(lang) else "inchangé, déjà chargé"
        return f"{report.file}: {said} ({report.kind})"
    seconds = f"{report.seconds:.2f}" if in_english(lang) else f"{report.seconds:.2f}".replace(".", ",")
    triples = counted(report.triples, "triple", lang="en") if in_english(lang) else counted(report.triples, "triplet")
    lines = [f"{report.file}: {report.kind}, {triples}, {seconds} s"]
    if report.stats:
        stats = dict(report.stats)
        if "warnings" in stats:  # counted when the file was read: what was found afterwards counts too
            stats["warnings"] = file_warnings(report)
        lines.append(f"  {format_stats(stats, lang)}")
    issues = format_issues(report.issues, report.file, lang, verbose or not cut)
    issues += format_violations(reported_violations(report, verbose), lang, report.file)
    shown = issues if verbose or not cut else issues[:MAX_ISSUES_SHOWN]
    lines += ["  " + line for line in shown]
    if len(issues) > len(shown):
        more, advice = len(issues) - len(shown), ALL_ISSUES_ADVICE[in_english(lang)]
        lines.append(f"  … and {more} more ({advice})" if in_english(lang) else f"  … et {more} de plus ({advice})")
    return "\n".join(lines)


def format_issues(issues, file: str, lang: str = "fr", verbose: bool = False) -> list[str]:
    """Return the lines of a file's issues, in the file's order; a warning repeated word for word (same column,
    value and message) on more than GROUPED_AFTER lines is one line, at its first line, with its count and its
    first lines (all of them when ``verbose``). Errors stay one line each: each rejected row is to be mended.

    >>> from graph.ingest.base import Issue
    >>> found = [Issue("warning", "SIREN retenu", "SIREN kept", n, "COLL_SIRET", "225800010") for n in (2, 3, 5, 8)]
    >>> format_issues(found, "f.csv")
    ["f.csv:2: COLL_SIRET='225800010': avertissement : SIREN retenu × 4 (lignes 2, 3, 5, …)"]
    """
    groups: dict[tuple, list] = {}
    for i in issues:
        key = (i.field, i.value, i.message) if i.level == "warning" and i.line else (id(i),)
        groups.setdefault(key, []).append(i)
    lines = []
    for members in groups.values():
        if len(members) <= GROUPED_AFTER:
            lines += [i.format(file, lang) for i in members]
            continue
        shown = ", ".join(str(i.line) for i in (members if verbose else members[:GROUPED_AFTER]))
        lines.append(f"{members[0].format(file, lang)} × {len(members)} ({'lines' if in_english(lang) else 'lignes'} "
                     f"{shown}{'' if verbose else ', …'})")
    return lines


def format_failure(path: Path, error, lang: str = "fr") -> str:
    """Return the lines that say why a file was not stored (file, line, reason)."""
    nothing = "nothing was stored" if in_english(lang) else "rien n'a été enregistré"
    if isinstance(error, InputError):
        return error.issue.format(str(path), lang) + f" — {nothing}"
    report = error.report
    lines = [f"{path}: {'refused' if in_english(lang) else 'refusé'} (--strict), {nothing}"]
    lines += ["  " + i.format(str(path), lang) for i in report.errors[:MAX_ISSUES_SHOWN]]
    refusing = [v for v in report.violations if v.severity == "Violation"]
    lines += ["  " + line for line in format_violations(refusing, lang, str(path))[:MAX_ISSUES_SHOWN]]
    return "\n".join(lines)


def version_kept(lang: str = "fr", violations: bool = False) -> str:
    """What a file not stored says of the version of its source stored before, the same in the command's report and
    on the upload form: it stays as it was — with the SHACL violations that the report lists (``violations``), when
    the file refused is that very version, stored before without --strict (:func:`stored_as_refused`).

    >>> version_kept("fr", violations=True)
    'la version enregistrée avant reste telle quelle, avec ces violations'
    """
    if in_english(lang):
        return "the version stored before stays as it was" + (", with these violations" if violations else "")
    return "la version enregistrée avant reste telle quelle" + (", avec ces violations" if violations else "")


def stored_as_refused(error, path: Path, stored: str | None) -> bool:
    """Whether the file at ``path``, refused (``error``) for SHACL violations, has the bytes of the stored version
    of its source (``stored``: its sha256), which is then kept with those violations."""
    import hashlib

    from graph.ingest.pipeline import IngestRefused

    if stored is None or not isinstance(error, IngestRefused) or not error.report.violations:
        return False
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == stored
    except OSError:  # the file gone meanwhile: not said to be the one stored
        return False


def format_summary(reports, failures, lang: str = "fr", verbose: bool = False) -> str:
    stored = sum(r.status == "stored" for r in reports)
    unchanged = sum(r.status == "unchanged" for r in reports)
    triples = sum(r.triples for r in reports)
    # A result that several files of the ingest are told of (values that they state together) counts once, as
    # ``maillage validate`` counts it: two files that gave one association two founding dates said « 2 informations
    # non affichées », and validate 1.
    shacl = _distinct(reported_violations(r) for r in reports)
    violations = sum(v.severity == "Violation" for v in shacl)
    warnings = sum(len(r.warnings) for r in reports) + sum(v.severity == "Warning" for v in shacl)
    # a table's rows rejected, said beside its warnings (an error line among them was easily missed): 0 is not said
    rejected = sum(r.stats.get("rows_rejected", 0) for r in reports if r.status == "stored")
    rows_rejected = "" if not rejected else (f"{counted(rejected, 'row', lang='en')} rejected; " if in_english(lang)
                                             else f"{counted(rejected, 'ligne rejetée', 'lignes rejetées')} ; ")
    infos = "" if verbose else hidden_infos(_distinct(r.violations for r in reports), lang)
    if in_english(lang):
        line = (f"Summary: {counted(stored, 'file', lang='en')} stored, {unchanged} unchanged, {len(failures)} failed; "
                f"{counted(triples, 'triple', lang='en')}; {rows_rejected}{counted(warnings, 'warning', lang='en')}")
        if violations:
            line += (f"; {counted(violations, 'SHACL shape violation', lang='en')} (maillage validate; --strict "
                     "refuses them)")
        return line + infos
    line = (f"Résumé : {counted(stored, 'fichier enregistré', 'fichiers enregistrés')}, "
            f"{counted(unchanged, 'inchangé')}, {len(failures)} en échec ; {counted(triples, 'triplet')} ; "
            f"{rows_rejected}{counted(warnings, 'avertissement')}")
    if violations:  # stored all the same (without --strict): say it apart, with where to see them again
        line += (f" ; {counted(violations, 'violation des formes SHACL', 'violations des formes SHACL')} "
                 "(maillage validate ; --strict les refuse)")
    return line + infos


def _distinct(violations_of_files) -> list:
    """The SHACL results of several files' reports, each once (results are equal by focus node, path, message,
    severity and value)."""
    return list(dict.fromkeys(v for violations in violations_of_files for v in violations))


def format_removal(removal, lang: str = "fr") -> str:
    """What ``maillage remove`` did (a :class:`graph.ingest.removal.Removal`): each source removed with the triples
    its graph held, the warnings about the registers whose links changed, and a summary."""
    en = in_english(lang)
    lines = [f"{name}: removed, {counted(triples, 'triple', lang='en')}" if en else
             f"{name} : source retirée, {counted(triples, 'triplet')}" for name, _, triples in removal.removed]
    lines += ["  " + level_word(issue.level, lang) + " " + (issue.message_en if en else issue.message)
              for issue in removal.issues]
    total, sources = sum(triples for *_, triples in removal.removed), len(removal.removed)
    lines.append(f"Summary: {counted(sources, 'source', lang='en')} removed; {counted(total, 'triple', lang='en')}"
                 if en else f"Résumé : {counted(sources, 'source retirée', 'sources retirées')} ; "
                 f"{counted(total, 'triplet')}")
    return "\n".join(lines)


#: The widest a text cell is shown in a table; longer texts are cut with "…", IRIs never (a cut IRI looks whole).
CELL_WIDTH = 80


def _cell(term) -> str:
    """A term as a table shows it: a blank node as ``_:id``, as SPARQL writes it (bare, its id looked like a text)."""
    if term is None:
        return ""
    text = f"_:{term}" if isinstance(term, BNode) else str(term)
    return text if isinstance(term, URIRef) else cut_cell(text)


def cut_cell(text: str) -> str:
    """A text as a table shows it: cut with "…" past :data:`CELL_WIDTH` columns of a terminal (an IRI is never cut:
    it would look whole); a letter is kept with its accents, however written.

    >>> cut_cell("é" * 100) == "é" * 79 + "…", cut_cell("e\u0301" * 100) == "e\u0301" * 79 + "…"
    (True, True)
    >>> cut_cell("漢" * 50) == "漢" * 39 + "…"
    True
    """
    if shown_width(text) <= CELL_WIDTH:
        return text
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > CELL_WIDTH - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def shown_width(text: str) -> int:
    """How many columns of a terminal ``text`` takes: an accent written apart (« e » then U+0301, a decomposed
    « é ») takes none, an East Asian wide character two: ``len`` counted the one and halved the other, and the
    table's columns came apart.

    >>> shown_width("été"), shown_width("e\u0301te\u0301"), shown_width("漢字")
    (3, 3, 4)
    """
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    """The columns one character takes in a terminal: 0 for a combining mark or a format character, 2 for an East
    Asian wide or full-width one, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def format_table(result, lang: str = "fr") -> str:
    """Return a SELECT result as an aligned text table (ASK: yes/no; graphs: N-Triples), in ``lang``."""
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") if in_english(lang) else ("oui" if result.boolean else "non")
    if result.kind == "graph":
        return result.serialize("ntriples").decode("utf-8").rstrip("\n")
    return format_rows(result.variables, [[_cell(t) for t in row] for row in result], lang)


def format_rows(header: list[str], rows: list[list[str]], lang: str = "fr") -> str:
    """Return ``rows`` of texts under ``header`` as an aligned text table, their count below it in ``lang``; a
    column is as wide as its widest text as a terminal shows it (:func:`shown_width`), the texts cut before
    (:func:`cut_cell`) and the IRIs whole: a column sized at :data:`CELL_WIDTH` let a longer IRI push the next
    columns of its row out of line.

    >>> print(format_rows(["circle", "member"], [["Core circle", "DanaeCare"]], "en"))
    circle       member
    -----------  ---------
    Core circle  DanaeCare
    (1 row)
    """
    widths = [max(shown_width(cell) for cell in [h] + [r[i] for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c + " " * (w - shown_width(c)) for c, w in zip(cells, widths)).rstrip()
    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({counted(len(rows), 'row', lang='en')})" if in_english(lang) else f"({counted(len(rows), 'ligne')})")
    return "\n".join(out)
