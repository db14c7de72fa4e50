"""Ingesting as a PTCE coordinator does, from the command line: what a reviewer found wrong, each case the smallest
that shows it.

A file cut short (a download, a copy or an export interrupted, a file still being written) is refused whole, its
stored version kept; a Ctrl-C ends an ingest at once, cleanly; ``--kind`` takes the French names of the kinds and says
its errors in the language asked for; an option of ``maillage`` given after the command says where it goes; an ingest
that waits for another writer says so at once; a refusal says that the version stored before stays.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.ingest.forked import ForkedWorker
from graph.store import open_store
from graph.tabular import read_table
from webapp.cli import main

ROOT = Path(__file__).resolve().parent.parent
REGISTER = (ROOT / "examples" / "ptce-registre.yaml").read_bytes()
MAILLAGE = [os.sys.executable, "-c", "from webapp.cli import run; run()"]


#: Ctrl-C as a terminal gives it, whatever the suite inherited (conftest's ``ctrl_c_raises``).
pytestmark = pytest.mark.usefixtures("ctrl_c_raises")


GRANTS = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;idBeneficiaire;nomBeneficiaire;objet;montant;"
          "nature\nVille;21310555400017;2024-03-01;D1;;Club de foot;Sport;1000;aide en numéraire\n"
          "Ville;21310555400017;2024-03-01;D2;;Cercle des aidants;Répit;3500,50;aide en numéraire\n")
SMALL_REGISTER = ("ptce:\n  name: PTCE Test\nmembers:\n  - name: A\n    kind: association\n    circle: coeur\n"
                  "    joined: 2024-01-01\n  - name: B\n    kind: association\n    circle: partenaires")
VIOLATING = ('@prefix mai: <https://w3id.org/maillage/ontology#> .\n@prefix schema: <http://schema.org/> .\n'
             '<https://ex.org/g1> a mai:Grant ; schema:amount "beaucoup" .\n')


def cli(tmp_path: Path, *args: str, lang: str = "fr", **env: str):
    return CliRunner().invoke(main, ["--data", str(tmp_path / "data"), *args], catch_exceptions=False,
                              env={"MAILLAGE_LANG": lang, **env})


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def count(tmp_path: Path, cls: str) -> int:
    ran = cli(tmp_path, "query", f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a <{cls}> }}", "--format", "csv")
    return int(ran.stdout.split()[1])


MEMBERSHIP, GRANT = "http://www.w3.org/ns/org#Membership", "https://w3id.org/maillage/ontology#Grant"


# -- a file cut short --

def test_a_register_cut_in_its_last_member_is_refused_and_its_stored_version_kept(tmp_path):
    """``head -c 2100 examples/ptce-registre.yaml`` stored 4 of its 8 members, with warnings only, exit 0."""
    register = write(tmp_path, "ptce-registre.yaml", REGISTER)
    assert cli(tmp_path, "ingest", str(register)).exit_code == 0
    write(tmp_path, "ptce-registre.yaml", REGISTER[:2100])
    ran = cli(tmp_path, "ingest", str(register))
    assert ran.exit_code == 1
    assert (f"{register}:49: erreur : fichier tronqué : il s'arrête à la ligne 49 sans finir par une fin de ligne, et "
            "son dernier membre (« Coopér ») est incomplet : il y manque type, cercle (téléchargement, copie ou export "
            "interrompu, ou fichier encore en cours d'écriture ?) ; importez-le de nouveau une fois écrit en entier "
            "(s'il l'est, finissez-le par une fin de ligne) — rien n'a été enregistré ; la version enregistrée avant "
            "reste telle quelle") in ran.stderr
    assert count(tmp_path, MEMBERSHIP) == 8


@pytest.mark.parametrize("cut", ["  - name: B", "  - name: B\n    kind: assoc", "  - nam",
                                 "  - name: B\n    kind: association\n    circle: parten",
                                 "  - name: B\n    kind: association\n    circle: partenaires\n    themes: [aid",
                                 "  - name: B\n    kind: association\n    circle: partenaires\n    joined:"])
def test_a_register_that_stops_in_its_last_entry_without_a_line_end_is_refused(tmp_path, cut):
    text = SMALL_REGISTER[:SMALL_REGISTER.index("  - name: B")] + cut
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "r.yaml", text)))
    assert ran.exit_code == 1 and "erreur : fichier tronqué" in ran.stderr
    assert f"r.yaml:{text.count(chr(10)) + 1}:" in ran.stderr


@pytest.mark.parametrize("text", [REGISTER.decode().rstrip("\n"), SMALL_REGISTER])
def test_a_register_that_merely_lacks_its_final_line_end_is_stored(tmp_path, text):
    """A member added last without the dates of the others, in an editor that writes no final line end, is no cut."""
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "r.yaml", text)))
    assert ran.exit_code == 0 and "tronqué" not in ran.stderr


def test_a_grants_list_cut_in_its_last_row_is_refused_and_its_stored_version_kept(tmp_path):
    """A CSV still being written was stored with 11 of its 27 rows, exit 0, though the reader saw it cut."""
    grants = write(tmp_path, "subventions.csv", GRANTS)
    assert cli(tmp_path, "ingest", str(grants)).exit_code == 0
    write(tmp_path, "subventions.csv", GRANTS[:GRANTS.index("Cercle") - 1])
    ran = cli(tmp_path, "ingest", str(grants), lang="en")
    assert ran.exit_code == 1
    assert (f"{grants}:3: error: truncated file: it stops at line 3 without ending with a line end, and it has only 5 "
            "cells of 9 (interrupted download, copy or export, or a file still being written?); ingest it again once "
            "it is written in full (if it is, end it with a line end) — nothing was stored; the version stored "
            "before stays as it was") in ran.stderr
    assert count(tmp_path, GRANT) == 2


def test_a_csv_register_cut_in_its_last_row_is_refused(tmp_path):
    text = "nom;type;cercle;date d'entrée\nA;association;coeur;2024-01-01\nB;associ"
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "registre.csv", text)))
    assert ran.exit_code == 1 and "registre.csv:3: erreur : fichier tronqué" in ran.stderr


def test_a_table_whose_rows_all_leave_out_their_empty_last_cells_is_read_without_a_final_line_end():
    table = read_table(b"nom;montant;objet;date;type\nA;1\nB;2;Sport\nC;3")
    assert [row.cells[0] for row in table.rows] == ["A", "B", "C"]


# -- Ctrl-C --

def _echo(value):
    return value


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_closing_a_worker_whose_answer_was_not_read_does_not_wait_for_it():
    """Its process, blocked reading its pipe, never saw the pipe close: a sibling forked later holds the writer's end
    too. An ingest stopped by Ctrl-C waited the join's 10 s for each such process."""
    first = ForkedWorker(_echo, "maillage-test-first")
    sibling = ForkedWorker(_echo, "maillage-test-sibling")
    try:
        first.send(1)
        assert first._conn.poll(30)  # answered: the process now waits for the next request
        first.close()
        assert first._process.exitcode == -signal.SIGTERM  # stopped at once; the old close() waited 10 s, then killed
    finally:
        sibling.close()


