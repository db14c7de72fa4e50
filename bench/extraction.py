"""Extraction benchmark: precision, recall and F1 of (beneficiary, amount) pairs over the labelled deliberations.

Reads every ``tests/fixtures/deliberations/NAME.expected.json``, extracts ``NAME`` with the deliberation kind, and
compares the grants found with the expected ones (beneficiaries compared by name key, amounts exactly). Also
counts the stated totals that reconcile with the sum of extracted grants; a fixture marked ``total_mismatch``
(its printed total is wrong on purpose) counts as checked when the mismatch is reported instead.

Where a fixture labels its "agreements" (what its decisions approve or authorise to sign; ``[]`` when it mentions
one only outside any decision), scores them too: an agreement is right when its folded title matches one expected
(without the "(délibération n° X)" added to a title naming no party); of those, how many have the right signatory;
and the governed grants as (agreement, beneficiary) pairs, with their own precision and recall.

Usage: ``.venv/bin/python bench/extraction.py``
"""

from __future__ import annotations

import json
import sys
from collections import Counter
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.identity_names import name_key  # noqa: E402
from graph.ingest.delib_facts import agreement_key, deliberation_facts, extract_fixture  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "deliberations"


def pairs(grants) -> set[tuple[str, str]]:
    return {(name_key(name), amount) for name, amount in grants}


def score_agreements(got: list[dict], want: list[dict]) -> dict:
    """Agreements right by title, of those with the right signatory, and governed (title, beneficiary) pairs."""
    got_keys, want_keys = [agreement_key(a) for a in got], [agreement_key(a) for a in want]
    matched = Counter(title for title, _, _ in got_keys) & Counter(title for title, _, _ in want_keys)
    signed = Counter((t, s) for t, s, _ in got_keys if t in matched) & Counter((t, s) for t, s, _ in want_keys)
    governed_got = {(t, b) for t, _, bs in got_keys for b in bs}
    governed_want = {(t, b) for t, _, bs in want_keys for b in bs}
    return {"a_tp": sum(matched.values()), "a_fp": len(got) - sum(matched.values()),
            "a_fn": len(want) - sum(matched.values()), "a_signed": min(sum(signed.values()), sum(matched.values())),
            "g_tp": len(governed_got & governed_want), "g_fp": len(governed_got - governed_want),
            "g_fn": len(governed_want - governed_got)}


def evaluate(expected: Path) -> dict:
    """Return counts for one fixture: true/false positives, false negatives, totals checked."""
    stem = expected.name[: -len(".expected.json")]
    source = next(p for p in FIXTURES.iterdir() if p.stem == stem and p.suffix != ".json")
    wanted = json.loads(expected.read_text(encoding="utf-8"))
    extraction = extract_fixture(source)
    facts = deliberation_facts(extraction.graph)
    got = pairs(facts["grants"])
    want = pairs(wanted["grants"])
    agreements = score_agreements(facts["agreements"], wanted["agreements"]) if "agreements" in wanted else {}
    done, total = (int(n) for n in extraction.stats["totals_reconciled"].split("/"))
    checked = total if done == total and not wanted.get("total_mismatch") else (
        total if wanted.get("total_mismatch") and done < total else done)
    return {"file": source.name, "tp": len(got & want), "fp": len(got - want), "fn": len(want - got),
            "totals": total, "reconciled": done, "checked": checked, "agreements": agreements}


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def print_agreements(labelled: list[dict]) -> None:
    """The agreements' figures over the fixtures that label them, and the fixtures where they differ."""
    a, g = ({k: sum(r["agreements"][f"{kind}_{k}"] for r in labelled) for k in ("tp", "fp", "fn")} for kind in "ag")
    for r in labelled:
        s = r["agreements"]
        if s["a_fp"] or s["a_fn"] or s["g_fp"] or s["g_fn"] or s["a_signed"] < s["a_tp"]:
            print(f"  agreements differ in {r['file']}: title tp={s['a_tp']} fp={s['a_fp']} fn={s['a_fn']}, "
                  f"signatory {s['a_signed']}/{s['a_tp']}, governed tp={s['g_tp']} fp={s['g_fp']} fn={s['g_fn']}")
    signed = sum(r["agreements"]["a_signed"] for r in labelled)
    print(f"agreements ({len(labelled)} labelled deliberations, {a['tp'] + a['fn']} expected, {a['tp'] + a['fp']} "
          f"found): precision {ratio(a['tp'], a['tp'] + a['fp']):.3f}  recall {ratio(a['tp'], a['tp'] + a['fn']):.3f}"
          f"; signatory right {signed}/{a['tp']}; governed grants precision {ratio(g['tp'], g['tp'] + g['fp']):.3f}  "
          f"recall {ratio(g['tp'], g['tp'] + g['fn']):.3f}")


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
    print_agreements([r for r in results if r["agreements"]])
    print(f"{time.perf_counter() - started:.1f} s")
    return 0 if f1 >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())
