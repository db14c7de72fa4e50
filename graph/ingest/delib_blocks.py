"""Grants listed as blocks of lines under a granting sentence, one block a grant: a beneficiary's name on its first
line (after the third party's or the dossier's code), then its address, object or eligible cost, and the grant's
amount on a "Montant …" line or at the end of the block's last line.

Ville de Marseille writes "Tiers 198234" / name / address / postcode / "Dossier EX024733   12 500 Euros"; regions
write "Dossier n° EX045512 - Commune de X (Cantal)" / object / "Dépense subventionnable : …" / "Montant de la
subvention régionale : 200 000 €", or bullets "* PTCE X" / "Projet : …" / "Montant : 45 K€ (fonctionnement) -
Imputation : 65 - 6574", whose nature and account are the grant's.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> block_grants("Sont attribuées les subventions suivantes :\\n\\nTiers 198234\\nAssociation Femmes Santé\\n"
...              "22 rue des Oliviers\\n13013 Marseille\\nDossier EX024733         12 500 Euros\\n", found)
>>> [(g.beneficiary, g.amount) for g in found.grants]
[('Association Femmes Santé', Decimal('12500'))]
"""

from __future__ import annotations

import itertools
import re

from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD, NATURE_WORDS
from graph.ingest.delib_grants import GrantFact, GrantsFound, StatedTotal
from graph.ingest.delib_line_joins import join_cell_words
from graph.ingest.delib_list_leads import REFERS_BACK, approved_below
from graph.ingest.delib_lists import BULLET_MARKS
from graph.ingest.delib_recipient_names import clean_name
from graph.ingest.delib_table_context import heading_nature
from graph.ingest.french import AMOUNT_RE, fold, parse_amount

#: The sentence that announces the blocks: a grant word or verb, "suivantes" or "ci-après", and a colon.
_LEAD = re.compile(r"(?:suivant\w*|ci-apr[eè]s|ci-dessous|comme\s+suit)[^:]{0,140}:[ \t]*$", re.I)
_BULLET = re.compile(rf"^\s*[{BULLET_MARKS}]\s+")
#: A line whose last sentence announces, with a full stop, what follows: "Les dossiers retenus sont les suivants.".
_ANNOUNCES_BELOW = re.compile(r"(?:suivant\w*|ci-apr[eè]s|ci-dessous|comme\s+suit)[ \t]*\.[ \t]*$", re.I)
#: The line of a block that gives the grant: "Montant : 45 K€", "Montant de la subvention régionale : 200 000 €";
#: not the project's cost or the amount requested.
_AMOUNT_LINE = re.compile(r"^\s*(?:[-–•*]\s*)?(?:montant|subvention|aide)\b(?P<what>[^:\n]{0,60}):\s*", re.I)
#: The same field after others on its line, a dash or a semicolon before it: "dépense subventionnable 410 000 € HT –
#: taux 10 % – subvention : 41 000 €".
_AMOUNT_AFTER = re.compile(r"(?:\s[-–—]|;)\s*(?:montant|subvention|aide)\b(?P<what>[^:\n;–—]{0,60}):\s*", re.I)
_NOT_GRANT = re.compile(r"cout|depense|projet|total|demand|sollicit|eligible|subventionnable|budget", re.I)
#: A year in an amount's label: "Montant 2024", "Montant proposé 2025".
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A code line that opens a block: "Tiers 198234", "Dossier n° EX045512".
_CODE_LINE = re.compile(r"(?:tiers|dossier|n°|code|ref(?:erence)?)\s*(?:n°\s*)?[:]?\s*[A-Z0-9][\w/.-]*\d[\w/.-]*",
                        re.I)
#: A dossier's code before the name on its line: "Dossier n° EX045512 - Commune de X".
_CODE_BEFORE = re.compile(r"^(?:tiers|dossier|n°)\s*(?:n°\s*)?:?\s*[A-Z0-9][\w/.-]*\d[\w/.-]*\s*[-–—:]\s*", re.I)
#: A "fiche" block's field label before the name on its line: "Bénéficiaire : Association X", "Organisme : …",
#: "Association : X", "Partenaire : X".
_NAME_FIELD = re.compile(r"^(?:b[ée]n[ée]ficiaire|attributaire|organisme(?:\s+b[ée]n[ée]ficiaire)?|structure|"
                         r"association|partenaire|"
                         r"porteur(?:\s+(?:du|de)\s+projet)?|demandeur|nom(?:\s+de\s+l['’]organisme)?)\s*:\s*", re.I)
