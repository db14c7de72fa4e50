"""The first pass over an RDF file while the engine loads it (graph/ingest/rdf_first_pass.py, ``Observed``).

An N-Triples file is read by its lines that name a type, a SIRET or a SIREN, and its subjects by a search at line
starts; what that finds must be what the parser's full pass finds, and what is materialised from it what an
extraction would get.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from graph.ingest import rdf_checks
from graph.ingest.base import InputError
from graph.ingest.pipeline import ingest_paths
from graph.ingest.pipeline_storage import _materialise_extraction
from graph.ingest.rdf_first_pass import Observed
from graph.store import open_store
from graph.triples import TripleSet
from ingesting import ingest_text

MAI = "https://w3id.org/maillage/ontology#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SOURCE = URIRef("https://w3id.org/maillage/id/source/test")
NTRIPLES = f"""<https://ex.org/first> {TYPE} <{MAI}Association> .
# a comment naming {TYPE} and <{MAI}siret>
<https://ex.org/a> {TYPE} <{MAI}PublicAuthority> .
  <https://ex.org/indented>	{TYPE} <{MAI}University> .
<https://ex.org/a> <{MAI}siret> "21420218600010" .
<https://ex.org/b> {TYPE} <{MAI}Association> .
<https://ex.org/b> {TYPE} <{MAI}Actor> .
<https://ex.org/b> <{MAI}siret> "77567227216382" .
<https://ex.org/b> <{MAI}siren> "775672272" .
<https://ex.org/untyped> <http://www.w3.org/2000/01/rdf-schema#label> "named {TYPE} in a literal" .
<https://ex.org/untyped> <http://www.w3.org/2000/01/rdf-schema#seeAlso> {TYPE} .
<https://ex.org/caf\\u00E9> {TYPE} <{MAI}Enterprise> .
_:blank {TYPE} <{MAI}Association> .
_:blank <{MAI}siret> "21420218600010" .
<https://ex.org/last> {TYPE} <{MAI}Grant> .""".encode()


def observed_both_ways(data: bytes) -> tuple[Observed, Observed]:
    return Observed(data, "ntriples"), Observed(data, "turtle")  # N-Triples is Turtle: the full pass


def test_the_line_search_finds_what_the_full_parse_finds():
    fast, full = observed_both_ways(NTRIPLES)
    assert sorted(map(str, fast.types)) == sorted(map(str, full.types))
    assert {str(k): v for k, v in fast.sirets.items()} == {str(k): v for k, v in full.sirets.items()}
    for held in ("sirens", "rnas"):
        assert {str(k): v for k, v in getattr(fast, held).items()} == {str(k): v for k, v in getattr(full, held).items()}
    assert fast.touched() == full.touched() == {"https://ex.org/first", "https://ex.org/a", "https://ex.org/indented",
                                                "https://ex.org/b", "https://ex.org/untyped", "https://ex.org/café",
                                                "https://ex.org/last"}


def test_terms_without_spaces_between_them_are_read_too():
    """N-Triples needs no space between an IRI and what follows it (rdflib's own parser wants one)."""
    fast, full = observed_both_ways(f"<https://ex.org/a>{TYPE}<{MAI}University>.\n_:b{TYPE}<{MAI}Grant> .".encode())
    assert sorted(map(str, fast.types)) == sorted(map(str, full.types))
    assert len(fast.types) == 2


def test_what_is_materialised_is_what_an_extraction_gets():
    """For IRI subjects, as N-Triples; blank nodes get theirs by updates on the stored graph (tested below)."""
    ntriples, updates = Observed(NTRIPLES, "ntriples").materialised(SOURCE)
    stated = Graph().parse(data=NTRIPLES, format="nt")
    got = {t for t in Graph().parse(data=ntriples, format="nt")}
    extraction = TripleSet()
    for triple in stated:
        extraction.add(triple)
    _materialise_extraction(extraction, SOURCE)
    expected = {t for t in extraction if isinstance(t[0], URIRef)} - set(stated)
    assert got == expected
    assert len(updates) == 2  # the blank node's superclass types, and its SIREN


