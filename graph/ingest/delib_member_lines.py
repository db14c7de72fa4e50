"""The lines of an attendance list that go on naming its members (:func:`read_section_text`): names wrapped over two
lines, lists in columns, rows of names a PDF's text closed up, a list set one member a line, and the line where the
list ends.
"""

from __future__ import annotations

import re

from graph.ingest.delib_members import (BY_TITLE, CHAIR_ROLE, CUT_ASIDE, GIVEN_BY, HELD_BY, HOLDER_ON_NEXT_LINE,
                                        NOT_A_HOLDER, PROXY_SPLIT, ROLE_ITEM, STARTS_WITH_CIVILITY, is_bare_list,
                                        is_capitals, is_holder_item, read_member, read_proxy_item, split_and,
                                        split_items, strip_asides, unbullet)


def _names_line(line: str, kind: str, bare: bool = False, capitals: bool = False, cut: bool = False) -> bool:
    """Whether ``line`` continues a list of names; ``bare``: the list gives family names alone; ``capitals``: it is
    written in capitals; ``cut``: the line before ended with a hyphen, the line's first word ends a name."""
    raw = [i for i in split_items(unbullet(line)) if i.strip(" .")]
    # an item that is only the proxy of the name that ended the line before ("M. Rémi X" / "(pouvoir à Mme Y), …")
    items = [item for item in (strip_asides(HELD_BY.sub("", i).rstrip(" .")) for i in raw) if item.strip(" .")]
    if cut and items and (family := re.match(r"\s*(?:[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý]|" + _GIVEN + r")\.?(?:\s+et\s+|\s*$)",
                                             items[0])):
        # the family name that ends the name the line before cut, alone or before the last member ("… M. Julien" /
        # "ROUQUETTE et Mme Sylvie X.", "… et M. Thierry" / "POIRIER-GAUTIER."), or the given name after the family
        # name of a list written family name first ("…, PERRIN" / "Sylvie, VIALLON Marc")
        rest = items[0][family.end():]
        items = ([rest] if rest.strip(" .") else []) + items[1:]
        if not items:
            return True
    elif cut and len(items) > 1:
        items = items[1:]
    if kind != "proxies":  # "Mme Odile X et M. Rémi Y": two members
        items = [part for item in items for part in split_and(item, kind, bare, capitals)]
    if not items:
        return bool(raw) and HELD_BY.match(raw[0]) is not None
    # a proxy's line: a proxy given by a member, or the rest of one that the line before cut ("Mme X a donné" /
    # "pouvoir à Mme Y") — not any line with an "à" ("Rapporteure : Mme X, déléguée à la santé")
    if kind == "proxies":
        for k, item in enumerate(raw):
            parts = PROXY_SPLIT.split(GIVEN_BY.sub("", item), maxsplit=1)
            giver = strip_asides(parts[0]).strip(" .)")
            if len(parts) > 1 and not NOT_A_HOLDER.match(parts[1]) and (
                    (not giver and k == 0) or HOLDER_ON_NEXT_LINE.fullmatch(giver)
                    or read_member(giver, bare, capitals) is not None or BY_TITLE.fullmatch(giver)):
                return True
    elif kind != "present" and any(read_proxy_item(item, bare, capitals) for item in raw):
        return True  # an absent member and their proxy's holder: "M. Luc X par M. Paul Y"
    # an item of its own that says who chairs ("M. Bernard X, Maire ; …") is part of the list too
    good = sum(read_member(i, bare, capitals) is not None or i.strip().endswith("-")
               or BY_TITLE.fullmatch(PROXY_SPLIT.split(i, maxsplit=1)[0].strip()) is not None
               or (kind == "present" and (CHAIR_ROLE.fullmatch(i) or ROLE_ITEM.fullmatch(i)) is not None)
               or is_holder_item(i, bare, capitals) for i in items)
    last = items[-1].split()
    dangling = (len(last) == 1 and re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+", last[0]) is not None
                or _GIVEN_NAME_LAST.search(items[-1].strip()) is not None)  # "Mme Annie" / "FAURIE" below
    return good >= max(1, len(items) - (1 if dangling else 0)) * 0.6


