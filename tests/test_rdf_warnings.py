"""What the ingest of an RDF file says of what it does to the rest of the store: relative IRIs that leave the
file's base, names given to other sources' actors, namesakes of them, identifiers it gives in properties that
Maillage does not read, actors without an IRI, and the schema.org context that it cannot fetch."""

from __future__ import annotations

import textwrap

import pytest

from graph.ingest import rdf_checks, rdf_first_pass
from graph.ingest.pipeline import ingest_paths
from graph.ingest.rdf_first_pass import Observed
from graph.store import open_store

MAI = "https://w3id.org/maillage/ontology#"
ID = "https://w3id.org/maillage/id/"
PREFIXES = textwrap.dedent(f"""\
    @prefix mai: <{MAI}> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix org: <http://www.w3.org/ns/org#> .
    """)
#: A grants list that names DanaeCare (no identifier: the actor minted from its name) and an association by its
#: SIREN, as the demo's tables do.
GRANTS = ("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant\n"
          "Ville de Saint-Chamond;21420207900017;DanaeCare;;20000\n"
          "Ville de Saint-Chamond;21420207900017;Les Aidants du Gier;81234567600017;500\n")
DANAECARE = f"{ID}actor/danaecare"
SCHEMA_ORG_CONTEXT = ('{"@vocab": "http://schema.org/", "sameAs": {"@type": "@id"}, "url": {"@type": "@id"}, '
                      '"image": {"@type": "@id"}, "logo": {"@type": "@id"}, "mainEntityOfPage": {"@type": "@id"}}')


def ingested(tmp_path, files: dict[str, str], backend: str = "oxigraph") -> list[tuple]:
    """Ingest ``files`` (name: text), in their order, into a fresh store: each file's (report, error)."""
    store = open_store({"store": backend, "data_dir": str(tmp_path / "data")})
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    said = []
    ingest_paths(store, paths, on_report=lambda report, error, _: said.append((report, error)))
    return said


def after_the_grants(tmp_path, name: str, text: str, backend: str = "oxigraph"):
    """The report of an RDF file ingested after :data:`GRANTS`."""
    [(_, error), (report, rdf_error)] = ingested(tmp_path, {"grants.csv": GRANTS, name: text}, backend)
    assert (error, rdf_error) == (None, None)
    return report


def warnings(report, start: str) -> list:
    return [issue for issue in report.issues if issue.message.startswith(start)]


# 1. Relative IRIs that leave the file's base


RELATIVE = {
    "relatif.ttl": PREFIXES + textwrap.dedent("""\
        <#oeuvre> a mai:Association ; rdfs:label "Œuvre du Pilat" .
        <maison-sante> a mai:HealthProfessional ; rdfs:label "Maison de santé" .
        <../danae-care> a mai:Association ; rdfs:label "Danae care" .
        <../../actor/danaecare> rdfs:label "DanaeCare via une IRI relative" .
        """),
    "relatif.jsonld": textwrap.dedent(f"""\
        {{"@context": {{"mai": "{MAI}", "label": "http://www.w3.org/2000/01/rdf-schema#label"}},
         "@graph": [
          {{"@id": "#oeuvre", "@type": "mai:Association", "label": "Œuvre du Pilat"}},
          {{"@id": "maison-sante", "@type": "mai:HealthProfessional", "label": "Maison de santé"}},
          {{"@id": "../danae-care", "@type": "mai:Association", "label": "Danae care"}},
          {{"@id": "../../actor/danaecare", "label": "DanaeCare via une IRI relative"}}]}}
        """),
    "relatif.rdf": textwrap.dedent(f"""\
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:mai="{MAI}"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
          <mai:Association rdf:about="#oeuvre"><rdfs:label>Œuvre du Pilat</rdfs:label></mai:Association>
          <mai:HealthProfessional rdf:about="maison-sante"><rdfs:label>Maison de santé</rdfs:label>
          </mai:HealthProfessional>
          <mai:Association rdf:about="../danae-care"><rdfs:label>Danae care</rdfs:label></mai:Association>
          <rdf:Description rdf:about="../../actor/danaecare">
            <rdfs:label>DanaeCare via une IRI relative</rdfs:label></rdf:Description>
        </rdf:RDF>
        """),
}


