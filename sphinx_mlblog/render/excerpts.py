"""Excerpts as HTML: rendered once, when their posts are read, by the builder's own HTML
translator, and kept with the post (listings never render an excerpt again)."""

from __future__ import annotations

import copy
import re
from functools import cache
from html import escape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..collect.domain import get_domain
from ..collect.excerpts import plain_text, post_refs
from ..model.post import Post
from ..warnings import MLBlogWarning, warn
from .excerptrefs import has_xrefs, rebase_links, resolve_refs
from .math import math_lines, with_mathml

_MARK = re.compile(r"<!--mlblog-excerpt:(\d+)-->")


@cache
def _settings_defaults() -> Any:
    """The docutils settings Sphinx renders lone nodes with (``render_partial``), from
    docutils' public API."""
    import warnings

    import docutils.parsers.rst
    import docutils.readers.doctree
    from docutils.frontend import get_default_settings
    from sphinx.writers.html import HTMLWriter

    with warnings.catch_warnings():  # docutils >= 0.21 warns that OptionParser will change
        warnings.simplefilter("ignore", DeprecationWarning)
        settings = get_default_settings(
            docutils.readers.doctree.Reader, docutils.parsers.rst.Parser, HTMLWriter
        )
    settings.output_encoding = "unicode"
    settings.traceback = True
    return settings


def render_excerpts_html(
    builder: Any,
    excerpts: list[list[nodes.Node]],
    keep: bool = True,
    failed: list[int] | None = None,
) -> list[str]:
    """HTML of each excerpt, by the builder's own HTML translator ("" for other builders).

    The nodes come from fully transformed doctrees, so they are translated directly and
    all in one document (``render_partial`` per excerpt would run every transform again:
    3x slower for 1,000 posts). ``keep=False``: the caller drops the nodes afterwards,
    so they are moved into that document rather than copied. An excerpt the translator
    cannot take (a node another extension resolves later) is its text, escaped; its
    index goes into ``failed``.
    """
    if (
        builder is None
        or getattr(builder, "format", "") != "html"
        or not hasattr(builder, "create_translator")
    ):
        return ["" for _ in excerpts]
    document = _new_document("<mlblog excerpts>")
    for index, excerpt in enumerate(excerpts):
        document += nodes.raw("", f"<!--mlblog-excerpt:{index}-->", format="html")
        document.extend([node.deepcopy() for node in excerpt] if keep else excerpt)
    _unlink_unresolved(document)
    try:
        parts = _MARK.split(_translated(builder, document))[2::2]
    except Exception:  # one excerpt the translator cannot take: each on its own
        parts = [
            _alone(builder, group, index, failed) for index, group in enumerate(_groups(document))
        ]
    _dismantle(document)
    return [html.strip() + "\n" if html.strip() else "" for html in parts]


def _new_document(name: str) -> nodes.document:
    from docutils.utils import new_document

    return new_document(name, copy.copy(_settings_defaults()))


def _unlink_unresolved(document: nodes.document) -> None:
    """References that reach no writer as they are: cross-references (resolved only in
    their page) and named references a page resolved but its excerpt copy did not (a
    ``reference`` with neither ``refuri`` nor ``refid``) become their text."""
    for ref in list(document.findall(addnodes.pending_xref)):
        ref.replace_self(nodes.inline("", "", *ref.children))
    for ref in list(document.findall(nodes.reference)):
        if "refuri" not in ref and "refid" not in ref:
            ref.replace_self(nodes.inline("", "", *ref.children))


def _translated(builder: Any, document: nodes.document) -> str:
    visitor = builder.create_translator(document, builder)
    document.walkabout(visitor)
    return "".join(visitor.fragment)


def _groups(document: nodes.document) -> list[list[nodes.Node]]:
    """The excerpts of a document :func:`render_excerpts_html` made, by their markers."""
    groups: list[list[nodes.Node]] = []
    for node in document.children:
        if isinstance(node, nodes.raw) and _MARK.fullmatch(node.astext()):
            groups.append([])
        elif groups:
            groups[-1].append(node)
    return groups


def _alone(builder: Any, group: list[nodes.Node], index: int, failed: list[int] | None) -> str:
    document = _new_document("<mlblog excerpt>")
    document.extend([node.deepcopy() for node in group])
    try:
        return _translated(builder, document)
    except Exception:
        if failed is not None:
            failed.append(index)
        text = " ".join(node.astext() for node in group).strip()
        return f"<p>{escape(text)}</p>" if text else ""


