"""`maillage query` runs user queries with the endpoint's limits: guard, row cap, time limit."""

from __future__ import annotations

import importlib.abc
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.conftest import free_port
from webapp.cli import main

DATA = textwrap.dedent("""\
    @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    """) + "".join(f'<https://ex.org/a{i}> a mai:Association ; rdfs:label "A {i}" .\n' for i in range(60))


def loaded(tmp_path: Path) -> Path:
    path = tmp_path / "actors.ttl"
    path.write_text(DATA, encoding="utf-8")
    CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(path)], catch_exceptions=False)
    return tmp_path / "data"


def test_a_service_clause_is_refused_with_one_line_and_exit_1(tmp_path):
    result = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query",
                                       "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"])
    assert result.exit_code == 1 and "SERVICE" in result.stderr and "Traceback" not in result.stderr


def test_the_contracts_prefixes_used_without_their_declaration_are_declared_for_the_query(tmp_path):
    result = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query", "--format", "csv",
                                       "SELECT ?l WHERE { ?a a mai:Association ; rdfs:label ?l } LIMIT 1"])
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, "l"), result.stderr


def test_another_prefix_used_without_its_declaration_is_named(tmp_path):
    result = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query",
                                       "SELECT ?l WHERE { ?a ex:label ?l }"])
    assert result.exit_code == 1
    assert result.stderr == "maillage: requête SPARQL invalide (ligne 1, colonne 30) : préfixe non déclaré « ex: »\n"


def test_the_row_cap_cuts_the_answer_and_says_so(tmp_path):
    env = {**os.environ, "MAILLAGE_MAX_ROWS": "5"}
    result = subprocess.run([Path(sys.executable).with_name("maillage"), "--data", str(loaded(tmp_path)), "query",
                             "SELECT ?s WHERE { ?s a <https://w3id.org/maillage/ontology#Association> }",
                             "--format", "csv"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1 + 5
    assert "coupé à 5 lignes" in result.stderr and "--max-rows" in result.stderr


def test_max_rows_raises_the_cap_for_one_query(tmp_path):
    result = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query", "--format", "csv", "--max-rows",
                                       "100", "SELECT ?s WHERE { ?s a mai:Association }"],
                                env={"MAILLAGE_MAX_ROWS": "5"})
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1 + 60 and not result.stderr
    refused = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query", "--max-rows", "0", "ASK {}"])
    assert refused.exit_code == 2 and "Traceback" not in refused.stderr


