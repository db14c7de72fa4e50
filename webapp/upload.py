"""Authenticated upload: a page and an endpoint that ingest a file exactly as ``maillage ingest`` does.

``GET /upload`` shows the form; ``POST /upload`` (form, token in the ``token`` field) and ``POST /api/upload``
(``Authorization: Bearer <token>``, multipart field ``file``) ingest it. The token is the ``write_token`` setting,
compared in constant time; with no token configured, writes are disabled.

The file goes through :func:`graph.ingest.pipeline.ingest_paths` and the index is then updated as the CLI's
``_after_ingest`` does — in a separate process under the limits of :mod:`graph.limits` (address space, CPU time, a
wall-clock timeout), so that a hostile file cannot take a web worker down with it. Every write attempt, refused or
not, is logged with who (token id, remote address) and what (file, size, sha256, result, and why a file was not
stored): to the ``maillage.writes`` logger and, one JSON line each, to ``{data_dir}/logs/writes.jsonl``. A stored
file's page and answer then say what it was read as, with links (:mod:`webapp.upload_read`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import multiprocessing
import tempfile
import unicodedata
from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template, request

from webapp.errors import ApiError
from webapp.i18n import get_lang, pick

bp = Blueprint("upload", __name__)
log = logging.getLogger("maillage.writes")

#: What an upload's summary holds for the page and the log, not for the API's answer.
PAGE_ONLY = ("failure", "reason", "previous_version", "kept_violations")
#: Seconds an upload's ingest may take before its process is killed (the slowest real file takes under 60 s).
INGEST_TIMEOUT_S = 600


# --- who may write, and the log of writes ------------------------------------------------------------------------


def token_id(token: str) -> str:
    """A short, stable, non-secret name of a token for the logs (the first 8 hex digits of its sha256)."""
    return hashlib.sha256(token.encode()).hexdigest()[:8] if token else "-"


def authorised(given: str) -> bool:
    """Whether ``given`` is the configured write token (constant-time comparison; never with no token set)."""
    token = current_app.config["MAILLAGE"]["write_token"]
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def given_token() -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.form.get("token", "") if request.mimetype == "multipart/form-data" else ""


def log_write(action: str, what: dict, result: str, token: str = "", reason: str | None = None) -> None:
    """Record one write attempt: who (token id, remote address), what, and its result (and, for a file that was not
    stored, why: :func:`failure_reason`)."""
    entry = {"time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "action": action,
             "token": token_id(token) if token and authorised(token) else ("invalid" if token else "-"),
             "remote": request.remote_addr, **what, "result": result}
    if reason:
        entry["reason"] = reason
    log.info("write %s", json.dumps(entry, ensure_ascii=False))
    path = Path(current_app.config["MAILLAGE"]["data_dir"]) / "logs" / "writes.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


def token_variable() -> str:
    """The environment variable that sets the write token (the ``write_token`` setting's)."""
    from webapp.settings import SETTINGS

    return next(s.env for s in SETTINGS if s.name == "write_token")


def require_token(action: str, what: dict) -> str:
    """Return the token of the request, or log the refusal and raise 401/403."""
    token = given_token()
    if not current_app.config["MAILLAGE"]["write_token"]:
        log_write(action, what, "refused: writes disabled", token)
        variable = token_variable()
        raise ApiError(f"les écritures sont désactivées : aucun jeton d'écriture configuré (variable "
                       f"d'environnement {variable} du serveur) ; sur le serveur, « maillage ingest FICHIER » "
                       "charge un fichier",
                       f"writes are disabled: no write token configured (the server's {variable} environment "
                       "variable); on the server, 'maillage ingest FILE' loads a file", status=403,
                       code="writes-disabled")
    if not authorised(token):
        log_write(action, what, "refused: bad token", token)
        # RFC 9110 §15.5.2: a 401 names its scheme (a token goes as a bearer, RFC 6750)
        raise ApiError("jeton d'écriture absent ou invalide", "missing or invalid write token", status=401,
                       code="unauthorized", headers={"WWW-Authenticate": 'Bearer realm="maillage"'})
    return token


# --- the ingest, in a process of its own ---------------------------------------------------------------------------


def ingest_file(config: dict, path: str, kind: str | None, strict: bool, lang: str = "fr",
                funder: str | None = None) -> dict:
    """Ingest one file and update the index, as ``maillage ingest`` does (``funder``: its ``--funder``); return a
    summary, its lines in ``lang`` (runs in the child)."""
    from graph.ingest.base import InputError, is_internal
    from graph.ingest.pipeline import ingest_paths
    from graph.limits import limit_process
    from graph.store import open_store
    from webapp.reports import format_failure, format_report, stored_as_refused
    from webapp.settings import store_config
    from webapp.upload_result import for_the_form

    limit_process()
    store = open_store(store_config(config))
    options = {"funder": funder} if funder else None
    stored = _stored(store, path, config, options)
    summary: dict = {"status": "failed", "lines": [], "previous_version": stored is not None}

    def on_report(report, error, file):
        name = Path(file.name)
        if isinstance(error, InputError) and is_internal(error.issue):  # a bug: logged by the parent, answered 500
            summary.update(status="error", lines=[format_failure(name, error, lang)])
            return
        if error is not None:
            said = [for_the_form(format_failure(name, error, language)) for language in ("fr", "en")]
            summary.update(status="refused" if hasattr(error, "report") else "failed", failure=said,
                           reason=failure_reason(file.name, error),
                           kept_violations=stored_as_refused(error, file, stored))
            summary["lines"].append(said[lang == "en"])
            return
        summary.update(status=report.status, kind=report.kind, triples=report.triples, **severity_counts(report),
                       source=str(report.source) if report.source else None)
        summary["lines"].append(for_the_form(format_report(report, lang, cut=False)))
        if report.status == "stored":
            from search.indexer import update_index

            update_index(store, config, report.touched)

    from search.index_layout import note_pending

    ingest_paths(store, [Path(path)], kind=kind, strict=strict, base=config["base"], on_report=on_report,
                 options=options,
                 before_publish=lambda touched: note_pending(config, touched))  # as `maillage ingest` does
    return summary


def _stored(store, path: str, config: dict, options: dict | None) -> str | None:
    """The sha256 of the version of the source that the file at ``path`` is ingested as, if the store holds one: the
    page says what became of it (replaced, or kept when the file is not stored, with its violations when it is this
    very file that « Strict » refused)."""
    from graph.ingest.base import source_iri
    from graph.ingest.sources import stored_sha256

    return stored_sha256(store.query, source_iri(Path(path), config["base"], options))


def severity_counts(report) -> dict[str, int]:
    """A stored file's issues counted by severity, as its report lists them: its errors (the rows or facts its
    reading rejected, each an « erreur » of the report) and the rows they were on (``rejected_rows``, the summary's
    « lignes rejetées »: a script that reads the counts sees a list that lost rows), its SHACL violations, its warnings
    (its reading's and its SHACL warnings: :func:`webapp.reports.file_warnings`) and its infos (its reading's and
    its SHACL infos, which ``maillage ingest --verbose`` lists)."""
    from webapp.reports import file_warnings

    return {"errors": len(report.errors), "rejected_rows": report.stats.get("rows_rejected", 0),
            "violations": sum(v.severity == "Violation" for v in report.violations),
            "warnings": file_warnings(report),
            "infos": sum(v.severity == "Info" for v in report.violations)
            + sum(i.level == "Info" for i in report.issues)}


def failure_reason(name: str, error) -> str:
    """Why a file was not stored, for the log of writes: the first line of what the ingest said, in English, with the
    file's name and line but not the field and value it quotes (the log keeps no content of the file).

    >>> from graph.ingest.base import InputError
    >>> failure_reason("f.csv", InputError("montant illisible", line=4, field="montant", value="12,5,0",
    ...                                    message_en="unreadable amount"))
    'f.csv:4: error: unreadable amount'
    """
    from dataclasses import replace

    from graph.ingest.base import InputError
    from webapp.reports import format_failure

    if isinstance(error, InputError):
        return replace(error.issue, field=None, value=None).format(name, "en")
    return format_failure(Path(name), error, "en").splitlines()[0]


def failed(fr: str, en: str, lang: str) -> dict:
    """The summary of an ingest that stopped before it said anything of the file: why, in French and English."""
    return {"status": "failed", "lines": [en if lang == "en" else fr], "failure": [fr, en], "reason": en}


def store_busy(exc, lang: str) -> dict:
    """The summary of an ingest that could not take the store's write lock (``exc``, a StoreBusyError that names
    its holder): the store is busy, not the file at fault, and the client is to retry."""
    said = [f"fichier non enregistré : {exc}", f"file not stored: {exc.message_en}"]
    return {"status": "busy", "lines": [said[lang == "en"]], "failure": said, "reason": f"store busy: {exc.message_en}"}


def _child(conn, config, path, kind, strict, lang, funder) -> None:
    from graph.store import StoreBusyError

    try:
        conn.send(ingest_file(config, path, kind, strict, lang, funder))
    except StoreBusyError as exc:  # another writer held the store past lock_timeout: a 503, not a bug of ours
        conn.send(store_busy(exc, lang))
    except MemoryError:
        conn.send(failed("mémoire épuisée : fichier refusé", "memory exhausted: file refused", lang))
    except BaseException as exc:  # the parent logs it; the child must not die silently
        conn.send({"status": "error", "lines": [f"{type(exc).__name__}: {exc}"]})
    finally:
        conn.close()


def run_ingest(config: dict, path: Path, kind: str | None, strict: bool, lang: str = "fr",
               funder: str | None = None) -> dict:
    """Run :func:`ingest_file` in a fresh process; kill it past INGEST_TIMEOUT_S."""
    context = multiprocessing.get_context("spawn")  # never fork a multi-threaded web worker
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, dict(config), str(path), kind, strict, lang, funder))
    process.start()
    child.close()
    try:
        if parent.poll(INGEST_TIMEOUT_S):
            return parent.recv()
        return failed(f"ingestion arrêtée après {INGEST_TIMEOUT_S} s", f"ingest stopped after {INGEST_TIMEOUT_S} s",
                      lang)
    except EOFError:
        return failed("l'ingestion s'est arrêtée (limite de mémoire ou de temps atteinte)",
                      "the ingest stopped (memory or time limit reached)", lang)
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()


