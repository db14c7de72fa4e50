"""Click's own messages in French: the usage errors that click writes itself (an unknown option, a value that is
not among the choices, a missing argument…) follow the ``lang`` setting, as the command's own messages do.

Click marks these messages for gettext (``from gettext import gettext as _`` in each of its modules); :data:`FRENCH`
is their French catalogue, and :func:`install` puts its lookup in the place of gettext's in those modules. A message
that the catalogue lacks (one that a later click adds) stays in English. The help (``--help``) stays in English:
its texts are the commands' docstrings, one language only.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable

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
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "Aborted!": "Abandon.",
    "Did you mean {possibility}?": ("Vouliez-vous dire {possibility} ?",
                                    "(vouliez-vous dire l'une de : {possibilities} ?)"),
    "{value!r} is not {choice}.": ("{value!r} n'est pas la valeur possible : {choice}.",
                                   "{value!r} n'est pas une valeur possible : {choices}."),
    "Option {name!r} requires an argument.": ("l'option {name!r} demande une valeur.",
                                              "l'option {name!r} demande {nargs} valeurs."),
    "Got unexpected extra argument ({args})": ("argument en trop ({args})", "arguments en trop ({args})"),
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


def install(lang: Callable[[], str]) -> None:
    """Make click's modules look their messages up in :data:`FRENCH` when ``lang()`` is not ``"en"``."""
    import click.core
    import click.exceptions
    import click.parser
    import click.types

    def lookup(message: str) -> str:
        french = FRENCH.get(message)
        if lang() == "en" or not isinstance(french, str):
            return gettext.gettext(message)
        return _Error(french) if message == "Error: {message}" else french

    def lookup_plural(singular: str, plural: str, n: int) -> str:
        french = FRENCH.get(singular)
        if lang() == "en" or not isinstance(french, tuple):
            return gettext.ngettext(singular, plural, n)
        return french[0] if n == 1 else french[1]

    for module in (click.core, click.exceptions, click.parser, click.types):
        module._ = lookup
        if hasattr(module, "ngettext"):
            module.ngettext = lookup_plural