@pytest.mark.parametrize("name", sorted(RELATIVE))
def test_every_relative_iri_is_counted_and_those_that_leave_the_file_s_base_are_named(tmp_path, name):
    """`<../../actor/danaecare>` landed on Maillage's DanaeCare, and the warning counted only the two IRIs left
    under the source's."""
    [(report, error)] = ingested(tmp_path, {name: RELATIVE[name]})
    assert error is None
    source = f"{ID}source/{name.replace('.', '-')}"
    [issue] = warnings(report, "4 IRI relatives sans base")
    assert "(« #oeuvre », « maison-sante », « ../../actor/danaecare », …)" in issue.message
    assert (f"2 en sortent (« ../../actor/danaecare » → <{DANAECARE}>, « ../danae-care » → "
            f"<{ID}source/danae-care>) et désignent ce que Maillage ou une autre source nomme ainsi") in issue.message
    assert (f"2 leave it ('../../actor/danaecare' → <{DANAECARE}>, '../danae-care' → <{ID}source/danae-care>) and "
            "name what Maillage or another source names so") in issue.message_en
    assert f"<{source}/#oeuvre>" in issue.message
    line = next(n for n, text in enumerate(RELATIVE[name].splitlines(), 1) if "../../actor/danaecare" in text)
    assert issue.line == line


def test_a_path_from_the_root_leaves_the_base_too_and_one_relative_iri_is_said_alone(tmp_path):
    [(report, _)] = ingested(tmp_path, {"racine.ttl": PREFIXES + '</actor/x> a mai:Association ; rdfs:label "X" .'})
    [issue] = warnings(report, "1 IRI relative sans base (« /actor/x ») : résolue contre l'IRI de cette source ; "
                               "1 en sort (« /actor/x » → <https://w3id.org/actor/x>)")
    assert issue.line == 5


def test_relative_iris_within_the_base_keep_their_warning():
    data = (PREFIXES + '<a/../b> a mai:Association ; rdfs:label "B" .').encode()
    observed = Observed(data, "turtle", f"{ID}source/s/")
    assert (observed.relative(), observed.leaving()) == ((1, ["b"]), [])


def test_a_file_that_writes_no_relative_iri_leaving_its_base_is_read_once(monkeypatch):
    """The second reading (against a base of no file) is for files whose bytes may write one: `..`, a path from
    the root."""
    parses = []
    real = rdf_first_pass.ox.parse
    monkeypatch.setattr(rdf_first_pass.ox, "parse", lambda *a, **k: parses.append(a[1]) or real(*a, **k))
    observed = Observed((PREFIXES + '<acteur/1> a mai:Association ; rdfs:label "Les Amis…" .').encode(), "turtle",
                        f"{ID}source/s/")
    assert observed.relative() == (1, ["acteur/1"])
    assert len(parses) == 1


# 2. Names given to the actors of other sources


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
@pytest.mark.parametrize("iri", [f"<{DANAECARE}>", "<../../actor/danaecare>"])
@pytest.mark.parametrize("others", [0, 6])
def test_a_name_that_a_file_gives_an_actor_of_another_source_is_warned(tmp_path, backend, iri, others):
    """The file's label is kept beside the source's: the explorer shows both. ``others``: more subjects in the file
    than actors elsewhere, the check starts from those."""
    more = "".join(f'<https://p.example/{n}> rdfs:comment "{n}" .\n' for n in range(others))
    report = after_the_grants(tmp_path, "nom.ttl", f'{PREFIXES}{more}{iri} rdfs:label "DanaeCare (autre nom)" .\n',
                              backend)
    [issue] = warnings(report, f"acteur <{DANAECARE}> « DanaeCare » (source « grants.csv ») :")
    assert issue.message.endswith(" : ce fichier lui donne le nom « DanaeCare (autre nom) » — les noms d'un fichier "
                                  "RDF sont les siens, l'explorateur montrera les deux ; si ce fichier parle d'une "
                                  "autre organisation, donnez-lui une IRI à lui")
    assert issue.message_en.startswith(f"actor <{DANAECARE}> 'DanaeCare' (source 'grants.csv'): this file gives it "
                                       "the name 'DanaeCare (autre nom)'; an RDF file's names are its own, the "
                                       "explorer will show both")
    assert (issue.line, issue.field, issue.value) == (5 + others, "rdfs:label", "DanaeCare (autre nom)")


def test_the_name_that_the_other_source_gives_already_is_not_warned(tmp_path):
    report = after_the_grants(tmp_path, "meme.ttl", f'{PREFIXES}<{DANAECARE}> rdfs:label "DanaeCare"@fr .\n')
    assert warnings(report, "acteur") == []


