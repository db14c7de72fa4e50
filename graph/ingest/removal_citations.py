"""The resources that removed sources described and that another source still cites: once its describing file is
removed, a PTCE member that a file of memberships names is shown by the tail of its IRI, with no name nor type.

``maillage remove`` warns of each one, naming what cites it; ``maillage validate`` warns of a membership whose
member no source describes (``maish:MembershipShape``). The search reads the removed graphs' IRI subjects before
they are dropped, then asks, in batches, which of them another graph names as an object and no graph describes.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS

from graph.ingest.base import Issue
from graph.ingest.rdf_check_wording import MAX_SHARED_SHOWN, short
from graph.namespaces import MAI, ORG

#: The IRI subjects of a graph, with one of the names it gives them (a French one first).
_NAMED = (f"SELECT ?s (SAMPLE(?fr) AS ?french) (SAMPLE(?l) AS ?label) WHERE {{ GRAPH <%s> {{ ?s ?p ?o "
          f"OPTIONAL {{ ?s <{RDFS.label}> ?l }} "
          f"OPTIONAL {{ ?s <{RDFS.label}> ?fr FILTER(LANGMATCHES(LANG(?fr), \"fr\")) }} }} "
          "FILTER(isIRI(?s)) } GROUP BY ?s")
#: IRIs looked up at once: a VALUES block of this size stays fast (each a lookup by object).
BATCH = 500
#: Of some IRIs, those that a graph names as an object and that no graph describes (as a subject); with the
#: statement that cites each, the citing file's title and, for a membership's member, the organisation's name. The
#: record of a removal names the source removed, which no page shows by it (graph.ingest.removal_records).
_CITED = (f"SELECT ?x ?s ?p (SAMPLE(?title) AS ?file) (SAMPLE(?in) AS ?organisation) WHERE {{ VALUES ?x {{ %s }} "
          f"GRAPH ?g {{ ?s ?p ?x }} FILTER NOT EXISTS {{ ?x ?any ?thing }} "
          f"FILTER NOT EXISTS {{ ?s a <{MAI.RemovedSource}> }} "
          f"OPTIONAL {{ ?g <{DCTERMS.title}> ?title }} "
          f"OPTIONAL {{ ?s <{ORG.organization}> ?o . ?o <{RDFS.label}> ?in }} }} GROUP BY ?x ?s ?p ORDER BY ?x ?s "
          f"LIMIT {MAX_SHARED_SHOWN + 1}")


def described_in(query, source: URIRef) -> dict[str, str | None]:
    """The IRIs that the graph ``source`` describes (as subjects), each with a name it gives it or None."""
    return {str(s): str(french if french is not None else label) if (french or label) is not None else None
            for s, french, label in query(_NAMED % source)}


def left_cited(query, removed: list[tuple[str, dict[str, str | None]]]) -> list[Issue]:
    """A warning for each IRI that a removed source (its name, and what :func:`described_in` read of it before it was
    dropped) described, and that another source still cites while none describes it any longer, naming the citing
    statement and file. At most MAX_SHARED_SHOWN are named, the others counted."""
    found: list[tuple[str, str | None, str, tuple]] = []
    batches = ((name, described, sorted(described)[start:start + BATCH]) for name, described in removed
               for start in range(0, len(described), BATCH))
    for name, described, iris in batches:
        found += [(name, described[str(row[0])], str(row[0]), row)
                  for row in query(_CITED % " ".join(f"<{iri}>" for iri in iris))]
        if len(found) > MAX_SHARED_SHOWN:  # enough to show: the others are not sought
            break
    issues = [_cited_issue(*entry) for entry in found[:MAX_SHARED_SHOWN]]
    if len(found) > MAX_SHARED_SHOWN:
        issues.append(Issue("warning", "et d'autres ressources retirées encore citées par d'autres sources",
                            "and other removed resources that other sources still cite"))
    return issues


def _cited_issue(name: str, label: str | None, iri: str, row: tuple) -> Issue:
    """The warning that ``iri`` (named ``label`` by the removed source ``name``) is still cited, as ``row`` says."""
    _, subject, predicate, file, organisation = row
    named_fr, named_en = (f" (nommé « {label} » par « {name} »)", f" (named '{label}' by '{name}')") if label \
        else (f" (décrit par « {name} »)", f" (described by '{name}')")
    file_fr, file_en = (f"« {file} »", f"'{file}'") if file is not None else ("une autre source", "another source")
    if predicate == ORG.member and organisation is not None:
        how_fr, how_en = f"membre de « {organisation} », adhésion <{subject}>", \
            f"member of '{organisation}', membership <{subject}>"
    else:
        how_fr = how_en = f"<{subject}> {short(str(predicate))}"
    return Issue("warning", f"<{iri}>{named_fr} reste cité par {file_fr} ({how_fr}) et n'est plus décrit par aucune "
                            "source : les pages le montreront par la fin de son IRI, sans nom ; retirez aussi ce qui "
                            "le cite, ou importez de nouveau un fichier qui le décrit",
                 f"<{iri}>{named_en} is still cited by {file_en} ({how_en}) and no source describes it any longer: "
                 "pages will show it by the tail of its IRI, without a name; remove what cites it too, or ingest a "
                 "file that describes it again", field=short(str(predicate)), value=iri)
