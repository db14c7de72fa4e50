"""The killable query workers of the SPARQL endpoint and the named queries (``graph.querypool``)."""

from __future__ import annotations

import os

from graph.querypool import QUERY_WORKER_NICE, QueryPool
from graph.sparql import check_query
from web_fixture import template_data


def test_a_query_worker_runs_at_a_lower_cpu_priority_than_the_web_process():
    """A long analytical query takes the cores that the pages and searches leave (bench/README.md)."""
    pool = QueryPool({"store": "oxigraph", "data_dir": str(template_data())}, size=1)
    try:
        answer = pool.run(check_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", 10), "json")
        assert b'"n"' in answer.read()
        (worker,) = list(pool._idle.queue)
        own = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) == min(own + QUERY_WORKER_NICE, 19)
    finally:
        pool.close()
