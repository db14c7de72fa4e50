"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: queries for everyone, updates with the write token.

- query by GET, form POST or ``application/sparql-query`` POST; ``default-graph-uri``/``named-graph-uri``;
- results as JSON, XML, CSV, TSV; graphs as Turtle, JSON-LD, N-Triples, RDF/XML, TriG, N-Quads — chosen by
  ``format`` (or ``output``, which some clients send) then ``Accept``, the same formats either way; written by
  Oxigraph in a killable worker and streamed;
- without a query: the editor page for a browser, else the SPARQL 1.1 Service Description (Turtle by default);
- SPARQL Update by form POST (``update=``) or ``application/sparql-update``, only with ``Authorization: Bearer
  <write_token>``, through the store's writer;
- CORS for reads, on every answer of ``/sparql`` (its errors too: a page's script must be able to read why its
  query failed), and ``Vary: Accept`` on every answer (the editor, the results and the service description all
  depend on it).
"""

from __future__ import annotations

import codecs

from flask import Blueprint, Response, current_app, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID

from graph.formats import RDF_FORMATS, RESULTS_FORMATS, Format, rdf_format, results_format
from graph.querypool import Answer
from graph.sparql import check_query, check_update, unsupported_function
from graph.sparql_syntax import with_prologue
from webapp.errors import ApiError
from webapp.i18n import STRINGS
from webapp.links import ONTOLOGY, SHAPES
from webapp.named_queries import is_iri
from webapp.negotiation import accepted, best_format, media_types, not_acceptable
from webapp.resources import get_query_runner, get_store

bp = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
#: Media types of the W3C format registry (http://www.w3.org/ns/formats/) for the service description.
_W3C_FORMAT = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
               "rdfxml": "RDF_XML", "trig": "TriG", "nquads": "N-Quads"}
#: The graph formats of the Graph Store's answers and of the service description (a CONSTRUCT or DESCRIBE may also
#: be answered in TriG or N-Quads: every RDF format, by ``format=`` or ``Accept`` alike).
GRAPH_FORMATS = tuple(f for f in RDF_FORMATS if f.name in ("turtle", "jsonld", "ntriples", "rdfxml"))
READ_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Content-Type, Accept",
             "Access-Control-Expose-Headers": "X-Maillage-Rows, X-Maillage-Truncated"}


def graph_exists(iri: str) -> bool:
    """True when the store holds the named graph ``iri`` (one ASK, the IRI bound, not formatted in); False for a
    text that no IRI is (the store's graphs all have one)."""
    if not is_iri(iri):
        return False
    result = get_store().query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(iri)})
    return bool(result.boolean)


def _body_text() -> str:
    """The request's body as text, in the charset its Content-Type declares (UTF-8 by default, as the Protocol
    says); raises ApiError (400) for bytes that are not in it, or a charset that Python does not know, rather than
    run a query whose letters became U+FFFD."""
    charset = request.mimetype_params.get("charset", "utf-8").strip().lower()
    try:
        codecs.lookup(charset)
    except LookupError:
        raise ApiError(f"jeu de caractères inconnu « {charset[:40]} » : envoyez la requête en UTF-8",
                       f"unknown charset '{charset[:40]}': send the request in UTF-8", code="bad-encoding") from None
    try:
        # a byte order mark (a file saved on Windows, then posted) is no SPARQL: UTF-8's is dropped as UTF-16's is
        return request.get_data().decode("utf-8-sig" if codecs.lookup(charset).name == "utf-8" else charset)
    except UnicodeDecodeError as exc:
        raise ApiError(f"corps de la requête illisible en {charset} (octet {exc.start}) : encodez le texte en UTF-8",
                       f"request body not valid {charset} (byte {exc.start}): encode the text in UTF-8",
                       code="bad-encoding") from None


