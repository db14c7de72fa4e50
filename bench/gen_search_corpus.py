"""Generate a search corpus in Turtle: actors, grants, deliberations, memberships, goals, and a theme scheme.

Deterministic for a seed; French names, places and themes; the vocabulary contract's terms only, with the
superclass types written out (as the ingest would materialise them). A few "planted" actors carry what the
relevance set (bench/relevance_queries.yaml) asks for: accent-less names, typos, themes reached only through a
narrower concept or a synonym.

    python bench/gen_search_corpus.py --actors 10000 --seed 7 -o /tmp/corpus.ttl
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ID = "https://w3id.org/maillage/id/"
THEME = "https://w3id.org/maillage/ontology/theme/"
CIRCLE = "https://w3id.org/maillage/ontology/circle/"

PREFIXES = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix th: <https://w3id.org/maillage/ontology/theme/> .
@prefix id: <https://w3id.org/maillage/id/> .
"""

#: slug -> (label, broader slug or None, synonyms)
THEMES = {
    "sante-mentale": ("santé mentale", None, ["santé psychique"]),
    "psychiatrie": ("psychiatrie", "sante-mentale", ["troubles psychiques"]),
    "pedopsychiatrie": ("pédopsychiatrie", "psychiatrie", ["psychiatrie infanto-juvénile"]),
    "addictions": ("addictions", "sante-mentale", ["addictologie", "conduites addictives"]),
    "vieillissement": ("vieillissement", None, ["personnes âgées", "grand âge"]),
    "aidants": ("aidants", "vieillissement", ["proches aidants"]),
    "perte-d-autonomie": ("perte d'autonomie", "vieillissement", ["dépendance"]),
    "acces-aux-soins": ("accès aux soins", None, ["offre de soins"]),
    "deserts-medicaux": ("déserts médicaux", "acces-aux-soins", ["zones sous-denses"]),
    "exercice-coordonne": ("exercice coordonné", "acces-aux-soins", ["maison de santé"]),
    "e-sante": ("e-santé", None, ["santé numérique"]),
    "telemedecine": ("télémédecine", "e-sante", ["téléconsultation"]),
    "prevention": ("prévention", None, ["promotion de la santé"]),
    "nutrition": ("nutrition", "prevention", ["alimentation"]),
    "activite-physique-adaptee": ("activité physique adaptée", "prevention", ["sport santé"]),
    "sante-environnementale": ("santé environnementale", "prevention", ["environnement et santé"]),
    "precarite-et-sante": ("précarité et santé", None, ["santé des personnes précaires"]),
    "handicap": ("handicap", None, ["situation de handicap"]),
    "ess-et-sante": ("ESS et santé", None, ["économie sociale et solidaire"]),
    "recherche-en-sante": ("recherche en santé", None, ["recherche clinique"]),
    "perinatalite": ("périnatalité", None, ["petite enfance"]),
}

CIRCLES = {"coeur": "cercle cœur", "operationnel": "cercle opérationnel", "partenaires": "cercle des partenaires",
           "financeurs": "cercle des financeurs"}

PLACES = ["Saint-Étienne", "Firminy", "Rive-de-Gier", "Saint-Chamond", "Roche-la-Molière", "Le Chambon-Feugerolles",
          "La Ricamarie", "Villars", "Andrézieux-Bouthéon", "Unieux", "Sorbiers", "L'Étrat", "La Talaudière",
          "Saint-Genest-Lerpt", "Saint-Priest-en-Jarez", "La Fouillouse", "Lorette", "Genilac", "Fraisses",
          "Saint-Jean-Bonnefonds", "Montbrison", "Roanne", "Feurs", "Chazelles-sur-Lyon", "Saint-Just-Saint-Rambert",
          "Veauche", "Bourg-Argental", "Pélussin", "Saint-Galmier", "Boën-sur-Lignon"]

KINDS = [  # (class, weight, name patterns)
    ("Association", 45, ["Association {a} {p}", "{a} {p}", "Collectif {a} {p}", "Réseau {a} {p}"]),
    ("Enterprise", 20, ["Coopérative {a} {p}", "SCIC {a} {p}", "Entreprise {a} {p}"]),
    ("HealthProfessional", 20, ["Maison de santé {p}", "Centre de santé {a} {p}", "Cabinet {a} {p}"]),
    ("UserGroup", 5, ["Collectif des usagers {a} {p}", "Groupe d'entraide {a} {p}"]),
    ("University", 5, ["Laboratoire {a} {p}", "Institut {a} {p}"]),
    ("PublicAuthority", 5, ["Commune de {p}", "Centre communal d'action sociale de {p}"]),
]
SUPER = {"Association": ["schema:NGO", "org:FormalOrganization"], "PublicAuthority": ["schema:GovernmentOrganization"],
         "University": ["schema:CollegeOrUniversity"], "UserGroup": ["foaf:Group"], "Enterprise": [],
         "HealthProfessional": []}

