"""Column names of the grants and deliberations layouts met in the wild, mapped to one field name each.

Headers drift (DATA-FORMATS.md §5, pitfall 10): SCDL v2 names in any case (``NomAttribuant``,
``datesperiodeversement``), ``object`` for ``objet``, trailing spaces, human labels with ``*`` (DILCRAH), SCDL 1
names (``COLL_NOM``, ``ATTRIB_NOM``, ``SUB_MONTANT``, ``ACTE_REF``), the Etalab 2017 labels, and extra columns
(``exercice``, ``section``, ``type``). Every name is compared after :func:`graph.tabular.normalise_header`.

Beware: in SCDL 1, ``ATTRIB_*`` is the *attributaire* — the beneficiary — while DILCRAH's "Nom attributaire" is
the funder; their normalised keys differ (``attribnom`` vs ``nomattributaire``), so both map right.

>>> map_columns(["NomAttribuant", "Montant ", "SUB_MONTANT", "inconnue"], GRANT_FIELDS)
{'funder_name': 0, 'amount': 1}
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.identity_names import fold
from graph.ingest.base import Extraction, InputError
from graph.tabular import Table, normalise_header, peek_lines

#: Field -> accepted column names (any spelling that normalises to the same key).
GRANT_FIELDS: dict[str, tuple[str, ...]] = {
    # Paris open data: "Numéro de dossier" (2023_01234) is the grant's file number, "Année budgétaire" its year.
    "grant_id": ("idSubvention", "identifiantSubvention", "Numéro de dossier"),
    "fiscal_year": ("exercice", "exerciceBudgetaire", "annee", "année", "Exercice budgétaire", "Année budgétaire"),
    "funder_name": ("nomAttribuant", "COLL_NOM", "Nom de l'attribuant", "Nom attributaire", "Nom attribuant",
                    "Collectivité", "Attribuant"),
    # "… (SIRET)": the labels of a data portal's export (OpenDataSoft).
    "funder_id": ("idAttribuant", "COLL_SIRET", "Identification de l'attributaire", "Identification de l'attribuant",
                  "Identification de l'attribuant (SIRET)", "Identification de l'attributaire (SIRET)",
                  "SIRET attribuant", "Siret de l'attribuant", "SIRET collectivité", "SIRET de la collectivité",
                  "SIREN attribuant", "SIREN de l'attribuant", "SIREN collectivité", "SIREN de la collectivité"),
    # SCDL 1's ACTE_DATE dates the act that decides the grant (its ACTE_REF), not a convention: a legacy list
    # without a convention column states none (the Nièvre 2016 list), and a grant of it above 23 000 € lacks one.
    "convention_date": ("dateConvention", "Date de convention", "Date de la convention", "Date de signature"),
    "decision_ref": ("referenceDecision", "ACTE_REF", "Référence de la décision", "Référence décision",
                     "Numéro de délibération", "Délibération"),
    "decision_date": ("dateDecision", "ACTE_DATE", "Date de la décision", "Date de décision"),
    "beneficiary_name": ("nomBeneficiaire", "ATTRIB_NOM", "Nom du bénéficiaire", "Bénéficiaire",
                         "Nom bénéficiaire", "Nom de l'association", "Nom association", "Raison sociale"),
    # A SIRET or SIREN column named by no party is the beneficiary's: a list names its funder's as such. A SIREN
    # identifies the actor as a SIRET's first nine digits do (SIREN_COLUMNS).
    "beneficiary_id": ("idBeneficiaire", "ATTRIB_SIRET", "Identification du bénéficiaire",
                       "Identification du bénéficiaire (SIRET)", "SIRET du bénéficiaire", "SIRET bénéficiaire", "SIRET",
                       "Numéro SIRET", "N° SIRET", "No SIRET", "Numéro de SIRET", "SIREN du bénéficiaire",
                       "SIREN bénéficiaire", "SIREN", "Numéro SIREN", "N° SIREN", "No SIREN", "Numéro de SIREN"),
    "beneficiary_rna": ("rnaBeneficiaire", "RNA", "Numéro RNA", "RNA du bénéficiaire", "Numéro RNA du bénéficiaire"),
    "purpose": ("objet", "object", "SUB_OBJET", "Objet de la convention", "Objet de la subvention", "Objet du dossier",
                "Objet de la demande"),
    "amount": ("montant", "SUB_MONTANT", "Montant total de la subvention", "Montant de la subvention",
               "Montant attribué", "Montant voté", "Montant accordé", "Montant en euros", "Montant (€)", "Montant en €",
               "Montant (en euros)", "Montant de la subvention (en euros)", "Montant de la subvention en €",
               "Montant attribué (en euros)", "Montant attribué en €", "Montant voté (en euros)"),
    "nature": ("nature", "SUB_NATURE", "Nature de la subvention", "Nature de l'aide"),
    "section": ("section", "Section budgétaire", "Type de subvention"),
    # A bare "type" (the Somme's: fonctionnement, investissement) is read as the nature only when all its values are
    # natures (graph.ingest.scdl_grant_values.natures_in_type).
    "grant_type": ("type",),
    "payment_conditions": ("conditionsVersement", "SUB_VERSEMENT", "Conditions de versement"),
    "payment_period": ("datesPeriodeVersement", "Date de versement", "Date ou période de versement",
                       "Dates ou période de versement", "Période de versement"),
    "payment_start": ("SUB_DATE_DEBUT", "dateDebut", "Date de début"),
    "payment_end": ("SUB_DATE_FIN", "dateFin", "Date de fin"),
    "rae_id": ("idRAE", "ID_ENT", "Numéro de référencement au répertoire des entreprises"),
    "eu_notification": ("notificationUE", "NOTIF_EU", "Aide notifiée à l'Europe", "Notification UE"),
    "share": ("pourcentageSubvention", "Pourcentage du montant de la subvention attribué au bénéficiaire",
              "Pourcentage"),
    "programme": ("dispositifAide", "SUB_DISPOSITIF", "dispositif", "Nom du dispositif"),
    "budget_account": ("imputation", "imputationBudgetaire", "Imputation budgétaire", "Article budgétaire"),
}

#: The normalised names of the identifier columns that name a SIREN, not a SIRET: a 9-digit number is what they
#: hold, not a SIRET cut short, so it is read without a warning.
SIREN_COLUMNS = frozenset(normalise_header(name) for field in ("beneficiary_id", "funder_id")
                          for name in GRANT_FIELDS[field] if "siren" in fold(name))

#: SCDL délibérations v2.1.5 and the layouts seen in published lists (Montpellier).
DELIBERATION_FIELDS: dict[str, tuple[str, ...]] = {
    "authority_name": ("COLL_NOM", "Collectivité", "Nom de la collectivité"),
    "authority_id": ("COLL_SIRET", "SIRET de la collectivité"),
    "id": ("DELIB_ID", "Numéro de délibération", "Numéro délibération", "N° de délibération", "Numéro"),
    "date": ("DELIB_DATE", "Date CM", "Date CC", "Date CD", "Date CR", "Date du conseil", "Date de séance",
             "Date de la délibération", "Date"),
    "body": ("Organe", "Organe délibérant", "Instance", "Assemblée"),
    "matter_code": ("DELIB_MATIERE_CODE", "Code matière"),
    "matter_name": ("DELIB_MATIERE_NOM", "Matière"),
    "title": ("DELIB_OBJET", "Titre", "Objet", "Objet de la délibération"),
    "budget_year": ("BUDGET_ANNEE",),
    "budget_name": ("BUDGET_NOM",),
    "prefecture_id": ("PREF_ID",),
    "prefecture_date": ("PREF_DATE", "Date de réception en préfecture"),
    "votes_entitled": ("VOTE_EFFECTIF",),
    "votes_cast": ("VOTE_REEL",),
    "votes_for": ("VOTE_POUR",),
    "votes_against": ("VOTE_CONTRE",),
    "abstentions": ("VOTE_ABSTENTION",),
    "url": ("DELIB_URL", "URL", "Lien"),
    "published_on": ("PUBLICATION_DATE",),
    "status": ("Etat", "État"),
    "nature": ("NATURE_ACTE", "Nature de l'acte", "Nature acte", "Type d'acte", "Type acte"),
}


def keys_of(fields: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """Return every normalised column name that ``fields`` knows (to find the header row)."""
    return frozenset(normalise_header(name) for names in fields.values() for name in names)


#: id(fields) -> (fields, normalised name -> field). Detection maps the first lines of every file read against
#: both tables: building the lookup at each call (~100 names normalised) was a third of a grants file's detection.
_LOOKUPS: dict[int, tuple[dict, dict[str, str]]] = {}


def _lookup(fields: dict[str, tuple[str, ...]]) -> dict[str, str]:
    cached = _LOOKUPS.get(id(fields))
    if cached is None or cached[0] is not fields:  # the table kept with its lookup: its id cannot be reused
        cached = _LOOKUPS[id(fields)] = (fields, {normalise_header(name): f for f, names in fields.items()
                                                  for name in names})
    return cached[1]


def fields_named(keys: frozenset[str], fields: dict[str, tuple[str, ...]]) -> set[str]:
    """Return the fields that the normalised column names ``keys`` (:func:`graph.tabular.peek_keys`) name.

    >>> sorted(fields_named(frozenset({"montant", "nomattribuant", "inconnue"}), GRANT_FIELDS))
    ['amount', 'funder_name']
    """
    lookup = _lookup(fields)
    return {lookup[key] for key in keys if key in lookup}


def map_columns(header: list[str], fields: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Return field -> column index for the columns of ``header`` that ``fields`` knows: the first match wins, but
    a party's SIRET column over its SIREN column, wherever they stand (the SIRET names the establishment too, and its
    first nine digits are the SIREN: a list that gives both had its SIRETs lost when its SIREN came first).

    >>> map_columns(["SIREN", "SIRET", "N° SIRET", "SIREN attribuant"], GRANT_FIELDS)
    {'beneficiary_id': 1, 'funder_id': 3}
    """
    lookup = _lookup(fields)
    found: dict[str, int] = {}
    for i, column in enumerate(header):
        key = normalise_header(column)
        f = lookup.get(key)
        if f and (f not in found or key not in SIREN_COLUMNS and normalise_header(header[found[f]]) in SIREN_COLUMNS):
            found[f] = i
    return found


