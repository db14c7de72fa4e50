"""The current members listed by circle in the circles' rank order, and a proxy whose holder no text names."""

from __future__ import annotations

import pytest
from web_fixture import BASE, PTCE, client_with

CIRCLE = "https://w3id.org/maillage/ontology/circle/"
#: One member in each circle, named so that their circles' labels sort otherwise than their ranks.
MEMBERS_TTL = """
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
""" + "".join(f"""
<{BASE}actor/{circle}-member> a mai:Association ; rdfs:label "Membre {circle}" .
<{BASE}membership/{circle}-member> a org:Membership ; org:member <{BASE}actor/{circle}-member> ;
    org:organization <{PTCE}> ; org:role <{CIRCLE}{circle}> ; mai:joinedOn "2020-01-01"^^xsd:date .
""" for circle in ("financeurs", "partenaires", "operationnel"))

#: A deliberation whose text names who voted by proxy, not who held the proxies (Montpellier's acts).
PROXIES_TTL = f"""
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix mai: <https://w3id.org/maillage/ontology#> .
<{BASE}deliberation/montpellier/2014-171> a mai:Deliberation ; mai:proxy <{BASE}proxy/montpellier/2014-171/jannin> .
<{BASE}proxy/montpellier/2014-171/jannin> a mai:Proxy ; mai:from <{BASE}person/stephanie-jannin> .
<{BASE}person/stephanie-jannin> a foaf:Person ; rdfs:label "Stéphanie JANNIN" .
"""


def test_current_members_by_circle_come_in_the_circles_rank_order_as_partners_by_circle(tmp_path):
    with client_with(tmp_path, MEMBERS_TTL) as client:
        for name in ("membres-actuels-par-cercle", "partenaires-par-cercle"):
            rows = client.get(f"/api/queries/{name}").get_json()["rows"]
            circles = list(dict.fromkeys(row["circle"]["iri"].rsplit("/", 1)[1] for row in rows if row.get("circle")))
            assert circles == ["coeur", "operationnel", "partenaires", "financeurs"], name


@pytest.mark.parametrize("lang,name", [("fr", "pouvoir de Stéphanie JANNIN (porteur non nommé)"),
                                       ("en", "proxy from Stéphanie JANNIN (holder not named)")])
def test_a_proxy_without_a_holder_is_named_after_its_giver_not_its_iri(tmp_path, lang, name):
    with client_with(tmp_path, PROXIES_TTL) as client:
        page = client.get("/id/deliberation/montpellier/2014-171", query_string={"lang": lang},
                          headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f'<a href="/id/proxy/montpellier/2014-171/jannin">{name}</a>' in page
