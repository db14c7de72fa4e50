"""The partner and funding network around an actor or a goal, drawn server-side as SVG (a radial layout).

Neighbours are those linked by a grant (either way), a membership of the same pole, coordination, or a goal served:
around a goal, the actors that serve it and the beneficiaries of the grants that serve it; around an actor, the goals
that it serves and that its grants serve (the same relation from the other side). At most ``limit`` neighbours are
drawn (the biggest links first); the rest is announced as "n de plus", with a link that doubles the limit. A
membership that has ended (its ``mai:leftOn`` today or before, compared as text as the named queries do) is drawn
apart, as a former one, and so is one to come (its ``mai:joinedOn`` after today); but a neighbour that is a member
today (one that moved between circles of the pole) is drawn as a member only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from flask import Blueprint, request
from markupsafe import Markup, escape
from rdflib import URIRef

from graph.identity_names import fold
from graph.namespaces import not_replaced
from webapp.errors import ApiError
from webapp.grant_amounts import COUNTED_AMOUNT, listed_twice_join
from webapp.i18n import t
from webapp.links import local_path, site_path, twin_url
from webapp.page_data import Ref, Table, ref
from webapp.page_queries import select
from webapp.rendering import render_page, shown_rows
from webapp.resource_names import collapse

#: A node's place in the drawing, in its pixels.
XY = Callable[[object], tuple[float, float]]

bp = Blueprint("network", __name__)

DEFAULT_LIMIT = 25
MAX_LIMIT = 400

#: Each link counted once (a triple that two sources state appears twice in the union of their graphs), the labels
#: joined after the grouping, as the funding page's totals; a grant's amount is a number zero or more, the least its
#: sources state (webapp.grant_amounts.COUNTED_AMOUNT); ?grants counts the links that are grants, ?uncounted those of
#: them whose amount the sums leave out (the page says how many). A grants list's grant that a stored deliberation's
#: text decides too (webapp.grant_amounts.LISTED_TWICE, ?twice1) is one link, the text's: ?twice says how many were
#: left out (around an actor, under its funder only, as ?uncounted). Those grants read once and joined (%TWICE%:
#: webapp.grant_amounts.listed_twice_join), as the funding page's totals leave them out.
_NEIGHBOURS = """SELECT DISTINCT ?other ?otherLabel ?relation ?links ?amount ?grants ?uncounted ?twice WHERE {
  { SELECT ?other ?relation (SUM(1 - ?twice1) AS ?links) (SUM(IF(?twice1 = 1, 0, ?amount1)) AS ?amount)
      (SUM(IF(?twice1 = 1, 0, ?paid1)) AS ?grants) (SUM(IF(?twice1 = 1, 0, ?uncounted1)) AS ?uncounted)
      (SUM(IF(?relation != "served-by", ?twice1, 0)) AS ?twice) WHERE { {
    SELECT ?other ?relation ?link (MIN(?amount0) AS ?amount1) (MAX(?paid0) AS ?paid1) (MAX(?uncounted0) AS ?uncounted1)
      (MAX(COALESCE(?twice0, 0)) AS ?twice1)
    WHERE {
      {
        ?link schema:funder ?focus ; mai:beneficiary ?other . BIND("funds" AS ?relation)
        %NOT_REPLACED%
        %PAID%
      } UNION {
        ?link mai:beneficiary ?focus ; schema:funder ?other . BIND("funded-by" AS ?relation)
        %NOT_REPLACED%
        %PAID%
      } UNION {
        ?link org:member ?focus ; org:organization ?other . %DATES%
        BIND(IF(?ended, "former-member-of", IF(?coming, "future-member-of", "member-of")) AS ?relation)
        BIND(0 AS ?amount0) BIND(0 AS ?paid0)
      } UNION {
        ?link org:organization ?focus ; org:member ?other . %DATES%
        BIND(IF(?ended, "had-member", IF(?coming, "will-have-member", "has-member")) AS ?relation)
        BIND(0 AS ?amount0) BIND(0 AS ?paid0)
      } UNION {
        ?focus mai:coordinatedBy ?other . BIND(?focus AS ?link) BIND("coordinated-by" AS ?relation)
        BIND(0 AS ?amount0) BIND(0 AS ?paid0)
      } UNION {
        ?other mai:coordinatedBy ?focus . BIND(?other AS ?link) BIND("coordinates" AS ?relation)
        BIND(0 AS ?amount0) BIND(0 AS ?paid0)
      } UNION {
        ?link mai:contributesTo ?focus FILTER EXISTS { ?link a mai:Grant } ?link mai:beneficiary ?other .
        BIND("serves" AS ?relation) %NOT_REPLACED%
        %PAID%
      } UNION {
        ?other mai:contributesTo ?focus FILTER EXISTS { ?other a mai:Actor } BIND(?other AS ?link)
        BIND("serves" AS ?relation)
        BIND(0 AS ?amount0) BIND(0 AS ?paid0)
      } UNION {
        ?link mai:beneficiary ?focus ; mai:contributesTo ?other FILTER EXISTS { ?link a mai:Grant }
        BIND("served-by" AS ?relation) %NOT_REPLACED%
        %PAID%
      } UNION {
        ?focus mai:contributesTo ?other FILTER EXISTS { ?focus a mai:Actor } BIND(?focus AS ?link)
        BIND("served-by" AS ?relation)
        BIND(0 AS ?amount0) BIND(0 AS ?paid0)
      } UNION {
        ?other mai:hasGoal ?focus . BIND(?other AS ?link) BIND("has-goal" AS ?relation)
        BIND(0 AS ?amount0) BIND(0 AS ?paid0)
      }
      # a grant with no amount counted; around an actor, one that serves a goal is counted under its funder only
      BIND(IF(?paid0 = 1 && !BOUND(?a) && ?relation != "served-by", 1, 0) AS ?uncounted0)
      %TWICE%
    } GROUP BY ?other ?relation ?link } } GROUP BY ?other ?relation HAVING(SUM(1 - ?twice1) > 0) }
  OPTIONAL { ?other rdfs:label|skos:prefLabel ?otherLabel }
} ORDER BY DESC(?amount) DESC(?links)""".replace("%NOT_REPLACED%", not_replaced("?link")).replace(
    # a grant's amount, those that the sums count only (bound to ?a), 0 for none
    "%PAID%", f"OPTIONAL {{ {COUNTED_AMOUNT.replace('?grant', '?link').replace('?stated', '?a')} }} "
              "BIND(COALESCE(?a, 0) AS ?amount0) BIND(1 AS ?paid0)").replace(
    # a membership ended (left today or before) or to come (joined after today), compared as text as the named
    # queries do: one joining next year was drawn as today's
    "%DATES%", """OPTIONAL { ?link mai:leftOn ?left } OPTIONAL { ?link mai:joinedOn ?joined }
        BIND(BOUND(?left) && STR(?left) <= SUBSTR(STR(NOW()), 1, 10) AS ?ended)
        BIND(BOUND(?joined) && STR(?joined) > SUBSTR(STR(NOW()), 1, 10) AS ?coming)""")
#: The grants between two of the neighbours drawn (the focus's, VALUES, bound to ?beneficiary, and among them the
#: funder): around a PTCE, the funding between its members, which a star from the focus does not show. From the
#: beneficiaries, who receive few grants each, not from the funders (a métropole funds thousands); each grant once,
#: at the least amount its sources state, as the neighbours' amounts. %IRIS% are IRIs read from the store, written
#: with rdflib's escaping (never request text). A grants list's grant that a stored deliberation's text decides too
#: is counted once, the text's (webapp.grant_amounts.LISTED_TWICE, joined as %TWICE%): ?twice says how many were
#: left out.
_AMONG = """SELECT ?funder ?beneficiary (SUM(1 - ?twice1) AS ?grants) (SUM(IF(?twice1 = 1, 0, ?amount1)) AS ?amount)
    (SUM(?twice1) AS ?twice) WHERE {
  { SELECT ?funder ?beneficiary ?grant (MIN(?amount0) AS ?amount1) WHERE {
      VALUES ?beneficiary { %IRIS% } ?grant mai:beneficiary ?beneficiary ; schema:funder ?funder .
      FILTER(?funder IN (%IRIS_LIST%) && ?funder != ?beneficiary) FILTER EXISTS { ?grant a mai:Grant }
      %NOT_REPLACED% %PAID%
    } GROUP BY ?funder ?beneficiary ?grant }
  %TWICE% BIND(COALESCE(?listedTwice, 0) AS ?twice1)
} GROUP BY ?funder ?beneficiary HAVING(SUM(1 - ?twice1) > 0) ORDER BY DESC(?amount) ?funder ?beneficiary"""
_AMONG = _AMONG.replace("%NOT_REPLACED%", not_replaced("?grant")).replace(
    "%PAID%", f"OPTIONAL {{ {COUNTED_AMOUNT.replace('?stated', '?a')} }} BIND(COALESCE(?a, 0) AS ?amount0)")
_FOCUS = "SELECT ?label WHERE { ?focus rdfs:label|skos:prefLabel ?label }"
#: The poles and goals to draw around, each goal with its pole (two PTCEs may both have a goal "Prévention") and its
#: rank; the choices first, then their names, so that a choice with several names (or a goal with two poles) does not
#: push others out of the limit.
_CHOICES = """SELECT ?x ?label ?kind ?rank ?pole ?poleLabel WHERE {
  { SELECT DISTINCT ?x ?kind WHERE {
      { ?x a mai:Cooperation BIND("cooperation" AS ?kind) } UNION { ?x a mai:StrategicGoal BIND("goal" AS ?kind) }
    } LIMIT 50 }
  OPTIONAL { ?x rdfs:label|skos:prefLabel ?label }
  OPTIONAL { ?x skos:notation ?rank }
  OPTIONAL { ?pole mai:hasGoal ?x OPTIONAL { ?pole rdfs:label ?poleLabel } }
}"""

#: relation -> (CSS class, UI string key of the legend)
RELATIONS = {"funds": ("funds", "network_legend_funds"), "funded-by": ("funds", "network_legend_funds"),
             "member-of": ("member", "network_legend_member"), "has-member": ("member", "network_legend_member"),
             "former-member-of": ("former", "network_legend_former"), "had-member": ("former", "network_legend_former"),
             "future-member-of": ("future", "network_legend_future"),
             "will-have-member": ("future", "network_legend_future"),
             "coordinated-by": ("coordinates", "network_legend_coordinates"),
             "coordinates": ("coordinates", "network_legend_coordinates"),
             "serves": ("serves", "network_legend_serves"), "served-by": ("serves", "network_legend_serves"),
             "has-goal": ("serves", "network_legend_serves")}
#: The legend: each kind of line once, in the order of RELATIONS, as (CSS class, UI string key); the page draws each
#: as the drawing does (its class), so that its colour and its dashes both show.
LEGEND = tuple(dict.fromkeys(RELATIONS.values()))
#: The relations that carry money: the others have no amount (not "0 €").
WITH_MONEY = {"funds", "funded-by", "serves", "served-by"}


#: A membership relation today -> those of the same side that it outranks (a move between circles of one pole).
_CURRENT_OUTRANKS = {"member-of": {"former-member-of", "future-member-of"},
                     "has-member": {"had-member", "will-have-member"}}


def neighbours(focus: URIRef) -> list[dict]:
    """The focus's neighbours, one row per (neighbour, relation), biggest first; ``relation_label`` says the
    relation from the neighbour's side, in the interface's language; ``uncounted``, how many of its grants the amount
    leaves out."""
    query = _NEIGHBOURS.replace("%TWICE%", listed_twice_join("?link", "?twice0"))
    rows = current_memberships_only(collapse(select(query, focus=focus), ["otherLabel"]))
    return [{"other": ref(r["other"], r.get("otherLabel")), "relation": str(r["relation"]),
             "relation_label": t("relation_" + str(r["relation"]).replace("-", "_")),
             "links": int(r["links"]),
             # money only where a grant links them: an actor serves a goal as a member too, which pays nothing
             "amount": float(r["amount"].toPython()) if str(r["relation"]) in WITH_MONEY and int(r["grants"]) else None,
             # not columns: the page says how many in all
             "uncounted": int(r["uncounted"]), "listed_twice": int(r["twice"])}
            for r in rows]


def current_memberships_only(rows: list[dict]) -> list[dict]:
    """``rows`` less the former and future memberships of a neighbour that is a member today: a member that moved
    from one circle of the pole to another is a member, as the pole's page counts it, not also a former one (its
    actor's page gives the history). A member whose every membership has ended stays a former member."""
    outranked = {(str(row["other"]), former) for row in rows
                 for former in _CURRENT_OUTRANKS.get(str(row["relation"]), ())}
    return [row for row in rows if (str(row["other"]), str(row["relation"])) not in outranked]


