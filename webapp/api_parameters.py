"""The query parameters of the JSON API, checked against what ``/api/openapi.json`` declares.

One behaviour for every route: a parameter the route does not know, a page outside its bounds or a value that is
not an integer is a 400 that says which parameter and what is accepted — never silently ignored or clamped (a
coordinator who sends ``amount_min=5`` must not believe the list filtered), and never left to the SPARQL engine.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import request

from graph.namespaces import MAI
from webapp.errors import ApiError
from webapp.named_queries import Parameter

#: The largest page number a route accepts (``maximum`` of ``page`` in the OpenAPI document).
MAX_PAGE = 1_000_000
#: Parameters every route takes: the interface's language (:mod:`webapp.i18n`).
COMMON_PARAMETERS = ("lang",)
#: ``pole``, with ``goal``: the PTCE (its name or IRI) whose goal ``goal`` gives by its rank or name.
POLE = Parameter("pole", "iri", "PTCE (nom ou IRI)", "PTCE (name or IRI)", optional=True,
                 values=("a", str(MAI.Cooperation)))


def check_known(accepted: Iterable[str], repeatable: Iterable[str] = ()) -> None:
    """Refuse (400) a request that sends a parameter outside ``accepted`` (and the common ones), naming them, or one
    not ``repeatable`` twice with two values (the first alone was read: "year=2016&year=2013" counted 2016's)."""
    known = [*accepted, *COMMON_PARAMETERS]
    unknown = [name for name in dict.fromkeys(request.args) if name not in known]
    if unknown:
        names = ", ".join(unknown)
        listed = ", ".join(known)
        raise ApiError(f"paramètre inconnu : {names} (acceptés : {listed})",
                       f"unknown parameter: {names} (accepted: {listed})", code="unknown-parameter")
    for name in dict.fromkeys(request.args):
        values = list(dict.fromkeys(request.args.getlist(name)))
        if len(values) > 1 and name not in repeatable:
            french = ", ".join(f"« {value[:40]} »" for value in values)
            english = ", ".join(f"'{value[:40]}'" for value in values)
            raise ApiError(f"paramètre « {name} » donné {len(values)} fois ({french}) : il prend une valeur",
                           f"parameter '{name}' given {len(values)} times ({english}): it takes one value",
                           code="repeated-parameter")


def integer_arg(name: str, default: int | None, least: int | None = None, most: int | None = None) -> int | None:
    """The integer parameter ``name`` (``default`` when absent or empty), within ``least``..``most``.

    Raises ApiError (400) for a value that is no integer or outside the bounds, saying the bounds and the value.
    """
    return _integer(name, request.args.get(name, "").strip(), default, least, most)


def check_integers(name: str) -> None:
    """Refuse (400) any value of the repeatable parameter ``name`` that is not an integer (empty ones aside), as
    :func:`integer_arg` does for one value."""
    for value in request.args.getlist(name):
        _integer(name, value.strip(), None)


def _integer(name: str, value: str, default: int | None, least: int | None = None,
             most: int | None = None) -> int | None:
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or (least is not None and number < least) or (most is not None and number > most):
        if least is not None and most is not None:
            french, english = f"entre {least} et {most}", f"between {least} and {most}"
        elif least is not None:
            french, english = f"au moins {least}", f"at least {least}"
        else:
            french, english = "un entier", "an integer"
        raise ApiError(f"le paramètre « {name} » doit être {french} (reçu « {value[:40]} »)",
                       f"parameter '{name}' must be {english} (got '{value[:40]}')", code="bad-parameter")
    return number


def pole_arg() -> str | None:
    """The IRI of the PTCE that ``pole`` gives (its name or IRI), among whose goals a ``goal`` given by its rank or
    name is looked up (each PTCE has its goal 2); None when absent. A 400 when it names no PTCE or several, and when
    no ``goal`` comes with it: alone, it would filter nothing, in silence."""
    from webapp.queries_pages import web_lookup
    from webapp.query_parameters import resolve_name

    raw = request.args.get("pole", "").strip()
    if not raw:
        return None
    if not any(goal.strip() for goal in request.args.getlist("goal")):
        raise ApiError("le paramètre « pole » dit de quel PTCE est l'objectif donné par son rang ou son nom : "
                       "donnez aussi « goal »", "parameter 'pole' says which PTCE's goal 'goal' gives by its rank or "
                       "name: give 'goal' too", code="bad-parameter")
    return resolve_name(POLE, raw, web_lookup())


def page_arg() -> int:
    """The ``page`` parameter: 1 when absent, else 1..MAX_PAGE (the bounds the OpenAPI document declares)."""
    return integer_arg("page", 1, 1, MAX_PAGE)