#: The identifier fields of the parties, and the field under which a SIREN column is read beside a SIRET column.
SIREN_BESIDE = {"beneficiary_id": "beneficiary_siren", "funder_id": "funder_siren"}


def sirens_beside(header: list[str], read: dict[str, int]) -> dict[str, int]:
    """Return ``beneficiary_siren`` / ``funder_siren`` -> column index: the first SIREN column of each party whose
    SIRET column ``read`` (:func:`map_columns`) reads, for the rows whose SIRET is missing and to check their SIRET
    by (:mod:`graph.ingest.scdl_sirens`).

    >>> header = ["SIREN", "SIRET", "SIREN attribuant", "N° SIREN"]
    >>> sirens_beside(header, map_columns(header, GRANT_FIELDS))
    {'beneficiary_siren': 0}
    """
    lookup, found = _lookup(GRANT_FIELDS), {}
    for i, column in enumerate(header):
        key = normalise_header(column)
        if key in SIREN_COLUMNS and (f := lookup[key]) in read and read[f] != i \
                and normalise_header(header[read[f]]) not in SIREN_COLUMNS:
            found.setdefault(SIREN_BESIDE[f], i)
    return found


def warn_duplicate_columns(ex: Extraction, table: Table, fields: dict[str, tuple[str, ...]]) -> None:
    """Warn, on ``ex``, of each column of ``table`` that names a field another column names: the one
    :func:`map_columns` reads (the first, or a SIRET before a SIREN) is named first, the other is ignored; but a
    party's SIREN column beside its SIRET column is read too (:func:`sirens_beside`), so not warned of. A
    workbook's columns are named by their letters: its hidden columns are read after the visible ones, so a column's
    place in the header is not where the user sees it.

    >>> ex = Extraction()
    >>> warn_duplicate_columns(ex, Table(["montant", "nomBeneficiaire", "Montant attribué"], []), GRANT_FIELDS)
    >>> ex.issues[0].message.split(" : ")[0]
    'colonnes « montant » (1) et « Montant attribué » (3) lues comme un même champ'
    >>> warn_duplicate_columns(ex, Table(["Montant voté", "montant"], [], columns=[7, 6]), GRANT_FIELDS)
    >>> ex.issues[1].message.split(" : ")[0]
    'colonnes « Montant voté » (H) et « montant » (G) lues comme un même champ'
    >>> warn_duplicate_columns(ex, Table(["SIREN", "SIRET", "N° SIREN"], []), GRANT_FIELDS)
    >>> [i.message.split(" : ")[0] for i in ex.issues[2:]]
    ['colonnes « SIRET » (2) et « N° SIREN » (3) lues comme un même champ']
    """
    lookup, header, place = _lookup(fields), table.header, table.column_place
    read = map_columns(header, fields)
    beside = set(sirens_beside(header, read).values()) if fields is GRANT_FIELDS else set()
    for i, column in enumerate(header):
        if (f := lookup.get(normalise_header(column))) is not None and (j := read[f]) != i and i not in beside:
            one, other = place(j), place(i)
            ex.warn(f"colonnes « {header[j]} » ({one}) et « {column} » ({other}) lues comme un même champ : la "
                    "première est lue, la seconde ignorée", f"columns '{header[j]}' ({one}) and '{column}' ({other}) "
                    "read as one field: the first is read, the second ignored", line=table.header_line, field=column)


