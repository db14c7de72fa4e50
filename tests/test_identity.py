"""One organisation, one actor: name keys, variants, in-file merging, resolution across sources, re-ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from graph.identity import (ActorBook, actor_iri, actor_keys, actors_of, add_name_keys, name_key_iri, person_key,
                            siren_of)
from graph.identity_names import APOSTROPHES, is_placeholder_name, name_key, name_variants
from graph.ingest.base import new_graph
from graph.ingest.pipeline import ingest_paths
from graph.namespaces import MAI, SCHEMA
from graph.resolution import resolve_actors
from graph.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DANAECARE = "https://w3id.org/maillage/id/actor/danaecare"


@pytest.fixture
def store(tmp_path):
    return open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})


def ingest(store, path, **options):
    """Ingest ``path``; its report, without the warning that a small grants list written here lacks columns that
    SCDL 2.1.1 requires (these lists hold what identity needs, not a whole SCDL list)."""
    failures = []
    reports = ingest_paths(store, [path], options=options, on_report=lambda r, e, p: e and failures.append(e))
    assert failures == []
    report = reports[0]
    report.issues = [i for i in report.issues if "que le SCDL" not in i.message]
    return report


def rows(store, sparql):
    return sorted(tuple(str(v) for v in row) for row in store.query(sparql))


@pytest.mark.parametrize("a, b", [
    ("L'Association DANAECARE", "DanaeCare"), ("Saint-Étienne Métropole", "SAINT ETIENNE METROPOLE"),
    ("L’Étrat", "L'ETRAT"), ("Danaecare (association loi 1901)", "DanaeCare"),
    ("Association des Sœurs de Saint-Joseph", "Association des Soeurs de Saint-Joseph"),
    ("ŒUVRE DES ORPHELINS", "Oeuvre des orphelins"), ("Ex æquo Santé", "Ex aequo Sante"),
])
def test_spellings_of_one_name_share_a_key(a, b):
    assert name_key(a) == name_key(b) or name_key(b) in name_variants(a)


@pytest.mark.parametrize("name, iri", [("Association des Sœurs de Saint-Joseph", "soeurs-saint-joseph"),
                                       ("Restos du Cœur", "restos-coeur"), ("Cæcilia", "caecilia")])
def test_a_ligature_is_spelled_out_in_the_iri_of_an_actor_known_by_its_name(name, iri):
    assert actor_iri(name=name) == URIRef("https://w3id.org/maillage/id/actor/" + iri)


def test_a_parenthesised_remark_is_a_known_variant():
    assert name_variants("Association Les Aidants du Gier (fictive)") == ["aidants gier fictive", "aidants gier"]


@pytest.mark.parametrize("identifier, siren", [("24420077000018", "244200770"), ("244 200 770", "244200770"),
                                               ("2442", None), (None, None)])
def test_the_siren_of_a_siret_is_its_prefix(identifier, siren):
    assert siren_of(identifier) == siren


def test_in_one_file_a_name_only_actor_joins_the_identified_actor_of_the_same_name():
    book = ActorBook(new_graph())
    named = book.actor("Les Aidants du Gier")
    identified = book.actor("LES AIDANTS DU GIER", MAI.Association, rna="W423000001")
    assert book.finish() == {named: identified}


def test_in_one_file_two_identified_actors_of_the_same_name_are_not_merged():
    book = ActorBook(new_graph())
    book.actor("Club", siren="244200770")
    book.actor("Club", siren="218601946")
    book.actor("Club")
    assert book.finish() == {}


def test_same_association_named_differently_in_a_deliberation_an_scdl_file_and_the_register_is_one_actor(
        store, tmp_path):
    """The deliberation side is the seed deliberation text, through graph.ingest.deliberation."""
    pytest.importorskip("graph.ingest.deliberation")
    scdl = tmp_path / "sem-subventions.csv"
    scdl.write_text("nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;rnaBeneficiaire;"
                    "objet;montant\nSaint-Etienne Métropole;24420077000018;2024-06-01;2024.00300;"
                    "ASSOCIATION DANAECARE;W423000002;Tiers-lieu santé;15 000\n", encoding="utf-8")
    ingest(store, EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt")
    ingest(store, scdl)
    ingest(store, EXAMPLES / "ptce-registre.yaml")
    actors = rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT DISTINCT ?a WHERE "
                         "{ ?a a mai:Actor ; mai:nameKey 'danaecare' }")
    grants = rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/> "
                         "SELECT DISTINCT ?g ?amount WHERE { ?g a mai:Grant ; mai:beneficiary ?a ; schema:amount ?amount . "
                         "?a mai:nameKey 'danaecare' }")
    assert (len(actors), [amount for _, amount in grants]) == (1, ["15000", "20000"])


def test_an_actor_from_rdf_minted_by_name_key_is_found_by_a_later_source(store, tmp_path):
    turtle = tmp_path / "delib.ttl"
    turtle.write_text(f'<{DANAECARE}> a <https://w3id.org/maillage/ontology#Association> ; '
                      f'<http://www.w3.org/2000/01/rdf-schema#label> "DanaeCare" .\n', encoding="utf-8")
    scdl = tmp_path / "grants.csv"
    scdl.write_text("nomAttribuant;idAttribuant;nomBeneficiaire;rnaBeneficiaire;montant\n"
                    "Saint-Etienne Métropole;24420077000018;Association DanaeCare;W423000002;20000\n", encoding="utf-8")
    ingest(store, turtle)
    ingest(store, scdl)
    assert rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT ?a WHERE { ?g mai:beneficiary ?a }"
                ) == [(DANAECARE,)]


@pytest.mark.parametrize("label, cell", [
    ('"Entraide Loire"@fr', "Entraide Loire"), ('"Entraide Loire"', "Entraide Loire"),
    ('"Entraide Loire"@FR', "Entraide Loire"),
    # looked up as a SPARQL literal: its quotes and backslash escaped, not taken as query text
    ('"Entraide \\"Loire\\" \\\\ Gier"@fr', '"Entraide ""Loire"" \\ Gier"')])
def test_a_table_naming_an_rdf_actor_by_its_very_label_joins_it(store, tmp_path, label, cell):
    """An RDF file's actor has no mai:nameKey: a later table finds it by its label as written."""
    turtle = tmp_path / "actors.ttl"
    turtle.write_text(f'<https://carto.example/id/entraide> a <https://w3id.org/maillage/ontology#Association> ; '
                      f'<http://www.w3.org/2000/01/rdf-schema#label> {label} .\n', encoding="utf-8")
    scdl = tmp_path / "grants.csv"
    scdl.write_text("nomAttribuant;idAttribuant;nomBeneficiaire;montant\n"
                    f"Commune de Roanne;21420187300012;{cell};3000\n", encoding="utf-8")
    ingest(store, turtle)
    report = ingest(store, scdl)
    assert rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT ?a WHERE { ?g mai:beneficiary ?a }"
                ) == [("https://carto.example/id/entraide",)]
    # one display name: the table's plain "Entraide Loire" takes the stored literal's tag
    assert len(rows(store, "SELECT DISTINCT ?l WHERE { <https://carto.example/id/entraide> "
                           "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")) == 1
    assert (report.issues, report.violations) == ([], [])


