"""HTML-only pieces: static assets, templates, and the sidebar/page context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from .archives import archive_docname, display_name, groups_with_names
from .listings import get_view

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = HERE / "vendor"  # MathJax, Mermaid, rough.js: served as _static/mlblog-vendor/
TEMPLATES = HERE / "templates"

def add_paths(app: Sphinx, config: Config) -> None:
    """``config-inited``: our templates and static files (before the user's)."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))
    if hasattr(config, "html_static_path") and str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def add_vendor_assets(app: Sphinx) -> None:
    """``builder-inited``: the vendored JavaScript, for builders whose pages can run it
    (not EPUB: its readers run no such scripts, and it would list the files as unknown)."""
    builder = app.builder
    runs_scripts = getattr(builder, "format", "") == "html" and not builder.name.startswith("epub")
    if runs_scripts and str(VENDOR) not in app.config.html_static_path:
        app.config.html_static_path.append(str(VENDOR))


def uses_blog_sidebars(config: Config) -> bool:
    sidebars = getattr(config, "html_sidebars", {}) or {}
    names = [name for value in sidebars.values() for name in (value if isinstance(value, (list, tuple)) else [value])]
    return any(name.startswith(("ablog/", "mlblog/")) for name in names)


class SidebarContext:
    """``mlblog`` in templates: recent posts, tags, archives, ... with URLs for this page."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app = app
        self.pagename = pagename
        self.view = get_view(app)
        self.config = self.view.config

    def url(self, docname: str) -> str:
        return self.app.builder.get_relative_uri(self.pagename, docname)

    def _archive_url(self, kind: str, key: str) -> str | None:
        docname = archive_docname(self.config, kind, key)
        return self.url(docname) if docname in self.app.env.all_docs else None

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

    def _post(self, post) -> dict[str, Any]:
        return {
            "title": post.title,
            "url": post.external_link or self.url(post.docname),
            "date": post.date.strftime(self.config.date_format) if post.date else "",
            "date_short": post.date.strftime(self.config.date_format_short) if post.date else "",
            "iso_date": post.date.date().isoformat() if post.date else "",
            "authors": [display_name("author", a, self.config) for a in post.authors],
            "tags": [{"name": t, "url": self._archive_url("tag", t)} for t in post.tags],
            "excerpt": post.excerpt,
            "reading_time": post.minutes,
        }

    def recent(self, count: int = 5) -> list[dict[str, Any]]:
        return [self._post(p) for p in self.view.public[:count] if p.docname != self.pagename]

    def groups(self, kind: str) -> list[dict[str, Any]]:
        rows = groups_with_names(self.view.public, kind, self.config)
        top = max((r[2] for r in rows), default=1)
        return [
            {"name": name, "count": count, "url": self._archive_url(kind, slug if kind == "year" else name),
             "size": 1 + round(4 * count / top)}
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


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: expose ``mlblog`` to templates."""
    context["mlblog"] = SidebarContext(app, pagename)


def sidebar_fingerprint(app: Sphinx) -> tuple:
    view = get_view(app)
    posts = view.public
    return (
        [(p.docname, p.title, p.date) for p in posts[:10]],
        *(groups_with_names(posts, kind, view.config) for kind in ("tag", "category", "author", "year")),
    )


class FuroMathIds(SphinxPostTransform):
    """furo wraps display math in a container that copies the equation's ids, so a
    labelled equation's id appears twice (invalid HTML, broken anchors). Keep it once."""

    default_priority = 510  # after furo's wrapper transform (500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        labels = self.env.get_domain("math").data.get("objects", {})
        if not any(doc == self.env.docname for doc, *_ in labels.values()):
            return  # only labelled equations have ids
        for wrapper in list(self.document.findall(nodes.container)):
            if "math-wrapper" in wrapper["classes"] and wrapper.children:
                inner = wrapper.children[0]
                if isinstance(inner, nodes.math_block) and set(wrapper["ids"]) & set(inner["ids"]):
                    wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner["ids"]]
