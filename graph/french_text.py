"""French wording shared by the messages, the pages and the search index: « de » elided before a vowel (« pouvoir
d'Aline »), a count with its noun in the singular or the plural as each language wants it (« 0 triplet », "0 triples"),
a thing named by its number (« Délibération n°\u00a018.5.1 »), the reason of a system error in French (« fichier ou
dossier introuvable » for "No such file or directory"), guillemets held to the words they enclose.

>>> of("Aline MOUSEGHIAN"), of("Bruno"), of("20 000 €")
("d'Aline MOUSEGHIAN", 'de Bruno', 'de 20 000 €')
>>> counted(0, "triplet"), counted(2, "triplet"), counted(1, "triple", lang="en"), counted(0, "triple", lang="en")
('0 triplet', '2 triplets', '1 triple', '0 triples')
"""

from __future__ import annotations

import errno
import re

#: Words that begin with an aspirated h: « de » stays whole before them (« de Hauts-de-France », « de handicap »).
_ASPIRATED_H = ("hall", "halle", "hameau", "handi", "hangar", "haut", "havre", "héros", "hêtre", "hollande",
                "hongr", "honte", "hors", "hugues", "huit", "hutte")

#: A word whose first sound is a vowel: a vowel, a « y » before a consonant (« Yves »), an h before a vowel (mute
#: unless listed in _ASPIRATED_H). An acronym in capitals (« HAS ») is spelled out, so its h is not elided.
_VOWEL_SOUND = re.compile(r"[aeiouàâäéèêëîïôöùûüœæ]|y[^aeiouyàâäéèêëîïôöùûü\W]|h(?=[aeiouyàâäéèêëîïôöùûü])",
                          re.IGNORECASE)


def begins_with_vowel_sound(text: str) -> bool:
    """Whether French elides « de », « le »… before ``text``: « Aline », « Yves », « Hélène », not « Yannick »,
    « Hauts-de-France » nor the acronym « HAS ».

    >>> [begins_with_vowel_sound(w) for w in ("Aline", "Élodie", "Yves", "Yannick", "Hélène", "Hauts", "HAS", "")]
    [True, True, True, False, True, False, False, False]
    """
    word = text.lstrip("«“\"' ")
    if not _VOWEL_SOUND.match(word):
        return False
    if word[:1] in "hH":
        first = re.match(r"\w+", word)
        if first is None or first.group().isupper() or word.lower().startswith(_ASPIRATED_H):
            return False
    return True


#: The spaces inside a pair of guillemets, after « or before ».
_GUILLEMET_SPACES = re.compile(r"(?<=«)[ \t]+|[ \t]+(?=»)")


def hold_guillemets(text: str) -> str:
    """``text`` with a no-break space inside its guillemets, as French typography writes them: a phone's screen
    broke the line between « and the word it opens (« l'écosystème « / santé » »).

    >>> hold_guillemets("l'écosystème « santé » grâce") == "l'écosystème «\u00a0santé\u00a0» grâce"
    True
    """
    return _GUILLEMET_SPACES.sub("\u00a0", text)


def of(name: str) -> str:
    """« de ``name`` », elided to « d'``name`` » before a vowel sound."""
    return f"d'{name}" if begins_with_vowel_sound(name) else f"de {name}"


def counted(n: int | float, singular: str, plural: str | None = None, lang: str = "fr") -> str:
    """``n`` and its noun: in French the singular for 0 and 1 (« 0 triplet », « 1,5 million »… below 2), in English
    for 1 only. ``plural`` defaults to the singular with an « s ».

    >>> counted(1, "subvention accordée", "subventions accordées"), counted(3, "grant", lang="en")
    ('1 subvention accordée', '3 grants')
    """
    one = n == 1 if lang == "en" else abs(n) < 2
    return f"{n} {singular if one else (plural or singular + 's')}"


#: The French of the system errors that a file's reading or writing meets most (the English is the system's own).
_OS_ERRORS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EEXIST: "le fichier existe déjà",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "trop de liens symboliques",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EADDRINUSE: "adresse déjà utilisée",
    errno.EADDRNOTAVAIL: "adresse indisponible sur cette machine",
    errno.EBUSY: "fichier ou périphérique occupé",
    errno.EDQUOT: "quota de disque dépassé",
}


#: A reference that is a number: digits and signs only (« 2024.00240 », « 18.5.1 », « 365-15 »).
_NUMBER = re.compile(r"[\d\W_]+")


def is_number(reference) -> bool:
    """Whether ``reference`` is a number, which « n° » may precede, rather than a reference that says what it is
    (« CP 2017-04-24 », « CONV N° 2074-15 »).

    >>> is_number("2024.00240"), is_number(" 18.5.1"), is_number("CP 2017-04-24"), is_number("")
    (True, True, False, False)
    """
    return _NUMBER.fullmatch(str(reference)) is not None


def numbered(word: str, reference) -> str:
    """``word`` and the ``reference`` that numbers it, by one rule for the pages and the search index: « n° » and a
    no-break space before a number (French typography: the sign never ends a line), the word alone before a
    reference that says what it is.

    >>> numbered("Délibération", "2024.00240") == "Délibération n°\u00a02024.00240"
    True
    >>> numbered("Délibération", "CP 2017-04-24")
    'Délibération CP 2017-04-24'
    """
    return f"{word} n°\u00a0{reference}" if is_number(reference) else f"{word} {reference}"


def os_reason(exc: OSError) -> tuple[str, str]:
    """The reason of a system error in French and in English; the French of an uncommon error is the system's.

    >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    ('fichier ou dossier introuvable', 'No such file or directory')
    """
    english = exc.strerror or str(exc)
    return _OS_ERRORS.get(exc.errno, english), english
