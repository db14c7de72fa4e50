"""A JSON-LD file with ``"@language": ""``, or a language map with the key ``""`` (``"label": {"": "x"}`` for a
term whose ``@container`` is ``@language``): JSON-LD 1.1 reads ``""`` as a language that is not well-formed, not as
no language, and the engine drops those values (Object to RDF Conversion, step 7; in a language map the spec's "no
language" is ``"@none"``). The import keeps the spec's reading and warns, at the line, with how many values are lost
and what to write."""

from __future__ import annotations

import pytest

from graph.ingest.rdf_json_languages import miswritten_languages
from ingesting import ingest_text

T12 = "http://purl.org/essglobal/standard/themes/T12"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def ingested(tmp_path, text: str, said_of: str = '"@language": ""'):
    """The warnings of ``text`` ingested as JSON-LD whose message holds ``said_of``, and T12's stored labels."""
    store, report, error = ingest_text(tmp_path, "themes.jsonld", text)
    assert error is None
    labels = {(str(row[0]), row[0].language) for row in store.query(
        f"SELECT ?l WHERE {{ GRAPH ?g {{ <{T12}> <{PREF_LABEL}> ?l }} }}")}
    return [(issue.line, issue.message) for issue in report.issues if said_of in issue.message], labels


def test_values_in_an_empty_language_are_warned_at_the_first_with_their_count(tmp_path):
    said, labels = ingested(tmp_path, '{"@id": "' + T12 + '",\n "' + PREF_LABEL + '": [\n'
                                      '  {"@value": "Justice sociale et insertion", "@language": "fr"},\n'
                                      '  {"@value": "Justice sociale", "@language": ""},\n'
                                      '  {"@value": "Justice",\n   "@language" : ""}]}\n')
    assert said == [(4, '« "@language": "" » dans 2 valeurs, non importées : JSON-LD ne lit pas une langue vide comme '
                        "l'absence de langue ; retirez « \"@language\": \"\" » des textes sans langue")]
    assert labels == {("Justice sociale et insertion", "fr")}  # the engine's reading, the spec's: kept


def test_a_context_s_empty_default_language_is_warned_with_the_texts_it_takes(tmp_path):
    said, labels = ingested(tmp_path, '{"@context": {\n  "@language": "",\n  "label": "' + PREF_LABEL + '",\n'
                                      '  "n": "http://ex.org/n"},\n "@id": "' + T12 + '",\n'
                                      ' "label": ["Justice sociale", "Justice", {"@value": "Social justice", '
                                      '"@language": "en"}], "n": 12}\n')
    assert said == [(2, '« "@language": "" » dans un contexte : JSON-LD ne lit pas une langue vide comme l\'absence '
                        "de langue, et les textes qui la prennent ne sont pas importés (2 valeurs) ; écrivez "
                        "« \"@language\": null » pour des textes sans langue")]
    assert labels == {("Social justice", "en")}


@pytest.mark.parametrize("context", [
    '{"label": {"@id": "' + PREF_LABEL + '", "@language": ""}}',  # a term's language
    '[{"@language": "fr"}, {"@language": ""}]',  # the last context's default
    '{"@language": "fr", "label": {"@id": "' + PREF_LABEL + '", "@context": {"@language": ""}}}',  # a scoped one
])
def test_an_empty_language_anywhere_in_a_context_is_warned(context):
    text = '{"@context": ' + context + ', "@id": "' + T12 + '", "label": "Justice", "' + PREF_LABEL + '": "x"}'
    [issue] = miswritten_languages(text.encode())
    assert issue.line == 1 and "(1 valeur)" in issue.message


@pytest.mark.parametrize("text", [
    '{"@context": {"@language": null}, "@id": "' + T12 + '", "' + PREF_LABEL + '": "Justice"}',  # no language
    '{"@context": {"@language": ""}, "@id": "' + T12 + '", "' + PREF_LABEL + '": 12}',  # no text takes it
    # a text that shows it
    '{"@id": "' + T12 + '", "' + PREF_LABEL + '": "écrire \\"@language\\": \\"\\" pour aucune langue"}',
])
def test_what_loses_no_value_is_not_warned(text):
    assert miswritten_languages(text.encode()) == []

#: A language map's context for the term ``label``, its ``@container`` to write in place of CONTAINER.
CONTEXT = '{"@context": {"label": {"@id": "' + PREF_LABEL + '", "@container": CONTAINER}},\n "@id": "' + T12 + '",\n'
#: What the warnings about a language map's empty key say.
MAP_KEY = "table de langues"


@pytest.mark.parametrize("container", ['"@language"', '["@language", "@set"]'])
def test_texts_under_an_empty_language_map_key_are_warned_at_their_line_with_their_count(tmp_path, container):
    said, labels = ingested(tmp_path, CONTEXT.replace("CONTAINER", container)
                            + ' "label": {"fr": "Justice sociale",\n'
                              '   "": ["Justice", "Social justice"]}}\n', MAP_KEY)
    assert said == [(4, 'clé « "" » dans une table de langues (« "@container": "@language" ») : JSON-LD ne la lit '
                        "pas comme l'absence de langue, et ses 2 textes ne sont pas importés ; écrivez la clé "
                        '« "@none" » pour des textes sans langue')]
    assert labels == {("Justice sociale", "fr")}  # the engine's reading, the spec's: kept


