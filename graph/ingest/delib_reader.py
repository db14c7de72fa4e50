"""Reading a council deliberation into the graph: the extraction of the deliberation kind
(:mod:`graph.ingest.deliberation`, which recognises the genre).

Reading is split by fact group: :mod:`delib_text` (PDF, Markdown, prefecture stamps), :mod:`delib_prose_columns`
(two columns of prose flattened line by line), :mod:`delib_ocr` (a scan's confusions put right),
:mod:`delib_people`, :mod:`delib_counts`, :mod:`delib_officers` and :mod:`delib_names` (attendance),
:mod:`delib_moves` (members arriving or leaving before the deliberation's item), :mod:`delib_items` (minutes
that record several deliberations, or extracts put together, each read as one),
:mod:`delib_authority` (the authority), :mod:`delib_session` (organ, session date), :mod:`delib_meta` (heading,
ACTES id), :mod:`delib_number` (number), :mod:`delib_title` (title), :mod:`delib_vote` (the vote),
:mod:`delib_decision` (publication, fiscal year, programme), :mod:`delib_accounts` (budget accounts),
:mod:`delib_grants`, :mod:`delib_prose` (with :mod:`delib_not_grants`, the amounts that are no grants),
:mod:`delib_recipient_phrases`, :mod:`delib_recipients`, :mod:`delib_recipient_names`,
:mod:`delib_antecedents`, :mod:`delib_several`, :mod:`delib_tables`,
:mod:`delib_table_header`, :mod:`delib_flattened`, :mod:`delib_aligned` and :mod:`delib_stacked` (grants and stated
totals, checked by :mod:`delib_grant_checks`), :mod:`delib_total_rows` (the "Total" rows of the tables none reads),
:mod:`delib_profile` (beneficiary, PTCE, goals) with :mod:`delib_themes` (their themes),
:mod:`delib_agreements` and :mod:`delib_agreement_parties` (the agreements approved, and whom they bind);
:mod:`delib_graph` writes the triples and documents the modelling choices. Each fact group carries ``mai:evidence``
pointing into the normalised text returned as ``Extraction.text``.

This module reads a file into its normalised document (:func:`read_document`) and each deliberation it records with a
:class:`Reader`, which reads the fact groups in order: the stamp, the attendance and the vote, the authority and the
session, the deliberation's number, title and dates. The grants it hands to the builder are
:mod:`graph.ingest.delib_reader_grants`'s, the agreements :mod:`graph.ingest.delib_agreement_parties`'s, and the
report's counts, with the warnings of counts that do not agree, :mod:`graph.ingest.delib_reader_report`'s.
"""

from __future__ import annotations

import dataclasses
import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.encodings import decode, encoding_issue, encoding_name, is_utf8
from graph.identity import deliberation_iri, session_iri
from graph.identity_names import name_key
from graph.ingest.base import FUNDER_ADVICE, Extraction, InputError, SourceContext, new_graph, parse_funder_option
from graph.ingest.delib_agreement_parties import read_agreements
from graph.ingest.delib_authority import find_authority, find_member_count, heading_organisation
from graph.ingest.delib_decision import find_programme, find_published
from graph.ingest.delib_graph import Builder, concept
from graph.ingest.delib_grants import bare_sums
from graph.ingest.delib_items import deliberation_items, item_body, item_stamp, point_title
from graph.ingest.delib_meta import heading, parse_actes, unread_actes
from graph.ingest.delib_moves import apply_moves
from graph.ingest.delib_number import as_number, find_number, number_match
from graph.ingest.delib_ocr import repair_ocr, unreadable_amounts
from graph.ingest.delib_pdf_text import pdf_pages
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_quote_pages import quote_pages
from graph.ingest.delib_reader_grants import read_authority_kind, read_grants
from graph.ingest.delib_reader_report import read_stats, report_several_read, warn_impossible_dates
from graph.ingest.delib_session import find_body, find_session_date
from graph.ingest.delib_themes import locate_concepts, match_concepts
from graph.ingest.delib_text import Document, normalise_text, own_lines
from graph.ingest.delib_title import find_title, title_after_number, title_words
from graph.ingest.delib_vote import parse_vote
from graph.ingest.delib_vote_checks import count_doubts, vote_doubts
from graph.ingest.delib_vote_completion import complete_omitted_count, complete_unanimity
from graph.ingest.delib_web_text import html_characters, writes_markdown
from graph.ingest.deliberation import corrected_act, looks_like_deliberation, not_a_deliberation
from graph.ingest.unknown import not_a_pdf
from graph.limits import check_line_length, check_pdf
from graph.namespaces import MAI, slugify


