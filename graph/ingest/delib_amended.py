"""The earlier act whose grant a deliberation amends: "RAMÈNE de 4 000 € à 2 500 € la subvention attribuée au Vélo Club
Bocage" in an act titled "Modification de la délibération n° D2024_022". The amending grant replaces that act's grant
of the same beneficiary (``dcterms:replaces``), so that the amount counts once, at its new value.

The act is named by its number: the one that the text says it modifies, else the one that it says attributed grants
("Par délibération n° D2024_022 du 26 mars 2024, le Conseil a attribué …", "Vu la délibération CP-2024-03-044 …
attribuant des subventions"), when the text names one such act only. An act named by its date alone has no IRI to
point to: its grants are not replaced.

Once the act is stored, each grant it replaces that the store does not hold is told (:func:`replaced_elsewhere`):
the earlier act is not ingested yet, or it names the act or the beneficiary otherwise, and then both amounts count.
"""

from __future__ import annotations

import re

from graph.ingest.base import Issue
from graph.ingest.decided_amounts import check_text_amounts
from graph.namespaces import slugify, sparql_prologue

#: A grant's clause that changes an earlier grant's amount: "porte de 5 000 € à 7 000 € …", "ramène à 1 800 € la
#: subvention attribuée à …", "la subvention … est portée de 2 000 € à 2 600 €", "réduit de 4 000 € à 2 500 €". Not
#: a grant that brings a total to an amount ("une subvention complémentaire de 12 000 €, portant la subvention à
#: 52 000 €", "… qui porte son aide à …"): the amount read is the complement, a grant of its own.
_AMENDS = re.compile(r"(?<!\bqui\s)\b(?:porte|portée?s?|portent|ram[èe]ne|ram[èe]nent|ramenée?s?|réduit|réduite?s?|"
                     r"réduisent|diminue|diminuée?s?|majore|majorée?s?)\s+"
                     r"(?:(?:le\s+montant\s+(?:de\s+la|du)\s+|la\s+)?(?:subvention|aide|participation)[^.;€]{0,120}?"
                     r"\s+)?(?:de\s+\d[\d\s.\u00a0\u202f]*(?:,\d+)?\s*(?:€|euros?)\s+)?à\s+\d", re.I)
#: An act named by its number: "délibération n° D2024_022", "délibération CP-2024-03-044", "délibération du Conseil
#: du 4 mars 2024 n° 2024-12". The number holds a digit; capitals may lead it ("CP-", "D").
_NUMBER = r"(?P<number>(?-i:[A-Z]{1,4}[-_.]?)?\d[\w./-]*\w|\d)"
_ACT = re.compile(r"\bd[ée]lib[ée]ration\b(?:\s+(?:du|de\s+la|de\s+l['’])\s+[^\n.;,]{0,60}?\s+(?:n[°o]\s*|num[ée]ro\s+)"
                  r"|\s+(?:n[°o]\s*|num[ée]ro\s+)?)" + _NUMBER, re.I)
#: What a sentence says of the act it names: that this text modifies it, or that it attributed grants.
_MODIFIED = re.compile(r"\b(?:modifi\w*|rectifi\w*|compl[èé]t\w*)\b", re.I)
_ATTRIBUTED = re.compile(r"\b(?:attribu\w*|accord\w*|allou\w*|octroy\w*)\b", re.I)
_SENTENCE_END = re.compile(r"[.;]\s|\n\s*\n|\n(?=\s*(?:[-–•*]|ARTICLE|Article|Vu|VU)\b)")


def amends(clause: str) -> bool:
    """Whether a grant's ``clause`` changes the amount of an earlier grant.

    >>> amends("ramène de 4 000 € à 2 500 € le montant de la subvention 2024 attribuée au Vélo Club Bocage")
    True
    >>> amends("RAMÈNE à 1 800 € la subvention attribuée à l'association Les Jardins Partagés Fictifs")
    True
    >>> amends("attribue à l'association X une subvention de 2 000 € pour porter son projet à terme")
    False
    >>> amends("une subvention complémentaire de 12 000 €, portant la subvention 2025 à 52 000 €")
    False
    >>> amends("une subvention de 2 000 €, ce qui porte la subvention 2025 à 52 000 €")
    False
    """
    return bool(_AMENDS.search(clause))


