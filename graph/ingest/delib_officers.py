"""Who chaired the session and who was its secretary, and the title under which the chair signs.

Apart from :mod:`delib_people` because the officers are named in sentences of their own ("sous la présidence de …",
"Secrétaire de séance : …", "X a été désigné secrétaire", a signature's "Le Maire,"), not in the lists of members;
a name is read as a list's item is (its asides dropped, a civility and a name in capitals).

>>> from graph.ingest.delib_people import Attendance
>>> attendance = Attendance()
>>> parse_officers("Sous la présidence de M. Paul DURAND, Maire\\nSecrétaire de séance : Mme Léa ROY", attendance)
>>> attendance.chair.label, attendance.chair_title, attendance.secretary.label
('Paul DURAND', 'Maire', 'Léa ROY')
>>> attendance = Attendance()
>>> parse_officers("Présidence : M. Paul DURAND, Maire\\nLe secrétaire de séance, Mme Léa ROY", attendance)
>>> attendance.chair.label, attendance.chair_title, attendance.secretary.label
('Paul DURAND', 'Maire', 'Léa ROY')
"""

from __future__ import annotations

import re

from graph.ingest.delib_members import HELD_BY_OFFICE, STARTS_WITH_CIVILITY, strip_asides
from graph.ingest.delib_names import Person, in_capitals, parse_person, titled_surname
from graph.ingest.delib_people import Attendance, add_proxy, append_member
from graph.ingest.delib_session import executives_act
from graph.ingest.french import fold
from graph.ingest.french_accents import compile_cue


#: A chair's office after their name: "Maire", "Vice-Présidente", "Maire adjoint", "Conseillère déléguée", "Adjoint au
#: Maire", each after its rank: "1er Vice-Président", "2e adjoint", "Premier adjoint", "2ème Adjoint au Maire".
_OFFICE = (r"(?:(?:\d{1,2}\s*(?:er|re|ère|e|ème|è)|premi(?:er|ère)|deuxième|seconde?|troisième|quatrième|cinquième"
           r"|sixième|septième|huitième|neuvième|dixième)\s+)?"
           r"(?:(?:Vice-)?(?:Présidente?|Maire)|(?:Maire|Conseill[eè]re?)\s+(?:adjointe?|délégué?e?)"
           r"|Adjointe?(?:\s+(?:au|à\s+la)\s+Maire)?)")
#: Where the name after a heading's colon ends: its line's end or a comma, or a dash or a full stop before the
#: session's next fact on the same line ("Président : M. Alain X – Secrétaire de séance : Mme Élise Y").
_NAME_ENDS = (r"(?=[ \t]*(?:[\n,]|$)|[ \t]+[-–—][ \t]|\.[ \t]+(?:Secr[ée]taire|Pr[ée]sents?|Absents?|Excus[ée]s?|"
              r"Pouvoirs?|Procurations?)\b)")
