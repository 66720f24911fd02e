"""Listings and post chrome as HTML strings (HTML builders).

Everything user-provided passes through :func:`e`. Building strings instead of docutils
nodes keeps large listings cheap: a 1,000-post index renders in milliseconds.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from .archives import archive_docname, display_name, groups_with_names, key_slug, keys_of
from .config import BlogConfig
from .model import Post
from .shared import escape_html

FEED_FILES = (("Atom", "atom.xml"), ("RSS", "rss.xml"), ("JSON Feed", "feed.json"))
# ablog ``:format:`` fields that list archive keys: field -> (archive kind, Post attribute)
_JOINED = {
    "author": ("author", "authors"), "category": ("category", "categories"), "tags": ("tag", "tags"),
    "location": ("location", "locations"), "language": ("language", "languages"),
}


def e(text: Any) -> str:
    return escape_html(text if type(text) is str else str(text))


class HtmlRenderer:
    """HTML for one page. ``url(docname)`` gives a link relative to that page."""

    def __init__(self, view: Any, url: Callable[[str], str], has_doc: Callable[[str], bool], asset: Callable[[str], str] = str) -> None:
        self.view = view
        self.config: BlogConfig = view.config
        self.url = url
        self.has_doc = has_doc
        self.asset = asset  # output path (from the output root) -> URL relative to the page
        self._archive_links: dict[tuple[str, str, str | None], str] = {}

    # small pieces
    def date(self, value: datetime | None, fmt: str | None = None) -> str:
        if value is None:
            return ""
        fmt = fmt or self.config.date_format
        dates = self.view.dates  # shared by all pages
        html = dates.get((value, fmt))
        if html is None:
            try:
                text = value.strftime(fmt)
            except ValueError:
                text = value.date().isoformat()
            html = dates[(value, fmt)] = f'<time datetime="{e(value.date().isoformat())}">{e(text)}</time>'
        return html

    def post_link(self, post: Post, classes: str = "mlblog-post-link") -> str:
        href = post.external_link or self.url(post.docname)
        return f'<a class="reference {classes}" href="{e(href)}">{e(post.title)}</a>'

    def archive_link(self, kind: str, key: str, text: str | None = None) -> str:
        link = self._archive_links.get((kind, key, text))
        if link is None:  # a listing repeats the same few tags and authors
            link = self._archive_links[(kind, key, text)] = self._archive_link(kind, key, text)
        return link

    def _archive_link(self, kind: str, key: str, text: str | None) -> str:
        text = text if text is not None else display_name(kind, key, self.config)
        target = archive_docname(self.config, kind, key)
        if self.has_doc(target):
            return f'<a class="reference mlblog-{kind}" href="{e(self.url(target))}">{e(text)}</a>'
        return f'<span class="mlblog-{kind}">{e(text)}</span>'

    def joined(self, kind: str, keys: tuple[str, ...]) -> str:
        return ", ".join(self.archive_link(kind, k) for k in keys)

    def meta(self, post: Post, fmt: str | None = None) -> str:
        parts = []
        if post.date:
            parts.append(f'<span class="mlblog-date">{self.date(post.date, fmt)}</span>')
        if post.update and post.update != post.date:
            parts.append(f'<span class="mlblog-updated">updated {self.date(post.update, fmt)}</span>')
        if post.authors:
            parts.append(f'<span class="mlblog-authors">by {self.joined("author", post.authors)}</span>')
        parts.append(f'<span class="mlblog-reading-time">{post.minutes} min read</span>')
        return '<p class="mlblog-meta">' + '<span class="mlblog-sep"> · </span>'.join(parts) + "</p>"

    def tags(self, post: Post) -> str:
        if not post.tags:
            return ""
        return '<p class="mlblog-tags">' + "".join(self.archive_link("tag", t) for t in post.tags) + "</p>"

    def badges(self, post: Post) -> str:
        out = []
        if post.featured:
            out.append('<span class="mlblog-badge mlblog-badge-featured">Featured</span>')
        if post.interactive:
            out.append('<span class="mlblog-badge mlblog-badge-interactive">Interactive</span>')
        if post.series:
            label = f"Series: {display_name('series', post.series, self.config)}" + (f" · part {post.part}" if post.part else "")
            out.append(f'<span class="mlblog-badge mlblog-badge-series">{e(label)}</span>')
        return f'<p class="mlblog-badges">{"".join(out)}</p>' if out else ""

    # listings
    def card(self, post: Post, excerpt: bool = True, fmt: str | None = None, level: int = 2) -> str:
        classes = "mlblog-card" + (" mlblog-card-featured" if post.featured else "")
        image = ""
        if post.image and "://" in post.image:
            image = f'<img class="mlblog-card-image" src="{e(post.image)}" alt="" loading="lazy" />'
        elif post.image_target:
            image = f'<img class="mlblog-card-image" src="{e(self.asset(post.image_target))}" alt="" loading="lazy" />'
        body = self.view.excerpt_html(post) if excerpt else ""
        return (
            f'<article class="{classes}">{image}'
            f'<h{level} class="mlblog-card-title">{self.post_link(post)}</h{level}>'
            f"{self.badges(post)}{self.meta(post, fmt)}"
            + (f'<div class="mlblog-excerpt">{body}</div>' if body else "")
            + f"{self.tags(post)}</article>"
        )

    def formatted(self, post: Post, fmt: str, date_format: str | None) -> str:
        """An ablog ``:format:`` line: ``{title}``, ``{date}``, ``{author}``, ..."""
        out = []
        for literal, name in _parsed_format(fmt):
            out.append(literal)
            if name is not None:
                out.append(self._field(post, name, date_format))
        return "".join(out)

    def _field(self, post: Post, name: str, date_format: str | None) -> str:
        if name == "title":
            return self.post_link(post)
        if name == "date":
            return self.date(post.date, date_format)
        if name in _JOINED:
            kind, attr = _JOINED[name]
            return self.joined(kind, getattr(post, attr))
        if name == "series":
            return e(post.series or "")
        if name == "reading_time":
            return f"{post.minutes} min read"
        return ""

    def postlist(self, posts: list[Post], options: dict[str, Any], level: int = 3) -> str:
        if not posts and options.get("hide-empty"):
            return ""
        title = f'<h2 class="mlblog-list-title">{e(options["title"])}</h2>' if options.get("title") else ""
        return title + self._postlist(posts, options, level)

    def _postlist(self, posts: list[Post], options: dict[str, Any], level: int) -> str:
        if not posts:
            return '<p class="mlblog-empty">No posts yet.</p>'
        style = options.get("style") or ("list" if "format" in options or not options.get("excerpts") else "cards")
        date_format = options.get("date") or None
        if style == "cards":
            excerpts = bool(options.get("excerpts", True))
            return '<div class="mlblog-cards">' + "".join(self.card(p, excerpts, date_format, level) for p in posts) + "</div>"
        fmt = options.get("format") or "{date} - {title}"
        classes = f"mlblog-postlist mlblog-style-{e(style)}"
        attrs = f' style="list-style-type: {e(options["list-style"])}"' if options.get("list-style") else ""
        items = []
        for post in posts:
            item = f'<p class="mlblog-item">{self.formatted(post, fmt, date_format)}</p>'
            if options.get("excerpts"):
                body = self.view.excerpt_html(post)
                if body:
                    item += f'<div class="mlblog-excerpt">{body}</div>'
                if options.get("expand"):
                    item += f'<p class="mlblog-expand"><a class="reference" href="{e(self.url(post.docname))}">{e(options["expand"])}</a></p>'
            items.append(f"<li>{item}</li>")
        return f'<ul class="{classes}"{attrs}>' + "".join(items) + "</ul>"

    def pagination(self, kind: str, key: str, page: int, pages: int) -> str:
        if pages <= 1:
            return ""

        def link(number: int, text: str, cls: str, rel: str = "") -> str:
            target = archive_docname(self.config, kind, key, number)
            rel_attr = f' rel="{rel}"' if rel else ""
            return f'<a class="reference {cls}" href="{e(self.url(target))}"{rel_attr}>{e(text)}</a>'

        out = []
        if page > 1:
            out.append(link(page - 1, "← Newer", "mlblog-page-prev", "prev"))
        for number in range(1, pages + 1):
            if number == page:
                out.append(f'<span class="mlblog-page-current" aria-current="page">{number}</span>')
            else:
                out.append(link(number, str(number), "mlblog-page-number"))
        if page < pages:
            out.append(link(page + 1, "Older →", "mlblog-page-next", "next"))
        return '<nav class="mlblog-pagination" aria-label="Pages">' + "".join(out) + "</nav>"

    def feed_links(self, kind: str, key: str) -> str:
        if not self.config.baseurl or kind == "year" or (kind != "index" and not self.config.feed_archives):
            return ""
        folder = self.config.path if kind == "index" else f"{self.config.path}/{kind}/{key}"
        links = " · ".join(
            f'<a class="reference external mlblog-feed-link" href="{e(f"{self.config.baseurl}/{folder}/{name}")}">{label}</a>'
            for label, name in FEED_FILES
        )
        return f'<p class="mlblog-feeds"><span class="mlblog-label">Subscribe:</span> {links}</p>'

    def archive(self, kind: str, key: str, page: int) -> str:
        posts, pages = self.view.archive(kind, key, page)
        if kind == "overview":
            return self.overview(key, posts)
        if kind in ("archive", "drafts"):
            return self.by_year(posts)
        if kind == "year":
            return self.postlist(posts, {"format": "{date} - {title}", "date": self.config.date_format})
        if kind == "series":
            if not posts:
                return '<p class="mlblog-empty">No posts yet.</p>'
            return '<ol class="mlblog-series-list">' + "".join(f"<li>{self.card(p)}</li>" for p in posts) + "</ol>"
        return self.feed_links(kind, key) + self.postlist(posts, {"style": "cards", "excerpts": True}, level=2) + self.pagination(kind, key, page, pages)

    def overview(self, kind: str, posts: list[Post]) -> str:
        items = []
        for slug, name, count in groups_with_names(posts, kind, self.config):
            key = name if kind == "year" else _key_for(posts, kind, slug)
            items.append(f'<li>{self.archive_link(kind, key, name)} <span class="mlblog-count">({count})</span></li>')
        return f'<ul class="mlblog-overview mlblog-overview-{e(kind)}">' + "".join(items) + "</ul>"

    def by_year(self, posts: list[Post]) -> str:
        if not posts:
            return '<p class="mlblog-empty">No posts yet.</p>'
        years: dict[str, list[Post]] = {}
        for post in posts:
            years.setdefault(str(post.date.year) if post.date else "Undated", []).append(post)
        out = []
        for year, items in years.items():
            heading = self.archive_link("year", year, year) if year != "Undated" else year
            out.append(f'<h2 class="mlblog-year">{heading}</h2>')
            out.append(self.postlist(items, {"format": "{date} - {title}", "date": self.config.date_format_short}))
        return "".join(out)

    # post chrome
    def header(self, post: Post, public: bool) -> str:
        banner = "" if public else (
            '<div class="mlblog-draft-banner" role="note"><p>Draft: this post is not published. '
            "It is left out of every listing and feed.</p></div>"
        )
        return f'<div class="mlblog-post-header">{banner}{self.badges(post)}{self.meta(post)}{self.tags(post)}</div>'

    def footer(self, post: Post, chrome: dict[str, Any]) -> str:
        out = []
        if chrome["series"]:
            name = display_name("series", post.series or "", self.config)
            total = len(chrome["series"])
            index = next((i for i, p in enumerate(chrome["series"], 1) if p.docname == post.docname), None)
            label = f"Part {index} of {total} in " if index else "Series: "
            items = "".join(
                f'<li class="mlblog-current" aria-current="page"><p>{e(p.title)}</p></li>' if p.docname == post.docname
                else f"<li><p>{self.post_link(p)}</p></li>"
                for p in chrome["series"]
            )
            out.append(
                f'<nav class="mlblog-series-nav" aria-label="Series"><p class="rubric">{e(label)}'
                f'{self.archive_link("series", post.series or "", name)}</p><ol>{items}</ol></nav>'
            )
        if chrome["older"] or chrome["newer"]:
            nav = '<nav class="mlblog-prevnext" aria-label="Previous and next posts">'
            if chrome["older"]:
                nav += f'<p class="mlblog-prev"><span class="mlblog-label">Previous: </span>{self.post_link(chrome["older"])}</p>'
            if chrome["newer"]:
                nav += f'<p class="mlblog-next"><span class="mlblog-label">Next: </span>{self.post_link(chrome["newer"])}</p>'
            out.append(nav + "</nav>")
        if chrome["related"]:
            out.append(
                '<aside class="mlblog-related" aria-label="Related posts"><p class="rubric">Related posts</p>'
                + self.postlist(chrome["related"], {"format": "{title}", "style": "list"})
                + "</aside>"
            )
        if self.config.giscus and post.comments and chrome["public"]:
            out.append(self.giscus())
        return f'<footer class="mlblog-post-footer">{"".join(out)}</footer>' if out else ""

    def giscus(self) -> str:
        """giscus comments (the script is giscus's own; only when configured)."""
        g = self.config.giscus
        attrs = {
            "data-repo": g["repo"], "data-repo-id": g["repo_id"], "data-category": g["category"],
            "data-category-id": g["category_id"], "data-mapping": g.get("mapping", "pathname"),
            "data-strict": "1", "data-reactions-enabled": g.get("reactions", "1"), "data-emit-metadata": "0",
            "data-input-position": "top", "data-theme": g.get("theme", "preferred_color_scheme"),
            "data-lang": g.get("lang", "en"), "data-loading": "lazy", "crossorigin": "anonymous",
        }
        rendered = " ".join(f'{k}="{e(v)}"' for k, v in attrs.items())
        return f'<section class="mlblog-comments" aria-label="Comments"><script src="https://giscus.app/client.js" {rendered} async></script></section>'



@lru_cache(maxsize=64)
def _parsed_format(fmt: str) -> tuple[tuple[str, str | None], ...]:
    """``(escaped literal text, field name or None)`` pairs of a ``:format:`` string."""
    return tuple((e(literal), name) for literal, name, _spec, _conv in string.Formatter().parse(fmt))


def _key_for(posts: list[Post], kind: str, slug: str) -> str:
    for post in posts:
        for key in keys_of(post, kind):
            if key_slug(key) == slug:
                return key
    return slug
