"""The grants as an SCDL subventions file, from the web explorer: ``/funding/scdl.csv`` is what ``maillage export
--format scdl`` writes (UTF-8 without a byte order mark, commas, CRLF, as the schema requires), ``?excel=1`` the same
rows as a spreadsheet set to the page's language opens them with a double click, ``?funder=`` one funder's grants
only; ``/funding/scdl`` (and its JSON twin) says what the file leaves out and why, and the cells it writes with a
stand-in, as the command's summary does. The file itself keeps the schema's columns and nothing else: what it leaves out
is said beside each link to it (:func:`left_out_note`: an officer downloaded a file of headers only, the reason on
another page) and counted in its ``X-Maillage-Skipped`` header.

The export's query reads every grant (22,064 at 100k actors: 7.9 s on the command line), so it runs in the killable
query workers, under the time limit of the users' queries (:func:`graph.querypool.QueryPool.run`): past it, the
request gets a 503 that points to the command line, and no web thread is held.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, request
from rdflib import URIRef

from graph.export import write_scdl
from graph.french_text import counted
from graph.namespaces import sparql_prologue
from graph.scdl_export_query import GRANTS
from graph.scdl_export_summary import scdl_summary
from graph.sparql import QueryPlan, QueryTimeout
from webapp.api_parameters import check_known
from webapp.cache import get_cache, kept_for
from webapp.errors import ApiError
from webapp.i18n import get_lang, t
from webapp.named_queries import Parameter
from webapp.query_parameters import resolve_name
from webapp.rendering import (SPREADSHEET_CONVENTIONS, download_name, render_page, spreadsheet_safe,
                              spreadsheet_text, wants_excel)
from webapp.resources import get_query_runner

bp = Blueprint("scdl", __name__)

#: The funder whose grants alone are written (``?funder=``): its IRI, or its name as the named queries take it.
FUNDER_PARAMETER = Parameter("funder", "iri", "Financeur (nom ou IRI)", "Funder (name or IRI)", optional=True,
                             values=("search", "actor"))
#: The columns written as numbers in the spreadsheet variant (a decimal comma in French), and as a date.
_NUMBERS = ("montant", "pourcentageSubvention")
_DATES = ("dateConvention",)
#: Why the file leaves a grant out, as said beside the links to it, and what to do about it: the reason's key in
#: :data:`graph.scdl_export_rows.SKIPPED_BECAUSE` -> ((why, what to do) in French, the same in English).
LEFT_OUT = {
    "funder-siret": (("l'attribuant n'a pas de SIRET valide", "donnez-le par l'extrait SIRENE de son établissement, "
                      "ou par « --funder \"NOM;SIRET\" » à l'import de ses subventions"),
                     ("the funder has no valid SIRET", "give it through the SIRENE extract of its establishment, or "
                      "through `--funder \"NAME;SIRET\"` when ingesting its grants")),
    "date": (("ni date de convention ni date de décision", "donnez-en une dans la source (colonne dateConvention)"),
             ("no convention nor decision date", "give one in the source (dateConvention column)")),
    "beneficiary-id": (("le bénéficiaire n'a ni SIRET ni numéro RNA (W + 9 chiffres)",
                        "donnez-en un dans la source, ou par un extrait SIRENE ou RNA qui le nomme"),
                       ("the beneficiary has no SIRET nor RNA number (W + 9 digits)",
                        "give one in the source, or through a SIRENE or RNA extract that names it")),
    "beneficiary-name": (("le bénéficiaire n'a pas de nom", "nommez-le dans la source"),
                         ("the beneficiary has no name", "name it in the source")),
    "repeated": (("en double d'une ligne écrite", "rien à faire : une subvention que plusieurs sources publient est "
                  "écrite une fois"), ("the same as a line written", "nothing to do: a grant that several sources "
                                       "publish is written once")),
}


@bp.get("/funding/scdl.csv")
def scdl_file():
    """Download the grants as an SCDL subventions v2.1.1 CSV (``?excel=1``: for a spreadsheet; ``?funder=``)."""
    check_known(("funder", "excel"))
    funder = _funder_arg()
    data, counts = _export(funder)
    if wants_excel():
        data = for_spreadsheet(data, *SPREADSHEET_CONVENTIONS[get_lang()])
    response = Response(data, mimetype="text/csv")
    name = download_name(t("file_scdl"), str(funder).rstrip("/").rsplit("/", 1)[-1] if funder else None)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}{"-excel" * wants_excel()}.csv"'
    # what the file leaves out, counted where a script reads it; /funding/scdl says why
    response.headers["X-Maillage-Written"] = str(counts["written"])
    response.headers["X-Maillage-Skipped"] = str(counts["skipped"])
    return response


@bp.get("/funding/scdl")
@bp.get("/funding/scdl.json")
def scdl_report():
    """Say what the SCDL file of the grants holds, what it leaves out and why, with links to download it."""
    check_known(("funder",))
    funder = _funder_arg()
    counts = export_counts(funder)
    lines = scdl_summary(counts, get_lang(), verbose=True).splitlines()
    data = {"funder": str(funder) if funder else None, "written": counts["written"], "skipped": counts["skipped"],
            "note": left_out_note(counts, get_lang()), "summary": [line.strip() for line in lines], "counts": counts}
    return render_page("scdl.html", data, indents=[len(line) - len(line.lstrip()) for line in lines])


def export_status() -> dict | None:
    """What the funding page says beside its link to the SCDL file of every grant: the grants written, those left
    out, and :func:`left_out_note`; None when the export went past the queries' time limit (the link stays, and
    ``/funding/scdl`` says to run the command)."""
    try:
        counts = export_counts()
    except ApiError as exc:
        if exc.code != "query-timeout":
            raise
        return None
    return {"written": counts["written"], "skipped": counts["skipped"], "note": left_out_note(counts, get_lang())}


def export_counts(funder: URIRef | None = None) -> dict:
    """The SCDL export's counts (:func:`graph.export.write_scdl`) of the grants (``funder``'s only, when given), once
    per published state of the store (:mod:`webapp.cache`): the export reads every grant (seconds at 100k actors),
    and the funding page says its counts; pinned for every funder's, which the page's warm-up computes."""
    state = kept_for()
    if state is None:
        return _export(funder)[1]
    return get_cache().get_or_compute(state, ("scdl-counts", str(funder)), lambda: [_export(funder)[1]],
                                      pin=funder is None)[0]


def left_out_note(counts: dict, lang: str = "fr") -> str:
    """What the SCDL file holds, said beside the links to it, in ``lang``: the grants written, those left out, why
    and what to do (:data:`LEFT_OUT`), each reason's count given when there are several.

    >>> print(left_out_note({"written": 0, "skipped": 1, "because": {"funder-siret": 1}}))
    0 subvention exportée ; 1 omise : l'attribuant n'a pas de SIRET valide — donnez-le par l'extrait SIRENE ...
    >>> print(left_out_note({"written": 2, "skipped": 3, "because": {"date": 1, "repeated": 2}}, "en"))
    2 grants exported; 3 left out: no convention nor decision date (1) — give one in the source (dateConvention
    column); the same as a line written (2) — nothing to do: a grant that several sources publish is written once
    """
    en = lang == "en"
    written = (f"{counted(counts['written'], 'grant', lang='en')} exported" if en
               else counted(counts["written"], "subvention exportée", "subventions exportées"))
    if not counts["skipped"]:
        return written
    several = len(counts["because"]) > 1
    reasons = [f"{why}{f' ({n})' if several else ''} — {fix}" for reason, n in counts["because"].items()
               for why, fix in [LEFT_OUT[reason][en]]]
    if en:
        return f"{written}; {counts['skipped']} left out: {'; '.join(reasons)}"
    return f"{written} ; {counted(counts['skipped'], 'omise')} : {' ; '.join(reasons)}"


def _funder_arg() -> URIRef | None:
    """The funder of ``?funder=``: its IRI, or that of the one actor that funds a grant among those it names, by
    name, SIRET, SIREN or RNA number, as on /api/grants (ApiError, 400, for none or several)."""
    from webapp.grant_parties import FUNDERS
    from webapp.queries_pages import web_lookup

    raw = (request.args.get("funder") or "").strip()
    if not raw:
        return None
    return FUNDER_PARAMETER.bind(resolve_name(FUNDER_PARAMETER, raw, web_lookup(), FUNDERS))


def _export(funder: URIRef | None) -> tuple[bytes, dict]:
    """The SCDL file of the grants (``funder``'s only, when given) and the export's counts
    (:func:`graph.export.write_scdl`), its query run by a query worker under the users' time limit."""
    import pyoxigraph as ox

    from graph.results import RowsResult
    from graph.terms import to_rdflib

    plan = QueryPlan(sparql_prologue() + GRANTS, "select")
    try:
        answer = get_query_runner().run(plan, "json")
    except QueryTimeout as exc:
        raise ApiError(f"l'export SCDL a dépassé la limite de temps des requêtes ({exc.seconds:g} s) : lancez-le en "
                       "ligne de commande, « maillage export --format scdl -o subventions.csv »",
                       f"the SCDL export went past the queries' time limit ({exc.seconds:g} s): run it from the "
                       "command line, `maillage export --format scdl -o grants.csv`", status=503,
                       code="query-timeout") from None
    parsed = ox.parse_query_results(answer.read(), ox.QueryResultsFormat.JSON)
    result = RowsResult("select", [v.value for v in parsed.variables],
                        [tuple(map(to_rdflib, solution)) for solution in parsed])
    out = io.BytesIO()
    counts = write_scdl(result, out, str(funder) if funder else None)
    return out.getvalue(), counts


def for_spreadsheet(data: bytes, separator: str, decimal: str) -> str:
    r"""An SCDL file as a spreadsheet opens it with a double click, as the other downloads' ``excel=1``
    (:func:`webapp.rendering.csv_response`): a byte order mark, ``separator`` between cells, ``decimal`` in the
    amounts and shares, the dates as they are, and the texts it would convert (a SIRET, a decision number) kept as
    text.

    >>> text = for_spreadsheet(b"idAttribuant,montant,objet\r\n21060004500392,1500.5,=1\r\n", ";", ",")
    >>> text[:1] == "\ufeff", list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    (True, [['idAttribuant', 'montant', 'objet'], ['="21060004500392"', '1500,5', "'=1"]])
    """
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(rows[0])
    kinds = ["number" if c in _NUMBERS else "date" if c in _DATES else "text" for c in rows[0]]
    for row in rows[1:]:
        writer.writerow([_cell(value, kind, decimal) for value, kind in zip(row, kinds)])
    return out.getvalue()


def _cell(value: str, kind: str, decimal: str) -> str:
    """One cell of :func:`for_spreadsheet`."""
    if kind == "number":
        return value.replace(".", decimal)
    if kind == "date" or not value:
        return value
    kept = spreadsheet_text(value)
    return kept if kept != value else spreadsheet_safe(value)

