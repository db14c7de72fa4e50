"""The partners an agreement's title names: "Convention de partenariat avec la Mutualité Française Pays de la
Loire", "Contrat local de santé à conclure avec l'Agence régionale de santé Nouvelle-Aquitaine, la Préfecture des
Deux-Sèvres et la CPAM", "Convention tripartite entre la Commune, l'ARAF et Kaz'Répit Ouest".

A partner is a name that follows "avec", "entre" or "au profit de", up to what says something else of the
agreement (", qui prévoit", "relative au", "pour l'année", "dont le montant"); several are parted by commas and
"et". Only proper names are kept — a name that starts with a capital or is an acronym, or a kind of body in small
letters with a proper name after it ("le centre hospitalier de Landerneau", capitalised) —, so that "la commune",
"les bénéficiaires", "chacun des bénéficiaires" or "les associations susvisées" name no one; a bare kind of
authority ("la Commune", "le Département", "l'État"), which says no more than which authority of the text is meant,
is left out too, and so is a name made of the authority's own words ("l'EPCC" in a deliberation of the "EPCC
Chemins du Patrimoine en Finistère"). Each partner gets the kind its words say (an association, a public body, a
university, an enterprise — a mutual society is one), else none: the reader then knows it only as an actor.

>>> partners("Convention de partenariat avec le Centre hospitalier Sainte-Marie de Clermont-Ferrand, qui prévoit "
...          "le remboursement")
[('Centre hospitalier Sainte-Marie de Clermont-Ferrand', 'PublicAuthority')]
>>> partners("Conventions financières avec les bénéficiaires dont la subvention excède 23 000 €")
[]
"""

from __future__ import annotations

import re

from graph.identity_names import name_key

#: What introduces the partners in a title.
_INTRO = re.compile(r"\b(?:avec|entre|au\s+profit\s+(?:de\s+la|de\s+l['’]|des|du|de))\s+", re.I)
#: What ends the partners: the rest of the title says something else of the agreement.
_END = re.compile(r",?\s+(?:qui|dont|fixant|définissant|d[ée]finissant|relative?s?|portant|pour|moyennant|"
                  r"consentie?s?|permettant|annex[ée]e?s?|sans|afin|en\s+vue|dans\s+le\s+cadre|au\s+titre|"
                  r"concernant|visant|ayant|à\s+compter|à\s+titre|d['’]une\s+durée|sur\s+la\s+p[ée]riode)\b|"
                  r"[;:.…(]|\s[-–—]\s", re.I)
#: What parts two partners: a comma, "et" or "ainsi que" before another name (an article, a capital: "la
#: Plateforme d'accompagnement et de répit du Gers" is one), a second "avec".
_AND = re.compile(r"\s*,\s*(?:et\s+)?(?:avec\s+)?|\s+(?:et|ainsi\s+que)\s+(?:avec\s+)?"
                  r"(?=l['’]|la\s|le\s|les\s|(?-i:[A-ZÀ-Ý]))", re.I)
#: The article or preposition before a partner's name.
_ARTICLE = re.compile(r"^(?:de\s+la|de\s+l['’]|des|du|de|la|le|les|l['’]|aux?)\s*", re.I)
#: A bare kind of authority or body, which names no one in particular.
_BARE_KIND = re.compile(r"(?:commune|ville|m[ée]tropole|d[ée]partement|r[ée]gion|[ée]tat|communaut[ée]|"
                        r"collectivit[ée]|association|b[ée]n[ée]ficiaire|syndicat|[ée]tablissement|pr[ée]fecture|"
                        r"agence|structure|partenaire|op[ée]rateur|porteur)s?", re.I)
#: The kind a partner's words say: public bodies, associations, universities.
_PUBLIC = re.compile(r"^(?:commune|ville|m[ée]tropole|d[ée]partement|r[ée]gion|communaut[ée]\s+(?:de\s+communes|"
                     r"d['’]agglom[ée]ration|urbaine)|centre\s+hospitalier|centre\s+communal\s+d['’]action|"
                     r"agence\s+r[ée]gionale\s+de\s+sant[ée]|pr[ée]fecture|caisse\s+primaire|CPAM\b|ARS\b|CHU?\b|"
                     r"CCAS\b|CIAS\b|EPCC\b|syndicat\s+mixte|[ée]tablissement\s+public)", re.I)
_ENTERPRISE = re.compile(r"^(?:SCIC|SCOP|SARL|SAS|SASU|EURL|SA|SEM|SPL|soci[ée]t[ée]\s+coop[ée]rative)\b")
#: A mutual society (*mutuelle*, a union of them such as a "Mutualité Française"): an enterprise of the social
#: economy, as its legal category (8xxx) makes it; the "Mutualité sociale agricole" is a social security scheme.
_MUTUAL = re.compile(r"^(?:mutuelle|mutualit[ée](?!\s+sociale\s+agricole)|union\s+mutualiste|"
                     r"union\s+(?:de\s+|des\s+)?mutuelles)\b", re.I)
