"""The values of the type and theme filters, read by one rule wherever they are given: the ``type`` and ``theme``
parameters of ``/api/search`` and of the page ``/search``, ``--type`` and ``--theme`` of ``maillage search``, and
``type:`` and ``theme:`` in the text (:mod:`search.syntax`). When each interface read them its own way,
« associations » was a type for the command line and a 400 for the API.

A type is a kind of document or an actor's type, by its code, its French name or the French or English label the
pages show, in the singular or the plural, whatever its case and accents; a theme is named by its label (or a
synonym), its IRI or its slug (:meth:`search.themes.ThemeScheme.find`). An unknown value is refused with one
message, naming it, the value it likely stands for (« asociation »: « association ») and, for a type, the known
ones.

>>> [read_kind(name) for name in ("associations", "Délibérations", "acteur", "Public authorities", "grant")]
['association', 'deliberation', 'actor', 'collectivite', 'grant']
>>> [read_kind(name) for name in ("conventions", "Collectivités", "usager", "Objectif stratégique")]
['agreement', 'collectivite', 'usagers', 'goal']
"""

from __future__ import annotations

from graph.identity_names import fold
from search.analysis import content_words
from search.document_kinds import ACTOR_TYPES, KINDS, LABELS_EN
from search.errors import SearchError
from search.themes import ThemeScheme

#: The actors' types, by their codes (``collectivite``), "actor" included (a plain actor: a kind too).
ACTOR_TYPE_NAMES = {code for _, code, _ in ACTOR_TYPES}
#: The French names of the kinds, beside their codes (the English names): what an error lists first.
FRENCH_KIND_NAMES = {"acteur": "actor", "subvention": "grant", "délibération": "deliberation",
                     "convention": "agreement", "objectif": "goal", "thème": "theme", "action": "action"}
#: Every name of a type, by the code the index gives it: the French names, the codes, then the labels of the kinds
#: and actor types in French and English (« Objectif stratégique », « Public authority »), as the facets show them.
TYPE_NAMES = {**FRENCH_KIND_NAMES, **{code: code for code in [*KINDS, *sorted(ACTOR_TYPE_NAMES - set(KINDS))]},
              **{label: code for code, label in KINDS.items()},
              **{label: code for _, code, label in ACTOR_TYPES},
              **{LABELS_EN[code]: code for code in [*KINDS, *ACTOR_TYPE_NAMES]}}


def type_key(name: str) -> str:
    """A name of a type as it is compared: folded (case, accents and punctuation), its words joined by hyphens as
    the codes' are, each in the singular (an English "-ies" as "-y").

    >>> type_key("Professionnels de santé"), type_key("Groupes d'usagers"), type_key("Public AUTHORITIES")
    ('professionnel-de-sante', 'groupe-d-usager', 'public-authority')
    """
    return "-".join(_singular(word) for word in fold(name).split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


#: The code of each name of a type, by its key (:func:`type_key`).
_CODES = {type_key(name): code for name, code in TYPE_NAMES.items()}


def read_kind(value: str) -> str:
    """The code of the kind or actor's type that ``value`` names (its code for a kind, ``grant``; for an actor's
    type, ``collectivite``); raises SearchError naming the value, the name it likely stands for and the known
    names, in French and in English."""
    key = type_key(value)
    if key in _CODES:
        return _CODES[key]
    from graph.ingest.register_values import nearest  # a misspelling's neighbour: only once a value is refused

    near = nearest(key, _CODES) if key else None
    meant = next((name for name in TYPE_NAMES if near and type_key(name) == near), None)
    hint, hint_en = (f" : vouliez-vous dire « {meant} » ?", f": did you mean '{meant}'?") if meant else ("", "")
    others = sorted(ACTOR_TYPE_NAMES - set(KINDS))
    french, english = [*FRENCH_KIND_NAMES, *others], [*KINDS, *others]
    raise SearchError(f"type inconnu « {value} »{hint} (possibles : {', '.join(french)} ; ou leurs codes : "
                      f"{', '.join(KINDS)})", f"unknown type '{value}'{hint_en} (known: {', '.join(english)})")


def theme_iris(scheme: ThemeScheme, value: str) -> list[str]:
    """The themes of ``scheme`` that ``value`` names (by label, IRI or slug; several schemes may share a label);
    raises SearchError naming the value and the theme it likely stands for (« prevension »: « Prévention »)."""
    if iris := scheme.find(value.strip()):
        return iris
    from graph.ingest.register_values import nearest

    iris = {fold(label): iri for iri, label in scheme.labels.items()}
    if near := nearest(value, iris):
        hint, hint_en = (f" : vouliez-vous dire « {scheme.labels[iris[near]]} » ?",
                         f": did you mean '{english_label(iris[near], scheme.labels[iris[near]])}'?")
    else:
        hint, hint_en = _themes_holding(scheme, value)
    raise SearchError(f"thème inconnu « {value} »{hint}", f"unknown theme '{value}'{hint_en}")


#: Themes that an unknown theme's message names among those whose label holds its words.
THEMES_NAMED_AT_MOST = 5


def _themes_holding(scheme: ThemeScheme, value: str) -> tuple[str, str]:
    """The hint, in French and in English, of an unknown theme ``value`` that is a word of several themes' labels but
    none's whole label (« Santé »: no theme is named so, the scheme « Thèmes de santé » is no theme, and no label is
    one typo away, where « Santé mentale », « Sport-santé »… hold the word): the shortest such labels, and how many
    there are; ("", "") when no label holds all of its words."""
    words = {folded for _, folded in content_words(value)}
    holding = sorted((label, iri) for iri, label in scheme.labels.items()
                     if words and words <= {part for _, folded in content_words(label) for part in folded.split("-")})
    if not holding:
        return "", ""
    holding.sort(key=lambda pair: len(pair[0]))
    shown = holding[:THEMES_NAMED_AT_MOST]
    left = len(holding) - len(shown)
    plural, others = "s" * (len(holding) > 1), "s" * (left > 1)
    more, more_en = (f" et {left} autre{others}", f" and {left} other{others}") if left else ("", "")
    return (f" : aucun thème de ce nom ; le nom de {len(holding)} thème{plural} le contient : "
            + ", ".join(f"« {label} »" for label, _ in shown) + more,
            f": no theme of that name; the name of {len(holding)} theme{plural} holds it: "
            + ", ".join(f"'{english_label(iri, label)}'" for label, iri in shown) + more_en)


def english_label(iri: str, french: str) -> str:
    """The English preferred label that Maillage's shipped schemes give the theme ``iri``; ``french`` (the label the
    index holds) for a theme they do not name in English: an English message suggests the name an English page
    shows (« Prevention », not « Prévention »).

    >>> english_label("https://w3id.org/maillage/ontology/theme/prevention", "Prévention")
    'Prevention'
    """
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from graph.ontology import load_schemes

    found = [label for label in load_schemes().objects(URIRef(iri), SKOS.prefLabel) if label.language == "en"]
    return str(found[0]) if found else french
