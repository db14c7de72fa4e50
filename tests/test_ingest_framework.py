"""The ingest framework: detection, one named graph per file with its source, provenance, validation, CLI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef

from graph.ingest import detect_kind, kinds
from graph.ingest.base import InputError, Issue, SourceContext
from graph.ingest.pipeline import IngestRefused, ingest_paths
from graph.namespaces import MAI, PROV
from graph.store import open_store
from graph.validation import Violation
from webapp.cli import main

ASSOCIATION = textwrap.dedent("""\
    @prefix mai: <https://w3id.org/maillage/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://ex.org/asso> a mai:Association ; rdfs:label "Les Amis du Soin" .
    """)
BAD_SIREN = ASSOCIATION + '<https://ex.org/asso> mai:siren "12345" .\n'


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def count(store, where: str = "?s ?p ?o") -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))[0])


def cli(tmp_path: Path, *args: str):
    return CliRunner().invoke(main, ["--data", str(tmp_path / "data"), *args], catch_exceptions=False)


@pytest.mark.parametrize("name,head,kind", [
    ("a.ttl", b"@prefix ex: <x:> .", "rdf"),
    ("a.nq", b"<x:a> <x:b> <x:c> <x:g> .", "rdf"),
    ("a.jsonld", b'{"@context": {}}', "rdf"),
    ("noext", b"@prefix ex: <x:> .", "rdf"),
    ("a.rdf", b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "rdf"),
])
def test_rdf_files_are_detected_by_extension_or_content(name, head, kind):
    assert detect_kind(SourceContext(Path(name), head)).name == kind


def test_a_file_of_no_known_kind_is_refused_with_a_hint_about_kind():
    with pytest.raises(InputError, match="--kind"):
        detect_kind(SourceContext(Path("notes.bin"), b"\x00\x01binary"))


def _every_sample() -> list[Path]:
    root = Path(__file__).parent
    return sorted(p for folder in (root / "fixtures", root.parent / "examples") for p in folder.rglob("*")
                  if p.is_file() and p.suffix != ".json" and p.name != "SOURCES.md")


def test_detection_picks_the_best_score_of_all_kinds_the_first_in_order_on_a_tie():
    """Detection may stop at a certain score; it must still pick what asking every kind would."""
    samples = _every_sample()
    assert len(samples) > 20
    for path in samples:
        ctx = SourceContext(path, path.read_bytes())
        scored = [(kind.detect(ctx), -i, kind.name) for i, kind in enumerate(kinds().values())]
        best = max(scored)
        expected = best[2] if best[0] > 0 else None
        try:
            got = detect_kind(ctx).name
        except InputError:
            got = None
        assert got == expected, path.name


def test_detecting_an_rdf_file_imports_no_other_kind():
    """The other kinds' modules cost ~0.1 s to import (patterns compiled): an RDF bulk load needs none."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from graph.ingest import detect_kind; "
            "from graph.ingest.base import SourceContext; "
            "assert detect_kind(SourceContext(Path('dump.nt'), b'<x:a> <x:b> <x:c> .')).name == 'rdf'; "
            "print(sorted(m for m in sys.modules if m.startswith('graph.ingest.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "graph.ingest.rdf" in out and "graph.ingest.deliberation" not in out and "scdl" not in out


