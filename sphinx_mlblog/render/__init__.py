"""From the collected posts to pages: what each page shows (:mod:`.view`), as HTML from
Jinja templates (:mod:`.html`) or as nodes for other builders (:mod:`.nodes`), filled
in at ``doctree-resolved`` (:mod:`.resolve`); further archive pages (:mod:`.further`);
and the fingerprints that keep incremental builds fresh (:mod:`.incremental`)."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    ablog_api,
    ablog_pages,
    excerpts,
    fragments,
    further,
    incremental,
    math,
    refs,
    resolve,
    sidebars,
)


def setup_render(app: Sphinx) -> None:
    app.connect("env-updated", excerpts.render_excerpts, priority=400)
    app.connect("env-updated", incremental.outdated_pages)
    app.connect("env-get-outdated", incremental.missing_further_pages)
    app.connect("doctree-resolved", resolve.resolve_listings)
    app.connect("html-page-context", resolve.fill_deferred, priority=300)
    app.connect("html-page-context", sidebars.page_context)
    app.connect("html-page-context", ablog_api.ablog_context)
    app.connect("html-page-context", ablog_pages.own_archive_template, priority=510)
    app.connect("html-page-context", fragments.save_fragment)
    app.connect("html-page-context", math.page_mathml, priority=390)
    app.connect("html-page-context", math.load_mathjax_for_listed_math, priority=400)
    app.connect("html-collect-pages", further.collect_further_pages)
    app.connect("missing-reference", refs.resolve_ablog_label)
