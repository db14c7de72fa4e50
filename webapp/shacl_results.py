"""How the CLI words SHACL results (``maillage ingest``, ``maillage validate``): the node by its name, the property by
its label, the file and line that state it, a result repeated on many nodes told once with its count.
"""

from __future__ import annotations

from functools import cache

from rdflib import URIRef

from graph.french_text import counted
from graph.ingest.base import level_word, one_line


def in_english(lang: str) -> bool:
    """Whether ``lang`` asks for English (French otherwise)."""
    return lang == "en"


#: A SHACL result repeated on more focus nodes than this in one file is told once, with its count and the first
#: few nodes: a grants list names dozens of deliberations that its format gives no title column for.
GROUPED_AFTER = 3


def reported_violations(report, verbose: bool = False) -> list:
    """The SHACL results of a file's report, less the warnings on a value that the file's own reading already
    warned about at its line (an old NAF code: once, where it is, instead of twice), less those on a fact that the
    reading left out and said why at its line (a member's unknown circle: :attr:`IngestReport.told`), and less its
    infos unless ``verbose``."""
    told = {issue.value for issue in report.issues if issue.value}
    left_out = report.told
    return [v for v in report.violations if not (v.severity == "Warning" and v.value and v.value in told)
            and (v.focus, v.path) not in left_out and (verbose or v.severity != "Info")]


def hidden_infos(violations, lang: str = "fr") -> str:
    """What a summary says of the infos it did not list (" ; 155 informations non affichées (--verbose les
    affiche)"), or ''.

    >>> from graph.validation import Violation
    >>> hidden_infos([Violation("https://ex.org/d", "p", "m", "m", "Info")] * 2, "en")
    '; 2 infos not shown (--verbose shows them)'
    """
    infos = sum(v.severity == "Info" for v in violations)
    if not infos:
        return ""
    if in_english(lang):
        return f"; {counted(infos, 'info', lang='en')} not shown (--verbose shows them)"
    return f" ; {counted(infos, 'information non affichée', 'informations non affichées')} (--verbose les affiche)"


def format_violations(violations, lang: str = "fr", file: str | None = None) -> list[str]:
    """Return the lines of SHACL results: each names the source file (``file``, else the files that state its focus
    node) and, for an RDF file's, the line where the file states it (``file:line``, as an issue's), the node by its
    name, the property by its label, and the shape's message. A result repeated on more than GROUPED_AFTER nodes is
    one line with its count, its files, its first nodes and its first lines.

    >>> from graph.validation import Violation
    >>> found = [Violation(f"https://ex.org/d{i}", "http://purl.org/dc/terms/title", "Une délibération a un objet.",
    ...                    "A deliberation has a subject.", "Warning", sources=("d.csv",)) for i in range(5)]
    >>> format_violations(found, "en")
    ['d.csv: warning: title: A deliberation has a subject. × 5 — <https://ex.org/d0>, <https://ex.org/d1>, \
<https://ex.org/d2>, …']
    """
    groups: dict[tuple, list] = {}
    for v in violations:
        groups.setdefault((v.severity, v.path, v.message_en if in_english(lang) else v.message), []).append(v)
    colon = ":" if in_english(lang) else " :"
    lines = []
    for (severity, path, text), members in groups.items():
        if len(members) > GROUPED_AFTER:
            names = list(dict.fromkeys(short_name(v, lang) for v in members))
            nodes = ", ".join(names[:GROUPED_AFTER]) + (", …" if len(names) > GROUPED_AFTER else "")
            lines.append(f"{_where(members, lang, file)}: {level_word(severity, lang)} {property_name(path, lang)}"
                         f"{colon} {one_line(text)} × {len(members)} — {nodes}{_lines_shown(members, lang)}")
            continue
        for v in members:
            value = f" ({'value' if in_english(lang) else 'valeur'} {one_line(v.value)}{_given_by(v, lang, file)})" \
                if v.value else ""
            lines.append(f"{_where([v], lang, file)}: {level_word(severity, lang)} {focus_name(v, lang)} — "
                         f"{property_name(path, lang)}{colon} {one_line(text)}{value}")
    return lines


