"""« Ce qui a été lu » of a stored upload (:mod:`webapp.upload`): what the file was read as, in a coordinator's words
and with links to the pages — its deliberations (number, date, authority), its grants (how many, their total, their
largest beneficiaries), their funders, the PTCE of a register and its members — so that a coordinator who uploaded a
file sees what the explorer now holds of it, not only counts of triples and warnings.

It is read from the source's stored named graph alone, by one query (:data:`_READ`) whose every part is bounded, so
that a grants list of 100,000 rows is told in a few lines; not from the report's text, which says what went wrong,
not what was read.
"""

from __future__ import annotations

from rdflib import URIRef

from graph.french_text import counted
from webapp.formatting import format_money
from webapp.funding_grants import deliberation_name
from webapp.i18n import get_lang, t
from webapp.page_queries import select
from webapp.resource_names import grant_label

#: The deliberations, funders and PTCEs named one by one; those beyond are counted (« et 12 autres »).
SHOWN = 5
#: The beneficiaries named after a file's grants: the largest, by the total they receive.
BENEFICIARIES_SHOWN = 3
#: How a line says what it counts (French, English).
WORDS = {
    "grants": ("{grants}, {total} au total", "{grants}, {total} in all"),
    "beneficiary": ("{who} : {total} ({grants})", "{who}: {total} ({grants})"),
    "funder": ("Financeur : {who} ({grants})", "Funder: {who} ({grants})"),
    "ptce": ("{who} : {members}", "{who}: {members}"),
    "more": ("… et {n} autres", "… and {n} more"),
}

# Each branch is a sub-select of the source's graph with its own LIMIT: a long list's deliberations never push its
# funders out. A grant's amount is its least (one per grant, as the funding page counts it), and the totals add the
# numeric amounts that are not negative (a repayment or an amount written as text is not a grant's worth).
_READ = """SELECT ?kind ?s ?label ?number ?date ?count ?total ?grant WHERE { GRAPH ?source {
  { SELECT ("deliberation" AS ?kind) ?s (MIN(?n) AS ?number) (MIN(?d) AS ?date) (MIN(?l) AS ?label) WHERE {
      ?s a mai:Deliberation OPTIONAL { ?s dcterms:identifier ?n } OPTIONAL { ?s dcterms:date ?d }
      OPTIONAL { ?s mai:authority/rdfs:label ?l } } GROUP BY ?s ORDER BY ?number ?s LIMIT %SHOWN% }
  UNION { SELECT ("deliberations" AS ?kind) (COUNT(DISTINCT ?s) AS ?count) WHERE { ?s a mai:Deliberation } }
  UNION { SELECT ("grants" AS ?kind) (COUNT(?g) AS ?count) (SUM(?worth) AS ?total) WHERE {
      { SELECT ?g (MIN(?a) AS ?amount) WHERE { ?g a mai:Grant OPTIONAL { ?g schema:amount ?a } } GROUP BY ?g }
      BIND(IF(isNumeric(?amount) && ?amount >= 0, ?amount, 0) AS ?worth) } }
  UNION { SELECT ("beneficiary" AS ?kind) ?s ?count ?total ?grant (MIN(?l) AS ?label) WHERE {
      { SELECT ?s (COUNT(?g) AS ?count) (SUM(?worth) AS ?total) (SAMPLE(?g) AS ?grant) WHERE {
          { SELECT ?g ?s (MIN(?a) AS ?amount) WHERE { ?g a mai:Grant ; mai:beneficiary ?s FILTER(isIRI(?s))
              OPTIONAL { ?g schema:amount ?a } } GROUP BY ?g ?s }
          BIND(IF(isNumeric(?amount) && ?amount >= 0, ?amount, 0) AS ?worth) }
        GROUP BY ?s ORDER BY DESC(?total) ?s LIMIT %BENEFICIARIES% }
      OPTIONAL { ?s rdfs:label ?l } } GROUP BY ?s ?count ?total ?grant }
  UNION { SELECT ("funder" AS ?kind) ?s ?count (MIN(?l) AS ?label) WHERE {
      { SELECT ?s (COUNT(DISTINCT ?g) AS ?count) WHERE { ?g a mai:Grant ; schema:funder ?s FILTER(isIRI(?s)) }
        GROUP BY ?s ORDER BY DESC(?count) ?s LIMIT %SHOWN% }
      OPTIONAL { ?s rdfs:label ?l } } GROUP BY ?s ?count }
  UNION { SELECT ("funders" AS ?kind) (COUNT(DISTINCT ?s) AS ?count) WHERE { ?g a mai:Grant ; schema:funder ?s } }
  UNION { SELECT ("ptce" AS ?kind) ?s ?count (MIN(?l) AS ?label) WHERE {
      { SELECT ?s (COUNT(DISTINCT ?m) AS ?count) WHERE { ?ms a org:Membership ; org:organization ?s ; org:member ?m }
        GROUP BY ?s ORDER BY DESC(?count) ?s LIMIT %SHOWN% }
      OPTIONAL { ?s rdfs:label ?l } } GROUP BY ?s ?count }
} } LIMIT 100""".replace("%SHOWN%", str(SHOWN)).replace("%BENEFICIARIES%", str(BENEFICIARIES_SHOWN))


