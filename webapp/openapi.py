"""The OpenAPI 3.1 description of the JSON API (``GET /api/openapi.json``)."""

from __future__ import annotations

from graph import __version__
from search.query import MAX_PAGE_SIZE
from webapp.api_parameters import MAX_PAGE
from webapp.i18n import LANGS

_ERROR = {"$ref": "#/components/responses/Error"}


def _search_types() -> list[str]:
    """The codes of the search's types: what ``type`` lists (its other names are said in its description)."""
    from search.document_kinds import KINDS
    from search.filter_values import ACTOR_TYPE_NAMES

    return sorted(KINDS) + sorted(ACTOR_TYPE_NAMES - set(KINDS))


def _param(name: str, description: str, schema: dict, required: bool = False, where: str = "query") -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


def _several(schema: dict) -> dict:
    """A parameter that may be repeated (``?year=2023&year=2024``), each value of ``schema``."""
    return {"type": "array", "items": schema}


_IRI = {"type": "string", "format": "iri"}
_PAGE = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
_PAGE_SIZE = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
#: What the totals leave out: the amounts that the SHACL shapes reject, stored without --strict.
_UNCOUNTED = ("les montants absents, négatifs ou non numériques (que les formes SHACL refusent, stockés sans "
              "--strict) n'y sont pas comptés")
_POLE = ("PTCE de l'objectif donné par son rang ou son nom (nom ou IRI du PTCE) : chaque PTCE a son objectif 2 ; "
         "seulement avec « goal »")


