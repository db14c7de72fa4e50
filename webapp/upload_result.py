"""What the upload page says of an upload's result (:mod:`webapp.upload`): a heading whose words and class tell a
clean upload from one with warnings and from a file not stored, what became of the version stored before, and the
report's lines as a coordinator reads them, its technical details (kind, triples, time, sha256) apart, and the
report's advice to use an option of ``maillage ingest`` said of the form (:func:`for_the_form`).

>>> outcome({"status": "stored", "warnings": 2, "errors": 0, "violations": 0}, "fr")["said"]
'enregistré avec 2 avertissements'
"""

from __future__ import annotations

import re

from graph.french_text import counted

#: The heading's words of each status that is not "stored" (English, French), and its class.
SAID = {"unchanged": ("unchanged, already loaded", "inchangé, déjà chargé", "result-unchanged"),
        "refused": ("refused", "refusé", "result-failed"),
        "failed": ("not stored", "non enregistré", "result-failed"),
        "busy": ("not stored: the store is busy, try again later",
                 "non enregistré : la base est occupée, réessayez plus tard", "result-failed")}


def outcome(result: dict, lang: str) -> dict[str, str]:
    """What the heading says of ``result`` (an upload's summary, :func:`webapp.upload.ingest_file`) in ``lang``
    (``said``), its class (``css``: a stored file with issues is marked apart from a clean one, and a file not
    stored from both — by the words too, not by colour alone), and what became of the version of the source stored
    before the upload (``note``: how to go back to it, or that it is kept), '' when there was none.

    >>> outcome({"status": "refused", "previous_version": True}, "en")["note"]
    'Nothing was stored; the version stored before stays as it was.'
    """
    from webapp.reports import version_kept

    en = lang == "en"
    status = result.get("status")
    if status != "stored":
        said_en, said_fr, css = SAID.get(status, (status, status, "result-failed"))
        note = ""
        if css == "result-failed" and result.get("previous_version"):
            kept = version_kept(lang, result.get("kept_violations", False))  # as `maillage ingest` says it
            note = f"Nothing was stored; {kept}." if en else f"Rien n'a été enregistré ; {kept}."
        return {"said": said_en if en else said_fr, "css": css, "note": note}
    issues = _issues_counted(result, lang)
    said = ("stored" if en else "enregistré") + (f" {'with' if en else 'avec'} {issues}" if issues else "")
    note = ""
    if result.get("previous_version"):
        note = ("This file replaced the version loaded before. To go back to it, upload the previous file again, "
                "under the same name." if en else
                "Ce fichier a remplacé la version chargée auparavant. Pour y revenir, déposez de nouveau le fichier "
                "précédent, sous le même nom.")
    return {"said": said, "css": "result-warnings" if issues else "result-stored", "note": note}


def _issues_counted(result: dict, lang: str) -> str:
    """A stored file's errors (rows or facts rejected), SHACL violations and warnings, counted in words: '' when it
    has none.

    >>> _issues_counted({"errors": 1, "violations": 0, "warnings": 3}, "fr")
    '1 erreur et 3 avertissements'
    """
    en = lang == "en"
    counts = [(result.get("errors", 0), ("erreur", None), "error"),
              (result.get("violations", 0), ("violation SHACL", "violations SHACL"), "SHACL violation"),
              (result.get("warnings", 0), ("avertissement", None), "warning")]
    said = [counted(n, english, lang="en") if en else counted(n, *french) for n, french, english in counts if n]
    if len(said) < 2:
        return "".join(said)
    return f"{', '.join(said[:-1])} {'and' if en else 'et'} {said[-1]}"


