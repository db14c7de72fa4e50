"""The parties of the agreements a deliberation approves: the authority, the beneficiaries an agreement names or
whose grants it governs, and the other partners it names; split from :mod:`graph.ingest.delib_reader`, whose
:class:`~graph.ingest.delib_reader.Reader` it reads from."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib.namespace import RDF, RDFS, SKOS

from graph.identity import actor_iri, actor_key
from graph.identity_names import name_key
from graph.ingest.delib_agreement_scope import of_kind
from graph.ingest.delib_agreements import find_agreements
from graph.ingest.delib_bare_names import branch_body
from graph.ingest.delib_partners import names_outsiders_only, new_partners
from graph.ingest.french import fold
from graph.namespaces import MAI

if TYPE_CHECKING:
    from graph.ingest.delib_reader import Reader

#: What, in an agreement's title, names a party to it ("avec l'association Lien", "entre la Métropole et …"); "avec
#: chacun des bénéficiaires", "conclues avec les bénéficiaires", "avec les autres bénéficiaires" name none.
_NAMES_A_PARTY = re.compile(r"\b(?:avec|entre|au\s+profit|conclue?s?)\b(?!\s+(?:avec\s+|de\s+)?(?:chacune?\s+des|"
                            r"(?:les|des)(?:\s+autres)?|chaque)\s+b[ée]n[ée]ficiaires?\b)", re.I)


def read_agreements(reader: Reader) -> None:
    """The agreements the deliberation approves, bound to the authority, to the beneficiaries they name or whose
    grants they govern (:mod:`graph.ingest.delib_agreements`) and to the other partners they name
    (:mod:`graph.ingest.delib_partners`). A rejected deliberation approves none."""
    agreements = [] if reader.outcome == "rejected" else find_agreements(reader.body)
    keys = {name: _name_keys(reader, name) for name in reader.beneficiaries}
    grants = list(zip(reader.found.grants, reader.grant_iris))
    authority_keys = _keys_of([], reader, reader.authority)
    decided = []
    known = set().union(*keys.values())
    for agreement in agreements:
        named = by_name = [name for name, its in keys.items() if any(agreement.names(key) for key in its)]
        kind = None if named or not agreement.about_grants() else agreement.parties_kind()
        if kind:  # "avec les deux groupes d'entraide mutuelle"
            named = _beneficiaries_of_kind(reader, agreement, *kind)
        elif not named and agreement.about_grants() and (this := agreement.this_kind()) \
                and len(found := _of_kind(reader, this)) == 1:
            named = found  # "avec cette association": the deliberation's one association
        if named and agreement.about_grants():
            governed = [iri for grant, iri in grants if grant.beneficiary in named]
        elif kind or names_outsiders_only(agreement.title, known, authority_keys):
            governed = []  # "la convention de financement du poste de coordinateur avec l'ARS": not the grants'
        else:
            governed = [iri for _, iri in grants] if agreement.grants_own() else []
        # "avec les associations dont la subvention excède 23 000 €": those grants only. An agreement that names its
        # parties by their names governs their grants whatever threshold it says of them: "avec le Réseau X et
        # l'association Y, dont la subvention excède 23 000 € sur deux exercices" gives the reason, not a choice.
        if not by_name:
            governed = [iri for grant, iri in grants if iri in governed and agreement.within_threshold(grant.amount)]
        decided.append((agreement, named, governed))
    # "les conventions à passer avec les autres bénéficiaires": those no agreement that names its party governs
    elsewhere = {iri for agreement, named, governed in decided if named and not agreement.of_the_others()
                 for iri in governed}
    for rank, (agreement, named, governed) in enumerate(decided, 1):
        if agreement.of_the_others():
            governed = [iri for iri in governed if iri not in elsewhere]
        parties = [reader.authority] + [reader.beneficiaries[name] for name in named] + [
            reader.beneficiaries[grant.beneficiary] for grant, iri in grants if iri in governed]
        # the partners it names that are no actor of the text: "avec la Mutualité Française Pays de la Loire"
        for name, kind in new_partners(agreement.title, known, authority_keys):
            parties.append(reader.b.partner(actor_iri(name=name, base=reader.ctx.base), name, kind, agreement.span))
        title = agreement.title
        if not _NAMES_A_PARTY.search(title):  # "Conventions correspondantes": said of which deliberation
            title += f" (délibération n° {reader.number})"
        iri = reader.b.mint("agreement", actor_key(reader.authority), reader.number, str(rank))
        reader.b.agreement(iri, agreement, title, reader.iri, parties, governed)
    reader.x.stats["agreements"] = len(agreements)


def _beneficiaries_of_kind(reader: Reader, agreement, count: int | None, kind: str) -> list[str]:
    """The beneficiaries of the ``kind`` an agreement is said to be with ("les conventions correspondantes avec
    les deux groupes d'entraide mutuelle": the two GEMs), an association's by its type too ("avec les
    associations"). When they are not as many as the text says, none, with a warning: which ones, the text does
    not say."""
    found = _of_kind(reader, kind)
    if found and (count is None or len(found) == count):
        return found
    if count is not None:
        reader.x.warn(f"« {agreement.title} » : {count} bénéficiaires « {kind} » annoncés, {len(found)} reconnus "
                      "parmi ceux de la délibération ; elle ne régit aucune de ses subventions",
                      f"“{agreement.title}”: {count} beneficiaries “{kind}” stated, {len(found)} recognised among "
                      "the deliberation's; it governs none of its grants")
    return []


def _of_kind(reader: Reader, kind: str) -> list[str]:
    """The beneficiaries of ``kind`` (:func:`graph.ingest.delib_agreements.of_kind`), an association's by its type
    too; "the winners" ("avec les deux lauréats") are those of the deliberation's prizes, its beneficiaries (as
    many as the text says, or none)."""
    if re.fullmatch(r"laur[ée]at(?:e|s|es)?", kind.strip(), re.I):
        return list(reader.beneficiaries)
    association = re.match(r"associations?\b", kind, re.I)
    return [name for name, actor in reader.beneficiaries.items() if of_kind(name, kind)
            or association and (actor, RDF.type, MAI.Association) in reader.b.graph]


def _name_keys(reader: Reader, name: str) -> set[str]:
    """The name keys of a beneficiary: of its name as the text gives it, its label and its other names, of the
    body whose branch it is ("X – antenne de Y": X, which an agreement may name alone), of its name before a dash
    that describes it (:func:`dash_head`), and of its name with its form's acronym (:func:`short_form`)."""
    keys = _keys_of([name], reader, reader.beneficiaries[name], branches=True)
    return keys | {name_key(short) for short in (short_form(name), dash_head(name)) if short}


#: A dash between spaces, after which a list writes what a beneficiary does or which of its branches it is.
_SPACED_DASH = re.compile(r"\s[–—-]\s")


def dash_head(name: str) -> str | None:
    """The name that ``name`` gives before a spaced dash, which an agreement may name alone: "L'Escale – Point
    écoute jeunes" is signed « avec l'Escale »; None without such a dash, or before it a name of no capital.

    >>> dash_head("L'Escale – Point écoute jeunes"), dash_head("Réseau Diabète Nord-Isère"), dash_head("x – Y")
    ("L'Escale", None, None)
    """
    dash = _SPACED_DASH.search(name)
    head = name[:dash.start()].strip() if dash else ""
    return head if len(head) >= 3 and re.search(r"[A-ZÀ-Ý]", head) else None


#: The small words of a form that its acronym leaves out: "Groupement de coopération sanitaire" is the GCS,
#: "Établissement d'hébergement pour personnes âgées dépendantes" the EHPAD.
_FORM_SMALL = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "pour", "a", "au", "aux"}