def _operation() -> tuple[str | None, str | None]:
    """Return ("query" | "update" | None, text) from the request, as the Protocol allows them."""
    if request.method == "POST":
        if request.mimetype == "application/sparql-query":
            return "query", _body_text()
        if request.mimetype == "application/sparql-update":
            return "update", _body_text()
        if "update" in request.form and "query" in request.values:  # the Protocol: one operation a request
            raise ApiError("« query » et « update » dans la même requête : envoyez l'une ou l'autre",
                           "'query' and 'update' in the same request: send one or the other", code="bad-request")
        if "update" in request.form:
            return "update", request.form["update"]
        if request.content_length and request.mimetype not in ("application/x-www-form-urlencoded",
                                                               "multipart/form-data"):
            raise ApiError(f"type de contenu « {request.mimetype} » non accepté : une requête SPARQL s'envoie en "
                           "application/sparql-query, une mise à jour en application/sparql-update, ou en "
                           "formulaire (query=, update=)",
                           f"content type '{request.mimetype}' not accepted: send a query as application/sparql-query,"
                           " an update as application/sparql-update, or as a form (query=, update=)",
                           status=415, code="unsupported-media-type")
    elif "update" in request.args:  # the Protocol sends updates by POST only: never the service description here
        raise ApiError("une mise à jour SPARQL s'envoie en POST (application/sparql-update, ou formulaire update=), "
                       "jamais en GET", "a SPARQL update is sent by POST (application/sparql-update, or an update= "
                       "form), never by GET", code="update-by-get")
    if len(request.values.getlist("query")) > 1:  # the Protocol allows exactly one
        raise ApiError("paramètre « query » donné plusieurs fois : une requête à la fois",
                       "'query' parameter given more than once: one query at a time", code="bad-request")
    text = request.values.get("query")
    if text is not None:
        if not text.strip():
            raise ApiError("paramètre « query » vide", "empty 'query' parameter", code="missing-query")
        return "query", text
    if request.method == "POST":  # the service description and the editor answer GET; a POST carries an operation
        raise ApiError("requête POST sans requête SPARQL : envoyez-la en application/sparql-query, ou en formulaire "
                       "(query=)", "POST without a SPARQL query: send it as application/sparql-query, or as a form "
                       "(query=)", code="missing-query")
    return None, None


#: Other spellings of ``format=`` that clients send, beside the formats' names, media types and extensions:
#: SPARQLWrapper's return formats (``rdf+xml``, ``json`` for JSON-LD, ``n3``), and short media types.
_FORMAT_SPELLINGS = {
    "graph": {"rdf+xml": "rdfxml", "rdf/xml": "rdfxml", "json": "jsonld", "ld+json": "jsonld", "n3": "turtle",
              "text/n3": "turtle", "n-triples": "ntriples"},
    "results": {"sparql-results+json": "json", "sparql-results+xml": "xml", "text/xml": "xml",
                "tab-separated-values": "tsv"},
}


def _spelling(value: str) -> str:
    """A ``format=`` value as looked up: lower case, without media type parameters ("; charset=utf-8")."""
    return value.split(";")[0].strip().lower()


#: Every format the endpoint answers in, of either kind of result.
_ANY_FORMAT = media_types((*RESULTS_FORMATS, *RDF_FORMATS))
#: The query forms of each kind of result, in French and in English, for the 406 of a format that fits none.
_FORM_NAMES = {"select": ("SELECT", "SELECT"), "ask": ("ASK", "ASK"),
               "graph": ("CONSTRUCT ou DESCRIBE", "CONSTRUCT or DESCRIBE")}


def negotiate(kind: str) -> Format | None:
    """The format to answer a ``kind`` result in; None means the HTML table (a browser, or ``format=html``)."""
    table = RDF_FORMATS if kind == "graph" else RESULTS_FORMATS  # those that ``format=`` takes: Accept gets them too
    wanted = request.values.get("format") or request.values.get("output")
    if wanted:
        if wanted == "html":
            return None
        lookup = rdf_format if kind == "graph" else results_format
        spellings = _FORMAT_SPELLINGS["graph" if kind == "graph" else "results"]
        return lookup(spellings.get(_spelling(wanted), _spelling(wanted)))
    accept = accepted()
    if accept.best_match([*media_types(table), "text/html"]) == "text/html":
        return None
    if accept and not accept.best_match(media_types(table)):
        # nothing asked for is a format of the query's form (CSV for a CONSTRUCT, Turtle for a SELECT, an image, or
        # ours at q=0): a 406 that lists those of the form. An answer in a format not asked for (Turtle to a client
        # that reads CSV only) is a body that the client cannot read, under a 200.
        raise not_acceptable(table, _FORM_NAMES[kind])
    return best_format(table, accept)


