"""An actor whose name holds every word sought comes before a theme concept that has them only as a synonym:
« maison de santé », a synonym of « Exercice coordonné », ranked that concept above the « Maison de santé
pluriprofessionnelle du Pilat », since the concept scored for being the theme asked and for its label's words, which
no one typed. Asked by its label, a theme's concept still comes first.

The corpus: the demo one (``examples/``), ingested by ``maillage ingest``.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from search.query import search
from search.reader import SearchIndex
from webapp.cli import main

BASE = "https://w3id.org/maillage/id/"
THEME = "https://w3id.org/maillage/ontology/theme/"
MSP = BASE + "actor/maison-sante-pluriprofessionnelle-pilat-fictive"
FURAN = BASE + "actor/siren-100000000"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The index of a data directory holding the demo corpus, filled by `maillage ingest`."""
    data = tmp_path_factory.mktemp("synonyms") / "data"
    result = CliRunner().invoke(main, ["--data", str(data), "ingest", "examples"])
    assert result.exit_code == 0, result.output
    return SearchIndex.from_config({"data_dir": str(data)})


def first_two(index: SearchIndex, text: str) -> list[str]:
    return [r["iri"] for r in search(index, text)["results"][:2]]


@pytest.mark.parametrize("text, actor, concept", [
    ("maison de santé", MSP, THEME + "exercice-coordonne"),
    ("maison de sante pluriprofessionnelle", MSP, THEME + "exercice-coordonne"),
    ("santé numérique", FURAN, THEME + "e-sante"),
])
def test_an_actor_named_with_the_words_of_a_synonym_comes_before_the_themes_concept(index, text, actor, concept):
    assert first_two(index, text) == [actor, concept]


def test_a_theme_asked_by_its_label_still_comes_before_its_actors(index):
    assert first_two(index, "exercice coordonné") == [THEME + "exercice-coordonne", MSP]
