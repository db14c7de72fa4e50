"""Reading a partner register's YAML form (see :mod:`graph.ingest.register`) into entries, plain values with the
line of each (from the parser's node marks), as :mod:`graph.ingest.register_read` reads its CSV form."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import yaml

from graph.ingest.base import InputError, Issue
from graph.ingest.register_entries import Entry, Register
from graph.ingest.register_keys import FRENCH, canonical, duplicate_key, unknown_key, written_in_french
from graph.ingest.register_read import drop_controls, space_separators
from graph.ingest.register_yaml_ptce import beside_named_ptce, not_a_ptce
from graph.ingest.register_shifts import plausible
from graph.yaml_errors import invalid_yaml
from graph.tabular import cut_short

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



def _entry(kind: str, node: yaml.MappingNode, values: dict, issues: list[Issue], unknown=unknown_key) -> Entry:
    """The entry of a YAML mapping (node, with marks; its loaded values) of ``kind`` (see
    :data:`graph.ingest.register_keys.FIELDS`): its keys read as the register's, the others warned about
    (``unknown``: the warning of a key not read, :func:`graph.ingest.register_keys.unknown_key`'s signature)."""
    marks = {str(k.value): (k.start_mark.line + 1, v.start_mark.line + 1) for k, v in node.value}  # merged first
    out, lines, named = {}, {}, {}
    french = written_in_french({name: str(key) for key in values if (name := canonical(kind, key)) is not None})
    for key, value in values.items():
        key_line, value_line = marks.get(str(key), (node.start_mark.line + 1,) * 2)
        if (name := canonical(kind, key)) is None:
            issues.append(unknown(kind, key, key_line, french))
        elif name in named:
            issues.append(duplicate_key(kind, named[name], key, key_line))
        elif isinstance(value, (list, dict)) and kind != "register" and name not in _LISTS.get(kind, ()):
            raise _not_a_text(str(key).strip(), value, value_line)
        else:
            named[name], out[name], lines[name] = key, value, value_line
    return Entry(out, node.start_mark.line + 1, lines, {name: str(key).strip() for name, key in named.items()})


#: The keys of each kind of entry that hold a list (or, for the PTCE's goals, a table of ranks); the others a text.
_LISTS = {"ptce": {"goals"}, "member": {"themes", "goals"}, "action": {"goal"}, "grant": {"goals"}}


def _not_a_text(key: str, value: list | dict, line: int) -> InputError:
    """Why a list or a mapping given where a text is expected (``beneficiary: [A1, A2]``, ``title:`` above an indented
    block) refuses the register: stored as it is, it would be Python's rendering of it, a name like « ['A1', 'A2'] »
    that makes an actor of its own.

    >>> _not_a_text("bénéficiaire", ["A1", "A2"], 9).issue.message_en
    "'bénéficiaire' expects a text, not a list ([A1, A2]): write one value (in quotes if it begins with '[' or '{'); \
register refused"
    """
    if isinstance(value, list):
        what, shown = ("une liste", "a list"), "[" + ", ".join(map(str, value)) + "]"
    else:
        what, shown = ("une table", "a mapping"), "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    return InputError(f"« {key} » attend un texte, pas {what[0]} ({shown}) : écrivez une seule valeur (entre "
                      "guillemets si elle commence par « [ » ou « { ») ; registre refusé", line=line, field=key,
                      value=shown, message_en=f"'{key}' expects a text, not {what[1]} ({shown}): write one value (in "
                                              "quotes if it begins with '[' or '{'); register refused")


#: The entries that a section lists, as its refusal names them: the section's key, their first key (English,
#: French), what each is (French, English), one written alone.
_LISTED = {"member": ("members", "name", "nom", "membre", "member", "un seul membre écrit"),
           "action": ("actions", "title", "titre", "action", "action", "une seule action écrite"),
           "goal": ("goals", "rank", "rang", "objectif", "goal", "un seul objectif écrit")}


def _not_a_list(kind: str, node: yaml.Node, written: str) -> InputError:
    """Why a section (``written``: its key as written) that is not a list of entries refuses the register: its
    entries written without their ``-`` are one entry without a dash, or entries keyed by their names."""
    section, key, key_fr, what, what_en, alone = _LISTED[kind]
    key = key if written.strip().casefold() == section else key_fr  # « membres: » is French
    keys = [str(k.value) for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []
    if kind == "goal":
        hint = (" ou une table de rangs « 1: libellé »", " or a table of ranks '1: label'")
    elif keys and any(canonical(kind, k) for k in keys):
        hint = (f" : {alone} sans tiret ? écrivez « - {key}: … »",
                f": one {what_en} written without a dash? write '- {key}: …'")
    elif keys:
        hint = (f" : écrite ici comme une table nommant chaque {what} (« {keys[0]}: ») ; écrivez « - {key}: "
                f"{keys[0]} »", f": written here as a table naming each {what_en} ('{keys[0]}:'); write '- {key}: "
                f"{keys[0]}'")
    else:
        hint = ("", "")
    return InputError(f"la clé {written} attend une liste « - {key}: … », un tiret devant chaque {what}{hint[0]}",
                      line=node.start_mark.line + 1, field=written,
                      message_en=f"the key {written} expects a list '- {key}: …', a dash before each {what_en}"
                                 f"{hint[1]}")


def _entries(kind: str, node, data, issues: list[Issue], written: str = "") -> list[Entry]:
    """Pair a YAML sequence of mappings (node, with marks) with its loaded values; InputError when the section
    (``written``: its key as written) holds something else (:func:`_not_a_list`)."""
    if node is None or data in (None, "", [], {}):
        return []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        raise _not_a_list(kind, node, written)
    out = []
    for item, values in zip(node.value, data):
        if isinstance(item, yaml.MappingNode) and isinstance(values, dict):
            out.append(_entry(kind, item, values, issues))
        else:
            raise InputError("entrée attendue sous la forme « clé: valeur »", line=item.start_mark.line + 1,
                             message_en="expected an entry of 'key: value' pairs")
    return out


def _ranked_goals(node: yaml.MappingNode, written: str) -> list[Entry]:
    """The goals of a ``goals:`` section written as a mapping of ranks to labels (``1: Prévenir…``); InputError
    when a key is not a rank or a value not a label (:func:`_not_a_list`)."""
    goals = []
    for key, value in node.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value.strip().isdigit() and isinstance(value, yaml.ScalarNode)
                and value.value.strip()):
            raise _not_a_list("goal", node, written)
        line = key.start_mark.line + 1
        goals.append(Entry({"rank": int(key.value), "label": value.value.strip()}, line,
                           {"rank": line, "label": value.start_mark.line + 1}))
    return goals


def _child(node, kind: str, key: str):
    """The value node of the first key of the mapping ``node`` that reads as ``key``."""
    for k, v in node.value if isinstance(node, yaml.MappingNode) else ():
        if canonical(kind, k.value) == key:
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
    ``members:`` block would drop the first, and ``{circle: coeur, …, circle: financeurs}`` the first circle.
    InputError names the key and its two lines (its line, when both are on one).

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
            line = key.start_mark.line + 1
            if (first := lines.get(key.value)) is None:
                lines[key.value] = line
                continue
            where = (f"ligne {line}", f"line {line}") if first == line else (
                f"lignes {first} et {line}", f"lines {first} and {line}")
            raise InputError(f"clé « {key.value} » en double, {where[0]} : YAML ne garderait que la seconde ; "
                             "fusionnez-les ou renommez l'une", line=line, field=key.value,
                             message_en=f"key '{key.value}' twice, {where[1]}: YAML would keep only the second; "
                                        "merge them or rename one")


def _unended_line(text: str) -> int | None:
    """The number of the last line of a YAML text that does not end with a line end (blanks after it aside: a file
    cut just after a line's end and the next one's indent), when that line holds more than a comment; else None.

    >>> _unended_line("a: 1\\nb: 2"), _unended_line("a: 1\\nb: 2\\n  "), _unended_line("a: 1\\nb: 2\\n")
    (2, 2, None)
    >>> _unended_line("a: 1\\n# fin")
    """
    if text.endswith(("\n", "\r")):
        return None
    lines = text.split("\n")
    number = next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), None)
    return None if number is None or lines[number - 1].lstrip().startswith("#") else number


