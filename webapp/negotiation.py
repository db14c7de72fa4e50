"""Content negotiation by the Accept header for ``/sparql`` and the Graph Store: media types, their parameters aside.

werkzeug matches a media range that has parameters (``text/csv; charset=utf-8``, ``application/ld+json;
profile="…#expanded"``) only to an offer with the same parameters: every such Accept got the default format, with
a 200 (a review of /sparql). No format of ours varies by a parameter (all are written in UTF-8), so the ranges are
matched on their media types, their ``q`` kept. And ``q=0`` means "not acceptable" (RFC 9110 §12.4.2): a format that
the client refuses is never its answer, not even as the default.

>>> accept = parse_accept("text/csv; header=present, text/*;q=0")
>>> accept.best_match(["application/sparql-results+json", "text/csv"]), refused(accept, "text/turtle")
('text/csv', True)
"""

from __future__ import annotations

from typing import Sequence

from flask import request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_list_header, parse_options_header

from graph.formats import Format
from webapp.errors import ApiError


def accepted() -> MIMEAccept:
    """The request's Accept header, matched on media types (see the module's docstring)."""
    return parse_accept(request.headers.get("Accept", ""))


def parse_accept(header: str) -> MIMEAccept:
    """The media ranges of an Accept ``header``, their parameters left out, with their quality; a malformed quality
    (``q=abc``, ``q=2``) counts as 1, as the range without it, where werkzeug dropped the range (and the request
    that named nothing else got a 406 for a format it asked for).

    >>> list(parse_accept('text/turtle;q=abc, application/ld+json; profile="a,b"; q=0.5, text/html;q=0'))
    [('text/turtle', 1), ('application/ld+json', 0.5), ('text/html', 0.0)]
    """
    ranges = []
    for item in parse_list_header(header):
        media_type, options = parse_options_header(item)
        if media_type:
            ranges.append((media_type, _quality(options.get("q"))))
    return MIMEAccept(ranges)


def _quality(value: str | None) -> float:
    """A range's quality: its ``q`` (a number from 0 to 1), else 1."""
    try:
        quality = float(value) if value is not None else 1
    except ValueError:
        return 1
    return quality if 0 <= quality <= 1 else 1


def refused(accept: MIMEAccept, media_type: str) -> bool:
    """True when ``accept`` gives ``media_type`` a quality of 0 (its most specific range that matches it does)."""
    return media_type in accept and accept.quality(media_type) == 0


def media_types(formats: Sequence[Format]) -> list[str]:
    """The media types of ``formats``, then their aliases: what an Accept header may name them by."""
    return [f.media_type for f in formats] + [a for f in formats for a in f.aliases]


def best_format(formats: Sequence[Format], accept: MIMEAccept | None = None) -> Format:
    """The format of ``formats`` that the Accept header prefers; when it prefers none, the first that it does not
    refuse (the default: no Accept, or one that names other formats only); a 406 when it refuses them all."""
    accept = accepted() if accept is None else accept
    best = accept.best_match(media_types(formats))
    if best is not None:
        return next(f for f in formats if best in (f.media_type, *f.aliases))
    for fmt in formats:
        if not refused(accept, fmt.media_type):
            return fmt
    raise not_acceptable(formats)


def not_acceptable(formats: Sequence[Format], form: tuple[str, str] | None = None) -> ApiError:
    """The 406 of a request whose Accept header admits none of ``formats``, quoting it and naming them; ``form``
    names, in French and in English, the query form that ``formats`` are those of (a SPARQL query's)."""
    header = request.headers.get("Accept", "")[:80]
    if form is not None:
        known = ", ".join(f"{f.name} ({f.media_type})" for f in formats)
        return ApiError(f"aucun des formats demandés ne convient à une requête {form[0]} (Accept : « {header} ») ; "
                        f"possibles : {known}", f"none of the formats asked for fits a {form[1]} query (Accept: "
                        f"'{header}'); known: {known}", status=406, code="unknown-format")
    known = ", ".join(f.name for f in formats)
    return ApiError(f"aucun des formats demandés n'est disponible (Accept : « {header} ») ; possibles : {known}, ou "
                    "leurs types de média", f"none of the formats asked for is available (Accept: '{header}'); "
                    f"known: {known}, or their media types", status=406, code="unknown-format")
