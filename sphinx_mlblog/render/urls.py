"""Links relative to one page: computed from the builder's target URIs (shared between
pages of one folder), and written into HTML that many pages share as markers that each
page resolves."""

from __future__ import annotations

import re
from typing import Any

from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from ..util import escape_html


class PageLinks:
    """``url(docname)``: the link from one page to a document; ``asset(path)``: to a file
    by its path in the output. Links are shared between pages of one folder (a page's
    link to itself is not: it depends on the file name)."""

    def __init__(
        self,
        builder: Any,
        pagename: str,
        target_uris: dict[str, str],
        shared: dict[tuple[str, str], str],
        escaped: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.builder, self.pagename = builder, pagename
        self.page_uri = builder.get_target_uri(pagename)
        self.folder = self.page_uri.rpartition("/")[0]
        # Builders that keep Sphinx's get_relative_uri (target URI relative to the page's)
        # share the build's target URIs; others (single-page HTML) are asked each time.
        self._plain = type(builder).get_relative_uri is Builder.get_relative_uri
        self._targets, self._shared = target_uris, shared
        self._uris: dict[str, str] = {}
        #: marker -> its escaped link from this page, shared by the pages of its folder
        #: (:meth:`Markers.resolve`; a page's link to itself is left out of it)
        self.escaped: dict[str, str] = (
            escaped.setdefault(self.folder, {}) if self._plain and escaped is not None else {}
        )

    def url(self, target: str) -> str:
        uri = self._uris.get(target)
        if uri is None:
            uri = (
                self._shared_url(target)
                if self._plain
                else self.builder.get_relative_uri(self.pagename, target)
            )
            self._uris[target] = uri
        return uri

    def _shared_url(self, target: str) -> str:
        target_uri = self._targets.get(target)
        if target_uri is None:
            target_uri = self._targets[target] = self.builder.get_target_uri(target)
        if target_uri == self.page_uri:  # a link to the page itself depends on its file name
            return relative_uri(self.page_uri, target_uri)
        uri = self._shared.get((self.folder, target_uri))  # any other depends on the folder only
        if uri is None:
            uri = self._shared[(self.folder, target_uri)] = relative_uri(self.page_uri, target_uri)
        return uri

    def asset(self, path: str) -> str:
        """A file by its path from the output root (e.g. a copied card image)."""
        return relative_uri(self.page_uri, path)


class Markers:
    """Stand-ins for URLs in HTML that every page shares (cards, links to tags, ...):
    ``doc(docname)`` and ``asset(path)`` give a marker, and :meth:`resolve` replaces each
    marker in a page's HTML by the link from that page, escaped."""

    def __init__(self) -> None:
        self._markers: dict[tuple[str, str], str] = {}
        self._targets: list[tuple[str, str]] = []

    def _marker(self, kind: str, target: str) -> str:
        marker = self._markers.get((kind, target))
        if marker is None:
            marker = self._markers[(kind, target)] = f"\x00{len(self._targets)}\x00"
            self._targets.append((kind, target))
        return marker

    def doc(self, docname: str) -> str:
        return self._marker("doc", docname)

    def asset(self, path: str) -> str:
        return self._marker("asset", path)

    def resolve(self, html: str, links: PageLinks) -> str:
        if "\x00" not in html:
            return html
        parts = html.split("\x00")  # text, marker, text, marker, ..., text
        if len(parts) % 2 == 0:
            return self._resolve_among_nul(html, links)
        urls = links.escaped
        own = self._markers.get(("doc", links.pagename))  # the page's link to itself
        own = own[1:-1] if own else None
        try:
            for index in range(1, len(parts), 2):
                marker = parts[index]
                url = urls.get(marker) if marker != own else None
                if url is None:
                    if not marker.isdigit():
                        raise ValueError(marker)
                    url = self._url(int(marker), links)
                    if marker != own:
                        urls[marker] = url
                parts[index] = url
        except (ValueError, IndexError):  # not a marker: a NUL of the text
            return self._resolve_among_nul(html, links)
        return "".join(parts)

    def _url(self, index: int, links: PageLinks) -> str:
        """The escaped link of marker ``index`` from the page (IndexError: no marker)."""
        kind, target = self._targets[index]
        return escape_html(links.url(target) if kind == "doc" else links.asset(target))

    def _resolve_among_nul(self, html: str, links: PageLinks) -> str:
        """:meth:`resolve` for HTML that holds NUL characters of its own (text from a
        page, which no front matter cleaning saw): each marker replaced, the rest dropped
        (no HTML may hold them)."""

        def url(match: re.Match) -> str:
            index = int(match[1])
            return self._url(index, links) if index < len(self._targets) else ""

        return _MARKER.sub(url, html).replace("\x00", "")


_MARKER = re.compile("\x00(\\d+)\x00")


def page_links(state: Any, pagename: str) -> PageLinks:
    """Links for ``pagename`` sharing the build's caches (:class:`~.state.RenderState`)."""
    return PageLinks(
        state.builder, pagename, state.target_uris, state.relative_uris, state.escaped_links
    )
