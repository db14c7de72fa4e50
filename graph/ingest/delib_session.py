"""The session of a deliberation: the organ that sat (a council, its permanent commission, a bureau, or an
executive deciding by delegation) and the day it sat."""

from __future__ import annotations

import datetime as dt
import functools
import re

from graph.ingest.delib_meta import heading, in_a_citation
from graph.ingest.french import DATE_RE, MONTH_NAMES, MONTHS, date_from_match, fold
from graph.ingest.french_numbers import words_to_number


#: Organs: pattern → canonical label.
BODIES = [
    # a metropole's or a communauté's bureau named as its council is: "Bureau de la Métropole"
    (r"bureau\s+(?:m[ée]tropolitain|de\s+(?:la\s+)?m[ée]tropole\b)", "Bureau Métropolitain"),
    (r"conseil\s+m[ée]tropolitain", "Conseil Métropolitain"),
    (r"bureau\s+(?:communautaire|de\s+(?:la\s+)?communaut[ée]\b)", "Bureau Communautaire"),
    (r"conseil\s+communautaire|conseil\s+de\s+(?:la\s+)?communaut[ée]|conseil\s+d['’]agglom[ée]ration",
     "Conseil Communautaire"),
    (r"conseil\s+de\s+(?:la\s+)?m[ée]tropole", "Conseil Métropolitain"),
    (r"commission\s+permanente", "Commission Permanente"),
    (r"conseil\s+municipal", "Conseil Municipal"),
    (r"conseil\s+d[ée]partemental", "Conseil Départemental"),
    (r"conseil\s+r[ée]gional", "Conseil Régional"),
    (r"comit[ée]\s+syndical", "Comité Syndical"),
    # a syndicat's executive board, which its comité delegates to
    (r"bureau\s+syndical", "Bureau Syndical"),
    # Saint-Pierre-et-Miquelon's assembly (not a health territory's council)
    (r"conseil\s+territorial(?!\s+de\s+sant[ée])", "Conseil Territorial"),
    # an établissement public's boards: a caisse des écoles's comité, a chambre d'agriculture's session (its
    # assembly, named so only where it deliberates: a region's "Session du …" is its council's sitting)
    (r"comit[ée]\s+de\s+la\s+caisse\s+des\s+[ée]coles", "Comité de la Caisse des écoles"),
    (r"session(?=\s*,?\s*apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r)", "Session"),
    # the board's bureau, which the board delegates to (an SDIS's, a CCAS's): not the board itself
    (r"bureau\s+du\s+conseil\s+d['’]administration", "Bureau du Conseil d'Administration"),
    (r"conseil\s+d['’]administration", "Conseil d'Administration"),
    # a public hospital's board (a centre hospitalier's, an EPSM's), or a société's; not the one a council names its
    # members to ("désigne ses représentants au conseil de surveillance du centre hospitalier")
    (r"conseil\s+de\s+surveillance(?![ \t]+(?:du|des|de|d['’])\b)", "Conseil de Surveillance"),
    # a GIP's or an association-like établissement's assembly, named as the heading names an organ: alone on its
    # line or with its sitting ("ASSEMBLÉE GÉNÉRALE\n\nSéance du …"), not an association's in a sentence
    (r"(?m:^)[ \t]*assembl[ée]e\s+g[ée]n[ée]rale(?=[ \t]*(?:\n|$)|\s*(?:[-–—:]\s*)?(?:(?:r[ée]union|s[ée]ance)\b"
     r"|(?:du|en\s+date\s+du|le)\s+(?:[a-z]+\s+)?\d))", "Assemblée Générale"),
    # an établissement public's (an office de tourisme's, a régie's)
    (r"comit[ée]\s+de\s+direction", "Comité de Direction"),
    (r"conseil\s+de\s+territoire", "Conseil de Territoire"),
    (r"conseil\s+de\s+l['’]eurom[ée]tropole", "Conseil Métropolitain"),
    (r"conseil\s+de\s+paris", "Conseil de Paris"),
    # a mairie d'arrondissement's council (Paris, Lyon, Marseille), which gives opinions to the city's
    (r"conseil\s+d['’]arrondissement", "Conseil d'Arrondissement"),
    # a commune nouvelle's commune déléguée's council ("Conseil de la commune déléguée de Seynod"), which gives
    # opinions and takes the decisions the commune nouvelle's council delegates to it
    (r"conseil\s+de\s+(?:la\s+)?commune\s+d[ée]l[ée]gu[ée]e", "Conseil de la Commune Déléguée"),
    (r"conseil\s+ex[ée]cutif", "Conseil Exécutif"),
    # a maison départementale des personnes handicapées's board (a GIP's, CASF art. L146-4); not the one a council
    # names its members to ("la commission exécutive de la MDPH")
    (r"commission\s+ex[ée]cutive(?![ \t]+(?:du|des|de|d['’])\b)", "Commission Exécutive"),
    # the Communauté d'agglomération du Pays Basque's council that its conseil communautaire delegates to
    (r"conseil\s+permanent\b", "Conseil Permanent"),
    # an établissement public's bureau (an établissement public foncier's), named alone with a capital: not "un
    # bureau" lent, nor the bureaux named above
    (r"(?-i:Bureau|BUREAU)\b(?!\s+(?:m[ée]tropolitain|communautaire|syndical|du\s+conseil|ex[ée]cutif"
     r"|de\s+(?:la\s+)?(?:m[ée]tropole|communaut[ée]))\b)",
     "Bureau"),
    # the assemblies of the collectivités with a special status, which their executive council reports to
    (r"assembl[ée]e\s+de\s+corse", "Assemblée de Corse"),
    (r"assembl[ée]e\s+de\s+(?:la\s+)?martinique", "Assemblée de Martinique"),
    (r"assembl[ée]e\s+de\s+(?:la\s+)?guyane", "Assemblée de Guyane"),
    # New Caledonia's provinces' assemblies
    (r"assembl[ée]e\s+de\s+la\s+province\s+nord", "Assemblée de la Province Nord"),
    (r"assembl[ée]e\s+de\s+la\s+province\s+sud", "Assemblée de la Province Sud"),
    (r"assembl[ée]e\s+de\s+la\s+province\s+des\s+[îi]les(?:\s+loyaut[ée])?",
     "Assemblée de la Province des îles Loyauté"),
]
#: A decision or an arrêté that the executive takes by delegation of the council, named in the heading ("DÉCISION
#: DU PRÉSIDENT N° DP-2024-0318", "ARRÊTÉ DU MAIRE N° 12"): the executive's act, whatever council its visas and its
#: last article name.
_EXECUTIVES_DECISION = re.compile(
    r"^[ \t]*(?:d[ée]cision|arr[êe]t[ée])\s+(?:du|de\s+la)\s+(?P<who>pr[ée]sidente?|maire)\b", re.I | re.M)
