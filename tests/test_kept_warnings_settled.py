"""The warnings kept with a source that name another source are told anew once that source is removed or replaced
by a new version (u32, finding 1): a grant « déjà publiée par » a list removed since is no longer warned of; a grant
still published by it is warned of again, in a grants list as in an RDF file (an archivist's finding)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from graph.ingest.pipeline import ingest_paths
from graph.ingest.removal import remove_sources
from graph.namespaces import sparql_prologue
from graph.store import open_store

HEADER = "nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature\n"
ROW_A = ("Commune de Lyon;21690123100011;2023-03-01;Association A;44306184100047;Fête du quartier;1500;"
         "aide en numéraire\n")
ROW_B = "Commune de Lyon;21690123100011;2023-03-02;Association B;77567227200026;Jardin partagé;2500;aide en numéraire\n"
ROW_C = "Commune de Lyon;21690123100011;2023-03-03;Association C;77567227200026;Concert;900;aide en numéraire\n"


def _ingest(tmp_path: Path, path: Path, text: str) -> None:
    """Write ``text`` to ``path`` and ingest it into the store of ``tmp_path/data``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    store = _store(tmp_path)
    ingest_paths(store, [path], publish_interval=60.0)
    store.close()


def _store(tmp_path: Path):
    return open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})


def _kept(store, file_name: str) -> tuple[int, list[str]]:
    """The warning count kept with the source of ``file_name`` beyond its other warnings (the columns that these
    short lists lack), and the French messages of its kept issues about grants published twice."""
    query = ("SELECT ?count ?message WHERE { GRAPH ?g { ?g dcterms:title ?title ; mai:warningCount ?count "
             "OPTIONAL { ?g mai:ingestIssue ?i . ?i dcterms:description ?message FILTER(lang(?message) = 'fr') } } }")
    rows = list(store.query(sparql_prologue() + query, {"title": Literal(file_name)}))
    messages = [str(row[1]) for row in rows if row[1] is not None]
    twice = sorted(message for message in messages if "déjà publiée" in message)
    return int(rows[0][0]) - (len(messages) - len(twice)), twice


def test_removing_a_list_drops_the_warnings_of_another_that_named_it(tmp_path):
    _ingest(tmp_path, tmp_path / "a" / "lot.csv", HEADER + ROW_A + ROW_B)
    _ingest(tmp_path, tmp_path / "lot-corrige.csv", HEADER + ROW_A + ROW_B.replace("2500", "2600") + ROW_C)
    store = _store(tmp_path)
    assert _kept(store, "lot-corrige.csv") == (1, ["subvention déjà publiée par « lot.csv » (ligne 2) : elle sera "
                                                   "comptée deux fois dans les totaux"])
    removal = remove_sources(store, ["lot.csv"])
    assert _kept(store, "lot-corrige.csv") == (0, [])
    assert any(touched.endswith("/source/lot-corrige-csv") for touched in removal.touched)
    store.close()


def test_removing_one_of_two_lists_named_keeps_the_other_named(tmp_path):
    _ingest(tmp_path, tmp_path / "a" / "lot.csv", HEADER + ROW_A)
    _ingest(tmp_path, tmp_path / "b" / "autre.csv", HEADER + ROW_B + ROW_A)
    _ingest(tmp_path, tmp_path / "lot-corrige.csv", HEADER + ROW_A)
    store = _store(tmp_path)
    assert _kept(store, "lot-corrige.csv")[1] == [
        "subvention déjà publiée par « autre.csv » (ligne 3), « lot.csv » (ligne 2) : elle sera comptée deux fois "
        "dans les totaux"]
    remove_sources(store, ["lot.csv"])
    assert _kept(store, "lot-corrige.csv") == (1, ["subvention déjà publiée par « autre.csv » (ligne 3) : elle "
                                                   "sera comptée deux fois dans les totaux"])
    store.close()


def test_a_new_version_of_a_list_tells_anew_the_warnings_that_named_it(tmp_path):
    _ingest(tmp_path, tmp_path / "a" / "lot.csv", HEADER + ROW_A + ROW_B)
    _ingest(tmp_path, tmp_path / "lot-corrige.csv", HEADER + ROW_A + ROW_B)
    _ingest(tmp_path, tmp_path / "a" / "lot.csv", HEADER + ROW_C + ROW_A)  # ROW_A moved, ROW_B gone
    store = _store(tmp_path)
    assert _kept(store, "lot-corrige.csv") == (1, ["subvention déjà publiée par « lot.csv » (ligne 3) : elle sera "
                                                   "comptée deux fois dans les totaux"])
    store.close()


