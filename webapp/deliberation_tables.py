"""What a deliberation's page shows of the deliberation besides the grants it decides (webapp.resource_tables): the
agreements it approves, who was present at its vote with what its session states of itself, and the PTCEs its text
creates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rdflib import URIRef

from graph.identity_names import fold
from graph.namespaces import MAI
from webapp.display import value_order
from webapp.formatting import format_value
from webapp.labels import term_comment, term_label
from webapp.page_data import Ref, Table, ref
from webapp.page_queries import select
from webapp.resource_names import collapse, names_of_unnamed, pick_label

#: The agreements a deliberation approves, each once with its title and signatory, then its parties' names and the
#: grants it governs (taken once each: a deliberation and a register may both state them).
_APPROVED = """SELECT ?agreement ?title ?signatory ?party ?partyLabel ?grant WHERE {
  { SELECT DISTINCT ?agreement WHERE { ?agreement mai:approvedBy ?s } }
  OPTIONAL { ?agreement dcterms:title ?title } OPTIONAL { ?agreement mai:signatory ?signatory }
  { OPTIONAL { ?agreement mai:party ?party OPTIONAL { ?party rdfs:label ?partyLabel } } }
  UNION { ?grant mai:governedBy ?agreement }
}"""


def approved_agreements(s: URIRef) -> Table:
    """The agreements the deliberation ``s`` approves, in the text's order: title, who is authorised to sign, the
    parties (named), how many of its grants each governs."""
    found: dict[URIRef, dict] = {}
    for row in select(_APPROVED, s=s):
        entry = found.setdefault(row["agreement"], {"titles": [], "signatory": [], "parties": {}, "grants": set()})
        entry["titles"].append(row.get("title"))
        entry["signatory"].append(row.get("signatory"))
        if row.get("party") is not None:
            entry["parties"].setdefault(row["party"], []).append(row.get("partyLabel"))
        if row.get("grant") is not None:
            entry["grants"].add(row["grant"])
    table = Table("approved_agreements", [("agreement", "agreement"), ("signatory", "signatory"),
                                          ("parties", "parties"), ("grants", "governed_grants")],
                  links=("agreement",))
    # An agreement's IRI ends with its rank in the text ("…/2024-00240/2"): sorted by that rank, then by IRI.
    for iri, entry in sorted(found.items(), key=lambda item: (len(str(item[0])), str(item[0]))):
        parties = sorted((pick_label(labels) or str(party)) for party, labels in entry["parties"].items())
        table.rows.append({"agreement": ref(iri, pick_label(entry["titles"])),
                           "signatory": pick_label(entry["signatory"]), "parties": " ; ".join(parties) or None,
                           "grants": len(entry["grants"])})
    return table


#: The attendance a deliberation states of its own vote (members came or went since the session's opening), else
#: its session's (?own: whether it is the deliberation's).
#: Each deliberation of a session states its members and their names again: the values are taken once each before
#: their names are joined, and the properties are filtered rather than given as VALUES, which the engine joined after
#: reading them all (2,506 rows and 60 ms for a session of the 100k generated actors; this way 33 rows, 3 ms).
#: Their names are taken once each too, before their family names are joined: each deliberation of the session
#: names its members again, and the union of the graphs matched each name once per graph (244 rows for 33 values),
#: each then looked up for its family name (8.2 ms at 100k actors; 2.7 ms this way).
_AT_VOTE = """SELECT DISTINCT ?own ?where ?p ?o ?label ?order WHERE {
  { SELECT DISTINCT ?own ?where ?p ?o ?label WHERE {
      { SELECT DISTINCT ?own ?where ?p ?o WHERE {
          { BIND(?s AS ?where) BIND(true AS ?own) } UNION { ?s mai:session ?where BIND(false AS ?own) }
          ?where ?p ?o
          FILTER(?p IN (mai:membersPresent, mai:proxyCount, mai:voteCount, mai:present, mai:excused, mai:absent,
                        mai:proxy)) } }
      OPTIONAL { ?o rdfs:label ?label } } }
  OPTIONAL { ?o foaf:familyName|mai:from/foaf:familyName ?order }
}"""
#: What the page shows of the attendance at the vote, in its order: counts, then lists (people by family name, a
#: proxy by its giver's, whatever the language of its sentence).
AT_VOTE = (MAI.membersPresent, MAI.proxyCount, MAI.voteCount, MAI.present, MAI.excused, MAI.absent, MAI.proxy)
#: What the deliberation's session states of itself, shown beside the attendance at the vote, in this order.
SESSION_FACTS = (MAI.convenedOn, MAI.membersInOffice, MAI.chair, MAI.secretary)
_SESSION_FACTS = """SELECT DISTINCT ?where ?p ?o ?label WHERE {
  ?s mai:session ?where . ?where ?p ?o
  FILTER(?p IN (mai:convenedOn, mai:membersInOffice, mai:chair, mai:secretary))
  OPTIONAL { ?o rdfs:label ?label }
}"""


def attendance_at_vote(s: URIRef) -> dict | None:
    """Who was present at the vote of the deliberation ``s``, with the counts: what the deliberation states of its
    own vote, else its session's (the opening's); None when neither says."""
    rows = collapse(select(_AT_VOTE, s=s), ["label", "order"])
    if any(row["own"].toPython() for row in rows):
        rows = [row for row in rows if row["own"].toPython()]
    facts = session_facts(s)
    if not rows:
        return {"own": False, "session": facts["session"], "session_facts": facts["properties"],
                "properties": []} if facts else None
    names = names_of_unnamed([row["o"] for row in rows if row["p"] == MAI.proxy] + [rows[0]["where"]],
                             ["proxy", "session"])
    values: dict[URIRef, list] = defaultdict(list)
    for row in rows:
        value = ref(row["o"], row.get("label") or names.get(row["o"])) if isinstance(row["o"], URIRef) \
            else row["o"].toPython()
        values[row["p"]].append((value_order(row.get("order"), value), value))
    own = rows[0]["own"].toPython()
    return {"own": own, "session": None if own else ref(rows[0]["where"], names.get(rows[0]["where"])),
            "session_facts": facts["properties"] if facts else [],
            "properties": [{"property": ref(p, term_label(p)), "tooltip": term_comment(p),
                            "values": [v for _, v in sorted(values[p], key=lambda kv: kv[0])]}
                           for p in AT_VOTE if values.get(p)]}


def session_facts(s: URIRef) -> dict | None:
    """What the session of the deliberation ``s`` states of itself — convocation date, members in office, chair,
    secretary —, which the deliberation's page shows with the attendance; None when it states none of them."""
    rows = collapse(select(_SESSION_FACTS, s=s), ["label"])
    if not rows:
        return None
    # The values are people, named by their sources (the chair, the secretary): only the session needs a name.
    names = names_of_unnamed([rows[0]["where"]], ["session"])
    values: dict[URIRef, list] = defaultdict(list)
    for row in rows:
        if isinstance(row["o"], URIRef):
            value = ref(row["o"], row.get("label") or names.get(row["o"]))
        else:
            value = row["o"].toPython()
            value = format_value(row["o"]) if isinstance(value, dt.date) else value
        if value not in values[row["p"]]:
            values[row["p"]].append(value)
    return {"session": ref(rows[0]["where"], names.get(rows[0]["where"])),
            "properties": [{"property": ref(p, term_label(p)), "tooltip": term_comment(p), "values": values[p]}
                           for p in SESSION_FACTS if values.get(p)]}


