"""Export the graph's grants as an SCDL *subventions* v2.1.1 CSV (UTF-8, comma, decimal point, ISO dates).

One row per grant, in the 16 columns of the official schema. SCDL requires what the graph may not know; the
rules, so that every written row passes the schema:

- ``idAttribuant`` must be a valid 14-digit SIRET and ``dateConvention`` a date (the convention's, else the
  decision's: the deciding deliberation's, or the one the grant keeps when no deliberation holds it,
  ``dcterms:dateAccepted``; SCDL 2.1.1 has no ``dateDecision`` column): grants without them are **skipped** and
  counted;
- ``idAttribuant`` and ``idBeneficiaire`` are the SIRETs the grant was read with (``mai:funderSiret``,
  ``mai:beneficiarySiret``: its SCDL row's), when valid: an organisation is one actor per SIREN, which keeps the
  SIRETs of all its establishments, and a métropole granting through two of them has each grant's row written with
  its own; else, for the funder, the SIRET that the grant's own source gives it (an RDF file's, a list stored before
  grants kept their row's), when valid;
- else an organisation's SIRET is the least valid one the graph gives it (``mai:siret``), else the least valid
  SIRET that the graph gives another resource of the same SIREN (an establishment, an actor that a source kept
  apart): a funder or beneficiary known by its SIREN alone is written when the graph knows one of its establishments;
- the beneficiary needs a valid SIRET (``idBeneficiaire``) or an RNA number ``W`` + 9 digits (``rnaBeneficiaire``,
  the schema's pattern: RNA numbers with letters cannot be written); otherwise the grant is skipped too;
- the summary names each funder and beneficiary that kept grants out, and why
  (:data:`graph.scdl_export_rows.ACTOR_LACKS`): both parties of a grant when neither has an identifier SCDL takes;
- ``montant`` is the stated total (``mai:statedTotal``) when the grant is a share, and ``pourcentageSubvention``
  that share (else 1); ``nature`` is ``aide en nature`` for the in-kind nature, else ``aide en numéraire``;
- ``nature``, ``conditionsVersement`` and ``notificationUE`` are what the source said (``mai:aidForms``,
  ``mai:paymentConditions``, ``mai:euNotified``); ``nature`` falls back on the grant's nature concept (``aide en
  nature`` or ``aide en numéraire``), and the other two are **left empty** when unknown (a deliberation says
  neither): the schema requires them, but an empty cell is a missing value, where ``non`` would state a false
  fact. The summary counts such cells;
- ``datesPeriodeVersement`` is the stored period when it matches the schema, of days of the calendar (a reversed
  period too: the publisher's, which the schema accepts, said doubtful), else the convention date; ``objet`` is cut
  at 256 characters;
- the summary counts, in one line, the cells written with a stand-in (:data:`graph.scdl_export_rows.REPLACED_BY`:
  a decision's date for the convention's, « Subvention » for no purpose, no form of aid the source stated, a
  period stored unreadable, or none), in another the values written outside the schema's bounds
  (:data:`graph.scdl_export_rows.OUT_OF_BOUNDS`: a ``pourcentageSubvention`` of 0.005; the column is required, any
  other number would be false, and an empty cell reads back as 1: the whole amount), in another the values written
  as held although doubtful (:data:`graph.scdl_export_rows.DOUBTFUL`: a period that ends before it starts), and
  with ``verbose`` names their grants.

This module runs the export (:func:`export_scdl`); the query it runs is :mod:`graph.scdl_export_query`, the rows it
writes :mod:`graph.scdl_export_rows`, and what it says of them :mod:`graph.scdl_export_summary`.

>>> from graph.store import open_store
>>> import io
>>> out = io.BytesIO()
>>> export_scdl(open_store({"store": "memory"}), out)
{'written': 0, 'skipped': 0, 'because': {}}
>>> out.getvalue().decode().split(",")[:2]
['nomAttribuant', 'idAttribuant']
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from graph.namespaces import sparql_prologue
from graph.scdl_export_query import GRANTS
from graph.scdl_export_rows import (COLUMNS, UNKNOWN_REQUIRED, actor_lacks, doubtful_cells, grant_to_row,
                                    out_of_bounds_cells, replaced_cells, roles_lacking, text_of, unknown_cells,
                                    why_not_scdl)
from graph.scdl_export_summary import SUBSTITUTIONS


def export_scdl(store, out) -> dict:
    """Write the grants of ``store`` as SCDL subventions v2.1.1 CSV to the binary stream ``out``; return what
    :func:`write_scdl` returns."""
    return write_scdl(store.query(sparql_prologue() + GRANTS), out)


def write_scdl(result, out, funder: str | None = None) -> dict:
    """Write the rows of ``result`` (the answer to :data:`graph.scdl_export_query.GRANTS`: its ``variables``, then a
    tuple of values per grant) as SCDL subventions v2.1.1 CSV to the binary stream ``out``, those of the funder whose
    IRI is ``funder`` only when it is given (the web explorer runs the query in its killable workers, then writes).

    Returns ``{"written": n, "skipped": m, "because": {reason: count}}`` (skipped: grants SCDL cannot express,
    counted by the first required field they lack: :data:`graph.scdl_export_rows.SKIPPED_BECAUSE`; or
    ``repeated``, a grant whose line would repeat one written — two sources publish it, and an importer reads one
    grant of two equal lines), and when funders or beneficiaries kept grants out (each party of a grant that lacks
    an identifier, whatever the grant's first reason), ``"actors"``: one dict each (``role``, ``name``, ``iri``,
    ``lacks``: a key of :data:`graph.scdl_export_rows.ACTOR_LACKS`, ``why`` and ``why_en``: its text in French and
    English, ``grants``: how many), funders first, then most grants first; when rows leave required columns empty
    because the graph does not know them, ``"unknown"``: ``{column: rows}``
    (:data:`UNKNOWN_REQUIRED`); when rows write a stand-in, a value outside the schema's bounds or a doubtful one,
    ``"replaced"``, ``"out_of_bounds"`` and ``"doubtful"``: ``{column: rows}`` in the schema's order
    (:func:`replaced_cells`, :func:`out_of_bounds_cells`, :func:`doubtful_cells`), and
    ``"substituted"``: one dict per cell (``kind``: one of those three, ``column``, ``grant``: the grant's
    identifier, else its IRI, ``held``: the value the graph holds, '' for none).
    """
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    written, because, actors, unknown, substituted = 0, Counter(), {}, Counter(), []
    rows_written: set[tuple] = set()
    names = [str(v) for v in result.variables]
    for values in result:
        bindings = {n: v for n, v in zip(names, values) if v is not None}
        if funder is not None and text_of(bindings.get("funderIri")) != funder:
            continue
        reason = why_not_scdl(bindings)
        if reason:
            because[reason] += 1
            for role in roles_lacking(bindings):
                _count_actor(actors, bindings, role)
            continue
        row = grant_to_row(bindings)
        if tuple(row) in rows_written:  # a grant that two sources publish: one line, as an importer reads it
            because["repeated"] += 1
            continue
        rows_written.add(tuple(row))
        unknown.update(unknown_cells(row))
        grant = text_of(bindings.get("grantId") or bindings.get("grant"))
        substituted += [{"kind": kind, "column": column, "grant": grant, "held": held}
                        for kind, cells in (("replaced", replaced_cells), ("out_of_bounds", out_of_bounds_cells),
                                            ("doubtful", doubtful_cells))
                        for column, held in cells(bindings).items()]
        writer.writerow(row)
        written += 1
    out.write(text.getvalue().encode("utf-8"))
    counts = {"written": written, "skipped": sum(because.values()), "because": dict(because)}
    if unknown:
        counts["unknown"] = {column: unknown[column] for column in UNKNOWN_REQUIRED if unknown[column]}
    for kind in SUBSTITUTIONS:
        if tally := Counter(s["column"] for s in substituted if s["kind"] == kind):
            counts[kind] = {column: tally[column] for column in COLUMNS if tally[column]}
    if substituted:
        counts["substituted"] = substituted
    if actors:
        # funders first: one funder without a SIRET keeps out all its grants, and the summary names 20 actors
        counts["actors"] = sorted(actors.values(),
                                  key=lambda a: (a["role"] != "funder", -a["grants"], a["name"], a["iri"]))
    return counts


def _count_actor(actors: dict, b: dict, role: str) -> None:
    """Count one more grant kept out by the funder or beneficiary (``role``) of the bindings ``b``."""
    iri = text_of(b.get(role + "Iri"))
    if (role, iri) not in actors:
        lacks, why, why_en = actor_lacks(b, role)
        actors[(role, iri)] = {"role": role, "name": text_of(b.get(role + "Name")) or iri, "iri": iri, "lacks": lacks,
                               "why": why, "why_en": why_en, "grants": 0}
    actors[(role, iri)]["grants"] += 1
