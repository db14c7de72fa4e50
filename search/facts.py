"""Read from the graph the facts that the index documents are made of, in a few batched SPARQL queries.

The whole graph (``load_facts(store)``) is read with one query per predicate group — never one query per
resource — and a set of resources (``load_facts(store, iris)``) with queries restricted by ``VALUES`` blocks, in
rounds: the resources, what points at them (grants, memberships, narrower themes), then rings of what those
point at, as far as each document reads (see :data:`LABELS`, :data:`FULL`): the labels of places, funders,
circles and goals; the place and themes of a grant's beneficiary.

The result, :class:`Facts`, is plain data (subject -> predicate -> objects) that the pure converters of
:mod:`search.documents` turn into documents.

>>> from graph.store import open_store
>>> store = open_store({"store": "memory"})
>>> label = "http://www.w3.org/2000/01/rdf-schema#label"
>>> with store.writer() as w:
...     _ = w.replace_graph("https://ex.org/g", f'<https://ex.org/a> <{label}> "A"@fr .'.encode(), "ntriples")
>>> load_facts(store, ["https://ex.org/a"]).get("https://ex.org/a", label)
[('A', 'fr')]
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed

import pyoxigraph as ox
from rdflib import BNode, Literal
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from graph.namespaces import MAI, ORG, SCHEMA
from search.deliberation_facts import add_deliberation_texts
from search.listed_twice import listed_twice

#: The predicates whose values go into documents (all of them read in one query per group).
PREDICATES = (
    RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, DCTERMS.title, DCTERMS.description, DCTERMS.subject,
    DCTERMS.identifier, DCTERMS.date, SCHEMA.location, MAI.siren, MAI.siret, MAI.rna, SCHEMA.funder,
    MAI.beneficiary, SCHEMA.amount, MAI.fiscalYear, MAI.decidedBy, MAI.contributesTo, MAI.nature, MAI.authority,
    MAI.body, ORG.member, ORG.organization, ORG.role, MAI.joinedOn, MAI.leftOn, SKOS.broader, SKOS.inScheme,
    SKOS.notation, SKOS.definition, MAI.hasGoal, MAI.coordinatedBy, MAI.budgetAccount, MAI.budgetNature, MAI.actesId,
    MAI.outcome, MAI.programme, MAI.esus, MAI.ess, MAI.approvedBy, MAI.party, MAI.signatory, MAI.governedBy,
    DCTERMS.replaces, SCHEMA.dissolutionDate, SCHEMA.name, FOAF.name, MAI.decisionReference,
)

#: The classes that make a resource a document, or that documents show (actor kinds, memberships).
CLASSES = (
    MAI.Actor, MAI.Association, MAI.PublicAuthority, MAI.Enterprise, MAI.University, MAI.HealthProfessional,
    MAI.UserGroup, MAI.Cooperation, MAI.Grant, MAI.Deliberation, MAI.Agreement, MAI.StrategicGoal, ORG.Membership,
    MAI.RoadmapAction, SKOS.Concept,
)

#: Links followed backwards from a resource to what documents show of it: a grant to its beneficiary and funder,
#: a membership to its member, a narrower theme to its broader one, an action to its goal, an agreement to the
#: deliberation that approves it, a grant to the agreement that governs it, a grant to the grant it replaces (an
#: erratum's, an amending act's: the replaced grant no longer counts in the totals that documents show).
REVERSE_LINKS = (MAI.beneficiary, SCHEMA.funder, ORG.member, MAI.decidedBy, MAI.contributesTo, SKOS.broader,
                 MAI.hasGoal, MAI.approvedBy, MAI.governedBy, DCTERMS.replaces)

#: How far around a resource ``load_facts(store, iris)`` reads: LABELS, its labels only; FULL, all its facts; and
#: each level above FULL one more ring of the objects of its facts (FULL + 1: the labels of its objects, FULL + 2:
#: the facts of its objects and the labels of theirs).
LABELS, FULL = 0, 1

#: Threads answering the queries of a whole-graph read (see :func:`_read_all_serialised`). The read of 100k
#: actors (1.13M rows) takes 18–20 s of CPU whichever way, ~12 s of it Oxigraph decoding terms: with 2 threads
#: it took 12.5 s of wall time at load average 1.6, where iterating the rows in Python took 19.8 s; on cores
#: that other jobs keep busy, threads gain nothing (30–32 s either way at load 4.5).
READ_THREADS = 2

#: Rows per VALUES block: Oxigraph answers a 1,000-IRI block in a few milliseconds.
BATCH = 1000

_IRI = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')

# Facts hold plain Python values, not rdflib terms: an IRI (or blank node, "_:…") is a str, a literal a
# (text, language) tuple. rdflib's terms cost a validation per IRI and a Python-level __eq__; with them,
# reading and converting 10k actors took 10 s instead of 1.5 s (bench/search.py).
Value = str | tuple


def _plain_ox(term) -> Value:
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        return (term.value, term.language)
    return "_:" + term.value


def _plain_rdflib(term) -> Value:
    if isinstance(term, Literal):
        return (str(term), term.language)
    if isinstance(term, BNode):
        return "_:" + str(term)
    return str(term)


def _rows(store, sparql: str) -> Iterator[tuple]:
    """Rows of plain values; straight from pyoxigraph on the embedded store (no rdflib term per value)."""
    engine = getattr(store, "engine", None)
    if isinstance(engine, ox.Store):
        for solution in engine.query(sparql, use_default_graph_as_union=True):
            yield tuple(_plain_ox(t) for t in solution)
    else:
        for row in store.query(sparql):
            yield tuple(_plain_rdflib(t) for t in row)


class Facts:
    """Subject -> predicate -> objects (plain values), the types of each subject, reverse links on demand."""

    def __init__(self):
        self.props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.types: dict[str, set[str]] = defaultdict(set)
        self._reverse: dict | None = None
        #: How far around each subject the facts have been read (LABELS, FULL…), and the resources whose
        #: REVERSE_LINKS subjects have been read: what ``load_facts(store, iris, facts)`` need not read again.
        self.levels: dict[str, int] = {}
        self.linked: set[str] = set()
        #: The deliberations whose texts and participants have been read (:mod:`search.deliberation_facts`).
        self.texts_read: set[str] = set()
        #: The grants of lists that a stored deliberation's text decides too (:mod:`search.listed_twice`), read
        #: once by :func:`load_facts`; None until then.
        self.listed_twice: frozenset[str] | None = None
        #: Values derived from the facts by their readers (labels): emptied when a fact is added.
        self.derived: dict = {}

    def add(self, s: str, p: str, o: Value) -> None:
        values = self.props[s][p]
        if o not in values:
            values.append(o)
        self._reverse = None
        if self.derived:
            self.derived = {}

    def add_pairs(self, p: str, pairs: Iterable[tuple[str, Value]]) -> None:
        """Add ``s p o`` for each ``(s, o)`` of ``pairs``: :meth:`add` for a whole query's rows (a million at 100k
        actors), without a call per row."""
        props = self.props
        for s, o in pairs:
            values = props[s][p]
            if o not in values:
                values.append(o)
        self._reverse, self.derived = None, {}

    def get(self, s: str, p: str) -> list:
        """The objects of ``s p ?o`` (an empty list when none)."""
        found = self.props.get(s)
        return found.get(p, _EMPTY) if found else _EMPTY

    def first(self, s: str, p: str):
        values = self.get(s, p)
        return values[0] if values else None

    def pointing(self, o: str, p: str) -> list:
        """The subjects of ``?s p o`` for a predicate of REVERSE_LINKS."""
        found = self.reverse_links().get(o)
        return found.get(p, _EMPTY) if found else _EMPTY

    def reverse_links(self) -> dict:
        """Object -> link -> subjects, for the predicates of REVERSE_LINKS (built on first use; a parallel index
        build calls it before forking its writers, which then share it)."""
        if self._reverse is None:
            reverse: dict = defaultdict(lambda: defaultdict(list))
            for s, by_p in self.props.items():
                for link in _REVERSE:
                    for target in by_p.get(link, _EMPTY):
                        if type(target) is str:
                            reverse[target][link].append(s)
            for by_link in reverse.values():
                for subjects in by_link.values():
                    subjects.sort()
            self._reverse = reverse
        return self._reverse


_EMPTY: list = []
_REVERSE = tuple(str(p) for p in REVERSE_LINKS)


def linked_from(facts: Facts, iris: Iterable[str]) -> set[str]:
    """What ``iris`` point at through REVERSE_LINKS: the resources whose documents show them (a grant's
    beneficiary, funder, deliberation and goals; a membership's member; a theme's broader theme).

    >>> facts = Facts()
    >>> facts.add("https://ex.org/g", str(MAI.beneficiary), "https://ex.org/a")
    >>> facts.add("https://ex.org/g", str(RDFS.label), ("G", None))
    >>> linked_from(facts, ["https://ex.org/g"])
    {'https://ex.org/a'}
    """
    found = set()
    for iri in iris:
        by_p = facts.props.get(iri)
        if by_p:
            for link in _REVERSE:
                found.update(o for o in by_p.get(link, _EMPTY) if type(o) is str)
    return found


def _values(var: str, iris: Iterable[str]) -> str:
    """A ``VALUES`` block of IRIs read from the graph (checked: no character may break out of ``<…>``)."""
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris if not i.startswith('_:') and _IRI.match(i))} }}"


def _read_all(store, facts: Facts) -> None:
    # One query per predicate and class: two columns per row instead of three, twice as fast (bench/search.py).
    engine = getattr(store, "engine", None)
    if isinstance(engine, ox.Store):
        _read_all_serialised(engine, facts)
        return
    for p in PREDICATES:
        facts.add_pairs(str(p), _rows(store, f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}"))
    for cls in CLASSES:
        for (s,) in _rows(store, f"SELECT ?s WHERE {{ ?s a <{cls}> }}"):
            facts.types[s].add(str(cls))


def _read_all_serialised(engine: ox.Store, facts: Facts) -> None:
    """Read the whole graph from pyoxigraph, its queries answered as TSV bytes by READ_THREADS threads.

    Oxigraph's cost is decoding terms (~5 µs each at 100k actors, against 0.6 µs per row to count them), the same
    whether the rows are iterated or serialised, and it serialises a whole result without holding the GIL: the
    threads decode in parallel while this one parses the text already answered (:func:`tsv_pairs`, 1.2 µs per
    row), where iterating rows held the GIL for every one.
    """
    queries = [(str(p), f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}") for p in PREDICATES]
    queries += [(str(c), f"SELECT ?s WHERE {{ ?s a <{c}> }}") for c in CLASSES]
    classes = {str(c) for c in CLASSES}
    with ThreadPoolExecutor(READ_THREADS, thread_name_prefix="maillage-index-read") as pool:
        answers = {pool.submit(_tsv, engine, query): name for name, query in queries}
        for answer in as_completed(answers):
            name, text = answers.pop(answer), answer.result()
            if name in classes:
                types = facts.types
                for line in text.split("\n")[1:-1]:
                    types[line[1:-1] if line[0] == "<" else line].add(name)
            else:
                facts.add_pairs(name, tsv_pairs(text))


def _tsv(engine: ox.Store, sparql: str) -> str:
    out = io.BytesIO()
    engine.query(sparql, use_default_graph_as_union=True).serialize(out, ox.QueryResultsFormat.TSV)
    return out.getvalue().decode("utf-8")


def tsv_pairs(text: str) -> list[tuple[Value, Value]]:
    r"""The rows of a two-column SPARQL TSV result (as Oxigraph writes it) as plain values (see :data:`Value`).

    A literal written bare (a number, a boolean) is its lexical form, as pyoxigraph's ``Literal.value`` gives it.

    >>> tsv_pairs('?s\t?o\n<https://ex.org/a>\t"say \\"hi\\"\\tnow"@fr\n_:b\t12.5\n<https://ex.org/a>\t<https://ex.org/b>\n')
    [('https://ex.org/a', ('say "hi"\tnow', 'fr')), ('_:b', ('12.5', None)), ('https://ex.org/a', 'https://ex.org/b')]
    """
    lines = text.split("\n")
    pairs = []
    append = pairs.append
    for line in lines[1:-1]:
        s, o = line.split("\t")
        if s[0] == "<":
            s = s[1:-1]
        first = o[0]
        if first == "<":
            append((s, o[1:-1]))
        elif first == '"':
            end = o.rindex('"')
            value = o[1:end]
            if "\\" in value:
                value = _ESCAPE.sub(_unescape, value)
            append((s, (value, o[end + 2:] if o[end + 1:end + 2] == "@" else None)))
        elif o[:2] == "_:":
            append((s, o))
        else:
            append((s, (o, None)))
    return pairs


_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r"}


def _unescape(match: re.Match) -> str:
    return _ESCAPED.get(match[1], match[1])


def _read_subjects(store, facts: Facts, subjects: Iterable[str], pattern: str = "", labels: bool = False) -> set:
    """Read the facts of ``subjects`` (or of what ``pattern`` binds to ?s, for each block of ?x; only their labels
    with ``labels``); return the subjects found.

    Predicates and classes are filtered with a ``FILTER`` rather than a second ``VALUES`` block: with one, Oxigraph
    started from the predicates (every triple of 38 of them) and a 100-subject read took 11 s at 10k actors; from
    the subjects it takes milliseconds. Filtered in Oxigraph rather than in Python, and ``DISTINCT`` (the union of
    the graphs repeats a triple stated by several sources): of the 27,651 rows that Python converted for an update
    at 10k actors, 10,378 were kept, and a 1,000-subject block took 30 ms instead of 57 ms.
    """
    subjects = sorted(set(subjects))
    found = set()
    condition = _LABELS_FILTER if labels else _FACTS_FILTER
    for i in range(0, len(subjects), BATCH):
        block = _values("x" if pattern else "s", subjects[i:i + BATCH])
        query = f"SELECT DISTINCT ?s ?p ?o WHERE {{ {block} {pattern} ?s ?p ?o . FILTER({condition}) }}"
        for s, p, o in _rows(store, query):
            found.add(s)
            if p == _TYPE:
                facts.types[s].add(o)
            else:
                facts.add(s, p, o)
    return found


_TYPE = str(RDF.type)
_FACTS_FILTER = (f"?p IN ({', '.join(f'<{p}>' for p in PREDICATES)}) "
                 f"|| (?p = <{_TYPE}> && ?o IN ({', '.join(f'<{c}>' for c in CLASSES)}))")
#: A Linked Data file may name a resource by ``schema:name`` or ``foaf:name`` only: its pages and its documents are
#: named so (:func:`search.fact_readers.label_of`).
_LABELS_FILTER = f"?p IN (<{RDFS.label}>, <{SKOS.prefLabel}>, <{DCTERMS.title}>, <{SCHEMA.name}>, <{FOAF.name}>)"


def _everything(facts: Facts, iri: str) -> tuple[int, int]:
    return FULL + 2, FULL + 2


def load_facts(store, iris: Iterable[str] | None = None, facts: Facts | None = None,
               reach: Callable[[Facts, str], tuple[int, int | None] | None] = _everything) -> Facts:
    """Read the facts that the documents of ``iris`` need (of the whole graph when ``iris`` is None).

    ``reach(facts, iri)``, given the facts of ``iri``, says how far its document reads (see FULL): around the
    resource, and around each resource that points at it through REVERSE_LINKS (None: those are not read); or
    None when ``iri`` makes no document. By default, two rings of objects around both. With ``facts``, what was
    read into it already is not read again, and the new facts are added to it.
    """
    facts = Facts() if facts is None else facts
    if iris is None:
        _read_all(store, facts)
        add_deliberation_texts(lambda sparql: _rows(store, sparql), facts.add)
        _read_listed_twice(store, facts)
        return facts
    core = {str(i) for i in iris}
    _read_around(store, facts, dict.fromkeys(core, FULL))
    wanted, pointed = {}, {}
    for iri in core:
        found = reach(facts, iri)
        if found is not None:
            wanted[iri] = found[0]
            if found[1] is not None:
                pointed[iri] = found[1]
    # What points at them (grants, memberships — blank nodes too, hence one pattern rather than their IRIs).
    unread = [iri for iri in pointed if iri not in facts.linked]
    links = ", ".join(f"<{link}>" for link in REVERSE_LINKS)
    for s in _read_subjects(store, facts, unread, f"?s ?l ?x . FILTER(?l IN ({links}))"):
        facts.levels[s] = max(facts.levels.get(s, FULL), FULL)
    facts.linked.update(unread)
    for iri, level in pointed.items():
        for link in _REVERSE:
            for s in facts.pointing(iri, link):
                wanted[s] = max(wanted.get(s, LABELS), level)
    _read_around(store, facts, wanted)
    _read_deliberation_texts(store, facts, core)
    _read_listed_twice(store, facts)
    return facts


def _read_listed_twice(store, facts: Facts) -> None:
    """Read which grants of lists a deliberation's text decides too (:mod:`search.listed_twice`), unless read
    already: the store does not change between the reads of one update."""
    if facts.listed_twice is None:
        facts.listed_twice = listed_twice(lambda sparql: _rows(store, sparql))


def _read_deliberation_texts(store, facts: Facts, iris: Iterable[str]) -> None:
    """Add to the deliberations among ``iris`` their texts and the names of their participants
    (:mod:`search.deliberation_facts`), unless read already."""
    deliberation = str(MAI.Deliberation)
    unread = sorted(i for i in iris if deliberation in facts.types.get(i, ()) and i not in facts.texts_read)
    facts.texts_read.update(unread)
    for i in range(0, len(unread), BATCH):
        add_deliberation_texts(lambda sparql: _rows(store, sparql), facts.add, _values("d", unread[i:i + BATCH]))


def _read_around(store, facts: Facts, wanted: dict[str, int]) -> None:
    """Read each subject of ``wanted`` as far as its level says, ring by ring (see FULL)."""
    levels = facts.levels
    while wanted:
        unread = [s for s, level in wanted.items() if levels.get(s, -1) < min(level, FULL)]
        _read_subjects(store, facts, [s for s in unread if wanted[s] >= FULL])
        _read_subjects(store, facts, [s for s in unread if wanted[s] == LABELS], labels=True)
        around: dict[str, int] = {}
        for s, level in wanted.items():
            if level <= levels.get(s, -1):
                continue
            levels[s] = level
            if level > FULL:
                for values in facts.props.get(s, _NONE).values():
                    for o in values:
                        if type(o) is str and around.get(o, -1) < level - 1:
                            around[o] = level - 1
        wanted = {o: level for o, level in around.items() if levels.get(o, -1) < level}


_NONE: dict = {}
