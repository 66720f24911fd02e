"""Cross-references in excerpts (``:ref:``, ``:doc:``, intersphinx, ...): resolved as on
the post's own page, and linked from the output's root.

An excerpt's HTML is kept with the post and shown on pages in any folder (listings,
sidebars, feeds), so its internal links are written as ``mlblog-root:<path from the
root>``; :func:`page_links` makes them relative to the page that shows them (through the
page's URL markers), :func:`absolute_links` absolute for feeds. A reference that does not
resolve keeps its text, as on the post's page (which has warned about it already).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.transforms import SphinxTransformer
from sphinx.util.logging import suppress_logging

from ..compat import current_docname, reference_resolvers

ROOT_LINK = "mlblog-root:"
_ROOT_HREF = re.compile(r'href="mlblog-root:([^"]*)"')


def has_xrefs(excerpt: list[nodes.Node]) -> bool:
    return any(next(node.findall(addnodes.pending_xref), None) is not None for node in excerpt)


def resolve_refs(app: Any, docname: str, excerpt: list[nodes.Node]) -> list:
    """``excerpt`` (copies, with references: :func:`has_xrefs`) with its references
    resolved, as on the post's page (:func:`rebase_links` then links them from the root).
    What does not resolve stays a ``pending_xref``, which the excerpts' writer renders as
    its text."""
    env = app.env
    document = new_document("<mlblog excerpt>")
    document.settings.env = env
    document.extend(excerpt)
    # the post's own page reported what does not resolve
    with suppress_logging(), current_docname(env, docname) as known:
        if known:
            transformer = SphinxTransformer(document)
            transformer.set_environment(env)
            transformer.add_transforms(reference_resolvers(app))
            transformer.apply_transforms()
    children = list(document.children)
    document.children = []
    for child in children:
        child.parent = None
    return children


def rebase_links(builder: Any, docname: str, excerpt: list[nodes.Node]) -> list[nodes.Node]:
    """``excerpt`` with its relative links -- resolved references (:func:`resolve_refs`)
    and those its author wrote relative to the post's page (``./other.html#x``, ``#x``)
    -- as paths from the root: they lead where they did on the post's page from any page
    that shows the excerpt (and are absolute in feeds)."""
    post_uri = None
    for node in excerpt:
        for ref in node.findall(nodes.reference):
            uri = ref.get("refuri")
            if not uri or uri.startswith("/") or urlsplit(uri).scheme:
                continue  # absolute, a root link already, or none
            post_uri = post_uri or builder.get_target_uri(docname)
            ref["refuri"] = ROOT_LINK + _from_root(post_uri, uri)
    return excerpt


def _from_root(page_uri: str, uri: str) -> str:
    """``uri``, relative to the page at ``page_uri``, as a path from the output's root."""
    path, hash_, fragment = uri.partition("#")
    if not path:
        return page_uri + hash_ + fragment
    folder = posixpath.dirname(page_uri)
    joined = posixpath.normpath(posixpath.join(folder, path))
    if path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined + hash_ + fragment


def page_links(html: str, asset: Callable[[str], str]) -> str:
    """``html`` with its root links through ``asset`` (a page's marker for a path)."""
    if ROOT_LINK not in html:
        return html

    def link(match: re.Match) -> str:
        path, hash_, fragment = unescape(match.group(1)).partition("#")
        return f'href="{asset(path)}{escape(hash_ + fragment)}"'

    return _ROOT_HREF.sub(link, html)


def absolute_links(html: str, base: str) -> str:
    """``html`` with its root links absolute against the site's ``base`` URL."""
    if ROOT_LINK not in html:
        return html
    base = base.rstrip("/")
    return _ROOT_HREF.sub(lambda m: f'href="{escape(base + "/" + unescape(m.group(1)))}"', html)
