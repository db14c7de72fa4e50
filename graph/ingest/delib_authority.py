"""The authority that deliberates: the collectivité or établissement public that a deliberation's heading, else its
text, names, never one it names as a grant's beneficiary (:func:`find_authority`); else the organisation that its
heading names (:func:`heading_organisation`); and how many communes an intercommunal authority gathers
(:func:`find_member_count`).

The patterns of each kind of authority are :mod:`graph.ingest.delib_authority_patterns`'s; how an authority's name
is written (names in capitals written as French place names are, a town hall named as its commune) is
:mod:`graph.ingest.delib_authority_names`'s.
"""

from __future__ import annotations

import re

from graph.ingest.delib_authority_names import (PARTICLES, accent_kind_words, read_authority_name, title_case,
                                                title_case_cell)
from graph.ingest.delib_authority_patterns import AUTHORITIES, HEADING_PATTERNS
from graph.ingest.delib_meta import COLUMN_GAP, FIGURE_CELL, heading
from graph.ingest.french import fold


def find_authority(body: str, beneficiaries: list[str] | None = None) -> tuple[str, list[str]] | None:
    """Return the authority's display name and the spelling variants of it that the text uses: the most particular
    one its heading names (:data:`graph.ingest.delib_authority_patterns.HEADING_PATTERNS`), else the first of
    :data:`AUTHORITIES` that the text names, never one it names as a grant's beneficiary
    (:func:`_named_as_beneficiary`); ``beneficiaries`` receives those.

    >>> find_authority("Délibération n° 12\\nDécide d'attribuer à la Commune de Mens une aide. La Région Bretagne…")
    ('Région Bretagne', [])
    >>> find_authority("VILLE DE ROANNE\\nCENTRE COMMUNAL D'ACTION SOCIALE\\n\\nConseil d'administration")[0]
    "Centre communal d'action sociale de Roanne"
    """
    def cased(text: str) -> str:  # each column of a line in capitals, as its own, before a gloss ("… (Ariège)"),
        # the accents of its kind's words given back ("COMMUNAUTE DE COMMUNES")
        return accent_kind_words("\n".join("".join(title_case_cell(cell) for cell in re.split(r"([ \t]{3,})", line))
                                           for line in text.split("\n")))

    skipped: list[str] = [] if beneficiaries is None else beneficiaries
    # a compound name that a PDF's line wrap cut after a hyphen, whole again: "MAIRIE DE SAINT-ANDRÉ-DES-" / "OLIVIERS"
    head = _CUT_COMPOUND.sub("-", heading(body))
    # a CCAS's heading that names its commune above its kind: the commune's CCAS, not the commune
    head = _CCAS_UNDER_ITS_COMMUNE.sub(lambda m: f"{m['kind']} {m['of']}\n", head)
    # a kind alone on its line, its territory on the next ("PÔLE D'ÉQUILIBRE TERRITORIAL ET RURAL" / "DU PAYS …"): one
    head = _KIND_ABOVE_ITS_TERRITORY.sub(lambda m: m["kind"] + " ", head)
    in_its_heading = _find_authority(_SPELLED_EHPAD.sub("EHPAD ", cased(head)), body, HEADING_PATTERNS, skipped)
    if (named := _named_above_its_kind(heading(body))) is not None:
        # a logo's last line over its kind ("LE GRAND\nNARBONNE\nCommunauté d'agglomération"), that the heading
        # names in full ("COMMUNAUTÉ D'AGGLOMÉRATION LE GRAND NARBONNE"): the full name
        if in_its_heading is None or not re.search(rf"\b{re.escape(fold(named))}$", fold(in_its_heading[0])):
            return named, []
    return (in_its_heading
            or _find_authority(body, body, AUTHORITIES, skipped)
            or _find_authority(cased(body), body, AUTHORITIES, skipped))


#: A CCAS's heading that names its commune on the line above its kind ("VILLE DE ROANNE" / "CENTRE COMMUNAL D'ACTION
#: SOCIALE"): its kind then its commune, as one name.
_CCAS_UNDER_ITS_COMMUNE = re.compile(
    r"(?im)^[ \t]*(?:ville|commune)[ \t]+(?P<of>(?:de[ \t]+(?:la[ \t]+|l['’]|les[ \t]+)?|d['’]|du[ \t]+|des[ \t]+)"
    r"[^\n]+?)[ \t]*\n[ \t]*(?P<kind>centre[ \t]+communal[ \t]+d['’][ \t]*action[ \t]+sociale|ccas)[ \t]*$")
