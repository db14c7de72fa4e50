"""The values of a partner register's fields as coordinators write them: a member's kind and circle (the shipped
vocabularies' identifiers, labels and variants, whatever their case, accents or number, ``cercle`` before a
circle or not) and dates (in figures, in words, or a month alone).

>>> kind_class("Professionnels de santé") == MAI.HealthProfessional, circle_concept("cercle financeur")
(True, rdflib.term.URIRef('https://w3id.org/maillage/ontology/circle/financeurs'))
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from graph.identifiers import clean_identifier, normalise_rna, restore_leading_zeros, rna_ok, siren_ok, siret_ok
from graph.identity_names import fold
from graph.ingest.french import MONTHS
from graph.ingest.french import fold as unaccent
from graph.ingest.french import read_date as read_date_whole
from graph.ingest.scdl_ids import INVALID_RNA, clean_id_cell, clean_rna_cell, read_id_cell
from graph.namespaces import CIRCLES, MAI
from graph.values import ValueProblem

#: The kinds that the register documents, and the class of their members.
KINDS = {"association": MAI.Association, "collectivite": MAI.PublicAuthority, "entreprise": MAI.Enterprise,
         "universite": MAI.University, "professionnel-de-sante": MAI.HealthProfessional, "usagers": MAI.UserGroup}
#: Kinds that coordinators write and the kinds vocabulary does not name, and the class of their members: a commune
#: is a public authority, « ESS » short for « Entreprise de l'ESS », an NGO an association; a foundation is no
#: association (no RNA) nor enterprise (SIRENE's 9300), so an actor of no narrower class, as SIRENE's are.
_KIND_VARIANTS = {"commune": MAI.PublicAuthority, "mairie": MAI.PublicAuthority, "ess": MAI.Enterprise,
                  "ngo": MAI.Association, "ong": MAI.Association, "company": MAI.Enterprise,
                  "enterprise": MAI.Enterprise, "users group": MAI.UserGroup, "user group": MAI.UserGroup,
                  "fondation": MAI.Actor, "foundation": MAI.Actor}
#: The circles that the register documents.
CIRCLE_NAMES = ("coeur", "operationnel", "partenaires", "financeurs")
#: Words that say nothing of which circle: "cercle des financeurs" is "financeurs".
_CIRCLE_NOISE = frozenset({"cercle", "circle", "de", "des", "du", "d", "la", "le", "les", "l", "the", "rang",
                           "niveau"})
#: A circle's rank written as an ordinal (« 1er cercle », « 2e », « 2ème », « deuxième cercle »), folded: its number.
_ORDINAL = re.compile(r"(\d+)(?:er|re|ere|e|eme|nd|nde|d|de|st|th)")
_ORDINAL_WORDS = {"premier": "1", "premiere": "1", "first": "1", "second": "2", "seconde": "2", "deuxieme": "2",
                  "troisieme": "3", "third": "3", "quatrieme": "4", "fourth": "4"}


def _key(text: str, noise: frozenset[str] = frozenset()) -> str:
    """Fold ``text`` and put its words in the singular (a final ``s`` off a word of four letters or more)."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in fold(text).split() if w not in noise)


@cache
def _kinds() -> dict[str, URIRef]:
    from graph.ontology import load_schemes

    graph = load_schemes()
    index = {_key(name): cls for name, cls in (*KINDS.items(), *_KIND_VARIANTS.items())}
    for concept in graph.subjects(SKOS.inScheme, MAI.actorKinds):
        if (cls := graph.value(concept, RDFS.seeAlso)) is None:
            continue
        for label in [str(concept).rsplit("/", 1)[-1], *graph.objects(concept, SKOS.prefLabel),
                      *graph.objects(concept, SKOS.altLabel)]:
            index.setdefault(_key(str(label)), cls)
    return index


def kind_class(text: str) -> URIRef | None:
    """Return the class of the members of kind ``text`` (a key of :data:`KINDS` or :data:`_KIND_VARIANTS`, or an
    identifier, label or variant of the kinds vocabulary ``ontology/kinds.ttl``), or None.

    >>> [str(kind_class(k)).rsplit("#")[1] for k in ("Commune", "ESS", "NGO", "Company", "Users group", "fondation")]
    ['PublicAuthority', 'Enterprise', 'Association', 'Enterprise', 'UserGroup', 'Actor']
    """
    return _kinds().get(_key(text))


@cache
def _circles() -> dict[str, URIRef]:
    from graph.ontology import load_schemes

    graph, index = load_schemes(), {}
    for concept in graph.subjects(SKOS.inScheme, CIRCLES):
        for label in [str(concept).rsplit("/", 1)[-1], *graph.objects(concept, SKOS.notation),
                      *graph.objects(concept, SKOS.prefLabel), *graph.objects(concept, SKOS.altLabel)]:
            index.setdefault(_key(str(label), _CIRCLE_NOISE), concept)
    return index