_CHAIR = compile_cue(r"Présid(?:ent|ente)\s+de\s+(?:la\s+)?séance\s*:\s*(?P<name>[^\n,]+?)" + _NAME_ENDS +
                     r"|Présidence(?:\s+de\s+(?:la\s+)?séance)?\s*:\s*(?P<name2>[^\n,]+?)" + _NAME_ENDS +
                     # "sous la présidence de M. X, Maire", "Séance présidée par M. X, Président du Conseil …", "La
                     # séance est présidée par Mme X, Vice-Présidente du CIAS"
                     r"|(?:sous\s+la\s+présidence\s+de|(?:séance|réunion)\s+(?:est\s+|a\s+été\s+)?présidée\s+par)\s+"
                     r"(?:(?:Monsieur|Madame|M\.|Mme)\s+(?:le|la)\s+(?P<title>[^,\n]+),\s*)?"
                     r"(?P<name3>[^\n,]+?)(?:(?:,|[ \t]+[-–—])\s*(?P<office>" + _OFFICE + r")\b|(?=[ \t]*[\n,]|[ \t]*$"
                     # or the sentence's end after a name in capitals, in a text run together on one line
                     # ("… sous la présidence de Monsieur Pierre MATHIEU. Présents : …")
                     r"|(?-i:(?<=[A-ZÀ-Ý]{2}))\.\s))"
                     # "Président : M. X" opening its line, or after a dash on a line of the session's facts
                     # ("Convoqué le 23 juin 2025 – Président : M. X, Maire")
                     r"|(?:^|(?<=[ \t][-–—][ \t]))Présid(?:ent|ente)\s*:\s*(?P<name4>[^\n,]+?)" + _NAME_ENDS +
                     # "Mme Annie X, Vice-Présidente, présidant la séance par délégation du Maire", and in a list of
                     # the members present: "Présents : Mme Annie X, Vice-présidente, présidente de séance ; M. …";
                     # "M. Paul X, Maire, préside la séance", "… ouvre la séance"
                     r"|(?P<name5>(?:M\.|Mme|Monsieur|Madame)\s+(?!(?:le|la)\s)[^\n,;]+?)\s*,\s*"
                     r"(?:(?P<office5>[^\n,;]{1,40}?)\s*,\s*)?(?:présid(?:ant|ait|e)\s+la\s+séance|ouvre\s+la\s+séance"
                     r"|présid(?:ent|ente)\s+de\s+(?:la\s+)?séance\b(?![ \t]*:))"
                     # "Monsieur le Maire, Paul X, ouvre la séance"
                     r"|(?:Monsieur|Madame)\s+(?:le|la)\s+(?P<title6>Maire|Présidente?),\s*(?P<name6>[^\n,]+?),\s*"
                     r"(?:ouvre|préside)\s+la\s+séance", re.I | re.M)
#: The rest of a chair's name that the line sent below ("sous la présidence de Mme Sylvie\nDARDENNE-FICTIVE,
#: Maire."): a name in capitals opening the next line, and the office after it; after a given name cut at its
#: hyphen, the rest of it first ("M. Jean-\nClaude CALMELS, Maire.").
_WRAPPED_CHAIR = re.compile(r"[ \t]*\n[ \t]*(?P<rest>(?-i:(?:[A-ZÀ-Ý][a-zà-ÿ'’]+[ \t]+)?"
                            r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*))"
                            r"(?=[ \t]*[,.\n])(?:,\s*(?P<office>" + _OFFICE + r")\b)?", re.I)
#: How a secretary's heading may say they were appointed: "élu", "désignée", "élu(e)".
_APPOINTED_MARK = r"(?:\s+(?:élu|désigné|nommé)(?:\((?:e|s|es)\)|e|s)*)?"
# "Secrétaire de séance élu(e) : M. X", "Secrétariat de séance : Mme Y"
_SECRETARY = compile_cue(r"(?:(?:Secrétaire|Secrétariat)\s+de\s+(?:la\s+)?séance" + _APPOINTED_MARK
                         + r"|^[ \t]*Secrétaire" + _APPOINTED_MARK
                         # after the chair on the same line: "Présidence : M. X, Maire – Secrétaire : Mme Y",
                         # "Séance présidée par M. X, Maire. Secrétaire : M. Y."
                         + r"|(?:(?<=[.;–—|/])|(?<=\s-))[ \t]*Secrétaire"
                         r"|^[ \t]*(?:a|est)\s+(?:été\s+)?(?:désignée?|élue?|nommée?)\s+(?:comme\s+)?secrétaire)"
                         r"\s*:\s*(?P<name>[^\n,]+)"
                         # a signature block's "Le secrétaire de séance, Mme X" (the name on its line or the next)
                         r"|^[ \t]*(?:Le|La)\s+secrétaire\s+de\s+(?:la\s+)?séance\s*,[ \t]*\n?[ \t]*"
                         r"(?P<signed>(?:M\.|Mme|Monsieur|Madame)\s+[^\n,]+)", re.I | re.M)