def test_a_syntax_error_on_a_searched_line_is_reported_at_its_line():
    broken = NTRIPLES.replace(b'<https://ex.org/b> <https://w3id.org/maillage/ontology#siren> "775672272" .',
                              b'<https://ex.org/b> <https://w3id.org/maillage/ontology#siren> "775672272 .')
    with pytest.raises(InputError) as error:
        Observed(broken, "ntriples")
    assert error.value.issue.line == 9


@pytest.mark.parametrize("line", [2, 9_990])
def test_a_syntax_error_elsewhere_is_found_by_the_load_with_its_line_and_the_store_unchanged(tmp_path, line,
                                                                                              monkeypatch):
    """Lines naming no type, SIRET or SIREN are first parsed by the engine's load (here in parts)."""
    from graph import oxiload

    monkeypatch.setattr(oxiload, "BULK_LOAD_BYTES", 64 * 1024)
    monkeypatch.setattr(oxiload, "LOAD_PART_BYTES", 100 * 1024)
    monkeypatch.setattr(oxiload, "PARALLEL_LOADS", 2)
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    good = tmp_path / "good.nt"
    good.write_bytes(NTRIPLES)
    ingest_paths(store, [good])
    before = sorted(map(str, store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")))
    lines = [b'<https://ex.org/s%d> <https://ex.org/p> "x" .' % i for i in range(10_000)]
    lines[line - 1] = b'<https://ex.org/s> <https://ex.org/p> "unterminated .'
    bad = tmp_path / "bad.nt"
    bad.write_bytes(b"\n".join(lines))
    errors = []
    ingest_paths(store, [bad], on_report=lambda report, error, path: errors.append(error))
    assert isinstance(errors[0], InputError) and errors[0].issue.line == line
    store.refresh()
    assert sorted(map(str, store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))) == before


@pytest.mark.parametrize("name, body", [
    ("blank.nt", f"""_:b {TYPE} <{MAI}Association> .
_:b <http://www.w3.org/2000/01/rdf-schema#label> "Une association sans IRI" .
_:b <{MAI}siret> "21420218600010" .
"""),
    ("blank.ttl", f"""[] a <{MAI}Association> ; <http://www.w3.org/2000/01/rdf-schema#label> "Une association sans IRI" ;
    <{MAI}siret> "21420218600010" .
"""),
])
def test_a_blank_node_gets_its_superclass_types_and_siren_on_the_same_node(tmp_path, name, body):
    """The engine's loader names blank nodes afresh: what Maillage adds about one must land on that node."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    ingest_paths(store, [path])
    rows = store.query(f"SELECT ?s ?siren WHERE {{ ?s a <{MAI}Actor> , <{MAI}Association> ; <{MAI}siren> ?siren ; "
                       f"<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(isBlank(?s)) }}")
    assert [str(row[1]) for row in rows] == ["214202186"]
    blanks = store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isBlank(?s)) }")
    assert int(next(iter(blanks))[0]) == 1


def _ingested(tmp_path, name: str, body: str, strict: bool = False) -> tuple:
    """Ingest one file into a fresh store: (its report or None, the error or None, the store)."""
    store, report, error = ingest_text(tmp_path, name, body, strict)
    return report if report is not None else getattr(error, "report", None), error, store


def _warnings(report) -> list[str]:
    return [i.message for i in report.issues]


@pytest.mark.parametrize("name, body", [
    ("luhn.ttl", f'<https://ex.org/dep> a <{MAI}PublicAuthority> ; <{MAI}siret> "22420001800018" , "21420218600010" .'),
    ("luhn.nt", f'<https://ex.org/dep> {TYPE} <{MAI}PublicAuthority> .\n'
                f'<https://ex.org/dep> <{MAI}siret> "22420001800018" .\n'),
])
def test_a_siret_whose_check_digit_is_wrong_is_warned_at_ingest_as_in_tables(tmp_path, name, body):
    report, _, _ = _ingested(tmp_path, name, body)
    [issue] = report.issues
    assert (issue.level, issue.field, issue.value) == ("warning", "mai:siret", "22420001800018")
    assert issue.message.startswith("SIRET invalide (clé de contrôle) de <https://ex.org/dep>")


@pytest.mark.parametrize("siret", ["42345678900012", "03312345600012"])
def test_a_siret_written_as_a_number_is_not_also_warned_for_its_key(tmp_path, siret):
    report, _, _ = _ingested(tmp_path, "n.ttl", f'<https://ex.org/a> a <{MAI}Association> ; <{MAI}siret> {siret} .')
    assert _warnings(report) == []  # SHACL says it is a number, to be quoted


SHARED_GRANTS = ("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"
                 "Commune de Roanne;21420187300012;RESPIRE PLATEFORME DE REPIT;42345678900019;;5000\n"
                 "Commune de Roanne;21420187300012;Les Amis;;W423000002;300\n")


def _after_a_table(tmp_path, body: str):
    """Ingest a grants list, then an RDF file: the RDF file's report."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "grants.csv").write_text(SHARED_GRANTS, encoding="utf-8")
    (tmp_path / "actors.ttl").write_text(f"@prefix mai: <{MAI}> . @prefix rdfs: <http://www.w3.org/2000/01/"
                                         f"rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .\n{body}",
                                         encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "grants.csv", tmp_path / "actors.ttl"],
                 on_report=lambda report, error, _: said.append((report, error)))
    assert [error for _, error in said] == [None, None]
    return said[1][0]


