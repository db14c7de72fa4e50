"""The deliberation's title: what "Objet : …", an item's heading, the number's line or a heading in capitals gives
(:func:`find_title`, :func:`title_after_number`), and where its words stand in the text (:func:`title_words`); the
number itself is :mod:`graph.ingest.delib_number`'s.
"""

from __future__ import annotations

import re

from graph.ingest.delib_number import HEADING_NUMBER, NUMBER_ALONE, NUMBER_BEFORE_TITLE
from graph.ingest.french import MONTH_NAMES

_TITLE_AFTER_NUMBER = re.compile(r"(?:\bn\s*[°ºo]\s*[:.]?|\bd[ée]lib[ée]ration\s+)\s*[A-Z]{0,4}[-_ /]?\d[\w.-]*"
                                 r"(?:\s*/\s*\d+)*\s*(?::|\s[-–—]\s)\s*(?P<t>\S.{7,})$", re.I)


#: An agenda item or report heading its title: "Point n° 7 – Vie associative – …", "Rapport n° 14 : …".
_ITEM_TITLE = re.compile(r"^\s*(?:Rapport|Point)\s+n\s*[°º]\s*[\w.-]+\s*(?::|\s[-–—])\s*(?P<t>\S.{7,})$", re.I | re.M)
#: The title before the number on its line, after the item's number: "4. Subventions 2024 – Délibération n° 2024-031".
_TITLE_BEFORE_NUMBER = re.compile(r"\s*(?:\d{1,3}\s*[.)°]\s*)?(?P<t>\S.{7,}?)\s+[-–—]\s+"
                                  r"(?:D[ée]lib[ée]ration|DÉLIBÉRATION)\s*(?:n\s*[°º]\s*)?:?\s*\S+\s*$", re.I)
#: What a page's running head or foot says before the act's number, and a title never does: the session, by its
#: organ and its date ("Conseil municipal du 8 février 2024").
_NAMES_THE_SESSION = re.compile(r"\b(?:conseil|bureau|commission|comité|séance|session)\b[^–—\n]{0,40}?\bdu\s+"
                                r"\d{1,2}(?:er)?\s+(?:" + "|".join(MONTH_NAMES) + r")\b", re.I)
#: A heading in capitals of its own after the attendance ("SPORTS – SUBVENTIONS EXCEPTIONNELLES AUX CLUBS …"): at
#: least three words, no colon, and no lower-case letter; a blank line above it, and below it a blank line or the
#: report's first sentence.
_CAPITALS_TITLE = re.compile(r"(?:^|\n)\s*\n(?P<t>(?:[^\n:a-zà-ÿ]*[A-ZÀ-Ý][^\n:a-zà-ÿ]*(?:\n|$)){1,3}?)"
                             r"(?:\s*\n|$|(?=[^\n]*[a-zà-ÿ]))")


#: The title that follows an item's number on its heading line, after a dash or a colon: "DCM 2024-021 – Subvention
#: à l'association X".
_TITLE_ON_THE_LINE = re.compile(r"[ \t]*[-–—:][ \t]*(?P<t>\S[^\n]{7,})")


def title_after_number(body: str, number_end: int) -> tuple[str, int, int] | None:
    """The title that an item's heading gives right after its number (:data:`_TITLE_ON_THE_LINE`), with its span.

    >>> title_after_number("DCM 2024-021 – Subvention à l'association X\\nLe Maire propose", 12)[0]
    "Subvention à l'association X"
    """
    match = _TITLE_ON_THE_LINE.match(body, number_end)
    return (_title(match.group("t")), match.start("t"), match.end("t")) if match else None


#: The same heading in a PDF's text, without blank lines: one line in capitals between a sentence's full stop at its
#: line's end and a line in small letters ("… secrétaire de l'assemblée." / "ATTRIBUTION D'UNE SUBVENTION À …" / "Le
#: Conseil Municipal, après en avoir délibéré, …").
_CAPITALS_LINE_AFTER_A_SENTENCE = re.compile(r"(?<=[a-zà-ÿ]\.\n)(?P<t>[^\na-zà-ÿ:]*[A-ZÀ-Ý][^\na-zà-ÿ:]*)\n"
                                             r"(?=[^\n]*[a-zà-ÿ])")


