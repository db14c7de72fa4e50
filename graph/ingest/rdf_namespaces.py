"""Well-known namespaces miswritten in an RDF file: ``https://schema.org/`` where the vocabulary contract writes
``http://schema.org/``, ``http://w3.org/ns/…`` for ``http://www.w3.org/ns/…``, ``https://www.w3.org/ns/org#`` for
``http://www.w3.org/ns/org#``, a namespace without its final ``#`` or ``/``.

A file lands as written (DESIGN.md): its IRIs are not rewritten, but such terms are none that Maillage's queries
and checks read, so the ingest warns once for each miswritten namespace, at the line where the file first writes
it, and the checks that suggest the contract's terms (:mod:`graph.ingest.rdf_check_contract`,
:mod:`graph.ingest.rdf_check_identifiers`) read a miswritten term as the one it stands for.

The forms recognised, for each namespace of :data:`WELL_KNOWN`, and nothing else: the other scheme (http for
https, https for http); for W3C's, the host ``w3.org`` (either scheme); for schema.org's, the host
``www.schema.org`` (either scheme); each of these and the namespace itself without its final ``#`` or ``/``,
declared so (``@prefix org: <http://www.w3.org/ns/org>``) or followed by a term's name
(``<http://www.w3.org/ns/orgMembership>``). A form is sought where an IRI starts, one search of the file's bytes:
after ``<``, or in RDF/XML and JSON-LD after a quote too (a JSON-LD text that starts with such an address is taken
for one). N-Triples and N-Quads, which declare no prefix and are the bulk path, are searched for a wrong scheme or
host only, and only once a plain search finds one of :data:`_STEMS` (200k actors, 46 MB: 0.09 s; the whole search
takes 1.2 s there), while the engine loads the file.
"""

from __future__ import annotations

import re
from functools import cache

from graph.ingest.base import Issue
from graph.namespaces import PREFIXES

#: The Location Core vocabulary (ISA², used by DCAT-AP and the ESS directories' exports for addresses).
LOCN = "http://www.w3.org/ns/locn#"
#: The namespaces whose miswritten forms are recognised: the contract's (DESIGN.md) and W3C's that it reads, and
#: Location Core's.
WELL_KNOWN = (*(str(ns) for ns in PREFIXES.values()), LOCN)
#: What every form with a wrong scheme or host holds.
_STEMS = (b"https://schema.org", b"www.schema.org", b"://w3.org/", b"https://www.w3.org/", b"https://xmlns.com/",
          b"https://purl.org/dc/", b"http://w3id.org/maillage/")
#: The formats of the bulk path, which declare no prefix: their namespaces are sought while the engine loads the
#: file (:func:`graph.ingest.pipeline_storage.store_rdf`), not before.
BULK_FORMATS = ("ntriples", "nquads")
#: Miswritten namespaces warned about in one file, at most (each one line).
MAX_NAMESPACES_SHOWN = 5


def _hosts(namespace: str) -> list[str]:
    """The namespace's own form and those with a wrong scheme or host (its final ``#`` or ``/`` kept)."""
    scheme, rest = namespace.split("://", 1)
    host, path = rest.split("/", 1)
    hosts = {"www.w3.org": ["www.w3.org", "w3.org"], "schema.org": ["schema.org", "www.schema.org"]}.get(host, [host])
    return [f"{s}://{h}/{path}" for s in (scheme, "https" if scheme == "http" else "http") for h in hosts]


@cache
def miswritten_forms() -> dict[str, str]:
    """Each miswritten form of a namespace of :data:`WELL_KNOWN` (without its final character when that is the
    mistake) and the namespace it stands for.

    >>> forms = miswritten_forms()
    >>> forms["https://schema.org/"], forms["http://w3.org/ns/locn#"], forms["http://www.w3.org/ns/org"]
    ('http://schema.org/', 'http://www.w3.org/ns/locn#', 'http://www.w3.org/ns/org#')
    >>> "http://schema.org/" in forms
    False
    """
    forms: dict[str, str] = {}
    for namespace in WELL_KNOWN:
        for form in _hosts(namespace):
            if form != namespace:
                forms[form] = namespace
            forms[form[:-1]] = namespace
    return forms


