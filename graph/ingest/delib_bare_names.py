"""What a beneficiary's name, as deliberations write it, carries that is no part of it: a civility or a title
before it (:func:`without_civility`); after it, a bracket that holds a place, a gloss or its acronym
(:func:`bracket_kind`, :func:`name_bracket_kind`, :func:`acronym_fits`), a description after a dash, or the branch
of a body (:func:`listed_branch`, :func:`branch_body`, :func:`branch_before`); :func:`bare_name` takes them off.
People's names are :mod:`graph.ingest.delib_names`'.

>>> bare_name("Commune de Saint-Amour (Jura)"), without_civility("Mme Léa DUPRÉ")
(('Commune de Saint-Amour', 'place', 'Jura'), 'Léa DUPRÉ')
"""

from __future__ import annotations

import re

from graph.ingest.delib_names import initials_only, parse_person
from graph.ingest.french import fold


#: A civility or a title before a person's name: "au Dr Camille ROUSSEL", "à Mme Léa DUPRÉ" — the person's name.
_CIVILITY = re.compile(r"(?P<doctor>Dr\.?|Docteure?)\s+(?=[A-ZÉÈ])|(?:M\.\s+et\s+Mme|Monsieur\s+et\s+Madame|"
                       r"M\.|Mme|Mlle|Mr|Monsieur|Madame|Mademoiselle|"
                       r"Pr\.?|Professeure?)\s+(?=[A-ZÉÈ])")


def without_civility(name: str) -> str:
    """A beneficiary's name without the civility or title before it: a doctor's always, another only when a person's
    name follows it ("Mme Léa DUPRÉ", not "Madame la Maire").

    >>> without_civility("Mme Léa DUPRÉ"), without_civility("Dr Camille ROUSSEL"), without_civility("M. le Maire")
    ('Léa DUPRÉ', 'Camille ROUSSEL', 'M. le Maire')
    >>> without_civility("M. et Mme R. B.")
    'R. B.'

    """
    civility = _CIVILITY.match(name)
    if civility is None:
        return name
    rest = name[civility.end():]
    person = None if civility.group("doctor") else parse_person(rest) or initials_only(rest)
    return rest if civility.group("doctor") or person and person.given else name


#: A bracket at the end of a beneficiary's name.
_TRAILING_BRACKET = re.compile(r"\s*\((?P<inner>[^()]*)\)$")
#: A place in brackets: "(Jura)", "(Plounévez-Quintin)", "(Le Puy-en-Velay)", "(Lyon 8e)", a département's number.
#: Two places or more: "(Seignanx – Maremne)", "(Lot et Aveyron)".
_ONE_PLACE = (r"(?:(?:Le|La|Les)\s+|L['’])?[A-ZÉÈÎÔÂ][a-zà-ÿ'’.]+(?:-[\w'’.]+)*")
#: A saint's name with a particle: "(Saint-Georges de l'Oyapock)", "(Saint-Laurent du Maroni)" (other words that "de"
#: joins may be a name: "(Maison de Santé)").
_SAINTS_PLACE = (r"(?:Saint|Sainte|St|Ste)-[\w'’.-]+\s+(?:de\s+la\s+|de\s+l['’]|d['’]|de\s+|du\s+|des\s+)"
                 r"[A-ZÉÈÎÔÂ][\w'’.-]+")
_BRACKET_PLACE = re.compile(_ONE_PLACE + r"(?:\s*[–—/]\s*" + _ONE_PLACE + r"|\s+(?:et|-)\s+" + _ONE_PLACE + r")*"
                            r"(?:\s+\d{1,2}(?:e|er|ème))?|\d{2,3}|2[AB]|" + _SAINTS_PLACE)
