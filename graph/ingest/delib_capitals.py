"""An operative part typed in capitals, read as one in small letters: "DECIDE D'ATTRIBUER A L'ASSOCIATION LOURDES
ACCUEIL UNE SUBVENTION DE 4 000 €" has its grammar words and the words of a grant lowered, their accents restored
("A" → "à"), and its names kept as written, so that the readers of sentences find where a name starts and ends.

The text keeps its length and its offsets: each word is replaced by one of the same length.

>>> in_small_letters("DECIDE D'ATTRIBUER A L'ASSOCIATION LOURDES ACCUEIL UNE SUBVENTION DE 4 000 € ;")
"décide d'attribuer à l'association LOURDES ACCUEIL une subvention de 4 000 € ;"
>>> in_small_letters("ATTRIBUE 1 200 € A L'ASSOCIATION LES AMIS DU FOYER POUR L'ACHAT D'UN MINIBUS ;")
"attribue 1 200 € à l'association LES AMIS DU FOYER pour l'ACHAT d'un MINIBUS ;"
"""

from __future__ import annotations

import re

from graph.ingest.french import fold

#: The words lowered, by their folded form, each with its accents: the grammar words, a grant's words and the verbs
#: that grant. Not the kinds of bodies that open names ("CLUB", "COMMUNE", "COMITÉ"), nor "ARTICLE", which heads an
#: article in capitals anyway.
_SMALL = {word: word for word in (
    "au aux d de du des l la le les un une pour par et ou en sur avec son sa ses leur leurs ce cet cette ces dans "
    "titre soit dont total montant somme euro euros exercice budget compte subvention subventions aide aides "
    "participation participations contribution contributions fonds concours dotation dotations allocation "
    "allocations fonctionnement investissement exceptionnelle exceptionnelles annuelle annuelles forfaitaire "
    "forfaitaires globale association associations suivante suivantes ci dessous dessus attribuer allouer accorder "
    "verser octroyer attribue alloue accorde verse octroie approuve autorise signer chacune chacun "
    "respectivement").split()}
_SMALL.update({fold(word): word for word in (
    "à décide décident année équipement financière financières complémentaire complémentaires bénéficiaire "
    "bénéficiaires ci-après après délibéré émet").split()})
#: A line that opens an operative clause in capitals: its verb, after an article's number or an item's bullet.
_OPENS = re.compile(r"[ \t]*(?:ARTICLE\s+\d+(?:ER)?\s*[:.–-]\s*|[-–—•*]\s*|\d{1,2}\s*[).°-]\s*)?"
                    r"(?:D[ÉE]CIDE|ATTRIBUE|ACCORDE|ALLOUE|OCTROIE|VERSE)\b")
_WORD = re.compile(r"[^\W\d_]+")


#: The particles of a name, kept in capitals within one: "L'ASSOCIATION LES AMIS DU FOYER", "LA COMMUNE DE LUSSAC".
_PARTICLES = {"le", "la", "les", "l", "de", "du", "des", "d"}


def _lowered(line: str) -> str:
    """``line`` with the words of :data:`_SMALL` lowered, but for the particles of a name: after a word kept in
    capitals or after "association", before a word kept in capitals."""
    words = list(_WORD.finditer(line))
    kept = [fold(w.group(0)) not in _SMALL or len(_SMALL[fold(w.group(0))]) != len(w.group(0)) for w in words]
    out, at, in_name = [], 0, False
    for rank, word in enumerate(words):
        folded = fold(word.group(0))
        small = _SMALL.get(folded)
        if kept[rank] or in_name and folded in _PARTICLES and rank + 1 < len(words) and kept[rank + 1]:
            out.append(line[at:word.end()])
            in_name = True
        else:
            out.append(line[at:word.start()] + small)
            in_name = folded in ("association", "associations")
        at = word.end()
    return "".join(out) + line[at:]


def in_small_letters(body: str) -> str:
    """``body`` with each operative clause typed in capitals (:data:`_OPENS`, no small letter, up to the line that
    ends it with ";" or "." or a blank line) read in small letters (:data:`_SMALL`); the rest as it is."""
    if not re.search(r"^" + _OPENS.pattern, body, re.M):
        return body
    lines = body.split("\n")
    clause = False
    for i, line in enumerate(lines):
        capitals = line.strip() and not re.search(r"[a-zà-ÿ]", line)
        clause = bool(capitals and (clause or _OPENS.match(line)))
        if clause:
            lines[i] = _lowered(line)
            clause = not line.rstrip().endswith((";", "."))
    return "\n".join(lines)


def as_written(body: str, read: str, name: str, span: tuple[int, int]) -> str:
    """A name read in ``read`` (:func:`in_small_letters`'s ``body``) as ``body`` writes it: the same offsets in the
    sentence at ``span``."""
    at = read.find(name, span[0], span[1])
    return body[at:at + len(name)] if at >= 0 and read != body else name
