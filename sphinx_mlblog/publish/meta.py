"""Site metadata in every page's ``<head>``: feed autodiscovery, OpenGraph/Twitter cards,
canonical URLs."""

from __future__ import annotations

import posixpath
import re
from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.archives import archive_docname, display_name
from ..model.post import Post
from ..model.settings import BlogConfig
from ..render.state import render_state
from ..util import (
    absolute_url,
    escape_html,
    markdown_copy_uri,
    public_url,
    runs_page_scripts,
)
from .cardimage import HEIGHT, WIDTH
from .cards import card_path
from .scholar import json_ld, json_ld_script, scholar_meta


def default_html_baseurl(app: Sphinx, config: Config) -> None:
    """``config-inited``: canonical links from ``blog_baseurl`` unless ``html_baseurl`` is set."""
    if hasattr(config, "html_baseurl") and not config.html_baseurl and config.blog_baseurl:
        config.html_baseurl = config.blog_baseurl.rstrip("/") + "/"


def feed_links(config: BlogConfig) -> list[tuple[str, str, str]]:
    """``(type, title, absolute URL)`` of the blog's feeds, for ``<link rel=alternate>``."""
    if not config.baseurl:
        return []
    base = config.baseurl + "/" + config.path + "/"
    return [
        ("application/atom+xml", f"{config.title} (Atom)", base + "atom.xml"),
        ("application/rss+xml", f"{config.title} (RSS)", base + "rss.xml"),
        ("application/feed+json", f"{config.title} (JSON Feed)", base + "feed.json"),
    ]


def _meta(prop: str, content: str, attr: str = "property") -> str:
    """A ``<meta>`` tag; ``prop`` is one of ours (``og:title``), ``content`` any text."""
    content = escape_html(content)
    if not content.isascii():
        # as character references: one character above U+00FF (the "…" of a shortened
        # description) would make Python hold the whole page in two bytes per character
        content = content.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f'<meta {attr}="{prop}" content="{content}" />'


def head_tags(app: Sphinx, pagename: str, context: dict[str, Any]) -> list[str]:
    """The tags this page's ``<head>`` gets."""
    state = render_state(app)
    config = state.view.config
    if state.feed_link_tags is None:
        state.feed_link_tags = [
            f'<link rel="alternate" type="{escape(kind)}" title="{escape(title)}" href="{escape(url)}" />'
            for kind, title, url in feed_links(config)
        ]
    tags = list(state.feed_link_tags)
    page_url = public_url(config.baseurl, app.builder, pagename)
    post = state.view.domain.posts.get(pagename)
    title = post.title if post else _plain(context.get("title", ""))
    if (
        post is not None
        and not state.view.is_public(post)
        or pagename == archive_docname(config, "drafts")
    ):
        tags.append('<meta name="robots" content="noindex" />')  # unpublished
    tags.append(_meta("og:title", title))
    tags.append(_meta("og:site_name", config.title))
    tags.append(_meta("twitter:title", title, "name"))
    if page_url:
        tags.append(_meta("og:url", page_url))
    if post is None:
        tags.append(_meta("og:type", "website"))
        return tags
    return tags + _article_tags(app, post, config, page_url)


def _article_tags(app: Sphinx, post: Post, config: BlogConfig, page_url: str) -> list[str]:
    tags = [_meta("og:type", "article")]
    if post.excerpt:
        description = (
            post.excerpt if len(post.excerpt) <= 300 else post.excerpt[:297].rsplit(" ", 1)[0] + "…"
        )
        tags += [
            _meta("description", description, "name"),
            _meta("og:description", description),
            _meta("twitter:description", description, "name"),
        ]
    if post.date:
        tags.append(_meta("article:published_time", post.date.isoformat()))
    if post.update:
        tags.append(_meta("article:modified_time", post.update.isoformat()))
    for author in post.authors:
        tags.append(_meta("article:author", display_name("author", author, config)))
    for tag in post.tags:
        tags.append(_meta("article:tag", tag))
    image, card = _image_url(app, post, config, page_url)
    tags.append(_meta("twitter:card", "summary_large_image" if image else "summary", "name"))
    if image:
        tags += [_meta("og:image", image), _meta("twitter:image", image, "name")]
    if card:
        tags += [
            _meta("og:image:type", "image/png"),
            _meta("og:image:width", str(WIDTH)),
            _meta("og:image:height", str(HEIGHT)),
            _meta("og:image:alt", post.title),
        ]
    if not render_state(app).view.is_public(post):
        return tags
    if config.llms_txt and runs_page_scripts(app.builder, single_page_too=False):
        # the Markdown copy beside the page (llms.txt's), named relative to it
        copy = posixpath.basename(markdown_copy_uri(app.builder, post.docname))
        tags.append(f'<link rel="alternate" type="text/markdown" href="{escape_html(copy)}" />')
    if config.cite and post.cite:
        tags += [_meta(name, value, "name") for name, value in scholar_meta(post, config, page_url)]
    if config.json_ld:
        tags.append(json_ld_script(json_ld(post, config, page_url, image, app.config.language)))
    return tags


def _image_url(
    app: Sphinx, post: Post, config: BlogConfig, page_url: str
) -> tuple[str | None, bool]:
    """The post's ``image``, else its social card, else its first figure (as the builder
    copied it); and whether it is the card."""
    if post.image and "://" in post.image:
        return post.image, False
    if not page_url:
        return None, False
    if post.image_target:
        return absolute_url(config.baseurl, post.image_target), False
    card = card_path(app, post)
    if card:
        return absolute_url(config.baseurl, card), True
    name = getattr(app.builder, "images", {}).get(post.first_image) if post.first_image else None
    return (absolute_url(config.baseurl, f"{app.builder.imagedir}/{name}") if name else None), False


_TAG = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    return (
        _TAG.sub("", html)
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
    )


#: The tags sphinxext-opengraph writes itself: with it loaded, they are left to it.
OPENGRAPHS_OWN = ('<meta property="og:', '<meta name="twitter:', '<meta name="description"')


def page_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: add the head tags to ``metatags`` (with sphinxext-opengraph
    loaded, not the OpenGraph, Twitter and description tags it writes itself)."""
    tags = head_tags(app, pagename, context)
    if "sphinxext.opengraph" in app.extensions:
        tags = [tag for tag in tags if not tag.startswith(OPENGRAPHS_OWN)]
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
