"""The deliberation kind: council deliberations (PDF text layer, plain text, Markdown) into the graph.

This module recognises the genre (a deliberation's words and what it decides, or an erratum to one): it is what
detecting a file's kind imports. The reading, :mod:`graph.ingest.delib_reader` and the modules it names, compiles
~0.3 s of patterns: it is imported when a deliberation is first read (by an ingest of several files that may be
deliberations, before its extracting processes fork: :func:`graph.ingest.pipeline.ingest_paths`), not by an ingest
of other kinds.

>>> looks_like_deliberation("EXTRAIT DU REGISTRE DES DELIBERATIONS ... après en avoir délibéré")
True
>>> looks_like_deliberation("beneficiaire;montant\\nDanaeCare;20000")
False
"""

from __future__ import annotations

import datetime as dt
import re

from graph.encodings import text_head
from graph.french_text import counted
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind
from graph.ingest.delib_amended import check_replaced, replaced_elsewhere
from graph.ingest.french import parse_date

EXTENSIONS = (".pdf", ".txt", ".md", ".markdown")

#: The genre's words, each with its name in the refusal (French, English): a deliberation has three of them. A
#: plenary's act may lack the session's name and the formula ("L'Assemblée départementale, … DÉCIDE", "Réunion des 9
#: et 10 décembre"), its members in office then counted; a decision the executive takes by delegation of the council
#: ("DÉCISION DU PRÉSIDENT", a web page's heading "# Décision du Président") stands in for a deliberation. A city's
#: act may give only its council in capitals in the heading, its members in office ("En exercice : 61") and its vote
#: ("Vote : Pour : 50  Contre : 5").
_MARKERS = [
    ("« délibération »", "'délibération'", r"d[ée]lib[ée]ration"),
    ("« après en avoir délibéré »", "'après en avoir délibéré'", r"apr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée]"),
    ("séance", "session", r"\bs[ée]ance\b|\br[ée]union\s+d(?:u|es)\s+\d"),
    ("conseil", "council",
     r"\bLe\s+Conseil\b|\bLe\s+Bureau\b|\bLa\s+Commission\s+permanente\b|\bLe\s+Comit[ée]\s+syndical\b"
     r"|\bL['’]Assembl[ée]e\s+(?:d[ée]partementale|r[ée]gionale|pl[ée]ni[èe]re|d[ée]lib[ée]rante)\b"
     r"|(?-i:\bCONSEIL\s+(?:MUNICIPAL|COMMUNAUTAIRE|M[ÉE]TROPOLITAIN|D[ÉE]PARTEMENTAL|R[ÉE]GIONAL|SYNDICAL)\b"
     r"|\bCOMMISSION\s+PERMANENTE\b|\bBUREAU\s+(?:COMMUNAUTAIRE|M[ÉE]TROPOLITAIN)\b|\bCOMIT[ÉE]\s+SYNDICAL\b)"
     # a heading that dates the session: "Conseil municipal du 11 mars 2024"
     r"|^[ \t]*Conseil\s+(?:municipal|communautaire|m[ée]tropolitain|d[ée]partemental|r[ée]gional|syndical"
     r"|d['’]administration)\s+du\s+\d"),
    ("identifiant ACTES", "ACTES id", r"\d{3}-\d{9}-\d{8}-"),
    ("« décide » ou « adopté »", "'décide' or 'adopté'", r"\bD[ÉE]CIDE\b|\badopt[ée]"),
    ("registre des délibérations", "register of deliberations", r"registre\s+des\s+d[ée]lib[ée]rations"),
    # a decision or an arrêté the executive takes by delegation of the council, which stands in for its deliberation
    ("décision du président ou du maire", "decision of the president or mayor",
     r"^[ \t]*(?:#{1,6}[ \t]+|\*\*|__)?(?:d[ée]cision|arr[êe]t[ée])\s+(?:du|de\s+la)\s+(?:pr[ée]sidente?|maire)\b"),
    ("membres en exercice", "members in office",
     r"\b(?:membres|conseillers|délégués|élus)(?:\s+\w+)?\s+en\s+exercice\b|(?:^|[ \t])en\s+exercice\s*:?[ \t]*\d"),
    # "Pour : 14 – Contre : 1", or number first: "Vote : 14 pour, 1 contre"
    ("vote pour / contre", "vote for / against", r"\bpour\s*:?[ \t]*\d+\b[^\n]{0,80}?\bcontre\s*:?[ \t]*\d"
     r"|\b\d+[ \t]+(?:voix[ \t]+)?pour\b[^\n]{0,80}?\b\d+[ \t]+(?:voix[ \t]+)?contre\b"),
]


