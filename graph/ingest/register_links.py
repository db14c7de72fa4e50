"""The goals that a partner register says grants serve, stated as ``<grant> mai:contributesTo <goal>`` in the
register's own graph, so that ``?grant mai:contributesTo ?goal`` finds them as it finds the goals any source states.

A register's extraction cannot state them: its grant references (:mod:`graph.ingest.register_grants`) describe
grants that may be ingested before or after it, by number, identifier and beneficiary. :func:`link_grants` states,
in each register's graph, a triple for each grant of the store that one of its references describes and each goal
the reference gives, and removes those that no reference describes any more (a grant gone, a reference changed):
the register is the source that says it, so provenance stays right (``GRAPH ?source`` names the register). The
ingest runs it when a register is stored and at the end of each ingest that stored something
(:func:`graph.ingest.pipeline.ingest_paths`), so that a grant ingested after the register gets its goals.

The triples it states are told apart from what the register's extraction states by their subject: a node of which
the register's graph says nothing else. What the extraction states of a resource always includes a type or, for a
grant reference (an untyped node), its ``mai:rowNumber``; a grant's own facts live in its source's graph. So a link
whose grant has left the store is still recognised, and removed. No new term.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from graph.ingest.base import Issue
from graph.ingest.dissolutions import check_dissolved_members
from graph.ingest.register_grants import about_references, check_references, linked_grants, references
from graph.ingest.source_messages import OWN_NAME_ADVICE
from graph.ingest.source_report import keep_settled
from graph.namespaces import MAI, sparql_prologue
from graph.triples import TripleSet

#: Whether the store holds a grant reference at all (most stores have no register, or a register without grants):
#: in a register's graph, a node that has a row number and gives goals, untyped. Read from the registers' rows, which
#: are few: from the store's links to a goal (8,652 at 100k actors), the engine looked up a row number for each
#: (100–200 ms, for each register ingested, in a store that holds no reference); from every row number of the store
#: (each grants list's rows), 15 ms; from the registers' rows, 0.3 ms.
_HAS_REFERENCES = """ASK { ?source dcterms:type "register"
  GRAPH ?source { ?ref mai:rowNumber ?line FILTER EXISTS { ?ref mai:contributesTo ?goal } }
  FILTER NOT EXISTS { ?ref a ?type } }"""
#: The links stated so far: in the registers' graphs that hold grant references, the goals of the nodes the graph
#: says nothing else of.
_STATED = """SELECT DISTINCT ?source ?grant ?goal WHERE {
  { SELECT DISTINCT ?source WHERE { ?source dcterms:type "register"
                                    GRAPH ?source { ?ref mai:rowNumber ?line ; mai:contributesTo ?refGoal }
                                    FILTER NOT EXISTS { ?ref a ?type } } }
  GRAPH ?source { ?grant mai:contributesTo ?goal FILTER NOT EXISTS { ?grant ?p ?o FILTER(?p != mai:contributesTo) } }
}"""


@dataclass
class Linked:
    """What :func:`link_grants` changed."""

    touched: set[str] = field(default_factory=set)  # the grants whose goals changed
    sources: set[URIRef] = field(default_factory=set)  # the registers' graphs it wrote to


def link_grants(writer) -> Linked:
    """Make the links that registers' graphs state equal to what their grant references describe in ``writer``'s
    store (see the module's docstring); return the grants and graphs changed. Idempotent: a second run changes
    nothing. One ASK when the store holds no grant reference."""
    linked = Linked()
    if not writer.query(sparql_prologue() + _HAS_REFERENCES).boolean:
        return linked
    wanted = {(ref.source, grant, goal) for ref in references(writer.query)
              for grant in linked_grants(writer.query, ref) for goal in ref.goals}
    stated = {tuple(row) for row in writer.query(sparql_prologue() + _STATED)}
    for change, triples in ((writer.add, wanted - stated), (writer.remove, stated - wanted)):
        by_source: dict[URIRef, TripleSet] = {}
        for source, grant, goal in sorted(triples):
            by_source.setdefault(source, TripleSet()).add((grant, MAI.contributesTo, goal))
            linked.touched.add(str(grant))
        for source, found in by_source.items():
            change(source, found)
            linked.sources.add(source)
    return linked


#: The links from grants to goals that a register's graph states (its references' own links are from untyped nodes).
#: Read from the register's links, each asked whether it is a grant's: from the store's grants, 45 ms at 100k actors
#: for each register ingested; so, 0.3 ms.
_LINKS_MADE = """SELECT (COUNT(*) AS ?links) WHERE { SELECT DISTINCT ?grant ?goal WHERE {
  GRAPH ?source { ?grant mai:contributesTo ?goal } FILTER EXISTS { ?grant a mai:Grant } } }"""


#: The other registers that describe the PTCE that a register describes, with their titles (file names).
_OTHER_REGISTERS = """SELECT DISTINCT ?ptce ?name ?title WHERE {
  GRAPH ?source { ?ptce a mai:Cooperation OPTIONAL { ?ptce rdfs:label ?name } }
  GRAPH ?other { ?ptce a mai:Cooperation } FILTER(?other != ?source)
  ?other dcterms:type "register" ; dcterms:title ?title
} ORDER BY ?title"""


def other_registers(query, source: URIRef) -> list[Issue]:
    """A warning for each other register of the store (``query``: a store's query function) that describes the PTCE
    that the register ``source`` describes: two files that describe it both count (a 2024 and a 2025 version, a
    corrected copy), which may be meant, but the coordinator should know."""
    titles: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for ptce, name, title in query(sparql_prologue() + _OTHER_REGISTERS, {"source": source}):
        titles.setdefault(str(ptce), [])
        if str(title) not in titles[str(ptce)]:
            titles[str(ptce)].append(str(title))
        names.setdefault(str(ptce), str(name) if name is not None else str(ptce))
    issues = []
    for ptce, found in titles.items():
        listed = ", ".join(found)
        if len(found) == 1:
            fr, en = f"le registre {listed} : les deux comptent", f"the register {listed}: both count"
        else:
            fr, en = f"les registres {listed} : tous comptent", f"the registers {listed}: all count"
        issues.append(Issue(
            "warning", f"le PTCE « {names[ptce]} » est déjà décrit par {fr} (membres, objectifs, financements) ; "
                       "si ce fichier en remplace un, " + OWN_NAME_ADVICE[0].format(name=found[0]),
            f"the PTCE '{names[ptce]}' is already described by {en} (members, goals, grants); if this file replaces "
            "one, " + OWN_NAME_ADVICE[1].format(name=found[0])))
    return issues


def register_stored(writer, source: URIRef) -> tuple[list[Issue], set[str], dict]:
    """What the ingest does once a register is stored (its kind's ``check_stored``): link the grants that the
    registers' references describe, then tell the other registers that describe its PTCE and the references of
    ``source`` that describe none; return those warnings, the grants whose goals changed and the count of links
    from grants to goals that ``source`` states (``grant_goals``: an entry may name several grants, or none)."""
    linked = link_grants(writer)
    issues, counts = register_issues(writer, source)
    return issues, linked.touched, counts


def register_issues(writer, source: URIRef) -> tuple[list[Issue], dict]:
    """What the store tells of the register ``source`` (its kind's ``recheck_stored``): warnings about the other
    registers of its PTCE and about its grant references that describe no grant of the store, and the count of
    links from grants to goals that it states."""
    links = next(iter(writer.query(sparql_prologue() + _LINKS_MADE, {"source": source})))[0]
    issues = other_registers(writer.query, source) + check_references(writer.query, source) \
        + check_dissolved_members(writer.query, source)
    return issues, {"grant_goals": int(links.toPython())}


_TITLE = "SELECT ?title WHERE { ?source dcterms:title ?title } LIMIT 1"


def relink(writer, stored: set[URIRef]) -> tuple[set[str], list[Issue]]:
    """What the ingest does at the end of a batch of files: link the grants anew (a grant ingested after the register
    gets its goals, a grant gone loses them); return the grants whose goals changed, and the warnings about the
    references of each register whose links changed and that is not among the ``stored`` sources of the batch (their
    own report warned already), each naming its register and line. The report kept with each such register
    (:func:`graph.ingest.source_report.keep_settled`) says its references' warnings anew: those the new links
    settle are gone, new ones are kept."""
    linked = link_grants(writer)
    issues = []
    for source in sorted(linked.sources - stored):
        title = next((str(row[0]) for row in writer.query(sparql_prologue() + _TITLE, {"source": source})),
                     str(source))
        found = check_references(writer.query, source)
        keep_settled(writer, source, about_references, found)
        for issue in found:
            where = f"{title}, ligne {issue.line}" if issue.line else title
            where_en = f"{title}, line {issue.line}" if issue.line else title
            issues.append(Issue(issue.level, f"registre « {where} » : {issue.message}",
                                f"register '{where_en}': {issue.message_en}", field=issue.field))
    return linked.touched, issues