def find_title(body: str, number_end: int | None, attendance_end: int) -> tuple[str, int, int] | None:
    """Return the title and its span: "Objet : …", "Rapport : …", "Rapport n° 14 – …" or "Point n° 7 – …", else what
    the number's line or the lines below it give, else a heading in capitals after the attendance, else the lines
    before "rapporte"."""
    # The title's second line, if any, is no "Rapporteur : …" line, nor the number's ("Délibération n° …"), nor
    # the report's first sentence that a PDF's text sets right below it ("Monsieur le Maire rappelle que…").
    objects = re.finditer(r"^\s*(?:Objet|Rapport)\s*:\s*(?P<t>.+(?:\n(?!\s*\n|[^\n:]{0,40}:|\s*(?-i:"
                          r"D[ée]lib[ée]ration\b|DÉLIBÉRATION|N\s*[°º]|Délib\.)).+)?)", body, re.I | re.M)
    match = next((m for m in objects if not _mail_subject(body, m)), None)
    match = _object_below_report(body, match)
    if match is not None and "\n" in match.group("t") and not _continues_title(*match.group("t").split("\n", 1)):
        match = re.compile(r"^\s*(?:Objet|Rapport)\s*:\s*(?P<t>.+)", re.I | re.M).match(body, match.start())
    if match is None:
        items = list(_ITEM_TITLE.finditer(body))  # the last item heading before the number, in minutes of several
        match = next((m for m in reversed(items) if number_end is not None and m.start() < number_end),
                     items[0] if items else None)
    if match is None and number_end is not None:
        match = _title_by_the_number(body, number_end)
    if match is None:
        match = next((m for pattern in (_CAPITALS_TITLE, _CAPITALS_LINE_AFTER_A_SENTENCE)
                      for m in pattern.finditer(body, attendance_end)
                      if len(m.group("t").split()) >= 3 and re.search(r"[A-ZÀ-Ý]{4}", m.group("t"))
                      and not _no_title(m.group("t"))), None)
    if match is None:
        match = re.compile(r"(?P<t>(?:[^\n]+\n){1,3}?)[^\n]*\brapporte\b").search(body, attendance_end)
    if match is None:
        return None
    # the act's number before the title is no part of it ("Objet : 2024-031 - Subvention …")
    numbered = re.compile(NUMBER_BEFORE_TITLE).match(body, match.start("t"), match.end("t"))
    start = numbered.end() if numbered else match.start("t")
    end = match.end("t")
    # a title that its line ends on a word asking for more, and that a PDF's wrap sent on below: "… Les Petits Pas –"
    # / "Accueil parents-enfants", "… et aux" / "centres de santé"
    # ("… DE LA" / "DÉLIBÉRATION N° 2025-041": after a little word, whatever the next line opens with)
    wrap = _WRAPPED_LINE if _ASKS_FOR_A_WORD.search(match.group("t")) else _WRAPPED_TITLE
    if "\n" not in match.group("t") and (wrapped := wrap.match(body, end)) is not None \
            and (_TITLE_GOES_ON.search(match.group("t")) or wrapped.group("rest")[0].islower()) \
            and not _SENTENCE_OPENER.match(wrapped.group("rest")):
        end = wrapped.end("rest")
    return _title(body[start:end]), start, end


#: The act's "Objet : …" line right below a "Rapport : …" line, the report's theme or sector: "Rapport : Économie
#: sociale et solidaire / Santé" / "Objet : Convention pluriannuelle d'objectifs avec la SCIC X".
_OBJECT_LINE = re.compile(r"[ \t]*\n[ \t]*Objet[ \t]*:[ \t]*(?P<t>\S[^\n]*)", re.I)


def _object_below_report(body: str, match: re.Match | None) -> re.Match | None:
    """The title's ``match``, or the "Objet : …" line right below it when it is a "Rapport : …" heading: the report
    names a theme, the object what the act decides (:data:`_OBJECT_LINE`).

    >>> body = "Rapport : ESS / Santé\\nObjet : Convention avec la SCIC X\\n\\nLa Commission …"
    >>> _object_below_report(body, re.match(r"Rapport : (?P<t>.+)", body)).group("t")
    'Convention avec la SCIC X'
    """
    if match is None or not re.match(r"\s*Rapport\b", match.group(0), re.I) or "\n" in match.group("t"):
        return match
    return _OBJECT_LINE.match(body, match.end()) or match


#: An e-mail's header line ("De : …", "Envoyé : …", "À : …"), or a subject forwarded or answered ("TR: …", "RE: …").
_MAIL_HEADER = re.compile(r"^[ \t]*(?:De|From|Envoy[ée]|Sent|À|To|Cc)[ \t]*:", re.M)
_MAIL_PREFIX = re.compile(r"(?:TR|RE|Fwd?|Réf)[ \t]*:", re.I)