#: An acronym in brackets: capitals only, 2 to 10 letters ("(REPEMA)", "(SSAN)").
_BRACKET_ACRONYM = re.compile(r"[A-Z]{2,10}")
#: An acronym with figures: a département's number after it ("(UDSP 12)", "(CAUE 61)"), or inside it ("(A2PA)").
_NUMBERED_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9]{1,9}(?:\s(?:\d{2,3}|2[AB]))?")
#: Brackets in capitals that are no acronym of the name but its legal form or the kind of body it is ("(SCIC)",
#: "(SISA)") or another body of it ("Ville de X (CCAS)"): part of the name.
_FORM_IN_BRACKETS = {"SA", "SAS", "SASU", "SARL", "EURL", "SCI", "SCIC", "SCOP", "SCM", "SEM", "SPL", "SISA", "GIE",
                     "GIP", "SELARL", "SELAS", "EI", "EIRL", "CCAS", "CIAS", "SIVOM", "SIVU", "SIVOS", "PETR", "EPT",
                     "SDIS", "EPCC", "EPIC", "OPH", "EHPAD", "CCI", "CMA", "CMAR", "CDG", "CHU", "CHR", "CHI"}
_NAME_PARTICLES = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "sur", "sous", "en", "lès", "lez", "aux"}


def bracket_kind(inner: str) -> str | None:
    """What a bracket after a name holds, when it is no part of the name: "place", "gloss" (a description: a comma,
    or words in small letters other than a name's particles) or "acronym"; None for the rest ("(SCIC)", "(OCCE 87)",
    "(Association Tour et Scène)").

    >>> [bracket_kind(b) for b in ("Jura", "médiation en santé, Saint-Georges", "REPEMA", "SCIC", "OCCE 87")]
    ['place', 'gloss', 'acronym', None, None]
    >>> [bracket_kind(b) for b in ("Saint-Georges de l'Oyapock", "Saint-Laurent du Maroni", "Maison de Santé")]
    ['place', 'place', None]
    """
    inner = inner.strip()
    if _BRACKET_PLACE.fullmatch(inner):
        return "place"
    if _BRACKET_ACRONYM.fullmatch(inner):
        return None if inner in _FORM_IN_BRACKETS else "acronym"
    words = re.findall(r"[^\W\d_]+", inner)
    if "," in inner or words and (words[0][0].islower()
                                  or any(w[0].islower() and w not in _NAME_PARTICLES for w in words)):
        return "gloss"
    return None


def name_bracket_kind(inner: str, name: str) -> str | None:
    """What a bracket after ``name`` holds (:func:`bracket_kind`), its capitals an acronym only when they are the
    name's initials (:func:`acronym_fits`): "Commune de Cavaillon (CLS)" names its contrat local de santé, a gloss,
    and "(UDSP 12)" after the Union départementale des sapeurs-pompiers is its acronym, where "(OCCE 87)" after a
    school's cooperative is part of its name.

    >>> name_bracket_kind("CLS", "Commune de Cavaillon"), name_bracket_kind("UDSP 12", "Union départementale des SP")
    ('gloss', 'acronym')

    An association's acronym may open with the "A" of the word "association" that the text writes before its name
    ("l'association Saint-Martin Santé Diabète (ASMSD)"); not a collectivité's.

    >>> name_bracket_kind("ASMSD", "Saint-Martin Santé Diabète"), name_bracket_kind("ARS", "Région Sud")
    ('acronym', 'gloss')
    """
    kind, inner = bracket_kind(inner), inner.strip()
    fits = acronym_fits(inner, name) or (inner.startswith("A") and not _COLLECTIVITE.match(fold(name))
                                         and acronym_fits(inner, "association " + name))
    if kind == "acronym" and not fits:
        return "gloss"
    if kind is None and fits and _NUMBERED_ACRONYM.fullmatch(inner) and inner.split()[0] not in _FORM_IN_BRACKETS:
        return "acronym"
    # An alias that opens with the name's acronym, then a place or a part of it in capitals: "Groupe d'entraide
    # mutuelle « Le Puy de Jour » (GEM Clermont Centre)" — another name of it, kept as such.
    first = inner.split()[0] if inner.split() else ""
    if kind is None and _BRACKET_ACRONYM.fullmatch(first) and first not in _FORM_IN_BRACKETS \
            and acronym_fits(first, name) and _ALIAS_REST.fullmatch(inner[len(first):]):
        return "acronym"
    return kind