# 3. Namesakes of other sources' actors, and identifiers that Maillage does not read


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
@pytest.mark.parametrize("others", [0, 6])
def test_an_actor_with_the_name_of_another_source_s_actor_is_warned_with_the_same_as_to_state(tmp_path, backend,
                                                                                               others):
    """As an actor whose SIREN another IRI holds: the same sentence, with both IRIs and the owl:sameAs to add.
    ``others``: more actors in the file than names elsewhere, those are all read."""
    more = "".join(f'<https://p.example/{n}> a mai:Enterprise ; rdfs:label "Entreprise {n}" .\n' for n in range(others))
    report = after_the_grants(tmp_path, "homonyme.ttl",
                              f'{PREFIXES}{more}<https://p.example/danae> a mai:Association ; rdfs:label "DANAECARE" .',
                              backend)
    [issue] = warnings(report, "acteur <https://p.example/danae>")
    assert issue.message == (
        f"acteur <https://p.example/danae> « DANAECARE » : même nom (clé « danaecare ») que <{DANAECARE}> "
        "« DanaeCare », déjà présent (source « grants.csv ») — deux nœuds pour une même organisation si c'en est "
        f"une ; donnez-lui alors dans ce fichier l'IRI déjà présente <{DANAECARE}>, ou déclarez "
        f"<https://p.example/danae> owl:sameAs <{DANAECARE}>")
    assert issue.message_en.endswith(f"or state <https://p.example/danae> owl:sameAs <{DANAECARE}>")
    assert (issue.line, issue.field, issue.value) == (5 + others, "rdfs:label", "DANAECARE")


@pytest.mark.parametrize("statement", [
    f"<https://p.example/danae> owl:sameAs <{DANAECARE}> .",
    f"<{DANAECARE}> owl:sameAs <https://p.example/danae> .",
])
def test_a_namesake_linked_by_same_as_is_not_warned(tmp_path, statement):
    report = after_the_grants(tmp_path, "lie.ttl", f'{PREFIXES}<https://p.example/danae> a mai:Association ; '
                                                   f'rdfs:label "DanaeCare" .\n{statement}\n')
    assert warnings(report, "acteur <https://p.example/danae>") == []


def test_a_namesake_with_another_siren_is_another_organisation(tmp_path):
    report = after_the_grants(tmp_path, "autre.ttl", f'{PREFIXES}<https://p.example/aidants> a mai:Association ; '
                                                     'rdfs:label "Les Aidants du Gier" ; mai:siren "532107890" .')
    assert warnings(report, "acteur <https://p.example/aidants>") == []


def test_a_namesake_with_the_same_siren_is_told_once_by_it(tmp_path):
    report = after_the_grants(tmp_path, "meme.ttl", f'{PREFIXES}<https://p.example/aidants> a mai:Association ; '
                                                    'rdfs:label "Les Aidants du Gier" ; mai:siren "812345676" .')
    [issue] = warnings(report, "acteur <https://p.example/aidants>")
    assert issue.message.startswith("acteur <https://p.example/aidants> « Les Aidants du Gier » : même SIREN 812345676 "
                                    f"que <{ID}actor/siren-812345676>")


@pytest.mark.parametrize("read", [2_000, 0])
def test_namesakes_among_rdf_files_are_warned_too(tmp_path, monkeypatch, read):
    """An RDF file's actor has no name key in the store: its labels are read (a few), or the file's looked up in a
    few usual forms (``read``: past how many other RDF labels)."""
    monkeypatch.setattr(rdf_checks, "RDF_NAMES_READ", read)
    said = ingested(tmp_path, {
        "a.ttl": f'{PREFIXES}<https://a.example/furan> a mai:Enterprise ; rdfs:label "Coop Furan" .',
        "b.ttl": f'{PREFIXES}<https://b.example/furan> a mai:Enterprise ; rdfs:label "COOP FURAN"@fr .'})
    [issue] = warnings(said[1][0], "acteur <https://b.example/furan>")
    assert issue.message.startswith("acteur <https://b.example/furan> « COOP FURAN » : même nom (clé « coop furan ») "
                                    "que <https://a.example/furan> « Coop Furan », déjà présent (source « a.ttl »)")


