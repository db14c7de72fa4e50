"""A JSON-LD language map with the key ``""`` (``"label": {"": "x"}`` for a term whose ``@container`` is
``@language``): JSON-LD reads ``""`` as a language tag, not well-formed, and the engine drops those texts without a
word; the spec's "no language" there is ``"@none"``. The import keeps the spec's reading and warns, at the line, with
how many texts are lost and what to write."""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

T12 = "http://purl.org/essglobal/standard/themes/T12"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
CONTEXT = '{"@context": {"label": {"@id": "' + PREF_LABEL + '", "@container": CONTAINER}},\n "@id": "' + T12 + '",\n'


def ingested(tmp_path, text: str):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "themes.jsonld").write_text(text, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "themes.jsonld"], on_report=lambda report, error, _: said.append((report, error)))
    [(report, error)] = said
    assert error is None
    labels = {(str(row[0]), row[0].language) for row in store.query(
        f"SELECT ?l WHERE {{ GRAPH ?g {{ <{T12}> <{PREF_LABEL}> ?l }} }}")}
    return [(issue.line, issue.message) for issue in report.issues if "table de langues" in issue.message], labels


@pytest.mark.parametrize("container", ['"@language"', '["@language", "@set"]'])
def test_texts_under_an_empty_language_map_key_are_warned_at_their_line_with_their_count(tmp_path, container):
    said, labels = ingested(tmp_path, CONTEXT.replace("CONTAINER", container)
                            + ' "label": {"fr": "Justice sociale",\n'
                              '   "": ["Justice", "Social justice"]}}\n')
    assert said == [(4, 'clé « "" » dans une table de langues (« "@container": "@language" ») : JSON-LD ne la lit '
                        "pas comme l'absence de langue, et ses 2 textes ne sont pas importés ; écrivez la clé "
                        '« "@none" » pour des textes sans langue')]
    assert labels == {("Justice sociale", "fr")}  # the engine's reading, the spec's: kept


def test_one_text_under_an_empty_key_is_told_in_the_singular(tmp_path):
    said, _ = ingested(tmp_path, CONTEXT.replace("CONTAINER", '"@language"')
                       + ' "label": {"fr": "Justice sociale", "": "Justice"}}\n')
    assert said == [(3, 'clé « "" » dans une table de langues (« "@container": "@language" ») : JSON-LD ne la lit '
                        "pas comme l'absence de langue, et son texte n'est pas importé ; écrivez la clé "
                        '« "@none" » pour des textes sans langue')]


@pytest.mark.parametrize("text", [
    CONTEXT.replace("CONTAINER", '"@language"') + ' "label": {"fr": "Justice", "@none": "Justice"}}\n',
    # an empty key in an object that is no language map
    '{"@id": "' + T12 + '", "' + PREF_LABEL + '": "Justice", "http://ex.org/data": {"@json": {"": 1}}}\n',
])
def test_what_loses_no_text_is_not_warned(tmp_path, text):
    said, labels = ingested(tmp_path, text)
    assert said == []
    assert labels
