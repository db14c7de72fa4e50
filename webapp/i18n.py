"""The interface in French first, and in English: every UI string in both languages, and the switch.

The language comes from ``?lang=fr|en`` (remembered in a cookie), else the cookie, else the ``lang`` setting: a
response in a language that the cookie could have chosen says ``Vary: Cookie`` (a shared cache must not serve the
English page to a French reader).
Templates call ``t("key")``; ``tests/test_web_i18n.py`` checks that every key a template uses exists in both.

>>> STRINGS["search"]
('Rechercher', 'Search')
"""

from __future__ import annotations

import re

from flask import Flask, current_app, g, request

from graph.french_text import begins_with_vowel_sound

LANGS = ("fr", "en")
COOKIE = "maillage_lang"

#: key -> (French, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    # layout
    "site_title": ("Maillage — le graphe du PTCE santé", "Maillage — the PTCE santé graph"),
    "skip_to_content": ("Aller au contenu", "Skip to content"),
    "nav_menu": ("Menu", "Menu"),
    "nav_home": ("Accueil", "Home"),
    "nav_search": ("Recherche", "Search"),
    "nav_funding": ("Financements", "Funding"),
    "nav_goals": ("Objectifs", "Goals"),
    "nav_network": ("Réseau", "Network"),
    "nav_queries": ("Requêtes", "Queries"),
    "nav_sparql": ("SPARQL", "SPARQL"),
    "nav_api": ("API", "API"),
    "switch_lang": ("English", "Français"),
    "json_twin": ("Cette page en JSON", "This page as JSON"),
    "download_csv": ("Télécharger en CSV", "Download as CSV"),
    "sparql_dataset": ("Requête limitée aux graphes donnés (default-graph-uri, named-graph-uri) : {graphs}",
                       "Query limited to the graphs given (default-graph-uri, named-graph-uri): {graphs}"),
    "download_excel": ("pour Excel en français", "for Excel in English"),
    "download_of": ("tableau «\u00a0{table}\u00a0»", "table “{table}”"),
    "download_excel_title": ("CSV séparé par des points-virgules, virgule décimale : s'ouvre d'un double clic dans "
                             "un tableur réglé en français", "CSV with commas and decimal points: opens with a double "
                             "click in a spreadsheet set to English"),
    # the words that name a download (webapp.rendering.download_name), folded to a file name's letters
    "file_search": ("recherche", "search"),
    "file_flows": ("flux", "flows"),
    "file_by_funder": ("par-financeur", "by-funder"),
    "file_by_beneficiary": ("par-beneficiaire", "by-beneficiary"),
    "file_by_year": ("par-annee", "by-year"),
    "file_by_theme": ("par-theme", "by-theme"),
    "file_by_account": ("par-compte-budgetaire", "by-budget-account"),
    "file_grants": ("subventions", "grants"),
    "file_goals": ("objectifs", "goals"),
    "file_grants_given": ("subventions-accordees", "grants-given"),
    "file_grants_received": ("subventions-recues", "grants-received"),
    "file_totals_by_year": ("totaux-par-annee", "totals-by-year"),
    "file_memberships": ("appartenances", "memberships"),
    "file_decided_grants": ("subventions-decidees", "decided-grants"),
    "file_approved_agreements": ("conventions-approuvees", "approved-agreements"),
    "file_instances": ("instances", "instances"),
    "download_json": ("Télécharger en JSON", "Download as JSON"),
    "footer": ("Maillage — données ouvertes, interrogeables en SPARQL.", "Maillage — open data, queryable in SPARQL."),
    "more": ("{n} de plus", "{n} more"),
    "more_all": ("{n} de plus : la liste complète", "{n} more: the full list"),
    "more_next": ("{n} suivants ({more} de plus)", "next {n} ({more} more)"),
    "unknown_year": ("année inconnue", "unknown year"),
    "nav_upload": ("Déposer un fichier", "Upload a file"),
    "show_more": ("Afficher {n} de plus", "Show {n} more"),
    "none": ("Aucun résultat.", "No results."),
    "total": ("Total", "Total"),
    "goal_received": ("Reçu par ses acteurs", "Received by its actors"),
    "grant_goals": ("Objectifs servis", "Goals served"),
    "grant_goals_by": ("selon le registre", "according to the register"),
    "goal_received_note": ("«\u00a0Total\u00a0» : les subventions qu'une source ou le registre du PTCE dit servir "
                           "l'objectif. «\u00a0Reçu par ses acteurs\u00a0» : toutes les subventions reçues par les "
                           "acteurs qui le servent, quel qu'en soit l'objet.",
                           "“Total”: the grants that a source or the PTCE's register says serve the goal. “Received "
                           "by its actors”: every grant received by the actors that serve it, whatever it was for."),
    "year": ("Année", "Year"),
    "grant_nature": ("Nature", "Nature"), "budget_account": ("Imputation", "Budget account"),
    "account_number": ("compte {number}", "account {number}"),
    "amount": ("Montant", "Amount"),
    "funder": ("Financeur", "Funder"),
    "beneficiary": ("Bénéficiaire", "Beneficiary"),
    "theme": ("Thème", "Theme"),
    "goal": ("Objectif", "Goal"),
    "grants": ("Subventions", "Grants"),
    "grant_count": ("Nombre", "Count"),
    "link_count": ("Liens", "Links"),
    "label": ("Libellé", "Label"),
    "kind": ("Type", "Kind"),
    "date": ("Date", "Date"),
    "purpose": ("Objet", "Purpose"),
    "grant": ("Subvention", "Grant"),
    # the result columns of the named queries
    "var_account": ("Compte (M57)", "Account (M57)"),
    "var_actor": ("Acteur", "Actor"),
    "var_amount": ("Montant", "Amount"),
    "var_beneficiary": ("Bénéficiaire", "Beneficiary"),
    "var_circle": ("Cercle", "Circle"),
    "var_coordinator": ("Coordinateur", "Coordinator"),
    "var_cooperation": ("Pôle", "Pole"),
    "var_date": ("Date", "Date"),
    "var_deliberation": ("Délibération", "Deliberation"),
    "var_event": ("Événement", "Event"),
    "var_funder": ("Financeur", "Funder"),
    "var_goal": ("Objectif", "Goal"),
    "var_grant": ("Subvention", "Grant"),
    "var_grants": ("Subventions", "Grants"),
    "var_identifier": ("Numéro", "Number"),
    "var_ingested": ("Importé le", "Ingested on"),
    "var_joined": ("Entrée", "Joined"),
    "var_kind": ("Type", "Kind"),
    "var_left": ("Sortie", "Left"),
    "var_location": ("Lieu", "Place"),
    "var_member": ("Membre", "Member"),
    "var_organization": ("Organisation", "Organisation"),
    "var_fromA": ("Lien du premier acteur", "First actor's link"),
    "var_fromB": ("Lien du second acteur", "Second actor's link"),
    "var_holder": ("Pouvoir donné à", "Proxy given to"),
    "var_person": ("Personne", "Person"),
    "var_pole": ("Pôle", "Pole"),
    "var_purpose": ("Objet", "Purpose"),
    "var_rank": ("Rang", "Rank"),
    "var_siren": ("SIREN", "SIREN"),
    "var_siret": ("SIRET", "SIRET"),
    "var_rna": ("RNA", "RNA"),
    "var_goals": ("Objectif(s)", "Goal(s)"),
    "var_source": ("Source", "Source"),
    "var_status": ("Statut", "Status"),
    "var_subject": ("Thème", "Theme"),
    "var_themes": ("Thèmes", "Themes"),
    "var_themes_other_sources": ("Thèmes selon d'autres sources", "Themes from other sources"),
    "var_title": ("Titre", "Title"),
    "var_total": ("Total", "Total"),
    "var_triples": ("Triplets", "Triples"),
    "var_number": ("Numéro", "Number"),
    "var_uncounted": ("Hors totaux", "Left out of totals"),
    "var_via": ("Par", "Via"),
    "var_year": ("Année", "Year"),
    "direction": ("Sens", "Direction"),
    "direction_given": ("accordées", "given"),
    "direction_received": ("reçues", "received"),
    "decided_by": ("Décidé par", "Decided by"),
    # errors
    "error_title": ("Erreur {status}", "Error {status}"),
    "error_word": ("Erreur", "Error"),  # a page's title opens with it when the page shows an error
    "error_back": ("Retour à l'accueil", "Back to the home page"),
    "error_meant": ("Vouliez-vous dire", "Did you mean"),
    "error_see": ("Voir :", "See:"),
    # home
    "home_title": ("Le graphe du PTCE santé", "The PTCE santé graph"),
    "home_intro": ("Qui sont les acteurs, qui finance qui, par quelle délibération, dans quel cercle, "
                   "pour quel objectif.",
                   "Who the actors are, who funds whom, through which deliberation, in which circle, "
                   "for which goal."),
    "counts": ("En chiffres", "In numbers"),
    "latest_grants": ("Dernières subventions", "Latest grants"),
    "dated_by": ("Source de la date", "Date source"),
    "dated_by_decision": ("la décision", "the decision"),
    "dated_by_convention": ("la convention", "the agreement"),
    "dated_by_year": ("l'exercice (année seule)", "the fiscal year (year only)"),
    "dated_by_ingest": ("l'import (aucune autre date)", "the ingest (no other date)"),
    "cooperation": ("Le pôle", "The pole"),
    "coordinated_by": ("Coordonné par", "Coordinated by"),
    "circles": ("Cercles", "Circles"),
    "members": ("membres", "members"),
    "goals": ("Objectifs stratégiques", "Strategic goals"),
    "entry_points": ("Pour commencer", "Where to start"),
    # search
    "search": ("Rechercher", "Search"),
    "search_title": ("Recherche", "Search"),
    "search_label": ("Nom, thème, objet…", "Name, theme, purpose…"),
    "search_results": ("{n} résultats", "{n} results"),
    "search_results_one": ("{n} résultat", "{n} result"),  # French: 0 and 1; English: 1
    "search_fuzzy": ("Aucun résultat exact : voici des résultats approchés (fautes de frappe tolérées).",
                     "No exact match: here are approximate results (typos tolerated)."),
    "search_hint": ("Cherchez un acteur, un thème («\u00a0santé mentale\u00a0»), un lieu, une délibération, un "
                    "financeur… Mots en majuscules : ET, OU, SAUF («\u00a0santé OU psychiatrie SAUF Lyon\u00a0»). "
                    "Un signe moins exclut un mot (-Lyon) ; des guillemets cherchent des mots côte à côte "
                    "(\"aide à domicile\"). Filtres dans le texte : type:association, theme:\"santé mentale\".",
                    "Search for an actor, a theme ('santé mentale'), a place, a deliberation, a funder… Words in "
                    "capitals: AND, OR, NOT ('santé OR psychiatrie NOT Lyon'). "
                    "A minus sign excludes a word (-Lyon); quotes find words side by side (\"aide à domicile\"). "
                    "Filters in the text: type:association, theme:\"santé mentale\"."),
    "facets": ("Affiner", "Refine"),
    "facet_kind": ("Type", "Kind"),
    "facet_theme": ("Thème", "Theme"),
    "facet_place": ("Lieu", "Place"),
    # the funder facet counts a deliberation under its authority, which funds nothing unless the act grants
    "facet_funder": ("Collectivité ou financeur", "Authority or funder"),
    "facet_clear": ("Tout afficher", "Show all"),
    "page_prev": ("Page précédente", "Previous page"),
    "page_next": ("Page suivante", "Next page"),
    "page_n": ("Page {page}", "Page {page}"),
    "page_past_last": ("La page {page} n'existe pas : les subventions s'arrêtent à la page {last}.",
                       "There is no page {page}: the grants end on page {last}."),
    "list_past_end": ("Rien à afficher à partir de la position {start} : les listes de cette page s'arrêtent "
                      "à {n}.", "Nothing to show from position {start}: this page's lists end at {n}."),
    "go_last_page": ("Aller à la dernière page", "Go to the last page"),
    # resource
    "properties": ("Propriétés", "Properties"),
    "inverse": ("Liens vers cette fiche", "Links to this page"),
    "tagged": ("Sur ce thème", "On this theme"),
    "tagged_note": ("Les acteurs, subventions et actes qui ont ce thème.",
                    "The actors, grants and acts that have this theme."),
    "broader_theme": ("thème plus large", "broader theme"),
    "narrower_themes": ("thèmes plus précis", "narrower themes"),
    "summary": ("L'essentiel", "Key facts"),
    "session_authority": ("collectivité", "authority"),
    "session_authority_note": ("La collectivité dont l'organe a tenu la séance.",
                               "The authority whose body held the session."),
    "why_these_facts": ("Pourquoi ces faits ? ({n} extraits)", "Why these facts? ({n} quotes)"),
    "why_this_fact": ("Pourquoi ces faits ? (1 extrait)", "Why these facts? (1 quote)"),
    "attendance_present": ("Présents ({n})", "Present ({n})"),
    "attendance_excused": ("Excusés ({n})", "Excused ({n})"),
    "attendance_absent": ("Absents ({n})", "Absent ({n})"),
    "attendance_proxies": ("Pouvoirs ({n})", "Proxies ({n})"),
    "data_section": ("Données", "Data"),
    "data_address": ("Adresse de la fiche (IRI)", "Address of this page (IRI)"),
    "see_also": ("Voir aussi", "See also"),
    "membership_since": ("{organization} — {circle}, depuis le {joined}",
                         "{organization} — {circle}, since {joined}"),
    "membership_until": ("{organization} — {circle}, du {joined} au {left}",
                         "{organization} — {circle}, from {joined} to {left}"),
    "query_given": ("Paramètres de la recherche", "Search parameters"),
    "query_change": ("Modifier les paramètres", "Change the parameters"),
    "query_period": ("Période\u00a0: du {start} au {end}", "Period: from {start} to {end}"),
    "grants_given": ("Subventions accordées", "Grants given"),
    "grants_received": ("Subventions reçues", "Grants received"),
    "totals_by_year": ("Totaux par année", "Totals by year"),
    "memberships": ("Appartenances", "Memberships"),
    "membership_name": ("{member}, membre de {organization}{circle}", "{member}, member of {organization}{circle}"),
    "proxy_name": ("pouvoir de {giver} à {holder}", "proxy from {giver} to {holder}"),
    "proxy_name_no_holder": ("pouvoir de {giver} (porteur non nommé)", "proxy from {giver} (holder not named)"),
    "grant_reference_name": ("Financement «\u00a0{reference}\u00a0» — {where}",
                             "Funding '{reference}' — {where}"),
    "grant_reference_unnumbered": ("Financement — {where}", "Funding — {where}"),
    "register_line": ("registre {register}, ligne {line}", "register {register}, line {line}"),
    "line_number": ("ligne {line}", "line {line}"),
    "grant_also_in_register": ("{grant} (aussi : {where})", "{grant} (also: {where})"),
    "circle": ("Cercle", "Circle"),
    "no_circle": ("Sans cercle", "No circle"),
    "organization": ("Organisation", "Organisation"),
    "member": ("Membre", "Member"),
    "joined": ("Entrée", "Joined"),
    "left": ("Sortie", "Left"),
    "status": ("Statut", "Status"),
    "membership": ("Adhésion", "Membership"),
    "membership_current": ("membre", "member"),
    "membership_former": ("ancien membre", "former member"),
    "membership_moved": ("a changé de cercle → {circle}, le {day}", "moved to the {circle} on {day}"),
    "membership_period_ended": ("période close le {day}, toujours membre", "period ended on {day}, still a member"),
    "membership_back": ("parti le {left}, revenu le {day}", "left on {left}, back on {day}"),
    "goal_actions": ("Actions de la feuille de route", "Roadmap actions"),
    "served_by_actions": ("servi par les actions de la feuille de route", "served by the roadmap actions"),
    "membership_future": ("membre à venir", "future member"),
    "members_summary": ("Membres aujourd'hui\u00a0: {current} · anciens membres\u00a0: {former}",
                        "Members today: {current} · former members: {former}"),
    "decided_grants": ("Ce que la délibération décide", "What the deliberation decides"),
    "cited_grants": ("Publiées par d'autres sources qui citent cette délibération",
                     "Published by other sources that cite this deliberation"),
    "cited_grants_note": ("Ces subventions sont publiées par des listes de subventions qui donnent le numéro de cette "
                          "délibération comme décision\u00a0: c'est la liste qui le dit, non le texte de la "
                          "délibération. Une subvention publiée ici et décidée par le texte au même bénéficiaire est "
                          "comptée une fois dans les totaux du financement, au montant du texte.",
                          "These grants are published by grants lists that give this deliberation's number as their "
                          "decision: the list says so, not the deliberation's text. A grant published here and "
                          "decided by the text to the same beneficiary is counted once in the funding totals, at the "
                          "text's amount."),
    "text_amount": ("Selon le texte", "According to the text"),
    "text_amount_same": ("même montant", "same amount"),
    "text_amount_differs": ("le texte décide {amount} (écart de {difference})",
                            "the text decides {amount} (a difference of {difference})"),
    "source_line": ("Ligne", "Line"), "source_file": ("Fichier source", "Source file"),
    "text_missing": ("Le texte de cette délibération n'est pas dans le graphe\u00a0: elle n'est connue que par la "
                     "référence que donnent ces sources. Ni sa date, ni son vote, ni ce qu'elle décide ne sont "
                     "connus\u00a0; pour les connaître, ingérez son texte (PDF ou texte de la délibération).",
                     "This deliberation's text is not in the graph: it is known only by the reference that these "
                     "sources give. Neither its date, nor its vote, nor what it decides is known; to know them, "
                     "ingest its text (the deliberation's PDF or text)."),
    "text_missing_line": ("ligne {lines}", "line {lines}"), "text_missing_lines": ("lignes {lines}", "lines {lines}"),
    "approved_agreements": ("Les conventions que la délibération approuve", "The agreements the deliberation approves"),
    "agreement": ("Convention", "Agreement"), "signatory": ("Signataire autorisé", "Authorised signatory"),
    "parties": ("Parties", "Parties"), "governed_grants": ("Subventions régies", "Grants governed"),
    "created_cooperation": ("Le PTCE dont la délibération soutient la création",
                            "The PTCE whose creation the deliberation supports"),
    "created_coordinator": ("Coordinateur", "Coordinator"),
    "created_member_kinds": ("Membres réunis", "Members brought together"),
    "present_at_vote": ("Présents au vote", "Present at the vote"),
    "attendance_own": ("Des membres sont arrivés ou partis pendant la séance\u00a0: la présence au vote de cette "
                       "délibération.", "Members came or left during the session: the attendance at this "
                       "deliberation's vote."),
    "attendance_of_session": ("La présence à l'ouverture de la séance", "The attendance at the opening of the "
                              "session"),
    "instances": ("Instances", "Instances"),
    "instances_summary": ("Ressources de cette classe\u00a0: {n}, classées par nom",
                          "Resources of this class: {n}, sorted by name"),
    "other_languages": ("Autres langues", "Other languages"),
    "sources_marked": ("Ces faits viennent de {n} sources\u00a0; les numéros après une valeur renvoient aux "
                       "sources qui la donnent (sans numéro\u00a0: toutes la donnent)",
                       "These facts come from {n} sources; the numbers after a value link to the sources that "
                       "give it (no number: all of them give it)"),
    "stated_by": ("selon {source}", "according to {source}"),
    "period": ("du {start} au {end}", "{start} to {end}"),
    # a legality control's code (SCDL PREF_ID) as the body it names; the project has no table of the départements' names
    "control_prefecture": ("Préfecture du département {departement} ({code})",
                           "Prefecture of département {departement} ({code})"),
    "control_sub_prefecture": (
        "Sous-préfecture de l'arrondissement {arrondissement} du département {departement} ({code})",
        "Sub-prefecture of arrondissement {arrondissement}, département {departement} ({code})"),
    "control_sgar": ("SGAR de la préfecture de région, département {departement} ({code})",
                     "SGAR of the regional prefecture, département {departement} ({code})"),
    "why": ("Pourquoi ?", "Why?"),
    "why_quotes": ("Pourquoi ? ({n} extraits)", "Why? ({n} quotes)"),
    "why_source": ("Voir dans la source", "See in the source"),
    # where a quote of a PDF is in the printed document (no-break spaces: "page" never ends a line without its number)
    "quote_page": ("page\u00a0{page}", "page\u00a0{page}"),
    "quote_pages": ("pages\u00a0{first} à\u00a0{last}", "pages\u00a0{first} to\u00a0{last}"),
    "evidence_name": ("Extrait de {source}", "Excerpt of {source}"),
    "source_text": ("Texte de la source", "Source text"),
    "ingest_report": ("Rapport d'import", "Ingest report"),
    "warning_noun": ("avertissement|avertissements", "warning|warnings"),
    "error_noun": ("erreur|erreurs", "error|errors"),
    "ingest_report_rejected": ("lignes ou faits rejetés", "rows or facts rejected"),
    "ingest_report_none": ("aucun avertissement", "no warnings"),
    "ingest_report_changes": ("Changements par rapport à la version précédente", "Changes from the previous version"),
    "ingest_report_note": ("Ce que l'import du fichier a signalé, gardé avec la source : les {n} premiers problèmes "
                           "de chaque sorte.", "What the file's ingest reported, kept with the source: the first {n} "
                           "issues of each kind."),
    "source_versions": ("Versions précédentes", "Previous versions"),
    "source_versions_note": ("Les fichiers que les versions suivantes ont remplacés sous ce nom, le plus récent "
                             "d'abord : leur empreinte, la date de leur import et ce que chacun changeait.",
                             "The files that later versions replaced under this name, the newest first: their digest, "
                             "when they were imported and what each changed."),
    "source_version_imported": ("importé le {date}", "imported on {date}"),
    "nav_sources": ("Sources", "Sources"),
    "sources_title": ("Sources", "Sources"),
    "sources_intro": ("Les fichiers importés, le plus récent d'abord : la date de l'import de leurs octets (lus de "
                      "nouveau à l'identique, ils gardent la leur), leur empreinte SHA-256 (survolez-la ou "
                      "copiez-la pour l'avoir entière) et ce que leur import a signalé.",
                      "The files ingested, the newest first: when their bytes were imported (the same bytes read "
                      "again keep their date), their SHA-256 digest (hover over it or copy it to get it whole) and "
                      "what their ingest reported."),
    "no_sources": ("Aucun fichier importé.", "No file ingested."),
    "sources_file": ("Fichier", "File"),
    "source_kind": ("Type", "Kind"),
    "source_imported": ("Importé le", "Imported"),
    "source_sha256": ("SHA-256", "SHA-256"),
    "source_triples": ("Triplets", "Triples"),
    "source_warnings": ("Avertissements", "Warnings"),
    "source_change": ("Dernier changement", "Last change"),
    "source_earlier_one": ("1 version précédente", "1 previous version"),
    "source_earlier": ("{n} versions précédentes", "{n} previous versions"),
    "footer_sources": ("Sources importées", "Sources ingested"),
    "sources_removed": ("Sources retirées", "Removed sources"),
    "sources_removed_intro": ("Les fichiers retirés (maillage remove) et non importés de nouveau, le dernier retrait "
                              "d'abord : leur adresse dit qu'ils ont été retirés.",
                              "The files removed (maillage remove) and not ingested again, the latest removal first: "
                              "their address says they were removed."),
    "source_removed": ("Retiré le", "Removed"),
    "ingest_issue_warning": ("avertissement", "warning"),
    "ingest_issue_error": ("erreur", "error"),
    # an issue kept with its source, named in links to it (webapp.resource_names.issue_label)
    "ingest_issue_name": ("{severity} ligne {line} : {said}", "{severity} line {line}: {said}"),
    "ingest_issue_name_no_line": ("{severity} : {said}", "{severity}: {said}"),
    # a previous version of a source, named in links to it by its time of import (webapp.resource_names)
    "source_version_name": ("version du {date}", "version of {date}"),
    "empty_value": ("(vide)", "(empty)"),
    "ingest_issue_times": ("× {n} dans le fichier", "× {n} in the file"),
    "ingest_issue_kept": ("× {n} dans le fichier, les {kept} premiers ci-dessous",
                          "× {n} in the file, the first {kept} below"),
    "source_text_as_read": ("Le texte tel que Maillage l'a lu, que citent les «\u00a0Pourquoi ?\u00a0» : les tampons "
                            "de la préfecture y sont regroupés à la fin, sous «\u00a0[Tampon de la "
                            "préfecture]\u00a0», et les coupures de page et de ligne recousues. Le fichier déposé "
                            "reste la référence.",
                            "The text as Maillage read it, which the «\u00a0Why?\u00a0» quotes cite: the "
                            "prefecture's stamps are gathered at its end, under «\u00a0[Tampon de la "
                            "préfecture]\u00a0», and page and line breaks mended. The file itself remains the "
                            "reference."),
    "other_formats": ("Autres formats", "Other formats"),
    "network_of": ("Voir le réseau", "See the network"),
    "unknown_resource": ("Aucune donnée sur cette ressource.", "No data about this resource."),
    # funding, goals
    "funding_title": ("Qui finance qui", "Who funds whom"),
    "by_funder": ("Par financeur", "By funder"),
    "by_beneficiary": ("Par bénéficiaire", "By beneficiary"),
    "by_year": ("Par année", "By year"),
    "by_theme": ("Par thème", "By theme"),
    "by_account": ("Par compte budgétaire", "By budget account"),
    "by_account_note": ("Le compte par nature du plan M57 sur lequel chaque subvention est imputée, tel que sa "
                        "délibération le donne ; l'imputation complète (chapitre, fonction) est sur la page de la "
                        "subvention.", "The nature account of the M57 chart that each grant is charged to, as its "
                        "deliberation gives it; the full imputation (chapter, function) is on the grant's page."),
    "no_budget_account": ("compte non indiqué", "no account stated"),
    "account_m57": ("Compte (M57)", "Account (M57)"),
    "themes_overlap": ("Un bénéficiaire a souvent plusieurs thèmes : sa subvention compte sous chacun, et ces totaux "
                       "ne s'additionnent pas.",
                       "A beneficiary often has several themes: its grant counts under each, and these totals do not "
                       "add up."),
    "flows": ("Flux financeur → bénéficiaire", "Funder → beneficiary flows"),
    "pole_funding_intro": ("Les subventions reçues par les membres du pôle, ceux d'aujourd'hui ({members}) comme les "
                           "anciens ({former}), selon leurs adhésions ; la colonne «\u00a0Adhésion\u00a0» dit "
                           "lesquels.",
                           "The grants received by the pole's members, today's ({members}) and former ones "
                           "({former}), as their memberships say; the \"Membership\" column tells which."),
    "pole_funding_intro_future": ("Les subventions reçues par les membres du pôle, ceux d'aujourd'hui ({members}), "
                                  "les anciens ({former}) et ceux à venir ({future}), selon leurs adhésions ; la "
                                  "colonne «\u00a0Adhésion\u00a0» dit lesquels.",
                                  "The grants received by the pole's members, today's ({members}), former ones "
                                  "({former}) and future ones ({future}), as their memberships say; the "
                                  "\"Membership\" column tells which."),
    "pole_funding_total": ("Total pour le pôle\u00a0: {grants}, {total}", "Total for the pole: {grants}, {total}"),
    "grant_noun": ("subvention|subventions", "grant|grants"),
    # the grants whose amount no total counts (webapp.grant_amounts.COUNTED_AMOUNT), said where totals are shown
    # the rows of a funder's list that its ingest refused (webapp.funding_refused), said beside its totals
    "rows_not_imported": ("{n}\u00a0lignes de sa liste non importées (montant illisible ou autre refus)",
                          "{n} rows of its list not imported (unreadable amount or other refusal)"),
    "row_not_imported": ("1\u00a0ligne de sa liste non importée (montant illisible ou autre refus)",
                         "1 row of its list not imported (unreadable amount or other refusal)"),
    "funder_itself": ("(l'attribuant lui-même)", "(the funder itself)"),
    "uncounted_grants": ("Hors des totaux\u00a0: {grants} dont le montant manque, est négatif ou n'est pas un "
                         "nombre, ce que les formes SHACL refusent (maillage validate).",
                         "Left out of the totals: {grants} whose amount is missing, negative or not a number, which "
                         "the SHACL shapes reject (maillage validate)."),
    # a grants list's grant that a stored deliberation's text decides too (webapp.grant_amounts.LISTED_TWICE)
    "listed_twice_one": ("Une subvention publiée par une liste et décidée par une délibération chargée est comptée "
                         "une fois, au montant de la délibération.",
                         "A grant published by a list and decided by a loaded deliberation is counted once, at the "
                         "deliberation's amount."),
    "listed_twice_many": ("{n}\u00a0subventions publiées par une liste et décidées par une délibération chargée "
                          "sont comptées une fois chacune, au montant de la délibération.",
                          "{n} grants published by a list and decided by a loaded deliberation are counted once "
                          "each, at the deliberation's amount."),
    # a deliberation that only grants lists name, its text not in the graph (webapp.deliberation_citations)
    "deliberation_text_absent": ("{name} (texte absent)", "{name} (text not loaded)"),
    "uncounted_column": ("«\u00a0Hors totaux\u00a0»\u00a0: les subventions dont le montant manque, est négatif ou "
                         "n'est pas un nombre, ce que les formes SHACL refusent (maillage validate)\u00a0; aucun "
                         "total ne les compte.",
                         "“Left out of totals”: the grants whose amount is missing, negative or not a number, which "
                         "the SHACL shapes reject (maillage validate); no total counts them."),
    "member_noun": ("membre|membres", "member|members"),
    "pole_funding_year_total": ("Total pour le pôle en {year}\u00a0: {grants}, {total}",
                                "Total for the pole in {year}: {grants}, {total}"),
    "funding_grants": ("Les subventions et leurs délibérations", "The grants and their deliberations"),
    "funding_year_intro": ("Les subventions de l'exercice {year} seulement.", "The grants of fiscal year {year} only."),
    "funding_every_year": ("Toutes les années", "Every year"),
    "funding_list_year": ("Lister les subventions d'une année, avec leurs délibérations",
                          "List one year's grants, with their deliberations"),
    "deliberation_dated": ("{name} du {date}", "{name} of {date}"),
    "pole_funding_all": ("Tous les financements, tous pôles confondus", "All funding, every pole"),
    "pole_funding_link": ("Qui finance ses membres", "Who funds its members"),
    "pole_membership": ("Adhésion", "Membership"),
    "chart_by_year": ("Montants accordés par année", "Amounts granted by year"),
    # where a grant's fiscal year comes from, when its reader took it from a date (webapp.resource_grants)
    "fiscal_year_of_convention": ("année de la convention", "year of the convention"),
    "fiscal_year_of_deliberation": ("année de la délibération", "year of the deliberation"),
    "fiscal_year_of_decision": ("année de la décision", "year of the decision"),
    "fiscal_year_of_list": ("exercice budgétaire de la liste", "budget year given by the list"),
    # an old name that is the resource's name misspelt, which a new version of its source corrected
    # (webapp.resource_properties)
    "earlier_spelling": ("graphie précédente", "earlier spelling"),
    "earlier_spelling_tip": ("Le nom tel qu'une version antérieure de la source l'écrivait, avant d'en corriger la "
                             "graphie\u00a0; la recherche le trouve encore.",
                             "The name as an earlier version of the source spelt it, before correcting it; search "
                             "still finds it."),
    # the grants as an SCDL file (webapp.scdl_download)
    "scdl_download": ("Télécharger les subventions au format SCDL (CSV)", "Download the grants as SCDL (CSV)"),
    "scdl_download_title": ("Le fichier que le schéma SCDL subventions 2.1.1 demande\u00a0: UTF-8 sans BOM, "
                            "virgules\u00a0; pour le publier", "The file the SCDL subventions 2.1.1 schema asks for: "
                            "UTF-8 without a BOM, commas; to publish it"),
    "scdl_left_out": ("ce que le fichier laisse de côté, et pourquoi", "what the file leaves out, and why"),
    "scdl_title": ("Les subventions au format SCDL", "The grants as SCDL"),
    "scdl_intro": ("Le fichier SCDL subventions 2.1.1 des subventions du graphe, celui qu'écrit «\u00a0maillage "
                   "export --format scdl\u00a0»\u00a0: encodé en UTF-8 sans BOM, séparé par des virgules, comme le "
                   "schéma le demande pour une publication. Pour l'ouvrir dans un tableur, prenez la version "
                   "«\u00a0pour Excel\u00a0».",
                   "The SCDL subventions 2.1.1 file of the graph's grants, the one `maillage export --format scdl` "
                   "writes: UTF-8 without a BOM, comma-separated, as the schema asks for publishing. To open it in "
                   "a spreadsheet, take the “for Excel” version."),
    "scdl_summary": ("Ce que dit l'export", "What the export says"),
    "scdl_of_funder": ("Les subventions de ce financeur seulement.", "This funder's grants only."),
    "scdl_every_funder": ("Tous les financeurs", "Every funder"),
    "file_scdl": ("subventions-scdl", "grants-scdl"),
    "goals_title": ("Objectifs stratégiques", "Strategic goals"),
    "goal_actors": ("Acteurs", "Actors"),
    "goal_former_actor": ("+{n} ancien", "+{n} former"),
    "goal_former_actors": ("+{n} anciens", "+{n} former"),
    "goal_grants": ("Subventions", "Grants"),
    "goal_pole": ("Pôle", "Pole"),
    "goal_rank": ("N°", "No."),  # a goal's number: « # » read « # : 1 » before a stacked row's cells on a phone
    "grant_of": ("Subvention de {amount} à {who}", "Grant of {amount} to {who}"),
    "session_of": ("Séance du {date}{organ}", "Session of {date}{organ}"),
    # the date of a grant's decision that no deliberation holds, where a deliberation's page is linked (webapp.display)
    "decision_of": ("Décision du {date}", "Decision of {date}"),
    "deliberation_numbered": ("Délibération n°\u00a0{number}", "Deliberation no. {number}"),
    "deliberation": ("Délibération", "Deliberation"),
    "unknown_amount": ("montant inconnu", "unknown amount"),
    "unknown_beneficiary": ("bénéficiaire inconnu", "unknown beneficiary"),
    "no_goals": ("Aucun objectif stratégique dans le graphe.", "No strategic goal in the graph."),
    # network
    "network_title": ("Réseau", "Network"),
    "network_intro": ("Partenariats et financements autour d'un acteur ou d'un objectif.",
                      "Partnerships and grants around an actor or a goal."),
    "network_focus": ("Centré sur", "Centred on"),
    "network_drawing": ("Dessin du réseau", "Network drawing"),
    "network_scroll_hint": ("Le dessin défile dans son cadre, de haut en bas et de gauche à droite.",
                            "The drawing scrolls within its frame, up and down and sideways."),
    "network_choose": ("Choisissez un acteur ou un objectif :", "Choose an actor or a goal:"),
    "network_edges": ("Liens", "Links"),
    "network_around": ("Réseau autour de {name}", "Network around {name}"),
    "network_same_data": ("Le tableau «\u00a0Liens\u00a0» ci-dessous donne les mêmes liens en texte :",
                          "The \u201cLinks\u201d table below gives the same links as text:"),
    "network_to_table": ("aller au tableau", "go to the table"),
    "network_legend_funds": ("finance", "funds"),
    "network_legend_member": ("membre de", "member of"),
    "network_legend_former": ("ancien membre de", "former member of"),
    "network_legend_future": ("membre à venir de", "future member of"),
    "network_legend_serves": ("sert l'objectif", "serves the goal"),
    "network_legend_coordinates": ("coordonne", "coordinates"),
    "network_among": ("Financements entre eux", "Funding between them"),
    "network_among_intro": ("Les subventions qu'un des acteurs dessinés accorde à un autre (autour d'un PTCE : entre "
                            "ses membres), tracées de l'un à l'autre.",
                            "The grants that one of the actors drawn gives another (around a PTCE: between its "
                            "members), drawn from one to the other."),
    # a neighbour of the network's focus, as the neighbour stands to it
    "relation_funds": ("bénéficiaire", "beneficiary"),
    "relation_funded_by": ("financeur", "funder"),
    "relation_member_of": ("pôle dont il est membre", "pole it is a member of"),
    "relation_has_member": ("membre", "member"),
    "relation_former_member_of": ("pôle dont il a été membre", "pole it was a member of"),
    "relation_had_member": ("ancien membre", "former member"),
    "relation_future_member_of": ("pôle dont il sera membre", "pole it will be a member of"),
    "relation_will_have_member": ("membre à venir", "future member"),
    "relation_coordinated_by": ("coordinateur", "coordinator"),
    "relation_coordinates": ("pôle coordonné", "pole coordinated"),
    "relation_serves": ("sert l'objectif", "serves the goal"),
    "relation_served_by": ("objectif qu'il sert", "goal it serves"),
    "relation_has_goal": ("pôle qui s'est donné l'objectif", "pole with this goal"),
    # named queries
    "queries_title": ("Requêtes prêtes à l'emploi", "Ready-made queries"),
    "queries_intro": ("Des questions fréquentes, en SPARQL : remplissez le formulaire et lancez.",
                      "Frequent questions, in SPARQL: fill in the form and run."),
    "parameters": ("Paramètres", "Parameters"),
    "optional": ("facultatif", "optional"),
    "run": ("Lancer", "Run"),
    "results": ("Résultats", "Results"),
    "rows_truncated": ("Résultats coupés à {n} lignes.", "Results cut at {n} rows."),
    "show_sparql": ("Voir la requête SPARQL", "Show the SPARQL query"),
    "open_in_editor": ("Ouvrir dans l'éditeur SPARQL", "Open in the SPARQL editor"),
    "query_nothing_named": ("«\u00a0{text}\u00a0» ({label}) : aucun nom ne correspond ; vérifiez l'orthographe ou "
                            "le code",
                            "'{text}' ({label}): no name matches; check the spelling or the code"),
    # sparql editor
    "sparql_title": ("Éditeur SPARQL", "SPARQL editor"),
    "sparql_intro": ("Interrogez tout le graphe (l'union des graphes de chaque source). Préfixes du vocabulaire, que "
                     "ce formulaire déclare pour vous quand la requête les emploie sans les déclarer (un client du "
                     "point d'accès /sparql les déclare par PREFIX, comme les exemples) : {prefixes}.",
                     "Query the whole graph (the union of each source's graph). The vocabulary's prefixes, which this "
                     "form declares for you when the query uses them without declaring them (a client of the /sparql "
                     "endpoint declares them with PREFIX, as the examples do): {prefixes}."),
    "sparql_union_set": (
        "Le graphe par défaut est l'union des graphes des sources, comme une fusion RDF : un fait que plusieurs "
        "sources déclarent y est trouvé une fois, et COUNT et SUM le comptent une fois (GRAPH ?g dit quelles "
        "sources le déclarent).",
        "The default graph is the union of the sources' graphs, as an RDF merge: a fact that several sources state "
        "is matched once, and COUNT and SUM count it once (GRAPH ?g tells which sources state it)."),
    "sparql_query": ("Requête", "Query"),
    "sparql_examples": ("Exemples", "Examples"),
    "sparql_format": ("Format des résultats", "Results format"),
    "sparql_html_table": ("Tableau", "Table"),
    "sparql_limits": ("Limites : {seconds} s par requête, {rows} lignes au plus.",
                      "Limits: {seconds} s per query, {rows} rows at most."),
    "sparql_ask_true": ("Oui", "Yes"),
    "sparql_ask_false": ("Non", "No"),
    "true": ("oui", "yes"),
    "false": ("non", "no"),
    "service_description": ("Description du service", "Service description"),
}