IDENTIFIED = {
    "schema.jsonld": textwrap.dedent("""\
        {"@context": {"@vocab": "http://schema.org/", "mai": "https://w3id.org/maillage/ontology#",
                      "name": "http://www.w3.org/2000/01/rdf-schema#label"},
         "@id": "https://aidants-gier.example.org/#org", "@type": ["Organization", "mai:Association"],
         "name": "Les Aidants du Gier",
         "identifier": [{"@type": "PropertyValue", "propertyID": "RNA", "value": "W423000001"},
                        {"@type": "PropertyValue", "propertyID": "SIREN", "value": "812345676"}],
         "taxID": "812345676"}
        """),
    "org.ttl": PREFIXES + '<https://aidants-gier.example.org/#org> a org:FormalOrganization ; '
                          'rdfs:label "Les Aidants du Gier" ;\n    org:identifier "812345676" .\n',
}


@pytest.mark.parametrize("name", sorted(IDENTIFIED))
def test_identifiers_given_in_properties_that_maillage_does_not_read_are_told_with_the_statement_to_write(tmp_path,
                                                                                                        name):
    [(report, _)] = ingested(tmp_path, {name: IDENTIFIED[name]})
    [issue] = warnings(report, "identifiants que Maillage ne lit pas : ")
    org = "<https://aidants-gier.example.org/#org>"
    assert f'→ {org} mai:siren "812345676"' in issue.message
    assert ("ni schema:taxID, ni schema:identifier, ni org:identifier ne sont lus ; donnez le SIREN par mai:siren, "
            "le SIRET par mai:siret, le numéro RNA par mai:rna") in issue.message
    assert issue.message_en.startswith(f"identifiers that Maillage does not read: {org} ")
    if name == "schema.jsonld":
        assert (f'{org} schema:identifier "W423000001" (RNA) → {org} mai:rna "W423000001" ; {org} schema:taxID '
                f'"812345676" → {org} mai:siren "812345676"') in issue.message
    assert issue.line == 6  # of the first one shown


def test_an_identifier_written_with_spaces_is_told_in_its_digits_only(tmp_path):
    """mai:siren "423 123 454" would fail the SIREN's shape: the statement to write has the digits only."""
    [(report, _)] = ingested(tmp_path, {"t.ttl": PREFIXES + '@prefix schema: <http://schema.org/> .\n'
                                                            '<https://ex.org/a> a mai:Association ; rdfs:label "A" ; '
                                                            'schema:taxID "423 123 454" .'})
    [issue] = warnings(report, "identifiants que Maillage ne lit pas : ")
    assert '<https://ex.org/a> schema:taxID "423 123 454" → <https://ex.org/a> mai:siren "423123454"' in issue.message


def test_an_identifier_also_given_as_maillage_reads_it_is_not_told(tmp_path):
    [(report, _)] = ingested(tmp_path, {"lu.ttl": PREFIXES + '<https://ex.org/a> a mai:Association ; rdfs:label "A" '
                                                             '; mai:siren "812345676" ; org:identifier "812345676" .'})
    assert warnings(report, "identifiants") == []


def test_the_aidants_du_gier_under_a_foreign_iri_get_both_warnings(tmp_path):
    """The reviewer's file: its name is that of the grants list's association, its SIREN given as schema:taxID."""
    report = after_the_grants(tmp_path, "aidants.jsonld", IDENTIFIED["schema.jsonld"])
    assert len(warnings(report, "acteur <https://aidants-gier.example.org/#org> « Les Aidants du Gier » : même nom "
                                f"(clé « aidants gier ») que <{ID}actor/siren-812345676>")) == 1
    assert len(warnings(report, "identifiants que Maillage ne lit pas")) == 1


# 4. The schema.org context


@pytest.mark.parametrize("url", ["https://schema.org", "https://schema.org/", "http://schema.org",
                                 "http://schema.org/"])
def test_the_schema_org_context_is_refused_with_the_context_to_write_instead(tmp_path, url):
    text = f'{{\n  "@context": "{url}",\n  "@type": "Organization", "@id": "https://ex.org/a", "name": "A"\n}}'
    [(_, error)] = ingested(tmp_path, {"schema.jsonld": text})
    issue = error.issue
    assert issue.message == (f"RDF invalide : contexte JSON-LD distant « {url} » : Maillage ne charge pas de "
                             "contexte distant ; écrivez à sa place le vocabulaire qu'il désigne : "
                             f'"@context": {SCHEMA_ORG_CONTEXT}')
    assert issue.message_en == (f"invalid RDF: remote JSON-LD context '{url}': Maillage does not fetch remote "
                                "contexts; write in its place the vocabulary it names: "
                                f'"@context": {SCHEMA_ORG_CONTEXT}')
    assert issue.line == 2


