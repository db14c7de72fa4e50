"""How the prose reader follows a list of grants (:func:`follow_lead`): the lead that announces its items, the
section headings among them and the nature they name, the vote and the lines that go on an item, and whether a
line stands below a list (:func:`is_below_list`).
"""

from __future__ import annotations

import re

from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD, NATURE_WORDS
from graph.ingest.delib_grants import PAST, nature_in
from graph.ingest.delib_list_leads import (LEAD, YEAR_ITEM, approved_below, opens_clause, rules_on_grants,
                                           section_heading, votes_each_item)
from graph.ingest.delib_lists import ANNEX_HEADING, BULLET, ITEM_START, subheading
from graph.ingest.delib_prose_cues import PRIZE_LINE
from graph.ingest.delib_recipient_phrases import beneficiary_in
from graph.ingest.french import fold


#: The vote of a list's item, on the line below it: "Vote : 14 pour, 1 contre", "Adopté à l'unanimité."
_ITEMS_OWN_VOTE = re.compile(r"\s*(?:vote\s*:|adopt[ée]e?s?\b|approuv[ée]e?s?\b)", re.I)
#: A line below a list's item that says who takes no part in its vote: "M. X, président du club, ne prend pas part au
#: vote pour la subvention au club." (its civility's dot may have cut it: " X, président …, ne prend pas part …").
_NOT_VOTING_ON_ITEM = re.compile(r"[^\n]*\bne\s+(?:prend|prennent)\s+pas\s+part\b", re.I)
#: A line with no bullet that goes on the list's item above it, the item's own sentence ended: what part of it is for,
#: how it is paid, what it is for ("  dont 300 € au titre de l'action Vélo-école ;", "  soit 30 % du coût ;",
#: "  versée en deux fois ;", "  pour l'organisation du tournoi ;").
_GOES_ON_ITEM = re.compile(r"\s*\(?\s*(?:dont|soit|y\s+compris|hors|pour|au\s+titre|afin|en\s+vue|vers[ée]e?s?|"
                           r"pay[ée]e?s?|destin[ée]e?s?|r[ée]parti(?:e|es|s)?|correspondant)\b", re.I)

#: A list's item: a bullet, or a number or a letter and a bracket ("1)", "2°", "a)").
_LIST_LINE = re.compile(rf"[ \t]*(?:{BULLET}|\d{{1,2}}\s*[)°]|[a-z]\))[ \t]*\S")
#: A paragraph below a list that sets a request aside, no grant: "La demande de l'association X (5 000 €) est
#: ajournée.", "La demande de Y est rejetée." The total below it still sums the list above it.
_SET_ASIDE = re.compile(r"[ \t]*(?:la|les)\s+demandes?\b[^\n]*?\b(?:est|sont)\s+(?:ajourn|rejet|refus|report)[ée]e?s?\b"
                        r"[^\n]*$", re.I)


def is_below_list(body: str, at: int) -> bool:
    """Whether the last line with words above offset ``at`` is a list's item, not a year's ("- 2026 : 12 000 €": a
    plan over years, whose total is not the grants').

    >>> is_below_list("décide d'allouer :\\n1) à l'association X : 3 500 euros.\\n\\nSoit un total de 3 500 euros.", 55)
    True
    >>> is_below_list("- d'attribuer à X une subvention de\\n  1 500 € ;\\n\\nsoit un montant total de 1 500 €.", 49)
    True
    >>> is_below_list("• à X : 2 000 €.\\n\\nLa demande de Y (5 000 €) est ajournée.\\n\\nTotal : 2 000 €", 59)
    True
    """
    above = body[:at].rstrip()
    while (set_aside := above.rfind("\n\n")) >= 0 and _SET_ASIDE.fullmatch(above, set_aside + 2):
        above = above[:set_aside].rstrip()  # a request set aside between the list and its total
    line = above[above.rfind("\n") + 1:]
    # An item wrapped over several lines, a paragraph of its own: "- d'attribuer au Réseau X une subvention de …\n
    # convention et le solde (12 000 €) …;" — its first line.
    paragraph = above[above.rfind("\n\n") + 2 if "\n\n" in above else 0:]
    return any(_LIST_LINE.match(line) and not YEAR_ITEM.match(line) for line in (line, paragraph))


def _section_nature(heading: str) -> str | None:
    """The nature that a list's section heading names: "A – Investissement (compte 204182) :" → investment."""
    words = re.findall(r"\b(fonctionnement|investissement|equipement|exceptionnelles?)\b", fold(heading))
    return NATURE_WORDS.get(words[0].rstrip("s")) if len(set(words)) == 1 else None


