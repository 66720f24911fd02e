"""Listings, archive pages and post chrome as HTML, from the package's templates.

A card shows the same HTML wherever its links come out the same, so it is rendered once
per build for each such set of links (tag pages 2, 3, ... of every tag share them).
"""

from __future__ import annotations

import string
from functools import cached_property, lru_cache
from typing import Any

from markupsafe import Markup, escape

from ..compat import fast_escape
from ..i18n import _, key_title
from ..model.archives import (
    FEED_FILES,
    KEYED_KINDS,
    archive_docname,
    feed_folder,
    key_for_slug,
)
from ..model.post import Post
from ..util import runs_page_scripts
from .cite import cite_context
from .context import Contexts
from .excerptrefs import page_links
from .excerpts import excerpt_html
from .templates import project_has_template

#: How many tag chips a listing's filter offers (its most used tags)
FILTER_TAGS = 24

# ablog ``:format:`` fields that list archive keys: field -> (archive kind, PostContext attribute)
_JOINED = {
    "author": ("author", "authors"),
    "category": ("category", "categories"),
    "tags": ("tag", "tags"),
    "location": ("location", "locations"),
    "language": ("language", "languages"),
}


def _titled_link(kind: str, link: Markup) -> Markup:
    """``Posts tagged “<a>gpu</a>”``: a key's page title around its link."""
    before, _marker, after = key_title(kind, "\x00").partition("\x00")
    return escape(before) + link + escape(after)


@lru_cache(maxsize=64)
def _parsed_format(fmt: str) -> tuple[tuple[str, str | None], ...]:
    """``(literal text, field name or None)`` pairs of a ``:format:`` string."""
    return tuple((literal, name) for literal, name, _spec, _conv in string.Formatter().parse(fmt))


class RowHtml(Contexts):
    """ablog's ``:format:`` lines of a list of posts."""

    def formatted(self, post: Post, fmt: str, date_format: str | None) -> Markup:
        """An ablog ``:format:`` line: ``{title}``, ``{date}``, ``{author}``, ..."""
        out = []
        for literal, name in _parsed_format(fmt):
            out.append(fast_escape(literal))
            if name is not None:
                out.append(self._field(post, name, date_format))
        return Markup("".join(out))  # each part escaped, or markup

    def _field(self, post: Post, name: str, date_format: str | None) -> Markup | str:
        context = self.post(post)
        if name == "title":
            return context.link
        if name == "date":
            return self.date(post.date, date_format)
        if name in _JOINED:
            return Markup(", ").join(getattr(context, _JOINED[name][1]))
        if name == "series":
            return escape(post.series or "")
        if name == "reading_time":
            return escape(str(_("%(minutes)d min read")) % {"minutes": post.minutes})
        return ""


class ListingHtml(RowHtml):
    """Cards and lists of posts."""

    def __init__(self, state: Any) -> None:
        super().__init__(state)
        self.templates = state.templates

    def excerpt(self, post: Post) -> Markup:
        html = excerpt_html(
            self.state.builder, post, self.state.fragments.setdefault("excerpts", {})
        )
        return Markup(page_links(html, self.markers.asset))

    def card(
        self, post: Post, excerpt: bool = True, fmt: str | None = None, level: int = 2
    ) -> Markup:
        context = self.post(post)
        key = ("card", post.key, excerpt, fmt, level)
        html = self.state.fragments.get(key)
        if html is None:
            html = self.state.fragments[key] = self.templates.render(
                "mlblog/card.html",
                post=context,
                excerpt=self.excerpt(post) if excerpt else "",
                level=level,
                **self.dates(post, fmt),
            )
        return html

    def dates(self, post: Post, fmt: str | None = None) -> dict[str, Any]:
        """``date`` and ``updated`` of the templates that show a post's meta line."""
        updated = self.date(post.update, fmt) if post.update and post.update != post.date else ""
        return {"date": self.date(post.date, fmt), "updated": updated}

    def postlist(self, posts: list[Post], options: dict[str, Any], level: int = 3) -> Markup:
        if not posts and options.get("hide-empty"):
            return Markup("")
        style = options.get("style") or (
            "list" if "format" in options or not options.get("excerpts") else "cards"
        )
        date_format = options.get("date") or None
        listing: dict[str, Any] = {
            "title": options.get("title") or "",
            "count": len(posts),
            "style": style,
            "list_style": options.get("list-style") or "",
            "cards": [],
            "items": [],
        }
        if style == "cards":
            excerpts = bool(options.get("excerpts", True))
            listing["cards"] = [self.card(p, excerpts, date_format, level) for p in posts]
        else:  # as ablog: a list's dates in post_date_format_short unless :date: says
            date_format = date_format or self.config.date_format_short
            listing["items"] = [self._item(p, options, date_format) for p in posts]
        return self.templates.render("mlblog/postlist.html", **listing)

    def _item(self, post: Post, options: dict[str, Any], date_format: str | None) -> dict[str, Any]:
        """A row of a list: the same wherever the post is listed alike (a post is a row of
        the archive, its year and each of its tags' catalogs): made once."""
        excerpts = bool(options.get("excerpts"))
        fmt = options.get("format") or "{date} - {title}"
        expand = options.get("expand") if excerpts else ""
        key = ("item", post.key, fmt, date_format, excerpts, expand)
        item = self.state.fragments.get(key)
        if item is None:
            item = self.state.fragments[key] = {
                "line": self.formatted(post, fmt, date_format),
                "excerpt": self.excerpt(post) if excerpts else "",
                "expand": expand,
                "url": self.markers.doc(post.docname) + post.fragment,
            }
        return item