#: … or an act so named whose author speaks on a line of his own below it ("ARRÊTÉ N° 2025-0412\nportant …\nLE
#: PRÉSIDENT DU CONSEIL DÉPARTEMENTAL,").
_EXECUTIVES_ACT = re.compile(r"^[ \t]*(?:d[ée]cision|arr[êe]t[ée])\b[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*(?:le|la)\s+"
                             r"(?P<who>pr[ée]sidente?|maire)\b[^\n]*,[ \t]*$", re.I | re.M)


def executives_act(body: str) -> re.Match | None:
    """The heading's words that make ``body`` an act of the executive (a mayor's or a president's decision or
    arrêté), its group ``who`` naming him; None for a council's deliberation.

    >>> executives_act("ARRÊTÉ N° 12\\nportant attribution de subventions\\nLE PRÉSIDENT DU CONSEIL DÉPARTEMENTAL,\\n"
    ...                "Vu le code…").group("who")
    'PRÉSIDENT'
    >>> executives_act("DÉLIBÉRATION N° 12\\nLe Conseil municipal,\\nVu le code…") is None
    True
    """
    top = heading(body)
    return _EXECUTIVES_DECISION.search(top) or _EXECUTIVES_ACT.search(top)


#: What follows an organ named with its session: "COMMISSION PERMANENTE - RÉUNION DU …", "CONSEIL MUNICIPAL DU 4 …".
_SITTING = r"\s*(?:[-–—:]\s*)?(?:(?:r[ée]union|s[ée]ance)\b|(?:du|en\s+date\s+du|le)\s+(?:[a-z]+\s+)?\d)"


@functools.cache
def _organ_pattern(organ: str, after: str) -> re.Pattern:
    """An organ's pattern (:data:`BODIES`) and what must follow it, compiled once: the names a text's reading
    compiles pushed such patterns out of the re module's cache."""
    return re.compile(organ + after, re.I)


