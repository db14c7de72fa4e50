"""Bulk-load benchmark: `maillage ingest` of generated RDF next to pyoxigraph's own bulk load of the same file.

    python bench/load.py [--sizes 200000 2000000] [--runs 3]

Each measurement runs in a fresh subprocess on a fresh data directory, so that its peak RSS is its own. The
generated N-Triples use the contract's vocabulary (actors, grants), so the ingest does all its store work:
parsing, provenance, type materialisation, SHACL validation and snapshot publication. It runs with `--no-index`,
as a bulk load would: the search index is then rebuilt once (`maillage index`), measured by bench/search.py.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))
from run_measure import apart, cache_bytecode, run_child  # noqa: E402

MAI = "https://w3id.org/maillage/ontology#"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SCHEMA = "http://schema.org/"
DEC = "<http://www.w3.org/2001/XMLSchema#decimal>"
CLASSES = ["Association", "Enterprise", "HealthProfessional", "University", "UserGroup"]
THEMES = ["prevention", "sante-mentale", "acces-aux-soins", "e-sante", "nutrition", "handicap", "vieillissement"]
WORDS = ["Santé", "Soin", "Lien", "Avenir", "Bassin", "Loire", "Pilat", "Furan", "Gier", "Ondaine", "Solidaire"]


def generate(path: Path, triples: int, seed: int = 7) -> int:
    """Write about ``triples`` N-Triples describing actors and grants; return the exact count."""
    rng = random.Random(seed)
    base = "https://w3id.org/maillage/id/"
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        funder = f"<{base}actor/siren-244200770>"
        out.write(f'{funder} {TYPE} <{MAI}PublicAuthority> .\n{funder} {RDFS_LABEL} "Métropole" .\n')
        written += 2
        i = 0
        while written < triples:
            actor = f"<{base}actor/gen-{i}>"
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
            theme = f"<https://w3id.org/maillage/ontology/theme/{rng.choice(THEMES)}>"
            grant = f"<{base}grant/gen/{i}>"
            amount = rng.randrange(500, 80_000)
            out.write(
                f"{actor} {TYPE} <{MAI}{rng.choice(CLASSES)}> .\n"
                f'{actor} {RDFS_LABEL} "{name}" .\n'
                f"{actor} <http://purl.org/dc/terms/subject> {theme} .\n"
                f'{actor} <http://purl.org/dc/terms/description> "Structure {name} du bassin stéphanois" .\n'
                f"{grant} {TYPE} <{MAI}Grant> .\n"
                f"{grant} <{SCHEMA}funder> {funder} .\n"
                f"{grant} <{MAI}beneficiary> {actor} .\n"
                f'{grant} <{SCHEMA}amount> "{amount}"^^{DEC} .\n'
                f'{grant} <{SCHEMA}currency> "EUR" .\n'
                f'{grant} <{MAI}fiscalYear> "{rng.choice([2022, 2023, 2024])}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
            )
            written += 10
            i += 1
    return written


OXIGRAPH_ONLY = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://ex.org/g"))
store.flush()
"""


def run_measured(command: list[str]) -> tuple[float, float, dict]:
    """Run ``command``; return (wall seconds, peak RSS in MB of that child alone, where its CPU went)."""
    result = run_child(command)
    if result["exit"] != 0:
        raise subprocess.CalledProcessError(result["exit"], command)
    return result["wall_s"], result["peak_rss_mb"], {"cpu_s": round(result["cpu_s"], 1), **result["cpu_split"]}


def measure(size: int, runs: int, workdir: Path) -> dict:
    """Alternate, ``runs`` times: the engine's bulk load of the file, our ingest of it, and the engine's bulk load of
    what our ingest stored (the design's own floor: the same triples, loaded as fast as the engine can)."""
    data, stored = workdir / f"gen-{size}.nt", workdir / f"stored-{size}.nt"
    count = generate(data, size)
    maillage = str(Path(sys.executable).with_name("maillage"))
    ours, theirs, floor = [], [], []
    for run in range(runs):
        target = workdir / f"ox-{size}-{run}"
        theirs.append(run_measured([sys.executable, "-c", OXIGRAPH_ONLY, str(data), str(target)]))
        shutil.rmtree(target, ignore_errors=True)
        target = workdir / f"mai-{size}-{run}"
        ours.append(run_measured([maillage, "--data", str(target), "ingest", "--no-index", str(data)]))
        if run == 0:
            stored_count = apart("dump_stored", target, data, stored)
        shutil.rmtree(target, ignore_errors=True)
        target = workdir / f"floor-{size}-{run}"
        floor.append(run_measured([sys.executable, "-c", OXIGRAPH_ONLY, str(stored), str(target)]))
        shutil.rmtree(target, ignore_errors=True)

    def median_run(runs_: list) -> tuple:
        return sorted(runs_, key=lambda r: r[0])[len(runs_) // 2]

    ours_m, theirs_m, floor_m = median_run(ours), median_run(theirs), median_run(floor)
    return {"triples": count, "stored": stored_count, "maillage_s": ours_m[0], "oxigraph_s": theirs_m[0],
            "floor_s": floor_m[0], "maillage_rate": count / ours_m[0], "oxigraph_rate": count / theirs_m[0],
            "ratio": ours_m[0] / theirs_m[0], "floor_ratio": ours_m[0] / floor_m[0],
            "maillage_rss": max(r for _, r, _ in ours), "oxigraph_rss": max(r for _, r, _ in theirs),
            "cpu": {"maillage": ours_m[2], "oxigraph": theirs_m[2], "floor": floor_m[2]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200_000, 2_000_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cache_bytecode()
    workdir = Path(tempfile.mkdtemp(prefix="maillage-bench-load-"))
    try:
        print("| triples | maillage ingest | triples/s | pyoxigraph bulk_load | triples/s | ratio | peak RSS ingest / "
              "oxigraph | stored triples | pyoxigraph bulk_load of them | ratio to that |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        results = []
        for size in sorted(args.sizes):
            r = measure(size, args.runs, workdir)
            results.append(r)
            print(f"| {r['triples']:,} | {r['maillage_s']:.2f} s | {r['maillage_rate']:,.0f} | {r['oxigraph_s']:.2f} s "
                  f"| {r['oxigraph_rate']:,.0f} | {r['ratio']:.2f}x | {r['maillage_rss']:.0f} / "
                  f"{r['oxigraph_rss']:.0f} MB | {r['stored']:,} | {r['floor_s']:.2f} s | {r['floor_ratio']:.2f}x |",
                  flush=True)
        print("\nWhere the CPU went in the median runs (s): main thread, RocksDB's compactions (`rocksdb:low`) and "
              "flushes (`rocksdb:high`), other threads (the engine's bulk loaders, validation), child processes\n")
        print("| triples | run | CPU | main thread | compactions | flushes | other threads | child processes |")
        print("|---|---|---|---|---|---|---|---|")
        for r in results:
            for who, label in (("maillage", "maillage ingest"), ("oxigraph", "pyoxigraph bulk_load"),
                               ("floor", "pyoxigraph bulk_load of the stored triples")):
                c = r["cpu"][who]
                print(f"| {r['triples']:,} | {label} | {c['cpu_s']} | {c['main_s']} | {c['compaction_s']} | "
                      f"{c['flush_s']} | {c['other_threads_s']} | {c['children_s']} |")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
