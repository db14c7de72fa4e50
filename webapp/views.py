"""What every explorer page's template shares: a value as a table's cell (:func:`cell`), a table's rows
(:func:`table_rows`), and the helpers, filters and globals that :func:`init_app` gives the templates (links to
resources and twins, amounts, dates, counted nouns).

What the pages build on lives by responsibility: the page's data, tables and links to resources
(:mod:`webapp.page_data`), our own queries (:mod:`webapp.page_queries`), resources' names
(:mod:`webapp.resource_names`), grants' amounts (:mod:`webapp.grant_amounts`), values as the interface's language
writes them (:mod:`webapp.formatting`), links (:mod:`webapp.links`), and the answer in HTML, JSON or CSV
(:mod:`webapp.rendering`).
"""

from __future__ import annotations

from collections import abc
from urllib.parse import urlencode

from flask import current_app, has_request_context, request, url_for
from jinja2 import Undefined
from markupsafe import Markup, escape

from graph.french_text import counted, hold_guillemets
from webapp.display import source_kind_label, source_language
from webapp.formatting import Verbatim, colon, format_money, format_value, quotes_kept_whole, verbatim
from webapp.grant_amounts import listed_twice_note, uncounted_note
from webapp.i18n import get_lang, t
from webapp.labels import untranslated
from webapp.links import local_path, twin_url
from webapp.page_data import Ref


def cell(value, kind: str | None = None, context: str | None = None) -> Markup:
    """A value as a page shows it in a table or a list: a link for a resource (a :class:`Ref`, or a mapping with
    an ``iri``; a Ref without IRI as its text), an amount for a ``"money"`` column, a text of a ``"source_kind"``
    column by the name of the kind of source it may be (as a source's page names it), anything else as
    :func:`format_value` writes it, guillemets held to the words they enclose; nothing for None. A vocabulary term
    that has no label in the interface's language is marked as French (:func:`webapp.labels.untranslated`). A
    function rather than a template macro: a goal's or a large funder's page shows hundreds of values, and a
    macro's call cost Jinja 8.4 µs a link against 5.3 µs. A link's ``context`` is said in it to a screen reader only
    (a visually hidden text), to tell apart links of one text that lead to different resources."""
    if value is None:
        return Markup("")
    if isinstance(value, Ref):
        iri, label = value
        if iri is None:
            return said_in_own_language(label, _shown(label))
    elif isinstance(value, abc.Mapping) and "iri" in value:
        iri, label = value["iri"], value.get("label", "")
    elif kind == "money":
        return escape(format_money(value))
    elif kind == "source_kind" and isinstance(value, str):
        return escape(source_kind_label(str(value)))
    else:
        return said_in_own_language(value, _shown(format_value(value)))
    language = "fr" if untranslated(iri, get_lang()) else other_language(label)  # a screen reader reads it so
    said_in = f' lang="{escape(language)}"' if language else ""
    # the context is in the page's language, even inside a link marked French
    page_lang = Markup(' lang="%s"') % get_lang() if language else ""
    hidden = Markup('<span class="visually-hidden"%s> (%s)</span>') % (page_lang, context) if context else ""
    return Markup(f'<a href="{escape(local_path(iri))}"{said_in}>{_shown(label)}{hidden}</a>')


def table_rows(tbl, shown: list[tuple[str, str]], headers: abc.Mapping, money, stacked: bool, quotes, after,
               why) -> Markup:
    """The rows of ``tbl`` as the ``table`` macro writes them (templates/macros.html; its parameters): each value by
    :func:`cell`, or what its column fills an empty cell with; a row's « Pourquoi ? » (the macro ``why``) after its
    first value. Python, not the template's loops: a funder's page spent over a third of its time in them, and is 16 %
    faster so (bench/README.md, "Where the targets stand", fifty-ninth session). Each value is written as the
    templates write one, by the template environment's own ``finalize``, then escaped; a value's ``iri`` and a
    quote's ``supports`` are read by its ``getattr``, as the macro read them."""
    env = current_app.jinja_env

    def written(value) -> str:
        return str(escape(env.finalize(value)))

    labels = {key: written(headers.get(key, key)) for key, _ in shown} if stacked else {}
    out = []
    for row in tbl.rows:
        out.append("<tr>")
        for column, (key, _) in enumerate(shown):
            value = row.get(key)
            out.append('<td class="num"' if key in money else "<td")
            if stacked:
                out.append(f' data-label="{labels[key]}"')
            if value is None and (filled := row.get(tbl.fills.get(key))) is not None:
                out.append(">" + written(filled))
            elif value is None and key in tbl.blanks:
                out.append(">" + written(tbl.blanks[key]))
            else:
                kind = "money" if key in money else ("source_kind" if key == "kind" else None)
                out.append(">" + written(cell(value, kind, row.get(tbl.contexts.get(key)))))
            if after and key in after:
                out.append(written(after[key](row)))
            if quotes and column == 0 and not isinstance(iri := env.getattr(value, "iri"), Undefined):
                if own := [q for q in quotes.get(iri, []) if not env.getattr(q, "supports")]:
                    out.append(written(why(own)))
            out.append("</td>")
        out.append("</tr>\n")
    if not tbl.rows:
        out.append(f'<tr><td colspan="{len(shown)}">{written(t("none"))}</td></tr>\n')
    return _Written("".join(out))


