"""Our own page queries, run in process: values always bound, never formatted in (:func:`select`), and the
patterns that Oxigraph reads faster each whole (:func:`read_whole`).
"""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef

from webapp.resources import get_store


def select(sparql: str, **bindings) -> list[dict]:
    """Run one of our page queries with ``bindings`` and return its rows as dicts of rdflib terms."""
    from graph.namespaces import sparql_prologue

    bound = {k: (v if isinstance(v, (URIRef, Literal, BNode)) else Literal(v)) for k, v in bindings.items()
             if v is not None}
    return list(get_store().query(sparql_prologue() + sparql, bound).dicts())


def read_whole(*patterns: str) -> str:
    """``patterns`` as sub-selects joined: Oxigraph reads each whole (a scan), then joins them, where as one group
    of patterns it looks the later ones up for each solution of the first (~20 µs a look-up). For queries over every
    grant (22,029 at 100k actors: 2–8x sooner, bench/README.md); where the solutions are few, look-ups cost less."""
    return " ".join(f"{{ SELECT * WHERE {{ {pattern} }} }}" for pattern in patterns)
