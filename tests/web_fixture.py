"""The small graph that the web tests read, and how each test gets a fresh app on it.

Strategy: the fixture graph (inline Turtle, the contract's vocabulary) is ingested once per session through
``graph.ingest.pipeline.ingest_paths`` — the product's own path, SHACL validation included — into a template data
directory; each test copies that directory (a few files of RocksDB snapshots) and builds a fresh app on its copy
with ``create_app``. Ingesting per test would cost a second of validation each for no extra coverage.
"""

from __future__ import annotations

import contextlib
import html
import shutil
from pathlib import Path

SOURCE_TEXT = ("Délibération n°2024.00240 du Bureau métropolitain. La Métropole attribue une subvention de "
               "20 000 € à l'association DanaeCare pour créer le PTCE santé.")
QUOTE = "20 000 € à l'association DanaeCare"
START = SOURCE_TEXT.index(QUOTE)
END = START + len(QUOTE)

BASE = "https://w3id.org/maillage/id/"
FIXTURE_GRAPH = BASE + "source/fixture-ttl"
DANAECARE = BASE + "actor/danaecare"
SEM = BASE + "actor/saint-etienne-metropole"
PTCE = BASE + "actor/ptce-sante-loire"
XSS = BASE + "actor/xss"
LONELY = BASE + "actor/cabinet-isole"
GRANT = BASE + "grant/sem-danaecare-2024"
GRANT_XSS = BASE + "grant/sem-xss-2023"
DELIBERATION = BASE + "deliberation/saint-etienne-metropole/2024-00240"
SESSION = BASE + "session/saint-etienne-metropole/2024-05-14"
GOAL = BASE + "goal/acces-aux-soins"
GOAL2 = BASE + "goal/prevention"
SOURCE = BASE + "source/deliberation-txt"
EVIDENCE = BASE + "evidence/deliberation-txt/1"
ALICE = BASE + "person/alice-martin"
PLACE = BASE + "place/42218"
COEUR = "https://w3id.org/maillage/ontology/circle/coeur"
PARTENAIRES = "https://w3id.org/maillage/ontology/circle/partenaires"
PREVENTION = "https://w3id.org/maillage/ontology/theme/prevention"


#: The one script of every page, the menu's Esc key (webapp/static/menu.js): deferred, from this site, and no page
#: needs it (the browser tests open every page without script).
MENU_SCRIPT = '<script src="/static/menu.js" defer></script>'


def without_menu_script(page: str) -> str:
    """An HTML page without its menu script, in which any other ``<script`` is one that should not be there."""
    return page.replace(MENU_SCRIPT, "", 1)


