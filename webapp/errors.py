"""One JSON error shape for every error, and the table that maps exceptions to HTTP statuses.

Shape: ``{"error": {"status": 400, "code": "bad-query", "message": "…(fr)", "message_en": "…"}}``.
Client mistakes are 4xx with a message a coordinator understands; our own failures are 500, logged with a
traceback.
"""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, jsonify, request
from werkzeug.exceptions import HTTPException

from graph.formats import UnknownFormat
from graph.sparql import QueryCrashed, QueryRefused, QueryTimeout, QueryWorkersBusy
from graph.store import QuerySyntaxError, StoreError


#: Seconds a client is told to wait (``Retry-After``) before it asks again a store that does not answer.
RETRY_AFTER_S = 30
#: What a visitor is told of a store that does not answer: never its address nor the system's error (the log has them).
STORE_DOWN = ("la base de données ne répond pas pour l'instant : réessayez dans un moment",
              "the database is not answering at the moment: try again in a moment")


def is_store_damage(exc: RuntimeError) -> bool:
    """Whether the engine's error says that a file of the store is damaged (RocksDB's ``Corruption``): a page that
    reads it answers as the SPARQL endpoint does, whose query worker dies opening the snapshot — 503
    ``store-unavailable`` — rather than 500 ``internal-error`` with a traceback in the log (``/healthz`` says
    ``store-damaged``)."""
    return str(exc).startswith("Corruption")


def store_failure_said(exc: StoreError) -> tuple[str, str]:
    """What a client is told of a store's failure, in French and in English: its own words when it has them for a
    user in both (the writer's lock, busy), else :data:`STORE_DOWN` — a remote store out of reach named its
    internal URL and urllib's English error to anonymous visitors."""
    if isinstance(exc.__context__, OSError) or exc.message_en == str(exc):
        return STORE_DOWN
    return str(exc), exc.message_en


class ApiError(Exception):
    """An error to return to the client, with its status and a message in French and English."""

    status = 400
    code = "bad-request"

    def __init__(self, message: str, message_en: str = "", status: int | None = None, code: str | None = None,
                 headers: dict[str, str] | None = None, meant: list[tuple[str, str]] | None = None,
                 see: tuple[str, str] | None = None):
        super().__init__(message)
        self.message, self.message_en = message, message_en or message
        self.status = status or self.status
        self.code = code or self.code
        self.headers = headers or {}  # what the status requires beside the body (Allow of a 405)
        self.meant = meant or []  # (IRI, name) of what the request may have meant (:func:`error_response`)
        self.see = see  # (IRI, name) of the page that tells more, which the message names (:func:`error_response`)


def error_response(status: int, code: str, message: str, message_en: str, headers=None,
                   meant: list[tuple[str, str]] | None = None, see: tuple[str, str] | None = None):
    """The one shape of an error, as a page, the SPARQL editor or JSON; ``meant``, (IRI, name) of the resources that
    the request may have meant, is a « vouliez-vous dire » of links to their pages on the page, of their names and
    IRIs in the message of the JSON; ``see``, (IRI, name) of the page that tells more (the source of a grant it no
    longer publishes), a link on the page, its IRI given in the message of the JSON."""
    body = {"error": {"status": status, "code": code, "message": message, "message_en": message_en}}
    if meant and not wants_html_page():
        named = ", ".join(f"« {name} » <{iri}>" for iri, name in meant)
        named_en = ", ".join(f"'{name}' <{iri}>" for iri, name in meant)
        body["error"].update(message=f"{message} ; vouliez-vous dire {named} ?",
                             message_en=f"{message_en}; did you mean {named_en}?")
    if see and not wants_html_page():
        body["error"].update(message=f"{body['error']['message']} <{see[0]}>",
                             message_en=f"{body['error']['message_en']} <{see[0]}>")
    if _from_the_editor():  # the SPARQL editor's form: the query stays in the editor, the error above it
        from webapp.editor import editor_page
        from webapp.i18n import get_lang

        response = current_app.make_response(editor_page(request.values.get("query", ""), error=message_en
                                                          if get_lang() == "en" else message))
    elif wants_html_page():
        from flask import render_template

        from webapp.links import local_path

        response = current_app.make_response(render_template(
            "error.html", error=body["error"], meant=[(local_path(iri), name) for iri, name in meant or []],
            see=(local_path(see[0]), see[1]) if see else None))
    else:
        response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    response.vary.add("Accept")  # a page or JSON, the editor or JSON: the Accept header chooses
    return response


def _from_the_editor() -> bool:
    """The editor's form (``format=html``), or a browser that asked ``/sparql`` for a page: the error in the editor."""
    if not (has_request_context() and request.path == "/sparql" and request.values.get("query") is not None):
        return False
    accept = request.accept_mimetypes
    return request.values.get("format") == "html" or (
        not request.values.get("format") and accept.quality("text/html") > accept.quality("application/json")
        and accept.best_match(["application/sparql-results+json", "application/json", "text/html"]) == "text/html")


def wants_html_page() -> bool:
    """A browser asking for an explorer page gets the error as a page; the API and the endpoint get JSON."""
    if not has_request_context() or request.path.startswith(("/api/", "/sparql", "/store")):
        return False
    # a twin asked for by its suffix or ?format= (a JSON or CSV link followed in a browser): the error as data
    if request.path.endswith((".json", ".csv")) or request.args.get("format") in ("json", "csv"):
        return False
    accept = request.accept_mimetypes
    return accept.quality("text/html") > accept.quality("application/json") and "html" in accept.best_match(
        ["application/json", "text/html"], "")


