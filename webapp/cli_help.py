"""The help of the command line (``maillage --help``, ``maillage ingest --help``…) in French and in English.

:data:`CATALOGUE` holds, for each command and each of its options, its help in both languages; :class:`Group`, the
class of the ``maillage`` group, gives the command tree the texts of the ``lang`` setting's language each time it is
run (:func:`apply_help`). The words that click writes itself ("Usage:", "Options:", "Show this message and exit.")
are in :mod:`webapp.cli_messages`. The docstrings of the command functions stay in English, for the code's readers;
``tests/test_cli_query.py`` checks that the catalogue covers every command and option.

>>> CATALOGUE["export"].options["output"].help
('Fichier à écrire (par défaut : la sortie standard).', 'File to write (default: stdout).')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import click

from webapp.cli_messages import language, translate


@dataclass(frozen=True)
class OptionHelp:
    """An option's help, and the name of its value where it has one, each as (French, English)."""

    help: tuple[str, str]
    metavar: tuple[str, str] | None = None

    def text(self, lang: str) -> str:
        return _in_language(self.help, lang)


@dataclass(frozen=True)
class CommandHelp:
    """A command's help, its line in the list of commands (``short``), its options' help and the names its
    arguments show in the usage line and the errors (as click writes them: « [TEXTE] », « FICHIERS... »), by
    parameter name."""

    help: tuple[str, str]
    short: tuple[str, str] | None = None
    options: dict[str, OptionHelp] = field(default_factory=dict)
    arguments: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: A list that ends the help, made when it is shown: (heading, rows of a term and its text) in a language.
    listing: Callable[[str], tuple[str, list[tuple[str, str]]]] | None = None


def _named_queries(lang: str) -> tuple[str, list[tuple[str, str]]]:
    """The named queries that ``maillage query NAME`` runs, listed at the end of its help: each one's name, title
    and parameters (the required ones said), in ``lang``."""
    from webapp.named_queries import named_queries

    en = lang == "en"
    rows = []
    for name, query in named_queries().items():
        params = [p.name + ("" if p.optional or p.default is not None else " (required)" if en else " (obligatoire)")
                  for p in query.parameters]
        said = ", ".join(params) or ("no parameter" if en else "sans paramètre")
        rows.append((name, _in_language((f"{query.title_fr} — {said}", f"{query.title_en} — {said}"), lang)))
    return ("Named queries (--param name=value)" if en else "Requêtes nommées (--param nom=valeur) "), rows


_VERBOSE = OptionHelp(("Liste aussi les informations SHACL (ce que le format d'une source ne donne pas).",
                       "List the SHACL infos too (what a source's format does not give)."))

