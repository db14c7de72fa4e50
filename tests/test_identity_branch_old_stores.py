"""A store made before a body's branches were actors of their own (commit c3fe764) holds the body with its branch's
name and keys, from the deliberation that named the branch (« Restos du Cœur – antenne de Luzech »): a source
ingested since names the branch an actor of its own, not the body, and says which stored file to ingest again."""

from __future__ import annotations

from rdflib import Literal, URIRef
from test_identity_branches import LUZECH, deliberation

from graph.ingest.pipeline import ingest_paths
from graph.namespaces import DCTERMS, MAI, RDF, RDFS, SCHEMA, SKOS
from graph.store import open_store
from graph.triples import TripleSet

ID = "https://w3id.org/maillage/id/"
OLD_FILE = "commune-luzech-2024-001.txt"
BODY = "Restos du Cœur"
#: Each beneficiary, its label and the sum of its grants (a label that two graphs state matches once).
ACTORS = """PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?label (SUM(?amount) AS ?total) WHERE {
  { SELECT DISTINCT ?grant ?actor ?amount WHERE { ?grant mai:beneficiary ?actor ; <http://schema.org/amount> ?amount } }
  { SELECT DISTINCT ?actor ?label WHERE { ?actor rdfs:label ?label } } } GROUP BY ?actor ?label"""


def old_store(tmp_path, *numbers: int):
    """A store holding what the deliberations ``numbers`` of Luzech (``OLD_FILE`` for 1), each a grant of 300 € to
    « Les Restos du Cœur – antenne de Luzech », were stored as before commit c3fe764: the body's actor, the branch's
    name and key its variants."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    body = URIRef(ID + "actor/restos-coeur")
    for number in numbers or (1,):
        source = URIRef(ID + f"source/commune-luzech-2024-{number:03d}-txt")
        grant = URIRef(ID + f"grant/commune-luzech/2024-{number:03d}/restos-coeur")
        graph = TripleSet()
        for triple in [(source, RDF.type, MAI.Source), (source, DCTERMS.title,
                                                        Literal(f"commune-luzech-2024-{number:03d}.txt")),
                       (source, DCTERMS.type, Literal("deliberation")),
                       (body, RDF.type, MAI.Actor), (body, RDFS.label, Literal(BODY)),
                       (body, SKOS.altLabel, Literal(LUZECH)), (body, MAI.nameKey, Literal("restos coeur")),
                       (body, MAI.nameKey, Literal("restos coeur antenne luzech")), (grant, RDF.type, MAI.Grant),
                       (grant, MAI.beneficiary, body), (grant, SCHEMA.amount, Literal(300))]:
            graph.add(triple)
        with store.writer() as writer:
            writer.replace_graph(source, graph)
    return store


def actors(store) -> list[tuple[str, str, str]]:
    """Each beneficiary of ``store``: its IRI after ``…/actor/``, its label, the sum of its grants."""
    return sorted((str(actor).rpartition("/actor/")[2], str(label), str(total))
                  for actor, label, total in store.query(ACTORS))


def test_a_branch_named_since_is_not_folded_into_the_body_that_an_old_deliberation_gave_its_name(tmp_path):
    store = old_store(tmp_path)
    report, = ingest_paths(store, [deliberation(tmp_path, "luzech", 2)])
    assert actors(store) == [("restos-coeur", BODY, "300"), ("restos-coeur-antenne-luzech", LUZECH, "300")]
    assert [(i.message, i.message_en) for i in report.issues if OLD_FILE in i.message] == [(
        f"acteur « {LUZECH} » : son nom est, dans {OLD_FILE}, une variante de {ID}actor/restos-coeur, dont il est une "
        "antenne — non fusionné : une antenne est un acteur distinct de son organisme ; importez de nouveau ce "
        "fichier (maillage ingest --force) pour que ses subventions aillent à l'antenne",
        f"actor '{LUZECH}': its name is, in {OLD_FILE}, a variant of {ID}actor/restos-coeur, a branch of which it "
        "is, not merged: a branch is an actor other than its body; ingest that file again (maillage ingest --force) "
        "so that its grants go to the branch")]


def test_the_old_deliberation_ingested_again_gives_its_grant_to_the_branch(tmp_path):
    store = old_store(tmp_path)
    ingest_paths(store, [deliberation(tmp_path, "luzech", 2)])
    report, = ingest_paths(store, [deliberation(tmp_path, "luzech", 1)])
    assert actors(store) == [("restos-coeur-antenne-luzech", LUZECH, "600")]
    assert [i.message for i in report.issues if OLD_FILE in i.message] == []


def test_the_body_named_since_is_still_the_body(tmp_path):
    store = old_store(tmp_path)
    (tmp_path / "commune-body-2024-002.txt").write_text(
        deliberation(tmp_path, "luzech", 2).read_text(encoding="utf-8").replace(
            "aux Restos du Cœur – antenne de Luzech", "aux Restos du Cœur"), encoding="utf-8")
    report, = ingest_paths(store, [tmp_path / "commune-body-2024-002.txt"])
    assert actors(store) == [("restos-coeur", BODY, "600")]
    assert [i.message for i in report.issues if OLD_FILE in i.message] == []


def test_the_files_that_give_the_body_the_branchs_name_are_all_named(tmp_path):
    store = old_store(tmp_path, 1, 2)
    report, = ingest_paths(store, [deliberation(tmp_path, "luzech", 3)])
    files = "commune-luzech-2024-001.txt, commune-luzech-2024-002.txt"
    assert [(i.message.rpartition(" ; ")[2], i.message_en.rpartition("; ")[2])
            for i in report.issues if files in i.message] == [(
        "importez de nouveau ces fichiers (maillage ingest --force) pour que leurs subventions aillent à l'antenne",
        "ingest those files again (maillage ingest --force) so that their grants go to the branch")]
