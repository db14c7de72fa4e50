"""The founding deliberation (Saint-Etienne Métropole n° 2024.00240): every fact group, by SPARQL on the store.

The file is ingested once per module into a temporary Oxigraph store through the real pipeline (SHACL included);
each test reads one fact group. Ingesting takes about a second, so the store is shared by the module's tests,
which only read it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.ingest.pipeline import ingest_paths
from graph.namespaces import sparql_prologue
from graph.store import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
ID = "https://w3id.org/maillage/id/"
ONTO = "https://w3id.org/maillage/ontology/"
DELIB = URIRef(ID + "deliberation/siren-244200770/2024-00240")
SESSION = URIRef(ID + "session/siren-244200770/bureau-metropolitain/2024-05-16")
AUTHORITY = URIRef(ID + "actor/siren-244200770")
DANAECARE = URIRef(ID + "actor/danaecare")
PTCE = URIRef(ID + "actor/ptce-sante-danaecare")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path_factory.mktemp("founding"))})
    reports = ingest_paths(store, [FIXTURE])
    assert [r.status for r in reports] == ["stored"]
    yield store, reports[0]
    store.close()


def rows(store, sparql: str) -> list[tuple]:
    """Run a SELECT; literals come back as Python values (str, int, Decimal, date), IRIs as URIRef."""
    return [tuple(t.toPython() if isinstance(t, Literal) else t for t in row)
            for row in store[0].query(sparql_prologue() + sparql)]


def test_the_founding_deliberation_is_stored_without_shacl_violation(store):
    assert [v for v in store[1].violations if v.severity == "Violation"] == []


def test_the_authority_is_saint_etienne_metropole_with_its_siren_and_53_communes(store):
    assert rows(store, f"SELECT ?l ?s ?n WHERE {{ <{AUTHORITY}> a mai:PublicAuthority ; rdfs:label ?l ; "
                       f"mai:siren ?s ; mai:memberCount ?n }}") == [("Saint-Etienne Métropole", "244200770", 53)]


def test_the_organ_is_the_bureau_metropolitain_of_the_authority(store):
    assert rows(store, f"SELECT ?l WHERE {{ ?b a org:OrganizationalUnit ; rdfs:label ?l ; org:unitOf <{AUTHORITY}> }}"
                ) == [("Bureau Métropolitain",)]


def test_the_session_has_its_dates_and_counts(store):
    assert rows(store, f"SELECT ?d ?c ?o ?p ?x ?v WHERE {{ <{SESSION}> a mai:Session ; dcterms:date ?d ; "
                       "mai:convenedOn ?c ; mai:membersInOffice ?o ; mai:membersPresent ?p ; mai:proxyCount ?x ; "
                       "mai:voteCount ?v }") == [(dt.date(2024, 5, 16), dt.date(2024, 5, 7), 68, 54, 8, 62)]


def test_the_chair_is_sylvie_fayolle_with_her_title_and_the_secretary_siham_labich(store):
    assert rows(store, f"SELECT ?c ?t ?s WHERE {{ <{SESSION}> mai:chair/rdfs:label ?c ; mai:roleTitle ?t ; "
                       "mai:secretary/rdfs:label ?s }") == [
        ("Sylvie FAYOLLE", "Première Vice-Présidente", "Siham LABICH")]


@pytest.mark.parametrize("prop, count", [("mai:present", 54), ("mai:excused", 6), ("mai:proxy", 8)])
def test_the_session_lists_54_present_6_excused_and_8_proxies(store, prop, count):
    assert rows(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ <{SESSION}> {prop} ?x }}") == [(count,)]


def test_each_proxy_says_who_gave_it_to_whom(store):
    got = rows(store, f"SELECT ?f ?t WHERE {{ <{SESSION}> mai:proxy ?p . ?p a mai:Proxy ; mai:from/rdfs:label ?f ; "
                      "mai:to/rdfs:label ?t } ORDER BY ?f")
    assert (got[0], got[-1], len(got)) == (("Aline MOUSEGHIAN", "Andonella FLECHET"),
                                           ("Yves MORAND", "Jean-Luc BASSON"), 8)


def test_compound_names_are_kept_whole_and_civilities_dropped(store):
    assert rows(store, "SELECT ?g ?f WHERE { ?p foaf:givenName ?g ; foaf:familyName ?f ; rdfs:label "
                       "'Ramona GONZALEZ GRAIL' }") == [("Ramona", "GONZALEZ GRAIL")]


def test_the_deliberation_has_its_number_title_programme_and_actes_ids(store):
    assert rows(store, f"SELECT ?i ?t ?p ?a ?r WHERE {{ <{DELIB}> a mai:Deliberation ; dcterms:identifier ?i ; "
                       "dcterms:title ?t ; mai:programme ?p ; mai:actesId ?a ; mai:actesIdRaw ?r }") == [(
        "2024.00240", "PROGRAMME DE COOPÉRATION DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE (PROCESS) - SUBVENTION À DANAECARE",
        "PROCESS", "042-244200770-20240516-D20240024010-DE", "99_DE-042-244200770-20240516-D20240024010")]


def test_the_prefecture_receipt_and_publication_are_dated_with_the_platform(store):
    assert rows(store, f"SELECT ?r ?p ?via WHERE {{ <{DELIB}> mai:receivedByPrefecture ?r ; mai:publishedOn ?p ; "
                       "mai:transmissionPlatform ?via }") == [(dt.date(2024, 5, 28), dt.date(2024, 5, 28),
                                                               "DOTELEC - iXBus")]


def test_the_deliberation_was_adopted_unanimously_without_vote_counts(store):
    assert rows(store, f"SELECT ?o (COUNT(?n) AS ?c) WHERE {{ <{DELIB}> mai:outcome ?o OPTIONAL {{ <{DELIB}> "
                       f"mai:votesFor ?n }} }} GROUP BY ?o") == [(URIRef(ONTO + "outcome/adopted-unanimously"), 0)]


def test_the_grant_is_20000_euros_of_operating_grant_for_2024_on_account_65748(store):
    got = rows(store, f"SELECT ?a ?c ?y ?n ?acc ?m57 ?lab ?f ?b ?d WHERE {{ ?g a mai:Grant ; schema:amount ?a ; "
                      "schema:currency ?c ; mai:fiscalYear ?y ; mai:nature ?n ; mai:budgetAccount ?acc ; "
                      "mai:budgetNature ?m57 ; schema:funder ?f ; mai:beneficiary ?b ; mai:decidedBy ?d . "
                      "?m57 skos:prefLabel ?lab FILTER(lang(?lab) = 'fr') }")
    assert got == [(Decimal("20000"), "EUR", 2024, URIRef(ONTO + "nature/operating"), "SERV/65748/PROCE",
                    URIRef(ONTO + "m57/65748"), "Autres personnes de droit privé", AUTHORITY, DANAECARE, DELIB)]


def test_the_grant_purpose_is_creating_a_ptce_sante(store):
    assert rows(store, "SELECT ?d WHERE { ?g a mai:Grant ; dcterms:description ?d }") == [
        ("création d'un pôle territorial de coopération économique (PTCE) en santé",)]


def test_danaecare_is_an_association_founded_in_2012_serving_about_twelve_countries(store):
    got = rows(store, f"SELECT ?l ?y ?area WHERE {{ <{DANAECARE}> a mai:Association ; rdfs:label ?l ; "
                      "schema:foundingDate ?y ; schema:areaServed ?area }")
    assert [(a, str(b), c) for a, b, c in got] == [("DanaeCare", "2012", "une douzaine de pays")]


def test_danaecare_keeps_the_spelling_variants_of_the_text(store):
    assert sorted(str(r[0]) for r in rows(store, f"SELECT ?v WHERE {{ <{DANAECARE}> skos:altLabel ?v }}")) == [
        "DANAECARE", "Danaecare"]


def test_danaecare_works_on_the_caregiver_patient_relationship(store):
    assert (URIRef(ONTO + "theme/relation-soignant-soigne"),) in rows(
        store, f"SELECT ?t WHERE {{ <{DANAECARE}> dcterms:subject ?t }}")


def test_danaecare_is_in_the_saint_etienne_area_since_2019_and_at_l_etrat_since_2023(store):
    got = rows(store, f"SELECT ?place ?since ?theme WHERE {{ <{DANAECARE}> schema:location ?s . ?s schema:startDate "
                      "?since ; schema:containedInPlace/rdfs:label ?place OPTIONAL { ?s dcterms:subject ?theme } } "
                      "ORDER BY ?since")
    assert [(p, str(s), t) for p, s, t in got] == [
        ("bassin stéphanois", "2019", None), ("L'Étrat", "2023", URIRef(ONTO + "theme/tiers-lieu-sante"))]


def test_the_places_are_schema_places(store):
    assert sorted(str(r[0]) for r in rows(store, "SELECT ?l WHERE { ?p a schema:Place ; rdfs:label ?l "
                                                 "FILTER(STRSTARTS(STR(?p), 'https://w3id.org/maillage/id/place/')) }")
                  ) == ["L'Étrat", "bassin stéphanois"]


def test_the_ptce_is_coordinated_by_danaecare_and_gathers_six_kinds_of_members(store):
    kinds = rows(store, f"SELECT ?k WHERE {{ <{PTCE}> a mai:Cooperation ; rdfs:label 'PTCE santé DanaeCare' ; "
                        f"mai:coordinatedBy <{DANAECARE}> ; mai:memberKind ?k }} ORDER BY ?k")
    assert [str(k[0]).rsplit("/", 1)[-1] for k in kinds] == [
        "association", "collectivite", "entreprise-ess", "professionnel-de-sante", "universite", "usagers"]


def test_the_ptce_says_what_it_is_for_gathering_the_territorys_structures_and_its_governance(store):
    [(description,)] = rows(store, f"SELECT ?d WHERE {{ <{PTCE}> dcterms:description ?d }}")
    assert description.startswith("L'objectif de ce soutien est de regrouper, sur le territoire de Saint-Etienne")
    assert "L'enjeu du projet est de mobiliser les acteurs identifiés, de définir un mode de gouvernance" in description
    assert description.endswith("une feuille de route pour répondre aux besoins du territoire identifiés par le PTCE.")


def test_the_ptce_has_its_three_goals_in_order(store):
    got = rows(store, f"SELECT ?n ?l WHERE {{ <{PTCE}> mai:hasGoal ?g . ?g a mai:StrategicGoal ; skos:notation ?n ; "
                      f"skos:prefLabel ?l ; skos:inScheme <{ID}goals/ptce-sante-danaecare> }} ORDER BY ?n")
    assert [(int(n), str(l)[:40]) for n, l in got] == [
        (1, "Valorisation des acteurs et des actions "), (2, "Animation de l'écosystème « santé » grâc"),
        (3, "Accompagnement de porteurs de projet san")]


def test_the_ptce_and_its_goals_have_the_health_themes_they_name(store):
    """« … pour la santé et la prévention santé », « marketing territorial en santé », « post-incubation »: a theme's
    search and facet find the PTCE and its goals."""
    themes = rows(store, f"SELECT ?what ?t WHERE {{ {{ BIND(<{PTCE}> AS ?what) }} "
                         f"UNION {{ <{PTCE}> mai:hasGoal ?what }} ?what dcterms:subject ?t }}")
    by_what: dict[str, set[str]] = {}
    for what, theme in themes:
        by_what.setdefault(str(what).rsplit("/", 1)[-1], set()).add(str(theme).rsplit("/", 1)[-1])
    assert {"prevention", "ess-et-sante", "cooperation-territoriale"} <= by_what["ptce-sante-danaecare"]
    assert "marketing-territorial" in by_what["1"] and "accompagnement-de-projets" in by_what["3"]


def test_the_approved_agreement_binds_the_metropole_and_danaecare_and_governs_the_grant(store):
    agreement = URIRef(ID + "agreement/siren-244200770/2024-00240/1")
    assert rows(store, f"SELECT ?title ?who ?grant WHERE {{ <{agreement}> a mai:Agreement ; dcterms:title ?title ; "
                       f"mai:approvedBy <{DELIB}> ; mai:signatory ?who . ?grant mai:governedBy <{agreement}> }}") == [(
        "Convention à intervenir entre Saint-Etienne Métropole et Danaecare",
        "Monsieur le Président, ou son représentant dûment habilité",
        URIRef(ID + "grant/siren-244200770/2024-00240/danaecare"))]
    assert {p for (p,) in rows(store, f"SELECT ?p WHERE {{ <{agreement}> mai:party ?p }}")} == {AUTHORITY, DANAECARE}


@pytest.mark.parametrize("fact, quote", [
    (f"<{ID}grant/siren-244200770/2024-00240/danaecare>", "approuve le versement d'une subvention"),
    (f"<{ID}agreement/siren-244200770/2024-00240/1>", "approuve la convention à intervenir entre"),
    (f"<{ID}agreement/siren-244200770/2024-00240/1>", "à signer ladite convention"),
    (f"<{DELIB}>", "Ce dossier a été adopté à l'unanimité"),
    (f"<{SESSION}>", "Nombre de présents : 54"),
    (f"<{ID}goal/ptce-sante-danaecare/3>", "Accompagnement de porteurs de projet santé en post-incubation"),
    (f"<{DANAECARE}>", "Fondée en 2012, DanaeCare est une association"),
    (f"<{PTCE}>", "L'enjeu du projet est de mobiliser les acteurs identifiés"),
    (f"<{DELIB}>", "Le 28 mai 2024"),
])
def test_each_fact_group_quotes_its_evidence_at_the_right_offsets(store, fact, quote):
    got = rows(store, f"SELECT ?exact ?start ?end ?text WHERE {{ {fact} mai:evidence ?e . ?e oa:exact ?exact ; "
                      "oa:start ?start ; oa:end ?end ; prov:wasDerivedFrom ?src . ?src schema:text ?text }")
    hits = [(e, s, n, t) for e, s, n, t in got if quote in str(e)]
    assert hits, f"no evidence quoting {quote!r}"
    exact, start, end, text = hits[0]
    assert str(text)[int(start):int(end)] == str(exact)


def test_every_extracted_resource_is_derived_from_the_source(store):
    assert rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a mai:Grant FILTER NOT EXISTS { ?s prov:wasDerivedFrom ?x "
                       "} }") == [(0,)]


def test_the_extraction_report_counts_grants_total_and_persons(store):
    stats = store[1].stats
    assert (stats["grants"], stats["total_amount"], stats["persons"], stats["present"]) == (1, "20000", 68, 54)
