"""What the ingest pipeline says of a source as a whole, in French and English: a replacement and what it
withdraws, a name that another source already holds, a file that the kind it was forced to could not read, an RDF
file's relative IRIs or named graphs.

The advice that names an option of ``maillage ingest`` is written once here, as a template (``{name}``: what varies):
the upload form, which has no such option, words it otherwise (:func:`webapp.upload.for_the_form`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import URIRef

from graph.ingest.base import InputError, Issue, SourceContext, is_internal
from graph.ingest.rdf_first_pass import SHOWN_RELATIVE, Observed

#: To give a file another source name than its file name's (French, English).
OTHER_NAME_ADVICE = "importez-le sous un autre nom (--name)", "ingest it under another name (--name)"
#: To give a file the source name ``{name}`` of a source that it replaces.
OWN_NAME_ADVICE = "importez-le sous son nom (--name {name})", "ingest it under its name (--name {name})"
#: To remove the source ``{name}`` before a new version of it comes under another file name.
REMOVE_FIRST_ADVICE = ("retirez d'abord « {name} » (maillage remove) s'il en est une nouvelle version",
                       "first remove '{name}' (maillage remove) if it is a new version of it")
#: To remove the source ``{name}`` that a file of the same bytes replaces under a new name.
RENAMED_REMOVE_ADVICE = ("s'il le remplace sous un nouveau nom, retirez l'ancien (maillage remove {name})",
                         "if it replaces it under a new name, remove the old one (maillage remove {name})")
#: To have a file's kind detected, or to force the kind ``{name}`` that detection finds, not the one ``--kind`` gave.
KIND_ADVICE = ("le type donné par --kind : retirez --kind pour qu'il soit détecté, ou donnez ce type (--kind {name})",
               "the kind given by --kind: leave --kind out to have it detected, or give that kind (--kind {name})")


def replacement_issues(name: str, fewer: list[tuple[str, str]]) -> list[Issue]:
    """The warnings of a file that replaces the stored source of its name with other content: what it said is
    withdrawn, and ``fewer`` — the kinds of things the new version describes fewer of (French, English) — may say
    that the file is cut short."""
    issues = [Issue(
        "warning", f"remplace la source « {name} » déjà importée (un autre contenu) : ce qu'elle disait "
                   "est retiré ; si c'est un autre fichier du même nom, " + OTHER_NAME_ADVICE[0],
        f"replaces the source '{name}' already ingested (other content): what it said is withdrawn; if this "
        "is another file of the same name, " + OTHER_NAME_ADVICE[1])]
    if fewer:
        issues.append(Issue(
            "warning", f"la nouvelle version de « {name} » décrit moins que celle qu'elle remplace : "
                       f"{', '.join(fr for fr, _ in fewer)} ; si le fichier est tronqué ou incomplet, réimportez "
                       "l'ancienne version",
            f"the new version of '{name}' describes less than the one it replaces: "
            f"{', '.join(en for _, en in fewer)}; if the file is cut short or incomplete, ingest the former version "
            "again"))
    return issues


def identical_issue(title: str, day: dt.date | None, grants: bool) -> Issue:
    """The warning of a file whose bytes are those of the stored source ``title``, imported on ``day``, under
    another name: said first, with what to do, before the row-by-row warnings of what it repeats (``grants``: a
    grants list, whose totals would count each grant twice)."""
    from graph.ingest.french import format_date_words

    when = f", déjà importé le {format_date_words(day)}" if day else ", déjà importé"
    when_en = f", already ingested on {day.isoformat()}" if day else ", already ingested"
    twice = ("ses subventions sont comptées deux fois dans les totaux" if grants
             else "ce qu'il décrit l'est deux fois, par deux sources")
    twice_en = ("its grants are counted twice in the totals" if grants
                else "what it describes is described twice, by two sources")
    advice = RENAMED_REMOVE_ADVICE[0].format(name=title), RENAMED_REMOVE_ADVICE[1].format(name=title)
    return Issue("warning", f"fichier identique à « {title} »{when} : {advice[0]} ; sinon {twice}",
                 f"file identical to '{title}'{when_en}: {advice[1]}; otherwise {twice_en}")


def same_source(ctx: SourceContext, stored: str) -> InputError:
    """The error of a file whose name is another than that of the stored source it would replace, but names it all
    the same (a source's name keeps only letters and digits: « Antibes 2017.csv » and « antibes_2017.csv » are one):
    it replaced that source in silence."""
    return InputError(f"même nom de source que « {stored} », déjà importé : « {ctx.name} » le remplacerait ; "
                      f"{OTHER_NAME_ADVICE[0]}, ou {REMOVE_FIRST_ADVICE[0].format(name=stored)}",
                      message_en=f"same source name as '{stored}', already ingested: '{ctx.name}' would replace it; "
                                 f"{OTHER_NAME_ADVICE[1]}, or {REMOVE_FIRST_ADVICE[1].format(name=stored)}")


def read_as_chosen(error: InputError, ctx: SourceContext, chosen: str) -> InputError:
    """``error``, met reading ``ctx`` as the kind ``chosen`` (``--kind``, the form's « Type »), told with the kind that
    detection finds for the file when it is another: the error alone never said that the kind chosen may be its
    cause (a PDF forced to a grants list was « :445: guillemet ouvert jamais fermé »). A bug of ours, or a file
    that no kind recognises, is left as it is."""
    from graph.ingest import detect_kind, get_kind

    issue = error.issue
    if is_internal(issue):
        return error
    try:
        forced, found = get_kind(chosen), detect_kind(ctx)
    except InputError:
        return error
    if found.name == forced.name:
        return error
    advice = KIND_ADVICE[0].format(name=found.name), KIND_ADVICE[1].format(name=found.name)
    return InputError(f"{issue.message} ; ce fichier semble être du type « {found.label} » : il a été lu comme "
                      f"« {forced.label} », {advice[0]}", line=issue.line, field=issue.field, value=issue.value,
                      message_en=f"{issue.message_en}; this file looks like the kind '{found.label_en}': it was read "
                                 f"as '{forced.label_en}', {advice[1]}")


def same_name(first: Path) -> InputError:
    """The error of a file whose source is named as an earlier file's, ``first``, of the same ingest (one source a
    name)."""
    return InputError(f"même nom de source que « {first} », importé par cette même commande : le second remplacerait "
                      "le premier ; renommez l'un d'eux, ou importez-le à part sous un autre nom (--name)",
                      message_en=f"same source name as '{first}', ingested by this same command: the second would "
                                 "replace the first; rename one of them, or ingest it apart under another name "
                                 "(--name)")


def graphs_issue(observed: Observed) -> Issue | None:
    """The warning of a TriG or N-Quads file that names graphs: one source is one named graph, so their triples
    all land in the file's own, their graphs' names not kept."""
    if not observed.graphs:
        return None
    shown = sorted(observed.graphs)[:3]
    listed = ", ".join(shown) + (", …" if len(observed.graphs) > len(shown) else "")
    count = len(observed.graphs)
    return Issue("warning", f"le fichier nomme {count} graphe{'s' if count > 1 else ''} ({listed}) : une source "
                            "est un graphe nommé, leurs triplets sont tous versés dans celui de ce fichier, sans leurs "
                            "noms ; pour garder des graphes à part, importez-les chacun dans un fichier",
                 f"the file names {count} graph{'s' if count > 1 else ''} ({listed}): a source is one named graph, "
                 "their triples all land in this file's, without their names; to keep graphs apart, import each "
                 "from a file of its own")


def relative_issue(observed: Observed, source: URIRef) -> Issue | None:
    """The warning of a file whose resources are named by relative IRIs without a base (``<acteur/1>``,
    ``"@id": "acteur/1"``): they were resolved against the source's IRI, so that two files' never meet; a base of
    the file's own makes them the IRIs meant. Those that leave that base (``<../../actor/x>``) are named apart, at
    the line of the first: they name what Maillage or another source names so, a link that the file never meant."""
    count, shown = observed.relative()
    if not count:
        return None
    leaving = observed.leaving()
    listed = ", ".join(f"« {iri or '<>'} »" for iri in shown) + (", …" if count > len(shown) else "")
    listed_en = ", ".join(f"'{iri or '<>'}'" for iri in shown) + (", …" if count > len(shown) else "")
    example = f" (<{source}/{shown[0]}>)" if count > len(leaving) else ""  # those within the base come first
    if count > 1:
        said, said_en = (f"{count} IRI relatives sans base ({listed}) : résolues", "elles ne désignent"), (
            f"{count} relative IRIs without a base ({listed_en}): resolved", "they name")
    else:
        said, said_en = (f"1 IRI relative sans base ({listed}) : résolue", "elle ne désigne"), (
            f"1 relative IRI without a base ({listed_en}): resolved", "it names")
    outside, outside_en = (f", {said[1]} rien hors d'elle", f", {said_en[1]} nothing outside it") if not leaving \
        else _leaving(leaving)
    return Issue("warning", f"{said[0]} contre l'IRI de cette source{example}{outside} ; donnez au fichier sa base : "
                            "@base <https://…/> (Turtle), « @base » dans le « @context » (JSON-LD), xml:base (RDF/XML)",
                 f"{said_en[0]} against this source's IRI{example}{outside_en}; give the file its base: "
                 "@base <https://…/> (Turtle), '@base' in the '@context' (JSON-LD), xml:base (RDF/XML)",
                 line=observed.line_of(leaving[0][0]) if leaving else None)


def _leaving(leaving: list[tuple[str, str]]) -> tuple[str, str]:
    """What the warning of relative IRIs says of those that resolve outside the source's IRI (French, English)."""
    shown = leaving[:SHOWN_RELATIVE]
    more = ", …" if len(leaving) > len(shown) else ""
    became = ", ".join(f"« {written} » → <{iri}>" for written, iri in shown) + more
    became_en = ", ".join(f"'{written}' → <{iri}>" for written, iri in shown) + more
    if len(leaving) > 1:
        return (f" ; {len(leaving)} en sortent ({became}) et désignent ce que Maillage ou une autre source nomme "
                "ainsi", f"; {len(leaving)} leave it ({became_en}) and name what Maillage or another source names so")
    return (f" ; 1 en sort ({became}) et désigne ce que Maillage ou une autre source nomme ainsi",
            f"; 1 leaves it ({became_en}) and names what Maillage or another source names so")
