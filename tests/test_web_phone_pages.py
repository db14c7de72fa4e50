"""The explorer's pages as a phone shows them, in their markup and stylesheet: the tables of grants, goals and
memberships name each cell by its column (a phone stacks them, a cell to a line), a finger's links are 24 px
targets on a touch screen, a grant's page says who gives what to whom before its long texts, and the goals of one
PTCE name it once. How they look on the phone: tests/test_browser_phone_pages.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from web_fixture import BASE, DANAECARE, SEM, app_on_fixture, client_with

HTML = {"Accept": "text/html"}
STYLESHEET = Path(__file__).resolve().parent.parent / "webapp" / "static" / "style.css"


class StackedTables(HTMLParser):
    """The stacked tables of a page (``table.stacked``): each one's column headers, with their scope, and each of
    its cells' data-label by the column it stands in."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._in_table = self._in_th = False
        self._column = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._in_table = "stacked" in (attrs.get("class") or "").split()
            if self._in_table:
                self.tables.append({"headers": [], "scopes": [], "cells": []})
        elif self._in_table and tag == "tr":
            self._column = 0
        elif self._in_table and tag == "th":
            self._in_th = True
            self.tables[-1]["headers"].append("")
            self.tables[-1]["scopes"].append(attrs.get("scope"))
        elif self._in_table and tag == "td":
            self.tables[-1]["cells"].append((self._column, attrs.get("data-label")))
            self._column += 1

    def handle_endtag(self, tag):
        if tag == "th":
            self._in_th = False
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data):
        if self._in_th:
            self.tables[-1]["headers"][-1] += data


def stacked_tables(page: str) -> list[dict]:
    parser = StackedTables()
    parser.feed(page)
    return parser.tables


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


# (10) The tables a phone stacks.

@pytest.mark.parametrize("path, tables", [("/", 1), ("/goals", 1), ("/id/actor/danaecare", 2)])
def test_the_tables_of_grants_goals_and_memberships_name_each_cell_by_its_columns_header(client, path, tables):
    found = stacked_tables(client.get(path, headers=HTML).get_data(as_text=True))
    assert len(found) == tables
    for table in found:
        assert table["cells"] and table["scopes"] == ["col"] * len(table["headers"])
        assert all(label == table["headers"][column] for column, label in table["cells"]), table


def test_a_phone_stacks_the_marked_tables_with_their_column_names_silent_to_screen_readers():
    css = STYLESHEET.read_text(encoding="utf-8")
    phone = re.search(r"@media \(max-width: 40rem\) \{\n  table\.stacked.*?\n\}", css, re.S).group(0)
    assert "table.stacked, table.stacked tbody, table.stacked tr, table.stacked td { display: block; }" in phone
    # the labels say the header that a screen reader already says from the table: "/ ''" keeps them silent
    assert 'content: attr(data-label) ": " / "";' in phone


def test_the_goals_table_names_the_goals_rank_column_in_words(client):
    [table] = stacked_tables(client.get("/goals", headers=HTML).get_data(as_text=True))
    assert table["headers"][0] == "N°"


# (10) The goals of one PTCE name it once.

def test_the_goals_of_one_ptce_name_it_once_above_their_table_not_on_each_row_or_card(client):
    page = client.get("/goals", headers=HTML).get_data(as_text=True)
    [table] = stacked_tables(page)
    assert "Pôle" not in table["headers"]
    assert page.count("PTCE santé Loire") == 1 and "Pôle\u00a0: <a" in page
    header = client.get("/goals?format=csv&table=goals").get_data(as_text=True).splitlines()[0]
    assert header.startswith("pole,")  # the CSV keeps its column


ANOTHER_POLE = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{BASE}actor/ptce-autre> a mai:Cooperation ; rdfs:label "PTCE autre" ; mai:hasGoal <{BASE}goal/autre> .
<{BASE}goal/autre> a mai:StrategicGoal ; skos:prefLabel "Un autre objectif"@fr ; skos:notation "1" .
"""


def test_the_goals_of_two_ptces_name_each_goals_pole_in_its_row(tmp_path):
    with client_with(tmp_path, ANOTHER_POLE) as client:
        page = client.get("/goals", headers=HTML).get_data(as_text=True)
    [table] = stacked_tables(page)
    assert table["headers"][0] == "Pôle"
    assert '<td data-label="Pôle"><a href="/id/actor/ptce-autre">PTCE autre</a></td>' in page


# (11) A finger's links on a touch screen.

def test_on_a_touch_screen_alone_standing_links_and_source_numbers_are_24_px_targets():
    css = STYLESHEET.read_text(encoding="utf-8")
    touch = re.search(r"@media \(pointer: coarse\) \{\n.*?\n\}", css, re.S).group(0)
    assert re.search(r":is\(li, dd\) > a[^{]*\{\s*display: inline-block; min-width: 1\.5rem; min-height: 1\.5rem;",
                     touch)
    assert "sup.sources a { display: inline-block; min-width: 1.5rem; line-height: 1.5rem;" in touch
    assert "td > a { padding-block: .2rem; }" in touch
    assert ".results" in touch  # the search page's links are its own page's business


# (12) A grant's page: who gives what to whom first, its long texts last.

GRANT_WITH_CONDITIONS = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}grant/chutes> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ;
    schema:amount "30000"^^xsd:decimal ; schema:currency "EUR" ; mai:fiscalYear 2017 ;
    dcterms:description "Diagnostic au domicile (prévention des chutes)" ;
    mai:decidedBy <{BASE}deliberation/saint-etienne-metropole/2024-00240> ;
    mai:aidForms "aide en numéraire" ; mai:conventionDate "2017-10-12"^^xsd:date ;
    mai:paymentConditions "Une avance unique peut, sur demande du Bénéficiaire, lui être versée." .
"""
FIRST_FACTS = ["financeur", "bénéficiaire", "montant", "exercice budgétaire", "description", "décidée par"]


def test_a_grants_page_says_funder_beneficiary_amount_year_purpose_and_deliberation_first_its_conditions_last(
        tmp_path):
    with client_with(tmp_path, GRANT_WITH_CONDITIONS) as client:
        page = client.get("/id/grant/chutes", headers=HTML).get_data(as_text=True)
    names = re.findall(r'<dt><span title="[^"]*">([^<]*)</span>', page)
    assert names[:6] == FIRST_FACTS and names[-1] == "conditions de versement", names