#: A collectivité's or a public body's name, whose acronym is not an association's.
_COLLECTIVITE = re.compile(r"(?:commune|ville|departement|region|communaute|metropole|syndicat|centre\s+communal|"
                           r"centre\s+intercommunal|collectivite|etablissement\s+public|pole|agence|etat)\b")


#: The words after an alias's acronym: names or figures ("Clermont Centre", "63", "Sud-Ouest").
_ALIAS_REST = re.compile(r"(?:\s+(?:[A-ZÉÈÎÔÂ][\w'’-]*|\d{1,3}|2[AB]|de|du|des|la|le|les|d['’]\w+))+")


def acronym_fits(acronym: str, name: str) -> bool:
    """Whether the letters of ``acronym`` are, in their order, the first letters of words of ``name`` (each may take
    the first few of its word, and words may be passed over): "REPEMA" is the Réseau Périnatal de Mayotte's, "CLS"
    no acronym of the Commune de Cavaillon. Figures are left out ("UDSP 12", "A2PA").

    >>> acronym_fits("UDSP 12", "Union départementale des sapeurs-pompiers")
    True
    >>> acronym_fits("CLS", "Commune de Cavaillon")
    False
    """
    letters = re.sub(r"[^a-z]", "", fold(acronym))
    words = [w for w in re.split(r"[^a-z0-9]+", fold(name)) if w]

    def fit(i: int, j: int) -> bool:
        if i == len(letters):
            return True
        for k in range(j, len(words)):
            size = 0
            while size < len(words[k]) and i + size < len(letters) and words[k][size] == letters[i + size]:
                size += 1
                if fit(i + size, k + 1):
                    return True
        return False

    return bool(letters) and fit(0, 0)


def bare_name(name: str) -> tuple[str, str | None, str | None]:
    """A beneficiary's name without the bracket after it that is no part of it (:func:`bracket_kind`), that
    bracket's kind and its text; or, when the bracket names the association that holds the project or service
    named before it, that association's name, "project" and the project's.

    >>> bare_name("Commune de Saint-Amour (Jura)"), bare_name("Théâtre des Deux Rives (SCIC)")[0]
    (('Commune de Saint-Amour', 'place', 'Jura'), 'Théâtre des Deux Rives (SCIC)')
    >>> bare_name("Café des aidants de Cusset (association Le Temps pour Soi)")
    ('Le Temps pour Soi', 'project', 'Café des aidants de Cusset')
    >>> bare_name("Ligue contre le cancer – comité du Gers")
    ('Ligue contre le cancer', 'branch', 'Ligue contre le cancer – comité du Gers')
    >>> bare_name("Stade Amandois Union Club – section Sport Santé")[0]
    'Stade Amandois Union Club'
    >>> bare_name("Union sportive saint-juniaude (USSJ) - section football")
    ('Union sportive saint-juniaude - section football', 'acronym', 'USSJ')
    """
    # What a dash adds in small letters is the project, not the name: "Eau Vive – réhabilitation de puits" (a name
    # goes on in capitals after its dash: "Les Dragons de Rouen – Hockey sur glace"), and so is an event that it
    # names: "Association sportive uzerchoise – Course des Remparts".
    name = _DESCRIPTION.split(name, maxsplit=1)[0]
    # The place of a body's branch is no part of its name: "Ligue contre le cancer – comité du Gers" (the whole kept
    # as what the text calls it, :func:`branch_body`).
    branch = _CAPITALS_BRANCH.search(name) if not re.search(r"[a-zà-ÿ]", name) else _PLACE_BRANCH.search(name)
    if branch and branch.start() > 0 and not _TRAILING_BRACKET.search(name):
        return name[:branch.start()], "branch", name
    # An acronym in brackets before the dash of a section: "Union sportive saint-juniaude (USSJ) - section football"
    # is the body's, and the section's name goes on without it.
    inside = _ACRONYM_BEFORE_BRANCH.search(name)
    if inside and acronym_fits(inside.group("inner"), name[:inside.start()]):
        return name[:inside.start()] + name[inside.end():], "acronym", inside.group("inner")
    if (dashed := _DASHED_ACRONYM.search(name)) and acronym_fits(dashed.group("inner"), name[:dashed.start()]):
        return name[:dashed.start()], "acronym", dashed.group("inner")  # "Institut … des addictions – IBPA"
    bracket = _TRAILING_BRACKET.search(name)
    if bracket and bracket.start() > 0 and (holder := _HOLDER.fullmatch(bracket.group("inner").strip())) \
            and not re.match(r"association\b", fold(name)):  # "Café des aidants de X (association Le Temps pour Soi)"
        return holder.group("name"), "project", name[:bracket.start()].rstrip(" ,-–—")
    kind = bracket and bracket.start() > 0 and name_bracket_kind(bracket.group("inner"), name[:bracket.start()])
    if not kind:
        return name, None, None
    return name[:bracket.start()].rstrip(" ,-–—"), kind, bracket.group("inner").strip()


