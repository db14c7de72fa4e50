"""The fictitious world of the corpus generator: authorities, actors, their grants and deliberations.

Everything is drawn from ``random.Random`` instances seeded by strings (``f"{seed}-{phase}"``), which Python seeds
through SHA-512 whatever ``PYTHONHASHSEED`` is: the same seed gives the same world, and each phase draws from its
own stream, so that changing one file kind does not reshuffle the others.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from gen_data import (ASSOCIATION_HEADS, ASSOCIATION_WORDS, DEPARTEMENTS, ENTERPRISE_FORMS, ENTERPRISE_HEADS,
                      ENTERPRISE_WORDS, HEALTH_HEADS, PURPOSES, RIVERS, THEMES, UNIVERSITY_HEADS, USER_HEADS, Actor,
                      Place, make_places, person_name, siren, siret)
from gen_texts import Deliberation, Grant
from graph.identity_names import name_key

#: Share of each kind among the actors that are not authorities.
KIND_SHARES = [("association", 0.5), ("entreprise", 0.2), ("professionnel-de-sante", 0.15), ("usagers", 0.09),
               ("universite", 0.03)]
#: Grants per actor, and the share decided in deliberation texts (the rest is published in SCDL files).
GRANTS_PER_ACTOR = 0.22
TEXT_SHARE = 0.07
YEARS = (2022, 2023, 2024)
#: Authority kinds: (style, legal category, funding weight, council size range).
AUTHORITY_KINDS = {
    "departement": ("departement", "7220", 6.0, (24, 34)),
    "metropole": ("metropole", "7344", 6.0, (40, 62)),
    "agglomeration": ("agglomeration", "7348", 3.0, (30, 44)),
    "communes": ("agglomeration", "7346", 1.5, (22, 32)),
    "commune": ("commune", "7210", 1.0, (19, 29)),
}


@dataclass
class World:
    n: int
    seed: int
    places: list[Place]
    authorities: list[Actor]
    actors: list[Actor]
    scdl: dict[tuple[int, int], list[Grant]] = field(default_factory=dict)  # (authority n, year) -> grants
    references: dict[int, str] = field(default_factory=dict)  # id(grant) -> decision number
    decisions: dict[int, list[tuple[str, dt.date, str]]] = field(default_factory=dict)  # authority n -> SCDL delibs
    deliberations: list[Deliberation] = field(default_factory=list)
    councils: dict[int, list[tuple[str, str, str]]] = field(default_factory=dict)
    # (authority n, day) -> the attendance of that session, which all its deliberations state alike
    sessions: dict[tuple[int, dt.date], tuple] = field(default_factory=dict)

    def everyone(self) -> list[Actor]:
        return self.authorities + self.actors


def rng_for(seed: int, phase: str) -> random.Random:
    return random.Random(f"{seed}-{phase}")


def _de(name: str) -> str:
    return f"d'{name}" if name[0] in "AEIOUYÉÈ" else f"de {name}"


class Namer:
    """Unique organisation names (by the product's own name key, so that identity resolution keeps them apart)."""

    def __init__(self, rng: random.Random, places: list[Place]):
        self.rng, self.places, self.keys = rng, places, set()

    def unique(self, make) -> str:
        """Draw names from ``make`` until one is new; past 50 draws (large worlds), number the last one."""
        for _ in range(50):
            name = make()
            if name_key(name) not in self.keys:
                break
        else:
            name = next(f"{name} {k}" for k in range(2, 10**6) if name_key(f"{name} {k}") not in self.keys)
        self.keys.add(name_key(name))
        return name

    def association(self, theme: str) -> str:
        r = self.rng
        return self.unique(lambda: f"{r.choice(ASSOCIATION_HEADS)} {r.choice(ASSOCIATION_WORDS)} {theme} "
                                   f"{_de(r.choice(self.places).name)}")

    def enterprise(self, theme: str) -> tuple[str, str, str]:
        r = self.rng
        form, category = r.choice(ENTERPRISE_FORMS)
        name = self.unique(lambda: f"{r.choice(ENTERPRISE_HEADS)} {r.choice(ENTERPRISE_WORDS)} "
                                   f"{r.choice(RIVERS)} {r.choice(self.places).name.split('-')[-1]}")
        return name, form, category

    def health(self) -> tuple[str, str]:
        r = self.rng
        head, category = r.choice(HEALTH_HEADS)
        if head.endswith(" de"):
            name = self.unique(lambda: f"{head[:-3]} {_de(r.choice(self.places).name)}")
        else:
            name = self.unique(lambda: f"{head} {r.choice(self.places).name}")
        return name, category

    def simple(self, heads: list[str]) -> str:
        r = self.rng
        return self.unique(lambda: f"{r.choice(heads)[:-3]} {_de(r.choice(self.places).name)}")


def make_authorities(rng: random.Random, places: list[Place], count: int, namer: Namer) -> list[Actor]:
    kinds = ["departement"] * min(len(DEPARTEMENTS), max(1, count // 12))
    kinds += ["metropole"] * min(6, max(1, count // 20))
    rest = count - len(kinds)
    kinds += ["agglomeration"] * (rest * 15 // 100) + ["communes"] * (rest * 15 // 100)
    kinds += ["commune"] * (count - len(kinds))
    authorities, serial = [], 0
    for i, kind in enumerate(kinds):
        style, category, _, _ = AUTHORITY_KINDS[kind]
        place = places[i % len(places)]
        extra = {"kind": kind, "style": style}
        if kind == "departement":
            code, of, _ = DEPARTEMENTS[i % len(DEPARTEMENTS)]
            name, prefix = f"Département {of}", "22" + code
            extra["of"] = of
            place = next(p for p in places if p.dept == code)
        elif kind == "metropole":
            name, prefix = namer.unique(lambda: f"{place.name} Métropole"), "24" + place.dept
        elif kind == "agglomeration":
            name = namer.unique(lambda: f"Communauté d'agglomération {rng.choice(RIVERS)} {rng.choice(RIVERS)}")
            prefix = "20"
        elif kind == "communes":
            name = namer.unique(lambda: f"Communauté de communes du Haut-{rng.choice(RIVERS)} "
                                        f"{rng.choice(RIVERS)}")
            prefix = "20"
        else:
            name, prefix = namer.unique(lambda: f"Ville de {place.name}"), "21" + place.dept
            extra["town"] = place.name
        serial += 1
        s = siren(prefix, serial)
        actor = Actor(-1 - i, "collectivite", name, place, "1790-03-04" if kind in ("commune", "departement") else
                      f"{rng.randrange(2000, 2018)}-01-01", [], siren=s, siret=siret(s, 1 + i % 7),
                      category=category, naf="84.11Z", extra=extra)
        authorities.append(actor)
    return authorities


def make_actors(rng: random.Random, places: list[Place], count: int, namer: Namer) -> list[Actor]:
    kinds: list[str] = []
    for kind, share in KIND_SHARES:
        kinds += [kind] * max(1, round(count * share))
    kinds = (kinds + ["association"] * count)[:count]
    rng.shuffle(kinds)
    actors, acronyms = [], set()
    for n, kind in enumerate(kinds):
        theme, theme_name = rng.choice(THEMES)
        themes = [theme] + ([rng.choice(THEMES)[0]] if rng.random() < 0.4 else [])
        place = rng.choice(places)
        founded = dt.date(rng.randrange(1975, 2023), rng.randrange(1, 13), rng.randrange(1, 29)).isoformat()
        actor = Actor(n, kind, "", place, founded, list(dict.fromkeys(themes)))
        if kind == "association":
            actor.name = namer.association(theme_name)
            actor.category, actor.naf = "9220", rng.choice(["94.99Z", "88.99B", "86.90F"])
        elif kind == "usagers":
            actor.name = namer.simple(USER_HEADS)
            actor.category, actor.naf = "9220", "94.99Z"
        elif kind == "entreprise":
            actor.name, form, actor.category = namer.enterprise(theme_name)
            actor.naf = rng.choice(["86.90F", "88.10A", "47.73Z", "62.01Z", "86.90A", "70.22Z"])
            actor.extra["form"] = form
        elif kind == "professionnel-de-sante":
            actor.name, actor.category = namer.health()
            actor.naf = rng.choice(["86.21Z", "86.90D", "86.90E", "86.22C"])
        else:
            actor.name = namer.simple(UNIVERSITY_HEADS)
            actor.category, actor.naf = "7383", "85.42Z"
        identify(rng, actor, n)
        actor.acronym = acronym(actor.name, acronyms) if rng.random() < 0.15 else ""
        actors.append(actor)
    return actors


def acronym(name: str, taken: set[str]) -> str:
    """An acronym of ``name`` (3 letters or more) that no other actor has, or "".

    Unique on purpose: the importers turn acronyms into name variants, and two organisations sharing one would
    be merged by identity resolution.
    """
    letters = "".join(w[0] for w in name_key(name).split() if w[0].isalpha()).upper()
    if len(letters) < 3 or letters in taken:
        return ""
    taken.add(letters)
    return letters


def identify(rng: random.Random, actor: Actor, n: int) -> None:
    """Give ``actor`` the identifiers its kind has: RNA (associations), SIREN and SIRET (others, some associations)."""
    dept = actor.place.dept
    if actor.kind in ("association", "usagers"):
        actor.rna = f"W{dept}{3 + n % 7}{n:06d}"
        if rng.random() < 0.2:
            actor.siren = siren("7" + str(1 + n % 9), n)
    elif actor.kind == "universite":
        actor.siren = siren("19", n)
    else:
        actor.siren = siren(("8", "5", "4")[n % 3], n)
    if actor.siren:
        actor.siret = siret(actor.siren, 1 + rng.randrange(0, 40))
    actor.ess = "O" if actor.category.startswith(("92", "54", "55", "57")) and rng.random() < 0.7 else \
        ("N" if rng.random() < 0.3 else "")
    actor.dissolved = actor.kind == "association" and rng.random() < 0.01


def build_world(n: int, seed: int) -> World:
    """Draw the whole world for ``n`` actors (authorities included in the count)."""
    rng = rng_for(seed, "places")
    places = make_places(rng, max(40, n // 30))
    namer = Namer(rng_for(seed, "names"), places)
    n_auth = max(6, n // 150)
    authorities = make_authorities(rng_for(seed, "authorities"), places, n_auth, namer)
    actors = make_actors(rng_for(seed, "actors"), places, n - n_auth, namer)
    world = World(n, seed, places, authorities, actors)
    plan_grants(world)
    return world


def plan_grants(world: World) -> None:
    """Draw the grants, split them between SCDL files and deliberation texts, and group the texts' grants."""
    rng = rng_for(world.seed, "grants")
    weights = [AUTHORITY_KINDS[a.extra["kind"]][2] for a in world.authorities]
    eligible = [a for a in world.actors if not a.dissolved]
    count = round(len(world.actors) * GRANTS_PER_ACTOR)
    text_grants: dict[int, list[Grant]] = {}
    in_texts: set[tuple[int, int]] = set()
    for _ in range(count):
        actor = rng.choice(eligible)
        funder = rng.choices(world.authorities, weights)[0]
        year = rng.choice(YEARS)
        amount = int(rng.lognormvariate(8.3, 1.1)) // 50 * 50 + 300
        nature = rng.choices(["operating", "project", "investment"], [6, 3, 1])[0]
        purpose = rng.choice(PURPOSES)
        grant = Grant(actor, min(amount, 480_000), nature, purpose, year)
        # One text grant per (funder, beneficiary): a deliberation names each beneficiary once.
        if rng.random() < TEXT_SHARE and (funder.n, actor.n) not in in_texts:
            in_texts.add((funder.n, actor.n))
            text_grants.setdefault(funder.n, []).append(grant)
        else:
            world.scdl.setdefault((funder.n, year), []).append(grant)
    by_n = {a.n: a for a in world.authorities}
    plan_decisions(world, rng)
    from gen_sessions import plan_deliberations

    plan_deliberations(world, rng_for(world.seed, "sessions"), text_grants, by_n)


def plan_decisions(world: World, rng: random.Random) -> None:
    """Give SCDL grants their decision numbers: a few deliberations per funder and year, in SCDL délibérations."""
    for (funder_n, year), grants in sorted(world.scdl.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        decisions = world.decisions.setdefault(funder_n, [])
        sessions = max(1, len(grants) // 25)
        numbers = []
        for k in range(sessions):
            day = dt.date(year, 1 + (k * 11 // sessions) % 12, 5 + rng.randrange(0, 20))
            number = f"{year}-{len(decisions) + 1:03d}"
            title = f"Attribution de subventions dans le domaine de la santé – {year} – répartition n°{k + 1}"
            decisions.append((number, day, title))
            numbers.append(number)
        for grant in grants:
            world.references[id(grant)] = rng.choice(numbers)


def council(rng: random.Random, size: int) -> list[tuple[str, str, str]]:
    members, labels = [], set()
    while len(members) < size:
        p = person_name(rng)
        if (p[1], p[2]) not in labels:
            labels.add((p[1], p[2]))
            members.append(p)
    return members
