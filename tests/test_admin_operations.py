"""What an administrator meets running Maillage: a backup restored by another version of Maillage, the upload API's
counts, messages and log, its description (README, OpenAPI), the upload form's strict box, a boolean setting's
message, and the search while a remote store does not answer.

The web tests use a fresh app on the web fixture's data with a write token (:func:`web_fixture.app_on_fixture`);
the backup tests a copy of the demo corpus (``demo_data``); the remote tests a closed loopback port.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from web_fixture import app_on_fixture

from graph.ontology import VOCABULARY_FILES, read_vocabulary
from graph.store import open_store
from tests.conftest import EXAMPLES, free_port
from webapp.cli import main
from webapp.settings import SettingError, load_settings

TOKEN = "s3cret"
ROOT = Path(__file__).parent.parent
ONTOLOGY = VOCABULARY_FILES["maillage.ttl"]
#: A valid one-row SCDL grants file, whose one SHACL result is an info (a deliberation it names has no subject).
GRANTS = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
          "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,"
          "pourcentageSubvention\n"
          "Saint-Etienne Métropole,24420077000018,2025-03-12,2025.00119,Association Les Aidants du Gier (fictive),,"
          "W423000001,Café des aidants itinérant,3200,aide en numéraire,unique,2025-04-01,,non,1\n").encode()
#: A Turtle file whose line 5 lacks its final « ; »: refused at line 6.
BROKEN_TURTLE = b"""@prefix ex: <https://ex.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:a rdfs:label "Mutuelle" ;
    rdfs:comment "sans point-virgule"
    ex:p ex:b .
