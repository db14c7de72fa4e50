"""The ``ptce:`` of a YAML partner register (see :mod:`graph.ingest.register_yaml`) when it is not a block of the
PTCE's keys: given by the PTCE's name alone (« ptce: NAME », read as a CSV register's « # ptce: NAME » line), the
PTCE's keys written beside it at the top are not read (:func:`beside_named_ptce`); of another shape (a list, a
number), it refuses the register (:func:`not_a_ptce`). Both say what to write, with an example.
"""

from __future__ import annotations

import yaml

from graph.ingest.base import InputError, Issue
from graph.ingest.register_keys import FIELDS, FRENCH, canonical, unknown_key

#: The keys of ``ptce:`` as messages list them, French then English.
_PTCE_KEYS = (", ".join(FRENCH[key] for key in FIELDS["ptce"]), ", ".join(FIELDS["ptce"]))


def _ptce_block(name: str) -> tuple[str, str]:
    """An example of a ``ptce:`` block naming the PTCE ``name``, on two lines, as messages give it (French,
    English)."""
    return f"« ptce: » puis, en retrait, «   nom: {name} »", f"'ptce:' then, indented, '  name: {name}'"


def not_a_ptce(node: yaml.Node, written: str) -> InputError:
    """Why a ``ptce:`` (``written``: its key as written) that is neither the PTCE's name nor a block of its keys (a
    list, a number, ``true``) refuses the register: what it accepts, with an example.

    >>> print(not_a_ptce(yaml.compose("ptce: 42").value[0][1], "ptce").issue.message_en)
    the key ptce expects the PTCE's name (ptce: NAME) or a block of its keys, indented: name, coordinator, \
territory, description, goals (or nom, coordinateur, territoire, description, objectifs), not '42'; for example, on \
two lines: 'ptce:' then, indented, '  name: PTCE santé Loire Sud'
    """
    what, what_en = (f"« {node.value} »", f"'{node.value}'") if isinstance(node, yaml.ScalarNode) else (
        "une liste", "a list")
    fr, en = _PTCE_KEYS
    example, example_en = _ptce_block("PTCE santé Loire Sud")
    return InputError(f"la clé {written} attend le nom du PTCE ({written}: NOM) ou un bloc de ses clés, en retrait : "
                      f"{fr} (ou {en}), pas {what} ; par exemple, sur deux lignes : {example}",
                      line=node.start_mark.line + 1, field=written,
                      message_en=f"the key {written} expects the PTCE's name ({written}: NAME) or a block of its keys, "
                                 f"indented: {en} (or {fr}), not {what_en}; for example, on two lines: "
                                 f"{example_en}")


def beside_named_ptce(name: str, kind: str, key: object, line: int | None, french: bool | None = None) -> Issue:
    """The warning for a key at the top of a register whose ``ptce:`` is only the PTCE's ``name``: one of the
    PTCE's keys (``coordinateur:``, ``objectifs:``) is read under a ``ptce:`` block only, which indenting it does
    not make; any other key is warned about as :func:`graph.ingest.register_keys.unknown_key` does."""
    if canonical("ptce", key) in (None, "name"):
        return unknown_key(kind, key, line, french)
    example, example_en = _ptce_block(name)
    return Issue("warning", f"clé « {key} » du registre, ignorée : c'est une clé de ptce:, qui ne donne ici que le "
                            f"nom du PTCE ; pour qu'elle soit lue, écrivez ptce: en bloc : {example}, et "
                            f"« {key}: » en retrait au-dessous",
                 f"key '{key}' of the register, ignored: it is a key of ptce:, which here gives only the PTCE's name; "
                 f"to have it read, write ptce: as a block: {example_en}, and '{key}:' indented below it",
                 line=line, field=str(key))


__all__ = ["beside_named_ptce", "not_a_ptce"]
