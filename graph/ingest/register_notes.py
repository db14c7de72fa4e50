"""The rows of a CSV register (see :mod:`graph.ingest.register_read`) that are no member, each told in a warning
and not read: a comment or a note of one cell (:func:`note_row`), a footer (:func:`footer_row`: a total, the date of
an update, a source) and the header repeated above a section (:func:`repeated_header`).
"""

from __future__ import annotations

import re

from graph.identity_names import fold
from graph.ingest.base import Issue
from graph.ingest.register_values import kind_class

#: The first words of a table's footer, folded: a total, the date of an update, the source of the list.
_FOOTER = re.compile(r"(?:(?:sous )?totale?|(?:date (?:de (?:la )?|d )?|derniere )?mise? a jour|maj|sources?|"
                     r"extraction|nombre (?:de |d )?(?:membres|adherents|partenaires|structures))(?:\s|$)")


def footer_row(cells: list[str], values: dict[str, str], line: int) -> Issue | None:
    """The warning for a footer row of a CSV register (« Total;2 », « Mis à jour le;15/03/2025 », « Source :;… »):
    its first value begins as a footer does, and it has no circle nor a kind that is one — a member of such a
    name (« Source de vie ») has them; None for another row.

    >>> footer_row(["Total", "2", ""], {"name": "Total", "kind": "2", "circle": ""}, 9).message_en
    "line 'Total 2' read as a footer note (a total, an update's date, a source) and ignored, not as a member; if it \
is one, give its kind and circle"
    >>> footer_row(["Total", "entreprise", ""], {"name": "Total", "kind": "entreprise", "circle": ""}, 9) is None
    True
    """
    filled = [c.strip() for c in cells if c.strip()]
    if (not filled or values.get("circle") or kind_class(values.get("kind", ""))
            or not _FOOTER.match(fold(filled[0]))):
        return None
    text = " ".join(filled)
    return Issue("warning", f"ligne « {text} » lue comme une note de bas de tableau (total, date de mise à jour, "
                            "source) et ignorée, pas comme un membre ; si c'en est un, donnez son type et son cercle",
                 f"line '{text}' read as a footer note (a total, an update's date, a source) and ignored, not as a "
                 "member; if it is one, give its kind and circle", line=line)


def repeated_header(lines: list[int]) -> Issue:
    """The one warning for the rows of a CSV register that repeat its header (above a section: « anciens membres »),
    skipped: their cells are the columns' titles, no member's values."""
    if len(lines) == 1:
        return Issue("warning", f"en-tête répété, ligne {lines[0]} : ligne ignorée, ce n'est pas un membre",
                     f"header repeated, line {lines[0]}: line ignored, it is not a member", line=lines[0])
    said = ", ".join(map(str, lines[:-1])) + f" et {lines[-1]}"
    said_en = ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"
    return Issue("warning", f"en-tête répété, lignes {said} : lignes ignorées, ce ne sont pas des membres",
                 f"header repeated, lines {said_en}: lines ignored, they are not members", line=lines[0])


def note_row(cells: list[str], table: bool, line: int) -> Issue | None:
    """The warning for a row of a CSV register that is no member: a comment (its first value begins with ``#``), or,
    in a ``table`` (a register whose rows fill more than one cell: not a list of names alone), a note of one cell —
    a total, a section's title, the date of an update; None for another row.

    >>> note_row(["Total : 5 membres", "", ""], True, 15).message
    "une seule cellule remplie (« Total : 5 membres ») : ligne lue comme une note (total, titre de section, \
remarque) et ignorée, pas comme un membre ; si c'en est un, donnez aussi son type et son cercle"
    >>> note_row(["# anciens membres", ""], True, 9).message, note_row(["A", "", ""], False, 2)
    ("commentaire « # anciens membres » : ligne ignorée, ce n'est pas un membre", None)
    """
    filled = [c.strip() for c in cells if c.strip()]
    if filled and filled[0].startswith("#"):
        text = " ".join(filled)
        return Issue("warning", f"commentaire « {text} » : ligne ignorée, ce n'est pas un membre",
                     f"comment '{text}': line ignored, it is not a member", line=line)
    if table and len(filled) == 1:
        return Issue("warning", f"une seule cellule remplie (« {filled[0]} ») : ligne lue comme une note (total, titre "
                                "de section, remarque) et ignorée, pas comme un membre ; si c'en est un, donnez aussi "
                                "son type et son cercle", f"one cell filled ('{filled[0]}'): line read as a note (a "
                     "total, a section's title, a remark) and ignored, not as a member; if it is one, give its kind "
                     "and circle too", line=line)
    return None


__all__ = ["footer_row", "note_row", "repeated_header"]