#: What a name's line says after the name: the structure that carries it, the département of a commune, its
#: number ("SCI Santé Lunévilloise (54)").
_DEPARTMENT = re.compile(r"\s*\((?:\d{2,3}|2[AB])\)$")
#: A name's line that names the project after a dash, the block's fields below it: "Commune de X (68) – Maison de
#: santé du Florival :".
_PROJECT_AFTER = re.compile(r"\s+[–—-]\s+(?P<project>[^–—]+?)\s*:$")
#: The words after a name's dash that are still the name's, a comma parting them from the project in small letters:
#: a place or a body's branch in capitals ("Association Addictions France – Drôme, consultations jeunes
#: consommateurs :", "Les Petits Frères des Pauvres – Équipe de Valence-Sud, visites aux aînés :").
_NAME_PART_THEN_PROJECT = re.compile(r"(?P<part>[A-ZÉÈÎÔÂ][\w'’-]*(?:\s+(?:(?:de|du|des|la|le|les|et|en|sur)\s+)*"
                                     r"(?:[dl]['’])?[A-ZÉÈÎÔÂ][\w'’-]*)*),\s+(?P<project>[a-zà-ÿ].*)")
#: A public body's name, then its operation after a dash: "Commune d'Eymoutiers – restauration de la tourbière",
#: "Syndicat d'aménagement du bassin de la Maulde (SABM) – acquisition foncière"; a public body has no branch that a
#: dash would name, as an association's "– antenne Nord" does.
_PUBLIC_BODY_THEN_OPERATION = re.compile(r"(?P<name>(?:commune|ville|communaut[ée]|syndicat|m[ée]tropole|"
                                         r"d[ée]partement|r[ée]gion|p[ôo]le\s+d['’][ée]quilibre|petr)\b[^–—]+?)"
                                         r"\s+[–—]\s+(?P<project>[^–—]+)$", re.I)
#: Another funder's aid beside the authority's in a block: "Aide Agence de l'eau (50 %)", "Part État", "FEDER".
_OTHER_FUNDER = re.compile(r"\b(?:agence\s+de\s+l['’]eau|etat|region|departement|europe|feder|feader|leader|fse|"
                           r"detr|dsil|caf|ars|ademe|ans|bpi)\b")
_CARRIED_BY = re.compile(r"\s*\((?:port[ée]e?|g[ée]r[ée]e?|pilot[ée]e?)\s+par\b[^()]*\)", re.I)
#: A place in brackets after a public body's name, "(Cantal)", a capital then small letters: not an acronym ("(SABM)").
_PLACE_AFTER = re.compile(r"^((?i:commune|communaut[ée]|ville|syndicat|m[ée]tropole)\b.*?)\s*\([A-ZÉÈ][a-zéèêëîïôûç]+"
                          r"(?:[-' ](?:de|du|des|d|sur|et|en|la|le|[A-ZÉÈ][a-zéèêëîïôûç]+))*\)$")
#: A block's account: "Imputation : 65 - 6574", "Imputation : 204 - 20422".
_IMPUTATION = re.compile(r"\bimputation\s*:\s*(?:\d{2,3}\s*[-–/]\s*)?(?P<n>(?:65|67|204)\d{0,4})\b", re.I)
_FIELD = re.compile(r"^\s*(?:projet|objet|action|op[ée]ration)\s*:\s*(?P<p>.+)$", re.I)
#: A block's last line that is its amount alone, but for what says it again or qualifies it: in words first, its
#: figures in brackets ("quinze mille euros (15 000 €)"), or net of tax ("800 € net de taxe", "1 200 € TTC").
_LONE_AMOUNT = re.compile(r"[ \t]*(?:[a-zà-ÿ][a-zà-ÿ' -]*\beuros?[ \t]*\([ \t]*(?=.*\)[ \t]*[.;]?[ \t]*$))?"
                          + AMOUNT_RE.pattern + r"[ \t]*\)?(?:[ \t]+(?:net(?:[ \t]+de[ \t]+(?:taxes?|TVA))?|HT|TTC|"
                          r"hors[ \t]+taxes?|toutes[ \t]+taxes[ \t]+comprises))?[ \t]*[.;]?[ \t]*", re.I)


