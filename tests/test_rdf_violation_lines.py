"""The line that a SHACL result of an RDF file's ingest names: where the file writes its focus node's statement
(the value at fault, else the statement of the result's path, else the focus node's first statement), for Turtle,
TriG, N-Triples, N-Quads and RDF/XML; none rather than a wrong one, and no second reading of a valid file.

Fixture strategy: small inline files in each syntax, each with a grant whose amount is negative at a known line
(``LINE`` marks it), ingested into a fresh Oxigraph store under ``tmp_path`` by the pipeline the CLI uses; the
readings that must give up are called directly on the file's bytes.
"""

from __future__ import annotations

import hashlib
import textwrap

import pytest

from graph.ingest import pipeline_publishing, rdf_lines, rdf_turtle_lines
from graph.ingest.pipeline import IngestRefused, ingest_paths
from graph.ingest.rdf_lines import file_with_lines, with_lines
from graph.store import open_store
from graph.validation import Violation

MAI = "https://w3id.org/maillage/ontology#"
SCHEMA = "http://schema.org/"
AMOUNT = SCHEMA + "amount"
GRANT = "https://ex.org/g2"
#: A funder, a beneficiary and a valid grant written with what could mislead a reader of lines: prefixed names,
#: ``a``, ``;`` and ``,``, a literal over several lines that writes a statement, comments, a nested blank node and a
#: collection, then the grant with a negative amount, its amount on the line ending with "# LINE".
TURTLE = textwrap.dedent(f"""\
    @prefix mai: <{MAI}> .
    @prefix schema: <{SCHEMA}> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    PREFIX ex: <https://ex.org/>

    ex:ville a mai:PublicAuthority ; rdfs:label "Ville de Saint-Chamond" ; mai:siren "214202079" .
    ex:asso a mai:Association, mai:Actor ;
        rdfs:label "Les Aidants du Gier" ;
        rdfs:comment \"\"\"Une note sur
    plusieurs lignes qui écrit ex:g2 schema:amount -20 .
    # pas un commentaire\"\"\" ;
        rdfs:seeAlso [ rdfs:label "ex:g2 schema:amount" ; rdfs:seeAlso ( ex:g1 [ rdfs:label 'x' ] ) ] .
    ex:g1 a mai:Grant ; schema:funder ex:ville ; mai:beneficiary ex:asso ; schema:amount 500 .  # ex:g2 a mai:Grant .
    ex:g2 a mai:Grant ;
        schema:funder ex:ville ;
        mai:beneficiary ex:asso ;
        schema:amount -20 .  # LINE
    """)


def line_marked(text: str) -> int:
    """The line of ``text`` that bears the mark "LINE"."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if "LINE" in line)


def ingested(tmp_path, files: dict[str, str], **options) -> list:
    """The reports of ``files`` (name: text) ingested together into a fresh store, errors raised."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / name for name in files], on_report=lambda report, error, _: said.append(
        (report, error)), **options)
    assert [error for _, error in said] == [None] * len(files)
    return [report for report, _ in said]


def lines_of(report) -> dict[tuple[str, str], int | None]:
    return {(v.focus, v.path): v.line for v in report.violations}


def test_a_negative_amount_in_turtle_names_the_line_that_writes_it(tmp_path):
    [report] = ingested(tmp_path, {"grants.ttl": TURTLE})
    assert lines_of(report) == {(GRANT, AMOUNT): line_marked(TURTLE)}


def test_a_missing_value_names_the_focus_nodes_first_statement(tmp_path):
    text = TURTLE.replace("    schema:funder ex:ville ;\n    mai:beneficiary", "    mai:beneficiary")
    [report] = ingested(tmp_path, {"grants.ttl": text})
    first = text.splitlines().index("ex:g2 a mai:Grant ;") + 1
    assert lines_of(report) == {(GRANT, AMOUNT): line_marked(text), (GRANT, SCHEMA + "funder"): first}


def test_a_statement_apart_from_the_subjects_first_is_found_where_it_is(tmp_path):
    apart = "ex:g2 schema:amount -20 .  # LINE\n"
    text = TURTLE.replace("ex:asso ;\n    schema:amount -20 .  # LINE", "ex:asso .") + apart
    [report] = ingested(tmp_path, {"grants.ttl": text})
    assert lines_of(report) == {(GRANT, AMOUNT): line_marked(text)}


def test_a_value_among_several_names_its_own_line_and_the_count_the_paths_first(tmp_path):
    text = TURTLE.replace("    schema:amount -20 .  # LINE", "    schema:amount 20 ,\n        -20 .  # LINE")
    [report] = ingested(tmp_path, {"grants.ttl": text})
    assert sorted((v.value, v.line) for v in report.violations) == [
        ("-20", line_marked(text)), ("-20, 20", line_marked(text) - 1)]


