"""The quotes behind a resource's page: the evidence of the resource and of the facts it lists or links to (each
fact's « Pourquoi ? », with a link to the source page that highlights the quote), and the name of a quote's own page.

A quote that supports one value of a fact only (``mai:supports``: the theme that the words give an actor) names it
(``supports``): the page shows it beside that value, not beside the fact.
"""

from __future__ import annotations

from rdflib import URIRef

from graph.namespaces import MAI, OA, PROV
from webapp.i18n import t
from webapp.page_data import ref
from webapp.page_queries import select
from webapp.resource_names import quote_label

# The facts whose evidence the page quotes: the resource and the grants, memberships, deliberations and sessions it
# links to; then (:func:`evidence_of`) their evidence read without OPTIONAL: written as one query with OPTIONAL
# parts, Oxigraph evaluated those over all the store's evidence (350–450 ms per page at 100k actors, against 1–3 ms
# this way). Of the facts that link to it, those its tables list (its grants, its memberships, the grants a
# deliberation decides) are given by IRI: a query of every fact that links to the resource checked them all (a
# SIRENE extract's source page 20,000: 325 ms at 100k actors; a theme's 860 actors: 26 ms), to quote in the JSON
# the evidence of facts that the page does not list.
_FACTS = """SELECT DISTINCT ?fact WHERE {
  { BIND(?s AS ?fact) }
  UNION { ?s ?link ?fact . ?fact a ?factType
          FILTER(?factType IN (mai:Grant, org:Membership, mai:Deliberation, mai:Session)) }
  ?fact mai:evidence [] .
}"""
# %FACTS% and %SOURCES% are IRIs read from the store, written with rdflib's escaping (never request text).
_EVIDENCE = ("SELECT ?fact ?evidence ?p ?o WHERE { VALUES ?fact { %FACTS% } "
             "?fact mai:evidence ?evidence . ?evidence ?p ?o }")
_TITLES = "SELECT ?source ?title WHERE { VALUES ?source { %SOURCES% } ?source dcterms:title ?title }"


def evidence_rows(s: URIRef, listed: list[URIRef] = ()) -> list[dict]:
    """The evidence of ``s``, of the facts it links to and of the facts ``listed`` in its tables, as rows of fact,
    evidence, quote, start, end, source, title and the value it supports if any (the columns :func:`add_evidence`
    reads)."""
    facts = select(_FACTS, s=s)
    return evidence_of([row["fact"] for row in facts if isinstance(row["fact"], URIRef)] + list(listed))


def evidence_of(facts: list[URIRef]) -> list[dict]:
    """The evidence of ``facts``, as rows of fact, evidence, quote, start, end, source, title and the set of values
    it supports if any (``stated``)."""
    if not facts:
        return []
    by_evidence: dict[tuple, dict] = {}
    for row in select(_EVIDENCE.replace("%FACTS%", " ".join(f.n3() for f in facts))):
        key = (row["fact"], row["evidence"])
        found = by_evidence.setdefault(key, {"fact": row["fact"], "evidence": row["evidence"]})
        column = _EVIDENCE_PROPERTIES.get(str(row["p"]))
        if column == "supports":  # a passage that states several facts of a session supports each property
            found.setdefault("stated", set()).add(str(row["o"]))
        elif column and column not in found:
            found[column] = row["o"]
    rows = [row for row in by_evidence.values() if "quote" in row]
    sources = sorted({row["source"] for row in rows if isinstance(row.get("source"), URIRef)})
    if sources:
        titles = {row["source"]: row["title"]
                  for row in select(_TITLES.replace("%SOURCES%", " ".join(src.n3() for src in sources)))}
        for row in rows:
            row["title"] = titles.get(row.get("source"))
    return sorted(rows, key=lambda row: (str(row["fact"]), str(row["evidence"])))


_EVIDENCE_PROPERTIES = {str(OA.exact): "quote", str(OA.start): "start", str(OA.end): "end",
                        str(PROV.wasDerivedFrom): "source", str(MAI.supports): "supports",
                        str(MAI.pageStart): "page_start", str(MAI.pageEnd): "page_end"}


