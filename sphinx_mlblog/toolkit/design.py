"""sphinx-design, set up for every blog, with its work and its assets kept to the pages
that have its components.

sphinx-design's post-transforms and its ``doctree-resolved`` handler each walk every
document in search of its components (dropdowns, tabs, asides, ``button-ref``,
``bdg-ref`` tooltips, links that open in a new tab). Most blog pages have none, and those
walks cost a full build about 2% (1,000 posts). While reading, one walk marks the
documents that have no sphinx-design component; those transforms and that handler then
skip them (:class:`~sphinx_mlblog.compat.DesignGate`, which checks that sphinx-design is
a release it knows). Any document not marked (read by an older version, or made by
another extension) goes through them as before.

Its stylesheet and script (62 kB) are likewise left out of pages whose HTML has no
``sd-`` class, as Sphinx does with MathJax and sphinxcontrib-mermaid with Mermaid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..compat import DesignAssets, DesignGate
from ..util import has_feature, note_feature

logger = logging.getLogger(__name__)

#: The feature noted on documents with no sphinx-design component.
NO_DESIGN = "no-sphinx-design"

#: Attributes sphinx-design puts on its nodes (all of its classes begin with ``sd-``).
_MARKS = ("design_component", "sd_new_tab", "sd_tooltip")


def has_design_components(doctree: nodes.Node) -> bool:
    """Whether any node carries sphinx-design's marks: a ``design_component``, an
    ``sd_*`` attribute it reads later, or an ``sd-`` class."""
    stack: list[nodes.Node] = [doctree]
    while stack:  # an explicit walk: much faster than findall() with a predicate
        node = stack.pop()
        if isinstance(node, nodes.Text):
            continue
        attributes = node.attributes
        for mark in _MARKS:
            if mark in attributes:
                return True
        for name in attributes.get("classes", ()):
            if name.startswith("sd-"):
                return True
        stack.extend(node.children)
    return False


def mark_documents_without_design(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (last): note the documents that have no sphinx-design component."""
    if not has_design_components(doctree):
        note_feature(doctree, NO_DESIGN)


def one_page_per_document(builder: Any) -> bool:
    """HTML builders that write each document alone (single-page builders put every
    document into the root document's tree)."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(
        builder, SingleFileHTMLBuilder
    )


@dataclass
class _Pages:
    """Whether this build's builder writes each document alone (set at ``builder-inited``)."""

    whole: bool = False

    def skip(self, env: Any, document: nodes.document) -> bool:
        return self.whole and has_feature(document, NO_DESIGN)


def setup_design(app: Sphinx) -> None:
    """Set up sphinx-design and keep its component walks and assets to the pages that need them.

    Not on a site that uses sphinx-panels, sphinx-design's predecessor: both register
    ``dropdown``, ``fa`` and their nodes, and setting up the second warns five times."""
    if "sphinx_panels" in (app.config.extensions or ()) and "sphinx_design" not in app.extensions:
        logger.info("sphinx-mlblog: sphinx-panels is in use; sphinx-design is not set up")
        return
    app.setup_extension("sphinx_design")
    pages = _Pages()
    DesignGate(skip=pages.skip).install(app)
    assets = DesignAssets()

    def builder_inited(app: Sphinx) -> None:
        pages.whole = one_page_per_document(app.builder)
        assets.check(app.builder)

    def page_context(
        app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        # pages without a body (search) keep them
        if "sd-" in context.get("body", "sd-"):
            assets.keep(app.builder, context)
        else:
            assets.leave_out(app.builder, context)

    app.connect("doctree-read", mark_documents_without_design, priority=999)
    app.connect("builder-inited", builder_inited, priority=900)  # after sphinx-design's own
    app.connect("html-page-context", page_context)
