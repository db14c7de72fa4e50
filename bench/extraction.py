"""Extraction benchmark: precision, recall and F1 of (beneficiary, amount) pairs over the labelled deliberations.

Reads every ``tests/fixtures/deliberations/NAME.expected.json``, extracts ``NAME`` with the deliberation kind, and
compares the grants found with the expected ones (beneficiaries compared by name key, amounts exactly). Also
counts the stated totals that reconcile with the sum of extracted grants; a fixture marked ``total_mismatch``
(its printed total is wrong on purpose) counts as checked when the mismatch is reported instead.

Usage: ``.venv/bin/python bench/extraction.py``
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.identity import name_key  # noqa: E402
from graph.ingest.delib_facts import deliberation_facts, extract_fixture  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "deliberations"


def pairs(grants) -> set[tuple[str, str]]:
    return {(name_key(name), amount) for name, amount in grants}


def evaluate(expected: Path) -> dict:
    """Return counts for one fixture: true/false positives, false negatives, totals checked."""
    stem = expected.name[: -len(".expected.json")]
    source = next(p for p in FIXTURES.iterdir() if p.stem == stem and p.suffix != ".json")
    wanted = json.loads(expected.read_text(encoding="utf-8"))
    extraction = extract_fixture(source)
    got = pairs(deliberation_facts(extraction.graph)["grants"])
    want = pairs(wanted["grants"])
    done, total = (int(n) for n in extraction.stats["totals_reconciled"].split("/"))
    checked = total if done == total and not wanted.get("total_mismatch") else (
        total if wanted.get("total_mismatch") and done < total else done)
    return {"file": source.name, "tp": len(got & want), "fp": len(got - want), "fn": len(want - got),
            "totals": total, "reconciled": done, "checked": checked}


def main() -> int:
    started = time.perf_counter()
    results = [evaluate(e) for e in sorted(FIXTURES.glob("*.expected.json"))]
    tp, fp, fn = (sum(r[k] for r in results) for k in ("tp", "fp", "fn"))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    for r in results:
        flag = "" if r["fp"] == r["fn"] == 0 else "  <-- differs"
        print(f"{r['file']:55} tp={r['tp']:2} fp={r['fp']} fn={r['fn']} totals {r['reconciled']}/{r['totals']}{flag}")
    totals = sum(r["totals"] for r in results)
    print(f"\n{len(results)} labelled deliberations, {tp + fn} expected grants, {tp + fp} extracted")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"stated totals: {sum(r['reconciled'] for r in results)}/{totals} reconcile; "
          f"{sum(r['checked'] for r in results)}/{totals} checked correctly (mismatches reported)")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0 if f1 >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())
