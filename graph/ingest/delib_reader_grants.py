"""The grants of a deliberation read by :class:`graph.ingest.delib_reader.Reader`, handed to the builder: each with
its beneficiary (:func:`read_beneficiary`), its budget account (:func:`read_grant_accounts`) and its fiscal year, the
passages that state these and its purpose (:mod:`graph.ingest.delib_grant_quotes`), and the grant it replaces; the
grants a rejected deliberation proposed, and the authority's own share among co-funders (:func:`is_the_authority`),
set aside and said.

Apart from :mod:`graph.ingest.delib_reader` because a grant's facts are read from several places of the text (its
own clause, its list's lead, the sentences outside the grants); the reader's order of the fact groups is the other's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from graph.french_text import counted
from graph.identity import actor_iri, actor_key, person_actor_iri
from graph.identity_names import name_key
from graph.ingest.delib_accounts import (accounts_by_amount, accounts_by_article, accounts_by_beneficiary,
                                         accounts_by_name, accounts_by_nature, article_at, beneficiary_kind,
                                         bursary_account, find_budget_account, lead_above, named_account,
                                         one_grants_accounts)
from graph.ingest.delib_amended import amended_act, amends
from graph.ingest.delib_decision import fiscal_year_words
from graph.ingest.delib_grant_quotes import account_passage, purpose_passage, year_passage
from graph.ingest.delib_graph import M57, m57_known
from graph.ingest.delib_grant_checks import euros
from graph.ingest.delib_grants import GrantFact, GrantsFound, find_grants
from graph.ingest.delib_item_names import item_identifier
from graph.ingest.delib_profile import profile_of
from graph.ingest.delib_ptce import find_ptce
from graph.ingest.delib_prose_reading import THE_AUTHORITY_ITSELF
from graph.ingest.delib_table_cells import cell_identifiers
from graph.ingest.deliberation import corrected_text
from graph.ingest.delib_reader_report import where_written
from graph.ingest.french import AMOUNT_RE, BARE_AMOUNT_RE, cfp_amounts, fold, parse_amount
from graph.namespaces import MAI, slugify
from graph.values import ValueProblem, check_magnitude

if TYPE_CHECKING:
    from graph.ingest.delib_reader import Reader


def read_grants(reader: Reader) -> None:
    """Read the deliberation's grants and hand each to the builder with its beneficiary, its budget account and its
    fiscal year; say what their reading warns of and the amounts in CFP francs, and give the deliberation its stated
    totals."""
    # an erratum's grants are those of the deliberation it corrects as it now reads
    text = corrected_text(reader.body)
    reader.found: GrantsFound = find_grants(text, reader.title)
    _set_aside(reader)
    check_amounts(reader)
    # A year that a grant's own clause names ("une avance de 20 000 € sur la subvention 2026, imputée au budget
    # 2026") is that grant's: the others take the one named outside those clauses, with its words as their year's
    # evidence, else the session's, with none.
    elsewhere = _blanked(reader.body, [g.span for g in reader.found.grants if g.year])
    stated = fiscal_year_words(elsewhere)
    year = int(stated["y"]) if stated else (reader.date.year if reader.date else None)
    accounts = read_grant_accounts(reader)
    by_name: dict[str, list[GrantFact]] = {}  # each beneficiary's grants, gathered once (not once a beneficiary)
    for grant in reader.found.grants:
        by_name.setdefault(grant.beneficiary, []).append(grant)
    reader.beneficiaries = {}
    for name, grants in by_name.items():
        # a table's identifier cell, or the SIRET a list's item writes by the name ("X (SIRET …) : 900 €")
        cells = [(said, g.span) for g in grants
                 if (said := g.identifier or g.listed and item_identifier(reader.body[g.span[0]:g.span[1]]))]
        brackets = [g.bracket for g in grants if g.bracket]
        reader.beneficiaries[name] = read_beneficiary(reader, name, alone=len(by_name) == 1, identifier_cells=cells,
                                                      brackets=brackets)
    _add_grants(reader, text, (year, stated.span() if stated else None), accounts)
    for fr, en in reader.found.warnings:
        reader.x.warn(fr, en)
    # An amount in CFP francs is not converted to euros, nor read as a grant in euros: said, not guessed.
    for line in cfp_amounts(reader.body):
        reader.x.warn(f"montant en francs CFP : non converti, aucune subvention n'en est tirée : « {line[:100]} »",
                      f"amount in CFP francs: not converted, no grant read from it: '{line[:100]}'")
    # One total a value: "128 000,00 €" in a table's TOTAL row and "128 000 €" in the prose are one total.
    for amount in dict.fromkeys(plain_decimal(total.amount) for total in reader.found.totals):
        reader.b.add(reader.iri, MAI.statedTotal, Literal(amount, datatype=XSD.decimal))
    if len(by_name) == 1:
        read_ptce(reader, next(iter(by_name)))


def _set_aside(reader: Reader) -> None:
    """Say that an erratum's grants replace those of the deliberation it corrects; set aside, and say, the grants a
    rejected deliberation proposed and the authority's own share in a table of co-funders."""
    if (corrected := reader.corrected) is not None:
        on = f" du {corrected[1].strftime('%d/%m/%Y')}" if corrected[1] else ""
        on_en = f" of {corrected[1].isoformat()}" if corrected[1] else ""
        reader.x.warn(f"erratum à la délibération n° {corrected[0]}{on} : les subventions lues sont celles du texte "
                      f"corrigé ; elles remplacent celles de la délibération (dcterms:replaces)",
                      f"erratum to deliberation no. {corrected[0]}{on_en}: the grants read are those of the "
                      f"corrected text; they replace the deliberation's (dcterms:replaces)")
    if reader.outcome == "rejected" and reader.found.grants:
        count = len(reader.found.grants)
        reader.x.warn("délibération rejetée : "
                      + counted(count, "subvention proposée non retenue", "subventions proposées non retenues"),
                      f"deliberation rejected: {counted(count, 'proposed grant', lang='en')} not kept")
        reader.found = GrantsFound()
    for grant in [g for g in reader.found.grants if is_the_authority(reader, g.beneficiary)]:
        # the authority's own share in a table of co-funders ("Ville (poste de coordinateur) | 30 000 €")
        reader.found.grants.remove(grant)
        reader.x.warn(f"« {grant.beneficiary} » ({euros(grant.amount)}) : la collectivité elle-même, sa propre part, "
                      "non une subvention : non lue comme telle",
                      f"'{grant.beneficiary}' ({euros(grant.amount)}): the authority itself, its own share, no "
                      "grant: not read as one")


