"""Atom 1.0, RSS 2.0 and JSON Feed 1.1: pure render functions, written at ``build-finished``.

Entries come from the domain (drafts and future posts never appear). Full-text entries
use each post's rendered body, saved as a fragment file when the page is written (one
file per page, so parallel writers do not collide) and reused by later incremental builds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from sphinx.application import Sphinx

from .archives import archive_docname, display_name, key_slug
from .config import BlogConfig, blog_config
from .listings import get_view
from .model import ARCHIVE_KINDS, Post
from .shared import absolute_url, write_if_changed
from .warnings_ import MLBlogWarning, warn

FRAGMENTS = "mlblog-fragments"
CHROME_START, CHROME_END = "<!--mlblog:chrome-->", "<!--/mlblog:chrome-->"
_CHROME = re.compile(re.escape(CHROME_START) + r".*?" + re.escape(CHROME_END), re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_URL_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile("[\x00-\x1f&<>\"\ufffe\uffff]")  # anything _x or _attr would change


@dataclass(frozen=True)
class Entry:
    """One feed entry, with every URL absolute."""

    id: str
    url: str
    title: str
    published: datetime
    updated: datetime
    authors: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    summary: str
    content_html: str | None


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str | None
    home_url: str
    entries: tuple[Entry, ...]
    paths: dict[str, str]  # format -> absolute URL of that feed

    @property
    def updated(self) -> datetime:
        return max((e.updated for e in self.entries), default=datetime(1970, 1, 1, tzinfo=timezone.utc))


def _x(text: str) -> str:
    if _XML_SPECIAL.search(text) is None:  # most titles, URLs and names: nothing to do
        return text
    return escape(_XML_INVALID.sub("", text))


def _attr(text: str) -> str:
    if _XML_SPECIAL.search(text) is None:
        return f'"{text}"'
    return quoteattr(_XML_INVALID.sub("", text))


def render_atom(feed: Feed) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">']
    out.append(f"  <id>{_x(feed.id)}</id>")
    out.append(f'  <title type="text">{_x(feed.title)}</title>')
    if feed.subtitle:
        out.append(f'  <subtitle type="text">{_x(feed.subtitle)}</subtitle>')
    out.append(f"  <updated>{feed.updated.isoformat()}</updated>")
    out.append(f'  <link rel="self" type="application/atom+xml" href={_attr(feed.paths["atom"])}/>')
    out.append(f'  <link rel="alternate" type="text/html" href={_attr(feed.home_url)}/>')
    out.append("  <generator>sphinx-mlblog</generator>")
    if not any(e.authors for e in feed.entries):
        out.append(f"  <author><name>{_x(feed.title)}</name></author>")
    for e in feed.entries:
        out.append("  <entry>")
        out.append(f"    <id>{_x(e.id)}</id>")
        out.append(f'    <title type="text">{_x(e.title)}</title>')
        out.append(f'    <link rel="alternate" type="text/html" href={_attr(e.url)}/>')
        out.append(f"    <published>{e.published.isoformat()}</published>")
        out.append(f"    <updated>{e.updated.isoformat()}</updated>")
        for name, uri in e.authors:
            out.append(f"    <author><name>{_x(name)}</name>" + (f"<uri>{_x(uri)}</uri>" if uri else "") + "</author>")
        for tag in e.tags:
            out.append(f"    <category term={_attr(tag)} label={_attr(tag)}/>")
        if e.summary:
            out.append(f'    <summary type="text">{_x(e.summary)}</summary>')
        if e.content_html is not None:
            out.append(f'    <content type="html">{_x(e.content_html)}</content>')
        out.append("  </entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def render_rss(feed: Feed) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        "<channel>",
        f"  <title>{_x(feed.title)}</title>",
        f"  <link>{_x(feed.home_url)}</link>",
        f"  <description>{_x(feed.subtitle or feed.title)}</description>",
        f'  <atom:link href={_attr(feed.paths["rss"])} rel="self" type="application/rss+xml"/>',
        f"  <lastBuildDate>{format_datetime(feed.updated)}</lastBuildDate>",
        "  <generator>sphinx-mlblog</generator>",
    ]
    for e in feed.entries:
        out.append("  <item>")
        out.append(f"    <title>{_x(e.title)}</title>")
        out.append(f"    <link>{_x(e.url)}</link>")
        out.append(f'    <guid isPermaLink="false">{_x(e.id)}</guid>')
        out.append(f"    <pubDate>{format_datetime(e.published)}</pubDate>")
        for name, _uri in e.authors:
            out.append(f"    <dc:creator>{_x(name)}</dc:creator>")
        for tag in e.tags:
            out.append(f"    <category>{_x(tag)}</category>")
        out.append(f"    <description>{_x(e.summary)}</description>")
        if e.content_html is not None:
            out.append(f"    <content:encoded>{_x(e.content_html)}</content:encoded>")
        out.append("  </item>")
    out += ["</channel>", "</rss>"]
    return "\n".join(out) + "\n"


def render_json(feed: Feed) -> str:
    data: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.paths["json"],
        "items": [],
    }
    if feed.subtitle:
        data["description"] = feed.subtitle
    for e in feed.entries:
        item: dict[str, Any] = {
            "id": e.id, "url": e.url, "title": e.title,
            "date_published": e.published.isoformat(), "date_modified": e.updated.isoformat(),
            "summary": e.summary, "tags": list(e.tags),
        }
        if e.authors:
            item["authors"] = [{"name": n, **({"url": u} if u else {})} for n, u in e.authors]
        if e.content_html is not None:
            item["content_html"] = e.content_html
        else:
            item["content_text"] = e.summary
        data["items"].append(item)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: the C encoder


RENDERERS = {"atom": (render_atom, "atom.xml"), "rss": (render_rss, "rss.xml"), "json": (render_json, "feed.json")}


# -- from the build to Feed objects ---------------------------------------------------
def _tz(config: BlogConfig):
    from zoneinfo import ZoneInfo

    return ZoneInfo(config.timezone)


def absolutize(html: str, page_url: str) -> str:
    """Make every ``href``/``src`` in ``html`` absolute against ``page_url``."""

    def fix(match: re.Match) -> str:
        value = match.group(2)
        if value.startswith(("#",)):
            return f'{match.group(1)}="{page_url}{value}"'
        return f'{match.group(1)}="{urljoin(page_url, value)}"'

    return _URL_ATTR.sub(fix, html)


def clean_body(body: str) -> str:
    """A page body without the blog chrome and permalink anchors."""
    return _HEADERLINK.sub("", _CHROME.sub("", body)).strip()


def fragment_path(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir) / FRAGMENTS / f"{docname}.html"


def save_fragment(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: keep a post's rendered body for full-text feeds."""
    if doctree is None or "body" not in context or not blog_config(app.config).feed_fulltext:
        return
    if pagename not in get_view(app).domain.posts:
        return
    path = fragment_path(app, pagename)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(clean_body(context["body"]), encoding="utf-8")


