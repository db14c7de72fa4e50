"""Source kinds, looked up by name in one registry, and their detection.

Each kind lives in its own module, which defines ``KIND``, a :class:`graph.ingest.base.SourceKind`.
Detection asks every kind for a score from the file's name and first bytes; the best score wins, ties go to
the order of :data:`KIND_MODULES`. A kind's module is imported when it is first asked, and detection stops at the
first certain score (100): none can beat it, and a tie would go to the earlier kind anyway. A kind's module stays
light to import: what only its extraction needs is imported when a file is first extracted (the deliberation
reader's ~0.15 s of patterns, which an ingest of tables or RDF never needs).
"""

from __future__ import annotations

import difflib
import importlib
import unicodedata
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
    "association-directory": "graph.ingest.association_directory",
}

#: Other names that ``--kind`` takes for a kind, folded as :func:`kind_name` folds them: the French names that a
#: coordinator types (« registre »; « délibération » folds to the kind's own name), plurals, the module's name.
ALIASES = {"registre": "register", "registres": "register", "deliberations": "deliberation",
           "subventions": "scdl-subventions", "scdl-grants": "scdl-subventions",
           "scdl-deliberation": "scdl-deliberations", "annuaire": "association-directory",
           "annuaire-associations": "association-directory", "annuaire-des-associations": "association-directory",
           "associations-directory": "association-directory", "directory": "association-directory"}

__all__ = ["ALIASES", "KIND_MODULES", "Extraction", "InputError", "Issue", "SourceContext", "SourceKind", "get_kind",
           "kind_name", "kinds", "detect_kind", "unknown_kind"]


#: The score that no other kind can beat: detection stops there.
CERTAIN = 100


@cache
def _kind(name: str) -> SourceKind | None:
    """The kind called ``name``, its module imported on first use; None when the module is not installed."""
    module = KIND_MODULES[name]
    try:
        return importlib.import_module(module).KIND
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


def kinds() -> dict[str, SourceKind]:
    """Return the available kinds by name (a kind whose module is not installed is left out)."""
    return {name: kind for name in KIND_MODULES if (kind := _kind(name)) is not None}


def _folded(text: str) -> str:
    """``text`` as kind names are written: lowercase, without accents, words joined by ``-``."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "-".join(plain.lower().replace("_", " ").split())


def kind_name(text: str) -> str | None:
    """The name of the kind that ``text`` names — its name or one of its :data:`ALIASES`, in any case, with or
    without accents —, without importing any kind's module; None when it names none.

    >>> kind_name("registre"), kind_name("Délibération"), kind_name("scdl subventions"), kind_name("regster")
    ('register', 'deliberation', 'scdl-subventions', None)
    """
    folded = _folded(text)
    name = ALIASES.get(folded, folded)
    return name if name in KIND_MODULES else None


def unknown_kind(text: str) -> InputError:
    """Why ``text`` names no kind: the nearest name when one is close (a typo: « regster »), and the known ones.

    >>> unknown_kind("regster").issue.message_en.split(" (known")[0]
    "unknown source kind 'regster': did you mean 'register'?"
    """
    known = ", ".join(kinds())
    near = difflib.get_close_matches(_folded(text), [*KIND_MODULES, *ALIASES], n=1, cutoff=0.7)
    guess = ALIASES.get(near[0], near[0]) if near else None
    said = (f" : vouliez-vous dire « {guess} » ?", f": did you mean '{guess}'?") if guess else ("", "")
    return InputError(f"type de source inconnu « {text} »{said[0]} (connus : {known})",
                      message_en=f"unknown source kind '{text}'{said[1]} (known: {known})")


def get_kind(name: str) -> SourceKind:
    """Return the kind that ``name`` names (:func:`kind_name`); raises InputError naming the known kinds otherwise."""
    if (found := kind_name(name)) is not None and (kind := _kind(found)) is not None:
        return kind
    raise unknown_kind(name)


def detect_kind(ctx: SourceContext) -> SourceKind:
    """Return the kind that recognises ``ctx`` best; raises InputError when none does."""
    score, kind = 0, None
    for name in KIND_MODULES:
        if (candidate := _kind(name)) is not None and (found := candidate.detect(ctx)) > score:
            score, kind = found, candidate
            if score >= CERTAIN:
                break
    if kind is None:
        from graph.encodings import is_blank
        from graph.tabular import table_error

        if is_blank(ctx.data):
            raise InputError("fichier vide", message_en="empty file")
        text_table = ctx.path.suffix.lower() in (".csv", ".tsv", ".txt")
        if (unreadable := table_error(ctx.data, text_table)) is not None:  # no kind could peek at its header
            raise unreadable
        known = ", ".join(kinds())
        if (miss := _nearest_miss(ctx)) is not None:
            why = miss.issue
            if not miss.kind_helps:
                raise InputError(f"type de fichier non reconnu : {why.message} ; corrigez-le", line=why.line,
                                 field=why.field, message_en=f"unrecognised file kind: {why.message_en}; mend it")
            raise InputError(
                f"type de fichier non reconnu : {why.message} ; corrigez-le ou précisez --kind ({known})",
                line=why.line, field=why.field,
                message_en=f"unrecognised file kind: {why.message_en}; mend it or give --kind ({known})")
        from graph.ingest.unknown import plainly_not

        if (refusal := plainly_not(ctx)) is not None:  # no kind would read it: --kind would not help
            raise refusal
        raise InputError(
            f"type de fichier non reconnu ; précisez-le avec --kind ({known})",
            message_en=f"unrecognised file kind; give it with --kind ({known})")
    return kind


def _nearest_miss(ctx: SourceContext) -> InputError | None:
    """Why ``ctx`` is not quite of the kind it comes nearest to, or None when it is a near miss of none: of the
    kinds' near misses, the one whose header names most of its kind's columns (:attr:`InputError.columns_named`),
    not the first kind's in :data:`KIND_MODULES` (an RNA extract cut to five columns was told as a grants list
    lacking its amount, for the three columns it shares with one); several that name as many are told together."""
    misses = [miss for kind in kinds().values() if kind.near_miss is not None and (miss := kind.near_miss(ctx))]
    if not misses:
        return None
    most = max(miss.columns_named for miss in misses)
    nearest = [miss for miss in misses if miss.columns_named == most]
    if len(nearest) == 1:
        return nearest[0]
    first = nearest[0].issue
    miss = InputError(" ; ou bien ".join(m.issue.message for m in nearest), line=first.line, field=first.field,
                      message_en="; or else ".join(m.issue.message_en for m in nearest))
    miss.kind_helps = any(m.kind_helps for m in nearest)
    miss.columns_named = most
    return miss