#: The keys that an entry of each list of a register needs: without one, the last entry of a file that stops in it
#: is cut short.
_REQUIRED = {"member": ("name", "kind", "circle"), "goal": ("rank", "label"), "action": ("title",), "grant": ("goals",)}
#: What each list's entries are, in French and in English.
_ENTRY_NAMES = {"member": ("membre", "member"), "goal": ("objectif", "goal"), "action": ("action", "action"),
                "grant": ("financement", "grant")}


def _cut_entry(root: yaml.MappingNode, cut: int) -> InputError | None:
    """Why a register whose text stops in its line ``cut``, without a line end, is refused as cut short: that line
    ends the last entry of a list (its members, actions, grants, its PTCE's goals), and that entry is unfinished
    (:func:`_unfinished`). None otherwise: a register that merely lacks its final line end is read."""
    ptce = _child(root, "register", "ptce")
    lists = [(_child(root, "register", key), kind) for key, kind in (("members", "member"), ("actions", "action"),
                                                                     ("grants", "grant"))]
    for node, kind in [*lists, (_child(ptce, "ptce", "goals") if ptce is not None else None, "goal")]:
        if isinstance(node, yaml.SequenceNode) and node.value \
                and node.value[-1].start_mark.line < cut <= node.value[-1].end_mark.line + 1:
            why = _unfinished(kind, node.value[-1], [n for n in node.value[:-1] if isinstance(n, yaml.MappingNode)])
            return None if why is None else cut_short(cut, why)
    return None


