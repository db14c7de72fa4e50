"""Apostrophes: every character written for one is read as one, the same way by the rebuild's bulk writers, by an
ingest's update through whoosh's writer, and by the queries.

``\\w`` takes some of them for letters (the modifier letters: ʼ U+02BC, ʻ U+02BB, ʽ U+02BD, ʹ U+02B9…): the bulk
writer read « Lʼhôpital » as one word ``lʼhopital`` where an update and a query read ``hopital``, so after a rebuild
"hôpital" did not find it. The property tests at the end check that the bulk writer, whoosh's writer with the
schema's analyzers and the query parser read any French-like text alike.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search.analysis import FOLDED, FRENCH, WordAnalyzer, fold, folded_names, term_set, whole_name
from search.index_layout import current_version, index_root
from search.indexer import build_index, update_index
from search.query import search
from search.reader import SearchIndex
from search.schema import KeywordAnalyzer, document_to_fields, document_to_record, make_schema
from search.synonyms import expansions
from search.syntax import parse
from test_search_corpus import PREFIXES, build_corpus, ingest, iri, write
from test_search_index import _current, _terms_by_iri

#: Characters written for an apostrophe, each with the word its actor is named after (in an order that is not the
#: characters' own, so that sorting by name shows whether they were read alike).
WRITTEN = {"'": "Olivier", "’": "Cèdre", "ʼ": "Abeille", "ʻ": "Noyer", "ʽ": "Bouleau", "ʹ": "Mélèze",
           "ʾ": "Frêne", "ʿ": "Érable", "ˈ": "Ginkgo", "ꞌ": "Hêtre", "՚": "If", "＇": "Jasmin", "‘": "Lilas",
           "‛": "Dahlia", "′": "Saule", "´": "Pin", "`": "Tilleul"}
IDS = [f"U+{ord(c):04X}" for c in WRITTEN]
SCHEMA = dict(make_schema().items())


def test_every_character_read_as_an_apostrophe_is_tested_here():
    from search.analysis import APOSTROPHES

    assert sorted(WRITTEN) == sorted(APOSTROPHES)


def _actor(apostrophe: str, kind: str = "actor") -> str:
    return iri(f"{kind}/apostrophe-{ord(apostrophe):04x}")


def _actors_ttl() -> str:
    """One actor per apostrophe, its name and description written with it, and a grant to it that says why."""
    return PREFIXES + "".join(
        f'<{_actor(c)}> a mai:Association ; rdfs:label "L{c}hôpital {word}" ;\n'
        f'    dcterms:description "Accueil d{c}urgence près d{c}EHPAD, aujourd{c}hui" .\n'
        f'<{_actor(c, "grant")}> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <{_actor(c)}> ;\n'
        f'    dcterms:description "Soins à l{c}hôpital de jour" .\n'
        for c, word in WRITTEN.items())


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """The small corpus and the apostrophes' actors, ingested, then the whole index rebuilt."""
    tmp_path = tmp_path_factory.mktemp("apostrophes")
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "apostrophes.ttl", _actors_ttl()))
    build_index(store, config)
    return SearchIndex.from_config(config)


def _found(index, text: str, kind: str = "actor", **options) -> list[str]:
    return [r["iri"] for r in search(index, text, kind=kind, page_size=100, **options)["results"]]


@pytest.mark.parametrize("apostrophe", WRITTEN, ids=IDS)
@pytest.mark.parametrize("text, kind", [("hôpital", "grant"), ("urgence", "actor"), ("hôpital", "actor"),
                                        ("aujourd'hui", "actor")])
def test_a_rebuilt_index_finds_the_word_after_any_apostrophe(rebuilt, apostrophe, text, kind):
    """A grant has no folded names (``exact``), through which a rebuilt index found an actor's « Lʼhôpital » by
    "hôpital" already, but not its description's « dʼurgence » by "urgence"."""
    assert _actor(apostrophe, kind) in _found(rebuilt, text, kind)


@pytest.mark.parametrize("apostrophe", WRITTEN, ids=IDS)
def test_a_rebuilt_index_expands_an_acronym_after_any_apostrophe(rebuilt, apostrophe):
    """« dʼEHPAD » holds the acronym as « d'EHPAD » does: "hébergement" finds it through its expansion."""
    assert _actor(apostrophe) in _found(rebuilt, "hébergement personnes âgées")


@pytest.mark.parametrize("apostrophe", WRITTEN, ids=IDS)
def test_a_query_reads_any_apostrophe_as_the_straight_one(rebuilt, apostrophe):
    assert _found(rebuilt, f"d{apostrophe}urgence") == _found(rebuilt, "d'urgence")
    assert _found(rebuilt, f"d{apostrophe}urgence")


def test_names_sort_alike_whatever_their_apostrophe(rebuilt):
    found = _found(rebuilt, "urgence", sort="name")
    assert found == [_actor(c) for c in sorted(WRITTEN, key=lambda c: fold(WRITTEN[c]))]


