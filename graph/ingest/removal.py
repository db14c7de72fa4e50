"""Removing sources: a file's named graph dropped, as if the file had never been ingested.

``maillage remove NAME…`` names sources the way ``maillage ingest`` does: by file name, or by the ``--name`` a file
was given (a path names the file it ends with). Under one writer, each source's graph is dropped — its ``mai:Source``
description with it, which that graph holds — then the grants that partner registers describe are linked anew (a
grant gone loses its goals, a register gone its links), an actor that the source named takes the name another
source gives it, a resource that the source described and that another source still cites is warned of
(:mod:`graph.ingest.removal_citations`), the warnings kept with other sources that named it are told anew
(:mod:`graph.ingest.source_mentions`), and all of it is published at once: readers see the store with every named
source or with none removed. Each source removed leaves a record of what it was (file name, sha256, times of import
and removal, triples: :mod:`graph.ingest.removal_records`), in the same publish. A name that no stored source has,
or a file name that several sources have, stops the whole removal before anything changes. So does the name of a
Maillage dump (``maillage export``): ingesting it restored the sources it holds (:mod:`graph.backup`), which are
removed by their own names, and the error names them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from graph.actor_names import one_name_each
from graph.backup import dump_format, dump_sources
from graph.ingest.base import InputError, Issue, source_iri
from graph.ingest.register_links import relink
from graph.ingest.removal_citations import described_in, left_cited
from graph.ingest.removal_records import removal_record, removals_graph
from graph.ingest.shared_concepts import labelled_in, restore_pref_labels
from graph.ingest.source_mentions import settle_mentions
from graph.ingest.sources import stored_subjects
from graph.namespaces import DEFAULT_BASE, sparql_prologue
from graph.ontology import VOCABULARY_FILES
from graph.store import graph_size
from graph.triples import TripleSet

#: The stored sources, by their title (the file name) and the IRI that is also the name of their graph.
_SOURCES = "SELECT DISTINCT ?source ?title WHERE { GRAPH ?source { ?source a mai:Source ; dcterms:title ?title } }"


@dataclass
class Removal:
    """What removing sources did: each source's name, IRI and number of triples, the resources they described or
    whose links changed (for the search index), and the warnings about the registers whose links changed."""

    removed: list[tuple[str, URIRef, int]] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    issues: list[Issue] = field(default_factory=list)


def remove_sources(store, names: list[str], base: str = DEFAULT_BASE) -> Removal:
    """Drop the graphs of the sources ``names`` (file names, or the names they were ingested under) and publish.

    Raises InputError, the store unchanged, when a name is no stored source's."""
    removal = Removal()
    with store.writer() as writer:
        shipped = {URIRef(iri) for iri in VOCABULARY_FILES.values()}  # the vocabulary, which no source brought
        stored = {URIRef(str(source)): str(title) for source, title in writer.query(sparql_prologue() + _SOURCES)
                  if URIRef(str(source)) not in shipped}
        by_title: dict[str, list[URIRef]] = {}
        for source, title in sorted(stored.items()):
            by_title.setdefault(title, []).append(source)
        wanted = {}
        for name in names:
            file = Path(name).name
            if file in VOCABULARY_FILES and file not in by_title:
                raise InputError(f"« {name} » est un vocabulaire livré avec Maillage, pas une source : il ne se retire "
                                 "pas (rien n'a été retiré)", message_en=f"'{name}' is a vocabulary shipped with "
                                 "Maillage, not a source: it is not removed (nothing was removed)")
            source = source_iri(Path(file), base)
            if source not in stored:  # the name given to --name as it was written ("../../etc/x" named etc-x)
                source = source_iri(Path(file), base, {"source_name": name})
            if source not in stored:
                titled = by_title.get(file, [])
                if len(titled) > 1:  # two files of one name ingested under two --name: which one is meant?
                    raise _ambiguous(name, titled)
                source = titled[0] if titled else None
            if source is None:
                raise _dump_named(writer, name, stored, by_title) or _unknown(name, sorted(by_title))
            wanted[source] = name
        lost = set()  # the labels of goals that other sources may word too (graph.ingest.shared_concepts)
        described: dict[URIRef, dict[str, str | None]] = {}  # each source's IRI subjects, with their names there
        records, now = TripleSet(), dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        for source, name in wanted.items():
            described[source] = described_in(writer.query, source)
            removal.touched |= {str(s) for s in stored_subjects(writer.query, source)} | {str(source)}
            removal.removed.append((name, source, size := graph_size(writer.query, source)))
            lost |= labelled_in(writer.query, source)
            records += removal_record(writer.query, source, size, base, now)
            writer.drop_graph(source)
        removal.touched |= settle_mentions(writer, {source: stored[source] for source in wanted})
        removal.touched |= restore_pref_labels(writer, lost)
        removal.touched |= one_name_each(writer, removal.touched)
        touched, removal.issues = relink(writer, set())
        removal.touched |= touched
        removal.issues += left_cited(writer.query, [(wanted[source], names) for source, names in described.items()])
        writer.add(removals_graph(base), records)  # after left_cited: a record names its source, which is gone
    return removal