def _unfinished(kind: str, last: yaml.Node, before: list[yaml.MappingNode]) -> tuple[str, str] | None:
    """What shows that ``last``, the last entry of a list of ``kind`` (after the entries ``before``), was cut: a
    text where a mapping was due (« - nam »), a key that its kind needs missing (a member's kind or circle), or
    keys that every entry before it has missing while its last value does not read (« circle: coe », « joined:
    2024-0 »); None when it may be whole — a member added without the dates and themes of the others is read."""
    what, what_en = _ENTRY_NAMES[kind]
    if isinstance(last, yaml.ScalarNode):
        return f"son dernier {what} n'est que « {last.value} »", f"its last {what_en} is only '{last.value}'"
    if not isinstance(last, yaml.MappingNode) or not last.value:
        return None
    keys = [canonical(kind, str(k.value)) for k, _ in last.value]
    name = next((str(v.value) for key, (_, v) in zip(keys, last.value) if key in ("name", "title")), "")
    named = (f" (« {name} »)", f" ('{name}')") if name else ("", "")
    unfinished = (f"son dernier {what}{named[0]} est incomplet", f"its last {what_en}{named[1]} is unfinished")
    if missing := [key for key in _REQUIRED[kind] if key not in keys]:
        return (f"{unfinished[0]} : il y manque {', '.join(FRENCH.get(k, k) for k in missing)}",
                f"{unfinished[1]}: it lacks {', '.join(missing)}")
    written, value = last.value[-1]
    if isinstance(value, yaml.ScalarNode) and not value.value and not value.style:  # « goals: », then the end
        return (f"{unfinished[0]} : il finit par « {written.value}: », sans valeur",
                f"{unfinished[1]}: it ends with '{written.value}:', without a value")
    common = [key for key in (canonical(kind, str(k.value)) for k, _ in before[0].value) if key is not None and all(
        key in {canonical(kind, str(j.value)) for j, _ in entry.value} for entry in before)] if before else []
    if not (missing := [key for key in common if key not in keys]) or not isinstance(value, yaml.ScalarNode) \
            or plausible(keys[-1] or "", value.value.strip()) is not False:
        return None
    return (f"{unfinished[0]} : il finit par « {written.value}: {value.value} », qui ne se lit pas, et il y manque "
            f"{', '.join(FRENCH.get(k, k) for k in missing)}, qu'ont les autres", f"{unfinished[1]}: it ends with "
            f"'{written.value}: {value.value}', which does not read, and lacks {', '.join(missing)}, which the others "
            "have")


