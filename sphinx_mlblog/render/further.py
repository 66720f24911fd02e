"""Pages 2, 3, ... of paginated archives: rendered with the theme's page template like
any page, but without a source document (reading one costs Sphinx as much as half a
post, and their listings are neither searched nor referenced)."""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _ as sphinx_text

from ..compat import note_math_for_mathjax
from ..model.archives import ArchiveSpec, archive_docname
from .math import MATH_MARK
from .state import RenderState, render_state


def due_further_pages(state: RenderState) -> list[ArchiveSpec]:
    """Further pages this build renders: their listing changed, or their archive's first
    page was written (templates, config, sidebars changed; a missing file makes the first
    page outdated: :func:`.incremental.missing_further_pages`)."""
    changed = state.changed_pages
    config = state.view.config
    return [
        spec
        for spec in state.view.further_pages()
        if changed is None
        or spec.docname(config) in changed
        or (spec.kind, spec.key) in state.resolved_archives
        or archive_docname(config, spec.kind, spec.key) in state.view.unplanned
    ]


def collect_further_pages(app: Sphinx) -> list:
    """``html-collect-pages``: render the due further pages.

    They are rendered here rather than returned to Sphinx so that page-context handlers
    get an (empty) doctree: given none, sphinxcontrib-mermaid assumes a page may hold
    diagrams and loads Mermaid.
    """
    from docutils.utils import new_document

    state = render_state(app)
    due = due_further_pages(state)
    doctree = new_document("<further page>")
    for spec in due:
        pagename = spec.docname(state.view.config)
        context = further_page_context(state, spec, pagename)
        if context["has_maths_elements"]:
            note_math_for_mathjax(app.env, pagename)
        app.builder.handle_page(pagename, context, "page.html", event_arg=doctree)
    return []


def further_page_context(state: RenderState, spec: ArchiveSpec, pagename: str) -> dict[str, Any]:
    """Template context of a further page: its title and a body shaped like a document's."""
    listing = state.page(state.html.archive(spec.kind, spec.key, spec.page), pagename)
    title = escape(spec.title)
    anchor = escape(f"{spec.kind}-{spec.key}-page-{spec.page}")
    body = (
        f'<section id="{anchor}">\n<h1>{title}<a class="headerlink" href="#{anchor}" '
        f'title="{escape(sphinx_text("Link to this heading"))}">¶</a></h1>\n<div class="no-search">{listing}</div>\n</section>\n'
    )
    # the keys Sphinx gives a document's page, so that page-context handlers of other
    # extensions (sphinxext-opengraph reads "meta") work here too; but no "sourcename",
    # as on Sphinx's own generated pages: sphinx-last-updated-by-git (which sphinx-sitemap
    # sets up) takes a page with one for a document, and failed on these
    return {
        "title": title,
        "body": body,
        "metatags": "",
        "meta": {},
        "parents": [],
        "prev": None,
        "next": None,
        "rellinks": list(state.builder.globalcontext.get("rellinks", [])),
        "page_source_suffix": "",
        "toc": "",
        "display_toc": False,
        "has_maths_elements": MATH_MARK in listing,  # sphinx.ext.mathjax loads MathJax then
    }
