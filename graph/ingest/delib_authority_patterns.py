"""The patterns of the kinds of authority that deliberate (:data:`AUTHORITIES`): communes, départements and
régions, communautés and métropoles, syndicats, CCAS, PETR and the other établissements publics, each with its
name in the ``name`` group; and the patterns tried on a heading only, in the order that finds the most particular
authority it names (:data:`HEADING_PATTERNS`).

Apart from :mod:`graph.ingest.delib_authority` because they are data, each kind's wordings with their evidence; the
reading that weighs what they find is the other's.

>>> AUTHORITIES[1].search("Délibération du Conseil municipal de la Commune de Saint-Julien").group("name")
'Commune de Saint-Julien'
"""

from __future__ import annotations

import re


#: The words of a place's name after its first, with the particles between them: "Portes de l'Argonne", "Vallée
#: de l'Hérault", "Pays de l'Or", "Eaux du Marsan et des Landes d'Armagnac", "Val de Drôme en Biovallée" (not
#: "… en Commission permanente", "… en séance"); an ampersand is an "et" ("Estuaire & Vallée").
_NEXT_WORDS = (r"(?:[ -](?:(?:et[ -](?:de|du|des|de la|de l['’]|d['’])|et|&|de|du|des|de la|de l['’]|d['’]|"
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
        r"|(?i:Groupement\s+de\s+coop[ée]ration\s+sanitaire)|GCS"
        r"|(?i:Maison\s+d[ée]partementale\s+des\s+personnes\s+handicap[ée]es)|MDPH"
        r"|(?i:[ÉE]tablissement\s+public\s+foncier(?:\s+local)?)|EPFL?"
        r"|(?i:Centre\s+hospitalier(?:\s+(?:universitaire|r[ée]gional|intercommunal|d[ée]partemental"
        r"|sp[ée]cialis[ée]))*)|CHU|CHR|CHI"
        r"|(?:EHPAD|Ehpad)(?:\s+(?i:public|intercommunal|municipal))?"
        r"|(?i:(?:Lyc[ée]e|Coll[èe]ge)(?:\s+(?:d['’]enseignement\s+)?(?:professionnel|agricole|polyvalent"
        r"|g[ée]n[ée]ral(?:\s+et\s+technologique)?|technique|public))*)"
        r"|(?i:R[ée]gie)(?:\s+(?i:municipale|intercommunale|communautaire|d[ée]partementale|r[ée]gionale"
        r"|personnalis[ée]e|autonome))?"
        r"|(?i:Office)(?:\s+(?i:public|municipal|intercommunal|communautaire|d[ée]partemental|r[ée]gional|national))?"
        # its name, not an organ on the line below ("Groupement d'intérêt public" / "COMMISSION EXÉCUTIVE")
        r")\s++(?!(?i:conseil|bureau|comit[ée]|commission|assembl[ée]e|s[ée]ance|session|r[ée]union)\b)"
        r"[«\"“]?\s*(?:(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|(?i:les|le|la|l['’])\s*"
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
HEADING_PATTERNS = [re.compile({**_AUTHORITY_PATTERNS, **_HEADING_ONLY}[name]) for name in _HEADING_ORDER]