#: The office after a chair's name that a heading gave ("Présidence : M. X, Maire", "Président de séance : Mme Y,
#: Vice-présidente du CIAS, par délégation"): its first words only.
_OFFICE_AFTER = re.compile(r"[ \t]*,[ \t]*(?P<office>" + _OFFICE + r")\b", re.I)
# "X a été désigné secrétaire", found from where its verb is: searched for as a whole, the name (any text up to a
# line end, comma or colon, tried from each character) took 0.6 s of 7.3 on 400 deliberations.
# The verb follows the name on its line, or on the next when it goes on in lower case: "Mme Laure MÉNAGER\nA été
# nommé secrétaire : M. Nicolas MARTEAU" heads another line, and the name before it is not the secretary's.
_APPOINTED = (r"(?:[ \t]+|[ \t]*\n[ \t]*(?-i:(?=[a-zé])))(?:a\s+été|est)\s+(?:désignée?|élue?|nommée?)\s+"
              r"(?:comme\s+|en\s+qualité\s+de\s+|pour\s+remplir\s+les\s+fonctions\s+de\s+)?secrétaire")
_NAMED_SECRETARY = re.compile(r"(?P<name>[^\n,:]+?)" + _APPOINTED, re.I)
# (Not from a space that follows a space the name may end with: the search tried it from the space before, the same
# run of spaces ahead; each try went through the rest of the run, quadratic in a deep indent.)
_APPOINTED_AFTER_NAME = re.compile(r"(?<=[^\n,:])(?<![^\n,:][ \t])" + _APPOINTED, re.I)
#: The end of a sentence, after a word in small letters (not a civility's dot, "M. X"), then the next one's capital.
_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ]{2})\.[ \t]+(?=[A-ZÀ-Ý])")
#: The council that designates its secretary: "Le Conseil désigne Mme Léa X comme secrétaire de séance".
_DESIGNATES = compile_cue(r"\bdésigne\s+(?P<name>(?:M\.|Mme|Mlle|Monsieur|Madame)\s+[^\n,:]+?)\s+(?:comme|en\s+qualité"
                          r"\s+de|pour\s+remplir\s+les\s+fonctions\s+de)\s+secrétaire", re.I)
_SIGNATURE = re.compile(r"^(?:Le|La)\s+(?P<title>(?:[\wÀ-ÿ-]+\s+){0,2}(?:Vice-)?(?:(?:Président|Présidente)"
                        # a CCAS's or a CIAS's "Présidente déléguée" (the mayor presides by law)
                        r"(?:\s+délégué?e?)?|Maire|Adjointe?|Conseill[eè]re?\s+délégué?e?))(?:\s+d[eu]\s+[^\n,]{0,40})?"
                        r"\s*,?\s*$", re.I | re.M)


#: What a signature by delegation says above it: the signer is not the executive ("Pour le Président et par
#: délégation, / Le Vice-Président,").
_BY_DELEGATION = re.compile(r"\bpar\s+d[ée]l[ée]gation|\bpour\s+(?:le|la)\s+(?:pr[ée]sidente?|maire)\b", re.I)


def chair_from_signature(body: str, attendance: Attendance) -> None:
    """The chair that the executive's own signature names ("Le Président,\\nBruno X"), when the text names no
    chair otherwise (no sentence, no list of members): a president's or a mayor's, signing in their own name, not
    by delegation, and not an executive's own act (which no session, no chair, takes).

    >>> attendance = Attendance()
    >>> chair_from_signature("Adopté à l'unanimité.\\n\\nLe Maire du 7e arrondissement,\\nFanny DUBOURG", attendance)
    >>> attendance.chair.label, attendance.chair_title
    ('Fanny DUBOURG', 'Maire')
    >>> attendance = Attendance()
    >>> chair_from_signature("Pour le Président et par délégation,\\nLe Président,\\nPaul X", attendance)
    >>> attendance.chair is None
    True
    """
    if attendance.chair is not None or executives_act(body):
        return
    for sign in _own_signatures(body):
        title = sign.group("title").strip()
        if not re.fullmatch(r"Présidente?(?:\s+délégué?e?)?|Maire", title, re.I):  # not a vice-president's
            continue
        if (person := _signer(body, sign)) is not None:
            attendance.chair, attendance.chair_title = person, title[0].upper() + title[1:]
            attendance.quote((sign.start(), sign.end()), "chair", "chair_title")
        return


