"""The register kind: the PTCE's own register of partners, as YAML or CSV, edited by hand by its coordinator.

**YAML** (``format: maillage-register/1``, see ``examples/ptce-registre.yaml``)::

    format: maillage-register/1
    ptce:
      name: PTCE santé DanaeCare          # required
      coordinator: DanaeCare              # a member's name
      territory: Saint-Étienne Métropole  # where the PTCE acts (schema:areaServed)
      description: …
      goals:                              # the roadmap's strategic goals, by rank
        - {rank: 1, label: Valorisation des acteurs…}
    members:
      - name: DanaeCare                   # required
        kind: association                 # association | collectivite | entreprise | universite |
                                          # professionnel-de-sante | usagers
        circle: coeur                     # coeur | operationnel | partenaires | financeurs (or a label)
        joined: 2024-05-16                # left: 2025-06-30 once the member has left
        siren: "244200770"                # siret, rna, esus: true (entreprise) when known
        themes: [tiers-lieu santé]        # labels, variants or identifiers of the themes thesaurus
        goals: [1, 2]                     # ranks of the goals the member contributes to
    actions:
      - {title: Cartographie…, goal: 1, start: 2024-09-01, end: 2025-06-30}
    grants:                               # or financements: the goals that a grant serves, by rank
      - {deliberation: 2024.00240, beneficiary: DanaeCare, goals: [2]}   # or grant_id (idSubvention), siren, siret

**CSV** (``;`` or ``,``; lists inside a cell separated by ``|``, ``,``, ``;``, a line break or `` / ``), one member
per row, with the columns ``name;kind;circle;joined;left;themes;goals;siren;siret;rna`` (a comment, a row of
one cell among fuller ones — a total, a section's title —, a footer or the header repeated is reported, not read; a
quote never closed refuses the register). Lines before the header of the form
``# ptce: NAME`` and ``# coordinator: NAME`` name the PTCE (else the file's name does), ``# objectif 1: LABEL``
declares its goal of rank 1. Grants are YAML only (a ``# financement…`` line is reported, not read).

What it becomes: each member an actor of the kind's class, an ``org:Membership``
``mint("membership", ptce, member)`` (one for each period of a member listed several times, minted with its entry
date; namesakes that their identifiers tell apart add their actor's key; ``org:member``, ``org:organization`` → the
PTCE, ``org:role`` → circle concept, ``mai:joinedOn``/``mai:leftOn``), ``dcterms:subject`` → themes,
``mai:contributesTo`` → goals. The PTCE is a ``mai:Cooperation`` (``actor_iri(name=…)``) ``mai:coordinatedBy`` its
coordinator, ``schema:areaServed`` its territory (text), ``mai:hasGoal`` each goal (``mai:StrategicGoal`` in the
``skos:ConceptScheme`` ``mint("goals", ptce)``, :mod:`graph.ingest.register_goals`); actions are
``mai:RoadmapAction``; grants are grant references, joined at ingest to the grants they describe
(:mod:`graph.ingest.register_grants`), whose goals the register's graph then states
(:mod:`graph.ingest.register_links`).
Problems are reported with their line (YAML lines come from the parser's node marks).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from graph.encodings import decode, encoding_name, is_utf8
from graph.identity import ActorBook, actor_key, fold, name_key
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind, new_graph
from graph.ingest.register_goals import GoalBuilder
from graph.ingest.register_grants import grant_errors, state_grant
from graph.ingest.register_keys import FIELDS, column
from graph.ingest.register_links import register_issues, register_stored
from graph.ingest.register_values import (CIRCLE_NAMES, KINDS, circle_concept, kind_class, nearest, read_date,
                                          read_identifiers)
from graph.ingest.register_read import Entry, Register, entries_from_csv, sheet_as_csv
from graph.ingest.register_yaml import entries_from_yaml, load_yaml
from graph.limits import check_line_length
from graph.namespaces import MAI, ORG, SCHEMA, THEMES, mint, slugify
from graph.spreadsheets import Rows, is_spreadsheet
from graph.tabular import peek_lines, read_best_sheet
from graph.values import ValueProblem, parse_bool

FORMAT = "maillage-register/1"


def detect(ctx: SourceContext) -> int:
    """Score a register: the format line or a key of a register's own (YAML, :func:`_yaml_score`), or the
    name/kind/circle columns (CSV, read as :func:`graph.ingest.register_keys.column` reads them); 0 otherwise."""
    suffix = ctx.path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_score(ctx.data)
    if suffix in (".csv", ".tsv", ".txt") or is_spreadsheet(ctx.data):
        return 95 if any(_REQUIRED <= keys for _, keys in _header_keys(ctx.data)) else 0
    return 0


#: The keys that only a register has at the top of its YAML, its PTCE and its members, under each name that its
#: reader reads (« membres »): at a line's start, in any case, maybe quoted, maybe with the space, the no-break space
#: or the narrow one that French typography puts before a colon (« membres : »).
_TOP_KEY = re.compile(r"^([\"']?)(?:" + "|".join(
    re.escape(name) for key in ("ptce", "members") for name in (key, *FIELDS["register"][key]))
    + r")\1[ \t\u00a0\u202f]*:(?=\s|$)", re.M | re.I)
#: The bytes of a YAML file that detection reads: its first 4 KB, where a register's format line and ``ptce:`` stand
#: (the demo's ``members:`` too, at 1.5 KB); then, when they show neither, its first 256 KB, for a ``members:`` that
#: a long header of comments, or sections written before it, push down. A YAML file that is no register costs at
#: most that, whatever its size: ~40 ms in Windows-1252 (decoded line by line), < 2 ms in UTF-8.
_HEADS = (4096, 256 * 1024)


def _heads(data: bytes) -> Iterator[str]:
    """The text of ``data``'s first 4 KB, then, if it is longer, of its first 256 KB (:data:`_HEADS`), as the
    reader will read it (UTF-8, UTF-16, Windows-1252…); none from one where UTF-16 is damaged: the reader says so,
    if the kind is forced."""
    for size in _HEADS:
        try:
            head = decode(data[:size])[0]
        except InputError:
            return
        yield head
        if size >= len(data):
            return


def _yaml_score(data: bytes) -> int:
    """Score a YAML file: certain with the register's format line, likely with a key of a register's own at its
    top (:data:`_TOP_KEY`), in its first 4 KB or else its first 256 KB; 0 otherwise.

    >>> _yaml_score(b"ptce:\\n  nom: P\\n"), _yaml_score("Membres\\u00a0:\\n  - nom: A\\n".encode("cp1252"))
    (60, 60)
    >>> _yaml_score(b"team:\\n  members: [A]\\n"), _yaml_score(b"note: membres : A, B\\n")
    (0, 0)
    """
    for head in _heads(data):
        if FORMAT in head:
            return 100
        if _TOP_KEY.search(head):
            return 60
    return 0


def _read_as_yaml(ctx: SourceContext) -> bool:
    """Whether a register is its YAML form: named so, or a text (the kind forced on a ``.txt``) that states the
    register's format, in its first 4 KB or else its first 256 KB."""
    if ctx.path.suffix.lower() in (".yaml", ".yml"):
        return True
    return not is_spreadsheet(ctx.data) and any(FORMAT in head for head in _heads(ctx.data))