def _change_notes(store, file_name: str) -> dict[str, str]:
    """The change note kept with the source of ``file_name``, by language."""
    query = "SELECT ?note WHERE { GRAPH ?g { ?g dcterms:title ?title ; skos:changeNote ?note } }"
    return {row[0].language: str(row[0]) for row in store.query(sparql_prologue() + query,
                                                                 {"title": Literal(file_name)})}


def test_a_new_version_equal_to_a_previous_one_says_so(tmp_path):
    """u32, finding 4: a rollback to a previous version's bytes is told as one, with that version's time of import."""
    _ingest(tmp_path, tmp_path / "lot.csv", HEADER + ROW_A + ROW_B)
    _ingest(tmp_path, tmp_path / "lot.csv", HEADER + ROW_A)
    store = _store(tmp_path)
    assert "identique à la version" not in _change_notes(store, "lot.csv")["fr"]
    first = str(next(iter(store.query(sparql_prologue() + "SELECT ?t WHERE { ?v a mai:SourceVersion ; "
                                      "prov:generatedAtTime ?t }")))[0])
    store.close()
    _ingest(tmp_path, tmp_path / "lot.csv", HEADER + ROW_A + ROW_B)
    store = _store(tmp_path)
    notes = _change_notes(store, "lot.csv")
    store.close()
    clock = first[11:19]
    assert notes["fr"].startswith("identique à la version importée le ") and f" à {clock} ; " in notes["fr"]
    assert notes["en"].startswith("identical to the version ingested on ") and f" at {clock}; " in notes["en"]


RDF_GRANT = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://ex.org/actor/lyon> a mai:PublicAuthority ; rdfs:label "Commune de Lyon" .
<https://ex.org/actor/asso-a> a mai:Association ; rdfs:label "Association A" .
<https://ex.org/grant/{key}> a mai:Grant ; schema:funder <https://ex.org/actor/lyon> ;
    mai:beneficiary <https://ex.org/actor/asso-a> ; schema:amount {amount} ; mai:fiscalYear 2023 .
"""
#: The warning that the partner file's grant is published already by the other file.
TWICE_IN_RDF = ("subvention <https://ex.org/grant/b1> déjà publiée par « a.ttl » (même attribuant, même bénéficiaire, "
                "même montant, même exercice) : elle sera comptée deux fois dans les totaux ; si c'est la même, "
                "retirez-la de ce fichier")


@pytest.mark.parametrize("amount, kept", [(1500, [TWICE_IN_RDF]), (1600, [])],
                         ids=["still-published", "no-longer-published"])
def test_a_new_version_of_a_file_tells_anew_an_rdf_files_grants_published_by_it(tmp_path, amount, kept):
    """An archivist's finding: an RDF file's « déjà publiée par » warnings were dropped, not checked anew, when the file
    they named was replaced: kept while the new version still publishes the grant, dropped when it no longer does."""
    _ingest(tmp_path, tmp_path / "a.ttl", RDF_GRANT.format(key="a1", amount=1500))
    _ingest(tmp_path, tmp_path / "b.ttl", RDF_GRANT.format(key="b1", amount=1500))
    store = _store(tmp_path)
    assert _kept(store, "b.ttl")[1] == [TWICE_IN_RDF]
    store.close()
    new_version = RDF_GRANT.format(key="a1", amount=amount) + '<https://ex.org/actor/lyon> rdfs:label "Lyon"@fr .\n'
    _ingest(tmp_path, tmp_path / "a.ttl", new_version)
    store = _store(tmp_path)
    assert _kept(store, "b.ttl")[1] == kept
    store.close()


def test_a_new_version_that_still_publishes_a_grant_at_the_same_line_keeps_the_warning_that_named_it(tmp_path):
    """The warning told again was the one kept, word for word: it was dropped as if no longer true."""
    _ingest(tmp_path, tmp_path / "a" / "lot.csv", HEADER + ROW_A + ROW_B)
    _ingest(tmp_path, tmp_path / "lot-corrige.csv", HEADER + ROW_A)
    _ingest(tmp_path, tmp_path / "a" / "lot.csv", HEADER + ROW_A + ROW_C)  # ROW_A still on line 2
    store = _store(tmp_path)
    assert _kept(store, "lot-corrige.csv") == (1, ["subvention déjà publiée par « lot.csv » (ligne 2) : elle sera "
                                                   "comptée deux fois dans les totaux"])
    store.close()