def goal_rank(rank: str | None) -> tuple:
    """Where a goal of rank ``rank`` (its ``skos:notation``, a text) comes among its pole's: by number ("2" before
    "10"), then those of another rank, then those with none.

    >>> sorted(["10", None, "2", "b"], key=goal_rank)
    ['2', '10', 'b', None]
    """
    if rank is None:
        return (2, 0, "")
    return (0, int(rank), "") if rank.isdigit() else (1, 0, rank)


def funding_among(shown: list[dict]) -> list[dict]:
    """The funding between two of the neighbours ``shown`` (those with an IRI), one row per funder and beneficiary:
    how many grants and their amount (what the sums count: webapp.grant_amounts.COUNTED_AMOUNT), biggest first."""
    iris = sorted({URIRef(edge["other"].iri) for edge in shown if edge["other"].iri is not None})
    if len(iris) < 2:
        return []
    written = [iri.n3() for iri in iris]
    query = _AMONG.replace("%IRIS_LIST%", ", ".join(written)).replace("%IRIS%", " ".join(written)).replace(
        "%TWICE%", listed_twice_join())
    names = {edge["other"].iri: edge["other"] for edge in shown}
    return [{"funder": names[str(row["funder"])], "beneficiary": names[str(row["beneficiary"])],
             "grants": int(row["grants"]), "amount": float(row["amount"].toPython()),
             "listed_twice": int(row["twice"])} for row in select(query)]