#: A column name that names an identifier: a word SIRET or SIREN (also "siretBeneficiaire", "SIRET_BENEF"), or RNA.
_IDENTIFIER_WORD = re.compile(r"(?<![a-z])(?:siret|siren)|(?<![a-z])rna(?![a-z])")


def names_identifier(column: str) -> bool:
    """Whether the column name ``column`` names an identifier (SIRET, SIREN, RNA number).

    >>> [names_identifier(c) for c in ("N° SIREN", "numeroSiret", "idRNA", "Journal", "Siren_benef", "Interne")]
    [True, True, True, False, True, False]
    """
    return bool(_IDENTIFIER_WORD.search(fold(re.sub(r"([a-z])([A-Z])", r"\1 \2", column))))


def warn_unread_identifiers(ex: Extraction, header: list[str], fields: dict[str, tuple[str, ...]],
                            line: int | None) -> None:
    """Warn, on ``ex``, of each column of ``header`` that names an identifier (:func:`names_identifier`) but no
    field of ``fields``: its numbers are not read, so the actors of its rows are joined to other sources by their
    names alone, which the user should know (a label the lookup lacks, or a column to rename).

    >>> ex = Extraction()
    >>> warn_unread_identifiers(ex, ["montant", "nomBeneficiaire", "SIREN de l'organisme"], GRANT_FIELDS, 1)
    >>> ex.issues[0].message.split(" : ")[0]
    "colonne « SIREN de l'organisme » (3), qui nomme un identifiant, non lue"
    """
    lookup = _lookup(fields)
    for i, column in enumerate(header):
        if normalise_header(column) not in lookup and names_identifier(column):
            ex.warn(f"colonne « {column} » ({i + 1}), qui nomme un identifiant, non lue : son nom n'est pas l'un de "
                    "ceux que lit ce format (idBeneficiaire, idAttribuant, rnaBeneficiaire…) ; renommez-la pour que "
                    "ses numéros soient lus", f"column '{column}' ({i + 1}), which names an identifier, not read: its "
                    "name is none of those this format reads (idBeneficiaire, idAttribuant, rnaBeneficiaire…); rename "
                    "it for its numbers to be read", line=line, field=column)


