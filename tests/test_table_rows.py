"""A table's rows, written in Python (webapp.views.table_rows) for the ``table`` macro: each cell as the template
wrote it — a value by ``cell``, an empty one filled or blank by its column, a row's « Pourquoi ? » after its first
value, what a column adds after its value, a phone's data-labels, « … » kept whole. Both tests passed on the
template's own loops before."""

from __future__ import annotations

import pytest
from flask import render_template_string

from webapp import create_app
from webapp.page_data import Ref, Table

MACRO = '{% from "macros.html" import table with context %}'


@pytest.fixture
def render(tmp_path):
    app = create_app({"store": "memory", "data_dir": str(tmp_path / "data")})

    def render(source: str, **values) -> str:
        with app.test_request_context("/?lang=fr"):
            page = render_template_string(MACRO + source, **values)
        return page[page.index("<tbody>") + len("<tbody>"):page.index("</tbody>")]

    return render


def test_each_cell_is_its_value_its_fill_or_its_blank_with_the_rows_quotes_after_the_first(render):
    grants = Table("grants", [("grant", "Subvention"), ("year", "Année"), ("amount", "Montant")],
                   rows=[{"grant": Ref("https://w3id.org/maillage/id/grant/a", "Aide « santé »"), "amount": 20000,
                          "decided": "Décision du 12 mars"},
                         {"grant": Ref(None, "Une aide <sans> adresse"), "year": 2024, "amount": None}],
                   blanks={"year": "année inconnue"}, fills={"amount": "decided"})
    quotes = {"https://w3id.org/maillage/id/grant/a": [{"quote": "20 000 €", "source": None},
                                                       {"quote": "autre", "supports": "amount"}]}
    rows = render('{{ table(grants, {"grant": "Sub<v>", "year": "Année", "amount": "Montant"}, money=("amount",), '
                  'quotes=quotes, stacked=True) }}', grants=grants, quotes=quotes)
    first, second = rows.strip("\n").split("\n", 1)[0], rows.strip("\n").split("</tr>\n")[1]
    assert first.startswith('<tr><td data-label="Sub&lt;v&gt;"><a href="/id/grant/a">Aide «\xa0santé\xa0»</a>'
                            '<details class="why">')
    assert rows.count('<details class="why">') == 1 and "autre" not in rows  # the quote of its amount is not the row's
    assert '<td data-label="Année">année inconnue</td><td class="num" data-label="Montant">20\u202f000\xa0€</td>' \
        in rows
    assert second == ('<tr><td data-label="Sub&lt;v&gt;">Une aide &lt;sans&gt; adresse</td>'
                      '<td data-label="Année">2024</td><td class="num" data-label="Montant"></td></tr>')


def test_an_empty_table_says_so_across_its_columns_and_a_column_may_add_after_its_value(render):
    empty = Table("t", [("a", "A"), ("b", "B")])
    assert render("{{ table(empty, {}) }}", empty=empty) == '\n<tr><td colspan="2">Aucun résultat.</td></tr>\n\n'
    goals = Table("goals", [("goal", "Objectif"), ("actors", "Acteurs")], rows=[{"goal": "Prévenir", "actors": 3,
                                                                                "former": 1}])
    rows = render('{% macro former(row) %} (+{{ row.former }} ancien){% endmacro %}'
                  '{{ table(goals, {}, after={"actors": former}) }}', goals=goals)
    assert rows == "\n<tr><td>Prévenir</td><td>3 (+1 ancien)</td></tr>\n\n"
