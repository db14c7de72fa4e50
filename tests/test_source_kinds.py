"""What a source kind declares once, and what reads it from there: its labels on its ``KIND`` (a source's page, the
upload form's choice of kinds), a label for every count of its report, and a ``dcterms:type`` named as a kind only
on a source's page (:mod:`webapp.display`).
"""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask
from rdflib import Literal
from rdflib.namespace import DCTERMS
from web_fixture import app_on_fixture, fresh_app

from graph.ingest import KIND_MODULES, kinds
from graph.ingest.base import InputError
from graph.ingest.lookahead import extract
from graph.ingest.pipeline_file import read_source
from tests import reader_digests
from webapp.display import shown_as, source_kind_label
from webapp.reports import STAT_LABELS
from webapp.resources import close_resources

HTML = {"Accept": "text/html"}
#: The order in which the upload form offered the kinds before it read them from the registry.
FORM_ORDER = ["deliberation", "scdl-subventions", "scdl-deliberations", "rna", "sirene", "register", "rdf"]


def in_language(lang: str):
    """A request context in ``lang``, as a page's."""
    return Flask(__name__).test_request_context(f"/?lang={lang}")


# --- the labels ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(KIND_MODULES))
def test_a_kind_is_named_by_its_own_labels_in_the_pages_language(name):
    kind = kinds()[name]
    assert kind.label.strip() and kind.label_en.strip()
    for lang, label in (("fr", kind.label), ("en", kind.label_en)):
        with in_language(lang):
            assert source_kind_label(name) == label


@pytest.mark.parametrize("lang, name, said", [("fr", "vocabulary", "Vocabulaire"), ("en", "vocabulary", "Vocabulary"),
                                              ("en", "unknown-kind", "unknown-kind")])
def test_a_kind_that_no_reader_reads_keeps_its_name(lang, name, said):
    with in_language(lang):
        assert source_kind_label(name) == said


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with app_on_fixture(tmp_path_factory.mktemp("kinds"), write_token="s3cret") as app:
        yield app


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_upload_form_offers_every_registered_kind_by_its_label_in_the_pages_language(app, lang):
    page = app.test_client().get(f"/upload?lang={lang}", headers=HTML).get_data(as_text=True)
    select = page[page.index('<select id="kind"'):page.index("</select>")]
    options = [(name, html.unescape(label))
               for name, label in re.findall(r'<option value="([^"]*)">([^<]*)</option>', select)]
    assert options[0][0] == "" and sorted(name for name, _ in options[1:]) == sorted(kinds())
    assert options[1:] == [(name, kinds()[name].label_en if lang == "en" else kinds()[name].label)
                           for name, _ in options[1:]]
    assert [name for name, _ in options if name in FORM_ORDER] == FORM_ORDER


# --- the counts of the reports -------------------------------------------------------------------------------------

def sample_counts(kind: str) -> set[str]:
    """The keys of the counts that the reader of ``kind`` gives on its sample files (those of the readers' digests,
    :data:`tests.reader_digests.SAMPLES`)."""
    keys = set()
    for path, options in reader_digests.SAMPLES[kind]:
        try:
            keys |= set(extract(read_source(reader_digests.ROOT / path, options=options), kind).result().stats)
        except InputError:  # a sample refused on purpose counts nothing
            continue
    return keys


@pytest.mark.parametrize("kind", list(KIND_MODULES))
def test_every_count_of_a_kinds_report_has_a_french_and_an_english_label(kind):
    unlabelled = sorted(key for key in sample_counts(kind)
                        if not (len(STAT_LABELS.get(key, ())) == 2 and all(STAT_LABELS[key])))
    assert not unlabelled, (f"the {kind} reader's report counts {', '.join(unlabelled)} without a label: add each to "
                            "STAT_LABELS in webapp/reports.py, as (French, English)")


# --- dcterms:type, a source's kind on a source's page only ---------------------------------------------------------

def test_a_plain_dcterms_type_is_named_as_a_kind_only_for_a_source():
    with in_language("en"):
        assert shown_as(DCTERMS.type, Literal("deliberation"), of_source=True) == "Deliberation"
        assert str(shown_as(DCTERMS.type, Literal("deliberation"))) == "deliberation"
        assert str(shown_as(DCTERMS.type, Literal("Centre de santé"))) == "Centre de santé"


OTHER_TYPES = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://ex.org/minutes> a foaf:Document ; rdfs:label "Procès-verbal du conseil" ; dcterms:type "deliberation" .
<https://ex.org/centre> a foaf:Document ; rdfs:label "Fiche du centre" ; dcterms:type "Centre de santé" .
"""


@pytest.fixture(scope="module")
def typed_pages(tmp_path_factory):
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    folder = tmp_path_factory.mktemp("typed")
    source = folder / "types.ttl"
    source.write_text(OTHER_TYPES, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(folder / "template")})
    ingest_paths(store, [source])
    store.close()
    app = fresh_app(folder / "template", folder / "app")
    try:
        yield app.test_client()
    finally:
        close_resources(app)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("iri, said", [("https://ex.org/minutes", "deliberation"),
                                       ("https://ex.org/centre", "Centre de santé")])
def test_a_plain_dcterms_type_of_a_resource_that_is_no_source_is_shown_as_written(typed_pages, lang, iri, said):
    page = typed_pages.get(f"/resource?iri={iri}&lang={lang}", headers=HTML).get_data(as_text=True)
    assert re.search(rf"<dd>(<span lang=\"fr\">)?{said}(</span>)?</dd>", page), page


@pytest.mark.parametrize("lang, said", [("fr", "Fichier RDF"), ("en", "RDF file")])
def test_a_sources_page_still_names_its_kind(typed_pages, lang, said):
    page = typed_pages.get(f"/id/source/types-ttl?lang={lang}", headers=HTML).get_data(as_text=True)
    assert f"<dd>{said}</dd>" in page