def _mail_subject(body: str, match: re.Match) -> bool:
    """Whether the "Objet : …" at ``match`` (its title the group ``t``) is the subject of the e-mail that forwards the
    act, not the act's object: its paragraph has the e-mail's header lines, or the subject says it is forwarded.

    >>> body = "De : Mairie\\nÀ : Clubs\\nObjet : Délibération du 3 avril"
    >>> _mail_subject(body, re.search(r"Objet : (?P<t>.+)", body))
    True
    >>> body = "Séance du 3 avril\\nObjet : Subventions aux associations"
    >>> _mail_subject(body, re.search(r"Objet : (?P<t>.+)", body))
    False
    """
    start = body.rfind("\n\n", 0, match.start()) + 1
    end = body.find("\n\n", match.start())
    return bool(_MAIL_PREFIX.match(body, match.start("t"))
                or _MAIL_HEADER.search(body, start, end if end >= 0 else len(body)))


#: What opens a sentence of the report, not the rest of a title: a civility, an article or pronoun, a visa.
_SENTENCE_OPENER = re.compile(r"\s*(?:Monsieur|Madame|M\.|Mme|Mesdames|Le|La|Les|L['’]|Il|Elle|Ils|Vu|Consid[ée]rant|"
                              r"Apr[èe]s|Sur|Dans|Par|Suite|Conform[ée]ment|Afin|Lors|Depuis|Ce|Cette|Ces|Un|Une|"
                              r"En|Au|Aux|Pour|Compte\s+tenu)\b")
#: Words that end a title's first line without ending the title ("… à l'association" / "Les Amis du Vélo").
_TITLE_GOES_ON = re.compile(r"(?:\b(?:de|du|des|d['’]|à|au|aux|la|le|les|l['’]|et|ou|pour|par|en|sur|avec|"
                            r"association|commune|ville|club|comité|centre|fédération|union|collège)|[-–—,:/(])\s*$", re.I)


#: The next line, that may go on with a title: no field's label ("Rapporteur : …"), and, for :data:`_WRAPPED_TITLE`,
#: no act's number.
_WRAPPED_LINE = re.compile(r"[ \t]*\n[ \t]*(?P<rest>(?![^\n:]{0,40}:)\S[^\n]*)")
_WRAPPED_TITLE = re.compile(_WRAPPED_LINE.pattern.replace(r"\S[^\n]*", r"(?!D[ée]lib[ée]ration\b|DÉLIBÉRATION|N\s*[°º])"
                                                          r"\S[^\n]*"))
#: A title's line that ends on a little word, whose next line is its own whatever it opens with.
_ASKS_FOR_A_WORD = re.compile(r"\b(?:de|du|des|la|le|les|l['’]|d['’]|à|au|aux)\s*$", re.I)


def _continues_title(first: str, second: str) -> bool:
    """Whether ``second`` goes on with the title that ``first`` opens: a word cut, a lower-case start, a first line
    ending on a word that asks for more, or both in capitals; not a sentence of the report.

    >>> _continues_title("Attribution de subventions aux associations", "Monsieur le Maire rappelle que la commune")
    False
    >>> _continues_title("Subvention au club de football", "du quartier nord"), _continues_title("AIDE AUX", "CLUBS")
    (True, True)
    """
    second = second.strip()
    if not second:
        return False
    if second[0].islower() or _TITLE_GOES_ON.search(first):
        return True
    if first.upper() == first and second.upper() == second:
        return True
    return not _SENTENCE_OPENER.match(second) and not first.rstrip().endswith(".")