class _Written(Markup, Verbatim):
    """Markup whose values were each written as the templates write them: ``finalize`` leaves it as it is."""


def _shown(text) -> Markup:
    """A text escaped for the page, its guillemets held to their words (:func:`hold_guillemets`); markup as it is."""
    return text if isinstance(text, Markup) else escape(hold_guillemets(str(text)))


def other_language(value) -> str | None:
    """The language of ``value`` (a tagged literal, a :class:`~webapp.page_data.Said` label) when it is not the
    page's: what its ``lang`` attribute says. None for a value in the page's language, or of no language (a name, a
    number)."""
    language = getattr(value, "language", None)
    return language if language and language.split("-")[0] != get_lang() else None


def said_in_own_language(value, shown: Markup) -> Markup:
    """``shown`` (``value`` as the page writes it) in a ``<span lang="…">`` when ``value`` is in another language
    than the page's (:func:`other_language`): « Tiers-lieu santé » on an English page is read in French."""
    language = other_language(value)
    return Markup(f'<span lang="{escape(language)}">{escape(shown)}</span>') if language else escape(shown)


#: The longest query that the editor's language switch carries in its link (a longer one is left for the form).
MAX_QUERY_IN_LINK = 2000


def init_app(app) -> None:
    """Template helpers: links to resources, amounts, twins; every value a template writes keeps its « … » whole."""
    app.jinja_env.finalize = quotes_kept_whole

    @app.context_processor
    def _helpers():
        # ``root``: the path prefix the site is served under (empty at a server's root), before every path a
        # template writes from the root (``href="{{ root }}/search"``), as :func:`webapp.links.site_path` does
        return {"local_path": local_path, "twin_url": twin_url, "Ref": Ref, "url_for": url_for,
                "root": request.script_root if has_request_context() else "",
                "uploads_open": bool(current_app.config["MAILLAGE"].get("write_token"))}

    @app.template_filter("combine_lang")
    def _combine_lang(args, lang: str) -> str:
        # the request's arguments, every value of a repeated one (the editor's two default-graph-uri), the language
        # replaced
        pairs = [(k, v) for k, v in args.items(multi=True) if k != "lang"]
        # a query the editor ran by POST, on the dataset it was posted with: the page in the other language runs it
        # again (a link of reasonable length; no other form's fields, an upload's token among them, ever go into it)
        if request.method == "POST" and request.path == "/sparql" and not any(k == "query" for k, _ in pairs) \
                and 0 < len(query := request.form.get("query") or "") <= MAX_QUERY_IN_LINK:
            pairs += [("query", query)] + [(k, v) for k in ("default-graph-uri", "named-graph-uri")
                                           for v in request.form.getlist(k)]
        return urlencode(pairs + [("lang", lang)])

    @app.template_filter("safe_highlight")
    def _safe_highlight(text) -> Markup:
        """Escape a search snippet, keeping only the <mark>/<b> tags the search engine puts around hits."""
        if isinstance(text, (list, tuple)):
            text = " … ".join(str(x) for x in text)
        escaped = str(escape(str(text)))
        for tag in ("mark", "b", "strong", "em"):
            escaped = escaped.replace(f"&lt;{tag}&gt;", f"<{tag}>").replace(f"&lt;/{tag}&gt;", f"</{tag}>")
        return Markup(escaped)

    @app.template_global("counted")
    def _counted(n: int, key: str) -> str:
        """``n`` and the noun of the i18n entry ``key`` (« 1 subvention », "3 grants"), singular or plural as the
        interface's language counts: the entry gives the singular and the plural parted by "|"."""
        lang = get_lang()
        singular, _, plural = t(key).partition("|")
        return counted(n, singular, plural or None, lang=lang)

    app.add_template_filter(format_money, "money")
    app.add_template_global(uncounted_note, "uncounted_note")
    app.add_template_global(listed_twice_note, "listed_twice_note")
    app.add_template_global(colon, "colon")
    app.add_template_global(cell, "cell")
    app.add_template_global(table_rows, "table_rows")
    app.add_template_global(said_in_own_language, "said_in_own_language")
    app.add_template_global(other_language, "other_language")
    app.add_template_global(source_language, "source_language")
    app.add_template_filter(format_value, "shown")
    app.add_template_filter(verbatim, "verbatim")