class FilterHtml(ListingHtml):
    """The client-side filter of a listing (``blog_filters``)."""

    def __init__(self, state: Any) -> None:
        super().__init__(state)
        self._filters: dict[tuple[str, str], Markup] = {}

    def filter_box(self, kind: str, key: str) -> Markup | str:
        """The filter of a listing (its text box and tag chips), for builders whose pages
        run the blog's scripts; hidden until ``mlblog-filter.js`` shows it. The same on
        every page of the listing: made once."""
        if not self.config.filters or not runs_page_scripts(self.state.builder, False):
            return ""
        made = self._filters.get((kind, key))
        if made is None:
            made = self._filters[(kind, key)] = self._filter_box(kind, key)
        return made

    def _filter_box(self, kind: str, key: str) -> Markup:
        scope = self.view.public if kind == "index" else self.view.posts_for(kind, key)
        groups = sorted(
            self.view.groups("tag", scope), key=lambda group: (-group[2], group[1].casefold())
        )
        tags = [
            {"slug": slug, "name": name, "count": count}
            for slug, name, count in groups[:FILTER_TAGS]
            if not (kind == "tag" and slug == key)
        ]
        return self.templates.render(
            "mlblog/filter.html", kind=kind, key=key, tags=tags, total=len(scope)
        )


class ArchiveHtml(FilterHtml):
    """The body of a generated archive page."""

    def archive(self, kind: str, key: str, page: int) -> Markup:
        posts, pages = self.view.archive(kind, key, page)
        if kind == "overview":
            return self.overview(key, posts)
        if kind in ("archive", "drafts"):
            return self.years(posts)
        if kind == "year" and self.config.url_style != "ablog":  # ablog's show excerpts
            return self.postlist(
                posts, {"format": "{date} - {title}", "date": self.config.date_format}
            )
        if kind == "series":
            return self.templates.render(
                "mlblog/series-list.html", cards=[self.card(p) for p in posts]
            )
        return self.templates.render(
            "mlblog/archive.html",
            kind=kind,
            key=key,
            page=page,
            pages=pages,
            feeds=self.feed_links(kind, key),
            listing=self.postlist(posts, self._archive_listing(), level=2),
            pagination=self.pagination(kind, key, page, pages),
            filter=self.filter_box(kind, key),
        )

    def _archive_listing(self) -> dict[str, Any]:
        """Cards with excerpts; with ablog's ``blog_archive_titles``, dates and titles."""
        if self.config.archive_titles:
            return {"format": "{date} - {title}", "date": self.config.date_format}
        return {"style": "cards", "excerpts": True}

    def pagination(self, kind: str, key: str, page: int, pages: int) -> Markup | str:
        if pages <= 1:
            return ""

        def url(number: int) -> str:
            return self.markers.doc(archive_docname(self.config, kind, key, number))

        return self.templates.render(
            "mlblog/pagination.html",
            page=page,
            pages=[
                {"number": n, "url": "" if n == page else url(n), "current": n == page}
                for n in range(1, pages + 1)
            ],
            newer=url(page - 1) if page > 1 else "",
            older=url(page + 1) if page < pages else "",
        )

    def feed_links(self, kind: str, slug: str) -> Markup | str:
        feeds = archive_feeds(self.config, kind, slug)
        return self.templates.render("mlblog/feed-links.html", feeds=feeds) if feeds else ""


