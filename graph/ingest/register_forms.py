"""What a partner register's YAML form said that its CSV form (or a sheet) cannot, told when a new version in the
other form replaces it (:func:`graph.ingest.source_changes.change_issue`): a coordinator who converted the register
to CSV saw « Action de la feuille de route −3 » and not why, nor that its grants and their goals had gone too (a grant
reference has no class to count).

Only the YAML form reads grants (and so their links to goals) and roadmap actions; the CSV form declares the PTCE's
description, territory and goals by lines before its header (``# description: …``), which a conversion often
leaves out. The stored graph is read before and after the replacement (:func:`form_state`: one query of counts, and
its file's media type), and each thing the new version dropped is told with why, in French then English.

>>> before = FormState(True, {"grants": 2, "links": 3, "description": 1})
>>> [fr for fr, _ in before.losses(FormState(False, {}))][0]
'les subventions et leurs objectifs ne sont lus que dans la forme YAML du registre : 2 subventions retirées (3 liens \
à un objectif)'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from graph.namespaces import sparql_prologue

#: The media type that the stored description of a YAML file gives (:mod:`graph.ingest.pipeline_storage`).
YAML_MEDIA_TYPE = "application/yaml"
_FORMAT = "SELECT ?format WHERE { GRAPH ?g { ?g dcterms:format ?format } }"
# What the register's graph holds that one form of the register only says: its grant references (untyped nodes
# with a row number, graph.ingest.register_grants), the links of grants to goals (nodes the graph says nothing else
# of, graph.ingest.register_links), its actions, its goals, the PTCE's description and territory.
_COUNTS = """SELECT ?what (COUNT(*) AS ?n) WHERE { GRAPH ?g {
  { ?x mai:rowNumber ?line FILTER NOT EXISTS { ?x a ?type } BIND("grants" AS ?what) }
  UNION { ?x mai:contributesTo ?goal FILTER NOT EXISTS { ?x ?p ?o FILTER(?p != mai:contributesTo) }
          BIND("links" AS ?what) }
  UNION { ?x a mai:RoadmapAction BIND("actions" AS ?what) }
  UNION { ?x a mai:StrategicGoal BIND("goals" AS ?what) }
  UNION { ?pole a mai:Cooperation ; dcterms:description ?x BIND("description" AS ?what) }
  UNION { ?pole a mai:Cooperation ; schema:areaServed ?x BIND("territory" AS ?what) }
} } GROUP BY ?what"""


@dataclass
class FormState:
    """A stored register's form (whether its file is YAML) and the counts of what one form only says."""

    yaml: bool
    counts: dict[str, int] = field(default_factory=dict)

    def losses(self, after: FormState) -> list[tuple[str, str]]:
        """What the new version ``after``, in the CSV form, no longer says that this YAML version said, each with why
        (French, English); none when the form did not change from YAML to another."""
        if not self.yaml or after.yaml:
            return []
        gone = {what: n - after.counts.get(what, 0) for what, n in self.counts.items()}
        said = []
        if gone.get("grants", 0) > 0:
            said.append(_grants_lost(gone["grants"], gone.get("links", 0)))
        if gone.get("actions", 0) > 0:
            n = gone["actions"]
            said.append((f"les actions de la feuille de route ne sont lues que dans la forme YAML du registre : "
                         f"{_count(n, 'action retirée', 'actions retirées')}",
                         f"roadmap actions are read only from the register's YAML form: "
                         f"{_count(n, 'action removed', 'actions removed')}"))
        said += [_kept_by_heading(what, gone[what]) for what in ("goals", "description", "territory")
                 if gone.get(what, 0) > 0]
        return said


def form_state(query, graph: URIRef) -> FormState:
    """The form and the counts of the stored register ``graph`` (a form not YAML and nothing, when it is not
    stored)."""
    formats = {str(media_type) for media_type, in query(sparql_prologue() + _FORMAT, {"g": graph})}
    counts = {str(what): int(n) for what, n in query(sparql_prologue() + _COUNTS, {"g": graph})}
    return FormState(YAML_MEDIA_TYPE in formats, counts)


def _grants_lost(grants: int, links: int) -> tuple[str, str]:
    """« les subventions et leurs objectifs ne sont lus que dans la forme YAML du registre : 2 subventions retirées
    (3 liens à un objectif) » (French, English)."""
    linked = (f" ({_count(links, 'lien à un objectif', 'liens à un objectif')})",
              f" ({_count(links, 'link to a goal', 'links to a goal')})") if links > 0 else ("", "")
    return (f"les subventions et leurs objectifs ne sont lus que dans la forme YAML du registre : "
            f"{_count(grants, 'subvention retirée', 'subventions retirées')}{linked[0]}",
            f"grants and their goals are read only from the register's YAML form: "
            f"{_count(grants, 'grant removed', 'grants removed')}{linked[1]}")


#: What the CSV form says by a line before its header, but the new version did not: its French and English words,
#: and the line that keeps it.
_HEADING = {
    "goals": (("objectif retiré", "objectifs retirés"), ("goal removed", "goals removed"),
              "# objectif 1: LIBELLÉ", "# objectif 1: LABEL"),
    "description": (("description du PTCE retirée",) * 2, ("PTCE's description removed",) * 2,
                    "# description: …", "# description: …"),
    "territory": (("territoire du PTCE retiré",) * 2, ("PTCE's territory removed",) * 2,
                  "# territoire: …", "# territory: …"),
}


def _kept_by_heading(what: str, n: int) -> tuple[str, str]:
    """« 1 objectif retiré : dans la forme CSV du registre, écrivez une ligne « # objectif 1: LIBELLÉ » avant
    l'en-tête » (French, English)."""
    (one_fr, many_fr), (one_en, many_en), line_fr, line_en = _HEADING[what]
    counted = (_count(n, one_fr, many_fr), _count(n, one_en, many_en)) if what == "goals" else (one_fr, one_en)
    return (f"{counted[0]} : dans la forme CSV du registre, écrivez une ligne « {line_fr} » avant l'en-tête",
            f"{counted[1]}: in the register's CSV form, write a line '{line_en}' before the header")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


__all__ = ["FormState", "YAML_MEDIA_TYPE", "form_state"]