@pytest.mark.parametrize("identifier, field, value, other", [
    ('mai:siret "42345678900019"', "mai:siret", "42345678900019", "siren-423456789"),  # the property stated
    ('mai:siren "423456789"', "mai:siren", "423456789", "siren-423456789"),
    ('mai:rna "W423000002"', "mai:rna", "W423000002", "rna-w423000002"),
])
@pytest.mark.parametrize("many", [False, True])
def test_an_actor_whose_identifier_another_actor_iri_holds_is_warned_with_both(tmp_path, monkeypatch, many,
                                                                               identifier, field, value, other):
    """Whichever side the join starts from (a file of many identifiers starts from the store's)."""
    monkeypatch.setattr("graph.ingest.rdf_checks.MANY_IDENTIFIERS", -1 if many else 2_000)
    report = _after_a_table(tmp_path, f'<https://carto.example/id/respire> a mai:Association ; '
                                      f'rdfs:label "Respire"@fr ; {identifier} .')
    [issue] = report.issues
    assert (issue.level, issue.field, issue.value) == ("warning", field, value)
    assert issue.message.startswith("acteur <https://carto.example/id/respire> « Respire » : même ")
    assert f"que <https://w3id.org/maillage/id/actor/{other}>" in issue.message
    assert "(source « grants.csv »)" in issue.message and "owl:sameAs" in issue.message


@pytest.mark.parametrize("many", [False, True])
def test_a_blank_node_actor_whose_identifier_another_actor_iri_holds_is_warned(tmp_path, monkeypatch, many):
    """A funder written as a blank node with a SIREN already known: the totals by funder would split it in two."""
    monkeypatch.setattr("graph.ingest.rdf_checks.MANY_IDENTIFIERS", -1 if many else 2_000)
    report = _after_a_table(tmp_path, '[] a mai:Association ; rdfs:label "Respire"@fr ; mai:siren "423456789" .')
    [issue, without_iri] = report.issues
    assert without_iri.message.startswith("acteur anonyme (nœud sans IRI) « Respire » : compté parmi les acteurs")
    assert (issue.level, issue.field, issue.value) == ("warning", "mai:siren", "423456789")
    assert issue.message.startswith("acteur anonyme (nœud sans IRI) « Respire » : même SIREN 423456789 que "
                                    "<https://w3id.org/maillage/id/actor/siren-423456789>")
    assert "owl:sameAs" not in issue.message


def test_blank_nodes_of_a_file_that_hold_one_identifier_are_warned(tmp_path):
    report, _, _ = _ingested(tmp_path, "b.ttl", f'[] a <{MAI}Association> ; <{MAI}rna> "W423009999" .\n'
                                                f'[] a <{MAI}Association> ; <{MAI}rna> "W423009999" .\n'
                                                f'[] a <{MAI}Association> ; <{MAI}rna> "W423000001" .\n')
    assert _warnings(report)[:1] == [
        "2 nœuds anonymes (sans IRI) et d'autres nœuds de ce fichier portent le même RNA W423009999 — plusieurs "
        "nœuds pour une même organisation ; donnez-leur une seule IRI"]
    assert [w[:40] for w in _warnings(report)[1:]] == ["3 acteurs anonymes (nœuds sans IRI) : co"]