#: A grant no deliberation can make: more than the whole yearly budget of the largest French local authority (the
#: Ville de Paris's, some 11 to 12 billion euros a year in 2024-2025; a région's, a département's, a metropolis's are
#: smaller), with room to spare. An amount above it is a misreading or a mistyping ("1 000 000 000 000 €").
MOST_PLAUSIBLE_GRANT = Decimal(20_000_000_000)


def check_amounts(reader: Reader) -> None:
    """Say the grants whose amount cannot be right: none ("une subvention de 0 €", no grant, as a table's row of 0 €
    is none), more figures than the tables' readers accept (:func:`graph.values.check_magnitude`), grant or stated
    total, not kept; more than :data:`MOST_PLAUSIBLE_GRANT`, kept as the text gives it. Each with its beneficiary
    and its amount as written, at the line or the page of the file that writes it where it is known
    (:func:`graph.ingest.delib_reader_report.where_written`)."""
    for grant in [g for g in reader.found.grants if not g.amount or g.amount > MOST_PLAUSIBLE_GRANT]:
        written, where = _written_amount(reader, grant.amount, grant.span)
        name = grant.beneficiary
        if (problem := _out_of_measure(grant.amount, written)) is not None:
            reader.found.grants.remove(grant)
            reader.x.warn(f"« {name} » : {problem} : aucune subvention n'en est tirée",
                          f"'{name}': {problem.message_en}: no grant read from it", **where)
        elif not grant.amount:  # as a table's row of 0 € is (graph.ingest.delib_tables)
            reader.found.grants.remove(grant)
            reader.x.warn(f"« {name} » : subvention de {written}, un montant nul : aucune subvention retenue",
                          f"'{name}': grant of {written}, a zero amount: no grant kept", **where)
        else:
            most = euros(MOST_PLAUSIBLE_GRANT)
            reader.x.warn(f"« {name} » : subvention de {written} invraisemblable, plus que le budget entier de toute "
                          f"collectivité (au-delà de {most}) : enregistrée telle que le texte la donne, à vérifier",
                          f"'{name}': implausible grant of {written}, more than any local authority's whole budget "
                          f"(above {most}): stored as the text gives it, to be checked", **where)
    for total in [t for t in reader.found.totals if t.amount > MOST_PLAUSIBLE_GRANT]:
        written, where = _written_amount(reader, total.amount, total.span)
        if (problem := _out_of_measure(total.amount, written)) is not None:
            reader.found.totals.remove(total)
            reader.x.warn(f"total annoncé : {problem} : non enregistré",
                          f"stated total: {problem.message_en}: not recorded", **where)


