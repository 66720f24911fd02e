"""sphinx-design, set up for every blog, with its work and its assets kept to the pages
that have its components.

sphinx-design's post-transforms and its ``doctree-resolved`` handler each walk every
document in search of its components (dropdowns, tabs, asides, ``button-ref``,
``bdg-ref`` tooltips, links that open in a new tab). Most blog pages have none, and those
six walks cost a full build about 2% (1,000 posts). While reading, one walk marks the
documents that have no sphinx-design component; those transforms and that handler then
skip them. Any document not marked (read by an older version, or made by another
extension) goes through them as before.

Its stylesheet and script (62 kB) are likewise left out of pages whose HTML has no
``sd-`` class, as Sphinx does with MathJax and sphinxcontrib-mermaid with Mermaid.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .shared import has_feature, note_feature

#: The feature noted on documents with no sphinx-design component.
NO_DESIGN = "no-sphinx-design"

#: sphinx-design's post-transforms that act only on its components (0.5 to 0.8).
GATED_TRANSFORMS = frozenset({
    "AsideHtmlTransform",
    "DropdownHtmlTransform",
    "TabSetHtmlTransform",
    "ButtonRefContentStash",
    "ButtonRefContentGraft",
    "BadgeRefTooltipStash",
    "BadgeRefTooltipGraft",
})
#: ... and its ``doctree-resolved`` handlers that do.
GATED_HANDLERS = frozenset({"_resolve_new_tab_refs"})

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


@cache
def _one_page_per_document(builder_class: type) -> bool:
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    return issubclass(builder_class, StandaloneHTMLBuilder) and not issubclass(builder_class, SingleFileHTMLBuilder)


def _skips(builder_class: type, doctree: nodes.document) -> bool:
    """Whether sphinx-design's walks can skip this doctree: it has no component, and it is
    one page (single-page builders put every document into the root document's tree)."""
    return has_feature(doctree, NO_DESIGN) and _one_page_per_document(builder_class)


def _gated_transform(cls: type) -> type:
    def is_supported(self: Any) -> bool:
        env = self.env  # Sphinx >= 8.2 knows the builder's class; older Sphinx, the builder
        builder_class = getattr(env, "_builder_cls", None) or type(env.app.builder)
        return not _skips(builder_class, self.document) and cls.is_supported(self)

    return type(cls.__name__, (cls,), {"is_supported": is_supported, "__module__": __name__, "__doc__": cls.__doc__})


def _gated_handler(handler: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(handler)
    def gated(app: Sphinx, doctree: nodes.document, docname: str) -> Any:
        if not _skips(type(app.builder), doctree):
            return handler(app, doctree, docname)
        return None

    return gated


#: sphinx-design's stylesheet and script (the names it adds them with).
ASSETS = ("sphinx-design.min.css", "design-tabs.js")


def _is_design_asset(asset: Any) -> bool:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1] in ASSETS


def load_assets_where_used(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: leave sphinx-design's stylesheet and script out of a page
    whose body has no ``sd-`` class (pages without a body, such as search, keep them)."""
    if "sd-" in context.get("body", "sd-"):
        return
    builder = app.builder
    for key, own in (("css_files", "_css_files"), ("script_files", "_js_files")):
        assets = context.get(key)
        # only the builder's own lists, which Sphinx restores before each page
        if assets is not None and assets is getattr(builder, own, None):
            assets[:] = [asset for asset in assets if not _is_design_asset(asset)]


def _from_design(obj: Any, names: frozenset[str]) -> bool:
    return getattr(obj, "__module__", "").startswith("sphinx_design") and getattr(obj, "__name__", "") in names


def setup_design(app: Sphinx) -> None:
    """Set up sphinx-design and keep its component transforms to the pages that need them."""
    app.setup_extension("sphinx_design")
    transforms = app.registry.post_transforms
    transforms[:] = [_gated_transform(cls) if _from_design(cls, GATED_TRANSFORMS) else cls for cls in transforms]
    for listener in list(app.events.listeners.get("doctree-resolved", [])):
        if _from_design(listener.handler, GATED_HANDLERS):
            app.disconnect(listener.id)
            app.connect("doctree-resolved", _gated_handler(listener.handler), priority=listener.priority)
    app.connect("doctree-read", mark_documents_without_design, priority=999)
    app.connect("html-page-context", load_assets_where_used)