#: The columns that make a CSV file a register.
_REQUIRED = frozenset({"name", "kind", "circle"})


def _header_keys(data: bytes) -> list[tuple[int, set[str]]]:
    """The member keys that the first lines of a table name, with their lines."""
    return [(line, {k for k in map(column, cells) if k}) for line, cells in peek_lines(data)]


def _sheet_score(rows: Rows) -> tuple[int, int]:
    """How well a sheet's first ``rows`` name a register's columns: the required ones (name, kind, circle) that
    its best row names, then all the member keys that row names — a workbook's sheet of notes names none."""
    rows_keys = [{k for k in map(column, cells) if k} for _, cells in rows]
    return max(((len(keys & _REQUIRED), len(keys)) for keys in rows_keys), default=(0, 0))


def near_miss(ctx: SourceContext) -> InputError | None:
    """A CSV header naming three or more of a register's columns but not all of name, kind and circle: which it
    has, which it lacks."""
    if ctx.path.suffix.lower() not in (".csv", ".txt", ".tsv") and not is_spreadsheet(ctx.data):
        return None
    for line, keys in _header_keys(ctx.data):
        if len(keys) >= 3 and (lacks := ", ".join(sorted(_REQUIRED - keys))):
            has = ", ".join(sorted(keys))
            return InputError(f"l'en-tête ressemble à un registre des partenaires ({has}), mais il y manque : "
                              f"{lacks}", line=line, message_en=f"the header looks like a partner register ({has}), "
                                                                f"but lacks: {lacks}")
    return None


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


@dataclass
class Period:
    """One period of membership of a member, as one entry of the register states it."""

    entry: Entry
    actor: URIRef
    role: URIRef | None
    joined: dt.date | None
    left: dt.date | None

    def overlaps(self, other: Period) -> bool:
        """Whether two periods share a day (a period without an entry date may share any)."""
        if self.joined is None or other.joined is None:
            return True
        first, second = sorted((self, other), key=lambda p: p.joined)
        return first.left is None or first.left >= second.joined


