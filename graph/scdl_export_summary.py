"""What an SCDL export (:mod:`graph.export`) tells the person who ran it, in French or in English
(:func:`scdl_summary`): the grants written and those left out, why, the funders and beneficiaries that kept them out,
and the cells not written as the graph holds them.
"""

from __future__ import annotations

from graph.french_text import counted
from graph.scdl_export_rows import COLUMNS, DOUBTFUL, OUT_OF_BOUNDS, REPLACED_BY, SKIPPED_BECAUSE

#: The role of an actor in a grant, as the summary names it: (French, English).
ROLES = {"funder": ("attribuant", "funder"), "beneficiary": ("bénéficiaire", "beneficiary")}
#: What the summary says of each kind of cell that is not the graph's value as SCDL takes it: (its count's noun, French
#: singular and plural, English), its texts by column, what a cell of that kind is (French, English).
SUBSTITUTIONS = {
    "replaced": (("valeur remplacée", "valeurs remplacées", "replaced"), REPLACED_BY, ("remplacée", "replaced")),
    "out_of_bounds": (("valeur hors des bornes du schéma, écrite telle quelle",
                       "valeurs hors des bornes du schéma, écrites telles quelles",
                       "outside the schema's bounds, written as held"), OUT_OF_BOUNDS,
                      ("hors des bornes", "outside the bounds")),
    "doubtful": (("valeur douteuse, écrite telle que publiée", "valeurs douteuses, écrites telles que publiées",
                  "doubtful, written as published"), DOUBTFUL, ("douteuse", "doubtful")),
}
#: Actors named one by one in the summary; the others are counted.
SUMMARY_ACTORS = 20


def scdl_summary(counts: dict, lang: str = "fr", verbose: bool = False) -> str:
    """What the person who exported needs to know, in ``lang``: how many grants were written, why the others were
    not, and the funders and beneficiaries that kept them out (the first :data:`SUMMARY_ACTORS`); the cells written
    with a stand-in or outside the schema's bounds, and with ``verbose`` their grants (:func:`substitution_lines`).

    >>> counts = {"written": 0, "skipped": 1, "because": {"funder-siret": 1}, "actors": [
    ...     {"role": "funder", "name": "Ville", "why": "ni SIREN ni SIRET connu", "why_en": "no SIREN nor SIRET known",
    ...      "grants": 1}]}
    >>> print(scdl_summary(counts))
    SCDL : 0 subvention écrite, 1 omise (1 sans SIRET valide de l'attribuant)
      attribuant « Ville » : ni SIREN ni SIRET connu (1 subvention)
    >>> print(scdl_summary(counts, "en"))
    SCDL: 0 grants written, 1 left out (1 no valid funder SIRET)
      funder 'Ville': no SIREN nor SIRET known (1 grant)
    """
    if lang == "en":
        return _scdl_summary_en(counts, verbose)
    line = f"SCDL : {counted(counts['written'], 'subvention écrite', 'subventions écrites')}"
    if counts["skipped"]:
        reasons = ", ".join(f"{n} {SKIPPED_BECAUSE[reason][0]}" for reason, n in counts["because"].items())
        line += f", {counted(counts['skipped'], 'omise')} ({reasons})"
    actors = counts.get("actors", [])
    lines = [line] + [f"  {ROLES[a['role']][0]} « {a['name']} » : {a['why']} ({counted(a['grants'], 'subvention')})"
                      for a in actors[:SUMMARY_ACTORS]]
    if unknown := counts.get("unknown"):
        cells = ", ".join(f"{column} ({n})" for column, n in unknown.items())
        lines.append(f"  cellules laissées vides, leur source ne les disant pas : {cells} ; colonnes obligatoires "
                     "du schéma, qu'un validateur SCDL signalera")
    if len(actors) > SUMMARY_ACTORS:
        lines.append(f"  … et {counted(len(actors) - SUMMARY_ACTORS, 'autre')}")
    return "\n".join(lines + substitution_lines(counts, "fr", verbose))


def _scdl_summary_en(counts: dict, verbose: bool) -> str:
    line = f"SCDL: {counted(counts['written'], 'grant', lang='en')} written"
    if counts["skipped"]:
        reasons = ", ".join(f"{n} {SKIPPED_BECAUSE[reason][1]}" for reason, n in counts["because"].items())
        line += f", {counts['skipped']} left out ({reasons})"
    actors = counts.get("actors", [])
    lines = [line] + [f"  {ROLES[a['role']][1]} '{a['name']}': {a.get('why_en', a['why'])} "
                      f"({counted(a['grants'], 'grant', lang='en')})" for a in actors[:SUMMARY_ACTORS]]
    if unknown := counts.get("unknown"):
        cells = ", ".join(f"{column} ({n})" for column, n in unknown.items())
        lines.append(f"  cells left empty, their source not saying: {cells}; columns the schema requires, which an "
                     "SCDL validator will report")
    if len(actors) > SUMMARY_ACTORS:
        lines.append(f"  … and {len(actors) - SUMMARY_ACTORS} more")
    return "\n".join(lines + substitution_lines(counts, "en", verbose))


def substitution_lines(counts: dict, lang: str = "fr", verbose: bool = False) -> list[str]:
    """The summary's line on the cells written with a stand-in (:data:`REPLACED_BY`), outside the schema's bounds
    (:data:`OUT_OF_BOUNDS`) or as published although doubtful (:data:`DOUBTFUL`), by column in the schema's order;
    with ``verbose``, one line per cell naming its grant.

    >>> substitution_lines({"replaced": {"nature": 2}})
    ['  2 valeurs remplacées : nature (2, par « aide en numéraire ») ; --verbose nomme leurs subventions']
    >>> counts = {"replaced": {"nature": 1}, "out_of_bounds": {"pourcentageSubvention": 1}, "substituted": [
    ...     {"kind": "out_of_bounds", "column": "pourcentageSubvention", "grant": "g2", "held": "0.005"},
    ...     {"kind": "replaced", "column": "nature", "grant": "g1", "held": ""}]}
    >>> print("\\n".join(substitution_lines(counts, "en", verbose=True)[1:]))
        nature replaced: g1
        pourcentageSubvention outside the bounds: g2 (0.005)
    """
    en = lang == "en"
    parts = []
    for kind, (said, texts, _) in SUBSTITUTIONS.items():
        if tally := counts.get(kind):
            cells = ", ".join(f"{column} ({n}, {texts[column][en]})" for column, n in tally.items())
            total = sum(tally.values())
            parts.append(f"{counted(total, 'value', lang='en')} {said[2]}: {cells}" if en
                         else f"{counted(total, *said[:2])} : {cells}")
    if not parts:
        return []
    hint = "" if verbose else "; --verbose names their grants" if en else " ; --verbose nomme leurs subventions"
    lines = ["  " + ("; " if en else " ; ").join(parts) + hint]
    shown = counts.get("substituted", []) if verbose else []
    for cell in sorted(shown, key=lambda c: (c["kind"] != "replaced", COLUMNS.index(c["column"]))):
        value = cell["held"]
        quoted = value if cell["kind"] != "replaced" else f"'{value}'" if en else f"« {value} »"
        held = f" ({quoted})" if value else ""
        lines.append(f"    {cell['column']} {SUBSTITUTIONS[cell['kind']][2][en]}{'' if en else ' '}: "
                     f"{cell['grant']}{held}")
    return lines