def test_a_file_is_not_joined_against_other_sources_when_none_holds_an_identifier(tmp_path, monkeypatch):
    """Not even when the file's own former version held some: the check looks at the other sources only."""
    joined = []
    real = rdf_checks.shared_identifiers
    monkeypatch.setattr(rdf_checks, "shared_identifiers", lambda *a: joined.append(a) or real(*a))
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    path = tmp_path / "actors.ttl"
    for siren in ("423456789", "423456790"):
        path.write_text(f'<https://ex.org/respire> a <{MAI}Association> ; <{MAI}siren> "{siren}" .', encoding="utf-8")
        ingest_paths(store, [path])
    assert joined == []
    (tmp_path / "grants.csv").write_text(SHARED_GRANTS, encoding="utf-8")
    ingest_paths(store, [tmp_path / "grants.csv", path], force=True)
    assert len(joined) == 1


@pytest.mark.parametrize("link", ["<https://carto.example/id/respire> owl:sameAs <{other}> .",
                                  "<{other}> owl:sameAs <https://carto.example/id/respire> ."])
def test_an_actor_that_the_file_links_by_same_as_to_the_holder_of_its_identifier_is_not_warned(tmp_path, link):
    other = "https://w3id.org/maillage/id/actor/siren-423456789"
    report = _after_a_table(tmp_path, '<https://carto.example/id/respire> a mai:Association ; rdfs:label "Respire" ; '
                                      f'mai:siret "42345678900019" .\n{link.format(other=other)}')
    assert _warnings(report) == []


def test_an_actor_under_the_iri_already_present_is_not_warned(tmp_path):
    """Only of the name that the file gives it (tests/test_rdf_warnings.py)."""
    report = _after_a_table(tmp_path, '<https://w3id.org/maillage/id/actor/siren-423456789> a mai:Association ; '
                                      'rdfs:label "Respire" ; mai:siret "42345678900019" .')
    assert [w.partition(" : ")[2][:40] for w in _warnings(report)] == ["ce fichier lui donne le nom « Respire » "]


TWO_IRIS = (f"@prefix mai: <{MAI}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            '<https://ex.org/respire> a mai:Association ; rdfs:label "Respire" ; {a} .\n'
            '<https://ex.org/respire-asso> a mai:Association ; rdfs:label "Association Respire" ; {b} .\n')


@pytest.mark.parametrize("name", ["t.ttl", "t.nt"])
@pytest.mark.parametrize("a, b, kind, number", [
    ('mai:siren "423456789"', 'mai:siret "42345678900019"', "SIREN", "423456789"),
    ('mai:siret "42345678900027"', 'mai:siret "42345678900019"', "SIREN", "423456789"),
    ('mai:rna "W423000002"', 'mai:rna "w423000002"', "RNA", "W423000002"),
])
def test_two_actor_iris_of_one_file_with_one_identifier_are_warned_with_both(tmp_path, name, a, b, kind, number):
    body = TWO_IRIS.format(a=a, b=b)
    if name.endswith(".nt"):
        body = Graph().parse(data=body, format="turtle").serialize(format="nt")
    report, error, _ = _ingested(tmp_path, name, body)
    [issue] = [i for i in report.issues if "dans ce fichier" in i.message]
    assert (issue.level, issue.value) == ("warning", number)
    assert issue.message.startswith(f"acteurs <https://ex.org/respire> « Respire » et <https://ex.org/respire-asso> "
                                    f"« Association Respire » : même {kind} {number} dans ce fichier")
    assert "owl:sameAs <https://ex.org/respire>" in issue.message


@pytest.mark.parametrize("extra", ["<https://ex.org/respire-asso> owl:sameAs <https://ex.org/respire> .",
                                   "<https://ex.org/respire> owl:sameAs <https://ex.org/respire-asso> ."])