def add_evidence(rows: list[dict], found: dict[str, list[dict]], seen: set[tuple[str, str]]) -> None:
    """Add to ``found`` (fact IRI -> its quotes, each with a link to the source page that highlights it, the pages
    of a PDF where it starts and, when it runs on over the next, ends (``page_start``, ``page_end``; None for a
    text file), the IRI of the value it supports or None, and ``stated``: every value or property it supports,
    sorted, as one passage of a session may state several of its facts; ``supports`` is then the first) the
    evidence of ``rows`` (:func:`evidence_of`) not ``seen`` yet."""
    for row in rows:
        fact = str(row["fact"])
        if (fact, str(row["evidence"])) in seen:
            continue
        seen.add((fact, str(row["evidence"])))
        page_start, page_end = _pages(row)
        found.setdefault(fact, []).append({
            "quote": str(row["quote"]), "source": ref(row.get("source"), row.get("title")),
            "start": int(row["start"]) if row.get("start") is not None else None,
            "end": int(row["end"]) if row.get("end") is not None else None,
            "page_start": page_start, "page_end": page_end,
            "supports": min(row["stated"]) if row.get("stated") else None, "stated": sorted(row.get("stated", ()))})


def _pages(row: dict) -> tuple[int | None, int | None]:
    """The pages of a PDF where a quote starts and, when it runs on over the next, ends (``mai:pageStart``,
    ``mai:pageEnd``) as ints; None for those it has not, or that are no page numbers, or an end before its start
    (an RDF file may state anything there: the SHACL shapes warn of it, the page shows no page).

    >>> from rdflib import Literal
    >>> _pages({"page_start": Literal(3), "page_end": Literal(4)}), _pages({"page_start": Literal(3)})
    ((3, 4), (3, None))
    >>> _pages({"page_start": Literal(3), "page_end": Literal(2)}), _pages({"page_start": Literal("trois")})
    ((3, None), (None, None))
    """
    def page(value) -> int | None:
        try:
            number = int(value) if value is not None else 0
        except ValueError:
            return None
        return number if number >= 1 else None

    start, end = page(row.get("page_start")), page(row.get("page_end"))
    return (start, end) if start is not None and end is not None and end > start else (start, None)


def unquoted_deciders(evidence: dict[str, list[dict]], out: list[dict], sources: list) -> None:
    """Leave out of a grant's page (its triples ``out``, its ``sources``) the quotes of the deliberations that decide
    it taken from no source of the grant: a grants list that names a deliberation by its number does not make that
    deliberation's words (its vote, its prefecture stamp) evidence of the list's grant, whose amount the text may
    not state. The grant that the text decides keeps them, its source being the text's."""
    own = {source.iri for source in sources}
    for row in out:
        if row["p"] == MAI.decidedBy and str(row["o"]) in evidence:
            kept = [quote for quote in evidence[str(row["o"])] if quote["source"].iri in own]
            if kept:
                evidence[str(row["o"])] = kept
            else:
                del evidence[str(row["o"])]


#: The sources of a quote that hold the text it quotes: an RDF file that states a quote is its source too.
_QUOTED_SOURCES = "SELECT DISTINCT ?source WHERE { ?s prov:wasDerivedFrom ?source . ?source schema:text [] }"


def quote_name(s: URIRef, out: list[dict]) -> str | None:
    """A quote (the evidence of a fact) named by the source it is taken from, « Extrait de deliberation.txt » (its
    IRI was its page's title); by its words when no source of it has a title."""
    titled = {row["o"]: row["label"] for row in out if row["p"] == PROV.wasDerivedFrom and row.get("label")}
    if len(titled) > 1:
        quoted = {row["source"] for row in select(_QUOTED_SOURCES, s=s)}
        titled = {source: title for source, title in titled.items() if source in quoted} or titled
    if titled:
        return t("evidence_name", source=titled[min(titled, key=str)])
    quote = next((row["o"] for row in out if row["p"] == OA.exact), None)
    return quote_label(quote) if quote is not None else None
