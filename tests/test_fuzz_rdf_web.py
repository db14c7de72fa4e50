"""What a fuzzing sweep of the RDF ingest and of the HTTP interface found.

- /sparql: the guard's check of a query planned the whole query in the web process, outside any time limit, to
  find the functions the engine does not know; the planner grows faster than cubically with a query's groups (300
  OPTIONAL groups: 89 s, a 7 kB request), so a small POST held a web thread far past ``query_timeout``.
- ingest: a Turtle file whose blank nodes nest a few thousand levels deep (which the engine reads) stopped the
  command with a RecursionError's traceback, after it was stored, while its report looked up the lines of its
  violations;
- ingest: an RDF/XML file not in UTF-8, or with an element of an undeclared prefix, was refused in the engine's
  English only;
- ingest: a JSON-LD document whose objects nest about 3,500 levels deep crashed the process (a segfault in the
  engine's parser);
- ingest: a JSON-LD number past 28 digits (``1e308``) where an integer is expected stopped the command with a
  traceback while its violation's advice was written;
- ingest: an RDF/XML file's entities were checked only when its document type came in its first 64 KB: after a
  long comment, entities growing to gigabytes (the "billion laughs") were expanded by the engine until the
  process was killed;
- ingest: a file that replaces a source ingested under ``--name`` was said to replace the source of its own file
  name, which no ingest had stored.

A case that could hang runs in a child process under a CPU limit: the limit is what fails it, no duration is
asserted.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.sparql import QueryRefused, check_query
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
#: CPU seconds a child may spend: the check below takes milliseconds; before the fix, its planning took hours.
CPU_LIMIT_S = 20
#: 600 OPTIONAL groups, each binding a variable of its own: about 7 kB of text.
MANY_OPTIONALS = "SELECT * WHERE { ?s ?p ?o " + "".join(f"OPTIONAL {{ ?s ?p ?x{i} }} " for i in range(600)) + "}"


def _cpu_limited() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S + 10))


@pytest.mark.parametrize("text", [
    MANY_OPTIONALS,
    "SELECT * WHERE { " + " ".join("{ ?s ?p ?o }" for _ in range(600)) + " }",
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    + MANY_OPTIONALS.replace("?o ", "?o FILTER(xsd:integer(?o)) ", 1),
], ids=["optional-groups", "groups", "optional-groups-and-a-cast"])
def test_the_guard_checks_a_query_of_many_groups_without_planning_it(text):
    script = textwrap.dedent("""
        import sys
        from graph.sparql import check_query
        print(check_query(sys.stdin.read()).kind)
    """)
    result = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, cwd=ROOT,
                            preexec_fn=_cpu_limited)
    assert result.returncode != -signal.SIGXCPU, "the guard planned the query: stopped at its CPU limit"
    assert (result.returncode, result.stdout.strip()) == (0, "select"), result.stderr


@pytest.mark.parametrize("text", [
    "PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:p (1 2) }",
    "PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:p ( ex:a (1) ) ; ex:q ?o }",
    "SELECT * WHERE { ?s <http://ex.org/p> (1 2) . ?s ?p ?o FILTER(<http://www.w3.org/2001/XMLSchema#integer>(?o)) }",
])
def test_a_predicate_before_a_collection_is_no_function_call(text):
    assert check_query(text).kind == "select"


@pytest.mark.parametrize("text", [
    "PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:p (1 2) ; ex:q (3) FILTER(ex:f(?s)) }",
    "PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:p (1) . ?s ex:q (2) . ?s ex:r (3) BIND(ex:f (1) AS ?x) }",
    "PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:f (1) FILTER(ex:f(?s)) }",
    "BASE <http://ex.org/> SELECT * WHERE { ?s ?p ?o FILTER(<f>(?o)) }",
])
def test_an_unknown_function_is_named_among_predicates_before_collections(text):
    with pytest.raises(QueryRefused, match="<http://ex.org/f>"):
        check_query(text)


ACTOR = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/asso> a mai:Association ; rdfs:label "%s"@fr .
"""


def test_a_replacement_under_a_name_names_that_source_not_the_files_name(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "v1.ttl").write_text(ACTOR % "Association A", encoding="utf-8")
    (tmp_path / "v2.ttl").write_text(ACTOR % "Association B", encoding="utf-8")
    named = {"source_name": "acteurs.ttl"}
    ingest_paths(store, [tmp_path / "v1.ttl"], options=named)
    [report] = ingest_paths(store, [tmp_path / "v2.ttl"], options=named)
    [said] = [issue for issue in report.issues if "déjà importée" in issue.message]
    assert said.message.startswith("remplace la source « acteurs.ttl » déjà importée")
    assert said.message_en.startswith("replaces the source 'acteurs.ttl' already ingested")


RDF_XML = """<?xml version="1.0"%s?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://example.org/asso">
    <%s>Société</%s>
  </rdf:Description>
</rdf:RDF>
"""