def warn_unread_columns(ex: Extraction, table: Table, fields: dict[str, tuple[str, ...]], read: set[int],
                        identifiers_told: bool = True) -> None:
    """Say once, on ``ex``, which columns of ``table`` are not read: neither the ``read`` ones nor those warned of
    already (a second column of one field, :func:`warn_duplicate_columns`; an identifier's,
    :func:`warn_unread_identifiers`, unless ``identifiers_told`` is false: a reader that does not call it). A column
    without a name is said only when it holds something; a known column that the rows do not read, only when left
    out of ``read``.

    >>> ex = Extraction()
    >>> table = Table(["montant", "nomBeneficiaire", "termeConvention", "SIREN de l'organisme", "type", ""], [])
    >>> warn_unread_columns(ex, table, GRANT_FIELDS, {0, 1})
    >>> ex.issues[0].message, ex.issues[0].message_en
    ('colonnes non lues : termeConvention (colonne 3), type (colonne 5)', 'columns not read: termeConvention \
(column 3), type (column 5)')
    """
    lookup, header = _lookup(fields), table.header
    mapped = map_columns(header, fields)
    unread = []
    for i, column in enumerate(header):
        f = lookup.get(normalise_header(column))
        if i in read or f is None and identifiers_told and names_identifier(column) or f is not None and mapped[f] != i:
            continue
        if column.strip() or any(i < len(row.cells) and row.cells[i].strip() for row in table.rows):
            unread.append(i)
    if not unread:
        return
    said = ", ".join(f"{header[i].strip() or '(sans nom)'} (colonne {table.column_place(i)})" for i in unread)
    said_en = ", ".join(f"{header[i].strip() or '(no name)'} (column {table.column_place(i)})" for i in unread)
    plural, plural_en = ("colonnes non lues", "columns not read") if len(unread) > 1 else \
        ("colonne non lue", "column not read")
    ex.warn(f"{plural} : {said}", f"{plural_en}: {said_en}", line=table.header_line)


def header_near_miss(data: bytes, fields: dict[str, tuple[str, ...]],
                     lacking: Callable[[set[str], frozenset[str]], list[str]], what: tuple[str, str]
                     ) -> InputError | None:
    """Why a table that detection refused is not quite a list of ``what`` (French, English): the first of its first
    lines that names three or more columns of ``fields`` but lacks some that are required (``lacking(fields named,
    normalised keys)`` says which); None when no line does.

    >>> header_near_miss(b"nomAttribuant;idAttribuant;objet\\n", GRANT_FIELDS, lambda f, k: ["montant"],
    ...                  ("une liste", "a list")).issue.message
    "l'en-tête ressemble à une liste (3 colonnes reconnues), mais il y manque : montant"
    """
    for line, keys in peek_lines(data):
        named = fields_named(keys, fields)
        if len(named) >= 3 and (missing := lacking(named, keys)):
            lacks = ", ".join(missing)
            miss = InputError(f"l'en-tête ressemble à {what[0]} ({len(named)} colonnes reconnues), mais il y manque "
                              f": {lacks}", line=line,
                              message_en=f"the header looks like {what[1]} ({len(named)} columns known), but lacks: "
                                         f"{lacks}")
            miss.columns_named = len(named)
            return miss
    return None
