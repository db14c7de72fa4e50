"""English labels of the M57 accounts that ``ontology/m57.ttl`` keeps (chapter 65 and account 204), by French label.

DGFiP publishes the M57 nomenclature in French only: these are Maillage's own translations, not DGFiP's, written in
the usual terms of public-sector accounting in English, so that an English page names a grant's budget account in
English (``graph.ingest.m57_to_skos`` writes them as ``skos:prefLabel …@en``). The keys are the labels as the
nomenclature writes them, its slips included (« Droits d''utilisation »), so that one French label always gives
one English label wherever the chart repeats it (« Etat », « Biens mobiliers, matériel et études »…).

A chart of another year that adds an account makes the generator stop until its label is added here; the tests
hold the table to the shipped scheme (no account untranslated, no entry left unused) and each label to
:data:`TERMS`.

>>> ENGLISH["Autres personnes de droit privé"]
'Other private-law persons'
"""

from __future__ import annotations

#: French phrases of the chart and the English phrase each always gives: a French label that contains the phrase
#: (accents and case aside, as whole words) has an English label that contains its English phrase (case aside).
TERMS: tuple[tuple[str, str], ...] = (
    ("subventions d'équipement", "capital grants"), ("subvention d'équipement", "capital grant"),
    ("d'équipement", "capital"), ("subventions de fonctionnement", "operating grants"),
    ("subventions", "grants"), ("subvention", "grant"),
    ("personnes de droit privé", "private-law persons"), ("organismes de droit privé", "private-law bodies"),
    ("organismes publics", "public bodies"), ("organismes de transport", "transport bodies"),
    ("organismes de regroupement", "grouping bodies"), ("organismes payeurs", "paying bodies"),
    ("groupements de collectivités", "groupings of local authorities"),
    ("collectivités à statut particulier", "authorities with special status"), ("collectivités", "authorities"),
    ("GFP", "tax-raising grouping (GFP)"), ("EPL", "local public establishments (EPL)"),
    ("établissements publics locaux", "local public establishments"),
    ("établissements d'enseignement", "educational establishments"), ("établissements scolaires", "schools"),
    ("caisse des écoles", "school fund"), ("rattachés", "attached"), ("de rattachement", "parent"),
    ("communes", "municipalities"), ("départements", "departments"), ("régions", "regions"), ("etat", "state"),
    ("biens mobiliers", "movable property"), ("matériel", "materials"),
    ("bâtiments et installations", "buildings and installations"), ("intérêt national", "national interest"),
    ("gestion courante", "current management"), ("charges", "expenses"),
    ("charges d'intervention pour compte propre", "intervention expenses on own account"),
    ("budgets annexes", "ancillary budgets"), ("régies", "direct-management bodies"),
    ("personnalité morale", "legal personality"), ("caractère administratif", "administrative"),
    ("caractère industriel et commercial", "industrial and commercial"),
    ("fermiers", "lease operators"), ("concessionnaires", "concession holders"),
    ("contributions obligatoires", "mandatory contributions"), ("contributions", "contributions"),
    ("cotisations", "contributions"), ("participations", "financial participations"),
    ("prestation de compensation", "compensation benefit"), ("prestations de compensation", "compensation benefits"),
    ("dotation qualité", "quality allocation"), ("dotation de fonctionnement", "operating allocation"),
    ("dotation", "allocation"), ("allocation", "allowance"), ("allocations", "allowances"),
    ("indemnité", "indemnity"), ("indemnités", "indemnities"), ("indemnités de fonction", "office-holding indemnities"),
    ("élus", "elected members"), ("frais de mission", "mission"), ("frais de formation", "training costs"),
    ("frais de représentation", "representation costs"), ("frais de séjour", "residential costs"),
    ("frais d'hébergement", "accommodation costs"), ("frais d'inhumation", "funeral costs"),
    ("frais de scolarité", "school fees"), ("frais périscolaires", "out-of-school-hours fees"),
    ("formation", "training"), ("personnes âgées", "elderly people"), ("personnes handicapées", "disabled people"),
    ("adultes handicapés", "disabled adults"), ("médicaux-sociaux", "medico-social"),
    ("aide sociale à l'enfance", "child welfare"), ("accueil familial", "foster family care"),
    ("versée", "paid"), ("versées", "paid"), ("versement", "payment"), ("versements", "payments"),
    ("remboursement", "reimbursement"), ("remboursements", "reimbursements"),
    ("prise en charge", "coverage of"), ("déficit", "deficit"), ("déficits", "deficits"),
    ("excédent", "surplus"), ("excédents", "surpluses"), ("créances", "receivables"), ("pertes", "losses"),
    ("intérêts", "interest"), ("compensation", "compensation"),
    ("coopération décentralisée", "decentralised cooperation"),
    ("bourses", "bursaries"), ("secours", "relief"), ("aides", "aid"), ("ménages", "households"),
    ("entreprises", "businesses"), ("autres", "other"), ("divers", "miscellaneous"), ("diverses", "miscellaneous"),
)

