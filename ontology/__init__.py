"""Maillage's ontology, SHACL shapes and SKOS schemes, as package data."""