def test_a_runaway_query_is_stopped_at_the_time_limit(tmp_path):
    env = {**os.environ, "MAILLAGE_QUERY_TIMEOUT": "1"}
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = subprocess.run([Path(sys.executable).with_name("maillage"), "--data", str(loaded(tmp_path)), "query",
                             runaway], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert "arrêtée" in result.stderr and "Traceback" not in result.stderr


def test_mistakes_on_the_command_line_are_one_line_and_exit_1_or_2_never_a_traceback(tmp_path):
    data = loaded(tmp_path)
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    mistakes = [
        (["--data", str(data), "export", "-o", str(tmp_path / "no" / "such" / "dir.trig")], 1, "impossible d'écrire"),
        (["--data", str(data), "export", "-o", str(tmp_path)], 1, "impossible d'écrire"),
        (["--data", str(afile), "query", "ASK {}"], 1, "n'est pas un dossier"),
        (["--data", str(afile), "ingest", str(afile)], 1, "inutilisable"),
        (["--data", str(tmp_path / "typo"), "query", "ASK {}"], 1, "aucune base"),
        (["--data", str(tmp_path / "typo"), "validate"], 1, "aucune base"),
        (["--data", str(data), "query", str(tmp_path / "missing.rq")], 1, "fichier de requête introuvable"),
        (["--data", str(data), "query", "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }"], 1, "mise à jour"),
        (["serve", "--port", "99999"], 2, "99999"),
    ]
    for args, code, words in mistakes:
        result = CliRunner().invoke(main, args)
        assert (result.exit_code, "Traceback" in result.stderr, words in result.stderr) == (code, False, True), (
            args, result.exit_code, result.stderr, result.exception)
    assert not (tmp_path / "typo").exists()


def test_an_scdl_export_says_how_many_grants_it_wrote_and_why_it_left_the_others_out(tmp_path):
    data = tmp_path / "data"
    CliRunner().invoke(main, ["--data", str(data), "ingest", str(Path(__file__).parents[1] / "examples")])
    result = CliRunner().invoke(main, ["--data", str(data), "export", "--format", "scdl", "-o",
                                       str(tmp_path / "grants.csv")])
    assert result.exit_code == 0
    assert "SCDL : 0 subvention écrite, 1 omise (1 sans SIRET valide de l'attribuant)" in result.stderr
    # The register knows Saint-Etienne Métropole by its SIREN alone: the funder left out is named, and why.
    assert ("  attribuant « Saint-Etienne Métropole » : SIREN 244200770 seul, aucun SIRET de cet organisme dans le "
            "graphe (1 subvention)") in result.stderr.splitlines()


@pytest.mark.parametrize("fmt, lang, said", [
    ("trig", "fr", r"export trig : (\d+) quadruplets de (\d+) graphes écrits dans (.+)"),
    ("nquads", "en", r"nquads export: (\d+) quads of (\d+) graphs written to (.+)")])
def test_a_graph_export_ends_with_what_it_wrote_and_where(tmp_path, monkeypatch, fmt, lang, said):
    """The counts are those of the file: one line per quad in N-Quads, the source's graph and the ontology's."""
    import re

    data = loaded(tmp_path)
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    output = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(main, ["--data", str(data), "export", "--format", fmt, "-o", str(output)])
    found = re.fullmatch(said, result.stderr.strip())
    assert result.exit_code == 0 and found, result.stderr
    assert found.group(3) == str(output)
    if fmt == "nquads":
        quads = output.read_text(encoding="utf-8").splitlines()
        assert int(found.group(1)) == len(quads) and int(found.group(2)) == len({q.rsplit(" ", 2)[-2] for q in quads})


def test_a_table_shows_an_iri_whole_and_cuts_a_long_text_saying_so(tmp_path):
    long_iri = "https://ex.org/" + "a" * 90
    path = tmp_path / "long.ttl"
    path.write_text(f'<{long_iri}> <http://www.w3.org/2000/01/rdf-schema#label> "{"mot " * 40}" .\n',
                    encoding="utf-8")
    data = str(tmp_path / "data")
    CliRunner().invoke(main, ["--data", data, "ingest", str(path)], catch_exceptions=False)
    out = CliRunner().invoke(main, ["--data", data, "query",
                                    f"SELECT ?s ?l WHERE {{ ?s ?p ?l FILTER(?s = <{long_iri}>) }}"])
    row = out.stdout.splitlines()[2]
    assert row.startswith(long_iri + "  ") and row.endswith("mot…")


@pytest.mark.parametrize("lang, one_row, none, yes", [("fr", "(1 ligne)", "(0 ligne)", "oui"),
                                                       ("en", "(1 row)", "(0 rows)", "yes")])
def test_a_table_counts_its_rows_and_an_ask_answers_in_the_language_asked(tmp_path, lang, one_row, none, yes):
    data, env = str(loaded(tmp_path)), {"MAILLAGE_LANG": lang}
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    assert CliRunner().invoke(main, ["--data", data, "query", query], env=env).stdout.splitlines()[-1] == one_row
    empty = "SELECT ?s WHERE { ?s <urn:none> ?o }"
    assert CliRunner().invoke(main, ["--data", data, "query", empty], env=env).stdout.splitlines()[-1] == none
    assert CliRunner().invoke(main, ["--data", data, "query", "ASK { ?s ?p ?o }"], env=env).stdout.strip() == yes


def test_results_printed_in_a_format_end_with_a_line_break(tmp_path):
    data = str(loaded(tmp_path))
    for fmt in ("json", "csv", "xml", "tsv"):
        out = CliRunner().invoke(main, ["--data", data, "query", "ASK { ?s ?p ?o }" if fmt != "csv" else
                                        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "--format", fmt])
        assert out.exit_code == 0 and out.stdout.endswith("\n"), (fmt, out.stdout[-20:])


def test_an_unknown_kind_or_a_page_zero_is_a_usage_error_exit_2(tmp_path):
    data = str(loaded(tmp_path))
    assert CliRunner().invoke(main, ["--data", data, "ingest", "--kind", "bogus", str(tmp_path / "actors.ttl")]
                              ).exit_code == 2
    assert CliRunner().invoke(main, ["--data", data, "search", "x", "--page", "0"]).exit_code == 2


QUERIES = Path(__file__).parents[1] / "webapp" / "queries"


def run_query(tmp_path: Path, *args: str):
    return CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query", *args])


@pytest.mark.parametrize("argument", ["sources-et-triplets", str(QUERIES / "sources-et-triplets.rq")])
def test_a_named_query_runs_by_its_name_or_its_file_with_the_contracts_prefixes(tmp_path, argument):
    result = run_query(tmp_path, argument, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "source,title,kind,ingested,triples" and "actors.ttl" in result.stdout


def test_a_named_querys_parameters_are_given_with_param(tmp_path):
    association = "https://w3id.org/maillage/ontology#Association"
    result = run_query(tmp_path, "acteurs-d-un-type-dans-un-lieu", "--param", f"kind={association}",
                       "--param", "place=Nulle-part", "--format", "csv")
    # no row, and the IRI columns of a result with rows all the same
    assert (result.exit_code, result.stdout.splitlines()) == (
        0, ["actor,actor_iri,actorLabel,location,location_iri,locationLabel"])


@pytest.mark.parametrize("args, said", [
    (["subventions-d-un-beneficiaire"], "subventions-d-un-beneficiaire : paramètre « beneficiary » manquant : "
                                        "Bénéficiaire (nom ou IRI) (--param beneficiary=…)"),
    (["sources-et-triplets", "--param", "year=2024"], "sources-et-triplets : paramètre inconnu « year » "
                                                      "(paramètres : aucun)"),
    (["membres-actuels"], "« membres-actuels » n'est ni une requête SPARQL, ni un fichier, ni le nom d'une requête "
                          "nommée (requêtes nommées proches : membres-actuels-par-cercle ; lancez-en une par son "
                          "nom : maillage query NOM --param nom=valeur)"),
    (["CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--format", "csv"],
     "le format csv ne convient pas à une requête CONSTRUCT ; formats possibles : table, turtle, jsonld, ntriples"),
    (["DESCRIBE <https://ex.org/a1>", "--format", "tsv"],
     "le format tsv ne convient pas à une requête DESCRIBE ; formats possibles : table, turtle, jsonld, ntriples"),
    (["SELECT * WHERE { ?s ?p ?o }", "--format", "turtle"],
     "le format turtle ne convient pas à une requête SELECT ; formats possibles : table, json, csv, tsv, xml"),
])
def test_a_query_that_cannot_run_as_asked_says_what_to_give_instead(tmp_path, args, said):
    result = run_query(tmp_path, *args)
    usage = "--format" in args  # a format that does not fit the query's form is a usage error (README: exit 2)
    assert (result.exit_code, result.stderr) == (2 if usage else 1, f"maillage: {said}\n")


def test_the_query_messages_follow_the_lang_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILLAGE_LANG", "en")
    result = run_query(tmp_path, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.stderr == ("maillage: the csv format does not fit a CONSTRUCT query; formats that fit: table, "
                             "turtle, jsonld, ntriples\n")


@pytest.mark.parametrize("lang, query, said", [
    ("fr", "SELECT ?s WHERE { ?s ?p ?o", "maillage: requête SPARQL invalide (ligne 1, colonne 27) : la requête "
     "s'arrête avant d'être complète (un terme, une « } », une « ) » ou un guillemet manque ?)\n"),
    ("fr", "SELECT ?s WHERE { ?s ?p ?o } ORDER ?s LIMIT 1", "maillage: requête SPARQL invalide (ligne 1, colonne 38) "
     ": la requête ne se lit plus à partir de « LIMIT 1 » (attendu : BY)\n"),
    ("en", "SELECT ?s WHERE { ?s ?p ?o } ORDER ?s LIMIT 1", "maillage: invalid SPARQL query (line 1, column 38): the "
     "query cannot be read from 'LIMIT 1' on (expected: BY)\n"),
    ("en", "SELEC ?s WHERE { ?s ?p ?o }", "maillage: invalid SPARQL query (line 1, column 1): the query cannot be "
     "read from 'SELEC ?s WHERE { ?s ?p ?o }' on: 'SELEC' is no word of SPARQL; did you mean SELECT?\n"),
])
def test_a_query_that_does_not_parse_is_told_in_a_sentence_at_its_place(tmp_path, monkeypatch, lang, query, said):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    result = run_query(tmp_path, query)
    assert result.exit_code == 1 and result.stderr.startswith(said), result.stderr


def test_the_commands_messages_follow_the_lang_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILLAGE_LANG", "en")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "typo"), "query", "ASK {}"])
    assert result.stderr.startswith(f"maillage: no store in '{tmp_path / 'typo'}': nothing was ingested there")


@pytest.mark.parametrize("name, param, member", [
    ("partenaires-par-cercle", "circle=coeur", "danaecare"),
    ("partenaires-par-cercle", "circle=1", "danaecare"),  # a circle by its rank
    ("partenaires-par-cercle", "circle=partenaires", "saint-etienne-metropole"),  # a word of its label
    ("presents-a-une-seance", "session=14 mai 2024", "alice-martin"),  # a session by its day, as its page says it
    ("presents-a-une-seance", "session=14/05/2024", "alice-martin"),  # its day as a register writes it
])
def test_a_named_querys_parameter_is_resolved_by_name_as_the_form_resolves_it(tmp_path, name, param, member):
    from web_fixture import template_data

    data = tmp_path / "data"
    shutil.copytree(template_data(), data)
    result = CliRunner().invoke(main, ["--data", str(data), "query", name, "--param", param, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert member in result.stdout


def test_a_name_that_no_value_of_the_parameter_bears_is_refused_naming_the_parameter(tmp_path):
    from web_fixture import template_data

    data = tmp_path / "data"
    shutil.copytree(template_data(), data)
    result = CliRunner().invoke(main, ["--data", str(data), "query", "partenaires-par-cercle", "--param", "circle=9"])
    assert (result.exit_code, result.stderr) == (1, "maillage: partenaires-par-cercle : « 9 » (Cercle (nom, rang ou "
                                                    "IRI)) : aucun nom ne correspond ; précisez le nom ou donnez "
                                                    "l'IRI\n")


@pytest.mark.parametrize("args, said", [
    (["query", "--format", "bogus", "ASK {}"], "Erreur : valeur invalide pour « --format » : « bogus » n'est pas une "
     "valeur possible : « table », « json », « csv », « tsv », « xml », « turtle », « jsonld », « ntriples »."),
    (["query"], "Erreur : argument manquant « REQUÊTE »."),
    (["ingest"], "Erreur : argument manquant « FICHIERS... »."),
    (["search", "x", "--page", "0"], "Erreur : valeur invalide pour « --page » : 0 est hors limites (au moins 1)."),
    (["serve", "--port", "99999"], "Erreur : valeur invalide pour « --port » : 99999 est hors limites (entre 1 et "
     "65535)."),
    # no worker: gunicorn said it listened, and every request hung
    (["serve", "--workers", "0"], "Erreur : valeur invalide pour « --workers » : 0 est hors limites (entre 1 et 64)."),
    (["ingest", "--xyz", "x"], "Erreur : option inconnue « --xyz »."),
    (["quer"], "Erreur : commande inconnue « quer ». Vouliez-vous dire « query » ?"),
    (["search", "x", "--page", "abc"], "Erreur : valeur invalide pour « --page » : « abc » n'est pas un nombre "
     "valide."),
])
def test_clicks_usage_errors_are_in_french_and_exit_2(tmp_path, args, said):
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), *args])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, said), result.stderr
    assert f"Pour l'aide : main {args[0]} --help" in result.stderr or args == ["quer"]


def test_clicks_usage_errors_stay_in_english_when_the_lang_setting_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILLAGE_LANG", "en")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "query", "--format", "bogus", "ASK {}"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: Invalid value for '--format': 'bogus' is not one of ")


