"""Read back, from the graph of one deliberation, the facts that labelled fixtures state (bench and tests).

The keys are those of the ``NAME.expected.json`` files next to the fixtures: grants as (beneficiary, amount)
pairs, stated totals, outcome, vote counts, dates, attendance counts, chair, secretary, organ, authority, and the
agreements approved (title, signatory, the beneficiaries of the grants each governs).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from rdflib.namespace import DCTERMS, RDFS

from graph.ingest.base import SourceContext
from graph.identity_names import name_key
from graph.namespaces import MAI, OA, SCHEMA
from graph.triples import TripleSet


def _one(graph: TripleSet, s, p):
    return next(iter(graph.objects(s, p)), None)


def _label(graph: TripleSet, node) -> str | None:
    return str(_one(graph, node, RDFS.label)) if node is not None else None


def _str(value) -> str | None:
    return str(value) if value is not None else None


def _amount(value) -> str:
    """An amount as plain digits ("40000", "1500.5").

    >>> _amount("40000.00")
    '40000'
    """
    return format(Decimal(str(value)).normalize(), "f")


def _int(value) -> int | None:
    return int(value) if value is not None else None


def grant_facts(graph: TripleSet) -> dict:
    """Grants (beneficiary label, amount), their natures, the beneficiaries' founding years and identifiers."""
    grants, natures, founded, identifiers = [], {}, {}, {}
    for grant in graph.subjects(MAI.decidedBy, None):
        actor = _one(graph, grant, MAI.beneficiary)
        label = _label(graph, actor)
        grants.append([label, _amount(_one(graph, grant, SCHEMA.amount))])
        nature = _one(graph, grant, MAI.nature)
        if nature is not None:
            natures[label] = str(nature).rsplit("/", 1)[-1]
        year = _one(graph, actor, SCHEMA.foundingDate)
        if year is not None:
            founded[label] = int(str(year))
        ids = {key: _str(_one(graph, actor, p)) for key, p in (("siret", MAI.siret), ("siren", MAI.siren),
                                                              ("rna", MAI.rna)) if _one(graph, actor, p) is not None}
        if ids:
            identifiers[label] = ids
    return {"grants": sorted(grants), "natures": natures, "founded": founded, "identifiers": identifiers}


def agreement_facts(graph: TripleSet, deliberation) -> list[dict]:
    """The agreements ``deliberation`` approves, in the text's order (of their first evidence): each one's title,
    signatory and the beneficiaries of the grants it governs."""
    found = []
    for agreement in graph.subjects(MAI.approvedBy, deliberation):
        starts = [int(_one(graph, quote, OA.start)) for quote in graph.objects(agreement, MAI.evidence)]
        governs = [_label(graph, _one(graph, grant, MAI.beneficiary))
                   for grant in graph.subjects(MAI.governedBy, agreement)]
        found.append((min(starts, default=0), {"title": _str(_one(graph, agreement, DCTERMS.title)),
                                               "signatory": _str(_one(graph, agreement, MAI.signatory)),
                                               "governs": sorted(set(governs))}))
    return [facts for _, facts in sorted(found, key=lambda pair: pair[0])]


def fold(words: str | None) -> str | None:
    """Words compared with case, spacing and the apostrophe's shape set aside.

    >>> fold("  Conventions  CORRESPONDANTES ") == fold("conventions correspondantes")
    True
    """
    return None if words is None else " ".join(words.replace("’", "'").lower().split())


def agreement_key(agreement: dict) -> tuple:
    """What a labelled agreement is compared by: its folded title, without the "(délibération n° X)" that the
    reader adds to a title naming no party (it is not the text's words, and the number is checked as "number"), its
    folded signatory and the name keys of the beneficiaries it governs.

    >>> agreement_key({"title": "Conventions correspondantes (délibération n° 12)", "signatory": "le Maire",
    ...                "governs": ["Lien"]})
    ('conventions correspondantes', 'le maire', ('lien',))
    """
    title = re.sub(r"\s*\(délibération n° [^()]*\)$", "", agreement["title"])
    return fold(title), fold(agreement["signatory"]), tuple(sorted({name_key(n) for n in agreement["governs"]}))


#: What a deliberation states of its own vote when members came or went since the session's opening.
_AT_VOTE = (MAI.membersPresent, MAI.proxyCount, MAI.voteCount, MAI.present, MAI.excused, MAI.absent, MAI.proxy)


def session_facts(graph: TripleSet, session, deliberation=None) -> dict:
    """Dates, counts, lists and officers of the session; the counts and lists at the vote of ``deliberation``
    when it states its own (members came or went since the opening), else the session's."""
    voted = deliberation if deliberation is not None and any(
        _one(graph, deliberation, p) is not None for p in _AT_VOTE) else session
    proxies = list(graph.objects(voted, MAI.proxy))
    return {
        "session_date": _str(_one(graph, session, DCTERMS.date)),
        "convened": _str(_one(graph, session, MAI.convenedOn)),
        "in_office": _int(_one(graph, session, MAI.membersInOffice)),
        "present_count": _int(_one(graph, voted, MAI.membersPresent)),
        "proxy_count": _int(_one(graph, voted, MAI.proxyCount)),
        "vote_count": _int(_one(graph, voted, MAI.voteCount)),
        "present": len(set(graph.objects(voted, MAI.present))),
        "excused": len(set(graph.objects(voted, MAI.excused))),
        "absent": len(set(graph.objects(voted, MAI.absent))),
        "proxies": len(proxies),
        "proxy_holders": sum(_one(graph, p, MAI.to) is not None for p in proxies),
        "chair": _label(graph, _one(graph, session, MAI.chair)),
        "chair_title": _str(_one(graph, session, MAI.roleTitle)),
        "secretary": _label(graph, _one(graph, session, MAI.secretary)),
    }


def deliberation_facts(graph: TripleSet) -> dict:
    """Every fact that an expected file may state, read from ``graph``."""
    delib = next(graph.subjects(MAI.session, None))
    outcome = _one(graph, delib, MAI.outcome)
    votes = {k: _int(_one(graph, delib, p)) for k, p in
             (("for", MAI.votesFor), ("against", MAI.votesAgainst), ("abstentions", MAI.abstentions))}
    facts = {
        "outcome": str(outcome).rsplit("/", 1)[-1] if outcome is not None else None,
        "votes": votes if any(v is not None for v in votes.values()) else None,
        "number": _str(_one(graph, delib, DCTERMS.identifier)),
        "title": _str(_one(graph, delib, DCTERMS.title)),
        "received": _str(_one(graph, delib, MAI.receivedByPrefecture)),
        "published": _str(_one(graph, delib, MAI.publishedOn)),
        "actes_id": _str(_one(graph, delib, MAI.actesId)),
        "body": _label(graph, _one(graph, delib, MAI.body)),
        "authority": _label(graph, _one(graph, delib, MAI.authority)),
        # every item's, as the grants are (minutes of several items: the first item may state none)
        "stated_totals": sorted(_amount(t) for t in graph.objects(None, MAI.statedTotal)),
    }
    facts.update(session_facts(graph, _one(graph, delib, MAI.session), delib))
    facts.update(grant_facts(graph))
    facts["agreements"] = agreement_facts(graph, delib)
    return facts


def extract_fixture(path: Path):
    """Extract one fixture file directly (no store): return the Extraction."""
    from graph.ingest.deliberation import extract

    return extract(SourceContext(path=path, data=path.read_bytes()))