def _title_by_the_number(body: str, number_end: int) -> re.Match | None:
    """The title that the number's line gives, after the number ("Délibération n° 2023-087 : Attribution …") or
    before it ("4. Subventions 2024 – Délibération n° 2024-031"), else the lines just below it."""
    line_start = body.rfind("\n", 0, number_end) + 1
    match = (_TITLE_AFTER_NUMBER.search(body, line_start, number_end)
             or _TITLE_BEFORE_NUMBER.match(body, line_start, number_end))
    if match is not None and match.re is _TITLE_BEFORE_NUMBER and _NAMES_THE_SESSION.search(match.group("t")):
        # a page's running head or foot, "Ville de X – Conseil municipal du 8 février 2024 – Délibération n° 12":
        # the title is on the line that the number heads ("12 – Subventions 2024"), if any
        number = re.escape(body[match.end("t"):number_end].split()[-1])
        return re.compile(rf"^[ \t]*{number}[ \t]*[-–—:][ \t]*(?P<t>\S[^\n]{{7,}})", re.M).search(body)
    if match is not None:
        return match
    if (heading := HEADING_NUMBER.match(body, line_start, number_end)) is not None:
        return re.compile(r"(?P<t>[^\n]+)").match(body, heading.end())  # "2024-059 - Subventions diverses"
    alone = NUMBER_ALONE.match(body, line_start, number_end)
    if alone is not None:  # the lines below a number alone are the heading's; after a directorate's, the title
        return _TITLE_AFTER_DIRECTORATE_NUMBER.match(body, line_start) or _line_above_a_field(body, number_end)
    # (each line taken whole: a line split every way was tried on a text of one long line, cubic in its length)
    match = re.compile(r"\s*\n(?P<t>(?:[^\n]++\n?){1,3}?)\n").match(body, number_end)
    if not (match and not re.search(r"convoqu|:|^\s*$", match.group("t"), re.I) and not _no_title(match.group("t"))):
        # no blank line below the title, as a PDF's text gives none: its lines in capitals
        match = _CAPITALS_BELOW.match(body, number_end)
        match = match if match and ":" not in match.group("t") and not _no_title(match.group("t")) else None
    return match or _line_above_a_field(body, number_end)


def _line_above_a_field(body: str, number_end: int) -> re.Match | None:
    """One line in small letters right below the number (:data:`_LINE_ABOVE_A_FIELD`), when it is a title."""
    match = _LINE_ABOVE_A_FIELD.match(body, number_end)
    return match if match and not _no_title(match.group("t")) else None


#: One line in small letters right below the number, a field's label, the organ's sentence or a visa on the next
#: line: a heading as a PDF's text gives it, without the blank line below ("Délibération n° B-2024-0187" / "Santé
#: des jeunes – Subventions 2024" / "Date de convocation : 14 mai 2024"); not a sentence (its full stop) nor a field
#: (its colon).
_BELOW_A_TITLE = (r"[ \t]*\n(?=[^\n:.]{2,40}:"
                  # or the organ's sentence, a visa
                  r"|(?:Le|La|L['’])\s*(?:Conseil|Commission|Bureau|Assembl[ée]e|Comit[ée])\b|Vu\b)")
_LINE_ABOVE_A_FIELD = re.compile(r"[ \t]*\n(?P<t>[ \t]*[A-ZÀ-Ý][^\n:]{10,200}[^\n.:;,]"
                                 # its second line, when the first ends on a word that asks for more ("… et à la" /
                                 # "périnatalité")
                                 r"|[ \t]*[A-ZÀ-Ý][^\n:]{10,200}\s(?:de|du|des|à|au|aux|la|le|les|et|en|pour|l['’])"
                                 r"\n[ \t]*[^\n:]{1,120}[^\n.:;,])" + _BELOW_A_TITLE)


#: The lines in capitals right below the number, a heading without a blank line after it ("DELIBERATION
#: N°2024.00240" / "PROGRAMME DE COOPÉRATION …" / "(PROCESS) - SUBVENTION À DANAECARE" / "Le Bureau …").
_CAPITALS_BELOW = re.compile(r"[ \t]*\n(?P<t>(?:[ \t]*(?=[^\n]*[A-ZÀ-Ý]{3})[^\na-zà-ÿ]+(?:\n|$)){1,3})")


#: What opens the lines below a number or a heading in capitals without being a title: the decision's word alone
#: ("DÉCIDE", "DELIBERE"), the organ's sentence ("LE CONSEIL MUNICIPAL DE MARSEILLE / OUI LE RAPPORT"), the act's
#: date ("Délibération du 22 novembre 2024").
_NOT_A_TITLE = re.compile(r"\s*(?:D[ÉE]CIDE|D[ÉE]LIB[ÈE]RE|ARR[ÊE]TE|(?:Le|La|L['’])\s*(?:Conseil|Commission|Bureau|"
                          r"Assembl[ée]e|Comit[ée])|D[ée]lib[ée]ration\s+du|S[ée]ance\s+du)\b", re.I)