def _out_of_measure(amount: Decimal, written: str) -> ValueProblem | None:
    """Why the tables' readers refuse ``amount`` (written ``written``), of more figures than any budget's
    (:func:`graph.values.check_magnitude`); None when they accept it."""
    try:
        check_magnitude(amount, written)
    except ValueProblem as problem:
        return problem
    return None


def _written_amount(reader: Reader, amount: Decimal, span: tuple[int, int]) -> tuple[str, dict[str, int | str]]:
    """``amount`` as the text writes it within ``span`` ("1 000 000 000 000 €", a table's bare "0"), and the line or
    the page of the file that writes it, once (:func:`graph.ingest.delib_reader_report.where_written`); else as a
    warning writes an amount, nowhere."""
    for pattern in (AMOUNT_RE, BARE_AMOUNT_RE):
        for match in pattern.finditer(reader.body, *span):
            if parse_amount(match.group(0)) == amount:
                written = " ".join(match.group(0).split())
                return written, where_written(reader.doc.source, reader.doc.pages, pattern, written, once=True)
    return euros(amount), {}


def _add_grants(reader: Reader, text: str, year: tuple[int | None, tuple[int, int] | None],
                accounts: list[tuple[str | None, str | None]]) -> None:
    """Hand each grant to the builder with its beneficiary, its own year or the text's ``year`` (and the span of the
    words that name it, if any), its budget account of ``accounts`` and the passages of ``text`` (the body as the
    erratum corrects it) that state these: the grant that an erratum corrects, or that its clause amends, replaced."""
    seen: dict[str, int] = {}  # a beneficiary's second grant (of another nature, or row) is "…-2"
    amended = None if reader.corrected else amended_act(reader.body, reader.number)
    reader.grant_iris = []
    for grant, account in zip(reader.found.grants, accounts):
        actor = reader.beneficiaries[grant.beneficiary]
        slug = slugify(name_key(grant.beneficiary))
        seen[slug] = seen.get(slug, 0) + 1
        slug += f"-{seen[slug]}" if seen[slug] > 1 else ""
        iri = reader.b.mint("grant", actor_key(reader.authority), reader.number, slug)
        reader.b.grant(iri, grant, reader.authority, actor, reader.iri, grant.year or year[0], account,
                       _passages(text, grant, year[1], account))
        # The grant that an erratum corrects, or that this grant's clause amends ("ramène de 4 000 € à
        # 2 500 €"), minted as the earlier act's own text mints it, is replaced.
        replaced = reader.corrected[0] if reader.corrected else \
            amended if amended and amends(reader.body[grant.span[0]:grant.span[1]]) else None
        if replaced:
            reader.b.add(iri, DCTERMS.replaces, reader.b.mint("grant", actor_key(reader.authority), replaced, slug))
        reader.grant_iris.append(iri)


