"""The SCDL export's summary names every party that keeps a grant out: the funder and the beneficiary, when neither
has an identifier SCDL takes (the founding grant to DanaeCare: the Métropole's SIREN alone, DanaeCare without SIRET
nor RNA number), so that fixing one does not meet a second refusal."""

from __future__ import annotations

import io

from graph.export import export_scdl
from graph.ingest.pipeline import ingest_paths
from graph.scdl_export_summary import scdl_summary
from graph.store import open_store

_LIST = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;montant\n"
         "Saint-Etienne Métropole;244200770;2024-05-16;2024.00240;DanaeCare;;20000\n"
         "Saint-Etienne Métropole;244200770;2024-05-16;2024.00241;Club;37939422400016;500\n")


def _summary(tmp_path) -> tuple[dict, str, str]:
    (path := tmp_path / "liste.csv").write_text(_LIST, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    try:
        ingest_paths(store, [path])
        counts = export_scdl(store, io.BytesIO())
    finally:
        store.close()
    return counts, scdl_summary(counts), scdl_summary(counts, "en")


def test_a_grant_that_neither_party_can_be_written_for_names_both_in_the_summary(tmp_path):
    counts, fr, en = _summary(tmp_path)
    assert counts["because"] == {"funder-siret": 2}
    assert [(a["role"], a["name"], a["lacks"], a["grants"]) for a in counts["actors"]] == [
        ("funder", "Saint-Etienne Métropole", "siren-only", 2), ("beneficiary", "DanaeCare", "no-identifier", 1)]
    assert fr.splitlines()[1:] == [
        "  attribuant « Saint-Etienne Métropole » : SIREN 244200770 seul, aucun SIRET de cet organisme dans le graphe "
        "(2 subventions)",
        "  bénéficiaire « DanaeCare » : ni SIREN ni SIRET connu, ni numéro RNA (1 subvention)"]
    assert en.splitlines()[1:] == [
        "  funder 'Saint-Etienne Métropole': SIREN 244200770 alone, no SIRET of this organisation in the graph "
        "(2 grants)",
        "  beneficiary 'DanaeCare': no SIREN nor SIRET known, nor any RNA number (1 grant)"]