def _blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The blocks of ``lines``, parted by blank lines or opened by a bullet; up to the first blank-line run that
    ends the list (two blank lines) or the end."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for start, line in lines:
        # a fiche's first field again opens the next fiche, where a PDF's text gives no blank line between them
        # ("Association : X" / "Action : …" / "Montant : …" / "Association : Y")
        if current and (label := _field_label(line)) is not None and label == _field_label(current[0][1]):
            blocks.append(current)
            current = [(start, line)]
            continue
        if not line.strip() or _BULLET.match(line) and current:
            if current:
                blocks.append(current)
            current = [(start, line)] if line.strip() else []
        else:
            current.append((start, line))
    if current:
        blocks.append(current)
    return blocks


def _field_label(line: str) -> str | None:
    """The label of the name's field that ``line`` opens with (:data:`_NAME_FIELD`), its first word folded.

    >>> _field_label("Association : Réseau Diabète"), _field_label("Montant : 7 200 €")
    ('association', None)
    """
    match = _NAME_FIELD.match(line.strip())
    return fold(match.group(0)).split()[0] if match else None


def _after_fields(block: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """``block`` cut where a line that is no field, and set no further right than the block's first line, follows
    its aid's line: the next block, with no blank line before it ("Aide EPTB (20 %) : 9 300 €" / "Commune de X –
    …")."""
    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    parts = [[block[0]]]
    for k, (start, line) in enumerate(block[1:], 1):
        previous = block[k - 1][1]
        if _AMOUNT_LINE.match(previous) and AMOUNT_RE.search(previous) and not re.search(r"\S\s*:\s", line) \
                and indent(line) <= indent(block[0][1]) < indent(previous):
            parts.append([])
        parts[-1].append((start, line))
    return parts


def _block_amount(texts: list[str], authority: str, fields_only: bool) -> tuple[re.Match, int, bool] | None:
    """The grant's amount of a block of lines ``texts`` (see :func:`_grant_of`), the line it is on, and whether a
    field gives it ("Montant : 12 500 €"); None when the block gives none."""
    fields = [(i, m) for i, line in enumerate(texts) for m in [_AMOUNT_LINE.match(line), *_AMOUNT_AFTER.finditer(line)]
              if m and not _NOT_GRANT.search(fold(m["what"])) and AMOUNT_RE.match(line, m.end())]
    if len(fields) > 1:  # "Aide EPTB (20 %) : …" beside "Aide Agence de l'eau (50 %) : …": the authority's own
        fields = [(i, m) for i, m in fields if not _others_aid(fold(m["what"]), authority)]
        if not fields:
            return None
    # "Montant 2024 : 1 200 €" above "Montant proposé 2025 : 1 300 €" (or "… 2025 : néant"): last year's, recalled
    latest = max((int(year) for line in texts if (label := _AMOUNT_LINE.match(line))
                  for year in _YEAR.findall(label["what"])), default=0)
    fields = [(i, m) for i, m in fields if not any(int(year) < latest for year in _YEAR.findall(m["what"]))]
    if fields:
        amount_at, field = fields[0]
        return AMOUNT_RE.match(texts[amount_at], field.end()), amount_at, True
    if fields_only:
        return None
    # the amount alone at the end of the last line, the only one in the block: "Dossier EX024733  12 500 Euros"
    found = [m for line in texts for m in AMOUNT_RE.finditer(line)]
    amount = AMOUNT_RE.search(texts[-1])
    lone = _LONE_AMOUNT.fullmatch(texts[-1])
    if len(found) != 1 or amount is None or len(texts) < 2 or not lone and (
            texts[-1][amount.end():].strip() or texts[-1][:amount.start()].strip()
            and not _CODE_LINE.fullmatch(texts[-1][:amount.start()].strip())):
        return None
    return amount, len(texts) - 1, False


def _block_name(texts: list[str], name_at: int, amount_at: int, in_field: bool) -> tuple[str, re.Match | None]:
    """The beneficiary's name that a block's line ``name_at`` gives (with its next lines, for a name cut over lines
    above an amount given by no field: ``in_field``), and the project it names after it, if any."""
    name = _NAME_FIELD.sub("", _CODE_BEFORE.sub("", _BULLET.sub("", texts[name_at]).strip()))
    if not in_field and _name_goes_on(texts[name_at + 1:amount_at]):  # a name cut over lines, its amount alone below
        for line in texts[name_at + 1:amount_at]:
            name = join_cell_words(name, line.strip())
    project = _PROJECT_AFTER.search(name) if name_at + 1 < len(texts) else None
    if project and (part := _NAME_PART_THEN_PROJECT.fullmatch(project["project"])):
        name, project = name[:part.end("part") + project.start("project")], part
    elif project:
        name = name[:project.start()]
    if (public := _PUBLIC_BODY_THEN_OPERATION.match(name)) is not None:
        name, project = public["name"], project or public
    name = _DEPARTMENT.sub("", _CARRIED_BY.sub("", name))
    name = _PLACE_AFTER.sub(r"\1", name.strip())
    return clean_name(name), project


def _grant_of(block: list[tuple[int, str]], heading: str | None, authority: str = "",
              fields_only: bool = False) -> GrantFact | None:
    """The grant of one block, or None when the block is not one (no name line, no grant amount, several amounts
    with none on a "Montant" line). Of several aid lines, those of other funders than the ``authority`` (its name,
    folded) are not its grant. ``fields_only``: whether the grant must be on such a line, its amount alone at the
    end of the block not enough."""
    texts = [line for _, line in block]
    found = _block_amount(texts, authority, fields_only)
    if found is None:
        return None
    amount, amount_at, in_field = found
    name_at = next((i for i, line in enumerate(texts) if not _CODE_LINE.fullmatch(line.strip())), None)
    if name_at is None or name_at >= amount_at:
        return None
    name, project = _block_name(texts, name_at, amount_at, in_field)
    value = parse_amount(amount.group(0))
    if not name or not value or AMOUNT_RE.search(name):
        return None
    said = fold(texts[amount_at])
    nature = _stated_nature(texts) or next((n for w, n in NATURE_WORDS.items() if re.search(rf"\(\s*{w}", said)),
                                           None) or heading
    account = next((m["n"] for line in texts if (m := _IMPUTATION.search(line))), None)
    purpose = next((m["p"].strip() for line in texts if (m := _FIELD.match(line))), None) or (
        project["project"] if project else None)
    span = (block[0][0], block[-1][0] + len(block[-1][1]))
    return GrantFact(name, value, span, nature, purpose, True, True, account=account)


#: A block's field that states its grant's nature: "Nature : projet", "Nature de l'aide : investissement".
_NATURE_LINE = re.compile(r"[ \t]*nature(?:[ \t]+de[ \t]+(?:l['’][ \t]*aide|la[ \t]+subvention))?[ \t]*:[ \t]*"
                          r"(?P<word>[^\W\d]+)", re.I)


def _stated_nature(texts: list[str]) -> str | None:
    """The nature that a block's "Nature : …" field states, when it is one of :data:`NATURE_WORDS`.

    >>> _stated_nature(["Bénéficiaire : Compagnie Off", "Montant : 9 500 €", "Nature : projet"])
    'project'
    """
    for line in texts:
        if (field := _NATURE_LINE.match(line)) is not None:
            word = fold(field["word"]).lower()
            return NATURE_WORDS.get(word) or NATURE_WORDS.get(word.rstrip("s"))
    return None


def _name_goes_on(lines: list[str]) -> bool:
    """Whether the lines between a block's name line and its amount line, when there are some, are the rest of the
    name ("Comité départemental de l'Union" / "Française des Oeuvres Laïques" / "d'Education Physique (UFOLEP)"):
    each reads as a name's words (:func:`graph.ingest.delib_stacked.name_like`), with no figure (an address's, a
    cost's) and no field's colon.

    >>> _name_goes_on(["du Lot-et-Dordogne"]), _name_goes_on(["22 rue des Oliviers", "13013 Marseille"])
    (True, False)
    >>> _name_goes_on(["organisation du festival d'été"]), _name_goes_on([])
    (False, False)
    """
    from graph.ingest.delib_stacked import name_like

    return bool(lines) and all(name_like(line.strip()) and not re.search(r"\d|:", line) for line in lines)


def _others_aid(what: str, authority: str) -> bool:
    """Whether an aid line's label (folded, "aide" taken off: " agence de l'eau (50 %)") names another funder than
    the authority (its name, folded)."""
    funder = _OTHER_FUNDER.search(what)
    return funder is not None and funder.group(0) not in authority


def block_grants(body: str, found: GrantsFound) -> None:
    """Read the grants of the blocks that follow a granting sentence (see the module); their spans go to
    ``found.tables``, so that the prose reader leaves their amounts alone."""
    from graph.ingest.delib_authority import find_authority

    lines = [(m.start(), m.group(0)) for m in re.finditer(r"^.*$", body, re.M)]
    authority = None
    for i, (start, line) in enumerate(lines):
        if _opens_fiches(lines, i, body) and not any(s <= start < e for s, e in found.tables):
            # fiches with no lead above them, granted below: each block's first line is its name's field
            authority = fold((find_authority(body) or ("",))[0]) if authority is None else authority
            _read_blocks(lines[i:], None, authority, True, found)
            continue
        announces = _ANNOUNCES_BELOW.search(line)
        if not line.rstrip().endswith(":") and not announces:
            continue
        lead = (lines[i - 1][1] + " " + line) if i and lines[i - 1][1].strip() else line  # a lead wrapped once
        granting = bool(_LEAD.search(lead) and (GRANT_WORD.search(lead) or GRANT_VERB.search(lead)))
        # "Opérations proposées :" above blocks that the decision grants further down ("ATTRIBUE les aides
        # ci-dessus"): blocks that each state their aid on a line of its own
        # "Les dossiers retenus sont les suivants." above blocks that the decision grants further down ("attribue aux
        # associations ci-dessus les subventions indiquées"), their "Montant" lines read as such.
        # "La commission … propose les montants suivants :" above blocks that the decision grants further down ("les
        # subventions figurant dans le tableau ci-dessus"), its words no plan's
        if not granting and not ((len(line.strip()) <= 60 or announces) and REFERS_BACK.search(body, start)) \
                and not (_LEAD.search(lead) and approved_below(body, start + len(line), lead)):
            continue
        if any(s <= start + len(line) < e for s, e in found.tables):
            continue
        if authority is None:
            authority = fold((find_authority(body) or ("",))[0])
        _read_blocks(lines[i + 1:], heading_nature(body, start + len(line) + 1), authority, not granting, found)


def _read_blocks(lines: list[tuple[int, str]], heading: str | None, authority: str, fields_only: bool,
                 found: GrantsFound) -> None:
    """Read the grants of the blocks that ``lines`` open with, up to the first that is none; their span goes to
    ``found.tables``."""
    grants, nil, read = [], [], []
    lines = _without_caption(lines)
    for block in (part for block in _blocks(lines) for part in _after_fields(block)):
        if any(s <= block[0][0] < e for s, e in found.tables):
            break
        grant = _grant_of(block, heading, authority, fields_only=fields_only)
        if grant is None and (nothing := _granted_nothing(block)) is not None:
            # "Montant proposé 2025 : néant (dissolution de l'association)": no grant; the next blocks are the list's
            # (its lines up to that one are no one's grant; a "Total …" line below it is the blocks' total)
            nil.append((block[0][0], nothing[0] + len(nothing[1])))
            read.append(block)
            continue
        if grant is None:
            break
        grants.append(grant)
        read.append(block)
    if grants:
        found.grants += grants
        found.tables += [(grants[0].span[0], grants[-1].span[1])] + nil
        found.totals += _block_totals(read)


#: What a total's label names that is no grant: "Total des dépenses éligibles", "Total du coût des projets".
_COST = re.compile(r"cout|depense|eligible|subventionnable|assiette|projet|demand|sollicit")
#: A block's line that gives the total of the blocks above it: "Total proposé 2025 : 2 950 €".
_TOTAL_LINE = re.compile(r"[ \t]*(?P<label>total\b[^:\n\d€]*(?:(?:19|20)\d\d[^:\n\d€]*)?:)[ \t]*(?P<amount>"
                         + AMOUNT_RE.pattern + r")[ \t]*[.;]?[ \t]*", re.I)


def _block_totals(blocks: list[list[tuple[int, str]]]) -> list[StatedTotal]:
    """The totals that the lines of the ``blocks`` read state (:data:`_TOTAL_LINE`), but those labelled with a year
    before another total's: "Total 2024 : 3 000 €" above "Total proposé 2025 : 2 950 €" recalls last year's.

    >>> [(t.amount, t.label) for t in _block_totals([[(0, "Association : A"), (16, "Montant 2025 : 900 €"),
    ...                                               (37, "Total 2024 : 3 000 €"), (58, "Total 2025 : 900 €")]])]
    [(Decimal('900'), 'Total 2025 :')]
    """
    found = [(start, total) for block in blocks for start, line in block
             if (total := _TOTAL_LINE.fullmatch(line)) is not None and not _COST.search(fold(total["label"]))]
    years = [int(year) for _, total in found for year in _YEAR.findall(total["label"])]
    return [StatedTotal(parse_amount(total["amount"]), (start + total.start("amount"), start + total.end("amount")),
                        total["label"]) for start, total in found
            if not any(int(year) < max(years) for year in _YEAR.findall(total["label"]))]


#: A table's caption above its blocks, a line of its own with no figure but a year: "Tableau des subventions 2025",
#: "Liste des bénéficiaires".
_CAPTION = re.compile(r"[ \t]*(?:tableau|liste|r[ée]capitulatif|r[ée]partition)\b[^:\d\n]*(?:(?:19|20)\d\d)?[ \t]*",
                      re.I)


def _without_caption(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``lines`` without the blank lines and the caption (:data:`_CAPTION`) that open them: "Tableau des subventions
    2025" above the first block is no beneficiary's name.

    >>> _without_caption([(0, ""), (1, "Tableau des subventions 2025"), (30, "Association : Club A")])
    [(30, 'Association : Club A')]
    """
    at = 0
    while at < len(lines) and not lines[at][1].strip():
        at += 1
    if at < len(lines) and _CAPTION.fullmatch(lines[at][1]):
        return lines[at + 1:]
    return lines


#: A block's line that says no amount is granted: "Montant proposé 2025 : néant (dissolution de l'association)",
#: "Subvention : 0 €".
_NOTHING_GRANTED = re.compile(r"(?:n[ée]ant|0(?:,0{1,2})?[ \t]*€|[–—-])(?:[ \t]*\(.*\))?[ \t]*[.;]?[ \t]*$", re.I)


def _granted_nothing(block: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The line of ``block`` (where it starts, and its text) that says it grants nothing to the beneficiary its first
    line names in a name's field: its grant's line says "néant", "0 €" or a dash; the blocks below it are the list's
    still. None when the block is no such one.

    >>> _granted_nothing([(0, "Association : Club B"), (21, "Montant 2024 : 250 €"), (42, "Montant proposé : néant")])
    (42, 'Montant proposé : néant')
    """
    if _field_label(block[0][1]) is None:
        return None
    return next(((start, line) for start, line in block[1:] if (field := _AMOUNT_LINE.match(line))
                 and not _NOT_GRANT.search(fold(field["what"])) and _NOTHING_GRANTED.match(line, field.end())), None)


def _opens_fiches(lines: list[tuple[int, str]], i: int, body: str) -> bool:
    """Whether line ``i`` of ``lines`` opens a run of fiches that no lead announces: a paragraph's first line that
    is a name's field ("Bénéficiaire : Compagnie Off"), its "Montant : …" field below in the same paragraph, and a
    decision further down that grants the aid set out above ("VALIDE le versement des subventions ci-dessus").

    >>> text = "Bénéficiaire : Compagnie Off\\nMontant : 9 500 €\\n\\nLe Conseil attribue les subventions ci-dessus."
    >>> lines = [(m.start(), m.group(0)) for m in re.finditer(r"^.*$", text, re.M)]
    >>> _opens_fiches(lines, 0, text), _opens_fiches(lines, 1, text)
    (True, False)
    """
    start, line = lines[i]
    if _field_label(line) is None or i and lines[i - 1][1].strip():
        return False
    paragraph = itertools.takewhile(lambda numbered: numbered[1].strip(), lines[i + 1:])
    return any(_AMOUNT_LINE.match(text) for _, text in paragraph) and bool(REFERS_BACK.search(body, start))