#: The association that a project's or a service's name gives in brackets after it, its holder and the beneficiary:
#: "Café des aidants de Cusset (association Le Temps pour Soi)".
_HOLDER = re.compile(r"(?i:(?:l['’]\s*)?association)\s+(?P<name>(?:L['’]|[A-ZÀ-Ý«\"0-9])[^()]*?)")


#: An event named by its kind's word in capitals, then its name in capitals or in quotes, its year, a common noun
#: after « de la », « du », « des » (a feast of something), or nothing more: "Course des Remparts", "Festival de Thau",
#: "Festival « Les Estivales »", "Trophée 2024", "Fête de la châtaigne", "Fête du livre jeunesse" (not a club's
#: section: "Course d'orientation", "Course à pied").
_EVENT = (r"(?:Festivals?|F[êe]tes?|Courses?|Tournois?|Troph[ée]es?|Rallyes?|Salons?|Foires?|Semaines?|Journ[ée]es?|"
          r"Rencontres|Nuits?|Galas?|Concours|Championnats?|Marathons?|Challenges?|Expositions?|Carnavals?|Forums?|"
          r"Concerts?|[ÉE]ditions?|Biennales?|Saisons?)"
          r"(?=\s+(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?[A-ZÀ-Ý0-9«\"]"
          r"|\s+(?:de\s+la|de\s+l['’]|du|des)\s*[a-zà-ÿ]|\s*$)")
#: A spaced dash then words in small letters, outside brackets: what follows is a description — unless it names a
#: branch of the body ("Les Restos du Cœur – antenne de Luzech", "UNAFAM – délégation de la Manche") — or an event
#: (:data:`_EVENT`).
_DESCRIPTION = re.compile(r"\s+[–—-]\s+(?=[a-zà-ÿ]|" + _EVENT + r")(?![^()]*\))"
                          r"(?!(?:antennes?|sections?|délégations?|comités?|clubs?|branches?|secteurs?|sites?|unités?|"
                          r"services?|pôles?|bureaux?|agences?|centres?|maisons?|"
                          r"foyers?|points?|espaces?|relais|groupes?|unions?|fédérations?|districts?|ligues?|"
                          r"établissements?|filiales?|régions?|départements?|équipes?|cellules?|conférences?)\b)")
#: A body's branch after a spaced dash at the end of a name: "Les Restos du Cœur – antenne de Luzech".
_BRANCH = re.compile(r"\s+[–—-]\s+(?:antennes?|sections?|délégations?|comités?|branches?|secteurs?|sites?|unités?|"
                     r"bureaux?|agences?|relais|établissements?|filiales?|équipes?)\b[^–—()]*$", re.I)