def read_document(ctx: SourceContext, damage: list[str] | None = None,
                  repairs: list[str] | None = None) -> Document:
    """Return the normalised document; raises InputError when the file is not a readable deliberation.
    ``damage``: see :func:`graph.ingest.delib_pdf_text.pdf_text`; ``repairs`` receives the OCR readings put right
    (:func:`graph.ingest.delib_ocr.repair_ocr`)."""
    if ctx.path.suffix.lower() == ".pdf" or ctx.data[:5] == b"%PDF-":
        if (refusal := not_a_pdf(ctx)) is not None:
            raise refusal
        check_pdf(ctx.data)
        read = pdf_pages(ctx.data, damage)
        text, repaired = repair_ocr(read.text)
        document = normalise_text(text, markdown=writes_markdown(text))
        if len(text) == len(read.text):  # as repair_ocr keeps it: each page's text where it was
            document.pages = dataclasses.replace(read, text=text)
    else:
        check_line_length(ctx.data)
        decoded, encoding = decode(ctx.data)  # as a text editor saved it: UTF-8, Windows-1252, UTF-16…
        text, repaired = repair_ocr(html_characters(decoded))
        markdown = ctx.path.suffix.lower() in (".md", ".markdown") or writes_markdown(text)
        document = normalise_text(text, markdown=markdown)
        document.source = own_lines(decoded)
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