def report_parts(result: dict) -> tuple[str, list[str]]:
    """The report of ``result`` as the page shows it: what a coordinator reads first (the counts of what was read,
    the warnings, or why the file was not stored), and its technical details (the kind's name, the triples stored and
    the time taken, which a stored file's report opens with; the page adds the file's sha256 and size).

    >>> report_parts({"status": "stored", "lines": ["r.yaml: register, 12 triplets, 0,10 s\\n  acteurs membres : 2\\n"
    ...                                          "  r.yaml:3: avertissement"]})
    ('acteurs membres : 2\\nr.yaml:3: avertissement', ['r.yaml: register, 12 triplets, 0,10 s'])
    """
    lines = list(result.get("lines") or [])
    technical = []
    if result.get("status") == "stored" and lines:
        first, _, rest = lines[0].partition("\n")
        technical.append(first)
        lines[0] = "\n".join(line.removeprefix("  ") for line in rest.splitlines())
    return "\n".join(line for line in lines if line), technical


#: What the form says for the advice of a report that names an option of ``maillage ingest`` (French, English
#: templates of :mod:`graph.ingest.source_messages`, ``{name}`` what varies): the form has a field for ``--funder``,
#: a « Type » for ``--kind``, and names a source by its file's name, with no ``--name``; it removes no source (who
#: runs Maillage does, with ``maillage remove``).
FORM_ADVICE = {
    "funder": ("le champ « Collectivité » de ce formulaire", "this form's “Authority” field"),
    "other_name": ("renommez le fichier avant de le déposer (le nom du fichier est celui de la source)",
                   "rename the file before uploading it (the file's name is the source's name)"),
    "own_name": ("renommez-le « {name} » avant de le déposer (le nom du fichier est celui de la source)",
                 "rename it '{name}' before uploading it (the file's name is the source's name)"),
    "remove_first": ("s'il en est une nouvelle version, renommez-le « {name} » avant de le déposer : il la remplacera",
                     "if it is a new version of it, rename it '{name}' before uploading it: it will replace it"),
    "kind": ("le type choisi dans « Type » : choisissez « détecter » ou ce type",
             "the kind chosen under “Kind”: choose “detect” or that kind"),
    "renamed_remove": ("s'il le remplace sous un nouveau nom, demandez à qui administre Maillage de retirer l'ancien "
                       "(ce formulaire ne retire aucune source : maillage remove {name}), ou déposez-le plutôt sous "
                       "le nom « {name} »",
                       "if it replaces it under a new name, ask whoever runs Maillage to remove the old one (this "
                       "form removes no source: maillage remove {name}), or upload it under the name '{name}' "
                       "instead"),
}


def _command_advice() -> dict[str, tuple[str, str]]:
    """The advice of the command's reports that :data:`FORM_ADVICE` words for the form, by the same keys."""
    from graph.ingest.base import FUNDER_ADVICE
    from graph.ingest.source_messages import (KIND_ADVICE, OTHER_NAME_ADVICE, OWN_NAME_ADVICE, REMOVE_FIRST_ADVICE,
                                              RENAMED_REMOVE_ADVICE)

    return {"funder": FUNDER_ADVICE, "other_name": OTHER_NAME_ADVICE, "own_name": OWN_NAME_ADVICE,
            "remove_first": REMOVE_FIRST_ADVICE, "kind": KIND_ADVICE, "renamed_remove": RENAMED_REMOVE_ADVICE}


def _template_pattern(template: str) -> re.Pattern:
    """A pattern that finds the text ``template`` makes, whatever its ``{name}`` (one line of a report)."""
    return re.compile(re.escape(template).replace(re.escape("{name}"), "(?P<name>.+)"))


def for_the_form(text: str) -> str:
    """A report's advice to use an option of the command, said of the form (:data:`FORM_ADVICE`): its field, its
    « Type », the file's name (the form lists every issue of a stored file: no advice to ask for the rest either).

    >>> for_the_form("x.yaml: avertissement : … si ce fichier en remplace un, importez-le sous son nom "
    ...              "(--name ptce (v2).yaml)")
    'x.yaml: avertissement : … si ce fichier en remplace un, renommez-le « ptce (v2).yaml » avant de le déposer \
(le nom du fichier est celui de la source)'
    """
    for key, command in _command_advice().items():
        for said, form in zip(command, FORM_ADVICE[key]):
            text = _template_pattern(said).sub(lambda found: form.format(**found.groupdict()), text)
    return text