def _no_title(text: str) -> bool:
    """Whether ``text`` is no title (:data:`_NOT_A_TITLE`), or a table's row: three columns or more that a PDF's
    text sets apart by spaces ("Bénéficiaire      Projet      Coût HT      Aide").

    >>> _no_title("DÉCIDE"), _no_title("Bénéficiaire      Projet      Coût HT"), _no_title("Subventions 2024")
    (True, True, False)
    """
    return (_NOT_A_TITLE.match(text) is not None
            or any(len(re.split(r"[ \t]{3,}", line.strip())) >= 3 for line in text.split("\n")))


#: The title after a directorate's number on its line, and on the lines that go on with it (not a line in
#: capitals, "PROJET DE DÉLIBÉRATION", nor a sentence's opening): "2024 DASES 187 Subventions (95 500 euros) et
#: conventions avec sept associations œuvrant dans\nle champ de la santé…".
_TITLE_AFTER_DIRECTORATE_NUMBER = re.compile(r"[ \t]*(?:19|20)\d\d[ \t]+[A-Z][^\n]*?\d[ \t]+(?P<t>\S[^\n]{7,}"
                                             r"(?:\n[ \t]*(?=[^\n]*[a-zà-ÿ])(?!(?:Mesdames|Messieurs|Monsieur|Madame"
                                             r"|Le|La|Les|Vu|Considérant|Article)\b)[^\n]*){0,3})")


#: A consonant opening what a line break cut from its word, in a title in capitals ("AGRI-\nCOLE"), and the
#: particles that open a new word of a compound instead ("VAL-\nDE-MARNE").
_CUT_IN_CAPITALS = re.compile(r"(?<=[A-ZÀ-Ý]{2})-[ \t]*\n[ \t]*(?=[B-DF-HJ-NP-TV-XZÇ][A-ZÀ-Ý]{2})"
                              r"(?!(?:DE|DU|DES|LA|LE|LES|SUR|SOUS|EN|ET|AUX|LÈS|LEZ)\b)")


def title_words(text: str, start: int, end: int, title: str) -> tuple[str, int] | None:
    """The words of ``title`` where they stand in ``text``, between ``start`` and ``end`` (the span that it was read
    from), and where they start there; None when the title was rewritten from them (:func:`_title`: a word that a
    line end cut with a hyphen made whole, a heading's other column dropped): its words then lie nowhere in the text
    as the title has them, and no span of it quotes them.

    >>> text = "Objet : Santé\\n mentale :\\n"
    >>> title_words(text, 8, 25, "Santé mentale"), title_words("Objet : agri-\\ncole", 8, 19, "agricole")
    (('Santé\\n mentale', 8), None)
    """
    opening = _TITLE_OPENING.match(text, start, end).end()
    words = text[opening:_TITLE_CLOSING.search(text, opening, end).start()]
    return (words, opening) if _one_space(words) == _one_space(title) else None


def _one_space(text: str) -> str:
    """``text`` with each run of white space one space, as a title and the matching of its themes read it."""
    return re.sub(r"\s+", " ", text)


#: What :func:`_title` strips from either end of a title: white space, colons and hyphens.
_TITLE_OPENING, _TITLE_CLOSING = re.compile(r"[\s:-]*"), re.compile(r"[\s:-]*\Z")


def _title(text: str) -> str:
    """A title on one line: a word that a line break cut with a hyphen is whole again — before a lower-case letter
    ("agri-\\ncole"), or in capitals before a consonant (:data:`_CUT_IN_CAPITALS`: "AGRI-\\nCOLE", not
    "SAINT-\\nÉTIENNE").

    >>> _title("MAL-ÊTRE EN MILIEU AGRI-\\nCOLE – SAINT-\\nÉTIENNE"), _title("milieu agri-\\ncole, Saint-\\nÉtienne")
    ('MAL-ÊTRE EN MILIEU AGRICOLE – SAINT-ÉTIENNE', 'milieu agricole, Saint-Étienne')
    >>> _title("Subventions aux associations de        - présents : 5\\nsapeurs-pompiers pour 2025      - pouvoirs : 2")
    'Subventions aux associations de sapeurs-pompiers pour 2025'
    """
    # a title in the left column of a heading set out in two: the other column's cells are no part of it
    text = "\n".join(re.split(r"(?<=\S)[ \t]{3,}(?=\S)", line)[0] for line in text.split("\n"))
    text = re.sub(r"(?<=\w\w)-[ \t]*\n[ \t]*(?=[a-zà-ÿ])", "", text)
    if not re.search(r"[a-zà-ÿ]", text):
        text = _CUT_IN_CAPITALS.sub("", text)
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)", "-", text)).strip(" :-")