TRIG = textwrap.dedent(f"""\
    @prefix mai: <{MAI}> .
    @prefix schema: <{SCHEMA}> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix ex: <https://ex.org/> .
    ex:acteurs {{
      ex:ville a mai:PublicAuthority ; rdfs:label "Ville" .
      ex:asso a mai:Association ; rdfs:label "Asso"
    }}
    GRAPH ex:subventions {{
      ex:g2 a mai:Grant ; schema:funder ex:ville ; mai:beneficiary ex:asso ;
        schema:amount
          -20 .  # LINE
    }}
    """)
NTRIPLES = "".join(f"{line}\n" for line in (
    "# acteurs",
    f'<https://ex.org/ville> <{MAI[:-1]}#siren> "214202079" .',
    f"<https://ex.org/ville> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MAI}PublicAuthority> .",
    '<https://ex.org/ville> <http://www.w3.org/2000/01/rdf-schema#label> "Ville de Saint-Chamond" .',
    "",
    f"<https://ex.org/g2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MAI}Grant> .",
    f"<https://ex.org/g2> <{SCHEMA}funder> <https://ex.org/ville> .",
    f"<https://ex.org/g2> <{MAI}beneficiary> <https://ex.org/ville> .",
    f'  <https://ex.org/g2> <{AMOUNT}> "-20"^^<http://www.w3.org/2001/XMLSchema#integer> .  # LINE'))
RDFXML = textwrap.dedent(f"""\
    <?xml version="1.0"?>
    <!DOCTYPE rdf:RDF [ <!ENTITY ex "https://ex.org/"> ]>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:mai="{MAI}"
             xmlns:schema="{SCHEMA}" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
      <mai:PublicAuthority rdf:about="&ex;ville" rdfs:label="Ville"/>
      <rdf:Description rdf:about="&ex;g2">
        <rdf:type rdf:resource="{MAI}Grant"/>
        <schema:funder rdf:resource="&ex;ville"/>
        <rdfs:comment xml:lang="fr">une note
    sur deux lignes</rdfs:comment>
        <mai:beneficiary>
          <mai:Association rdf:about="&ex;asso"><rdfs:label>Asso</rdfs:label></mai:Association>
        </mai:beneficiary>
        <schema:amount rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">-20</schema:amount><!-- LINE -->
      </rdf:Description>
    </rdf:RDF>
    """)


@pytest.mark.parametrize("name, text", [("grants.trig", TRIG), ("grants.nt", NTRIPLES),
                                        ("grants.nq", NTRIPLES.replace(" .  # LINE", " <https://ex.org/g> .  # LINE")),
                                        ("grants.rdf", RDFXML)])
def test_each_text_syntax_names_the_line_of_the_negative_amount(tmp_path, name, text):
    [report] = ingested(tmp_path, {name: text})
    assert lines_of(report)[GRANT, AMOUNT] == line_marked(text)


def test_json_ld_names_no_line(tmp_path):
    text = ('{"@context": {"mai": "%s", "schema": "%s"}, "@id": "https://ex.org/g2", "@type": "mai:Grant",\n'
            ' "schema:amount": -20}\n' % (MAI, SCHEMA))
    [report] = ingested(tmp_path, {"grants.jsonld": text})
    assert lines_of(report)[GRANT, AMOUNT] is None


def test_strict_names_the_line_of_what_it_refuses(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "grants.ttl").write_text(TURTLE, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "grants.ttl"], strict=True, on_report=lambda *a: said.append(a))
    [(_, refused, _)] = said
    assert isinstance(refused, IngestRefused)
    assert lines_of(refused.report) == {(GRANT, AMOUNT): line_marked(TURTLE)}


def test_files_checked_apart_get_their_lines(tmp_path):
    reports = ingested(tmp_path, {"grants.ttl": TURTLE, "grants.nt": NTRIPLES.replace("ex.org/g2", "ex.org/g3")},
                       check_apart=True, lookahead=False)
    assert [lines_of(report) for report in reports] == [
        {(GRANT, AMOUNT): line_marked(TURTLE)}, {("https://ex.org/g3", AMOUNT): line_marked(NTRIPLES)}]


def test_a_file_changed_before_its_results_are_told_names_no_line(tmp_path):
    path = tmp_path / "grants.ttl"
    [report] = ingested(tmp_path, {"grants.ttl": TURTLE},
                        before_publish=lambda _: path.write_text("\n\n" + TURTLE, encoding="utf-8"))
    assert lines_of(report) == {(GRANT, AMOUNT): None}