def test_detecting_a_table_imports_no_deliberation_reader():
    """Detection imports each kind's module; the deliberation reader's patterns (~0.15 s) wait for a deliberation."""
    founding = Path(__file__).parents[1] / "examples/deliberations/saint-etienne-metropole-2024-00240-danaecare.txt"
    code = ("import sys; from pathlib import Path; from graph.ingest import detect_kind; "
            "from graph.ingest.base import SourceContext; "
            "table = b'nomAttribuant;idAttribuant;nomBeneficiaire;montant\\nVille;21420187300012;Asso;5\\n'; "
            "assert detect_kind(SourceContext(Path('d.csv'), table)).name == 'scdl-subventions'; "
            "print('graph.ingest.delib_reader' in sys.modules, end=' '); "
            "path = Path(sys.argv[1]); kind = detect_kind(SourceContext(path, path.read_bytes())); "
            "kind.extract(SourceContext(path, path.read_bytes())); "
            "print(kind.name, 'graph.ingest.delib_reader' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(founding)], capture_output=True, text=True, check=True)
    assert out.stdout == "False deliberation True\n"


def test_an_ingest_of_a_kind_named_imports_no_other_kind(tmp_path):
    """``maillage ingest --kind rdf`` checks the name it is given without importing every kind to list them."""
    (tmp_path / "one.ttl").write_text("<https://ex.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .")
    code = ("import sys; from click.testing import CliRunner; from webapp.cli import main; "
            "done = CliRunner().invoke(main, ['--data', 'data', 'ingest', '--kind', 'rdf', '--no-index', 'one.ttl']); "
            "assert done.exit_code == 0, done.output; "
            "print(sorted(m for m in sys.modules if m.startswith('graph.ingest.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout
    assert "graph.ingest.rdf" in out and "graph.ingest.deliberation" not in out and "scdl" not in out


@pytest.mark.parametrize("name, body", [
    ("asso.ttl", ASSOCIATION),
    ("asso.nt", Graph().parse(data=ASSOCIATION, format="turtle").serialize(format="nt")),
    ("asso.jsonld", Graph().parse(data=ASSOCIATION, format="turtle").serialize(format="json-ld")),
])
def test_an_rdf_file_that_starts_with_a_byte_order_mark_is_read(oxi_store, tmp_path, name, body):
    """Some editors write a BOM at the start of UTF-8; Oxigraph's Turtle and N-Triples parsers refuse it."""
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    [report] = ingest_paths(oxi_store, [path])
    assert report.status == "stored"
    assert oxi_store.query("ASK { <https://ex.org/asso> a <https://w3id.org/maillage/ontology#Actor> ; "
                           "<http://www.w3.org/2000/01/rdf-schema#label> ?name }").boolean


def test_an_rdf_file_in_utf_16_is_read_and_one_in_latin_1_is_told_to_be_saved_in_utf_8(tmp_path):
    """A UTF-16 file says its encoding by its mark; Latin-1 (or Windows-1252) does not, and RDF is UTF-8."""
    (tmp_path / "unicode.ttl").write_text(ASSOCIATION.replace("Les Amis du Soin", "Société des Amis"), encoding="utf-16")
    result = cli(tmp_path, "ingest", "--no-index", str(tmp_path / "unicode.ttl"))
    assert result.exit_code == 0 and "format : turtle, encodage : utf-16" in result.stderr, result.stderr
    assert "Société des Amis" in cli(tmp_path, "query", "SELECT ?l { ?a <http://www.w3.org/2000/01/rdf-schema#label> "
                                                           "?l }").stdout
    (tmp_path / "latin.ttl").write_bytes(ASSOCIATION.replace("Les Amis du Soin", "Société des Amis").encode("latin-1"))
    result = cli(tmp_path, "ingest", "--no-index", str(tmp_path / "latin.ttl"))
    assert result.exit_code == 1 and "latin.ttl:3: erreur : RDF invalide : le fichier n'est pas en UTF-8, l'encodage " \
        "que RDF exige (enregistré en Windows-1252 ou Latin-1 ?) : enregistrez-le en UTF-8 (" in result.stderr


RDF_XML = ('<?xml version="1.0" encoding="{encoding}"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n<rdf:Description rdf:about="https://ex.org/asso">'
           '<rdfs:label>{label}</rdfs:label></rdf:Description>\n</rdf:RDF>\n')


@pytest.mark.parametrize("encoding, codec", [("ISO-8859-1", "latin-1"), ("windows-1252", "cp1252"),
                                             ("UTF-16", "utf-16")])
def test_an_rdf_xml_file_is_read_in_the_encoding_its_declaration_names(tmp_path, encoding, codec):
    (tmp_path / "asso.rdf").write_bytes(RDF_XML.format(encoding=encoding, label="Société des Amis").encode(codec))
    result = cli(tmp_path, "ingest", "--no-index", str(tmp_path / "asso.rdf"))
    assert result.exit_code == 0 and f"encodage : {encoding.lower()}" in result.stderr, result.stderr
    assert "Société des Amis" in cli(tmp_path, "query", "SELECT ?l { <https://ex.org/asso> "
                                                       "<http://www.w3.org/2000/01/rdf-schema#label> ?l }").stdout


@pytest.mark.parametrize("lines, said", [
    (["Société des Amis"], "asso.rdf:3: avertissement : la déclaration XML annonce l'encodage « ISO-8859-1 », mais le "
                           "fichier est en UTF-8 : lu en UTF-8"),
    (["Société des Amis", "Café"], "asso.rdf:3: avertissement : la déclaration XML annonce l'encodage « ISO-8859-1 »"
                                   ", mais la ligne 3 est en UTF-8 : lu en UTF-8"),
])
def test_an_rdf_xml_file_that_declares_latin_1_and_holds_utf_8_is_read_as_utf_8_with_a_warning(tmp_path, lines, said):
    data = RDF_XML.format(encoding="ISO-8859-1", label=lines[0]).encode("utf-8")
    if len(lines) > 1:  # a line in Latin-1 too
        data = data.replace(b"</rdf:RDF>", f'<rdf:Description rdf:about="https://ex.org/b"><rdfs:label>{lines[1]}'
                                           '</rdfs:label></rdf:Description>\n</rdf:RDF>'.encode("latin-1"))
    (tmp_path / "asso.rdf").write_bytes(data)
    result = cli(tmp_path, "ingest", "--no-index", str(tmp_path / "asso.rdf"))
    assert result.exit_code == 0 and said in result.stderr.replace(str(tmp_path) + "/", ""), result.stderr
    labels = cli(tmp_path, "query", "SELECT ?l { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }").stdout
    assert all(label in labels for label in lines), labels


@pytest.mark.parametrize("encoding, label, said", [
    ("x-inconnu", "A", "asso.rdf: erreur : encodage « x-inconnu » inconnu (déclaration XML) : enregistrez le fichier "
                       "en UTF-8 — rien n'a été enregistré"),
    ("windows-1252", "A\x81", "asso.rdf:3: erreur : texte illisible en windows-1252 (octet 225) : enregistrez le "
                              "fichier en UTF-8 — rien n'a été enregistré"),
])
def test_an_rdf_xml_file_in_an_encoding_that_cannot_be_read_is_told_so(tmp_path, encoding, label, said):
    (tmp_path / "asso.rdf").write_bytes(RDF_XML.format(encoding=encoding, label=label).encode("latin-1"))
    result = cli(tmp_path, "ingest", "--no-index", str(tmp_path / "asso.rdf"))
    assert result.exit_code == 1 and said in result.stderr.replace(str(tmp_path) + "/", ""), result.stderr


#: An RDF/XML file of a kilobyte whose entities nest ten deep, each ten of the one before: ~3 GB once expanded.
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY lol0 "lol">\n'
          + "".join(f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10}">\n' for k in range(1, 10)) + "]>\n"
          + RDF_XML.split("\n", 1)[1].format(label="&lol9;"))


@pytest.mark.parametrize("text, said", [
    (LAUGHS, "asso.rdf:7: erreur : l'entité XML « lol4 » s'étend à 30 000 caractères (au plus 10 000) : fichier "
             "refusé — rien n'a été enregistré"),
    (LAUGHS.replace('<!ENTITY lol0 "lol">', '<!ENTITY lol0 SYSTEM "file:///etc/hostname">'),
     "asso.rdf:3: erreur : entité XML externe « lol0 » : Maillage ne lit ni fichier ni adresse qu'un document désigne"),
])
def test_an_rdf_xml_file_whose_entities_grow_without_bound_or_read_a_file_is_refused(tmp_path, text, said):
    (tmp_path / "asso.rdf").write_text(text, encoding="utf-8")
    result = cli(tmp_path, "ingest", "--no-index", str(tmp_path / "asso.rdf"))
    assert result.exit_code == 1 and said in result.stderr.replace(str(tmp_path) + "/", ""), result.stderr


def test_an_rdf_xml_entity_between_single_quotes_is_read(tmp_path):
    text = RDF_XML.format(encoding="UTF-8", label="&nom;").replace(
        "\n", "\n<!DOCTYPE rdf:RDF [ <!ENTITY nom 'Relais Santé'> ]>\n", 1)
    (tmp_path / "asso.rdf").write_text(text, encoding="utf-8")
    assert cli(tmp_path, "ingest", "--no-index", str(tmp_path / "asso.rdf")).exit_code == 0
    assert "Relais Santé" in cli(tmp_path, "query", "SELECT ?l { <https://ex.org/asso> "
                                                   "<http://www.w3.org/2000/01/rdf-schema#label> ?l }").stdout


def test_every_registered_kind_has_a_french_label_and_both_functions():
    for name, kind in kinds().items():
        assert kind.name == name and kind.label and callable(kind.detect) and callable(kind.extract)


def test_ingest_stores_one_named_graph_described_as_a_source(oxi_store, tmp_path):
    ingest_paths(oxi_store, [write(tmp_path, "asso.ttl", ASSOCIATION)])
    rows = list(oxi_store.query("""
        PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?g ?title ?sha ?format WHERE { GRAPH ?g { ?g a mai:Source ; dcterms:title ?title ;
            mai:sha256 ?sha ; dcterms:format ?format ; prov:generatedAtTime ?t } FILTER(?title = "asso.ttl") }"""))
    assert len(rows) == 1
    g, title, sha, fmt = rows[0]
    assert str(g) == "https://w3id.org/maillage/id/source/asso-ttl"
    assert len(str(sha)) == 64 and str(fmt) == "text/turtle"


def test_every_typed_resource_is_derived_from_its_source_and_gets_its_superclasses(oxi_store, tmp_path):
    ingest_paths(oxi_store, [write(tmp_path, "asso.ttl", ASSOCIATION)])
    asso = URIRef("https://ex.org/asso")
    types = {str(r[0]) for r in oxi_store.query("SELECT ?t WHERE { ?s a ?t }", {"s": asso})}
    assert {str(MAI.Actor), str(MAI.Association), "http://schema.org/NGO",
            "http://www.w3.org/ns/org#FormalOrganization", "http://xmlns.com/foaf/0.1/Agent"} <= types
    sources = [str(r[0]) for r in oxi_store.query(f"SELECT ?src WHERE {{ ?s <{PROV.wasDerivedFrom}> ?src }}",
                                                   {"s": asso})]
    assert sources == ["https://w3id.org/maillage/id/source/asso-ttl"]


