"""Generate a corpus of realistic French inputs of every kind Maillage ingests, deterministically.

    python bench/generate.py --actors 10000 --seed 7 -o /tmp/corpus-10k

Writes, under the output directory, in the order a coordinator would load them (``maillage ingest DIR`` takes
files in sorted order):

- ``1-sirene/``   INSEE StockUniteLegale extracts (34 columns, ``,``, UTF-8), 20 000 units per file;
- ``2-rna/``      RNA waldec extracts, one per département (``;``, UTF-8 or cp1252 with CRLF);
- ``3-registres/`` PTCE partner registers (``maillage-register/1`` YAML, a few as CSV);
- ``4-scdl-deliberations/`` SCDL délibérations v2.1.5 lists, one per authority;
- ``5-scdl-subventions/``   SCDL subventions lists, one per funder and year, from four kinds of publisher
  (SCDL 2.1.1; Excel-style ``;``/cp1252/``12 350,00``; BOM and drifted headers; SCDL 1 column names);
- ``6-deliberations/``      deliberation texts of métropoles (Markdown), communes, départements and
  agglomérations (plain text), with attendance lists, grants in prose, in tables and in flattened tables;
- ``.manifest.json`` (hidden, so never ingested): what the corpus holds, for tests and benchmarks.

Same ``--actors`` and ``--seed``, same bytes. All organisations, people and places are fictitious (see
``bench/gen_data.py``); about 15–25 triples per actor once ingested.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

# The project first: bench/ holds modules (search.py, web.py) whose names would shadow the project's packages.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.append(str(Path(__file__).resolve().parent))

from gen_data import THEMES, Actor  # noqa: E402
from gen_files import (slug, write_csv, write_deliberations, write_rna, write_scdl_deliberations,  # noqa: E402
                       write_scdl_grants, write_sirene)
from gen_world import World, build_world, rng_for  # noqa: E402

CIRCLES = ["coeur", "operationnel", "operationnel", "partenaires", "partenaires", "partenaires"]
GOALS = ["Valorisation des acteurs et des actions de santé du territoire",
         "Animation de l'écosystème santé et coopération entre communautés d'acteurs",
         "Accompagnement de porteurs de projet santé en post-incubation",
         "Prévention et promotion de la santé au plus près des habitants",
         "Accès aux soins et exercice coordonné dans les zones sous-dotées"]
ACTIONS = ["Cartographie des acteurs de santé du territoire", "Rencontres trimestrielles des membres",
           "Programme d'accompagnement de porteurs de projet", "Forum annuel prévention santé",
           "Formation commune des coordinateurs", "Observatoire local de la santé"]


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def register_members(rng, world: World, index: int) -> tuple[str, list[dict]]:
    pool = world.actors
    size = rng.randrange(20, 120)
    start = (index * 97) % max(1, len(pool) - size)
    chosen = sorted({rng.randrange(start, min(len(pool), start + size * 8)) for _ in range(size)})
    members = []
    for k, i in enumerate(chosen):
        a = pool[i]
        if a.dissolved:
            continue
        circle = "coeur" if not members else rng.choice(CIRCLES)
        members.append(member_entry(rng, a, circle, k))
    for funder in rng.sample(world.authorities, min(2, len(world.authorities))):
        members.append(member_entry(rng, funder, "financeurs", 0))
    area = rng.choice(world.places).name
    return f"PTCE santé {area} n°{index + 1}", members


def member_entry(rng, a: Actor, circle: str, k: int) -> dict:
    joined = f"{rng.randrange(2021, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    entry = {"name": a.name, "kind": a.kind, "circle": circle, "joined": joined, "themes": a.themes,
             "goals": sorted(rng.sample(range(1, 4), rng.randrange(1, 3)))}
    if rng.random() < 0.08 and circle != "coeur":
        entry["left"] = f"{int(joined[:4]) + 1}{joined[4:]}"
    roll = rng.random()
    if a.siren and roll < 0.5:
        entry["siren" if a.kind == "collectivite" else "siret"] = a.siren if a.kind == "collectivite" else a.siret
    elif a.rna and roll < 0.6:
        entry["rna"] = a.rna
    if a.kind == "entreprise" and rng.random() < 0.3:
        entry["esus"] = True
    return entry


def register_yaml(rng, name: str, members: list[dict]) -> str:
    goals = GOALS[:3]
    lines = ["# Registre des partenaires — DONNÉES GÉNÉRÉES (bench/generate.py), toutes fictives.",
             "format: maillage-register/1", "ptce:", f"  name: {_yaml_str(name)}",
             f"  coordinator: {_yaml_str(members[0]['name'])}",
             f"  description: {_yaml_str('Pôle territorial de coopération économique en santé (fictif).')}",
             "  goals:"]
    lines += [f"    - rank: {i}\n      label: {_yaml_str(g)}" for i, g in enumerate(goals, 1)]
    lines.append("members:")
    for m in members:
        lines.append(f"  - name: {_yaml_str(m['name'])}")
        for key in ("kind", "circle", "joined", "left"):
            if key in m:
                lines.append(f"    {key}: {m[key]}")
        for key in ("siren", "siret", "rna"):
            if key in m:
                lines.append(f"    {key}: \"{m[key]}\"")
        if m.get("esus"):
            lines.append("    esus: true")
        lines.append(f"    themes: [{', '.join(_yaml_str(t) for t in m['themes'])}]")
        lines.append(f"    goals: [{', '.join(map(str, m['goals']))}]")
    lines.append("actions:")
    for i, title in enumerate(rng.sample(ACTIONS, 3)):
        lines.append(f"  - title: {_yaml_str(title)}\n    goal: {i + 1}\n    start: 202{4 + i % 2}-0{1 + i}-01")
    return "\n".join(lines) + "\n"


def write_registers(root: Path, world: World) -> tuple[list[Path], int]:
    rng = rng_for(world.seed, "registers")
    paths, memberships = [], 0
    for index in range(max(1, world.n // 1000)):
        name, members = register_members(rng, world, index)
        memberships += len(members)
        if index % 5 == 4:
            path = root / "3-registres" / f"{slug(name)}.csv"
            rows = [[m["name"], m["kind"], m["circle"], m["joined"], m.get("left", ""), "|".join(m["themes"]),
                     "", m.get("siren", ""), m.get("siret", ""), m.get("rna", "")] for m in members]
            head = f"# ptce: {name}\n# coordinator: {members[0]['name']}\n"
            write_csv(path, ["name", "kind", "circle", "joined", "left", "themes", "goals", "siren", "siret", "rna"],
                      rows, ";")
            path.write_bytes(head.encode("utf-8") + path.read_bytes())
        else:
            path = root / "3-registres" / f"{slug(name)}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(register_yaml(rng, name, members).encode("utf-8"))
        paths.append(path)
    return paths, memberships


def generate(n: int, seed: int, out: Path) -> dict:
    """Write the corpus for ``n`` actors under ``out`` (emptied first) and return its manifest."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    world = build_world(n, seed)
    everyone = world.everyone()
    files = {
        "sirene": write_sirene(out, rng_for(seed, "sirene"), everyone),
        "rna": write_rna(out, rng_for(seed, "rna"), world.actors),
    }
    files["register"], memberships = write_registers(out, world)
    files["scdl-deliberations"] = write_scdl_deliberations(out, rng_for(seed, "scdl-delib"), world)
    expected: dict[str, int] = {}
    files["scdl-subventions"], scdl_facts = write_scdl_grants(out, rng_for(seed, "scdl"), world, expected)
    files["deliberation"] = write_deliberations(out, rng_for(seed, "texts"), world, expected)
    text_grants = [g for d in world.deliberations for g in d.grants]
    manifest = {
        "generator": "bench/generate.py", "actors": n, "seed": seed,
        "authorities": len(world.authorities), "kinds": dict(sorted(Counter(a.kind for a in everyone).items())),
        "files": {k: len(v) for k, v in files.items()},
        "rows": {"sirene": sum(1 for a in everyone if a.siren), "rna": sum(1 for a in world.actors if a.rna),
                 "scdl-subventions": len(scdl_facts), "memberships": memberships,
                 "scdl-deliberations": sum(len(v) for v in world.decisions.values()) + len(world.deliberations)},
        "grants": {"scdl-subventions": len(scdl_facts), "deliberation": len(text_grants),
                   "scdl_total": f"{sum((a for _, a in scdl_facts), Decimal(0)):.2f}",
                   "deliberation_total": str(sum(g.amount for g in text_grants))},
        "grants_per_file": dict(sorted(expected.items())),
        "deliberation_styles": dict(sorted(Counter(d.style for d in world.deliberations).items())),
        "themes": [label for label, _ in THEMES],
        "sample": {"association": next(a.name for a in world.actors if a.kind == "association"),
                   "authority": world.authorities[0].name},
    }
    (out / ".manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=1000, help="number of organisations (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output directory (emptied first)")
    args = parser.parse_args(argv)
    if args.actors < 50:
        parser.error("--actors must be at least 50")
    started = time.perf_counter()
    manifest = generate(args.actors, args.seed, args.output)
    files = sum(manifest["files"].values())
    print(f"{files} files for {args.actors} actors in {args.output} ({time.perf_counter() - started:.1f} s): "
          + ", ".join(f"{k} {v}" for k, v in manifest["files"].items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
