"""A file that holds several extracts of the register put together, each a complete act with its own attendance and
its own prefecture stamp: each deliberation gets its own ACTES id and stamp dates, the session keeps the attendance
at its opening (the first extract's) and a later extract's own roll is stated on its deliberation, and the report
counts every extract's agreements.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF
from rdflib.namespace import DCTERMS, RDFS

from graph.ingest.delib_facts import extract_fixture, session_facts
from graph.ingest.pipeline import ingest_paths
from graph.namespaces import MAI, OA
from graph.store import open_store
from webapp.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations"
EXTRACTS = FIXTURES / "agglo-bureau-deux-extraits-fusionnes.txt"
FIRST, SECOND = "BC-2025-231", "BC-2025-232"


def _one(graph, subject, predicate):
    return next(iter(graph.objects(subject, predicate)), None)


def _deliberations(graph) -> dict:
    return {str(_one(graph, d, DCTERMS.identifier)): d for d in graph.subjects(RDF.type, MAI.Deliberation)}


def _variant(tmp_path, *replacements: tuple[str, str]) -> Path:
    """The fixture with each (old, new) pair replaced: in the second extract when ``old`` is written in both."""
    text = EXTRACTS.read_text(encoding="utf-8")
    cut = text.index("-----")
    first, second = text[:cut], text[cut:]
    for old, new in replacements:
        if old in second:
            second = second.replace(old, new)
        else:
            assert old in first, old
            first = first.replace(old, new)
    path = tmp_path / "extraits.txt"
    path.write_text(first + second, encoding="utf-8")
    return path


def _stamps(path: Path) -> dict:
    graph = extract_fixture(path).graph
    return {number: (str(_one(graph, d, MAI.actesId)) if _one(graph, d, MAI.actesId) else None,
                     str(_one(graph, d, MAI.receivedByPrefecture)) if _one(graph, d, MAI.receivedByPrefecture)
                     else None)
            for number, d in _deliberations(graph).items()}


@pytest.mark.parametrize("replacements", [
    (),
    # the id and the day of its receipt on one line, each extract received on another day
    (("Accusé de réception en préfecture : 083-200035319-20251209-BC2025_232-DE\nDate de réception : 12/12/2025",
      "Accusé de réception en préfecture : 083-200035319-20251209-BC2025_232-DE du 15/12/2025"),
     ("Accusé de réception en préfecture : 083-200035319-20251209-BC2025_231-DE\nDate de réception : 12/12/2025",
      "Accusé de réception en préfecture : 083-200035319-20251209-BC2025_231-DE du 12/12/2025")),
    # numbers without their letters, the ACTES ids' with a prefix of their own; "Reçu le" under the id
    (("BC-2025-231", "2025-231"), ("BC-2025-232", "2025-232"), ("BC2025_231", "DEL2025_231"),
     ("BC2025_232", "DEL2025_232"), ("Date de réception : 12/12/2025", "Reçu le 15/12/2025")),
], ids=["as-written", "id-and-day-on-one-line", "prefixed-ids-recu-le"])
def test_each_extract_gets_the_actes_id_and_the_received_day_of_its_own_stamp(tmp_path, replacements):
    got = _stamps(_variant(tmp_path, *replacements))
    second_day = "2025-12-12" if not replacements else "2025-12-15"
    prefix = "DEL" if len(replacements) > 2 else "BC"
    assert sorted(got.values()) == [
        (f"083-200035319-20251209-{prefix}2025_231-DE", "2025-12-12"),
        (f"083-200035319-20251209-{prefix}2025_232-DE", second_day)]
    assert {number: actes[-6:-3] for number, (actes, _) in got.items()} == {
        number: number[-3:] for number in got}


def test_a_stamp_whose_id_names_no_extract_is_given_to_none_and_said(tmp_path):
    path = _variant(tmp_path, ("BC2025_232", "BC2025_299"))
    extraction = extract_fixture(path)
    got = {number: str(_one(extraction.graph, d, MAI.actesId)) if _one(extraction.graph, d, MAI.actesId) else None
           for number, d in _deliberations(extraction.graph).items()}
    assert got == {FIRST: "083-200035319-20251209-BC2025_231-DE", SECOND: None}
    assert any("identifiant ACTES" in i.message and SECOND in i.message for i in extraction.issues)


def test_minutes_with_one_stamp_give_it_to_every_deliberation(tmp_path):
    path = _variant(tmp_path, ("Accusé de réception en préfecture : 083-200035319-20251209-BC2025_232-DE\n"
                               "Date de réception : 12/12/2025", ""))
    assert set(_stamps(path).values()) == {("083-200035319-20251209-BC2025_231-DE", "2025-12-12")}


def _attendance(path: Path) -> tuple[dict, dict, dict]:
    """What each deliberation states of its own vote, the session's counts, and the facts each deliberation's vote
    reads (its own, else the session's)."""
    graph = extract_fixture(path).graph
    acts = _deliberations(graph)
    session = _one(graph, acts[FIRST], MAI.session)
    own = {number: {"membersPresent": [str(o) for o in graph.objects(d, MAI.membersPresent)],
                    "voteCount": [str(o) for o in graph.objects(d, MAI.voteCount)],
                    "absent": sorted(str(_one(graph, o, RDFS.label)) for o in graph.objects(d, MAI.absent))}
           for number, d in acts.items()}
    session_counts = {str(p).rsplit("#", 1)[-1]: sorted(str(o) for o in graph.objects(session, p))
                      for p in (MAI.membersPresent, MAI.proxyCount, MAI.voteCount)}
    return own, session_counts, {n: session_facts(graph, session, d) for n, d in acts.items()}


def test_the_session_keeps_the_first_extracts_roll_and_the_second_states_its_own():
    own, session, facts = _attendance(EXTRACTS)
    assert session == {"membersPresent": ["13"], "proxyCount": ["2"], "voteCount": ["15"]}
    assert own[FIRST] == {"membersPresent": [], "voteCount": [], "absent": []}
    assert (own[SECOND]["membersPresent"], own[SECOND]["voteCount"]) == (["14"], ["16"])
    assert own[SECOND]["absent"] == ["Claire CARLE", "Marc MAUREL"]
    assert [(f["present_count"], f["vote_count"], f["present"], f["absent"], f["proxies"]) for f in
            (facts[FIRST], facts[SECOND])] == [(13, 15, 13, 3, 2), (14, 16, 14, 2, 2)]


def test_the_second_extracts_roll_is_quoted_on_its_deliberation_not_on_the_session():
    extraction = extract_fixture(EXTRACTS)
    graph, acts = extraction.graph, _deliberations(extraction.graph)
    session = _one(graph, acts[FIRST], MAI.session)
    quotes = {node: {str(_one(graph, e, OA.exact)) for e in graph.objects(node, MAI.evidence)}
              for node in (session, acts[SECOND])}
    assert ("Présents : 13" in quotes[session], "Présents : 14" in quotes[session]) == (True, False)
    assert {"Présents : 14", "Votants : 16", "Absents : Mme Claire CARLE, M. Marc MAUREL."} <= quotes[acts[SECOND]]


def test_a_member_leaving_in_one_extract_is_not_moved_again_in_the_next_whose_roll_already_says_it(tmp_path):
    path = _variant(tmp_path, ("Secrétaire de séance : Mme Muriel MOUTTE.\n\nOBJET : Économie",
                               "Secrétaire de séance : Mme Muriel MOUTTE.\n\nM. Guy GIRAUD quitte la séance avant "
                               "l'examen de la délibération n° BC-2025-231 et donne pouvoir à M. Alain AUDIBERT.\n\n"
                               "OBJET : Économie"))
    _, session, facts = _attendance(path)
    assert session == {"membersPresent": ["13"], "proxyCount": ["2"], "voteCount": ["15"]}
    assert [(f["present_count"], f["vote_count"], f["present"], f["proxies"]) for f in
            (facts[FIRST], facts[SECOND])] == [(12, 15, 12, 3), (14, 16, 14, 2)]


def test_extracts_of_two_sessions_each_keep_their_own_roll(tmp_path):
    path = _variant(tmp_path, ("Séance du 9 décembre 2025", "Séance du 16 décembre 2025"),
                    ("le neuf décembre", "le seize décembre"), ("convoqué le\n2 décembre", "convoqué le\n9 décembre"))
    graph = extract_fixture(path).graph
    acts = _deliberations(graph)
    sessions = {number: _one(graph, d, MAI.session) for number, d in acts.items()}
    assert len(set(sessions.values())) == 2
    assert {n: [str(o) for o in graph.objects(s, MAI.membersPresent)] for n, s in sessions.items()} == {
        FIRST: ["13"], SECOND: ["14"]}
    assert not any(graph.objects(acts[SECOND], MAI.membersPresent))


def test_the_extracts_are_stored_without_a_shacl_violation(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        [report] = ingest_paths(store, [EXTRACTS])
        assert report.status == "stored"
        assert [v for v in report.violations if v.severity == "Violation"] == []
    finally:
        store.close()


@pytest.mark.parametrize("second_approves, expected", [(False, 1), (True, 2)])
def test_the_report_counts_the_agreements_of_every_extract(tmp_path, second_approves, expected):
    replacements = [("- DIT que les dépenses seront imputées",
                     "- APPROUVE la convention de financement à conclure avec la commune de Carcès-Fictive et "
                     "AUTORISE la Présidente à la signer ;\n- DIT que les dépenses seront imputées")] \
        if second_approves else []
    path = _variant(tmp_path, *replacements)
    assert extract_fixture(path).stats["agreements"] == expected
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", "--no-index", str(path)])
    assert result.exit_code == 0, result.output
    assert f"conventions : {expected}" in result.output