def test_two_iris_of_one_identifier_that_the_file_links_by_same_as_are_not_warned(tmp_path, extra):
    body = TWO_IRIS.format(a='mai:siren "423456789"', b='mai:siren "423456789"') + extra + "\n"
    report, _, _ = _ingested(tmp_path, "t.ttl", body)
    assert _warnings(report) == []


def test_an_organisation_and_a_site_of_its_siren_are_not_warned(tmp_path):
    body = (f"@prefix mai: <{MAI}> . @prefix org: <http://www.w3.org/ns/org#> .\n"
            '<https://ex.org/respire> a mai:Association ; mai:siren "423456789" .\n'
            '<https://ex.org/respire/site> a org:Site ; mai:siret "42345678900019" .\n')
    report, _, _ = _ingested(tmp_path, "t.ttl", body)
    assert [m for m in _warnings(report) if "dans ce fichier" in m] == []


def test_an_owl_same_as_to_an_iri_no_source_describes_is_warned(tmp_path):
    report = _after_a_table(tmp_path, '<https://carto.example/id/respire> a mai:Association ; rdfs:label "Respire" .\n'
                                      "<https://carto.example/id/respire> owl:sameAs "
                                      "<https://w3id.org/maillage/id/actor/siren-42345678> .")  # a digit short
    [warning] = [m for m in _warnings(report) if "owl:sameAs" in m]
    assert warning.startswith("<https://carto.example/id/respire> owl:sameAs <https://w3id.org/maillage/id/actor/"
                              "siren-42345678> : <https://w3id.org/maillage/id/actor/siren-42345678> n'est décrit "
                              "par aucune source")


def test_an_owl_same_as_between_described_iris_is_not_warned_for_it(tmp_path):
    report = _after_a_table(tmp_path, '<https://carto.example/id/respire> a mai:Association ; rdfs:label "Respire" .\n'
                                      "<https://carto.example/id/respire> owl:sameAs "
                                      "<https://w3id.org/maillage/id/actor/siren-423456789> .")
    assert [m for m in _warnings(report) if "n'est décrit par aucune source" in m] == []


REDEFINES = f"""@prefix mai: <{MAI}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
mai:Association rdfs:subClassOf mai:PublicAuthority .
mai:Grant rdfs:subClassOf schema:MonetaryGrant .
<https://ex.org/a> a mai:Association ; rdfs:label "A" .
"""


def test_statements_that_redefine_contract_terms_are_warned_by_name(tmp_path):
    report, _, _ = _ingested(tmp_path, "r.ttl", REDEFINES)
    [warning] = _warnings(report)
    # mai:Grant's superclass is the shipped ontology's own statement: not a redefinition
    assert "mai:Association rdfs:subClassOf mai:PublicAuthority" in warning and "mai:Grant" not in warning


def test_strict_refuses_a_file_that_redefines_contract_terms_and_stores_nothing(tmp_path):
    report, error, store = _ingested(tmp_path, "r.ttl", REDEFINES, strict=True)
    assert report.status == "refused" and report.errors
    assert store.query(f"ASK {{ <https://ex.org/a> a <{MAI}Association> }}").boolean is False


OTHER_VOCABULARIES = """<https://ex.org/gem> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/NGO> .
<https://ex.org/gem> <http://schema.org/name> "GEM Entraide" .
<https://ex.org/ars> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Organization> .
<https://ex.org/data> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .
"""


def test_a_file_of_other_vocabularies_only_is_warned_once_with_the_classes_to_type_them_as(tmp_path):
    report, _, _ = _ingested(tmp_path, "autres.nt", OTHER_VOCABULARIES)
    [warning] = _warnings(report)
    assert warning.startswith("aucune ressource des classes du contrat de Maillage")
    assert "schema:NGO (1) → typez-les mai:Association ;" in warning
    assert "foaf:Organization (1) → typez-les mai:Association ou mai:PublicAuthority ou mai:Enterprise" in warning
    assert "dcat:Dataset (1)" in warning


@pytest.mark.parametrize("body", [
    OTHER_VOCABULARIES + f"<https://ex.org/gem> {TYPE} <{MAI}Association> .",
    f"<https://ex.org/m> {TYPE} <http://www.w3.org/ns/org#Membership> .",  # of actors described elsewhere
], ids=["a contract class too", "memberships only"])
def test_a_file_with_a_class_that_maillage_reads_is_not_warned(tmp_path, body):
    report, _, _ = _ingested(tmp_path, "f.nt", body)
    assert _warnings(report) == []


