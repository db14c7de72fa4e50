"""Reading a partner register (see :mod:`graph.ingest.register`): its YAML or CSV text into entries, plain values
with the line of each, before any of them becomes a triple."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from graph.ingest.base import InputError, Issue
from graph.tabular import sniff_delimiter

#: libyaml's parser when PyYAML has it: 5x faster than PyYAML's own, and deep nesting is a syntax error there, not
#: a RecursionError.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader with YAML 1.2's plain scalars: only ``true``/``false`` are booleans and only decimal
    numbers without a leading zero are integers. YAML 1.1 reads ``NO`` (a member's name) as False, ``oui``… as
    text but ``yes``/``on`` as True, ``010000016`` (a SIREN) as an octal number, ``2025-04-31`` as a date that it
    cannot build (a crash, no line): the register keeps those as the text written, which its fields then read."""


_KEPT = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _KEPT]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
                              list("-+0123456789"))


@dataclass
class Entry:
    """One mapping of the register (the PTCE, a member, a goal, an action): its values and their lines."""

    values: dict[str, Any]
    line: int
    lines: dict[str, int] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        value = self.values.get(key)
        return None if value == "" else value

    def text(self, key: str) -> str:
        value = self.get(key)
        return "" if value is None else str(value).strip()

    def list(self, key: str) -> list:
        value = self.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        return [v.strip() for v in re.split(r"[|,]", str(value)) if v.strip()]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


def _entries(node, data) -> list[Entry]:
    """Pair a YAML sequence of mappings (node, with marks) with its loaded values."""
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        return []
    out = []
    for item, values in zip(node.value, data):
        if isinstance(item, yaml.MappingNode) and isinstance(values, dict):
            lines = {k.value: v.start_mark.line + 1 for k, v in item.value}
            out.append(Entry(values, item.start_mark.line + 1, lines))
        else:
            raise InputError("entrée attendue sous la forme « clé: valeur »", line=item.start_mark.line + 1,
                             message_en="expected an entry of 'key: value' pairs")
    return out


def _child(node, key: str):
    for k, v in node.value if isinstance(node, yaml.MappingNode) else ():
        if k.value == key:
            return v
    return None


def load_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse a YAML document once into its node tree (whose marks give lines) and its values, as ``safe_load``
    does but with YAML 1.2's plain scalars (:class:`_Loader`): dates, yes/no/on/off, numbers with a leading zero or
    a decimal point stay the text written.

    >>> root, data = load_yaml("members:\\n  - {name: NO, siren: 010000016, joined: 2025-04-31, goals: [1]}\\n")
    >>> data, root.value[0][1].start_mark.line
    ({'members': [{'name': 'NO', 'siren': '010000016', 'joined': '2025-04-31', 'goals': [1]}]}, 1)
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        refuse_duplicate_keys(root)
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def refuse_duplicate_keys(root: yaml.Node | None) -> None:
    """Refuse a YAML document where a mapping has a key twice: YAML keeps the last silently, so a second
    ``members:`` block would drop the first. InputError names the key and its two lines.

    >>> refuse_duplicate_keys(yaml.compose("a: 1\\nb: 2\\na: 3\\n"))
    Traceback (most recent call last):
    graph.ingest.base.InputError: clé « a » en double, lignes 1 et 3 : YAML ne garderait que la seconde ; \
fusionnez-les ou renommez l'une
    """
    todo, seen = [root], set()
    while todo:
        node = todo.pop()
        if node is None or id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
            continue
        lines: dict[str, int] = {}
        for key, value in node.value:
            todo.append(value)
            if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                continue
            if (first := lines.setdefault(key.value, key.start_mark.line + 1)) != key.start_mark.line + 1:
                raise InputError(f"clé « {key.value} » en double, lignes {first} et {key.start_mark.line + 1} : YAML "
                                 "ne garderait que la seconde ; fusionnez-les ou renommez l'une",
                                 line=key.start_mark.line + 1, field=key.value,
                                 message_en=f"key '{key.value}' twice, lines {first} and {key.start_mark.line + 1}: "
                                            "YAML would keep only the second; merge them or rename one")


def entries_from_yaml(text: str, expected: str) -> tuple[Entry, list[Entry], list[Entry], list[Entry]]:
    """Return (ptce, members, goals, actions) of a YAML register; InputError with the line on bad syntax."""
    try:
        root, data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"YAML invalide : {getattr(exc, 'problem', exc)}", line=mark.line + 1 if mark else None,
                         message_en=f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputError("registre vide ou mal formé", message_en="empty or malformed register")
    if data.get("format") not in (None, expected):
        raise InputError(f"format « {data.get('format')} » inconnu (attendu {expected})",
                         line=_child(root, "format").start_mark.line + 1, field="format",
                         message_en=f"unknown format '{data.get('format')}' (expected {expected})")
    ptce_node, ptce = _child(root, "ptce"), data.get("ptce") or {}
    if not isinstance(ptce, dict):
        raise InputError("la clé ptce attend name, coordinator, goals", line=ptce_node.start_mark.line + 1,
                         message_en="the ptce key expects name, coordinator, goals")
    ptce_entry = Entry(ptce, ptce_node.start_mark.line + 1 if ptce_node else 1,
                       {k.value: v.start_mark.line + 1 for k, v in ptce_node.value} if ptce_node else {})
    return (ptce_entry, _entries(_child(root, "members"), data.get("members")),
            _entries(_child(ptce_node, "goals"), ptce.get("goals")),
            _entries(_child(root, "actions"), data.get("actions")))


def entries_from_csv(text: str, stem: str) -> tuple[Entry, list[Entry], list[Issue]]:
    """Return (ptce, members, rows refused) of a CSV register; ``# key: value`` lines before the header name the
    PTCE. Empty cells beyond the header (a row ending with an extra separator) are ignored; a row with values
    beyond it is refused with its line (a separator inside an unquoted value shifted them).

    >>> ptce, members, refused = entries_from_csv("name;kind\\nA;association;\\nB;x;y\\n", "r")
    >>> [m.values for m in members], [(i.line, i.message[:26]) for i in refused]
    ([{'name': 'A', 'kind': 'association'}], [(3, '3 cellules pour 2 colonnes')])
    """
    lines = text.splitlines()
    meta, start = {}, 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        key, _, value = lines[start].lstrip("#").partition(":")
        if value.strip():
            meta[key.strip().lower()] = value.strip()
        start += 1
    body = "\n".join(lines[start:])
    reader = csv.reader(io.StringIO(body), delimiter=sniff_delimiter(body))
    header = [key.strip().lower() for key in next(reader, [])]
    members, refused = [], []
    for cells in reader:
        line = start + reader.line_num
        if any(c.strip() for c in cells[len(header):]):
            refused.append(Issue("error", f"{len(cells)} cellules pour {len(header)} colonnes (un séparateur dans une "
                                          "valeur non entre guillemets ?) : ligne ignorée",
                                 f"{len(cells)} cells for {len(header)} columns (a separator inside an unquoted "
                                 "value?): row skipped", line=line))
            continue
        values = {key: cell.strip() for key, cell in zip(header, cells)}
        if any(values.values()):
            members.append(Entry(values, line))
    return Entry({"name": meta.get("ptce") or stem, "coordinator": meta.get("coordinator")}, 1), members, refused
