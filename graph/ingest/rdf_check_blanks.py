"""The actors of an RDF file that are blank nodes (``[] a mai:UserGroup``), warned of at ingest
(:mod:`graph.ingest.rdf_checks`): counted among the actors, but nothing can name them.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDFS

from graph.ingest.base import Issue
from graph.ingest.rdf_check_contract import actor_classes
from graph.namespaces import MAI

#: The labels of the file's actors without an IRI (their types materialised).
_BLANK_ACTORS = (f"SELECT ?s ?l WHERE {{ GRAPH <%s> {{ ?s a <{MAI.Actor}> FILTER(isBlank(?s)) "
                 f"OPTIONAL {{ ?s <{RDFS.label}> ?l }} }} }}")
#: Actors without an IRI named in the warning, at most.
MAX_BLANKS_SHOWN = 3


def blank_actors(query, source: URIRef, observed) -> list[Issue]:
    """A warning for the actors of the file that are blank nodes (``[] a mai:UserGroup``): counted among the actors,
    but no search result, page nor link of another source can name them. A look at the types that the first pass
    read; a query for their labels when there are some."""
    classes = actor_classes()
    if not any(isinstance(subject, ox.BlankNode) and cls in classes for subject, cls in observed.types):
        return []
    labels: dict = {}  # each actor without an IRI -> its labels
    for s, label in query(_BLANK_ACTORS % source):
        labels.setdefault(s, []).extend([label] if label is not None else [])
    count = len(labels)
    # each one's label in French (or without a language) if it has one
    shown = sorted(str(min(found, key=lambda label: label.language not in (None, "fr")))
                   for found in labels.values() if found)[:MAX_BLANKS_SHOWN]
    names_fr = ", ".join(f"« {name} »" for name in shown) + (", …" if count > len(shown) else "")
    names_en = ", ".join(f"'{name}'" for name in shown) + (", …" if count > len(shown) else "")
    if count > 1:
        who, who_en = f"{count} acteurs anonymes (nœuds sans IRI)", f"{count} anonymous actors (nodes without an IRI)"
        fr, en = ("comptés", "ils ne sont", "liés", "leur"), ("they are", "them")
    else:
        who, who_en = "acteur anonyme (nœud sans IRI)", "anonymous actor (a node without an IRI)"
        fr, en = ("compté", "il n'est", "lié", "lui"), ("it is", "it")
    return [Issue("warning", f"{who}{' ' + names_fr if shown else ''} : {fr[0]} parmi les acteurs, {fr[1]} pourtant "
                             f"ni dans la recherche, ni sur une page, ni {fr[2]} par une autre source — un acteur a "
                             f"besoin d'une IRI pour être trouvé, lié et montré ; donnez-{fr[3]}-en une (<https://…> "
                             "au lieu de [ … ] ou _:…)",
                  f"{who_en}{' ' + names_en if shown else ''}: counted among the actors, {en[0]} yet neither in the "
                  "search, nor on a page, nor linked by another source; an actor needs an IRI to be found, linked "
                  f"and shown; give {en[1]} one (<https://…> instead of [ … ] or _:…)",
                  line=observed.line_of(shown[0]) if shown else None)]
