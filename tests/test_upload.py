"""Write access: without the token every write — upload, SPARQL Update, Graph Store — is refused and leaves the
store as it was; with it, an upload is ingested as ``maillage ingest`` would, indexed, and logged with who and what.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
from pathlib import Path

import pytest
from web_fixture import app_on_fixture

from webapp.upload import token_id

TOKEN = "s3cret"
NEW = "https://ex.org/uploaded"
NTRIPLES = f'<{NEW}> <http://www.w3.org/2000/01/rdf-schema#label> "Mutuelle déposée" .\n'.encode()
ASK = f"ASK {{ <{NEW}> ?p ?o }}"


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path, write_token=TOKEN) as app:
        yield app


def knows_new(client) -> bool:
    answer = client.get("/sparql", query_string={"query": ASK}, headers={"Accept": "application/sparql-results+json"})
    return answer.get_json()["boolean"]


def upload(client, data=NTRIPLES, name="depot.nt", headers=None, form=None):
    return client.post("/api/upload", data={"file": (io.BytesIO(data), name), **(form or {})}, headers=headers or {})


def writes(client) -> list[dict]:
    path = Path(client.application.config["MAILLAGE"]["data_dir"]) / "logs" / "writes.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


WRITES = {
    "upload": lambda c, h: upload(c, headers=h),
    "upload-form": lambda c, h: c.post("/upload", data={"file": (io.BytesIO(NTRIPLES), "depot.nt"),
                                                       "token": h.get("Authorization", "")[7:]}),
    "sparql-update-form": lambda c, h: c.post("/sparql", data={"update": f'INSERT DATA {{ GRAPH <{NEW}> {{ <{NEW}> '
                                                                        f'<https://ex.org/p> "x" }} }}'}, headers=h),
    "sparql-update-direct": lambda c, h: c.post("/sparql", data=f'INSERT DATA {{ GRAPH <{NEW}> {{ <{NEW}> '
                                                                f'<https://ex.org/p> "x" }} }}',
                                                headers={**h, "Content-Type": "application/sparql-update"}),
    "graph-store-put": lambda c, h: c.put(f"/store?graph={NEW}", data=NTRIPLES,
                                          headers={**h, "Content-Type": "application/n-triples"}),
    "graph-store-post": lambda c, h: c.post(f"/store?graph={NEW}", data=NTRIPLES,
                                            headers={**h, "Content-Type": "application/n-triples"}),
}
BAD_CREDENTIALS = {"none": {}, "wrong": {"Authorization": "Bearer wrong"},
                   "prefix": {"Authorization": "Bearer s3cre"}, "basic": {"Authorization": "Basic czNjcmV0"}}


@pytest.mark.parametrize("credentials", BAD_CREDENTIALS)
@pytest.mark.parametrize("write", WRITES)
def test_a_write_without_the_right_token_is_refused_and_changes_nothing(app, write, credentials):
    client = app.test_client()
    response = WRITES[write](client, BAD_CREDENTIALS[credentials])
    assert response.status_code in (401, 403), response.get_data(as_text=True)[:300]
    assert not knows_new(client)


@pytest.mark.parametrize("write", WRITES)
def test_every_write_is_refused_when_no_token_is_configured(tmp_path, write):
    with app_on_fixture(tmp_path, write_token="") as app:
        client = app.test_client()
        assert WRITES[write](client, {"Authorization": "Bearer "}).status_code in (401, 403)
        assert not knows_new(client)


def test_graph_store_delete_without_the_token_is_refused(app):
    client = app.test_client()
    graph = "https://w3id.org/maillage/id/source/fixture-ttl"
    assert client.delete(f"/store?graph={graph}").status_code in (401, 403)
    assert client.get(f"/store?graph={graph}").status_code == 200


def test_an_upload_with_the_token_is_ingested_indexed_and_logged(app):
    client = app.test_client()
    response = upload(client, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["status"], body["kind"], body["file"]) == ("stored", "rdf", "depot.nt")
    assert body["source"] == "https://w3id.org/maillage/id/source/depot-nt"  # the graph the CLI would write
    assert knows_new(client)
    [entry] = writes(client)
    assert entry["action"] == "upload" and entry["result"] == "stored"
    assert entry["token"] == token_id(TOKEN) and TOKEN not in json.dumps(entry)
    assert entry["remote"] == "127.0.0.1" and entry["file"] == "depot.nt"
    assert entry["sha256"] == hashlib.sha256(NTRIPLES).hexdigest() and entry["size"] == len(NTRIPLES)


def test_the_same_upload_twice_is_unchanged(app):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert upload(client, headers=headers).get_json()["status"] == "stored"
    assert upload(client, headers=headers).get_json()["status"] == "unchanged"


def test_a_refused_write_is_logged_without_the_token_it_tried(app):
    client = app.test_client()
    upload(client, headers={"Authorization": "Bearer guess-1234"})
    [entry] = writes(client)
    assert entry["result"] == "refused: bad token" and entry["token"] == "invalid"
    assert "guess-1234" not in json.dumps(entry)


def test_an_unreadable_upload_is_refused_with_the_reason_and_changes_nothing(app):
    client = app.test_client()
    response = upload(client, data=b"\x00\x01binary", name="donnees.csv",
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    assert "rien n'a été enregistré" in response.get_json()["error"]["message"]
    assert writes(client)[-1]["result"] == "failed"


def test_a_bug_met_reading_an_upload_is_answered_500_and_logged_with_the_file_and_the_error(app, monkeypatch):
    from graph import limits
    from graph.ingest import scdl_grants
    from webapp import upload as upload_module

    def boom(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(scdl_grants, "read_table", boom)
    # In this process (the child that the view spawns would not see the patch), without the child's limits: they
    # would bind the test process (an address-space limit that no browser launched later could live with).
    monkeypatch.setattr(upload_module, "run_ingest", upload_module.ingest_file)
    monkeypatch.setattr(limits, "limit_process", lambda *args, **kwargs: None)
    client = app.test_client()
    grants = (Path(__file__).parent / "fixtures" / "tabular" / "exemple_valide_v2.1.1.csv").read_bytes()
    response = upload(client, data=grants, name="subventions.csv", headers={"Authorization": f"Bearer {TOKEN}"})
    assert (response.status_code, response.get_json()["error"]["code"]) == (500, "internal-error")
    logged = writes(client)[-1]["result"]
    assert logged.startswith("error: subventions.csv: erreur : erreur interne de Maillage en lisant ce fichier "
                             "(ZeroDivisionError: bug)"), logged


def test_an_uploaded_file_name_cannot_escape_the_upload_folder(app, tmp_path):
    client = app.test_client()
    response = upload(client, name="../../../../tmp/evil.nt", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.get_json()["file"] == "evil.nt"
    assert not Path("/tmp/evil.nt").exists()


def test_the_upload_page_asks_for_a_file_and_the_token(app):
    page = app.test_client().get("/upload", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'type="file"' in page and 'name="token"' in page and 'type="password"' in page
    assert '<option value="scdl-subventions">Subventions (SCDL)</option>' in page


@pytest.mark.parametrize("lang, said", [
    ("fr", ["Le dépôt est fermé", "la variable d'environnement <code>MAILLAGE_WRITE_TOKEN</code>",
            "<code>maillage ingest FICHIER</code>"]),
    ("en", ["Uploads are closed", "the environment variable <code>MAILLAGE_WRITE_TOKEN</code>",
            "<code>maillage ingest FILE</code>", "as “maillage ingest” does it"]),
])
def test_the_upload_page_says_uploads_are_closed_and_how_to_open_them_or_load_files_instead(tmp_path, lang, said):
    with app_on_fixture(tmp_path, write_token="") as app:
        page = app.test_client().get(f"/upload?lang={lang}", headers={"Accept": "text/html"}).get_data(as_text=True)
        refused = app.test_client().post("/api/upload", data={"file": (io.BytesIO(b"x"), "a.ttl")}).get_json()
    assert [words in page for words in said] == [True] * len(said) and 'type="file"' not in page
    assert "`" not in page
    assert "MAILLAGE_WRITE_TOKEN" in refused["error"]["message"] and "maillage ingest" in refused["error"]["message"]


def test_the_upload_form_with_the_token_ingests(app):
    client = app.test_client()
    response = client.post("/upload", data={"file": (io.BytesIO(NTRIPLES), "depot.nt"), "token": TOKEN})
    assert response.status_code == 200
    assert "depot.nt\u00a0: enregistré" in response.get_data(as_text=True)
    assert knows_new(client)


def test_an_uploaded_file_keeps_its_accented_name_and_so_the_source_the_command_gives_it(app):
    """werkzeug's secure_filename made « subventions été.nt » « subventions_ete.nt »: another source than the one
    `maillage ingest` makes of the same file, whose new version then added to the old one instead of replacing it."""
    from graph.ingest.base import source_iri

    client = app.test_client()
    body = upload(client, name="subventions été.nt", headers={"Authorization": f"Bearer {TOKEN}"}).get_json()
    assert body["file"] == "subventions été.nt"
    assert body["source"] == str(source_iri(Path("subventions été.nt")))


GRANTS_WITHOUT_FUNDER = "nomBeneficiaire;idBeneficiaire;objet;montant\nClub Santé;;Aide;1500\n".encode()


@pytest.mark.parametrize("lang, failed, status, advice", [
    ("fr", "non enregistré", "erreur : liste de subventions sans colonne d'attribuant",
     "le champ «\u00a0Collectivité\u00a0» de ce formulaire"),
    ("en", "not stored", "grants list without funder columns", "this form’s “Authority” field")])
def test_the_upload_page_reports_in_its_language_and_its_advice_names_the_forms_field(app, lang, failed, status,
                                                                                      advice):
    client = app.test_client()
    page = client.post(f"/upload?lang={lang}", data={"file": (io.BytesIO(GRANTS_WITHOUT_FUNDER), "liste.csv"),
                                                    "token": TOKEN})
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 422 and f"liste.csv{' :' if lang == 'fr' else ':'} {failed}" in text.replace(
        "\u00a0", " ")
    assert status in text and advice.replace("’", "'") in text and "--funder" not in text


def test_the_upload_forms_authority_field_stands_for_the_commands_funder_option(app):
    client = app.test_client()
    page = client.post("/upload?lang=fr", data={"file": (io.BytesIO(GRANTS_WITHOUT_FUNDER), "liste.csv"),
                                               "token": TOKEN, "funder": "Ville de Lussac;21860194600013"})
    assert page.status_code == 200 and "subventions : 1" in page.get_data(as_text=True)


def test_the_upload_form_lists_every_warning_of_a_file_and_gives_no_command_line_advice(app):
    # 25 rows whose beneficiary's SIRET is too short: 25 warnings, more than a command's report shows before its cut
    header = ("nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature;"
              "conditionsVersement\n")
    rows = "".join(f"Ville;21420218600017;2024-01-15;Association {n};{12300 + n};Objet {n};{1000 + n};"
                   "aide en numéraire;unique\n" for n in range(25))
    response = app.test_client().post("/upload", data={"file": (io.BytesIO((header + rows).encode()), "liste.csv"),
                                                       "token": TOKEN})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'class="report"' in page
    assert "--verbose" not in page and "de plus" not in page
    assert all(f"liste.csv:{line}:" in page for line in range(2, 27))  # each beneficiary's SIRET told apart
    assert f"× 25 (lignes {', '.join(str(line) for line in range(2, 27))})" in page  # the funder's, on every line
