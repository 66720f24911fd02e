"""``doctree-resolved``: fill in a page's listings and, on a post, its header and footer,
now that every post is known.

For the HTML builders that write pages in parallel (``html``, ``dirhtml``) the HTML is
rendered when the page is written, not here: ``doctree-resolved`` runs in Sphinx's main
process, one page after another, while its writers turn doctrees into pages in parallel.
Each listing or chrome piece is a marker in a raw node until the page's
``html-page-context``, where :func:`fill_deferred` puts the rendered HTML in its place:
the same page, with the work where ``-j N`` spreads it."""

from __future__ import annotations

import re
import secrets
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..collect.nodes import archive_node, postlist_node
from ..model.post import Post
from ..util import has_feature
from .math import note_listed_math
from .nodes import NodeRenderer
from .state import RenderState, render_state, writes_documents_alone

#: Around a post's header and footer in its HTML (full-text feeds leave them out).
CHROME_START, CHROME_END = "<!--mlblog:chrome-->", "<!--/mlblog:chrome-->"
#: The doctree attribute with a page's deferred pieces: ``(job, docname)`` by marker number.
DEFERRED = "mlblog-deferred"
#: A piece's marker, with a token drawn per build: page content cannot forge one.
_TOKEN = secrets.token_hex(8)
_MARKER = f"<!--mlblog-deferred:{_TOKEN}:"
_MARKED = re.compile(rf"<(div|span) class=\"no-search\">{_MARKER}(\d+)--></\1>|{_MARKER}(\d+)-->")


#: on an archive page's resolved doctree: the ``(kind, key)`` it lists (what a project's
#: own ablog template for it is given: :mod:`.ablog_pages`)
ARCHIVE_MARK = "mlblog_archive"


def resolve_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace placeholders, add post header/footer."""
    state = render_state(app)
    post = state.view.domain.posts.get(docname)
    # builders that put several documents into one tree (singlehtml, LaTeX, Texinfo, man)
    # resolve it as the root document's: its own features say nothing of the others'
    search = has_feature(doctree, "listing") or not writes_documents_alone(app.builder)
    placeholders = list(doctree.findall(_is_placeholder)) if search else []
    if not placeholders and post is None:
        return
    if app.builder.format == "html":
        if state.deferred and app.parallel > 1:
            # compiled once here, not once in each parallel writer (a serial build
            # compiles each as it is first rendered: only those the site uses)
            state.templates.compile_all()
        _resolve_html(state, doctree, docname, placeholders, post)
    else:
        _resolve_nodes(state, doctree, docname, placeholders, post)


def _is_placeholder(node: nodes.Node) -> bool:
    return isinstance(node, (postlist_node, archive_node))


def _raw(html: str, *classes: str) -> nodes.raw:
    # "no-search": listings repeat other pages' text; search should find the post, not
    # every list that shows it. Page titles stay searchable.
    return nodes.raw("", html, format="html", classes=["no-search", *classes])


def _insert_after_title(doctree: nodes.document, node: nodes.Node) -> nodes.Element:
    """Put ``node`` under the page title; return the first section (or the document)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, node)
    else:
        doctree.insert(0, node)
    return section if section is not None and section.parent is doctree else doctree


def _resolve_html(
    state: RenderState,
    doctree: nodes.document,
    docname: str,
    placeholders: list,
    post: Post | None,
) -> None:
    def piece(job: tuple) -> nodes.raw | None:
        if not state.deferred:
            html = render_piece(state, doctree, docname, job)
            return _raw(html) if html or job[0] != "footer" else None
        jobs = doctree.setdefault(DEFERRED, [])
        jobs.append((job, docname))
        return _raw(f"{_MARKER}{len(jobs) - 1}-->")

    for node in placeholders:
        if isinstance(node, postlist_node):
            job: tuple = ("postlist", node["options"])
        else:
            job = ("archive", node["kind"], node["key"], int(node["page"]))
            if job[3] == 1:
                state.resolved_archives.add(job[1:3])
                doctree[ARCHIVE_MARK] = job[1:3]
        node.replace_self(piece(job))
    if post is None:
        return
    body = _insert_after_title(doctree, piece(("header",)))
    footer = piece(("footer",))
    if footer is not None:
        body.append(footer)


def render_piece(state: RenderState, doctree: nodes.document, docname: str, job: tuple) -> str:
    """The HTML of one listing (``postlist``, ``archive``) or a post's ``header`` or
    ``footer`` on page ``docname`` (a footer may be empty: the page has none)."""
    html = state.html
    kind = job[0]
    if kind in ("header", "footer"):
        post = state.view.domain.posts[docname]
        chrome = state.view.chrome(post)
        part = (
            html.header(post, chrome["public"]) if kind == "header" else html.footer(post, chrome)
        )
        part = state.page(part, docname)
        return CHROME_START + part + CHROME_END if part or kind == "header" else ""
    if kind == "postlist":
        listing = html.postlist(state.view.select(job[1], docname), job[1])
    else:
        listing = html.archive(job[1], job[2], job[3])
    listing = state.page(listing, docname)
    note_listed_math(doctree, listing)
    return listing


def fill_deferred(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (first of the blog's): render the page's deferred pieces into
    its body, where their markers are."""
    jobs = doctree.get(DEFERRED) if isinstance(doctree, nodes.document) else None
    if not jobs or "body" not in context:
        return
    state = render_state(app)

    def fill(match: re.Match) -> str:
        job, docname = jobs[int(match[2] or match[3])]
        html = render_piece(state, doctree, docname, job)
        if not match[1]:
            return html
        return f'<{match[1]} class="no-search">{html}</{match[1]}>' if html else ""

    context["body"] = _MARKED.sub(fill, context["body"])


def _resolve_nodes(
    state: RenderState, doctree: nodes.document, docname: str, placeholders: list, post: Post | None
) -> None:
    renderer = NodeRenderer(state.builder, docname)
    for node in placeholders:
        if isinstance(node, postlist_node):
            node.replace_self(renderer.listing(state.view.select(node["options"], docname)))
        else:
            node.replace_self(
                renderer.listing(
                    state.view.archive(node["kind"], node["key"], int(node["page"]))[0]
                )
            )
    if post is not None:
        _insert_after_title(doctree, renderer.meta(post))