#: The authority whose body holds a session (the body's ``org:unitOf``), with its names.
_SESSION_AUTHORITY = """SELECT DISTINCT ?authority ?label WHERE {
  ?s mai:body ?body . ?body org:unitOf ?authority OPTIONAL { ?authority rdfs:label ?label }
}"""


def session_authority(s: URIRef) -> Ref | None:
    """The authority that held the session ``s`` (« Saint-Etienne Métropole », whose « Bureau Métropolitain » met),
    which its page names first, as a clerk heads a register; None when its body is of no known authority."""
    rows = collapse(select(_SESSION_AUTHORITY, s=s), ["label"])
    if not rows:
        return None
    first = min(rows, key=lambda row: str(row["authority"]))
    return ref(first["authority"], first.get("label"))


#: The PTCEs that a deliberation's text describes (a founding deliberation creates one), and the source whose graph
#: states the deliberation and them.
_CREATED_IN = ("SELECT DISTINCT ?ptce ?source WHERE { "
               "GRAPH ?source { ?s a mai:Deliberation . ?ptce a mai:Cooperation } }")
#: What one PTCE's source (?ptce and ?source bound) says of it — names, coordinator, goals (rank, name), kinds of
#: members —, one branch each, so that they add up rather than multiply. Asked apart from _CREATED_IN, since the
#: engine evaluated these branches over every graph before joining them with the PTCE (46 ms at 100k actors).
_CREATED = """SELECT DISTINCT ?ptceLabel ?coordinator ?coordinatorLabel ?goal ?goalLabel ?rank ?kind ?kindLabel WHERE {
  { GRAPH ?source { ?ptce rdfs:label ?ptceLabel } }
  UNION { GRAPH ?source { ?ptce mai:coordinatedBy ?coordinator }
          OPTIONAL { ?coordinator rdfs:label ?coordinatorLabel } }
  UNION { GRAPH ?source { ?ptce mai:hasGoal ?goal OPTIONAL { ?goal skos:prefLabel ?goalLabel }
                          OPTIONAL { ?goal skos:notation ?rank } } }
  UNION { GRAPH ?source { ?ptce mai:memberKind ?kind } OPTIONAL { ?kind skos:prefLabel ?kindLabel } }
}"""


