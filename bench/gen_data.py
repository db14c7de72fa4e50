"""Word lists and identifier helpers of the corpus generator (bench/generate.py).

Every place, organisation and person the generator writes is fictitious: places are built from Loire-basin river
and hamlet words, départements are named after rivers, organisations and people are random combinations. Only
the département codes and the formats of the identifiers (SIREN, SIRET with their Luhn keys, RNA W numbers,
ACTES ids) are real.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

#: Fictitious départements: (INSEE code, name with its article, region word used in organisation names).
DEPARTEMENTS = [
    ("42", "du Furan", "Furan"), ("43", "de la Semène", "Semène"), ("69", "de l'Yzeron", "Yzeron"),
    ("07", "de la Cance", "Cance"), ("63", "de la Dore", "Dore"), ("38", "du Gier", "Gier"),
    ("01", "de la Veyle", "Veyle"), ("26", "de la Drôme Haute", "Drôme"), ("03", "de la Sioule", "Sioule"),
    ("15", "de la Jordanne", "Jordanne"), ("73", "de l'Arly", "Arly"), ("74", "du Fier", "Fier"),
]

PLACE_HEADS = [
    "Saint-Just", "Saint-Martin", "Saint-Genest", "Saint-Paul", "Saint-Romain", "Saint-Bonnet", "Sainte-Croix",
    "Sainte-Foy", "Saint-Jean", "Saint-Marcel", "Saint-Héand", "Saint-Victor", "Villeneuve", "Villars", "Chazelles",
    "Montagny", "Bellegarde", "Marcilly", "Boisset", "Chambles", "Rozier", "Cellieu", "Farnay", "Valfleury",
    "Pélussin", "Bourg-Argental", "Tarentaise", "Planfoy", "Rochetaillée", "Sorbiers", "Fontanès", "Grammond",
    "Lérigneux", "Veauche", "Bouthéon", "Craintilleux", "Unieux", "Fraisses", "Aurec", "Monistrol", "Riotord",
    "Marlhes", "Jonzieux", "Usson", "Estivareilles", "Apinac", "Merle", "Luriecq", "Périgneux", "Chenereilles",
]
PLACE_TAILS = [
    "", "", "", "-sur-Loire", "-en-Forez", "-en-Jarez", "-le-Haut", "-le-Bas", "-les-Bains", "-la-Plaine",
    "-sur-Furan", "-du-Gier", "-en-Velay", "-les-Oules", "-la-Montagne", "-le-Château", "-sous-Rochetaillée",
]
RIVERS = ["Furan", "Gier", "Ondaine", "Lignon", "Coise", "Semène", "Dunière", "Cance", "Déôme", "Bonson",
          "Mare", "Anzieux", "Loise", "Toranche", "Janon", "Couzon", "Dorlay", "Egotay", "Valencize", "Ance"]
AREAS = ["Pilat", "Forez", "Jarez", "Velay", "Roannais", "Monts du Lyonnais", "Haut-Forez", "Plaine du Forez",
         "Vallée du Gier", "Vallée de l'Ondaine", "Bassin du Furan", "Monts du Pilat", "Côte roannaise",
         "Monts de la Madeleine", "Plateau de la Danse", "Pays d'Astrée", "Haut-Lignon", "Val de Coise"]

GIVEN_F = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sandrine", "Véronique", "Valérie",
           "Françoise", "Céline", "Stéphanie", "Sophie", "Claire", "Anne", "Hélène", "Julie", "Camille", "Léa",
           "Manon", "Émilie", "Aurélie", "Laurence", "Corinne", "Martine", "Nadia", "Fatima", "Siham", "Karima",
           "Anne-Marie", "Marie-Christine", "Jeanne", "Chantal", "Monique", "Agnès", "Delphine", "Élodie", "Inès"]
GIVEN_M = ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Frédéric",
           "Laurent", "Stéphane", "Éric", "David", "Thierry", "Pascal", "Gilles", "Daniel", "Bernard", "Marc",
           "Julien", "Sébastien", "Olivier", "Denis", "Régis", "Yves", "Kamel", "Karim", "Mehdi", "Jean-Luc",
           "Jean-Paul", "Jean-Marc", "Jean-Claude", "Luc", "Guy", "François", "André", "Gérard", "Hervé", "Rémi"]
FAMILY = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU",
          "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER",
          "MOREL", "GIRARD", "ANDRÉ", "MERCIER", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "FAURE",
          "BLANC", "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "PERRIN",
          "ROBIN", "CLÉMENT", "MOULIN", "FAYOLLE", "BARRIOL", "CHAVANNE", "DEGRAIX", "FAVERJON", "JANDOT",
          "SOULIER", "TARDY", "VASSAL", "BRUYÈRE", "COLOMBET", "CHAMBON", "PEYRON", "MATHEVON", "GRANGER",
          "DE SAINT JOUAN", "MARTIN-ROY", "BERTHOLON", "PONCET", "MASSON", "DUCRET", "BADOIT", "VERNAY",
          "GONZALEZ GRAIL", "DA SILVA", "N'DIAYE", "BENOÎT", "MAISONNEUVE", "CROZET", "REYNAUD", "TEYSSIER"]

#: Themes of the shipped thesaurus (ontology/themes.ttl) as they appear in names and purposes.
THEMES = [
    ("prévention", "Prévention"), ("santé mentale", "Santé mentale"), ("aidants", "Aidants"),
    ("nutrition", "Nutrition"), ("sport-santé", "Sport-Santé"), ("addictions", "Addictions"),
    ("périnatalité", "Périnatalité"), ("handicap", "Handicap"), ("vieillissement", "Bien Vieillir"),
    ("accès aux soins", "Accès aux Soins"), ("e-santé", "E-Santé"), ("télémédecine", "Télémédecine"),
    ("maladies chroniques", "Maladies Chroniques"), ("diabète", "Diabète"), ("cancer", "Cancer"),
    ("santé des jeunes", "Santé des Jeunes"), ("santé environnementale", "Santé Environnement"),
    ("exercice coordonné", "Exercice Coordonné"), ("éducation thérapeutique", "Éducation Thérapeutique"),
    ("perte d'autonomie", "Autonomie"), ("santé sexuelle", "Santé Sexuelle"), ("activité physique", "Bouger"),
    ("relation soignant-soigné", "Relation de Soin"), ("médico-social", "Médico-Social"),
]
ASSOCIATION_HEADS = ["Association", "Collectif", "Réseau", "Comité", "Union", "Amicale", "Ligue", "Maison",
                     "Les Amis de", "Entraide", "Espace", "Atelier", "Fédération locale", "Cercle", "Groupement"]
ASSOCIATION_WORDS = ["Solidarité", "Partage", "Lien", "Avenir", "Horizon", "Accueil", "Rencontre", "Écoute",
                     "Passerelle", "Relais", "Trait d'Union", "Main Tendue", "Cap", "Élan", "Boussole", "Repère"]
ENTERPRISE_FORMS = [("SAS", "5710"), ("SARL", "5499"), ("SCOP SARL", "5458"), ("SCIC SAS", "5785"),
                    ("SA", "5599"), ("SCOP SA", "5558")]
ENTERPRISE_WORDS = ["Santé", "Care", "Soins", "Médical", "Bien-Être", "Domicile", "Services", "Numérique",
                    "Mobilité", "Habitat", "Ergonomie", "Conseil", "Formation", "Nutrition", "Répit"]
ENTERPRISE_HEADS = ["Coopérative", "Atelier", "Groupe", "Pharmacie", "Ambulances", "Laboratoire", "Studio",
                    "Agence", "Cabinet", "Entreprise adaptée", "Services", "Plateforme", "Comptoir"]
HEALTH_HEADS = [("Maison de santé pluriprofessionnelle de", "6511"), ("Centre de santé de", "9220"),
                ("Cabinet infirmier de", "6540"), ("Pôle de santé de", "6511"), ("SISA Santé", "6511"),
                ("Cabinet de kinésithérapie de", "6540"), ("Centre de soins infirmiers de", "9220"),
                ("Maison médicale de garde de", "9220"), ("CPTS", "9220")]
USER_HEADS = ["Collectif des usagers de", "Association des patients de", "Groupe d'entraide mutuelle de",
              "Comité des usagers de", "Association des familles de", "Collectif des aidants de"]
UNIVERSITY_HEADS = ["Université fictive de", "Institut de formation en soins infirmiers de",
                    "Laboratoire de santé publique de", "Institut régional de recherche en santé de",
                    "École de sages-femmes de"]
PURPOSES = [
    "Fonctionnement de l'association", "Actions de prévention auprès des jeunes", "Soutien aux aidants familiaux",
    "Ateliers nutrition et activité physique adaptée", "Permanences d'écoute en santé mentale",
    "Organisation de la semaine d'information sur la santé mentale", "Dépistage organisé du cancer",
    "Programme d'éducation thérapeutique du patient diabétique", "Accès aux soins des personnes précaires",
    "Animation du tiers-lieu santé", "Création d'un pôle territorial de coopération économique en santé",
    "Télémédecine en EHPAD", "Prévention des addictions en milieu festif", "Accompagnement à la parentalité",
    "Sport-santé sur ordonnance", "Maintien à domicile des personnes âgées", "Forum santé environnement",
    "Mobilité solidaire vers les lieux de soins", "Coordination du parcours de soins", "Répit des aidants",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def luhn_key(digits: str) -> str:
    """Return the digit that makes ``digits + key`` pass the Luhn check (SIREN, SIRET)."""
    for key in "0123456789":
        total = 0
        for i, ch in enumerate(reversed(digits + key)):
            d = int(ch)
            if i % 2 == 1:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        if total % 10 == 0:
            return key
    raise AssertionError("unreachable")


def siren(prefix: str, number: int) -> str:
    """A Luhn-valid SIREN: ``prefix``, ``number`` zero-padded, key."""
    body = f"{prefix}{number:0{8 - len(prefix)}d}"
    return body + luhn_key(body)


def siret(siren_: str, nic: int = 1) -> str:
    """A Luhn-valid SIRET of ``siren_`` with establishment number ``nic``."""
    body = f"{siren_}{nic:04d}"
    return body + luhn_key(body)


@dataclass
class Place:
    name: str
    insee: str
    postcode: str
    dept: str


@dataclass
class Actor:
    """One organisation of the corpus, with everything the sources will say about it."""

    n: int
    kind: str  # register kinds: association, entreprise, professionnel-de-sante, usagers, universite, collectivite
    name: str
    place: Place
    founded: str
    themes: list[str]
    siren: str | None = None
    siret: str | None = None
    rna: str | None = None
    category: str = ""
    naf: str = ""
    ess: str = ""
    acronym: str = ""
    short: str = ""
    dissolved: bool = False
    extra: dict = field(default_factory=dict)


def make_places(rng: random.Random, count: int) -> list[Place]:
    """Return ``count`` fictitious communes with unique names (by name key: "X-de-Y" and "X-Y" are one name to
    Maillage) and INSEE-shaped codes."""
    from graph.identity_names import name_key

    places, seen = [], set()
    serial = {code: 1 for code, _, _ in DEPARTEMENTS}
    while len(places) < count:
        name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        if name_key(name) in seen:
            name = f"{rng.choice(PLACE_HEADS)}-{rng.choice(['lès', 'près', 'de'])}-{rng.choice(PLACE_HEADS)}"
            if name_key(name) in seen:
                continue
        seen.add(name_key(name))
        dept = DEPARTEMENTS[len(places) % len(DEPARTEMENTS)][0]
        insee = f"{dept}{serial[dept]:03d}"
        serial[dept] += 1
        postcode = f"{dept}{rng.randrange(0, 10)}{rng.choice('0246')}0"
        places.append(Place(name, insee, postcode, dept))
    return places


def person_name(rng: random.Random) -> tuple[str, str, str]:
    """Return (civility, given names, FAMILY NAME) of a fictitious person."""
    if rng.random() < 0.5:
        return "Mme", rng.choice(GIVEN_F), rng.choice(FAMILY)
    return "M.", rng.choice(GIVEN_M), rng.choice(FAMILY)


def french_date(day) -> str:
    """Write a date the way deliberations do: "1er mars 2024", "16 mai 2024"."""
    d = "1er" if day.day == 1 else str(day.day)
    return f"{d} {MONTHS[day.month - 1]} {day.year}"


def amount_fr(value: int, nbsp: str = " ") -> str:
    """Write an integer amount with French thousands separators: 20 000."""
    return f"{value:,}".replace(",", nbsp)