def _ends_in_short_entry(root: yaml.MappingNode, text: str) -> Issue | None:
    """A warning when a register's text stops in the last entry of a list (its members, actions, grants, its PTCE's
    goals: the last line that is not blank nor a comment is that entry's), and that entry lacks keys that every
    other entry of the list has — two others at least —, all of them written after the keys it has: what a
    download or copy cut at a line's end leaves (« - name: X », « kind: … », and the file's end). A file so cut
    reads as a whole one, since a member may lack its themes or goals: said, not refused; None otherwise."""
    content = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()
               and not line.lstrip().startswith("#")]
    ptce = _child(root, "register", "ptce")
    lists = [(_child(root, "register", key), kind) for key, kind in (("members", "member"), ("actions", "action"),
                                                                     ("grants", "grant"))]
    for node, kind in [*lists, (_child(ptce, "ptce", "goals") if ptce is not None else None, "goal")]:
        if not isinstance(node, yaml.SequenceNode) or not content or not isinstance(node.value[-1], yaml.MappingNode) \
                or _last_line(node.value[-1]) < content[-1]:
            continue
        last, before = node.value[-1], [n for n in node.value[:-1] if isinstance(n, yaml.MappingNode)]
        if len(before) < 2 or not last.value or last.flow_style:  # « {…} » closed: whole
            return None
        keys = [canonical(kind, str(k.value)) for k, _ in last.value]
        if isinstance(value := last.value[-1][1], yaml.ScalarNode) and not value.value and not value.style:
            keys.pop()  # « goals: » and the end: its list was on the lines cut
        others = [[canonical(kind, str(k.value)) for k, _ in entry.value] for entry in before]
        common = [key for key in others[0] if key is not None and all(key in keys_ for keys_ in others)]
        missing = [key for key in common if key not in keys]
        had = [key for key in common if key in keys]
        if not missing or any(max((o.index(k) for k in had), default=-1) > min(o.index(k) for k in missing)
                              for o in others):
            return None
        return _short_entry(kind, last, missing, len(before), not text.endswith(("\n", "\r")))
    return None