def help_of(monkeypatch, lang: str, *command: str, width: int = 80) -> str:
    """The help of ``maillage COMMAND`` in ``lang``, its lines joined (the help is wrapped at the terminal's width)."""
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    result = CliRunner().invoke(main, [*command, "--help"], terminal_width=width)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_command_and_option_has_its_help_in_french_and_in_english():
    from webapp.cli_help import CATALOGUE

    for name, command in [("", main), *main.commands.items()]:
        assert name in CATALOGUE, f"no help for the command {name!r}"
        texts = CATALOGUE[name]
        assert all(texts.help) and texts.help[0] != texts.help[1], name
        for option in (p for p in command.params if isinstance(p, click.Option)):
            assert option.name in texts.options, f"no help for {name or 'maillage'} {option.opts[0]}"
            french, english = texts.options[option.name].help
            assert french and english and french != english, (name, option.name)


@pytest.mark.parametrize("command, lang, said", [
    ((), "fr", ["Usage : main [OPTIONS] COMMANDE [ARGUMENTS]...",
                "Maillage : le graphe de connaissances d'un PTCE santé — importer, interroger, chercher, servir.",
                "Options : --version Affiche la version et s'arrête. --data DOSSIER Dossier des données (base, index "
                "de recherche). Par défaut : ./maillage-data. -h, --help Affiche cette aide et s'arrête.",
                "Commandes : export Exporte le graphe (trig, nquads) ou les subventions (SCDL).",
                "ingest Importe des fichiers (un graphe nommé par fichier)."]),
    (("ingest",), "fr", ["Usage : main ingest [OPTIONS] FICHIERS...",
                         "Importe des fichiers : un graphe nommé par fichier, validé, indexé.",
                         "--kind TYPE Impose le type de source (rdf, deliberation, scdl-subventions, …).",
                         "--funder FINANCEUR Financeur d'une liste de subventions sans colonnes de financeur, ou "
                         "collectivité d'une délibération dont le texte n'en nomme aucune : « NOM[;SIRET] ».",
                         "-h, --help Affiche cette aide et s'arrête."]),
    (("serve",), "fr", ["--port PORT Port où écouter. [par défaut : 5000 ; entre 1 et 65535]"]),
    (("search",), "fr", ["Usage : main search [OPTIONS] [TEXTE]", "[par défaut : 1 ; au moins 1]"]),
    (("query",), "fr", ["Usage : main query [OPTIONS] REQUÊTE"]),
    ((), "en", ["Usage: main [OPTIONS] COMMAND [ARGS]...",
                "Maillage: the knowledge graph of a PTCE santé — ingest, query, search, serve.",
                "Options: --version Show the version and exit. --data DIR Data directory (store, index). Default: "
                "./maillage-data. -h, --help Show this message and exit.",
                "Commands: export Dump the graph (trig, nquads) or the grants (SCDL)."]),
    (("ingest",), "en", ["Usage: main ingest [OPTIONS] PATHS...",
                         "--funder FUNDER Funder of a grants list without funder columns, or authority of a "
                         "deliberation whose text names none: \"NAME[;SIRET]\".",
                         "-h, --help Show this message and exit."]),
    (("serve",), "en", ["--port PORT Port to listen on. [default: 5000; 1<=x<=65535]"]),
    (("search",), "en", ["Usage: main search [OPTIONS] [TEXT]", "[default: 1; x>=1]"]),
    (("query",), "en", ["Usage: main query [OPTIONS] QUERY"]),
])
def test_the_help_is_in_the_language_of_the_lang_setting(monkeypatch, command, lang, said):
    shown = " ".join(help_of(monkeypatch, lang, *command, width=200).split())
    for words in said:
        assert words in shown, shown


