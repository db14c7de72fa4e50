"""The decision a grants list's ``referenceDecision`` names, when it is an ACTES id
(``99_DE-042-244200770-20240516-D20240024010``, ``042-244200770-20240516-D20240024010-DE``): the act that the
prefecture's platform received, whose SIREN, date, internal number and nature the id gives (DATA-FORMATS.md §1.3).

Both spellings of one act name one deliberation: the one minted from its authority and the id's internal number
(as a deliberation text without a printed number is, :mod:`graph.ingest.delib_reader`), with the id normalised as its
``mai:actesId``, by which the store's resolution finds the deliberation text already stored, or the text's
deliberation that an earlier list still describes once the text is removed
(:func:`graph.resolution_deliberations.deliberations_by_actes`); a deliberation text stored after the list points
the list's grants at itself (:func:`point_references`, to run once a deliberation text is stored). An act of another
nature (an arrêté, a contract) is no deliberation, and an act of another SIREN no decision of the list's funder: the
reference is kept as the list writes it, said, and names no deliberation.

>>> actes_reference("042-244200770-20240516-D20240024010-DE", "244200770")[0].number
'D20240024010'
>>> actes_reference("99_AR-013-211300074-20220106-AR-2022-02-AR-1-1_1.PDF", "244200770")[1][0].split(" : ")[0]
"identifiant ACTES d'un arrêté réglementaire (nature AR), pas d'une délibération, et d'un autre SIREN (211300074) \
que celui de l'attribuant (244200770)"
>>> actes_reference("2024.00240", "244200770")
(None, None)

A reference that names several acts, a convention and the deliberation that approved an advance on it (« CONV N°
2784-14 et DELIB AVANCE N°261-15 du 2014-12-19 », Antibes), names the deliberation by its own number and date
(:func:`acts_named`); the whole reference stays the grant's ``mai:decisionReference``. A reference that names acts
but no deliberation (« CONV N° 978-15 »: a convention, an arrêté, an avenant) names no deliberation
(:func:`names_no_deliberation`): it stays the grant's ``mai:decisionReference`` alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rdflib import URIRef

from graph.ingest.delib_meta import ActesId, parse_actes
from graph.ingest.french import DATE_RE, date_from_match
from graph.namespaces import sparql_prologue
from graph.resolution_deliberations import REFERENCE_ONLY, reference_statements
from graph.triples import TripleSet

#: What says that the date after it is the decision's: « du », « en date du », « séance du ».
_DATED = re.compile(r"\bdu\s*$", re.IGNORECASE)
#: What may stand before the date of a reference that is a body and its sitting's date (« CP 2017-04-24 »): letters
#: alone, no figure (a figure before it, « 2017-04-24 » alone, may be a year, a sitting and an item).
_BODY = re.compile(r"[^\W\d_][^\d]*")
#: A year in a reference: one without (« 6.3 », an agenda item) names an act only with its sitting's date.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def reference_date(reference: str) -> dt.date | None:
    """The date that a decision reference gives its decision, or None: one after « du » (« DELIB 12 du
    24/04/2017 »), one in words (« CP du 24 avril 2017 », « 24 avril 2017 »), or the date of a body's sitting, letters
    then the date alone (« CP 2017-04-24 », « CD 26/06/2017 »). Figures that only look like a date are not read:
    « 2017-04-24 » alone may be the year, sitting and item, « 2016-0387 » a year and a number, « 2017-04-24-12 » an
    item of a sitting.

    >>> reference_date("CP 2017-04-24"), reference_date("Délibération n° 12 du 24/04/2017")
    (datetime.date(2017, 4, 24), datetime.date(2017, 4, 24))
    >>> reference_date("Commission permanente du 24 avril 2017")
    datetime.date(2017, 4, 24)
    >>> [reference_date(r) for r in ("2017-04-24", "2016-0387", "CP 2017-04-24-12", "CP 2017-13-24", "18.5.1")]
    [None, None, None, None, None]
    """
    for match in DATE_RE.finditer(reference):
        before, after = reference[:match.start()], reference[match.end():]
        if before[-1:].isdigit() or after[:1].isdigit() or (match["month"] and not match["year"]):
            continue
        said = _DATED.search(before) or match["month"]
        if said or (_BODY.fullmatch(before.strip()) and not after.strip(" .")):
            return date_from_match(match)
    return None


def without_year(reference: str) -> bool:
    """Whether ``reference`` has no year (« 6.3 », « 18.5.1 »): a number that recurs from sitting to sitting.

    >>> without_year("6.3"), without_year("2016-0387"), without_year("CP 2017-04-24")
    (True, False, False)
    """
    return _YEAR.search(reference) is None


#: The ACTES natures of the acts other than a deliberation (``CodeNatureActe``): "of" what, French and English.
OTHER_NATURES = {"AR": ("d'un arrêté réglementaire", "of a regulatory order (arrêté)"),
                 "AI": ("d'un arrêté individuel", "of an individual order (arrêté)"),
                 "CC": ("d'un contrat, d'une convention ou d'un avenant",
                        "of a contract, an agreement or an amendment"),
                 "BF": ("d'un document budgétaire", "of a budget document"),
                 "AU": ("d'un autre acte", "of another act")}


def actes_reference(reference: str, funder_siren: str | None
                    ) -> tuple[ActesId | None, tuple[str, str] | None]:
    """Return (the ACTES id that ``reference`` is, or None; why it names no deliberation of the funder whose SIREN is
    ``funder_siren``, French and English, or None): a nature other than DE, a SIREN other than the funder's."""
    actes = parse_actes(reference)
    if actes is None:
        return None, None
    why, why_en = [], []
    if actes.nature != "DE":
        of, of_en = OTHER_NATURES.get(actes.nature, OTHER_NATURES["AU"])
        why.append(f"{of} (nature {actes.nature}), pas d'une délibération")
        why_en.append(f"{of_en} (nature {actes.nature}), not of a deliberation")
    if funder_siren and actes.siren != funder_siren:
        why.append(f"d'un autre SIREN ({actes.siren}) que celui de l'attribuant ({funder_siren})")
        why_en.append(f"of another SIREN ({actes.siren}) than the funder's ({funder_siren})")
    if not why:
        return actes, None
    return actes, (f"identifiant ACTES {', et '.join(why)} : référence gardée telle quelle, sans délibération",
                   f"ACTES id {', and '.join(why_en)}: reference kept as written, naming no deliberation")


