"""What a health-promotion officer sought by theme and did not find (blind test u15): the words of a deliberation's
own text, the people who took part in it, a grant by the number of the deliberation that decided it, grants that say
a theme's synonym, and the short words the sector writes (« seniors », « PA », « psy », an association's initials).

The corpora: the demo one (``examples/``), and a small SCDL grants file written here, both ingested by ``maillage
ingest``.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from search.query import search
from search.reader import SearchIndex
from search.synonyms import expansions, initials, term_set
from webapp.cli import main

BASE = "https://w3id.org/maillage/id/"
THEME = "https://w3id.org/maillage/ontology/theme/"
DELIBERATION = BASE + "deliberation/siren-244200770/2024-00240"
GRANT = BASE + "grant/siren-244200770/2024-00240/danaecare"

#: Grants of a département whose purposes say a theme's synonym, or the sector's abbreviation, and an association
#: known by its initials.
GRANTS = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,objet,montant,"
          "nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention\n"
          "Département de la Somme,22800001400016,2017-03-02,CP 2017-01,Un pied sur le terrain,,"
          "Promotion de l'activité physique adaptée,32000,aide en numéraire,unique,2017-04-01,,non,1\n"
          "Département de la Somme,22800001400016,2017-03-02,CP 2017-01,Synapse Picardie,,"
          "Accès au numérique des PA,80000,aide en numéraire,unique,2017-04-01,,non,1\n"
          "Département de la Somme,22800001400016,2017-03-02,CP 2017-01,Aide à Domicile en Milieu Rural,,"
          "Projet de territoire,47174,aide en numéraire,unique,2017-04-01,,non,1\n")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The index of a data directory holding the demo corpus."""
    data = tmp_path_factory.mktemp("officer") / "data"
    result = CliRunner().invoke(main, ["--data", str(data), "ingest", "examples"])
    assert result.exit_code == 0, result.output
    return SearchIndex.from_config({"data_dir": str(data)})


@pytest.fixture(scope="module")
def grants(tmp_path_factory):
    """The index of a data directory holding the grants file above."""
    root = tmp_path_factory.mktemp("officer-grants")
    (root / "subventions-somme.csv").write_text(GRANTS, encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(root / "data"), "ingest", str(root / "subventions-somme.csv")])
    assert result.exit_code == 0, result.output
    return SearchIndex.from_config({"data_dir": str(root / "data")})


def found(index: SearchIndex, text: str) -> list[str]:
    return [r["iri"] for r in search(index, text)["results"]]


def labels(index: SearchIndex, text: str) -> list[str]:
    return [r["label"] for r in search(index, text)["results"]]


@pytest.mark.parametrize("text", ["circuits courts", "agriculture", "emplois", "douzaine de pays"])
def test_the_words_of_a_deliberations_text_find_it(demo, text):
    assert DELIBERATION in found(demo, text)


def test_a_deliberation_found_by_its_title_comes_before_one_found_by_its_text(demo):
    assert found(demo, "PROCESS")[:2] == [DELIBERATION, GRANT]


@pytest.mark.parametrize("text", ["tiers-lieu", "relation soignant-soigné"])
def test_an_actor_comes_before_the_deliberation_whose_text_only_adds_words_about_it(demo, text):
    ranked = found(demo, text)
    assert ranked.index(BASE + "actor/danaecare") < ranked.index(DELIBERATION)


@pytest.mark.parametrize("text", ["Sylvie FAYOLLE", "sylvie fayolle", "Andonella FLECHET"])
def test_a_councillor_who_took_part_in_a_session_finds_its_deliberations(demo, text):
    assert found(demo, text)[:1] == [DELIBERATION]


def test_the_number_of_a_deliberation_finds_the_grant_it_decided(demo):
    assert GRANT in found(demo, "2024.00240")


@pytest.mark.parametrize("text", ["sport-santé", "APA"])
def test_a_theme_asked_finds_the_grants_that_say_one_of_its_synonyms(grants, text):
    assert "Subvention de 32 000 € à Un pied sur le terrain (2017)" in labels(grants, text)


@pytest.mark.parametrize("text, theme", [("seniors", "vieillissement"), ("psy", "sante-mentale")])
def test_the_sectors_short_words_name_their_themes(grants, text, theme):
    assert THEME + theme in found(grants, text)


@pytest.mark.parametrize("text", ["PA", "personnes âgées", "vieillissement"])
def test_older_people_written_pa_in_capitals_are_found(grants, text):
    assert "Subvention de 80 000 € à Synapse Picardie (2017)" in labels(grants, text)


def test_pa_in_lowercase_is_not_older_people():
    assert expansions(["le pa de la porte"], term_set(["le pa de la porte"])) == []


def test_an_association_is_found_by_the_initials_of_its_name(grants):
    assert labels(grants, "ADMR")[:1] == ["Aide à Domicile en Milieu Rural"]


@pytest.mark.parametrize("name, expected", [
    ("Aide à Domicile en Milieu Rural", ["ADMR"]),
    ("Association Aide à Domicile en Milieu Rural", ["AADMR", "ADMR"]),
    ("Les Aidants du Gier", []),
    ("Mutuelle 42 Loire Forez", []),
])
def test_the_initials_of_a_name_leave_out_its_stop_words_and_need_four_words(name, expected):
    assert initials(name) == expected
