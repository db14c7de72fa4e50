"""The report of a file's ingest kept with its source: what reading it gave (a grant without a date, a column not
read, an unknown theme…), stored in the source's own named graph beside its ``mai:Source`` description, so that it
is replaced, removed and exported with the source, and seen by SPARQL and by the source's page long after the
terminal that printed it is closed.

The source counts its warnings and its errors (``mai:warningCount``, ``mai:errorCount``: a file without any says
0 and 0, its only two triples of the report) and links each issue kept (``mai:ingestIssue``) as a
``mai:IngestIssue``: its severity, its message in French and in English (``dcterms:description``), its line
(``mai:rowNumber``), field (``mai:field``) and value (``rdf:value``) when known. A file with thousands of issues keeps
the first :data:`ISSUES_KEPT_PER_KIND` of each kind (same severity, field and message); the first issue of each
kind says how many the file gave in all (``mai:occurrences``).

Issues are named by their rank (``{base}issue/{source key}/{n}``), with no date: the same file read twice gives the
same triples. Every warning and error of the ingest is kept: the reading's, a replacement's (« remplace la source
… », « décrit moins … »), and those that the stored graph told (a grant another source publishes too), in the write
that stores the file, told anew when a later file of the batch settles them. Its infos (a reading again) are not,
but for what a new version changed (:func:`graph.ingest.source_changes.change_summary`: the members
who joined and left, the circles and goals changed…), which the source keeps as a ``skos:changeNote`` in French and
in English, so that its page still says it after the upload's result is gone. The same file read again (a reader's
new version, ``--force``) changes nothing and keeps the note of the version that made it (:func:`kept_change_notes`);
a file that replaces the source says what it changed in its own note.

>>> from graph.ingest.base import Issue
>>> source = URIRef("https://ex.org/id/source/f-csv")
>>> found = [Issue("warning", "montant illisible", "unreadable amount", n, "montant", "x") for n in (2, 3)]
>>> report = report_graph(source, "f-csv", found, base="https://ex.org/id/")
>>> [str(o) for o in report.objects(source, MAI.warningCount)], len(list(report.objects(source, MAI.ingestIssue)))
(['2'], 2)
>>> [int(o) for o in report.objects(URIRef("https://ex.org/id/issue/f-csv/1"), MAI.occurrences)]
[2]
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from graph.ingest.base import Issue
from graph.namespaces import DEFAULT_BASE, MAI, mint
from graph.triples import TripleSet

#: The issues of one kind (same severity, field and message) kept per file: as many as an ingest report shows
#: before « … et N de plus », enough to find the lines to mend; the kind's count tells how many more there are.
ISSUES_KEPT_PER_KIND = 20
#: The characters of a cell's value kept with its issue: a value is there to recognise the cell, not to copy it.
VALUE_CHARS_KEPT = 200
#: The severities kept, as ``mai:severity`` writes them; infos (listed by ``--verbose`` only) are not.
KEPT_LEVELS = ("warning", "error")


def issue_kind(issue: Issue) -> tuple:
    """What makes two issues one kind, whose repeats are counted rather than all kept: severity, field, message."""
    return issue.level, issue.field, issue.message


def report_graph(source: URIRef, key: str, issues: list[Issue], base: str = DEFAULT_BASE) -> TripleSet:
    """The triples that keep ``issues`` (what reading the file of ``source`` gave) with the source; ``key`` is the
    source's short key (:attr:`graph.ingest.base.SourceContext.key`), which names its issues."""
    graph = TripleSet()
    kept_issues = [issue for issue in issues if issue.level in KEPT_LEVELS]
    levels = Counter(issue.level for issue in kept_issues)
    graph.add((source, MAI.warningCount, Literal(levels["warning"], datatype=XSD.integer)))
    graph.add((source, MAI.errorCount, Literal(levels["error"], datatype=XSD.integer)))
    counts = Counter(issue_kind(issue) for issue in kept_issues)
    seen: Counter = Counter()
    rank = 0
    for issue in kept_issues:
        kind = issue_kind(issue)
        seen[kind] += 1
        if seen[kind] > ISSUES_KEPT_PER_KIND:
            continue
        rank += 1
        node = mint("issue", key, rank, base=base)
        graph.add((source, MAI.ingestIssue, node))
        _describe_issue(graph, node, issue, source)
        if seen[kind] == 1:
            graph.add((node, MAI.occurrences, Literal(counts[kind], datatype=XSD.integer)))
    return graph


def _describe_issue(graph: TripleSet, node: URIRef, issue: Issue, source: URIRef) -> None:
    """Add to ``graph`` the description of ``issue`` as ``node``: severity, messages, line, field, value."""
    graph.add((node, RDF.type, MAI.IngestIssue))
    graph.add((node, RDF.type, PROV.Entity))  # its superclass, materialised as the pipeline does (RDF files too)
    graph.add((node, PROV.wasDerivedFrom, source))
    graph.add((node, MAI.severity, Literal(issue.level)))
    graph.add((node, DCTERMS.description, Literal(issue.message, lang="fr")))
    if issue.message_en:
        graph.add((node, DCTERMS.description, Literal(issue.message_en, lang="en")))
    if issue.line:
        graph.add((node, MAI.rowNumber, Literal(issue.line, datatype=XSD.integer)))
    if issue.field:
        graph.add((node, MAI.field, Literal(issue.field)))
    if issue.value is not None:
        value = issue.value if len(issue.value) <= VALUE_CHARS_KEPT else issue.value[:VALUE_CHARS_KEPT - 1] + "…"
        graph.add((node, RDF.value, Literal(value)))