def nearest(text: str, known) -> str | None:
    """The one of ``known`` (folded names) that ``text`` is a misspelling of, or None: a letter or two apart in a
    word ("associaton", "prevension": 90 and more of rapidfuzz's ratio), not another word ("astronomie" and
    "autonomie": 84).

    >>> nearest("associaton", KINDS), nearest("colectivité", KINDS), nearest("operationel", CIRCLE_NAMES)
    ('association', 'collectivite', 'operationnel')
    >>> nearest("mutuelle", KINDS), nearest("astronomie", ["autonomie"])
    (None, None)
    """
    from rapidfuzz import fuzz, process

    found = process.extractOne(fold(text), list(known), scorer=fuzz.ratio, score_cutoff=88)
    return found[0] if found else None


def circle_concept(text: str) -> URIRef | None:
    """Return the circle ``text`` names (identifier, rank — in figures or as an ordinal —, label or variant of
    ``ontology/circles.ttl``, in the singular or the plural, with or without ``cercle``), or None.

    >>> [circle_concept(t).rsplit("/", 1)[1] for t in ("1er cercle", "2ème cercle", "Deuxième cercle", "3e rang")]
    ['coeur', 'operationnel', 'operationnel', 'partenaires']
    >>> circle_concept("2e adjoint") is None
    True
    """
    key = _key(text, _CIRCLE_NOISE)
    return _circles().get(key) or _circles().get(_rank(key) or "")


def _rank(key: str) -> str | None:
    """The rank that a folded circle key written as one ordinal says (``1er``, ``2eme``, ``deuxieme``), or None."""
    if (m := _ORDINAL.fullmatch(key)) is not None:
        return m[1]
    return _ORDINAL_WORDS.get(key)


#: A date whose month is cut short, as a spreadsheet's date formats write it: its day (optional), its month's first
#: letters (a dot after them or not) and its year, apart by spaces or dashes (« 20 nov. 2024 », « 16-mai-24 »).
_SHORT_MONTH_DATE = re.compile(r"(?:(\d{1,2})(?:er)?[\s-]+)?([a-z]{3,9})\.?[\s-]+(\d{4}|\d{2})")


def read_date(text: str) -> tuple[dt.date | None, tuple[str, str] | None]:
    """Return the date written in ``text`` and what its reading assumed, as :func:`graph.ingest.french.read_date`
    does, and also with its month cut short: the month whose name alone begins with those letters (``janv``,
    ``sept``, ``déc``; not ``jui``). ValueProblem when it is no date, naming ``text`` as written.

    >>> read_date("20 nov. 2024"), read_date("1er déc. 2024")[0], read_date("janv. 2024")[0]
    ((datetime.date(2024, 11, 20), None), datetime.date(2024, 12, 1), datetime.date(2024, 1, 1))
    >>> read_date("16-mai-24")[0], read_date("16-mai-24")[1][0]
    (datetime.date(2024, 5, 16), 'année écrite sur deux chiffres, lue 2024')
    >>> read_date("31 sept. 2024")
    Traceback (most recent call last):
    graph.values.ValueProblem: date impossible « 31 sept. 2024 »
    """
    try:
        return read_date_whole(text)
    except ValueProblem:
        raw = " ".join(text.split())
        if (m := _SHORT_MONTH_DATE.fullmatch(unaccent(raw))) is None or len(
                months := [n for name, n in MONTHS.items() if name.startswith(m[2])]) != 1:
            raise
    figures = f"{m[1]}/{months[0]:02d}/{m[3]}" if m[1] else f"{months[0]:02d}/{m[3]}"
    try:
        return read_date_whole(figures)
    except ValueProblem as exc:  # an impossible day, a year of two digits too far ahead: told as written
        raise ValueProblem(str(exc).replace(figures, raw), exc.message_en.replace(figures, raw)) from None


def _zeros_restored(raw: str) -> bool:
    """Whether the identifier cell ``raw`` was read with leading zeros that a spreadsheet dropped put back: a guess,
    which the check digit may pass by chance (:func:`graph.identifiers.read_siret`)."""
    return restore_leading_zeros(clean_identifier(clean_id_cell(raw)[0])) is not None


#: A SIRET (or SIREN) in the RNA column of a member without one, taken for what it is, in a grants list's words
#: (:meth:`graph.ingest.scdl_grant_values.GrantCellReader.beneficiary_ids`).
SIRET_IN_RNA = ("SIRET dans la colonne RNA : retenu comme SIRET", "SIRET in the RNA column: kept as a SIRET")


