"""Source kinds, looked up by name in one registry, and their detection.

Each kind lives in its own module, which defines ``KIND``, a :class:`graph.ingest.base.SourceKind`.
Detection asks every kind for a score from the file's name and first bytes; the best score wins, ties go to
the order of :data:`KIND_MODULES`.
"""

from __future__ import annotations

import importlib
from functools import cache

from graph.ingest.base import Extraction, InputError, Issue, SourceContext, SourceKind

#: Kind name -> module. The order breaks ties in detection.
KIND_MODULES = {
    "rdf": "graph.ingest.rdf",
    "deliberation": "graph.ingest.deliberation",
    "scdl-subventions": "graph.ingest.scdl_grants",
    "scdl-deliberations": "graph.ingest.scdl_deliberations",
    "rna": "graph.ingest.rna",
    "sirene": "graph.ingest.sirene",
    "register": "graph.ingest.register",
}

__all__ = ["KIND_MODULES", "Extraction", "InputError", "Issue", "SourceContext", "SourceKind", "get_kind",
           "kinds", "detect_kind"]


@cache
def kinds() -> dict[str, SourceKind]:
    """Return the available kinds by name (a kind whose module is not installed is left out)."""
    found = {}
    for name, module in KIND_MODULES.items():
        try:
            found[name] = importlib.import_module(module).KIND
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return found


def get_kind(name: str) -> SourceKind:
    """Return the kind called ``name``; raises InputError naming the known kinds otherwise."""
    try:
        return kinds()[name]
    except KeyError:
        known = ", ".join(kinds())
        raise InputError(f"type de source inconnu « {name} » (connus : {known})",
                         message_en=f"unknown source kind '{name}' (known: {known})") from None


def detect_kind(ctx: SourceContext) -> SourceKind:
    """Return the kind that recognises ``ctx`` best; raises InputError when none does."""
    scored = [(kind.detect(ctx), -i, kind) for i, kind in enumerate(kinds().values())]
    score, _, kind = max(scored, key=lambda t: t[:2])
    if score <= 0:
        known = ", ".join(kinds())
        raise InputError(
            f"type de fichier non reconnu ; précisez-le avec --kind ({known})",
            message_en=f"unrecognised file kind; give it with --kind ({known})")
    return kind