#: The triples of the report kept in the graph ?g: its counts, its issues and what each says.
_KEPT = f"""SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{
  {{ ?g ?p ?o FILTER(?p IN (<{MAI.warningCount}>, <{MAI.errorCount}>, <{MAI.ingestIssue}>)) BIND(?g AS ?s) }}
  UNION {{ ?g <{MAI.ingestIssue}> ?s . ?s ?p ?o }} }} }}"""


def kept_issues(kept: TripleSet, source: URIRef) -> list[Issue]:
    """The issues that the report ``kept`` with ``source`` (:func:`report_graph`) tells, in their order, each kind's
    issues that were not kept (beyond :data:`ISSUES_KEPT_PER_KIND`) as copies of its last one: the issues that make
    the same report again."""
    ranked = sorted(kept.objects(source, MAI.ingestIssue), key=lambda node: int(str(node).rsplit("/", 1)[1]))
    issues: list[Issue] = []
    seen: Counter = Counter()
    for node in ranked:
        messages = {literal.language: str(literal) for literal in kept.objects(node, DCTERMS.description)}
        line, value = kept.value(node, MAI.rowNumber), kept.value(node, RDF.value)
        field = kept.value(node, MAI.field)
        issue = Issue(str(kept.value(node, MAI.severity)), messages.get("fr", ""), messages.get("en", ""),
                      int(line) if line is not None else None, str(field) if field is not None else None,
                      str(value) if value is not None else None)
        issues.append(issue)
        seen[issue_kind(issue)] += 1
        if (occurrences := kept.value(node, MAI.occurrences)) is not None and int(occurrences) > ISSUES_KEPT_PER_KIND:
            issues += [issue] * (int(occurrences) - ISSUES_KEPT_PER_KIND)
    return issues


def keep_settled(writer, source: URIRef, told: Callable[[Issue], bool], fresh: list[Issue],
                 in_place: bool = False) -> bool:
    """Tell anew the report kept in the stored graph of ``source``, through ``writer``, once another file changed
    what the store tells of it: its kept issues that ``told`` says the store told (a register's grant references
    checked against the store's grants) give way to the ``fresh`` ones, so that its count and its page say what the
    store tells now (a reference that a grants list ingested since answers is no longer warned of). ``in_place``:
    each issue told gives way, where it was, to the fresh ones of its line not kept already (a grant that another
    source publishes too, told again once one of those sources is removed). Return whether the report changed."""
    kept = TripleSet(tuple(row) for row in writer.query(_KEPT, {"g": source}))
    before = kept_issues(kept, source)
    if in_place:
        issues, kept_as_is = [], [issue for issue in before if not told(issue)]
        for issue in before:
            if not told(issue):
                issues.append(issue)
                continue
            # a fresh issue equal to the one told (still true) takes its place again; one kept as is is not repeated
            issues += [new for new in fresh if issue.line in (None, new.line) and new not in kept_as_is + issues]
    else:
        issues = [issue for issue in before if not told(issue)] + fresh
    if issues == before:
        return False
    base, _, key = str(source).rpartition("source/")
    writer.remove(source, kept)
    writer.add(source, report_graph(source, key, issues, base))
    return True


_CHANGE_NOTES = f"SELECT ?note WHERE {{ GRAPH ?g {{ ?g <{SKOS.changeNote}> ?note FILTER(isLiteral(?note)) }} }}"


def change_notes(source: URIRef, summary: tuple[str, str]) -> TripleSet:
    """The triples that keep with ``source`` the ``summary`` (French, English) of what its new version changed.

    >>> source = URIRef("https://ex.org/id/source/r-yaml")
    >>> sorted(str(o) for o in change_notes(source, ("1 membre arrivé (A)", "1 member joined (A)")).objects())
    ['1 member joined (A)', '1 membre arrivé (A)']
    """
    graph = TripleSet()
    for text, lang in zip(summary, ("fr", "en")):
        graph.add((source, SKOS.changeNote, Literal(text, lang=lang)))
    return graph


def kept_change_notes(query, source: URIRef) -> TripleSet:
    """The notes of what a version changed that the stored graph of ``source`` keeps (none, when it is not stored),
    to be kept when the same file is read again."""
    graph = TripleSet()
    for note, in query(_CHANGE_NOTES, {"g": source}):
        graph.add((source, SKOS.changeNote, note))
    return graph


__all__ = ["ISSUES_KEPT_PER_KIND", "VALUE_CHARS_KEPT", "change_notes", "issue_kind", "keep_settled",
           "kept_change_notes", "kept_issues", "report_graph"]