def _own_signatures(body: str):
    """The signatures of ``body`` (:data:`_SIGNATURE`) in the signer's own name, not by delegation."""
    for sign in _SIGNATURE.finditer(body):
        if not _BY_DELEGATION.search(body[:sign.start()].rstrip().rsplit("\n", 1)[-1]):
            yield sign


def _signer(body: str, sign: re.Match) -> Person | None:
    """The person a signature names on the line below its title ("Le Maire," / "Bernard X")."""
    return _officer(body[sign.end():sign.end() + 200].strip().split("\n")[0])


def offices_named(body: str, attendance: Attendance) -> None:
    """The members a list names by their office ("Excusés : M. le Maire", "M. le Président à M. Luc X") as the
    person the text names in that office: the chair under that title, or the executive who signs under it ("Le
    Maire,\\nJean X", in their own name). Those the text names nowhere stay in ``attendance.by_office``, to be said.

    >>> from graph.ingest.delib_people import parse_attendance
    >>> a = parse_attendance("Présents : Mme Anne MOREL\\nPouvoirs : M. le Maire à Mme Anne MOREL\\n"
    ...                      "Adopté.\\nLe Maire,\\nJean DUPONT")
    >>> [(p.giver.label, p.holder.label) for p in a.proxies], a.by_office
    ([('Jean DUPONT', 'Anne MOREL')], [])
    """
    unnamed = []
    for kind, office, holder in attendance.by_office:
        person = _in_office(body, attendance, fold(office.split()[-1]))
        if person is None or kind != "present" and person in attendance.present:  # the chair is no absentee
            unnamed.append((kind, office, holder))
            continue
        if kind != "proxies":
            append_member(getattr(attendance, kind), person)
        if kind == "proxies" or holder is not None:
            add_proxy(attendance, person, holder)
    attendance.by_office = unnamed
    _holders_named(body, attendance)


def _holders_named(body: str, attendance: Attendance) -> None:
    """Give the proxies to an office ("M. Serge X à M. le Président") the person the text names in that office (the
    chair under that title, or the executive who signs under it); else none: a person named "le Maire" would be
    every text's mayor at once (a person's IRI is minted from the name), so the proxy is counted, its holder unnamed.

    >>> from graph.ingest.delib_people import parse_attendance
    >>> a = parse_attendance("Pouvoirs : M. Serge ROUX à M. le Président ; Mme Anne MOREL au Maire\\n"
    ...                      "Présidence : M. Paul DURAND, Président.")
    >>> [(p.giver.label, p.holder and p.holder.label) for p in a.proxies]
    [('Serge ROUX', 'Paul DURAND'), ('Anne MOREL', None)]
    """
    for giver, office in attendance.held_by_office:
        title = HELD_BY_OFFICE.fullmatch(office)["title"]
        add_proxy(attendance, giver, _in_office(body, attendance, fold(title)))


def _in_office(body: str, attendance: Attendance, title: str) -> Person | None:
    """The person the text names in the office ``title`` (folded: "president", "maire"): the chair under that
    title, or the executive who signs under it in their own name."""
    if attendance.chair_title and fold(attendance.chair_title) == title:
        return attendance.chair
    sign = next((s for s in _own_signatures(body) if fold(s.group("title").strip()) == title), None)
    return _signer(body, sign) if sign is not None else None


def _find_secretary(body: str) -> re.Match | None:
    """The first "Secrétaire de séance : X" or "X a été désigné secrétaire" (the first of the two when both start at
    the same place), as one pattern with both alternatives finds it."""
    stated = _SECRETARY.search(body) or _DESIGNATES.search(body)
    verb = _APPOINTED_AFTER_NAME.search(body)
    if verb is None:
        return stated
    # The first name followed by the verb starts where the run of characters that the name allows, up to the first
    # verb that such a character precedes, starts: a name starting earlier would be followed by an earlier verb. In a
    # text run together on one line, the sentence before ends there too ("… en exercice. Madame X est nommée …").
    starts = [body.rfind(c, 0, verb.start()) + 1 for c in "\n,:"]
    starts += [m.end() for m in _SENTENCE_END.finditer(body, max(0, verb.start() - 200), verb.start())]
    named = _NAMED_SECRETARY.match(body, max(starts))
    return named if stated is None or named.start() < stated.start() else stated


