"""Web workers in other processes read the index while ingest updates it and `maillage index` rebuilds it."""

from __future__ import annotations

import multiprocessing
import time

from search.indexer import build_index
from test_search_corpus import PREFIXES, build_corpus, ingest, iri, write


def _kiwis(numbers) -> str:
    return PREFIXES + "\n".join(f'<actor/kiwi-{n}> a mai:Association ; rdfs:label "Kiwi {n}" .' for n in numbers)


STATES = {"empty": set(), "twenty": set(range(1, 21)), "thirty": set(range(1, 31)), "last": set(range(11, 31))}


def _reader(config: dict, stop, answers) -> None:
    """Search in a loop until told to stop; report every answer that is not one of the published states."""
    from search.query import search
    from search.reader import SearchIndex

    index = SearchIndex.from_config(config)  # opened once, as a web worker does
    valid = {name: {iri(f"actor/kiwi-{n}") for n in numbers} for name, numbers in STATES.items()}
    seen, errors, count = set(), [], 0
    while not stop.is_set():
        answer = search(index, "kiwi", page_size=100)
        found = {r["iri"] for r in answer["results"]}
        state = next((name for name, iris in valid.items() if iris == found), None)
        kinds = sum(f["count"] for f in answer["facets"]["kind"])
        if state is None or answer["total"] != len(found) or kinds != len(found):
            errors.append((answer["total"], len(found), kinds))
        seen.add(state)
        count += 1
    answers.put((count, sorted(s for s in seen if s), errors[:5]))


def test_readers_in_other_processes_always_see_a_complete_published_state(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    context = multiprocessing.get_context("spawn")
    stop, answers = context.Event(), context.Queue()
    reader = context.Process(target=_reader, args=(config, stop, answers))
    reader.start()
    try:
        time.sleep(2.0)  # the reader process starts and answers on the first state
        steps = [
            lambda: ingest(store, config, write(tmp_path, "kiwi.ttl", _kiwis(range(1, 21)))),
            lambda: ingest(store, config, write(tmp_path, "kiwi.ttl", _kiwis(range(1, 31)))),
            lambda: build_index(store, config),
            lambda: ingest(store, config, write(tmp_path, "kiwi.ttl", _kiwis(range(11, 31)))),
            lambda: build_index(store, config),
        ]
        for step in steps:
            step()
            time.sleep(0.5)
    finally:
        stop.set()
        count, seen, errors = answers.get(timeout=30)
        reader.join(timeout=30)
    assert errors == []
    assert count > 20
    assert {"twenty", "thirty", "last"} <= set(seen)