#: An intercommunal authority's kind alone on a heading's line, the line below naming its territory after a particle
#: ("PÔLE D'ÉQUILIBRE TERRITORIAL ET RURAL" / "DU PAYS VAL DE GARTEMPE", "COMMUNAUTÉ DE COMMUNES" / "DU PAYS DE X"):
#: one name, cut by the layout.
_KIND_ABOVE_ITS_TERRITORY = re.compile(
    r"(?im)^(?P<kind>[ \t]*(?:p[ôo]le[ \t]+d['’][ée]quilibre[ \t]+territorial[ \t]+et[ \t]+rural|p[ôo]le[ \t]+"
    r"m[ée]tropolitain|communaut[ée][ \t]+(?:de[ \t]+communes|d['’][ \t]*agglom[ée]ration|urbaine)|syndicat[ \t]+"
    r"(?:mixte|intercommunal(?:[ \t]+à[ \t]+vocation[ \t]+(?:unique|multiple))?)|[ée]tablissement[ \t]+public[ \t]+"
    r"territorial))[ \t]*\n[ \t]*(?=(?:du|des|de)[ \t]+|d['’][ \t]*\w)")
#: A hyphen at a line's end before a capital: a compound's, whose line the wrap cut.
_CUT_COMPOUND = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[A-ZÀ-Ý])")
#: A public EHPAD's kind spelled out, and the line end and the quotes before its name: "ÉTABLISSEMENT D'HÉBERGEMENT
#: POUR PERSONNES ÂGÉES DÉPENDANTES\n« RÉSIDENCE BUFFON »" heads the act of the EHPAD Résidence Buffon.
_SPELLED_EHPAD = re.compile(r"[ÉE]tablissement\s+d['’]\s*h[ée]bergement\s+pour\s+personnes\s+[âa]g[ée]es\s+"
                            r"d[ée]pendantes\s*", re.I)
#: An authority's kind alone on a heading's line, under the authority's name ("AGGLOMÉRATION MONTARGOISE ET RIVES
#: DU LOING" / "Communauté d'agglomération"); a société d'économie mixte's or a société publique locale's, with its
#: capital ("NIÈVRE AMÉNAGEMENT" / "Société anonyme d'économie mixte locale au capital de 2 450 000 €").
_KIND_ALONE = re.compile(r"(?:(?:Le|La|L['’])\s*)?(?:Communauté\s+(?:de\s+communes|d['’]agglomération|urbaine)"
                         r"|Syndicat\s+mixte(?:\s+(?:ouvert|fermé))?|Métropole|Département|Région"
                         r"|(?:Société\s+(?:anonyme\s+)?(?:d['’]\s*économie\s+mixte|publique\s+locale)(?:\s+locale)?"
                         r"|SEML?|SPL)(?:\s+au\s+capital\s+de\s+[\d  .]+\s*(?:€|euros))?)", re.I)


def _named_above_its_kind(text: str) -> str | None:
    """The name on the line above an authority's kind alone on its line (:data:`_KIND_ALONE`): a line of words that
    names a body (none of :data:`_NOT_A_BODY`), written as French place names are when in capitals.

    >>> _named_above_its_kind("AGGLOMÉRATION DU LOING-FICTIF\\nCommunauté d'agglomération\\nPROCÈS-VERBAL")
    'Agglomération du Loing-Fictif'
    >>> _named_above_its_kind("SAINT-QUENTIN-FICTIF\\nCommunauté d'agglomération\\n\\nCONSEIL COMMUNAUTAIRE DU JEUDI")
    'Saint-Quentin-Fictif'
    >>> _named_above_its_kind("RÉPUBLIQUE FRANÇAISE\\nCommunauté de communes") is None
    True
    """
    lines = [line.strip(" -–—:;,.") for line in text.split("\n")]
    for above, line in zip(lines, lines[1:]):
        if (_KIND_ALONE.fullmatch(line) and not _NOT_A_BODY.search(above) and 1 <= len(above.split()) <= 10
                and re.fullmatch(r"[A-ZÀ-Ý][\w'’ -]*", above)):
            return title_case(above) if above.isupper() else above
    return None


#: A heading's line that names no body that deliberates: the Republic and its motto, the register, an
#: administrative division above a commune's name, an organ, its sitting, the act's number, its object or subject.
_NOT_A_BODY = re.compile(
    r"r[ée]publique\s+fran[çc]aise|libert[ée]|extrait|registre|proc[èe]s[- ]verbal|compte[- ]rendu"
    r"|^(?:d[ée]partement|arrondissement|canton|r[ée]gion|pr[ée]fecture|sous-pr[ée]fecture)\b"
    r"|^(?:conseil|comit[ée]|bureau|commission|assembl[ée]e|session|s[ée]ance|r[ée]union|d[ée]cision)\b"
    r"|^(?:à|au|aux|pour|en\s+faveur|objet|rapport|annexe|direction|service|p[ôo]le)\b"
    r"|d[ée]lib[ée]r|subvention|\baides?\b|attribution|\bn\s*[°º]|\d", re.I)


