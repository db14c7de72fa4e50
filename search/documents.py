"""Pure converters from graph facts to index documents: one per actor, grant, deliberation, agreement, strategic
goal, theme, roadmap action.

A document is a plain dict keyed by the resource IRI; :mod:`search.schema` turns it into whoosh fields. Nothing
here reads the store: :func:`search.facts.load_facts` gathers the facts, these functions only reshape them.

This module holds the converters (an actor's is :mod:`search.actor_documents`'), how far each reads (:data:`READS`)
and the loop over them (:func:`facts_to_documents`); what they share lives by responsibility: the kinds of documents
and their labels (:mod:`search.document_kinds`), readers over the facts (:mod:`search.fact_readers`), and how a
document is assembled (:mod:`search.document_assembly`).

>>> facts = Facts()
>>> a = "https://ex.org/id/actor/danaecare"
>>> facts.types[a].update({mai.Actor, mai.Association})
>>> facts.add(a, rdfs.label, ("DanaeCare", None))
>>> doc = actor_to_document(a, facts)
>>> doc["kind"], doc["type"], doc["label"]
('actor', 'association', 'DanaeCare')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from graph.french_text import counted, numbered, of
from search.accounts import add_accounts
from search.actor_documents import actor_to_document
from search.document_assembly import (MAX_RELATED, add_classes, add_dependencies, add_facet, finish_document,
                                      format_amount, show_labels, start_document)
from search.document_kinds import kind_of
from search.fact_readers import (amount_of, counted_amount_of, dcterms, grants_in_force, grants_replacing, has_label,
                                 iris_of, label_of, mai, party_names_of, published_twice, rdfs, schema, skos, texts_of,
                                 year_of)
from search.deliberation_facts import PARTICIPANT, TEXT
from search.facts import FULL, LABELS, Facts


def deliberation_name(number: str | None, title: str | None, authorities: list[str]) -> str:
    """A deliberation's label as its page names it: "Délibération n°\u00a02024.00240 — title" when a source titles
    it, "Délibération CONV N° 365-15 — Ville d'Antibes" (the authority) when none does; "n°" only before a number
    (:func:`graph.french_text.numbered`, the pages' rule).

    >>> deliberation_name("CONV N° 365-15", None, ["Ville d'Antibes"])
    "Délibération CONV N° 365-15 — Ville d'Antibes"
    >>> deliberation_name("2024.00240", "Création d'un PTCE", ["SEM"]).replace("\u00a0", "~")
    "Délibération n°~2024.00240 — Création d'un PTCE"
    """
    if number is None:
        return title or " — ".join(["Délibération"] + authorities[:1])
    if title and number in title:
        return title
    name = numbered("Délibération", number)
    after = title or (authorities[0] if authorities else None)
    return f"{name} — {after}" if after else name


def grant_to_document(iri: str, facts: Facts) -> dict:
    """The document of a grant: amount, funder, beneficiary, purpose, year, deliberation, goals, nature (in its
    classes, French and English: « subvention de fonctionnement », "operating grant").

    Its ``amount`` (the sort's, the result's) is the one the totals count (:func:`counted_amount_of`), as the pages
    sort and sum it; one they leave out (-500 €) is in its name and summary, as its page names it, and in its body: a
    search "500" still finds it."""
    funders, beneficiaries = iris_of(facts, iri, schema.funder), iris_of(facts, iri, mai.beneficiary)
    amount, counted_amount = amount_of(facts, iri), counted_amount_of(facts, iri)
    years = sorted(filter(None, map(year_of, facts.get(iri, mai.fiscalYear))))
    who = ", ".join(party_names_of(facts, iri, mai.beneficiary)) or "bénéficiaire inconnu"
    title = texts_of(facts, iri, rdfs.label)
    label = title[0] if title else f"Subvention de {format_amount(amount) or 'montant inconnu'} à {who}" + (
        f" ({years[0]})" if years else "")
    doc = start_document(iri, "grant", label)
    doc["text"] = texts_of(facts, iri, dcterms.description)
    add_classes(doc, facts, iris_of(facts, iri, mai.nature))
    deliberations = iris_of(facts, iri, mai.decidedBy)
    themes = iris_of(facts, iri, dcterms.subject) + [t for b in beneficiaries
                                                     for t in iris_of(facts, b, dcterms.subject)]
    places = [p for b in beneficiaries for p in iris_of(facts, b, schema.location)]
    add_facet(doc, facts, "funder", funders)
    add_facet(doc, facts, "fiscal_year", years)
    add_facet(doc, facts, "goal", iris_of(facts, iri, mai.contributesTo))
    add_facet(doc, facts, "theme", themes)
    add_facet(doc, facts, "place", places)
    # A deliberation that no source titles (an SCDL row's) would show its IRI's tail, a slug: its own document
    # names it by its number and authority.
    doc["related"] += show_labels(doc, facts, funders + beneficiaries
                                  + [d for d in deliberations if has_label(facts, d)])
    doc["related"] += texts_of(facts, iri, mai.budgetAccount, mai.programme)
    add_accounts(doc, iris_of(facts, iri, mai.budgetNature))  # « 6574 »: the grants on 6574, then those on 65748
    # the number of the act that decided it: « 2024.00240 » finds the grant with its deliberation
    doc["related"] += [n for d in deliberations for n in texts_of(facts, d, dcterms.identifier)]
    doc["related"] += texts_of(facts, iri, schema.funder, mai.beneficiary)  # parties that a source wrote as texts
    for name in ("theme", "goal", "place"):
        doc["related"] += [doc["labels"][v] for v in doc["facets"][name]]
    if amount != counted_amount:
        doc["related"].append(format_amount(amount))
    doc["amount"] = counted_amount
    funder = ", ".join(party_names_of(facts, iri, schema.funder))
    replacing = facts.pointing(iri, dcterms.replaces)  # an erratum's or an amending act's grant
    doc["summary"] = " · ".join(filter(None, [format_amount(amount), of(funder) if funder else "",
                                              f"à {who}", ", ".join(years),
                                              "remplacée par un acte ultérieur" if replacing else ""]))
    add_dependencies(doc, beneficiaries + replacing + deliberations)  # themes, places; what replaces it; numbers
    return finish_document(doc)


def decided_by_text(facts: Facts, grants: list) -> tuple[list, list]:
    """The ``grants`` of a deliberation that its text decides, and those that another source publishes citing its
    number (a grants list's row keeps the reference as written, ``mai:decisionReference``): a deliberation's summary
    counts the first, and says the others apart (a list that republishes its grant made « 2 subventions, 80 000 € »
    of an act that decides one grant of 40 000 €), as its page lists them apart (webapp.deliberation_citations)."""
    cited = [g for g in grants if facts.get(g, mai.decisionReference)]
    return [g for g in grants if g not in cited], cited


def deliberation_to_document(iri: str, facts: Facts) -> dict:
    """The document of a deliberation: number, title, authority, date, outcome (in its classes, French and
    English), the grants it decides and the titles of the agreements it approves ("Convention pluriannuelle
    d'objectifs avec …", in its text)."""
    identifiers = texts_of(facts, iri, dcterms.identifier)
    authorities = iris_of(facts, iri, mai.authority)
    label = deliberation_name(identifiers[0] if identifiers else None, label_of(facts, iri) if has_label(facts, iri)
                              else None, [label_of(facts, a) for a in authorities])
    doc = start_document(iri, "deliberation", label)
    doc["names"] += identifiers + texts_of(facts, iri, dcterms.title)
    add_classes(doc, facts, iris_of(facts, iri, mai.outcome))
    agreements = facts.pointing(iri, mai.approvedBy)
    doc["text"] = texts_of(facts, iri, dcterms.description) + [t for a in agreements
                                                               for t in texts_of(facts, a, dcterms.title)]
    # its own text, in a field of its own (search.schema): a text's words find the act that says them, after the
    # documents whose description or name says them (« tiers-lieu » finds the actor, then the act about it)
    doc["own"] = texts_of(facts, iri, TEXT)
    decided = facts.pointing(iri, mai.decidedBy)
    grants = grants_in_force(facts, decided)
    dates = texts_of(facts, iri, dcterms.date)
    doc["date"] = dates[0] if dates else None
    add_facet(doc, facts, "funder", authorities + [f for g in grants for f in iris_of(facts, g, schema.funder)])
    add_facet(doc, facts, "fiscal_year",
              [y for g in grants for y in map(year_of, facts.get(g, mai.fiscalYear)) if y]
              or [y for y in map(year_of, dates) if y])
    add_facet(doc, facts, "theme", iris_of(facts, iri, dcterms.subject))
    beneficiaries = [b for g in grants for b in iris_of(facts, g, mai.beneficiary)]
    add_facet(doc, facts, "theme", [t for b in beneficiaries for t in iris_of(facts, b, dcterms.subject)])
    add_facet(doc, facts, "goal", [x for g in grants for x in iris_of(facts, g, mai.contributesTo)])
    shown = authorities + beneficiaries[:MAX_RELATED] + iris_of(facts, iri, mai.body)
    doc["related"] += show_labels(doc, facts, shown)
    doc["related"] += [t for g in grants for t in texts_of(facts, g, mai.beneficiary)][:MAX_RELATED]
    doc["related"] += texts_of(facts, iri, mai.actesId, mai.programme)
    # who took part in it: a councillor's name finds the acts of the sessions they chaired, attended or voted by proxy
    doc["related"] += texts_of(facts, iri, PARTICIPANT)
    doc["related"] += [doc["labels"][v] for v in doc["facets"]["theme"]]
    _deliberation_grants(doc, facts, grants, authorities, bool(dates))
    # amounts, years, themes; the agreements' titles; what replaces a grant it decided
    add_dependencies(doc, decided + grants_replacing(facts, decided) + beneficiaries + agreements)
    return finish_document(doc)


def _deliberation_grants(doc: dict, facts: Facts, grants: list, authorities: list, dated: bool) -> None:
    """A deliberation's document's amount and summary: its authorities, its date, the grants it decides and their
    total, or those that another source publishes citing it (and, when only those are known of an act with no date
    nor text, that its text is missing)."""
    own, cited = decided_by_text(facts, grants)
    total, cited_total = (sum(counted_amount_of(facts, g) or 0.0 for g in part) for part in (own, cited))
    doc["amount"] = (total if own else cited_total) or None
    doc["summary"] = " · ".join(filter(None, [", ".join(label_of(facts, a) for a in authorities), doc["date"] or "",
                                              f"{counted(len(own), 'subvention')}, {format_amount(total)}"
                                              if own else "",
                                              "texte absent" if cited and not own and not doc["own"] and not dated
                                              else "",
                                              f"{counted(len(cited), 'subvention')} "
                                              f"publiée{'s' * (len(cited) > 1)} par une autre source qui la cite, "
                                              f"{format_amount(cited_total)}" if cited else ""]))


def agreement_to_document(iri: str, facts: Facts) -> dict:
    """The document of an agreement: its title in the text's words, the deliberation that approves it, its parties
    (their themes and places) and the grants it governs (their funders, years and total)."""
    titles = texts_of(facts, iri, dcterms.title)
    doc = start_document(iri, "agreement", titles[0] if titles else label_of(facts, iri))
    deliberations, parties = iris_of(facts, iri, mai.approvedBy), iris_of(facts, iri, mai.party)
    grants = facts.pointing(iri, mai.governedBy)
    doc["text"] = texts_of(facts, iri, dcterms.description)
    numbers = [n for d in deliberations for n in texts_of(facts, d, dcterms.identifier)]
    dates = sorted(t for d in deliberations for t in texts_of(facts, d, dcterms.date))
    doc["date"] = dates[0] if dates else None
    add_facet(doc, facts, "theme", [t for p in parties for t in iris_of(facts, p, dcterms.subject)])
    add_facet(doc, facts, "place", [x for p in parties for x in iris_of(facts, p, schema.location)])
    add_facet(doc, facts, "funder", [f for g in grants for f in iris_of(facts, g, schema.funder)])
    add_facet(doc, facts, "fiscal_year",
              [y for g in grants for y in map(year_of, facts.get(g, mai.fiscalYear)) if y]
              or [y for y in map(year_of, dates) if y])
    add_facet(doc, facts, "goal", [x for g in grants for x in iris_of(facts, g, mai.contributesTo)])
    doc["related"] += show_labels(doc, facts, parties[:MAX_RELATED]) + numbers
    doc["related"] += texts_of(facts, iri, mai.signatory)
    doc["related"] += [doc["labels"][v] for v in doc["facets"]["theme"]]
    total = sum(counted_amount_of(facts, g) or 0.0 for g in grants)
    doc["amount"] = total or None
    approved = f"approuvée par la {numbered('délibération', numbers[0])}" if numbers else ""
    doc["summary"] = " · ".join(filter(None, ["Convention", approved, ", ".join(label_of(facts, p) for p in parties),
                                              f"{counted(len(grants), 'subvention')}, {format_amount(total)}"
                                              if grants else "", doc["date"] or ""]))
    # its number and date; their themes and places; amounts, years
    add_dependencies(doc, deliberations + parties + grants)
    return finish_document(doc)


def goal_to_document(iri: str, facts: Facts) -> dict:
    """The document of a strategic goal: its label, rank, and the actions and grants that serve it."""
    doc = start_document(iri, "goal", label_of(facts, iri))
    doc["names"] += [n for n in texts_of(facts, iri, skos.prefLabel, skos.altLabel) if n not in doc["names"]]
    doc["text"] = texts_of(facts, iri, skos.definition, dcterms.description)
    pointing = facts.pointing(iri, mai.contributesTo)
    # What serves it, typed: a partner register's grant references are untyped nodes, and the goals they give are
    # stated on the grants they describe (graph.ingest.register_links), counted as grants.
    contributions = [c for c in pointing if facts.types.get(c)]
    doc["related"] += show_labels(doc, facts, contributions)
    add_facet(doc, facts, "goal", [iri])
    rank = texts_of(facts, iri, skos.notation)
    # a list's grant that a stored deliberation's text decides too is that text's grant, once (as the goals page)
    grants = sum(1 for c in grants_in_force(facts, contributions)
                 if mai.Grant in facts.types.get(c, ()) and not published_twice(facts, c))
    others = sum(1 for c in contributions if mai.Grant not in facts.types.get(c, ()))
    doc["summary"] = " · ".join(filter(None, [numbered("Objectif", rank[0]) if rank else "Objectif stratégique",
                                              counted(grants, "subvention") if grants else "",
                                              counted(others, "acteur ou action", "acteurs ou actions") if others
                                              else ""]))
    # what points at it (their facts say which), what replaces a grant among them, and the deliberations that its
    # lists' grants cite (their texts stored or removed make those grants published twice or not)
    cited = [d for c in pointing if facts.get(c, mai.decisionReference) for d in iris_of(facts, c, mai.decidedBy)]
    add_dependencies(doc, pointing + grants_replacing(facts, pointing) + facts.pointing(iri, mai.hasGoal) + cited)
    return finish_document(doc)


def action_to_document(iri: str, facts: Facts) -> dict:
    """The document of a roadmap action: its title and description, summarised with the goals it serves (their rank
    and label), as the goals page lists it under its goal."""
    doc = start_document(iri, "action", label_of(facts, iri))
    # its old titles too (skos:hiddenLabel, graph.ingest.source_renames): a reworded action is still sought by them
    doc["names"] += [n for n in texts_of(facts, iri, dcterms.title, rdfs.label, skos.hiddenLabel)
                     if n not in doc["names"]]
    doc["text"] = texts_of(facts, iri, dcterms.description)
    goals = iris_of(facts, iri, mai.contributesTo)
    add_facet(doc, facts, "goal", goals)
    doc["related"] += [doc["labels"][g] for g in goals]
    doc["summary"] = " · ".join([doc["type_label"]] + [goal_part(facts, g) for g in goals])
    add_dependencies(doc, goals)  # their ranks
    return finish_document(doc)


def goal_part(facts: Facts, goal) -> str:
    """What an action's summary says of a goal it serves: « Objectif n°\u00a02 : label », or « Objectif : label »
    when the goal has no rank."""
    rank = texts_of(facts, goal, skos.notation)
    return f"{numbered('Objectif', rank[0]) if rank else 'Objectif'} : {label_of(facts, goal)}"


def theme_to_document(iri: str, facts: Facts) -> dict:
    """The document of a theme: preferred and alternative labels, broader and narrower themes."""
    doc = start_document(iri, "theme", label_of(facts, iri))
    doc["names"] += [n for n in texts_of(facts, iri, skos.prefLabel, skos.altLabel) if n not in doc["names"]]
    # The French definition, or an untagged one: the English one is for English pages (webapp.search_page).
    doc["text"] = sorted(v[0] for v in facts.get(iri, skos.definition) if type(v) is tuple and v[1] in ("fr", "", None))
    broader, narrower = iris_of(facts, iri, skos.broader), facts.pointing(iri, skos.broader)
    # The labels of broader and narrower themes stay out of the text: "accès aux soins" would otherwise find
    # every theme below it before the actors tagged with it (bench/relevance.py).
    add_facet(doc, facts, "theme", [iri])
    # English labels are matched word for word, not through the French stemmer ("Carers" stemmed "car", so that
    # "car" and "Danae Care" named the theme Aidants).
    labels = [v for p in (skos.prefLabel, skos.altLabel) for v in facts.get(iri, p) if type(v) is tuple]
    french = {v[0] for v in labels if v[1] != "en"}
    doc["scheme"] = {"labels": doc["names"][:], "broader": sorted(str(b) for b in broader),
                     "english": sorted({v[0] for v in labels if v[1] == "en"} - french)}
    # searched through the English stemmer (search.english): "older people" finds Ageing by its definition
    doc["english"] = doc["scheme"]["english"] + sorted(v[0] for v in facts.get(iri, skos.definition)
                                                        if type(v) is tuple and v[1] == "en")
    doc["summary"] = "Thème" + (f" · dans {', '.join(show_labels(doc, facts, broader))}" if broader else "")
    add_dependencies(doc, narrower)
    return finish_document(doc)


#: How far the converter of each kind reads around a resource (see :func:`search.facts.load_facts`): around the
#: resource, and around what points at it (None: nothing). An actor shows the labels of its themes and of its
#: grants' funders; a grant the labels of its beneficiary's place, and the grant that replaces it; a deliberation the
#: labels of its grants' beneficiaries' themes; a goal the labels of its contributions; a theme the labels of its
#: broader themes; an action the rank and label of its goals, nothing of what points at it.
READS = {"actor": (FULL + 1, FULL + 1), "grant": (FULL + 2, LABELS), "deliberation": (FULL + 1, FULL + 2),
         "agreement": (FULL + 2, FULL + 1), "goal": (FULL, FULL), "theme": (FULL + 1, FULL),
         "action": (FULL + 2, None)}


def reach_of(facts: Facts, iri) -> tuple[int, int | None] | None:
    """How far the document of ``iri`` reads in the graph (see READS), or None when it makes none."""
    kind = kind_of(facts, iri)
    return READS[kind] if kind else None


CONVERTERS = {"actor": actor_to_document, "grant": grant_to_document, "deliberation": deliberation_to_document,
              "agreement": agreement_to_document, "goal": goal_to_document, "theme": theme_to_document,
              "action": action_to_document}


def document_iris(facts: Facts) -> list[str]:
    """The IRIs of the resources of ``facts`` that make a document, sorted."""
    return [iri for iri in sorted(set(facts.types) | set(facts.props)) if kind_of(facts, iri) is not None]


def facts_to_documents(facts: Facts, iris: Iterable[str] | None = None) -> Iterator[dict]:
    """Yield the document of each of ``iris`` that makes one (of every resource in ``facts`` when None)."""
    for iri in (sorted(set(facts.types) | set(facts.props)) if iris is None else sorted(map(str, iris))):
        kind = kind_of(facts, iri)
        if kind is not None:
            yield CONVERTERS[kind](iri, facts)