#: What a deliberation decides: a text about deliberations (a dataset's README, a note) has the genre's words but
#: decides nothing. An executive's arrêté decides by its verb alone on its line ("ARRÊTE" or "Arrête :" before its
#: articles), as a decision does by "DÉCIDE"; the noun ("ARRÊTÉ N° …", "l'arrêté du …") decides nothing.
#: Three patterns, whose alternation is what decides (:func:`_decides`): the ``re`` module tries every branch of an
#: alternation at each offset, and one pattern of the three took 0.32 ms a text where the three, the formula first
#: (which most texts write), take 0.014 ms (the 2,224 readings of the 1,112 texts of the 100k-actor corpus: 0.72 s
#: against 0.03 s).
_OPERATIVE = (re.compile(r"apr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée]", re.I),
              re.compile(r"\bd[ée]cide\b|\badopt(?:e|é|ée|és|ées)\b|\bapprouve\b|\bautorise\b|\bd[ée]lib[èe]re\b|"
                         r"\battribue\b|\brejet(?:te|é|ée)\b|\bREJET\b|\baccepte\b|\bprend\s+acte\b|"
                         r"\bémet\s+un\s+avis\b", re.I),
              # minutes that record each point's vote: "Vote : 17 voix pour, unanimité."
              re.compile(r"^[ \t]*votes?[ \t]*:[ \t]*(?:\d+[ \t]+(?:voix[ \t]+)?pour\b|(?:à[ \t]+l['’])?unanimit[ée])|"
                         r"^[ \t]*(?-i:ARR[ÊE]TE|Arr[êe]te)[ \t]*:?[ \t]*$", re.I | re.M))


def _decides(text: str) -> bool:
    """Whether ``text`` has what a deliberation decides (:data:`_OPERATIVE`).

    >>> _decides("Le Conseil, après en avoir délibéré,"), _decides("Vote : unanimité"), _decides("Vu le budget")
    (True, True, False)
    """
    return any(pattern.search(text) for pattern in _OPERATIVE)


#: The markers compiled once: detection looks for them in every file, and the ``re`` module's cache, which the reading
#: of a deliberation fills with its own patterns, compiled them again for some files.
_MARKER_PATTERNS = [(fr, en, re.compile(marker, re.I | re.M)) for fr, en, marker in _MARKERS]


def genre_markers(text: str) -> list[tuple[str, str]]:
    """The genre's markers (:data:`_MARKERS`) that ``text`` has, each as its (French, English) name.

    >>> [fr for fr, _ in genre_markers("CONSEIL MUNICIPAL\\nSEANCE DU 15 NOVEMBRE 2024\\nEn exercice : 61\\nAdopté")]
    ['séance', 'conseil', '« décide » ou « adopté »', 'membres en exercice']
    """
    return [(fr, en) for fr, en, marker in _MARKER_PATTERNS if marker.search(text)]


def _has_the_words(text: str) -> bool:
    """Whether ``text`` has at least three of the genre's markers: it stops looking at the third (a marker missing
    is looked for in the whole text: the ten of :func:`genre_markers` took 0.19 ms a text, the three first 0.014 ms)."""
    found = 0
    for _, _, marker in _MARKER_PATTERNS:
        if marker.search(text):
            found += 1
            if found == 3:
                return True
    return False


#: An erratum to a deliberation, headed as such ("ERRATUM", "Rectificatif", "Erratum à la délibération n° …", "Objet :
#: Erratum – délibération n° …", "Objet : Rectification d'une erreur matérielle – Délibération n° …"), that names the deliberation it corrects (:data:`_CORRECTED_ACT`) and says what to
#: read instead ("Il convient de lire :", "lire :").
_ERRATUM = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|\*\*)?(?:objet[ \t]*:[ \t]*)?(?:errata|erratum|rectificatif|"
                      r"rectification\s+d['’]une\s+erreur\s+mat[ée]rielle)\b", re.I | re.M)