def radial_layout(centre: str, others: list[str], per_ring: int = 24) -> dict[str, tuple[float, float]]:
    """The focus at the centre, its neighbours on concentric rings in the given order (biggest links first).

    networkx's layouts need numpy, which Maillage does not install; a star needs no force simulation.

    >>> radial_layout("c", ["a"])["a"]
    (0.0, -1.0)
    """
    positions = {centre: (0.0, 0.0)}
    unique = list(dict.fromkeys(o for o in others if o != centre))
    rings = max(1, math.ceil(len(unique) / per_ring))
    for i, node in enumerate(unique):
        ring, slot = divmod(i, per_ring)
        count = min(per_ring, len(unique) - ring * per_ring)
        radius = 1.0 - 0.35 * ring / rings
        angle = 2 * math.pi * slot / count + (math.pi / per_ring) * ring
        positions[node] = (round(radius * math.sin(angle), 6), round(-radius * math.cos(angle), 6))
    return positions


#: The drawing: a star of radius ``_RADIUS`` in a box wide enough for a label of ``LABEL_CHARS`` on either side.
_WIDTH, _HEIGHT, _RADIUS = 1000, 760, 270
LABEL_CHARS = 32


def short_label(label: str, limit: int = LABEL_CHARS) -> str:
    """``label`` cut at a word to fit ``limit`` characters, "…" saying so; the drawing gives the whole as a tooltip.

    >>> short_label("Association départementale des amis et parents de personnes handicapées mentales")
    'Association départementale des…'
    >>> short_label("DanaeCare")
    'DanaeCare'
    """
    if len(label) <= limit:
        return label
    cut = label[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut).rstrip(" ,;:–-") + "…"


