"""The SPARQL query that reads what an SCDL export writes (:data:`GRANTS`, :mod:`graph.export`): one row per grant
in force, with its funder's and beneficiary's names and identifiers reduced to one each before the join, and the
SIRETs and RNA number that the grant's own source gives them.
"""

from __future__ import annotations

from graph.namespaces import NOT_REPLACED

# The actors' values that may be many (an authority's SIRETs are its establishments': hundreds for a département)
# are reduced to one per funder or beneficiary before the join: as plain OPTIONALs, each grant's row multiplied by
# its funder's SIRETs and labels and its beneficiary's before the GROUP BY (the 22,064 grants of 100k actors: 23.7 s
# -> 7.9 s, the same bytes written, peak RSS 234 -> 255 MB).
def _one_per_actor(actor: str, role: str, path: str, var: str) -> str:
    """An OPTIONAL binding ?{var} to the least ``path`` value of each ?{actor} (the objects of ``role``)."""
    return (f"OPTIONAL {{ SELECT ?{actor} (MIN(?v) AS ?{var}) WHERE {{ {{ SELECT DISTINCT ?{actor} WHERE {{ "
            f"[] {role} ?{actor} }} }} ?{actor} {path} ?v }} GROUP BY ?{actor} }}")


# An SCDL table is French: an actor's label in French, else an untagged one, else any, the least of those (the least
# of all was an English one: « Saint-Étienne Metropolitan Area » sorts before « Saint-Étienne Métropole »). The rank
# is a first character that MIN sorts by, cut off after: MIN over a variable left unbound on some rows gives none.
_FRENCH_FIRST = ('SUBSTR(MIN(CONCAT(IF(LANGMATCHES(LANG(?v), "fr"), "0", IF(LANG(?v) = "", "1", "2")), STR(?v))), 2)')


def _name_of_actor(actor: str, role: str, var: str) -> str:
    """An OPTIONAL binding ?{var} to the ``rdfs:label`` of each ?{actor} (the objects of ``role``) that an SCDL table
    writes: its French one first (:data:`_FRENCH_FIRST`)."""
    return (f"OPTIONAL {{ SELECT ?{actor} ({_FRENCH_FIRST} AS ?{var}) WHERE {{ {{ SELECT DISTINCT ?{actor} WHERE {{ "
            f"[] {role} ?{actor} }} }} ?{actor} rdfs:label ?v }} GROUP BY ?{actor} }}")


# Every SIRET of the actor, and apart those of the other resources of its SIREN, joined by spaces: the least of
# them may fail the Luhn key (an RDF file's typo), which SPARQL cannot check, so Python picks the least valid one.
def _sirets_of_actor(actor: str, role: str, own: str, kin: str) -> str:
    """OPTIONALs binding ?{own} to the SIRETs of each ?{actor} and ?{kin} to those of other resources of its SIREN."""
    actors = f"{{ SELECT DISTINCT ?{actor} WHERE {{ [] {role} ?{actor} }} }}"
    return (f"OPTIONAL {{ SELECT ?{actor} (GROUP_CONCAT(DISTINCT STR(?v); separator=' ') AS ?{own}) WHERE {{ "
            f"{actors} ?{actor} mai:siret ?v }} GROUP BY ?{actor} }}\n"
            f"  OPTIONAL {{ SELECT ?{actor} (GROUP_CONCAT(DISTINCT STR(?v); separator=' ') AS ?{kin}) WHERE {{ "
            f"{actors} ?{actor} mai:siren ?s . ?other mai:siren ?s ; mai:siret ?v "
            f"FILTER(?other != ?{actor} && STRSTARTS(STR(?v), STR(?s))) }} GROUP BY ?{actor} }}")


# The SIRETs that the source of a grant gives its funder, for a grant that keeps none of its own (mai:funderSiret): an
# RDF file's, or a list's stored before; another source may give the same authority another establishment's SIRET.
def _sirets_in_grant_source() -> str:
    """An OPTIONAL binding ?gsirets to the SIRETs the graph of each grant's source gives its funder."""
    return ("OPTIONAL { SELECT ?grant (GROUP_CONCAT(DISTINCT STR(?v); separator=' ') AS ?gsirets) WHERE { "
            "GRAPH ?g { ?grant schema:funder ?f . ?f mai:siret ?v } } GROUP BY ?grant }")


# The beneficiary's least and greatest RNA numbers: an actor that holds one (they are equal) has it written on the
# rows whose own source gave none; one that holds several (two sources' rows joined) says no single one.
def _rnas_of_actor() -> str:
    """An OPTIONAL binding ?brna and ?brnaLast to the least and the greatest RNA number of each ?beneficiary."""
    return ("OPTIONAL { SELECT ?beneficiary (MIN(?v) AS ?brna) (MAX(?v) AS ?brnaLast) WHERE { "
            "{ SELECT DISTINCT ?beneficiary WHERE { [] mai:beneficiary ?beneficiary } } ?beneficiary mai:rna ?v } "
            "GROUP BY ?beneficiary }")