#: A line that ends on a civility and a given name, its family name on the next line ("…, Mme Annie" / "FAURIE, …"),
#: the last of a list ("… et M. Thierry" / "POIRIER.") or a proxy's holder ("M. X à Mme Annie" / "LECLERC.").
_GIVEN_NAME_LAST = re.compile(r"(?:^|[,;]\s*|\s(?:et|à|par)\s+)(?:M\.|Mme|Mlle|Monsieur|Madame)\s+"
                              r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?$")


#: A given name: "Sylvie", "Anne-Marie".
_GIVEN = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?"
#: The same in a list without civilities, after a comma: "…, Élodie" / "REY, Thierry SOULIER" (a PDF's line wrap).
_GIVEN_NAME_ALONE_LAST = re.compile(r"[,;][ \t]*(?!(?:Mme|Mlle|MM|Mmes|Monsieur|Madame)\b)" + _GIVEN + r"$")
#: A family name alone after a comma at a line's end, in a list written family name first ("FAURE Gérard, …,
#: PERRIN" / "Sylvie, VIALLON Marc"): its given name on the next line.
_FAMILY_NAME_LAST = re.compile(r"[,;][ \t]*[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý]$")
_FAMILY_FIRST = re.compile(r"(?:^|[,;:][ \t]*)[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý][ \t]+" + _GIVEN + r"[ \t]*[,;]")


#: A line of names that ends the list with a full stop ("…, M. JACQUOT-RENAUD."), not with an initial or a
#: civility whose name follows ("…, M." / "DURAND").
_CLOSED = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bMmes)(?<!\bMlle)(?<![\s.-][A-ZÀ-Ý])(?<!^[A-ZÀ-Ý])\.$")


#: The gap between two members that a list in columns sets on one line ("Mme Anne X (pouvoir à M. Y)        M. Marc
#: Z (pouvoir à Mme W)", "Paul DURAND          Léa MARTIN"): a tab or three spaces and more before a civility or a
#: capital, or a mere space between a family name in capitals and the next member's civility and given name, where
#: a PDF's copy closed the columns up ("Mme Isabelle DEXPERT Mme Danielle BARREYRE M. Patrick DUFAU"; not "M. MARC X
#: PAR M. LUC Y").
_COLUMN_GAP = re.compile(r"(?<=\S)(?:\t|[ \t]{3,})[ \t]*(?=(?:M\.|Mme|Mlle|MM\.|Mmes|Monsieur|Madame)\s)"
                         r"|(?<=[A-ZÀ-Ý]{2})(?<!\bPAR)(?<!\bET)[ \t]+(?=(?:M\.|Mme|Mlle|Monsieur|Madame)\s+"
                         r"[A-ZÀ-Ý][a-zà-ÿ])"
                         r"|(?<=[^\s,;])(?:\t|[ \t]{3,})[ \t]*(?=[A-ZÀ-Ý])")


#: Where a PDF's text closed up a row of names set in columns, given name first: a family name in capitals, a space,
#: then the next member's given name and family name ("Paul ABALAIN Marc ELLEOUET Alain HAMON").
_NEXT_MEMBER = re.compile(r"(?<=[A-ZÀ-Ý]{2})[ \t]+(?=[A-ZÀ-Ý][a-zà-ÿ'’]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ'’]+)?[ \t]+[A-ZÀ-Ý]{2})")


def _closed_up(line: str, bare: bool, capitals: bool) -> str:
    """A row of names that a PDF's text closed up, with nothing between them, their commas given back, when each
    part reads as a member (:data:`_NEXT_MEMBER`).

    >>> _closed_up("Paul ABALAIN Marc ELLEOUET Alain HAMON", False, False)
    'Paul ABALAIN, Marc ELLEOUET, Alain HAMON'
    >>> _closed_up("Anne TERROT DONTENWILL", False, False)
    'Anne TERROT DONTENWILL'
    """
    if re.search(r"[,;()–—]", line):
        return line
    parts = _NEXT_MEMBER.split(line.strip())
    if len(parts) < 2 or any(read_member(part, bare, capitals) is None for part in parts):
        return line
    return ", ".join(parts)