"""


def cli(data: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def stored_sha(data: Path, graph: str) -> str:
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        [row] = list(store.query("SELECT ?sha WHERE { GRAPH ?g { ?g <https://w3id.org/maillage/ontology#sha256> ?sha "
                                 "} }", {"g": URIRef(graph)}))
        return str(row[0])
    finally:
        store.close()


# --- 1. a backup of another version of Maillage --------------------------------------------------------------------


def another_versions_dump(dump: Path, out: Path) -> Path:
    """``dump`` as another version of Maillage would have written it: its ontology of another sha256 (what an
    ontology file changed between the export and the restore gives; its counts still hold)."""
    sha = re.compile(rf'(<{ONTOLOGY}> <https://w3id.org/maillage/ontology#sha256> ")[0-9a-f]{{64}}(")')
    text, changed = sha.subn(r"\g<1>" + "0" * 64 + r"\g<2>", dump.read_text(encoding="utf-8"))
    assert changed == 1
    out.write_text(text, encoding="utf-8")
    return out


def test_restoring_ones_own_backup_over_its_store_warns_of_nothing(demo_data, tmp_path):
    cli(demo_data, "export", "--format", "trig", "-o", str(tmp_path / "backup.trig"))
    result = cli(demo_data, "ingest", str(tmp_path / "backup.trig"))
    assert "avertissement" not in result.stderr.replace("0 avertissement", ""), result.stderr


def test_a_backup_of_another_version_keeps_this_versions_vocabulary_without_saying_data_are_withdrawn(demo_data,
                                                                                                     tmp_path):
    cli(demo_data, "export", "--format", "nquads", "-o", str(tmp_path / "full.nq"))
    dump = another_versions_dump(tmp_path / "full.nq", tmp_path / "ancienne.nq")
    result = cli(demo_data, "ingest", "--verbose", str(dump)).stderr
    assert "remplace la source « maillage.ttl »" not in result and "ce qu'elle disait est retiré" not in result
    assert ("ancienne.nq: information : cette sauvegarde donne le vocabulaire « maillage.ttl » d'une autre version "
            "de Maillage : celui de cette version-ci est gardé (il vient avec le programme, rien de vos données "
            "n'est retiré)") in result.replace(str(tmp_path) + "/", ""), result
    assert stored_sha(demo_data, ONTOLOGY) == hashlib.sha256(read_vocabulary("maillage.ttl")).hexdigest()


def test_a_backup_of_another_version_restored_into_a_remote_store_keeps_this_versions_vocabulary(remote_store,
                                                                                                monkeypatch, tmp_path):
    url = remote_store.query_url.removesuffix("/query")
    for name, value in {"MAILLAGE_STORE": "sparql", "MAILLAGE_QUERY_URL": f"{url}/query",
                        "MAILLAGE_UPDATE_URL": f"{url}/update", "MAILLAGE_DATA": str(tmp_path / "data")}.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--no-index", str(EXAMPLES / "ptce-registre.yaml")]).exit_code == 0
    assert runner.invoke(main, ["export", "--format", "nquads", "-o", str(tmp_path / "full.nq")]).exit_code == 0
    own = runner.invoke(main, ["ingest", "--no-index", str(tmp_path / "full.nq")], catch_exceptions=False)
    assert own.exit_code == 0 and "avertissement :" not in own.stderr, own.stderr
    dump = another_versions_dump(tmp_path / "full.nq", tmp_path / "ancienne.nq")
    other = runner.invoke(main, ["ingest", "--no-index", "--verbose", str(dump)], catch_exceptions=False)
    assert other.exit_code == 0 and "avertissement :" not in other.stderr, other.stderr
    assert "« maillage.ttl » d'une autre version de Maillage : celui de cette version-ci est gardé" in other.stderr
    [row] = list(remote_store.query(f"SELECT ?sha WHERE {{ GRAPH <{ONTOLOGY}> {{ <{ONTOLOGY}> "
                                    "<https://w3id.org/maillage/ontology#sha256> ?sha } }"))
    assert str(row[0]) == hashlib.sha256(read_vocabulary("maillage.ttl")).hexdigest()


# --- 2, 6, 8. the upload API: its counts, its English message, its log ---------------------------------------------


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path, write_token=TOKEN) as app:
        yield app


def upload(client, data: bytes, name: str, lang: str = "fr"):
    return client.post(f"/api/upload?lang={lang}", data={"file": (io.BytesIO(data), name)},
                       headers={"Authorization": f"Bearer {TOKEN}"})


def writes(client) -> list[dict]:
    path = Path(client.application.config["MAILLAGE"]["data_dir"]) / "logs" / "writes.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_upload_api_counts_each_shacl_result_as_its_severity(app):
    response = upload(app.test_client(), GRANTS, "subventions-upload-2.csv")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    # as `maillage ingest` says of it: « 0 avertissement ; 1 information non affichée »
    assert (body["status"], body["violations"], body["warnings"], body["infos"]) == ("stored", 0, 0, 1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_broken_uploads_english_message_is_in_english(app, lang):
    response = upload(app.test_client(), BROKEN_TURTLE, "partenaires-extra.ttl", lang)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["message"].startswith("fichier non enregistré : partenaires-extra.ttl:6: erreur : RDF invalide")
    assert error["message_en"].startswith("file not stored: partenaires-extra.ttl:6: error: invalid RDF")
    assert "erreur" not in error["message_en"] and "rien n'a été" not in error["message_en"]
    assert error["message_en"].endswith("nothing was stored")


def test_the_writes_log_says_in_english_why_an_upload_failed(app):
    client = app.test_client()
    upload(client, BROKEN_TURTLE, "partenaires-extra.ttl")
    entry = writes(client)[-1]
    assert entry["result"] == "failed" and entry["file"] == "partenaires-extra.ttl"
    assert entry["reason"].startswith("partenaires-extra.ttl:6: error: invalid RDF"), entry
    assert "\n" not in entry["reason"]


def test_the_writes_log_gives_a_failed_rows_line_but_not_its_value(app):
    client = app.test_client()
    upload(client, b"\x00\x01binary", "donnees.csv")
    entry = writes(client)[-1]
    assert entry["result"] == "failed" and entry["reason"].startswith("donnees.csv"), entry
    assert "binary" not in entry["reason"] and "erreur" not in entry["reason"]


def test_a_stored_upload_has_no_reason_in_the_log(app):
    client = app.test_client()
    upload(client, GRANTS, "subventions.csv")
    assert "reason" not in writes(client)[-1]


# --- 3. how to call the upload API ---------------------------------------------------------------------------------


def test_the_openapi_document_describes_the_upload_with_its_field_its_token_and_its_answers(app):
    document = app.test_client().get("/api/openapi.json").get_json()
    operation = document["paths"]["/api/upload"]["post"]
    form = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["required"] == ["file"] and form["properties"]["file"]["format"] == "binary"
    assert {"kind", "strict", "funder"} <= set(form["properties"])
    assert operation["security"] == [{"writeToken": []}]
    scheme = document["components"]["securitySchemes"]["writeToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer") and "write_token" in scheme["description"]
    assert {"200", "400", "401", "403", "413", "422", "500"} <= set(operation["responses"])


def test_every_api_route_is_in_the_openapi_document_and_every_path_is_a_route(app):
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule): rule.methods - {"HEAD", "OPTIONS"}
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    paths = app.test_client().get("/api/openapi.json").get_json()["paths"]
    assert set(routes) == set(paths)
    for path, methods in routes.items():
        assert {m.lower() for m in methods} == set(paths[path]), path


def test_the_readme_says_how_to_send_the_token_and_the_file():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Authorization: Bearer" in readme and "-F file=@" in readme and "/api/openapi.json" in readme


# --- 4. the upload form's strict box -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, said", [
    ("fr", "Strict : refuser le fichier s'il a une ligne rejetée, une violation SHACL ou (RDF) un terme mai: inconnu "
           "ou redéfini ; un avertissement (une date impossible écartée) ne le fait pas refuser"),
    ("en", "Strict: refuse the file if it has a rejected row, a SHACL violation or (RDF) an unknown or redefined mai: "
           "term; a warning (an impossible date left out) does not refuse it")])
def test_the_strict_box_says_what_strict_refuses(app, lang, said):
    import html

    page = " ".join(html.unescape(app.test_client().get(f"/upload?lang={lang}").get_data(as_text=True)).split())
    assert said in page and "moindre erreur" not in page and "any error" not in page


def test_a_strict_upload_of_an_impossible_date_is_stored_with_its_warning_as_the_box_says(app):
    dated = GRANTS.replace(b"2025-03-12", b"2025-02-30")
    response = app.test_client().post("/api/upload", data={"file": (io.BytesIO(dated), "s.csv"), "strict": "1"},
                                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.get_json()["warnings"] == 1


# --- 7. a boolean setting's message --------------------------------------------------------------------------------


def test_a_bad_boolean_setting_lists_every_word_the_readme_gives_and_each_is_accepted():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [row] = [line for line in readme.splitlines() if line.startswith("| `debug` |")]
    words = re.findall(r"`([^`]+)`", row.split("a yes", 1)[1])
    assert {"yes", "no", "oui", "non"} <= set(words)
    with pytest.raises(SettingError) as refused:
        load_settings(environ={"MAILLAGE_DEBUG": "peut-etre"})
    for word in words:
        assert re.search(rf"\b{word}\b", refused.value.message) and re.search(rf"\b{word}\b", refused.value.message_en)
        load_settings(environ={"MAILLAGE_DEBUG": word})
    assert refused.value.message_en.endswith("expected: 1, true, yes, oui or on for yes; 0, false, no, non, off or "
                                             "nothing for no")


# --- 5. search while the remote store does not answer --------------------------------------------------------------


def remote(url: str) -> dict:
    return {"store": "sparql", "query_url": f"{url}/query", "update_url": f"{url}/update"}


@pytest.mark.parametrize("route", ["/search?q=aidants", "/api/search?q=aidants", "/api/suggest?q=aid",
                                   "/search.csv?q=aidants", "/queries", "/queries.json"])
def test_the_search_of_a_store_out_of_reach_answers_503_as_the_pages_do(app_of, route):
    response = app_of(**remote(f"http://127.0.0.1:{free_port()}")).get(route)
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    said = response.get_data(as_text=True)
    if response.is_json:
        assert response.get_json()["error"]["code"] == "store-unavailable"
    else:
        assert "la base de données ne répond pas" in said
    assert "127.0.0.1" not in said


@pytest.mark.parametrize("route", ["/search?q=sant%C3%A9", "/api/search?q=sant%C3%A9", "/queries"])
def test_the_search_of_the_embedded_store_still_answers(app, route):
    assert app.test_client().get(route).status_code == 200


def test_the_search_command_of_a_store_out_of_reach_says_so_in_one_line(monkeypatch, tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    for name, value in {"MAILLAGE_STORE": "sparql", "MAILLAGE_QUERY_URL": f"{url}/query",
                        "MAILLAGE_UPDATE_URL": f"{url}/update", "MAILLAGE_DATA": str(tmp_path / "data")}.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["search", "aidants"], catch_exceptions=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines()[-1].startswith(f"maillage: le serveur SPARQL ne répond pas à {url}/query")
