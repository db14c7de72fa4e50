"""The identifier cells of the SCDL lists (``idBeneficiaire``, ``idAttribuant``, ``COLL_SIRET``, ``rnaBeneficiaire``)
cleaned of what spreadsheets and typists wrap around a number before it is checked: Excel's text formula
``="00552013500004"``, the apostrophe that forces a cell to text (``'42901366700028``), a label (``SIRET : 429 013 667
00028``), and a SIRET and an RNA number in one cell (``38047555800058 / W861000123``). What is left is read by
:func:`graph.identifiers.read_siret`, whose refusal then says what is wrong: its characters, its length, or its check
digit (it said "check digit" of them all). The partner register reads its members' SIREN and SIRET cells with them
too (:func:`graph.ingest.register_values.read_identifiers`): one diagnosis, in the same words.
"""

from __future__ import annotations

import re

from graph.identifiers import clean_identifier, normalise_rna, read_siret, rna_ok

#: ``="…"``: the text formula by which an export keeps a number's leading zeros in Excel.
_FORMULA = re.compile(r'=\s*"(.*)"')
#: A label before the number: "SIRET :", "N° SIRET", "SIREN n°", "RNA :", "n°".
_LABEL = re.compile(r"(?:n°|no|num(?:éro|ero)?\.?)?\s*(?:siret|siren|rna)?\s*(?:n°|no)?\s*:?\s*(?=[0-9Ww])",
                    re.IGNORECASE)
#: A SIRET (or SIREN) and an RNA number in one cell, in either order, cut by a slash, a semicolon, a comma, a bar,
#: "et" or a dash; the RNA may be labelled.
_NUMBER, _W = r"\d[\d .\u00a0\u202f]{7,20}\d", r"(?:RNA\s*:?\s*)?W[\dA-Z][\dA-Z \u00a0]{7,12}[\dA-Z]"
_BOTH = re.compile(rf"(?:(?P<number>{_NUMBER})\s*(?:[/;,|&–-]|\bet\b)\s*(?P<rna>{_W})|(?P<rna2>{_W})\s*(?:[/;,|&–-]|"
                   rf"\bet\b)\s*(?P<number2>{_NUMBER}))", re.IGNORECASE)
_INVALID_KEY = "SIRET invalide (clé de contrôle) : ignoré"
#: :func:`graph.identifiers.read_siret`'s doubt about a 9-digit number, which a SIREN column is expected to hold.
_SIREN_KEPT = "SIREN à 9 chiffres dans une colonne SIRET : SIREN retenu"
#: An RNA cell that no cleaning makes an RNA number (French, English).
INVALID_RNA = ("numéro RNA invalide (attendu W et 9 caractères) : ignoré",
               "invalid RNA number (expected W and 9 characters): ignored")


def clean_id_cell(raw: str) -> tuple[str, str | None, list[tuple[str, str]]]:
    """Return (the identifier of ``raw`` to check, an RNA number written beside it, what was taken off (French,
    English)).

    >>> clean_id_cell('="00552013500004"')[::2], clean_id_cell("'42901366700028")[0]
    (('00552013500004', [('formule texte de tableur (="…")', 'spreadsheet text formula (="…")')]), '42901366700028')
    >>> clean_id_cell("38047555800058 / W861000123")[:2], clean_id_cell("SIRET : 429 013 667 00028")[0]
    (('38047555800058', 'W861000123'), '429 013 667 00028')
    >>> clean_id_cell("38047555800058")
    ('38047555800058', None, [])
    """
    text, rna, said = raw.strip(), None, []
    if m := _FORMULA.fullmatch(text):
        text = m[1].strip()
        said.append(('formule texte de tableur (="…")', 'spreadsheet text formula (="…")'))
    if text.startswith(("'", "’")):
        text = text[1:].strip()
        said.append(("apostrophe de tête (cellule forcée en texte)", "leading apostrophe (a cell forced to text)"))
    if m := _BOTH.fullmatch(text):
        number, written = (m["number"], m["rna"]) if m["number"] else (m["number2"], m["rna2"])
        found = normalise_rna(re.sub(r"(?i)^rna\s*:?", "", written))
        if rna_ok(found):
            text, rna = number.strip(), found
            said.append(("SIRET et numéro RNA dans une même cellule", "SIRET and RNA number in one cell"))
    if (m := _LABEL.match(text)) and m.end():
        label = text[:m.end()].strip()
        text = text[m.end():].strip()
        said.append((f"libellé « {label} » avant le numéro", f"label '{label}' before the number"))
    return text, rna, said