def _sentence(body: str, start: int, end: int) -> str:
    """The sentence of ``body`` around ``start``–``end``: from the previous sentence's end to the next."""
    before = [m.end() for m in _SENTENCE_END.finditer(body, max(0, start - 400), start)]
    after = _SENTENCE_END.search(body, end)
    return body[before[-1] if before else max(0, start - 400):after.start() if after else len(body)]


def amended_act(body: str, own_number: str) -> str | None:
    """The number of the one earlier act whose grants ``body`` amends, as the text writes it, or None.

    >>> amended_act("OBJET : MODIFICATION DE LA DÉLIBÉRATION N° D2024_022 DU 26 MARS 2024\\n\\nPar délibération "
    ...             "n° D2024_022 du 26 mars 2024, le Conseil a attribué …", "D2024_058")
    'D2024_022'
    >>> amended_act("Vu la délibération CP-2024-03-044 du 4 mars 2024 attribuant des subventions ;\\n"
    ...             "Vu la délibération n° 2023-145 approuvant le budget ;", "CP-2025-02-017")
    'CP-2024-03-044'
    >>> amended_act("Vu la délibération du 4 mars 2024 attribuant des subventions ;", "2025-01") is None
    True
    """
    own = slugify(own_number)
    modified: dict[str, str] = {}
    attributed: dict[str, str] = {}
    for match in _ACT.finditer(body):
        number = match["number"]
        if slugify(number) == own or re.fullmatch(r"\d{1,2}|(?:19|20)\d\d", number):  # a day or a year: no number
            continue
        sentence = _sentence(body, match.start(), match.end())
        if _MODIFIED.search(sentence):
            modified.setdefault(slugify(number), number)
        if _ATTRIBUTED.search(sentence):
            attributed.setdefault(slugify(number), number)
    for found in (modified, attributed):
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            return None  # several acts said modified (or that attributed grants): which one a grant's is, unsaid
    return None


#: The grants that a source's grants replace and that no source of the store holds as a grant.
_REPLACED_UNKNOWN = """SELECT ?old (SAMPLE(?name) AS ?label) WHERE {
  GRAPH ?source { ?new dcterms:replaces ?old OPTIONAL { ?new mai:beneficiary/rdfs:label ?name } }
  FILTER NOT EXISTS { ?old a mai:Grant } } GROUP BY ?old ORDER BY ?old"""


def replaced_elsewhere(writer, source) -> tuple[list[Issue], dict]:
    """A warning for each grant that the deliberation ``source`` replaces and that the store does not hold (its kind's
    ``recheck_stored``: a later file of the same ingest that holds it settles the warning), and for each row of a
    grants list that names the deliberation at an amount it does not decide
    (:func:`graph.ingest.decided_amounts.check_text_amounts`, told anew so that it is not taken as settled)."""
    issues = check_text_amounts(writer.query, source)
    for old, label in writer.query(sparql_prologue() + _REPLACED_UNKNOWN, {"source": source}):
        who = f" (à {label})" if label is not None else ""
        who_en = f" (to {label})" if label is not None else ""
        issues.append(Issue(
            "warning", f"la subvention que cet acte remplace{who} n'est pas dans la base : <{old}> ; si l'acte "
                       "qu'il modifie y est, il écrit autrement son numéro ou le nom du bénéficiaire, et les deux "
                       "montants sont comptés",
            f"the grant this act replaces{who_en} is not in the store: <{old}>; if the act it amends is there, it "
            "writes its number or the beneficiary's name otherwise, and both amounts are counted"))
    return issues, {}


def check_replaced(writer, source) -> tuple[list[Issue], set[str]]:
    """What the ingest checks once a deliberation is stored (its kind's ``check_stored``): the grants it replaces
    elsewhere, said; and the grants of lists stored before it that name it by its ACTES id, pointed at it (the IRIs
    changed, for the search index), before the amounts of the lists' grants that name it are compared with its
    own."""
    from graph.ingest.scdl_decisions import point_references  # the SCDL reader imports the deliberation's

    changed = point_references(writer, source)
    return replaced_elsewhere(writer, source)[0], changed
