"""The upload form's result as a coordinator who never uses a terminal reads it: a heading whose words tell a clean
upload from one with warnings and from a file not stored (with a class that marks each apart), what became of the
version stored before, the report's technical lines apart, and advice said of the form, never of the command's
options (``--name``, ``--kind``)."""

from __future__ import annotations

import html
import io

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from web_fixture import app_on_fixture, client_on_copy, data_with

from graph.namespaces import MAI
from graph.store import open_store
from webapp.cli import main

TOKEN = "s3cret"
REGISTER = ("format: maillage-register/1\nptce:\n  name: PTCE Essai\nmembers:\n  - name: Asso A\n"
            "    kind: association\n    circle: partenaires\n    joined: 2024-01-01\n")
#: The same register, its new member in a circle that does not exist: stored, with a warning.
REGISTER_V2 = REGISTER + ("  - name: Asso B\n    kind: association\n    circle: cercle des amis\n"
                          "    joined: 2024-02-01\n")
BROKEN = REGISTER + "   - name: Asso C\n"
#: What a file not stored says of the version stored before, on the form as in `maillage ingest`'s report.
KEPT = "la version enregistrée avant reste telle quelle"
VIOLATING = ('@prefix mai: <https://w3id.org/maillage/ontology#> .\n@prefix schema: <http://schema.org/> .\n'
             '<https://ex.org/g1> a mai:Grant ; schema:amount "beaucoup" .\n')


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path, write_token=TOKEN) as app:
        yield app.test_client()


def post(client, text: str, name: str = "registre.yaml", lang: str = "fr", **form: str):
    response = client.post(f"/upload?lang={lang}", data={"file": (io.BytesIO(text.encode()), name), "token": TOKEN,
                                                         **form})
    return response, html.unescape(response.get_data(as_text=True)).replace("\u00a0", " ")


def test_a_clean_upload_is_said_stored_and_marked_so(client):
    response, page = post(client, REGISTER)
    assert response.status_code == 200
    assert '<h2 id="result-heading" class="result-stored"' in page and "registre.yaml : enregistré</h2>" in page
    assert "remplacé" not in page and "gardée" not in page  # nothing was stored before it


def test_an_upload_with_warnings_says_how_many_and_that_it_replaced_the_version_before_and_how_to_go_back(client):
    post(client, REGISTER)
    response, page = post(client, REGISTER_V2)
    assert response.status_code == 200 and '<h2 id="result-heading" class="result-warnings"' in page
    assert "registre.yaml : enregistré avec 2 avertissements</h2>" in page  # the replacement and the unknown circle
    assert ("Ce fichier a remplacé la version chargée auparavant. Pour y revenir, déposez de nouveau le fichier "
            "précédent, sous le même nom.") in page


def test_an_upload_with_warnings_is_said_so_in_english_too(client):
    post(client, REGISTER)
    _, page = post(client, REGISTER_V2, lang="en")
    assert "registre.yaml: stored with 2 warnings</h2>" in page
    assert "This file replaced the version loaded before. To go back to it, upload the previous file again" in page


@pytest.mark.parametrize("first, kept", [(True, True), (False, False)])
def test_a_file_not_stored_says_whether_the_version_already_loaded_is_kept(client, first, kept):
    if first:
        post(client, REGISTER)
    response, page = post(client, BROKEN)
    assert response.status_code == 422 and '<h2 id="result-heading" class="result-failed"' in page
    assert "registre.yaml : non enregistré</h2>" in page
    assert (f"Rien n'a été enregistré ; {KEPT}." in page) is kept


def test_the_form_and_the_command_say_the_same_of_the_version_kept(client, tmp_path):
    """The form said « la version déjà chargée est gardée », the command « la version enregistrée avant reste telle
    quelle »: one wording now (webapp.reports.version_kept)."""
    post(client, REGISTER)
    _, page = post(client, BROKEN)
    data, register = tmp_path / "cli-data", tmp_path / "registre.yaml"
    for text in (REGISTER, BROKEN):
        register.write_text(text, encoding="utf-8")
        said = CliRunner().invoke(main, ["--data", str(data), "ingest", str(register), "--no-index"]).stderr
    assert f"Rien n'a été enregistré ; {KEPT}." in page and f"rien n'a été enregistré ; {KEPT}\n" in said


def test_a_file_refused_by_strict_that_is_the_version_stored_is_said_kept_with_its_violations(tmp_path):
    data = data_with(tmp_path / "template", VIOLATING, "viol.ttl")
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    with store.writer() as writer:  # as if stored by an older reader: the same bytes are read again, not unchanged
        source = URIRef("https://w3id.org/maillage/id/source/viol-ttl")
        writer.remove(source, [(source, MAI.readerVersion, version) for version, in
                               writer.query(f"SELECT ?v WHERE {{ GRAPH ?g {{ ?g <{MAI.readerVersion}> ?v }} }}",
                                            {"g": source})])
    store.close()
    with client_on_copy(data, tmp_path) as client:
        response, page = post(client, VIOLATING, name="viol.ttl", strict="1")
    assert response.status_code == 422
    assert f"Rien n'a été enregistré ; {KEPT}, avec ces violations." in page


def test_the_technical_details_come_after_what_was_read_in_a_details_element(client):
    _, page = post(client, REGISTER)
    readable, technical = page.index("acteurs membres : 1"), page.index("<summary>Détails techniques</summary>")
    assert readable < technical < page.index("registre.yaml: register, ") < page.index("sha256 ")
    assert "<script" not in page.split("<main", 1)[1]


def test_a_replacements_advice_on_the_form_is_to_rename_the_file_not_to_use_the_commands_name_option(client):
    post(client, REGISTER)
    _, page = post(client, REGISTER_V2)
    assert ("si c'est un autre fichier du même nom, renommez le fichier avant de le déposer (le nom du fichier est "
            "celui de la source)") in page and "--name" not in page


def test_a_second_register_is_told_on_the_form_to_take_the_first_ones_file_name(client):
    post(client, REGISTER)
    _, page = post(client, REGISTER_V2, name="registre-v2.yaml")
    assert ("si ce fichier en remplace un, renommez-le « registre.yaml » avant de le déposer (le nom du fichier est "
            "celui de la source)") in page and "--name" not in page


def test_a_file_whose_name_differs_from_the_stored_sources_only_in_case_is_told_to_take_its_name(client):
    post(client, REGISTER)
    _, page = post(client, REGISTER_V2, name="Registre.yaml")
    assert ("renommez le fichier avant de le déposer (le nom du fichier est celui de la source), ou s'il en est une "
            "nouvelle version, renommez-le « registre.yaml » avant de le déposer : il la remplacera") in page
    assert "--name" not in page and "maillage remove" not in page
    assert f"Rien n'a été enregistré ; {KEPT}." in page  # « registre.yaml »


@pytest.mark.parametrize("lang, said", [
    ("fr", "; ce fichier semble être du type « Registre des partenaires du PTCE » : il a été lu comme « Délibération "
           "», le type choisi dans « Type » : choisissez « détecter » ou ce type — rien n'a été enregistré"),
    ("en", "; this file looks like the kind 'Register of the PTCE's partners': it was read as 'Deliberation', the "
           "kind chosen under “Kind”: choose “detect” or that kind — nothing was stored")])
def test_a_file_of_another_kind_than_the_one_chosen_is_told_the_kind_it_looks_like(client, lang, said):
    response, page = post(client, REGISTER, lang=lang, kind="deliberation")
    assert response.status_code == 422 and said in page and "--kind" not in page
