"""What the package's templates see of posts and links, for one page.

A :class:`PostContext` is ``post`` in a template's context; its links are
:class:`Link` objects, which render as themselves (``{{ tag }}``) and have their parts
(``{{ tag.name }}``, ``{{ tag.url }}``). Every string comes escaped by the template's
autoescaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup

from ..model.archives import archive_docname, display_name
from ..model.post import Post
from .urls import page_links


class Link(Markup):
    """A link to a post or an archive page: ``name``, ``url`` (None when the page does not
    exist: it renders as a ``<span>``; "" on the page itself) and ``kind`` (``post``,
    ``tag``, ``author``, ...)."""

    name: str
    url: str | None
    kind: str


def make_link(kind: str, name: str, url: str | None, css: str) -> Link:
    if url is not None:
        html = Markup('<a class="reference %s" href="%s">%s</a>') % (css, url, name)
    else:
        html = Markup('<span class="%s">%s</span>') % (css, name)
    link = Link(html)
    link.name, link.url, link.kind = name, url, kind
    return link


@dataclass(frozen=True)
class SeriesInfo:
    """A post's series: its display ``name``, ``link`` to the series page, ``part``."""

    name: str
    link: Link
    part: int | None

    @property
    def url(self) -> str | None:
        return self.link.url


@dataclass(frozen=True)
class PostContext:
    """One post as templates see it, with links relative to the page shown."""

    docname: str
    title: str
    url: str  # the post's page (or its ``external_link``)
    link: Link  # the title linking ``url``
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
    image: str  # the card image's URL, or ""
    summary: str  # the excerpt as plain text

    def links(self) -> tuple:
        """Every URL the post's context holds (two posts' cards that agree on these,
        and on the other options, are the same HTML)."""
        series = self.series.url if self.series else None
        return (
            self.url,
            self.image,
            series,
            *[
                tuple(link.url for link in group)
                for group in (
                    self.authors,
                    self.tags,
                    self.categories,
                    self.locations,
                    self.languages,
                )
            ],
        )


class PageContext:
    """Post contexts, archive links and dates for one page, sharing what the build's
    :class:`~.state.RenderState` keeps for every page."""

    def __init__(self, state: Any, pagename: str, has_doc: Any) -> None:
        self.state, self.view, self.config = state, state.view, state.view.config
        self.templates = state.templates
        self.links = page_links(state, pagename)
        self.pagename, self.has_doc = pagename, has_doc
        self._archive_links: dict[tuple[str, str, str | None], Link] = {}
        self._posts: dict[str, PostContext] = {}

    def archive_link(self, kind: str, key: str, text: str | None = None) -> Link:
        link = self._archive_links.get((kind, key, text))
        if link is None:  # a listing repeats the same few tags and authors
            name = text if text is not None else display_name(kind, key, self.config)
            target = archive_docname(self.config, kind, key)
            url = self.links.url(target) if self.has_doc(target) else None
            link = self._archive_links[(kind, key, text)] = make_link(
                kind, name, url, f"mlblog-{kind}"
            )
        return link

    def post(self, post: Post) -> PostContext:
        context = self._posts.get(post.docname)
        if context is None:
            context = self._posts[post.docname] = self._post(post)
        return context

    def _post(self, post: Post) -> PostContext:
        url = post.external_link or self.links.url(post.docname)
        keyed = {
            kind: tuple(self.archive_link(kind, key) for key in keys)
            for kind, keys in (
                ("author", post.authors),
                ("tag", post.tags),
                ("category", post.categories),
                ("location", post.locations),
                ("language", post.languages),
            )
        }
        series = None
        if post.series:
            name = display_name("series", post.series, self.config)
            series = SeriesInfo(name, self.archive_link("series", post.series, name), post.part)
        return PostContext(
            docname=post.docname,
            title=post.title,
            url=url,
            link=make_link("post", post.title, url, "mlblog-post-link"),
            date=post.date,
            update=post.update,
            authors=keyed["author"],
            tags=keyed["tag"],
            categories=keyed["category"],
            locations=keyed["location"],
            languages=keyed["language"],
            series=series,
            featured=post.featured,
            interactive=post.interactive,
            draft=post.draft,
            minutes=post.minutes,
            image=card_image(post, self.links),
            summary=post.excerpt,
        )

    def date(self, value: datetime | None, fmt: str | None = None) -> Markup | str:
        return time_element(self.state, value, fmt or self.config.date_format)


def card_image(post: Post, links: Any) -> str:
    """The URL of a post's card image, relative to the page (an absolute one as given)."""
    if post.image and "://" in post.image:
        return post.image
    return links.asset(post.image_target) if post.image_target else ""


def time_element(state: Any, value: datetime | None, fmt: str) -> Markup | str:
    """A ``<time>`` element, its text in ``fmt`` (``post_date_format``) and the project's
    ``language``; each (date, format) made once per build."""
    if value is None:
        return ""
    key = ("date", value, fmt)
    html = state.fragments.get(key)
    if html is None:
        text = format_date(value, fmt, state.builder.config.language)
        html = state.fragments[key] = Markup('<time datetime="%s">%s</time>') % (
            value.date().isoformat(),
            text,
        )
    return html


def format_date(value: datetime, fmt: str, language: str | None) -> str:
    """``value`` in the ``strftime`` format ``fmt``; month and day names in ``language``
    (by Sphinx's own date formatting, as for ``today_fmt``)."""
    if language and language != "en" and not language.startswith("en_"):
        try:
            from sphinx.util.i18n import format_date as sphinx_format_date

            return sphinx_format_date(fmt, date=value, language=language)
        except Exception:  # a format or language babel does not know: as strftime has it
            pass
    try:
        return value.strftime(fmt)
    except ValueError:
        return value.date().isoformat()