@pytest.mark.parametrize("command", ["", "ingest", "query", "search", "index", "validate", "export", "serve"])
def test_the_french_help_has_no_english_left(monkeypatch, command):
    from webapp.cli_help import CATALOGUE

    shown = " ".join(help_of(monkeypatch, "fr", *filter(None, [command])).split())
    english = [CATALOGUE[command].help[1], *(option.help[1] for option in CATALOGUE[command].options.values()),
               "Usage:", "Options:", "Commands:", "Show this message and exit.", "[default:"]
    assert [words for words in english if words in shown] == []


def test_the_help_follows_the_lang_setting_from_one_run_to_the_next(monkeypatch):
    # Click makes the --help option once and keeps it; the version option's text is made when the module loads.
    runs = [(lang, help_of(monkeypatch, lang)) for lang in ("fr", "en", "fr")]
    said = {lang: ("Affiche cette aide et s'arrête." in shown, "Show the version and exit." in shown)
            for lang, shown in runs}
    assert [said[lang] for lang, _ in runs] == [(True, False), (False, True), (True, False)]


@pytest.mark.parametrize("command", ["", "ingest", "query", "search", "export"])
def test_no_line_of_the_french_help_begins_with_a_colon_or_a_closing_quote(monkeypatch, command):
    for width in range(60, 121):  # narrower, click cuts words longer than its column
        lines = help_of(monkeypatch, "fr", *filter(None, [command]), width=width).splitlines()
        assert [line for line in lines if line.strip().startswith((":", ";", "»"))] == [], width