@cache
def _pattern(quoted: bool) -> re.Pattern:
    """One search for every miswritten form where an IRI starts (after "<", or after a quote too when ``quoted``):
    a form without its final character must end the IRI or be followed by a name's letter
    (``<http://schema.orgNGO>``), the longest forms tried first."""
    alternatives = [re.escape(form.encode()) + (b"" if form[-1] in "#/" else rb"""(?=[A-Za-z>"'])""")
                    for form in sorted(miswritten_forms(), key=len, reverse=True)]
    before = rb"""(?<=[<"'])""" if quoted else rb"(?<=<)"
    return re.compile(before + b"(?:" + b"|".join(alternatives) + b")")


def contract_iri(iri: str) -> str:
    """``iri`` with a miswritten well-known namespace replaced by the namespace it stands for (for the checks'
    suggestions; the stored IRI is the file's).

    >>> contract_iri("https://schema.org/NGO"), contract_iri("http://www.w3.org/ns/orgMembership")
    ('http://schema.org/NGO', 'http://www.w3.org/ns/org#Membership')
    >>> contract_iri("https://example.org/x")
    'https://example.org/x'
    """
    if iri.startswith("http://schema.org/"):  # the common case, written right
        return iri
    for form in sorted(miswritten_forms(), key=len, reverse=True):
        if iri.startswith(form) and (form[-1] in "#/" or iri[len(form):len(form) + 1].isalpha()):
            return miswritten_forms()[form] + iri[len(form):]
    return iri


def spellings(iri: str) -> list[str]:
    """``iri``, a term of a well-known namespace, and its miswritten forms: what a query reads in its place.

    >>> found = spellings("http://schema.org/taxID")
    >>> found[0], "https://schema.org/taxID" in found, len(found)
    ('http://schema.org/taxID', True, 8)
    """
    namespace = next((ns for ns in WELL_KNOWN if iri.startswith(ns)), None)
    if namespace is None:
        return [iri]
    name = iri[len(namespace):]
    return [iri] + [form + name for form, meant in miswritten_forms().items() if meant == namespace and form != iri]


def miswritten_namespaces(data: bytes, fmt: str) -> list[Issue]:
    """A warning for each miswritten well-known namespace that the RDF document ``data`` (format name ``fmt``)
    writes, at the line where it first does, with the namespace it stands for; the file's IRIs are kept as written.

    >>> [i.format("f.ttl") for i in miswritten_namespaces(b"@prefix s: <https://schema.org/> .\\n", "turtle")]
    ["f.ttl:1: avertissement : espace de noms https://schema.org/ : le contrat de Maillage utilise \
http://schema.org/ ; ses termes écrits ainsi ne sont lus par aucune requête ni vérification de Maillage \
(gardés tels quels) : corrigez l'espace de noms"]
    """
    if fmt in BULK_FORMATS and not any(stem in data for stem in _STEMS):
        return []
    first: dict[str, int] = {}
    for match in _pattern(fmt in ("rdfxml", "jsonld")).finditer(data):
        first.setdefault(match.group(0).decode("ascii"), match.start())
        if len(first) > MAX_NAMESPACES_SHOWN:
            break
    issues = []
    for form, at in list(first.items())[:MAX_NAMESPACES_SHOWN]:
        meant = miswritten_forms()[form]
        written, written_en = (form, form) if form[-1] in "#/" else \
            (f"{form} (sans « {meant[-1]} » final)", f"{form} (without its final '{meant[-1]}')")
        who, who_en = ("le contrat de Maillage utilise", "Maillage's contract uses") if meant != LOCN else \
            ("il s'écrit", "it is written")
        issues.append(Issue("warning", f"espace de noms {written} : {who} {meant} ; ses termes écrits ainsi ne sont "
                                       "lus par aucune requête ni vérification de Maillage (gardés tels quels) : "
                                       "corrigez l'espace de noms",
                            f"namespace {written_en}: {who_en} {meant}; its terms written so are read by none of "
                            "Maillage's queries or checks (kept as written): correct the namespace",
                            line=data.count(b"\n", 0, at) + 1))
    return issues