def test_two_rdf_actors_of_the_table_s_very_name_are_reported_not_merged(store, tmp_path):
    turtle = tmp_path / "actors.ttl"
    turtle.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                      '@prefix mai: <https://w3id.org/maillage/ontology#> .\n'
                      '<https://a.example/club> a mai:Association ; rdfs:label "Club"@fr .\n'
                      '<https://b.example/club> a mai:Association ; rdfs:label "Club" .\n', encoding="utf-8")
    scdl = tmp_path / "grants.csv"
    scdl.write_text("nomAttribuant;idAttribuant;nomBeneficiaire;montant\n"
                    "Commune de Roanne;21420187300012;Club;3000\n", encoding="utf-8")
    ingest(store, turtle)
    report = ingest(store, scdl)
    assert [i.message.split(" :")[0] for i in report.issues] == ["acteur « Club »"]
    assert rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT ?a WHERE { ?g mai:beneficiary ?a }"
                ) == [("https://w3id.org/maillage/id/actor/club",)]


def test_only_actors_are_joined_by_an_identifier_not_other_resources_that_hold_it(store, tmp_path):
    """A key is looked up first, then which of its holders are actors: a resource of another class never joins."""
    turtle = tmp_path / "other.ttl"
    turtle.write_text('<https://ex.org/record> <https://w3id.org/maillage/ontology#rna> "W423000002" ;\n'
                      '    <http://www.w3.org/2000/01/rdf-schema#label> "a register entry" .\n'
                      f'<{DANAECARE}> a <https://w3id.org/maillage/ontology#Association> ; '
                      '<https://w3id.org/maillage/ontology#siren> "824156301" ; '
                      '<http://www.w3.org/2000/01/rdf-schema#label> "DanaeCare" .\n', encoding="utf-8")
    scdl = tmp_path / "grants.csv"
    scdl.write_text("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"
                    "Saint-Etienne Métropole;24420077000018;Les Amis;;W423000002;500\n"
                    "Saint-Etienne Métropole;24420077000018;Danae;82415630100015;;20000\n", encoding="utf-8")
    ingest(store, turtle)
    ingest(store, scdl)
    beneficiaries = rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> "
                                "SELECT ?a WHERE { ?g mai:beneficiary ?a }")
    assert (DANAECARE,) in beneficiaries and ("https://ex.org/record",) not in beneficiaries
    assert len(beneficiaries) == 2


def test_re_ingesting_a_changed_file_updates_without_duplicating(store, tmp_path):
    scdl = tmp_path / "grants.csv"
    header = "nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant\n"
    scdl.write_text(header + "SEM;24420077000018;Club A;21060004500392;100\nSEM;24420077000018;Club B;;200\n")
    ingest(store, scdl)
    scdl.write_text(header + "SEM;24420077000018;CLUB A;21060004500392;150\nSEM;24420077000018;Club B;;200\n")
    ingest(store, scdl)
    query = ("PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/> "
             "SELECT ?b ?amount WHERE { ?g a mai:Grant ; mai:beneficiary ?b ; schema:amount ?amount }")
    assert rows(store, query) == [("https://w3id.org/maillage/id/actor/club-b", "200"),
                                  ("https://w3id.org/maillage/id/actor/siren-210600045", "150")]
    assert len(rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT DISTINCT ?a "
                           "WHERE { ?a a mai:Actor }")) == 3