#: An act that a decision reference names: the word of its kind (a convention, a deliberation, an order, an
#: amendment), words that qualify it (« AVANCE »), its number after « N° » and the date it may give (« du 2014-12-19 »).
_ACT = re.compile(r"(?P<kind>conv(?:ention)?|d[ée]lib(?:[ée]ration)?|arr[êe]t[ée]|avenant)\b\.?[^,;+]*?"
                  r"\b(?:n\s*[°º]|no\.?(?=\s)|num[ée]ro)\s*(?P<number>\w[\w./-]*)"
                  r"(?:\s+du\s+(?P<date>\d{4}-\d{2}-\d{2}))?", re.IGNORECASE)


#: The words of the acts other than a deliberation, and of a deliberation, that a decision reference may name.
_OTHER_ACT = re.compile(r"\b(?:conv(?:ention)?|arr[êe]t[ée]|avenant)\b", re.IGNORECASE)
_DELIBERATION_WORD = re.compile(r"\bd[ée]lib", re.IGNORECASE)


def names_no_deliberation(reference: str) -> bool:
    """Whether ``reference`` names an act other than a deliberation (a convention, an arrêté, an avenant) and no
    deliberation: the number it gives is that act's, which no deliberation bears.

    >>> names_no_deliberation("CONV N° 978-15"), names_no_deliberation("Arrêté n° 2016-12 et avenant n° 2")
    (True, True)
    >>> names_no_deliberation("Convention délibération N° 3086-21"), names_no_deliberation("2024.00240")
    (False, False)
    """
    return _OTHER_ACT.search(reference) is not None and _DELIBERATION_WORD.search(reference) is None


@dataclass(frozen=True)
class ActsNamed:
    """The acts that one decision reference names, as written (« CONV N° 2784-14 »), and the number and the date
    (None when none is given, or an impossible one) of the one deliberation among them, if exactly one is."""

    acts: tuple[str, ...]
    number: str | None = None
    date: dt.date | None = None


