"""The keys of a partner register (YAML keys, CSV columns) and the names a coordinator gives them.

A key is read whatever its case, accents, spaces or punctuation (``SIREN``, ``Thèmes``, `` Name ``), and under its
unambiguous French name (``cercle``, ``date d'entrée``, ``objectifs``, ``membres``…). Any other key is not read:
:func:`unknown_key` says so, with the key it probably means when it is close to one (``coordinater``, ``theme``,
``joined_on``).

>>> canonical("member", "Date d'entrée"), canonical("register", "membres"), canonical("member", "cercle ")
('joined', 'members', 'circle')
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from graph.ingest.base import Issue
from graph.tabular import normalise_header

#: For each kind of entry of a register, its keys and the other names read as them (any case or accents).
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "register": {"format": (), "ptce": (), "members": ("membres",), "actions": (),
                 "grants": ("financements", "subventions")},
    "ptce": {"name": ("nom",), "coordinator": ("coordinateur", "coordinatrice"), "territory": ("territoire",),
             "description": (), "goals": ("objectifs",)},
    "member": {"name": ("nom", "nom de la structure", "structure"),
               "kind": ("type", "type de membre", "type de structure", "catégorie"),
               "circle": ("cercle", "cercle d'implication"),
               "joined": ("date d'entrée", "date entrée", "entrée", "date d'adhésion", "adhésion", "start date"),
               "left": ("date de sortie", "date sortie", "sortie", "end date"), "themes": ("thématiques", "topics"),
               "goals": ("objectifs",), "siren": (), "siret": (), "rna": (), "esus": ()},
    "goal": {"rank": ("rang",), "label": ("libellé", "intitulé")},
    "action": {"id": ("identifiant",), "title": ("titre", "intitulé"), "goal": ("objectif",),
               "start": ("début", "date de début", "date début"), "end": ("fin", "date de fin", "date fin")},
    "grant": {"deliberation": ("délibération", "numéro de délibération", "n° de délibération", "referenceDecision"),
              "grant_id": ("idSubvention", "identifiant", "identifiant de la subvention"),
              "beneficiary": ("bénéficiaire", "nomBeneficiaire"), "siren": (), "siret": (),
              "goals": ("objectifs", "goal", "objectif")},
}
#: The French name of each key, which messages give when the register did not write the key (a field missing).
FRENCH = {key: ("thèmes" if key == "themes" else others[0] if others else key)
          for keys in FIELDS.values() for key, others in reversed(keys.items())}
#: Where each kind of entry is, as a coordinator reads it.
_WHERE = {"register": ("du registre", "of the register"), "ptce": ("de ptce:", "of ptce:"),
          "member": ("d'un membre", "of a member"), "goal": ("d'un objectif", "of a goal"),
          "action": ("d'une action", "of an action"), "grant": ("d'un financement", "of a grant")}
#: Names read as a member's key in a CSV or sheet header only, not in YAML: a column's title is often singular
#: (« Thème », « Objectif ») where a YAML ``theme:`` is the near miss of ``themes`` (a list) and ``objectif:`` an
#: action's key, both reported; and a number's column names it (« N° SIRET »), which :data:`FRENCH` does not.
_COLUMNS_ONLY = {"themes": ("thème",), "goals": ("objectif",), "siren": ("n° siren", "numéro siren"),
                 "siret": ("n° siret", "numéro siret"), "rna": ("n° rna", "numéro rna")}
_HEADER_NAMES = {normalise_header(name): key for key, names in _COLUMNS_ONLY.items() for name in names}
_NAMES = {entry: {normalise_header(name): key for key, others in keys.items() for name in (key, *others)}
          for entry, keys in FIELDS.items()}
#: Each folded name of a key of each kind of entry, spelled as :data:`FIELDS` spells it (with its accents).
_SPELLED = {entry: {normalise_header(name): name for key, others in keys.items() for name in (key, *others)}
            for entry, keys in FIELDS.items()}


def canonical(entry: str, key: object) -> str | None:
    """Return the key of ``entry`` (a kind of :data:`FIELDS`) that ``key`` names, or None."""
    return _NAMES[entry].get(normalise_header(str(key)))


def column(cell: object) -> str | None:
    """Return the member key that a register's CSV or sheet column titled ``cell`` holds, or None.

    >>> column("Thème"), column("N° SIRET"), canonical("member", "Thème")
    ('themes', 'siret', None)
    """
    return canonical("member", cell) or _HEADER_NAMES.get(normalise_header(str(cell)))


def suggestion(entry: str, key: object) -> str | None:
    """Return the key of ``entry`` that an unknown ``key`` probably means (a near spelling), or None.

    >>> suggestion("ptce", "coordinater"), suggestion("member", "joined_on"), suggestion("member", "email")
    ('coordinator', 'joined', None)
    """
    near = spelling(entry, key)
    return canonical(entry, near) if near is not None else None


def spelling(entry: str, key: object, french: bool | None = None) -> str | None:
    """Return the name of a key of ``entry`` nearest to an unknown ``key``, spelled as the register reads it (the
    French name for a French key), or None; ``french``: among the names of the language that the entry writes its
    other keys in first (True: the French names, False: the keys).

    >>> spelling("grant", "beneficiare"), spelling("grant", "benefciary"), spelling("member", "date d'entree ")
    ('bénéficiaire', 'beneficiary', "date d'entrée")
    >>> spelling("ptce", "coordinater", french=False), spelling("ptce", "coordinater", french=True)
    ('coordinator', 'coordinateur')
    """
    folded = normalise_header(str(key))
    if not folded:
        return None
    names = list(_NAMES[entry])
    groups = [names]
    if french is not None:
        keys = {normalise_header(k) for k in FIELDS[entry]}
        groups = [[n for n in names if (n not in keys) == french], names]
    for group in groups:
        if found := process.extractOne(folded, group, scorer=fuzz.ratio, score_cutoff=80):
            return _SPELLED[entry][found[0]]
    return None


def written_in_french(written: dict[str, str]) -> bool:
    """Whether keys as written (by the key each names) are mostly French names: those of the keys that have one
    (``siren`` has none); True when none tells.

    >>> written_in_french({"name": "nom", "joined": "date d'entrée", "siren": "SIREN"}), written_in_french({})
    (True, True)
    >>> written_in_french({"name": "Name", "circle": "circle"})
    False
    """
    told = [w.strip().casefold() != k for k, w in written.items() if FRENCH.get(k, k) != k]
    return sum(told) * 2 >= len(told)


def unknown_key(entry: str, key: object, line: int | None, french: bool | None = None) -> Issue:
    """The warning for a key of ``entry`` that is not read: which key it may mean (``french``: whether the entry
    writes its other keys in French), or which keys there are."""
    where, where_en = _WHERE[entry]
    if (near := spelling(entry, key, french)) is not None:
        hint, hint_en = f"vouliez-vous dire « {near} » ?", f"did you mean '{near}'?"
    elif (other := next((e for e in FIELDS if e not in ("register", entry) and canonical(e, key)), None)):
        hint = f"c'est une clé {_WHERE[other][0]}, pas {where} (vérifiez son indentation)"
        hint_en = f"it is a key {_WHERE[other][1]}, not {where_en} (check its indentation)"
    else:
        known_en = ", ".join(FIELDS[entry])
        known = ", ".join(FRENCH[k] for k in FIELDS[entry]) if french is not False else known_en
        hint, hint_en = f"clés lues {where} : {known}", f"keys read {where_en}: {known_en}"
    return Issue("warning", f"clé inconnue « {key} » {where}, ignorée : {hint}",
                 f"unknown key '{key}' {where_en}, ignored: {hint_en}", line=line, field=str(key))


def duplicate_key(entry: str, first: object, second: object, line: int | None) -> Issue:
    """The warning for two keys of ``entry`` that name one field (``name`` and ``nom``): the first is read."""
    return Issue("warning", f"« {first} » et « {second} » désignent le même champ : le premier est lu, le second "
                            "ignoré", f"'{first}' and '{second}' name one field: the first is read, the second "
                            "ignored", line=line, field=str(second))
