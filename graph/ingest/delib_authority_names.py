"""How an authority's name is written: a name in capitals written as French place names are (:func:`title_case`,
:func:`title_case_cell`), the accents of its kind's words given back (:func:`accent_kind_words`), and the display
name of what a pattern found, a town hall being its commune and an assembly its authority
(:func:`read_authority_name`).

Apart from :mod:`graph.ingest.delib_authority` because writing a name is one task whatever finds it; the finding is
the other's.

>>> read_authority_name("Mairie de Firminy")
'Commune de Firminy'
"""

from __future__ import annotations

import re


#: The words of an authority's kind that stay in lower case after its first word, whatever the heading's case:
#: "Communauté d'agglomération …", "Syndicat mixte …", "Centre communal d'action sociale …"; not a word of a
#: compound place name ("Région Nouvelle-Aquitaine").
_KIND_WORDS = re.compile(r"(?<=\s)(?:Communes|Urbaine|Mixte|Intercommunal|Communal|Sociale|À|Vocations?|Multiples?"
                         r"|Uniques?|Scolaire|Nouvelle|Départementale?|Public|Territoriale?|Rural|Secours"
                         r"|Européenne|Tourisme|Écoles|Métiers|Commerce|Gestion|Fonction|Publique|Hospitalier"
                         r"|Universitaire|Professionnel|Agricole|Polyvalent|Général|Technologique|Municipale"
                         r"|Foncier|Métropolitain|Personnes(?=\sHandicapées)|(?<=Personnes\s)Handicapées"
                         r"|(?<=\sde\s)Coopération(?=\sSanitaire)|(?<=Coopération\s)Sanitaire)\b(?!-)|"
                         r"(?<=\sd['’])(?:Agglomération|Action|Équilibre|Énergies?|Incendie|Agriculture|Industrie"
                         r"|Intérêt)\b|(?<=\sl['’])Artisanat\b")


#: The words of an authority's kind that a heading in capitals writes without their accents ("COMMUNAUTE DE
#: COMMUNES", "COMMUNAUTE D'AGGLOMERATION"), given them back.
_ACCENTED = {"Communaute": "Communauté", "Agglomeration": "Agglomération", "Metropole": "Métropole",
             "Metropolitain": "Métropolitain", "Departementale": "Départementale", "Equilibre": "Équilibre"}
_UNACCENTED = re.compile(r"\b(?:" + "|".join(_ACCENTED) + r")\b")


def accent_kind_words(text: str) -> str:
    """``text`` with the accents of its kind's words given back (:data:`_ACCENTED`)."""
    return _UNACCENTED.sub(lambda m: _ACCENTED[m.group(0)], text)


def read_authority_name(name: str) -> str:
    """The display name of an authority as a pattern of
    :data:`graph.ingest.delib_authority_patterns.AUTHORITIES` found it (a town hall is its commune).

    >>> read_authority_name("Communauté d'Agglomération des Monts du Velay"), read_authority_name("Mairie de Firminy")
    ("Communauté d'agglomération des Monts du Velay", 'Commune de Firminy')
    >>> read_authority_name("Conseil départemental des Hautes-Falaises")
    'Département des Hautes-Falaises'
    >>> read_authority_name("Mairie de la Roche-sur-Yon")
    'Commune de La Roche-sur-Yon'
    >>> read_authority_name("Conseil Municipal de Nantes"), read_authority_name("Region Nouvelle-Aquitaine")
    ('Ville de Nantes', 'Région Nouvelle-Aquitaine')
    >>> read_authority_name("Commune de CHIGNY-FICTIF LES ROSES")
    'Commune de Chigny-Fictif les Roses'
    >>> read_authority_name("Communaute de Communes du Pays de Lorvane")
    'Communauté de communes du Pays de Lorvane'
    >>> read_authority_name("Communaute d'Agglomeration X")
    "Communauté d'agglomération X"
    """
    name = re.sub(r"\s+", " ", re.sub(r"[«»“”\"]", " ", name)).strip()  # an EPCC's name in quotes
    name = name[:1].upper() + name[1:]  # "commune de …" in a sentence
    name = accent_kind_words(name)
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


#: The small words of French place names, in lower case within them: "Saint-Germain-au-Mont-d'Or",
#: "Villeneuve-lès-Avignon", and the Breton articles "an", "ar", "al" ("Locmaria-an-Hent").
PARTICLES = {"de", "du", "des", "la", "le", "les", "et", "sur", "sous", "en", "lès", "lez", "aux", "au", "ès",
             "an", "ar", "al"}
#: The acronyms that name an authority's kind ("SIVOM DU VAL DE BRUYÈRE"), kept in capitals by :func:`title_case`.
_ACRONYMS = {"CCAS", "CIAS", "SIVOM", "SIVU", "SIVOS", "PETR", "EPT", "SDIS", "EPCC", "EPIC", "OPH", "EHPAD", "GIP",
             "CCI", "CMA", "CMAR", "CDG", "CHU", "CHR", "CHI"}


def title_case(text: str) -> str:
    """Write an upper-case name the way French place names are written.

    >>> title_case("DÉPARTEMENT DE LA HAUTE-VALLÉE D'ARGENT"), title_case("RIVE-D'ARGENT"), title_case("SIVOM DU LAC")
    ("Département de la Haute-Vallée d'Argent", "Rive-d'Argent", 'SIVOM du Lac')
    >>> title_case("COMMUNE DE PLOUGUERNEVEL-AN-ARVOR"), title_case("SAINT-GERMAIN-AU-MONT-D'OR")
    ('Commune de Plouguernevel-an-Arvor', "Saint-Germain-au-Mont-d'Or")
    """
    def part(p: str) -> str:
        if p in PARTICLES:
            return p
        if re.match(r"[dl]['’]", p):
            return p[:2] + p[2:].capitalize()
        return p.capitalize()

    def word(w: str) -> str:
        if w in _ACRONYMS:
            return w
        lower = w.lower()
        if lower in PARTICLES:
            return lower
        if re.match(r"[dl]['’]", lower):
            return lower[:2] + "-".join(map(part, lower[2:].split("-")))
        return "-".join(map(part, lower.split("-")))
    return " ".join(word(w) for w in text.split(" "))


def title_case_cell(cell: str) -> str:
    """A heading's cell in capitals written as French place names are (:func:`title_case`), its gloss in brackets
    left as it is: "SIVOM DU CANTON DE LA BASTIDE (Ariège)".

    >>> title_case_cell("SIVOM DU CANTON DE LA BASTIDE (Ariège)"), title_case_cell("Région Bretagne")
    ('SIVOM du Canton de la Bastide (Ariège)', 'Région Bretagne')
    >>> title_case_cell("DEPARTEMENT du VAR-FICTIF Arrondissement de Brignoles MAIRIE DE SAINT-ANDRÉ-DES-OLIVIERS")
    'Departement du Var-Fictif Arrondissement de Brignoles Mairie de Saint-André-des-Oliviers'
    """
    head, bracket, gloss = cell.partition("(")
    if not head.isupper():  # the names in capitals of a line that runs several together ("… MAIRIE DE TRETS-FICTIF")
        return _CAPITALS_RUN.sub(lambda m: title_case(m.group(0)), cell)
    return title_case(head.rstrip()) + head[len(head.rstrip()):] + bracket + gloss


#: Words in capitals one after the other in a line that is not: "DEPARTEMENT du VAR Arrondissement de Brignoles MAIRIE
#: DE SAINT-ANDRÉ-DES-OLIVIERS".
_CAPITALS_RUN = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý](?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý])*\b")
