"""The content of the demo corpus's search index, as a digest recorded with the index format it was recorded at:
work on how the index is built (its speed) must not change what it holds without a new INDEX_FORMAT.

The digest covers every indexed field's terms with the IRIs of the documents that hold each, the stored fields and
the column values (what a reader can get from the index). After a change that alters the index on purpose (a new
INDEX_FORMAT), or when the demo graph changed (a reader's new version, a new example file), record it anew::

    python -m tests.test_search_index_digest --update
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from whoosh import index as whoosh_index

from search.index_layout import INDEX_FORMAT, current_version, index_root

RECORDED = Path(__file__).resolve().parent / "fixtures" / "search_index_digest.json"
UPDATE = "python -m tests.test_search_index_digest --update"


def index_digest(data: Path) -> str:
    """A digest of what a reader gets from the current index of the data directory ``data``: each indexed field's
    terms with the IRIs of the documents that hold them, the stored fields, the column values."""
    root = index_root({"data_dir": str(data)})
    ix = whoosh_index.open_dir(str(root / current_version(root)))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        iris = {docnum: fields["iri"] for docnum, fields in reader.iter_docs()}
        postings = sorted((field, text.decode() if isinstance(text, bytes) else text,
                           sorted(iris[n] for n in reader.postings(field, text).all_ids()))
                          for field in reader.indexed_field_names() for text, _ in reader.iter_field(field))
        stored = sorted(json.dumps(fields, sort_keys=True, ensure_ascii=False) for _, fields in reader.iter_docs())
        columns = {name: sorted(zip(map(iris.get, range(reader.doc_count_all())), reader.column_reader(name)))
                   for name in ("sort_name", "amount")}
    content = json.dumps([postings, stored, columns], ensure_ascii=False, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


def test_the_demo_index_holds_what_its_format_recorded(demo_data_template):
    recorded = json.loads(RECORDED.read_text())
    assert recorded["index_format"] == INDEX_FORMAT, f"a new index format: record its digest ({UPDATE})"
    assert index_digest(demo_data_template) == recorded["digest"], (
        f"the demo index changed without a new INDEX_FORMAT (or the demo graph changed: then {UPDATE})")


def _update() -> None:
    """Ingest the demo corpus into a temporary data directory and record its index's digest."""
    import tempfile

    from click.testing import CliRunner

    from webapp.cli import main

    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data"
        examples = Path(__file__).resolve().parent.parent / "examples"
        result = CliRunner().invoke(main, ["--data", str(data), "ingest", str(examples)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        RECORDED.write_text(json.dumps({"index_format": INDEX_FORMAT, "digest": index_digest(data)}, indent=1) + "\n")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    _update()
