"""What the package's templates see of posts and links.

A :class:`PostContext` is ``post`` in a template's context; its links are
:class:`Link` objects, which render as themselves (``{{ tag }}``) and have their parts
(``{{ tag.name }}``, ``{{ tag.url }}``). Every string comes escaped by the template's
autoescaping. Contexts, and the HTML made from them, are the same on every page: their
URLs are markers that each page resolves when it is written (:mod:`.urls`), so a card is
rendered once per build however many pages show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup

from ..compat import fast_escape
from ..i18n import format_date, link_label
from ..model.archives import archive_docname, display_name
from ..model.links import PaperLink
from ..model.post import Post


class Link(Markup):
    """A link to a post or an archive page: ``name``, ``url`` (None when the page does not
    exist: it renders as a ``<span>``) and ``kind`` (``post``, ``tag``, ``author``, ...)."""

    name: str
    url: str | None
    kind: str


def make_link(kind: str, name: str, url: str | None, css: str) -> Link:
    """``dir="auto"``: the name is isolated from the text around it (bidi), so a name in
    a right-to-left script, or one holding a direction override, cannot reorder its
    neighbours (the next tag, the date)."""
    # escape() then an f-string: Markup's own % formatting costs several times more
    if url is not None:
        html = f'<a class="reference {css}" href="{fast_escape(url)}" dir="auto">{fast_escape(name)}</a>'
    else:
        html = f'<span class="{css}" dir="auto">{fast_escape(name)}</span>'
    link = Link(html)
    link.name, link.url, link.kind = name, url, kind
    return link


@dataclass(frozen=True)
class BadgeLink:
    """One paper link as a badge shows it: ``kind`` (``arxiv``, ``code``, ..., or "" for
    a label of the author's own), ``label`` (translated for a known kind), ``url``."""

    kind: str
    label: str
    url: str


def badge_links(links: tuple[PaperLink, ...]) -> tuple[BadgeLink, ...]:
    return tuple(
        BadgeLink(link.kind, link.label or link_label(link.kind), link.url) for link in links
    )


@dataclass(frozen=True)
class SeriesInfo:
    """A post's series: its display ``name``, ``link`` to the series page, ``part``."""

    name: str
    link: Link
    part: int | None

    @property
    def url(self) -> str | None:
        return self.link.url


@dataclass(slots=True, eq=False)
class PostContext:
    """One post as templates see it: ``docname``, ``title``, ``url`` (its page, or its
    ``external_link``), ``link`` (the title linking ``url``), ``date``, ``update``,
    ``authors``, ``tags``, ``categories``, ``locations``, ``languages`` (links),
    ``series`` (:class:`SeriesInfo` or None), ``featured``, ``interactive``, ``draft``,
    ``minutes``, ``image`` (the card image's URL or ""), ``summary`` (the excerpt as
    plain text), ``links`` (its paper links, :class:`BadgeLink`: ``kind``, ``label``,
    ``url``)."""

    docname: str
    title: str
    url: str
    link: Link
    date: datetime | None
    update: datetime | None
    authors: tuple[Link, ...]
    tags: tuple[Link, ...]
    categories: tuple[Link, ...]
    locations: tuple[Link, ...]
    languages: tuple[Link, ...]
    series: SeriesInfo | None
    featured: bool
    interactive: bool
    draft: bool
    minutes: int
    image: str
    summary: str
    links: tuple[BadgeLink, ...]


class Contexts:
    """Post contexts, archive links and dates, each made once per build (they are the
    same on every page: URLs are markers, :class:`~.urls.Markers`)."""

    def __init__(self, state: Any) -> None:
        self.state, self.view, self.config = state, state.view, state.view.config
        self.markers = state.markers
        self.has_doc = state.view.has_page
        self._links: dict[tuple[str, str, str | None], Link] = {}
        self._posts: dict[str, PostContext] = {}
        self._dates: dict[tuple[datetime, str], Markup] = {}

    def archive_link(self, kind: str, key: str, text: str | None = None) -> Link:
        link = self._links.get((kind, key, text))
        if link is None:
            name = text if text is not None else display_name(kind, key, self.config)
            target = archive_docname(self.config, kind, key, slugs=self.view.slugs)
            url = self.markers.doc(target) if self.has_doc(target) else None
            link = self._links[(kind, key, text)] = make_link(kind, name, url, f"mlblog-{kind}")
        return link

    def post(self, post: Post) -> PostContext:
        context = self._posts.get(post.key)
        if context is None:
            context = self._posts[post.key] = self._post(post)
        return context

    def _post(self, post: Post) -> PostContext:
        url = post.external_link or self.markers.doc(post.docname) + post.fragment
        keyed = {
            kind: tuple(self.archive_link(kind, key) for key in keys)
            for kind, keys in (
                ("author", post.authors), ("tag", post.tags), ("category", post.categories),
                ("location", post.locations), ("language", post.languages),
            )
        }  # fmt: skip
        series = None
        if post.series:
            name = display_name("series", post.series, self.config)
            series = SeriesInfo(name, self.archive_link("series", post.series, name), post.part)
        return PostContext(
            docname=post.docname, title=post.title, url=url,
            link=make_link("post", post.title, url, "mlblog-post-link"),
            date=post.date, update=post.update, authors=keyed["author"], tags=keyed["tag"],
            categories=keyed["category"], locations=keyed["location"], languages=keyed["language"],
            series=series, featured=post.featured, interactive=post.interactive, draft=post.draft,
            minutes=post.minutes, image=self._image(post), summary=post.excerpt,
            links=badge_links(post.links),
        )  # fmt: skip

    def _image(self, post: Post) -> str:
        """The URL of a post's card image (an absolute one as given)."""
        if post.image and "://" in post.image:
            return post.image
        return self.markers.asset(post.image_target) if post.image_target else ""

    def date(self, value: datetime | None, fmt: str | None = None) -> Markup | str:
        """A ``<time>`` element, its text in ``fmt`` (``post_date_format``) and the
        project's ``language``."""
        if value is None:
            return ""
        fmt = fmt or self.config.date_format
        html = self._dates.get((value, fmt))
        if html is None:
            text = format_date(value, fmt, self.state.builder.config.language)
            html = Markup(f'<time datetime="{value.date().isoformat()}">{fast_escape(text)}</time>')
            self._dates[(value, fmt)] = html
        return html