def test_the_vocabularies_are_stored_with_the_first_file(oxi_store, tmp_path):
    ingest_paths(oxi_store, [write(tmp_path, "asso.ttl", ASSOCIATION)])
    graphs = {str(g) for g in oxi_store.named_graphs()}
    assert "https://w3id.org/maillage/ontology" in graphs
    assert "https://w3id.org/maillage/ontology/themes" in graphs


def test_ingesting_the_same_file_twice_leaves_the_same_count(oxi_store, tmp_path):
    path = write(tmp_path, "asso.ttl", ASSOCIATION)
    ingest_paths(oxi_store, [path])
    before = count(oxi_store)
    reports = ingest_paths(oxi_store, [path])
    assert reports[0].status == "unchanged"
    assert count(oxi_store) == before


RELATIVE = textwrap.dedent("""\
    @prefix mai: <https://w3id.org/maillage/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <acteur/1> a mai:{cls} ; rdfs:label "{label}" .
    """)


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_relative_iris_without_a_base_are_resolved_per_source_and_said(tmp_path, backend):
    """Two files' `<acteur/1>` without @base were one node (one fixed base for every file): an association and a
    commune merged. Each source resolves them against its own IRI, the same at each ingest, with a warning."""
    store = open_store({"store": backend, "data_dir": str(tmp_path / "data")})
    first = write(tmp_path, "a.ttl", RELATIVE.format(cls="Association", label="Association des diabétiques"))
    second = write(tmp_path, "b.ttl", RELATIVE.format(cls="PublicAuthority", label="Commune de Roche-la-Molière"))
    reports = ingest_paths(store, [first, second])
    actors = sorted((str(s), str(label)) for s, label in store.query(
        "SELECT ?s ?l WHERE { ?s a <https://w3id.org/maillage/ontology#Actor> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"))
    assert actors == [("https://w3id.org/maillage/id/source/a-ttl/acteur/1", "Association des diabétiques"),
                      ("https://w3id.org/maillage/id/source/b-ttl/acteur/1", "Commune de Roche-la-Molière")]
    assert [[i.message for i in r.warnings] for r in reports] == [[
        "1 IRI relative sans base (« acteur/1 ») : résolue contre l'IRI de cette source "
        f"(<https://w3id.org/maillage/id/source/{name}-ttl/acteur/1>), elle ne désigne rien hors d'elle ; donnez au "
        "fichier sa base : @base <https://…/> (Turtle), « @base » dans le « @context » (JSON-LD), xml:base (RDF/XML)"]
        for name in "ab"]
    before = count(store, "GRAPH ?g { ?s ?p ?o }")
    ingest_paths(store, [first], force=True)
    assert count(store, "GRAPH ?g { ?s ?p ?o }") == before


def test_a_file_with_a_base_or_absolute_iris_gets_no_relative_iri_warning(oxi_store, tmp_path):
    based = write(tmp_path, "a.ttl", "@base <https://ex.org/> .\n" + RELATIVE.format(cls="Association", label="A"))
    [report] = ingest_paths(oxi_store, [based])
    assert report.warnings == []
    assert count(oxi_store, "<https://ex.org/acteur/1> a <https://w3id.org/maillage/ontology#Actor>") == 1


def test_ingesting_a_changed_file_replaces_its_graph(oxi_store, tmp_path):
    path = write(tmp_path, "asso.ttl", ASSOCIATION)
    ingest_paths(oxi_store, [path])
    path.write_text(ASSOCIATION.replace("Les Amis du Soin", "Les Amis du Soin Renouvelés"), encoding="utf-8")
    ingest_paths(oxi_store, [path])
    labels = [str(r[0]) for r in oxi_store.query(
        "SELECT ?l WHERE { <https://ex.org/asso> <http://www.w3.org/2000/01/rdf-schema#label> ?l }")]
    assert labels == ["Les Amis du Soin Renouvelés"]


def test_two_files_of_one_name_in_one_ingest_the_second_is_refused_not_silently_replacing_the_first(oxi_store,
                                                                                                      tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "asso.ttl", ASSOCIATION)
    second = write(tmp_path / "b", "asso.ttl", ASSOCIATION.replace("asso>", "asso-2>"))
    failures = []
    reports = ingest_paths(oxi_store, [first, second], on_report=lambda r, error, path: failures.append((path, error)))
    assert [r.file for r in reports] == ["asso.ttl"] and count(oxi_store, "<https://ex.org/asso> ?p ?o") > 0
    [(path, error)] = [(p, e) for p, e in failures if e is not None]
    assert path == second and "même nom de source" in error.issue.message


@pytest.mark.parametrize("name, data, line, says", [
    ("area.json", b'{"name": "Ward 1", "identifier": "ocd-division/x", "classification": "ward"}', None,
     "du JSON sans « @context » (clés : « name », « identifier », « classification »), pas du JSON-LD"),
    ("list.json", b'[{"id": 1}]', None, "une liste JSON sans « @context », pas du JSON-LD"),
    ("area.schema.json", b'{"$schema": "http://json-schema.org/draft-03/schema#", "type": "object"}', None,
     "un schéma JSON (« $schema ») : il décrit des données, il n'en contient pas"),
    ("schema.json", b'{"$schema": "https://frictionlessdata.io/schemas/table-schema.json",\n'
                    b' "fields": [{"name": "a"}]}', None, "un schéma de données (Table Schema, « fields ») : il décrit les colonnes d'un tableau, il n'en contient "
     "pas les données ; importez le fichier CSV ou XLSX qu'il décrit"),
    ("classification.xml", b"<?xml version='1.0' encoding='ISO-8859-1' ?>\n<!-- ACTES -->\n"
                           b"<actes:RetourClassification xmlns:actes='http://www.interieur.gouv.fr/ACTES#v1.1'/>",
     None, "un message du protocole ACTES de contrôle de légalité (élément racine « actes:RetourClassification »)"),
    ("acte.xml", b"<?xml version='1.0'?>\n<actes:Acte xmlns:actes='http://www.interieur.gouv.fr/ACTES#v1.1'/>", None,
     "l'enveloppe ACTES d'un acte transmis au contrôle de légalité (élément racine « actes:Acte ») : ses "
     "métadonnées, pas son texte ; importez le document de l'acte (PDF) qu'elle accompagne"),
    ("export.xml", b"<?xml version='1.0'?>\n<Subventions><Ligne/></Subventions>", None,
     "un document XML (élément racine « Subventions »), pas du RDF/XML"),
    ("agenda.csv", "Date,Heure,Lieu,Intervenant,Sujet\n12/03/2025,14h,Firminy,ARS,CPTS\n".encode(), 1,
     "tableau dont l'en-tête (5 colonnes : « Date », « Heure », « Lieu », « Intervenant », …) ne nomme "
     "les colonnes d'aucun des tableaux lus"),
    ("esus.csv", "Liste des entreprises agréées ESUS - mise à jour 01/03/2025\n\nRaison sociale;SIRET;Statut\n"
                 "MSP DE FIRMINY;44306184100047;En cours\n".encode(), 3,
     "tableau dont l'en-tête (3 colonnes : « Raison sociale », « SIRET », « Statut ») ne nomme les colonnes d'aucun "
     "des tableaux lus"),
])
def test_a_file_plainly_of_no_kind_says_what_it_is_and_what_is_read_without_suggesting_kind(name, data, line, says):
    with pytest.raises(InputError) as refused:
        detect_kind(SourceContext(Path(name), data))
    issue = refused.value.issue
    assert issue.message.startswith(f"type de fichier non reconnu : {says} ; Maillage lit : délibérations"), issue
    assert ("--kind" in issue.message, issue.line, "Maillage reads: deliberations" in issue.message_en) == (
        False, line, True)