def _passages(text: str, grant: GrantFact, year_words: tuple[int, int] | None,
              account: tuple[str | None, str | None]) -> dict[URIRef, tuple[int, int] | None]:
    """The passages of ``text`` that state the fiscal year, the budget account and the purpose of ``grant``, by the
    property each supports (:mod:`graph.ingest.delib_grant_quotes`): its own year's words in its clause, else
    ``year_words``, those of the year the text names for its grants (none for the session's year, which no words
    state); the imputation as printed (``mai:budgetAccount``), else the nature account that stands for it, its M57
    concept the value supported."""
    raw, nature = account
    passages = {MAI.fiscalYear: year_passage(text, grant.year, grant.span) if grant.year else year_words,
                DCTERMS.description: purpose_passage(text, grant.purpose, grant.amount, grant.span)}
    if raw or nature:
        supported = MAI.budgetAccount if raw else URIRef(M57 + nature)
        passages[supported] = account_passage(text, raw or nature, grant.span, row=grant.table)
    return passages


def is_the_authority(reader: Reader, beneficiary: str) -> bool:
    """Whether a grant's ``beneficiary`` is the authority that deliberates: its name, or its kind alone ("Ville
    (poste de coordinateur)", "la Commune")."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", beneficiary).strip()
    return bool(THE_AUTHORITY_ITSELF.fullmatch(name)) and read_authority_kind(name) == reader.authority_kind \
        or name_key(name) in reader.authority_names


def read_grant_accounts(reader: Reader) -> list[tuple[str | None, str | None]]:
    """The budget account of each grant: the one its own row, block or sentence names ("… 4 500 € (compte
    20418)"), else the one named for it by name ("sauf pour le FSE (compte 6574)"), the one of a budget table's
    row that adds its amount (a décision modificative's), the one named for its article ("compte 6745 pour
    l'article 1"), for its kind of beneficiary ("204142 (subventions aux communes)") or for its nature, the one
    its list's lead names ("les aides suivantes (compte 6714, bourses et prix) :"), the one named for bursaries
    when it is one ("compte 6513 (bourses) pour les bourses d'études"), else the one the text names outside
    those sentences. An account that the M57 chart lacks (6745,
    204142) is kept as printed."""
    own = [(None, g.account) if g.account else (None, None) if g.table
           else find_budget_account(reader.body[g.span[0]:g.span[1]]) for g in reader.found.grants]
    elsewhere = _blanked(reader.body, [grant.span for grant, (_, nature) in zip(reader.found.grants, own) if nature]
                         + one_grants_accounts(reader.body))
    # An account that one grant's own clause names ("une subvention d'équipement de 18 000 € (compte 20422)") is
    # that grant's: the others take the one named outside those clauses, or one that a grant's span names on a
    # line below its amount's ("… : 1 200 €\nsoit un total de 3 950 €, imputé au c/6574"), the list's — when
    # the amount ends its line: a sentence that goes on below it ("… pour l'acquisition d'un\nvéhicule
    # (subvention d'investissement, compte 20421).") names its own grant's.
    shared = find_budget_account(elsewhere)
    if not shared[1]:
        tails = [reader.body[start:end] for (start, end) in (g.span for g in reader.found.grants)
                 if (amount := AMOUNT_RE.search(reader.body, start, end))
                 and (line_end := reader.body.find("\n", amount.end(), end)) >= 0
                 and not reader.body[amount.end():line_end].strip(" \t;.,")
                 and find_budget_account(reader.body[line_end:end])[1]]
        shared = find_budget_account(" ".join(tails)) if tails else shared
    by_article, by_kind = accounts_by_article(reader.body), accounts_by_beneficiary(reader.body)
    by_name, by_amount = accounts_by_name(reader.body), accounts_by_amount(reader.body)
    # "6574 pour le fonctionnement, 204142 pour l'investissement": each grant the account of its nature.
    by_nature = accounts_by_nature(elsewhere)
    by_nature = by_nature if len(by_nature) > 1 else {}
    accounts = []
    for grant, account in zip(reader.found.grants, own):
        if not account[1]:
            lead = lead_above(reader.body, grant.span[0])
            said = (named_account(by_name, grant.beneficiary) or by_amount.get(grant.amount)
                    or by_article.get(article_at(reader.body, *grant.span) or "")
                    or _of_nature(by_kind.get(beneficiary_kind(grant.beneficiary)), grant.nature)
                    or by_nature.get(grant.nature)
                    or find_budget_account(lead)[1]
                    or bursary_account(reader.body, lead + reader.body[grant.span[0]:grant.span[1]]))
            account = (None, said) if said else shared
        raw, nature = account
        accounts.append((raw or (nature if nature and not m57_known(nature) else None), nature))
    return accounts


def read_beneficiary(reader: Reader, name: str, alone: bool, identifier_cells: list[tuple[str, tuple[int, int]]] = (),
                     brackets: list[tuple[str, str]] = ()):
    """The IRI of the grants' beneficiary ``name``, its profile added: its identifiers (a table's cells, a SIRET that
    its check digit invalidates said and not kept), a natural person known where it is funded."""
    from graph.ingest.delib_beneficiary import add_profile

    profile = profile_of(reader.body, name, alone, brackets)
    for cell, span in identifier_cells:  # a table's SIRET/RNA column, when the name is not followed by it
        cell_identifiers(profile, cell, span)
    for kind, written in profile.invalid:  # a SIRET whose check digit is wrong: kept nowhere, and said
        if not (profile.siret if kind == "SIRET" else profile.siren):
            reader.x.warn(f"« {name} » : {kind} {written} invalide (clé de contrôle) : non enregistré ; le "
                          "bénéficiaire n'est rapproché des autres sources que par son nom",
                          f"'{name}': invalid {kind} {written} (check digit): not stored; the beneficiary is "
                          "joined to other sources by its name alone")
    if profile.person and not (profile.siren or profile.rna):  # a natural person: known where it is funded
        iri = person_actor_iri(profile.label, reader.authority, base=reader.ctx.base)
    else:
        iri = actor_iri(name=profile.label, siren=profile.siren, rna=profile.rna, base=reader.ctx.base)
    add_profile(reader.b, iri, profile)
    return iri


def read_ptce(reader: Reader, coordinator: str) -> None:
    """The PTCE (pôle territorial de coopération économique) that the grants' one beneficiary ``coordinator``
    coordinates, when the text names one."""
    from graph.ingest.delib_beneficiary import add_ptce

    ptce = find_ptce(reader.body, coordinator)
    if ptce:
        actor = reader.beneficiaries[coordinator]
        label = str(next(reader.b.graph.objects(actor, RDFS.label)))
        add_ptce(reader.b, ptce, actor, label)


def plain_decimal(value: Decimal) -> Decimal:
    """``value`` without the trailing zeros of its cents ("128000.00" → 128000, "1234.50" → 1234.5).

    >>> plain_decimal(Decimal("128000.00")), plain_decimal(Decimal("1234.50"))
    (Decimal('128000'), Decimal('1234.5'))
    """
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def read_authority_kind(name: str) -> str | None:
    """The kind of authority a name opens with, a town's three words one kind: "Ville de X", "la Commune" and "Mairie"
    are "commune".

    >>> [read_authority_kind(name) for name in ("Ville de Fontclair", "la Commune", "Département de la Loire")]
    ['commune', 'commune', 'departement']
    """
    word = fold(re.sub(r"^(?:la|le|l['’])\s*", "", name.strip(), flags=re.I)).split(" ")[0]
    return "commune" if word in ("ville", "commune", "mairie") else word or None


def _blanked(body: str, spans: list[tuple[int, int]]) -> str:
    """``body`` with the characters of ``spans`` replaced by spaces (what it says outside them, at the same offsets).

    >>> _blanked("ab (compte 6574) cd", [(3, 16)])
    'ab               cd'
    """
    for start, end in spans:
        body = body[:start] + " " * (end - start) + body[end:]
    return body


def _of_nature(account: str | None, nature: str | None) -> str | None:
    """``account`` unless it is of another nature than the grant's: "les dépenses d'investissement sur les comptes
    204142 (collectivités) et 20422 (organismes privés)" name no account for an association's operating grant.

    >>> _of_nature("20422", "operating"), _of_nature("20422", "investment"), _of_nature("6574", None)
    (None, '20422', '6574')
    """
    if account and (nature == "operating" and account.startswith("204")
                    or nature == "investment" and account.startswith("65")):
        return None
    return account
