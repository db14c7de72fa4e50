"""The words that say a grant and its nature, shared by all the readers of a deliberation's grants.

Apart from :mod:`delib_grants` so that the readers of tables, of blocks and of a beneficiary's name use them without
importing the prose reader (which imports several of them).

>>> bool(GRANT_WORD.search("une participation financière de 2 000 €")), bool(GRANT_VERB.search("attribuee"))
(True, True)
>>> NATURE_CODES["I"], NATURE_WORDS["equipement"]
('investment', 'investment')
"""

from __future__ import annotations

import re

NATURE_CODES = {"F": "operating", "I": "investment", "P": "project", "M": "in-kind"}
NATURE_WORDS = {"fonctionnement": "operating", "investissement": "investment", "equipement": "investment",
                "projet": "project", "manifestation": "project", "evenement": "project", "action": "project",
                "exceptionnelle": "project", "affectee": "project", "nature": "in-kind",
                "mise a disposition": "in-kind", "materiel": "in-kind"}

GRANT_WORD = re.compile(r"subventions?|participation\s+financière|aide\s+financière|contribution\s+financière|"
                        r"fonds\s+de\s+concours|soutien\s+financier|dotation|allocation|"
                        r"\bbourses?\b(?!\s+(?:du\s+travail|aux(?!\s+(?:internes|étudiants|élèves|jeunes|apprentis|"
                        r"lycéens|doctorants|stagiaires|sportifs|artistes))|d['’]échange))", re.I)
#: Its endings with or without their accents: texts typed without them write "attribuee", "versees".
GRANT_VERB = re.compile(r"\b(?:attribu|allou|vers|accord|octroy)(?:er|e|ent|é|ée|és|ées|ee|es|ees)\b", re.I)

#: What a decision says before an amount that it pays, other than a granting verb or a grant's word: "PARTICIPE à
#: hauteur de 40 000 € au financement de …", "DÉCIDE de participer à hauteur de …", "VALIDE le versement à
#: l'association X de la somme de …", "PREND EN CHARGE, par le versement d'une participation de …". Read in the
#: decision only: in the report, "l'ARS participe à hauteur de …" is a co-funder's share.
DECIDED_PAYMENT = re.compile(r"(?:\bparticip(?:e|ent|er|ons)\s+(?:financièrement\s+)?à\s+hauteur\s+de|"
                             r"\bversement\s+(?:(?:à|au|aux)\s[^.;:€\d]{2,150}?\s(?:de\s+la\s+somme\s+de|"
                             r"d['’]un\s+montant\s+de)|d['’]une?\s+(?:participation|aide|contribution|somme)\b"
                             r"(?:\s+(?:financière|exceptionnelle|forfaitaire))?\s+(?:de|d['’]un\s+montant\s+de)))"
                             r"\s*$", re.I)
#: What no match of :data:`DECIDED_PAYMENT` holds, nor reads past (:func:`graph.ingest.delib_bounded.search_within`).
DECIDED_PAYMENT_BARRIERS = re.compile(r"[.;:€\d]")
#: A grant's words said right after the amount that a decision takes on: "DÉCIDE de prendre en charge la moitié du
#: coût de l'échographe, soit 12 000 €, par une subvention d'équipement à la SISA X" — the cost before it is what
#: the grant pays a share of, not the grant's words.
GRANT_AFTER = re.compile(r"\s*(?:,\s*)?(?:par|sous\s+(?:la\s+)?forme\s+d['’]|au\s+moyen\s+d['’])\s*"
                         r"(?:le\s+versement\s+d['’])?une?\s+(?:subvention|participation|aide|contribution)\b", re.I)
#: An amount paid as a grant to whom the words after it name, wherever the sentence stands: "Monsieur le maire propose
#: une participation de la commune de 1 200 €, versée sous forme de subvention à la coopérative scolaire X" — as
#: plain a grant as "une subvention de 1 200 € à la coopérative scolaire X". (The amount of "1 200 €uros" ends at
#: its "€".)
PAID_AS_GRANT_AFTER = re.compile(r"(?:uros\b)?\s*,?\s*(?:vers|attribu|accord|allou|octroy)[ée]e?s?\s+"
                                 r"sous\s+(?:la\s+)?forme\s+(?:de\s+|d['’]\s*une?\s+)"
                                 r"(?:subvention|participation|contribution)s?\b"
                                 r"[^.;:€\d]{0,40}?\s(?:à|a|au|aux)\s", re.I)
#: The description of the operation a grant pays for, after the beneficiary's name and a comma, a noun phrase in small
#: letters: "SISA Maison de santé du Lauragais, construction d'une maison de santé à Villefranche-Lauragais",
#: "Commune de X, extension du centre de santé municipal", "…, travaux de mise aux normes". The name ends at its
#: comma, and a place the description names ("à Villefranche-Lauragais") is the operation's, not the beneficiary.
OPERATION_AFTER_NAME = re.compile(r",\s*(?:(?:la|l['’]|une?|les|des)\s*)?(?:extension|cr[ée]ation|construction|travaux|"
                                  r"[ée]quipement|acquisition|am[ée]nagement|r[ée]habilitation|r[ée]novation|"
                                  r"restructuration|agrandissement|installation|achat|[ée]tude|modernisation|"
                                  r"mise\s+(?:en\s+place|aux\s+normes)|d[ée]ploiement|informatisation|r[ée]alisation|"
                                  r"transformation|renouvellement)s?\b")
#: A body's branch that a comma parts from the body's name, still the name's: "Ligue contre le cancer, comité du
#: Gard", "Les Restos du Cœur, antenne de Luzech", "APF France handicap, délégation 64", "Scouts et Guides de France,
#: groupe Saint-Exupéry" — its word, then a name in capitals or a number (not "groupe d'entraide mutuelle").
_BRANCH_AFTER_COMMA = (r"(?:antennes?|sections?|d[ée]l[ée]gations?|comit[ée]s?|branches?|secteurs?|sites?|unit[ée]s?|"
                       r"bureaux?|agences?|relais|[ée]quipes?|groupes?)(?:\s+(?:d[ée]partementale?|r[ée]gionale?|"
                       r"locale?|territoriale?|intercommunale?|communale?|municipale?))?\s+"
                       r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?[A-ZÉÈÎÔÂ0-9]")
#: Where a list item's name ends and the description of what it does or what its grant pays for begins: a comma,
#: then words in small letters ("Association France Alzheimer Béarn, halte-relais des aidants : 2 500 €", "GEM
#: L'Escale Béarnaise, groupe d'entraide mutuelle", "SCIC X, tête de réseau du PTCE, pour …"), of which
#: :data:`OPERATION_AFTER_NAME` is one kind. Not a branch of the body (:data:`_BRANCH_AFTER_COMMA`), nor what a name
#: lists after a comma ("Conseil d'architecture, d'urbanisme et de l'environnement": a link word opens it).
DESCRIPTION_AFTER_NAME = re.compile(r",\s*(?!" + _BRANCH_AFTER_COMMA + r")(?!(?:de|du|des|et|ou)\s|d['’])"
                                    r"(?=[a-zà-ÿ])")
