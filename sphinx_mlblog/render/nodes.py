"""Listings and post details as plain docutils nodes, for builders that are not HTML
(LaTeX, text, man, Texinfo, EPUB's single listing pages ...)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from ..i18n import _
from ..model.post import Post


class NodeRenderer:
    """Nodes for one document: links are references the builder resolves."""

    def __init__(self, builder: Any, docname: str) -> None:
        self.builder, self.docname = builder, docname

    def ref(self, post: Post) -> nodes.Node:
        """A reference to the post; its title alone where the output has no page for it
        (a LaTeX or Texinfo document holds only the documents of its toctree)."""
        title = nodes.inline(post.title, post.title)
        try:
            return make_refnode(self.builder, self.docname, post.docname, "", title, post.title)
        except NoUri:
            return title

    def listing(self, posts: list[Post]) -> list[nodes.Node]:
        if not posts:
            return [nodes.paragraph("", str(_("No posts yet.")))]
        items = nodes.bullet_list(classes=["mlblog-postlist"])
        for post in posts:
            para = nodes.paragraph()
            if post.date:
                para += nodes.Text(f"{post.date.date().isoformat()} – ")
            para += self.ref(post)
            items += nodes.list_item("", para)
        return [items]

    def meta(self, post: Post) -> nodes.Node:
        parts = [post.date.date().isoformat()] if post.date else []
        parts += [", ".join(post.authors)] if post.authors else []
        parts += [", ".join(post.tags)] if post.tags else []
        return nodes.paragraph("", " · ".join(parts), classes=["mlblog-meta"])