ADJECTIVES = ["Les Aidants", "Trait d'Union", "Horizon", "Entraide", "Les Tisserands", "Passerelle", "Solidarité",
              "Équilibre", "Le Lien", "Bien Vieillir", "Cap Santé", "Les Glycines", "Arc-en-ciel", "Relais",
              "L'Escale", "Les Cèdres", "Parenthèse", "Les Sources", "Mosaïque", "Élan", "Tremplin", "La Boussole",
              "Les Hirondelles", "Oxygène", "Les Marronniers", "Ressources", "Archipel", "L'Étoile", "Pluriel"]
PREPOSITION = {"Saint": "de ", "Le ": "du ", "La ": "de ", "L'": "de "}

ACTIVITIES = {
    "sante-mentale": "l'écoute et le soutien psychologique",
    "psychiatrie": "l'accompagnement des patients suivis en psychiatrie",
    "pedopsychiatrie": "le suivi des enfants et adolescents",
    "addictions": "la réduction des risques liés aux drogues",
    "vieillissement": "le maintien à domicile des personnes âgées", "aidants": "le répit des proches",
    "perte-d-autonomie": "l'adaptation du logement", "acces-aux-soins": "l'orientation dans le parcours de soins",
    "deserts-medicaux": "l'installation de jeunes médecins", "exercice-coordonne": "la coordination des soignants",
    "e-sante": "les outils numériques des soignants", "telemedecine": "les consultations à distance",
    "prevention": "les actions de dépistage", "nutrition": "les ateliers cuisine et équilibre alimentaire",
    "activite-physique-adaptee": "les séances de marche et de gymnastique douce",
    "sante-environnementale": "la qualité de l'air intérieur",
    "precarite-et-sante": "l'accès aux droits des plus démunis",
    "handicap": "l'inclusion des personnes en situation de handicap", "ess-et-sante": "les coopératives de soins",
    "recherche-en-sante": "les études cliniques", "perinatalite": "l'accompagnement des jeunes parents",
}

FUNDERS = ["Saint-Etienne Métropole", "Département de la Loire", "Région Auvergne-Rhône-Alpes",
           "Agence régionale de santé Auvergne-Rhône-Alpes", "Ville de Saint-Étienne", "Ville de Firminy",
           "Ville de Saint-Chamond", "Caisse primaire d'assurance maladie de la Loire", "Loire Forez Agglomération",
           "Roannais Agglomération"]

GOALS = ["Valorisation des acteurs et des actions / marketing territorial en santé",
         "Animation de l'écosystème « santé » grâce à la synergie des différentes communautés d'acteurs",
         "Accompagnement de porteurs de projet santé en post-incubation"]

#: Planted actors: (key, class, name, description, themes, place); see bench/relevance_queries.yaml.
PLANTED = [
    ("planted-psy", "Association", "Les Veilleurs du Gier", "Groupes de parole et permanences d'écoute.",
     ["pedopsychiatrie"], "Rive-de-Gier"),
    ("planted-addicto", "Association", "Le Fil d'Ariane", "Accueil de jour et réduction des risques.",
     ["addictions"], "Firminy"),
    ("planted-typo", "Association", "Association pour l'uilisation des initiaives solidaires",
     "Soutien aux initiaives citoyennes dans le buget participatif.", ["ess-et-sante"], "Unieux"),
    ("planted-noaccent", "Association", "Reseau de sante des quartiers Est",
     "Developpement et democratisation de l'acces a la prevention.", ["prevention"], "Saint-Étienne"),
    ("planted-soignants", "HealthProfessional", "Collectif des soignants du Pilat",
     "Les soignants libéraux du Pilat s'organisent pour les gardes.", ["exercice-coordonne"], "Pélussin"),
    ("planted-tele", "Enterprise", "Coopérative Numeris Soins", "Plateforme de téléconsultation pour les EHPAD.",
     ["telemedecine"], "Saint-Priest-en-Jarez"),
    ("planted-repit", "Association", "La Maison des Répits", "Accueil temporaire pour souffler un peu.",
     ["aidants"], "La Talaudière"),
    ("planted-apa", "Association", "Bouger Sur Ordonnance", "Séances encadrées pour patients chroniques.",
     ["activite-physique-adaptee"], "Sorbiers"),
]


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _place_phrase(place: str) -> str:
    for start, prep in PREPOSITION.items():
        if place.startswith(start):
            return prep + (place[3:] if prep == "du " else place)
    return "de " + place


def themes_turtle() -> list[str]:
    out = ["<https://w3id.org/maillage/ontology#themes> a skos:ConceptScheme ; rdfs:label \"Thèmes\"@fr ."]
    for slug, (label, broader, alts) in THEMES.items():
        parts = [f"th:{slug} a skos:Concept", "skos:inScheme <https://w3id.org/maillage/ontology#themes>",
                 f"skos:prefLabel {_lit(label)}@fr"] + [f"skos:altLabel {_lit(a)}@fr" for a in alts]
        if broader:
            parts.append(f"skos:broader th:{broader}")
        out.append(" ;\n    ".join(parts) + " .")
    for slug, label in CIRCLES.items():
        out.append(f"<{CIRCLE}{slug}> a skos:Concept ; skos:inScheme <https://w3id.org/maillage/ontology#circles> ;"
                   f" skos:prefLabel {_lit(label)}@fr .")
    return out


