"""What an RDF file's report says beyond SHACL, from what the first pass read (:mod:`graph.ingest.rdf_first_pass`):
SIRETs whose check digit is wrong, statements that redefine the vocabulary contract or use ``mai:`` terms that it
does not define, actors that another source already holds under another IRI (by an identifier or by their name) or
that the file names anew, identifiers given by properties that Maillage does not read, amounts written as nodes,
grants that another source already publishes, actors without an IRI, and a file that names none of the contract's
classes (so that nothing of it is read as an actor, a grant or a deliberation).

These are per-file checks on the SIRETs, types, labels and subjects that the first pass collects anyway (a
100k-actor N-Triples file: ~0.1 s); a query runs only for a file that has ``mai:`` subjects, or a SIRET whose key is
wrong; the file's names are compared with the store's only when other sources hold actors, from the smaller side.

This module runs them, in the order a report lists them, and holds the bounds that choose a join's side; the checks
live by what they look at: the identifiers as written (:mod:`graph.ingest.rdf_check_identifiers`), one organisation
as two nodes (:mod:`graph.ingest.rdf_check_twins`), names (:mod:`graph.ingest.rdf_check_names`), actors without an
IRI (:mod:`graph.ingest.rdf_check_blanks`), amounts (:mod:`graph.ingest.rdf_check_amounts`), grants published twice
(:mod:`graph.ingest.rdf_check_grants`), the vocabulary contract (:mod:`graph.ingest.rdf_check_contract`); their
wording is shared (:mod:`graph.ingest.rdf_check_wording`).
"""

from __future__ import annotations

from rdflib import URIRef

from graph.ingest.base import Issue
from graph.ingest.rdf_check_amounts import node_amounts
from graph.ingest.rdf_check_blanks import blank_actors
from graph.ingest.rdf_check_contract import (concepts_as_goals, contract_redefinitions, no_contract_class,
                                             unknown_terms)
from graph.ingest.rdf_check_grants import repeated_grants
from graph.ingest.rdf_check_identifiers import invalid_sirets, unquoted_sirets, unread_identifiers
from graph.ingest.rdf_check_names import OTHER_ACTOR, names_given, namesakes, solutions_counted
from graph.ingest.rdf_check_twins import (identifiers_held_twice, others_hold_identifiers, same_as_nowhere,
                                          shared_identifiers)
from graph.ingest.rdf_check_wording import short

#: A file's SIRETs and SIRENs (as the first pass counts them) from which the join starts from the other sources.
MANY_IDENTIFIERS = 2_000
#: The other RDF files' actor labels read, at most, to compare their name keys with a file's (2,000: ~0.05 s); past
#: that, and past the file's own actors, the file's labels are looked up as written.
RDF_NAMES_READ = 2_000


def rdf_file_issues(query, source: URIRef, observed, strict: bool = False, others_identified: bool = True) \
        -> list[Issue]:
    """The warnings of an RDF file that ``observed`` (its first pass) read, stored as the graph ``source``.

    Statements that redefine contract terms are an error under ``strict`` (the file is refused, as for a SHACL
    violation), a warning otherwise. ``others_identified``: whether any other source held a SIREN or an RNA number
    before the file was stored (:func:`others_hold_identifiers`); if none did, no actor of the file can share one."""
    issues = invalid_sirets(observed.sirets, lambda: unquoted_sirets(query, source))
    issues += contract_redefinitions(query, source, observed.subjects, strict)
    issues += unknown_terms(observed, strict)
    if others_identified:
        issues += shared_identifiers(query, source, len(observed.sirets) + len(observed.sirens) > MANY_IDENTIFIERS,
                                     observed)
    issues += identifiers_held_twice(query, source, observed)
    issues += same_as_nowhere(query, observed.same_as)
    # the other sources' actors, counted up to the file's subjects (none for a bulk load into an empty store)
    if others := solutions_counted(query, OTHER_ACTOR % {"source": source}, len(observed.subjects)):
        issues += names_given(query, source, observed, others <= len(observed.subjects))
        issues += namesakes(query, source, observed, RDF_NAMES_READ)
    issues += unread_identifiers(query, source, observed)
    issues += node_amounts(query, source, observed)
    issues += repeated_grants(query, source, observed)
    issues += blank_actors(query, source, observed)
    if (issue := no_contract_class(observed.types, lambda: concepts_as_goals(query, source))) is not None:
        issues.append(issue)
    return issues


__all__ = ["rdf_file_issues", "others_hold_identifiers", "invalid_sirets", "shared_identifiers",
           "identifiers_held_twice", "same_as_nowhere", "names_given", "namesakes", "unread_identifiers",
           "node_amounts", "repeated_grants", "blank_actors", "contract_redefinitions", "unknown_terms",
           "no_contract_class", "concepts_as_goals", "short"]
