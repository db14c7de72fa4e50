"""Sessions and deliberation texts of the generated world: who sits, who is excused, which grants each text decides."""

from __future__ import annotations

import datetime as dt
import random

from gen_texts import Deliberation, Grant

#: Grants per text by style: (single-grant probability, largest table).
GROUPING = {"metropole": (1.0, 1), "commune": (0.3, 14), "departement": (0.0, 18), "agglomeration": (0.2, 10)}
ORGANS = {"metropole": "Bureau Métropolitain", "commune": "Conseil Municipal", "departement": "Commission Permanente",
          "agglomeration": "Conseil Communautaire"}


def plan_deliberations(world, rng: random.Random, text_grants: dict[int, list[Grant]], by_n: dict) -> None:
    """Group each funder's text grants into deliberations and draw their sessions' attendance."""
    from gen_world import AUTHORITY_KINDS, council

    for funder_n in sorted(text_grants, reverse=True):
        authority = by_n[funder_n]
        style = authority.extra["style"]
        size = rng.randrange(*AUTHORITY_KINDS[authority.extra["kind"]][3])
        members = world.councils.setdefault(funder_n, council(rng, size))
        grants = sorted(text_grants[funder_n], key=lambda g: g.year)
        single, largest = GROUPING[style]
        i = 0
        while i < len(grants):
            year = grants[i].year
            take = 1 if rng.random() < single else rng.randrange(2, largest + 1)
            group = [g for g in grants[i:i + take] if g.year == year]
            i += len(group)
            world.deliberations.append(deliberation(rng, world, authority, style, members, group))


def deliberation(rng: random.Random, world, authority, style: str, members, grants: list[Grant]) -> Deliberation:
    year = grants[0].year
    day = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
    seq = len(world.decisions.get(authority.n, [])) + sum(d.authority is authority for d in world.deliberations) + 1
    number = {"metropole": f"{year}.{seq:05d}", "commune": f"{year}-{seq:03d}",
              "departement": f"CP-{year}-{seq:03d}", "agglomeration": f"DEL-{year}-{seq:03d}"}[style]
    actes_number = {"metropole": f"D{year}{seq:05d}10", "commune": f"{year}_{seq:03d}",
                    "departement": f"CP{year}{seq:03d}", "agglomeration": f"DEL{year}{seq:03d}"}[style]
    shuffled = members[:]
    rng.shuffle(shuffled)
    n_excused = rng.randrange(0, max(1, len(members) // 8))
    n_proxy = rng.randrange(0, max(1, len(members) // 6))
    n_absent = rng.randrange(0, 3) if style == "commune" else 0
    excused = shuffled[:n_excused]
    givers = shuffled[n_excused:n_excused + n_proxy]
    absent = shuffled[n_excused + n_proxy:n_excused + n_proxy + n_absent]
    present = [m for m in members if m not in excused and m not in givers and m not in absent]
    proxies = [(g, rng.choice(present)) for g in givers]
    # A second deliberation of the same session states the attendance of the first (drawn all the same, so that
    # the rest of the corpus does not change).
    present, excused, absent, proxies = world.sessions.setdefault((authority.n, day),
                                                                 (present, excused, absent, proxies))
    unanimous = rng.random() < 0.7
    voters = len(present) + len(proxies)
    against = 0 if unanimous else rng.randrange(1, max(2, voters // 5))
    abstentions = 0 if unanimous else rng.randrange(0, max(1, voters // 10))
    title = _title(style, grants, year)
    return Deliberation(
        authority, style, ORGANS[style], number, actes_number, day, title, grants, members, present, excused,
        absent, proxies, chair=present[0], secretary=present[-1], unanimous=unanimous, against=against,
        abstentions=abstentions,
        extra={"convened": day - dt.timedelta(days=7 + day.day % 5), "reporter": present[1 % len(present)],
               "programme": "PROSANTE"})


def _title(style: str, grants: list[Grant], year: int) -> str:
    if len(grants) == 1:
        g = grants[0]
        if style == "metropole":
            return f"Programme santé et coopération (PROSANTE) - Subvention à {g.beneficiary.name}"
        return f"Subvention à {g.beneficiary.name} – {g.purpose}"
    return {"commune": f"Attribution de subventions aux associations du secteur santé et social – exercice {year}",
            "departement": f"Politique départementale de santé – Soutien aux structures de prévention – {year}",
            "agglomeration": f"Contrat local de santé – Subventions aux acteurs du territoire – {year}"}[style]
