"""Maillage's graph layer: namespaces, ontology, store, ingest, validation and SPARQL.

It imports nothing else of Maillage; ``search`` and ``webapp`` build on it.
"""

__version__ = "0.1.0"