def archive_feeds(config: Any, kind: str, slug: str) -> list[dict[str, str]]:
    """``label`` and absolute ``url`` of an archive's feeds (none without ``blog_baseurl``,
    and for other archives than the blog's only with ``blog_feed_archives``)."""
    if not config.baseurl or kind not in (*KEYED_KINDS, "index"):
        return []
    if kind != "index" and not config.feed_archives:
        return []
    folder = feed_folder(config, kind, slug)
    return [
        {"label": label, "url": f"{config.baseurl}/{folder}/{name}"}
        for _format, label, name in FEED_FILES
    ]


class OverviewHtml(ListingHtml):
    """The overview pages: every tag (category, author, ...) of the blog, and the years."""

    def overview(self, kind: str, posts: list[Post]) -> Markup:
        """Every key of ``kind`` with its count; on a site with ablog's addresses, a
        catalog as ablog's is: each key heading the dates and titles of its posts."""
        groups = []
        slugs = self.view.slugs
        catalog = self.config.url_style == "ablog" and kind != "year"
        for slug, name, count in self.view.groups(kind, posts):
            link = self.archive_link(
                kind, name if kind == "year" else key_for_slug(posts, kind, slug, slugs), name
            )
            group = {"link": link, "name": name, "url": link.url, "count": count}
            if catalog:
                group["heading"] = _titled_link(kind, link)
                group["listing"] = self.postlist(
                    self.view.posts_for(kind, slug),
                    {"format": "{date} - {title}", "date": self.config.date_format},
                )
            groups.append(group)
        return self.templates.render(
            "mlblog/overview.html", kind=kind, groups=groups, catalog=catalog
        )

    def years(self, posts: list[Post]) -> Markup:
        by_year: dict[str, list[Post]] = {}
        for post in posts:
            by_year.setdefault(str(post.date.year) if post.date else "", []).append(post)
        years = [
            {
                "heading": self.archive_link("year", year, year) if year else str(_("Undated")),
                "listing": self.postlist(
                    items, {"format": "{date} - {title}", "date": self.config.date_format_short}
                ),
            }
            for year, items in by_year.items()
        ]
        return self.templates.render("mlblog/years.html", years=years)


class ChromeHtml(ListingHtml):
    """A post's header (under its title) and footer. A project's own
    ``ablog/postnavy.html`` is its previous/next links (:func:`.ablog_api.add_postnavy`):
    the footer then has none of its own."""

    @cached_property
    def own_postnavy(self) -> bool:
        return project_has_template(self.state.builder, "ablog/postnavy.html")

    def header(self, post: Post, public: bool) -> Markup:
        return self.templates.render(
            "mlblog/post-header.html", post=self.post(post), public=public, **self.dates(post)
        )

    def footer(self, post: Post, chrome: dict[str, Any]) -> Markup:
        series = chrome["series"]
        config = self.config
        return self.templates.render(
            "mlblog/post-footer.html",
            post=self.post(post),
            series=[self.post(p) for p in series],
            series_index=next((i for i, p in enumerate(series, 1) if p.key == post.key), None),
            older=self.post(chrome["older"]) if chrome["older"] and not self.own_postnavy else None,
            newer=self.post(chrome["newer"]) if chrome["newer"] and not self.own_postnavy else None,
            related=[self.post(p) for p in chrome["related"]],
            giscus=config.giscus if config.giscus and post.comments and chrome["public"] else None,
            cite=cite_context(post, config, self.state.builder)
            if config.cite and post.cite and chrome["public"]
            else None,
        )


class BlogHtml(ArchiveHtml, OverviewHtml, ChromeHtml):
    """Everything the blog shows, as HTML whose URLs are markers: the same for every page,
    so made once per build (:meth:`~.state.RenderState.page` resolves it for a page)."""
