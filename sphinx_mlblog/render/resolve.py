"""``doctree-resolved``: fill in a page's listings and, on a post, its header and footer,
now that every post is known."""

from __future__ import annotations

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
    state: RenderState, doctree: nodes.document, docname: str, placeholders: list, post: Post | None
) -> None:
    html = state.html
    for node in placeholders:
        if isinstance(node, postlist_node):
            listing = html.postlist(state.view.select(node["options"], docname), node["options"])
        else:
            listing = html.archive(node["kind"], node["key"], int(node["page"]))
            if int(node["page"]) == 1:
                state.resolved_archives.add((node["kind"], node["key"]))
        listing = state.page(listing, docname)
        note_listed_math(doctree, listing)
        node.replace_self(_raw(listing))
    if post is None:
        return
    chrome = state.view.chrome(post)
    header = state.page(html.header(post, chrome["public"]), docname)
    body = _insert_after_title(doctree, _raw(CHROME_START + header + CHROME_END))
    footer = state.page(html.footer(post, chrome), docname)
    if footer:
        body.append(_raw(CHROME_START + footer + CHROME_END))


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