#: Each command's help by its name, the group's under "" (French, English).
CATALOGUE: dict[str, CommandHelp] = {
    "": CommandHelp(
        ("Maillage : le graphe de connaissances d'un PTCE santé — importer, interroger, chercher, servir.\n\n"
         "L'aide et les messages sont en français ; MAILLAGE_LANG=en les donne en anglais.",
         "Maillage: the knowledge graph of a PTCE santé — ingest, query, search, serve.\n\n"
         "Help and messages follow the lang setting: in English with MAILLAGE_LANG=en, in French otherwise."),
        options={
            "version": OptionHelp(("Affiche la version et s'arrête.", "Show the version and exit.")),
            "data_dir": OptionHelp(("Dossier des données (base, index de recherche). Par défaut : ./maillage-data.",
                                    "Data directory (store, index). Default: ./maillage-data."),
                                   ("DOSSIER", "DIR")),
        }),
    "ingest": CommandHelp(
        ("Importe des fichiers : un graphe nommé par fichier, validé, indexé.\n\n"
         "Une source est nommée par le nom de son fichier (ou --name) : importer à nouveau un fichier du même nom "
         "la remplace.",
         "Ingest files: one named graph per file, validated, indexed.\n\n"
         "A source is named by its file name (or --name): ingesting a file of the same name again replaces it."),
        ("Importe des fichiers (un graphe nommé par fichier).",
         "Ingest files: one named graph per file, validated, indexed."),
        {
            "kind": OptionHelp(("Impose le type de source (rdf, deliberation, scdl-subventions, …).",
                                "Force the kind of source (rdf, deliberation, scdl-subventions, …)."),
                               ("TYPE", "KIND")),
            "strict": OptionHelp(("Refuse un fichier dont une ligne est rejetée ou qui viole une contrainte SHACL.",
                                  "Refuse a file with any rejected row or SHACL violation.")),
            "force": OptionHelp(("Importe à nouveau un fichier, même s'il n'a pas changé.",
                                 "Ingest again even when the file has not changed.")),
            "funder": OptionHelp(("Financeur d'une liste de subventions sans colonnes de financeur, ou collectivité "
                                  "d'une délibération dont le texte n'en nomme aucune : « NOM[;SIRET] ».",
                                  "Funder of a grants list without funder columns, or authority of a deliberation "
                                  'whose text names none: "NAME[;SIRET]".'),
                                 ("FINANCEUR", "FUNDER")),
            "no_index": OptionHelp(("Laisse l'index de recherche tel quel (imports en masse) : il reste alors périmé "
                                    "jusqu'à « maillage index ».",
                                    "Leave the search index as it is (bulk loads): it is then stale until "
                                    "`maillage index`.")),
            "source_name": OptionHelp(("Nom de la source (un seul fichier) : un autre fichier du même nom reste alors "
                                       "une source à part.",
                                       "Name of the source (one file): another file of the same name then stays a "
                                       "source apart."), ("NOM", "NAME")),
            "verbose": _VERBOSE,
        },
        {"paths": ("FICHIERS...", "PATHS...")}),
    "remove": CommandHelp(
        ("Retire des sources : le graphe nommé de chacune, comme si son fichier n'avait jamais été importé ; l'index "
         "de recherche suit.\n\n"
         "Une source est nommée par le nom de son fichier (ou le --name donné à l'import). Rien n'est retiré si l'un "
         "des noms n'est celui d'aucune source.",
         "Remove sources: each one's named graph, as if its file had never been ingested; the search index "
         "follows.\n\n"
         "A source is named by its file name (or the --name it was ingested under). Nothing is removed if one of the "
         "names is no source's."),
        ("Retire des sources (le graphe nommé de chacune).", "Remove sources (each one's named graph)."),
        {"no_index": OptionHelp(("Laisse l'index de recherche tel quel : il reste alors périmé jusqu'à "
                                 "« maillage index ».",
                                 "Leave the search index as it is: it is then stale until `maillage index`."))},
        {"names": ("NOMS...", "NAMES...")}),
    "query": CommandHelp(
        ("Lance une requête SPARQL (son texte, un fichier, ou le nom d'une requête nommée) sur tout le graphe, avec "
         "les limites du point d'accès SPARQL.\n\n"
         "Les requêtes nommées et leurs paramètres sont listés à la fin de cette aide (et sur la page /queries du "
         "site) : « maillage query NOM --param nom=valeur ».",
         "Run a SPARQL query (text, file, or the name of a named query) over the whole graph, with the endpoint's "
         "limits.\n\n"
         "The named queries and their parameters are listed at the end of this help (and on the site's /queries "
         "page): `maillage query NAME --param name=value`."),
        ("Lance une requête SPARQL (texte, fichier ou requête nommée).",
         "Run a SPARQL query (text, file or named query)."),
        {
            "fmt": OptionHelp(("Format du résultat : table (un tableau à lire) ; json, csv, tsv, xml pour SELECT et "
                               "ASK ; turtle, jsonld, ntriples pour CONSTRUCT et DESCRIBE.",
                               "Format of the result: table (a table to read); json, csv, tsv, xml for SELECT and "
                               "ASK; turtle, jsonld, ntriples for CONSTRUCT and DESCRIBE.")),
            "params": OptionHelp(("Paramètre d'une requête nommée (un --param par paramètre) ; un paramètre IRI "
                                  "peut être donné par son nom.",
                                  "A parameter of a named query (repeat for each); an IRI parameter may be given by "
                                  "name."), ("NOM=VALEUR", "NAME=VALUE")),
            "max_rows": OptionHelp(("Lignes que la requête peut rendre (par défaut : le réglage max_rows).",
                                    "Rows the query may return (default: the max_rows setting)."), ("N", "N")),
        },
        {"query": ("REQUÊTE", "QUERY")},
        _named_queries),
    "search": CommandHelp(
        ("Cherche dans le graphe, en français, comme le fait la page de recherche. Mots en majuscules : ET, OU, "
         "SAUF (AND, OR, NOT).",
         "Search the graph in French, as the web page does. Words in capitals: AND, OR, NOT (ET, OU, SAUF)."),
        ("Cherche dans le graphe, comme la page de recherche.", "Search the graph in French, as the web page does."),
        {
            "kind": OptionHelp(("Type de résultat : acteur, subvention, délibération, convention, objectif, thème, "
                                "action, ou un type d'acteur (association, collectivité…) ; répété : l'un ou "
                                "l'autre.",
                                "Kind of result: actor, grant, deliberation, agreement, goal, theme, action, or a "
                                "kind of actor (association, collectivite…); repeated: any of them."),
                               ("TYPE", "KIND")),
            "theme": OptionHelp(("Thème (libellé ou IRI) ; ses thèmes plus précis et ses synonymes comptent aussi ; "
                                 "répété : l'un ou l'autre.",
                                 "Theme (label or IRI); narrower themes and synonyms count; repeated: any of them."),
                                ("THÈME", "THEME")),
            "page": OptionHelp(("Page de résultats à afficher.", "Page of results to show."), ("N", "N")),
            "as_json": OptionHelp(("Affiche le JSON que renvoie /api/search.",
                                   "Print the JSON that /api/search returns.")),
        },
        {"text": ("[TEXTE]", "[TEXT]")}),
    "index": CommandHelp(
        ("Reconstruit l'index de recherche à partir du graphe et le met en place d'un seul coup.",
         "Rebuild the search index from the graph and swap it in atomically."),
        ("Reconstruit l'index de recherche à partir du graphe.", "Rebuild the search index from the graph."),
        {"check": OptionHelp(("Signale où l'index et le graphe divergent ; code de sortie 1 s'ils divergent.",
                              "Report where index and graph disagree; exit 1 if they do."))}),
    "optimize": CommandHelp(
        ("Compacte la base embarquée après un gros import, sans rien changer à son contenu : les requêtes et les "
         "pages y lisent moins de fichiers.\n\n"
         "Les lecteurs (l'explorateur, le point d'accès SPARQL) continuent de répondre pendant ce temps et ouvrent la "
         "base compactée à leur requête suivante ; un import lancé en même temps attend la fin (réglage "
         "lock_timeout).",
         "Compact the embedded store after a large import, its content unchanged: queries and pages read fewer "
         "files.\n\n"
         "Readers (the explorer, the SPARQL endpoint) go on answering meanwhile and open the compacted store at their "
         "next request; an ingest started at the same time waits for the end (lock_timeout setting)."),
        ("Compacte la base après un gros import.", "Compact the store after a large import."),
        {}),
    "validate": CommandHelp(
        ("Valide tout le graphe au regard des formes SHACL ; code de sortie 1 en cas de violation.",
         "Validate the whole graph against the SHACL shapes; exit 1 on violations."),
        ("Valide tout le graphe au regard des formes SHACL.", "Validate the whole graph against the SHACL shapes."),
        {"verbose": _VERBOSE}),
    "export": CommandHelp(
        ("Exporte tout le graphe avec ses graphes nommés (trig, nquads), ou les subventions en CSV au format SCDL.",
         "Dump the whole graph with its named graphs (trig, nquads), or the grants as SCDL CSV."),
        ("Exporte le graphe (trig, nquads) ou les subventions (SCDL).",
         "Dump the graph (trig, nquads) or the grants (SCDL)."),
        {
            "fmt": OptionHelp(("Format : trig ou nquads (tout le graphe), scdl (les subventions, en CSV).",
                               "Format: trig or nquads (the whole graph), scdl (the grants, as CSV).")),
            "output": OptionHelp(("Fichier à écrire (par défaut : la sortie standard).",
                                  "File to write (default: stdout)."), ("FICHIER", "FILE")),
            "verbose": OptionHelp(("Format scdl : nomme aussi les subventions dont une cellule est remplacée ou omise.",
                                   "scdl format: name the grants whose cells were replaced or left out too.")),
        }),
    "serve": CommandHelp(
        ("Sert l'explorateur, l'API et le point d'accès SPARQL sur un serveur WSGI de production.",
         "Serve the explorer, the API and the SPARQL endpoint on a production WSGI server."),
        ("Sert l'explorateur, l'API et le point d'accès SPARQL.",
         "Serve the explorer, the API and the SPARQL endpoint."),
        {
            "host": OptionHelp(("Adresse où écouter.", "Address to listen on."), ("ADRESSE", "HOST")),
            "port": OptionHelp(("Port où écouter.", "Port to listen on."), ("PORT", "PORT")),
            "workers": OptionHelp(("Processus du serveur web (gunicorn).", "Web worker processes (gunicorn)."),
                                  ("N", "N")),
        }),
}

