"""What a deliberation says of its grant table's columns outside the table: the column it names, its fiscal year, and
the authority whose column, in a financing plan of several co-funders, holds the grants it decides.

A call for projects' table often gives each project's whole financing plan ("Coût total | État | Agglo | Ville");
the text then says which column it decides ("seule la colonne « Ville » fait l'objet de la présente délibération",
"ATTRIBUE les subventions figurant dans la colonne « Ville »"), or the column is the one headed by the authority
itself. A column of an earlier year than the one the grants are for ("Alloué 2023" in a 2024 table) is not the
decided one.

>>> hints = column_hints("Le Conseil ATTRIBUE les subventions figurant dans la colonne « Ville » du tableau.")
>>> hints.named_column(["porteur", "cout total", "etat", "agglo", "ville"])
4
>>> column_hints("La colonne ARS est versée par l'Agence. Le Conseil attribue la colonne « Ville ».").named
'ville'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.ingest.french import fold

#: "colonne « Ville »", "colonne "Proposition 2025"", "colonne Ville": the column the text decides.
_NAMED = re.compile(r"\bcolonne\s+(?:intitulée\s+)?(?:[«\"“]\s*(?P<quoted>[^»\"”\n]{1,40}?)\s*[»\"”]|"
                    r"(?P<word>[A-ZÉÈ][\w'’-]*(?:\s+(?:19|20)\d\d)?))", re.I)
#: A co-funder's column in a financing plan: "État", "Part Ville", "Région (€)", "CAF"…
_FUNDER_HEAD = re.compile(r"(?:(?:part|participation|financement|subvention)\s+)?(?:de\s+la\s+|du\s+|de\s+l'|l')?"
                          r"(?P<who>etat|region|departement|cd|agglo(?:meration)?|ca|cc|cu|metropole|eurometropole|"
                          r"ville|commune|caf|ars|msa|europe|feder|fse|anct|petr|pays|autres?(?:\s+financeurs)?)"
                          r"(?:\s*\(?(?:€|eur|euros)\)?)?")
#: The heads of an authority's own column, by the first words of its name.
_OWN_HEADS = [(re.compile(r"(?:ville|commune|mairie)\b"), {"ville", "commune"}),
              (re.compile(r"(?:departement|conseil departemental)\b"), {"departement", "cd"}),
              (re.compile(r"(?:region|conseil regional)\b"), {"region"}),
              (re.compile(r"(?:euro)?metropole\b"), {"metropole", "eurometropole"}),
              (re.compile(r"communaute d'agglomeration\b|agglomeration\b"), {"agglo", "agglomeration", "ca"}),
              (re.compile(r"communaute de communes\b"), {"cc"}),
              (re.compile(r"communaute urbaine\b"), {"cu"}),
              (re.compile(r"pole d'equilibre territorial\b|petr\b"), {"petr", "pays"})]


#: What the sentence that names the decided column says before it: "attribue les subventions figurant dans la
#: colonne", "ATTRIBUE … inscrites dans la colonne", "seule la colonne".
_DECIDES = re.compile(r"\b(?:attribu|allou|accord|octroi|octroy|vot|decid|approuv)\w*\b|\bfigurant\b|\bseule?s?\b")


@dataclass
class ColumnHints:
    """What the text says of a table's columns: the column it names (folded), the fiscal year of the grants, and the
    text itself, where the authority is looked for only when a financing plan needs it."""

    body: str = ""
    named: str | None = None
    year: int | None = None
    _own: set[str] | None = field(default=None, repr=False)

    def named_column(self, folded: list[str]) -> int | None:
        """The index of the column whose head is the one the text names (a head may say more: "Ville (€)")."""
        if not self.named:
            return None
        return next((i for i, h in enumerate(folded) if i and (h == self.named or re.match(
            re.escape(self.named) + r"\b", h) or h.endswith(" " + self.named))), None)

    def own_column(self, folded: list[str]) -> int | None:
        """In a financing plan (two co-funders' columns or more), the column headed by the authority itself."""
        funders = {i: m.group("who") for i, h in enumerate(folded) if i and (m := _FUNDER_HEAD.fullmatch(h))}
        if len(funders) < 2:
            return None
        if self._own is None:
            self._own = _own_heads(self.body)
        return next((i for i, who in funders.items() if who in self._own), None)

    def own(self, head: str) -> bool:
        """Whether a co-funder's head ("PETR", "Part Ville") is the authority's own (folded)."""
        if (match := _FUNDER_HEAD.fullmatch(head)) is None:
            return False
        if self._own is None:
            self._own = _own_heads(self.body)
        return match.group("who") in self._own

    def earlier(self, header: str) -> bool:
        """Whether a column's head names a year before the one the grants are for ("Alloué pour 2023")."""
        year = re.search(r"\b(?:19|20)\d\d\b", header)
        return bool(year and self.year and int(year.group(0)) < self.year)


def _own_heads(body: str) -> set[str]:
    from graph.ingest.delib_authority import find_authority

    found = find_authority(body)
    name = fold(found[0]) if found else ""
    return next((heads for pattern, heads in _OWN_HEADS if pattern.match(name)), set())


def column_hints(body: str) -> ColumnHints:
    """Read what ``body`` says of its tables' columns (see :class:`ColumnHints`)."""
    from graph.ingest.delib_decision import find_fiscal_year

    matches = list(_NAMED.finditer(body))
    # the column the decision names, before one the exposé names ("La colonne ARS est versée par l'Agence")
    match = next((m for m in matches if _DECIDES.search(fold(re.split(r"[.;]\s|\n\s*\n", body[:m.start()])[-1]))),
                 matches[0] if matches else None)
    named = fold(match.group("quoted") or match.group("word")).strip() if match else None
    return ColumnHints(body, named or None, find_fiscal_year(body))