def _last_line(node: yaml.Node) -> int:
    """The line of the last value that a YAML node writes (its last item's, its last key's value)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    return node.end_mark.line + 1


def _short_entry(kind: str, last: yaml.MappingNode, missing: list[str], others: int, unended: bool) -> Issue:
    """The warning of a register whose text stops in its ``last`` entry of ``kind``, which lacks the keys
    ``missing`` that the ``others`` entries before it have (:func:`_ends_in_short_entry`)."""
    what, what_en = _ENTRY_NAMES[kind]
    name = next((str(v.value) for k, v in last.value if canonical(kind, str(k.value)) in ("name", "title")), "")
    named, named_en = (f" « {name} »", f" '{name}'") if name else ("", "")
    unended_fr, unended_en = (", sans fin de ligne", " without a line end") if unended else ("", "")
    lacking = ", ".join(FRENCH.get(k, k) for k in missing)
    return Issue("warning", f"fichier peut-être tronqué : il s'arrête{unended_fr} dans son dernier {what}{named}, à "
                            f"qui manquent {lacking}, qu'ont tous les {others} autres "
                            "(téléchargement ou copie interrompu ?) ; vérifiez que le fichier est entier",
                 f"file maybe truncated: it stops{unended_en} in its last {what_en}{named_en}, which lacks "
                 f"{', '.join(missing)}, which all {others} others have (interrupted download or copy?); check that "
                 "the file is whole", line=last.start_mark.line + 1)


def _before(text: str, mark) -> str:
    """The text of the line of a YAML parser's ``mark`` before its column (lines broken as YAML breaks them).

    >>> _before("a: 1\\r\\nb: 'x' y\\n", yaml.Mark("", 0, 1, 7, None, None))
    "b: 'x' "
    """
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)
    return lines[mark.line][:mark.column] if mark.line < len(lines) else ""


def _loaded(text: str, cut: int | None):
    """The YAML register ``text`` parsed (its root node and its data); an InputError that says where YAML cannot
    read it — where a quote or a bracket never closed opens, or, in a file ``cut`` short in its last line (that
    line's number), that it is cut."""
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at_end = cut is not None and mark is not None and mark.line + 1 >= cut
        if re.search(r"end of stream|expected ':'", str(getattr(exc, "problem", ""))) \
                and getattr(exc, "context_mark", None) is not None:
            # where the quote (or bracket) that is never closed opens, not the file's end; the key without its colon
            mark = exc.context_mark
        after_text = mark is not None and _before(text, mark).strip() not in ("", "-")
        said, said_en = invalid_yaml(str(getattr(exc, "problem", None) or exc), mark.column + 1 if mark else None,
                                     after_text)
        if at_end:  # a file cut in its last line: a key without its colon, a list without its « ] »…
            raise cut_short(cut, (f"YAML ne peut pas la lire ({said})", f"YAML cannot read it ({said_en})")) from None
        raise InputError(said, line=mark.line + 1 if mark else None, message_en=said_en) from None


def entries_from_yaml(text: str, expected: str) -> Register:
    """Read a YAML register; InputError with the line on bad syntax. A control character (a NUL from a broken
    export), which YAML refuses without a line, is removed with a warning naming its line, as in a CSV register."""
    lines = text.split("\n")
    controls = drop_controls(lines) + space_separators(lines)
    text = "\n".join(lines)
    cut = _unended_line(text)
    root, data = _loaded(text, cut)
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise InputError("registre vide ou mal formé", message_en="empty or malformed register")
    if cut is not None and (unfinished := _cut_entry(root, cut)) is not None:
        raise unfinished
    issues: list[Issue] = controls
    if (short := _ends_in_short_entry(root, text)) is not None:
        issues.append(short)
    named = next((v for k, v in data.items() if canonical("register", k) == "ptce"), None)
    top = _entry("register", root, data, issues,
                 partial(beside_named_ptce, named.strip()) if isinstance(named, str) else unknown_key)
    if top.get("format") not in (None, expected):
        raise InputError(f"format « {top.get('format')} » inconnu (attendu {expected})",
                         line=top.line_of("format"), field="format",
                         message_en=f"unknown format '{top.get('format')}' (expected {expected})")
    ptce_node, ptce = _child(root, "register", "ptce"), top.get("ptce")
    ptce = {} if ptce is None else ptce  # « ptce: » without a value: no name, said as such
    if isinstance(ptce, str):  # « ptce: NAME », as a CSV register's « # ptce: NAME » line
        line = top.line_of("ptce")
        ptce_entry = Entry({"name": ptce.strip()}, line, {"name": line}, in_french=top.french)
    elif not isinstance(ptce, dict):
        raise not_a_ptce(ptce_node, top.key_of("ptce"))
    else:
        ptce_entry = _entry("ptce", ptce_node, ptce, issues) if ptce_node else Entry({}, 1)
    members = _entries("member", _child(root, "register", "members"), top.get("members"), issues,
                       top.key_of("members"))
    goals_node = _child(ptce_node, "ptce", "goals")
    goals = (_ranked_goals(goals_node, ptce_entry.key_of("goals")) if isinstance(goals_node, yaml.MappingNode) else
             _entries("goal", goals_node, ptce_entry.get("goals"), issues, ptce_entry.key_of("goals")))
    actions = _entries("action", _child(root, "register", "actions"), top.get("actions"), issues,
                       top.key_of("actions"))
    grants_node = _child(root, "register", "grants")
    if grants_node is not None and not isinstance(top.get("grants"), (list, type(None))):
        raise InputError("la clé grants (financements) attend une liste d'entrées « - deliberation: …, goals: … »",
                         line=grants_node.start_mark.line + 1, field="grants",
                         message_en="the grants key expects a list of entries '- deliberation: …, goals: …'")
    grants = _entries("grant", grants_node, top.get("grants"), issues)
    return Register(ptce_entry, members, goals, actions, grants, issues)