def _ambiguous(name: str, sources: list[URIRef]) -> InputError:
    """The error about a file name that several sources have (each ingested under a ``--name`` of its own)."""
    names = ", ".join(str(source).rsplit("/", 1)[-1] for source in sources)
    return InputError(f"« {name} » est le fichier de {len(sources)} sources ({names}) : donnez le nom de celle à "
                      "retirer (rien n'a été retiré)", message_en=f"'{name}' is the file of {len(sources)} sources "
                      f"({names}): give the name of the one to remove (nothing was removed)")


def _dump_named(writer, name: str, stored: dict[URIRef, str],
                by_title: dict[str, list[URIRef]]) -> InputError | None:
    """The error about the name of a Maillage dump, read where it was given (None when ``name`` is no dump file): the
    stored sources it holds as it gives them are to be removed instead, each by the name that removes it alone; those
    it holds that the store has with another content (it did not restore them) are named apart."""
    found = dump_sources(writer, name) if Path(name).is_file() else None
    if found is None:
        return None
    same, other = ([_removal_name(URIRef(iri), stored, by_title) for iri in iris] for iris in found)
    fr = (f"« {name} » est une sauvegarde de Maillage (export) : importée, elle restaure les sources qu'elle "
          "contient, elle n'en est pas une")
    en = f"'{name}' is a Maillage backup (export): ingested, it restores the sources it holds, it is none itself"
    if same:
        fr += f" ; retirez plutôt celles qu'elle a restaurées, par leurs noms : {', '.join(same)}"
        en += f"; rather remove those it restored, by their names: {', '.join(same)}"
    else:
        fr, en = fr + " ; aucune n'est enregistrée telle qu'elle la donne", en + "; none is stored as it gives it"
    if other:
        s = "s" if len(other) > 1 else ""
        fr += f" ; {', '.join(other)} : enregistrée{s} avec un autre contenu que le sien, à garder"
        en += f"; {', '.join(other)}: stored with another content than its, to keep"
    return InputError(fr + " (rien n'a été retiré)", message_en=en + " (nothing was removed)")


def _removal_name(source: URIRef, stored: dict[URIRef, str], by_title: dict[str, list[URIRef]]) -> str:
    """The name that removes ``source`` alone: its file name, or the name it was ingested under when another
    source has the same file name."""
    title = stored.get(source)
    return title if title is not None and len(by_title[title]) == 1 else str(source).rsplit("/", 1)[-1]


def _unknown(name: str, titles: list[str]) -> InputError:
    """The error about a name that no stored source has, with the stored names closest to it, and what the name of
    a dump (not here to be read) stands for."""
    close = difflib.get_close_matches(Path(name).name, titles, n=3, cutoff=0.5)
    hint = f" ; vouliez-vous dire : {', '.join(close)} ?" if close else ""
    hint_en = f"; did you mean: {', '.join(close)}?" if close else ""
    if dump_format(name, b"") is not None:
        hint += (" ; une sauvegarde de Maillage (.trig, .nq) importée n'est pas une source : retirez les sources "
                 "qu'elle a restaurées, par les noms que son import a donnés")
        hint_en += ("; a Maillage backup (.trig, .nq) once ingested is no source: remove the sources it restored, by "
                    "the names its ingest gave")
    return InputError(f"aucune source nommée « {name} » dans le graphe{hint} (rien n'a été retiré)",
                      message_en=f"no source named '{name}' in the graph{hint_en} (nothing was removed)")