def heading_organisation(body: str) -> str | None:
    """The organisation that the heading's first line naming a body names, for a deliberation whose authority is
    none of :data:`AUTHORITIES`: a line of words, starting with a capital, that is none of :data:`_NOT_A_BODY`.

    >>> heading_organisation("RÉPUBLIQUE FRANÇAISE\\nASSOCIATION FONCIÈRE PASTORALE DU HAUT-VERDON\\nSéance du 5 mai")
    'Association foncière pastorale du Haut-Verdon'
    >>> heading_organisation("COMMISSION PERMANENTE\\nSéance du 5 avril 2024\\nDélibération n° 2024-01") is None
    True
    """
    for line in heading(body).split("\n"):
        line = re.sub(r"\s+", " ", line).strip(" -–—:;,.")
        words = line.split(" ")
        if (_NOT_A_BODY.search(line) or not 2 <= len(words) <= 14 or not re.fullmatch(r"[\w'’ ()«»\"-]+", line)
                or not line[0].isupper()):
            continue
        if not line.isupper():
            return re.sub(r"\s+", " ", re.sub(r"[«»“”\"]", " ", line)).strip()
        # in capitals: the words of its kind in lower case up to the first particle ("… PASTORALE DU HAUT-VERDON")
        first, *rest = title_case(re.sub(r"[«»“”\"]", " ", line)).split()
        kind = next((i for i, w in enumerate(rest) if w in PARTICLES or re.match(r"[dl]['’]", w)), len(rest))
        return " ".join([first, *(w.lower() for w in rest[:kind]), *rest[kind:]])
    return None


#: What names a commune as a grant's beneficiary or a partner, not as the authority: "attribue à la Commune de X",
#: "au profit de la commune de", "convention avec la Commune de", "Dossier n° EX… - Commune de X", "1. Commune de X –
#: …" (a list's item, in the exposé).
_BENEFICIARY_BEFORE = re.compile(r"(?:\b(?:à|au\s+profit\s+de|en\s+faveur\s+de|pour|avec)\s+(?:la\s+|l['’])?"
                                 r"|\bDossier\s+n\s*[°º][^\n]*?\s[-–—]\s*"
                                 # a list's numbered or bulleted item: "1. Commune de Blond – Réhabilitation …"
                                 r"|^[ \t]*(?:\d{1,2}[ \t]?[.)°]|[a-z]\)|[-–—•*▪])[ \t]*)$", re.I)


def _named_as_beneficiary(text: str, match: re.Match) -> bool:
    """Whether ``text`` names the authority that ``match`` found as a beneficiary (:data:`_BENEFICIARY_BEFORE`) or in
    a table's row (a figure among the line's columns: "Commune de Mens     Télémédecine     74 000     37 000")."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    cells = COLUMN_GAP.split(text[start:end if end >= 0 else len(text)].strip())
    return (_BENEFICIARY_BEFORE.search(text[start:match.start()]) is not None
            or (len(cells) >= 2 and any(FIGURE_CELL.fullmatch(c) for c in cells)))


#: What names a town hall as the seat of the body that deliberates, not as that body: "Siège : Mairie de Lamastre",
#: "siège social : Hôtel de ville, …".
_SEAT_BEFORE = re.compile(r"\bsi[èe]ge(?:\s+social)?\s*:?\s*(?:(?:à|en)\s+(?:la\s+)?)?$", re.I)


def _named_as_seat(text: str, match: re.Match) -> bool:
    """Whether ``text`` names the authority that ``match`` found as a body's seat (:data:`_SEAT_BEFORE`)."""
    return _SEAT_BEFORE.search(text[text.rfind("\n", 0, match.start()) + 1:match.start()]) is not None


def _spellings(name: str) -> str:
    """A pattern of the ways a text may spell ``name``: its spaces any, its e's with or without their accents, a
    line end after its hyphens (a PDF's text wraps "Saint-" / "Étienne Métropole").

    >>> [m.group(0) for m in re.finditer(_spellings("Saint-Étienne Métropole"), "SAINT-ETIENNE\\nMETROPOLE", re.I)]
    ['SAINT-ETIENNE\\nMETROPOLE']
    """
    return "".join(r"\s+" if c.isspace() else "[eéèêëEÉÈÊË]" if fold(c) == "e" else r"-\n?" if c == "-"
                   else re.escape(c) for c in name)


#: Where the place in an authority's name starts: its first word in capitals after the first, an article opening it
#: aside, which the name writes as its own ("Commune de La Roche-sur-Yon", never "… de la Roche-sur-Yon").
_PLACE_IN_NAME = re.compile(r"^\S+ [^A-ZÀ-Ý]*?(?:(?:La|Le|Les) )?(?=[A-ZÀ-Ý])")


