"""What one compiled property shape (:mod:`graph.validation_shapes`) says of one focus node's values: the
:class:`Violation` results, each constraint checked in Python on the engine's own terms (term parts: kind,
lexical form, datatype, language), as SHACL defines it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib.namespace import XSD

from graph.ingest.base import one_line
from graph.shacl_narrowing import NODE_KINDS
from graph.validation_hints import datatype_hint
from graph.validation_shapes import PropertyShape

NUMERIC = {str(XSD[t]) for t in ("decimal", "integer", "int", "long", "nonNegativeInteger", "positiveInteger",
                                 "double", "float", "gYear")}
#: Values that a result about too many values names, at most.
MAX_SHOWN = 5


@dataclass(frozen=True)
class Violation:
    """One result: the focus node, the property path, the message (fr, en) and the severity."""

    focus: str
    path: str
    message: str
    message_en: str
    severity: str  # "Violation" | "Warning" | "Info" (shown on demand: ``--verbose``)
    value: str | None = None
    #: What a report names the result by (:func:`graph.validation_names.name_violations`), not what it is: the
    #: shape's target class, the focus node's name, whether it is a blank node, the files that state it.
    target: str = field(default="", compare=False)
    label: str | None = field(default=None, compare=False)
    blank: bool = field(default=False, compare=False)
    sources: tuple[str, ...] = field(default=(), compare=False)
    #: A result about the values that several files state together (too many): a file is told of it only when it
    #: states one of them, not each file that merely mentions the focus node.
    of_values: bool = field(default=False, compare=False)
    #: Where the file being ingested writes the focus node's statement, for a result of an RDF file
    #: (:mod:`graph.ingest.rdf_lines`); None when unknown, or for any other result.
    line: int | None = field(default=None, compare=False)

    def format(self, lang: str = "fr") -> str:
        text = self.message_en if lang == "en" else self.message
        shown = f" ({'value' if lang == 'en' else 'valeur'} {one_line(self.value)})" if self.value else ""
        return f"{self.severity.lower()}: <{self.focus}> {self.path}: {text}{shown}"


def check_shape(shape: PropertyShape, focus: str, vals: list, typed: set, datatypes=(),
                ill_formed: AbstractSet[tuple] = frozenset()) -> list[Violation]:
    """The results of ``shape`` on one focus node's values, of which ``ill_formed`` are not written as their
    datatype allows (:func:`graph.validation_checks._ill_formed`). A value that another shape of the path refuses
    for its datatype (``datatypes``) is not checked further by this one: "12 000 €" or "8 000,00"^^xsd:decimal gets
    the datatype's message, not also "positif ou nul"."""
    found = []

    def fail(value=None, of_values=False, hint=("", "")):
        found.append(Violation(focus, shape.shown_path, _sentence(shape.message, hint[0]),
                               _sentence(shape.message_en, hint[1]), shape.severity, value,
                               target=shape.target, of_values=of_values))

    distinct = set(vals)
    c = shape.constraints
    if "minCount" in c and len(distinct) < c["minCount"]:
        fail(str(len(distinct)) if c["minCount"] > 1 else None)
    if "maxCount" in c and len(distinct) > c["maxCount"]:
        fail(_shown(distinct), of_values=not shape.inverse)
    if "qualifiedMaxCount" in c:
        most, datatypes = c["qualifiedMaxCount"]
        if len(qualified := {v for v in distinct if v[0] == "literal" and v[2] in datatypes}) > most:
            fail(_shown(qualified), of_values=not shape.inverse)
    if c.get("uniqueLang"):
        for crowded in _same_language(distinct):
            fail(_shown(crowded), of_values=not shape.inverse)
    if "hasValue" in c and c["hasValue"] not in distinct:
        fail()
    for value in sorted(distinct):
        if "datatype" in c and not _datatype_ok(c["datatype"], value, ill_formed):
            fail(value[1] if value[0] != "bnode" else None, hint=datatype_hint(value, c["datatype"]))
        elif "datatype" not in c and any(not _datatype_ok(d, value, ill_formed) for d in datatypes):
            continue
        elif not _value_ok(c, value, typed):
            fail(value[1])
    return found


def _shown(values: set) -> str:
    """The values of a result about too many values, not their count: which ones disagree (a blank node's generated
    name tells nothing), at most MAX_SHOWN of them."""
    shown = sorted(value[1] if value[0] != "bnode" else "[ … ]" for value in values)
    return ", ".join(shown[:MAX_SHOWN]) + (f", … ({len(shown)})" if len(shown) > MAX_SHOWN else "")


def _same_language(values: set) -> list[set]:
    """The groups of ``values`` (term parts) that share a language tag, as sh:uniqueLang refuses them: one group per
    tag (compared without case), untagged values left aside."""
    by_language: dict[str, set] = defaultdict(set)
    for value in values:
        if value[3]:
            by_language[value[3].lower()].add(value)
    return [tagged for _, tagged in sorted(by_language.items()) if len(tagged) > 1]


def _sentence(message: str, hint: str) -> str:
    return f"{message} {hint}" if hint else message


def _datatype_ok(allowed: frozenset[str], value: tuple, ill_formed: AbstractSet[tuple]) -> bool:
    """Whether ``value`` is a literal of one of the ``allowed`` datatypes, written as that datatype allows (not among
    ``ill_formed``): the engine keeps "10/02/2025"^^xsd:date as written, and SHACL refuses it (sh:datatype: a
    literal that is not ill-formed)."""
    return value[0] == "literal" and value[2] in allowed and value not in ill_formed


def _value_ok(c: dict, value: tuple, typed: set) -> bool:
    kind, lexical, _, _ = value
    if "nodeKind" in c and not _node_kind_ok(c["nodeKind"], kind):
        return False
    if "class" in c and (lexical, c["class"]) not in typed:
        return False
    if "pattern" in c and not c["pattern"].search(lexical):
        return False
    if "in" in c and value not in c["in"]:
        return False
    for bound, ok in (("minInclusive", lambda x, b: x >= b), ("maxInclusive", lambda x, b: x <= b)):
        if bound in c:
            number = _number(value)
            if number is None or not ok(number, c[bound]):
                return False
    return True


def _node_kind_ok(node_kind: str, kind: str) -> bool:
    return kind in NODE_KINDS[node_kind.rsplit("#", 1)[-1]]


def _number(value: tuple) -> Decimal | None:
    kind, lexical, datatype, _ = value
    if kind != "literal" or datatype not in NUMERIC:
        return None
    try:
        return Decimal(lexical)
    except InvalidOperation:
        return None


__all__ = ["Violation", "check_shape", "MAX_SHOWN", "NUMERIC"]
