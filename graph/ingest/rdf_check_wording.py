"""How the warnings of an RDF file's checks (:mod:`graph.ingest.rdf_checks`) word what they are about: a term by its
prefixed name, another source's actor by its label and its source's title, an actor of the file that is like one of
another source (the twin warning that identifiers and names share), and the one warning that counts those unshown.
"""

from __future__ import annotations

from rdflib import BNode

from graph.ingest.base import Issue
from graph.namespaces import PREFIXES

#: Statements about contract terms shown in the warning, at most.
MAX_STATEMENTS_SHOWN = 5
#: Actors reported one by one for an identifier that another actor IRI of the store holds, at most.
MAX_SHARED_SHOWN = 10
_MORE_PREFIXES = {"dcat": "http://www.w3.org/ns/dcat#", "vcard": "http://www.w3.org/2006/vcard/ns#"}


def twin_issue(s, own, other, their, file, same: tuple[str, str], field: str, value: str, maybe: bool = False,
               line: int | None = None) -> Issue:
    """The warning of an actor ``s`` of the file (labelled ``own``) that is like ``other`` (``their``), of the
    source ``file``, in what ``same`` says (French, English): the IRI to give it, or the owl:sameAs to state.
    ``maybe``: only a name is shared, they may be two organisations."""
    own_fr, own_en = (f" « {own} »", f" '{own}'") if own is not None else ("", "")
    (their_fr, their_en), (from_fr, from_en) = other_named(their, file)
    # a blank node is no IRI to link: the file names the organisation by the IRI already present, or by none
    blank = isinstance(s, BNode)
    who_fr, who_en = ("acteur anonyme (nœud sans IRI)", "anonymous actor (a node without an IRI)") if blank \
        else (f"acteur <{s}>", f"actor <{s}>")
    or_fr, or_en = ("", "") if blank else (f", ou déclarez <{s}> owl:sameAs <{other}>",
                                           f", or state <{s}> owl:sameAs <{other}>")
    if_fr, if_en = (" si c'en est une ; donnez-lui alors", " if it is one; then give it") if maybe \
        else (" ; donnez-lui", "; give it")
    return Issue(
        "warning", f"{who_fr}{own_fr} : {same[0]} que <{other}>{their_fr}, déjà présent{from_fr} — deux nœuds pour "
                   f"une même organisation{if_fr} dans ce fichier l'IRI déjà présente <{other}>{or_fr}",
        f"{who_en}{own_en}: {same[1]} as <{other}>{their_en}, already present{from_en}, two nodes for one "
        f"organisation{if_en} the IRI already present <{other}> in this file{or_en}", line, field, value)


def other_named(their, file) -> tuple[tuple[str, str], tuple[str, str]]:
    """How a warning names another source's actor: its label ``their`` and its source's title ``file``, each in
    French and English, or nothing of what is unknown."""
    return ((f" « {their} »", f" '{their}'") if their is not None else ("", ""),
            (f" (source « {file} »)", f" (source '{file}')") if file is not None else ("", ""))


def more_unshown(more: int, french: str, english: str, field: str | None = None) -> list[Issue]:
    """The one warning that counts the ``more`` issues of a kind left unshown (none when ``more`` is not positive);
    ``french`` and ``english`` hold ``{}`` for the count."""
    if more <= 0:
        return []
    return [Issue("warning", french.format(more), english.format(more), field=field)]


def short(iri: str) -> str:
    """A prefixed name for an IRI of a known vocabulary, else the IRI between <>.

    >>> short("https://w3id.org/maillage/ontology#Grant"), short("https://ex.org/a")
    ('mai:Grant', '<https://ex.org/a>')
    """
    for prefix, namespace in (*PREFIXES.items(), *_MORE_PREFIXES.items()):
        if iri.startswith(str(namespace)) and iri != str(namespace):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return f"<{iri}>"