@pytest.mark.parametrize("lang, said", [
    ("fr", "lecture impossible : fichier ou dossier introuvable"),
    ("en", "cannot read: No such file or directory"),
])
def test_a_system_error_is_told_in_the_language_of_the_lang_setting(tmp_path, monkeypatch, lang, said):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(tmp_path / "absent.csv")])
    assert result.exit_code == 1 and said in result.stderr, result.stderr


def test_a_grant_that_links_two_actors_is_named_as_its_page_names_it(tmp_path):
    from web_fixture import DANAECARE, FIXTURE_TTL, GRANT, SEM

    path = tmp_path / "fixture.ttl"
    path.write_text(FIXTURE_TTL, encoding="utf-8")
    data = str(tmp_path / "data")
    assert CliRunner().invoke(main, ["--data", data, "ingest", str(path)]).exit_code == 0
    result = CliRunner().invoke(main, ["--data", data, "query", "liens-entre-deux-acteurs", "--param", f"a={SEM}",
                                       "--param", f"b={DANAECARE}", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert f"{GRANT},Subvention de 20\u202f000\u00a0€ à DanaeCare," in result.stdout


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), OSError(28, "No space left on device")])
def test_an_export_that_stops_half_way_leaves_the_previous_file_as_it_was(tmp_path, monkeypatch, stop):
    """The file was truncated before the export wrote it: an export interrupted (Ctrl-C) or that filled the disk
    destroyed the previous backup."""
    from graph.oxistore import OxigraphStore

    data = loaded(tmp_path)
    backup = tmp_path / "backup.trig"
    assert CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(backup)]).exit_code == 0
    before = backup.read_bytes()

    def half_way(self, out, fmt):
        out.write(before[:100])
        raise stop

    monkeypatch.setattr(OxigraphStore, "dump", half_way)
    result = CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(backup)])
    assert result.exit_code != 0 and backup.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")] == []
    if isinstance(stop, OSError):
        assert result.stderr.strip() == (f"maillage: {backup} : export interrompu (plus de place sur le disque) ; le "
                                         "fichier précédent est intact")


