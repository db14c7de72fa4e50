"""Click's own messages in French: the usage errors that click writes itself (an unknown option, a value that is
not among the choices, a missing argument…) and the words of its help ("Usage:", "Options:", "Show this message and
exit.") follow the ``lang`` setting, as the command's own messages do.

Click marks these messages for gettext (``from gettext import gettext as _`` in each of its modules); :data:`FRENCH`
is their French catalogue, and :func:`install` puts :func:`translate` in the place of gettext's lookup in those
modules. A message that the catalogue lacks (one that a later click adds) stays in English. The help texts of the
commands and their options are in :mod:`webapp.cli_help`.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable

import click

#: Click's messages (gettext's message ids) and their French; a plural message is (singular, plural).
FRENCH: dict[str, str | tuple[str, str]] = {
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Pour l'aide : {command} {option}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Missing argument": "argument manquant",
    "Missing option": "option manquante",
    "Missing parameter": "paramètre manquant",
    "Missing parameter: {param_name}": "paramètre manquant : {param_name}",
    "Missing command.": "commande manquante.",
    "No such option {name!r}.": "option inconnue {name!r}.",
    "No such command {name!r}.": "commande inconnue {name!r}.",
    "Option {name!r} does not take a value.": "l'option {name!r} ne prend pas de valeur.",
    "{value} is not in the range {range}.": "{value} est hors limites ({range}).",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "Aborted!": "Abandon.",
    "Did you mean {possibility}?": ("Vouliez-vous dire {possibility} ?",
                                    "(vouliez-vous dire l'une de : {possibilities} ?)"),
    "{value!r} is not {choice}.": ("{value!r} n'est pas la valeur possible : {choice}.",
                                   "{value!r} n'est pas une valeur possible : {choices}."),
    "Option {name!r} requires an argument.": ("l'option {name!r} demande une valeur.",
                                              "l'option {name!r} demande {nargs} valeurs."),
    "Got unexpected extra argument ({args})": ("argument en trop ({args})", "arguments en trop ({args})"),
    # a path argument that click checks (the name: "file", "directory" or "path", translated below)
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} illisible (permission refusée).",
    "{name} {filename!r} is not writable.": "{name} {filename!r} non modifiable (permission refusée).",
    # The words of the help. Click writes a section's heading followed by ":", hence the space that ends a heading.
    "Usage:": "Usage :",
    "Options": "Options ",
    "Commands": "Commandes ",
    "Positional arguments": "Arguments ",
    "Show this message and exit.": "Affiche cette aide et s'arrête.",
    "Show the version and exit.": "Affiche la version et s'arrête.",
    "default: {default}": "par défaut\N{NO-BREAK SPACE}: {default}",  # click wraps the help at spaces
    "required": "obligatoire",
    "env var: {var}": "variable d'environnement\N{NO-BREAK SPACE}: {var}",  # click wraps the help at spaces
}

#: A name or value that click quotes as Python does ('--format'): quoted the French way in a French message.
_QUOTED = re.compile(r"(?<![\w'])'([^'\s]+)'(?![\w'])")


def in_french(message: str) -> str:
    """A French message with click's quotes as French quotes (« --format »), an apostrophe left as it is.

    >>> in_french("valeur invalide pour '--format' : 'x' n'est pas une valeur possible : 'table', 'json'.")
    "valeur invalide pour « --format » : « x » n'est pas une valeur possible : « table », « json »."
    """
    return _QUOTED.sub(r"« \1 »", message)


class _Error(str):
    """The French of "Error: {message}": its message, once formatted, quoted the French way."""

    def format(self, *args, **kwargs) -> str:
        return in_french(str.format(self, *args, **kwargs))


def _french_unless_told() -> str:
    return "fr"


#: The language of the messages: the reader of the ``lang`` setting that :func:`install` was given.
_lang: Callable[[], str] = _french_unless_told


def language() -> str:
    """The language of the messages: ``"en"`` when the ``lang`` setting says so, else ``"fr"``."""
    return "en" if _lang() == "en" else "fr"


class IntRange(click.IntRange):
    """An integer within bounds, the bounds told in French in the help and the errors (« au moins 1 », « entre 1 et
    65535 ») unless the ``lang`` setting is ``en`` (click's "x>=1", "1<=x<=65535").

    >>> IntRange(1, 65535)._describe_range(), IntRange(min=1)._describe_range(), IntRange(max=9)._describe_range()
    ('entre 1 et 65535', 'au moins 1', 'au plus 9')
    """

    def _describe_range(self) -> str:
        if language() == "en":
            return super()._describe_range()
        if self.min is not None and self.max is not None and not (self.min_open or self.max_open):
            return f"entre {self.min} et {self.max}"
        low = None if self.min is None else f"{'plus de' if self.min_open else 'au moins'} {self.min}"
        high = None if self.max is None else f"{'moins de' if self.max_open else 'au plus'} {self.max}"
        return " et ".join(filter(None, (low, high)))


def translate(message: str) -> str:
    """Click's message in the language of the ``lang`` setting: its French when the catalogue has it.

    >>> translate("Show this message and exit.")
    "Affiche cette aide et s'arrête."
    """
    french = FRENCH.get(message)
    if _lang() == "en" or not isinstance(french, str):
        return gettext.gettext(message)
    return _Error(french) if message == "Error: {message}" else french


def translate_plural(singular: str, plural: str, n: int) -> str:
    """Click's message that depends on a count, in the language of the ``lang`` setting."""
    french = FRENCH.get(singular)
    if _lang() == "en" or not isinstance(french, tuple):
        return gettext.ngettext(singular, plural, n)
    return french[0] if n == 1 else french[1]


def install(lang: Callable[[], str]) -> None:
    """Make click's modules look their messages up in :data:`FRENCH` when ``lang()`` is not ``"en"``."""
    global _lang
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    _lang = lang
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