def test_a_ctrl_c_while_waiting_for_an_answer_leaves_it_pending_so_that_close_stops_the_process():
    """A Ctrl-C in ``receive`` counted the answer received: close() then sent the end marker to a process that was
    still working, or blocked writing that answer, and waited for it."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    worker = ForkedWorker(_sleep, "maillage-test-slow")
    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        worker.send(30)
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(KeyboardInterrupt):
            worker.receive()
        assert worker.pending == 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        worker.close()
    assert worker._process.exitcode == -signal.SIGTERM  # stopped at once, not killed after the join's 10 s


#: Whether the fork hook below sends this process a SIGINT: a Ctrl-C that comes while a worker forks.
_CTRL_C_WHILE_FORKING: list[bool] = []


def _ctrl_c_in_fork_hook() -> None:
    if _CTRL_C_WHILE_FORKING:
        os.kill(os.getpid(), signal.SIGINT)


os.register_at_fork(after_in_parent=_ctrl_c_in_fork_hook)


def test_a_ctrl_c_while_a_worker_forks_is_raised_not_lost():
    """Python raised it in the fork's hooks, which ignore what they raise: an ingest interrupted then went on to
    its end, exit 0."""
    worker = None
    _CTRL_C_WHILE_FORKING.append(True)
    try:
        with pytest.raises(KeyboardInterrupt):
            worker = ForkedWorker(_echo, "maillage-test-forking")
    finally:
        _CTRL_C_WHILE_FORKING.clear()
        if worker is not None:
            worker.close()


def _actors(folder: Path, files: int, actors: int) -> Path:
    folder.mkdir()
    for n in range(files):
        lines = [f'<https://ex.org/f{n}/a{i}> <http://www.w3.org/2000/01/rdf-schema#label> "Acteur {n} {i}" .\n'
                 for i in range(actors)]
        (folder / f"f-{n:03}.nt").write_text("".join(lines))
    return folder


def _lines(stream) -> queue.Queue:
    """The lines of ``stream`` as they come, read by a thread (None at its end), which closes it."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        with stream:
            for line in stream:
                lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def test_a_ctrl_c_ends_an_ingest_of_many_files_at_once_with_130_and_no_process_left(tmp_path):
    """Sent 0.6 to 2.3 s into an ingest of a generated corpus, it took ~10 s to end (the extracting processes'
    join). The bound here is loose — the machines are shared —, yet below that join's 10 s."""
    folder = _actors(tmp_path / "corpus", 80, 40)
    env = {**os.environ, "MAILLAGE_PUBLISH_INTERVAL": "0", "MAILLAGE_LANG": "fr"}
    process = subprocess.Popen([*MAILLAGE, "--data", str(tmp_path / "data"), "ingest", str(folder)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        lines, said = _lines(process.stderr), []
        while not any(line.startswith("f-") or "/f-" in line for line in said):
            line = lines.get(timeout=120)
            assert line is not None, "".join(said)
            said.append(line)
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=8) == 130
        while (line := lines.get(timeout=30)) is not None:
            said.append(line)
        assert "ingestion interrompue" in said[-1]
        for _ in range(50):  # the group's processes gone (a child just ended may await its reaping a moment)
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("a process of the interrupted ingest is left")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# -- --kind, the options' place, the help --

@pytest.mark.parametrize("written,name", [("registre", "register"), ("Délibération", "deliberation"),
                                          ("déliberation", "deliberation"), ("RDF", "rdf"), ("sirène", "sirene"),
                                          ("scdl-subventions", "scdl-subventions"), ("regster", None)])
def test_kind_names_are_read_in_any_case_with_or_without_accents_and_in_french(written, name):
    from graph.ingest import kind_name  # here: the module did not have it before

    assert kind_name(written) == name


def test_a_french_name_of_a_kind_is_taken_by_kind(tmp_path):
    ran = cli(tmp_path, "ingest", "--kind", "registre", str(write(tmp_path, "r.yaml", REGISTER)))
    assert ran.exit_code == 0 and "r.yaml: register," in ran.stderr


def test_an_unknown_kind_is_said_in_english_in_english_mode_with_the_nearest_name(tmp_path):
    ran = cli(tmp_path, "ingest", "--kind", "regster", str(write(tmp_path, "r.yaml", REGISTER)), lang="en")
    assert ran.exit_code == 2
    assert "Invalid value for --kind: unknown source kind 'regster': did you mean 'register'? (known: rdf," \
        in ran.stderr
    assert "type de source" not in ran.stderr


@pytest.mark.parametrize("lang,said", [
    ("fr", "--data est une option de maillage, pas de « ingest » : donnez-la avant la commande (maillage --data {} "
           "ingest …), ou réglez MAILLAGE_DATA"),
    ("en", "--data is an option of maillage, not of 'ingest': give it before the command (maillage --data {} ingest "
           "…), or set MAILLAGE_DATA")])
def test_data_given_after_the_command_says_that_it_goes_before(tmp_path, lang, said):
    """It said only « option inconnue « --data » »."""
    data = tmp_path / "elsewhere"
    ran = CliRunner().invoke(main, ["ingest", str(tmp_path), "--data", str(data)], env={"MAILLAGE_LANG": lang})
    assert ran.exit_code == 2 and said.format(data) in ran.stderr


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"]])
def test_the_help_names_the_data_directory_variable(tmp_path, args):
    ran = cli(tmp_path, *args)
    assert ran.exit_code == 0 and "MAILLAGE_DATA" in ran.stdout


# -- another writer, a refusal --

def test_an_ingest_waiting_for_another_writer_says_so_at_once_naming_it_and_for_how_long(tmp_path):
    """It waited in silence (12.5 s on a terminal), then named the other writer only if it gave up."""
    store = open_store({"data_dir": str(tmp_path / "data")})
    with store.writer():
        ran = cli(tmp_path, "ingest", str(write(tmp_path, "r.yaml", REGISTER)), MAILLAGE_LOCK_TIMEOUT="0.5")
    assert ran.exit_code == 1
    waiting, refused = ran.stderr.splitlines()[:2]
    assert waiting.startswith(f"la base est en cours d'écriture par le processus {os.getpid()} (")
    assert waiting.endswith(" : attente de sa fin, 0.5 s au plus (réglage lock_timeout)")
    assert "réessayez quand il aura fini" in refused


def test_a_file_refused_by_strict_force_says_that_its_stored_version_stays_with_its_violations(tmp_path):
    grant = write(tmp_path, "viol.ttl", VIOLATING)
    assert cli(tmp_path, "ingest", str(grant)).exit_code == 0
    ran = cli(tmp_path, "ingest", "--strict", "--force", str(grant))
    assert ran.exit_code == 1
    assert (f"{grant}: refusé (--strict), rien n'a été enregistré ; la version enregistrée avant reste telle quelle, "
            "avec ces violations (maillage validate les montre)") in ran.stderr
    assert count(tmp_path, GRANT) == 1