def read_section_text(body: str, start: int, stop: int, kind: str) -> tuple[str, int, list[str]]:
    """Return the joined names of a section, the offset where they end, and the lines of a list set one member a
    line that read as no name ("Pierre NICOLAs" between "Michèle BEAUDONNAT" and "Marie CHANTHAPANYA"): kept in the
    list, so that the members after them are not lost, for the reader to warn of. The members that a list in
    columns sets side by side on a line are its items."""
    first_line, *rest = body[start:stop].split("\n")
    all_lines = [first_line] + rest
    lines, end, pos, unread, bulleted, columned = [], start, start, [], [], []
    first = _COLUMN_GAP.sub(", ", next((line for line in all_lines if line.strip()), ""))
    bare, capitals = is_bare_list(first, kind), is_capitals(first.strip(), kind)
    gap = False  # a blank line since the last line of names
    for i, line in enumerate(all_lines):
        if line.strip():
            if gap and _CLOSED.search(lines[-1]):
                break  # a list closed by its full stop, then a blank line: a heading below is no name ("EXPOSÉ")
            gap = False
            cut = bool(lines) and (lines[-1].endswith("-") or _GIVEN_NAME_LAST.search(lines[-1]) is not None
                                   or _GIVEN_NAME_ALONE_LAST.search(lines[-1]) is not None
                                   or _FAMILY_NAME_LAST.search(lines[-1]) is not None
                                   and _FAMILY_FIRST.search(lines[-1]) is not None)
            # a line that an aside's bracket left open goes on with it: "(représentante des" / "locataires CLCV), …"
            in_aside = bool(lines) and CUT_ASIDE.search(lines[-1]) is not None
            names = _closed_up(_COLUMN_GAP.sub(", ", line), bare, capitals)
            if not in_aside and not _names_line(names, kind, bare, capitals, cut=cut):
                following = next((later for later in all_lines[i + 1:] if later.strip()), "")
                if not (lines and _whole_item(lines[-1], kind, bare, capitals) and _LIKE_A_NAME.fullmatch(line.strip())
                        and _whole_item(following, kind, bare, capitals)):
                    break
                unread.append(line.strip())
            lines.append(unbullet(names).strip())
            bulleted.append(unbullet(line) != line)
            columned.append(names != line)
            end = pos + len(line)
        elif lines:
            gap = True
        pos += len(line) + 1
    return _join_lines(lines, bulleted, columned, unread, (kind, bare, capitals)), end, unread


def _join_lines(lines: list[str], bulleted: list[bool], columned: list[bool], unread: list[str],
                list_kind: tuple[str, bool, bool]) -> str:
    """The lines of a list's names (:func:`read_section_text`), joined: a comma where a line starts a member of its
    own (after a bullet, a whole member, a row of a list in columns, a civility), a space where it goes on the name
    or the proxy of the line before. ``bulleted``, ``columned``: whether each line had a bullet, or columns; ``unread``:
    the lines kept that read as no name; ``list_kind``: the list's kind, whether it gives family names alone, whether
    it is written in capitals.

    >>> _join_lines(["M. Jean", "DUPONT, Mme Léa ROY"], [False, False], [False, False], [], ("present", False, False))
    'M. Jean DUPONT, Mme Léa ROY'
    """
    kind, bare, capitals = list_kind
    joined, whole_before, row_before = "", False, False
    for line, bullet, row in zip(lines, bulleted, columned):
        whole = _whole_item(line, kind, bare, capitals) or line in unread
        if not joined or joined.endswith("-"):
            joined += line
        elif bullet:  # a bullet, or the dash between two members that the line before sent down ("… GARCIA B." / "-
            joined += ", " + line  # GUIRAUD G. – ORTEGA P.")
        elif whole and whole_before:  # one member a line, without civility: "Alain KELYOR" / "Christine MORIN"
            joined += ", " + line
        # a row of a list in columns ended on a whole member: "Paul DURAND          Léa MARTIN" / "Marc PIC …"
        elif row_before and _whole_item(split_items(joined)[-1], kind, bare, capitals):
            joined += ", " + line
        # one name a line; not the holder of a proxy that the line before announced ("Mme X à" / "M. Y ; …")
        elif (STARTS_WITH_CIVILITY.match(line) and not joined.endswith((",", ";"))
              and not re.search(r"\s(?:à|a|par)$", joined)):
            joined += ", " + line
        else:
            joined += " " + line
        whole_before, row_before = whole, row
    return joined


#: A line that looks like a person's name though it reads as none: two to four words of letters, one of them in
#: capitals or each opening with one ("claude MOREL", "Pierre NICOLAs"), not all in capitals ("INVITÉES
#: PERMANENTES" heads another list).
_LIKE_A_NAME = re.compile(r"(?=.*\b[A-ZÀ-Ý]{2,}\b|(?:[A-ZÀ-Ý]\S*\s+)+[A-ZÀ-Ý]\S*$)(?=.*[a-zà-ÿ])"
                          r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){1,3}")


def _whole_item(line: str, kind: str, bare: bool, capitals: bool) -> bool:
    """Whether a line names one whole member with their given name ("Alain KELYOR"), or one whole proxy ("Françoise
    SMUDLA par Nathalie QUINION"): a line of a list set one member a line, not a name cut over two lines ("M. Jean" /
    "DUPONT", "M. Jean DUPONT" / "DE LA TOUR")."""
    def named(item: str) -> bool:
        person = read_member(strip_asides(item).strip(" .;,"), bare, capitals)
        return person is not None and bool(person.given)
    if kind == "proxies":
        parts = PROXY_SPLIT.split(GIVEN_BY.sub("", line.strip()), maxsplit=1)
        return len(parts) == 2 and named(parts[0]) and named(parts[1])
    return named(line)