def test_a_file_refused_for_its_name_that_cannot_be_ingested_anyway_says_its_own_reason_first(oxi_store, tmp_path):
    (tmp_path / "schemas").mkdir()
    first = write(tmp_path, "area.json", '{"name": "Ward 1"}')
    second = write(tmp_path / "schemas", "area.json", '{"$schema": "http://json-schema.org/draft-03/schema#"}')
    failures = []
    ingest_paths(oxi_store, [first, second], on_report=lambda r, error, path: failures.append((path, error)))
    said = {path.parent.name: error.issue.message for path, error in failures}
    assert said[tmp_path.name].startswith("type de fichier non reconnu : du JSON sans « @context »"), said
    assert said["schemas"].startswith("type de fichier non reconnu : un schéma JSON"), said


def test_a_file_that_replaces_another_content_says_so_and_name_keeps_a_source_apart(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "asso.ttl", ASSOCIATION)
    second = write(tmp_path / "b", "asso.ttl", ASSOCIATION.replace("asso>", "asso-2>"))
    cli(tmp_path, "ingest", str(first))
    replaced = cli(tmp_path, "ingest", str(second))
    assert replaced.exit_code == 0 and "remplace la source « asso.ttl » déjà importée" in replaced.stderr
    cli(tmp_path, "ingest", str(first), "--name", "asso-a.ttl")
    both = cli(tmp_path, "query", "SELECT ?s WHERE { ?s a <https://w3id.org/maillage/ontology#Association> }",
               "--format", "csv")
    assert sorted(both.stdout.split()) == ["https://ex.org/asso", "https://ex.org/asso-2", "s"]
    assert cli(tmp_path, "ingest", str(first), str(second), "--name", "x.ttl").exit_code == 2


def test_files_whose_long_names_begin_alike_are_two_sources(oxi_store, tmp_path):
    """Names are cut to make IRIs: two names alike up to the cut were one source, the second file replacing the
    first."""
    stem = "deliberations-du-conseil-communautaire-de-la-communaute-d-agglomeration-du-pays-de-"
    first = write(tmp_path, stem + "forez.ttl", ASSOCIATION)
    second = write(tmp_path, stem + "gier.ttl", ASSOCIATION.replace("asso>", "asso-2>"))
    reports = ingest_paths(oxi_store, [first, second])
    assert reports[0].source != reports[1].source
    assert count(oxi_store, "?s a <https://w3id.org/maillage/ontology#Association>") == 2


@pytest.mark.parametrize("interval, publishes", [(0, [1, 1, 1]), (3600, [3])])
def test_files_are_published_one_by_one_or_gathered_by_the_publish_interval(oxi_store, tmp_path, interval,
                                                                             publishes):
    paths = [write(tmp_path, f"asso{i}.ttl", ASSOCIATION.replace("ex.org/asso", f"ex.org/asso{i}")) for i in "123"]
    published, heard = [], []
    reports = ingest_paths(oxi_store, paths, publish_interval=interval, on_publish=published.append,
                           on_report=lambda report, error, path: heard.append(path))
    assert [len(batch) for batch in published] == publishes
    assert heard == paths and [r.status for r in reports] == ["stored"] * 3
    assert [r for batch in published for r in batch] == reports


def test_shacl_violations_are_reported_with_focus_path_and_message(oxi_store, tmp_path):
    [report] = ingest_paths(oxi_store, [write(tmp_path, "siren.ttl", BAD_SIREN)])
    [violation] = [v for v in report.violations if v.severity == "Violation"]
    assert violation.focus == "https://ex.org/asso"
    assert violation.path == "https://w3id.org/maillage/ontology#siren"
    assert violation.value == "12345" and "SIREN" in violation.message


def test_the_summary_counts_violations_apart_from_warnings(tmp_path):
    result = cli(tmp_path, "ingest", str(write(tmp_path, "siren.ttl", BAD_SIREN)))
    summary = result.stderr.strip().splitlines()[-1]
    assert result.exit_code == 0 and "1 violation des formes SHACL" in summary, summary


@pytest.mark.parametrize("interval", [0, 3600])  # files published one by one, or together
def test_each_file_of_a_publish_gets_its_own_violations(oxi_store, tmp_path, interval):
    paths = [write(tmp_path, "asso.ttl", ASSOCIATION), write(tmp_path, "siren.ttl", BAD_SIREN.replace("/asso", "/b")),
             write(tmp_path, "again.ttl", BAD_SIREN.replace("/asso", "/c"))]
    published = []
    reports = ingest_paths(oxi_store, paths, publish_interval=interval, on_publish=published.append)
    assert len(published) == (3 if interval == 0 else 1)
    violations = [{(v.focus, v.path) for v in r.violations if v.severity == "Violation"} for r in reports]
    siren = "https://w3id.org/maillage/ontology#siren"
    assert violations == [set(), {("https://ex.org/b", siren)}, {("https://ex.org/c", siren)}]


@pytest.mark.parametrize("interval", [0, 3600])  # files published one by one, or together
def test_two_founding_dates_are_told_to_the_files_that_state_them_with_both_values(oxi_store, tmp_path, interval):
    dated = ASSOCIATION + '<https://ex.org/asso> <http://schema.org/foundingDate> "{}"^^<{}date> .\n'
    xsd = "http://www.w3.org/2001/XMLSchema#"
    paths = [write(tmp_path, "rna.ttl", dated.format("2012-04-03", xsd)),
             write(tmp_path, "sirene.ttl", dated.format("2012-05-14", xsd)),
             write(tmp_path, "grants.ttl", ASSOCIATION)]
    reports = ingest_paths(oxi_store, paths, publish_interval=interval)
    founding = [[v.value for v in r.violations if v.path == "http://schema.org/foundingDate"] for r in reports]
    assert founding == ([[], ["2012-04-03, 2012-05-14"], []] if interval == 0 else
                        [["2012-04-03, 2012-05-14"], ["2012-04-03, 2012-05-14"], []])