_READ_INSTEAD = re.compile(r"\b(?:il\s+(?:convient|faut)\s+de\s+lire|(?:il\s+)?faut\s+lire|lire\s*:|"
                           r"est\s+remplac[ée]e?\s+par)", re.I)
#: What an erratum corrects: "à la délibération n° 2025-034 du Conseil municipal du 12 juin 2025", "à la
#: délibération de la Commission permanente n° CP-2025-05-012", "délibération du Conseil du 3 avril 2025 n° 17".
_CORRECTED_ACT = re.compile(r"\bd[ée]lib[ée]ration(?P<between>\s+(?:du|de\s+la|de\s+l['’]|des)\s+[^\n.;]{0,80}?)?"
                            r"\s+(?:n[°o]|num[ée]ro)\s*(?P<number>[^\s,]+)(?P<rest>[^\n]{0,80})", re.I)


def _corrected_act_match(text: str) -> re.Match | None:
    """Where the erratum ``text`` names the act it corrects: the first act named from its heading on (an erratum
    numbered as an act of its own names that number above its heading)."""
    heading = _ERRATUM.search(text)
    if heading is None or not _READ_INSTEAD.search(text, heading.end()):
        return None
    return _CORRECTED_ACT.search(text, heading.start())


def is_erratum(text: str) -> bool:
    """Whether ``text`` is an erratum to a deliberation (:data:`_ERRATUM`): a deliberation-kind text whose content
    is what it corrects.

    >>> is_erratum("ERRATUM\\nà la délibération n° 2025-034\\nAu lieu de : 5 300 €\\nIl convient de lire : 3 500 €")
    True
    >>> is_erratum("Objet : Erratum – délibération n° 17 du 3 avril 2025\\nAu lieu de : 5 300 €\\nlire : 3 500 €")
    True
    >>> is_erratum("Erratum : la date de la réunion est le 3 mai.")
    False
    """
    return _corrected_act_match(text) is not None


#: An erratum's wrong text, from "Au lieu de :" ("Au lieu de lire :") up to what to read instead.
_WRONG_TEXT = re.compile(r"\bau\s+lieu\s+de(?:\s+lire)?\s*:(?P<wrong>.*?)(?=" + _READ_INSTEAD.pattern + r")",
                         re.I | re.S)
#: A quoted line of an erratum's correction: "   « – Association X : 3 500 € »", or a quote that follows what to
#: read instead on its line ("Il convient de lire : « – Association X : 3 500 € »").
_QUOTED = re.compile(r"(?P<open>[«“\"])(?P<quoted>[^«»“”\"\n]*?\d[^«»“”\"\n]*?)(?P<close>[»”\"])")


def corrected_text(body: str) -> str:
    """The text of an erratum (:func:`is_erratum`) as the corrected deliberation reads: its wrong text ("Au lieu de :
    …") blanked out, the quote marks around its corrected lines dropped — a quote that opens after other words on
    its line starts a line of its own —; offsets kept. Another text is returned as is.

    >>> text = "ERRATUM à la délibération n° 4\\nAu lieu de :\\n « – X : 5 300 € »\\nIl convient de lire :\\n"
    >>> text += " « – X : 3 500 € »"
    >>> corrected_text(text).split("\\n")[2:]
    ['                  ', 'Il convient de lire :', '   – X : 3 500 €  ']
    >>> corrected_text("ERRATUM à la délibération n° 4\\nIl convient de lire : « X : 3 500 € ».").split("\\n")[1:]
    ['Il convient de lire : ', ' X : 3 500 €  .']
    """
    if not is_erratum(body):
        return body
    body = _WRONG_TEXT.sub(lambda m: m.group(0)[:m.start("wrong") - m.start()]
                           + re.sub(r"[^\n]", " ", m.group("wrong")), body)
    instead = _READ_INSTEAD.search(body)
    if instead is None:
        return body

    def unquote(m: re.Match) -> str:
        line_start = body.rfind("\n", 0, instead.start() + m.start()) + 1
        opening = " " if not body[line_start:instead.start() + m.start()].strip() else "\n"
        return opening + m["quoted"] + " "
    return body[:instead.start()] + _QUOTED.sub(unquote, body[instead.start():])


