"""Posts may end with a transition (``---``), as they may under ablog.

docutils rejects a document whose last element is a transition. ablog's posts escape
that by accident: its post node sits at the end of the first section while docutils
checks. Here a post ending with one gets a placeholder after it while docutils checks,
taken out again once the document is read.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..model.frontmatter import declares_post
from ..util import has_feature
from .sources import is_pattern_post
from .stubs import scanned_metadata

_MARK = "mlblog_ending"


def _trailing_transition(document: nodes.document) -> nodes.transition | None:
    node: nodes.Node = document
    while isinstance(node, (nodes.document, nodes.section)) and node.children:
        node = node.children[-1]
    return node if isinstance(node, nodes.transition) else None


class AllowTrailingTransition(SphinxTransform):
    """Before docutils' check (priority 830): a placeholder after a post's last transition."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        transition = _trailing_transition(self.document)
        if transition is None or not self._is_post():
            return
        transition.parent += nodes.comment("", "", **{_MARK: True})

    def _is_post(self) -> bool:
        docname = self.env.docname
        metadata = scanned_metadata(self.env, docname) or {}
        patterns = self.env.get_domain("blog").config.post_patterns
        return has_feature(self.document, "post") or declares_post(
            metadata or _docinfo(self.document), is_pattern_post(self.env, docname, patterns)
        )


def _docinfo(document: nodes.document) -> dict[str, str]:
    """An rst document's bibliographic fields (``:blogpost: true``)."""
    docinfo = document.next_node(nodes.docinfo)
    if docinfo is None:
        return {}
    return {
        field[0].astext(): field[1].astext()
        for field in docinfo.findall(nodes.field)
        if len(field) == 2
    }


def remove_placeholder(doctree: nodes.document) -> None:
    """At ``doctree-read``: the placeholder goes (docutils has checked)."""
    parent, node = None, doctree
    while isinstance(node, (nodes.document, nodes.section)) and node.children:
        parent, node = node, node.children[-1]
    if parent is not None and isinstance(node, nodes.comment) and node.get(_MARK):
        parent.remove(node)
