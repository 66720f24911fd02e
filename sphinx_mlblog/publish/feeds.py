"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 as plain data (:class:`Feed`, :class:`Entry`) and
the pure functions that render them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile('[\x00-\x1f&<>"\ufffe\uffff]')  # anything _x or _attr would change


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
    external_url: str = ""  # a post of ``external_link``: where it points


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
        return max(
            (e.updated for e in self.entries), default=datetime(1970, 1, 1, tzinfo=timezone.utc)
        )


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
        if e.external_url:
            out.append(f'    <link rel="related" type="text/html" href={_attr(e.external_url)}/>')
        out.append(f"    <published>{e.published.isoformat()}</published>")
        out.append(f"    <updated>{e.updated.isoformat()}</updated>")
        for name, uri in e.authors:
            out.append(
                f"    <author><name>{_x(name)}</name>"
                + (f"<uri>{_x(uri)}</uri>" if uri else "")
                + "</author>"
            )
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
            "id": e.id,
            "url": e.url,
            "title": e.title,
            "date_published": e.published.isoformat(),
            "date_modified": e.updated.isoformat(),
            "summary": e.summary,
            "tags": list(e.tags),
        }
        if e.external_url:
            item["external_url"] = e.external_url
        if e.authors:
            item["authors"] = [{"name": n, **({"url": u} if u else {})} for n, u in e.authors]
        if e.content_html is not None:
            item["content_html"] = e.content_html
        else:
            item["content_text"] = e.summary
        data["items"].append(item)
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    )  # compact: the C encoder


RENDERERS = {
    "atom": (render_atom, "atom.xml"),
    "rss": (render_rss, "rss.xml"),
    "json": (render_json, "feed.json"),
}