def test_strict_refuses_a_file_with_violations_and_leaves_the_store_unchanged(oxi_store, tmp_path):
    ingest_paths(oxi_store, [write(tmp_path, "asso.ttl", ASSOCIATION)])
    before = count(oxi_store)
    failures = []
    ingest_paths(oxi_store, [write(tmp_path, "siren.ttl", BAD_SIREN)], strict=True,
                 on_report=lambda report, error, path: failures.append(error))
    assert isinstance(failures[0], IngestRefused)
    assert count(oxi_store) == before


def test_a_broken_turtle_file_gives_file_line_message_exit_1_and_an_unchanged_store(tmp_path):
    assert cli(tmp_path, "ingest", str(write(tmp_path, "asso.ttl", ASSOCIATION))).exit_code == 0
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    before = count(store)
    broken = write(tmp_path, "broken.ttl", ASSOCIATION + '<https://ex.org/b> rdfs:label "unterminated .\n')
    result = cli(tmp_path, "ingest", str(broken))
    assert result.exit_code == 1
    assert f"{broken}:4:" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    store.refresh()
    assert count(store) == before


def test_a_missing_file_is_one_clear_line_and_exit_1(tmp_path):
    result = cli(tmp_path, "ingest", str(tmp_path / "absent.ttl"))
    assert result.exit_code == 1
    assert "absent.ttl" in result.stderr and "Traceback" not in result.stderr


def test_a_usage_mistake_exits_2(tmp_path):
    assert cli(tmp_path, "ingest").exit_code == 2


def test_ingest_query_export_round_trip(tmp_path):
    path = write(tmp_path, "asso.ttl", ASSOCIATION)
    assert cli(tmp_path, "ingest", str(path)).exit_code == 0
    result = cli(tmp_path, "query", "SELECT ?l WHERE { <https://ex.org/asso> "
                                    "<http://www.w3.org/2000/01/rdf-schema#label> ?l }", "--format", "csv")
    assert result.stdout.splitlines() == ["l", "Les Amis du Soin"]
    dump = cli(tmp_path, "export", "--format", "nquads").stdout_bytes
    dataset = Dataset()
    dataset.parse(data=dump, format="nquads")
    graph = dataset.graph(URIRef("https://w3id.org/maillage/id/source/asso-ttl"))
    original = Graph().parse(data=ASSOCIATION, format="turtle")
    assert all(triple in graph for triple in original)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "xml"])