#: French label of an account (as the nomenclature writes it) -> its English label.
ENGLISH: dict[str, str] = {
    # 20, 204: capital grants paid
    "Immobilisations incorporelles": "Intangible assets",
    "Subventions d'équipement versées": "Capital grants paid",
    "Subventions d'équipement aux organismes publics": "Capital grants to public bodies",
    "Etat": "State",
    "Biens mobiliers, matériel et études": "Movable property, materials and studies",
    "Bâtiments et installations": "Buildings and installations",
    "Projets d'infrastructures d'intérêt national": "Infrastructure projects of national interest",
    "Voirie": "Roads",
    "Monuments historiques": "Historic monuments",
    "Régions": "Regions",
    "Départements": "Departments",
    "Communes": "Municipalities",
    "Communes membres du GFP": "Member municipalities of the tax-raising grouping (GFP)",
    "Autres communes": "Other municipalities",
    "Groupements de collectivités, EPL et collectivités à statut particulier":
        "Groupings of local authorities, local public establishments (EPL) and authorities with special status",
    "GFP de rattachement": "Parent tax-raising grouping (GFP)",
    "EPL et services rattachés": "Local public establishments (EPL) and attached services",
    "Caisse des écoles": "School fund",
    "CCAS": "Municipal social action centre (CCAS)",
    "A caractère administratif": "Administrative",
    "A caractère industriel et commercial": "Industrial and commercial",
    "Autres groupements et collectivités à statut particulier": "Other groupings and authorities with special status",
    "Organismes de transport": "Transport bodies",
    "SNCF": "SNCF",
    "SNCF Réseau": "SNCF Réseau",
    "Autres": "Other",
    "Organismes publics divers": "Miscellaneous public bodies",
    "Subvention d'équipement aux personnes de droit privé": "Capital grants to private-law persons",
    "Subventions aux établissements scolaires pour leurs dépenses d'équipement":
        "Grants to schools for their capital expenditure",
    "Subventions d'équipement en nature": "Capital grants in kind",
    "Organismes publics": "Public bodies",
    "Personnes de droit privé": "Private-law persons",
    "Subventions d'équipement versées aux tiers (fonds européens)":
        "Capital grants paid to third parties (European funds)",
    "Attributions de compensation d'investissement": "Investment compensation payments",
    # 65: other current management expenses
    "Autres charges de gestion courante": "Other current management expenses",
    "Charges d'intervention pour compte propre - Aides à la personne":
        "Intervention expenses on own account - Aid to individuals",
    "Allocations": "Allowances",
    "Famille et enfance": "Family and childhood",
    "Handicapés": "Disabled people",
    "Prestations de compensation du handicapé": "Disability compensation benefits",
    "Prestations de compensation du handicapé - plus de 20 ans": "Disability compensation benefits - over 20",
    "Prestations de compensation du handicapé - moins de 20 ans": "Disability compensation benefits - under 20",
    "Prestation de compensation - Dotation qualité": "Compensation benefit - Quality allocation",
    "Allocation compensatrice tierce personne": "Compensatory allowance for third-party assistance",
    "Aides au titre du fonds départemental des personnes handicapées":
        "Aid from the departmental fund for disabled people",
    "Personnes âgées": "Elderly people",
    "Personnes dépendantes": "Dependent people",
    "APA à domicile versée au service d'aide à domicile": "Home-based APA paid to the home-help service",
    "APA": "Personalised autonomy allowance (APA)",
    "APA - Dotation qualité": "APA - Quality allocation",
    "APA versée au bénéficiaire": "APA paid to the beneficiary",
    "APA versée au bénéficiaire en établissement": "APA paid to the beneficiary in an establishment",
    "APA versée à l'établissement": "APA paid to the establishment",
    "APA autres": "APA - other",
    "Stagiaires de la formation professionnelle": "Vocational training trainees",
    "Rémunérations": "Remuneration",
    "Cotisations sociales": "Social contributions",
    "Remboursement à l'ASP": "Reimbursement to the services and payment agency (ASP)",
    "Autres remboursements": "Other reimbursements",
    "Bourses, prix et secours": "Bursaries, prizes and relief",
    "Bourses": "Bursaries",
    "Prix": "Prizes",
    "Secours d'urgence": "Emergency relief",
    "Aides": "Aid",
    "Autres secours": "Other relief",
    "Cotisations, adhésions et autres prestations (pour le compte de tiers)":
        "Contributions, membership fees and other benefits (on behalf of third parties)",
    "Allocations RMI (versement aux organismes payeurs)": "RMI allowances (payment to the paying bodies)",
    "RSA - dispositif expérimental": "RSA - experimental scheme",
    "Allocations RSA (versements aux organismes payeurs)": "RSA allowances (payments to the paying bodies)",
    "RSA - Versements pour allocations forfaitaires": "RSA - Payments for flat-rate allowances",
    "RSA - Versements pour allocations forfaitaires majorées": "RSA - Payments for increased flat-rate allowances",
    "RSA - Versements facultatifs": "RSA - Optional payments",
    "Divers": "Miscellaneous",
    "Primes, dots": "Bonuses, dowries",
    "Mise en jeu de la garantie": "Calls on guarantees",
    "Frais de séjour, frais d'hébergement et frais d'inhumation":
        "Residential costs, accommodation costs and funeral costs",
    "Frais de scolarité et frais périscolaires": "School fees and out-of-school-hours fees",
    "Frais de scolarité": "School fees",
    "Frais périscolaires": "Out-of-school-hours fees",
    "Accueil familial": "Foster family care",
    "Frais d'hospitalisation": "Hospitalisation costs",
    "Frais de séjour en établissements médicaux-sociaux et autres lieux d'accueil":
        "Residential costs in medico-social establishments and other care settings",
    "Frais de séjour en établissements et services de l'aide sociale à l'enfance":
        "Residential costs in child welfare establishments and services",
    "Foyers de l'enfance, centres et hôtels maternels": "Children's homes, maternity centres and maternity hostels",
    "Maisons d'enfants à caractère social": "Children's social care homes",
    "Lieux de vie et d'accueil": "Small residential care settings",
    "Foyers de jeunes travailleurs": "Young workers' hostels",
    "Etablissements scolaires": "Schools",
    "Services d'aide éducative en milieu ouvert et à domicile": "Community-based and home educational support services",
    "Frais de séjour en établissements et services pour adultes handicapés":
        "Residential costs in establishments and services for disabled adults",
    "Frais de séjour en établissements pour personnes âgées": "Residential costs in establishments for elderly people",
    "Frais d'inhumation": "Funeral costs",
    "Prévention spécialisée": "Specialised prevention",
    "Indemnités": "Indemnities",
    "Indemnités, frais de mission et de formation des élus":
        "Indemnities, mission and training costs of elected members",
    "Indemnités de fonction": "Office-holding indemnities",
    "Frais de mission et de déplacement": "Mission and travel costs",
    "Cotisations de retraite": "Pension contributions",
    "Cotisations de sécurité sociale - part patronale": "Social security contributions - employer's share",
    "Formation": "Training",
    "Frais de représentation du maire": "Mayor's representation costs",
    "Compensation pour perte de revenus": "Compensation for loss of income",
    "Compensations pour formation": "Compensation for training",
    "Cotisations au fonds de financement de l'allocation de fin de mandat":
        "Contributions to the fund financing the end-of-term allowance",
    "Frais divers": "Miscellaneous costs",
    "Frais médicaux et para-médicaux": "Medical and paramedical costs",
    "Autres frais divers": "Other miscellaneous costs",
    "Indemnités des membres du Conseil économique, social, environnemental, de la culture et de l'éducation - "
    "section économique, sociale et environnementale":
        "Indemnities of the members of the Economic, Social, Environmental, Cultural and Educational Council - "
        "economic, social and environmental section",
    "Frais de formation": "Training costs",
    "Frais de représentation du président": "President's representation costs",
    "Frais supplémentaires": "Additional costs",
    "Indemnités des membres du Conseil économique, social, environnemental, de la culture et de l'éducation - "
    "section de la culture, de l'éducation et des sports":
        "Indemnities of the members of the Economic, Social, Environmental, Cultural and Educational Council - "
        "culture, education and sports section",
    "Autres organismes": "Other bodies",
    "Pertes sur créances irrécouvrables": "Losses on irrecoverable receivables",
    "Créances admises en non-valeur": "Receivables written off as irrecoverable",
    "Créances éteintes": "Extinguished receivables",
    "Contributions obligatoires": "Mandatory contributions",
    "Dotation de fonctionnement des établissements d'enseignement secondaire":
        "Operating allocation for secondary educational establishments",
    "Dotation de fonctionnement des collèges": "Operating allocation for lower secondary schools (collèges)",
    "Etablissements publics": "Public establishments",
    "Etablissements privés": "Private establishments",
    "Dotation de fonctionnement des lycées": "Operating allocation for upper secondary schools (lycées)",
    "Prime employeurs apprentis": "Bonus for employers of apprentices",
    "Collectivités": "Local authorities",
    "Etablissements publics d'enseignement": "Public educational establishments",
    "Autres organismes publics": "Other public bodies",
    "Service d'incendie": "Fire service",
    "Dotation de compensation de charges transférées": "Compensation allocation for transferred expenses",
    "Compensation versée à la Région dans le cadre de la loi NOTRe":
        "Compensation paid to the Region under the NOTRe Act",
    "Compensation au titre de l'article L. 5217-13 du CGCT":
        "Compensation under Article L. 5217-13 of the General Code of Local Authorities (CGCT)",
    "Contributions au C.N.F.P.T. (personnel privé d'emploi)": "Contributions to the C.N.F.P.T. (staff without a post)",
    "Contributions aux organismes de regroupement": "Contributions to grouping bodies",
    "Contributions au fonds de compensation des charges territoriales (établissement public de territoire)":
        "Contributions to the territorial expenses compensation fund (territorial public establishment)",
    "Autres contributions": "Other contributions",
    "Contributions communales et intercommunales obligatoires": "Mandatory municipal and inter-municipal contributions",
    "Police d'État": "State police",
    "Aide sociale du département": "Departmental social assistance",
    "Indemnité de logement des instituteurs": "Housing indemnity for primary school teachers",
    "Contributions au titre de la politique de l'habitat": "Contributions to housing policy",
    "Autres contributions obligatoires": "Other mandatory contributions",
    "Participations": "Financial participations",
    "Organismes de regroupement": "Grouping bodies",
    "Au titre de la coopération décentralisée": "For decentralised cooperation",
    "Participations aux organismes de transport": "Financial participations in transport bodies",
    "Versements au titre du RMA": "Payments for the minimum activity income (RMA)",
    "Versements au titre du contrat d'avenir": "Payments for future contracts (contrats d'avenir)",
    "Versements au titre des contrats d'insertion": "Payments for integration contracts",
    "Contrat d'accompagnement dans l'emploi": "Employment support contract",
    "Contrat d'initiative-emploi": "Employment initiative contract",
    "Autres participations": "Other financial participations",
    "Charges d'intervention pour compte propre - Subventions": "Intervention expenses on own account - Grants",
    "Subventions de fonctionnement aux organismes publics": "Operating grants to public bodies",
    "Groupements de collectivités et collectivités à statut particulier":
        "Groupings of local authorities and authorities with special status",
    "Autres groupements": "Other groupings",
    "Etablissements et services rattachés": "Attached establishments and services",
    "Budgets annexes et régies": "Ancillary budgets and direct-management bodies",
    "À caractère administratif": "Administrative",
    "Non dotés de la personnalité morale": "Without legal personality",
    "Dotés de la personnalité morale": "With legal personality",
    "À caractère industriel et commercial": "Industrial and commercial",
    "à caractère administratif": "Administrative",
    "aux budgets annexes et aux régies dotées de la seule autonomie financière":
        "To ancillary budgets and to direct-management bodies with financial autonomy only",
    "aux régies dotées de la personnalité morale": "To direct-management bodies with legal personality",
    "aux fermiers et aux concessionnaires": "To lease operators and concession holders",
    "aux syndicats exploitant un SPIC":
        "To joint authorities (syndicats) running an industrial and commercial public service (SPIC)",
    "ESSMS": "Social and medico-social establishments and services (ESSMS)",
    "Autres établissements publics": "Other public establishments",
    "Autres établissements publics locaux": "Other local public establishments",
    "Subventions de fonctionnement aux personnes, aux associations et aux autres organismes de droit privé":
        "Operating grants to persons, associations and other private-law bodies",
    "Ménages": "Households",
    "Entreprises": "Businesses",
    "Fermiers et concessionnaires": "Lease operators and concession holders",
    "Autres personnes de droit privé": "Other private-law persons",
    "Bonifications d'intérêts": "Interest rate subsidies",
    "Remises gracieuses": "Ex gratia remissions",
    "Charges diverses de gestion courante": "Miscellaneous current management expenses",
    "Redevances pour concessions, brevets, licences, procédés, logiciels, droits et valeurs similaires":
        "Royalties for concessions, patents, licences, processes, software, rights and similar assets",
    "Droits d''utilisation - informatique en nuage": "Rights of use - cloud computing",
    "Déficit ou excédents des budgets annexes": "Deficit or surpluses of ancillary budgets",
    "Déficit des budgets annexes à caractère administratif": "Deficit of administrative ancillary budgets",
    "Reversement de l'excédent des budgets annexes à caractère administratif au budget principal":
        "Transfer of the surplus of administrative ancillary budgets to the main budget",
    "Déficit des budgets annexes à caractère industriel et commercial":
        "Deficit of industrial and commercial ancillary budgets",
    "Prise en charge du déficit du CCAS/CIAS":
        "Coverage of the deficit of the municipal or inter-municipal social action centre (CCAS/CIAS)",
    "Prise en charge du déficit de la caisse des écoles": "Coverage of the deficit of the school fund",
    "Intérêts moratoires et pénalités sur marchés": "Late-payment interest and penalties on public contracts",
    "Amendes fiscales et pénales": "Tax and criminal fines",
    "Frais de fonctionnement des groupes d'élus": "Operating costs of elected members' groups",
    "Frais de personnel": "Staff costs",
    "Matériel, équipement et fournitures": "Materials, equipment and supplies",
    "Remboursements sur frais de fonctionnement des groupes d'élus":
        "Reimbursements of operating costs of elected members' groups",
    "Autres charges diverses de gestion courante": "Other miscellaneous current management expenses",
    "Hébergement et restauration scolaires": "School accommodation and catering",
    "Mise en réserve - Surplus de DMTO": "Placing in reserve - Surplus of property transfer duties (DMTO)",
    "Déficits sur opérations de gestion": "Deficits on management operations",
    "Pertes de change sur créances et dettes non financières": "Exchange losses on non-financial receivables and debts",
}
