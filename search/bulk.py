"""Write a whole index from the facts of the graph: documents converted and written in bulk, in parallel.

The documents are cut into runs of consecutive IRIs; each run is converted (:mod:`search.documents`), turned
into terms (:func:`search.schema.document_to_record`) and written as one whoosh segment
(:class:`search.segment.SegmentBuilder`) by a forked process, which shares the facts read by its parent rather
than receiving documents through a pipe. Runs follow the IRIs' order, so document numbers do not depend on the
number of processes.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index

from search.documents import document_iris, facts_to_documents
from search.facts import Facts
from search.schema import WARM_UP, document_to_record, make_schema
from search.segment import SegmentBuilder, commit_segments

#: Documents per writer process below which a build runs in one process (forking costs more than it saves).
MIN_DOCUMENTS_PER_PROCESS = 2_000
#: Documents between two progress reports of a writer.
PROGRESS_EVERY = 5_000


def write_index(path: Path, facts: Facts, procs: int = 1,
                progress: Callable[[int], None] = lambda written: None) -> Counter:
    """Create a whoosh index in ``path`` holding the documents of ``facts``, written by up to ``procs``
    processes; return the count per kind. ``progress`` is told the documents written so far, every 20,000."""
    path.mkdir(parents=True)
    ix = whoosh_index.create_in(str(path), make_schema())
    iris = document_iris(facts)
    procs = max(1, min(procs, len(iris) // MIN_DOCUMENTS_PER_PROCESS))
    step = -(-len(iris) // procs) or 1
    runs = [iris[i:i + step] for i in range(0, len(iris), step)]
    counter = _ProgressCounter(len(runs), progress)
    if len(runs) > 1:
        facts.reverse_links()  # built once, before the fork, and shared
        results = _in_processes(_write_segment, [(ix, facts, run) for run in runs], counter)
    else:
        results = [_write_segment(ix, facts, run, lambda done: counter.update(0, done)) for run in runs]
    commit_segments(ix, [segment for segment, _ in results])
    return sum((counts for _, counts in results), Counter())


def _write_segment(ix, facts: Facts, iris: list[str], report: Callable[[int], None]) -> tuple:
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema, warm_up=WARM_UP)
    counts: Counter = Counter()
    for doc in facts_to_documents(facts, iris):
        builder.add(*document_to_record(doc))
        counts[doc["kind"]] += 1
        if builder.docnum % PROGRESS_EVERY == 0:
            report(builder.docnum)
    return builder.finish(), counts


class _ProgressCounter:
    """Documents written by each writer; ``progress`` told their total every 20,000."""

    def __init__(self, writers: int, progress: Callable[[int], None]):
        self.done, self.progress, self.lines = [0] * writers, progress, 0

    def update(self, writer: int, done: int) -> None:
        self.done[writer] = done
        total = sum(self.done)
        if total // 20_000 > self.lines:
            self.lines = total // 20_000
            self.progress(total)


def _in_processes(function: Callable, jobs: list[tuple], counter: _ProgressCounter) -> list:
    """Run ``function(*job, report)`` for each job in a forked process; return their results in order.

    Forked, not spawned: the jobs' arguments (the facts of the whole graph) are shared, not pickled.
    """
    context = multiprocessing.get_context("fork")
    pipes, workers = {}, []
    try:
        for number, job in enumerate(jobs):
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(target=_worker, args=(function, job, sender), daemon=True,
                                     name=f"maillage-index-writer-{number}")
            worker.start()
            sender.close()
            pipes[receiver] = number
            workers.append(worker)
        results: list = [None] * len(jobs)
        while pipes:
            for receiver in multiprocessing.connection.wait(list(pipes)):
                try:
                    kind, value = receiver.recv()
                except EOFError:
                    raise RuntimeError("un processus d'écriture de l'index s'est arrêté") from None
                if kind == "progress":
                    counter.update(pipes[receiver], value)
                elif kind == "done":
                    results[pipes.pop(receiver)] = value
                    receiver.close()
                else:
                    raise RuntimeError(f"un processus d'écriture de l'index a échoué :\n{value}")
        return results
    finally:
        for receiver in pipes:
            receiver.close()
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()


def _worker(function: Callable, job: tuple, sender) -> None:
    try:
        sender.send(("done", function(*job, lambda done: sender.send(("progress", done)))))
    except BaseException:
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