def _big_ntriples(count: int) -> bytes:
    """``count`` typed actors with a SIRET each: superclass types, provenance and SIRENs to materialise."""
    return b"".join(b'<https://ex.org/actor/%d> %s <%sAssociation> .\n<https://ex.org/actor/%d> <%ssiret> "%014d" .\n'
                    % (i, TYPE.encode(), MAI.encode(), i, MAI.encode(), 77567227216382 + i * 10)
                    for i in range(count))


def _stored(store) -> list[str]:
    rows = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p != <http://www.w3.org/ns/prov#generatedAtTime>) }")
    return sorted(map(str, rows))


def test_a_large_file_loaded_while_it_is_first_read_stores_what_a_small_one_does(tmp_path, monkeypatch):
    from graph import oxiload

    path = tmp_path / "actors.nt"
    path.write_bytes(_big_ntriples(2_000))
    whole = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "whole")})
    ingest_paths(whole, [path])
    monkeypatch.setattr(oxiload, "BULK_LOAD_BYTES", 64 * 1024)
    monkeypatch.setattr(oxiload, "LOAD_PART_BYTES", 100 * 1024)
    monkeypatch.setattr(oxiload, "PARALLEL_LOADS", 2)
    overlapped = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "overlapped")})
    ingest_paths(overlapped, [path])
    assert _stored(overlapped) == _stored(whole)
    assert len(_stored(whole)) > 2_000 * 4  # the file's triples and the materialised ones


@pytest.mark.parametrize("name", ["bad.nt", "bad.ttl"])
def test_a_syntax_error_found_by_the_first_pass_during_the_load_keeps_the_store(tmp_path, monkeypatch, name):
    """The first pass fails while the engine loads the file in other threads: the load is abandoned, the graph
    restored, and the error names the line."""
    from graph import oxiload

    monkeypatch.setattr(oxiload, "BULK_LOAD_BYTES", 64 * 1024)
    monkeypatch.setattr(oxiload, "PARALLEL_LOADS", 2)
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    good = tmp_path / name
    good.write_bytes(_big_ntriples(2_000))
    ingest_paths(store, [good])
    before = _stored(store)
    body = _big_ntriples(2_000).split(b"\n")
    body[3_001] = body[3_001][:-3]  # a SIRET line (searched by the first pass) loses its closing quote
    good.write_bytes(b"\n".join(body))
    errors = []
    ingest_paths(store, [good], on_report=lambda report, error, path: errors.append(error))
    assert isinstance(errors[0], InputError) and errors[0].issue.line == 3_002
    store.refresh()
    assert _stored(store) == before


@pytest.mark.parametrize("name, body, named", [
    ("deux.trig", f'<https://ex.org/g/2024> {{ <https://ex.org/a> a <{MAI}Association> }}\n'
                  f'<https://ex.org/g/2025> {{ <https://ex.org/b> a <{MAI}Association> }}\n',
     "le fichier nomme 2 graphes (<https://ex.org/g/2024>, <https://ex.org/g/2025>) : une source est un graphe nommé"),
    ("un.nq", f'<https://ex.org/a> {TYPE} <{MAI}Association> <https://ex.org/g> .\n'
              f'<https://ex.org/b> {TYPE} <{MAI}Association> .\n',
     "le fichier nomme 1 graphe (<https://ex.org/g>) : une source est un graphe nommé"),
])
def test_a_quads_file_that_names_graphs_is_told_they_land_in_its_own(tmp_path, name, body, named):
    report, _, _ = _ingested(tmp_path, name, body)
    assert any(message.startswith(named) for message in _warnings(report)), _warnings(report)


def test_a_quads_file_in_the_default_graph_only_is_told_nothing(tmp_path):
    report, _, _ = _ingested(tmp_path, "zero.trig", f'{{ <https://ex.org/a> a <{MAI}Association> }}\n')
    assert not any("graphe" in message for message in _warnings(report))