def cooperations_created(s: URIRef) -> list[dict]:
    """The PTCEs that the text of the deliberation ``s`` describes (the one a founding deliberation creates), each
    with its coordinator, the kinds of members it brings together and its goals in rank order, as the deliberation
    states them."""
    found: dict[URIRef, dict] = {}
    rows = [{**row, "ptce": where["ptce"]} for where in select(_CREATED_IN, s=s)
            for row in select(_CREATED, ptce=where["ptce"], source=where["source"])]
    for row in rows:
        ptce = found.setdefault(row["ptce"], {"labels": [], "coordinators": {}, "goals": {}, "kinds": {}})
        if row.get("ptceLabel") is not None:
            ptce["labels"].append(row["ptceLabel"])
        for key, column, label in (("coordinators", "coordinator", "coordinatorLabel"), ("goals", "goal", "goalLabel"),
                                   ("kinds", "kind", "kindLabel")):
            if row.get(column) is not None:
                ptce[key].setdefault(row[column], {"labels": [], "rank": None})
                if row.get(label) is not None:
                    ptce[key][row[column]]["labels"].append(row[label])
                if column == "goal" and row.get("rank") is not None:
                    ptce[key][row[column]]["rank"] = row["rank"].toPython()
    out = []
    for iri, ptce in sorted(found.items(), key=lambda kv: str(kv[0])):
        goals = sorted(ptce["goals"].items(), key=lambda kv: (kv[1]["rank"] is None, str(kv[1]["rank"]).zfill(9),
                                                              str(kv[0])))
        out.append({"cooperation": ref(iri, pick_label(ptce["labels"])),
                    "coordinators": [ref(c, pick_label(v["labels"])) for c, v in sorted(ptce["coordinators"].items())],
                    "kinds": sorted((ref(k, pick_label(v["labels"])) for k, v in ptce["kinds"].items()),
                                    key=lambda r: fold(r.label or r.iri)),
                    "goals": [{"goal": ref(g, pick_label(v["labels"])), "rank": v["rank"]} for g, v in goals]})
    return out
