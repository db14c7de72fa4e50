"""The association-directory kind: a city's directory of associations (Montpellier's), detected by its header, read
into associations with their acronym, health themes, web site and postal area, without contact data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph.ingest import detect_kind, kind_name
from graph.ingest.association_directory import CATEGORY_THEMES, DOMAIN_THEMES, theme_concepts, detect, extract
from graph.ingest.base import SourceContext
from graph.ingest.pipeline import ingest_paths
from graph.namespaces import MAI, SCHEMA
from graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
SAMPLE = "VilleMTP_MTP_ListeAssoc_2011_sample.csv"
#: The whole directory (2,452 rows), its bytes as published.
REAL = FIXTURES / "VilleMTP_MTP_ListeAssoc_2011.csv"
ACTOR = "https://w3id.org/maillage/id/actor/"
THEME = "https://w3id.org/maillage/ontology/theme/"
MONTPELLIER_HEADER = ("NomAsso,Tel_Asso,Fax_Asso,Mail_Asso,INTERNET,Domaine,Sous-Domaine,Sigle,Adresse,Code_Quartier,"
                      "Code_Sous_Quartier,Circonscription,Canton,Code_Postal,Longitude,Latitude\n")


def run(name: str = SAMPLE):
    return extract(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes()))


def read(text: str, name: str = "annuaire.csv"):
    return extract(SourceContext(Path(name), text.encode("cp1252")))


def row(name="Aides Montpellier", mail="", web="", domain="SANTE", sub="AIDE AUX MALADES", acronym="",
        postcode="34000") -> str:
    return (f"{name},04 67 00 00 00,,{mail},{web},{domain},{sub},{acronym},1  RUE DE LA LOGE,07,24,1,01,{postcode},"
            '"3,87","43,61"\n')


# --- detection -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    MONTPELLIER_HEADER,
    "Nom de l'association;Sigle;Thème;Adresse;Code postal;Commune\n",
    "nom;catégorie;adresse;code postal;commune;RNA;SIRET\n",
    "NomAsso,Tel_Asso,Mail_Asso,Domaine,Sigle\n",  # « type de fichier non reconnu » before this kind
])
def test_a_directory_of_associations_is_detected_by_its_header(header):
    ctx = SourceContext(Path("annuaire.csv"), (header + "A,B,C,D,E,F\n").encode("cp1252"))
    assert (detect(ctx), detect_kind(ctx).name) == (75, "association-directory")


def test_the_montpellier_directory_as_published_is_detected():
    ctx = SourceContext(FIXTURES / SAMPLE, (FIXTURES / SAMPLE).read_bytes())
    assert detect_kind(ctx).name == "association-directory"


@pytest.mark.parametrize("name", ["rna_sample_waldec.csv", "exemple_valide_v2.1.1.csv",
                                  "StockUniteLegale_utf8_sample.csv", "VilleMTP_MTP_Delibs.csv"])
def test_the_other_tables_are_not_taken_for_a_directory(name):
    assert detect(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes())) == 0


def test_a_table_naming_organisations_with_one_directory_column_is_not_a_directory():
    assert detect(SourceContext(Path("liste.csv"), b"nom;adresse;montant\nA;B;1\n")) == 0


@pytest.mark.parametrize("said", ["annuaire", "Annuaire des associations", "association-directory"])
def test_kind_takes_the_directorys_french_names(said):
    assert kind_name(said) == "association-directory"


# --- the rows ------------------------------------------------------------------------------------------------------

def test_the_sample_gives_one_association_a_distinct_name_and_refuses_no_row():
    assert {k: v for k, v in run().stats.items() if k != "warnings"} == {
        "rows_read": 18, "associations": 17, "repeated_rows": 1, "rows_rejected": 0, "encoding": "cp1252"}


def test_the_whole_montpellier_directory_is_read_every_row_kept():
    """2,452 rows, none refused: 2,280 associations, the other 172 rows repeating one of them (its contacts aside,
    the same name, address and domain)."""
    ex = extract(SourceContext(REAL, REAL.read_bytes()))
    repeated = [i for i in ex.issues if i.message.startswith("association déjà décrite")]
    assert (ex.stats["rows_read"], ex.stats["rows_rejected"], ex.stats["associations"], ex.stats["repeated_rows"],
            len(repeated)) == (2452, 0, 2280, 172, 172)
    assert len(set(ex.graph.subjects(RDF.type, MAI.Association))) == 2280


def test_an_association_gets_its_label_acronym_web_site_and_postal_area():
    g = run().graph
    abo, place = URIRef(ACTOR + "bras-ouverts"), URIRef("https://w3id.org/maillage/id/place/code-postal/34090")
    assert [str(g.value(abo, p)) for p in (RDF.type, RDFS.label, SKOS.altLabel, SCHEMA.url, SCHEMA.location)] == [
        str(MAI.Association), "A Bras Ouverts", "ABO", "http://abrasouvert.asso.fr", str(place)]
    assert [str(g.value(place, p)) for p in (RDF.type, RDFS.label)] == [str(SCHEMA.Place), "34090"]
    assert g.value(place, MAI.inseeCode) is None  # a postal code is no INSEE code


def test_a_name_is_read_without_its_surrounding_spaces():
    assert str(run().graph.value(URIRef(ACTOR + "anadolu-montpellier-anatolie"), RDFS.label)) == (
        "Anadolu Association Montpellier Anatolie")


@pytest.mark.parametrize("actor, themes", [
    ("aides-montpellier", ["maladies-chroniques"]),  # SANTE / AIDE AUX MALADES
    ("al-anon-alateen-groupes-familiaux", ["addictions"]),  # SANTE / ALCOOLISME ET TOXICOMANIE
    ("alliance-mondiale-contre-cancer", ["recherche-en-sante"]),  # SANTE / RECHERCHE
    ("bras-ouverts", ["handicap"]),  # SOCIAL ET CITOYENNETE / HANDICAP
    ("accueil-confort-personnes-agees", ["vieillissement"]),  # SOCIAL ET CITOYENNETE / TROISIEME AGE
    ("artsana", []),  # SANTE / THERAPIES: no theme of the scheme
    ("aipals-medecine-travail", []),  # SANTE / DIVERS SANTE
    ("280-communications", []),  # CULTURE / MUSIQUE
])
def test_a_rows_domain_and_sub_domain_give_its_health_themes(actor, themes):
    g = run().graph
    assert sorted(str(t) for t in g.objects(URIRef(ACTOR + actor), DCTERMS.subject)) == [THEME + t for t in themes]


def test_the_raw_domain_is_kept_nowhere():
    assert not {str(o) for o in run().graph.objects()} & {"SANTE", "AIDE AUX MALADES", "CULTURE", "MUSIQUE"}


def test_every_mapped_category_names_a_theme_of_the_scheme():
    assert set(CATEGORY_THEMES.values()) | set(DOMAIN_THEMES.values()) <= set(theme_concepts())


def test_pitfall_30_no_phone_fax_email_coordinates_or_street_is_ingested():
    values = " ".join(str(o) for o in run().graph.objects())
    for personal in ("04 67", "@", "RUE", "43,5", "3,8"):
        assert personal not in values


def test_pitfall_30_an_email_written_as_the_web_site_is_not_stored_nor_shown():
    ex = read(MONTPELLIER_HEADER + row(web="asso@free.fr"))
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [
        (2, "INTERNET", None, "adresse électronique dans INTERNET : non enregistrée (donnée personnelle)")]
    assert "asso@free.fr" not in {str(o) for o in ex.graph.objects()}


def test_a_web_site_that_is_no_web_address_is_warned_of_at_its_field():
    ex = read(MONTPELLIER_HEADER + row(web="htpp://www.example.org"))
    assert [(i.line, i.field, i.value) for i in ex.issues] == [(2, "INTERNET", "htpp://www.example.org")]
    assert ex.graph.value(URIRef(ACTOR + "aides-montpellier"), SCHEMA.url) is None


# --- bad rows ------------------------------------------------------------------------------------------------------

def test_a_row_without_a_name_is_rejected_with_its_line_in_french_and_english():
    ex = read(MONTPELLIER_HEADER + row() + row(name="  "))
    assert [(i.level, i.line, i.field, i.message, i.message_en) for i in ex.issues] == [
        ("error", 3, "NomAsso", "association sans nom : ligne non lue", "association without a name: row not read")]
    assert (ex.stats["associations"], ex.stats["rows_rejected"]) == (1, 1)


@pytest.mark.parametrize("postcode, stored, message", [
    ("34 000", None, "code postal illisible (5 chiffres) : lieu non enregistré"),
    ("1000", "01000", "zéro de tête perdu (passage par un tableur) : code postal lu 01000"),
])
def test_an_unreadable_postal_code_is_warned_of_at_its_field(postcode, stored, message):
    ex = read(MONTPELLIER_HEADER + row(postcode=postcode))
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [(2, "Code_Postal", postcode, message)]
    place = ex.graph.value(URIRef(ACTOR + "aides-montpellier"), SCHEMA.location)
    assert (str(place).rsplit("/", 1)[1] if place else None) == stored


def test_a_repeated_row_adds_to_the_association_of_its_first_line():
    ex = read(MONTPELLIER_HEADER + row() + row(sub="DIVERS SANTE", mail="a@b.fr"))
    assert [(i.line, i.field, i.message) for i in ex.issues] == [
        (3, "NomAsso", "association déjà décrite ligne 2 : ce qu'en dit cette ligne s'y ajoute")]
    assert (ex.stats["associations"], ex.stats["repeated_rows"]) == (1, 1)


def test_an_unreadable_rna_number_is_warned_of_and_the_row_kept_by_its_name():
    ex = read("nom;sigle;domaine;code postal;RNA\nLes Aidants;LA;SANTE;42000;W42\n")
    assert [(i.line, i.field, i.value) for i in ex.issues] == [(2, "RNA", "W42")]
    assert ex.stats["associations"] == 1 and not list(ex.graph.objects(None, MAI.rna))


def test_a_directory_without_a_name_column_is_refused_saying_so():
    from graph.ingest.base import InputError

    with pytest.raises(InputError) as refused:
        read("sigle;domaine;adresse;code postal\nABO;SANTE;1 rue;34000\n")
    assert refused.value.issue.message.startswith("colonnes obligatoires absentes : NomAsso")


# --- one organisation, one actor -----------------------------------------------------------------------------------

GRANTS = ("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"
          "Ville de Montpellier;21340172201787;AIDES MONTPELLIER;;W343000001;1500\n")


def ingest(store, path: Path) -> None:
    failures = []
    ingest_paths(store, [path], on_report=lambda report, error, _: error and failures.append(error))
    assert failures == []


def test_a_name_only_row_joins_the_actor_of_its_name_that_another_source_identified(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    (tmp_path / "subventions.csv").write_text(GRANTS)
    (tmp_path / "annuaire.csv").write_bytes((MONTPELLIER_HEADER + row(acronym="AIDES")).encode("cp1252"))
    ingest(store, tmp_path / "subventions.csv")
    ingest(store, tmp_path / "annuaire.csv")
    themed = [tuple(str(v) for v in r) for r in store.query(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?a ?t WHERE { ?a dcterms:subject ?t }")]
    assert themed == [(ACTOR + "rna-w343000001", THEME + "maladies-chroniques")]


def test_a_name_only_row_does_not_join_either_of_two_identified_namesakes(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    (tmp_path / "subventions.csv").write_text(GRANTS + "Ville de Montpellier;21340172201787;Aides Montpellier;;"
                                                       "W343000002;900\n")
    (tmp_path / "annuaire.csv").write_bytes((MONTPELLIER_HEADER + row()).encode("cp1252"))
    ingest(store, tmp_path / "subventions.csv")
    ingest(store, tmp_path / "annuaire.csv")
    themed = [str(r[0]) for r in store.query(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?a WHERE { ?a dcterms:subject ?t }")]
    assert themed == [ACTOR + "aides-montpellier"]


def test_a_table_of_no_kind_is_told_that_directories_of_associations_are_read():
    from graph.ingest.base import InputError

    with pytest.raises(InputError) as refused:
        detect_kind(SourceContext(Path("agenda.csv"), b"Date,Heure,Lieu,Intervenant\n12/03/2025,14h,Firminy,ARS\n"))
    assert "annuaires d'associations d'une collectivité" in refused.value.issue.message
    assert "local authorities' directories of associations" in refused.value.issue.message_en