def test_query_prints_select_results_in_every_format(tmp_path, fmt):
    cli(tmp_path, "ingest", str(write(tmp_path, "asso.ttl", ASSOCIATION)))
    result = cli(tmp_path, "query", "SELECT ?s WHERE { ?s a <https://w3id.org/maillage/ontology#Association> }",
                 "--format", fmt)
    assert result.exit_code == 0 and "https://ex.org/asso" in result.stdout


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_query_prints_construct_results_as_rdf(tmp_path, fmt):
    cli(tmp_path, "ingest", str(write(tmp_path, "asso.ttl", ASSOCIATION)))
    result = cli(tmp_path, "query", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 1", "--format", fmt)
    assert result.exit_code == 0 and result.stdout.strip()


def test_a_malformed_query_is_one_line_and_exit_1(tmp_path):
    result = cli(tmp_path, "query", "SELECT WHERE {")
    assert result.exit_code == 1 and "Traceback" not in result.stderr


def test_validate_exits_1_when_the_graph_has_violations(tmp_path):
    cli(tmp_path, "ingest", str(write(tmp_path, "asso.ttl", ASSOCIATION)))
    assert cli(tmp_path, "validate").exit_code == 0
    cli(tmp_path, "ingest", str(write(tmp_path, "siren.ttl", BAD_SIREN)))
    result = cli(tmp_path, "validate")
    assert result.exit_code == 1 and "« Les Amis du Soin » <https://ex.org/asso> — SIREN" in result.stdout


PEOPLE = textwrap.dedent("""\
    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    @prefix mai: <https://w3id.org/maillage/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    [] a foaf:Person ; foaf:givenName "Jeanne" .
    <https://ex.org/asso> a mai:Association ; rdfs:label "Les Amis du Soin" ; mai:siren "12345" .
    """)


@pytest.mark.parametrize("lang, said", [
    ("fr", ["people.ttl: violation : nœud anonyme (Personne) — nom : Une personne a un nom (rdfs:label).",
            "people.ttl: violation : « Les Amis du Soin » <https://ex.org/asso> — SIREN : Un SIREN compte exactement "
            "9 chiffres. "
            "(valeur 12345)"]),
    ("en", ["people.ttl: violation: anonymous node (Person) — name: A person has a name (rdfs:label).",
            "people.ttl: violation: 'Les Amis du Soin' <https://ex.org/asso> — SIREN: A SIREN is exactly 9 digits. "
            "(value 12345)"]),
])
def test_validate_names_the_file_the_node_and_the_property_in_the_reports_language(tmp_path, monkeypatch, lang, said):
    cli(tmp_path, "ingest", "--no-index", str(write(tmp_path, "people.ttl", PEOPLE)))
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    result = cli(tmp_path, "validate")
    assert (result.exit_code, result.stdout.splitlines()) == (1, said)


UNTITLED = textwrap.dedent("""\
    @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix mai: <https://w3id.org/maillage/ontology#> .
    <https://ex.org/d> a mai:Deliberation ; dcterms:identifier "102" .
    """)


@pytest.mark.parametrize("command", [("ingest", "--no-index"), ("validate",)])
def test_a_deliberation_without_a_subject_is_an_info_listed_with_verbose_only(tmp_path, command):
    # A list of grants names the deliberations that decided them by number alone: nothing for the user to mend.
    path = write(tmp_path, "grants.ttl", UNTITLED)
    cli(tmp_path, "ingest", "--no-index", str(path))
    args = [*command, "--force", str(path)] if command[0] == "ingest" else [*command]
    quiet, verbose = cli(tmp_path, *args), cli(tmp_path, *args, "--verbose")
    assert (quiet.exit_code, verbose.exit_code) == (0, 0)
    # the ingest names the line of the file (line 3 states the node); `validate` reads the store, not the file
    where = "grants.ttl:3" if command[0] == "ingest" else "grants.ttl"
    said = f"{where}: information : <https://ex.org/d> — titre : Délibération sans objet (dcterms:title) : sa"
    assert said not in quiet.output and said in verbose.output
    summary = [line for line in quiet.stderr.splitlines() if line.startswith(("Résumé", "0 violation"))]
    assert summary[0].endswith(" ; 1 information non affichée (--verbose les affiche)")


def test_a_shacl_result_repeated_on_many_nodes_of_a_file_is_one_line_with_its_count(tmp_path):
    places = "".join(f"<https://ex.org/place/{i}> a <http://schema.org/Place> .\n" for i in range(6))  # Turtle
    result = cli(tmp_path, "ingest", "--no-index", str(write(tmp_path, "places.ttl", places)))
    warned = [line.strip() for line in result.stderr.splitlines() if "Un lieu a un nom" in line]
    assert warned == ["places.ttl:1: avertissement : nom : Un lieu a un nom (rdfs:label). × 6 — "
                      "<https://ex.org/place/0>, <https://ex.org/place/1>, <https://ex.org/place/2>, … "
                      "(lignes 1, 2, 3, …)"]


def test_a_value_that_the_file_warned_about_at_its_line_is_not_warned_again_by_shacl(tmp_path):
    sample = Path(__file__).parent / "fixtures" / "tabular" / "StockUniteLegale_utf8_sample.csv"
    result = cli(tmp_path, "ingest", "--no-index", str(sample))
    said = [line for line in result.stderr.splitlines() if "91.3E" in line]
    assert len(said) == 1 and "StockUniteLegale_utf8_sample.csv:2: activitePrincipaleUniteLegale" in said[0], said


def test_a_warning_repeated_on_many_lines_is_one_line_and_the_rejected_rows_stay_in_sight(tmp_path):
    rows = "".join(f"Ville;225800010;Club {i};;100\n" for i in range(6))
    path = write(tmp_path, "subventions.csv", "nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant\n"
                 + rows + "Ville;225800010;Club 6;;NC\n")
    lines = [line.strip() for line in cli(tmp_path, "ingest", "--no-index", str(path)).stderr.splitlines()]
    repeated = [line for line in lines if "225800010" in line]
    assert len(repeated) == 1 and repeated[0].startswith(f"{path.name}:2: idAttribuant='225800010': avertissement : ")
    assert repeated[0].endswith(" × 7 (lignes 2, 3, 4, …)"), repeated
    assert (f"{path.name}:8: montant='NC': erreur : ligne de « Club 6 » non importée : montant illisible « NC »"
            in lines)


@pytest.mark.parametrize("lang, counts", [
    ("fr", "  lignes lues : 5, acteurs : 5, écartées : 0, fermées : 0, lignes rejetées : 0, avertissements : 2, "
           "encodage : utf-8-bom"),
    ("en", "  rows read: 5, actors: 5, skipped: 0, closed: 0, rows rejected: 0, warnings: 2, encoding: utf-8-bom"),
])
def test_the_ingest_report_names_its_counts_in_the_reports_language(tmp_path, monkeypatch, lang, counts):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    sample = Path(__file__).parent / "fixtures" / "tabular" / "StockUniteLegale_utf8_sample.csv"
    result = cli(tmp_path, "ingest", "--no-index", str(sample))
    assert counts in result.stderr.splitlines()
    warned = "avertissement :" if lang == "fr" else "warning:"
    assert f"StockUniteLegale_utf8_sample.csv:5: activitePrincipaleUniteLegale='55.2E': {warned} " in result.stderr


def test_a_files_warning_count_counts_the_warnings_found_once_it_was_stored(tmp_path):
    # The register's grant references are checked against the store after it is stored: their warnings count too.
    register = write(tmp_path, "r.yaml", "format: maillage-register/1\nptce:\n  name: P\n"
                     "  goals: [{rank: 1, label: Un}]\nmembers:\n"
                     "  - {name: A, kind: association, circle: coeur, joined: 2024-05-16, left: 2024-12-31}\n"
                     "  - {name: A, kind: association, circle: partenaires, joined: 2025-01-01}\n"
                     "grants:\n  - {grant_id: SUB-9, goals: [1]}\n")
    lines = cli(tmp_path, "ingest", "--no-index", str(register)).stderr.splitlines()
    assert lines[1] == ("  acteurs membres : 1, objectifs : 1, actions : 0, financements : 1, lignes rejetées : 0, "
                        "avertissements : 1, liens subvention → objectif : 0"), lines
    assert lines[2].startswith("  r.yaml:9: avertissement : ") and lines[3].endswith("1 avertissement")


@pytest.mark.parametrize("lang, said", [("fr", "montant total : 20 500,50 €"), ("en", "total amount: €20,500.50")])
def test_the_ingest_report_writes_amounts_as_its_language_does(tmp_path, monkeypatch, lang, said):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    path = write(tmp_path, "subventions.csv", "nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant\n"
                 "Ville;21060004500012;Club;;20000\nVille;21060004500012;Club 2;;500.50\n")
    assert said in cli(tmp_path, "ingest", "--no-index", str(path)).stderr


@pytest.mark.parametrize("lang, turtle, said", [
    ("fr", '<https://ex.org/a> skos:prefLabel "A" .\n',
     "bad.ttl:1: erreur : RDF invalide : préfixe « skos: » non déclaré ; ajoutez @prefix skos: "
     "<http://www.w3.org/2004/02/skos/core#> . (Parser error at line 1 between columns 20 and 34: The prefix skos: "
     "has not been declared) — rien n'a été enregistré"),
    ("en", '<https://ex.org/a> skos:prefLabel "A" .\n',
     "bad.ttl:1: error: invalid RDF: undeclared prefix 'skos:'; add @prefix skos: "
     "<http://www.w3.org/2004/02/skos/core#> . (Parser error at line 1 between columns 20 and 34: The prefix skos: "
     "has not been declared) — nothing was stored"),
    ("fr", '<https://ex.org/a> <https://ex.org/p> "A\n<https://ex.org/b> <https://ex.org/p> "B" .\n',
     "bad.ttl:1: erreur : RDF invalide : chaîne non fermée : un guillemet manque avant la fin de la ligne (Parser "
     "error at line 1 column 41: Line jumps are not allowed in string literals, use \\n) — rien n'a été "
     "enregistré"),
    ("fr", '<https://ex.org/a> <https://ex.org/p> "A"\n<https://ex.org/b> <https://ex.org/p> "B" .\n',
     "bad.ttl:2: erreur : RDF invalide : un « . » manque à la fin de l'instruction précédente (Parser error at "
     "line 2 between columns 1 and 19: A dot is expected at the end of statements) — rien n'a été enregistré"),
])
def test_a_turtle_error_is_told_in_a_sentence_before_the_engines_text(tmp_path, monkeypatch, lang, turtle, said):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    result = cli(tmp_path, "ingest", "--no-index", str(write(tmp_path, "bad.ttl", turtle)))
    assert result.exit_code == 1 and said in result.stderr.replace(str(tmp_path) + "/", ""), result.stderr


@pytest.mark.parametrize("lang, name, text, said", [
    ("fr", "distant.jsonld", '{\n  "@context": "https://schema.org/",\n  "@id": "https://ex.org/a", "name": "A"\n}',
     "distant.jsonld:2: erreur : RDF invalide : contexte JSON-LD distant « https://schema.org/ » : Maillage ne charge "
     "pas de contexte distant ; écrivez à sa place le vocabulaire qu'il désigne : \"@context\": {\"@vocab\": "
     "\"http://schema.org/\", \"sameAs\": {\"@type\": \"@id\"}, \"url\": {\"@type\": \"@id\"}, \"image\": "
     "{\"@type\": \"@id\"}, \"logo\": {\"@type\": \"@id\"}, \"mainEntityOfPage\": {\"@type\": \"@id\"}} — rien "
     "n'a été enregistré"),
    ("en", "distant.jsonld", '{"@context": [{"ex": "https://ex.org/"}, "https://ex.org/ctx.jsonld"], "@id": "ex:a"}',
     "distant.jsonld:1: error: invalid RDF: remote JSON-LD context 'https://ex.org/ctx.jsonld': Maillage does not "
     "fetch remote contexts; include it in the file"),
    ("fr", "ouvert.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
     '  <rdf:Description rdf:about="https://ex.org/a">\n</rdf:RDF>\n',
     "ouvert.rdf:4: erreur : RDF invalide : balise fermante inattendue : « </rdf:Description> » est attendue ici "
     "(un élément resté ouvert, ou un nom mal écrit ?) (ill-formed document"),
])
def test_a_json_ld_remote_context_or_an_rdf_xml_error_is_told_with_its_line_and_what_to_do(tmp_path, monkeypatch, lang,
                                                                                           name, text, said):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    result = cli(tmp_path, "ingest", "--no-index", str(write(tmp_path, name, text)))
    assert result.exit_code == 1 and said in result.stderr.replace(str(tmp_path) + "/", ""), result.stderr


def test_version_and_help_are_on_every_command(tmp_path):
    assert "maillage" in cli(tmp_path, "--version").stdout
    for command in ("ingest", "query", "validate", "export", "serve", "search", "index"):
        assert cli(tmp_path, command, "--help").exit_code == 0


def test_the_cli_module_runs_as_a_script_as_the_console_script_does():
    result = subprocess.run([sys.executable, "-m", "webapp.cli", "--version"], capture_output=True, text=True,
                            cwd=Path(__file__).parents[1], timeout=120)
    assert (result.returncode, "maillage" in result.stdout) == (0, True), result


def test_ingest_without_index_leaves_the_index_stale_until_it_is_rebuilt(tmp_path):
    result = cli(tmp_path, "ingest", "--no-index", str(write(tmp_path, "asso.ttl", ASSOCIATION)))
    assert result.exit_code == 0 and "maillage index" in result.stderr
    assert cli(tmp_path, "index", "--check").exit_code == 1
    assert cli(tmp_path, "index").exit_code == 0
    assert cli(tmp_path, "index", "--check").exit_code == 0


@pytest.mark.parametrize("name, data, line, says", [
    ("vocabulary.xml", b"<?xml version='1.0'?>\n<RDF xmlns:rdfs='http://www.w3.org/2000/01/rdf-schema#'/>",
     None, "document XML qui n'est pas du RDF/XML (élément racine « RDF », sans l'espace de noms RDF)"),
    ("subventions.csv", "nomAttribuant;idAttribuant;nomBeneficiaire;objet;notMappedAmount\nVille;1;Club;Sport;10\n",
     1, "liste de subventions SCDL (4 colonnes reconnues), mais il y manque : montant"),
    ("subventions.csv", "# exporté le 2024-05-16\nnomAttribuant;dateConvention;objet;montant\nVille;;Sport;10\n",
     2, "il y manque : nomBeneficiaire"),
    ("subventions.csv", "nomAttribuant;idBeneficiaire;objet;montant\nVille;88012345000012;Sport;10\n",
     1, "il y manque : nomBeneficiaire"),  # a SIRET alone: SCDL requires the beneficiary's name
    ("delibs.csv", "COLL_NOM;COLL_SIRET;DELIB_DATE;DELIB_MATIERE_CODE\nVille;1;2024-05-16;7.5\n",
     1, "liste de délibérations SCDL (4 colonnes reconnues), mais il y manque : DELIB_ID, DELIB_OBJET"),
    ("rna.csv", "id;titre;objet;adrs_codeinsee;x\nW1;A;B;42218;y\n",
     1, "extrait RNA (adrscodeinsee, id, objet, titre)"),
    ("sirene.csv", "siren,denominationUniteLegale,x\n123,A,b\n",
     1, "il y manque : categorieJuridiqueUniteLegale, activitePrincipaleUniteLegale"),
    ("README.txt", "Fiche : Le Conseil municipal règle par ses délibérations (voir le Registre des délibérations).\n",
     None, "le texte parle de délibérations mais n'en prend aucune"),
])
def test_a_file_that_almost_is_of_a_kind_is_refused_saying_what_it_lacks(name, data, line, says):
    data = data.encode() if isinstance(data, str) else data
    with pytest.raises(InputError) as refused:
        detect_kind(SourceContext(Path(name), data))
    issue = refused.value.issue
    # --kind cannot help a grants list without its amount or beneficiary, nor a SIRENE extract without its legal
    # category: the kind requires them too.
    kind_helps = not name.startswith(("subventions", "sirene"))
    assert (says in issue.message, issue.line, "--kind" in issue.message) == (True, line, kind_helps), issue.message
    assert "unrecognised file kind: " in issue.message_en


def test_an_xml_file_is_rdf_only_when_it_names_the_rdf_namespace():
    rdf = (b"<?xml version='1.0'?>\n<!-- " + b"x" * 8000 + b" -->\n"
           b"<r:RDF xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>")
    assert detect_kind(SourceContext(Path("vocabulary.xml"), rdf)).name == "rdf"
    assert kinds()["rdf"].detect(SourceContext(Path("acte.xml"), b"<?xml version='1.0'?><actes:Acte/>")) == 0


def test_the_cli_says_why_a_near_miss_is_refused_on_one_line(tmp_path):
    path = write(tmp_path, "subventions.csv", "nomAttribuant;idAttribuant;nomBeneficiaire;objet\nVille;1;Club;Sport\n")
    result = cli(tmp_path, "ingest", "--no-index", str(path))
    assert result.exit_code == 1
    said = f"{path}:1: erreur : type de fichier non reconnu : l'en-tête ressemble à une liste de subventions"
    assert said in result.output


def test_a_report_line_stays_one_line_whatever_a_cell_holds():
    issue = Issue("warning", "texte réparé (encodage) : « D\x0célibération\r\nCP\u2028du 26/04 »", line=3,
                  field="referenceDecision", value="D\x0c\nx")
    assert issue.format("f.csv") == ("f.csv:3: referenceDecision='D\\x0c\\nx': avertissement : texte réparé "
                                     "(encodage) : "
                                     "« D\\x0célibération\\r\\nCP\\u2028du 26/04 »")
    assert len(issue.format("f.csv").splitlines()) == 1
    violation = Violation("https://ex.org/a", "dcterms:title", "m", "m", "Warning", "deux\nlignes")
    assert violation.format() == "warning: <https://ex.org/a> dcterms:title: m (valeur deux\\nlignes)"


def test_on_a_terminal_the_ingest_shows_a_bar_below_the_reports_and_clears_it():
    import io

    from webapp.reports import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    progress = Progress(2, out)
    progress.note("a.csv: stored")
    progress.note("b.csv: refused")
    progress.close()
    text = out.getvalue()
    assert "1/2 fichiers" in text and "2/2 fichiers" in text and text.endswith("\r\x1b[K")
    assert "\r\x1b[Kb.csv: refused\n" in text


REGISTER = "format: maillage-register/1\nptce:\n  name: PTCE Test\nmembers:\n  - {key}: Association A\n"
DELIBERATIONS = "COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET\n"
DELIBERATION = "Ville;21060004500392;D1;{date};Subvention\n"
RNA = ("id;id_ex;siret;gestion;date_creat;date_decla;date_publi;date_disso;nature;groupement;titre;objet;"
       "adrs_codeinsee;adrs_codepostal;adrs_libcommune;position;maj_time\n")
ASSOCIATION_ROW = "W061000102;;;061P;2014-06-17;;;;D;S;{title};objet;06004;06600;Antibes;A;\n"
SIRENE = "siren,denominationUniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale\n"
UNIT = "{siren},CERCLE DES NAGEURS,9220,93.12Z\n"
GRANTS = "nomAttribuant;idAttribuant;nomBeneficiaire;montant\n"
#: Per kind of table: its file name, a version of it that keeps a row, one whose every row is rejected.
VERSIONS = {
    "register": ("registre.yaml", REGISTER.format(key="name"), REGISTER.format(key="kind")),
    "scdl-deliberations": ("delibs.csv", DELIBERATIONS + DELIBERATION.format(date="2024-05-16"),
                           DELIBERATIONS + DELIBERATION.format(date="16 mai 2024")),
    "rna": ("rna.csv", RNA + ASSOCIATION_ROW.format(title="ASSO"), RNA + ASSOCIATION_ROW.format(title="")),
    "sirene": ("StockUniteLegale.csv", SIRENE + UNIT.format(siren="402617542"),
               SIRENE + UNIT.format(siren="402617543")),
    "scdl-subventions": ("grants.csv", GRANTS + "Ville;21060004500392;A;100\n",
                         GRANTS + "Ville;21060004500392;A;-100\n"),
}


def ingest_version(store, path: Path, text: str) -> tuple[list, list[InputError]]:
    """Write ``text`` to ``path`` and ingest it: its reports and its errors."""
    path.write_text(text, encoding="utf-8")
    errors = []
    reports = ingest_paths(store, [path], on_report=lambda report, error, p: error and errors.append(error))
    return reports, errors


@pytest.mark.parametrize("kind", VERSIONS)
def test_a_version_whose_every_row_is_rejected_is_refused_and_the_stored_one_kept(oxi_store, tmp_path, kind):
    name, good, rejected = VERSIONS[kind]
    [stored], [] = ingest_version(oxi_store, tmp_path / name, good)
    before = count(oxi_store, "GRAPH ?g { ?s ?p ?o }")
    reports, [error] = ingest_version(oxi_store, tmp_path / name, rejected)
    assert (stored.kind, reports) == (kind, []) and error.issue.message.startswith("aucune ligne valide")
    assert count(oxi_store, "GRAPH ?g { ?s ?p ?o }") == before


@pytest.mark.parametrize("kind", ["scdl-deliberations", "rna", "sirene", "scdl-subventions"])
def test_a_version_with_a_header_and_no_data_row_is_refused_and_the_stored_one_kept(oxi_store, tmp_path, kind):
    name, good, _ = VERSIONS[kind]
    ingest_version(oxi_store, tmp_path / name, good)
    before = count(oxi_store, "GRAPH ?g { ?s ?p ?o }")
    reports, [error] = ingest_version(oxi_store, tmp_path / name, good.splitlines(keepends=True)[0])
    assert reports == [] and error.issue.message == "aucune ligne de données sous l'en-tête"
    assert count(oxi_store, "GRAPH ?g { ?s ?p ?o }") == before


@pytest.mark.parametrize("name,empty", [
    ("asso.ttl", ""), ("asso.ttl", "@prefix mai: <https://w3id.org/maillage/ontology#> .\n# cut here\n"),
    ("asso.nt", "# a comment\n\n"), ("asso.jsonld", '{"@context": {"name": "http://schema.org/name"}}'),
])
@pytest.mark.parametrize("strict", [False, True])
def test_an_rdf_file_without_a_triple_is_refused_and_the_stored_source_of_its_name_kept(oxi_store, tmp_path, name,
                                                                                        empty, strict):
    """A truncated download re-ingested must not replace its source by nothing."""
    path = write(tmp_path, name, ASSOCIATION)
    if name.endswith(".nt"):
        path.write_text('<https://ex.org/asso> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n')
    elif name.endswith(".jsonld"):
        path.write_text('{"@id": "https://ex.org/asso", "http://www.w3.org/2000/01/rdf-schema#label": "A"}')
    ingest_paths(oxi_store, [path])
    before = count(oxi_store, "GRAPH ?g { ?s ?p ?o }")
    path.write_text(empty, encoding="utf-8")
    errors = []
    reports = ingest_paths(oxi_store, [path], strict=strict,
                           on_report=lambda report, error, p: error and errors.append(error))
    assert reports == [] and [e.issue.message for e in errors] == [
        "fichier vide : aucun triplet (rien que des préfixes ou des commentaires ?)"]
    assert errors[0].issue.message_en == "empty file: no triple (only prefixes or comments?)"
    assert count(oxi_store, "GRAPH ?g { ?s ?p ?o }") == before


def test_rows_refused_by_the_table_reader_are_rejected_rows_too(oxi_store, tmp_path):
    reports, [error] = ingest_version(oxi_store, tmp_path / "delibs.csv",
                                      DELIBERATIONS + "Ville;21060004500392;D1;2024-05-16;Subvention;en trop\n")
    assert reports == [] and error.issue.message.startswith("aucune ligne valide sur 1 : ligne 2 : 6 cellules")


def test_rows_skipped_without_an_error_leave_a_file_that_is_stored(oxi_store, tmp_path):
    """A SIRENE extract of sole proprietors (personal data, skipped) is a file's content, not a broken file."""
    [report], [] = ingest_version(oxi_store, tmp_path / "StockUniteLegale.csv",
                                  SIRENE + "402617542,DUPONT JEAN,1000,93.12Z\n")
    assert (report.status, report.stats["actors"], report.stats["skipped"]) == ("stored", 0, 1)


@pytest.mark.parametrize("triples, lang, report, summary", [
    (0, "fr", "f.ttl: rdf, 0 triplet, 0,00 s", "Résumé : 1 fichier enregistré, 0 inchangé, 0 en échec ; 0 triplet ; "
     "0 avertissement"),
    (1, "fr", "f.ttl: rdf, 1 triplet, 0,00 s", "Résumé : 1 fichier enregistré, 0 inchangé, 0 en échec ; 1 triplet ; "
     "0 avertissement"),
    (2, "fr", "f.ttl: rdf, 2 triplets, 0,00 s", "Résumé : 1 fichier enregistré, 0 inchangé, 0 en échec ; "
     "2 triplets ; 0 avertissement"),
    (0, "en", "f.ttl: rdf, 0 triples, 0.00 s", "Summary: 1 file stored, 0 unchanged, 0 failed; 0 triples; "
     "0 warnings"),
    (1, "en", "f.ttl: rdf, 1 triple, 0.00 s", "Summary: 1 file stored, 0 unchanged, 0 failed; 1 triple; 0 warnings"),
])
def test_the_counts_of_an_ingest_report_agree_with_their_number_in_each_language(triples, lang, report, summary):
    from graph.ingest.pipeline import IngestReport
    from webapp.reports import format_report, format_summary

    done = IngestReport(file="f.ttl", kind="rdf", triples=triples)
    assert (format_report(done, lang), format_summary([done], [], lang)) == (report, summary)
