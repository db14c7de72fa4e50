"""A deliberation copied from a web page as Markdown: a quote's marks at a line's start and a run in emphasis by one
star or one underscore neither hide a value nor stick to it (an ACTES id keeps its own underscores), and a
metropole's bureau named "Bureau de la Métropole" is the Bureau Métropolitain, as the fixtures name it.
"""

from __future__ import annotations

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_session import find_body
from graph.ingest.delib_web_text import markdown_to_plain

_PAGE = """# Bureau de la Métropole — séance du 14 mars 2024

**Métropole Rouen-Fictive**

{number}

Le Bureau, après en avoir délibéré, attribue une subvention de fonctionnement de **4 000 €** à l'association
Psycom'Seine.

**Vote :** adopté à l'unanimité.

{actes}
"""


@pytest.mark.parametrize("number", ["> Délibération **B 2024-0156** · Publiée le 20 mars 2024",
                                    "> Délibération B 2024-0156",
                                    "> > Délibération n° B 2024-0156",
                                    "Délibération *B 2024-0156*"])
@pytest.mark.parametrize("actes", ["*Identifiant ACTES : 076-200023414-20240314-B2024_0156-DE*",
                                   "_Identifiant ACTES : 076-200023414-20240314-B2024_0156-DE_",
                                   "> Identifiant ACTES : 076-200023414-20240314-B2024_0156-DE"])
def test_quote_and_emphasis_marks_neither_hide_nor_stick_to_the_number_and_the_actes_id(tmp_path, number, actes):
    path = tmp_path / "page.md"
    path.write_text(_PAGE.format(number=number, actes=actes), encoding="utf-8")
    facts = deliberation_facts(extract_fixture(path).graph)
    assert (facts["number"], facts["actes_id"]) == ("B 2024-0156", "076-200023414-20240314-B2024_0156-DE")


@pytest.mark.parametrize("markdown, plain", [
    ("> Délibération n° 12", "Délibération n° 12"),
    ("*Identifiant : 99_DE-1*", "Identifiant : 99_DE-1"),
    ("_99_DE-1_ et 99_DE-2", "99_DE-1 et 99_DE-2"),
    ("* un point de liste *en italique*", "* un point de liste en italique"),
    ("la clé B2024_0156 et 2 * 3 * 4", "la clé B2024_0156 et 2 * 3 * 4"),
])
def test_markdown_made_plain_drops_quote_and_single_emphasis_marks_only(markdown, plain):
    assert markdown_to_plain(markdown) == plain


@pytest.mark.parametrize("heading, body", [
    ("Bureau de la Métropole — séance du 14 mars 2024", "Bureau Métropolitain"),
    ("BUREAU DE LA COMMUNAUTÉ — séance du 14 mars 2024", "Bureau Communautaire"),
    ("BUREAU — séance du 14 mars 2024", "Bureau"),
])
def test_a_bureau_named_after_its_metropole_or_communaute_is_that_bureau(heading, body):
    assert find_body(f"{heading}\nLe Bureau, après en avoir délibéré, décide d'attribuer …") == body
