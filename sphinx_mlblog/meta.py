"""Site metadata: feed autodiscovery, OpenGraph/Twitter cards, canonical URLs, sitemap."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from sphinx.application import Sphinx
from sphinx.config import Config

from .archives import display_name
from .config import blog_config
from .feeds import feed_links
from .listings import get_view
from .shared import absolute_url, escape_html, write_if_changed


def default_html_baseurl(app: Sphinx, config: Config) -> None:
    """``config-inited``: canonical links from ``blog_baseurl`` unless ``html_baseurl`` is set."""
    if hasattr(config, "html_baseurl") and not config.html_baseurl and config.blog_baseurl:
        config.html_baseurl = config.blog_baseurl.rstrip("/") + "/"


def _meta(prop: str, content: str, attr: str = "property") -> str:
    content = escape_html(content)
    if not content.isascii():
        # as character references: one character above U+00FF (the "…" of a shortened
        # description) would make Python hold the whole page in two bytes per character
        content = content.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f'<meta {attr}="{escape_html(prop)}" content="{content}" />'


def head_tags(app: Sphinx, pagename: str, context: dict[str, Any]) -> list[str]:
    """The tags this page's ``<head>`` gets."""
    config = blog_config(app.config)
    view = get_view(app)
    if view.feed_link_tags is None:
        view.feed_link_tags = [
            f'<link rel="alternate" type="{escape(kind)}" title="{escape(title)}" href="{escape(url)}" />'
            for kind, title, url in feed_links(app)
        ]
    tags = list(view.feed_link_tags)
    page_url = absolute_url(config.baseurl, app.builder.get_target_uri(pagename)) if config.baseurl else ""
    post = view.domain.posts.get(pagename)
    title = post.title if post else _plain(context.get("title", ""))
    tags.append(_meta("og:title", title))
    tags.append(_meta("og:site_name", config.title))
    tags.append(_meta("twitter:title", title, "name"))
    if page_url:
        tags.append(_meta("og:url", page_url))
    if post is None:
        tags.append(_meta("og:type", "website"))
        return tags
    tags.append(_meta("og:type", "article"))
    if post.excerpt:
        description = post.excerpt if len(post.excerpt) <= 300 else post.excerpt[:297].rsplit(" ", 1)[0] + "…"
        tags += [_meta("description", description, "name"), _meta("og:description", description),
                 _meta("twitter:description", description, "name")]
    if post.date:
        tags.append(_meta("article:published_time", post.date.isoformat()))
    if post.update:
        tags.append(_meta("article:modified_time", post.update.isoformat()))
    for author in post.authors:
        tags.append(_meta("article:author", display_name("author", author, config)))
    for tag in post.tags:
        tags.append(_meta("article:tag", tag))
    image = _image_url(app, post, pagename, page_url)
    tags.append(_meta("twitter:card", "summary_large_image" if image else "summary", "name"))
    if image:
        tags.append(_meta("og:image", image))
    return tags


def _image_url(app: Sphinx, post, pagename: str, page_url: str) -> str | None:
    """The post's ``image``, else its first figure (as the builder copied it)."""
    if post.image and "://" in post.image:
        return post.image
    if not page_url:
        return None
    base = blog_config(app.config).baseurl
    if post.image_target:
        return absolute_url(base, post.image_target)
    name = getattr(app.builder, "images", {}).get(post.first_image) if post.first_image else None
    return absolute_url(base, f"{app.builder.imagedir}/{name}") if name else None


def _plain(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")


def page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: add the head tags to ``metatags``."""
    context["metatags"] = context.get("metatags", "") + "\n".join(head_tags(app, pagename, context)) + "\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: ``sitemap.xml`` of every public page."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    config = blog_config(app.config)
    if not config.baseurl:
        return
    view = get_view(app)
    hidden = {p.docname for p in view.domain.drafts(config)}
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    further = [spec.docname(config) for spec in view.further_pages()]
    for docname in sorted([*app.env.all_docs, *further]):
        if docname in hidden:
            continue
        url = absolute_url(config.baseurl, app.builder.get_target_uri(docname))
        post = view.domain.posts.get(docname)
        lastmod = (post.update or post.date) if post else None
        lines.append(f"  <url><loc>{xml_escape(url)}</loc>" + (f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod else "") + "</url>")
    lines.append("</urlset>")
    write_if_changed(Path(app.outdir) / "sitemap.xml", "\n".join(lines) + "\n")