GRANTS = f"""
SELECT ?grant (MIN(?fname) AS ?funderName) (MIN(?fsirets) AS ?funderSirets) (MIN(?fkin) AS ?funderKinSirets)
       (MIN(?fsiren) AS ?funderSiren) (MIN(STR(?funder)) AS ?funderIri) (MIN(?cdate) AS ?conventionDate)
       (MIN(?ddate) AS ?decisionDate) (MIN(?ref) AS ?reference) (MIN(?bname) AS ?beneficiaryName)
       (MIN(?bsirets) AS ?beneficiarySirets) (MIN(?bkin) AS ?beneficiaryKinSirets) (MIN(?bsiren) AS ?beneficiarySiren)
       (MIN(STR(?beneficiary)) AS ?beneficiaryIri) (MIN(?brna) AS ?beneficiaryRna) (MIN(?desc) AS ?purpose)
       (MIN(?brnaLast) AS ?beneficiaryLastRna) (MIN(?grna) AS ?beneficiaryGrantRna)
       (MIN(?amount) AS ?amountValue) (MIN(?total) AS ?statedTotal) (MIN(?share) AS ?shareValue)
       (MIN(STR(?nature)) AS ?natureIri) (MIN(?period) AS ?paymentPeriod) (MIN(?prog) AS ?programme)
       (MIN(?forms) AS ?aidForms) (MIN(?conditions) AS ?paymentConditions) (MIN(STR(?notified)) AS ?euNotified)
       (MIN(?gsirets) AS ?funderSourceSirets) (MIN(?gid) AS ?grantId)
       (GROUP_CONCAT(DISTINCT STR(?fgrant); separator=' ') AS ?funderGrantSirets)
       (GROUP_CONCAT(DISTINCT STR(?bgrant); separator=' ') AS ?beneficiaryGrantSirets)
WHERE {{
  ?grant a mai:Grant ; schema:amount ?amount ; schema:funder ?funder ; mai:beneficiary ?beneficiary .
  {NOT_REPLACED}  # a grant that an erratum corrects: its corrected grant is the row
  {_name_of_actor("funder", "schema:funder", "fname")}
  {_sirets_of_actor("funder", "schema:funder", "fsirets", "fkin")}
  {_one_per_actor("funder", "schema:funder", "mai:siren", "fsiren")}
  OPTIONAL {{ ?grant mai:conventionDate ?cdate }}
  # the decision's date: its deliberation's, or the grant's own when no deliberation holds it (a list's dateDecision
  # without referenceDecision; SCDL 2.1.1 has no column for it: it stands in for dateConvention, as a deliberation's)
  OPTIONAL {{ ?grant (mai:decidedBy/dcterms:date)|dcterms:dateAccepted ?ddate }}
  OPTIONAL {{ ?grant mai:decisionReference ?ownRef }}
  OPTIONAL {{ ?grant mai:decidedBy/dcterms:identifier ?deliberationNumber }}
  BIND(COALESCE(?ownRef, ?deliberationNumber) AS ?ref)  # a grant read from a deliberation: its number
  {_name_of_actor("beneficiary", "mai:beneficiary", "bname")}
  {_sirets_of_actor("beneficiary", "mai:beneficiary", "bsirets", "bkin")}
  {_one_per_actor("beneficiary", "mai:beneficiary", "mai:siren", "bsiren")}
  {_rnas_of_actor()}
  OPTIONAL {{ ?grant dcterms:description ?desc }}
  OPTIONAL {{ ?grant mai:statedTotal ?total }}
  OPTIONAL {{ ?grant mai:shareOf ?share }}
  OPTIONAL {{ ?grant mai:nature ?nature }}
  OPTIONAL {{ ?grant mai:paymentPeriod ?period }}
  OPTIONAL {{ ?grant mai:programme ?prog }}
  OPTIONAL {{ ?grant mai:aidForms ?forms }}
  OPTIONAL {{ ?grant mai:paymentConditions ?conditions }}
  OPTIONAL {{ ?grant mai:euNotified ?notified }}
  OPTIONAL {{ ?grant dcterms:identifier ?gid }}
  {_sirets_in_grant_source()}
  OPTIONAL {{ ?grant mai:funderSiret ?fgrant }}
  OPTIONAL {{ ?grant mai:beneficiarySiret ?bgrant }}
  OPTIONAL {{ ?grant mai:beneficiaryRna ?grna }}
}}
GROUP BY ?grant
ORDER BY ?grant
"""
