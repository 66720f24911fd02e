"""Placeholder nodes: directives leave them while reading; ``doctree-resolved`` replaces
them with listings (:mod:`sphinx_mlblog.render.resolve`)."""

from __future__ import annotations

from docutils import nodes


class post_node(nodes.Element):  # noqa: N801 - docutils naming
    """Where a ``post`` directive stood; holds its options and excerpt content."""


class postlist_node(nodes.General, nodes.Element):  # noqa: N801
    """A ``postlist``: options in ``self["options"]``."""


class archive_node(nodes.General, nodes.Element):  # noqa: N801
    """The body of a generated archive page: ``kind``, ``key``, ``page``."""


ALL = (post_node, postlist_node, archive_node)


def skip(self, node: nodes.Element) -> None:
    """A placeholder left unresolved (a builder that never resolved it) shows nothing."""
    raise nodes.SkipNode


#: Visitors for every writer, so that an unresolved placeholder never stops a build.
VISITORS = {writer: (skip, None) for writer in ("html", "latex", "text", "man", "texinfo")}