def _given_by(violation, lang: str, file: str | None) -> str:
    """Where a file's report result's value comes from when another file states it (", donnée par sirene.csv"):
    the file gave the class that the value does not fit, not the value; '' otherwise.

    >>> from graph.validation import Violation
    >>> _given_by(Violation("https://ex.org/a", "p", "m", "m", "Warning", "9300", sources=("s.csv",)), "fr", "r.csv")
    ', donnée par s.csv'
    """
    if not file or not violation.sources or file in violation.sources:
        return ""
    return (", given by " if in_english(lang) else ", donnée par ") + ", ".join(violation.sources)


def _lines_shown(violations, lang: str) -> str:
    """The first lines of a group of results, when the file names them (" (lignes 4, 9, 17, …)"), or ''."""
    at = sorted({v.line for v in violations if v.line})
    if not at:
        return ""
    shown = ", ".join(map(str, at[:GROUPED_AFTER])) + (", …" if len(at) > GROUPED_AFTER else "")
    return f" ({'lines' if in_english(lang) else 'lignes'} {shown})"


def _where(violations, lang: str, file: str | None) -> str:
    """The file of a report, with the first line where it states these results (an RDF file's), else the files that
    state their focus nodes (the first few, and how many)."""
    if file:
        at = [v.line for v in violations if v.line]
        return f"{file}:{min(at)}" if at else file
    files = sorted({source for v in violations for source in v.sources})
    if not files:
        return "(unknown source)" if in_english(lang) else "(source inconnue)"
    if len(files) <= GROUPED_AFTER:
        return ", ".join(files)
    more = len(files) - GROUPED_AFTER
    shown = ", ".join(files[:GROUPED_AFTER])
    if in_english(lang):
        return f"{shown} and {counted(more, 'more file', 'more files', lang='en')}"
    return f"{shown} et {counted(more, 'autre fichier', 'autres fichiers')}"


def focus_name(violation, lang: str = "fr") -> str:
    """A SHACL result's focus node as a reader knows it, then its IRI to find it by: « its name » <IRI>, else its
    IRI, else (a blank node) "nœud anonyme" and its class.

    >>> from types import SimpleNamespace
    >>> focus_name(SimpleNamespace(label="DanaeCare", blank=False, target=None, focus="https://ex.org/a/1"))
    '« DanaeCare » <https://ex.org/a/1>'
    """
    if violation.blank:
        kind = f" ({term_name(violation.target, lang)})" if violation.target else ""
        return ("anonymous node" if in_english(lang) else "nœud anonyme") + kind
    iri = f"<{violation.focus}>"
    if violation.label:
        return f"{short_name(violation, lang)} {iri}"
    return iri


def short_name(violation, lang: str = "fr") -> str:
    """A SHACL result's focus node by « its name » alone, as a line of many nodes lists them; :func:`focus_name`
    without a name."""
    if violation.label:
        return f"« {one_line(violation.label)} »" if not in_english(lang) else f"'{one_line(violation.label)}'"
    return focus_name(violation, lang)


def property_name(path: str, lang: str = "fr") -> str:
    """A shape's path by its label in the ontology (or the standard terms' table); an inverse path says so."""
    if path.startswith("^"):
        return ("inverse of " if in_english(lang) else "inverse de ") + term_name(path[1:], lang)
    return term_name(path, lang)


def term_name(iri: str, lang: str = "fr") -> str:
    """The label of a vocabulary term in ``lang``: the ontology's, else the standard terms', else its CURIE.

    >>> term_name("http://www.w3.org/2000/01/rdf-schema#label")
    'nom'
    >>> term_name("https://w3id.org/maillage/ontology#siren", "en")
    'SIREN'
    >>> term_name("https://ex.org/unknown#x")
    'https://ex.org/unknown#x'

    """
    from webapp.labels import STANDARD, qname

    term = URIRef(iri)
    labels = _ontology_labels().get(term)
    if labels:
        return labels.get(lang) or labels.get("fr") or labels.get("") or next(iter(labels.values()))
    if term in STANDARD:
        return STANDARD[term][1 if in_english(lang) else 0]
    return qname(term)


@cache
def _ontology_labels() -> dict[URIRef, dict[str, str]]:
    from rdflib.namespace import RDFS

    from graph.ontology import load_ontology

    labels: dict[URIRef, dict[str, str]] = {}
    for term, _, text in load_ontology().triples((None, RDFS.label, None)):
        labels.setdefault(term, {})[getattr(text, "language", None) or ""] = str(text)
    return labels