#: A kind of body that, in small letters, heads a partner's name when a proper name follows it: "le centre
#: hospitalier de Landerneau", "la commune de Lussac", "la mutuelle des Alpes".
_LOWER_KIND = re.compile(r"(?:centres?\s+hospitaliers?|centre\s+(?:de\s+sant[ée]|communal|intercommunal|social)|"
                         r"h[ôo]pital|clinique|groupe(?:ment)?\s+hospitalier|maison\s+de\s+sant[ée]|commune|ville|"
                         r"communaut[ée]\s+(?:de\s+communes|d['’]\s*agglom[ée]ration|urbaine)|m[ée]tropole|"
                         r"d[ée]partement|r[ée]gion|agence\s+r[ée]gionale|caisse|mutuelle|mutualit[ée]|fondation|"
                         r"association|universit[ée]|syndicat|[ée]tablissement|office|f[ée]d[ée]ration|union|"
                         r"institut|compagnie|soci[ée]t[ée]|coop[ée]rative|lyc[ée]e|coll[èe]ge|[ée]cole)\b")
_ASSOCIATION = re.compile(r"^association\b", re.I)
_UNIVERSITY = re.compile(r"^universit[ée]\b", re.I)
_MAX_WORDS = 12
#: Words that say what kind of body a name is rather than which ("centre de santé Savattero" is "Savattero").
_KIND_WORDS = frozenset(
    "sante soins soin centre maison association asso commune ville communal communale municipal municipale social "
    "sociale solidaire action aide service services pole structure".split())


def _kind(name: str, said: str) -> str:
    """The kind of a partner: what its name says, or "l'association" before it."""
    if _PUBLIC.search(name):
        return "PublicAuthority"
    if _ASSOCIATION.search(name) or re.search(r"\bassociations?\s*$", said, re.I):
        return "Association"
    if _ENTERPRISE.search(name) or _MUTUAL.search(name) or re.match(r"soci[ée]t[ée]|SCIC|SCOP|SARL|SAS|mutuelle",
                                                                    said, re.I):
        return "Enterprise"
    if _UNIVERSITY.search(name):
        return "University"
    return "Actor"


def _words(key: str) -> set[str]:
    return {w for w in key.split() if len(w) >= 3 and w not in _KIND_WORDS}


def new_partners(title: str, beneficiaries: set[str], authority: set[str]) -> list[tuple[str, str]]:
    """The partners of :func:`partners` that are neither the authority nor a beneficiary (given by their name
    keys). A partner whose words (but initials and those of a kind: "centre", "santé"…) are all a beneficiary's is
    that beneficiary under a short name ("l'AS Gauloise" for "Association sportive Gauloise du Moule"); one that
    has all a beneficiary's words is it with a gloss ("Santé Lien Loire-Sud" for "Santé Lien").

    >>> new_partners("Conventions entre la Ville de Nantes, l'OMS, l'AS Gauloise et la Mutualité Française Loire",
    ...              {"oms", "sportive gauloise moule", "repit loire"}, {"nantes", "ville nantes"})
    [('Mutualité Française Loire', 'Enterprise')]
    """
    return [(name, kind) for name, kind, role in _roles(title, beneficiaries, authority) if role == "new"]


def names_outsiders_only(title: str, beneficiaries: set[str], authority: set[str]) -> bool:
    """Whether ``title`` names partners besides the authority and none is a beneficiary ("la convention de
    financement du poste de coordinateur avec l'ARS"): the agreement is not one of the deliberation's grants'.

    >>> names_outsiders_only("Convention de financement avec l'ARS Bretagne", {"repit loire"}, {"ville lien"})
    True
    >>> names_outsiders_only("Convention avec l'ARS Bretagne et Répit Loire", {"repit loire"}, {"ville lien"})
    False
    """
    roles = [role for *_, role in _roles(title, beneficiaries, authority) if role != "authority"]
    return bool(roles) and all(role == "new" for role in roles)


def _roles(title: str, beneficiaries: set[str], authority: set[str]) -> list[tuple[str, str, str]]:
    """The partners of :func:`partners`, each with its role: "authority" (its name, or only words of its name:
    "l'EPCC" for the "EPCC Chemins du Patrimoine en Finistère"), "beneficiary" (a beneficiary's name key, or under a
    short name or with a gloss) or "new"."""
    known = [_words(key) for key in beneficiaries]
    own = [_words(key) for key in authority]
    found = []
    for name, kind in partners(title):
        key = name_key(name)
        words = _words(key)
        if not key or key in authority or words and any(theirs and words <= theirs for theirs in own):
            found.append((name, kind, "authority"))
        elif key in beneficiaries or any(words and theirs and (words <= theirs or theirs <= words) for theirs in known):
            found.append((name, kind, "beneficiary"))
        else:
            found.append((name, kind, "new"))
    return found