class _Builder(GoalBuilder):
    """Builds the graph of one register from its entries (plain values with their lines); its goals as
    :class:`graph.ingest.register_goals.GoalBuilder` builds them."""

    def __init__(self, ctx: SourceContext, ptce: Entry):
        self.ctx, self.graph = ctx, new_graph()
        self.ex = Extraction(graph=self.graph)
        self.book = ActorBook(self.graph, ctx.base)
        self.themes = _concept_index(THEMES)
        name = ptce.text("name") or ctx.path.stem
        self.slug = slugify(name)
        self.ptce = self.book.actor(name, MAI.Cooperation)
        super().__init__(ptce)
        self.ptce_entry = ptce
        self.members: dict[str, URIRef] = {}
        self.sirets: dict[str, Entry] = {}  # each SIRET read, with the first member that gives it
        self.sirens: dict[str, Entry] = {}  # each SIREN read (or a SIRET's), with the first member that gives it
        self.coordinated: URIRef | None = None
        self.beneficiaries: list[tuple[Entry, URIRef]] = []  # grant entries' beneficiaries, checked once names have met
        self.periods: list[Period] = []
        if description := ptce.text("description"):
            self.graph.add((self.ptce, DCTERMS.description, Literal(" ".join(description.split()))))
        if territory := ptce.text("territory"):  # where the PTCE acts, as its coordinator names it
            self.graph.add((self.ptce, SCHEMA.areaServed, Literal(" ".join(territory.split()))))

    def date(self, entry: Entry, key: str) -> dt.date | None:
        value = entry.get(key)
        if value is None or isinstance(value, dt.date):
            return value
        try:
            day, assumed = read_date(str(value))
        except ValueProblem as exc:
            self.warn(entry, key, f"{exc} : ignorée", f"{exc.message_en}: ignored")
            return None
        if assumed is not None:
            self.warn(entry, key, f"date « {value} » : {assumed[0]}", f"date '{value}': {assumed[1]}")
        return day

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
        name = entry.text("name")
        if not name:
            self.ex.reject("membre sans nom", "member without a name", line=entry.line, field="name")
            return
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
        self.goal_refs(entry, "goals", actor)
        self.membership(entry, actor)

    def membership(self, entry: Entry, actor: URIRef) -> None:
        """Read the circle and the dates of a member's entry: one period of membership, stated once all the
        members are read (:meth:`memberships`)."""
        circle, role, known = entry.text("circle"), None, ", ".join(CIRCLE_NAMES)
        if not circle:
            self.warn(entry, "circle", f"cercle manquant ({entry.key_of('circle')} : {known})",
                      f"circle missing ({entry.key_of('circle', 'en')}: {known})")
        elif (role := circle_concept(circle)) is None and (near := nearest(circle, CIRCLE_NAMES)) is not None:
            self.warn(entry, "circle", f"cercle inconnu « {circle} » : vouliez-vous dire « {near} » ?",
                      f"unknown circle '{circle}': did you mean '{near}'?")
        elif role is None:
            self.warn(entry, "circle", f"cercle inconnu « {circle} » (connus : {known})",
                      f"unknown circle '{circle}' (known: {known})")
        joined, left = self.date(entry, "joined"), self.date(entry, "left")
        if joined is None:  # none given, or one refused above (« 2024-13-01 »): the member is stored without one
            self.warn(entry, "joined", f"date d'entrée manquante ({entry.key_of('joined')})",
                      f"entry date missing ({entry.key_of('joined', 'en')})")
        if joined and left and left < joined:  # a typo in either year: a current member must not vanish
            self.warn(entry, "left", f"date de sortie ({left.isoformat()}) avant la date d'entrée "
                                     f"({joined.isoformat()}) : date de sortie ignorée, le membre reste actuel ; "
                                     "corrigez l'une des deux", f"exit date ({left.isoformat()}) before the entry date "
                                     f"({joined.isoformat()}): exit date ignored, the member stays current; correct "
                                     "one of them")
            left = None
        today = dt.date.today()
        for key, day in (("joined", joined), ("left", left)):
            if day and day > today:
                self.future(entry, key, day, today)
        self.periods.append(Period(entry, actor, role, joined, left))

    def future(self, entry: Entry, key: str, day: dt.date, today: dt.date) -> None:
        """Warn about a member's entry or exit date after the day of the ingest: kept, as the interface tells a
        member to come or one leaving (a membership may be planned), but most often a year mistyped (« 2042 » for
        « 2024 »), which makes a current member one to come or a former one current; which year was meant is the
        coordinator's to say."""
        name, day_said, today_said = entry.text("name"), day.isoformat(), today.isoformat()
        what, what_en = ("date d'entrée", "entry date") if key == "joined" else ("date de sortie", "exit date")
        then, then_en = (("compté parmi les membres à venir, pas les actuels", "counted among the members to come, "
                          "not the current ones") if key == "joined" else
                         ("actuel jusque-là", "current until then"))
        self.warn(entry, key, f"{what} du membre « {name} » dans le futur ({day_said}, après le jour de l'import, "
                  f"{today_said}) : gardée, le membre est {then} ; faute de frappe dans l'année ?",
                  f"{what_en} of the member '{name}' in the future ({day_said}, after the day of the ingest, "
                  f"{today_said}): kept, the member is {then_en}; a typing mistake in the year?")

    def memberships(self, merged: dict[URIRef, URIRef]) -> int:
        """State each period of membership read as an ``org:Membership``: a member listed several times (who left
        and came back) has one for each period, minted with its entry date; a line repeated is reported and read
        once, periods that overlap are reported. Namesakes that their identifiers tell apart (two ADMR of two RNA
        numbers) have their memberships minted with their actor's key too. Return how many members."""
        by_member: dict[URIRef, list[Period]] = {}
        pole = merged.get(self.ptce, self.ptce)
        for period in self.periods:
            if (actor := merged.get(period.actor, period.actor)) == pole:
                raise self.own_member(period.entry)
            by_member.setdefault(actor, []).append(period)
        minted: dict[URIRef, int] = {}
        for periods in by_member.values():
            iri = mint("membership", self.slug, periods[0].entry.text("name"), base=self.ctx.base)
            minted[iri] = minted.get(iri, 0) + 1
        for actor, periods in by_member.items():
            kept: list[Period] = []
            for period in periods:
                if (twin := next((p for p in kept if p.entry.values == period.entry.values), None)) is not None:
                    self.ex.warn(f"membre listé deux fois, lignes {twin.entry.line} et {period.entry.line} : la "
                                 "seconde est ignorée", f"member listed twice, lines {twin.entry.line} and "
                                 f"{period.entry.line}: the second is ignored", line=period.entry.line, field="name",
                                 value=period.entry.text("name"))
                    continue
                if (other := next((p for p in kept if p.overlaps(period)), None)) is not None:
                    self.ex.warn(f"membre listé deux fois, lignes {other.entry.line} et {period.entry.line}, pour des "
                                 "périodes qui se chevauchent (ou sans date d'entrée) : deux adhésions distinctes",
                                 f"member listed twice, lines {other.entry.line} and {period.entry.line}, for periods "
                                 "that overlap (or without an entry date): two distinct memberships",
                                 line=period.entry.line, field="name", value=period.entry.text("name"))
                kept.append(period)
            namesake = minted[mint("membership", self.slug, periods[0].entry.text("name"), base=self.ctx.base)] > 1
            self._state(actor, kept, [actor_key(actor)] if namesake else [])
        return len(by_member)

    def own_member(self, entry: Entry) -> InputError:
        """Why a register whose PTCE is one of its members (named alike: the same actor) is refused: a pole is not
        its own member, and stored so, it would be its own coordinator's partner in every circle list."""
        name, ptce = entry.text("name"), self.ptce_entry
        where = (f"ligne {ptce.line_of('name')}", f"line {ptce.line_of('name')}") if ptce.text("name") else (
            "nommé d'après le fichier", "named after the file")
        return InputError(f"le membre « {name} » porte le nom du PTCE ({where[0]}) : un pôle n'est pas son propre "
                          f"membre ; nommez le PTCE autrement (« PTCE {name} ») ou ôtez ce membre ; registre refusé",
                          line=entry.line, field=entry.key_of("name"), message_en=f"the member '{name}' bears the "
                          f"PTCE's name ({where[1]}): a pole is not its own member; name the PTCE otherwise ('PTCE "
                          f"{name}') or remove this member; register refused")

    def _state(self, actor: URIRef, periods: list[Period], own: list[str]) -> None:
        name, minted = periods[0].entry.text("name"), set()
        for period in periods:
            key = [] if len(periods) == 1 else [period.joined.isoformat() if period.joined else "sans-date"]
            membership = mint("membership", self.slug, name, *own, *key, base=self.ctx.base)
            n = 1
            while membership in minted:
                n += 1
                membership = mint("membership", self.slug, name, *own, *key[:-1], f"{key[-1]}-{n}",
                                  base=self.ctx.base)
            minted.add(membership)
            g = self.graph
            g.add((membership, RDF.type, ORG.Membership))
            g.add((membership, ORG.member, actor))
            g.add((membership, ORG.organization, self.ptce))
            if period.role is not None:
                g.add((membership, ORG.role, period.role))
            for prop, value in ((MAI.joinedOn, period.joined), (MAI.leftOn, period.left)):
                if value:
                    g.add((membership, prop, Literal(value, datatype=XSD.date)))

    def action(self, entry: Entry, n: int) -> None:
        title = entry.text("title")
        if not title:
            self.ex.reject("action sans titre", "action without a title", line=entry.line, field="title")
            return
        action = mint("action", self.slug, n, base=self.ctx.base)
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