class FeedBuilder:
    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.view = get_view(app)
        self.config = self.view.config
        self.tz = _tz(self.config)
        self.base = self.config.baseurl + "/"

    def url(self, docname: str) -> str:
        return absolute_url(self.base, self.app.builder.get_target_uri(docname))

    def _aware(self, value: datetime) -> datetime:
        return value.replace(tzinfo=self.tz)

    def entry(self, post: Post) -> Entry:
        url = self.url(post.docname)
        content = None
        if self.config.feed_fulltext:
            try:
                content = absolutize(fragment_path(self.app, post.docname).read_text(encoding="utf-8"), url)
            except OSError:
                content = None
        authors = tuple((display_name("author", a, self.config), self.config.authors.get(a, (a, ""))[1]) for a in post.authors)
        published = self._aware(post.date)  # type: ignore[arg-type]
        return Entry(
            id=url, url=post.external_link or url, title=post.title, published=published,
            updated=self._aware(post.update) if post.update and post.update > post.date else published,  # type: ignore[operator]
            authors=authors, tags=post.tags, summary=post.excerpt, content_html=content,
        )

    def feeds(self) -> dict[str, Feed]:
        """Feed per output folder: the blog's, and (``blog_feed_archives``) one per archive."""
        cache: dict[str, Entry] = {}

        def entries(posts: list[Post]) -> tuple[Entry, ...]:
            posts = posts[: self.config.feed_length] if self.config.feed_length else posts
            return tuple(cache.setdefault(p.docname, self.entry(p)) for p in posts)

        out = {self.config.path: self._feed(self.config.path, self.config.title, archive_docname(self.config, "index"), entries(self.view.public))}
        if self.config.feed_archives:
            for kind in ARCHIVE_KINDS:
                groups: dict[str, str] = {}
                for post in self.view.public:
                    for key in getattr(post, ARCHIVE_KINDS[kind]):
                        groups.setdefault(key_slug(key), key)
                for slug, key in groups.items():
                    folder = f"{self.config.path}/{kind}/{slug}"
                    title = f"{self.config.title}: {display_name(kind, key, self.config)}"
                    out[folder] = self._feed(folder, title, archive_docname(self.config, kind, key), entries(self.view.posts_for(kind, slug)))
        return out

    def _feed(self, folder: str, title: str, home: str, entries: tuple[Entry, ...]) -> Feed:
        paths = {fmt: urljoin(self.base, f"{folder}/{name}") for fmt, (_, name) in RENDERERS.items()}
        home_url = self.url(home) if home in self.app.env.all_docs else self.base
        return Feed(id=paths["atom"], title=title, subtitle=self.config.feed_subtitle, home_url=home_url, entries=entries, paths=paths)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write every feed whose text changed."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    config = blog_config(app.config)
    if not config.baseurl:
        warn("blog_baseurl is not set: feeds, sitemap and absolute URLs are skipped", MLBlogWarning.FEED)
        return
    outdir = Path(app.outdir)
    for folder, feed in FeedBuilder(app).feeds().items():
        for render, name in RENDERERS.values():
            write_if_changed(outdir / folder / name, render(feed))


def feed_links(app: Sphinx) -> list[tuple[str, str, str]]:
    """``(type, title, absolute URL)`` of the blog's feeds, for ``<link rel=alternate>``."""
    config = blog_config(app.config)
    if not config.baseurl:
        return []
    base = config.baseurl + "/" + config.path + "/"
    return [
        ("application/atom+xml", f"{config.title} (Atom)", base + "atom.xml"),
        ("application/rss+xml", f"{config.title} (RSS)", base + "rss.xml"),
        ("application/feed+json", f"{config.title} (JSON Feed)", base + "feed.json"),
    ]
