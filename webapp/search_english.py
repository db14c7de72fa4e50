"""Search results in the interface's language (:func:`in_language`): the kinds', types' and vocabulary concepts'
labels, the summaries, dates and amounts that the index keeps in French said in English on an English page, and the
French texts left as they are marked so (:func:`marked_french`) — for the search page, its JSON twin, its download
and the command line.
"""

from __future__ import annotations

import html
import re

from rdflib import URIRef

from graph.french_text import counted
from search.document_kinds import LABELS_EN
from webapp.formatting import money_text
from webapp.i18n import get_lang
from webapp.labels import in_english, term_comments, term_label


#: Where the shipped schemes' concepts live (themes, circles, natures): they have English labels.
CONCEPTS = "https://w3id.org/maillage/ontology/"


def in_language(results: dict | None, lang: str | None = None) -> dict | None:
    """``results`` with the kinds', types' and vocabulary concepts' labels in ``lang``, by default the interface's.

    The index keeps French labels; in English, a kind or actor type takes its English name, a theme or circle
    (a concept of the shipped schemes) its English label, and a summary that opens with the kind says it in English.
    """
    if not results or (lang or get_lang()) != "en":
        return results
    for named in results.get("themes", []):  # the themes that the text names, as the results name them
        named["label"] = _concept(named.get("iri"), named.get("label") or "")
    for hit in results.get("results", []):
        _hit_in_english(hit)
    for name, values in (results.get("facets") or {}).items():
        for value in values:
            if name in ("kind", "type"):
                value["label"] = LABELS_EN.get(value.get("value") or "", value.get("label"))
            else:
                value["label"] = _concept(value.get("value"), value.get("label"))
    return results


def _concept(iri: str | None, label: str) -> str:
    """A concept's English label when ``iri`` is one of the shipped schemes' and has one, else ``label``."""
    english = term_label(URIRef(iri), "en") if iri and iri.startswith(CONCEPTS) else None
    return english if english and english != iri else label


def _part_in_english(part: str) -> str:
    """A part of a result's summary in English: "dans Santé mentale" (a theme's broader theme, by its French label),
    themes or a circle by their French labels ("Accès aux soins, Prévention", "Cercle opérationnel"), else
    :func:`summary_part_in_english`'s."""
    if part.startswith("dans "):
        return f"in {in_english(part[5:], CONCEPTS)}"
    names = [in_english(name, CONCEPTS) for name in part.split(", ")]
    if names != part.split(", "):
        return ", ".join(names)
    return summary_part_in_english(part)


def _hit_in_english(hit: dict) -> None:
    """One result in English: its type's label, its summary, its snippet (a concept's definition, or the words that
    stand for a document without a text of its own), its label and the theme it matched."""
    if hit.get("snippet") and (hit.get("iri") or "").startswith(CONCEPTS):
        hit["snippet"] = definition_in_english(URIRef(hit["iri"]), hit["snippet"])
    french = hit.get("type_label") or ""
    english = LABELS_EN.get(hit.get("type") or "") or LABELS_EN.get(hit.get("kind") or "") or french
    hit["type_label"] = english
    summary = hit.get("summary") or ""
    if french and summary.startswith(french):
        hit["summary"] = english + summary[len(french):]
    if hit.get("summary"):
        hit["summary"] = " · ".join(_part_in_english(part) for part in hit["summary"].split(" · "))
    said = re.sub(r"</?mark>", "", hit.get("snippet") or "")  # the words sought are marked in a snippet
    if french and said == french:  # a document without a text of its own
        hit["snippet"] = english
    elif summary and said == summary:  # the same, that the summary stands for
        hit["snippet"] = hit["summary"]
    elif hit.get("snippet") and not (hit.get("iri") or "").startswith(CONCEPTS):
        hit["snippet"] = _concepts_in_english(hit["snippet"])
    hit["label"] = label_in_english(_concept(hit.get("iri"), hit.get("label") or ""))
    if matched := hit.get("matched_theme"):
        hit["matched_theme"] = {**matched, "label": _concept(matched.get("iri"), matched.get("label") or ""),
                                "via_label": _concept(matched.get("via"), matched.get("via_label") or "")}