def test_an_ingest_indexes_the_words_after_any_apostrophe_as_a_rebuild_does(tmp_path):
    """An ingest updates the index through whoosh's writer and the project's analyzer, a rebuild through the bulk
    writers: « Lʼhôpital » was ``hopital`` for the one, ``lʼhopital`` for the other."""
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "apostrophes.ttl", _actors_ttl()))
    updated = _terms_by_iri(_current(config))
    build_index(store, config)
    assert _terms_by_iri(_current(config)) == updated


def test_after_an_ingest_the_word_after_any_apostrophe_is_found(tmp_path):
    store, config, index = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "apostrophes.ttl", _actors_ttl()))
    assert {_actor(c) for c in WRITTEN} <= set(_found(index, "urgence"))


def test_an_index_built_when_apostrophes_were_letters_is_rebuilt_by_the_next_update(tmp_path):
    """Format 7 read « Lʼhôpital » as one word: such an index is rebuilt, not updated in place."""
    store, config, _ = build_corpus(tmp_path)
    root = index_root(config)
    (root / current_version(root) / "FORMAT").write_text("7\n")
    assert update_index(store, config, {iri("actor/pilat")}).rebuilt is not None


@pytest.mark.parametrize("apostrophe", WRITTEN, ids=IDS)
def test_an_acronym_after_any_apostrophe_is_expanded_as_after_the_straight_one(apostrophe):
    text = f"Projet d{apostrophe}EHPAD"
    assert expansions([text], term_set([text])) == expansions(["Projet d'EHPAD"], term_set(["Projet d'EHPAD"]))


# --- the bulk writer, whoosh's analyzer and the query parser read any text alike --------------------------------

_APOSTROPHES = "".join(WRITTEN)
_LETTERS = "abcdeéèêëàâäîïôöùûüçœæhilnoqrstuyzABCDÉÈÀÇŒLQDSTMU"
_PIECES = st.one_of(
    st.sampled_from(["l", "d", "qu", "jusqu", "aujourd", "hui", "St", "Sté", "médico", "social", "de", "la",
                     "20 000", "1.234,50", "2024", "hôpital", "infirmière", "répits", "CCAS", "Ehpad", "_"]),
    st.text(alphabet=_LETTERS, min_size=1, max_size=6),
    st.sampled_from(list(_APOSTROPHES + "0123456789 -\u00a0\u202f.,;:!?()«»—–/\n")))
_FRENCH_LIKE = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=400, deadline=None, database=None)
@given(_FRENCH_LIKE)
@example("Lʼhôpital-de-jour dʼaujourdʼhui, quʼil")
def test_the_bulk_writer_and_whooshs_analyzer_give_the_same_terms(text):
    assert term_set([text]) == {token.text for token in FRENCH(text)}
    folded = {token.text for token in FOLDED(text)}
    assert term_set([text], folded=True) == folded
    assert folded_names([text]) == (folded, {whole_name(text)} - {""})


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(_FRENCH_LIKE, min_size=1, max_size=3), st.lists(_FRENCH_LIKE, max_size=3),
       st.sampled_from(["actor", "grant"]))
@example(["Lʼhôpital de jour"], ["Accueil dʼurgence près dʼEHPAD"], "grant")
def test_a_documents_record_holds_the_terms_whooshs_writer_makes_of_its_fields(names, texts, kind):
    """What the bulk writer writes of a document (:func:`search.schema.document_to_record`) and what whoosh's
    writer makes of its fields with the schema's analyzers (an update) are the same terms, field by field."""
    doc = {"iri": "https://ex.org/a", "kind": kind, "type": "association", "type_label": "Association",
           "label": names[0], "names": names, "text": texts, "related": texts[:1], "summary": "", "facets": {},
           "labels": {}, "amount": None, "date": None, "deps": [], "shown": {}}
    terms, fields = document_to_record(doc)[0], document_to_fields(doc)
    for name, field in SCHEMA.items():
        if isinstance(field.analyzer, (WordAnalyzer, KeywordAnalyzer)):
            written = {token.text for token in field.analyzer(fields[name])} if name in fields else set()
            assert set(terms.get(name, ())) == written, name


@settings(max_examples=400, deadline=None, database=None)
@given(_FRENCH_LIKE)
@example("Lʻhôpital-de-jour")
def test_a_query_requires_only_terms_that_the_same_text_is_indexed_with(text):
    """A document named as the query is found by it: every word the query requires is a term of that name."""
    groups = parse(text)
    required = {stem for group in groups for stem, _ in group.words}
    required |= {joined for group in groups for _, _, (joined, _) in group.compounds}
    assert required <= {token.text for token in FRENCH(text)}


@pytest.mark.parametrize("apostrophe", WRITTEN, ids=IDS)
def test_any_apostrophe_gives_the_terms_of_the_straight_one(apostrophe):
    text = f"L{apostrophe}hôpital d{apostrophe}aujourd{apostrophe}hui, jusqu{apostrophe}à l{apostrophe}EHPAD"
    straight = text.replace(apostrophe, "'")
    assert term_set([text]) == term_set([straight]) == {"hopital", "aujourd", "hui", "ehpad"}
    assert term_set([text], folded=True) == term_set([straight], folded=True)
    assert fold(text) == fold(straight)
