"""The identifiers of French public data — SIREN, SIRET (Luhn keys, La Poste's exception), RNA numbers, the code of
a legality control's prefecture — and what spreadsheets do to them (DATA-FORMATS.md pitfall 18: spaces and dots
inside, a float's ".0", lost leading zeros, digits lost to a float's precision).

>>> siret_ok("732 829 320 00074")
True
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_ID_NOISE = re.compile(r"[\s\u00a0\u202f.\-]")
# Compiled once: these run on every row of an extract (re's own cache costs a lookup a call).
_SIREN, _SIRET = re.compile(r"\d{9}"), re.compile(r"\d{14}")
_SPACE, _WHITESPACE = re.compile(r"[\s\u00a0\u202f]"), re.compile(r"\s")


#: What a float conversion appends to a number of digits: "52499120500013.0" (pandas, spreadsheets).
_FLOAT_SUFFIX = re.compile(r"(\d[\d\s\u00a0\u202f]*)\.0+\s*")


def clean_identifier(text: str | None) -> str:
    """Remove the spaces, dots and hyphens that people put inside SIRENs and SIRETs, and the ``.0`` that a float
    conversion appends to them (pitfall 18).

    >>> clean_identifier("732 829 320 00074"), clean_identifier("52499120500013.0")
    ('73282932000074', '52499120500013')
    """
    if (m := _FLOAT_SUFFIX.fullmatch(text.strip() if text else "")) is not None:
        text = m[1]
    return _ID_NOISE.sub("", text or "")


def restore_leading_zeros(digits: str) -> str | None:
    """Return the SIREN (7 or 8 digits) or SIRET (10 to 13 digits) ``digits`` with the leading zeros that a
    spreadsheet dropped put back, when the result passes the check; None otherwise (pitfall 18). A leading zero
    does not change the Luhn sum: the check tells a dropped zero from a mistyped number only as it would tell any
    number, and the caller warns.

    >>> restore_leading_zeros("552013500004"), restore_leading_zeros("5520135"), restore_leading_zeros("3805449320029")
    ('00552013500004', '005520135', None)
    """
    if not digits.isascii() or not digits.isdigit():
        return None
    if len(digits) in (7, 8) and siren_ok(padded := digits.zfill(9)):
        return padded
    if 10 <= len(digits) <= 13 and siret_ok(padded := digits.zfill(14)):
        return padded
    return None


@lru_cache(maxsize=65_536)  # the same dates and identifiers recur on many rows
def luhn_ok(digits: str) -> bool:
    """Return True when a string of digits passes the Luhn check.

    >>> luhn_ok("244200770"), luhn_ok("244200771")
    (True, False)
    """
    # From the right: digits in odd places count as they are, the others doubled (less 9 past 9).
    total = sum(map(int, digits[-1::-2])) + sum(_DOUBLED[d] for d in map(int, digits[-2::-2]))
    return total % 10 == 0


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def siren_ok(text: str | None) -> bool:
    """Return True for a valid SIREN: 9 digits passing Luhn.

    >>> siren_ok("244200770"), siren_ok("225800010"), siren_ok("24420077")
    (True, True, False)
    """
    s = _ID_NOISE.sub("", text or "")  # not clean_identifier: "402617542.0" is no SIREN for a caller that keeps it
    return bool(_SIREN.fullmatch(s)) and luhn_ok(s)


#: La Poste's establishments share one SIREN and use another key: the digit sum is a multiple of 5.
LA_POSTE_SIREN = "356000000"


def siret_ok(text: str | None) -> bool:
    """Return True for a valid SIRET: 14 digits passing Luhn, or La Poste's rule (digit sum % 5).

    >>> siret_ok("21060004500392"), siret_ok("35600000000048"), siret_ok("35600000049837")
    (True, True, True)
    >>> siret_ok("21860194600000"), siret_ok("21860194600000.0")
    (False, False)
    """
    s = _SPACE.sub("", text or "")
    if not _SIRET.fullmatch(s):
        return False
    return luhn_ok(s) or (s.startswith(LA_POSTE_SIREN) and sum(map(int, s)) % 5 == 0)


_FLOATY = re.compile(r"\d+\.0+|\d(?:[.,]\d+)?[eE][+]?\d+")


def siret_float_mangled(text: str | None) -> bool:
    """Return True when an identifier went through a float: ``21860194600000.0``, ``2.18601946E+13``, a 13-digit
    value, or 14 digits ending in zeros that fail the check and whose first nine may be a SIREN that a float kept
    (digits lost, pitfall 18). A float keeps a number's first digits: when the ninth is not a zero, none of the
    SIREN's was lost, so a SIREN that fails its own check (``51345678900000``) was never a valid SIRET's, and the
    number is a wrong one, not a float's.

    >>> siret_float_mangled("21860194600000.0"), siret_float_mangled("3805449320029.0")
    (True, True)
    >>> siret_float_mangled("21860194600000"), siret_float_mangled("21860194600013")
    (True, False)
    >>> siret_float_mangled("21860190000000"), siret_float_mangled("51345678900000")
    (True, False)
    """
    raw = (text or "").strip()
    if _FLOATY.fullmatch(raw):
        return True
    s = clean_identifier(raw)
    if re.fullmatch(r"\d{13}", s):
        return True
    return bool(re.fullmatch(r"\d{12}0{2}", s)) and not siret_ok(s) and (s[8] == "0" or siren_ok(s[:9]))


_SCIENTIFIC = re.compile(r"(\d)[.,](\d+)[eE]\+?(\d+)")


def siret_of_float(text: str | None) -> str | None:
    """Return the SIRET that a spreadsheet wrote as a number in scientific notation with all its 14 digits
    (``8.1234567600017E+13``), when it passes the check; None when a digit may be missing or it fails.

    >>> siret_of_float("8.1234567600017E+13"), siret_of_float("8,1234567600017E+13")
    ('81234567600017', '81234567600017')
    >>> siret_of_float("8.123456760001E+13"), siret_of_float("8.1234567600018E+13"), siret_of_float("2.18601946E+13")
    (None, None, None)
    """
    m = _SCIENTIFIC.fullmatch((text or "").strip())
    if m is None or int(m[3]) != 13 or len(m[2]) != 13:  # every digit written, none of them an exponent's zero
        return None
    digits = m[1] + m[2]
    return digits if siret_ok(digits) else None


def siren_of_mangled(text: str | None) -> str | None:
    """Return the SIREN that a float-mangled SIRET (:func:`siret_float_mangled`) still holds whole, or None.

    A float keeps a number's first digits and turns the lost ones into trailing zeros: when the ninth digit is
    not a zero, no digit of the SIREN was lost, and its own key tells a whole SIREN from a damaged one. A ninth
    digit 0 may be a lost one: no SIREN is read then.

    >>> siren_of_mangled("21860194600000"), siren_of_mangled("2.18601946E+13"), siren_of_mangled("21860194600000.0")
    ('218601946', '218601946', '218601946')
    >>> siren_of_mangled("21860190000000"), siren_of_mangled("21860194700000"), siren_of_mangled("3805449320029.0")
    (None, None, None)
    """
    raw = (text or "").strip()
    if _FLOATY.fullmatch(raw):
        try:
            raw = format(Decimal(raw.replace(",", ".")), "f").split(".")[0]
        except InvalidOperation:
            return None
    digits = clean_identifier(raw)
    if not _SIRET.fullmatch(digits) or digits[8] == "0":
        return None
    return digits[:9] if siren_ok(digits[:9]) else None


_RNA = re.compile(r"W[0-9A-Z]{9}")
#: The old number of an association of the RNA's import layout: prefecture code, P or S, digits (``751P00085568``,
#: ``031S0031000113``). An association that has no W number is known by it (``dcterms:identifier``).
RNA_OLD_NUMBER = re.compile(r"[0-9][0-9A-Z]{2}[A-Z][0-9]{6,10}")


def normalise_rna(text: str | None) -> str:
    """Return an RNA number uppercased and without spaces (validity is :func:`rna_ok`'s business).

    >>> normalise_rna(" w751 085 568 ")
    'W751085568'
    """
    return _WHITESPACE.sub("", text or "").upper()


def rna_ok(text: str | None) -> bool:
    """Return True for an RNA number: ``W`` and 9 digits or capital letters (Corsica, Mayotte: pitfall 19).

    >>> rna_ok("W9T1002867"), rna_ok("W2A0001234"), rna_ok("751P00085568"), rna_ok("pas un rna")
    (True, True, False, False)
    """
    return bool(_RNA.fullmatch(normalise_rna(text)))


def read_siret(raw: str) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """Return (SIREN, SIRET) of an organisation's identifier cell and what could not be trusted in it (French,
    English): leading zeros a spreadsheet dropped (put back), a SIREN in a SIRET column (kept), a SIRET written as a
    number with its 14 digits whole (read), one whose digits a float lost (its SIREN kept when whole), a wrong key.

    >>> read_siret("2.2380001200013E+13")[:2], read_siret("22380001200014")[2][0][0]
    (('223800012', '22380001200013'), 'SIRET invalide (clé de contrôle) : ignoré')
    """
    digits, said = clean_identifier(raw), []
    if not raw:
        return None, None, said
    if padded := restore_leading_zeros(digits):
        said.append((f"zéros de tête perdus (passage par un tableur) : lu {padded}",
                     f"leading zeros lost (through a spreadsheet): read as {padded}"))
        digits = padded
    if siret_ok(digits):
        return digits[:9], digits, said
    if siren_ok(digits):
        return digits, None, said + [("SIREN à 9 chiffres dans une colonne SIRET : SIREN retenu",
                                      "9-digit SIREN in a SIRET column: SIREN kept")]
    if whole := siret_of_float(raw):
        return whole[:9], whole, said + [
            (f"SIRET écrit comme un nombre (passage par un tableur), ses 14 chiffres entiers : lu {whole}",
             f"SIRET written as a number (through a spreadsheet), its 14 digits whole: read as {whole}")]
    if not siret_float_mangled(raw):
        return None, None, said + [("SIRET invalide (clé de contrôle) : ignoré",
                                    "invalid SIRET (check digit): ignored")]
    if siren := siren_of_mangled(raw):
        return siren, None, said + [
            (f"SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : son SIREN {siren}, intact, retenu",
             f"SIRET mangled by a float conversion (digits lost): its SIREN {siren}, whole, kept")]
    return None, None, said + [("SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré",
                                "SIRET mangled by a float conversion (digits lost): ignored")]


#: The code of the body that holds an act's legality control, as the SCDL délibérations schema writes it (PREF_ID):
#: a prefecture PREFNNN, an SGAR SGARNNN, a sub-prefecture SPREFNNNM, where NNN is the département's number on three
#: characters, a "0" before the two of mainland France ("042", "02A" and "02B" for Corsica, "971" overseas) and M the
#: arrondissement's. ontology/shapes.ttl gives mai:legalityControlAuthority the same pattern.
CONTROL_CODE = re.compile(r"(?P<kind>PREF|SGAR)(?P<departement>[0-9]{3}|02[AB])"
                          r"|SPREF(?P<sub_departement>[0-9]{3}|02[AB])(?P<arrondissement>[0-9])")
#: The pattern of :data:`CONTROL_CODE` as a message names it.
CONTROL_CODE_FORM = ("PREFNNN pour une préfecture, SPREFNNNM pour une sous-préfecture, SGARNNN pour un SGAR ; NNN le "
                     "numéro du département sur 3 caractères, M celui de l'arrondissement, par exemple PREF042, "
                     "SPREF0691, PREF02A", "PREFNNN for a prefecture, SPREFNNNM for a sub-prefecture, SGARNNN for an "
                     "SGAR; NNN the département's number on 3 characters, M the arrondissement's, for example "
                     "PREF042, SPREF0691, PREF02A")


def read_control_code(code: str) -> tuple[str, str, str | None] | None:
    """Return the kind ("PREF", "SPREF" or "SGAR"), the département as France numbers it ("42", "2A", "971") and
    the arrondissement (a sub-prefecture's, else None) of a legality control's code (:data:`CONTROL_CODE`); None for
    a text of another form.

    >>> read_control_code("PREF042"), read_control_code("SPREF0691"), read_control_code("SGAR02A")
    (('PREF', '42', None), ('SPREF', '69', '1'), ('SGAR', '2A', None))
    >>> read_control_code("PREF971"), read_control_code("Loire"), read_control_code("PREF42")
    (('PREF', '971', None), None, None)
    """
    found = CONTROL_CODE.fullmatch(code)
    if found is None:
        return None
    kind, number = (found["kind"], found["departement"]) if found["kind"] else ("SPREF", found["sub_departement"])
    return kind, number[1:] if number.startswith("0") else number, found["arrondissement"]
