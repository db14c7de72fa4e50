"""One branch of a body named branch first (« Comité du Gard de la Ligue contre le cancer ») and body first (« Ligue
contre le cancer – comité du Gard ») is one actor, in one source or two, in deliberations and grants lists alike;
the body named alone stays the body, and another branch another actor."""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from test_identity_branches import deliberation

FIRST, AFTER = "Comité du Gard de la Ligue contre le cancer", "Ligue contre le cancer – comité du Gard"
BODY, HERAULT = "Ligue contre le cancer", "Ligue contre le cancer – comité de l'Hérault"
#: What each deliberation decides, by its file's name.
GRANTS_TO = {
    "first": f"DÉCIDE d'attribuer une subvention de 1 500 € au {FIRST}.",
    "after": f"DÉCIDE d'attribuer une subvention de 2 000 € à la {AFTER}.",
    "body": f"DÉCIDE d'attribuer une subvention de 700 € à la {BODY}.",
    "herault": f"DÉCIDE d'attribuer une subvention de 400 € à la {HERAULT}.",
    "both": f"ATTRIBUE les subventions suivantes :\n- {FIRST} : 300 € ;\n- {AFTER} : 500 €.",
}
#: The rows of each grants list, by its file's name.
ROWS_OF = {"list-first": [f"{FIRST};1500"], "list-after": [f"{AFTER};2000"],
           "list-both": [f"{FIRST};300", f"{AFTER};500"]}
ACTORS = """PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label (SUM(?amount) AS ?total) WHERE {
  { SELECT DISTINCT ?grant ?actor ?amount WHERE { ?grant mai:beneficiary ?actor ; <http://schema.org/amount> ?amount } }
  ?actor rdfs:label ?label } GROUP BY ?actor ?label ORDER BY ?label"""


def source(folder, name: str, number: int):
    """The file ``name``: a deliberation of GRANTS_TO, or a grants list of ROWS_OF."""
    if name in ROWS_OF:
        path = folder / f"{name}.csv"
        path.write_text("\n".join(["nomAttribuant;idAttribuant;nomBeneficiaire;montant",
                                   *(f"Ville de Nîmes;21300189200019;{row}" for row in ROWS_OF[name]), ""]),
                        encoding="utf-8")
        return path
    return deliberation(folder, name, number, GRANTS_TO)


def actors_after(tmp_path, *names: str) -> list[str]:
    """Ingest the files ``names``, one after the other, into a new store; return each beneficiary's grants' sum."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    for number, name in enumerate(names, 1):
        failures = []
        ingest_paths(store, [source(tmp_path, name, number)],
                     on_report=lambda report, error, path: error and failures.append(error))
        assert failures == []
    return sorted(str(total) for _, total in store.query(ACTORS))


@pytest.mark.parametrize("names, totals", [
    (("first", "after"), ["3500"]),
    (("after", "first"), ["3500"]),
    (("both",), ["800"]),
    (("first", "body", "after", "herault"), ["3500", "400", "700"]),  # the body and the other branch apart
    (("list-first", "list-after"), ["3500"]),
    (("list-after", "list-first"), ["3500"]),
    (("list-both",), ["800"]),
    (("list-first", "after"), ["3500"]),
], ids=["deliberations, branch first", "deliberations, body first", "one deliberation", "with the body and another "
        "branch", "lists, branch first", "lists, body first", "one list", "a list then a deliberation"])
def test_a_branch_named_branch_first_and_body_first_is_one_actor(tmp_path, names, totals):
    assert actors_after(tmp_path, *names) == totals


def test_the_body_and_another_branch_keep_their_own_names(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    for number, name in enumerate(("body", "herault", "first", "after"), 1):
        ingest_paths(store, [source(tmp_path, name, number)])
    assert sorted(str(label) for label, _ in store.query(ACTORS)) == [FIRST, BODY, HERAULT]