def _officer(text: str) -> Person | None:
    """The person an officer's line names: a full name, or after a civility a family name alone ("Mme PROUST", "Mme
    Quéré") or a name in capitals ("MME ANNIE LAMADON").

    >>> _officer("Mme PROUST."), _officer("MME ANNIE LAMADON"), _officer("DUPONT"), _officer("Mme Quéré.").label
    (Person(given='', family='PROUST'), Person(given='Annie', family='LAMADON'), None, 'Quéré')
    """
    text = strip_asides(text.strip(" .;"))
    if (person := parse_person(text)) is not None or not STARTS_WITH_CIVILITY.match(text + " "):
        return person
    return in_capitals(text) if not re.search(r"[a-zà-ÿ]", text[text.find(" "):]) else titled_surname(text)


def parse_officers(body: str, attendance: Attendance) -> None:
    """Read the chair (and the title under which they sign) and the secretary of the session."""
    match = _CHAIR.search(body)
    if match:
        attendance.chair = _officer(match.group("name") or match.group("name2") or match.group("name3")
                                    or match.group("name4") or match.group("name5") or match.group("name6"))
        # "…, Maire de la commune", "… - Maire", "…, Vice-Présidente, présidant la séance"
        attendance.chair_title = (match.group("title") or match.group("office") or match.group("office5")
                                  or match.group("title6"))
        attendance.quote(match.span(), "chair", *(["chair_title"] if attendance.chair_title else []))
        if attendance.chair and (match.group("name") or match.group("name2") or match.group("name4")) and (
                office := _OFFICE_AFTER.match(body, match.end())):
            attendance.chair_title = office.group("office")
        name = match.group("name3")
        cut = name is not None and name.endswith("-")  # "M. Ange SANTINI-\nFERRANDI, Maire."
        unsure = attendance.chair is None or cut or not attendance.chair.given  # "Mme Sylvie" may be a family name
        if unsure and name and (wrapped := _WRAPPED_CHAIR.match(body, match.end())):
            # "sous la présidence de Mme Sylvie\nDARDENNE, Maire.": the line ended inside the name
            attendance.chair = _officer(name + ("" if cut else " ") + wrapped.group("rest"))
            attendance.chair_title = attendance.chair and (match.group("title") or wrapped.group("office"))
            titled = wrapped.group("office") and not match.group("title")
            attendance.quote(wrapped.span(), "chair", *(["chair_title"] if titled else []))
        elif (attendance.chair is not None and not attendance.chair.given and not attendance.chair.family.isupper()
              and attendance.chair_title is None and re.match(r"[ \t]*(?:\n|$)", body[match.end():])):
            attendance.chair = None  # "sous la présidence de Mme Sylvie" at a line's end: a given name, its family lost
    match = _find_secretary(body)
    if match:
        attendance.secretary = _officer(match.group("name") or match.group("signed"))
        attendance.quote(match.span(), "secretary")
    # A signature gives the chair's title, never the chair here: an extract is signed by the executive who certifies
    # it ("Le Président du CIAS, Gérard X"), whoever chaired the session (a vice-president, the eldest member); the
    # signer chairs only when the text names no one else (:func:`chair_from_signature`). The title written with the
    # chair ("sous la présidence de M. Hervé X, président") is kept: the signature's only fills in a missing one.
    for sign in _SIGNATURE.finditer(body):
        following = body[sign.end():sign.end() + 200].strip().split("\n")[0]
        person = parse_person(following)
        if attendance.chair and not attendance.chair_title and person and person.key == attendance.chair.key:
            attendance.chair_title = sign.group("title").strip()
