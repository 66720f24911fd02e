"""The blog's feeds (and, with ``blog_feed_archives``, every archive's), made from the
build's posts and written at ``build-finished``.

Entries come from the domain (drafts and future posts never appear). Full-text entries
use each post's rendered body, saved as a fragment file when the page is written (one
file per page, so parallel writers do not collide) and reused by later incremental builds.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.util import logging

from ..collect.domain import get_domain
from ..i18n import kind_label
from ..model.archives import (
    KEYED_KINDS,
    alias_docname,
    archive_docname,
    display_name,
    feed_folder,
    keys_of,
)
from ..model.post import Post
from ..model.settings import BlogConfig
from ..render.excerptrefs import absolute_links
from ..render.fragments import absolutize, fragment_path
from ..render.state import render_state
from ..util import absolute_url, write_if_changed
from .feeds import RENDERERS, Entry, Feed, render_atom
from .feedtemplates import FeedTemplates

logger = logging.getLogger(__name__)


def feed_entry(post: Post, url: str, config: BlogConfig, tz: tzinfo, content: str | None) -> Entry:
    """A public post's feed entry (``url``: its page's absolute URL). A post of
    ``external_link`` links its page, as under ablog, and names the external page too
    (Atom's ``related`` link, JSON Feed's ``external_url``)."""
    authors = tuple(
        (display_name("author", a, config), config.authors.get(a, (a, ""))[1]) for a in post.authors
    )
    published = _aware(post.date, tz)  # type: ignore[arg-type]
    updated = _aware(post.update, tz) if post.update and post.update > post.date else published  # type: ignore[operator]
    return Entry(
        id=url,
        url=url,
        title=post.title,
        published=published,
        updated=updated,
        authors=authors,
        tags=post.tags,
        summary=post.excerpt,
        content_html=content,
        external_url=post.external_link or "",
    )


def _aware(value: datetime, tz: tzinfo) -> datetime:
    """Dates are aware (:func:`~sphinx_mlblog.model.frontmatter.parse_date`); one made
    elsewhere without an offset is in ``blog_timezone``."""
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


class FeedBuilder:
    """:class:`~.feeds.Feed` objects for the blog and its archives, URLs absolute."""

    def __init__(self, app: Sphinx) -> None:
        from zoneinfo import ZoneInfo

        self.app = app
        self.view = render_state(app).view
        self.config = self.view.config
        self.tz = ZoneInfo(self.config.timezone)
        self.base = self.config.baseurl + "/"
        self._entries: dict[str, Entry] = {}
        self.docnames: dict[str, str] = {}  # entry id -> the post's key (docname#section)

    def url(self, docname: str) -> str:
        return absolute_url(self.base, self.app.builder.get_target_uri(docname))

    def entry(self, post: Post) -> Entry:
        url = self.url(post.docname) + post.fragment  # a section post's: page#section
        self.docnames[url] = post.key
        content = None
        if self.config.feed_titles:  # ablog's blog_feed_titles: no content
            pass
        elif self.config.feed_fulltext and not post.anchor:
            try:
                content = absolutize(
                    fragment_path(self.app, post.docname).read_text(encoding="utf-8"), url
                )
            except OSError:
                content = None
        elif post.excerpt_html:  # as ablog: the excerpt as HTML (its math as MathML)
            content = absolutize(absolute_links(post.excerpt_html, self.base), url)
        return feed_entry(post, url, self.config, self.tz, content)

    def entries(self, posts: list[Post]) -> tuple[Entry, ...]:
        posts = posts[: self.config.feed_length] if self.config.feed_length else posts
        return tuple(self._entries.setdefault(p.key, self.entry(p)) for p in posts)

    def feeds(self) -> dict[str, Feed]:
        """Feed per output folder: the blog's, and (``blog_feed_archives``) one per archive."""
        config = self.config
        out = {
            config.path: self.feed(
                config.path, config.title, archive_docname(config, "index"), self.view.public
            )
        }
        if config.feed_archives:  # as ablog: a feed per tag, category, author, ..., year
            for kind in KEYED_KINDS:
                groups: dict[str, str] = {}
                for post in self.view.public:
                    for key in keys_of(post, kind):
                        groups.setdefault(self.view.slugs.slug(kind, key), key)
                for slug, key in groups.items():
                    folder = feed_folder(config, kind, slug)
                    title = f"{config.title}: {display_name(kind, key, config)}"
                    out[folder] = self.feed(
                        folder,
                        title,
                        archive_docname(config, kind, slug),
                        self.view.posts_for(kind, slug),
                    )
            alias_feeds(out, self.view)
            unnamed_feeds(out, self)
        return out

    def feed(self, folder: str, title: str, home: str, posts: list[Post]) -> Feed:
        paths = {
            fmt: urljoin(self.base, f"{folder}/{name}") for fmt, (_, name) in RENDERERS.items()
        }
        home_url = self.url(home) if self.view.has_page(home) else self.base
        return Feed(
            id=paths["atom"],
            title=title,
            subtitle=self.config.feed_subtitle,
            home_url=home_url,
            entries=self.entries(posts),
            paths=paths,
        )