#: A body's acronym in brackets, then a spaced dash and the section or branch that the name goes on with: "(USSJ) -
#: section football".
_ACRONYM_BEFORE_BRANCH = re.compile(r"\s*\((?P<inner>[A-Z][A-Z0-9&]{1,11})\)(?=\s+[–—-]\s+(?:sections?|antennes?|"
                                    r"délégations?|comités?|branches?|secteurs?|équipes?)\b)")
#: The words that name a body's local branch, and those that may say which level it serves.
_BRANCH_WORDS = (r"antennes?|sections?|délégations?|comités?|branches?|secteurs?|unités?|bureaux?|agences?|relais|"
                 r"équipes?|fédérations?|unions?|centres?")
#: The words of a branch that its place may follow with no particle: "– antenne Sud-Aveyron" (not "– centre
#: Jean-Moulin", "– relais Saint-Roch": an establishment's own name).
_NAMED_BRANCH_WORDS = r"antennes?|délégations?|comités?|secteurs?|unités?|agences?|équipes?|fédérations?|unions?"
_BRANCH_LEVEL = r"départementale?|régionale?|locale?|territoriale?|intercommunale?|communale?|municipale?"
_PLACE_OF = r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
#: What a centre serves, not where it is: "– centre de santé", "– CENTRE DE SOINS" name an establishment of the body
#: (kept whole, as "Mutualité de La Réunion – SSR Les Lataniers" is), not its local branch.
_SERVED = r"(?!(?i:santé|soins?|loisirs|jour|ressources|formation|accueil|hébergement|vacances|réadaptation)\b)"
#: A branch named by its place after a spaced dash at the end of a name: "– comité du Gers", "– comité départemental
#: de l'Hérault", "– délégation de la Manche", "– antenne de Luzech", "– équipe de Millau", "– fédération de l'Ariège",
#: "– union départementale de l'Ariège", or its place right after its word: "– antenne Sud-Aveyron", "– délégation
#: Loire-Verdon" (not "– unité locale Métropole Sud", whose words name the unit); or a club's section named in capitals:
#: "– section Sport Santé", "– Section Judo" (not "– section féminine"). A branch whose word is a capital ("– Comité
#: des Yvelines") is written as a name of its own, and kept whole; a branch with no place ("– section locale",
#: "– comité départemental") is kept too, nothing telling which one it is.
_PLACE_BRANCH = re.compile(r"\s+[–—-]\s+(?:(?:" + _BRANCH_WORDS + r")(?:\s+(?:" + _BRANCH_LEVEL + r"))?\s+"
                           + _PLACE_OF + _SERVED + r"|(?:" + _NAMED_BRANCH_WORDS + r")\s+"
                           r"(?=[A-ZÉÈÎÔÂ][\w'’]*-[A-ZÉÈÎÔÂ]|[A-ZÉÈÎÔÂ][\w'’]*$)"
                           r"|(?i:sections?)\s+)[A-ZÉÈÎÔÂ][\w'’-]*(?:\s+(?:(?:de|du|des|la|et|en|sur)\s+)*"
                           r"(?:[dl]['’])?[A-ZÉÈÎÔÂ][\w'’-]*)*$")
#: The same branch in a name written all in capitals, where no case tells a branch's word from a name's: "RESTOS DU
#: CŒUR – CENTRE D'ARQUES", "UNAFAM – DÉLÉGATION DU PAS-DE-CALAIS" (its place after a particle, up to four words).
_CAPITALS_BRANCH = re.compile(r"\s+[–—-]\s+(?i:(?:" + _BRANCH_WORDS + r")(?:\s+(?:" + _BRANCH_LEVEL + r"))?\s+"
                              + _PLACE_OF + r")" + _SERVED + r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}$")


