"""Triples of a parsed deliberation, in the contract's vocabulary (DESIGN.md "Vocabulary contract").

Modelling choices:
- the chair's title ("Première Vice-Présidente", "Maire") is a ``mai:roleTitle`` literal on the session: the
  session is the one place where this person holds this role, and the contract has no node for the chair role;
- a beneficiary's dated presence ("installée sur le bassin stéphanois depuis 2019", "un tiers-lieu santé basé
  depuis 2023 à L'Étrat") is a *site*: ``mint("site", actor key, place)``, a ``schema:Place`` with
  ``schema:containedInPlace`` → the place, ``schema:startDate`` (xsd:gYear) and, for a facility, its label and
  themes. The actor's ``schema:location`` points at the places and at the sites, so both "where" and "since when"
  are one triple pattern away; a site the text names by no facility ("installée sur le bassin stéphanois depuis
  2019") is labelled by what it is, the actor's presence there: "implantation de DanaeCare (bassin stéphanois,
  depuis 2019)" (labelled with the actor's name alone, it read on the actor's page as a place named after it);
- a theme that the text gives a resource (an actor, a site, a PTCE, a goal) is a ``dcterms:subject`` value, one of
  several: its evidence is a selector of its own that names the value it supports (``mai:evidence`` → selector,
  ``mai:supports`` → the theme), so that a page puts each quote beside its theme. Not ``dcterms:subject`` on the
  selector (a theme's page and the search facets would count the quote as a resource about the theme), and not a
  full ``oa:Annotation`` (body the theme, target the selector): four more triples per theme and one more hop for
  the page, for what one triple says;
- an agreement (*convention*) that the deliberation approves is a ``mai:Agreement`` minted per deliberation and
  rank (``agreement/{authority}/{number}/{n}``); its signatory is an office in the text's words ("le Maire"), a
  literal, since the text names no person; a grant it governs points at it (``mai:governedBy``);
- the nature account of the imputation links to the M57 concept (``ontology/m57.ttl``) when the chart has it,
  also for older M14 deliberations whose account numbers it shares (6574); the imputation string stays a literal.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from graph.identity import actor_iri, body_iri
from graph.identity_names import name_key
from graph.ingest.base import SourceContext, add_evidence, literal
from graph.ingest.delib_names import Person
from graph.ingest.delib_people import Attendance
from graph.ingest.delib_quote_pages import QuotePages
from graph.namespaces import MAI, ORG, SCHEMA, mint, slugify
from graph.triples import TripleSet, plain_literal

ONTOLOGY = "https://w3id.org/maillage/ontology/"
M57 = ONTOLOGY + "m57/"
#: Made once: rdflib's RDF, RDFS and FOAF namespaces make a new term on each use (~40 persons a deliberation).
_TYPE, _LABEL = RDF.type, RDFS.label
_PERSON, _GIVEN_NAME, _FAMILY_NAME = FOAF.Person, FOAF.givenName, FOAF.familyName


#: The property of a session that each of an attendance's fields gives (:attr:`Attendance.stated` names them).
ATTENDANCE_PROPERTIES = {
    "in_office": MAI.membersInOffice, "present_count": MAI.membersPresent, "proxy_count": MAI.proxyCount,
    "vote_count": MAI.voteCount, "convened": MAI.convenedOn, "chair": MAI.chair, "chair_title": MAI.roleTitle,
    "secretary": MAI.secretary, "present": MAI.present, "excused": MAI.excused, "absent": MAI.absent,
    "proxies": MAI.proxy}


def concept(scheme: str, key: str) -> URIRef:
    """Return the IRI of a concept of a shipped scheme (``outcome/adopted``, ``nature/operating``…)."""
    return URIRef(f"{ONTOLOGY}{scheme}/{key}")


class Builder:
    """Accumulates the triples of one deliberation; every method adds one fact group."""

    def __init__(self, ctx: SourceContext, text: str, graph: TripleSet, pages: QuotePages | None = None):
        self.ctx, self.text, self.graph = ctx, text, graph
        self.pages = pages  # a PDF's: the page of each word of ``text``

    def add(self, s, p, o) -> None:
        if o is not None:
            self.graph.add((s, p, o if isinstance(o, (URIRef, Literal)) else plain_literal(o)))

    def evidence(self, fact: URIRef, span: tuple[int, int] | None, supports: URIRef | None = None) -> None:
        if span and span[1] > span[0]:
            self.paged(add_evidence(self.graph, fact, self.ctx, self.text, span[0], span[1], supports), span)

    def paged(self, selector: URIRef, span: tuple[int, int]) -> None:
        """The pages of the PDF where the quote ``selector`` of ``span`` starts (``mai:pageStart``) and, when it
        runs on over the next, ends (``mai:pageEnd``), so that an auditor finds it in the printed PDF; none for a
        text file, nor for a quote none of whose words the reader matched with the PDF's."""
        first, last = self.pages.pages_of(*span) if self.pages is not None else (None, None)
        if first is not None:
            self.graph.add((selector, MAI.pageStart, literal(first, XSD.integer)))
            if last > first:
                self.graph.add((selector, MAI.pageEnd, literal(last, XSD.integer)))

    def themes(self, iri: URIRef, located: list[tuple[URIRef, tuple[int, int] | None]]) -> None:
        """Give ``iri`` the themes the text gives it, each with the quote that gives it as its evidence (if any)."""
        for theme, span in located:
            self.add(iri, DCTERMS.subject, theme)
            self.evidence(iri, span, supports=theme)

    def mint(self, kind: str, *keys) -> URIRef:
        return mint(kind, *keys, base=self.ctx.base)

    def person(self, person: Person) -> URIRef:
        iri = person_iri(person.label, self.ctx.base)
        if (iri, _TYPE, _PERSON) not in self.graph:
            self.add(iri, _TYPE, _PERSON)
            self.add(iri, _LABEL, person.label)
            self.add(iri, _GIVEN_NAME, person.given)
            self.add(iri, _FAMILY_NAME, person.family)
        return iri

    def place(self, label: str) -> URIRef:
        iri = self.mint("place", label)
        self.add(iri, RDF.type, SCHEMA.Place)
        if not any(self.graph.objects(iri, RDFS.label)):
            self.add(iri, RDFS.label, label)
        return iri

    def authority(self, name: str | None, variants: list[str], siren: str | None, members: int | None) -> URIRef:
        iri = actor_iri(name=name, siren=siren, base=self.ctx.base)
        self.add(iri, RDF.type, MAI.PublicAuthority)
        self.add(iri, RDFS.label, name or f"Collectivité SIREN {siren}")
        for variant in variants:
            self.add(iri, SKOS.altLabel, variant)
        self.add(iri, MAI.siren, siren)
        if members:
            self.add(iri, MAI.memberCount, Literal(members, datatype=XSD.integer))
        return iri

    def organ(self, authority: URIRef, label: str) -> URIRef:
        iri = body_iri(authority, label, base=self.ctx.base)
        self.add(iri, RDF.type, ORG.OrganizationalUnit)
        self.add(iri, RDFS.label, label)
        self.add(iri, ORG.unitOf, authority)
        return iri

    def session(self, iri: URIRef, organ: URIRef | None, date, a: Attendance) -> None:
        """The session and its attendance at the opening, before the members who come or go during it."""
        self.add(iri, RDF.type, MAI.Session)
        self.add(iri, DCTERMS.date, Literal(date, datatype=XSD.date) if date else None)
        self.add(iri, MAI.body, organ)
        self.add(iri, MAI.convenedOn, Literal(a.convened, datatype=XSD.date) if a.convened else None)
        if a.in_office is not None:
            self.add(iri, MAI.membersInOffice, Literal(a.in_office, datatype=XSD.integer))
        if a.chair:
            self.add(iri, MAI.chair, self.person(a.chair))
            self.add(iri, MAI.roleTitle, a.chair_title)
        if a.secretary:
            self.add(iri, MAI.secretary, self.person(a.secretary))
        self._attendance(iri, a, lambda proxy: self._proxy_node(iri, "/session/", proxy))
        for span in a.spans:
            self.stated_evidence(iri, span, stated_properties(a, span))

    def stated_evidence(self, fact: URIRef, span: tuple[int, int] | None, properties: list[URIRef]) -> None:
        """The passage ``span`` as evidence of ``fact``, one selector that ``mai:supports`` each of the
        ``properties`` whose values the passage states (« Présents : 24 – Votants : 26 » two counts): the same
        selector as a quote of the whole fact, since the passage is quoted once."""
        if span and span[1] > span[0]:
            selector = add_evidence(self.graph, fact, self.ctx, self.text, span[0], span[1])
            self.paged(selector, span)
            for prop in properties:
                self.graph.add((selector, MAI.supports, prop))

    def attendance_at_vote(self, deliberation: URIRef, session: URIRef, at_vote: Attendance,
                           opening: Attendance) -> None:
        """The attendance at the deliberation's vote, on the deliberation, when members came or went since the
        session's opening (the session keeps the opening's: the texts of one session's deliberations share it)."""
        if attendance_key(at_vote) == attendance_key(opening):
            return
        kept = {(p.giver.key, p.holder.key if p.holder else None) for p in opening.proxies}
        self._attendance(deliberation, at_vote, lambda proxy: self._proxy_node(session, "/session/", proxy)
                         if (proxy.giver.key, proxy.holder.key if proxy.holder else None) in kept
                         else self._proxy_node(deliberation, "/deliberation/", proxy))

    def _attendance(self, iri: URIRef, a: Attendance, proxy_node) -> None:
        """Counts, lists and proxies of ``a`` on ``iri``; ``proxy_node(proxy)`` names each proxy's node."""
        for prop, value in ((MAI.membersPresent, a.present_count), (MAI.proxyCount, a.proxy_count),
                            (MAI.voteCount, a.vote_count)):
            if value is not None:
                self.add(iri, prop, Literal(value, datatype=XSD.integer))
        for prop, people in ((MAI.present, a.present), (MAI.excused, a.excused), (MAI.absent, a.absent)):
            for person in people:
                self.add(iri, prop, self.person(person))
        for proxy in a.proxies:
            giver = self.person(proxy.giver)
            node = proxy_node(proxy)
            self.add(iri, MAI.proxy, node)
            self.add(node, RDF.type, MAI.Proxy)
            self.add(node, MAI["from"], giver)
            if proxy.holder:
                self.add(node, MAI.to, self.person(proxy.holder))

    def _proxy_node(self, owner: URIRef, kind: str, proxy) -> URIRef:
        # Named after its giver (one proxy per member and session): the texts of one session's deliberations
        # list their proxies in their own order, and a number would join two members' proxies into one node. A
        # proxy given during the session is named after the deliberation at whose vote it holds.
        return self.mint("proxy", *str(owner).split(kind, 1)[1].split("/"), proxy.giver.label)

    def grant(self, iri: URIRef, fact, funder: URIRef, beneficiary: URIRef, deliberation: URIRef,
              year: int | None, account: tuple[str | None, str | None],
              passages: dict[URIRef, tuple[int, int] | None] | None = None) -> None:
        """A grant the deliberation decides, its clause as its evidence, and the ``passages`` that state one of its
        facts each (its fiscal year, budget account, purpose), each the evidence of that property alone."""
        self.add(iri, RDF.type, MAI.Grant)
        self.add(iri, SCHEMA.funder, funder)
        self.add(iri, MAI.beneficiary, beneficiary)
        self.add(iri, SCHEMA.amount, Literal(Decimal(fact.amount), datatype=XSD.decimal))
        self.add(iri, SCHEMA.currency, "EUR")
        if year:
            self.add(iri, MAI.fiscalYear, Literal(year, datatype=XSD.integer))
        raw, nature_account = account
        nature = fact.nature or _nature_from_account(nature_account)
        self.add(iri, MAI.nature, concept("nature", nature) if nature else None)
        self.add(iri, MAI.budgetAccount, raw)
        if nature_account and m57_known(nature_account):
            self.add(iri, MAI.budgetNature, URIRef(M57 + nature_account))
        self.add(iri, MAI.decidedBy, deliberation)
        # A purpose that runs onto the next line (a list item's indented continuation) is one phrase.
        self.add(iri, DCTERMS.description, " ".join(fact.purpose.split()) if fact.purpose else None)
        self.evidence(iri, fact.span)
        for prop, span in (passages or {}).items():
            self.evidence(iri, span, supports=prop)

    def partner(self, iri: URIRef, label: str, kind: str, span: tuple[int, int]) -> URIRef:
        """A party to an agreement that the text names only there: its name, the kind its words say, the clause
        as evidence. Return its IRI."""
        self.add(iri, RDF.type, MAI[kind])
        if not any(self.graph.objects(iri, RDFS.label)):
            self.add(iri, RDFS.label, label)
        self.evidence(iri, span)
        return iri

    def agreement(self, iri: URIRef, found, title: str, deliberation: URIRef, parties: list[URIRef],
                  grants: list[URIRef]) -> None:
        """An agreement the deliberation approves (:class:`graph.ingest.delib_agreement_scope.AgreementFound`), its
        parties, and the grants it governs; the clauses that approve it and authorise its signature are its
        evidence."""
        self.add(iri, RDF.type, MAI.Agreement)
        self.add(iri, DCTERMS.title, title)
        self.add(iri, MAI.approvedBy, deliberation)
        for party in dict.fromkeys(parties):
            self.add(iri, MAI.party, party)
        self.add(iri, MAI.signatory, found.signatory)
        for grant in grants:
            self.add(grant, MAI.governedBy, iri)
        for span in found.spans:
            self.evidence(iri, span)