def test_a_valid_file_is_not_read_again(tmp_path, monkeypatch):
    def read_again(*args):
        raise AssertionError("a valid file read again")

    monkeypatch.setattr(pipeline_publishing, "file_with_lines", read_again)
    [report] = ingested(tmp_path, {"grants.ttl": TURTLE.replace("-20", "20")})
    assert report.violations == []


def violation(focus: str = GRANT, path: str = AMOUNT, value: str | None = "-20") -> Violation:
    return Violation(focus, path, "m", "m", "Violation", value)


def lined(text: str, fmt: str = "turtle", *found: Violation) -> list[int | None]:
    return [v.line for v in with_lines(list(found) or [violation()], text.encode(), fmt, "https://ex.org/base/")]


@pytest.mark.parametrize("unreadable", [
    "ex:g2 schema:amount -20 {| rdfs:comment \"an RDF 1.2 annotation\" |} .",  # a syntax the reader does not know
    "ex:g2 schema:amount -20 ~ ex:reifier .",
])
def test_turtle_that_the_reader_cannot_follow_names_no_line(unreadable):
    assert lined(TURTLE + unreadable + "\n") == [None]


def test_a_reading_that_disagrees_with_the_engine_names_no_line(monkeypatch):
    """A reader that miscounts one statement (here, made to skip the first) would name the line of another: the
    engine's statements, matched one by one, refuse it."""
    statements = rdf_turtle_lines._TurtleReader.statements

    def one_less(reader):
        read = statements(reader)
        next(read)
        yield from read

    monkeypatch.setattr(rdf_turtle_lines._TurtleReader, "statements", one_less)
    assert lined(TURTLE) == [None]


def test_a_lone_carriage_return_names_no_line():
    assert lined(TURTLE.replace("\n", "\r", 1)) == [None]
    assert lined(TURTLE.replace("\n", "\r\n")) == [line_marked(TURTLE)]


def test_relative_iris_escaped_names_and_sparql_directives_are_matched():
    text = textwrap.dedent(f"""\
        BASE <https://ex.org/base/>
        prefix s: <{SCHEMA}>
        @prefix e: <https://ex.org/> .
        <g2> s:amount 1 .
        e:g\\-2 s:amount -20 .  # LINE
        """)
    found = [violation("https://ex.org/g-2"), violation("https://ex.org/base/g2", value="1")]
    assert lined(text, "turtle", *found) == [line_marked(text), 4]


def test_a_file_read_again_is_given_lines_only_while_it_is_the_one_stored(tmp_path):
    path = tmp_path / "grants.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert [v.line for v in file_with_lines([violation()], path, "turtle", "https://ex.org/b/", sha)] == [
        line_marked(TURTLE)]
    assert [v.line for v in file_with_lines([violation()], path, "turtle", "https://ex.org/b/", "0" * 64)] == [None]


#: The valid grants of TURTLE and an actor whose two founding dates make an info (shown with --verbose only).
INFO_TURTLE = TURTLE.replace("-20", "20") + textwrap.dedent("""\
    ex:asso schema:foundingDate "2001-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ,
        "2002-02-02"^^<http://www.w3.org/2001/XMLSchema#date> .  # INFO
    """)


def test_a_file_whose_results_are_infos_is_read_again_only_when_they_are_shown(tmp_path, monkeypatch):
    """A report shows its infos with --verbose only: without it, the file is not read again for their lines (a
    2M-triple file's hundreds of infos cost a second reading of 5.7 s)."""
    def read_again(*args):
        raise AssertionError("a file read again for infos not shown")

    monkeypatch.setattr(rdf_lines, "_statements", read_again)
    [report] = ingested(tmp_path / "quiet", {"grants.ttl": INFO_TURTLE})
    assert [(v.severity, v.line) for v in report.violations] == [("Info", None)]
    monkeypatch.undo()
    [report] = ingested(tmp_path / "verbose", {"grants.ttl": INFO_TURTLE}, lines_for_infos=True)
    written = next(n for n, line in enumerate(INFO_TURTLE.splitlines(), start=1) if "foundingDate" in line)
    assert [(v.severity, v.line) for v in report.violations] == [("Info", written)]


def test_the_infos_of_a_file_with_violations_get_lines_only_when_shown(tmp_path):
    text = INFO_TURTLE.replace("schema:amount 20 .  # LINE", "schema:amount -20 .  # LINE")
    [report] = ingested(tmp_path, {"grants.ttl": text})
    assert sorted((v.severity, v.line) for v in report.violations) == [("Info", None), ("Violation", line_marked(text))]