def find_body(body: str) -> str | None:
    """Return the canonical label of the organ that deliberated: the one the heading names with its session, else
    the first named ("CONSEIL DÉPARTEMENTAL" heads the Commission permanente's acts too).

    >>> find_body("CONSEIL DÉPARTEMENTAL\\nCOMMISSION PERMANENTE - RÉUNION DU 8 JUILLET 2024\\nVu le Conseil régional")
    'Commission Permanente'
    >>> find_body("COMMISSION PERMANENTE DU CONSEIL RÉGIONAL\\nRéunion du vendredi 19 avril 2024")
    'Commission Permanente'
    >>> find_body("RÉGION X\\nConseil régional\\nLa Commission permanente, après en avoir délibéré, décide")
    'Commission Permanente'
    >>> find_body("COMMUNAUTÉ DE COMMUNES X\\nDÉCISION DU PRÉSIDENT N° 12\\nVu la délibération du Conseil syndical")
    'Président'

    A heading that names the organ as another's ("COMMISSION PERMANENTE DU CONSEIL RÉGIONAL") names the one that
    deliberates, whatever the sentence says ("Le Conseil régional … s'est réuni"):

    >>> find_body("COMMISSION PERMANENTE DU CONSEIL REGIONAL\\n2 décembre 2024\\n\\nLe Conseil régional s'est réuni")
    'Commission Permanente'
    """
    if (executive := executives_act(body)) is not None:
        return "Maire" if fold(executive.group("who")) == "maire" else "Président"
    # The heading's organ with its sitting; else the organ of the sentence that deliberates ("La Commission
    # permanente, après en avoir délibéré" — a page header's "Conseil régional" comes first); else the first.
    for text, after in ((heading(body), _SITTING), (heading(body), _OF_ANOTHER), (body, _DELIBERATES), (body, "")):
        hits = []
        for pattern, label in BODIES:
            # In the heading, not the organ another is of: "COMMISSION PERMANENTE DU CONSEIL RÉGIONAL\nRéunion du …"
            # (but "DÉLIBÉRATION N° 3\nDE LA COMMISSION PERMANENTE\nRéunion du …" is the Commission's)
            match = next((m for m in _organ_pattern(pattern, after).finditer(text)
                          if not after or not _ORGAN_OF.search(text, 0, m.start())), None)
            if match:
                hits.append((match.start(), label))
        if hits:
            return min(hits)[1]
    return None


#: An organ before the one that follows it on its line, which it is of: "COMMISSION PERMANENTE DU …".
_ORGAN_OF = re.compile(r"\b(?:commission|conseil|bureau|comit[ée]|assembl[ée]e)\b[^\n]*?\b(?:du|de\s+la|de\s+l['’])"
                       r"[ \t]*$", re.I)
#: What follows an organ of another in a heading: "COMMISSION PERMANENTE DU CONSEIL REGIONAL".
_OF_ANOTHER = r"(?=[ \t]+(?:du|de\s+la|de\s+l['’])[ \t]*(?:conseil|comit[ée]|assembl[ée]e)\b)"
#: What follows the organ that deliberates in its own sentence.
_DELIBERATES = (r"(?=[^.\n]{0,100}?(?:apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|s['’]est\s+r[ée]uni|"
                r"r[ée]guli[èe]rement\s+convoqu|d[ée]cide\b|DÉCIDE))")

#: An organ named with the day it sat: "COMMISSION PERMANENTE DU 12 JUIN 2023", "Conseil communautaire du …".
_ORGAN_OF_THE_DAY = re.compile(
    r"\b(?:commission\s+permanente|comit[ée]\s+syndical"
    r"|conseil\s+(?:municipal|communautaire|m[ée]tropolitain|d[ée]partemental|r[ée]gional"
    r"|d['’]administration|syndical|de\s+(?:la\s+)?(?:m[ée]tropole|communaut[ée])|de\s+l['’]eurom[ée]tropole)"
    r"|bureau(?:\s+(?:communautaire|m[ée]tropolitain|ex[ée]cutif|syndical))?"
    r"|assembl[ée]e\s+(?:pl[ée]ni[èe]re|d[ée]lib[ée]rante))\s+(?:du|en\s+date\s+du|le)\s+", re.I)


#: The formula of a commune's register: "L'an deux mille vingt-quatre, le douze mars à dix-huit heures…".
#: "… le neuf du mois de décembre …" too.
_SPELLED_SESSION = re.compile(r"L['’]an\s+(?P<year>[a-zéè\s-]+?|\d{4})\s*,?\s+le\s+(?P<day>premier|1er|\d{1,2}|"
                              r"[a-zéè\s-]+?)\s+(?:du\s+mois\s+(?:de\s+|d['’]))?(?P<month>"
                              + "|".join(sorted({*MONTH_NAMES, *MONTHS})) + r")\b", re.I)