def acts_named(reference: str) -> ActsNamed | None:
    """The acts that ``reference`` names when it names several (None for one act or none, read as a number): a
    deliberation's number read from the words after « DELIB »/« délibération », not the whole cell.

    >>> acts_named("CONV N° 2784-14 et DELIB AVANCE N°261-15 du 2014-12-19")
    ActsNamed(acts=('CONV N° 2784-14', 'DELIB AVANCE N°261-15 du 2014-12-19'), number='261-15', \
date=datetime.date(2014, 12, 19))
    >>> acts_named("Convention délibération N° 3086-21"), acts_named("2024.00240")
    (None, None)
    """
    found = list(_ACT.finditer(reference))
    if len(found) < 2:
        return None
    deliberations = [act for act in found if act["kind"][0].lower() == "d"]
    acts = tuple(act[0] for act in found)
    if len(deliberations) != 1:
        return ActsNamed(acts)
    number, written = deliberations[0]["number"], deliberations[0]["date"]
    try:
        return ActsNamed(acts, number, dt.date.fromisoformat(written) if written else None)
    except ValueError:  # « du 2014-02-30 »: the deliberation is named all the same, undated
        return ActsNamed(acts, number)


def several_acts_said(references: list[tuple[int, str, ActsNamed]]) -> tuple[str, str]:
    """The warning (French, English) of the rows whose decision reference names several acts, ``references`` (line,
    reference, acts named; the lines being said by the caller): said once, of the first, with how they are read."""
    _, first, named = references[0]
    count = len(references)
    which = (f"{count} références de décision nomment", f"{count} decision references name") if count > 1 else (
        "la référence de décision nomme", "the decision reference names")
    unread = sum(acts.number is None for _, _, acts in references)
    read_as = (f"une délibération y est lue par son propre numéro et sa date (ici n° {named.number}), la référence "
               "entière reste celle de la subvention", f"a deliberation is read there by its own number and date "
               f"(here no. {named.number}), the whole reference stays the grant's") if named.number else (
        "aucune n'y nomme une seule délibération : la référence est gardée telle quelle comme numéro",
        "none names one deliberation there: the reference is kept as written as the number")
    if unread and named.number:
        read_as = (f"{read_as[0]} ; {unread} n'en nomment pas une seule : gardées telles quelles",
                   f"{read_as[1]}; {unread} name no single one: kept as written")
    return (f"{which[0]} plusieurs actes (« {first} ») : {read_as[0]}",
            f"{which[1]} several acts ('{first}'): {read_as[1]}")


#: The deliberations that other graphs than ``?source`` know by no more than the ACTES id of one of ``?source``'s
#: deliberations (a grants list's reference, :data:`graph.resolution_deliberations.REFERENCE_ONLY`), under another
#: IRI, and that no graph says more of (the deliberation of another text with that id, which a list already points
#: at, stays).
_REFERENCES = ("SELECT DISTINCT ?g ?reference ?deliberation WHERE { GRAPH ?source { ?deliberation mai:actesId ?actes } "
               "GRAPH ?g { ?reference mai:actesId ?actes } FILTER(?g != ?source && ?reference != ?deliberation) "
               "FILTER NOT EXISTS { ?reference ?p ?o FILTER(?p NOT IN ("
               + ", ".join(f"<{p}>" for p in sorted(REFERENCE_ONLY)) + ")) } }")
#: What graph ``?g`` says of ``?reference``, and which of its resources it says are decided by ``?reference``.
_SAID_OF, _POINTING = ("SELECT ?p ?o WHERE { GRAPH ?g { ?reference ?p ?o } }",
                       "SELECT ?s ?p WHERE { GRAPH ?g { ?s ?p ?reference } }")


def point_references(writer, source: URIRef) -> set[str]:
    """Point at each deliberation of the stored ``source`` (a deliberation text) that has an ACTES id what the other
    graphs of ``writer``'s store say of a deliberation they know by no more than that id (a grants list stored before
    the text: its grants' ``mai:decidedBy``), and rename in them what they said of it, with the text's number and
    date (:func:`graph.resolution_deliberations.reference_statements`): one deliberation, whichever of the list and
    the text came first, which the list still describes once the text is removed. Return the IRIs of the resources
    changed."""
    changed: set[str] = set()
    for graph, reference, deliberation in list(writer.query(sparql_prologue() + _REFERENCES, {"source": source})):
        bindings = {"g": graph, "reference": reference}
        pointing = [(s, p) for s, p in writer.query(_POINTING, bindings)]
        said = [(p, o) for p, o in writer.query(_SAID_OF, bindings)]
        held = [(p, o) for p, o in writer.query(_SAID_OF, {"g": source, "reference": deliberation})]
        writer.remove(graph, [(reference, p, o) for p, o in said] + [(s, p, reference) for s, p in pointing])
        writer.add(graph, TripleSet([(s, p, deliberation) for s, p in pointing]
                                    + [(deliberation, p, o) for p, o in reference_statements(said, held)]))
        changed |= {str(reference), str(deliberation)} | {str(s) for s, _ in pointing}
    return changed