def alias_feeds(feeds: dict[str, Feed], view: Any) -> None:
    """With ablog's addresses, the feed of an archive ablog named after misread front
    matter (an author written as a mapping: ``author/id-chris``) at that address too: the
    archive's own feed, its id and self link included, so subscribers keep getting the
    posts and feed readers that follow self links learn where it is now."""
    config = view.config
    if config.url_style != "ablog":
        return
    for post in view.public:
        for kind, alias, key in post.ablog_aliases:
            if not key:
                continue
            folder = feed_folder(config, kind, view.slugs.slug(kind, key))
            old = feed_folder(config, kind, alias)
            if folder in feeds and old not in feeds:
                feeds[old] = feeds[folder]


def unnamed_feeds(out: dict[str, Feed], builder: FeedBuilder) -> None:
    """With ablog's addresses, ablog's feeds of a tag (category, ...) it made of an
    empty field (``tag/null``, or ``tag/`` for an empty name): the posts it had there."""
    config = builder.config
    if config.url_style != "ablog":
        return
    groups: dict[str, tuple[str, list[Post]]] = {}
    for post in builder.view.public:
        for kind, alias, key in post.ablog_aliases:
            if key:
                continue
            folder = alias_docname(config, kind, alias).rstrip("/")  # the feeds' folder
            groups.setdefault(folder, (kind, []))[1].append(post)
    for folder, (kind, posts) in groups.items():
        if folder not in out:
            title = f"{config.title}: {kind_label(kind)}"
            out[folder] = builder.feed(
                folder, title, archive_docname(config, "overview", kind), posts
            )


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write every feed whose text changed."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    if not get_domain(app.env).config.baseurl:
        # a note, not a warning: ablog skips them silently, and a site that moves from it
        # (many set no blog_baseurl) must still build with -W
        logger.info(
            "sphinx-mlblog: blog_baseurl is not set: feeds, sitemap and absolute URLs are skipped"
        )
        return
    outdir = Path(app.outdir)
    builder = FeedBuilder(app)
    templates = FeedTemplates(builder.config.feed_templates, _template_context(app, builder))
    for folder, feed in builder.feeds().items():
        for fmt, (render, name) in RENDERERS.items():
            made = templates.feed(feed, "atom") if fmt == "atom" else feed
            write_if_changed(outdir / folder / name, render(made))
        for root in templates.extra_roots:  # ablog's other feed roots: <root>.xml, Atom
            made = templates.feed(feed, root)
            made = replace(
                made, paths={**made.paths, "atom": urljoin(builder.base, f"{folder}/{root}.xml")}
            )
            write_if_changed(outdir / folder / f"{root}.xml", render_atom(made))


def _template_context(app: Sphinx, builder: FeedBuilder) -> Any:
    """What ``blog_feed_templates`` see of an entry: its ``post`` and the ``blog`` as
    ablog's template API has them."""
    from ..render.ablog_api import LazyBlog

    blog = LazyBlog(app, render_state(app))
    return lambda entry: {"post": blog[builder.docnames.get(entry.id, "")], "blog": blog}