def _concepts_in_english(snippet: str) -> str:
    """A snippet of the names a document relates to (" · " between them), each theme's or circle's French label said
    in English ("Accès aux soins · Cercle opérationnel" → "Access to care · Operational circle"); a name translated
    loses the marks of the words sought in it.

    >>> _concepts_in_english("Accès aux soins · Cercle <mark>opérationnel</mark> · Maison de santé")
    'Access to care · Operational circle · Maison de santé'
    """
    parts = snippet.split(" · ")
    for n, part in enumerate(parts):
        plain = html.unescape(re.sub(r"</?mark>", "", part))
        if (english := in_english(plain, CONCEPTS)) != plain:
            parts[n] = html.escape(english, quote=False)
    return " · ".join(parts)


def definition_in_english(concept: URIRef, snippet: str) -> str:
    """A snippet cut from the French definition of a shipped concept (a theme, a circle…) as its English
    definition, escaped; another snippet as it is."""
    definitions = term_comments(concept)
    said = html.unescape(re.sub(r"</?mark>", "", snippet)).strip(" …")
    if said and definitions.get("en") and said in definitions.get("fr", ""):
        return html.escape(definitions["en"], quote=False)
    return snippet


def _grants(count: str) -> str:
    return counted(int(count), "grant", lang="en")


def _left_out(count: str | None) -> str:
    """What an actor's summary says in English of the grants its total leaves out (« dont 1 hors du total »)."""
    return f", {count} of them left out of the total" if count else ""


def _date_in_english(text: str) -> str:
    """A date that the index wrote in French words (« 1er janvier 2023 ») as English pages write it; else as it is."""
    from graph.ingest.french import parse_date

    day = parse_date(text)
    return f"{day.day} {day.strftime('%B')} {day.year}" if day else text


#: The parts of a search summary that the index writes in French, and how to say them in English (a text, or a
#: function of the match that counts in the singular or the plural).
_SUMMARY_EN = [(re.compile(p), r) for p, r in (
    (r"^(.+) reçus \((\d+) subventions?(?:, dont (\d+) hors du total)?\)$",
     lambda m: f"{m[1]} received ({_grants(m[2])}{_left_out(m[3])})"),
    (r"^(.+) attribués \((\d+) subventions?(?:, dont (\d+) hors du total)?\)$",
     lambda m: f"{m[1]} given ({_grants(m[2])}{_left_out(m[3])})"),
    (r"^(?:dissoute?|dissous) le (.+)$", lambda m: f"dissolved on {_date_in_english(m[1])}"),
    (r"^cessée? le (.+)$", lambda m: f"ceased on {_date_in_english(m[1])}"),
    (r"^a quitté (.+) le (.+)$", lambda m: f"left {m[1]} on {_date_in_english(m[2])}"),
    (r"^(\d+) subventions?, (.+)$", lambda m: f"{_grants(m[1])}, {m[2]}"),
    (r"^(\d+) subventions?$", lambda m: _grants(m[1])),
    (r"^(\d+) acteurs? ou actions?$", lambda m: counted(int(m[1]), "actor or action", "actors or actions", lang="en")),
    (r"^Objectif n°\u00a0?(\S+)$", r"Goal no. \1"), (r"^Objectif stratégique$", "Strategic goal"),
    (r"^Objectif n°\u00a0?(\S+) : (.+)$", r"Goal no. \1: \2"), (r"^Objectif : (.+)$", r"Goal: \1"),
    (r"^(?:de |d')(.+)$", r"from \1"), (r"^à (.+)$", r"to \1"), (r"^dans (.+)$", r"in \1"))]


