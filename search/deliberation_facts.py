"""What a deliberation's document holds beyond its facts: its own text, as its source was read, and the names of
the people who took part in it (its session's chair, secretary, members present and proxies).

Both are read by :func:`search.facts.load_facts` in a few queries of their own, not as the facts of every resource
are: a source's text is long (a PDF's minutes, 300 KB) and read through the ring of every grant that names the
source it was derived from, and the people of a session are three links away from its deliberations. They are
added to the deliberation's facts under the keys :data:`TEXT` and :data:`PARTICIPANT`, which
:func:`search.documents.deliberation_to_document` reads.

A source that several deliberations were read from (minutes) gives each the part of its text that its evidence
quotes span, from the first to the last: not the others' text. One read as a single deliberation gives it all
(the session's heading and attendance lists included).

>>> deliberation_part("abcdefghij", 1, [(2, 4), (6, 8)]), deliberation_part("abcdefghij", 2, [(2, 4), (6, 8)])
('abcdefghij', 'cdefgh')
>>> deliberation_part("abcdefghij", 2, [])
''
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from graph.namespaces import MAI, OA, PROV, RDFS, SCHEMA

#: The key under which a deliberation's facts hold its text (``schema:text``, what it says, as on its source).
TEXT = str(SCHEMA.text)
#: The key under which a deliberation's facts hold the names of the people who took part in it (not a predicate of
#: the graph: they are stated on its session, its proxies and its people).
PARTICIPANT = "maillage:participant"

_SOURCES = f"""SELECT DISTINCT ?d ?source WHERE {{ %s ?d a <{MAI.Deliberation}> ; <{PROV.wasDerivedFrom}> ?source .
  FILTER EXISTS {{ ?source <{SCHEMA.text}> ?text }} }}"""
_TEXTS = f"""SELECT ?source ?text (COUNT(DISTINCT ?d) AS ?read) WHERE {{ %s ?source <{SCHEMA.text}> ?text .
  ?d a <{MAI.Deliberation}> ; <{PROV.wasDerivedFrom}> ?source }} GROUP BY ?source ?text"""
_SPANS = f"""SELECT DISTINCT ?d ?source ?start ?end WHERE {{ %s ?d a <{MAI.Deliberation}> ; <{MAI.evidence}> ?e .
  ?e <{PROV.wasDerivedFrom}> ?source ; <{OA.start}> ?start ; <{OA.end}> ?end }}"""
# The chair, secretary and members present at its session's opening, or at its vote when members came or went
# (graph.ingest.delib_graph), and the givers and holders of proxies.
_PARTICIPANTS = f"""SELECT DISTINCT ?d ?name WHERE {{ %s ?d a <{MAI.Deliberation}> .
  {{ ?d <{MAI.session}> ?at . ?at <{MAI.chair}>|<{MAI.secretary}>|<{MAI.present}> ?person }}
  UNION {{ ?d <{MAI.chair}>|<{MAI.secretary}>|<{MAI.present}> ?person }}
  UNION {{ ?d <{MAI.session}> ?at . ?at <{MAI.proxy}> ?proxy . ?proxy <{MAI["from"]}>|<{MAI.to}> ?person }}
  UNION {{ ?d <{MAI.proxy}> ?proxy . ?proxy <{MAI["from"]}>|<{MAI.to}> ?person }}
  ?person <{RDFS.label}> ?name }}"""
# (Written as four branches: with ``mai:session?`` (zero or one) Oxigraph read the whole graph, 8 s at 10k actors.)

Rows = Callable[[str], Iterable[tuple]]


def deliberation_part(text: str, read: int, spans: list[tuple[int, int]]) -> str:
    """The part of a source's ``text`` that is one of the ``read`` deliberations read from it: all of it when it is
    the only one, else from the first to the last of its ``spans`` (none when it has none)."""
    if read == 1:
        return text
    if not spans:
        return ""
    return text[min(s for s, _ in spans):max(e for _, e in spans)]


def add_deliberation_texts(rows: Rows, add: Callable[[str, str, tuple], None], restrict: str = "") -> None:
    """Add to each deliberation (those that ``restrict``, a ``VALUES ?d`` block, names; all when empty) its text
    (:data:`TEXT`) and the names of the people who took part in it (:data:`PARTICIPANT`); ``rows(sparql)`` answers a
    query as plain values, ``add(s, p, o)`` adds a fact."""
    sources: dict[str, list[str]] = defaultdict(list)
    for deliberation, source in rows(_SOURCES % restrict):
        sources[source].append(deliberation)
    if sources:
        spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for deliberation, source, start, end in rows(_SPANS % restrict):
            spans[deliberation, source].append((int(start[0]), int(end[0])))
        block = "VALUES ?source { " + " ".join(f"<{s}>" for s in sources if not s.startswith("_:")) + " }"
        for source, (text, _), (read, _) in rows(_TEXTS % block):
            for deliberation in sources[source]:
                if part := " ".join(deliberation_part(text, int(read), spans[deliberation, source]).split()):
                    add(deliberation, TEXT, (part, None))
    for deliberation, name in rows(_PARTICIPANTS % restrict):
        add(deliberation, PARTICIPANT, name)
