"""What a grants list tells about itself, beyond its grants: its totals rows and the way it writes amounts.

>>> is_total("Sous-total sport"), is_total("TOTAL GÉNÉRAL"), is_total("TotalEnergies")
(True, True, False)
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.identity import fold
from graph.values import DotConvention, parse_amount

#: A row that sums those above it names itself so in its first cell or as its beneficiary ("Total", "TOTAL
#: GÉNÉRAL", "Sous-total sport", "Totaux"), folded; "TotalEnergies" is a name, not a total.
_TOTAL = re.compile(r"(?:sous )?tota(?:l|ux)\b")


def is_total(text: str) -> bool:
    """Whether a cell's ``text`` names its row a totals row."""
    return bool(text) and bool(_TOTAL.match(fold(text)))


def total_difference(label: str, stated: Decimal | None, since_total: Decimal, overall: Decimal
                     ) -> tuple[str, str] | None:
    """The warning (French, English) for a totals row ``label`` stating ``stated`` that is neither the sum of the
    grants kept since the last totals row (``since_total``, what a subtotal sums) nor of all those kept above
    (``overall``); None when it is one of them or states nothing.

    >>> total_difference("Total", Decimal("4100"), Decimal("4000"), Decimal("4000"))[0]
    'le total de la ligne (4100) diffère de la somme des subventions retenues au-dessus (4000)'
    """
    if stated is None or stated in (since_total, overall):
        return None
    expected = since_total if fold(label).startswith("sous") else overall
    return (f"le total de la ligne ({stated}) diffère de la somme des subventions retenues au-dessus ({expected})",
            f"the row's total ({stated}) differs from the sum of the grants kept above it ({expected})")


def dot_message(convention: DotConvention) -> tuple[str, str]:
    """The warning (French, English) that tells how a file's amounts like "12.500" are read, and why."""
    (line, text), reading = convention.either, convention.thousands_dot
    if reading is None:
        (t_line, t_text), (d_line, d_text) = convention.thousands, convention.decimal
        return (f"le fichier écrit les montants tantôt avec une virgule décimale ou des points de milliers (ligne "
                f"{t_line} : « {t_text} »), tantôt avec un point décimal (ligne {d_line} : « {d_text} ») : les "
                f"montants comme « {text} » (ligne {line}) sont refusés", f"the file writes amounts now with a "
                f"decimal comma or thousands dots (line {t_line}: '{t_text}'), now with a decimal dot (line {d_line}: "
                f"'{d_text}'): amounts like '{text}' (line {line}) are refused")
    value = parse_amount(text, reading)
    if reading:
        why = ((f"comme ligne {convention.thousands[0]} : « {convention.thousands[1]} »",
                f"as on line {convention.thousands[0]}: '{convention.thousands[1]}'") if convention.thousands else
               ("aucun montant n'ayant d'autres décimales que trois chiffres après un point",
                "no amount having other decimals than three digits after a dot"))
        return (f"point lu comme séparateur des milliers : « {text} » (ligne {line}) vaut {value} ({why[0]})",
                f"dot read as a thousands separator: '{text}' (line {line}) is {value} ({why[1]})")
    d_line, d_text = convention.decimal
    return (f"point lu comme marque décimale : « {text} » (ligne {line}) vaut {value} (comme ligne {d_line} : "
            f"« {d_text} »)", f"dot read as a decimal mark: '{text}' (line {line}) is {value} (as on line {d_line}: "
            f"'{d_text}')")
