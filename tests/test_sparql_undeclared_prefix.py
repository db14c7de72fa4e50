"""An undeclared prefix is named with the PREFIX line to add, wherever the query uses it (graph/sparql.py)."""

from __future__ import annotations

import pytest

from graph.sparql import check_query
from graph.store import QuerySyntaxError

XSD = "<http://www.w3.org/2001/XMLSchema#>"


@pytest.mark.parametrize("text, column", [
    ('PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT ?x WHERE { ?x a mai:Grant . '
     'FILTER(xsd:integer("1") = 1) }', 93),
    ("SELECT (xsd:integer(?o) AS ?n) WHERE { ?s ?p ?o }", 9),
    ('SELECT * WHERE { ?s ?p "1"^^xsd:integer }', 40),  # the engine's place, after the name
])
def test_an_undeclared_prefix_used_as_a_function_or_a_datatype_is_named_with_its_declaration(text, column):
    with pytest.raises(QuerySyntaxError) as raised:
        check_query(text)
    assert str(raised.value) == f"préfixe non déclaré « xsd: » ; ajoutez PREFIX xsd: {XSD}"
    assert raised.value.message_en == f"undeclared prefix 'xsd:'; add PREFIX xsd: {XSD}"
    assert (raised.value.line, raised.value.column) == (1, column)


def test_an_unknown_undeclared_prefix_called_is_named_without_a_declaration():
    with pytest.raises(QuerySyntaxError) as raised:
        check_query("SELECT * WHERE { ?s ?p ?o FILTER(foo:bar(?o)) }")
    assert (str(raised.value), raised.value.message_en) == ("préfixe non déclaré « foo: »", "undeclared prefix 'foo:'")
