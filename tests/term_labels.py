"""The check that terms stored or extracted have a label of their own in French and in English (not their qname)."""

from __future__ import annotations

from typing import Iterable

from rdflib import URIRef


def unlabelled(terms: Iterable[URIRef]) -> list[tuple[str, str]]:
    """Each ``(lang, qname)`` of ``terms`` that the explorer would show by its qname for want of a label."""
    from flask import Flask

    from webapp.labels import qname, term_label

    app = Flask(__name__)
    app.config["MAILLAGE"] = {"lang": "fr"}
    missing = []
    for lang in ("fr", "en"):
        with app.test_request_context(f"/?lang={lang}"):
            missing += [(lang, qname(term)) for term in sorted(terms) if term_label(term) == qname(term)]
    return missing
