"""The graph of one partner register (see :mod:`graph.ingest.register`), built from its entries by
:class:`RegisterBuilder`: the PTCE, each member an actor of its kind's class with its identifiers and themes, the
roadmap's actions, the coordinator, and the checks once the members' names have met (a coordinator or a grant's
beneficiary that is none of the members); the periods of membership are read and stated by
:class:`graph.ingest.register_memberships.MembershipBuilder`, the goals by
:class:`graph.ingest.register_goals.GoalBuilder`.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from graph.identity import ActorBook
from graph.identity_names import fold, name_key
from graph.ingest.base import Extraction, SourceContext, new_graph
from graph.ingest.register_entries import Entry
from graph.ingest.register_memberships import MembershipBuilder, Period
from graph.ingest.register_values import KINDS, kind_class, nearest, read_identifiers
from graph.namespaces import MAI, SCHEMA, THEMES, mint, slugify
from graph.values import ValueProblem, parse_bool


def _concept_index(scheme: URIRef) -> dict[str, URIRef]:
    """Map folded labels, variants and identifiers of a shipped SKOS scheme to its concepts."""
    from graph.ontology import load_schemes

    graph, index = load_schemes(), {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        index[fold(str(concept).rsplit("/", 1)[-1])] = concept
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, p):
                index.setdefault(fold(str(label)), concept)
    return index


def _french_label(concept: URIRef) -> str:
    """The French preferred label of a shipped SKOS concept (its identifier when it has none)."""
    from graph.ontology import load_schemes

    labels = load_schemes().objects(concept, SKOS.prefLabel)
    return next((str(label) for label in labels if label.language == "fr"), str(concept).rsplit("/", 1)[-1])


class RegisterBuilder(MembershipBuilder):
    """Builds the graph of one register from its entries (plain values with their lines); its periods of
    membership as :class:`graph.ingest.register_memberships.MembershipBuilder` reads and states them, its goals as
    :class:`graph.ingest.register_goals.GoalBuilder` builds them."""

    def __init__(self, ctx: SourceContext, ptce: Entry, yaml_register: bool):
        self.ctx, self.graph = ctx, new_graph()
        self.ex = Extraction(graph=self.graph)
        self.book = ActorBook(self.graph, ctx.base)
        self.themes = _concept_index(THEMES)
        name = ptce.text("name") or ctx.path.stem
        self.slug = slugify(name)
        self.ptce = self.book.actor(name, MAI.Cooperation)
        super().__init__(ptce, yaml_register)
        self.ptce_entry = ptce
        self.members: dict[str, URIRef] = {}
        #: The keys of the actions' IRIs given so far, and the line of each ``id`` (:meth:`action_key`).
        self.action_keys: set[str] = set()
        self.action_ids: dict[str, int] = {}
        self.sirets: dict[str, Entry] = {}  # each SIRET read, with the first member that gives it
        self.sirens: dict[str, Entry] = {}  # each SIREN read (or a SIRET's), with the first member that gives it
        self.coordinated: URIRef | None = None
        self.beneficiaries: list[tuple[Entry, URIRef]] = []  # grant entries' beneficiaries, checked once names have met
        self.periods: list[Period] = []
        if description := ptce.text("description"):
            self.graph.add((self.ptce, DCTERMS.description, Literal(" ".join(description.split()))))
        if territory := ptce.text("territory"):  # where the PTCE acts, as its coordinator names it
            self.graph.add((self.ptce, SCHEMA.areaServed, Literal(" ".join(territory.split()))))

    def flag(self, entry: Entry, key: str) -> bool | None:
        """Read a yes/no field: ``true``/``false``, oui/non, vrai/faux, yes/no (any case); warn about other values."""
        value = entry.get(key)
        if value is None or isinstance(value, bool):
            return value
        try:
            return parse_bool(str(value))
        except ValueProblem as exc:
            self.warn(entry, key, f"{entry.key_of(key)} : {exc} : ignoré",
                      f"{entry.key_of(key, 'en')}: {exc.message_en}: ignored")
            return None

    def identifiers(self, entry: Entry) -> dict[str, str | None]:
        ids, problems = read_identifiers(entry.text("siren"), entry.text("siret"), entry.text("rna"))
        for key, fr, en in problems:
            self.warn(entry, key, fr, en)
        return ids

    def member(self, entry: Entry) -> None:
        entry.member = True
        name = entry.text("name")
        if not name:
            self.ex.reject("membre sans nom", "member without a name", line=entry.line, field=entry.key_of("name"))
            return
        if self.repeated(entry):
            return
        cls = self.member_class(entry)
        ids = self.identifiers(entry)
        actor = self.book.actor(name, cls or MAI.Actor, **ids)
        self.members[fold(name)] = actor
        if siren := ids["siren"] or (ids["siret"] or "")[:9]:
            self.sirens.setdefault(siren, entry)
        if ids["siret"] and (first := self.sirets.setdefault(ids["siret"], entry)) is not entry and name_key(
                first.text("name")) != name_key(name):  # one establishment: the two rows are read as one actor
            said = (f"lignes {first.line} (« {first.text('name')} ») et {entry.line} (« {name} »)",
                    f"lines {first.line} ('{first.text('name')}') and {entry.line} ('{name}')")
            self.warn(entry, "siret", f"même SIRET {ids['siret']} pour deux noms différents, {said[0]} : lus comme un "
                      "seul acteur ; si ce sont deux structures, corrigez le SIRET de l'une", f"same SIRET "
                      f"{ids['siret']} for two different names, {said[1]}: read as one actor; if they are two "
                      "organisations, correct the SIRET of one")
        if self.flag(entry, "esus"):
            self.graph.add((actor, MAI.esus, Literal(True)))
        self.member_themes(entry, actor)
        self.goal_refs(entry, "goals", actor)
        self.membership(entry, actor)

    def member_class(self, entry: Entry) -> URIRef | None:
        """The class that a member's kind names (None for none: a warning says it is missing or unknown)."""
        cls = kind_class(entry.text("kind"))
        if not entry.text("kind"):
            self.warn(entry, "kind", f"type de membre manquant ({entry.key_of('kind')} : {', '.join(KINDS)})",
                      f"member kind missing ({entry.key_of('kind', 'en')}: {', '.join(KINDS)})")
        elif cls is None and (near := nearest(entry.text("kind"), KINDS)) is not None:
            self.warn(entry, "kind",
                      f"type de membre inconnu « {entry.text('kind')} » : vouliez-vous dire « {near} » ?",
                      f"unknown member kind '{entry.text('kind')}': did you mean '{near}'?")
        elif cls is None:
            self.warn(entry, "kind", f"type de membre inconnu « {entry.text('kind')} » (connus : {', '.join(KINDS)}, "
                      "ou un libellé du vocabulaire des types)", f"unknown member kind '{entry.text('kind')}' (known: "
                      f"{', '.join(KINDS)}, or a label of the kinds vocabulary)")
        return cls

    def member_themes(self, entry: Entry, actor: URIRef) -> None:
        """The themes of the thesaurus that a member's entry names, as the actor's subjects; an unknown one warned
        of, with the nearest known theme when one is near."""
        for theme in entry.list("themes"):
            concept = self.themes.get(fold(str(theme)))
            if concept is None and (near := nearest(str(theme), self.themes)) is not None:
                label = _french_label(self.themes[near])
                self.warn(entry, "themes", f"thème inconnu « {theme} » du thésaurus : vouliez-vous dire « {label} » ?",
                          f"unknown theme '{theme}': did you mean '{label}'?")
            elif concept is None:
                self.warn(entry, "themes", f"thème inconnu « {theme} » du thésaurus", f"unknown theme '{theme}'")
            else:
                self.graph.add((actor, DCTERMS.subject, concept))

    def action(self, entry: Entry) -> None:
        title = entry.text("title")
        if not title:
            self.ex.reject("action sans titre", "action without a title", line=entry.line,
                           field=entry.key_of("title"))
            return
        action = mint("action", self.slug, self.action_key(entry), base=self.ctx.base)
        g = self.graph
        g.add((action, RDF.type, MAI.RoadmapAction))
        g.add((action, DCTERMS.title, Literal(title)))
        self.goal_refs(entry, "goal", action)
        start, end = self.date(entry, "start"), self.date(entry, "end")
        if start and end and end < start:  # a typo in either year, as a member's exit date before its entry date
            self.warn(entry, "end", f"date de fin ({end.isoformat()}) avant la date de début ({start.isoformat()}) : "
                      "date de fin ignorée ; corrigez l'une des deux", f"end date ({end.isoformat()}) before the start "
                      f"date ({start.isoformat()}): end date ignored; correct one of them")
            end = None
        for value, prop in ((start, SCHEMA.startDate), (end, SCHEMA.endDate)):
            if value:
                g.add((action, prop, Literal(value, datatype=XSD.date)))

    def action_key(self, entry: Entry) -> str:
        """The key of an action's IRI under the PTCE's: its ``id`` when it has one, else its title, slugified, with
        ``-2``, ``-3``… when another action of the register took it first. Not its rank in the file: an action
        removed or inserted before the others gave their addresses to other actions, and bookmarks opened another
        one. A second action of one ``id`` is reported (its links would have gone to the first)."""
        own_id = entry.text("id")
        key = base = slugify(own_id or entry.text("title"))
        suffix = 1
        while key in self.action_keys:
            suffix += 1
            key = f"{base}-{suffix}"
        self.action_keys.add(key)
        if own_id and base in self.action_ids:
            first = self.action_ids[base]
            self.warn(entry, "id", f"identifiant d'action « {own_id} » déjà donné à la ligne {first} : cette action "
                      f"a l'adresse « {key} » ; donnez-lui son propre identifiant", f"action id '{own_id}' already "
                      f"given on line {first}: this action's address is '{key}'; give it its own id")
        elif own_id:
            self.action_ids[base] = entry.line_of("id")
        return key

    def coordinator(self, ptce: Entry) -> None:
        name = ptce.text("coordinator")
        if not name:
            return
        actor = self.members.get(fold(name)) or self.book.actor(name, MAI.Actor)
        self.graph.add((self.ptce, MAI.coordinatedBy, actor))
        self.coordinated = actor

    def is_member(self, actor: URIRef, merged: dict[URIRef, URIRef]) -> bool:
        """Whether ``actor`` is one of the members once their names have met (``merged``)."""
        return merged.get(actor, actor) in {merged.get(p.actor, p.actor) for p in self.periods}

    def near_member(self, name: str) -> str | None:
        """The member's name, as the register writes it, that ``name`` is a misspelling of (:func:`nearest`), or
        None."""
        names = {fold(p.entry.text("name")): p.entry.text("name") for p in self.periods}
        near = nearest(name, names)
        return names[near] if near is not None else None

    def coordinator_check(self, ptce: Entry, merged: dict[URIRef, URIRef]) -> None:
        """Report a coordinator who is none of the members once their names have met (``merged``): a misspelt name
        would make another actor, whom the PTCE's page then gives as its coordinator."""
        if self.coordinated is None or self.is_member(self.coordinated, merged):
            return
        name = ptce.text("coordinator")
        if (near := self.near_member(name)) is not None:
            said = (f"vouliez-vous dire « {near} » ?", f"did you mean '{near}'?")
        else:
            said = ("lu comme un acteur hors du registre", "read as an actor outside the register")
        self.warn(ptce, "coordinator", f"{ptce.key_of('coordinator')} « {name} » : aucun membre de ce nom ; {said[0]}",
                  f"{ptce.key_of('coordinator', 'en')} '{name}': no member of that name; {said[1]}")

    def beneficiary_check(self, merged: dict[URIRef, URIRef]) -> None:
        """Report a grant entry's beneficiary who is none of the members once their names have met (``merged``) but
        whose name is nearly a member's: read as written, another actor, to whom no grant of that member is made — so
        the entry describes none of them. Never matched to the member: a beneficiary may be outside the register,
        and a near name another organisation."""
        for entry, actor in self.beneficiaries:
            name = entry.text("beneficiary")
            if self.is_member(actor, merged) or (near := self.near_member(name)) is None:
                continue
            self.warn(entry, "beneficiary", f"financement : {entry.key_of('beneficiary')} « {name} » : aucun membre "
                      f"de ce nom ; vouliez-vous dire « {near} » ? Lu tel qu'écrit, comme un acteur hors du registre",
                      f"grant: {entry.key_of('beneficiary', 'en')} '{name}': no member of that name; did you mean "
                      f"'{near}'? Read as written, as an actor outside the register")


__all__ = ["RegisterBuilder"]
