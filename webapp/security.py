"""Security headers on every response, and size limits on every request.

Headers: a Content-Security-Policy that admits only this site's own files (no inline script or style: the
templates have none, so a label ``<script>…</script>`` that escaped escaping would still not run), no framing
(``frame-ancestors 'none'`` and its legacy twin ``X-Frame-Options``), no MIME sniffing, and a Referrer-Policy that
keeps query strings (search terms, SPARQL) on this site.

Limits, checked before a view reads anything: a query string longer than MAX_QUERY_STRING is refused with 414; a
body larger than MAX_BODY_BYTES with 413 — except on the write routes (upload, Graph Store), which take up to the
``max_upload_bytes`` setting and require the write token anyway; parameters (of the URL or a form body) that are
not UTF-8 with 400. The 414 advises POST only where the route accepts it; the 413 of a SPARQL query by form POST
advises sending it as it is.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from webapp.errors import ApiError

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

#: Bytes of a query string: a long SPARQL query by GET is ~4 kB; longer queries go by POST. ``maillage serve`` lifts
#: gunicorn's request line limit (4094 bytes by default) so that this one applies (webapp.server.REQUEST_LINE_LIMIT).
MAX_QUERY_STRING = 8 * 1024
#: Bytes of a request body outside the write routes: the largest named query form or SPARQL query by POST seen is
#: a few kB; 1 MB leaves room for VALUES blocks of thousands of IRIs.
MAX_BODY_BYTES = 1024 * 1024
#: Routes that take files (their limit is the ``max_upload_bytes`` setting).
UPLOAD_PREFIXES = ("/upload", "/api/upload", "/store")


def check_request_size() -> None:
    """Refuse a request whose query string or body is over its limit, before the view reads it."""
    if len(request.query_string) > MAX_QUERY_STRING:
        advice, advice_en = (("envoyez la requête en POST", "send the request by POST") if _accepts_post()
                             else ("raccourcissez-la (moins de texte ou de filtres)",
                                   "shorten it (less text or fewer filters)"))
        raise ApiError(f"adresse trop longue ({len(request.query_string)} octets de paramètres, limite "
                       f"{MAX_QUERY_STRING}) : {advice}",
                       f"URI too long ({len(request.query_string)} bytes of parameters, limit {MAX_QUERY_STRING}): "
                       f"{advice_en}", status=414, code="uri-too-long")
    limit = (current_app.config["MAILLAGE"]["max_upload_bytes"] if request.path.startswith(UPLOAD_PREFIXES)
             else MAX_BODY_BYTES)
    if request.content_length is not None and request.content_length > limit:
        advice, advice_en = _smaller_body_advice(limit)
        raise ApiError(f"requête trop volumineuse ({request.content_length} octets, limite {limit}){advice}",
                       f"request too large ({request.content_length} bytes, limit {limit}){advice_en}", status=413,
                       code="too-large")
    request.max_content_length = limit  # a chunked body without Content-Length stops at the limit too


def _smaller_body_advice(limit: int) -> tuple[str, str]:
    """How a SPARQL query (or update) by form POST over the limit may still pass: sent as it is, as
    ``application/sparql-query`` (a form percent-encodes « { », « < », « ? » and accented letters: three times their
    bytes). Empty for any other request."""
    if request.path != "/sparql" or request.mimetype != "application/x-www-form-urlencoded":
        return "", ""
    return (f" ; envoyée telle quelle (POST en application/sparql-query, ou application/sparql-update pour une mise "
            f"à jour), une requête SPARQL n'est pas encodée comme dans un formulaire (« {{ » y devient « %7B ») et "
            f"passe si elle fait au plus {limit} octets",
            f"; sent as it is (POST as application/sparql-query, or application/sparql-update for an update), a "
            f"SPARQL query is not encoded as in a form ('{{' becomes '%7B' there) and passes if it holds at most "
            f"{limit} bytes")


def _accepts_post() -> bool:
    """True when the request's path has a route that takes POST (the 414's advice to use it is then true)."""
    try:
        current_app.create_url_adapter(request).match(method="POST")
    except HTTPException:
        return False
    return True


def check_parameters_encoding() -> None:
    """Refuse (400) a query string, or a form body (``application/x-www-form-urlencoded``), whose parameters are not
    UTF-8 once percent-decoded.

    werkzeug keeps such bytes of a query string as their "%FF" text: a search for ``q=%FF%FE`` looked for the letters
    "%FF%FE"; in a form body it turns them into U+FFFD, and a SPARQL query by form POST ran with them. The body read
    here is kept for the form parser.
    """
    _check_utf8_parameters(request.query_string)
    if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
        _check_utf8_parameters(request.get_data())


def _check_utf8_parameters(encoded: bytes) -> None:
    for part in encoded.split(b"&"):
        try:
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            name = unquote_to_bytes(part.split(b"=", 1)[0]).decode("utf-8", "replace")[:40]
            raise ApiError(f"paramètre non UTF-8 : « {name} » (encodez le texte en UTF-8)",
                           f"parameter not in UTF-8: '{name}' (encode the text in UTF-8)",
                           code="bad-encoding") from None


def add_headers(response: Response) -> Response:
    """Add the security headers to ``response`` (a view's own values win)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    """Check request sizes before each view and add the security headers to every response."""
    app.before_request(check_request_size)
    app.before_request(check_parameters_encoding)
    app.after_request(add_headers)