def _actor(lines, key, cls, name, description, themes, place_key) -> None:
    types = ", ".join([f"mai:{cls}", "mai:Actor", "foaf:Agent"] + SUPER[cls])
    subjects = ", ".join(f"th:{t}" for t in themes)
    lines.append(f"id:actor/{key} a {types} ;\n    rdfs:label {_lit(name)} ;\n    dcterms:description "
                 f"{_lit(description)} ;\n    dcterms:subject {subjects} ;\n    schema:location id:place/{place_key} .")


def generate(n_actors: int, seed: int = 7) -> str:
    """Return the Turtle of a corpus of ``n_actors`` actors (plus the planted ones) for ``seed``."""
    rng = random.Random(seed)
    lines = [PREFIXES] + themes_turtle()
    places = {p: f"p{i:03d}" for i, p in enumerate(PLACES)}
    for place, key in places.items():
        lines.append(f"id:place/{key} a schema:Place ; rdfs:label {_lit(place)} .")
    for i, funder in enumerate(FUNDERS):
        lines.append(f"id:actor/funder-{i} a mai:PublicAuthority, mai:Actor, foaf:Agent, "
                     f"schema:GovernmentOrganization ; rdfs:label {_lit(funder)} .")
    lines.append("id:ptce a mai:Cooperation, mai:Actor, foaf:Agent ; rdfs:label \"PTCE santé DanaeCare\" ; "
                 + " ; ".join(f"mai:hasGoal id:goal/{i + 1}" for i in range(len(GOALS))) + " .")
    for i, goal in enumerate(GOALS):
        lines.append(f"id:goal/{i + 1} a mai:StrategicGoal, skos:Concept ; skos:prefLabel {_lit(goal)}@fr ; "
                     f"skos:notation \"{i + 1}\" .")
    n_delibs = max(1, n_actors // 50)
    for d in range(n_delibs):
        funder = d % len(FUNDERS)
        year = 2019 + d % 7
        lines.append(f"id:deliberation/d{d} a mai:Deliberation ; dcterms:identifier \"{year}.{d:05d}\" ; "
                     f"dcterms:title {_lit(f'Attribution de subventions aux acteurs de santé — lot {d}')} ; "
                     f"dcterms:date \"{year}-0{1 + d % 9}-15\"^^xsd:date ; mai:authority id:actor/funder-{funder} .")
    weights = [k[1] for k in KINDS]
    slugs = list(THEMES)
    for i in range(n_actors):
        cls, _, patterns = rng.choices(KINDS, weights)[0]
        place = rng.choice(PLACES)
        name = rng.choice(patterns).format(a=rng.choice(ADJECTIVES), p=_place_phrase(place)) + f" {i}"
        themes = rng.sample(slugs, rng.choice((1, 1, 2, 3)))
        description = "Agit pour " + " et ".join(ACTIVITIES[t] for t in themes) + f" à {place}."
        _actor(lines, f"a{i}", cls, name, description, themes, places[place])
        _grant(lines, rng, f"g{i}", f"a{i}", n_delibs, themes[0])
        if rng.random() < 0.05:
            circle = rng.choice(list(CIRCLES))
            lines.append(f"id:membership/m{i} a org:Membership ; org:member id:actor/a{i} ; org:organization id:ptce ;"
                         f" org:role <{CIRCLE}{circle}> ; mai:joinedOn \"2024-0{1 + i % 9}-01\"^^xsd:date .")
    for key, cls, name, description, themes, place in PLANTED:
        _actor(lines, key, cls, name, description, themes, places[place])
    return _IDS.sub(lambda m: f"<{ID}{m.group(1)}>", "\n".join(lines)) + "\n"


# Turtle prefixed names cannot hold "/": instance IRIs are written "id:kind/key" above and expanded here.
_IDS = re.compile(r"\bid:([A-Za-z0-9/_-]+)")


def _grant(lines, rng, key, actor, n_delibs, theme) -> None:
    amount = rng.choice((1500, 3000, 5000, 8000, 10000, 12500, 20000, 35000, 50000))
    delib = rng.randrange(n_delibs)
    funder = delib % len(FUNDERS)
    year = 2019 + delib % 7
    goal = f" ; mai:contributesTo id:goal/{1 + rng.randrange(3)}" if rng.random() < 0.3 else ""
    lines.append(f"id:grant/{key} a mai:Grant, schema:MonetaryGrant ; schema:funder id:actor/funder-{funder} ; "
                 f"mai:beneficiary id:actor/{actor} ; schema:amount \"{amount}\"^^xsd:decimal ; "
                 f"schema:currency \"EUR\" ; mai:fiscalYear {year} ; mai:decidedBy id:deliberation/d{delib} ; "
                 f"dcterms:description {_lit('Subvention pour ' + ACTIVITIES[theme])}{goal} .")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    text = generate(args.actors, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