#: A space before a French colon, semicolon… or inside French quotes: a line of the help must not begin with it.
_FRENCH_SPACE = re.compile(r" (?=[:;!?»])|(?<=«) ")


def _index(lang: str) -> int:
    """The place of ``lang``'s text in a (French, English) pair: French unless ``lang`` is ``"en"``."""
    return 1 if lang == "en" else 0


def _in_language(texts: tuple[str, str], lang: str) -> str:
    """The text of ``lang``; in French, its spaces before ":" ";"… do not break (click wraps the help at spaces).

    >>> _in_language(("Format : trig", "Format: trig"), "fr")
    'Format\xa0: trig'
    """
    i = _index(lang)
    return texts[i] if i else _FRENCH_SPACE.sub("\N{NO-BREAK SPACE}", texts[i])


#: How click names a group's command and its arguments in the usage line (French, English).
_SUBCOMMAND_METAVAR = ("COMMANDE [ARGUMENTS]...", "COMMAND [ARGS]...")


def apply_help(group: click.Group, lang: str) -> None:
    """Give ``group``, its commands and their options the help of :data:`CATALOGUE` in ``lang`` (French unless
    ``"en"``). A command or option that the catalogue lacks keeps the text it has."""
    i = _index(lang)
    group.subcommand_metavar = _SUBCOMMAND_METAVAR[i]
    for name, command in [("", group), *group.commands.items()]:
        texts = CATALOGUE.get(name)
        if texts is None:
            continue
        command.help = _in_language(texts.help, lang)
        command.short_help = _in_language(texts.short, lang) if texts.short else None
        for param in command.params:
            if isinstance(param, click.Argument) and param.name in texts.arguments:
                param.metavar = texts.arguments[param.name][i]
            option = texts.options.get(param.name or "")
            if option is not None and isinstance(param, click.Option):
                param.help = option.text(lang)
                if option.metavar:
                    param.metavar = option.metavar[i]