def test_one_text_under_an_empty_key_is_told_in_the_singular(tmp_path):
    said, _ = ingested(tmp_path, CONTEXT.replace("CONTAINER", '"@language"')
                       + ' "label": {"fr": "Justice sociale", "": "Justice"}}\n', MAP_KEY)
    assert said == [(3, 'clé « "" » dans une table de langues (« "@container": "@language" ») : JSON-LD ne la lit '
                        "pas comme l'absence de langue, et son texte n'est pas importé ; écrivez la clé "
                        '« "@none" » pour des textes sans langue')]


@pytest.mark.parametrize("text", [
    CONTEXT.replace("CONTAINER", '"@language"') + ' "label": {"fr": "Justice", "@none": "Justice"}}\n',
    # an empty key in an object that is no language map
    '{"@id": "' + T12 + '", "' + PREF_LABEL + '": "Justice", "http://ex.org/data": {"@json": {"": 1}}}\n',
])
def test_what_loses_no_text_is_not_warned(tmp_path, text):
    said, labels = ingested(tmp_path, text, MAP_KEY)
    assert said == []
    assert labels


#: What JSON-LD calls a well-formed language, as the warnings say it.
BCP47 = "n'est pas une étiquette de langue bien formée (BCP 47 : « fr », « fr-CA », « en »…)"


@pytest.mark.parametrize("language, fix", [
    ("en_US", "écrivez « en-US »"),
    ("fr FR", "écrivez « fr-FR »"),
    ("a b", 'corrigez-la, ou retirez « "@language" » des textes sans langue'),
    ("français", 'corrigez-la, ou retirez « "@language" » des textes sans langue'),
])
def test_values_in_a_language_that_is_not_well_formed_are_warned_with_what_to_write(tmp_path, language, fix):
    said, labels = ingested(tmp_path, '{"@id": "' + T12 + '",\n "' + PREF_LABEL + '": [\n'
                                      '  {"@value": "Justice sociale", "@language": "fr"},\n'
                                      '  {"@value": "Social justice", "@language": "' + language + '"}]}\n',
                            f'"@language": "{language}"')
    assert said == [(4, f'« "@language": "{language}" » dans 1 valeur, non importée : « {language} » {BCP47} ; {fix}')]
    assert labels == {("Justice sociale", "fr")}  # the engine's reading, the spec's: kept


@pytest.mark.parametrize("context, line", [
    ('{\n  "@language": "fr_FR",\n  "label": "' + PREF_LABEL + '"}', 2),  # the default
    ('{"label": {"@id": "' + PREF_LABEL + '",\n  "@language": "fr_FR"}}', 2),  # a term's
])
def test_a_context_s_language_that_is_not_well_formed_is_warned_with_the_texts_it_takes(tmp_path, context, line):
    said, labels = ingested(tmp_path, '{"@context": ' + context + ',\n "@id": "' + T12 + '",\n'
                                      ' "label": ["Justice sociale", "Justice"], "http://ex.org/n": 12}\n', "fr_FR")
    assert said == [(line, f'« "@language": "fr_FR" » dans un contexte : « fr_FR » {BCP47}, et les textes qui la '
                           "prennent ne sont pas importés (2 valeurs) ; écrivez « fr-FR »")]
    assert labels == set()


def test_texts_under_a_language_map_key_that_is_not_well_formed_are_warned(tmp_path):
    said, labels = ingested(tmp_path, CONTEXT.replace("CONTAINER", '"@language"')
                            + ' "label": {"fr": "Justice sociale",\n   "en_GB": ["Justice", "Social justice"]}}\n',
                            MAP_KEY)
    assert said == [(4, f"clé « en_GB » dans une table de langues (« \"@container\": \"@language\" ») : « en_GB » "
                        f"{BCP47}, et ses 2 textes ne sont pas importés ; écrivez la clé « en-GB »")]
    assert labels == {("Justice sociale", "fr")}


@pytest.mark.parametrize("language", ["FR", "fr-Latn-FR", "de-CH-1996", "x-maillage", "i-klingon"])
def test_a_well_formed_language_however_written_is_read(tmp_path, language):
    said, labels = ingested(tmp_path, '{"@id": "' + T12 + '", "' + PREF_LABEL + '": {"@value": "Justice", '
                                      '"@language": "' + language + '"}}', "@language")
    assert said == []
    assert labels == {("Justice", language.lower())}


@pytest.mark.parametrize("context", ['{"lang": "@language"}', '{"lang": {"@id": "@language"}, "v": "@value"}'])
def test_a_language_written_through_an_alias_is_warned_with_the_key_the_file_writes(tmp_path, context):
    value = "v" if '"v"' in context else "@value"
    said, labels = ingested(tmp_path, '{"@context": ' + context + ',\n "@id": "' + T12 + '",\n'
                                      ' "' + PREF_LABEL + '": [\n'
                                      '  {"' + value + '": "Justice sociale", "lang": "fr"},\n'
                                      '  {"' + value + '": "Social justice", "lang": "en_US"}]}\n', "en_US")
    assert said == [(5, f'« "lang": "en_US" » dans 1 valeur, non importée : « en_US » {BCP47} ; écrivez « en-US »')]
    assert labels == {("Justice sociale", "fr")}


def test_an_alias_s_definition_is_no_language(tmp_path):
    said, labels = ingested(tmp_path, '{"@context": {"lang": "@language", "@language": "fr"}, "@id": "' + T12 + '",'
                                      ' "' + PREF_LABEL + '": [{"@value": "Social justice", "lang": "en"}, "Justice"]}',
                            "@language")
    assert said == []
    assert labels == {("Social justice", "en"), ("Justice", "fr")}