def test_an_export_is_not_written_into_the_data_directory(tmp_path):
    data = loaded(tmp_path)
    result = CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(data / "store" / "current")])
    assert result.exit_code == 1 and "est dans le dossier de données" in result.stderr
    assert CliRunner().invoke(main, ["--data", str(data), "query", "ASK { ?s ?p ?o }"]).exit_code == 0


def test_an_ingest_that_left_the_index_behind_is_said_by_search_and_caught_up_by_the_next_ingest(tmp_path):
    """Killed after its publish, before the index's update (as --no-index leaves it): « maillage search » missed the
    files for good, and an ingest of unchanged files did not bring the index up to date."""
    data = str(loaded(tmp_path))  # an index that shows its 60 actors
    path = tmp_path / "more.ttl"
    path.write_text(DATA.replace("/a", "/b").replace('"A ', '"Bénévoles '), encoding="utf-8")
    CliRunner().invoke(main, ["--data", data, "ingest", str(path), "--no-index"], catch_exceptions=False)
    behind = CliRunner().invoke(main, ["--data", data, "search", "Bénévoles"])
    assert "0 résultat" in behind.stdout
    assert "l'index de recherche est en retard sur la base pour 61 ressources" in behind.stderr
    again = CliRunner().invoke(main, ["--data", data, "ingest", str(path)], catch_exceptions=False)
    assert "1 inchangé" in again.stderr
    found = CliRunner().invoke(main, ["--data", data, "search", "Bénévoles"])
    assert "en retard" not in found.stderr and "Bénévoles 1" in found.stdout


def test_an_index_of_a_data_directory_that_does_not_exist_is_refused(tmp_path):
    """It made the directory and an empty index (« 0 document »), exit 0: a mistyped --data went unseen."""
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "nosuch"), "index"])
    assert result.exit_code == 1 and "aucune base" in result.stderr and not (tmp_path / "nosuch").exists()


