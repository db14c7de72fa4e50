"""A grants list that names a deliberation by its ACTES id keeps describing it once its grants point at the
deliberation text's: the text removed, or replaced by a version without that id, leaves the list's grants decided by
a deliberation that the list describes (its type, ACTES id, number and date), whichever came first."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.ingest.pipeline import ingest_paths
from graph.ingest.removal import remove_sources
from graph.namespaces import sparql_prologue
from graph.validation import validate

FOUNDING = Path(__file__).parent / "fixtures" / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
DELIB = URIRef("https://w3id.org/maillage/id/deliberation/siren-244200770/2024-00240")
HEAD = "nomAttribuant;idAttribuant;referenceDecision;nomBeneficiaire;rnaBeneficiaire;montant"
ROW = "Saint-Etienne Métropole;24420077000018;99_DE-042-244200770-20240516-D20240024010;Asso 0;W423012700;20000"
#: What the list's graph says of the deliberation that decides its grant.
DESCRIBED = ("SELECT DISTINCT ?d ?actes ?number ?date WHERE { GRAPH ?list { ?grant mai:decidedBy ?d . "
             "?d a mai:Deliberation ; mai:actesId ?actes ; dcterms:identifier ?number ; dcterms:date ?date } }")


def stored(tmp_path, store, first: str) -> tuple[URIRef, Path]:
    """Store the list and the text (``first`` first); return the list's graph and the text's copy."""
    listing, text = tmp_path / "list.csv", tmp_path / FOUNDING.name
    listing.write_text(f"{HEAD}\n{ROW}\n", encoding="utf-8")
    text.write_bytes(FOUNDING.read_bytes())
    reports = ingest_paths(store, [listing, text] if first == "list" else [text, listing])
    assert [r.status for r in reports] == ["stored", "stored"]
    return next(r.source for r in reports if str(r.source).endswith("list-csv")), text


def described(store, listing: URIRef) -> list[tuple]:
    return [tuple(row) for row in store.query(sparql_prologue() + DESCRIBED, {"list": listing})]


def serious(store, graph: URIRef) -> list[tuple[str, str]]:
    """The violations and warnings of ``graph`` (a list's deliberations have no subject: an info, shown on demand)."""
    return [(v.path, v.message) for v in validate(store.query, graph) if v.severity != "Info"]


@pytest.mark.parametrize("first", ["list", "text"])
def test_the_list_still_describes_the_deliberation_of_its_grants_once_the_text_is_removed(tmp_path, oxi_store, first):
    listing, _ = stored(tmp_path, oxi_store, first)
    said = [(DELIB, Literal("042-244200770-20240516-D20240024010-DE"), Literal("2024.00240"),
             Literal("2024-05-16", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")))]
    assert described(oxi_store, listing) == said
    assert serious(oxi_store, listing) == []  # one number and one date: the text's, which the list takes
    remove_sources(oxi_store, [FOUNDING.name])
    assert described(oxi_store, listing) == said
    assert serious(oxi_store, listing) == []


@pytest.mark.parametrize("first", ["list", "text"])
def test_the_list_still_describes_the_deliberation_once_the_text_loses_its_actes_id(tmp_path, oxi_store, first):
    listing, text = stored(tmp_path, oxi_store, first)
    text.write_text(FOUNDING.read_text(encoding="utf-8").replace("99\\_DE-042-244200770-20240516-D20240024010", ""),
                    encoding="utf-8")
    assert [r.status for r in ingest_paths(oxi_store, [text])] == ["stored"]
    decided = {d for d, *_ in described(oxi_store, listing)}
    assert decided == {DELIB}
    assert serious(oxi_store, listing) == []


def test_the_list_stays_with_its_deliberation_when_another_text_gives_the_same_actes_id(tmp_path, oxi_store):
    """Once it describes the deliberation it names, the list is no reference left to point at another text's."""
    listing, _ = stored(tmp_path, oxi_store, "list")
    other = tmp_path / "saint-etienne-metropole-2024-00241.txt"
    other.write_text(FOUNDING.read_text(encoding="utf-8").replace("2024.00240", "2024.00241"), encoding="utf-8")
    assert [r.status for r in ingest_paths(oxi_store, [other])] == ["stored"]
    assert {d for d, *_ in described(oxi_store, listing)} == {DELIB}


@pytest.mark.parametrize("first", ["list", "text"])
def test_a_list_ingested_once_the_text_is_removed_meets_the_deliberation_that_an_earlier_list_describes(
        tmp_path, oxi_store, first):
    """The text removed, the earlier list still describes the text's deliberation: one deliberation with that id."""
    earlier, _ = stored(tmp_path, oxi_store, first)
    remove_sources(oxi_store, [FOUNDING.name])
    later = tmp_path / "later.csv"
    later.write_text(f"{HEAD}\n{ROW.replace('Asso 0;W423012700', 'Asso 1;W423012701')}\n", encoding="utf-8")
    (report,) = ingest_paths(oxi_store, [later])
    assert report.status == "stored"
    with_id = "SELECT DISTINCT ?d WHERE { ?d mai:actesId ?actes }"
    actes = Literal("042-244200770-20240516-D20240024010-DE")
    assert [d for (d,) in oxi_store.query(sparql_prologue() + with_id, {"actes": actes})] == [DELIB]
    assert described(oxi_store, report.source) == described(oxi_store, earlier)
    assert serious(oxi_store, report.source) == []