def _in_french(exc: HTTPException) -> tuple[str, str]:
    """(French, English) messages for the HTTP errors that werkzeug raises with its own English text."""
    if exc.code == 404:
        return ("page introuvable : cette adresse n'est ni une page ni une ressource de Maillage",
                "page not found: this address is neither a page nor a resource of Maillage")
    if exc.code == 405:
        allowed = ", ".join(getattr(exc, "valid_methods", None) or [])
        french, english = (f" (acceptées : {allowed})", f" (allowed: {allowed})") if allowed else ("", "")
        return (f"méthode {request.method} non acceptée à cette adresse{french}",
                f"method {request.method} not allowed at this address{english}")
    french = {400: "requête incorrecte", 406: "aucun des formats demandés (Accept) n'est disponible",
              413: "requête trop volumineuse", 415: "type de contenu non pris en charge",
              429: "trop de requêtes : réessayez dans un instant"}.get(exc.code or 500)
    return (french or f"erreur HTTP {exc.code} : {exc.name}"), exc.description or exc.name


def syntax_messages(exc: QuerySyntaxError) -> tuple[str, str]:
    """The French and English messages of a query that does not parse, with its line and column: the endpoint's and
    ``maillage query``'s alike."""
    where = f" (ligne {exc.line}, colonne {exc.column})" if exc.line else ""
    where_en = f" (line {exc.line}, column {exc.column})" if exc.line else ""
    return f"requête SPARQL invalide{where} : {exc}", f"invalid SPARQL query{where_en}: {exc.message_en}"


def init_app(app: Flask) -> None:
    """Register the handlers that turn every exception into the one JSON shape."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.message_en, exc.headers, exc.meant, exc.see)

    @app.errorhandler(QuerySyntaxError)
    def _syntax(exc: QuerySyntaxError):
        return error_response(400, "bad-query", *syntax_messages(exc))

    @app.errorhandler(QueryRefused)
    def _refused(exc: QueryRefused):
        return error_response(400, "query-refused", exc.message, exc.message_en)

    @app.errorhandler(UnknownFormat)
    def _format(exc: UnknownFormat):
        what = {"RDF": "RDF ", "SPARQL results": "de résultats SPARQL "}.get(exc.what, "")
        known = ", ".join(exc.known)
        return error_response(406, "unknown-format", f"format {what}inconnu « {exc.key} » (possibles : {known}, ou "
                              "leurs types de média)", f"unknown {exc.what} format '{exc.key}' (known: {known}, or "
                              "their media types)")

    @app.errorhandler(QueryTimeout)
    def _timeout(exc: QueryTimeout):
        return error_response(503, "query-timeout",
                              f"requête arrêtée après {exc.seconds:g} s (limite de temps) : simplifiez-la ou "
                              "ajoutez une LIMIT", f"query stopped after {exc.seconds:g} s (time limit): "
                              "simplify it or add a LIMIT")

    @app.errorhandler(QueryWorkersBusy)
    def _busy(exc: QueryWorkersBusy):
        return error_response(503, "query-workers-busy",
                              f"toutes les requêtes en cours sont occupées depuis {exc.seconds:g} s : réessayez",
                              f"every query worker has been busy for {exc.seconds:g} s: try again")

    @app.errorhandler(QueryCrashed)
    def _crashed(exc: QueryCrashed):  # the engine's failure, not the store's: the store answers other queries
        app.logger.error("SPARQL engine failed on a query: %s", exc.reason)
        return error_response(500, "query-engine-failed",
                              "le moteur SPARQL a échoué sur cette requête (il s'est arrêté sans réponse) ; la base "
                              "répond aux autres : réécrivez-la, par exemple ORDER BY STR(?o) plutôt que ORDER BY ?o "
                              "sur des valeurs de types mêlés",
                              "the SPARQL engine failed on this query (it stopped without an answer); the store "
                              "answers the others: rewrite it, e.g. ORDER BY STR(?o) rather than ORDER BY ?o over "
                              "values of mixed types")

    @app.errorhandler(StoreError)
    def _store(exc: StoreError):
        app.logger.error("store unavailable: %s", exc)  # the detail (an address, the system's error) for the operator
        return error_response(503, "store-unavailable", *store_failure_said(exc),
                              {"Retry-After": str(RETRY_AFTER_S)})

    @app.errorhandler(RuntimeError)
    def _engine(exc: RuntimeError):
        if not is_store_damage(exc):
            return _bug(exc)
        app.logger.error("store damaged: %s", exc)  # the engine's words (a file, an offset) for the operator only
        return error_response(503, "store-unavailable", *STORE_DOWN, {"Retry-After": str(RETRY_AFTER_S)})

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        message = exc.description or exc.name
        french = message
        if message == type(exc).description:  # werkzeug's own English text: say it in French too
            french, message = _in_french(exc)
        # werkzeug's own headers (Allow of a 405: RFC 9110 §15.5.6 requires it), not its body's type
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        return error_response(exc.code or 500, exc.name.lower().replace(" ", "-"), french, message, headers)

    @app.errorhandler(Exception)
    def _bug(exc: Exception):
        app.logger.exception("internal error")
        return error_response(500, "internal-error", "erreur interne du serveur (elle a été journalisée)",
                              "internal server error (it has been logged)")