def test_ambiguous_name_candidates_are_reported_not_merged(store, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("nomAttribuant;nomBeneficiaire;idBeneficiaire;montant\nSEM;Club;21060004500392;1\n"
                     "SEM;Club;21860194600013;1\n")
    ingest(store, first)
    second = tmp_path / "b.csv"
    second.write_text("nomAttribuant;nomBeneficiaire;montant\nSEM;CLUB;1\n")
    report = ingest(store, second)
    assert [i.message.split(" :")[0] for i in report.issues] == ["acteur « CLUB »"]
    assert URIRef("https://w3id.org/maillage/id/actor/club") in {
        row[0] for row in store.query("PREFIX mai: <https://w3id.org/maillage/ontology#> "
                                      "SELECT ?b WHERE { ?g mai:beneficiary ?b }")}


GRANTS_HEADER = "nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"
GRANTS_BY_BENEFICIARY = ("PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/> "
                         "SELECT ?b ?amount WHERE { ?g a mai:Grant ; mai:beneficiary ?b ; schema:amount ?amount }")


def test_two_organisations_of_one_name_are_not_both_merged_into_the_actor_a_name_alone_made(store, tmp_path):
    """A network's departmental bodies share a name, each with its SIREN: the name alone said neither."""
    named = tmp_path / "named.csv"
    named.write_text(GRANTS_HEADER + "Villeurbanne;21690266800013;Croix-Rouge française;;;100\n")
    both = tmp_path / "both.csv"
    both.write_text(GRANTS_HEADER + "Lyon;21690123100011;Croix-Rouge française;50000001300010;;200\n"
                                    "Lyon;21690123100011;Croix-Rouge française;50000002100013;;300\n")
    ingest(store, named)
    report = ingest(store, both)
    actor = "https://w3id.org/maillage/id/actor/"
    assert rows(store, GRANTS_BY_BENEFICIARY) == [(actor + "croix-rouge-francaise", "100"),
                                                  (actor + "siren-500000013", "200"), (actor + "siren-500000021", "300")]
    assert [(i.line, i.message.split(" :")[0]) for i in report.issues if "non fusionné" in i.message] == [
        (2, "acteur « Croix-Rouge française » (500000013)"), (3, "acteur « Croix-Rouge française » (500000021)")]


def test_an_identified_actor_does_not_join_by_name_an_actor_whose_name_another_identified_one_bears(store,
                                                                                                      tmp_path):
    """Once two organisations of one name are known, a mention of that name alone names neither of them for sure."""
    for name, text in (("a.csv", "Villeurbanne;21690266800013;Centre social;;;100\n"),
                       ("b.csv", "Lyon;21690123100011;Centre social;;W691000001;150\n"
                                 "Lyon;21690123100011;Centre social;;W691000002;200\n")):
        (tmp_path / name).write_text(GRANTS_HEADER + text)
        ingest(store, tmp_path / name)
    third = tmp_path / "c.csv"
    third.write_text(GRANTS_HEADER + "Bron;21690029000013;CENTRE SOCIAL;;W691000003;300\n")
    report = ingest(store, third)
    assert len({b for b, _ in rows(store, GRANTS_BY_BENEFICIARY)}) == 4  # the name alone's, and one a number
    assert [i.line for i in report.issues if "autre identifiant" in i.message] == [2]


@pytest.mark.parametrize("official, usual", [
    ("Commune de Bordeaux", "Ville de Bordeaux"), ("COMMUNE DE BORDEAUX", "Mairie de Bordeaux"),
    ("Département de la Gironde", "Conseil départemental de la Gironde"),
    ("Conseil général de la Gironde", "Département de la Gironde"), ("Région Bretagne", "Conseil régional de Bretagne"),
])
def test_a_local_authority_named_by_its_usual_name_joins_the_one_named_officially(store, tmp_path, official, usual):
    first = tmp_path / "a.csv"
    first.write_text(GRANTS_HEADER + f"{official};21330063500017;Club;;W331000001;100\n")
    ingest(store, first)
    register = tmp_path / "registre.csv"  # a coordinator's register names its funders as everyone does
    register.write_text("# ptce: PTCE Santé Rive Droite\n# objectif 1: Accès aux soins\n"
                        "name;kind;circle;joined;goals\n" f"{usual};collectivite;financeurs;2024-02-12;1\n")
    ingest(store, register)
    members = rows(store, "PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?a WHERE { ?m org:member ?a }")
    assert members == [("https://w3id.org/maillage/id/actor/siren-213300635",)]


def test_an_association_does_not_join_by_name_an_actor_with_another_rna_number(store, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text(GRANTS_HEADER + "Villeurbanne;21690266800013;Les Aidants;;W691000001;100\n")
    ingest(store, first)
    second = tmp_path / "b.csv"
    second.write_text(GRANTS_HEADER + "Lyon;21690123100011;LES AIDANTS;;W381000002;200\n")
    ingest(store, second)
    assert len({b for b, _ in rows(store, GRANTS_BY_BENEFICIARY)}) == 2


def test_an_actor_joined_by_its_rna_number_is_not_looked_up_by_its_names(store, tmp_path):
    turtle = tmp_path / "units.ttl"
    turtle.write_text(f'<{DANAECARE}> a <https://w3id.org/maillage/ontology#Association> ; '
                      '<https://w3id.org/maillage/ontology#rna> "W423000002" ; '
                      '<http://www.w3.org/2000/01/rdf-schema#label> "DanaeCare" .\n', encoding="utf-8")
    ingest(store, turtle)
    graph = new_graph()
    actor = ActorBook(graph).actor("Les Amis de DanaeCare", MAI.Association, rna="W423000002")
    asked = []

    def query(sparql, bindings=None):
        asked.append(sparql)
        return store.query(sparql, bindings)

    assert resolve_actors(graph, query).rewritten == {actor: URIRef(DANAECARE)}
    assert [q for q in asked if "nameKey" in q] == []


def test_an_actor_whose_key_finds_only_itself_is_not_asked_about_but_joins_another_seeker(store, tmp_path):
    """Whether the store holds an actor as an actor matters only to the other actors that seek its keys."""
    first = tmp_path / "a.csv"
    first.write_text("nomAttribuant;nomBeneficiaire;idBeneficiaire;montant\nSEM;Club A;21060004500392;1\n")
    ingest(store, first)
    stored = URIRef("https://w3id.org/maillage/id/actor/siren-210600045")
    asked = []

    def query(sparql, bindings=None):
        asked.append(sparql)
        return store.query(sparql, bindings)

    graph = new_graph()
    book = ActorBook(graph)
    assert book.actor("CLUB A", MAI.Association, siret="21060004500392") == stored
    assert resolve_actors(graph, query).rewritten == {}
    assert not any(stored.n3() in q for q in asked if "a mai:Actor" in q)

    by_name = book.actor("Club A (Saint-Etienne)", MAI.Association)
    asked.clear()
    assert resolve_actors(graph, query).rewritten == {by_name: stored}
    assert any(stored.n3() in q for q in asked if "a mai:Actor" in q)


def test_without_rdf_files_names_are_sought_by_their_keys_alone(store, tmp_path):
    """Only an RDF file's actors lack name keys: until the store holds one, neither the names as written nor the IRIs
    minted from their keys are looked up, and the keys still find every namesake."""
    first = tmp_path / "a.csv"
    first.write_text("nomAttribuant;nomBeneficiaire;montant\nSEM;Club Alpha;1\n")
    ingest(store, first)
    asked = []

    def query(sparql, bindings=None):
        asked.append(sparql)
        return store.query(sparql, bindings)

    local, minted = URIRef("https://ex.org/id/actor/local"), actor_iri(name="Club Alpha", base="https://ex.org/id/")

    def resolve():
        graph = new_graph()
        graph.add((local, RDF.type, MAI.Association))
        graph.add((local, RDFS.label, Literal("CLUB ALPHA")))
        asked.clear()
        return resolve_actors(graph, query).rewritten

    assert resolve() == {local: actor_iri(name="Club Alpha")}
    assert not any("rdf-schema#label> ||" in q or minted.n3() in q for q in asked)
    turtle = tmp_path / "other.ttl"
    turtle.write_text('<https://carto.example/club> a <https://w3id.org/maillage/ontology#Association> ; '
                      '<http://www.w3.org/2000/01/rdf-schema#label> "Club Beta" .\n', encoding="utf-8")
    ingest(store, turtle)
    assert resolve() == {local: actor_iri(name="Club Alpha")}
    assert any("rdf-schema#label> ||" in q for q in asked) and any(minted.n3() in q for q in asked)


def test_actors_are_rewritten_in_their_order_whichever_kind_of_key_decided(store, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("nomAttribuant;nomBeneficiaire;idBeneficiaire;montant\nSEM;Club A;21060004500392;1\n"
                     "SEM;Zeta;35600000000048;1\n")
    ingest(store, first)
    graph, actor = new_graph(), "https://w3id.org/maillage/id/actor/"
    by_name, by_siren = URIRef(actor + "a-local"), URIRef(actor + "b-local")
    graph.add((by_name, RDF.type, MAI.Association))
    graph.add((by_name, RDFS.label, Literal("CLUB A")))
    graph.add((by_siren, RDF.type, MAI.Association))
    graph.add((by_siren, MAI.siren, Literal("356000000")))
    resolution = resolve_actors(graph, store.query)
    assert list(resolution.rewritten.items()) == [(by_name, URIRef(actor + "siren-210600045")),
                                                  (by_siren, URIRef(actor + "siren-356000000"))]


@given(st.text(max_size=120) | st.from_regex(r"[a-zA-Z0-9 '-]{0,120}", fullmatch=True))
def test_a_name_key_mints_the_iri_its_name_would_without_folding_again(text):
    key = name_key(text)
    if key:
        assert name_key_iri(key, "https://ex.org/") == actor_iri(name=key, base="https://ex.org/")
        assert name_key_iri(key) == actor_iri(name=text)


def test_the_name_keys_of_the_extracting_process_are_those_the_writer_would_fold():
    graph, actor = new_graph(), URIRef("https://w3id.org/maillage/id/actor/rna-w423000001")
    graph.add((actor, RDF.type, MAI.Association))
    graph.add((actor, MAI.rna, Literal("W423000001")))
    graph.add((actor, RDFS.label, Literal("Association départementale des aidants du Gier (ADAG)")))
    graph.add((actor, SKOS.altLabel, Literal("ADAG")))  # an acronym: never a key
    graph.add((actor, SKOS.altLabel, Literal("Les Aidants du Gier")))
    folded = actor_keys(graph, actor)
    add_name_keys(graph)
    assert actors_of(graph) == {actor}
    assert actor_keys(graph, actor, keyed=True) == folded
    assert folded == [("rna", "W423000001"), ("name", "departementale aidants gier adag"),
                      ("name", "departementale aidants gier"), ("name", "aidants gier")]


@given(st.text(max_size=90) | st.from_regex(r"[a-zA-Z0-9-]{0,90}", fullmatch=True))
def test_actor_iris_are_minted_as_mint_mints_them(text):
    from graph.identity import actor_iri
    from graph.namespaces import mint, slugify

    assert actor_iri(siren=text or None, name="x") == mint("actor", "siren-" + text if text else slugify("x"))
    assert actor_iri(rna=text or None, name="x") == mint("actor", "rna-" + text if text else slugify("x"))
    if text.strip():
        assert actor_iri(name=text) == mint("actor", slugify(name_key(text) or text))


PLACEHOLDERS_LIST = """nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,objet,montant
Commune de Rozier,,2024-03-01,2024-01,Personne physique,,Aide au maintien à domicile,500
Commune de Rozier,,2024-03-01,2024-01,Personne physique,,Aide au répit des aidants,700
Commune de Rozier,,2024-03-01,2024-01,NC,,Aide,300
Commune de Rozier,,2024-03-01,2024-01,-,,Aide,300
Commune de Rozier,,2024-03-01,2024-01,Les Aidants du Gier,,Répit,900
"""


def test_beneficiaries_that_a_grants_list_does_not_name_are_each_their_own_actor_across_rows_and_files(store,
                                                                                                        tmp_path):
    for funder in ("Commune de Rozier", "Commune de Lézigneux"):
        path = tmp_path / f"{funder.split()[-1]}.csv"
        path.write_text(PLACEHOLDERS_LIST.replace("Commune de Rozier", funder), encoding="utf-8")
        report = ingest(store, path)
        unnamed = [i for i in report.issues if i.message.startswith("bénéficiaire non nommé")]
        assert [(i.line, i.value) for i in unnamed] == [(2, "Personne physique"), (3, "Personne physique"),
                                                        (4, "NC"), (5, "-")]
    beneficiaries = rows(store, """SELECT ?label (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?grant) AS ?grants)
        WHERE { ?grant <https://w3id.org/maillage/ontology#beneficiary> ?actor .
                ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?label } GROUP BY ?label""")
    assert beneficiaries == [("-", "2", "2"), ("Les Aidants du Gier", "1", "2"), ("NC", "2", "2"),
                             ("Personne physique", "4", "4")]
    keyed = rows(store, """SELECT ?key WHERE { ?actor <https://w3id.org/maillage/ontology#nameKey> ?key }""")
    assert ("aidants gier",) in keyed and not {("personne physique",), ("nc",), ("",)} & set(keyed)


def bourse(tmp_path, commune: str, number: str, person: str = "Mlle Marie MARTIN") -> Path:
    """A deliberation of ``commune`` that grants a bourse to ``person``."""
    path = tmp_path / f"{commune}-{number}.txt"
    path.write_text(f"COMMUNE DE {commune.upper()}\nDélibération n° {number}\nSéance du 5 novembre 2024\n"
                    "Objet : Bourses\nLe conseil, à l'unanimité, décide d'attribuer :\n"
                    f"  - {person}, 18 ans, bourse au permis de conduire : 600 €.\n", encoding="utf-8")
    return path


PERSONS = """PREFIX mai: <https://w3id.org/maillage/ontology#>
    SELECT DISTINCT ?actor WHERE { ?grant mai:beneficiary ?actor . ?actor a <http://xmlns.com/foaf/0.1/Person> }"""


@pytest.mark.parametrize("communes, persons", [(("Lussac-Fictif", "Rozier-Fictif"), 2),
                                               (("Lussac-Fictif", "Lussac-Fictif"), 1)])
def test_a_person_granted_by_two_authorities_is_two_actors_and_by_one_authority_twice_one(store, tmp_path,
                                                                                          communes, persons):
    for number, commune in enumerate(communes, 1):
        ingest(store, bourse(tmp_path, commune, f"2024-{number}"))
    assert len(rows(store, PERSONS)) == persons


def test_a_person_granted_a_bourse_is_not_merged_with_an_organisation_of_the_same_name(store, tmp_path):
    scdl = tmp_path / "grants.csv"
    scdl.write_text("nomAttribuant;idAttribuant;nomBeneficiaire;montant\n"
                    "Commune de Lussac-Fictif;;Marie Martin;900\n", encoding="utf-8")
    ingest(store, scdl)
    ingest(store, bourse(tmp_path, "Lussac-Fictif", "2024-1"))
    beneficiaries = rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> "
                                "SELECT DISTINCT ?a WHERE { ?g mai:beneficiary ?a }")
    assert len(beneficiaries) == 2 and len(rows(store, PERSONS)) == 1


def test_an_organisation_is_not_merged_with_a_person_of_the_same_name_granted_before(store, tmp_path):
    ingest(store, bourse(tmp_path, "Lussac-Fictif", "2024-1"))
    scdl = tmp_path / "grants.csv"
    scdl.write_text("nomAttribuant;idAttribuant;nomBeneficiaire;montant\n"
                    "Commune de Lussac-Fictif;;MARIE MARTIN;900\n", encoding="utf-8")
    ingest(store, scdl)
    beneficiaries = rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> "
                                "SELECT DISTINCT ?a WHERE { ?g mai:beneficiary ?a }")
    assert len(beneficiaries) == 2


def test_a_persons_name_keys_are_scoped_to_its_funder():
    graph = new_graph()
    person, grant = URIRef("https://ex.org/id/actor/lussac--marie-martin"), URIRef("https://ex.org/id/grant/1")
    graph.add((person, RDF.type, MAI.Actor))
    graph.add((person, RDF.type, FOAF.Person))
    graph.add((person, RDFS.label, Literal("Marie MARTIN")))
    graph.add((grant, MAI.beneficiary, person))
    graph.add((grant, SCHEMA.funder, URIRef("https://ex.org/id/actor/lussac")))
    keys = actor_keys(graph, person)
    assert keys == [("name", person_key("Marie MARTIN", URIRef("https://ex.org/id/actor/lussac")))]
    assert name_key_iri(keys[0][1], "https://ex.org/id/") == person


@pytest.mark.parametrize("name", ["Personne physique", "PERSONNES PHYSIQUES", "[ND]", "N.C.", "Non communiqué",
                                  "-", "***", "31/12/99", "Anonyme"])
def test_a_placeholder_name_gives_no_name_key(name):
    assert is_placeholder_name(name) and name_variants(name) == []


@pytest.mark.parametrize("name", ["Particulier Services", "AMAP", "NA Santé", "X-Santé", "Les Autres Regards"])
def test_a_short_or_odd_real_name_is_no_placeholder(name):
    assert not is_placeholder_name(name) and name_variants(name)


ACTOR = "https://w3id.org/maillage/id/actor/"
TWIN = "https://ptce.example/id/trame"


def _twin_file(tmp_path, extra: str = "") -> Path:
    """An RDF file that names, under its own IRI, an organisation that Maillage already holds by its SIRET."""
    turtle = tmp_path / "fiche.ttl"
    turtle.write_text("@prefix mai: <https://w3id.org/maillage/ontology#> .\n"
                      "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                      f'<{TWIN}> a mai:Association ; rdfs:label "Trame Santé"@fr ; mai:siret "81234567600017" .\n'
                      + extra, encoding="utf-8")
    return turtle


@pytest.mark.parametrize("first", [
    "Villeurbanne;21690266800013;Association Trame Santé;;;100\n",  # a name, that a SIRENE-like row then completes
    "Villeurbanne;21690266800013;Association Trame Santé;81234567600017;;100\n",  # the SIRET itself
])
def test_a_later_row_with_the_siret_of_an_rdf_files_twin_joins_the_actor_maillage_holds(store, tmp_path, first):
    (tmp_path / "a.csv").write_text(GRANTS_HEADER + first)
    ingest(store, tmp_path / "a.csv")
    (tmp_path / "b.csv").write_text(GRANTS_HEADER + "Lyon;21690123100011;TRAME SANTE;81234567600017;;200\n")
    ingest(store, tmp_path / "b.csv")
    held = rows(store, GRANTS_BY_BENEFICIARY)[0][0]
    assert ingest(store, _twin_file(tmp_path)).issues  # the twin is warned, as documented
    (tmp_path / "c.csv").write_text(GRANTS_HEADER + "Bron;21690029000018;Trame Santé;81234567600017;W691000009;300\n")
    report = ingest(store, tmp_path / "c.csv")
    assert report.issues == []
    assert {b for b, _ in rows(store, GRANTS_BY_BENEFICIARY)} == {held}


def test_holders_of_one_siren_that_owl_same_as_links_are_one_organisation(store, tmp_path):
    other = "https://autre.example/id/trame"
    same_as = (f"<{other}> a mai:Association ; mai:siren \"812345676\" ; "
               f"<http://www.w3.org/2002/07/owl#sameAs> <{TWIN}> .\n")
    ingest(store, _twin_file(tmp_path, same_as))
    (tmp_path / "c.csv").write_text(GRANTS_HEADER + "Bron;21690029000018;Trame Santé;81234567600017;;300\n")
    report = ingest(store, tmp_path / "c.csv")
    assert report.issues == [] and rows(store, GRANTS_BY_BENEFICIARY) == [(other, "300")]  # the first IRI


def test_two_rdf_files_iris_holding_one_siren_unlinked_are_reported_naming_the_siren(store, tmp_path):
    ingest(store, _twin_file(tmp_path, '<https://autre.example/id/trame> a mai:Association ; mai:siren "812345676" .'))
    (tmp_path / "c.csv").write_text(GRANTS_HEADER + "Bron;21690029000018;Trame Santé;81234567600017;;300\n")
    [issue] = ingest(store, tmp_path / "c.csv").issues
    assert "plusieurs acteurs ont son SIREN 812345676" in issue.message and "owl:sameAs" in issue.message


def test_a_row_whose_rna_number_the_store_holds_joins_its_holder_not_a_namesake_without_it(store, tmp_path):
    """The register's member holds the RNA number; a deliberation named the association in full, without it."""
    (tmp_path / "a.csv").write_text(GRANTS_HEADER + "Lyon;21690123100011;Groupe d'entraide mutuelle L'Escale;;;100\n")
    (tmp_path / "b.csv").write_text(GRANTS_HEADER + "Bron;21690029000018;L'Escale;;W432007789;200\n")
    (tmp_path / "c.csv").write_text(GRANTS_HEADER + "Meyzieu;21690282500019;GROUPE D'ENTRAIDE MUTUELLE L'ESCALE;;"
                                                    "W432007789;300\n")
    for name in ("a.csv", "b.csv"):
        ingest(store, tmp_path / name)
    [issue] = ingest(store, tmp_path / "c.csv").issues
    assert rows(store, GRANTS_BY_BENEFICIARY) == [(ACTOR + "groupe-entraide-mutuelle-escale", "100"),
                                                  (ACTOR + "rna-w432007789", "200"), (ACTOR + "rna-w432007789", "300")]
    assert issue.message.startswith("acteur « GROUPE D'ENTRAIDE MUTUELLE L'ESCALE » : relié par son RNA W432007789 à ")
    assert ACTOR + "groupe-entraide-mutuelle-escale" in issue.message


@pytest.mark.parametrize("full, short", [
    ("Groupe d'Entraide Mutuelle (GEM) L'Escale", "GEM L'Escale"),
    ("Maison de santé pluriprofessionnelle (MSP) des Sucs", "MSP des Sucs"),
    ("Centre communal d'action sociale (C.C.A.S.) de Firminy", "CCAS de Firminy"),
])
def test_a_name_with_its_acronym_in_parentheses_has_the_acronym_and_the_rest_as_a_variant(full, short):
    assert name_key(short) in name_variants(full)


@pytest.mark.parametrize("name", ["Centre communal d'action sociale (CCAS)", "Union des Amis (ADDA) du Lot",
                                  "Association (fictive) du Gier"])
def test_an_acronym_alone_or_not_of_the_words_before_it_gives_no_acronym_variant(name):
    assert name_variants(name) == list(dict.fromkeys(
        k for k in (name_key(name), name_key(name.split("(")[0] + name.split(")")[1])) if k))


REGISTER_OF = ("# ptce: PTCE du Gier\n# objectif 1: Accès aux soins\nname;kind;circle;joined;siret\n"
               "Maison de santé des Sucs;association;coeur;2024-02-12;85247196000017\n")
SIRENE_HEADER = ("siren,dateCreationUniteLegale,etatAdministratifUniteLegale,denominationUniteLegale,"
                 "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,nicSiegeUniteLegale\n")


@pytest.mark.parametrize("order", [("registre.csv", "unites.csv", "grants.csv"),
                                   ("unites.csv", "grants.csv", "registre.csv"),
                                   ("grants.csv", "registre.csv", "unites.csv")])
def test_an_actor_is_shown_under_the_registers_name_whatever_the_order_of_ingest(store, tmp_path, order):
    (tmp_path / "registre.csv").write_text(REGISTER_OF, encoding="utf-8")
    (tmp_path / "unites.csv").write_text(SIRENE_HEADER + "852471960,2019-01-01,A,SISA MSP DES SUCS,6540,86.21Z,"
                                                         "00017\n", encoding="utf-8")
    (tmp_path / "grants.csv").write_text(GRANTS_HEADER + "Lyon;21690123100011;MSP des Sucs;85247196000017;;100\n",
                                         encoding="utf-8")
    for name in order:
        ingest(store, tmp_path / name)
    labels = rows(store, f"SELECT ?l WHERE {{ <{ACTOR}siren-852471960> <{RDFS.label}> ?l }}")
    alternatives = rows(store, f"SELECT DISTINCT ?l WHERE {{ <{ACTOR}siren-852471960> <{SKOS.altLabel}> ?l }}")
    assert labels == [("Maison de santé des Sucs",)]
    assert alternatives == [("MSP des Sucs",), ("SISA MSP DES SUCS",)]


def test_an_rdf_files_label_is_never_made_an_alternative(store, tmp_path):
    turtle = tmp_path / "fiche.ttl"
    turtle.write_text(f'<{ACTOR}siren-852471960> a <https://w3id.org/maillage/ontology#Association> ; '
                      f'<{RDFS.label}> "MSP des Sucs (fiche)" ; <https://w3id.org/maillage/ontology#siren> '
                      '"852471960" .\n', encoding="utf-8")
    ingest(store, turtle)
    (tmp_path / "registre.csv").write_text(REGISTER_OF, encoding="utf-8")
    ingest(store, tmp_path / "registre.csv")
    assert rows(store, f"SELECT ?l WHERE {{ <{ACTOR}siren-852471960> <{RDFS.label}> ?l }}") == [
        ("MSP des Sucs (fiche)",)]


def test_the_ptces_goals_scheme_that_the_deliberation_and_the_register_state_has_one_label_per_language(store):
    for path in (EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt",
                 EXAMPLES / "ptce-registre.yaml"):
        ingest(store, path)
    labels = rows(store, "SELECT DISTINCT (LANG(?label) AS ?lang) ?label WHERE { "
                         "<https://w3id.org/maillage/id/goals/ptce-sante-danaecare> "
                         "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }")
    assert labels == [
        ("en", "Strategic goals — PTCE santé DanaeCare"), ("fr", "Objectifs stratégiques — PTCE santé DanaeCare")]


@pytest.mark.parametrize("register_first", [False, True], ids=["deliberation-first", "register-first"])
def test_a_goal_the_register_words_otherwise_than_the_deliberation_has_the_registers_wording_as_its_one_label(
        store, tmp_path, register_first):
    text = (EXAMPLES / "ptce-registre.yaml").read_text(encoding="utf-8")
    start = text.index("Valorisation des acteurs et des actions")
    end = text.index("- rank: 2")
    register = tmp_path / "registre.yaml"
    register.write_text(text[:start] + "Valorisation des acteurs du territoire\n    " + text[end:], encoding="utf-8")
    deliberation = EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
    for path in (register, deliberation) if register_first else (deliberation, register):
        ingest(store, path)
    goal = "<https://w3id.org/maillage/id/goal/ptce-sante-danaecare/1>"
    pref = rows(store, f"SELECT DISTINCT ?l WHERE {{ {goal} <{SKOS.prefLabel}> ?l }}")
    alt = rows(store, f"SELECT DISTINCT ?l WHERE {{ {goal} <{SKOS.altLabel}> ?l }}")
    assert pref == [("Valorisation des acteurs du territoire",)]
    assert alt == [("Valorisation des acteurs et des actions / marketing territorial en santé (pour les usagers, les "
                    "entreprises, les universités et le rayonnement du territoire)",)]
    other = "<https://w3id.org/maillage/id/goal/ptce-sante-danaecare/2>"  # worded alike: one label, no variant
    assert len(rows(store, f"SELECT DISTINCT ?l WHERE {{ {other} <{SKOS.prefLabel}> ?l }}")) == 1
    assert rows(store, f"SELECT ?l WHERE {{ {other} <{SKOS.altLabel}> ?l }}") == []


def test_removing_the_register_gives_the_goal_back_the_deliberations_wording_as_its_label(store, tmp_path):
    from graph.ingest.removal import remove_sources

    text = (EXAMPLES / "ptce-registre.yaml").read_text(encoding="utf-8")
    register = tmp_path / "registre.yaml"
    register.write_text(text.replace("Accompagnement de porteurs de projet santé en post-incubation",
                                     "Accompagner les porteurs de projet"), encoding="utf-8")
    ingest(store, EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt")
    ingest(store, register)
    goal = "<https://w3id.org/maillage/id/goal/ptce-sante-danaecare/3>"
    assert rows(store, f"SELECT DISTINCT ?l WHERE {{ {goal} <{SKOS.prefLabel}> ?l }}") == [
        ("Accompagner les porteurs de projet",)]
    removal = remove_sources(store, ["registre.yaml"])
    assert rows(store, f"SELECT DISTINCT ?l WHERE {{ {goal} <{SKOS.prefLabel}> ?l }}") == [
        ("Accompagnement de porteurs de projet santé en post-incubation",)]
    assert rows(store, f"SELECT ?l WHERE {{ {goal} <{SKOS.altLabel}> ?l }}") == []
    assert goal[1:-1] in removal.touched


def test_a_goal_that_an_rdf_file_labels_keeps_the_files_label_and_gets_the_registers_back_once_the_file_is_removed(
        store, tmp_path):
    from graph.ingest.removal import remove_sources

    goal = "https://w3id.org/maillage/id/goal/ptce-sante-danaecare/3"
    turtle = tmp_path / "objectifs.ttl"
    turtle.write_text(f'<{goal}> a <https://w3id.org/maillage/ontology#StrategicGoal> ; '
                      f'<{SKOS.prefLabel}> "Incubation santé"@fr ; <{SKOS.altLabel}> "Incubation"@en .\n',
                      encoding="utf-8")
    ingest(store, turtle)
    ingest(store, EXAMPLES / "ptce-registre.yaml")
    register_label = "Accompagnement de porteurs de projet santé en post-incubation"
    assert rows(store, f"SELECT DISTINCT ?l WHERE {{ <{goal}> <{SKOS.prefLabel}> ?l }}") == [("Incubation santé",)]
    assert (register_label,) in rows(store, f"SELECT DISTINCT ?l WHERE {{ <{goal}> <{SKOS.altLabel}> ?l }}")
    remove_sources(store, ["objectifs.ttl"])
    assert rows(store, f"SELECT DISTINCT ?l WHERE {{ <{goal}> <{SKOS.prefLabel}> ?l }}") == [(register_label,)]


RNA_IMPORT_HEADER = "id;id_ex;siret;gestion;date_creat;titre;objet;adrs_codeinsee;libcom;observation;position\n"


def test_associations_of_one_name_known_by_their_old_rna_numbers_stay_apart_across_extracts(store, tmp_path):
    """Import rows without a W number are known by their old number: the « COMITE DES FETES » of two communes, in
    two extracts, were merged by their name; a grants list naming « Comité des fêtes » alone names neither."""
    for name, row in (("rna_import_montlucon.csv", "031S0031000113;0031000113;;031S;1950-01-01;COMITE DES FETES;fetes;"
                                                   "03185;MONTLUCON;;A\n"),
                      ("rna_import_vallon.csv", "031S0031000957;0031000957;;031S;1978-05-02;COMITE DES FETES;fetes;"
                                                "03298;VALLON EN SULLY;;A\n"),
                      ("rna_import_again.csv", "031S0031000113;0031000113;;031S;1950-01-01;COMITE DES FETES;fetes;"
                                               "03185;MONTLUCON;;A\n")):
        (tmp_path / name).write_text(RNA_IMPORT_HEADER + row, encoding="utf-8")
        said = [issue.message.split(", déjà importé")[0] for issue in ingest(store, tmp_path / name).issues]
        # the third is the first's bytes again, under another name: said so, and nothing else
        assert said == (["fichier identique à « rna_import_montlucon.csv »"] if name == "rna_import_again.csv" else [])
    actor = "https://w3id.org/maillage/id/actor/"
    assert rows(store, "SELECT DISTINCT ?a ?id WHERE { ?a <http://purl.org/dc/terms/identifier> ?id }") == [
        (actor + "rna-import-031s0031000113", "031S0031000113"),
        (actor + "rna-import-031s0031000957", "031S0031000957")]
    (tmp_path / "grants.csv").write_text(GRANTS_HEADER + "Montluçon;21030185000016;Comité des fêtes;;;100\n")
    report = ingest(store, tmp_path / "grants.csv")
    assert [i.message.split(" —")[0] for i in report.issues if "non fusionné" in i.message] == [
        "acteur « Comité des fêtes » : plusieurs correspondances par le nom"]


def test_a_row_that_gives_one_organisations_siret_and_anothers_rna_number_joins_the_one_its_name_says(
        store, tmp_path):
    """Entraide's SIRET pasted beside the Maison's RNA number: both grants went to the Maison, which took Entraide's
    SIRET, with no word of the row."""
    rna = tmp_path / "rna.csv"
    rna.write_text("id;id_ex;siret;gestion;date_creat;titre;objet;objet_social1;adrs_codeinsee;position\n"
                   "W423001234;;;423P;1998-03-15;MAISON DES AIDANTS DU GIER;Aidants;;42186;A\n"
                   "W423000555;;77512345800017;423P;2001-02-01;ENTRAIDE SANTE GIER;Entraide;;42186;A\n")
    ingest(store, rna)
    grants = tmp_path / "grants.csv"
    grants.write_text(GRANTS_HEADER + "Ville de Lussac;21860194600013;Entraide Santé Gier;;W423000555;1200\n"
                      "Ville de Lussac;21860194600013;Maison des Aidants du Gier;77512345800017;W423001234;600\n")
    report = ingest(store, grants)
    actor = "https://w3id.org/maillage/id/actor/"
    assert rows(store, GRANTS_BY_BENEFICIARY) == [(actor + "rna-w423001234", "600"), (actor + "siren-775123458", "1200")]
    assert rows(store, "PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT ?a WHERE { ?a mai:siret "
                       "'77512345800017' }") == [(actor + "siren-775123458",)]
    said = [(i.line, i.message) for i in report.issues if "deux organisations" in i.message]
    assert said == [(3, "acteur « Maison des Aidants du Gier » : son SIREN 775123458 et son numéro RNA W423001234 "
                        f"sont ceux de deux organisations ({actor}siren-775123458, {actor}rna-w423001234) ; "
                        "rapproché par son nom et son numéro RNA, son SIRET est laissé de côté")]


@pytest.mark.parametrize("federating, federated", [("Fédération ADMR de la Loire", "ADMR de la Loire"),
                                                   ("Union des Mutuelles Testval", "Mutuelles Testval")])
def test_a_federation_or_a_union_is_not_the_organisation_it_federates(store, tmp_path, federating, federated):
    assert name_key(federating) != name_key(federated)
    (tmp_path / "registre.csv").write_text("# ptce: PTCE du Gier\nname;kind;circle;joined\n"
                                           f"{federating};association;coeur;2024-02-12\n", encoding="utf-8")
    (tmp_path / "grants.csv").write_text(GRANTS_HEADER + f"Lyon;21690123100011;{federated};;;100\n", encoding="utf-8")
    ingest(store, tmp_path / "registre.csv")
    ingest(store, tmp_path / "grants.csv")
    labels = rows(store, f"SELECT ?l WHERE {{ ?a a <{MAI.Actor}> ; <{RDFS.label}> ?l FILTER(?l IN "
                         f"('{federating}', '{federated}')) }}")
    assert labels == sorted([(federating,), (federated,)])


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
def test_a_name_meets_its_spelling_with_any_apostrophe(apostrophe):
    """« Lʼhôpital de jour » (U+02BC, which ``\\w`` takes for a letter) had the key « lhopital jour », and
    « L'hôpital de jour » « hopital jour »: two spellings of one organisation that did not meet."""
    assert name_key(f"L{apostrophe}hôpital de jour d{apostrophe}Annonay") == name_key("L'hôpital de jour d'Annonay")