#: What click adds in brackets at the end of an option's help, its items joined by "; ".
_FRENCH_EXTRA = re.compile(r"\[[^\[\]]*; [^\[\]]*\]$")


def _spaced(match: re.Match) -> str:
    return match.group().replace("; ", "\N{NO-BREAK SPACE}; ")


class _HelpOptionInLanguage:
    """A command whose ``--help`` option says what it does in the ``lang`` setting's language (click makes that
    option once, in the language of the run that first needs it, and keeps it), and whose French help spaces the
    « ; » that click writes between the default and the range of an option."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, in French with a space before the « ; » between what click adds in brackets
        (« [par défaut : 1 ; au moins 1] »)."""
        if language() == "en":
            return super().format_options(ctx, formatter)  # type: ignore[misc]
        write_dl = formatter.write_dl
        formatter.write_dl = lambda rows, *args, **kwargs: write_dl(  # type: ignore[method-assign]
            [(term, _FRENCH_EXTRA.sub(_spaced, text)) for term, text in rows], *args, **kwargs)
        try:
            super().format_options(ctx, formatter)  # type: ignore[misc]
        finally:
            del formatter.write_dl

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command's listing (:attr:`CommandHelp.listing`), if it has one, then its epilog."""
        texts = CATALOGUE.get(self.name or "")  # type: ignore[attr-defined]
        if texts is not None and texts.listing is not None:
            heading, rows = texts.listing(language())
            with formatter.section(heading):
                formatter.write_dl(rows)
        super().format_epilog(ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = translate("Show this message and exit.")
        return option


class Command(_HelpOptionInLanguage, click.Command):
    """A command of ``maillage``."""


class Group(_HelpOptionInLanguage, click.Group):
    """The ``maillage`` group: each run gives its commands the help of the ``lang`` setting's language, which
    ``language()`` reads."""

    command_class = Command

    def __init__(self, *args: Any, language: Callable[[], str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.language = language

    def main(self, *args: Any, **kwargs: Any) -> Any:
        apply_help(self, self.language())
        return super().main(*args, **kwargs)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                             list[str]]:
        """The command named by ``args[0]``; a French word for one is refused with the command it stands for
        (« importer »: ingest — click's own guess, by spelling, was « export »)."""
        name = click.utils.make_str(args[0])
        meant = FRENCH_COMMANDS.get(_folded(name)) if name not in self.commands else None
        if meant is not None and not ctx.resilient_parsing:
            error = click.exceptions.NoSuchCommand(name, ctx=ctx)
            error.possibilities = [meant]  # type: ignore[misc]
            raise error
        return super().resolve_command(ctx, args)


#: The French words (and English near misses) for the commands, lower case without accents: what each stands for.
FRENCH_COMMANDS = {
    **dict.fromkeys(("import", "importer", "importe", "ingerer", "charger", "ajouter"), "ingest"),
    **dict.fromkeys(("chercher", "rechercher", "recherche", "cherche", "trouver"), "search"),
    **dict.fromkeys(("supprimer", "retirer", "effacer", "enlever", "delete", "rm"), "remove"),
    **dict.fromkeys(("requete", "requetes", "interroger", "sparql"), "query"),
    **dict.fromkeys(("valider", "validation", "verifier"), "validate"),
    **dict.fromkeys(("exporter", "sauvegarder", "sauvegarde"), "export"),
    **dict.fromkeys(("servir", "serveur", "server", "demarrer"), "serve"),
    **dict.fromkeys(("indexer", "reindexer"), "index"),
    **dict.fromkeys(("optimiser", "compacter"), "optimize"),
    **dict.fromkeys(("aide", "aider", "help"), "--help"),
}


def _folded(word: str) -> str:
    """``word`` in lower case without its accents: « Requête » as « requete »."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