def read_identifiers(siren: str, siret: str, rna: str) -> tuple[dict[str, str | None], list[tuple[str, str, str]]]:
    """Return a member's valid identifiers and the problems met, as (key, French, English): each of its SIREN and
    SIRET cells read as a grants list reads its identifier cells (:func:`graph.ingest.scdl_ids.read_id_cell`: what
    a spreadsheet or a typist put around the number taken off, leading zeros it dropped restored, a SIREN in the
    SIRET column kept, a float-mangled SIRET's SIREN kept when whole), an RNA number written beside the SIRET read
    when the RNA cell is empty; the RNA cell read as a grants list reads its own
    (:func:`graph.ingest.scdl_ids.clean_rna_cell`: a text formula, a leading apostrophe, a label taken off), the RNA
    uppercased, a SIRET or SIREN there kept as the member's when its other cells give none (:data:`SIRET_IN_RNA`).
    A SIRET of another SIREN than the member's is ignored: it would join the member to another actor; but when
    the SIREN was repaired (its leading zeros restored: a guess, which the check digit may pass by chance), a valid
    SIRET's own SIREN wins.

    >>> read_identifiers("423 456 789", "423.456.789.00019", "")[0]
    {'siren': '423456789', 'siret': '42345678900019', 'rna': None}
    >>> ids, said = read_identifiers("", "21860194600000.0", "")
    >>> ids, said[0][1]
    ({'siren': '218601946', 'siret': None, 'rna': None}, 'SIRET abîmé par un passage en nombre à virgule (chiffres \
perdus) : son SIREN 218601946, intact, retenu')
    >>> read_identifiers("42345678", "42345678900019", "")[0]["siren"]
    '423456789'
    >>> read_identifiers("", "", "'W751000017")
    ({'siren': None, 'siret': None, 'rna': 'W751000017'}, [('rna', 'apostrophe de tête (cellule forcée en texte) : \
lu W751000017', 'leading apostrophe (a cell forced to text): read as W751000017')])
    """
    problems: list[tuple[str, str, str]] = []
    read: dict[str, tuple[str | None, str | None, str | None]] = {}
    for key, raw in (("siren", siren), ("siret", siret)):
        if raw and raw.strip():
            *read[key], said = read_id_cell(raw, siren_column=key == "siren")
            problems += [(key, fr, en) for fr, en in said]
    own_siren, own_siret, own_rna = read.get("siren", (None, None, None))
    col_siren, col_siret, col_rna = read.get("siret", (None, None, None))
    ids: dict[str, str | None] = {"siren": own_siren or col_siren, "siret": col_siret or own_siret, "rna": None}
    if rna:
        rna, said = clean_rna_cell(rna)
        problems += [("rna", fr, en) for fr, en in said]
        ids["rna"] = normalise_rna(rna) if rna_ok(rna) else None
        digits = clean_identifier(rna)
        if ids["rna"] is None and not ids["siren"] and (siret_ok(digits) or siren_ok(digits)):
            problems.append(("rna", *SIRET_IN_RNA))
            ids["siren"], ids["siret"] = digits[:9], digits if len(digits) == 14 else None
        elif ids["rna"] is None:
            problems.append(("rna", *INVALID_RNA))
    else:
        ids["rna"] = col_rna or own_rna
    given = col_siret or col_siren  # what the SIRET column holds: a SIRET, or the SIREN it keeps
    if not (own_siren and given and given[:9] != own_siren):
        return ids, problems
    if col_siret and _zeros_restored(siren) and not _zeros_restored(siret):
        own = col_siret[:9]
        problems[:] = [p for p in problems if p[0] != "siren"]
        problems.append(("siren", f"SIREN « {siren} » incomplet : celui du SIRET {col_siret} ({own}) est retenu, "
                                  f"et non {own_siren} (ses zéros de tête rétablis, d'un autre SIREN que le SIRET)",
                         f"incomplete SIREN '{siren}': the SIRET {col_siret}'s ({own}) is kept, not "
                         f"{own_siren} (its leading zeros restored, another SIREN than the SIRET's)"))
        ids["siren"] = own
    elif col_siret:
        problems.append(("siret", f"SIRET {col_siret} d'un autre SIREN que celui du membre ({own_siren}) : ignoré",
                         f"SIRET {col_siret} of another SIREN than the member's ({own_siren}): ignored"))
        ids["siret"] = own_siret
    else:
        problems.append(("siret", f"SIREN {col_siren} de la colonne SIRET, autre que celui du membre ({own_siren}) : "
                                  "ignoré", f"SIREN {col_siren} of the SIRET column, other than the member's "
                                  f"({own_siren}): ignored"))
    return ids, problems
