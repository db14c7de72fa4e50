"""rdflib's SPARQL parser is not safe in threads (pyparsing learns each parse action's arity at its first call): a
web worker's warm-up reading the named queries beside a request's first read made every later parse in the process
fail, and a named query's page answered 500. Each read is made one at a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Read every named query's resource variables from sixteen threads at once, in a process that never parsed one.
READ_AT_ONCE = """
import threading
from pathlib import Path
from webapp.named_queries import resource_variables
texts = [path.read_text() for path in sorted(Path("webapp/queries").glob("*.rq"))]
errors = []
def read(text):
    try:
        resource_variables(text)
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=read, args=(text,)) for text in texts for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(texts), len(errors), errors[:1])
"""


def test_the_named_queries_read_from_several_threads_at_once_all_parse():
    done = subprocess.run([sys.executable, "-c", READ_AT_ONCE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    read, failed, first = done.stdout.split(" ", 2)
    assert int(read) > 10 and failed == "0", first
