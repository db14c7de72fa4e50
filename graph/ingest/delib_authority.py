"""The authority that deliberates: the collectivité or établissement public that a deliberation's heading, else its
text, names, never one it names as a grant's beneficiary (:func:`find_authority`); else the organisation that its
heading names (:func:`heading_organisation`); names in capitals written as French place names are; and how many
communes an intercommunal authority gathers."""

from __future__ import annotations

import re

from graph.ingest.delib_meta import COLUMN_GAP, FIGURE_CELL, heading
from graph.ingest.french import fold


#: The words of a place's name after its first, with the particles between them: "Portes de l'Argonne", "Vallée
#: de l'Hérault", "Pays de l'Or", "Eaux du Marsan et des Landes d'Armagnac", "Val de Drôme en Biovallée" (not
#: "… en Commission permanente", "… en séance").
_NEXT_WORDS = (r"(?:[ -](?:(?:et[ -](?:de|du|des|de la|de l['’]|d['’])|et|de|du|des|de la|de l['’]|d['’]|"
               r"en(?![ -](?:Commission|Conseil|Comité|Bureau|Assemblée|Séance|Session|Réunion|Date|Exercice|"
               r"Préfecture|Sous-[Pp]réfecture)\b))(?:[ -]|\n)?)?"
               r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)*")
#: The words of a commune's name after its first, hyphenated or spaced, with the particles between them: "Saint
#: Julien les Rosiers", "Bourg la Reine", "Villeneuve sur Lot", "Saint Pierre d'Oléron" (not "… le Conseil
#: municipal", "… de Mme X", "… Séance du 10 décembre").
_COMMUNE_WORDS = (r"(?:[ -](?:(?:les|lès|lez|le|la|sur|sous|en|aux|au|de|du|des|de\s+la)[ -]|[dl]['’])?"
                  r"(?!(?:Conseil|Bureau|Maire|Mairie|Séance|Session|Réunion|Commission|Comité|Président|Présidente|"
                  r"Préfecture|Sous-[Pp]réfecture|Département|Région|République|Assemblée|Procès|Extrait|"
                  r"Délibérations?|Mme|Madame|Monsieur|M)\b)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)*")