#: The id of the sentence under the drawing that points to the « Liens » table, the same data as text.
TABLE_NOTE = "network-table-note"


def draw(focus: dict, edges: list[dict], among: list[dict] = ()) -> Markup:
    """Lay the star of ``focus`` and its neighbours out and return it as inline SVG, with the funding ``among``
    them (:func:`funding_among`) drawn between the two neighbours it links.

    A neighbour's label is written away from the centre (to the left of a node on the left half), cut to fit the
    drawing, with its whole name as the node's tooltip. A neighbour that a source wrote as a text where an IRI
    belongs (a grant's funder "Ville de Lyon") is drawn with no link: it has no network of its own, nor any page.
    """
    positions = radial_layout(focus["iri"], [_node(e["other"]) for e in edges])

    def xy(node):
        x, y = positions[node]
        return _WIDTH / 2 + x * _RADIUS, _HEIGHT / 2 + y * _RADIUS

    # a group, not an image: ARIA makes an image's children presentational, and its links are focus stops
    name = escape(t("network_around", name=focus["label"]))
    fx, fy = xy(focus["iri"])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" '
             f'height="{_HEIGHT}" role="group" aria-label="{name}" aria-describedby="{TABLE_NOTE}" '
             f'class="network"><title>{name}</title>',
             *_edge_lines(edges, xy, (fx, fy)), *_funding_curves(among, xy), *_neighbours(edges, xy, fx),
             f'<a href="{escape(local_path(focus["iri"]))}"><title>{escape(focus["label"])}</title>'
             f'<circle cx="{fx:.1f}" cy="{fy:.1f}" r="12" class="node node-focus"></circle>'
             f'<text x="{fx:.1f}" y="{fy + 30:.1f}" text-anchor="middle" class="node-label node-label-focus">'
             f'{escape(short_label(focus["label"], 2 * LABEL_CHARS))}</text></a></svg>']
    return Markup("".join(parts))