def _refusal(tmp_path, name: str, data: bytes):
    """The error of ingesting ``data`` as the file ``name`` into a fresh store (None when it was ingested)."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / name).write_bytes(data)
    said = []
    ingest_paths(store, [tmp_path / name], on_report=lambda report, error, _: said.append(error))
    return said[0]


@pytest.mark.parametrize("declaration", ["", ' encoding="UTF-8"'])
def test_an_rdf_xml_file_in_latin_1_that_says_utf_8_is_refused_in_french_then_in_english(tmp_path, declaration):
    error = _refusal(tmp_path, "acteurs.rdf", (RDF_XML % (declaration, "rdfs:label", "rdfs:label")).encode("latin-1"))
    assert error.issue.line == 4
    assert error.issue.message.startswith("RDF invalide : le fichier n'est pas en UTF-8, l'encodage que dit sa "
                                          "déclaration XML (ou son absence) : enregistrez-le en UTF-8")
    assert error.issue.message_en.startswith("invalid RDF: the file is not in UTF-8")


def test_an_rdf_xml_element_of_an_undeclared_prefix_is_refused_in_french_then_in_english(tmp_path):
    error = _refusal(tmp_path, "acteurs.rdf", (RDF_XML % ("", "rdf:label", "rdf:label")).replace(
        "rdf:label", "skos:prefLabel").encode())
    assert error.issue.line == 4
    assert error.issue.message.startswith("RDF invalide : préfixe « skos: » non déclaré : aucun attribut "
                                          "xmlns:skos=\"…\" ne le déclare (")
    assert error.issue.message_en.startswith("invalid RDF: undeclared prefix 'skos:'")


NESTED = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/grant> a mai:Grant ; rdfs:label "Subvention sans bénéficiaire"@fr .
<https://example.org/deep> <https://example.org/p> %s<https://example.org/end>%s .
""" % ("[ <https://example.org/p> " * 2000, " ]" * 2000)


def test_a_turtle_file_nested_thousands_deep_is_stored_and_reported_without_a_traceback(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "profond.ttl").write_text(NESTED, encoding="utf-8")
    [report] = ingest_paths(store, [tmp_path / "profond.ttl"])
    assert report.status == "stored"
    assert sorted((v.focus, v.path) for v in report.violations) == [
        ("https://example.org/grant", "http://schema.org/amount"),
        ("https://example.org/grant", "http://schema.org/funder"),
        ("https://example.org/grant", "https://w3id.org/maillage/ontology#beneficiary")]


DEEP_JSON_LD = ('{"@context": {"ex": "https://example.org/"},\n"@id": "ex:a",\n"ex:p": '
                + '{"ex:p": ' * 5000 + '"fin"' + '}' * 5000 + '}')


def test_a_json_ld_document_nested_thousands_deep_is_refused_with_its_line_not_a_crash(tmp_path):
    (tmp_path / "profond.jsonld").write_text(DEEP_JSON_LD, encoding="utf-8")
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from graph.ingest.pipeline import ingest_paths
        from graph.store import open_store
        store = open_store({"store": "oxigraph", "data_dir": sys.argv[1] + "/data"})
        said = []
        ingest_paths(store, [Path(sys.argv[1]) / "profond.jsonld"], on_report=lambda r, e, _: said.append(e))
        print(said[0].issue.line, said[0].issue.message)
    """)
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"the ingest died ({result.returncode}): {result.stderr[-500:]}"
    assert result.stdout.strip() == "3 objets et tableaux JSON imbriqués sur plus de 1000 niveaux : fichier refusé"


def test_a_json_ld_number_too_large_for_an_integer_is_a_violation_not_a_traceback(tmp_path):
    (tmp_path / "annee.jsonld").write_text(
        '{"@context": {"mai": "https://w3id.org/maillage/ontology#"},\n'
        ' "@id": "https://example.org/grant", "@type": "mai:Grant",\n "mai:fiscalYear": 1e308}', encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    [report] = ingest_paths(store, [tmp_path / "annee.jsonld"])
    [year] = [v for v in report.violations if v.path == "https://w3id.org/maillage/ontology#fiscalYear"]
    assert year.message.endswith("La valeur est de type xsd:double.")


#: Entities that grow to 12,000 characters (10 x 10 x 10 x 12), past ENTITY_LIMIT and harmless all the same.
LAUGHS = ('<!ENTITY a0 "lollollollol">' + "".join(f'<!ENTITY a{k} "{f"&a{k - 1};" * 10}">' for k in range(1, 4)))


@pytest.mark.parametrize("padding", [0, 70_000], ids=["at-the-start", "after-64-kb"])
def test_rdf_xml_entities_that_grow_too_far_are_refused_wherever_the_document_type_comes(tmp_path, padding):
    comment = f"<!--{'x' * padding}-->\n" if padding else ""
    text = (RDF_XML % ("", "rdfs:label", "rdfs:label")).replace("Société", "&a3;").replace(
        "?>\n", f"?>\n{comment}<!DOCTYPE rdf:RDF [{LAUGHS}]>\n", 1)
    error = _refusal(tmp_path, "rires.rdf", text.encode())
    assert error is not None, "the file was stored, its entities expanded"
    assert error.issue.message == "l'entité XML « a3 » s'étend à 12 000 caractères (au plus 10 000) : fichier refusé"
    assert error.issue.line == (3 if padding else 2)