#: Authorities of one kind named together by the plural: "les communes de Bondy et de Stains".
_PLURAL_KIND = re.compile(r"\bles\s+(communes|villes)\s+(?=(?:de\s+|d['’])(?-i:[A-ZÀ-Ý]))", re.I)
#: What parts the places after a plural kind: ", de Stains", " et de Stains", " et d'Épinay".
_NEXT_PLACE = re.compile(r"(\s*,\s*(?:et\s+)?|\s+et\s+)(?=(?:de\s+|d['’])(?-i:[A-ZÀ-Ý]))")


def each_of_plural_kind(text: str) -> str:
    """``text`` with each place after a plural kind named with its kind: "les communes de Bondy et de Stains" is
    "la Commune de Bondy et la Commune de Stains".

    >>> each_of_plural_kind("les communes de Bondy, de Pantin et d'Aubervilliers")
    "la Commune de Bondy, la Commune de Pantin et la Commune d'Aubervilliers"
    """
    if not (plural := _PLURAL_KIND.search(text)):
        return text
    kind = "la " + plural.group(1)[:-1].capitalize() + " "
    return text[:plural.start()] + kind + _NEXT_PLACE.sub(lambda m: m.group(1) + kind, text[plural.end():])


def partners(title: str) -> list[tuple[str, str]]:
    """The partners ``title`` names, each with its kind (``Association``, ``PublicAuthority``, ``University``,
    ``Enterprise`` or ``Actor``), in its order.

    >>> partners("Conventions d'objectifs avec l'association ALT et avec l'AHRR, dont le montant dépasse 23 000 €")
    [('ALT', 'Association'), ('AHRR', 'Actor')]
    >>> partners("Contrat local de santé à conclure avec l'Agence régionale de santé Nouvelle-Aquitaine, la "
    ...          "Préfecture des Deux-Sèvres, le Département…")
    [('Agence régionale de santé Nouvelle-Aquitaine', 'PublicAuthority'), ('Préfecture des Deux-Sèvres', \
'PublicAuthority')]
    >>> partners("Convention de partenariat tripartite entre la Commune, l'ARAF et Kaz'Répit Ouest")
    [('ARAF', 'Actor'), ("Kaz'Répit Ouest", 'Actor')]
    >>> partners("Convention avec chacun des bénéficiaires"), partners("Convention avec la commune")
    ([], [])
    >>> partners("Convention tripartite entre l'EPCC, le centre hospitalier de Landerneau et la Compagnie Tro Didro")
    [('EPCC', 'PublicAuthority'), ('Centre hospitalier de Landerneau', 'PublicAuthority'), ('Compagnie Tro Didro', \
'Actor')]
    >>> partners("Convention avec la Mutualité Française Loire et la mutuelle Alpha Santé")
    [('Mutualité Française Loire', 'Enterprise'), ('Alpha Santé', 'Enterprise')]
    >>> partners("Avenant conclu avec la Plateforme d'accompagnement et de répit du Gers et la SCIC Lien")
    [("Plateforme d'accompagnement et de répit du Gers", 'Actor'), ('SCIC Lien', 'Enterprise')]
    >>> partners("Convention de fonds de concours entre la Communauté de communes et la commune")
    []
    >>> partners("Conventions de financement avec les communes de Bondy et de Stains")
    [('Commune de Bondy', 'PublicAuthority'), ('Commune de Stains', 'PublicAuthority')]
    """
    intro = _INTRO.search(title)
    if intro is None:
        return []
    rest = title[intro.end():]
    end = _END.search(rest)
    found = []
    for piece in _AND.split(each_of_plural_kind(rest[:end.start()] if end else rest)):
        said = ""
        name = piece.strip()
        while (article := _ARTICLE.match(name)) and article.end():
            name = name[article.end():]
        # "l'association Les Aidants du Haut-Allier": the kind word before a capital is not the name
        if (kind := re.match(r"(associations?|soci[ée]t[ée]|SCIC|SCOP|SARL|SAS|fondation|mutuelle)\s+(?=[A-ZÀ-Ý])",
                             name)) and not kind.group(1)[0].isupper():
            said, name = kind.group(1), name[kind.end():]
        name = name.strip(" ,")
        # "le centre hospitalier de Landerneau": a kind of body in small letters, then a proper name
        if (kind := _LOWER_KIND.match(name)) and re.search(r"[A-ZÀ-Ý]", name[kind.end():]):
            name = name[0].upper() + name[1:]
        if not name or not (name[0].isupper() or name[0].isdigit()) or len(name.split()) > _MAX_WORDS:
            continue
        first, *others = name.split()
        if _BARE_KIND.fullmatch(first) and not any(w[0].isupper() or w[0].isdigit() for w in others):
            continue  # "la Commune", "la Communauté de communes": which authority of the text, not a name
        found.append((name, _kind(name, said)))
    return found
