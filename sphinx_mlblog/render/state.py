"""What the render layer keeps for one build: the :class:`~.view.BlogView`, the compiled
templates and the caches pages share. It lives in the blog domain's ``runtime`` (never
pickled); forked parallel writers inherit it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sphinx.application import Sphinx

from ..collect.domain import get_domain
from .templates import project_has_template
from .urls import Markers, page_links
from .view import BlogView


@dataclass
class RenderState:
    view: BlogView
    builder: Any
    #: builders that write a file per page paginate archives (not single-page HTML, EPUB)
    paginate: bool = True
    #: listings and chrome rendered as each page is written (:func:`renders_when_written`)
    deferred: bool = False
    #: (kind, key) of the archive first pages written this build
    resolved_archives: set[tuple[str, str]] = field(default_factory=set)
    #: further pages whose listing changed (None: not worked out, render them all)
    changed_pages: set[str] | None = None
    #: docname -> the builder's target URI
    target_uris: dict[str, str] = field(default_factory=dict)
    #: (folder of a page's URI, target URI) -> relative URI: pages in one folder link the
    #: same tag pages, neighbours and related posts
    relative_uris: dict[tuple[str, str], str] = field(default_factory=dict)
    #: folder of a page's URI -> marker -> its escaped link (:meth:`.urls.Markers.resolve`)
    escaped_links: dict[str, dict[str, str]] = field(default_factory=dict)
    #: URLs in the HTML every page shares, resolved for each page
    markers: Markers = field(default_factory=Markers)
    #: pieces of HTML that many pages show alike (cards, excerpts), by what they depend on
    fragments: dict[Any, Any] = field(default_factory=dict)
    feed_link_tags: list[str] | None = None
    #: the social cards of this build (:class:`~..publish.cards.CardPlanner`), made lazily
    cards: Any = None
    _templates: Any = None
    _html: Any = None

    @property
    def templates(self) -> Any:
        """The package's templates, compiled once per build (:mod:`.templates`)."""
        if self._templates is None:
            from .templates import Templates

            self._templates = Templates(self.builder)
        return self._templates

    @property
    def html(self) -> Any:
        """The blog's HTML, made once per build with URL markers (:mod:`.html`)."""
        if self._html is None:
            from .html import BlogHtml

            self._html = BlogHtml(self)
        return self._html

    def page(self, html: str, pagename: str) -> str:
        """``html`` (from :attr:`html`) with its links resolved for ``pagename``."""
        return self.markers.resolve(str(html), page_links(self, pagename))


def paginates(builder: Any) -> bool:
    """HTML builders that write a file per page (not single-page HTML, not EPUB), and so
    paginate archives; not where the project's own ``ablog/collection.html`` lists each
    key's posts, which has no pages (:mod:`.ablog_pages`)."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and builder.name != "singlehtml"
        and not builder.name.startswith("epub")
        and not project_has_template(builder, "ablog/collection.html")
    )


def renders_when_written(builder: Any) -> bool:
    """HTML builders whose listings and post chrome are rendered as each page is written,
    in Sphinx's parallel writers (``html``, ``dirhtml``; :mod:`.resolve`)."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    return isinstance(builder, StandaloneHTMLBuilder) and builder.name in ("html", "dirhtml")


def writes_documents_alone(builder: Any) -> bool:
    """HTML builders that resolve each document's own tree (not single-page HTML)."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(
        builder, SingleFileHTMLBuilder
    )


def render_state(app: Sphinx, fresh: bool = False) -> RenderState:
    """The build's :class:`RenderState`; made after reading, when the domain is complete
    (``fresh``: at ``env-updated``)."""
    domain = get_domain(app.env)
    state = domain.runtime.get("render")
    if fresh or state is None or state.builder is not app.builder:
        view = BlogView(domain)
        state = domain.runtime["render"] = RenderState(
            view=view,
            builder=app.builder,
            paginate=paginates(app.builder),
            deferred=renders_when_written(app.builder),
        )
        view.paginate = state.paginate
    return state