def _dismantle(document: nodes.document) -> None:
    """Unlink every node of the throwaway excerpts document from its parent, so that it
    is freed at once rather than left (parents and children point at each other) to the
    garbage collector's next full pass, whose length grows with every object alive."""
    stack: list[nodes.Node] = [document]
    while stack:
        node = stack.pop()
        node.parent = None
        if isinstance(node, nodes.Element):
            stack.extend(node.children)
    document.children = []  # the document refers to itself: only its children can go now


def excerpt_html(builder: Any, post: Post, cache_: dict[str, str]) -> str:
    """The post's excerpt as HTML (rendered when read; here only as a fallback, for an
    environment that a non-HTML build read)."""
    if post.excerpt_html is not None:
        return post.excerpt_html
    html = cache_.get(post.key)
    if html is None:
        html = cache_[post.key] = render_excerpts_html(builder, [post.excerpt_nodes])[0]
    return html


def render_excerpts(app: Sphinx, env: Any) -> None:
    """``env-updated``: render the excerpts of newly read posts, and of posts whose excerpt
    links a post that was renamed since, all in one pass.

    The HTML is kept with the post (and pickled with the environment), so listings never
    render an excerpt again; its nodes are dropped, unless the excerpt links other posts
    or has other cross-references (rendered again in every build, to stay fresh).
    """
    domain = get_domain(env)
    xrefs = {p.key for p in domain.posts.values() if p.excerpt_nodes and has_xrefs(p.excerpt_nodes)}
    todo = [
        p
        for p in domain.posts.values()
        if p.excerpt_nodes and (p.excerpt_html is None or _renamed(domain, p) or p.key in xrefs)
    ]
    if not todo or getattr(app.builder, "format", "") != "html":
        return
    excerpts = [
        rebase_links(
            app.builder,
            post.docname,
            resolve_refs(app, post.docname, _with_titles(domain, post))
            if post.key in xrefs
            else _with_titles(domain, post, own=True),
        )
        for post in todo
    ]
    mathml = domain.config.mathml != "off"
    lines = [math_lines(excerpt) if mathml else {} for excerpt in excerpts]
    failed: list[int] = []
    rendered = render_excerpts_html(app.builder, excerpts, keep=False, failed=failed)
    for index in failed:
        warn(
            f"the excerpt of post {todo[index].title!r} holds a node the HTML writer cannot "
            "take on its own; listings show its text",
            MLBlogWarning.EXCERPT,
            location=(todo[index].docname, todo[index].line),
        )
    for post, html, at in zip(todo, rendered, lines, strict=True):
        post.excerpt_html = with_mathml(app, html, post.docname, at) if mathml else html
        # kept to render again: when a post it links is renamed, and for its other
        # references (their targets' titles and places may change in any build)
        if not post.excerpt_refs and post.key not in xrefs:
            post.excerpt_nodes = []


def _renamed(domain: Any, post: Post) -> bool:
    """Whether a post the excerpt links now has another title (or is gone, or came)."""
    for target, title in post.excerpt_refs.items():
        found = domain.find_post(target, post.docname)
        if (found.title if found else None) != title:
            return True
    return False


def _with_titles(domain: Any, post: Post, own: bool = False) -> list[nodes.Node]:
    """A copy of the excerpt whose links to posts show the posts' titles, as on the post;
    the post's plain-text excerpt follows. ``own``: an excerpt without such links is
    given as it is, not copied (its nodes are dropped once rendered)."""
    refs = post_refs(post.excerpt_nodes)
    if own and not refs:
        post.excerpt_refs = {}
        return post.excerpt_nodes
    excerpt = [node.deepcopy() for node in post.excerpt_nodes]
    refs = post_refs(excerpt)
    post.excerpt_refs = {}
    for inline in refs:
        target = domain.find_post(inline["mlblog_post"], post.docname)
        post.excerpt_refs[inline["mlblog_post"]] = target.title if target else None
        if target is not None:
            inline.children = [nodes.Text(target.title)]
            del inline["mlblog_post"]
    if refs:
        post.excerpt = plain_text(excerpt)
    return excerpt