def warn_ocr(extraction: Extraction, repairs: list[str], text: str) -> None:
    """Say that the text was read from a scan, with the readings put right, and each amount left unreadable."""
    said = ", ".join(f"« {r} »" for r in repairs[:5]) + (f" et {len(repairs) - 5} autres" if len(repairs) > 5 else "")
    readings = ("lectures corrigées", "readings") if len(repairs) > 1 else ("lecture corrigée", "reading")
    extraction.warn(f"texte lu par reconnaissance de caractères (OCR) : {len(repairs)} {readings[0]} ({said}) ; "
                    "montants, dates et noms à vérifier",
                    f"text read by character recognition (OCR): {len(repairs)} {readings[1]} put right; check the "
                    "amounts, dates and names")
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
    warn_impossible_dates(extraction, document.text, document.source, document.pages)
    builder = Builder(ctx, document.text, graph, quote_pages(document))
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
    report_several_read(extraction, readers)
    return extraction


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
        self.attendance = self.opening.copy()
        self.own = own = self.item_number() if self.item else number_match(self.body)
        # In minutes of several items, the vote of the deliberation's own is the first after its number.
        self.vote = parse_vote(self.body, own.start() if own else 0)
        apply_moves(self.body, self.attendance, own, self.vote, self.x.warn)
        self.read_authority()
        self.read_deliberation()
        read_grants(self)
        read_agreements(self)
        self.agreements = self.x.stats["agreements"]  # how many it approves, summed over minutes' items
        read_stats(self)

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
        found, siren = self._authority_named()
        name, variants = found or (None, [])
        self.authority_names = {name_key(n) for n in (name, *variants) if n}
        self.authority_kind = read_authority_kind(name) if name else None
        self.authority = self.b.authority(name, variants, siren, find_member_count(self.body))
        organ = find_body(self.body)
        self.organ = self.b.organ(self.authority, organ) if organ else None
        corrected = self.corrected  # an erratum sits in the session of the deliberation it corrects
        self.date = find_session_date(self.body) or (corrected[1] if corrected else None) \
            or (self.actes.date if self.actes else None)
        self.session = session_iri(self.authority, organ, self.date or self.ctx.key, base=self.ctx.base)
        # Extracts of one session put together each list their attendance: the session keeps the one that its first
        # item reads, a later item's own is that of its vote.
        self.opening = self.openings.setdefault(self.session, self.opening)
        self.b.session(self.session, self.organ, self.date, self.opening)

    def _authority_named(self) -> tuple[tuple[str, list[str]] | None, str | None]:
        """The authority that the text names (its name and variants) and its SIREN, as the text, its ACTES stamp or
        the --funder option says them; an InputError when none does."""
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
        return found, siren

    def read_deliberation(self) -> None:
        b = self.b
        match = self.own  # the title may follow the number, on its line or below it
        self.read_number()
        self.iri = d = deliberation_iri(self.authority, self.number, base=self.ctx.base)
        self.read_title(match)
        if self.corrected:
            erratum = f"Erratum à la délibération n° {self.corrected[0]}"
            self.title = f"{erratum} : {self.title}" if self.title else erratum
            b.add(d, DCTERMS.references, deliberation_iri(self.authority, self.corrected[0], base=self.ctx.base))
        b.add(d, RDF.type, MAI.Deliberation)
        b.add(d, DCTERMS.identifier, self.number)
        b.evidence(d, self.number_span, supports=DCTERMS.identifier)
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
        self.read_transmission(d)
        self.read_vote()

    def read_title(self, match: re.Match | None) -> None:
        """The deliberation's title (``match``: its number's, when its heading numbers it): a point's of minutes, the
        words after its number, or where an act's title stands; and where its words stand in the text."""
        attendance_end = max((e for _, e in self.attendance.spans), default=0)
        # the end of the number's line, the text's own when it is the last (a page's running foot)
        number_line_end = (self.body.find("\n", match.end()) % (len(self.body) + 1)) if match else None
        # an item of minutes titled on its heading's line ("DCM 2024-021 – Subvention à X"), else as an act is
        title = (self.point and point_title(self.body, self.item[0])) \
            or (self.item and match and title_after_number(self.body, match.end())) \
            or find_title(self.body, number_line_end if number_line_end and number_line_end > 0 else None,
                          attendance_end)
        self.title = title[0] if title else ""
        # the title's words where they stand in the text that the quotes cite (the body read may differ from it: a
        # bare sum's "€" added), before an erratum's title is prefixed with the act it corrects
        self.title_words = title_words(self.doc.text, title[1], title[2], title[0]) if title else None

    def read_transmission(self, d: URIRef) -> None:
        """The deliberation ``d``'s receipt by the prefecture, its publication, the platform it went through, and its
        stamp quoted."""
        b, stamp = self.b, self.stamp
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

    def read_number(self) -> None:
        """The deliberation's number: its heading's (an item's, in minutes), else its ACTES id's; an erratum's without
        a number of its own made of the act it corrects', a point's of minutes that number none of the file's name and
        the point's rank; else the file's name, said."""
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
        # the passage that writes it, when the number is its heading's (not an ACTES id's, an erratum's or a file's)
        self.number_span = trimmed(self.body, self.own.span()) \
            if self.own and number == as_number(self.own.group("num")) else None

    def read_vote(self) -> None:
        vote = self.vote
        complete_unanimity(vote, self.body, self.attendance)
        complete_omitted_count(vote, self.body, self.attendance)
        for fr, en in vote_doubts(vote, self.body, self.attendance) + count_doubts(vote, self.attendance):
            self.x.warn(fr, en)
        self.outcome = vote.outcome
        if vote.outcome:
            self.b.add(self.iri, MAI.outcome, concept("outcome", vote.outcome))
        for prop, value in ((MAI.votesFor, vote.votes_for), (MAI.votesAgainst, vote.against),
                            (MAI.abstentions, vote.abstentions)):
            if value is not None:
                self.b.add(self.iri, prop, Literal(value, datatype=XSD.integer))
        self.b.evidence(self.iri, vote.span)
        self.b.themes(self.iri, self.title_themes())

    def title_themes(self) -> list[tuple[URIRef, tuple[int, int] | None]]:
        """The themes that the deliberation's title gives, each with its quote: the sentence of the title's words that
        names it, where they stand in the text (:func:`locate_concepts`). A title rewritten from the text's words
        (:func:`title_words` finds them nowhere as the title has them) quotes none: a span of the text would quote
        other words than those that gave the theme. So does a theme that only an erratum's prefix gives ("Erratum à
        la délibération n° …", no words of the text)."""
        quotes = dict(locate_concepts([self.title_words], "themes")) if self.title_words else {}
        return [(theme, quotes.get(theme)) for theme in match_concepts(self.title, "themes")]


def trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` without the spaces and line ends at either end of its text in ``text``, nor the dash or colon that
    ends it (a number's match may start with the line end before "n° 2014 / 171", and end with the dash before its
    title: "2024-061 -"), for its quote to begin and end with the number's words.

    >>> trimmed("Objet\\n n° 12 – Budget", (5, 15))
    (7, 12)
    """
    start, end = span
    words = text[start:end]
    return start + len(words) - len(words.lstrip()), end - len(words) + len(words.rstrip(" \t\n:–—-"))
