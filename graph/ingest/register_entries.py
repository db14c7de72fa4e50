"""The entries of a partner register (see :mod:`graph.ingest.register`) as read, before any of them becomes a
triple: each mapping (the PTCE, a member, a goal, an action, a grant) an :class:`Entry`, plain values with the line
of each, and the whole register a :class:`Register`, whichever form it was read from (CSV by
:mod:`graph.ingest.register_read`, YAML by :mod:`graph.ingest.register_yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.ingest.base import Issue
from graph.ingest.register_keys import FRENCH, written_in_french

#: What separates the values of a list in one cell: ``|``, ``,``, ``;``, a line break (Alt+Enter in a sheet's cell),
#: or a slash with spaces around it (« aidants / vieillissement »; « soignant/patient » is one value).
LIST_SEPARATORS = re.compile(r"[|,;\n\r]|\s+/\s+")


@dataclass
class Entry:
    """One mapping of the register (the PTCE, a member, a goal, an action): its values and their lines."""

    values: dict[str, Any]
    line: int
    lines: dict[str, int] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # each key as the register wrote it (``date d'entrée``)
    #: Whether the entry's keys are French when its own keys cannot tell (a PTCE given by its name alone, « ptce:
    #: NAME »: as the register's other keys); None: as its keys tell (:attr:`french`).
    in_french: bool | None = None
    #: Whether the entry is a member's (set by the builder that reads it as one): the warnings about it name it.
    member: bool = False

    def get(self, key: str) -> Any:
        value = self.values.get(key)
        return None if value == "" else value

    def text(self, key: str) -> str:
        value = self.get(key)
        return "" if value is None else str(value).strip()

    def list(self, key: str) -> list:
        """The values of a list field: a YAML list, or a text split at :data:`LIST_SEPARATORS`.

        >>> Entry({"themes": "aidants; vieillissement\\nrelation soignant/patient / e-santé"}, 1).list("themes")
        ['aidants', 'vieillissement', 'relation soignant/patient', 'e-santé']
        """
        value = self.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        return [v.strip() for v in LIST_SEPARATORS.split(str(value)) if v.strip()]

    def shown(self, key: str) -> str | None:
        """The value of ``key`` as messages quote it, as the register writes it: a YAML list in its flow form, not as
        Python would render it.

        >>> Entry({"themes": ["Santé mentalle", "Pair-aidance"], "goals": "1 et 4"}, 1).shown("themes")
        '[Santé mentalle, Pair-aidance]'
        """
        value = self.get(key)
        if isinstance(value, list):
            return "[" + ", ".join(map(str, value)) + "]"
        return self.text(key) or None

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def key_of(self, key: str, lang: str = "fr") -> str:
        """The name that messages give the field ``key``: as the register wrote it; when it did not, as the entry
        writes its other keys (their French names or the keys), or the key in English messages."""
        return self.written.get(key) or (FRENCH.get(key, key) if lang == "fr" and self.french else key)

    @property
    def french(self) -> bool:
        """Whether the entry writes its keys in French (the keys that have a French name), or writes none (unless
        :attr:`in_french` says otherwise)."""
        if self.in_french is not None:
            return self.in_french
        return written_in_french(self.written)


@dataclass
class Register:
    """A register as read: the PTCE, its members, goals, actions and grants (the goals that each grant serves), and
    the problems met reading them."""

    ptce: Entry
    members: list[Entry]
    goals: list[Entry] = field(default_factory=list)
    actions: list[Entry] = field(default_factory=list)
    grants: list[Entry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


__all__ = ["Entry", "Register", "LIST_SEPARATORS"]
