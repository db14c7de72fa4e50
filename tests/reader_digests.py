"""The digest of each source kind's output on the repository's own sample files, recorded in
``tests/fixtures/reader_digests.json`` with the reader version it was recorded at, so that a reader's output does
not change without its version (:mod:`graph.ingest.reader_versions`): ``tests/test_reader_versions.py`` compares.

After bumping a kind's version, record its new digest (or every kind's, without a name)::

    python -m tests.reader_digests --update [KIND ...]

A kind's output is what its extraction gives of each sample file, as the pipeline would store it before resolving
its actors against the store: the extraction's triples (an RDF file's, as the engine parses the bytes that the
reader hands it) and the text stored on the source, as sorted N-Triples, blank nodes canonicalised; a file that
the reader refuses gives that it is refused (not why: a message reworded stores no other triple). The samples are
fixed lists of files, so that a fixture added for another test does not change a digest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.compare import to_canonical_graph

from graph.formats import rdf_format
from graph.ingest import KIND_MODULES
from graph.ingest.base import InputError
from graph.ingest.lookahead import extract
from graph.ingest.pipeline_file import read_source
from graph.ingest.reader_versions import READER_VERSIONS
from graph.namespaces import SCHEMA
from graph.store import parse_base

ROOT = Path(__file__).resolve().parents[1]
RECORDED = ROOT / "tests" / "fixtures" / "reader_digests.json"
MODULE = "graph/ingest/reader_versions.py"
UPDATE = "python -m tests.reader_digests --update"

_DELIBERATIONS = "tests/fixtures/deliberations/"
_TABULAR = "tests/fixtures/tabular/"
#: Kind -> its sample files (from the repository's root), each with the options it is ingested with.
SAMPLES: dict[str, list[tuple[str, dict]]] = {
    "deliberation": [(_DELIBERATIONS + name, {}) for name in (
        "agglo-article-logo-adresse-vote-sans-abstention.txt", "agglo-compte-rendu-initiales-entete-espace.txt",
        "cc-annule-refuse-reverse-une-attribution.txt", "cc-delegues-titulaires-suppleants-presents.txt",
        "cc-montant-lettres.txt", "ccas-conseil-administration.txt",
        "communaute-nom-seul-cesures-numero-affichage-du-au.txt", "commune-calcul-par-eleve-depart-en-cours.txt",
        "commune-cpo-attribue-trois-annees.txt", "commune-depart-avec-pouvoir.txt",
        "commune-ligne-unique-cofinanceur-local-situe.txt", "commune-liste-sections-abreviations-porteur.txt",
        "commune-ocr-confusions.txt", "commune-prose-deux-beneficiaires.txt", "commune-pv-points-sans-numero.txt",
        "commune-registre-sans-accents.txt", "commune-table-sections.txt",
        "commune-taux-du-cout-plafonne-pour-cent.txt", "departement-conseil-entete-seul.txt",
        "departement-cp-cellules-une-par-ligne.txt", "departement-cp-tableau-nature-aide-non-retenu.txt",
        "epic-office-tourisme-comite-direction.txt", "metropole-bureau-liste.txt", "metropole-sans-subvention.txt",
        "province-assemblee-francs-cfp.txt", "region-cp-maitre-ouvrage-repartition-ci-dessus.txt",
        "sdis-conseil-administration-teletransmis.txt", "syndicat-comite-amendement-accuse-reception.txt",
        "ville-conflit-interet-quitte-la-salle.txt", "ville-rapport-blocs-tiers-dossier.txt",
        "2014-04-24-0000071272.pdf", "pdf/saint-etienne-metropole-imprimee.pdf", "pdf/pv-trois-deliberations.html",
        "pdf/marge-logo.pdf")] + [("examples/deliberations/saint-etienne-metropole-2024-00240-danaecare.txt", {})],
    "scdl-subventions": [(_TABULAR + name, {}) for name in (
        "exemple_valide_v2.1.1.csv", "exemple_invalide_erreurs_cellules_v2.1.1.csv", "SCDL.csv",
        "SCDL_WITH_EXERCICE.csv", "antibes_fixture-errors.csv", "DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv",
        "DEP_Vendee_Publication_donnees_Open_data_Subventions_Conventions.xlsx", "grants_header_row3.ods",
        "grants_header_row3.xls", "grants_notes_sheet_first.xlsx")],
    "scdl-deliberations": [(_TABULAR + "VilleMTP_MTP_Delibs.csv", {"funder": "Ville de Montpellier;213401722"}),
                           (_TABULAR + "VilleMTP_MTP_Delibs.csv", {})],
    "rna": [(_TABULAR + name, {}) for name in ("rna_sample_waldec.csv", "rna_sample_import.csv",
                                               "reencode_test.csv")],
    "sirene": [(_TABULAR + name, {}) for name in ("StockUniteLegale_utf8_sample.csv",
                                                  "StockUniteLegaleHistorique_sample.csv")],
    "register": [("examples/ptce-registre.yaml", {})],
    "association-directory": [(_TABULAR + "VilleMTP_MTP_ListeAssoc_2011_sample.csv", {})],
    "rdf": [(f"tests/fixtures/rdf/actors.{suffix}", {}) for suffix in ("ttl", "jsonld", "rdf", "nt")],
}


def file_output(kind: str, path: str, options: dict) -> list[str]:
    """What the reader of ``kind`` makes of the file at ``path`` (from the repository's root): its triples and the
    text stored on its source, as sorted N-Triples lines with canonical blank nodes, or its refusal."""
    ctx = read_source(ROOT / path, options=options)
    try:
        extraction = extract(ctx, kind).result()
    except InputError:  # nothing stored: what it says is no triple (a message reworded needs no new version)
        return ["refused"]
    if extraction.rdf is not None:
        data, fmt = extraction.rdf
        quads = ox.parse(data, rdf_format(fmt).engine, base_iri=parse_base(ctx.source))
        text = "".join(f"{ox.Triple(q.subject, q.predicate, q.object)} .\n" for q in quads)
    else:
        if extraction.text is not None:
            extraction.graph.add((ctx.source, SCHEMA.text, Literal(extraction.text)))
        text = extraction.graph.ntriples()
    if "_:" in text:  # blank nodes are named afresh at each run
        text = to_canonical_graph(Graph().parse(data=text, format="nt")).serialize(format="nt")
    return sorted(line for line in text.splitlines() if line.strip())


def kind_digest(kind: str) -> str:
    """The sha256 of the output of ``kind``'s reader on its :data:`SAMPLES`."""
    digest = hashlib.sha256()
    for path, options in SAMPLES[kind]:
        digest.update(f"# {path} {json.dumps(options, sort_keys=True)}\n".encode())
        for line in file_output(kind, path, options):
            digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def digest_problem(kind: str) -> str | None:
    """What is wrong with the recorded digest of ``kind``'s output, said so that the reader of a failed test knows
    what to do; None when it is the digest of the current output at the reader's current version."""
    version, entry = READER_VERSIONS[kind], recorded().get(kind)
    if entry is None:
        return f"no digest recorded for the {kind} reader: record it with `{UPDATE} {kind}`"
    if entry["version"] != version:
        return (f"the {kind} reader's version is {version} in {MODULE}, but its digest was recorded at version "
                f"{entry['version']}: record the digest of its output at this version with `{UPDATE} {kind}`")
    if kind_digest(kind) != entry["digest"]:
        return (f"the {kind} reader's output changed on its sample files (tests/reader_digests.py): bump its version "
                f"in {MODULE} (now {version}), so that the files it stored are read again, and record the new digest "
                f"with `{UPDATE} {kind}`")
    return None


def recorded() -> dict[str, dict]:
    """The digests recorded: kind -> {"version": the reader's version then, "digest": its output's digest}."""
    return json.loads(RECORDED.read_text(encoding="utf-8")) if RECORDED.exists() else {}


def record(kinds: list[str]) -> dict[str, dict]:
    """Record the current digest of each of ``kinds``, at its reader's current version; return all the records."""
    records = recorded()
    for kind in kinds:
        records[kind] = {"version": READER_VERSIONS[kind], "digest": kind_digest(kind)}
    RECORDED.write_text(json.dumps(dict(sorted(records.items())), indent=2) + "\n", encoding="utf-8")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reader_digests",
                                     description="Record the digest of each reader's output on its sample files.")
    parser.add_argument("--update", action="store_true", required=True, help="record the digests anew")
    parser.add_argument("kinds", nargs="*", metavar="KIND",
                        help=f"the kinds to record (default: all): {', '.join(KIND_MODULES)}")
    args = parser.parse_args(argv)
    if unknown := [kind for kind in args.kinds if kind not in KIND_MODULES]:
        parser.error(f"unknown kind {', '.join(unknown)} (known: {', '.join(KIND_MODULES)})")
    for kind, entry in record(args.kinds or list(KIND_MODULES)).items():
        sys.stderr.write(f"{kind}: version {entry['version']}, digest {entry['digest'][:12]}…\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