@bp.route("/sparql", methods=["GET", "POST"], provide_automatic_options=False)
def sparql():
    """Answer a SPARQL query (or, with the token, an update) over the union of the named graphs."""
    operation, text = _operation()
    if operation == "update":
        return _update(text)
    if operation is None:
        accept = accepted()
        if accept.best_match(["text/turtle", "text/html"]) == "text/html" \
                and accept.quality("text/html") > accept.quality("text/turtle"):
            from webapp.editor import editor_page

            return editor_page()
        return service_description()
    if _for_the_editor():  # the editor declares the contract's prefixes, as the CLI does: its form's and its links'
        text = with_prologue(text)
    config = current_app.config["MAILLAGE"]
    _check_graph_parameters()
    plan = check_query(text, config["max_rows"], graph_exists, request.values.getlist("default-graph-uri"),
                       request.values.getlist("named-graph-uri"))
    fmt = negotiate(plan.kind)
    if fmt is None:
        from webapp.editor import editor_page

        return editor_page(text, plan, error=_vocabulary_note(text))
    answer = get_query_runner().run(plan, fmt.name)
    response = Response(answer_body(answer), mimetype=fmt.media_type)
    if fmt.media_type.startswith("text/"):
        response.mimetype_params["charset"] = "utf-8"
    if answer.rows is not None:
        response.headers["X-Maillage-Rows"] = str(answer.rows)
    response.headers["X-Maillage-Truncated"] = "true" if answer.truncated else "false"
    return response  # CORS and Vary: see _every_answer


def _for_the_editor() -> bool:
    """Whether a query is answered with the editor's page: its form's ``format=html``, or an Accept that prefers HTML
    to every format of ours (a browser that opens a shared link ``/sparql?query=…``); the protocol's clients get
    the query run as they sent it."""
    wanted = request.values.get("format") or request.values.get("output")
    if wanted:
        return wanted == "html"
    return accepted().best_match([*_ANY_FORMAT, "text/html"]) == "text/html"


def answer_body(answer: Answer):
    """The body of a response that carries ``answer``: its chunks, streamed; for HEAD, read at once, so that its worker
    is given back now (a server closes a HEAD's body unread, and a worker with chunks left is then killed and
    replaced). A HEAD runs its query all the same: the GET's headers, its rows and truncation, are known only then."""
    return answer.read() if request.method == "HEAD" else answer.chunks


def _vocabulary_note(text: str) -> str | None:
    """What the editor says above the results of a query that names ``mai:`` terms that the vocabulary does not
    have (« mai:Acteur n'est pas un terme du vocabulaire ; vouliez-vous dire mai:Actor ? »): a pattern that names
    one matches nothing, silently."""
    from graph.sparql_text import vocabulary_note
    from webapp.i18n import get_lang

    note = vocabulary_note(text)
    return None if note is None else note[get_lang() == "en"].replace("\n", " ")


def _check_graph_parameters() -> None:
    """Refuse (400) a ``default-graph-uri`` or ``named-graph-uri`` that is not an IRI, saying which."""
    for name in ("default-graph-uri", "named-graph-uri"):
        for value in request.values.getlist(name):
            if not is_iri(value):
                raise ApiError(f"« {name} » doit être une IRI absolue (http://, https:// ou urn:, sans espace ni "
                               f"<>\"{{}}|^`) : « {value[:80]} »", f"'{name}' must be an absolute IRI (http://, "
                               f"https:// or urn:, with no space nor <>\"{{}}|^`): '{value[:80]}'", code="bad-iri")


@bp.after_app_request
def _every_answer(response: Response) -> Response:
    """Give every answer of ``/sparql`` the read CORS headers and ``Vary: Accept``, its errors included (and every
    read of the Graph Store, whose answers carry them)."""
    if request.path == "/sparql" or (request.path == "/store" and request.method in ("GET", "HEAD")):
        for name, value in READ_CORS.items():
            response.headers.setdefault(name, value)
        response.vary.add("Accept")
    return response