def test_a_folder_is_ingested_without_its_hidden_folders_and_lock_files_and_an_empty_one_is_told(tmp_path):
    """`.git/config` and an office suite's `~$registre.xlsx` were refused as unknown kinds (exit 1); a folder with no
    file gave « 0 fichier enregistré », exit 0."""
    folder = tmp_path / "sources"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config").write_text("[core]\n")
    (folder / "~$registre.xlsx").write_bytes(b"lock")
    (folder / "actors.ttl").write_text(DATA, encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(folder), "--no-index"])
    assert result.exit_code == 0 and "1 fichier enregistré, 0 inchangé, 0 en échec" in result.stderr, result.stderr
    # what is left out is said, not skipped in silence; a hidden folder is named, not walked
    (folder / "README.md").write_text("# Nos sources\n")
    said = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(folder), "--no-index"])
    assert f"laissés de côté, qui ne sont pas des sources : {folder / '.git'}, {folder / 'README.md'}, " \
           f"{folder / '~$registre.xlsx'}\n" in said.stderr, said.stderr
    (tmp_path / "empty").mkdir()
    empty = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(tmp_path / "empty")])
    assert empty.exit_code == 1 and f"aucun fichier à ingérer dans {tmp_path / 'empty'}" in empty.stderr


def test_a_parameter_given_twice_with_two_values_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query", "subventions-par-financeur-et-annee",
                                       "--param", "year=2023", "--param", "year=2024"])
    assert result.exit_code != 0
    assert "--param « year » donné deux fois (« 2023 », « 2024 ») : un paramètre prend une valeur" in result.stderr


def test_clicks_checks_of_a_path_are_in_french():
    """« Path 'noperm.yaml' is not readable. » came in English inside a French line."""
    from webapp.cli_messages import translate

    assert translate("{name} {filename!r} is not readable.") == "{name} {filename!r} illisible (permission refusée)."
    assert translate("path") == "chemin"


def test_an_ingest_stopped_by_ctrl_c_says_what_it_stored_and_what_it_left(tmp_path, monkeypatch):
    """It said « Abandon. » alone (exit 1): nothing of which files were stored, nor that running it again is safe."""
    import graph.ingest.pipeline as pipeline

    files = []
    for n in range(3):
        files.append(tmp_path / f"f{n}.ttl")
        files[-1].write_text(DATA.replace("/a", f"/f{n}-"), encoding="utf-8")
    real = pipeline.ingest_paths

    def stopped_after_the_first(store, paths, **kwargs):
        real(store, paths[:1], **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "ingest_paths", stopped_after_the_first)
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", *map(str, files)])
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == (
        "ingestion interrompue : 1 fichier enregistré, 2 non traités (tels qu'avant) ; relancez la même commande : "
        "les fichiers enregistrés seront inchangés, l'index de recherche mis à jour")


def test_serving_a_data_directory_without_a_store_says_the_site_will_be_empty(tmp_path, monkeypatch):
    """It served an empty site without a word: a mistyped --data went unseen (a server may start empty and take its
    files by upload: said, not refused)."""
    import webapp.server

    monkeypatch.setattr(webapp.server, "serve", lambda host, port, workers: None)
    port = str(free_port())  # not the default 5000, which `make run` may be serving on
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "empty"), "serve", "--port", port])
    assert result.exit_code == 0 and "aucune base dans" in result.stderr and "sera vide" in result.stderr
    served = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "serve", "--port", port])
    assert served.exit_code == 0 and "aucune base" not in served.stderr


def test_what_a_folder_holds_that_is_no_file_is_a_failure_said_with_its_path_and_a_pipe_given_is_refused(tmp_path):
    """A broken link and a named pipe in a folder were left out in silence, exit 0; a pipe given waited for ever."""
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "actors.ttl").write_text(DATA, encoding="utf-8")
    (folder / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(folder / "pipe.csv")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(folder), "--no-index"])
    assert result.exit_code == 1 and "1 fichier enregistré, 0 inchangé, 2 en échec" in result.stderr
    assert f"{folder / 'broken.yaml'}: erreur : ni fichier ni dossier (lien cassé, tube…)" in result.stderr
    assert f"{folder / 'pipe.csv'}: erreur : ni fichier ni dossier" in result.stderr
    alone = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(folder / "pipe.csv")])
    assert alone.exit_code == 1 and "n'est pas un fichier ordinaire (tube, périphérique)" in alone.stderr