#: A register's opening sentence that dates the sitting first: "Le 9 décembre 2024 à 18 heures 30, le Conseil
#: municipal …" — its date, then its hour or the body that sat.
_OPENS_WITH_DATE = re.compile(r"^[ \t]*Le\s+(?=\w)", re.M)
_MET_AFTER = re.compile(r"\s*(?:,\s*)?(?:à\s+\d{1,2}\s*(?:h|heures?)\b[^,\n]{0,20},?\s*)?"
                        r"(?:le|la|l['’])\s*(?:conseil|bureau|commission|comit[ée]|assembl[ée]e)\b", re.I)


def _spelled_session_date(body: str) -> dt.date | None:
    """The date of the register's formula, its year and day in words or figures.

    >>> _spelled_session_date("L'an deux mille vingt-quatre, le douze mars à dix-huit heures trente")
    datetime.date(2024, 3, 12)
    """
    match = _SPELLED_SESSION.search(body)
    if match is None:
        return None
    year, day = match.group("year"), match.group("day").lower()
    year = int(year) if year.isdigit() else words_to_number(year)
    day = 1 if day in ("premier", "1er") else int(day) if day.isdigit() else words_to_number(day)
    try:
        return dt.date(year, MONTHS[fold(match.group("month"))], day) if year and day else None
    except ValueError:
        return None


def find_session_date(body: str) -> dt.date | None:
    """Return the date of the session ("Séance du …", "SEANCE DU BUREAU … DU 16 MAI 2024", "COMMISSION PERMANENTE
    DU 12 JUIN 2023", "réuni … le …").

    >>> find_session_date("COMMISSION PERMANENTE DU 12 JUIN 2023\\nVu la délibération du Conseil municipal du 3 mai 2021")
    datetime.date(2023, 6, 12)
    >>> find_session_date("Vu la délibération du Conseil municipal du 3 mai 2021") is None
    True
    >>> find_session_date("Conseil de la Métropole du jeudi 10 octobre 2024"), find_session_date("s'est réuni le "
    ...                   "lundi 2 décembre\\n2024")
    (datetime.date(2024, 10, 10), datetime.date(2024, 12, 2))

    The heading's date comes first: the sitting the act heads with ("COMMISSION PERMANENTE\\nRéunion du 14 octobre
    2024"), not an earlier one its report cites ("financée par la Commission permanente du 8 juillet 2024").

    >>> find_session_date("COMMISSION PERMANENTE\\nRéunion du 14 octobre 2024\\n\\nObjet : 2e série\\nUne série a été "
    ...                   "financée par la Commission permanente du 8 juillet 2024.")
    datetime.date(2024, 10, 14)

    An executive's act, which no session takes, is dated by its signature before any meeting its visas cite ("Vu
    l'avis du comité réuni le 2 octobre 2025").

    >>> find_session_date("DÉCISION DU PRÉSIDENT N° 12\\nVu l'avis du comité réuni le 2 octobre 2025 ;\\nDÉCIDE\\n"
    ...                   "Fait au Blanc, le 9 octobre 2025")
    datetime.date(2025, 10, 9)
    """
    return (_session_date(heading(body)) or _date_alone(heading(body)) or _decision_date(body)
            or _session_date(body) or _numbered_act_date(heading(body)))


#: The act's own heading line that dates it with its number: "Délibération n° 25-0312-1 du 12 mars 2025".
_NUMBERED_ACT = re.compile(r"^[ \t*#]*d[ée]lib[ée]ration[ \t]+n[ \t]*[°ºo][ \t]*\S+(?:[ \t]+\S+)?[ \t]+"
                           r"(?:du|en[ \t]+date[ \t]+du)[ \t]+", re.I | re.M)


def _numbered_act_date(text: str) -> dt.date | None:
    """The date that the act's heading gives with its number, the day it was deliberated, when no sitting is dated
    otherwise ("Délibération n° 25-0312-1 du 12 mars 2025"); not a cited act's ("Vu la délibération n° … du …",
    which no line opens with).

    >>> _numbered_act_date("Conseil exécutif\\nDélibération n° 25-0312-1 du 12 mars 2025\\nPortant attribution")
    datetime.date(2025, 3, 12)
    >>> _numbered_act_date("Vu la délibération n° 25-41-1 du 20 février 2025") is None
    True
    """
    for match in _NUMBERED_ACT.finditer(text):
        if (date := DATE_RE.match(text, match.end())) is not None and (found := date_from_match(date)):
            return found
    return None


