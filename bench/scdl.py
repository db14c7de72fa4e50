"""Benchmark: rows/s of an SCDL subventions ingest (extraction, actor resolution, validation, store).

Generates a 50k-row SCDL v2.1.1 CSV (fixed seed: 2,000 funders-and-beneficiaries pairs, valid SIRETs), ingests it
three times into a fresh temporary Oxigraph store, and prints the median rows/s (per wall and per CPU second) and
the peak RSS of the process — next to pyoxigraph's own bulk_load of the triples that the ingest stored, the
engine's limit for the same rows.

    .venv/bin/python bench/scdl.py [ROWS [RUNS]]
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store


def luhn_key(body: str) -> str:
    """Return the digit that makes ``body`` + digit pass Luhn."""
    for k in "0123456789":
        s = body + k
        total = sum((d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d
                    for i, d in enumerate(int(c) for c in reversed(s)))
        if total % 10 == 0:
            return k
    raise AssertionError


def siret(rng: random.Random) -> str:
    body = f"{rng.randrange(10**8):08d}"
    siren = body + luhn_key(body)
    nic = f"{rng.randrange(10**4):04d}"
    return siren + nic + luhn_key(siren + nic)


def generate(path: Path, rows: int, seed: int = 42) -> None:
    rng = random.Random(seed)
    beneficiaries = [(f"Association numéro {i}", siret(rng)) for i in range(2000)]
    funders = [(f"Commune {i}", siret(rng)) for i in range(50)]
    lines = ["nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
             "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,"
             "pourcentageSubvention,dispositifAide"]
    for n in range(rows):
        fname, fid = rng.choice(funders)
        bname, bid = rng.choice(beneficiaries)
        lines.append(f"{fname},{fid},2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},DEL-{n % 500},{bname},{bid},,"
                     f"Projet {n},{rng.randint(500, 90000)}.{rng.randint(0, 99):02d},aide en numéraire,unique,"
                     f"2024-10-01/2024-12-31,,non,1,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def engine_ceiling(store, graph: str, workdir: Path) -> tuple[int, float]:
    """Load the triples of ``graph`` with pyoxigraph alone into a fresh store: (triples, seconds), the engine's
    limit for the same data."""
    import pyoxigraph as ox

    workdir.mkdir(parents=True)
    ntriples = workdir / "triples.nt"
    ntriples.write_bytes(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
                         .serialize("ntriples"))
    fresh = ox.Store(str(workdir / "engine"))
    started = time.perf_counter()
    fresh.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    return len(fresh), time.perf_counter() - started


def main(rows: int = 50_000, runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "scdl-bench.csv"
        generate(data, rows)
        rates, cpu_rates, engine = [], [], []
        for run in range(runs):
            store = open_store({"store": "oxigraph", "data_dir": str(Path(tmp) / f"store{run}")})
            started, cpu = time.perf_counter(), time.process_time()
            [report] = ingest_paths(store, [data])
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert report.stats["grants"] == rows, report.stats
            rates.append(rows / elapsed)
            cpu_rates.append(rows / cpu)
            triples, seconds = engine_ceiling(store, str(report.source), Path(tmp) / f"engine{run}")
            engine.append(rows / seconds)
            print(f"run {run + 1}: {elapsed:.1f} s ({cpu:.1f} s CPU), {rows / elapsed:,.0f} rows/s, "
                  f"{report.triples} triples; pyoxigraph bulk_load of the same {triples} triples: {seconds:.1f} s "
                  f"= {rows / seconds:,.0f} rows/s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"SCDL ingest, {rows} rows: median {statistics.median(rates):,.0f} rows/s "
          f"({statistics.median(cpu_rates):,.0f} per CPU-second); the engine alone loads the same triples at "
          f"{statistics.median(engine):,.0f} rows/s (ratio {statistics.median(engine) / statistics.median(rates):.1f}x);"
          f" peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
