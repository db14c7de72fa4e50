"""The warning about grants whose shares (pourcentageSubvention) do not add up to 100 %: one a grant while they are
few, one for all of them when more than GROUPED_AFTER fall short for one reason (Antibes' list, which gives a
co-financing rate on 27 rows, said it 27 times, 33 warnings on the upload page)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib.namespace import RDF

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
HEAD = "nomAttribuant;idAttribuant;nomBeneficiaire;idSubvention;montant;pourcentageSubvention"


def listed(*rows: str):
    return extract(SourceContext(Path("list.csv"), "\n".join([HEAD, *rows, ""]).encode()))


def share_warnings(ex, lang: str = "fr") -> list[tuple[int, str]]:
    return [(i.line, i.message if lang == "fr" else i.message_en) for i in ex.issues
            if i.field == "pourcentageSubvention"]


def test_more_than_three_grants_short_of_their_whole_are_one_warning_with_each_share_and_all_lines():
    ex = listed("Ville;;Club;;1000;0,5", "Ville;;Amicale;;2000;0,25", "Ville;;Chorale;S3;400;0,5",
                "Ville;;Théâtre;S3;400;0,25", "Ville;;Cercle;;100;0,1", "Ville;;Ligue;;3000;1",
                "Ville;;Atelier;;800;0,2", "Ville;;Bibliothèque;;10;0,3")
    assert share_warnings(ex) == [(2, (
        "les parts (pourcentageSubvention) de 6 subventions ne font pas 100 % (lignes 2 à 6, 8 à 9), mais 50 % "
        "(ligne 2), 25 % (ligne 3), 75 % (lignes 4, 5), 10 % (ligne 6), 20 % (ligne 8)… : les autres bénéficiaires "
        "ne sont pas dans le fichier, ou la colonne donne un taux de cofinancement ; montants indiqués 4 310 € en "
        "tout, montants retenus 1 473 €"))]
    assert share_warnings(ex, "en")[0][1].startswith(
        "the shares (pourcentageSubvention) of 6 grants do not add up to 100 % (lines 2 to 6, 8 to 9), but 50 % "
        "(line 2), 25 % (line 3), 75 % (lines 4, 5), 10 % (line 6), 20 % (line 8)…: the other beneficiaries")


def test_grouping_the_warning_changes_no_amount_kept():
    ex = listed("Ville;;Club;;1000;0,5", "Ville;;Amicale;;2000;0,25", "Ville;;Chorale;;400;0,5",
                "Ville;;Cercle;;100;0,1")
    amounts = {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, SCHEMA.amount).toPython()
               for g in ex.graph.subjects(RDF.type, MAI.Grant)}
    assert amounts == {2: Decimal(500), 3: Decimal(500), 4: Decimal(200), 5: Decimal(10)}
    assert [line for line, _ in share_warnings(ex)] == [2]


def test_three_grants_short_of_their_whole_keep_a_warning_each():
    ex = listed("Ville;;Club;;1000;0,5", "Ville;;Amicale;;2000;0,25", "Ville;;Chorale;;400;0,5")
    assert [(line, message[:71]) for line, message in share_warnings(ex)] == [
        (2, "les parts (pourcentageSubvention) de cette subvention font 50 %, et non"),
        (3, "les parts (pourcentageSubvention) de cette subvention font 25 %, et non"),
        (4, "les parts (pourcentageSubvention) de cette subvention font 50 %, et non")]


def test_antibes_list_says_its_27_shares_short_of_the_whole_once():
    path = FIXTURES / "exemple_valide_v2.1.1.csv"
    ex = extract(SourceContext(path, path.read_bytes()))
    [(line, message)] = share_warnings(ex)
    assert (line, sum(i.level == "warning" for i in ex.issues)) == (2, 7)  # 33 when each row said its own
    assert message.startswith("les parts (pourcentageSubvention) de 27 subventions ne font pas 100 % (lignes 2 à "
                              "20, 22 à 29), mais 5 % (ligne 2), 10 % (ligne 3), 15 % (ligne 4), 20 % (ligne 5), "
                              "25 % (ligne 6)… : les autres bénéficiaires")
    # the stated and kept totals of the 27 rows: the list's totals but row 21's 558 000 €, given whole
    assert message.endswith("montants indiqués 2 263 393,50 € en tout, montants retenus 1 135 684,86 €")