def get_lang() -> str:
    """Return the language of the current request (``fr`` or ``en``): the first of ``?lang=``, the cookie and the
    setting that is one of the interface's (« ?lang=de » with the English cookie is refused in English)."""
    lang = getattr(g, "lang", None)
    if lang is None:
        lang = request.args.get("lang")
        if lang not in LANGS:
            lang = request.cookies.get(COOKIE)
        if lang not in LANGS:
            lang = current_app.config["MAILLAGE"]["lang"]
        lang = g.lang = lang if lang in LANGS else "fr"
    return lang


#: « de » before a placeholder: elided when the value begins with a vowel sound (« pouvoir d'Aline »).
_DE_BEFORE = re.compile(r"(?<![\w'-])de \{(\w+)\}")


def t(key: str, **values) -> str:
    """Return the UI string ``key`` in the current language, formatted with ``values``; in French, « de » before a
    value that begins with a vowel sound is elided.

    >>> with Flask(__name__).test_request_context("/?lang=fr"):
    ...     t("proxy_name", giver="Yves MORAND", holder="Aline MOUSEGHIAN"), t("proxy_name", giver="Bruno", holder="A")
    ("pouvoir d'Yves MORAND à Aline MOUSEGHIAN", 'pouvoir de Bruno à A')
    """
    fr, en = STRINGS[key]
    if get_lang() == "en":
        text = en
    else:
        text = _DE_BEFORE.sub(lambda m: f"d'{{{m.group(1)}}}" if begins_with_vowel_sound(str(values.get(m[1], "")))
                              else m.group(0), fr)
    return text.format(**values) if values else text


