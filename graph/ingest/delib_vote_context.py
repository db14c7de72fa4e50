"""Where a vote's words stand in a deliberation's text: in a visa or a recital, that tells of another act's vote,
unless the words that decide follow it on its line (:func:`is_cited`, :data:`DECIDING`); and the end of their line
(:func:`line_end`).

Apart from :mod:`graph.ingest.delib_vote` because the readers of a vote's counts, of its members named, of its
amendments and of its rejections all ask it.

>>> is_cited("Vu le budget adopté à l'unanimité le 3 mars.", 20)
True
"""

from __future__ import annotations

import re

from graph.ingest.delib_meta import citation_start


def line_end(body: str, at: int) -> int:
    """Where the line of ``body`` that offset ``at`` is on ends."""
    end = body.find("\n", at)
    return len(body) if end < 0 else end


#: What turns a line that opens with a visa into the decision itself: a text with one sentence a line writes "Vu le
#: rapport de Mme la Présidente, la Commission permanente, après en avoir délibéré, décide à l'unanimité d'…".
DECIDING = re.compile(r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|,\s*(?:le|la|l['’])\s*(?:conseil|commission|"
                      r"bureau|comit[ée]|assembl[ée]e)\b[^,;.\n]{0,40},?\s*(?:d[ée]cide|d[ée]lib[èe]re)\b", re.I)


def is_cited(body: str, at: int) -> bool:
    """Whether offset ``at`` of ``body`` is in a visa or a recital (:func:`citation_start`: on a line that one opens,
    or on a line that goes on its sentence), before the words that decide, if it goes on to them.

    >>> line = "Vu le rapport, la Commission permanente, après en avoir délibéré, décide à l'unanimité d'attribuer …"
    >>> is_cited(line, line.index("à l'unanimité")), is_cited("Vu le budget adopté à l'unanimité le 3 mars.", 20)
    (False, True)
    >>> lines = "Vu le rapport, la Commission permanente, après en avoir délibéré,\\ndécide à l'unanimité d'attribuer …"
    >>> is_cited(lines, lines.index("à l'unanimité"))
    False
    """
    start = citation_start(body, at)
    return start is not None and not DECIDING.search(body, start, at)
