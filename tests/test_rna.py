"""The RNA kind: both layouts, W numbers hidden in observation, null dates, dissolved associations, no personal data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from graph.ingest.base import SourceContext
from graph.ingest.rna import detect, extract
from graph.namespaces import MAI, SCHEMA

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"


def run(name):
    return extract(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes()))


@pytest.mark.parametrize("name, associations, rejected", [
    ("rna_sample_waldec.csv", 3, 0), ("rna_sample_import.csv", 3, 0), ("reencode_test.csv", 9, 0)])
def test_rna_extracts_import_completely(name, associations, rejected):
    stats = run(name).stats
    assert (stats["associations"], stats["rows_rejected"]) == (associations, rejected)


def test_a_waldec_row_gives_the_association_its_place_and_founding_date():
    g = run("rna_sample_waldec.csv").graph
    ariadne, place = (URIRef("https://w3id.org/maillage/id/actor/rna-w012000002"),
                      URIRef("https://w3id.org/maillage/id/place/69266"))
    assert [str(g.value(ariadne, p)) for p in (RDFS.label, MAI.rna, SCHEMA.foundingDate, SCHEMA.location)] == [
        "ARIADNE", "W012000002", "1983-10-10", str(place)]
    assert [str(g.value(place, p)) for p in (RDF.type, MAI.inseeCode, RDFS.label)] == [
        str(SCHEMA.Place), "69266", "Villeurbanne"]


def test_pitfall_15_rna_null_dates_give_no_date():
    g = run("rna_sample_waldec.csv").graph
    assert g.value(URIRef("https://w3id.org/maillage/id/actor/rna-w012000002"), SCHEMA.dissolutionDate) is None


def test_a_dissolved_association_is_flagged_with_its_date():
    ex = run("rna_sample_waldec.csv")
    owl = URIRef("https://w3id.org/maillage/id/actor/rna-w632007046")
    assert (str(ex.graph.value(owl, SCHEMA.dissolutionDate)), [(i.line, i.message) for i in ex.issues]) == (
        "2015-01-20", [(2, "association dissoute le 2015-01-20")])


IMPORT_HEADER = ("id;id_ex;siret;gestion;date_creat;date_publi;nature;groupement;titre;objet;objet_social1;"
                 "objet_social2;adrs_codeinsee;observation;position\n")


@pytest.mark.parametrize("observation, day", [
    ("dissoute le 14/05/2008", "2008-05-14"), ("W691000123 - Dissolution du 3 mars 2010", "2010-03-03"),
    ("supprimée en date du 2011-02-01", "2011-02-01"), ("", None),
])
def test_a_dissolved_association_of_the_import_layout_gets_the_date_its_observation_gives(observation, day):
    ex = extract(SourceContext(Path("rna_import.csv"), (
        IMPORT_HEADER + f"691P00077001;;;691P;1979-06-12;;D;S;CERCLE;entraide;010010;000000;69123;{observation};D\n"
    ).encode()))
    dissolved = list(ex.graph.objects(None, SCHEMA.dissolutionDate))
    assert ([str(d) for d in dissolved], [i.message for i in ex.issues if i.field == "position"]) == (
        [day] if day else [], [f"association dissoute le {day} (date lue dans observation)" if day else
                               "association dissoute"])


def test_pitfall_19_the_import_layout_w_number_comes_from_observation():
    g = run("rna_sample_import.csv").graph
    assert sorted(str(o) for o in g.objects(None, MAI.rna)) == ["W751085568", "W751184848", "W751188854"]


def test_pitfall_7_replacement_characters_are_flagged():
    assert [i.line for i in run("reencode_test.csv").issues if "U+FFFD" in i.message][:3] == [2, 3, 4]


@pytest.mark.parametrize("title, objet, fields", [
    ("ASSOCIATION DES AIDANTS D\ufffdAJACCIO", "aide aux aidants", ["titre"]),
    ("AIDANTS", "aide aux aidants \ufffd domicile", ["objet"]),
])
def test_pitfall_7_a_replacement_character_in_a_name_or_a_text_is_warned_with_its_line_and_field(title, objet,
                                                                                                 fields):
    header = "id;siret;gestion;date_creat;titre;objet;adrs_codeinsee;position\n"
    row = f"W2A1004321;;2A1P;2018-07-01;{title};{objet};2A004;A\n"
    ex = extract(SourceContext(Path("rna.csv"), (header + row).encode()))
    assert [(i.level, i.line, i.field, i.message) for i in ex.issues] == [
        ("warning", 2, field, "caractères perdus (U+FFFD), déjà dans le fichier : valeur à vérifier à sa source")
        for field in fields]


def test_pitfall_4_mojibake_repaired_in_an_rna_extract_is_warned_as_in_a_grants_list():
    header = "id;siret;gestion;date_creat;titre;objet;adrs_codeinsee;position\n"
    row = "W381005555;;381P;1978-10-02;ASSOCIATION DES PARALYSÃ‰S DE Lâ€™ISÃˆRE;aide;38185;A\n"
    ex = extract(SourceContext(Path("rna.csv"), (header + row).encode()))
    assert [(i.level, i.line, i.field, i.message) for i in ex.issues] == [
        ("warning", 2, "titre", "texte réparé (encodage) : « ASSOCIATION DES PARALYSÉS DE L’ISÈRE »")]
    assert str(ex.graph.value(URIRef("https://w3id.org/maillage/id/actor/rna-w381005555"), RDFS.label)) == (
        "ASSOCIATION DES PARALYSÉS DE L’ISÈRE")


def test_pitfall_30_no_phone_email_or_civility_is_ingested():
    g = run("rna_sample_waldec.csv").graph
    values = {str(o) for o in g.objects()}
    assert not values & {"0676561853", "PP", "PM", "35  RUE PASCAL"}


@pytest.mark.parametrize("name, score", [("rna_sample_waldec.csv", 90), ("rna_sample_import.csv", 90),
                                         ("exemple_valide_v2.1.1.csv", 0), ("StockUniteLegale_utf8_sample.csv", 0)])
def test_detection_scores_rna_extracts_only(name, score):
    assert detect(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes())) == score


def test_pitfall_18_a_siret_with_a_float_suffix_is_read():
    header = ("id;id_ex;siret;gestion;date_creat;date_decla;date_publi;date_disso;nature;groupement;titre;objet;"
              "adrs_codeinsee;adrs_codepostal;adrs_libcommune;position;maj_time\n")
    row = "W061000102;;40261754200012.0;061P;2014-06-17;;;0001-01-01;D;S;ASSO;objet;06004;06600;Antibes;A;\n"
    ex = extract(SourceContext(Path("rna.csv"), (header + row).encode()))
    assert ([str(s) for s in ex.graph.objects(None, MAI.siret)], ex.issues) == (["40261754200012"], [])


def test_pitfall_18_a_siret_that_lost_its_leading_zeros_is_restored_with_a_warning():
    header = ("id;id_ex;siret;gestion;date_creat;date_decla;date_publi;date_disso;nature;groupement;titre;objet;"
              "adrs_codeinsee;adrs_codepostal;adrs_libcommune;position;maj_time\n")
    row = "W061000102;;552013500004;061P;2014-06-17;;;0001-01-01;D;S;ASSO;objet;06004;06600;Antibes;A;\n"
    ex = extract(SourceContext(Path("rna.csv"), (header + row).encode()))
    assert [str(s) for s in ex.graph.objects(None, MAI.siret)] == ["00552013500004"]
    assert [(i.field, i.message) for i in ex.issues] == [
        ("siret", "zéros de tête perdus (passage par un tableur) : lu 00552013500004")]


def test_an_association_whose_record_comes_twice_is_described_by_the_later_one_its_former_title_a_variant():
    """Before and after a change of title: the older title stayed the label, the association described twice."""
    header = "id;id_ex;siret;gestion;date_creat;titre;objet;objet_social1;adrs_codeinsee;position;maj_time\n"
    text = (header + "W423001234;;;423P;1998-03-15;MAISON DES AIDANTS DU GIER ET DU PILAT;Nouvel objet;;42186;A;"
            "2024-06-01 10:00:00\nW423001234;;;423P;1998-03-15;MAISON DES AIDANTS DU GIER;Ancien objet;;42186;A;"
            "2024-01-01 10:00:00\n")
    ex = extract(SourceContext(Path("rna.csv"), text.encode()))
    actor = URIRef("https://w3id.org/maillage/id/actor/rna-w423001234")
    assert str(ex.graph.value(actor, RDFS.label)) == "MAISON DES AIDANTS DU GIER ET DU PILAT"
    assert [str(d) for d in ex.graph.objects(actor, URIRef("http://purl.org/dc/terms/description"))] == ["Nouvel objet"]
    assert "MAISON DES AIDANTS DU GIER" in {str(n) for n in ex.graph.objects(actor, URIRef(
        "http://www.w3.org/2004/02/skos/core#altLabel"))}
    assert ex.stats["associations"] == 1
    assert [(i.line, i.message) for i in ex.issues if "plus récente" in i.message] == [
        (3, "numéro RNA W423001234 repris ligne 2 par une fiche plus récente (maj_time) : celle-ci est laissée de côté")]


def test_a_founding_date_in_the_future_is_warned_of_and_not_stored():
    header = "id;id_ex;siret;gestion;date_creat;titre;objet;objet_social1;adrs_codeinsee;position\n"
    ex = extract(SourceContext(Path("rna.csv"), (header + "W423000777;;;423P;2030-01-01;CLUB;Sport;;42186;A\n").encode()))
    assert list(ex.graph.objects(None, SCHEMA.foundingDate)) == []
    assert [(i.line, i.field, i.message) for i in ex.issues if "futur" in i.message] == [
        (2, "date_creat", "date de création dans le futur (2030-01-01) : ignorée")]