def _edge_lines(edges: list[dict], xy: XY, focus: tuple[float, float]) -> Iterator[str]:
    """A line from the focus to each neighbour, by relation, its kind as its tooltip."""
    fx, fy = focus
    for edge in edges:
        x, y = xy(_node(edge["other"]))
        css, key = RELATIONS.get(edge["relation"], ("other", "network_edges"))
        yield (f'<line x1="{fx:.1f}" y1="{fy:.1f}" x2="{x:.1f}" y2="{y:.1f}" class="edge edge-{css}">'
               f'<title>{escape(t(key))}</title></line>')


def _funding_curves(among: list[dict], xy: XY) -> Iterator[str]:
    """An arrow from funder to beneficiary for each grant between two neighbours, with the arrowhead's marker."""
    if among:
        yield ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
               'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="arrow"></path></marker>'
               '</defs>')
    for link in among:
        yield (f'<path d="{_curve(xy(link["funder"].iri), xy(link["beneficiary"].iri))}" class="edge '
               f'edge-funds edge-among" marker-end="url(#arrow)"><title>{escape(link["funder"].label)} → '
               f'{escape(link["beneficiary"].label)}</title></path>')


def _neighbours(edges: list[dict], xy: XY, focus_x: float) -> Iterator[str]:
    """Each neighbour once: its node, its label written away from the centre, a link to its own network when it
    has an IRI."""
    seen = set()
    for edge in edges:
        other, key = edge["other"], _node(edge["other"])
        if key in seen:
            continue
        seen.add(key)
        x, y = xy(key)
        left = x < focus_x - 1
        text_x, anchor = (x - 10, ' text-anchor="end"') if left else (x + 10, "")
        node = (f'<title>{escape(other.label)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="7" class="node"></circle>'
                f'<text x="{text_x:.1f}" y="{y + 4:.1f}"{anchor} class="node-label">'
                f'{escape(short_label(other.label))}</text>')
        if other.iri is None:
            yield f"<g>{node}</g>"
        else:
            yield f'<a href="{escape(site_path("/network?" + _query(other.iri)))}">{node}</a>'


