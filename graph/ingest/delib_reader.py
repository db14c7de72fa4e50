"""Reading a council deliberation into the graph: the extraction of the deliberation kind
(:mod:`graph.ingest.deliberation`, which recognises the genre).

Reading is split by fact group: :mod:`delib_text` (PDF, Markdown, prefecture stamps), :mod:`delib_prose_columns`
(two columns of prose flattened line by line), :mod:`delib_ocr` (a scan's confusions put right),
:mod:`delib_people`, :mod:`delib_counts`, :mod:`delib_officers` and :mod:`delib_names` (attendance),
:mod:`delib_moves` (members arriving or leaving before the deliberation's item), :mod:`delib_items` (minutes
that record several deliberations, or extracts put together, each read as one),
:mod:`delib_authority` (the authority), :mod:`delib_session` (organ, session date), :mod:`delib_meta` (heading,
ACTES id), :mod:`delib_number` (number, title), :mod:`delib_vote` (the vote), :mod:`delib_decision` (publication,
fiscal year, programme), :mod:`delib_accounts` (budget accounts), :mod:`delib_grants`, :mod:`delib_prose` (with
:mod:`delib_not_grants`, the amounts that are no grants),
:mod:`delib_recipients`, :mod:`delib_antecedents`, :mod:`delib_several`, :mod:`delib_tables`,
:mod:`delib_table_header`, :mod:`delib_flattened`, :mod:`delib_aligned` and :mod:`delib_stacked` (grants and stated
totals, checked by :mod:`delib_grant_checks`), :mod:`delib_total_rows` (the "Total" rows of the tables none reads),
:mod:`delib_profile` (beneficiary, PTCE, goals),
:mod:`delib_agreements` and :mod:`delib_agreement_parties` (the agreements approved, and whom they bind);
:mod:`delib_graph` writes the triples and documents the modelling choices. Each fact group carries ``mai:evidence``
pointing into the normalised text returned as ``Extraction.text``.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.encodings import decode, encoding_issue, encoding_name, is_utf8
from graph.french_text import counted
from graph.identity import actor_iri, actor_key, deliberation_iri, name_key, person_actor_iri
from graph.ingest.base import FUNDER_ADVICE, Extraction, InputError, SourceContext, new_graph, parse_funder_option
from graph.ingest.delib_accounts import (accounts_by_amount, accounts_by_article, accounts_by_beneficiary,
                                         accounts_by_name, accounts_by_nature, article_at, beneficiary_kind,
                                         bursary_account, find_budget_account, lead_above, named_account,
                                         one_grants_accounts)
from graph.ingest.delib_agreement_parties import read_agreements
from graph.ingest.delib_amended import amended_act, amends
from graph.ingest.delib_authority import find_authority, find_member_count, heading_organisation
from graph.ingest.delib_decision import find_fiscal_year, find_programme, find_published
from graph.ingest.delib_graph import Builder, concept, m57_known
from graph.ingest.delib_grant_checks import euros
from graph.ingest.delib_grants import GrantFact, GrantsFound, StatedTotal, bare_sums, find_grants
from graph.ingest.delib_items import deliberation_items, item_body, item_stamp, point_title
from graph.ingest.delib_lists import item_identifier
from graph.ingest.delib_meta import heading, parse_actes, unread_actes
from graph.ingest.delib_moves import apply_moves
from graph.ingest.delib_number import as_number, find_number, find_title, number_match, title_after_number
from graph.ingest.delib_ocr import repair_ocr, unreadable_amounts
from graph.ingest.delib_pdf_text import pdf_text
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_profile import find_ptce, match_concepts, profile_of
from graph.ingest.delib_prose import THE_AUTHORITY_ITSELF
from graph.ingest.delib_session import find_body, find_session_date
from graph.ingest.delib_tables import cell_identifiers
from graph.ingest.delib_text import Document, normalise_text
from graph.ingest.delib_vote import complete_omitted_count, complete_unanimity, parse_vote
from graph.ingest.delib_vote_checks import vote_doubts
from graph.ingest.delib_web_text import html_characters
from graph.ingest.deliberation import corrected_act, corrected_text, looks_like_deliberation, not_a_deliberation
from graph.ingest.french import AMOUNT_RE, cfp_amounts, fold
from graph.limits import check_line_length, check_pdf
from graph.namespaces import MAI, slugify


def read_document(ctx: SourceContext, damage: list[str] | None = None,
                  repairs: list[str] | None = None) -> Document:
    """Return the normalised document; raises InputError when the file is not a readable deliberation.
    ``damage``: see :func:`graph.ingest.delib_pdf_text.pdf_text`; ``repairs`` receives the OCR readings put right
    (:func:`graph.ingest.delib_ocr.repair_ocr`)."""
    if ctx.path.suffix.lower() == ".pdf" or ctx.data[:5] == b"%PDF-":
        check_pdf(ctx.data)
        text, repaired = repair_ocr(pdf_text(ctx.data, damage))
        document = normalise_text(text)
    else:
        check_line_length(ctx.data)
        text, encoding = decode(ctx.data)  # as a text editor saved it: UTF-8, Windows-1252, UTF-16…
        text, repaired = repair_ocr(html_characters(text))
        markdown = ctx.path.suffix.lower() in (".md", ".markdown") or bool(re.search(r"\*\*|^#{1,6} |\\_", text, re.M))
        document = normalise_text(text, markdown=markdown)
        if (issue := encoding_issue(ctx.data, encoding)) is not None:
            document.doubts.insert(0, (issue.message, issue.message_en))
        elif not is_utf8(encoding):
            name = encoding_name(encoding)
            document.doubts.insert(0, (f"texte enregistré en {name}, pas en UTF-8 : lu comme tel (vérifiez ses "
                                       "accents)", f"text saved in {name}, not UTF-8: read as such (check its accents)"))
    if repairs is not None:
        repairs += repaired
    if not looks_like_deliberation(document.text):
        raise not_a_deliberation(document.text)
    return document


def plain_decimal(value: Decimal) -> Decimal:
    """``value`` without the trailing zeros of its cents ("128000.00" → 128000, "1234.50" → 1234.5).

    >>> plain_decimal(Decimal("128000.00")), plain_decimal(Decimal("1234.50"))
    (Decimal('128000'), Decimal('1234.5'))
    """
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def warn_ocr(extraction: Extraction, repairs: list[str], text: str) -> None:
    """Say that the text was read from a scan, with the readings put right, and each amount left unreadable."""
    said = ", ".join(f"« {r} »" for r in repairs[:5]) + (f" et {len(repairs) - 5} autres" if len(repairs) > 5 else "")
    extraction.warn(f"texte lu par reconnaissance de caractères (OCR) : {len(repairs)} lectures corrigées ({said}) ; "
                    "montants, dates et noms à vérifier",
                    f"text read by character recognition (OCR): {len(repairs)} readings put right; check the amounts, "
                    "dates and names")
    for line in unreadable_amounts(text):
        extraction.warn(f"montant illisible après reconnaissance de caractères (OCR), aucune subvention n'en est "
                        f"tirée : « {line[:100]} »",
                        f"amount unreadable after character recognition (OCR), no grant read from it: "
                        f"'{line[:100]}'")


def extract(ctx: SourceContext) -> Extraction:
    damage: list[str] = []
    repairs: list[str] = []
    document = read_document(ctx, damage, repairs)
    graph = new_graph()
    extraction = Extraction(graph=graph, text=document.text)
    if repairs:
        warn_ocr(extraction, repairs, document.text)
    if damage:
        said, more = " ; ".join(damage[:3]), len(damage) - 3
        extraction.warn(f"PDF endommagé, lu en partie : une partie du texte peut manquer (pdfminer : {said}"
                        + (f" ; et {more} autres messages)" if more > 0 else ")"),
                        f"damaged PDF, read in part: some of its text may be missing (pdfminer: {said}"
                        + (f" ; and {more} other messages)" if more > 0 else ")"))
    for fr, en in document.doubts:
        extraction.warn(fr, en)
    builder = Builder(ctx, document.text, graph)
    items = deliberation_items(document.body)
    if not items:
        Reader(ctx, document, builder, extraction).run()
        return extraction
    # minutes of several deliberations: each item read as one, the session's heading and attendance shared (not by
    # extracts put together: each has its own)
    readers, openings = [], {}
    for k in range(len(items)):
        readers.append(Reader(ctx, dataclasses.replace(document, body=item_body(document.body, items, k)), builder,
                              extraction, items[k], openings))
        readers[-1].run()
    _several_read(extraction, readers)
    return extraction


def _several_read(extraction: Extraction, readers: list[Reader]) -> None:
    """The report of minutes read as several deliberations: their grants, totals and agreements summed, the session's
    attendance at its opening, each warning that every item's reading gave (of the session's attendance) told
    once."""
    found = [reader.found for reader in readers]
    totals = [t for f in found for t in f.totals]
    extraction.stats = {"deliberations": len(readers), **extraction.stats}
    extraction.stats.update({
        "grants": sum(len(f.grants) for f in found),
        "total_amount": str(sum((g.amount for f in found for g in f.grants), Decimal(0))),
        "stated_total": str(sum(max(t.amount for t in f.totals) for f in found if f.totals)) if totals else "",
        "totals_reconciled": f"{sum(t.reconciled for t in totals)}/{len(totals)}",
        "agreements": sum(reader.agreements for reader in readers),
        # the session's, at its opening: each item's reader counts those at its own vote
        "persons": len(readers[0].opening.persons()), "present": len(readers[0].opening.present),
    })
    told, unique = set(), []
    for issue in extraction.issues:
        if (key := (issue.level, issue.message, issue.line, issue.field, issue.value)) not in told:
            told.add(key)
            unique.append(issue)
    extraction.issues[:] = unique


class Reader:
    """Reads one deliberation's fact groups in order and hands them to the builder."""

    def __init__(self, ctx: SourceContext, document: Document, builder: Builder, extraction: Extraction,
                 item: tuple[int, int, str] | None = None, openings: dict | None = None):
        self.ctx, self.doc, self.b, self.x = ctx, document, builder, extraction
        self.item = item  # in minutes of several deliberations, this one's: (start, end, number)
        # in minutes of several deliberations, the attendance at each session's opening, as its first item reads it
        self.openings = openings if openings is not None else {}
        self.body, sums = bare_sums(document.body)  # "la somme de 3 000" with no currency, said
        for fr, en in sums:
            extraction.warn(fr, en)

    def run(self) -> None:
        self.read_stamp()
        self.corrected = corrected_act(self.body)  # an erratum: the number and session's date of the act it corrects
        # The session keeps the attendance at its opening, which every deliberation of the session shares; the
        # moves that a text tells give the attendance at this deliberation's vote, stated on the deliberation. The
        # roll this text lists is the opening's unless another item of the session read it first (read_authority).
        self.roll = self.opening = parse_attendance(self.body)
        self.attendance = copy.deepcopy(self.opening)
        self.own = own = self.item_number() if self.item else number_match(self.body)
        # In minutes of several items, the vote of the deliberation's own is the first after its number.
        self.vote = parse_vote(self.body, own.start() if own else 0)
        apply_moves(self.body, self.attendance, own, self.vote, self.x.warn)
        self.read_authority()
        self.read_deliberation()
        self.read_grants()
        read_agreements(self)
        self.agreements = self.x.stats["agreements"]  # how many it approves, summed over minutes' items
        self.read_stats()

    def read_stamp(self) -> None:
        """The prefecture's stamp of this deliberation: the file's, or in a file of several stamped acts put together
        its own (:func:`graph.ingest.delib_items.item_stamp`); what of its own cannot be told apart, said."""
        stamp = self.doc.stamp
        self.stamp = item_stamp(stamp, None if self.point else self.item[2]) if self.item else stamp
        self.actes = parse_actes(self.stamp.actes_raw)
        if not self.actes and (unread := unread_actes(self.stamp.actes_raw, self.doc.text)):
            self.x.warn(f"identifiant ACTES illisible (« {unread} ») : non enregistré, à vérifier",
                        f"unreadable ACTES id ('{unread}'): not recorded, to be checked")
        lost = [(fr, en) for fr, en, field in (("identifiant ACTES", "ACTES id", "actes_raw"),
                                               ("date d'envoi", "sending date", "sent"),
                                               ("date de réception", "receipt date", "received"),
                                               ("date de publication", "publication date", "published"))
                if getattr(stamp, field) and not getattr(self.stamp, field)]
        if lost:
            of_fr, of_en = (f"du {self.item[2]}", f"of {self.item[2]}") if self.point else \
                (f"de la délibération n° {self.item[2]}", f"of deliberation no. {self.item[2]}")
            said_fr, said_en = (", ".join(words[:-1]) + (f" {et} " if len(words) > 1 else "") + words[-1]
                                for words, et in (([fr for fr, _ in lost], "et"), ([en for _, en in lost], "and")))
            plural = "s" if len(lost) > 1 else ""
            self.x.warn(f"plusieurs tampons de la préfecture : {said_fr} {of_fr} non reconnu{plural} parmi eux, non "
                        f"enregistré{plural}, à vérifier",
                        f"several prefecture stamps: {said_en} {of_en} not told apart among them, not recorded, to be "
                        "checked")

    def item_number(self) -> re.Match:
        """Where this item's heading writes its number, as :func:`number_match` gives an act's (group ``num``), or
        a point's rank."""
        start, end, number = self.item
        written = r"\d+" if self.point else re.escape(number)
        return re.compile(r"(?P<num>" + written + r")").search(self.body, start, end)

    @property
    def point(self) -> str | None:
        """In minutes that number no deliberation, this one's point: its rank ("4")."""
        return self.item[2].removeprefix("point ") if self.item and self.item[2].startswith("point ") else None

    def read_authority(self) -> None:
        beneficiaries: list[str] = []
        found = find_authority(self.body, beneficiaries)
        actes = self.actes or parse_actes(self.doc.stamp.actes_raw)  # any stamp of the file names its authority
        siren = actes.siren if actes else None
        given = parse_funder_option(self.ctx.options["funder"]) if self.ctx.options.get("funder") else None
        given_siren = given[1][:9] if given and given[1] else None
        if given and (found or siren):
            # the text names its authority: what it says is kept, the option said to be left aside when it differs
            if found and name_key(found[0]) != name_key(given[0]) or siren and given_siren and given_siren != siren:
                told = found[0] if found else f"SIREN {siren}"
                self.x.warn(f"option --funder « {given[0]} » laissée de côté : la délibération nomme sa collectivité, "
                            f"« {told} »",
                            f"option --funder '{given[0]}' left aside: the deliberation names its authority, "
                            f"'{told}'")
        elif given:  # a text that names no authority (a town hall's web page of its council's minutes)
            found, siren = (given[0], []), given_siren
        if not found and not siren and (named := heading_organisation(self.body)) is not None:
            # a deliberation (its markers found) of a body none of the known kinds: the heading's organisation
            found = named, []
            self.x.warn(f"autorité lue dans l'en-tête, à vérifier : « {named} » n'est d'aucune sorte de collectivité "
                        "ou d'établissement connue",
                        f"authority read from the heading, to be checked: '{named}' is of no known kind of "
                        "authority or public body")
        if not found and not siren:
            # a text whose lines were run together has no heading: its first words instead
            tried = " / ".join(line.strip() for line in heading(self.body).split("\n")) or self.body.strip()
            tried = tried if len(tried) <= 160 else tried[:159] + "…"
            named = ", ".join(beneficiaries[:3])
            raise InputError(f"collectivité introuvable : ni nom reconnu dans l'en-tête « {tried} », ni identifiant "
                             "ACTES" + (f" ; « {named} » n'y est nommée que comme bénéficiaire" if named else "")
                             + f" ; indiquez-la avec {FUNDER_ADVICE[0]}",
                             message_en=f"authority not found: no recognised name in the heading '{tried}', no ACTES "
                                        "id" + (f"; '{named}' is only named as a beneficiary" if named else "")
                                        + f"; give it with {FUNDER_ADVICE[1]}")
        name, variants = found or (None, [])
        self.authority_names = {name_key(n) for n in (name, *variants) if n}
        self.authority_kind = _kind_family(name) if name else None
        self.authority = self.b.authority(name, variants, siren, find_member_count(self.body))
        organ = find_body(self.body)
        self.organ = self.b.organ(self.authority, organ) if organ else None
        corrected = self.corrected  # an erratum sits in the session of the deliberation it corrects
        self.date = find_session_date(self.body) or (corrected[1] if corrected else None) \
            or (self.actes.date if self.actes else None)
        akey = actor_key(self.authority)
        self.session = self.b.mint("session", akey, slugify(organ or "seance"), str(self.date or self.ctx.key))
        # Extracts of one session put together each list their attendance: the session keeps the one that its first
        # item reads, a later item's own is that of its vote.
        self.opening = self.openings.setdefault(self.session, self.opening)
        self.b.session(self.session, self.organ, self.date, self.opening)

    def read_deliberation(self) -> None:
        b, stamp = self.b, self.stamp
        match = self.own  # the title may follow the number, on its line or below it
        number = (as_number(self.own.group("num")) if self.item else find_number(self.body)) \
            or (self.actes.number if self.actes else None)
        if self.corrected and (number is None or slugify(number) == slugify(self.corrected[0])):
            number = f"{self.corrected[0]} (erratum)"  # an erratum without a number of its own
        if self.point:  # the file's name and the point's rank keep the deliberation's IRI the same from run to run
            number = f"{self.ctx.key}, point {self.point}"
            self.x.warn(f"procès-verbal sans numéro de délibération : celle du point {self.point} est identifiée par "
                        f"le nom du fichier et son rang « {number} »",
                        f"minutes without deliberation numbers: point {self.point}'s is identified by the file's name "
                        f"and its rank '{number}'")
        elif number is None:  # the file's name keeps the deliberation's IRI and its identifier the same from run to run
            self.x.warn(f"numéro de la délibération introuvable : elle est identifiée par le nom de son fichier "
                        f"« {self.ctx.key} »",
                        f"deliberation number not found: it is identified by its file's name '{self.ctx.key}'")
        self.number = number or self.ctx.key  # an erratum is an act of its own: its facts stay apart
        self.iri = d = deliberation_iri(self.authority, self.number, base=self.ctx.base)
        attendance_end = max((e for _, e in self.attendance.spans), default=0)
        # the end of the number's line, the text's own when it is the last (a page's running foot)
        number_line_end = (self.body.find("\n", match.end()) % (len(self.body) + 1)) if match else None
        # an item of minutes titled on its heading's line ("DCM 2024-021 – Subvention à X"), else as an act is
        title = (self.point and point_title(self.body, self.item[0])) \
            or (self.item and match and title_after_number(self.body, match.end())) \
            or find_title(self.body, number_line_end if number_line_end and number_line_end > 0 else None,
                          attendance_end)
        self.title = title[0] if title else ""
        if self.corrected:
            erratum = f"Erratum à la délibération n° {self.corrected[0]}"
            self.title = f"{erratum} : {self.title}" if self.title else erratum
            b.add(d, DCTERMS.references, deliberation_iri(self.authority, self.corrected[0], base=self.ctx.base))
        b.add(d, RDF.type, MAI.Deliberation)
        b.add(d, DCTERMS.identifier, self.number)
        b.add(d, DCTERMS.title, self.title or None)
        b.add(d, DCTERMS.date, Literal(self.date, datatype=XSD.date) if self.date else None)
        b.add(d, MAI.authority, self.authority)
        b.add(d, MAI.body, self.organ)
        b.add(d, MAI.session, self.session)
        b.attendance_at_vote(d, self.session, self.attendance, self.opening)
        if self.roll is not self.opening:  # its own roll, the session's read first (extracts put together): quoted
            for span in self.roll.spans:
                b.evidence(d, span)
        b.add(d, MAI.programme, find_programme(self.title) or find_programme(self.body))
        if self.actes:
            b.add(d, MAI.actesId, self.actes.normalised)
            b.add(d, MAI.actesIdRaw, self.actes.raw)
        # A transmission to the prefecture dates its receipt when the act gives no other: teletransmission through
        # ACTES (the rule) is acknowledged the moment it is sent, a deposit is received on the spot, and the act is
        # executory from its transmission ("Transmis au représentant de l'État le …", "après dépôt en préfecture le").
        received = stamp.received or stamp.sent
        published = find_published(self.body, self.date) or stamp.published
        # A posting before the session is the convocation's, not the act's publication.
        published = published if published is None or self.date is None or published >= self.date else None
        for prop, value in ((MAI.receivedByPrefecture, received), (MAI.publishedOn, published)):
            b.add(d, prop, Literal(value, datatype=XSD.date) if value else None)
        b.add(d, MAI.transmissionPlatform, stamp.platform)
        if stamp.quotes:
            b.evidence(d, (self.doc.stamp_start, len(self.doc.text.rstrip())))
        self.read_vote()

    def read_vote(self) -> None:
        vote = self.vote
        complete_unanimity(vote, self.body, self.attendance)
        complete_omitted_count(vote, self.body, self.attendance)
        for fr, en in vote_doubts(vote, self.body, self.attendance):
            self.x.warn(fr, en)
        self.outcome = vote.outcome
        if vote.outcome:
            self.b.add(self.iri, MAI.outcome, concept("outcome", vote.outcome))
        for prop, value in ((MAI.votesFor, vote.votes_for), (MAI.votesAgainst, vote.against),
                            (MAI.abstentions, vote.abstentions)):
            if value is not None:
                self.b.add(self.iri, prop, Literal(value, datatype=XSD.integer))
        self.b.evidence(self.iri, vote.span)
        for theme in match_concepts(self.title, "themes"):
            self.b.add(self.iri, DCTERMS.subject, theme)

    def read_grants(self) -> None:
        # an erratum's grants are those of the deliberation it corrects as it now reads
        self.found: GrantsFound = find_grants(corrected_text(self.body), self.title)
        if (corrected := self.corrected) is not None:
            on = f" du {corrected[1].strftime('%d/%m/%Y')}" if corrected[1] else ""
            on_en = f" of {corrected[1].isoformat()}" if corrected[1] else ""
            self.x.warn(f"erratum à la délibération n° {corrected[0]}{on} : les subventions lues sont celles du texte "
                        f"corrigé ; elles remplacent celles de la délibération (dcterms:replaces)",
                        f"erratum to deliberation no. {corrected[0]}{on_en}: the grants read are those of the "
                        f"corrected text; they replace the deliberation's (dcterms:replaces)")
        if self.outcome == "rejected" and self.found.grants:
            count = len(self.found.grants)
            self.x.warn("délibération rejetée : "
                        + counted(count, "subvention proposée non retenue", "subventions proposées non retenues"),
                        f"deliberation rejected: {counted(count, 'proposed grant', lang='en')} not kept")
            self.found = GrantsFound()
        for grant in [g for g in self.found.grants if self.is_the_authority(g.beneficiary)]:
            # the authority's own share in a table of co-funders ("Ville (poste de coordinateur) | 30 000 €")
            self.found.grants.remove(grant)
            self.x.warn(f"« {grant.beneficiary} » ({euros(grant.amount)}) : la collectivité elle-même, sa propre part, "
                        "non une subvention : non lue comme telle",
                        f"'{grant.beneficiary}' ({euros(grant.amount)}): the authority itself, its own share, no "
                        "grant: not read as one")
        # A year that a grant's own clause names ("une avance de 20 000 € sur la subvention 2026, imputée au budget
        # 2026") is that grant's: the others take the one named outside those clauses, else the session's.
        elsewhere = _blanked(self.body, [g.span for g in self.found.grants if g.year])
        year = find_fiscal_year(elsewhere) or (self.date.year if self.date else None)
        accounts = self.grant_accounts()
        names = list(dict.fromkeys(g.beneficiary for g in self.found.grants))
        self.beneficiaries = {}
        for name in names:
            # a table's identifier cell, or the SIRET a list's item writes by the name ("X (SIRET …) : 900 €")
            cells = [(said, g.span) for g in self.found.grants if g.beneficiary == name
                     and (said := g.identifier or g.listed and item_identifier(self.body[g.span[0]:g.span[1]]))]
            brackets = [g.bracket for g in self.found.grants if g.beneficiary == name and g.bracket]
            self.beneficiaries[name] = self.read_beneficiary(name, alone=len(names) == 1, identifier_cells=cells,
                                                             brackets=brackets)
        seen: dict[str, int] = {}  # a beneficiary's second grant (of another nature, or row) is "…-2"
        amended = None if self.corrected else amended_act(self.body, self.number)
        self.grant_iris = []
        for grant, account in zip(self.found.grants, accounts):
            actor = self.beneficiaries[grant.beneficiary]
            slug = slugify(name_key(grant.beneficiary))
            seen[slug] = seen.get(slug, 0) + 1
            slug += f"-{seen[slug]}" if seen[slug] > 1 else ""
            iri = self.b.mint("grant", actor_key(self.authority), self.number, slug)
            self.b.grant(iri, grant, self.authority, actor, self.iri, grant.year or year, account)
            # The grant that an erratum corrects, or that this grant's clause amends ("ramène de 4 000 € à
            # 2 500 €"), minted as the earlier act's own text mints it, is replaced.
            replaced = self.corrected[0] if self.corrected else \
                amended if amended and amends(self.body[grant.span[0]:grant.span[1]]) else None
            if replaced:
                self.b.add(iri, DCTERMS.replaces, self.b.mint("grant", actor_key(self.authority), replaced, slug))
            self.grant_iris.append(iri)
        for fr, en in self.found.warnings:
            self.x.warn(fr, en)
        # An amount in CFP francs is not converted to euros, nor read as a grant in euros: said, not guessed.
        for line in cfp_amounts(self.body):
            self.x.warn(f"montant en francs CFP : non converti, aucune subvention n'en est tirée : « {line[:100]} »",
                        f"amount in CFP francs: not converted, no grant read from it: '{line[:100]}'")
        # One total a value: "128 000,00 €" in a table's TOTAL row and "128 000 €" in the prose are one total.
        for amount in dict.fromkeys(plain_decimal(total.amount) for total in self.found.totals):
            self.b.add(self.iri, MAI.statedTotal, Literal(amount, datatype=XSD.decimal))
        if len(names) == 1:
            self.read_ptce(names[0])

    def is_the_authority(self, beneficiary: str) -> bool:
        """Whether a grant's ``beneficiary`` is the authority that deliberates: its name, or its kind alone ("Ville
        (poste de coordinateur)", "la Commune")."""
        name = re.sub(r"\s*\([^)]*\)\s*$", "", beneficiary).strip()
        return bool(THE_AUTHORITY_ITSELF.fullmatch(name)) and _kind_family(name) == self.authority_kind \
            or name_key(name) in self.authority_names

    def grant_accounts(self) -> list[tuple[str | None, str | None]]:
        """The budget account of each grant: the one its own row, block or sentence names ("… 4 500 € (compte
        20418)"), else the one named for it by name ("sauf pour le FSE (compte 6574)"), the one of a budget table's
        row that adds its amount (a décision modificative's), the one named for its article ("compte 6745 pour
        l'article 1"), for its kind of beneficiary ("204142 (subventions aux communes)") or for its nature, the one
        its list's lead names ("les aides suivantes (compte 6714, bourses et prix) :"), the one named for bursaries
        when it is one ("compte 6513 (bourses) pour les bourses d'études"), else the one the text names outside
        those sentences. An account that the M57 chart lacks (6745,
        204142) is kept as printed."""
        own = [(None, g.account) if g.account else (None, None) if g.table
               else find_budget_account(self.body[g.span[0]:g.span[1]]) for g in self.found.grants]
        elsewhere = _blanked(self.body, [grant.span for grant, (_, nature) in zip(self.found.grants, own) if nature]
                             + one_grants_accounts(self.body))
        # An account that one grant's own clause names ("une subvention d'équipement de 18 000 € (compte 20422)") is
        # that grant's: the others take the one named outside those clauses, or one that a grant's span names on a
        # line below its amount's ("… : 1 200 €\nsoit un total de 3 950 €, imputé au c/6574"), the list's — when
        # the amount ends its line: a sentence that goes on below it ("… pour l'acquisition d'un\nvéhicule
        # (subvention d'investissement, compte 20421).") names its own grant's.
        shared = find_budget_account(elsewhere)
        if not shared[1]:
            tails = [self.body[start:end] for (start, end) in (g.span for g in self.found.grants)
                     if (amount := AMOUNT_RE.search(self.body, start, end))
                     and (line_end := self.body.find("\n", amount.end(), end)) >= 0
                     and not self.body[amount.end():line_end].strip(" \t;.,")
                     and find_budget_account(self.body[line_end:end])[1]]
            shared = find_budget_account(" ".join(tails)) if tails else shared
        by_article, by_kind = accounts_by_article(self.body), accounts_by_beneficiary(self.body)
        by_name, by_amount = accounts_by_name(self.body), accounts_by_amount(self.body)
        # "6574 pour le fonctionnement, 204142 pour l'investissement": each grant the account of its nature.
        by_nature = accounts_by_nature(elsewhere)
        by_nature = by_nature if len(by_nature) > 1 else {}
        accounts = []
        for grant, account in zip(self.found.grants, own):
            if not account[1]:
                lead = lead_above(self.body, grant.span[0])
                said = (named_account(by_name, grant.beneficiary) or by_amount.get(grant.amount)
                        or by_article.get(article_at(self.body, *grant.span) or "")
                        or _of_nature(by_kind.get(beneficiary_kind(grant.beneficiary)), grant.nature)
                        or by_nature.get(grant.nature)
                        or find_budget_account(lead)[1]
                        or bursary_account(self.body, lead + self.body[grant.span[0]:grant.span[1]]))
                account = (None, said) if said else shared
            raw, nature = account
            accounts.append((raw or (nature if nature and not m57_known(nature) else None), nature))
        return accounts

    def read_beneficiary(self, name: str, alone: bool, identifier_cells: list[tuple[str, tuple[int, int]]] = (),
                         brackets: list[tuple[str, str]] = ()):
        from graph.ingest.delib_beneficiary import add_profile

        profile = profile_of(self.body, name, alone, brackets)
        for cell, span in identifier_cells:  # a table's SIRET/RNA column, when the name is not followed by it
            cell_identifiers(profile, cell, span)
        for kind, written in profile.invalid:  # a SIRET whose check digit is wrong: kept nowhere, and said
            if not (profile.siret if kind == "SIRET" else profile.siren):
                self.x.warn(f"« {name} » : {kind} {written} invalide (clé de contrôle) : non enregistré ; le "
                            "bénéficiaire n'est rapproché des autres sources que par son nom",
                            f"'{name}': invalid {kind} {written} (check digit): not stored; the beneficiary is "
                            "joined to other sources by its name alone")
        if profile.person and not (profile.siren or profile.rna):  # a natural person: known where it is funded
            iri = person_actor_iri(profile.label, self.authority, base=self.ctx.base)
        else:
            iri = actor_iri(name=profile.label, siren=profile.siren, rna=profile.rna, base=self.ctx.base)
        add_profile(self.b, iri, profile)
        return iri

    def read_ptce(self, coordinator: str) -> None:
        from graph.ingest.delib_beneficiary import add_ptce

        ptce = find_ptce(self.body, coordinator)
        if ptce:
            actor = self.beneficiaries[coordinator]
            label = str(next(self.b.graph.objects(actor, RDFS.label)))
            add_ptce(self.b, ptce, actor, label)

    def warn_outside_totals(self, total: Decimal) -> None:
        """Say which grants the report's total amount counts beyond its reconciled totals, when every stated total
        reconciles with a run of the grants but not with all of them: « totaux rapprochés : 1/1 » beside a total
        amount that differs from the stated total would read as a contradiction."""
        totals = self.found.totals
        if not totals or not all(t.reconciled for t in totals):
            return
        if not (outside := outside_totals(self.found.grants, totals)):
            return
        stated = dict.fromkeys(euros(t.amount) for t in totals)
        fr, en = ("le total annoncé", "the stated total") if len(stated) == 1 else ("les totaux annoncés",
                                                                                   "the stated totals")
        said, named = " ; ".join(stated), ", ".join(f"{g.beneficiary} ({euros(g.amount)})" for g in outside)
        self.x.warn(f"montant total {euros(total)} : {fr} ({said}) ne compte{'nt' if len(stated) > 1 else ''} "
                    f"qu'une partie des subventions ; hors de tout total annoncé : {named}",
                    f"total amount {euros(total)}: {en} ({said}) count{'' if len(stated) > 1 else 's'} only some "
                    f"of the grants; outside any stated total: {named}")

    def read_stats(self) -> None:
        total = sum((g.amount for g in self.found.grants), Decimal(0))
        stated = max((t.amount for t in self.found.totals), default=None)
        self.x.stats.update({
            "grants": len(self.found.grants), "total_amount": str(total),
            "stated_total": str(stated) if stated is not None else "",
            "totals_reconciled": f"{sum(t.reconciled for t in self.found.totals)}/{len(self.found.totals)}",
            "persons": len(self.attendance.persons()), "present": len(self.attendance.present),
        })
        self.warn_outside_totals(total)
        a = self.attendance
        # substitutes sitting for members are present, though the count of the present may leave them out
        for (fr, en), stated_n, listed, besides in (
                (_LISTS["present"], a.present_count, len(a.present), a.substitutes),
                (_LISTS["proxies"], a.proxy_count, len(a.proxies), 0)):
            if stated_n is not None and listed and stated_n not in (listed, listed - besides):
                self.x.warn(f"{listed} {fr} listés pour {stated_n} annoncés",
                            f"{listed} {en} listed, {stated_n} stated")
        for kind, line in self.roll.unread:
            fr, en = _LISTS[kind]
            self.x.warn(f"liste des {fr} : « {line} » ne se lit pas comme un nom (Prénom NOM) : non compté parmi les "
                        f"{fr}, à vérifier",
                        f"list of {en}: '{line}' does not read as a name (Given FAMILY): not counted among the {en}, "
                        "to be checked")
        for kind, office, holder in self.roll.by_office:
            fr, en = _LISTS[kind]
            to_fr, to_en = (f" à {holder.label}", f" to {holder.label}") if holder is not None else ("", "")
            if kind == "proxies":
                what_fr, what_en = f"son pouvoir{to_fr} n'est pas enregistré", f"their proxy{to_en} is not recorded"
            else:
                what_fr = f"non compté parmi les {fr}" + (f", ni son pouvoir{to_fr}" if holder else "")
                what_en = f"not counted among the {en}" + (f", nor their proxy{to_en}" if holder else "")
            self.x.warn(f"liste des {fr} : « {office} » est nommé par sa fonction, et le texte ne dit pas qui "
                        f"l'exerce : {what_fr}, à vérifier",
                        f"list of {en}: '{office}' is named by their office, and the text does not say who holds it: "
                        f"{what_en}, to be checked")