FIXTURE_TTL = f"""
@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{PTCE}> a mai:Cooperation ; rdfs:label "PTCE santé Loire" ; mai:coordinatedBy <{DANAECARE}> ;
    mai:hasGoal <{GOAL}> , <{GOAL2}> .
<{DANAECARE}> a mai:Association ; rdfs:label "DanaeCare" ; dcterms:subject <{PREVENTION}> ;
    schema:location <{PLACE}> ; mai:rna "W423012345" ; dcterms:description "Association de coordination en santé." .
<{SEM}> a mai:PublicAuthority ; rdfs:label "Saint-Etienne Métropole" ; schema:location <{PLACE}> ; mai:siren "244200770" .
<{XSS}> a mai:Association ; rdfs:label "<script>alert('x')</script>" ; dcterms:subject <{PREVENTION}> .
<{LONELY}> a mai:HealthProfessional ; rdfs:label "Cabinet isolé" ; schema:location <{PLACE}> .
<{PLACE}> a schema:Place ; rdfs:label "Saint-Étienne" ; mai:inseeCode "42218" .

<{BASE}membership/danaecare-ptce> a org:Membership ; org:member <{DANAECARE}> ; org:organization <{PTCE}> ;
    org:role <{COEUR}> ; mai:joinedOn "2024-01-15"^^xsd:date .
<{BASE}membership/sem-ptce> a org:Membership ; org:member <{SEM}> ; org:organization <{PTCE}> ;
    org:role <{PARTENAIRES}> ; mai:joinedOn "2024-03-01"^^xsd:date ; mai:leftOn "2024-11-30"^^xsd:date .

<{GOAL}> a mai:StrategicGoal ; skos:prefLabel "Améliorer l'accès aux soins"@fr , "Improve access to care"@en ;
    skos:notation "1" .
<{GOAL2}> a mai:StrategicGoal ; skos:prefLabel "Développer la prévention"@fr ; skos:notation "2" .

<{GRANT}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ;
    schema:amount "20000.00"^^xsd:decimal ; schema:currency "EUR" ; mai:fiscalYear 2024 ;
    dcterms:description "Création du PTCE santé" ; mai:decidedBy <{DELIBERATION}> ; mai:contributesTo <{GOAL}> ;
    mai:evidence <{EVIDENCE}> .
<{GRANT_XSS}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{XSS}> ;
    schema:amount "5000"^^xsd:decimal ; mai:fiscalYear 2023 ; mai:contributesTo <{GOAL2}> .
<{EVIDENCE}> a oa:TextQuoteSelector ; oa:exact "{QUOTE}" ; oa:start {START} ; oa:end {END} ;
    prov:wasDerivedFrom <{SOURCE}> .
<{SOURCE}> a mai:Source ; dcterms:title "deliberation.txt" ; schema:text "{SOURCE_TEXT}" .

<{DELIBERATION}> a mai:Deliberation ; dcterms:identifier "2024.00240" ;
    dcterms:title "Création d'un PTCE santé – subvention à DanaeCare" ; dcterms:date "2024-05-14"^^xsd:date ;
    mai:authority <{SEM}> ; mai:session <{SESSION}> .
<{SESSION}> a mai:Session ; dcterms:date "2024-05-14"^^xsd:date ; mai:present <{ALICE}> ; mai:excused <{BASE}person/bob-durand> .
<{ALICE}> a foaf:Person ; rdfs:label "Alice Martin" .
<{BASE}person/bob-durand> a foaf:Person ; rdfs:label "Bob Durand" .
"""


def build_template(directory: Path) -> Path:
    """Ingest the fixture graph into ``directory/data`` with the product's pipeline; return the data dir."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    source = directory / "fixture.ttl"
    source.write_text(FIXTURE_TTL, encoding="utf-8")
    data = directory / "data"
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    reports = ingest_paths(store, [source])
    assert reports and reports[0].status == "stored", reports
    try:
        from search.indexer import build_index
    except ImportError:  # the search package is not there: the search page says so
        pass
    else:
        build_index(store, {"data_dir": str(data), "store": "oxigraph"})
    store.close()
    return data


def fresh_app(template: Path, tmp_path: Path, **config):
    """A new app from the factory on a private copy of the template data directory."""
    from webapp import create_app

    data = tmp_path / "data"
    shutil.copytree(template, data)
    settings = {"store": "oxigraph", "data_dir": str(data), "query_timeout": 5.0, "query_workers": 2,
                "write_token": "s3cret"}
    settings.update(config)
    app = create_app(settings)
    app.config["TESTING"] = True
    return app


@contextlib.contextmanager
def app_on_fixture(tmp_path: Path, **config):
    """A fresh app on a copy of the fixture's data (:func:`fresh_app`), its resources closed after use."""
    from webapp.resources import close_resources

    app = fresh_app(template_data(), tmp_path, **config)
    try:
        yield app
    finally:
        close_resources(app)


def client_on(data: str):
    """A test client of an app on the data directory ``data``, its resources closed after (a fixture's body:
    ``yield from client_on(data)``)."""
    from webapp import create_app
    from webapp.resources import close_resources

    app = create_app({"data_dir": data, "store": "oxigraph", "query_workers": 1})
    yield app.test_client()
    close_resources(app)


