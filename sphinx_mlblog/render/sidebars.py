"""``mlblog`` in the page context: what the sidebar templates (``mlblog/recentposts.html``,
``mlblog/tagcloud.html``, ...) and a project's own templates show of the blog."""

from __future__ import annotations

import itertools
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translator

from ..i18n import CATALOG, format_date
from ..model.archives import archive_docname, display_name
from ..model.post import Post
from ..util import renders_templates
from ..warnings import MLBlogWarning, warn
from .state import render_state
from .view import BlogView


def uses_blog_sidebars(config: Config) -> bool:
    sidebars = getattr(config, "html_sidebars", {}) or {}
    names = [
        name
        for value in sidebars.values()
        for name in (value if isinstance(value, (list, tuple)) else [value])
    ]
    return any(name.startswith(("ablog/", "mlblog/")) for name in names)


class ArchiveGroups:
    """Sidebar lists of archive keys (tags, categories, authors, years, ...) with their
    number of posts and the URL of their pages."""

    view: BlogView
    config: Any

    def _archive_url(self, kind: str, key: str, slug: str | None = None) -> str | None:
        raise NotImplementedError

    def groups(self, kind: str) -> list[dict[str, Any]]:
        rows = self.view.groups(kind)
        top = max((r[2] for r in rows), default=1)
        return [
            {
                "name": name,
                "count": count,
                "url": self._archive_url(kind, name, slug=slug),
                "size": 1 + round(4 * count / top),
            }
            for slug, name, count in rows
        ]

    def tags(self) -> list[dict[str, Any]]:
        return self.groups("tag")

    def categories(self) -> list[dict[str, Any]]:
        return self.groups("category")

    def authors(self) -> list[dict[str, Any]]:
        return self.groups("author")

    def archives(self) -> list[dict[str, Any]]:
        return self.groups("year")


class SidebarContext(ArchiveGroups):
    """``mlblog`` in templates: recent posts, tags, archives, ... with URLs for this page,
    and ``gettext`` (the package's translations; sidebars ``{% set _ = mlblog.gettext %}``)."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app = app
        self.pagename = pagename
        self.view = render_state(app).view
        self.config = self.view.config
        self.gettext = get_translator(CATALOG).gettext

    def url(self, docname: str) -> str:
        return self.app.builder.get_relative_uri(self.pagename, docname)

    def _archive_url(self, kind: str, key: str, slug: str | None = None) -> str | None:
        """The URL of a key's archive page (by its key as written, or its ``slug``)."""
        if slug is not None:
            docname = archive_docname(self.config, kind, slug)
        else:
            docname = archive_docname(self.config, kind, key, slugs=self.view.slugs)
        return self.url(docname) if self.view.has_page(docname) else None

    @property
    def title(self) -> str:
        return self.config.title

    @property
    def index_url(self) -> str | None:
        return self._archive_url("index", "")

    @property
    def post(self) -> dict[str, Any] | None:
        post = self.view.domain.posts.get(self.pagename)
        return self._post(post) if post else None

    def _date(self, post: Post, fmt: str, when: str = "date") -> str:
        date = getattr(post, when)
        return format_date(date, fmt, self.app.config.language) if date else ""

    def _post(self, post: Post) -> dict[str, Any]:
        return {
            "title": post.title,
            "url": post.external_link or self.url(post.docname) + post.fragment,
            "date": self._date(post, self.config.date_format),
            "date_short": self._date(post, self.config.date_format_short),
            "iso_date": post.date.date().isoformat() if post.date else "",
            "updated": self._date(post, self.config.date_format, "update")
            if post.update and post.update != post.date
            else "",
            "authors": [display_name("author", a, self.config) for a in post.authors],
            "author_pages": self._keys("author", post.authors),
            "locations": self._keys("location", post.locations),
            "languages": self._keys("language", post.languages),
            "categories": self._keys("category", post.categories),
            "tags": self._keys("tag", post.tags),
            "excerpt": post.excerpt,
            "reading_time": post.minutes,
        }

    def _keys(self, kind: str, keys: tuple[str, ...]) -> list[dict[str, Any]]:
        """A post's keys of one kind, each with its display name and archive page URL."""
        return [
            {"name": display_name(kind, key, self.config), "url": self._archive_url(kind, key)}
            for key in keys
        ]

    def recent(self, count: int = 5) -> list[dict[str, Any]]:
        others = (p for p in self.view.public if p.docname != self.pagename)
        return [self._post(p) for p in itertools.islice(others, count)]

    def old_template_name(self, name: str) -> str:
        """Warn, once per build, that a sidebar uses ablog's old unprefixed ``name``."""
        _warn_old_template_name(self.app, name)
        return ""


def _warn_old_template_name(app: Sphinx, name: str) -> None:
    warned = render_state(app).fragments.setdefault("old-template-names", set())
    if name not in warned:
        warned.add(name)
        warn(
            f"{name} is an old template name that ablog no longer uses; "
            f"use ablog/{name} (or mlblog/{name}) in html_sidebars",
            MLBlogWarning.ABLOG,
        )


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: expose ``mlblog`` to templates; ablog's old sidebar templates
    (found where a site keeps ablog's template folder in ``templates_path``) warn once per
    build, not on every page."""
    if not renders_templates(app.builder):
        return
    context["mlblog"] = SidebarContext(app, pagename)
    fragments = render_state(app).fragments
    warning = fragments.get("template-warning")
    if warning is None:  # one for the build: it remembers what it has said
        warning = fragments["template-warning"] = _once_for_old_templates(set())
    context["warning"] = warning


_ABLOG_OLD_TEMPLATE = "is an old template path, that is no longer used by"


def _once_for_old_templates(seen: set[str]) -> Any:
    """Sphinx's ``warning()`` of templates, but ablog's old-template warning once per
    build."""
    from jinja2 import pass_context
    from sphinx.jinja2glue import warning

    @pass_context
    def warn_once(context: Any, message: str, *args: Any, **kwargs: Any) -> str:
        if _ABLOG_OLD_TEMPLATE in str(message):
            if message in seen:
                return ""
            seen.add(message)
        return warning(context, message, *args, **kwargs)

    return warn_once


def sidebar_fingerprint(view: BlogView) -> tuple:
    """What the sidebars show (incremental builds rewrite every page when it changes)."""
    posts = view.public
    return (
        [(p.key, p.title, p.date) for p in posts[:10]],
        *(view.groups(kind) for kind in ("tag", "category", "author", "year")),
    )