def place_as_written(name: str, body: str) -> str:
    """``name`` with its place (:data:`_PLACE_IN_NAME`) as ``body`` writes it in small letters, when the name was
    read from capitals and the text writes the place otherwise in one way only: "COMMUNE DE PLOUGUERNEVEL-AN-ARVOR"
    over "À Plouguernevel-an-Arvor, le 5 novembre 2024" is the "Commune de Plouguernevel-an-Arvor".

    >>> place_as_written("Commune de Santa-Maria-Di-Lota", "COMMUNE DE SANTA-MARIA-DI-LOTA\\nÀ Santa-Maria-di-Lota")
    'Commune de Santa-Maria-di-Lota'
    >>> place_as_written("Commune de La Roche-sur-Yon", "MAIRIE DE LA ROCHE-SUR-YON\\nÀ la Roche-sur-Yon")
    'Commune de La Roche-sur-Yon'

    An article that the text writes with a capital within a sentence is the place's (:func:`_article_as_written`):
    "Conseil départemental de La Réunion" is the "Département de La Réunion".
    """
    head = _PLACE_IN_NAME.match(name)
    if head is None:
        return name
    place = name[head.end():]
    spelled = r"(?<![\w-])" + _spellings(place) + r"(?![\w-])"
    if re.search(spelled, body):
        return _article_as_written(name, head.end(), body)  # the text writes it as read
    written = {re.sub(r"\s+", " ", m.group(0).replace("-\n", "-")) for m in re.finditer(spelled, body, re.I)
               if not m.group(0).isupper()}
    written = {w for w in written if w.lower() == place.lower()}
    return _article_as_written(name[:head.end()] + written.pop() if len(written) == 1 else name, head.end(), body)


#: The article before a place in an authority's name, in small letters: "Département de la Réunion".
_SMALL_ARTICLE = re.compile(r"(?<= )la $")


def _article_as_written(name: str, at: int, body: str) -> str:
    """``name`` with the article before its place (at offset ``at``) in a capital when ``body`` writes it so within a
    sentence (after a word in small letters), and never in small letters: the article is then the place's own, as
    "La Réunion" is the island's name ("Conseil départemental de La Réunion"), not "la Gironde".

    >>> _article_as_written("Département de la Réunion", 18, "DE LA RÉUNION\\nLe Conseil départemental de La Réunion")
    'Département de La Réunion'
    >>> _article_as_written("Département de la Gironde", 18, "Le Conseil départemental de la Gironde")
    'Département de la Gironde'
    """
    if (article := _SMALL_ARTICLE.search(name, 0, at)) is None:
        return name
    after_article = r"[ \t]+" + _spellings(name[at:]) + r"(?![\w-])"
    if re.search(_IN_SENTENCE + "La" + after_article, body) \
            and not re.search(_IN_SENTENCE + "la" + after_article, body):
        return name[:article.start()] + "La " + name[at:]
    return name


#: Within a sentence: after a word in small letters ("… départemental de La Réunion"), not at a sentence's start.
_IN_SENTENCE = r"(?<=[a-zà-ÿ][ \t])"


def _find_authority(text: str, body: str, patterns: list[re.Pattern],
                    skipped: list[str]) -> tuple[str, list[str]] | None:
    """The authority that ``text`` names by the first of ``patterns`` that finds one, and its spellings in
    ``body``; ``skipped`` receives the names a beneficiary's (:func:`_named_as_beneficiary`)."""
    for pattern in patterns:
        found = None
        for match in pattern.finditer(text):
            if match.group("name").isupper():
                break
            if _named_as_seat(text, match):
                continue
            if not _named_as_beneficiary(text, match):
                found = match
                break
            if (name := read_authority_name(match.group("name"))) not in skipped:
                skipped.append(name)
        if found is None:
            continue
        name = place_as_written(read_authority_name(found.group("name")), body)
        key = fold(name).replace("-", " ")
        variants = {re.sub(r"\s+", " ", m.group(0).replace("-\n", "-"))
                    for m in re.finditer(_spellings(name), body, re.I)}
        return name, sorted(v for v in variants if fold(v).replace("-", " ") == key and v.lower() != name.lower())
    return None


def find_member_count(body: str) -> int | None:
    """Return the number of communes an intercommunal authority gathers ("l'ensemble des 53 communes")."""
    match = re.search(r"(?:ensemble\s+des|regroupe|rassemble|réunit|compte)\s+(?P<n>\d+)\s+communes"
                      r"|(?P<n2>\d+)\s+communes\s+membres", body, re.I)
    return int(match.group("n") or match.group("n2")) if match else None