def extract(ctx: SourceContext) -> Extraction:
    """Extract a partner register, YAML or CSV (see the module's docstring)."""
    check_line_length(ctx.data)
    encoding = "utf-8"
    yaml_register = _read_as_yaml(ctx)
    if yaml_register:  # an editor on Windows may save it in cp1252: read as a CSV register is
        text, encoding = decode(ctx.data)
        read = entries_from_yaml(text, FORMAT)
    elif is_spreadsheet(ctx.data):  # the sheet whose header names the columns, as a grants list's
        sheet, other_sheet = read_best_sheet(ctx.data, _sheet_score)
        read, encoding = entries_from_csv(sheet_as_csv(sheet.rows), spreadsheet=True), "xlsx/ods"
        read.issues[:0] = [other_sheet] if other_sheet else []
    else:
        text, encoding = decode(ctx.data)  # as Excel saves a CSV: cp1252, a BOM, UTF-16
        read = entries_from_csv(text)
    builder = _Builder(ctx, read.ptce)
    builder.ex.issues += read.issues
    if encoding != "xlsx/ods" and not is_utf8(encoding):
        name = encoding_name(encoding)
        builder.ex.warn(f"registre enregistré en {name}, pas en UTF-8 : lu comme tel (vérifiez ses accents)",
                        f"register saved in {name}, not UTF-8: read as such (check its accents)")
    if not read.ptce.text("name"):
        stem, table = ctx.path.stem, "XLSX/ODS" if encoding == "xlsx/ods" else "CSV"
        fr, en = (("sans nom de PTCE (ptce: name)", "without the PTCE's name (ptce: name)") if yaml_register else
                  (f"{table} sans ligne « # ptce: NOM » avant l'en-tête",
                   f"{table} register without a '# ptce: NAME' line before its header"))
        builder.ex.warn(f"registre {fr} : le PTCE est nommé d'après le fichier (« {stem} »)",
                        f"{'register ' if yaml_register else ''}{en}: the PTCE is named after the file ('{stem}')",
                        line=read.ptce.line, field="name" if yaml_register else None)
    builder.declare_goals(read.goals)
    for member in read.members:
        builder.member(member)
    for n, action in enumerate(read.actions, start=1):
        builder.action(action, n)
    refused = []
    for n, grant in enumerate(read.grants, start=1):
        try:
            state_grant(builder, grant, n)
        except InputError as exc:  # told with the others, in one refusal
            refused.append(exc)
    if refused:
        raise grant_errors(refused, builder.ex.issues)
    builder.coordinator(read.ptce)
    merged = builder.book.finish()
    members = builder.memberships(merged)
    builder.coordinator_check(read.ptce, merged)
    builder.beneficiary_check(merged)
    ex = builder.ex
    ex.stats = {"members": members, "goals": len(builder.goals), "actions": len(read.actions),
                "grant_entries": len(read.grants),
                **ex.issue_counts()}
    if not read.members:
        # a key of the register that is not read, maybe "members" mistyped: said with it (the warning alone would be
        # lost with the refused file)
        near = next((i for i in read.issues if i.field and "did you mean" in i.message_en
                     and re.search(r"'(?:members|membres)'", i.message_en)), None)
        said, said_en = (f" ; à la ligne {near.line}, {near.message}", f"; line {near.line}, {near.message_en}") \
            if near is not None else ("", "")
        raise InputError(f"registre sans membre (members){said}", message_en=f"register without members{said_en}",
                         line=near.line if near is not None else None)
    return ex


__all__ = ["FORMAT", "KIND", "Entry", "Register", "detect", "extract", "load_yaml", "near_miss"]

KIND = SourceKind("register", "Registre des partenaires du PTCE", detect, extract,
                  extensions=(".yaml", ".yml", ".csv", ".xlsx", ".ods"),
                  near_miss=near_miss, rows_kept="members", check_stored=register_stored,
                  recheck_stored=register_issues)