def summary_part_in_english(part: str) -> str:
    """One part of a search summary said in English, when it is one that the index writes in French, its amounts
    written as English pages write them.

    >>> summary_part_in_english("52 897 € reçus (2 subventions)"), summary_part_in_english("Objectif n°1")
    ('€52,897 received (2 grants)', 'Goal no. 1')
    >>> summary_part_in_english("1 200 € reçus (2 subventions, dont 1 hors du total)")
    '€1,200 received (2 grants, 1 of them left out of the total)'
    >>> summary_part_in_english("dissoute le 30 juin 2021"), summary_part_in_english("cessée le 1er janvier 2023")
    ('dissolved on 30 June 2021', 'ceased on 1 January 2023')
    >>> summary_part_in_english("a quitté PTCE santé Forez le 30 juin 2025")
    'left PTCE santé Forez on 30 June 2025'
    >>> summary_part_in_english("1 subvention, 20 000 €"), summary_part_in_english("1 acteur ou action")
    ('1 grant, €20,000', '1 actor or action')
    >>> summary_part_in_english("d'Auvergne-Rhône-Alpes"), summary_part_in_english("de Lyon")
    ('from Auvergne-Rhône-Alpes', 'from Lyon')
    """
    for pattern, english in _SUMMARY_EN:
        if pattern.match(part):
            return money_in_english(pattern.sub(english, part))
    return money_in_english(part)


#: The names the index gives what no source names (:mod:`search.documents`), and how to say them in English.
_LABEL_EN = [(re.compile(p), r) for p, r in (
    (r"^Subvention de (.+?) à (.+)$", r"Grant of \1 to \2"),
    (r"^Délibération n°\u00a0?(.+)$", r"Deliberation no. \1"),
    (r"^Délibération(?= |$)(.*)$", r"Deliberation\1"))]
#: An amount as the index writes it, the French way ("1 234,50 €"; spaces of any kind between thousands).
_FRENCH_MONEY = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})*)(?:,(\d{2}))?[ \u00a0\u202f]€")


def label_in_english(label: str) -> str:
    """A label the index made in French (a grant's, a deliberation's) said in English; others as they are.

    >>> label_in_english("Subvention de 11 750 € à Handisports (2017)")
    'Grant of €11,750 to Handisports (2017)'
    >>> label_in_english("Délibération CONV N° 365-15 — Ville d'Antibes")
    "Deliberation CONV N° 365-15 — Ville d'Antibes"
    """
    for pattern, english in _LABEL_EN:
        if pattern.match(label):
            text = pattern.sub(english, label, count=1)
            return money_in_english(text.replace("montant inconnu", "unknown amount")
                                    .replace("bénéficiaire inconnu", "unknown beneficiary"))
    return label


def money_in_english(text: str) -> str:
    """The amounts in euros of ``text`` written as English pages write them ("20 000 €" → "€20,000").

    >>> money_in_english("2 598 861,83 € given")
    '€2,598,861.83 given'
    """
    def english(match: re.Match) -> str:
        number = float(re.sub(r"\D", "", match[1]) + "." + (match[2] or "0"))
        return money_text(number, "en")

    return _FRENCH_MONEY.sub(english, text)


#: The kinds of documents whose label is a text of a French document (a goal's title, a grant's purpose), not a
#: name: the index keeps it in French.
TEXT_KINDS = ("goal", "action", "deliberation", "grant", "agreement")
#: The facets whose values' labels are French texts (a goal's title, a place as a register words it).
FRENCH_FACETS = ("goal", "place")


def marked_french(results: dict | None, labels: list) -> dict | None:
    """``results`` in the page's language (:func:`in_language`), with ``label_lang``, ``snippet_lang`` and a facet
    value's ``lang`` set to "fr" where an English page shows French: the label of a text kind that ``in_language``
    left as it was (``labels``, the labels before it), a snippet quoted from a document (a concept's definition, or
    the kind or summary said again, is English), a goal's or a place's label. A screen reader then reads them
    with French pronunciation (WCAG 3.1.2)."""
    if not results or get_lang() != "en":
        return results
    for hit, label in zip(results.get("results", []), labels):
        textual = (hit.get("kind") or hit.get("type")) in TEXT_KINDS and hit.get("label") == label
        hit["label_lang"] = "fr" if textual else None
        snippet = re.sub(r"</?mark>", "", str(hit.get("snippet") or ""))
        quoted = snippet not in ("", hit.get("type_label"), hit.get("summary"))
        hit["snippet_lang"] = "fr" if quoted and not (hit.get("iri") or "").startswith(CONCEPTS) else None
    for name in FRENCH_FACETS:
        for value in (results.get("facets") or {}).get(name) or []:
            value["lang"] = "fr"
    return results
