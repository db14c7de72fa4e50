"""Every ``mai:`` term of the ontology and every route of the web application is named by DESIGN.md (the contract)
or by README.md (« Beyond DESIGN.md »), so that a coordinator writing SPARQL or a client of the HTTP interface finds
each of them described somewhere.

Fixture strategy: the shipped ontology files, read through ``importlib.resources`` as the product reads them; the
routes of a fresh app from the factory on an empty data directory (``app_of``). DESIGN.md is shared by the
project and lives beside the repository (``../shared/DESIGN.md``, as in CI); ``MAILLAGE_SHARED_DIR`` names another
folder that holds it (a git worktree elsewhere). Without it the tests skip, saying where they looked.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Graph

from graph.namespaces import MAI, RDF

ROOT = Path(__file__).resolve().parent.parent

#: Endpoints that are no interface of Maillage's: Flask's own static files (the stylesheet, the menu's script),
#: which pages link to and nobody calls by hand.
UNDOCUMENTED_ENDPOINTS = {"static"}

#: ``mai:Name``, and the names that follow it in DESIGN.md's short form ``mai:votesFor`/`votesAgainst`/`abstentions``.
_MAI_MENTION = re.compile(r"mai:\w+(?:`?/`?\w+)*")

#: What stands for a route's variable part in a text: ``<name>``, ``…``, or a value (``theme/depistage``, ``ttl``).
_VARIABLE = r"[^\s`'\"|()<>.]+|<[^>\s]+>"


def design_path() -> Path:
    """Where DESIGN.md is: in ``MAILLAGE_SHARED_DIR`` when set, else in the ``shared`` folder beside the repository."""
    shared = os.environ.get("MAILLAGE_SHARED_DIR")
    return (Path(shared) if shared else ROOT.parent / "shared") / "DESIGN.md"


@cache
def documents() -> str:
    """DESIGN.md and README.md, one text; skips the test when DESIGN.md is not found."""
    design = design_path()
    if not design.is_file():
        pytest.skip(f"DESIGN.md not found at {design} (set MAILLAGE_SHARED_DIR to the folder that holds it)")
    return design.read_text(encoding="utf-8") + "\n" + (ROOT / "README.md").read_text(encoding="utf-8")


def named_mai_terms(text: str) -> set[str]:
    """The local names of the ``mai:`` terms that ``text`` names.

    >>> sorted(named_mai_terms("`mai:votesFor`/`votesAgainst`/`abstentions`, `mai:Grant` ⊑ x"))
    ['Grant', 'abstentions', 'votesAgainst', 'votesFor']
    """
    return {name for mention in _MAI_MENTION.findall(text) for name in re.findall(r"\w+", mention[len("mai:"):])}


def ontology_mai_terms() -> list[str]:
    """The local names of the ``mai:`` terms that the shipped ontology files declare (classes, properties, schemes)."""
    graph = Graph()
    for file in resources.files("ontology").iterdir():
        if file.name.endswith(".ttl"):
            graph.parse(data=file.read_bytes(), format="turtle")
    return sorted({str(s)[len(str(MAI)):] for s in graph.subjects(RDF.type, None) if str(s).startswith(str(MAI))})


def route_pattern(rule: str) -> re.Pattern:
    """A pattern that finds ``rule`` written in a text: its variable parts as ``<name>``, ``…`` or a value, and not
    as a part of a longer path (``/queries`` is not named by ``/api/queries`` nor by ``/queries.json``).

    >>> bool(route_pattern("/ontology/<path:key>").search("at `/ontology/theme/depistage`, as"))
    True
    >>> [bool(route_pattern("/queries").search(t)) for t in ("GET /api/queries", "`/queries.json`", "`/queries`.")]
    [False, False, True]
    """
    parts = re.split(r"<[^>]+>", rule)
    body = f"(?:{_VARIABLE})".join(re.escape(part) for part in parts)
    return re.compile(rf"(?<![\w/.-]){body}(?!\.?[\w/-])")


def app_rules(app_of) -> list[str]:
    """The routes of the application, without :data:`UNDOCUMENTED_ENDPOINTS`."""
    app = app_of().application
    return sorted({rule.rule for rule in app.url_map.iter_rules() if rule.endpoint not in UNDOCUMENTED_ENDPOINTS})


def test_every_mai_term_of_the_ontology_is_named_by_design_or_readme():
    named = named_mai_terms(documents())
    assert [f"mai:{term}" for term in ontology_mai_terms() if term not in named] == []


def test_every_route_of_the_application_is_named_by_design_or_readme(app_of):
    text = documents()
    assert [rule for rule in app_rules(app_of) if not route_pattern(rule).search(text)] == []


def test_the_routes_checked_include_the_ones_added_beyond_design(app_of):
    """The check sees the routes that DESIGN.md leaves out (``/sources``, ``/api/sources``) and leaves out only the
    static files."""
    rules = app_rules(app_of)
    assert {"/sources", "/api/sources", "/store"} <= set(rules)
    assert not any(rule.startswith("/static") for rule in rules)