def follow_lead(body: str, at: tuple[int, str], prior: tuple[int, str], item: bool, after_list: bool,
                lead: tuple[bool, bool, str | None]) -> tuple[bool, bool, str | None]:
    """The lead that announces a list of grants, after the sentence ``at`` (where it starts, and its text), given the
    lead before it: whether there is one, whether it rules on its items one by one (each item's vote lines, indented
    below it, are its own), and the nature it names for its items. ``prior``: where the sentence before ends, and
    its text; ``item``: the sentence is a list's item; ``after_list``: it follows a list's item that gave a grant.

    A sentence that ends with a colon opens a lead when it speaks of grants; the list's items, its section headings
    and the lines that go on an item stay under it; another sentence ends it.

    >>> follow_lead("DÉCIDE d'attribuer les subventions suivantes :", (0, "DÉCIDE d'attribuer les subventions "
    ...             "suivantes :"), (0, ""), False, False, (False, False, None))
    (True, False, None)
    """
    on, ruling, nature = lead
    start, sentence = at
    prior_end, prior_sentence = prior
    if on and section_heading(sentence):
        return on, ruling, _section_nature(sentence) or nature  # "B – Fonctionnement (compte 6574) :"
    if sentence.rstrip().endswith(":"):
        on = bool(GRANT_WORD.search(sentence) or GRANT_VERB.search(sentence) or LEAD.search(sentence)
                  or approved_below(body, start + len(sentence), sentence)
                  or rules_on_grants(body, start + len(sentence), sentence)) \
            and not PAST.search(sentence)
        ruling = on and (rules_on_grants(body, start + len(sentence), sentence)
                         or votes_each_item(body, start + len(sentence)))
        return on, ruling, nature_in(sentence)  # "les subventions de fonctionnement suivantes :", for its items
    if on and subheading(body, start, sentence):
        return lead  # "Canton de Lodève" above some of the lead's items: they are the lead's still
    if item and not on and ITEM_START.match(sentence) and not ITEM_START.match(prior_sentence) \
            and (approved_below(body, start + len(sentence), prior_sentence)
                 or _ITEMS_OWN_VOTE.match(body, start + len(sentence))):
        # a list that no colon announces, granted below ("attribuer les subventions ci-dessus"), or each of
        # its items put to the vote ("X : demande 3 500 €, proposition 3 000 €." / "Vote : 17 voix pour.")
        return True, ruling, nature
    if on and ruling and not item and sentence[:1] in " \t":
        # "   Adopté par 25 voix pour, 2 abstentions." indented below an item: the next items are the lead's
        return lead
    if on and not item and after_list and (_ITEMS_OWN_VOTE.match(sentence) or _NOT_VOTING_ON_ITEM.match(sentence)):
        # "Vote : 17 voix pour, unanimité.", "M. X ne prend pas part au vote." below an item that was read: each item
        # put to the vote
        return lead
    if on and not item and after_list and _GOES_ON_ITEM.match(sentence) and "\n\n" not in body[prior_end:start]:
        return lead  # "  dont 300 € au titre de l'action X ;" right below an item read: the next items are the lead's
    if not item and (referred := annex_referred(body, start, sentence)) is not None:
        return True, False, nature_in(referred)  # "ANNEXE" below "… les subventions figurant en annexe"
    if not item or opens_clause(sentence):  # "- d'approuver la cotisation …" below a table's lead
        return False, False, nature
    return lead


#: A sentence that sends its grants to an annex: "aux bénéficiaires dont la liste figure dans l'annexe", "attribue les
#: subventions figurant en annexe", "les aides détaillées à l'annexe 1".
_TO_ANNEX = re.compile(r"\b(?:figur|détaill|list|énum[ée]r|repris|précis|mentionn|indiqu|présent)\w*\s+"
                       r"(?:dans\s+l['’]\s*|en\s+|à\s+l['’]\s*)annexe\b", re.I)
#: What the sentence that sends to the annex says of grants, besides a grant's word or verb: "apporte son concours
#: financier aux bénéficiaires dont la liste figure en annexe".
_GRANTS_OF_ANNEX = re.compile(r"\bbénéficiaires\b|\bconcours\s+financiers?\b|\baides\b", re.I)


def annex_referred(body: str, start: int, sentence: str) -> str | None:
    """The sentence before offset ``start`` of ``body`` that sends its grants to the annex whose heading opens
    ``sentence`` (:data:`graph.ingest.delib_lists.ANNEX_HEADING`), if one does (the last one: the decision's): the
    annex's lines are then a list of those grants, as if a colon announced them (its canton headings group them, its
    TOTAL sums them).

    >>> body = "Le Département attribue les subventions figurant en annexe.\\n\\nANNEXE\\n  Club A …… 800 €"
    >>> annex_referred(body, 61, "ANNEXE")
    'Le Département attribue les subventions figurant en annexe.'
    >>> annex_referred("La convention figure en annexe.\\n\\nANNEXE\\n  Club A …… 800 €", 33, "ANNEXE") is None
    True
    """
    if not ANNEX_HEADING.fullmatch(sentence.split("\n", 1)[0]):
        return None
    for said in reversed(list(_TO_ANNEX.finditer(body, 0, start))):
        opens = max(body.rfind(".", 0, said.start()), body.rfind(";", 0, said.start())) + 1
        ends = min((at for at in (body.find(".", said.end()), body.find(";", said.end())) if at >= 0),
                   default=len(body))
        referring = body[opens:ends + 1].strip()
        if GRANT_WORD.search(referring) or GRANT_VERB.search(referring) or _GRANTS_OF_ANNEX.search(referring):
            return referring
    return None


def prize_laureate(sentence: str) -> str | None:
    """The laureate of the prize that a list's line ``sentence`` names before a colon (:data:`PRIZE_LINE`), read as
    the beneficiary of a grant named after the colon: "Trophée d'or (1er prix, 1 500 €) : l'association X, pour …"
    is X's, "- 2e prix : Club Y, 1 000 €" is Club Y's; None when the line names no prize.

    >>> prize_laureate("- 2e prix : le Collectif des 3 Fontaines, 1 000 €.")
    'Collectif des 3 Fontaines'
    >>> prize_laureate("Trophée d'or (1er prix, 1 500 €) : l'association Les Amis, pour ses marches ;")
    'Les Amis'
    """
    label = PRIZE_LINE.match(sentence)
    if not label:
        return None
    named = "à " + sentence[label.end():].replace("\n", " ").rstrip(" ;.,")
    return beneficiary_in(named, len(named))