def outside_totals(grants: list[GrantFact], totals: list[StatedTotal]) -> list[GrantFact]:
    """The grants that no reconciled total counts: outside every run of consecutive grants that sums to one. A total
    reconciled with a run of the grants says nothing of the others, which the report's total amount still counts.

    >>> grants = [GrantFact("A", Decimal(500), (0, 1)), GrantFact("B", Decimal(400), (1, 2)),
    ...           GrantFact("C", Decimal(650), (2, 3))]
    >>> [g.beneficiary for g in outside_totals(grants, [StatedTotal(Decimal(900), (3, 4), "", True)])]
    ['C']
    >>> outside_totals(grants, [StatedTotal(Decimal(900), (3, 4), "", True),
    ...                         StatedTotal(Decimal(650), (4, 5), "", True)])
    []
    """
    counted_in: set[int] = set()
    reconciled = {t.amount for t in totals if t.reconciled}
    for i in range(len(grants)):
        run = Decimal(0)
        for j in range(i, len(grants)):
            run += grants[j].amount
            if run in reconciled:
                counted_in.update(range(i, j + 1))
    return [g for k, g in enumerate(grants) if k not in counted_in]


#: The attendance's lists, as a message names them (French, English).
_LISTS = {"present": ("présents", "present"), "excused": ("excusés", "excused"), "absent": ("absents", "absent"),
          "proxies": ("pouvoirs", "proxies")}


def _kind_family(name: str) -> str | None:
    """The kind of authority a name opens with, a town's three words one kind: "Ville de X", "la Commune" and "Mairie"
    are "commune".

    >>> _kind_family("Ville de Fontclair"), _kind_family("la Commune"), _kind_family("Département de la Loire")
    ('commune', 'commune', 'departement')
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
