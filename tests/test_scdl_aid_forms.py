"""A grants list's ``nature`` cell that lists both forms of aid as people write them (a comma, "et", a slash) keeps
both, as the ``;`` that SCDL writes does; a part that is no form of aid is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI

HEAD = "nomAttribuant;idAttribuant;nomBeneficiaire;rnaBeneficiaire;montant;nature"


def listed(nature: str):
    row = f"Saint-Etienne Métropole;24420077000018;Asso;W423014600;20000;\"{nature}\""
    return extract(SourceContext(Path("list.csv"), "\n".join([HEAD, row, ""]).encode()))


@pytest.mark.parametrize("nature", ["aide en numéraire;aide en nature", "aide en numéraire, aide en nature",
                                    "aide en numéraire et en nature", "Aide en numéraire / aide en nature"])
def test_both_forms_of_aid_are_kept_whatever_separates_them(nature):
    ex = listed(nature)
    assert set(ex.graph.objects(None, MAI.aidForms)) == {Literal("aide en numéraire;aide en nature")}
    assert [i.message for i in ex.issues] == []


def test_a_part_of_the_nature_that_is_no_form_of_aid_is_said_with_what_was_read():
    ex = listed("aide en nature, prêt de salle")
    assert set(ex.graph.objects(None, MAI.aidForms)) == {Literal("aide en nature")}
    assert [(i.line, i.field, i.message) for i in ex.issues] == [
        (2, "nature", "nature en partie non reconnue (« prêt de salle ») : lue « aide en nature »")]