def pick(fr: str, en: str) -> str:
    """Return ``fr`` or ``en`` by the current language (for messages built elsewhere)."""
    return en if get_lang() == "en" else fr


def init_app(app: Flask) -> None:
    """Make ``t`` and ``lang`` available to templates and remember ``?lang=`` in a cookie."""

    @app.context_processor
    def _strings():
        return {"t": t, "lang": get_lang(), "other_lang": "en" if get_lang() == "fr" else "fr"}

    @app.before_request
    def _known_language():
        """A language that is none of the interface's is said (« ?lang=de » gave French, and its links said de)."""
        wanted = request.args.get("lang")
        if wanted and wanted not in LANGS:
            from webapp.errors import ApiError

            raise ApiError(f"langue inconnue « {wanted[:20]} » (possibles : {', '.join(LANGS)})",
                           f"unknown language '{wanted[:20]}' (known: {', '.join(LANGS)})", code="bad-parameter")

    @app.after_request
    def _remember(response):
        wanted = request.args.get("lang")
        if wanted in LANGS and wanted != request.cookies.get(COOKIE):
            # for this site only (its path prefix behind a proxy), and never sent in clear after an https visit
            response.set_cookie(COOKIE, wanted, max_age=365 * 24 * 3600, samesite="Lax",
                                path=request.script_root or "/", secure=request.is_secure)
        if wanted in LANGS or request.cookies.get(COOKIE) or ("lang" in g and not wanted):
            response.vary.add("Cookie")  # the language came, or would have come, from the cookie
        return response
