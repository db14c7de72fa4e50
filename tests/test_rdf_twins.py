"""One organisation as two nodes, an RDF file's actor and another source's sharing several identifiers: told once
for the pair, naming every identifier, at the line of the file's actor."""

from __future__ import annotations

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

RNA = ("id;id_ex;siret;gestion;date_creat;titre;objet;objet_social1;adrs_codeinsee;position\n"
       "W423001234;;42312345400013;424P;2009-03-12;ASSOCIATION SANTE ONDAINE PREVENTION;prévention santé;011050;"
       "42095;A\n")
ACTORS = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://ex.org/asop> a mai:Association ;
    rdfs:label "Association Santé Ondaine Prévention"@fr ;
    mai:siren "423123454" ;
    mai:rna "W423001234" .
"""


def test_an_actor_sharing_a_siren_and_an_rna_number_with_another_source_s_is_warned_once_at_its_line(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "rna.csv").write_text(RNA, encoding="utf-8")
    (tmp_path / "actors.ttl").write_text(ACTORS, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "rna.csv", tmp_path / "actors.ttl"],
                 on_report=lambda report, error, _: said.append((report, error)))
    [(_, rna_error), (report, rdf_error)] = said
    assert (rna_error, rdf_error) == (None, None)
    [twin] = [issue for issue in report.issues if "deux nœuds pour une même organisation" in issue.message]
    assert twin.line == 4
    assert twin.message.startswith("acteur <https://ex.org/asop> « Association Santé Ondaine Prévention » : même "
                                   "SIREN 423123454 et même RNA W423001234 que "
                                   "<https://w3id.org/maillage/id/actor/siren-423123454>")
    assert "same SIREN 423123454 and same RNA W423001234 as" in twin.message_en


def test_an_actor_stating_only_a_siret_is_warned_with_the_siret_it_states(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "rna.csv").write_text(RNA, encoding="utf-8")
    (tmp_path / "actors.ttl").write_text(ACTORS.replace('mai:siren "423123454" ;\n    mai:rna "W423001234" .',
                                                        'mai:siret "42312345400013" .'), encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "rna.csv", tmp_path / "actors.ttl"],
                 on_report=lambda report, error, _: said.append(report))
    [twin] = [issue for issue in said[1].issues if "deux nœuds pour une même organisation" in issue.message]
    assert (twin.field, twin.value) == ("mai:siret", "42312345400013")
    assert "même SIREN 423123454 (celui de son SIRET 42312345400013) que" in twin.message
    assert "same SIREN 423123454 (its SIRET's, 42312345400013) as" in twin.message_en