def short_form(name: str) -> str | None:
    """``name`` with the form it opens with, written in full, as its acronym: "GCS Santé Haut-Béarn" for
    "Groupement de coopération sanitaire Santé Haut-Béarn", as an agreement may name it; None when the name opens
    with no form of three initials or more, in small letters after the first, before a name with a capital.

    >>> short_form("Groupement de coopération sanitaire Santé Haut-Béarn"), short_form("Maison de santé "
    ...                                                                                 "pluriprofessionnelle du Lac")
    ('GCS Santé Haut-Béarn', 'MSP du Lac')
    >>> short_form("Association Les Amis du Vélo"), short_form("Comité des fêtes de Lussac")
    (None, None)
    """
    match = re.match(r"(?P<form>[A-ZÀ-Ý][a-zà-ÿ]+(?:[\s'’-]+[a-zà-ÿ]+)+?)\s+(?P<rest>(?:(?:de|du|des|d['’])\s*)?"
                     r"[A-ZÀ-Ý0-9].*)$", name)
    if match is None:
        return None
    words = [w for w in re.split(r"[\s'’-]+", match["form"]) if w.lower() not in _FORM_SMALL]
    acronym = "".join(w[0] for w in words).upper()
    return f"{fold(acronym).upper()} {match['rest']}" if len(acronym) >= 3 else None


def _keys_of(names: list[str], reader: Reader, actor, branches: bool = False) -> set[str]:
    """The name keys of ``names`` and of ``actor``'s label and other names in the text's graph; with ``branches``,
    of the body each names a branch of too."""
    names = [*names, *map(str, reader.b.graph.objects(actor, RDFS.label)),
             *map(str, reader.b.graph.objects(actor, SKOS.altLabel))]
    if branches:
        names += [body for body in map(branch_body, names) if body]
    return {key for key in map(name_key, names) if key}
