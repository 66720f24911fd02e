"""A project's own ``ablog/collection.html`` and ``ablog/catalog.html`` render the blog's
archive pages, as ablog rendered them with those templates.

ablog writes its archive pages with these two templates, and sites restyle their blog by
overriding them in their ``templates_path`` (psutil's card listing, SciPy India's post
descriptions). Where a project has its own, each archive page is rendered with it, given
what ablog gives it: ``collection`` (the posts of the page's key, in ablog's order) and
``header`` for a tag, category, author, location, language, year, the blog index and the
drafts; ``catalog`` and ``header`` for the overview pages (``blog/tag``, the archive of
years). Like ablog's, those pages list every post of their key on one page: the
template's ``collection`` has no pages (:func:`.state.paginates`). A template that
cannot be rendered with them is said (``mlblog.ablog``) and the page keeps the blog's own
listing.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from jinja2 import TemplateError
from sphinx.application import Sphinx

from ..i18n import ablog_header, kind_label
from ..model.archives import ABLOG_CATALOGS
from ..warnings import MLBlogWarning, warn
from .resolve import ARCHIVE_MARK
from .state import writes_documents_alone
from .templates import project_has_template

COLLECTION, CATALOG = "ablog/collection.html", "ablog/catalog.html"

#: archive kinds ablog shows with its catalog template (the page of every key of a kind)
_CATALOG_KINDS = ("overview", "archive")


def _catalog(blog: Any, kind: str) -> Any:
    """ablog's catalog of an archive kind: the years' for ``year``, a key kind's own."""
    if kind == "year":
        return blog.archive
    attr = next((a for k, a, _label in ABLOG_CATALOGS if k == kind), None)
    return blog.catalogs.get(attr) if attr else None


def _collection(blog: Any, kind: str, docname: str) -> Any:
    if kind == "index":
        return blog.posts
    if kind == "drafts":
        return blog.drafts
    catalog = _catalog(blog, kind)
    return next((coll for coll in catalog or () if coll.docname == docname), None)


def _ablog_context(app: Sphinx, blog: Any, kind: str, key: str, pagename: str) -> dict | None:
    """What ablog gives its template on this page (None: a page ablog had none of)."""
    config = app.config
    if kind in _CATALOG_KINDS:
        listed = "year" if kind == "archive" else key  # what the overview is of
        catalog = _catalog(blog, listed)
        if catalog is None:
            return None
        return {"catalog": catalog, "header": ablog_header(listed), "title": kind_label(listed)}
    collection = _collection(blog, kind, pagename)
    if collection is None:
        return None
    feeds = bool(config.blog_baseurl)
    archive_feeds = feeds and bool(config.blog_feed_archives) and kind not in ("index", "drafts")
    return {
        "collection": collection,
        "header": ablog_header(kind),
        "atom_feed": feeds,
        "archive_feed": archive_feeds,
        "feed_path": collection.path if archive_feeds else blog.blog_path,
    }


def own_archive_template(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> str | None:
    """``html-page-context`` (after :func:`.ablog_api.ablog_context`): the project's own
    ablog template for an archive page, with ablog's context for it."""
    mark = doctree.get(ARCHIVE_MARK) if isinstance(doctree, nodes.document) else None
    blog = context.get("ablog")
    if mark is None or blog is None or not writes_documents_alone(app.builder):
        return None  # single-page HTML: the page holds every document, not one archive
    kind, key = mark
    name = CATALOG if kind in _CATALOG_KINDS else COLLECTION
    if not project_has_template(app.builder, name):
        return None
    extra = _ablog_context(app, blog, kind, key, pagename)
    if extra is None:
        return None
    trial = {**context, "summary": True, **extra}
    try:
        app.builder.templates.render(name, trial)
    except (TemplateError, AttributeError, KeyError, TypeError, ValueError) as exc:
        warn(
            f"your {name} cannot render this page ({type(exc).__name__}: {exc}); it keeps "
            "the blog's own listing",
            MLBlogWarning.ABLOG,
            location=pagename,
        )
        return None
    context.update(summary=True, **extra)
    return name