def test_the_context_written_in_place_of_schema_org_s_keeps_its_links_as_iris(tmp_path):
    """Under ``{"@vocab": "http://schema.org/"}`` alone, sameAs and url would be texts, not links."""
    text = (f'{{"@context": {SCHEMA_ORG_CONTEXT}, "@type": "Organization", "@id": "https://ex.org/a", "name": "A", '
            '"url": "https://a.example/", "sameAs": ["https://b.example/a"]}')
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "a.jsonld").write_text(text, encoding="utf-8")
    ingest_paths(store, [tmp_path / "a.jsonld"])
    links = store.query("SELECT ?p ?o WHERE { <https://ex.org/a> ?p ?o FILTER(isIRI(?o)) } ORDER BY ?p")
    assert [(str(p), str(o)) for p, o in links if "schema.org" in str(p)] == [
        ("http://schema.org/sameAs", "https://b.example/a"), ("http://schema.org/url", "https://a.example/")]


def test_another_remote_context_is_refused_without_the_engine_s_text(tmp_path):
    [(_, error)] = ingested(tmp_path, {"c.jsonld": '{"@context": ["https://ex.org/c.jsonld", "https://schema.org"], '
                                                   '"@id": "https://ex.org/a"}'})
    assert error.issue.message == (
        "RDF invalide : contexte JSON-LD distant « https://ex.org/c.jsonld », « https://schema.org » : Maillage ne "
        "charge pas de contexte distant ; écrivez à la place de « https://schema.org » le vocabulaire qu'il désigne : "
        f'{SCHEMA_ORG_CONTEXT} ; incluez les autres dans le fichier (« @context » : {{ … }})')
    assert "LoadDocumentCallback" not in error.issue.message_en


# 5. Actors without an IRI


def test_an_actor_without_an_iri_is_warned(tmp_path):
    """Counted on the home page, but neither found by the search nor shown on a page."""
    [(report, _)] = ingested(tmp_path, {"usagers.ttl": PREFIXES + '[] a mai:UserGroup ;\n'
                                                                  '   rdfs:label "Collectif des usagers du Gier"@fr ;\n'
                                                                  '   rdfs:label "Gier users\' collective"@en .\n'})
    [issue] = report.issues
    assert issue.message == (
        "acteur anonyme (nœud sans IRI) « Collectif des usagers du Gier » : compté parmi les acteurs, il n'est "
        "pourtant ni dans la recherche, ni sur une page, ni lié par une autre source — un acteur a besoin d'une IRI "
        "pour être trouvé, lié et montré ; donnez-lui-en une (<https://…> au lieu de [ … ] ou _:…)")
    assert issue.message_en.startswith("anonymous actor (a node without an IRI) 'Collectif des usagers du Gier': "
                                       "counted among the actors, it is yet neither in the search, nor on a page")
    assert issue.line == 6


def test_blank_nodes_of_other_classes_are_no_actors_to_warn_of(tmp_path):
    [(report, _)] = ingested(tmp_path, {"adhesion.ttl": PREFIXES + '<https://ex.org/a> a mai:Association ; '
                                                                   'rdfs:label "A" ; org:hasMembership [ a '
                                                                   'org:Membership ] .'})
    assert warnings(report, "acteur") == []


# The cost: none of these checks reads the store for a bulk load into an empty one


def test_a_bulk_n_triples_file_into_an_empty_store_reads_no_label(tmp_path, monkeypatch):
    """The names are compared only when other sources have actors; the first pass of an N-Triples file reads its
    labels only then."""
    seen = []
    real = Observed.labels
    monkeypatch.setattr(Observed, "labels", lambda self: seen.append(self) or real(self))
    lines = "".join(f'<https://ex.org/a{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MAI}Association> .\n'
                    f'<https://ex.org/a{n}> <http://www.w3.org/2000/01/rdf-schema#label> "Association {n}" .\n'
                    for n in range(50))
    [(report, error)] = ingested(tmp_path, {"bulk.nt": lines})
    assert (error, report.issues, seen) == (None, [], [])