def what_was_read(source: str) -> list[dict]:
    """What the stored graph of ``source`` holds, as the upload's page and its JSON answer say it, in the interface's
    language: a list of ``{"iri", "kind", "label"}`` (``iri`` None for a line that counts, with no page of its own),
    the deliberations first, then the grants and their beneficiaries, their funders, the PTCEs; [] when none."""
    rows: dict[str, list[dict]] = {}
    for row in select(_READ, source=URIRef(source)):
        rows.setdefault(str(row["kind"]), []).append(row)
    return (_deliberations(rows) + _grants(rows) + _named(rows.get("funder", []), "funder", _funder_label)
            + _more(rows, "funder", "funders") + _named(rows.get("ptce", []), "ptce", _ptce_label))


def _deliberations(rows: dict[str, list[dict]]) -> list[dict]:
    """« Délibération n° 2024.00240 du 16 mai 2024 — Saint-Etienne Métropole », one line each, then how many more."""
    listed = sorted(rows.get("deliberation", []), key=lambda row: (str(row.get("number") or ""), str(row["s"])))
    said = []
    for row in listed:
        name = deliberation_name(row.get("number"), row.get("date")) or t("deliberation")
        said.append(_item(row["s"], "deliberation", f"{name} — {row['label']}" if row.get("label") else name))
    return said + _more(rows, "deliberation", "deliberations")


def _grants(rows: dict[str, list[dict]]) -> list[dict]:
    """A file's grants: the only one by its name (« Subvention de 20 000 € à DanaeCare »), with its page; several
    counted with their total, then their largest beneficiaries, each with what it receives."""
    [grants] = rows.get("grants") or [{"count": 0}]
    count = int(grants["count"])
    beneficiaries = sorted(rows.get("beneficiary", []), key=lambda row: (-float(row["total"]), str(row["s"])))
    if count == 0:
        return []
    if count == 1 and len(beneficiaries) == 1:
        only = beneficiaries[0]
        return [_item(only["grant"], "grant", grant_label(only["total"], only.get("label") or only["s"]))]
    said = [_item(None, "grants", _said("grants", grants=_counted(count, "grant_noun"),
                                     total=format_money(grants.get("total") or 0)))]
    return said + [_item(row["s"], "beneficiary",
                         _said("beneficiary", who=row.get("label") or row["s"], total=format_money(row["total"]),
                           grants=_counted(int(row["count"]), "grant_noun"))) for row in beneficiaries]


def _named(rows: list[dict], kind: str, label) -> list[dict]:
    """The resources of ``rows`` (a funder, a PTCE) one line each, said by ``label(row)``, by name."""
    listed = sorted(rows, key=lambda row: (str(row.get("label") or row["s"]), str(row["s"])))
    return [_item(row["s"], kind, label(row)) for row in listed]


def _funder_label(row: dict) -> str:
    return _said("funder", who=row.get("label") or row["s"], grants=_counted(int(row["count"]), "grant_noun"))


def _ptce_label(row: dict) -> str:
    return _said("ptce", who=row.get("label") or row["s"], members=_counted(int(row["count"]), "member_noun"))


def _more(rows: dict[str, list[dict]], listed: str, count_kind: str) -> list[dict]:
    """« … et 12 autres »: the resources of ``listed`` that its count (``count_kind``) says beyond those named."""
    total = int(rows[count_kind][0]["count"]) if rows.get(count_kind) else 0
    beyond = total - len(rows.get(listed, []))
    return [_item(None, f"{listed}-more", _said("more", n=beyond))] if beyond > 0 else []


def _said(key: str, **values) -> str:
    """The line of :data:`WORDS` ``key`` in the interface's language, with ``values``."""
    return WORDS[key][get_lang() == "en"].format(**values)


def _counted(n: int, key: str) -> str:
    """``n`` and the noun of the i18n entry ``key`` (« 3 subventions »), as the templates' ``counted`` says it."""
    singular, _, plural = t(key).partition("|")
    return counted(n, singular, plural or None, lang=get_lang())


def _item(iri, kind: str, label: str) -> dict:
    return {"iri": str(iri) if iri is not None else None, "kind": kind, "label": str(label)}


__all__ = ["BENEFICIARIES_SHOWN", "SHOWN", "what_was_read"]