#: Authorities: pattern whose ``name`` group is the authority's display name, in the order they are tried on a
#: text's body (a heading is read in :data:`_HEADING_ORDER`).
_AUTHORITY_PATTERNS = {
    "organ-of": (
        r"(?:Le|La)\s+(?:Bureau|Conseil|Commission)[\w\s]*?\s+(?:de\s+la\s+|du\s+|de\s+l['’]|de\s+)"
        r"(?P<name>[A-ZÀ-ÖØ-ÞŒ][\w'’ -]*?(?:Métropole|Agglomération|Communauté[\w' -]*))\s*,?\s+après"
    ),
    "commune": (
        r"(?P<name>(?:Ville|Commune(?:\s+(?i:nouvelle))?)\s+(?:de\s+(?:la\s+|l['’]|les\s+)?|d['’]|du\s+|des\s+)"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _COMMUNE_WORDS + ")"
    ),
    # A commune that its council's sentence names in small letters: "le conseil municipal de la commune de Saint
    # Julien les Rosiers, régulièrement convoqué" (a commune named elsewhere in small letters may be a place only:
    # "située sur la commune de …").
    "council-of-the-commune": (
        r"(?i:conseil\s+municipal\s+de\s+la\s+)(?P<name>(?i:ville|commune)\s+"
        r"(?:de\s+(?:la\s+|l['’]|les\s+)?|d['’]|du\s+|des\s+)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _COMMUNE_WORDS + ")"
    ),
    "departement-region": (
        r"(?P<name>(?:D[ée]partement|R[ée]gion)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS + ")"
    ),
    "communaute": (
        # its name on the same line or the next, never past a blank line ("Communauté d'agglomération\n\nPROCÈS-
        # VERBAL"), nor its organ ("Communauté d'agglomération\nCONSEIL COMMUNAUTAIRE DU JEUDI …"); an article
        # that opens its name on the kind's line ("Communauté d'agglomération Le Grand Narbonne")
        r"(?P<name>Communauté\s+(?i:de\s+communes|d['’]agglomération|urbaine)"
        r"(?:[ \t]+(?:[Ll]es?|[Ll]a)[ \t]+(?!(?i:conseil|bureau|comité|commission|séance|session|président)\b)"
        r"|(?:[ \t]+\n?|\n)[ \t]*(?!(?i:conseil|bureau|comité|commission|séance|session)\b)"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?)"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS + ")"
    ),
    "metropole-named-first": (
        # words without figures: "Délibération n° CP-2024-3105\nMétropole de Lyon" names no "CP-2024-3105 Métropole";
        # the place that may follow on its line, in lower case after its capital ("Tours Métropole Val de Loire")
        r"(?P<name>(?!(?:La|Le|Cette|Notre|Une|Toute)\s+Métropole\b)[A-ZÀ-ÖØ-ÞŒ][^\W\d]*(?:['’-][^\W\d]*)*"
        r"(?:[ -][A-ZÀ-ÖØ-ÞŒ][^\W\d]*(?:['’-][^\W\d]*)*)*\s+Métropole"
        r"(?:[ \t]+(?!(?:Le|La|Les|Un|Une)\b)[A-ZÀ-ÖØ-ÞŒ][a-zà-ÿ][\w'’-]*(?:[ \t]+(?:de|du|des|de la|d['’])?[ \t]*"
        r"[A-ZÀ-ÖØ-ÞŒ][a-zà-ÿ][\w'’-]*)*)?)\b"
    ),
    "metropole-named-after": (
        # "Métropole européenne de Lille": its adjective, then its place; a word of which may open with an elided
        # particle ("Métropole Nice Côte d'Azur"), or follow one ("Métropole du Val de Lorvane")
        r"(?P<name>(?:Euro[mM]|M)étropole(?:\s+(?i:européenne)(?=\s+(?:de|du|d['’])))?"
        r"\s+(?:de\s+|du\s+|d['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _COMMUNE_WORDS + ")"
    ),
    "syndicat": (
        # up to five words of its kind and purpose: "Syndicat intercommunal à vocation unique Santé du …"
        # a syndicat mixte of a parc naturel régional, its kind in small letters: "Syndicat mixte du Parc naturel
        # régional du Haut-Languedoc"
        r"(?P<name>(?:Syndicat(?:\s+[\w'’-]+){0,5}?|SIVOM|SIVU|SIVOS)\s+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
        r"(?:Parc\s+naturel\s+r[ée]gional\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?)?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _NEXT_WORDS + ")"
    ),
    "ccas": (
        r"(?P<name>(?:Centre\s+(?i:communal|intercommunal)\s+(?i:d['’]action\s+sociale)|CCAS|CIAS)\s+"
        r"(?:de\s+(?:la\s+|l['’]|les\s+)?|du\s+|des\s+|d['’])[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _NEXT_WORDS + ")"
    ),
    "petr": (
        # named by its territory, with or without a particle: "PETR du Pays X", "Pôle d'équilibre territorial et rural
        # Cœur Entre-deux-Mers" (not its organ: "PETR Comité syndical")
        r"(?P<name>(?:(?i:Pôle\s+d['’]équilibre\s+territorial\s+et\s+rural)|PETR)[ \t]+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]"
        r"|(?!(?i:conseil|bureau|comité|commission|séance|session|réunion|président|assemblée)\b))[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _NEXT_WORDS + ")"
    ),
    # a pôle métropolitain named by its territory, with or without a particle ("Pôle métropolitain Nord
    # Franche-Comté", "Pôle métropolitain du Genevois français")
    "pole-metropolitain": (
        r"(?P<name>Pôle\s+(?i:métropolitain)\s+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _NEXT_WORDS + ")"
    ),
    "ept": (
        r"(?P<name>(?:(?i:Établissement\s+public\s+territorial)|EPT)\s+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _NEXT_WORDS + ")"
    ),
    "sdis": (
        r"(?P<name>(?:(?i:Service\s+départemental\s+d['’]incendie\s+et\s+de\s+secours)|SDIS)\s+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _NEXT_WORDS + ")"
    ),
    "collectivite": (
        r"(?P<name>Collectivité(?:\s+(?i:territoriale|européenne))?\s+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS + ")"
    ),
    "paris": r"(?P<name>Conseil\s+de\s+Paris)\b",
    # New Caledonia's provinces, each with its assembly: "PROVINCE NORD", "Assemblée de la Province des îles Loyauté"
    "province": r"(?P<name>Province\s+(?:Nord|Sud|des\s+[îi]les(?:\s+Loyaut[ée])?))\b",
    # A town's council named with its town ("CONSEIL MUNICIPAL DE NANTES"), not with the commune it is of, nor a
    # council of its children or elders ("Conseil municipal des Enfants").
    "municipal-council": (
        r"(?P<name>Conseil\s+(?i:municipal)\s+(?:de\s+(?:la\s+|l['’]|les\s+)?|d['’]|du\s+|des\s+)"
        r"(?!(?i:ville|commune|enfants|jeunes|sages|a[îi]n[ée]s|seniors|juniors|ados|adolescents)\b)"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _COMMUNE_WORDS + ")"
    ),
    "mairie": (
        r"(?P<name>Mairie\s+(?:de\s+(?:la\s+|l['’]|les\s+)?|d['’]|du\s+|des\s+)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _COMMUNE_WORDS + ")"
    ),
    "assembly": (
        # a région's without a particle, on the same line: "Conseil régional Provence-Alpes-Côte d'Azur" (not its
        # organ: "Conseil régional Séance plénière")
        r"(?P<name>Conseil\s+(?i:d[ée]partemental|r[ée]gional)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
        r"(?!R[ée]gion\b|D[ée]partement\b)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS
        + r"|Conseil\s+(?i:r[ée]gional)[ \t]+(?!R[ée]gion\b|(?i:conseil|bureau|comité|commission|séance|session"
          r"|réunion|président|assemblée|délibération|extrait|registre|procès)\b)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
        + _NEXT_WORDS + ")"
    ),
    # Établissements publics that deliberate through their own board, often beneficiaries in a collectivité's
    # acts: tried last. Their name may stand in quotes: "EPCC « La Fabrique des Arts »".
    "epcc": (
        r"(?P<name>(?:(?i:[ÉE]tablissement\s+public\s+de\s+coop[ée]ration\s+culturelle)|EPCC)\s+[«\"“]?\s*"
        r"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|(?i:la|le|les|l['’]))\s*)?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS + ")"
    ),
    "office-de-tourisme": (
        r"(?P<name>Office\s+(?i:d[eu]\s+tourisme)(?:\s+(?i:intercommunal|communautaire|municipal|m[ée]tropolitain))?\s+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS + ")"
    ),
    "oph": (
        r"(?P<name>(?:Office\s+(?i:public\s+de\s+l['’]habitat)|OPH)\s+"
        r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS + ")"
    ),    # Other établissements publics that vote subventions through their own board: a commune's caisse des écoles,
    # the chambres consulaires, a centre de gestion, a GIP, a lycée or a collège (EPLE), a hospital, a public EHPAD,
    # a régie, an office. Named at the start of a line only ("- Centre hospitalier de Vire : 5 000 €" is a grant's
    # beneficiary), so that a text naming one among others is not taken for its act.
    "etablissement-public": (
        r"(?m:^)[ \t]*(?P<name>(?:"
        r"(?i:Caisse\s+des\s+[ée]coles)"
        r"|(?i:Chambre\s+(?:r[ée]gionale\s+|d[ée]partementale\s+|interd[ée]partementale\s+)?"
        r"(?:d['’]agriculture|de\s+m[ée]tiers(?:\s+et\s+de\s+l['’]artisanat)?"
        r"|de\s+commerce\s+et\s+d['’]industrie))|CCI|CMAR?"
        r"|(?i:Centre\s+(?:interd[ée]partemental\s+)?de\s+gestion(?:\s+de\s+la\s+fonction\s+publique"
        r"\s+territoriale)?)|CDG"
        r"|(?i:Groupement\s+d['’]int[ée]r[êe]t\s+public)|GIP"
        r"|(?i:[ÉE]tablissement\s+public\s+foncier(?:\s+local)?)|EPFL?"
        r"|(?i:Centre\s+hospitalier(?:\s+(?:universitaire|r[ée]gional|intercommunal|d[ée]partemental"
        r"|sp[ée]cialis[ée]))*)|CHU|CHR|CHI"
        r"|(?:EHPAD|Ehpad)(?:\s+(?i:public|intercommunal|municipal))?"
        r"|(?i:(?:Lyc[ée]e|Coll[èe]ge)(?:\s+(?:d['’]enseignement\s+)?(?:professionnel|agricole|polyvalent"
        r"|g[ée]n[ée]ral(?:\s+et\s+technologique)?|technique|public))*)"
        r"|(?i:R[ée]gie)(?:\s+(?i:municipale|intercommunale|communautaire|d[ée]partementale|r[ée]gionale"
        r"|personnalis[ée]e|autonome))?"
        r"|(?i:Office)(?:\s+(?i:public|municipal|intercommunal|communautaire|d[ée]partemental|r[ée]gional|national))?"
        r")\s+[«\"“]?\s*(?:(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|(?i:les|le|la|l['’])\s*"
        r"|[\w'’-]+\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]))?)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*" + _NEXT_WORDS + ")"
    ),
}
AUTHORITIES = [re.compile(pattern) for pattern in _AUTHORITY_PATTERNS.values()]
#: Read in a heading only: a CCAS or a CIAS named by its territory without a particle, the rest of its line
#: ("CENTRE INTERCOMMUNAL D'ACTION SOCIALE TERRES TOULOISES"); in a text's body "au CIAS Mme X" names no authority.
_HEADING_ONLY = {
    "ccas-territory": (
        r"(?m:^)[ \t]*(?P<name>(?:Centre\s+(?i:communal|intercommunal)\s+(?i:d['’]action\s+sociale)|CCAS|CIAS)[ \t]+"
        r"(?!(?:de|du|des|d['’])\b|(?i:conseil|bureau|comité|commission|assemblée|séance|session|réunion|extrait"
        r"|registre|délibération|procès-verbal)\b)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*(?:[ \t]+(?:(?:et|de|du|des|la|en)[ \t]+)*"
        r"(?:[dl]['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)*)(?=[ \t]*(?:\n|$))"
    ),
    # A communauté d'agglomération under its short name, alone on its line: "CARCASSONNE AGGLO", "VALENCE ROMANS
    # AGGLO", "DRACÉNIE PROVENCE VERDON AGGLOMÉRATION"; in a text's body "l'Agglo" or "Carcassonne Agglo" may name
    # a partner.
    "agglo-named-first": (
        r"(?m:^)[ \t]*(?P<name>(?!(?:Conseil|Bureau|Séance|Session|Réunion|Communauté|Le|La|Les)\b)"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*(?:[ \t]+(?:(?:de|du|des|la|en)[ \t]+)*(?:[dl]['’])?"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)*[ \t]+Agglo(?:mération)?)(?=[ \t]*(?:\n|$))"
    ),
    # A communauté under its name, alone on its line and with no line of its kind under it: "QUIMPERLÉ COMMUNAUTÉ",
    # "LANNION-TRÉGOR COMMUNAUTÉ"; not an organ ("CONSEIL DE COMMUNAUTÉ") nor a sitting.
    "communaute-named-first": (
        r"(?m:^)[ \t]*(?P<name>(?!(?:Conseil|Bureau|Séance|Session|Réunion|Communauté|Le|La|Les|Extrait|Registre"
        r"|Procès|Délibération|Commission|Assemblée)\b)"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*(?:[ \t]+(?:(?:de|du|des|la|en)[ \t]+)*(?:[dl]['’])?"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)*[ \t]+Communauté)(?=[ \t]*(?:\n|$))"
    ),
    # A métropole whose official name writes "métropole" in small letters, alone on its heading's line: "Brest
    # métropole" (in a text's body "la métropole" after a capitalised word is no name).
    "metropole-small-letters": (
        r"(?m:^)[ \t]*(?P<name>(?!(?:Conseil|Bureau|Séance|Session|Réunion|Le|La|Les|Cette|Notre|Une|Toute)\b)"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)*[ \t]+métropole)(?=[ \t]*(?:\n|$))"
    ),
    # A communauté named by two places joined by a dash that ends its heading's line: "COMMUNAUTÉ D'AGGLOMÉRATION
    # MONT-SAINT-MICHEL – NORMANDIE" (not "… – CONSEIL COMMUNAUTAIRE", nor a sitting with its date).
    "communaute-dashed": (
        r"(?m:^)[ \t]*(?P<name>Communauté\s+(?i:de\s+communes|d['’]agglomération|urbaine)[ \t]+"
        r"(?:(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|(?:[Ll]es?|[Ll]a)[ \t]+))?"
        r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*(?:[ \t]+(?:(?:de|du|des|la|en)[ \t]+)*(?:[dl]['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)*"
        r"[ \t]+[–—-][ \t]+(?!(?i:conseil|bureau|comité|commission|séance|session|réunion|direction|service|pôle"
        r"|délibération|extrait|procès|registre)\b)[A-ZÀ-ÖØ-ÞŒ][\w'’-]*)(?=[ \t]*(?:\n|$))"
    ),
}
#: The order a heading's authorities are tried in: the most particular first. A commune's heading names its
#: département ("DÉPARTEMENT DE LA LOIRE / COMMUNE DE …") or its collectivité territoriale ("RÉPUBLIQUE FRANÇAISE –
#: COLLECTIVITÉ TERRITORIALE DE GUYANE / COMMUNE DE …"), a CCAS's its commune, a syndicat's or a communauté's often
#: their seat: the authority that deliberates is the most particular one the heading names.
_HEADING_ORDER = ("ccas", "ccas-territory", "etablissement-public", "sdis", "syndicat", "petr", "pole-metropolitain",
                  "communaute-dashed", "communaute", "ept", "agglo-named-first", "communaute-named-first",
                  "metropole-named-first", "metropole-named-after", "metropole-small-letters", "province", "mairie",
                  "commune", "paris", "municipal-council", "council-of-the-commune", "collectivite", "assembly",
                  "departement-region", "epcc", "office-de-tourisme", "oph")
#: The heading's patterns in that order, compiled once: the names a text's reading compiles (beneficiaries,
#: variants) soon pushed them out of the re module's cache, and each took ~1.6 ms to compile again.
_IN_HEADING = [re.compile({**_AUTHORITY_PATTERNS, **_HEADING_ONLY}[name]) for name in _HEADING_ORDER]

#: The words of an authority's kind that stay in lower case after its first word, whatever the heading's case:
#: "Communauté d'agglomération …", "Syndicat mixte …", "Centre communal d'action sociale …"; not a word of a
#: compound place name ("Région Nouvelle-Aquitaine").
_KIND_WORDS = re.compile(r"(?<=\s)(?:Communes|Urbaine|Mixte|Intercommunal|Communal|Sociale|À|Vocations?|Multiples?"
                         r"|Uniques?|Scolaire|Nouvelle|Départementale?|Public|Territoriale?|Rural|Secours"
                         r"|Européenne|Tourisme|Écoles|Métiers|Commerce|Gestion|Fonction|Publique|Hospitalier"
                         r"|Universitaire|Professionnel|Agricole|Polyvalent|Général|Technologique|Municipale"
                         r"|Foncier|Métropolitain)\b(?!-)|"
                         r"(?<=\sd['’])(?:Agglomération|Action|Équilibre|Énergies?|Incendie|Agriculture|Industrie"
                         r"|Intérêt)\b|(?<=\sl['’])Artisanat\b")


#: The words of an authority's kind that a heading in capitals writes without their accents ("COMMUNAUTE DE
#: COMMUNES", "COMMUNAUTE D'AGGLOMERATION"), given them back.
_ACCENTED = {"Communaute": "Communauté", "Agglomeration": "Agglomération", "Metropole": "Métropole",
             "Metropolitain": "Métropolitain", "Departementale": "Départementale", "Equilibre": "Équilibre"}
_UNACCENTED = re.compile(r"\b(?:" + "|".join(_ACCENTED) + r")\b")


def _accented(text: str) -> str:
    """``text`` with the accents of its kind's words given back (:data:`_ACCENTED`)."""
    return _UNACCENTED.sub(lambda m: _ACCENTED[m.group(0)], text)


def _authority_name(name: str) -> str:
    """The display name of an authority as a pattern of :data:`AUTHORITIES` found it (a town hall is its commune).

    >>> _authority_name("Communauté d'Agglomération des Monts du Velay"), _authority_name("Mairie de Firminy")
    ("Communauté d'agglomération des Monts du Velay", 'Commune de Firminy')
    >>> _authority_name("Conseil départemental des Hautes-Falaises"), _authority_name("Mairie de la Roche-sur-Yon")
    ('Département des Hautes-Falaises', 'Commune de La Roche-sur-Yon')
    >>> _authority_name("Conseil Municipal de Nantes"), _authority_name("Region Nouvelle-Aquitaine")
    ('Ville de Nantes', 'Région Nouvelle-Aquitaine')
    >>> _authority_name("Commune de CHIGNY-FICTIF LES ROSES")
    'Commune de Chigny-Fictif les Roses'
    >>> _authority_name("Communaute de Communes du Pays de Lorvane"), _authority_name("Communaute d'Agglomeration X")
    ('Communauté de communes du Pays de Lorvane', "Communauté d'agglomération X")
    """
    name = re.sub(r"\s+", " ", re.sub(r"[«»“”\"]", " ", name)).strip()  # an EPCC's name in quotes
    name = name[:1].upper() + name[1:]  # "commune de …" in a sentence
    name = _accented(name)
    name = _KIND_WORDS.sub(lambda m: m.group(0).lower(), name)
    for written, authority in _ASSEMBLY_OF:
        if (found := re.match(written, name, re.I)) is not None:
            name = authority + name[found.end():]
            break
    # A commune's name in capitals in a sentence ("Maire de la Commune de CHIGNY-FICTIF LES ROSES") is written as
    # French place names are.
    if (capitals := re.match(r"((?:Commune(?: nouvelle)?|Ville) (?:de |d['’]|du |des ))([A-ZÀ-Ý][A-ZÀ-Ý'’ -]+)$",
                             name)) is not None:
        name = capitals[1] + title_case(capitals[2])
    # A commune's article is part of its name: "Commune de La Roche-sur-Yon", "Ville du Havre" aside.
    return re.sub(r"^((?:Commune(?: nouvelle)?|Ville) de |EPCC |Communauté (?:de communes|d['’]agglomération|urbaine) )"
                  r"(la|le|les)\b", lambda m: m[1] + m[2].capitalize(), name)


#: An authority named by its assembly or its town hall: (how it is written, the authority's own name).
_ASSEMBLY_OF = [(r"Mairie\b", "Commune"), (r"Conseil\s+d[ée]partemental\b", "Département"),
                (r"Conseil\s+r[ée]gional\b", "Région"), (r"Conseil\s+municipal\b", "Ville"),
                # a heading in capitals without accents: "DEPARTEMENT DE LA GIRONDE", "REGION BRETAGNE"
                (r"Departement\b", "Département"), (r"Region\b", "Région"),
                (r"CCAS\b", "Centre communal d'action sociale"),
                (r"CIAS\b", "Centre intercommunal d'action sociale"),
                (r"SIVOM\b", "Syndicat intercommunal à vocation multiple"),
                (r"SIVU\b", "Syndicat intercommunal à vocation unique"),
                (r"SIVOS\b", "Syndicat intercommunal à vocation scolaire"),
                (r"PETR\b", "Pôle d'équilibre territorial et rural"), (r"EPT\b", "Établissement public territorial"),
                (r"SDIS\b", "Service départemental d'incendie et de secours"),
                (r"Conseil\s+de\s+Paris\b", "Ville de Paris"),
                (r"[ÉE]tablissement\s+public\s+de\s+coop[ée]ration\s+culturelle\b", "EPCC")]


_PARTICLES = {"de", "du", "des", "la", "le", "les", "et", "sur", "sous", "en", "lès", "lez", "aux"}
#: The acronyms that name an authority's kind ("SIVOM DU VAL DE BRUYÈRE"), kept in capitals by :func:`title_case`.
_ACRONYMS = {"CCAS", "CIAS", "SIVOM", "SIVU", "SIVOS", "PETR", "EPT", "SDIS", "EPCC", "EPIC", "OPH", "EHPAD", "GIP",
             "CCI", "CMA", "CMAR", "CDG", "CHU", "CHR", "CHI"}


def title_case(text: str) -> str:
    """Write an upper-case name the way French place names are written.

    >>> title_case("DÉPARTEMENT DE LA HAUTE-VALLÉE D'ARGENT"), title_case("RIVE-D'ARGENT"), title_case("SIVOM DU LAC")
    ("Département de la Haute-Vallée d'Argent", "Rive-d'Argent", 'SIVOM du Lac')
    """
    def part(p: str) -> str:
        if p in _PARTICLES:
            return p
        if re.match(r"[dl]['’]", p):
            return p[:2] + p[2:].capitalize()
        return p.capitalize()

    def word(w: str) -> str:
        if w in _ACRONYMS:
            return w
        lower = w.lower()
        if lower in _PARTICLES:
            return lower
        if re.match(r"[dl]['’]", lower):
            return lower[:2] + "-".join(map(part, lower[2:].split("-")))
        return "-".join(map(part, lower.split("-")))
    return " ".join(word(w) for w in text.split(" "))


def _title_cased_cell(cell: str) -> str:
    """A heading's cell in capitals written as French place names are (:func:`title_case`), its gloss in brackets
    left as it is: "SIVOM DU CANTON DE LA BASTIDE (Ariège)".

    >>> _title_cased_cell("SIVOM DU CANTON DE LA BASTIDE (Ariège)"), _title_cased_cell("Région Bretagne")
    ('SIVOM du Canton de la Bastide (Ariège)', 'Région Bretagne')
    >>> _title_cased_cell("DEPARTEMENT du VAR-FICTIF Arrondissement de Brignoles MAIRIE DE SAINT-ANDRÉ-DES-OLIVIERS")
    'Departement du Var-Fictif Arrondissement de Brignoles Mairie de Saint-André-des-Oliviers'
    """
    head, bracket, gloss = cell.partition("(")
    if not head.isupper():  # the names in capitals of a line that runs several together ("… MAIRIE DE TRETS-FICTIF")
        return _CAPITALS_RUN.sub(lambda m: title_case(m.group(0)), cell)
    return title_case(head.rstrip()) + head[len(head.rstrip()):] + bracket + gloss


#: Words in capitals one after the other in a line that is not: "DEPARTEMENT du VAR Arrondissement de Brignoles MAIRIE
#: DE SAINT-ANDRÉ-DES-OLIVIERS".
_CAPITALS_RUN = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý](?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý])*\b")


def find_authority(body: str, beneficiaries: list[str] | None = None) -> tuple[str, list[str]] | None:
    """Return the authority's display name and the spelling variants of it that the text uses: the most particular
    one its heading names (:data:`_HEADING_ORDER`), else the first of :data:`AUTHORITIES` that the text names, never
    one it names as a grant's beneficiary (:func:`_named_as_beneficiary`); ``beneficiaries`` receives those.

    >>> find_authority("Délibération n° 12\\nDécide d'attribuer à la Commune de Mens une aide. La Région Bretagne…")
    ('Région Bretagne', [])
    >>> find_authority("VILLE DE ROANNE\\nCENTRE COMMUNAL D'ACTION SOCIALE\\n\\nConseil d'administration")[0]
    "Centre communal d'action sociale de Roanne"
    """
    def cased(text: str) -> str:  # each column of a line in capitals, as its own, before a gloss ("… (Ariège)"),
        # the accents of its kind's words given back ("COMMUNAUTE DE COMMUNES")
        return _accented("\n".join("".join(_title_cased_cell(cell) for cell in re.split(r"([ \t]{3,})", line))
                                   for line in text.split("\n")))

    skipped: list[str] = [] if beneficiaries is None else beneficiaries
    # a compound name that a PDF's line wrap cut after a hyphen, whole again: "MAIRIE DE SAINT-ANDRÉ-DES-" / "OLIVIERS"
    head = _CUT_COMPOUND.sub("-", heading(body))
    # a CCAS's heading that names its commune above its kind: the commune's CCAS, not the commune
    head = _CCAS_UNDER_ITS_COMMUNE.sub(lambda m: f"{m['kind']} {m['of']}\n", head)
    in_its_heading = _find_authority(_SPELLED_EHPAD.sub("EHPAD ", cased(head)), body, _IN_HEADING, skipped)
    if (named := _named_above_its_kind(heading(body))) is not None:
        # a logo's last line over its kind ("LE GRAND\nNARBONNE\nCommunauté d'agglomération"), that the heading
        # names in full ("COMMUNAUTÉ D'AGGLOMÉRATION LE GRAND NARBONNE"): the full name
        if in_its_heading is None or not re.search(rf"\b{re.escape(fold(named))}$", fold(in_its_heading[0])):
            return named, []
    return (in_its_heading
            or _find_authority(body, body, AUTHORITIES, skipped)
            or _find_authority(cased(body), body, AUTHORITIES, skipped))


#: A CCAS's heading that names its commune on the line above its kind ("VILLE DE ROANNE" / "CENTRE COMMUNAL D'ACTION
#: SOCIALE"): its kind then its commune, as one name.
_CCAS_UNDER_ITS_COMMUNE = re.compile(
    r"(?im)^[ \t]*(?:ville|commune)[ \t]+(?P<of>(?:de[ \t]+(?:la[ \t]+|l['’]|les[ \t]+)?|d['’]|du[ \t]+|des[ \t]+)"
    r"[^\n]+?)[ \t]*\n[ \t]*(?P<kind>centre[ \t]+communal[ \t]+d['’][ \t]*action[ \t]+sociale|ccas)[ \t]*$")
#: A hyphen at a line's end before a capital: a compound's, whose line the wrap cut.
_CUT_COMPOUND = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[A-ZÀ-Ý])")
#: A public EHPAD's kind spelled out, and the line end and the quotes before its name: "ÉTABLISSEMENT D'HÉBERGEMENT
#: POUR PERSONNES ÂGÉES DÉPENDANTES\n« RÉSIDENCE BUFFON »" heads the act of the EHPAD Résidence Buffon.
_SPELLED_EHPAD = re.compile(r"[ÉE]tablissement\s+d['’]\s*h[ée]bergement\s+pour\s+personnes\s+[âa]g[ée]es\s+"
                            r"d[ée]pendantes\s*", re.I)
#: An authority's kind alone on a heading's line, under the authority's name ("AGGLOMÉRATION MONTARGOISE ET RIVES
#: DU LOING" / "Communauté d'agglomération"); a société d'économie mixte's or a société publique locale's, with its
#: capital ("NIÈVRE AMÉNAGEMENT" / "Société anonyme d'économie mixte locale au capital de 2 450 000 €").
_KIND_ALONE = re.compile(r"(?:(?:Le|La|L['’])\s*)?(?:Communauté\s+(?:de\s+communes|d['’]agglomération|urbaine)"
                         r"|Syndicat\s+mixte(?:\s+(?:ouvert|fermé))?|Métropole|Département|Région"
                         r"|(?:Société\s+(?:anonyme\s+)?(?:d['’]\s*économie\s+mixte|publique\s+locale)(?:\s+locale)?"
                         r"|SEML?|SPL)(?:\s+au\s+capital\s+de\s+[\d  .]+\s*(?:€|euros))?)", re.I)


def _named_above_its_kind(text: str) -> str | None:
    """The name on the line above an authority's kind alone on its line (:data:`_KIND_ALONE`): a line of words that
    names a body (none of :data:`_NOT_A_BODY`), written as French place names are when in capitals.

    >>> _named_above_its_kind("AGGLOMÉRATION DU LOING-FICTIF\\nCommunauté d'agglomération\\nPROCÈS-VERBAL")
    'Agglomération du Loing-Fictif'
    >>> _named_above_its_kind("SAINT-QUENTIN-FICTIF\\nCommunauté d'agglomération\\n\\nCONSEIL COMMUNAUTAIRE DU JEUDI")
    'Saint-Quentin-Fictif'
    >>> _named_above_its_kind("RÉPUBLIQUE FRANÇAISE\\nCommunauté de communes") is None
    True
    """
    lines = [line.strip(" -–—:;,.") for line in text.split("\n")]
    for above, line in zip(lines, lines[1:]):
        if (_KIND_ALONE.fullmatch(line) and not _NOT_A_BODY.search(above) and 1 <= len(above.split()) <= 10
                and re.fullmatch(r"[A-ZÀ-Ý][\w'’ -]*", above)):
            return title_case(above) if above.isupper() else above
    return None


#: A heading's line that names no body that deliberates: the Republic and its motto, the register, an
#: administrative division above a commune's name, an organ, its sitting, the act's number, its object or subject.
_NOT_A_BODY = re.compile(
    r"r[ée]publique\s+fran[çc]aise|libert[ée]|extrait|registre|proc[èe]s[- ]verbal|compte[- ]rendu"
    r"|^(?:d[ée]partement|arrondissement|canton|r[ée]gion|pr[ée]fecture|sous-pr[ée]fecture)\b"
    r"|^(?:conseil|comit[ée]|bureau|commission|assembl[ée]e|session|s[ée]ance|r[ée]union|d[ée]cision)\b"
    r"|^(?:à|au|aux|pour|en\s+faveur|objet|rapport|annexe|direction|service|p[ôo]le)\b"
    r"|d[ée]lib[ée]r|subvention|\baides?\b|attribution|\bn\s*[°º]|\d", re.I)


def heading_organisation(body: str) -> str | None:
    """The organisation that the heading's first line naming a body names, for a deliberation whose authority is
    none of :data:`AUTHORITIES`: a line of words, starting with a capital, that is none of :data:`_NOT_A_BODY`.

    >>> heading_organisation("RÉPUBLIQUE FRANÇAISE\\nASSOCIATION FONCIÈRE PASTORALE DU HAUT-VERDON\\nSéance du 5 mai")
    'Association foncière pastorale du Haut-Verdon'
    >>> heading_organisation("COMMISSION PERMANENTE\\nSéance du 5 avril 2024\\nDélibération n° 2024-01") is None
    True
    """
    for line in heading(body).split("\n"):
        line = re.sub(r"\s+", " ", line).strip(" -–—:;,.")
        words = line.split(" ")
        if (_NOT_A_BODY.search(line) or not 2 <= len(words) <= 14 or not re.fullmatch(r"[\w'’ ()«»\"-]+", line)
                or not line[0].isupper()):
            continue
        if not line.isupper():
            return re.sub(r"\s+", " ", re.sub(r"[«»“”\"]", " ", line)).strip()
        # in capitals: the words of its kind in lower case up to the first particle ("… PASTORALE DU HAUT-VERDON")
        first, *rest = title_case(re.sub(r"[«»“”\"]", " ", line)).split()
        kind = next((i for i, w in enumerate(rest) if w in _PARTICLES or re.match(r"[dl]['’]", w)), len(rest))
        return " ".join([first, *(w.lower() for w in rest[:kind]), *rest[kind:]])
    return None


#: What names a commune as a grant's beneficiary or a partner, not as the authority: "attribue à la Commune de X",
#: "au profit de la commune de", "convention avec la Commune de", "Dossier n° EX… - Commune de X".
_BENEFICIARY_BEFORE = re.compile(r"(?:\b(?:à|au\s+profit\s+de|en\s+faveur\s+de|pour|avec)\s+(?:la\s+|l['’])?"
                                 r"|\bDossier\s+n\s*[°º][^\n]*?\s[-–—]\s*)$", re.I)


def _named_as_beneficiary(text: str, match: re.Match) -> bool:
    """Whether ``text`` names the authority that ``match`` found as a beneficiary (:data:`_BENEFICIARY_BEFORE`) or in
    a table's row (a figure among the line's columns: "Commune de Mens     Télémédecine     74 000     37 000")."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    cells = COLUMN_GAP.split(text[start:end if end >= 0 else len(text)].strip())
    return (_BENEFICIARY_BEFORE.search(text[start:match.start()]) is not None
            or (len(cells) >= 2 and any(FIGURE_CELL.fullmatch(c) for c in cells)))


#: What names a town hall as the seat of the body that deliberates, not as that body: "Siège : Mairie de Lamastre",
#: "siège social : Hôtel de ville, …".
_SEAT_BEFORE = re.compile(r"\bsi[èe]ge(?:\s+social)?\s*:?\s*(?:(?:à|en)\s+(?:la\s+)?)?$", re.I)


def _named_as_seat(text: str, match: re.Match) -> bool:
    """Whether ``text`` names the authority that ``match`` found as a body's seat (:data:`_SEAT_BEFORE`)."""
    return _SEAT_BEFORE.search(text[text.rfind("\n", 0, match.start()) + 1:match.start()]) is not None


def _spellings(name: str) -> str:
    """A pattern of the ways a text may spell ``name``: its spaces any, its e's with or without their accents, a
    line end after its hyphens (a PDF's text wraps "Saint-" / "Étienne Métropole").

    >>> [m.group(0) for m in re.finditer(_spellings("Saint-Étienne Métropole"), "SAINT-ETIENNE\\nMETROPOLE", re.I)]
    ['SAINT-ETIENNE\\nMETROPOLE']
    """
    return "".join(r"\s+" if c.isspace() else "[eéèêëEÉÈÊË]" if fold(c) == "e" else r"-\n?" if c == "-"
                   else re.escape(c) for c in name)


def _find_authority(text: str, body: str, patterns: list[re.Pattern],
                    skipped: list[str]) -> tuple[str, list[str]] | None:
    """The authority that ``text`` names by the first of ``patterns`` that finds one, and its spellings in
    ``body``; ``skipped`` receives the names a beneficiary's (:func:`_named_as_beneficiary`)."""
    for pattern in patterns:
        found = None
        for match in pattern.finditer(text):
            if match.group("name").isupper():
                break
            if _named_as_seat(text, match):
                continue
            if not _named_as_beneficiary(text, match):
                found = match
                break
            if (name := _authority_name(match.group("name"))) not in skipped:
                skipped.append(name)
        if found is None:
            continue
        name = _authority_name(found.group("name"))
        key = fold(name).replace("-", " ")
        variants = {re.sub(r"\s+", " ", m.group(0).replace("-\n", "-"))
                    for m in re.finditer(_spellings(name), body, re.I)}
        return name, sorted(v for v in variants if fold(v).replace("-", " ") == key and v.lower() != name.lower())
    return None


def find_member_count(body: str) -> int | None:
    """Return the number of communes an intercommunal authority gathers ("l'ensemble des 53 communes")."""
    match = re.search(r"(?:ensemble\s+des|regroupe|rassemble|réunit|compte)\s+(?P<n>\d+)\s+communes"
                      r"|(?P<n2>\d+)\s+communes\s+membres", body, re.I)
    return int(match.group("n") or match.group("n2")) if match else None