#: The same branch, its word a capital, as a list's item writes it after the body: "• Ligue contre le cancer – Comité
#: du Haut-Rhin …… 3 000 €". A list labels its lines by the body, the branch a gloss; a sentence or a table's row
#: that writes "– Comité des Yvelines" names the committee, a body of its own (:data:`_PLACE_BRANCH`).
_LISTED_BRANCH = re.compile(r"\s+[–—-]\s+(?:(?i:antennes?|sections?|délégations?|comités?|branches?|secteurs?|"
                            r"unités?|bureaux?|agences?|relais|équipes?)(?:\s+(?i:départementale?|régionale?|locale?|"
                            r"territoriale?|intercommunale?|communale?|municipale?))?\s+(?:de\s+la\s+|de\s+l['’]|du\s+|"
                            r"des\s+|de\s+|d['’]))[A-ZÉÈÎÔÂ][\w'’-]*(?:\s+(?:(?:de|du|des|la|et|en|sur)\s+)*"
                            r"(?:[dl]['’])?[A-ZÉÈÎÔÂ][\w'’-]*)*$")


def listed_branch(name: str) -> str | None:
    """The body whose branch a list's item names after a dash, its word a capital or not, or None.

    >>> listed_branch("France Parkinson – Comité du Rhône"), listed_branch("Les Dragons – Hockey sur glace")
    ('France Parkinson', None)
    """
    branch = _LISTED_BRANCH.search(name)
    return name[:branch.start()] if branch and branch.start() > 0 else None


def branch_body(name: str) -> str | None:
    """The body whose branch ``name`` names after a dash, or None: a text may name the body alone for the branch
    ("approuve la convention avec l'Association Française des Aidants" for its antenna's grant).

    >>> branch_body("Association Française des Aidants – antenne de Villeurbanne"), branch_body("Club – judo")
    ('Association Française des Aidants', None)
    """
    branch = _BRANCH.search(name)
    return name[:branch.start()] if branch and branch.start() > 0 else None


#: A body's branch named in small letters right before the body, with the words that say which one: "l'antenne
#: gardoise de la Ligue contre le cancer", "la section héraultaise du Secours Populaire" (the beneficiary read is the
#: body: :data:`graph.ingest.delib_recipient_phrases._BRANCH_OF`).
_BRANCH_BEFORE = re.compile(r"\b(?P<branch>(?:antennes?|sections?|d[ée]l[ée]gations?|unit[ée]s?|branches?)"
                            r"(?P<which>(?:\s+(?!(?:de|des|du|la|le|les|et|en|au|aux|à|pour|sur)\b)[a-zà-ÿ-]+){1,2}))"
                            r"\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+)$")
#: Words that tell no branch from another: every body has its local or departmental antenna.
_ANY_BRANCH = frozenset("locale locales local departementale departementales regionale regionales territoriale "
                        "territoriales communale intercommunale municipale nationale".split())


def branch_before(before: str, body: str) -> str | None:
    """The branch of ``body`` that the words right ``before`` its name name in small letters, written as a list
    writes a branch, after the body and a dash (the text's words are in small letters: « antenne gardoise de la
    Ligue contre le cancer » would be its name); or None: none, or one whose words tell no branch from another
    ("l'antenne locale").

    >>> branch_before("une subvention de 1 500 € à l'antenne gardoise de la ", "Ligue contre le cancer")
    'Ligue contre le cancer – antenne gardoise'
    >>> branch_before("1 200 € à l'antenne locale des ", "Restos du Cœur") is None
    True
    """
    found = _BRANCH_BEFORE.search(before[-120:])
    if found is None or all(fold(word) in _ANY_BRANCH for word in found.group("which").split()):
        return None
    return f"{body} – {' '.join(found.group('branch').split())}"


#: An acronym after a spaced dash at the end of a name: "… des addictions – IBPA".
_DASHED_ACRONYM = re.compile(r"\s+[–—-]\s+(?P<inner>[A-Z][A-Z0-9]{1,9})$")
