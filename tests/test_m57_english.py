"""The English labels of the M57 accounts (``graph.ingest.m57_english``): every account of ``ontology/m57.ttl`` has
one French and one English preferred label, the translation table matches the scheme exactly, the shipped file is
what the generator writes, a French term always gives the same English one, and an English page names a grant's
budget account in English (a French page in French)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS
from web_fixture import GRANT, client_with

from graph.ingest import m57_to_skos
from graph.ingest.m57_english import ENGLISH, TERMS
from graph.ingest.m57_to_skos import Account, UntranslatedAccounts, accounts_to_turtle

M57 = "https://w3id.org/maillage/ontology/m57/"
HTML = {"Accept": "text/html"}
#: Names that read alike in both languages.
SAME_IN_ENGLISH = {"SNCF", "SNCF Réseau"}


@cache
def shipped_text() -> str:
    return resources.files("ontology").joinpath("m57.ttl").read_text(encoding="utf-8")


@cache
def shipped() -> Graph:
    return Graph().parse(data=shipped_text(), format="turtle")


def concepts() -> list[URIRef]:
    return sorted(shipped().subjects(RDF.type, SKOS.Concept))


def french_label(concept: URIRef) -> str:
    return next(str(label) for label in shipped().objects(concept, SKOS.prefLabel) if label.language == "fr")


def english_of(concept: URIRef) -> str:
    return next(str(label) for label in shipped().objects(concept, SKOS.prefLabel) if label.language == "en")


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def has_words(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", fold(text)) is not None


def test_every_account_has_exactly_one_french_and_one_english_preferred_label():
    languages = {concept: sorted(label.language for label in shipped().objects(concept, SKOS.prefLabel))
                 for concept in concepts()}
    assert len(languages) == 280
    assert {c: langs for c, langs in languages.items() if langs != ["en", "fr"]} == {}


def test_the_table_translates_every_account_and_has_no_entry_that_no_account_uses():
    french = {french_label(concept) for concept in concepts()}
    assert (sorted(french - set(ENGLISH)), sorted(set(ENGLISH) - french)) == ([], [])


def test_the_shipped_scheme_is_what_the_generator_writes_from_its_accounts_and_the_table():
    """Read back from the file (codes in the file's order, French labels, parents), the accounts give the file again
    byte for byte: a table edited without regenerating ``ontology/m57.ttl`` fails here."""
    graph = shipped()
    order = re.findall(r"^m57:(\S+) a skos:Concept ;$", shipped_text(), flags=re.MULTILINE)
    accounts = [Account(code, french_label(URIRef(M57 + code)),
                        next((str(p)[len(M57):] for p in graph.objects(URIRef(M57 + code), SKOS.broader)), None))
                for code in order]
    assert accounts_to_turtle(accounts, "M57_P", "2024") == shipped_text()


def test_a_french_term_always_gives_its_english_term():
    broken = [(french, english, term) for french, english in ENGLISH.items() for term, wanted in TERMS
              if has_words(french, term) and wanted.casefold() not in english.casefold()]
    assert broken == []


def test_every_term_of_the_glossary_is_in_some_label():
    assert [term for term, _ in TERMS if not any(has_words(french, term) for french in ENGLISH)] == []


def test_no_english_label_is_the_french_one_but_for_names():
    assert sorted(french for french, english in ENGLISH.items() if english == french) == sorted(SAME_IN_ENGLISH)


def test_an_account_without_an_english_label_is_refused_with_its_number_and_label():
    accounts = [Account("65", "Autres charges de gestion courante", None), Account("6599", "Compte nouveau", "65")]
    with pytest.raises(UntranslatedAccounts) as raised:
        accounts_to_turtle(accounts, "M57_P", "2025")
    assert [a.code for a in raised.value.accounts] == ["6599"]
    assert str(raised.value).splitlines() == [
        "Comptes sans libellé anglais dans graph/ingest/m57_english.py : 6599 « Compte nouveau ».",
        "Accounts without an English label in graph/ingest/m57_english.py: 6599 « Compte nouveau »."]


def test_the_generator_stops_on_a_chart_with_an_untranslated_account_and_writes_nothing(tmp_path, capsys):
    chart = tmp_path / "planDeCompte_M57_P_2025.xml"
    chart.write_text('<Nomenclature Norme="M57" Declinaison="M57_P" Exer="2025"><Nature><Comptes>'
                     '<Compte Code="65" Libelle="Autres charges de gestion courante">'
                     '<Compte Code="6599" Libelle="Compte nouveau"/></Compte></Comptes></Nature></Nomenclature>',
                     encoding="utf-8")
    assert m57_to_skos.main([str(chart)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{chart}: Comptes sans libellé anglais dans graph/ingest/m57_english.py : 6599 « Compte nouveau ».",
        "Accounts without an English label in graph/ingest/m57_english.py: 6599 « Compte nouveau »."]


@pytest.fixture(scope="module")
def imputed(tmp_path_factory):
    """The fixture's grant imputed to account 65748 « Autres personnes de droit privé »."""
    turtle = f"<{GRANT}> <https://w3id.org/maillage/ontology#budgetNature> <{M57}65748> .\n"
    with client_with(tmp_path_factory.mktemp("m57-account"), turtle, "account.ttl") as client:
        yield client


FRENCH, ENGLISH_65748 = "Autres personnes de droit privé", "Other private-law persons"


@pytest.mark.parametrize("lang, shown, hidden", [("en", ENGLISH_65748, FRENCH), ("fr", FRENCH, ENGLISH_65748)])
def test_a_grants_page_names_its_budget_account_in_the_pages_language(imputed, lang, shown, hidden):
    """The link to the account reads its label in the page's language, and is not marked as French on an English
    page (it was: « Autres personnes de droit privé », lang="fr")."""
    page = imputed.get(f"/resource?iri={GRANT}&lang={lang}", headers=HTML).get_data(as_text=True)
    assert re.findall(r'<a href="/ontology/m57/65748"([^>]*)>([^<]*)</a>', page) == [("", shown)]
    assert hidden not in page