def stated_properties(a: Attendance, span: tuple[int, int]) -> list[URIRef]:
    """The properties of the session whose values the passage ``span`` states, those the session has: a chair's
    title only with the chair, a list only when it names someone (a reading taken back leaves a field empty)."""
    def kept(name: str) -> bool:
        return getattr(a, name) not in (None, []) and (name != "chair_title" or a.chair is not None)

    return [ATTENDANCE_PROPERTIES[name] for name in a.stated.get(span, ()) if kept(name)]


def attendance_key(a: Attendance) -> tuple:
    """What of ``a`` a deliberation states of its vote: the counts, and who is in each list and gave a proxy."""
    keys = tuple(frozenset(p.key for p in people) for people in (a.present, a.excused, a.absent))
    proxies = frozenset((p.giver.key, p.holder.key if p.holder else None) for p in a.proxies)
    return a.present_count, a.proxy_count, a.vote_count, keys, proxies


@lru_cache(maxsize=4096)
def person_iri(label: str, base: str) -> URIRef:
    """``mint("person", label)``, made once per name: the members of a council are named at each of its sessions,
    and several times in one."""
    return mint("person", label, base=base)


def _nature_from_account(account: str | None) -> str | None:
    if account and account.startswith("204"):
        return "investment"
    if account and account.startswith("657"):
        return "operating"
    return None


def m57_known(account: str) -> bool:
    """Whether the shipped M57 scheme has a concept for ``account``."""
    from graph.ingest.delib_themes import scheme_labels

    return any(str(c) == M57 + account for _, c in scheme_labels("m57"))


def goal_scheme_key(ptce_label: str) -> str:
    return slugify(name_key(ptce_label))