@pytest.mark.parametrize("damaged", ["FORMAT", "current"])
def test_a_damaged_index_format_or_pointer_is_said_and_the_next_ingest_rebuilds_it(tmp_path, damaged):
    """Junk in the index's FORMAT file gave a UnicodeDecodeError to `search` and to `ingest`, after it had
    published the graph."""
    data = loaded(tmp_path)
    index = data / "index"
    (index / (index / "current").read_text().strip() / "FORMAT" if damaged == "FORMAT" else index / "current") \
        .write_bytes(b"\xff\xfe\x00junk")
    found = CliRunner().invoke(main, ["--data", str(data), "search", "A"])
    assert found.exit_code == 1 and "maillage index" in found.stderr and "Traceback" not in found.stderr
    again = CliRunner().invoke(main, ["--data", str(data), "ingest", "--force", str(tmp_path / "actors.ttl")])
    assert again.exit_code == 0, again.output
    assert CliRunner().invoke(main, ["--data", str(data), "search", "A"]).exit_code == 0


def test_an_export_to_dash_is_written_to_standard_output(tmp_path, monkeypatch):
    """`-o -` made a file named "-" in the working directory."""
    data = loaded(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--data", str(data), "export", "--format", "nquads", "-o", "-"])
    assert result.exit_code == 0 and "<https://ex.org/a1>" in result.stdout and not (tmp_path / "-").exists()


def test_serve_on_a_port_another_program_listens_on_is_one_line_and_exit_1(tmp_path):
    """The server retried for 5 s and exited with its own log lines, no word of ours."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (f"maillage: impossible d'écouter sur 127.0.0.1:{port} (adresse déjà "
                                              "utilisée) : un autre programme l'occupe-t-il ? choisissez un autre port "
                                              "(--port)")


def test_an_empty_name_for_a_source_is_refused(tmp_path):
    (tmp_path / "actors.ttl").write_text(DATA, encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", "--name", " ",
                                       str(tmp_path / "actors.ttl")])
    assert result.exit_code == 2 and "--name prend un nom, pas un texte vide" in result.stderr


@pytest.mark.parametrize("argument, said", [("", "requête vide"), ("  ", "requête vide"),
                                            (".", ". : c'est un dossier")])
def test_an_empty_query_or_a_folder_is_said_as_such(tmp_path, argument, said):
    """A folder gave « the query cannot be read from … (error at 1:10: expected CONSTRUCT) », an empty query a parse
    error too."""
    result = CliRunner().invoke(main, ["--data", str(loaded(tmp_path)), "query", argument])
    assert result.exit_code == 1 and said in result.stderr


def test_the_partners_by_circle_come_from_the_core_outwards(demo_data):
    """The circles were sorted by their labels: « Cercle des financeurs » before « Cercle opérationnel »."""
    import csv
    import io

    result = CliRunner().invoke(main, ["--data", str(demo_data), "query", "partenaires-par-cercle", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    circles = list(dict.fromkeys(row["circleLabel"] for row in csv.DictReader(io.StringIO(result.stdout))))
    assert circles == ["Cercle cœur", "Cercle opérationnel", "Cercle des partenaires", "Cercle des financeurs"]


class _InterruptedImport(importlib.abc.MetaPathFinder):
    """A finder that raises what a Ctrl-C raises while Python imports the command line's modules."""

    def find_spec(self, name, path, target=None):
        if name == "webapp.cli":
            raise KeyboardInterrupt
        return None


@pytest.mark.parametrize(("lang", "said"), [("fr", "Abandon."), ("en", "Aborted!")])
def test_a_ctrl_c_while_the_command_line_loads_ends_quietly(monkeypatch, capsys, lang, said):
    """The console script imports the command line under a guard: a Ctrl-C in its first half second printed a
    traceback; it now says what a Ctrl-C says later, and exits 130."""
    from webapp import console

    monkeypatch.delitem(sys.modules, "webapp.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    with pytest.raises(SystemExit) as stopped:
        console.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == f"{said}\n"
