"""PyYAML's errors told in French (:func:`invalid_yaml`): a sentence for the common cases (a line out of its
indentation, a key without its colon, text after a quoted value…); the English message keeps the parser's own words
after its sentence, the French one only when it has no sentence of its own for them (a French message that ended in
« (did not find expected '-' indicator) » read as the reader's failure to translate).

Apart from :mod:`graph.parse_errors`, which tells the RDF and SPARQL parsers' errors: a YAML file is the partner
register's (:mod:`graph.ingest.register_yaml`), read by another parser with its own words.
"""

from __future__ import annotations

import re


#: (pattern of PyYAML's problem, French, English): what is wrong at the place that the parser names.
_YAML_CASES = (
    (r"expected '-' indicator", "un élément de liste (« - ») est attendu ici : la ligne n'est pas alignée sur les "
     "« - » qui la précèdent", "a list item ('-') is expected here: the line is not aligned with the '-' above it"),
    (r"expected key", "une clé (« nom: ») est attendue ici : la ligne n'est pas alignée sur les clés qui la précèdent",
     "a key ('name:') is expected here: the line is not aligned with the keys above it"),
    (r"mapping values are not allowed", "« : » inattendu : une valeur qui contient « : » s'écrit entre guillemets, "
     "et une clé finit sa ligne ou est suivie de « : »", "unexpected ':': a value holding ': ' is written between "
     "quotes, and a key ends its line or is followed by ':'"),
    (r"found a tab character (?:that violates indentation|where an indentation space is expected)", "tabulation "
     "dans l'indentation : YAML indente avec des espaces", "tab in the indentation: YAML indents with spaces"),
    (r"expected <document start>", "la ligne n'est pas alignée sur celles qui la précèdent : les clés du premier "
     "niveau (format, ptce, members…) commencent toutes en début de ligne, sans espace avant", "the line is not "
     "aligned with the lines above it: the top-level keys (format, ptce, members…) all begin at the start of their "
     "line, with no space before"),
    (r"cannot start any token", "caractère interdit à cet endroit (une tabulation ? YAML indente avec des espaces)",
     "character not allowed here (a tab? YAML indents with spaces)"),
    (r"unexpected end of stream", "le fichier s'arrête avant le guillemet qui ferme ce texte",
     "the file stops before the quote that closes this text"),
    (r"undefined alias", "alias « * » sans ancre « & » de ce nom plus haut", "alias '*' without an anchor '&' of "
     "this name above"),
    (r"expected ',' or '\]'", "« ] » manque pour fermer la liste « [ … ] »", "a ']' is missing to close '[ … ]'"),
    (r"expected ',' or '\}'", "« } » manque pour fermer « { … } »", "a '}' is missing to close '{ … }'"),
    (r"unknown escape character", "caractère d'échappement inconnu entre guillemets doubles (« \\ » suivi d'une "
     "lettre non prévue) : écrivez ce texte entre guillemets simples", "unknown escape character between double "
     "quotes ('\\' followed by an unexpected letter): write this text between single quotes"),
    (r"maximum nesting depth", "imbrication trop profonde", "nesting too deep"),
    (r"could not find expected ':'", "« : » manque après la clé de la ligne (une ligne « nom » sans « : », ou la "
     "suite d'un texte sur une ligne de plus ?)", "':' is missing after the line's key (a line 'name' without ':', "
     "or a text continued on one more line?)"),
    (r"found unhashable key", "une clé ne peut être une liste « [ … ] » ni une table « { … } » : écrivez-la entre "
     "guillemets", "a key cannot be a list '[ … ]' or a mapping '{ … }': write it between quotes"),
    (r"expected <block end>", "la ligne n'est pas alignée sur celles qui la précèdent (une espace de trop ou de "
     "moins dans l'indentation ?)", "the line is not aligned with the lines above it (one space too many or too "
     "few in the indentation?)"),
    (r"block sequence entries are not allowed", "« - » inattendu : une liste commence à la ligne suivante, "
     "indentée, et un texte qui commence par « - » s'écrit entre guillemets", "unexpected '-': a list begins on the "
     "next line, indented, and a text beginning with '-' is written between quotes"),
    (r"expected alphabetic or numeric character", "« & » ou « * » sans nom d'ancre : un texte qui commence par "
     "« & » ou « * » s'écrit entre guillemets", "'&' or '*' without an anchor name: a text beginning with '&' or "
     "'*' is written between quotes"),
    (r"could not determine a constructor for the tag", "étiquette « ! » inconnue : un texte qui commence par « ! » "
     "s'écrit entre guillemets", "unknown tag '!': a text beginning with '!' is written between quotes"),
    (r"but found another document", "un second document (« --- ») : un registre tient en un seul ; retirez la "
     "ligne « --- »", "a second document ('---'): a register is one; remove the '---' line"),
    (r"expected comment or line break", "texte inattendu en fin de ligne (après « | », « > » ou « --- », seul un "
     "commentaire peut suivre) : écrivez ce texte entre guillemets", "unexpected text at the end of the line (after "
     "'|', '>' or '---', only a comment may follow): write this text between quotes"),
    (r"found incompatible YAML document", "version de YAML inconnue du lecteur (ligne « %YAML ») : retirez cette "
     "ligne", "a YAML version the reader does not know (a '%YAML' line): remove this line"),
    (r"expected node content", "une valeur est attendue ici (une liste « [ » ou une table « { » laissée ouverte ?)",
     "a value is expected here (a list '[' or a mapping '{' left open?)"),
)


#: What is wrong where a key (or a line's end) is expected after text on the same line (``nom: 'A' B``): not the
#: line's indentation, as :data:`_YAML_CASES` says at a line's start.
_YAML_AFTER_TEXT = (r"expected key|expected <block end>", "texte inattendu après la valeur (un texte entre "
                    "guillemets suivi d'autre chose ?) : mettez toute la valeur entre guillemets", "unexpected text "
                    "after the value (a text between quotes followed by something else?): put the whole value between "
                    "quotes")


def invalid_yaml(problem: str, column: int | None, after_text: bool = False) -> tuple[str, str]:
    """The French and English messages of a YAML file that does not parse at ``column`` (1-based) of its line
    (``after_text``: after text on that line, not at its start): what is wrong there, in English followed by
    PyYAML's own text; in French, PyYAML's text only when no sentence says it, given as the parser's.

    >>> invalid_yaml("did not find expected '-' indicator", 3)[0]
    "YAML invalide, colonne 3 : un élément de liste (« - ») est attendu ici : la ligne n'est pas alignée sur les \
« - » qui la précèdent"
    >>> invalid_yaml("found something new", 2)
    ('YAML invalide, colonne 2 (le lecteur YAML dit, en anglais : « found something new »)', \
'invalid YAML, column 2: found something new')
    """
    where, where_en = (f", colonne {column}", f", column {column}") if column else ("", "")
    for pattern, fr, en in ((_YAML_AFTER_TEXT,) if after_text else ()) + _YAML_CASES:
        if re.search(pattern, problem):
            return f"YAML invalide{where} : {fr}", f"invalid YAML{where_en}: {en} ({problem})"
    return (f"YAML invalide{where} (le lecteur YAML dit, en anglais : « {problem} »)",
            f"invalid YAML{where_en}: {problem}")