#: ``POST /api/upload`` (:mod:`webapp.upload`): a file ingested as ``maillage ingest`` does, with the write token.
_UPLOAD = {
    "summary": "Importer un fichier, comme « maillage ingest » (jeton d'écriture requis)",
    "operationId": "upload",
    "security": [{"writeToken": []}],
    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "Le fichier ; son nom est celui de la source (le même nom remplace la source)"},
            "kind": {"type": "string", "description": "Sa sorte, comme --kind (détectée sinon)"},
            "strict": {"type": "string", "enum": ["1", "true", "on"], "description":
                       "Comme --strict : refuser le fichier s'il a une ligne rejetée ou une violation SHACL"},
            "funder": {"type": "string", "description": "Comme --funder : « NOM[;SIRET] » du financeur"}}}}}},
    "responses": {
        "200": {"description": "Le fichier enregistré (status « stored ») ou déjà enregistré tel quel (« unchanged »)",
                "content": {"application/json": {"schema": {"type": "object", "required": ["status", "file"],
                                                            "properties": {
                    "status": {"type": "string", "enum": ["stored", "unchanged"]},
                    "file": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"},
                    "kind": {"type": "string"}, "triples": {"type": "integer"},
                    "source": {"type": ["string", "null"], "format": "iri"},
                    "errors": {"type": "integer", "description": "Erreurs de lecture : lignes ou faits rejetés"},
                    "rejected_rows": {"type": "integer", "description": "Lignes rejetées (« lignes rejetées »)"},
                    "violations": {"type": "integer", "description": "Violations SHACL"},
                    "warnings": {"type": "integer", "description": "Avertissements (lecture et SHACL)"},
                    "infos": {"type": "integer", "description": "Informations (lecture et SHACL)"},
                    "lines": {"type": "array", "items": {"type": "string"},
                              "description": "Le rapport d'import, dans la langue demandée"},
                    "read": {"type": "array", "description":
                             "Ce qui a été lu, d'après le graphe enregistré de la source (un fichier enregistré "
                             "seulement) : ses délibérations, ses subventions (leur nombre, leur total, leurs plus "
                             "grands bénéficiaires), leurs financeurs, le PTCE d'un registre et ses membres, dans la "
                             "langue demandée",
                             "items": {"type": "object", "required": ["iri", "kind", "label"], "properties": {
                                 "iri": {"type": ["string", "null"], "format": "iri",
                                         "description": "La ressource, dont la page est /id/… ; null pour un "
                                                        "compte"},
                                 "kind": {"type": "string", "enum": [
                                     "deliberation", "deliberation-more", "grant", "grants", "beneficiary",
                                     "funder", "funder-more", "ptce"]},
                                 "label": {"type": "string"}}}}}}}}},
        "400": _ERROR, "401": _ERROR, "403": _ERROR, "413": _ERROR,
        "422": {"description": "Fichier non enregistré (illisible, ou refusé par strict) : le message dit pourquoi",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "503": {"description": "Fichier non enregistré : un autre processus écrivait la base (une ingestion) et l'a "
                               "gardée plus de lock_timeout secondes ; le message le nomme ; réessayer après "
                               "Retry-After secondes",
                "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "500": _ERROR},
}


def openapi_document(config: dict, server: str) -> dict:
    """Return the OpenAPI document (a dict) of the routes under /api, served at ``server`` (the site's public
    address, with its path prefix behind a reverse proxy: a client resolves the paths against it)."""
    table = {"type": "object", "required": ["columns", "rows"],
             "properties": {"name": {"type": "string"}, "columns": {"type": "array", "items": {"type": "string"}},
                            "rows": {"type": "array", "items": {"type": "object"}},
                            "more": {"type": "integer"}}}
    json_ok = lambda schema, text: {"description": text, "content": {"application/json": {"schema": schema}}}  # noqa
    return _with_lang({
        "openapi": "3.1.0",
        "info": {"title": "Maillage API", "version": __version__,
                 "description": "Le graphe d'un PTCE santé : acteurs, subventions, délibérations, objectifs. "
                                "Les requêtes SPARQL libres passent par /sparql (protocole SPARQL 1.1)."},
        "servers": [{"url": server}],
        "paths": {
            "/api/search": {"get": {
                "summary": "Recherche plein texte en français, avec facettes",
                "operationId": "search",
                # each filter repeatable: its values are alternatives (type=grant&type=deliberation)
                "parameters": [_param("q", "Texte cherché (ET, OU, SAUF en capitales ; filtres type:X et theme:X "
                                      "— theme:\"santé mentale\" —, comme les paramètres type et theme)",
                                      {"type": "string"}),
                               _param("type", "Type de résultat (actor, grant, deliberation, goal, theme, ou un "
                                      "type d'acteur) ; aussi par son nom français ou anglais, au singulier ou au "
                                      "pluriel, sans égard à la casse ni aux accents (subventions, Associations)",
                                      _several({"type": "string", "enum": _search_types()})),
                               _param("theme", "Thème (libellé, IRI ou identifiant)", {"type": "string"}),
                               _param("place", "Lieu (nom ou IRI)", _several({"type": "string"})),
                               _param("funder", "Financeur (nom ou IRI)", _several({"type": "string"})),
                               _param("year", "Exercice", _several({"type": "string"})),
                               _param("fiscal_year", "Exercice (nom de la facette, comme « year »)",
                                      _several({"type": "string"})),
                               _param("goal", "Objectif stratégique (nom, rang ou IRI)", _several({"type": "string"})),
                               _param("pole", _POLE, {"type": "string"}),
                               _param("circle", "Cercle du PTCE (nom, rang ou IRI)", _several({"type": "string"})),
                               _param("page", "Page (à partir de 1)", _PAGE),
                               _param("page_size", "Résultats par page", _PAGE_SIZE),
                               _param("sort", "Tri", {"type": "string", "enum": ["relevance", "name", "amount"]})],
                "responses": {"200": json_ok({"type": "object"}, "Résultats, facettes et pagination"),
                              "400": _ERROR, "503": _ERROR}}},
            "/api/suggest": {"get": {
                "summary": "Suggestions pendant la frappe",
                "operationId": "suggest",
                "parameters": [_param("q", "Début du texte", {"type": "string"}, required=True),
                               _param("limit", "Nombre de suggestions", {"type": "integer", "minimum": 1,
                                                                        "maximum": MAX_PAGE_SIZE})],
                "responses": {"200": json_ok({"type": "object"}, "Suggestions"), "400": _ERROR}}},
            "/api/resource": {"get": {
                "summary": "Tout ce que la page d'une ressource montre",
                "operationId": "resource",
                "parameters": [_param("iri", "IRI de la ressource", _IRI, required=True)],
                "responses": {"200": json_ok({"$ref": "#/components/schemas/Resource"}, "La ressource"),
                              "400": _ERROR, "404": _ERROR, "410": _ERROR}}},
            "/api/grants": {"get": {
                "summary": "Subventions filtrées, par pages de 50 (page_size)",
                "operationId": "grants",
                "parameters": [_param("funder", "Financeur : son IRI, son nom, ou son SIRET, SIREN ou numéro RNA ; "
                                      "cherché parmi les acteurs qui financent une subvention (un nom qui n'en nomme "
                                      "aucun est une erreur 400, qui propose les noms proches)", {"type": "string"}),
                               _param("beneficiary", "Bénéficiaire : son IRI, son nom, ou son SIRET, SIREN ou numéro "
                                      "RNA ; cherché parmi les acteurs qui reçoivent une subvention",
                                      {"type": "string"}),
                               _param("year", "Exercice", {"type": "integer"}),
                               _param("goal", "Objectif stratégique : son IRI ou son nom", {"type": "string"}),
                               _param("theme", "Thème (libellé, IRI ou identifiant, comme /api/search le lit) : "
                                      "les subventions dont l'objet dit ce thème ou un thème plus précis, ou dont "
                                      "le bénéficiaire y agit (un nom qui n'en nomme aucun est une erreur 400, qui "
                                      "propose le thème proche)", {"type": "string"}),
                               _param("pole", _POLE, {"type": "string"}),
                               _param("page", "Page (à partir de 1)", _PAGE),
                               _param("page_size", "Subventions par page (50 sinon)", _PAGE_SIZE),
                               _param("lang", "Langue des noms des subventions, délibérations et objectifs (sinon le "
                                      "cookie, puis le réglage lang)", {"type": "string", "enum": list(LANGS)})],
                "responses": {"200": json_ok({"allOf": [table, {"type": "object", "properties": {
                    "rows": {"type": "array", "description": "Une ligne par subvention", "items": {
                        "type": "object", "properties": {
                            "funder": {"anyOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}],
                                       "description": "Le financeur (sans « iri » quand la source l'écrit en "
                                                      "texte)"},
                            "beneficiary": {"anyOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}],
                                            "description": "Le bénéficiaire (sans « iri » quand la source l'écrit "
                                                           "en texte)"},
                            "amount": {"type": ["string", "null"], "description":
                                       "Le montant, décimal exact en euros (« 20000 ») ; la part d'un bénéficiaire "
                                       "d'une liste SCDL arrondie au centime, au demi supérieur (« 4989.33 » pour "
                                       "5 % de 99786.57 ; le total de la liste gardé exact : mai:statedTotal, la "
                                       "part : mai:shareOf) ; tel qu'écrit s'il n'est pas un nombre. Une chaîne, "
                                       "comme les totaux : un nombre JSON est un flottant binaire pour la plupart "
                                       "des clients, qui arrondit les centimes d'une somme de parts (les tableaux "
                                       "des pages, /funding.json compris, donnent des nombres)"},
                            "decision_date": {"type": ["string", "null"], "format": "date", "description":
                                              "La date de la décision qui accorde la subvention : celle de la "
                                              "délibération (« deliberation »), sinon celle que la subvention "
                                              "garde elle-même quand aucune délibération ne la porte (une liste "
                                              "SCDL : dateDecision sans referenceDecision ; dcterms:dateAccepted)"},
                            "budget_account": {"type": ["string", "null"], "description":
                                               "Le numéro du compte par nature du plan M57 sur lequel la subvention "
                                               "est imputée (« 6574 », « 65748 » ; mai:budgetNature) ; null quand "
                                               "sa source ne le donne pas"},
                            "budget_account_label": {"type": ["string", "null"], "description":
                                                     "Le libellé de ce compte M57, dans la langue demandée"},
                            "budget_imputation": {"type": ["string", "null"], "description":
                                                  "L'imputation telle que la source l'écrit (« chapitre 920, nature "
                                                  "6574, ligne de crédit 17566 », « SERV/65748/PROCE » ; "
                                                  "mai:budgetAccount)"},
                            "goals": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"},
                                      "description": "Les objectifs stratégiques que la subvention sert"},
                            "goal": {"anyOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}],
                                     "deprecated": True, "description": "Le premier de « goals » (champ ancien)"},
                            "same_grant_as": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"},
                                              "description": "Les autres subventions qui sont la même : celle "
                                                             "qu'une liste publie et celle que le texte de la "
                                                             "délibération qu'elle cite décide au même bénéficiaire "
                                                             "(même acteur, ou même SIREN ou RNA) ; vide sinon"},
                            "counted_in_totals": {"type": "boolean", "description":
                                                  "false pour la subvention d'une liste que le texte d'une "
                                                  "délibération chargée décide aussi (« same_grant_as ») : les "
                                                  "totaux comptent celle de la délibération, à son montant"}}}},
                    "page": {"type": "integer"}, "page_size": {"type": "integer"}, "has_next": {"type": "boolean"},
                    "more": {"type": "integer", "description": "Subventions après cette page (0 à la dernière)"},
                    "matching_count": {"type": "integer", "description":
                                       "Nombre de subventions filtrées, toutes pages confondues : une ligne "
                                       "chacune, celles qui sont la même subvention comprises "
                                       "(« matching_same_grant_count »)"},
                    "matching_total_amount": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "description":
                                              "Total exact (décimal, en euros) des montants de toutes les "
                                              "subventions filtrées, toutes pages confondues (le total d'un "
                                              "financeur), chaque subvention comptée une fois : celle d'une liste "
                                              "que décide une délibération chargée, au montant de la délibération ; "
                                              + _UNCOUNTED},
                    "matching_uncounted_count": {"type": "integer", "minimum": 0, "description":
                                                 "Nombre de subventions filtrées dont le montant n'est pas compté "
                                                 "dans les totaux : absent, négatif ou non numérique"},
                    "matching_same_grant_count": {"type": "integer", "minimum": 0, "description":
                                                  "Nombre de lignes filtrées que le total compte sous une autre, "
                                                  "comme la même subvention (« counted_in_totals » : false)"},
                    "page_total_amount": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "description":
                                          "Total exact (décimal, en euros) des montants de cette page seulement, "
                                          "sans les lignes que « counted_in_totals » dit comptées sous une autre ; "
                                          + _UNCOUNTED},
                    "total_amount": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "deprecated": True,
                                     "description": "Le même que « page_total_amount » : le total de cette page "
                                                    "seulement, non celui des subventions filtrées "
                                                    "(« matching_total_amount ») ; champ ancien"}}}]},
                    "Une page de subventions"), "400": _ERROR}}},
            "/api/queries": {"get": {
                "summary": "Les requêtes nommées et leurs paramètres",
                "operationId": "queries",
                "responses": {"200": json_ok({"type": "object", "properties": {"queries": {
                    "type": "array", "items": {"$ref": "#/components/schemas/NamedQuery"}}}}, "Les requêtes")}}},
            "/api/queries/{name}": {"get": {
                "summary": "Exécuter une requête nommée (ses paramètres, listés par /api/queries, dans la chaîne de "
                           "requête ; un autre paramètre est refusé)",
                "operationId": "runQuery",
                "parameters": [_param("name", "Nom de la requête", {"type": "string"}, True, "path")],
                "responses": {"200": json_ok({"allOf": [table, {"type": "object", "properties": {
                    "query": {"type": "string"}, "truncated": {"type": "boolean"}}}]}, "Les lignes"),
                    "400": _ERROR, "404": _ERROR, "503": _ERROR}}},
            "/api/sources": {"get": {
                "summary": "Les fichiers importés, le plus récent d'abord, puis ceux retirés (comme la page /sources)",
                "operationId": "sources",
                "responses": {"200": json_ok({"type": "object", "properties": {
                    "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
                    "removed": {"type": "array", "items": {"$ref": "#/components/schemas/RemovedSource"}}}},
                    "Les sources, et celles retirées"),
                    "400": _ERROR, "503": _ERROR}}},
            "/api/upload": {"post": _UPLOAD},
            "/api/openapi.json": {"get": {
                "summary": "Cette description", "operationId": "openapi",
                "responses": {"200": json_ok({"type": "object"}, "OpenAPI 3.1")}}},
        },
        "components": {
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["status", "code", "message", "message_en"],
                    "properties": {"status": {"type": "integer"}, "code": {"type": "string"},
                                   "message": {"type": "string"}, "message_en": {"type": "string"}}}}},
                "Source": {"type": "object", "description": "Un fichier importé : son IRI (celle de son graphe) et "
                           "sa page, son nom, son type, la date de l'import de ses octets (lus de nouveau à "
                           "l'identique, ils gardent la leur), son empreinte SHA-256, ses triplets, les avertissements "
                           "et erreurs de son import, ce que sa version changeait (par langue) et combien de versions "
                           "elle a remplacées",
                           "properties": {"iri": {"type": "string"}, "page": {"type": "string"},
                                          "title": {"type": "string"}, "kind": {"type": ["string", "null"]},
                                          "imported": {"type": ["string", "null"], "format": "date-time"},
                                          "sha256": {"type": "string"}, "triples": {"type": "integer"},
                                          "warnings": {"type": "integer"}, "errors": {"type": "integer"},
                                          "change_note": {"type": "object",
                                                          "additionalProperties": {"type": "string"}},
                                          "previous_versions": {"type": "integer"}}},
                "RemovedSource": {"type": "object", "description": "Une source retirée (maillage remove) et non "
                                  "importée de nouveau, un retrait chacune : l'IRI de la trace du retrait et sa page, "
                                  "l'IRI de la source et son adresse (qui répond 410), le nom du fichier, son type, "
                                  "son empreinte SHA-256, la date de son import, celle de son retrait, ses triplets",
                                  "properties": {"iri": {"type": "string"}, "page": {"type": "string"},
                                                 "source": {"type": "string"}, "source_page": {"type": "string"},
                                                 "title": {"type": "string"}, "kind": {"type": ["string", "null"]},
                                                 "sha256": {"type": ["string", "null"]},
                                                 "imported": {"type": ["string", "null"], "format": "date-time"},
                                                 "removed": {"type": "string", "format": "date-time"},
                                                 "triples": {"type": "integer"}}},
                "Ref": {"type": "object", "required": ["label"], "description":
                        "Une ressource : son IRI et son nom ; sans « iri » pour un texte qu'une source écrit là "
                        "où une IRI est attendue (un financeur « Ville de Lyon », refusé par les formes SHACL, "
                        "stocké sans --strict)",
                        "properties": {"iri": _IRI, "label": {"type": "string"}}},
                "Resource": {"type": "object", "required": ["iri", "label", "types", "properties", "inverse"],
                             "properties": {"iri": _IRI, "label": {"type": "string"},
                                            "types": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
                                            "properties": {"type": "array"}, "inverse": {"type": "array"},
                                            "evidence": {"type": "object"}}},
                "NamedQuery": {"type": "object", "required": ["name", "title", "parameters"], "properties": {
                    "name": {"type": "string"}, "title": {"type": "string"}, "title_en": {"type": "string"},
                    "description": {"type": "string"}, "description_en": {"type": "string"},
                    "parameters": {"type": "array"}, "sparql": {"type": "string"}}},
            },
            "responses": {"Error": {"description": "Erreur (forme unique)", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
            "securitySchemes": {"writeToken": {
                "type": "http", "scheme": "bearer",
                "description": "Le jeton d'écriture du serveur (réglage write_token, variable MAILLAGE_WRITE_TOKEN) : "
                               "en-tête « Authorization: Bearer JETON » ; sans jeton configuré, les écritures sont "
                               "fermées (403)"}},
        },
        "x-limits": {"query_timeout_s": config["query_timeout"], "max_rows": config["max_rows"]},
    })


#: ``lang``, which every route under /api takes (:data:`webapp.api_parameters.COMMON_PARAMETERS`).
_LANG = _param("lang", "Langue des noms et des messages (sinon le cookie, puis le réglage lang)",
               {"type": "string", "enum": list(LANGS)})


def _with_lang(document: dict) -> dict:
    """``document`` with ``lang`` among the parameters of each of its GET routes that does not describe it."""
    for item in document["paths"].values():
        operation = item.get("get")
        if operation is not None and not any(p["name"] == "lang" for p in operation.get("parameters", [])):
            operation["parameters"] = [*operation.get("parameters", []), _LANG]
    return document