class StoreBusy(ApiError):
    """Another writer held the store while an upload waited for it (``lock_timeout``): 503, to retry later;
    ``upload``: the file and its summary, for the form's page."""

    status, code = 503, "store-busy"

    def __init__(self, message: str, message_en: str, upload: dict):
        from webapp.errors import RETRY_AFTER_S

        super().__init__(message, message_en, headers={"Retry-After": str(RETRY_AFTER_S)})
        self.upload = upload


# --- the views -------------------------------------------------------------------------------------------------------


def upload_name(given: str) -> str:
    """The name an uploaded file is ingested under: its own, accents and spaces kept (the same name as ``maillage
    ingest`` gives, the same source: a new version replaces the old one), without its folders, control characters
    or leading dots; '' when nothing is left.

    >>> upload_name("C:\\\\Users\\\\léa\\\\subventions été 2024.csv"), upload_name("../../.bashrc"), upload_name("..")
    ('subventions été 2024.csv', 'bashrc', '')
    """
    name = unicodedata.normalize("NFC", given.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(". ")
    while len(name.encode()) > 200:  # a file system's bound on a name, with room for the folder's
        name = name[:-1]
    return name


def _receive() -> tuple[dict, object]:
    upload = request.files.get("file")
    name = upload_name(upload.filename or "") if upload else ""
    what = {"file": name or None}
    return what, (upload if name else None)


def _ingest_upload(action: str):
    # The token is checked before the body is parsed when it comes in a header (the API): a client without it
    # never gets its file read.
    token = require_token(action, {"file": None}) if request.headers.get("Authorization") else None
    what, upload = _receive()
    token = token or require_token(action, what)
    if upload is None:
        log_write(action, what, "refused: no file", token)
        raise ApiError("aucun fichier reçu (champ « file »)", "no file received ('file' field)", code="no-file")
    config = current_app.config["MAILLAGE"]
    data = upload.read()
    what.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    kind = request.form.get("kind") or None
    strict = request.form.get("strict") in ("1", "true", "on")
    funder = (request.form.get("funder") or "").strip() or None
    with tempfile.TemporaryDirectory(prefix="maillage-upload-") as folder:
        path = Path(folder) / what["file"]  # same file name, same source graph as `maillage ingest`
        path.write_bytes(data)
        summary = run_ingest(config, path, kind, strict, get_lang(), funder)
    if summary["status"] == "busy":
        log_write(action, what, "refused: store busy", token, summary["reason"])
        raise StoreBusy(*summary["failure"], upload={**what, **summary})
    if summary["status"] == "error":
        log_write(action, what, "error: " + summary["lines"][0], token)
        current_app.logger.error("upload of %s failed: %s", what["file"], summary["lines"][0])
        raise ApiError("erreur interne pendant l'ingestion (elle a été journalisée)",
                       "internal error during ingest (it has been logged)", status=500, code="internal-error")
    log_write(action, what, summary["status"], token, summary.get("reason"))
    if summary["status"] == "stored" and summary.get("source"):
        from webapp.upload_read import what_was_read

        summary["read"] = what_was_read(summary["source"])
    return what, summary


@bp.context_processor
def kind_choices() -> dict:
    """The kinds that the form offers (``kind_choices``: each one's name and label in the page's language): those of
    the registry (:func:`graph.ingest.kinds`), so that a new kind is offered with no change here, in its order — a
    deliberation, then the tables —, RDF last: a format that anyone's data may take rather than a kind of civic
    document, which the registry lists first only to detect it first."""
    from graph.ingest import kinds

    listed = sorted(kinds().values(), key=lambda kind: kind.name == "rdf")
    return {"kind_choices": [(kind.name, pick(kind.label, kind.label_en)) for kind in listed]}


@bp.context_processor
def result_words() -> dict:
    """How the page words an upload's result (:mod:`webapp.upload_result`), in its language."""
    from webapp.upload_result import outcome, report_parts

    return {"upload_outcome": lambda result: outcome(result, get_lang()), "upload_report": report_parts}


@bp.get("/upload")
def form():
    """Show the upload form."""
    return render_template("upload.html", result=None, token_variable=token_variable())


@bp.post("/upload")
def upload_page():
    """Ingest the uploaded file (token in the form) and show what happened."""
    try:
        what, summary = _ingest_upload("upload")
    except StoreBusy as exc:  # said in the page, as the form's other outcomes are
        return (render_template("upload.html", result=exc.upload, token_variable=token_variable(),
                                chosen=request.form), exc.status, exc.headers)
    except ApiError as exc:
        if exc.status != 401:
            raise
        return refused_form(exc)
    status = 200 if summary["status"] in ("stored", "unchanged") else 422
    return render_template("upload.html", result={**what, **summary}, token_variable=token_variable(),
                           chosen=request.form), status


def refused_form(error: ApiError):
    """The form again after a wrong token, 401 kept: the error beside the token field, the options as chosen (a
    separate error page lost them, and its only link led home)."""
    page = render_template("upload.html", result=None, token_variable=token_variable(), chosen=request.form,
                           token_error=pick(error.message, error.message_en))
    return page, error.status, error.headers


@bp.post("/api/upload")
def upload_api():
    """Ingest the uploaded file (``Authorization: Bearer``) and return the ingest summary as JSON."""
    what, summary = _ingest_upload("upload")
    if summary["status"] not in ("stored", "unchanged"):
        said, said_en = summary.get("failure") or [summary["status"]] * 2
        raise ApiError(f"fichier non enregistré : {said}", f"file not stored: {said_en}", status=422,
                       code="ingest-failed")
    return jsonify({**what, **{k: v for k, v in summary.items() if k not in PAGE_ONLY}})
