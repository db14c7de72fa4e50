"""Read a dump back and check that it holds what it states. A dump opens with a graph of its own,
:data:`COUNTS_GRAPH`, that states in VoID the triples of the whole and of each graph, and each graph's title
(:mod:`graph.dump_writing` writes it); :func:`check_whole` holds a dump loaded in a scratch store (:func:`load_dump`)
against it, and names what is missing (:class:`IncompleteDump`). A restore (:mod:`graph.backup`) checks so first.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import VOID

from graph.formats import Format
from graph.french_text import counted
from graph.namespaces import DCTERMS
from graph.store import PARSE_BASE, RdfSyntaxError

#: The graph that opens a dump and states what it holds (:func:`graph.dump_writing.write_dump`): first, so that a
#: dump cut anywhere after it still says what it lacks.
COUNTS_GRAPH = "urn:maillage:dump"
#: :data:`COUNTS_GRAPH`, and the terms that a dump is read and written with, as pyoxigraph terms.
COUNTS_NODE = ox.NamedNode(COUNTS_GRAPH)
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TITLE, VOID_TRIPLES = ox.NamedNode(str(DCTERMS.title)), ox.NamedNode(str(VOID.triples))
_COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
#: The names of sources that a report lists, at most: a backup of a whole store holds hundreds.
NAMES_SHOWN = 10


class IncompleteDump(Exception):
    """A dump whose content is not what its :data:`COUNTS_GRAPH` states: cut short, or edited since the export;
    ``message`` in French, ``message_en`` in English, each naming what is missing."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message, self.message_en = message, message_en


def load_dump(directory: str, fmt: Format, data: bytes | None = None, path: str | None = None) -> ox.Store:
    """A store in ``directory`` that holds the dump ``data`` (or the file at ``path``): on disk, a dump of millions
    of quads does not have to fit in memory. Raises RdfSyntaxError when it does not parse."""
    dump = ox.Store(directory)
    try:
        dump.bulk_load(data, fmt.engine, path=path, base_iri=PARSE_BASE)
    except SyntaxError as exc:
        raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
    return dump


def named_graphs(dump: ox.Store) -> list[ox.NamedNode]:
    """The named graphs of ``dump`` that an IRI names, in the order of their IRIs."""
    return sorted((g for g in dump.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)


def graph_sizes(dump: ox.Store) -> dict[str, int]:
    """The triples of each named graph of ``dump``."""
    return {row["g"].value: int(row["n"].value) for row in dump.query(_COUNT_GRAPHS)
            if isinstance(row["g"], ox.NamedNode)}


def check_whole(dump: ox.Store) -> bool:
    """Whether the loaded ``dump`` states what it holds (:data:`COUNTS_GRAPH`; a dump written before does not).

    Raises IncompleteDump, naming the graphs missing, those of another size and those not stated, when its graphs
    or its triples are not those it states: a file cut short, or edited since the export.
    """
    stated = {q.subject.value: q.object.value for q in dump.quads_for_pattern(None, VOID_TRIPLES, None, COUNTS_NODE)}
    if not stated:
        return False
    total = stated.pop(COUNTS_GRAPH, None)
    counts = graph_sizes(dump)
    counts.pop(COUNTS_GRAPH, None)
    titles = {q.subject.value: q.object.value for q in dump.quads_for_pattern(None, TITLE, None, COUNTS_NODE)}
    missing = [titles.get(name, f"<{name}>") for name in sorted(stated) if name not in counts]
    other = [(titles.get(name, f"<{name}>"), counts[name], said) for name, said in sorted(stated.items())
             if name in counts and str(counts[name]) != said]
    unstated = [f"<{name}>" for name in sorted(counts) if name not in stated]
    found = len(dump) - sum(1 for _ in dump.quads_for_pattern(None, None, None, COUNTS_NODE))
    if missing or other or unstated or str(found) != total:
        raise IncompleteDump(*_shortfall(missing, other, unstated, (found, total)))
    return True


def _shortfall(missing: list[str], other: list[tuple[str, int, str]], unstated: list[str],
               total: tuple[int, str | None]) -> tuple[str, str]:
    """Why a dump is refused, in French and in English: what it lacks, or holds otherwise, against what it states."""
    def names(items: list[str], more: str) -> str:
        return ", ".join(items[:NAMES_SHOWN]) + (f" {more.format(n=len(items) - NAMES_SHOWN)}"
                                                 if len(items) > NAMES_SHOWN else "")

    fr, en = [], []
    if missing:
        s = "s" if len(missing) > 1 else ""
        fr.append(f"{len(missing)} graphe{s} manquant{s} : {names(missing, 'et {n} autres')}")
        en.append(f"{len(missing)} graph{s} missing: {names(missing, 'and {n} more')}")
    for name, found, said in other[:NAMES_SHOWN]:
        fr.append(f"« {name} » : {counted(found, 'triplet')} au lieu de {said}")
        en.append(f"'{name}': {counted(found, 'triple', lang='en')} instead of {said}")
    if len(other) > NAMES_SHOWN:
        fr.append(f"{len(other) - NAMES_SHOWN} autres graphes d'un autre nombre de triplets")
        en.append(f"{len(other) - NAMES_SHOWN} more graphs of another number of triples")
    if unstated:
        s = "s" if len(unstated) > 1 else ""
        fr.append(f"{len(unstated)} graphe{s} que le décompte ne nomme pas : {names(unstated, 'et {n} autres')}")
        en.append(f"{len(unstated)} graph{s} that the counts do not name: {names(unstated, 'and {n} more')}")
    if not fr:  # the graphs as stated, not the whole: triples outside any graph
        fr.append(f"{counted(total[0], 'triplet')} en tout au lieu de {total[1]}")
        en.append(f"{counted(total[0], 'triple', lang='en')} in all instead of {total[1]}")
    return ("sauvegarde incomplète ou modifiée depuis l'export : " + " ; ".join(fr) + " — elle ne contient pas ce "
            f"que son décompte (graphe <{COUNTS_GRAPH}>) annonce : fichier coupé (copie interrompue, disque plein) "
            "ou modifié ; reprenez une copie complète (ou, pour restaurer tout de même ce qu'elle contient, "
            "retirez-en ce graphe)",
            "backup incomplete or edited since the export: " + "; ".join(en) + f" — it does not hold what its "
            f"counts (graph <{COUNTS_GRAPH}>) state: the file was cut short (a copy interrupted, a disk full) or "
            "edited; take a whole copy (or, to restore what it holds all the same, remove that graph from it)")