def _curve(start: tuple[float, float], end: tuple[float, float]) -> str:
    """An SVG path from ``start`` to ``end`` that bows to its left, and stops short of the node at ``end`` for its
    arrow: a straight line between two neighbours lay on the star's own lines (two neighbours opposite each other
    are joined through the focus).

    >>> _curve((0, 0), (100, 0))
    'M0.0,0.0 Q50.0,-35.0 91.8,-5.7'
    """
    (x1, y1), (x2, y2) = start, end
    bow = 0.35
    cx, cy = (x1 + x2) / 2 + bow * (y2 - y1), (y1 + y2) / 2 - bow * (x2 - x1)
    length = math.hypot(x2 - cx, y2 - cy) or 1.0
    ex, ey = x2 - 10 * (x2 - cx) / length, y2 - 10 * (y2 - cy) / length
    return f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"


def _node(other: Ref):
    """The key of a neighbour in the drawing: its IRI, or for a text that no IRI names the Ref itself (two texts,
    two nodes; never one with an IRI of the same letters)."""
    return other.iri if other.iri is not None else other


def _query(iri: str, limit: int | None = None) -> str:
    from urllib.parse import urlencode

    return urlencode({"focus": iri, **({"limit": limit} if limit else {})})


@bp.get("/network")
@bp.get("/network.json")
@bp.get("/network.csv")
def network():
    """Draw the network around ``?focus=<IRI>`` (an actor or a goal), ``?limit=`` neighbours at most."""
    focus_iri = request.args.get("focus")
    try:
        limit = min(max(int(request.args.get("limit", DEFAULT_LIMIT)), 1), MAX_LIMIT)
    except ValueError:
        raise ApiError("« limit » doit être un entier", "'limit' must be an integer", code="bad-parameter") from None
    if not focus_iri:
        choices = Table("choices", [("resource", "resource"), ("kind", "kind"), ("pole", "pole")],
                        links=("resource", "pole"))
        ranks = {}
        for row in collapse(select(_CHOICES), ["label", "poleLabel", "rank"]):
            choices.rows.append({"resource": ref(row["x"], row.get("label")), "kind": str(row["kind"]),
                                 "pole": ref(row.get("pole"), row.get("poleLabel"))})
            ranks[str(row["x"])] = goal_rank(row.get("rank"))
        # Each pole, then its goals in their rank's order: a goal is named with its pole.
        choices.rows.sort(key=lambda r: (fold((r["pole"] or r["resource"]).label), r["kind"] != "cooperation",
                                         ranks[r["resource"].iri], fold(r["resource"].label)))
        return render_page("network.html", {"focus": None, "choices": choices})
    if not focus_iri.startswith(("http://", "https://", "urn:")):
        raise ApiError("« focus » doit être une IRI", "'focus' must be an IRI", code="bad-iri")
    focus = URIRef(focus_iri)
    label_rows = select(_FOCUS, focus=focus)
    from webapp.resource_names import pick_label

    label = pick_label([r["label"] for r in label_rows]) or focus_iri
    rows = neighbours(focus)
    if not rows and not label_rows:
        raise ApiError(f"aucune donnée sur <{focus_iri}>", f"no data about <{focus_iri}>", status=404,
                       code="not-found")
    limit = shown_rows(limit, "edges")  # the drawing's neighbours, or all of them for the table's CSV
    shown, more = rows[:limit], max(len(rows) - limit, 0)
    edges = Table("edges", [("other", "other"), ("relation", "relation"), ("relation_label", "relation_label"),
                            ("links", "links"), ("amount", "amount")],
                  shown, more, links=("other",))
    among = Table("among", [("funder", "funder"), ("beneficiary", "beneficiary"), ("grants", "grants"),
                            ("amount", "amount")], funding_among(shown), links=("funder", "beneficiary"))
    focus_data = {"iri": focus_iri, "label": label}
    return render_page("network.html", {"focus": focus_data, "edges": edges, "among": among, "more": more,
                                        "uncounted": sum(edge["uncounted"] for edge in shown),
                                        # the grants of lists counted once, as the deliberation's text (edges, among)
                                        "listed_twice": sum(row["listed_twice"] for row in [*shown, *among.rows])},
                       svg=draw(focus_data, shown, among.rows), legend=LEGEND,
                       more_url=site_path("/network?") + _query(focus_iri, min(limit * 2, MAX_LIMIT)) if more else None,
                       csv_url=twin_url("csv", table="edges"))