#: What an OPTIONS of /sparql answers besides the read CORS headers: the methods of the route, and how long a browser
#: may keep a preflight's answer (they never change while the server runs; browsers cap it, Chromium at 2 h).
OPTIONS_HEADERS = {"Allow": "GET, HEAD, POST, OPTIONS", "Access-Control-Max-Age": "86400"}


@bp.route("/sparql", methods=["OPTIONS"])
def preflight():
    """Answer OPTIONS: the methods allowed, and a CORS preflight for reads."""
    response = Response(status=204, headers={**READ_CORS, **OPTIONS_HEADERS})
    del response.headers["Content-Type"]  # no content: werkzeug's default type (text/html) would describe none
    return response


def check_write_token(action: str, what: dict) -> str:
    """Refuse the request unless it carries ``Authorization: Bearer <write_token>``; return the token.

    The comparison is in constant time and refusals are logged (:func:`webapp.upload.require_token`).
    """
    from webapp.upload import require_token

    return require_token(action, what)


def _update(text: str) -> Response:
    from webapp.upload import log_write

    what = {"update": text[:500]}
    token = check_write_token("sparql-update", what)
    check_update(text, graph_exists)
    try:
        with get_store().writer() as writer:
            writer.update(text)
    except RuntimeError as exc:  # a function the engine does not know, in an operation that check_update did not plan
        if (refused := unsupported_function(exc)) is None:
            raise
        log_write("sparql-update", what, "refused: unsupported function", token)
        raise refused from None
    log_write("sparql-update", what, "ok", token)
    return Response(status=204)


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in the RDF format the client asks (Turtle)."""
    endpoint = URIRef(request.base_url)
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS_NS)
    service = URIRef(request.base_url + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if current_app.config["MAILLAGE"]["write_token"]:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    # The default graph is the union of the named graphs (DESIGN.md), as the feature says, a set as in an RDF merge
    # (graph/sparql_union.py makes the engine's bag answer so): the comment says so.
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in (*RESULTS_FORMATS, *RDF_FORMATS):
        graph.add((service, SD.resultFormat, FORMATS_NS[_W3C_FORMAT[fmt.name]]))
    config = current_app.config["MAILLAGE"]
    union_fr, union_en = STRINGS["sparql_union_set"]
    for text, lang in ((f"Limites : {config['query_timeout']:g} s par requête, {config['max_rows']} lignes ; "
                        f"SERVICE, LOAD et FROM hors de la base sont refusés. {union_fr}", "fr"),
                       (f"Limits: {config['query_timeout']:g} s per query, {config['max_rows']} rows; SERVICE, "
                        f"LOAD and FROM outside the store are refused. {union_en}", "en")):
        graph.add((service, RDFS.comment, Literal(text, lang=lang)))
    _describe_dataset(graph, service)
    wanted = request.values.get("format")
    fmt = rdf_format(_FORMAT_SPELLINGS["graph"].get(_spelling(wanted), _spelling(wanted))) if wanted \
        else _description_format()
    body = graph.serialize(format=fmt.rdflib_name, encoding="utf-8")
    return Response(body, mimetype=fmt.media_type, headers=READ_CORS)


def _describe_dataset(graph: Graph, service: URIRef) -> None:
    """Say what the default dataset holds: the terms of the ontology (``void:vocabulary``), the SHACL shapes that
    every ingest checks it against (``dcterms:conformsTo``), and where this server serves both."""
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, VOID.vocabulary, URIRef(ONTOLOGY)))
    graph.add((dataset, DCTERMS.conformsTo, URIRef(SHAPES)))
    for path in ("ontology", "shapes"):
        graph.add((dataset, RDFS.seeAlso, URIRef(request.url_root + path)))


def _description_format() -> Format:
    """The format of the service description that the Accept header prefers (Turtle by default); a 406 when it names
    none of them, as a resource's page answers (an image, or only a results format). One that it refuses
    (``text/turtle;q=0``) gives the first of the others, as :func:`best_format` does."""
    accept = accepted()
    types = media_types(GRAPH_FORMATS)
    if request.headers.get("Accept", "").strip() and not any(t in accept for t in types):
        raise not_acceptable(GRAPH_FORMATS)
    return best_format(GRAPH_FORMATS, accept)