def why_invalid(text: str, siren_column: bool = False) -> tuple[str, str]:
    """Why the identifier ``text``, cleaned, is no SIRET or SIREN (French, English): its characters, its length, or
    its check digit; a ``siren_column``'s (« SIREN ») told as a SIREN, of 9 digits.

    >>> why_invalid("38047555800058/W861000123")[0], why_invalid("3804755580005")[0], why_invalid("24420077000019")[0]
    ('SIRET illisible (des caractères autres que des chiffres) : ignoré', 'SIRET de 13 chiffres (14 attendus, 9 pour \
un SIREN) : ignoré', 'SIRET invalide (clé de contrôle) : ignoré')
    >>> why_invalid("2442007", siren_column=True)[0], why_invalid("244 200 77A", siren_column=True)[0]
    ('SIREN de 7 chiffres (9 attendus, 14 pour un SIRET) : ignoré', 'SIREN illisible (des caractères autres que des \
chiffres) : ignoré')
    """
    digits, kind = clean_identifier(text), "SIREN" if siren_column else "SIRET"
    if not digits.isascii() or not digits.isdigit():
        return (f"{kind} illisible (des caractères autres que des chiffres) : ignoré",
                f"unreadable {kind} (characters other than digits): ignored")
    if len(digits) not in (9, 14):
        fr, en = ("9 attendus, 14 pour un SIRET", "9 expected, 14 for a SIRET") if siren_column else (
            "14 attendus, 9 pour un SIREN", "14 expected, 9 for a SIREN")
        return f"{kind} de {len(digits)} chiffres ({fr}) : ignoré", f"{kind} of {len(digits)} digits ({en}): ignored"
    if len(digits) == 9:
        return "SIREN invalide (clé de contrôle) : ignoré", "invalid SIREN (check digit): ignored"
    return _INVALID_KEY, "invalid SIRET (check digit): ignored"


def read_id_cell(raw: str, siren_column: bool = False
                 ) -> tuple[str | None, str | None, str | None, list[tuple[str, str]]]:
    """Return (SIREN, SIRET, RNA number beside it) of an identifier cell and what could not be trusted in it (French,
    English): what was taken off it (:func:`clean_id_cell`), then :func:`graph.identifiers.read_siret`'s doubts,
    a refusal saying why (:func:`why_invalid`). In a ``siren_column`` (« SIREN »), a 9-digit number is no doubt and
    a refusal speaks of a SIREN.

    >>> read_id_cell("SIRET : 429 013 667 00028")[:3], read_id_cell("SIRET : 429 013 667 00028")[3][0][0]
    (('429013667', '42901366700028', None), 'libellé « SIRET : » avant le numéro : lu 42901366700028')
    >>> read_id_cell("429013667")[3][0][0], read_id_cell("429 013 667", siren_column=True)
    ('SIREN à 9 chiffres dans une colonne SIRET : SIREN retenu', ('429013667', None, None, []))
    """
    if not raw or not raw.strip():
        return None, None, None, []
    text, rna, cleaned = clean_id_cell(raw)
    siren, siret, doubts = read_siret(text)
    doubts = [why_invalid(text, siren_column) if fr == _INVALID_KEY else (fr, en) for fr, en in doubts
              if not (siren_column and fr == _SIREN_KEPT)]
    if cleaned:
        read = siret or siren or text
        fr = " ; ".join(f for f, _ in cleaned)
        en = "; ".join(e for _, e in cleaned)
        doubts.insert(0, (f"{fr} : lu {read}" + (f" et {rna}" if rna else ""),
                          f"{en}: read as {read}" + (f" and {rna}" if rna else "")))
    return siren, siret, rna, doubts


def clean_rna_cell(raw: str) -> tuple[str, list[tuple[str, str]]]:
    """The RNA cell ``raw`` without a text formula, a leading apostrophe or a label, and what was taken off.

    >>> clean_rna_cell("RNA : W861000123"), clean_rna_cell("W86 100 0789")
    (('W861000123', [('libellé « RNA : » avant le numéro : lu W861000123', "label 'RNA :' before the number: read as \
W861000123")]), ('W86 100 0789', []))
    """
    text, _, cleaned = clean_id_cell(raw)
    if not cleaned or not rna_ok(text):
        return raw, []
    fr, en = " ; ".join(f for f, _ in cleaned), "; ".join(e for _, e in cleaned)
    return normalise_rna(text), [(f"{fr} : lu {normalise_rna(text)}", f"{en}: read as {normalise_rna(text)}")]