#: The hour after a heading's date: " • 18H30", " - 18h", " à 9 h 30".
_AT_HOUR = re.compile(r"[ \t]*(?:[•·,–—-]|\bà)?[ \t]*\d{1,2}[ \t]*h[ \t]*(?:\d{2})?$", re.I)


def _date_alone(text: str) -> dt.date | None:
    """The date that a line of a heading gives alone, the session's ("COMMISSION PERMANENTE DU CONSEIL REGIONAL\\n2
    décembre 2024").

    >>> _date_alone("RÉGION BRETAGNE\\nCOMMISSION PERMANENTE\\nlundi 2 décembre 2024\\nDELIBERATION")
    datetime.date(2024, 12, 2)

    The hour may follow it: "JEUDI 12 DECEMBRE 2024 • 18H30", "mardi 3 juin 2025 à 18 h".

    >>> _date_alone("CONSEIL COMMUNAUTAIRE\\nJEUDI 12 DECEMBRE 2024 • 18H30"), _date_alone("3 juin 2025 à 18 h")
    (datetime.date(2024, 12, 12), datetime.date(2025, 6, 3))
    """
    for line in text.split("\n"):
        line = _AT_HOUR.sub("", line.strip())
        if (date := DATE_RE.fullmatch(line)) is not None and date.group("year"):
            return date_from_match(date)
    return None


def _decision_date(body: str) -> dt.date | None:
    """The day an executive's act (:func:`executives_act`) was signed, which dates it: "Fait à Bayonne, le
    18 mars 2024".

    >>> _decision_date("DÉCISION DU PRÉSIDENT N° 12\\nDÉCIDE\\nFait à Bayonne, le 18 mars 2024\\nLe Président")
    datetime.date(2024, 3, 18)
    """
    if executives_act(body) is None:
        return None
    signed = re.search(r"^[ \t]*Fait\s+(?:à|au|aux|en)\s+[^\n,]{1,60},?\s+le\s+", body, re.M)
    date = DATE_RE.match(body, signed.end()) if signed else None
    return date_from_match(date) if date else None


def _own_heading(body: str, line: str, date: re.Match) -> bool:
    """Whether a line that names a deliberation with its organ and date is the act's own heading, alone on its line
    ("Délibération du Conseil Municipal du 7 octobre 2024"), not a cited act ("la délibération du … portant …").

    >>> body = "Ville de X\\nDélibération du Conseil Municipal du 7 octobre 2024\\n24/0611/SAN"
    >>> _own_heading(body, "Délibération du ", DATE_RE.search(body))
    True
    """
    return (re.fullmatch(r"[ \t]*D[ée]lib[ée]ration\s+(?:du|de\s+la|de\s+l['’])\s*", line, re.I) is not None
            and re.match(r"[ \t]*(?:\n|$)", body[date.end():]) is not None)


def _session_date(body: str) -> dt.date | None:
    """The session's date that ``body`` gives, by the first of :func:`find_session_date`'s ways that finds one."""
    for match in re.finditer(r"s[ée]ance|\bsession\b", body, re.I):
        window = body[match.end():match.end() + 100].replace("\n", " ")  # a date a line end cuts
        date = DATE_RE.search(window)
        if date and not re.search(r"convo(?:qu|c)", window[:date.start()], re.I) and (found := date_from_match(date)):
            return found
    if (spelled := _spelled_session_date(body)) is not None:
        return spelled
    for match in _OPENS_WITH_DATE.finditer(body):
        date = DATE_RE.match(body, match.end())
        if date and _MET_AFTER.match(body, date.end()) and (found := date_from_match(date)):
            return found
    for match in _ORGAN_OF_THE_DAY.finditer(body):
        # Not in a visa, nor after "délibération" on its line ("… la délibération du Conseil municipal du …"),
        # unless it is the register's ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL DU MARDI 19 MARS
        # 2024", "Extrait des délibérations du Conseil Municipal Du 21 mai 2024").
        line = body[body.rfind("\n", 0, match.start()) + 1:match.start()]
        date = DATE_RE.match(body, match.end())
        if (date and not in_a_citation(body, match.start())
                and (not re.search(r"(?<!des )d[ée]lib[ée]ration", line, re.I) or _own_heading(body, line, date))
                and (found := date_from_match(date))):
            return found
    for match in re.finditer(r"r[ée]union|r[ée]uni\b", body, re.I):
        window = body[match.end():match.end() + 100].replace("\n", " ")
        date = DATE_RE.search(window)
        if date and not re.search(r"convoqu", window[:date.start()], re.I) and (found := date_from_match(date)):
            return found
    return None
