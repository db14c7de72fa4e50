"""Grants that one sentence gives several beneficiaries at once: one amount to each ("1 500 € à chacune des
associations suivantes : A, B, C"), amounts respectively ("500 € et 300 € respectivement à A et à B"), or a list
written on the lead's line ("les subventions suivantes : A 4 200 € ; B 3 000 € ; C 5 500 €"); and the several grants
that a lead gives one beneficiary, an item each below it ("d'allouer à l'association X :" / "• une subvention de
fonctionnement de 38 000 € ;" / "• une subvention d'investissement de 28 800 € ;").

>>> [(g.beneficiary, str(g.amount)) for g in respective_grants("décide d'attribuer des subventions de 500 € et "
...  "300 € respectivement à l'association Les Crayons Solidaires et au Club photo Objectif Olivettes.")]
[('Les Crayons Solidaires', '500'), ('Club photo Objectif Olivettes', '300')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.delib_grants import GrantFact, StatedTotal, nature_in
from graph.ingest.delib_lists import BULLET_MARKS
from graph.ingest.delib_recipient_names import clean_name
from graph.ingest.delib_table_context import row_account
from graph.ingest.french import AMOUNT_RE, parse_amount

#: One amount for each of a list of beneficiaries: "1 500 € à chacune des associations suivantes : A, B, C".
_EACH = re.compile(r"\b(?:à|a)\s+chacune?\s+(?:des|de\s+ces)\s+[^:;\n]{0,60}?suivant(?:e|s|es)?\s*:[ \t]*"
                   r"(?P<names>[^\n]*)|"
                   # "15 000 € chacun aux médecins suivants, qui s'engagent à … :", its items below
                   r"(?<=€|s)[ \t]+chacun(?:e|s|es)?\s+(?:aux|à\s+(?:ces|les))\s+[^:;\n]{0,60}?suivant(?:e|s|es)?\b"
                   r"[^:;.]{0,160}:[ \t]*(?P<below>\n)", re.I)

#: The next line of a list of names, when no bullet nor blank line opens it and it goes on with names (a comma or a
#: semicolon in it; not a sentence: "Le Conseil autorise le Maire.").
_NAMES_GO_ON = re.compile(rf"\n(?![ \t]*(?:\n|[{BULLET_MARKS}]|$))(?P<line>[^\n]*(?:[,;][^\n]*|;[ \t]*))(?=\n|$)")
#: A bullet that opens a list's item below the lead.
_ITEM = re.compile(rf"^\s*[{BULLET_MARKS}]\s*")
#: The line that ends a list of names below a "chacune" lead with the total they come to: "soit 4 000 € au total ;",
#: "soit un total de 4 000 €", "Total : 4 000 €". The lines below it are no names (a transmission's stamp).
_TOTAL_BELOW = re.compile(r"[ \t]*(?:soit\b|(?:sous-)?total\b)[^\n]*?(?P<amount>" + AMOUNT_RE.pattern + ")", re.I)


def _names_below(body: str, at: int) -> tuple[list[str], re.Match | None]:
    """The lines of names below the line of a "chacune" lead that ends at ``at`` (its newline), up to a blank line or
    the line of their total (:data:`_TOTAL_BELOW`), and that total's match in ``body``.

    >>> lines, total = _names_below("à chacune des associations suivantes :\\n A\\n B\\nsoit 400 € ;\\nPublié", 38)
    >>> lines, total["amount"]
    ([' A', ' B'], '400 €')
    """
    lines, start = [], at + 1
    for line in body[at:].split("\n")[1:] if at >= 0 else []:
        if not line.strip():
            return lines, None
        if total := _TOTAL_BELOW.match(body, start, start + len(line)):
            return lines, total
        lines.append(line)
        start += len(line) + 1
    return lines, None


#: One amount for each of the beneficiaries named before it: "aux associations A et B la somme de 3 000 € chacune".
_EACH_AFTER = re.compile(r"(?P<names>[^.;:]{3,300}?)(?P<amount>" + AMOUNT_RE.pattern + r")\s*(?:à\s+|pour\s+)?"
                         r"chacun(?:e|s|es)?\b", re.I)


def _each_after(body: str) -> list[GrantFact]:
    """The grants of "N € chacune" after the beneficiaries it goes to, each named by a dative ("aux associations A
    et B la somme de 3 000 € chacune", "à l'association A et au club B une subvention de 500 € chacun")."""
    grants = []
    # "chacun" is the word the pattern ends with: looked for first, since the pattern's lazy names, tried at each
    # place of a text, took a quarter of the reader's time.
    if "chacun" not in body.lower():
        return grants
    for line_start, line in ((m.start(), m.group(0)) for m in re.finditer(r"(?:[^.;\n]|\n(?![ \t]*\n))+", body)):
        if "chacun" not in line.lower():
            continue
        for match in _EACH_AFTER.finditer(line):
            names = _dative_names(match.group("names"))
            amount = parse_amount(match.group("amount"))
            nature = nature_in(line)
            grants += [GrantFact(name, amount, (line_start + match.start(), line_start + match.end()), nature,
                                 decision=True) for name in names]
    return grants


def each_grants(body: str) -> list[GrantFact]:
    """The grants of one amount given to each of the beneficiaries that follow: on the same line, separated by
    commas, semicolons or "et", or one a line below it.

    >>> [(g.beneficiary, str(g.amount)) for g in each_grants("une subvention de 1 500 € à chacune des associations "
    ...  "suivantes : Les Aidants, Club Santé et Amis du Gier ;")]
    [('Les Aidants', '1500'), ('Club Santé', '1500'), ('Amis du Gier', '1500')]
    """
    grants = []
    for match in _EACH.finditer(body):
        amounts = list(AMOUNT_RE.finditer(body, max(0, match.start() - 80), match.start()))
        if not amounts:
            continue
        amount = parse_amount(amounts[-1].group(0))
        names, end = match.group("names") or "", match.end()
        # names that a line wrap sent on below, up to the one that ends the clause: "… : Les Petits Débrouillards" /
        # "Sud-Lorvane, Maison des jeunes du Moulin ;"
        while names.strip(" ,") and not names.rstrip().endswith((";", ".")) and (
                following := _NAMES_GO_ON.match(body, end)) is not None:
            names, end = names + " " + following.group("line"), following.end()
        if not names.strip(" ;.,"):  # one a line below
            lines, _ = _names_below(body, body.find("\n", match.end() - bool(match.group("below"))))
            end = match.end() + sum(len(line) + 1 for line in lines)
            # an item a bullet opens is one name, what follows its comma tells of it ("- Dr A, installée à …")
            names = ", ".join(re.split(r"\s*[,;]\s*", line)[0] if _ITEM.match(line) else line for line in lines)
        nature = nature_in(body[max(0, match.start() - 120):match.start()])
        for name in re.split(r"\s*[,;]\s*|\s+et\s+", names):
            if cleaned := clean_name(_ITEM.sub("", name)):
                grants.append(GrantFact(cleaned, amount, (amounts[-1].start(), end), nature, decision=True))
    return grants + _each_after(body)


def each_totals(body: str) -> list[StatedTotal]:
    """The totals that end the lists of names below a "chacune" lead (:func:`_names_below`): "ATTRIBUE une subvention
    de 2 000 € à chacune des associations suivantes :" / " A" / " B" / "soit 4 000 € au total ;".

    >>> [t.amount for t in each_totals("2 000 € à chacune des associations suivantes :\\n A\\n B\\nsoit 4 000 € au "
    ...                                "total ;")]
    [Decimal('4000')]
    """
    totals = []
    for match in _EACH.finditer(body):
        if (match.group("names") or "").strip(" ;.,"):
            continue
        _, total = _names_below(body, body.find("\n", match.end() - bool(match.group("below"))))
        if total:
            totals.append(StatedTotal(parse_amount(total["amount"]), total.span("amount"), total.group(0).strip()))
    return totals


#: One amount shared in equal parts between beneficiaries: "une subvention de 5 000 € à répartir à parts égales
#: entre l'association A et l'association B" (the names end at a comma before words in small letters: ", au titre
#: de l'exercice 2025").
_SHARED = re.compile(r"(?P<amount>" + AMOUNT_RE.pattern + r")[^.;:\d€\n]{0,40}?\b(?:à\s+)?(?:répartir|répartie?s?|"
                     r"partag[ée]e?s?|partager)\s+(?:à|en|par)\s+parts?\s+égales\s+entre\s+"
                     r"(?:les\s+(?:deux|trois|quatre)\s+|les\s+)?(?:associations?\s+|structures?\s+)?"
                     r"(?P<names>(?:[^.;:\n]|\n(?![ \t]*(?:\n|[" + BULLET_MARKS + r"]))){3,300}?)"
                     r"\s*(?=[.;]|,\s*(?!l['’]|la\s|le\s)(?-i:[a-zà-ÿ])|\n[ \t]*(?:\n|[" + BULLET_MARKS + r"])|\Z)",
                     re.I)
_BETWEEN = re.compile(r"^\s*(?:l['’]association\s+|la\s+structure\s+|l['’](?=[A-ZÉ])|la\s+(?=[A-ZÉ])|"
                      r"le\s+(?=[A-ZÉ]))?", re.I)


def shared_grants(body: str) -> tuple[list[GrantFact], list[tuple[str, str]]]:
    """The grants of one amount shared in equal parts between the beneficiaries named after it, each its computed
    share, and a warning for each such sharing (the text states the whole, not the parts).

    >>> grants, _ = shared_grants("une subvention de 5 000 € à répartir à parts égales entre l'association A Jeunes "
    ...                           "et l'association B Écoute.")
    >>> [(g.beneficiary, str(g.amount)) for g in grants]
    [('A Jeunes', '2500'), ('B Écoute', '2500')]
    """
    grants, warnings = [], []
    for match in _SHARED.finditer(body):
        names = []
        for item in _LIST_SEPARATOR.split(match.group("names").strip()):
            cleaned = clean_name(_BETWEEN.sub("", item, count=1))
            if not cleaned:
                names = []
                break
            names.append(cleaned)
        if len(names) < 2:
            continue
        whole = parse_amount(match.group("amount"))
        share = (whole / len(names)).quantize(Decimal("0.01"))
        share = share.quantize(Decimal(1)) if share == share.to_integral_value() else share
        for name in names:
            grants.append(GrantFact(name, share, (match.start(), match.end()), decision=True))
        listed = ", ".join(names)
        warnings.append((f"part calculée : {whole} € à répartir à parts égales entre {len(names)} bénéficiaires "
                         f"({listed}), soit {share} € chacun — le texte n'énonce pas les parts",
                         f"computed share: {whole} to be shared equally between {len(names)} beneficiaries "
                         f"({listed}), {share} each — the text does not state the shares"))
    return grants, warnings


#: "respectivement", or the amounts' own "respectif" ("des subventions d'un montant respectif de 500 € et 300 €").
_RESPECTIVELY = re.compile(r"\brespectivement\b|\brespecti(?:fs?|ves?)\b(?:\s+(?:de|d['’](?=\d)))?", re.I)
#: What opens a beneficiary in a list ("à l'association", "au", "aux associations").
_TO = re.compile(r"^\s*(?:(?:à|a)\s+(?:l['’]association\s+|la\s+structure\s+|la\s+(?=commune|ville|(?-i:[A-ZÉÈ]))|"
                 r"l['’](?=[A-ZÉ]))?|"
                 r"au\s+|aux\s+(?:associations?\s+|structures?\s+|communes\s+(?=de\b|d['’]))?|"
                 r"l['’]association\s+)", re.I)
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*(?:et\s+)?|\s+et\s+")
#: What ends the beneficiaries named after their amounts, the words of what the grants are for: "… aux associations A
#: et B pour leurs groupes de parole".
_PURPOSE = re.compile(r"\s+(?:pour|afin|au\s+titre|dans\s+le\s+cadre|en\s+vue)\b", re.I)
#: What ends the beneficiaries too, the sum of their amounts: "… aux associations A, B, C et D, soit un montant total
#: de 7 450 €", "…, pour un total de 3 000 €", "…, représentant un montant global de …" (not a fifth name).
_SUM_AFTER_NAMES = re.compile(r"\s*,?\s*(?:soit|(?:représentant|pour)\s+(?:une?\s+)?(?:montant\s+|somme\s+)?"
                              r"(?:total|global)e?|d['’]un\s+montant\s+(?:total|global))\b", re.I)


def _names(text: str, separator: re.Pattern = _LIST_SEPARATOR) -> list[str]:
    names = []
    for item in separator.split(text.strip()):
        cleaned = clean_name(_TO.sub("", item, count=1))
        if not cleaned:
            return []
        names.append(cleaned)
    return names


def _amount_run(text: str, backwards: bool) -> list[re.Match]:
    """The amounts that end ``text`` (``backwards``) or open it, separated by nothing but commas and "et"."""
    found = list(AMOUNT_RE.finditer(text))
    run: list[re.Match] = []
    for match in (reversed(found) if backwards else found):
        if run:
            between = text[match.end():run[-1].start()] if backwards else text[run[-1].end():match.start()]
            if not re.fullmatch(r"\s*(?:,|et|,\s*et)\s*", between):
                break
        elif not re.fullmatch(r"[\s,]*", text[match.end():] if backwards else text[:match.start()]):
            break
        run.append(match)
    return list(reversed(run)) if backwards else run


#: What a sentence says after its beneficiaries and before their amounts: "… des subventions de", "… la somme de".
_GRANT_WORDS_END = re.compile(r"[\s,]*(?:(?:des|les|une?|la|le|d['’]une?|pour)\s+)?(?:subventions?|aides?|"
                              r"participations?|sommes?|montants?|dotations?)?(?:\s+(?:de|d['’]|respecti(?:fs?|ves?)))*"
                              r"[\s,]*$", re.I)
#: What parts datives from one another: ", à l'association B et à C" (a name's own "et" does not).
_DATIVE_SEPARATOR = re.compile(r"\s*[,;]\s*(?:et\s+)?(?=(?:à|au|aux)\s)|\s+et\s+(?=(?:à|au|aux)\s)", re.I)
_DATIVE = re.compile(r"\b(?:à|au|aux)\s|(?<![\w'’-])a\s+(?=la?\s|l['’])", re.I)


def _dative_names(text: str, count: int | None = None) -> list[str]:
    """The beneficiaries a list of datives names ("à l'association A, à l'association B et à C", "aux associations
    A et B"), read from the first dative that opens a list of names each reading as one (of ``count`` names)."""
    # "… des subventions d'un montant": the grant words, stripped one group after the other
    while (stripped := _GRANT_WORDS_END.sub("", text)) != text:
        text = stripped
    for opening in _DATIVE.finditer(text):
        for separator in (_DATIVE_SEPARATOR, _LIST_SEPARATOR):
            names = _names(text[opening.start():], separator)
            if len(names) >= 2 and (count is None or len(names) == count):
                return names
    return []


def respective_grants(body: str) -> list[GrantFact]:
    """The grants of a sentence that gives amounts "respectivement" to as many beneficiaries, amounts first
    ("500 € et 300 € respectivement à A et à B") or beneficiaries first ("aux associations A et B, respectivement
    500 € et 300 €"). Counts that differ give nothing (the sentence is then read as prose)."""
    grants = []
    for match in _RESPECTIVELY.finditer(body):
        # A sentence that a line break cuts is read whole: "… des subventions de\nrespectivement 25 000 €, …".
        start = max([body.rfind(c, 0, match.start()) for c in (". ", ".\n", ";")]
                    + [body.rfind("\n\n", 0, match.start()) + 1]) + 1
        ends = [i for i in (body.find(c, match.end()) for c in (". ", ".\n", ";", "\n\n")) if i >= 0]
        end = min(ends) if ends else len(body)
        if body.endswith(".") and end == len(body):
            end -= 1
        before, after = body[start:match.start()], body[match.end():end]
        amounts = _amount_run(before, backwards=True)
        if len(amounts) > 1:
            names = _names(_SUM_AFTER_NAMES.split(after, maxsplit=1)[0])
        else:  # beneficiaries first: the datives before "respectivement"
            amounts = _amount_run(after, backwards=False)
            names = _dative_names(before, len(amounts))
            if not names and amounts:  # "ATTRIBUE respectivement 3 000 € et 2 000 € aux associations A et B"
                named = _SUM_AFTER_NAMES.split(after[amounts[-1].end():], maxsplit=1)[0]
                names = _dative_names(_PURPOSE.split(named, maxsplit=1)[0], len(amounts))
        if len(amounts) < 2 or len(names) != len(amounts):
            continue
        nature = nature_in(body[start:end])
        for name, amount in zip(names, amounts):
            grants.append(GrantFact(name, parse_amount(amount.group(0)), (start, end), nature, decision=True))
    return grants


#: The lead of a list of grants that goes on along its line: "ATTRIBUE les subventions suivantes au titre de
#: l'exercice 2024 :", "répartie comme suit :".
_INLINE_LEAD = re.compile(r"(?:subventions?|aides?|participations?|attribu\w*|accord\w*|allou\w*|vers\w*)"
                          r"[^.:;\n]{0,80}?(?:suivant\w*|comme\s+suit|ci-après)[^.:;\n]{0,60}?:[ \t]*(?=\S)", re.I)
#: One item of such a list: a name (its line may wrap), then its amount (its "€" may go to the next line) or the
#: amount in brackets ("Club A (2 200 €)"), then ";", "et" or "," before the next one (its separator), or the list's
#: end: the line's or the sentence's, its total (", soit …"), or a comma before words in small letters (", sur le
#: compte 6574").
_INLINE_AMOUNT = (r"(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?[ \t\u00a0\u202f]*\n?[ \t]*"
                  r"(?:€|euros?\b|EUR\b)")
_INLINE_NAME = rf"(?:[^;:€\n]|\n(?![ \t]*(?:\n|[{BULLET_MARKS}])))"
_INLINE_ITEM = re.compile(rf"(?P<name>{_INLINE_NAME}{{2,120}}?)\s*(?::\s*|[–—-]\s+|(?P<open>\()[ \t]*)?"
                          r"(?P<amount>" + _INLINE_AMOUNT + r")(?(open)[ \t]*\))[ \t]*"
                          r"(?:(?P<separator>;[ \t]*(?:et\s+)?|\s+et\s+(?=\S)|,(?![ \t]*soit\b)[ \t]*(?:et\s+)?"
                          rf"(?={_INLINE_NAME}{{2,120}}?" + _INLINE_AMOUNT + r"))|"
                          r"(?=[.,]?[ \t]*(?:\n|$)|\.\s|,\s*soit\b|,[ \t]+(?-i:[a-zà-ÿ])))", re.I)

#: What ends such a list: its total ("…, soit un total de 12 700 €").
_LIST_TOTAL = re.compile(r"[ \t]*,?\s*(?:soit|pour\s+un\s+(?:montant\s+)?total)\b", re.I)


def inline_grants(body: str) -> list[GrantFact]:
    """The grants of a list that follows its lead on the same line, one "name amount" after the other, parted by
    semicolons: two items at least, each of a name that reads as one (else the line is left to the prose reader).

    >>> [(g.beneficiary, str(g.amount)) for g in inline_grants("ATTRIBUE les subventions suivantes : Combrailles "
    ...  "Sport Santé 4 200 € ; SISA MSP de Pontaumur 3 000 € ; Écoute et Soutien Rural 5 500 €.")]
    [('Combrailles Sport Santé', '4200'), ('SISA MSP de Pontaumur', '3000'), ('Écoute et Soutien Rural', '5500')]
    """
    grants = []
    for lead in _INLINE_LEAD.finditer(body):
        items, at = [], lead.end()
        while not _LIST_TOTAL.match(body, at) and (item := _INLINE_ITEM.match(body, at)):
            name = _TO.sub("", re.sub(r"\s+", " ", item.group("name").strip()), count=1)
            name = clean_name(re.sub(r"^(?:l['’]|la\s+|le\s+|les\s+)(?=\w)", "", name))
            if not name or re.fullmatch(r"(?:(?:année|exercice|en)\s+)?(?:19|20)\d\d", name, re.I):
                items = []  # a name that reads as none, or a year's amount: no such list
                break
            items.append((name, parse_amount(item.group("amount").replace("\n", " ")), item.start()))
            at = item.end()
            if item.group("separator") is None:  # the list's end
                break
        if len(items) < 2:
            continue
        nature = nature_in(body[lead.start():lead.end()])
        grants += [GrantFact(name, amount, (items[0][2], at), nature, decision=True) for name, amount, _ in items]
    return grants


#: A lead that gives one beneficiary what the items below it list: "– d'allouer à l'association X :", "DÉCIDE
#: d'attribuer au CCAS de Y :" — a granting verb, its dative, a colon that ends the line, and no amount.
#: (Its indent and the spaces after its bullet taken whole: the words after them looked for a verb from each of their
#: splits, quadratic in an indent's width.)
_ONE_LEAD = re.compile(rf"^[ \t]*+(?:[{BULLET_MARKS}][ \t]*+)?[^\n€]*?\b(?:attribu|allou|accord|octroy|vers)\w*[ \t]+"
                       r"(?P<to>(?:à|au|aux)[ \t][^\n:;€]{2,150}?)[ \t]*:[ \t]*$", re.I | re.M)
#: An item below it that is a grant with no beneficiary of its own: "• une subvention de fonctionnement de 38 000 €
#: (imputation 65-6574) ;" — a bullet, then the grant's words, its amount on its line.
_OWN_ITEM = re.compile(rf"[ \t]*[{BULLET_MARKS}][ \t]*(?:une?|la|le)[ \t]+(?:subventions?|participations?|dotations?|"
                       r"bourses?|contributions?|fonds[ \t]+de[ \t]+concours|aides?(?![ \t]+remboursables?))\b"
                       r"(?P<rest>[^\n]*)", re.I)
#: What makes such an item no grant, or another's: a loan, or a beneficiary named in it.
_NOT_OWN = re.compile(r"\b(?:remboursables?|pr[êe]ts?|avances?)\b|\b(?:à|au|aux)[ \t]+(?:l['’]association|la[ \t]+"
                      r"commune|(?-i:[A-ZÉÈ]))", re.I)
#: The budget account an item names: "(imputation 65-6574)", "(article 20421)".
_ITEM_ACCOUNT = re.compile(r"\b(?:imputation|imput[ée]e?|compte|article|nature)\b[^)\n;]*", re.I)


def one_beneficiary_grants(body: str) -> list[GrantFact]:
    """The grants that a lead naming one beneficiary gives it, one item each below it (its operating and its
    investment grants, say), each with its nature and the account it names; none when an item names another
    beneficiary or no amount.

    >>> [(g.beneficiary, str(g.amount), g.nature, g.account) for g in one_beneficiary_grants(
    ...  "– d'allouer à l'association Psy Sud :\\n  • une subvention de fonctionnement de 38 000 € (imputation "
    ...  "65-6574) ;\\n  • une subvention d'investissement de 28 800 € (imputation 204-20421) ;")]
    [('Psy Sud', '38000', 'operating', '6574'), ('Psy Sud', '28800', 'investment', '20421')]
    """
    grants = []
    for lead in _ONE_LEAD.finditer(body):
        names = _names(lead.group("to"), _DATIVE_SEPARATOR)
        if len(names) != 1 or re.search(r"\bsuivant|ci-(?:après|dessous)", lead.group("to"), re.I):
            continue
        items, at = [], lead.end() + 1
        while item := _OWN_ITEM.match(body, at):
            amount = AMOUNT_RE.search(item.group("rest"))
            if amount is None or _NOT_OWN.search(item.group(0)):
                items = []
                break
            account = _ITEM_ACCOUNT.search(item.group("rest"))
            items.append(GrantFact(names[0], parse_amount(amount.group(0)), item.span(), nature_in(item.group(0)),
                                   decision=True, account=row_account(account.group(0)) if account else None))
            at = item.end() + 1
        grants += items
    return grants