def client_over(data: Path, paths: list[Path]):
    """A test client of an app over the files ``paths`` ingested, each stored, into the new data directory ``data``;
    its resources closed after (a fixture's body: ``yield from client_over(data, paths)``)."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from webapp import create_app
    from webapp.resources import close_resources

    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        assert [r.status for r in ingest_paths(store, paths)] == ["stored"] * len(paths)
    finally:
        store.close()
    app = create_app({"store": "oxigraph", "data_dir": str(data), "query_timeout": 10.0})
    app.config["TESTING"] = True
    yield app.test_client()
    close_resources(app)


def demo_data(tmp_path_factory, name: str) -> str:
    """A data directory holding the demo corpus, filled by `maillage ingest` (which builds the index)."""
    from click.testing import CliRunner

    from webapp.cli import main

    root = tmp_path_factory.mktemp(name)
    result = CliRunner().invoke(main, ["--data", str(root / "data"), "ingest", "examples"])
    assert result.exit_code == 0, result.output
    return str(root / "data")


@contextlib.contextmanager
def client_with(root: Path, turtle: str, name: str = "another.ttl", indexed: bool = False):
    """A test client of a new app over the fixture's data with ``turtle`` ingested after it (:func:`data_with`),
    the search index rebuilt over both when ``indexed``, its resources closed after use."""
    from webapp.resources import close_resources

    data = data_with(root, turtle, name)
    if indexed:
        from graph.store import open_store
        from search.indexer import build_index

        store = open_store({"store": "oxigraph", "data_dir": str(data)})
        try:
            build_index(store, {"data_dir": str(data), "store": "oxigraph"})
        finally:
            store.close()
    app = fresh_app(data, root / "app")
    try:
        yield app.test_client()
    finally:
        close_resources(app)


def data_of(root: Path, name: str, text: str) -> Path:
    """The data directory under ``root`` with the file ``name`` of ``text`` ingested into it: alone, a module's
    template (:func:`client_on_copy` makes each test's app on a copy of it)."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    (root / name).write_text(text, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(root / "data")})
    try:
        assert ingest_paths(store, [root / name])[0].status == "stored"
    finally:
        store.close()
    return root / "data"


@contextlib.contextmanager
def client_on_copy(template: Path, tmp_path: Path):
    """A test client of a new app on a copy of the data directory ``template``, its resources closed after use."""
    from webapp.resources import close_resources

    app = fresh_app(template, tmp_path)
    try:
        yield app.test_client()
    finally:
        close_resources(app)


def data_with(root: Path, turtle: str, name: str = "another.ttl") -> Path:
    """A copy of the fixture's data under ``root`` with ``turtle`` ingested after it, as a second source file."""
    shutil.copytree(template_data(), root / "data")
    return data_of(root, name, turtle)


def ingest_versions(tmp_path: Path, name: str, *versions: str):
    """Ingest each of ``versions`` of the file ``name`` in turn into the store under ``tmp_path / "data"``; return
    the last report."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    path = tmp_path / name
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for text in versions:
            path.write_text(text, encoding="utf-8")
            [report] = ingest_paths(store, [path])
    finally:
        store.close()
    return report


_TEMPLATE: list[Path] = []


def template_data() -> Path:
    """The fixture's data directory, built once per test process (removed at exit)."""
    if not _TEMPLATE:
        import atexit
        import tempfile

        directory = Path(tempfile.mkdtemp(prefix="maillage-web-fixture-"))
        atexit.register(shutil.rmtree, directory, True)
        _TEMPLATE.append(build_template(directory))
    return _TEMPLATE[0]


def funding_rows(table: dict, key: str) -> list:
    """The rows of a funding table of /funding.json as sorted (party's IRI or year, grants, total) triples."""
    return sorted((row[key]["iri"] if isinstance(row[key], dict) else row[key], row["grants"], row["total"])
                  for row in table["rows"])


def page_text(page: str) -> str:
    """A page's HTML with its characters unescaped and the no-break spaces that hold « … » together made plain, to
    compare what a page says with its JSON twin or the command line (which keep the source's spaces)."""
    return html.unescape(page).replace("\u00a0", " ")