def corrected_act(text: str) -> tuple[str, dt.date | None] | None:
    """The number and the session's date of the deliberation that the erratum ``text`` corrects, or None.

    >>> corrected_act("ERRATUM\\nà la délibération n° 2025-034 du Conseil municipal du 12 juin 2025\\nlire :")
    ('2025-034', datetime.date(2025, 6, 12))
    >>> corrected_act("Délibération n° D2025_029\\nRECTIFICATIF à la délibération de la Commission permanente "
    ...               "n° CP-2025-05-012 du 5 mai 2025\\nIl convient de lire :")
    ('CP-2025-05-012', datetime.date(2025, 5, 5))
    """
    if (match := _corrected_act_match(text)) is None:
        return None
    return match["number"], parse_date(match["rest"]) or parse_date(match["between"] or "")


def looks_like_deliberation(text: str) -> bool:
    """Whether ``text`` reads as a deliberation: the genre's words, and a decision; or an erratum to one."""
    return _has_the_words(text) and _decides(text) or is_erratum(text[:20_000])


def detect(ctx: SourceContext) -> int:
    suffix = ctx.path.suffix.lower()
    if suffix == ".pdf":
        return 80  # no other kind reads PDF; extract() says precisely what is wrong with a bad one
    if suffix not in EXTENSIONS:
        return 0
    return 85 if looks_like_deliberation(text_head(ctx.data)) else 0


def near_miss(ctx: SourceContext) -> InputError | None:
    """A text with the words of a deliberation that decides nothing (a dataset's README, a note about one)."""
    if ctx.path.suffix.lower() not in EXTENSIONS or ctx.path.suffix.lower() == ".pdf":
        return None
    text = text_head(ctx.data)
    if _has_the_words(text) and not _decides(text):
        return InputError("le texte parle de délibérations mais n'en prend aucune (ni « DÉCIDE », ni « après en "
                          "avoir délibéré », ni « approuve », « adopte »…)",
                          message_en="the text speaks of deliberations but takes none (no 'DÉCIDE', 'après en avoir "
                                     "délibéré', 'approuve', 'adopte'…)")
    return None


def not_a_deliberation(text: str) -> InputError:
    """The refusal of a text that does not read as a deliberation, with the genre's markers found and missing."""
    found = genre_markers(text)
    if len(found) >= 3:
        return InputError("ce texte n'est pas une délibération : il n'y est rien décidé (ni « après en avoir "
                          "délibéré », ni « décide », « approuve », « adopte », « attribue »…)",
                          message_en="this text is not a deliberation: it decides nothing (no 'après en avoir "
                                     "délibéré', 'décide', 'approuve', 'adopte', 'attribue'…)")
    said = ", ".join(fr for fr, _ in found) or "aucune"
    said_en = ", ".join(en for _, en in found) or "none"
    missing = ", ".join(fr for fr, en, _ in _MARKERS if (fr, en) not in found)
    missing_en = ", ".join(en for fr, en, _ in _MARKERS if (fr, en) not in found)
    return InputError(f"ce texte n'est pas une délibération : {counted(len(found), 'marque')} du genre sur les trois "
                      f"requises ({said}) ; absentes : {missing}",
                      message_en=f"this text is not a deliberation: {len(found)} of the three markers of the genre it "
                                 f"needs ({said_en}); missing: {missing_en}")


def extract(ctx: SourceContext) -> Extraction:
    """The deliberation ``ctx`` read (:func:`graph.ingest.delib_reader.extract`)."""
    from graph.ingest.delib_reader import extract as read

    return read(ctx)


KIND = SourceKind("deliberation", "Délibération", "Deliberation", detect, extract, extensions=EXTENSIONS,
                  near_miss=near_miss, check_stored=check_replaced, recheck_stored=replaced_elsewhere)

__all__ = ["KIND", "detect", "extract", "looks_like_deliberation", "not_a_deliberation"]
