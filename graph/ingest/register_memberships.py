"""The memberships of a partner register's members (see :mod:`graph.ingest.register`): the circle and the dates that
each entry of a member gives, one :class:`Period` of membership, read with their warnings (a date missing, in the
future, an exit before the entry), then each stated once all the members are read and their names have met, as an
``org:Membership`` (one for each period of a member who left and came back) by :class:`MembershipBuilder`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.identity import actor_key
from graph.ingest.base import InputError
from graph.ingest.register_entries import Entry
from graph.ingest.register_goals import GoalBuilder
from graph.ingest.register_values import CIRCLE_NAMES, circle_concept, nearest, read_date
from graph.namespaces import MAI, ORG, mint
from graph.values import ValueProblem


@dataclass
class Period:
    """One period of membership of a member, as one entry of the register states it."""

    entry: Entry
    actor: URIRef
    role: URIRef | None
    joined: dt.date | None
    left: dt.date | None

    def overlaps(self, other: Period) -> bool:
        """Whether two periods share a day (a period without an entry date may share any); one that ends the day the
        other begins does not: a member moving to another circle, or coming back, on that day (a handover)."""
        if self.joined is None or other.joined is None:
            return True
        first, second = sorted((self, other), key=lambda p: p.joined)
        return first.left is None or first.left > second.joined


class MembershipBuilder(GoalBuilder):
    """Reads the periods of membership of one register's members and states them; the register's builder
    (:class:`graph.ingest.register_builder.RegisterBuilder`) is one, and gives it the PTCE's entry and the periods'
    list, besides what :class:`graph.ingest.register_goals.GoalBuilder` needs."""

    ptce_entry: Entry
    periods: list[Period]

    def date(self, entry: Entry, key: str) -> dt.date | None:
        """A member's entry or exit date (``key``), None when not given or refused: a refusal says that the member
        is stored without it, the one message of that date (a missing one is said apart, only when not written)."""
        value = entry.get(key)
        if value is None or isinstance(value, dt.date):
            return value
        try:
            day, assumed = read_date(str(value))
        except ValueProblem as exc:
            what, what_en = ("d'entrée", "an entry") if key == "joined" else ("de sortie", "an exit")
            self.warn(entry, key, f"{exc} : ignorée, le membre est enregistré sans date {what}",
                      f"{exc.message_en}: ignored, the member is stored without {what_en} date")
            return None
        if assumed is not None:
            self.warn(entry, key, f"date « {value} » : {assumed[0]}", f"date '{value}': {assumed[1]}")
        return day

    def repeated(self, entry: Entry) -> bool:
        """Whether a member's ``entry`` repeats an earlier member's value for value (a line copied twice): reported,
        and not read again — what its values call for (a SIRET damaged, a theme unknown) was said of the first."""
        twin = next((p.entry for p in self.periods if p.entry.values == entry.values), None)
        if twin is None:
            return False
        self.ex.warn(f"membre listé deux fois, lignes {twin.line} et {entry.line} : la seconde est ignorée",
                     f"member listed twice, lines {twin.line} and {entry.line}: the second is ignored",
                     line=entry.line, field=entry.key_of("name"), value=entry.text("name"))
        return True

    def membership(self, entry: Entry, actor: URIRef) -> None:
        """Read the circle and the dates of a member's entry: one period of membership, stated once all the
        members are read (:meth:`memberships`)."""
        circle, role, known = entry.text("circle"), None, ", ".join(CIRCLE_NAMES)
        if not circle:
            self.warn(entry, "circle", f"cercle manquant ({entry.key_of('circle')} : {known}) : membre enregistré "
                      "sans cercle", f"circle missing ({entry.key_of('circle', 'en')}: {known}): member stored "
                      "without a circle")
        elif (role := circle_concept(circle)) is None and (near := nearest(circle, CIRCLE_NAMES)) is not None:
            self.warn(entry, "circle", f"cercle inconnu « {circle} », membre enregistré sans cercle : vouliez-vous "
                      f"dire « {near} » ?", f"unknown circle '{circle}', member stored without a circle: did you "
                      f"mean '{near}'?")
        elif role is None:
            self.warn(entry, "circle", f"cercle inconnu « {circle} » (connus : {known}) : membre enregistré sans "
                      "cercle", f"unknown circle '{circle}' (known: {known}): member stored without a circle")
        joined, left = self.date(entry, "joined"), self.date(entry, "left")
        if entry.get("joined") is None:  # one refused above (« 2024-13-01 ») was said there, once, at its line
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
        and came back) has one for each period, minted with its entry date (a line repeated is read once:
        :meth:`repeated`); periods that overlap are reported. Namesakes that their identifiers tell apart (two ADMR
        of two RNA numbers) have their memberships minted with their actor's key too. Return how many members."""
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
            for n, period in enumerate(periods):
                if (other := next((p for p in periods[:n] if p.overlaps(period)), None)) is not None:
                    self.ex.warn(f"membre listé deux fois, lignes {other.entry.line} et {period.entry.line}, pour des "
                                 "périodes qui se chevauchent (ou sans date d'entrée) : deux adhésions distinctes",
                                 f"member listed twice, lines {other.entry.line} and {period.entry.line}, for periods "
                                 "that overlap (or without an entry date): two distinct memberships",
                                 line=period.entry.line, field=period.entry.key_of("name"),
                                 value=period.entry.text("name"))
            namesake = minted[mint("membership", self.slug, periods[0].entry.text("name"), base=self.ctx.base)] > 1
            self._state(actor, periods, [actor_key(actor)] if namesake else [])
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
            else:  # its circle missing or unknown was said at its line (:meth:`membership`), not again by SHACL
                self.ex.told.add((str(membership), str(ORG.role)))
            for prop, value in ((MAI.joinedOn, period.joined), (MAI.leftOn, period.left)):
                if value:
                    g.add((membership, prop, Literal(value, datatype=XSD.date)))


__all__ = ["Period", "MembershipBuilder"]
