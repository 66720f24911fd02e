"""Pages at old addresses that forward to the new ones: ablog's ``redirect`` (a post's old
addresses), and, with ablog's addresses, the archive pages ablog made of front matter it
misread (``author/id-chris``, ``tag/null``), which lead to the archive's page."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..collect.domain import get_domain
from ..collect.yamlcheck import source_line
from ..i18n import _, key_title, kind_label
from ..model.archives import alias_docname, archive_docname, display_name
from ..model.post import Post
from ..render.state import render_state
from ..util import write_if_changed
from ..warnings import MLBlogWarning, warn


def redirect_page(
    target_url: str, title: str, seconds: int, language: str | None = None, post: bool = True
) -> str:
    url = escape(target_url, quote=True)
    link = f'<a href="{url}">{escape(title)}</a>'
    moved = _("This post has moved to %(link)s.") if post else _("This page has moved to %(link)s.")
    moved = escape(str(moved)) % {"link": link}
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language or "en")}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta http-equiv="refresh" content="{int(seconds)}; url={url}">'
        f'<link rel="canonical" href="{url}"></head>'
        f"<body><p>{moved}</p></body></html>\n"
    )


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one small page per old address of every post."""
    if exception is not None or app.builder.format != "html":
        return
    domain = get_domain(app.env)
    outdir = Path(app.outdir)
    for post in domain.posts.values():
        target = app.builder.get_target_uri(post.docname)
        for old in post.redirect:
            old = old.strip("/")
            if not old:
                continue
            name = old if old.endswith(".html") else _page_file(app, old)
            path = (outdir / name).resolve()
            taken = _document_at(app, name)
            if outdir.resolve() not in path.parents or taken:
                _warn_not_written(app, post, old, taken)
                continue
            url = relative_uri(name, target)
            write_if_changed(
                path,
                redirect_page(url, post.title, domain.config.redirect_refresh, app.config.language),
            )
    _write_aliases(app, outdir)
    _write_slashed_index(app, outdir)


def _document_at(app: Sphinx, name: str) -> str | None:
    """The document whose page is the file ``name`` (a redirect never replaces one)."""
    for suffix in ("/index" + app.builder.out_suffix, app.builder.out_suffix, ".html"):
        docname = name.removesuffix(suffix)
        if docname != name and docname in app.env.found_docs:
            return docname
    return None


def _warn_not_written(app: Sphinx, post: Post, old: str, docname: str | None) -> None:
    """A redirect outside the output folder, or at a document's own page, is not written."""
    reason = (
        f"is the address of the page {docname!r}, which stays"
        if docname
        else "is outside the output folder"
    )
    warn(
        f"redirect {old!r} {reason}: no redirect page is written there",
        MLBlogWarning.FRONTMATTER,
        location=(post.docname, source_line(app.env, post.docname, "redirect")),
    )


def _page_file(app: Sphinx, docname: str) -> str:
    """The file the builder writes page ``docname`` to, as ablog's redirect pages are
    written: ``old.html``, or ``old/index.html`` under dirhtml."""
    folder = app.builder.get_target_uri(docname).endswith("/")
    return (
        f"{docname}/index{app.builder.out_suffix}" if folder else docname + app.builder.out_suffix
    )


def _write_slashed_index(app: Sphinx, outdir: Path) -> None:
    """ablog took ``blog_path = "news/"`` as written: its index was ``news/.html``. With
    ablog's addresses, that address forwards to the index."""
    config = render_state(app).view.config
    raw = str(app.config.blog_path or "")
    old_file = _old_file(app, f"{config.path}/")
    if config.url_style != "ablog" or not raw.endswith("/") or old_file is None:
        return
    index = app.builder.get_target_uri(archive_docname(config, "index"))
    page = redirect_page(
        relative_uri(old_file, index), config.title, 0, app.config.language, post=False
    )
    write_if_changed(outdir / old_file, page)


def _old_file(app: Sphinx, old: str) -> str | None:
    """The file of ablog's page ``old``; ablog's page of an empty name (``blog/tag/``)
    was ``blog/tag/.html``, with the html builder only (elsewhere: None)."""
    if not old.endswith("/"):
        return _page_file(app, old)
    return old + app.builder.out_suffix if app.builder.name == "html" else None


def _write_aliases(app: Sphinx, outdir: Path) -> None:
    """ablog's archive pages made of misread front matter (:attr:`.Post.ablog_aliases`),
    forwarding to the archive's page (or, for ``tag/null`` and the like, to the list of
    all tags), unless a page of the build has that address. Where the empty name was a
    kind's only one (every ``:category:`` left empty), ablog also wrote the kind's list
    (``blog/category``), which this build has not: it and the empty name's page forward
    to the blog's index."""
    view = render_state(app).view
    config = view.config
    if config.url_style != "ablog":
        return
    pages = set(app.env.all_docs) | {spec.docname(config) for spec in view.further_pages()}
    written: set[str] = set()
    for post in view.public:
        for kind, alias, key in post.ablog_aliases:
            new, title = _alias_target(view, kind, key, pages)
            olds = [alias_docname(config, kind, alias)]
            if not key:
                olds.append(archive_docname(config, "overview", kind))
            for old in olds:
                if old not in pages and old not in written:
                    written.add(old)
                    _forward(app, outdir, old, new, title)


def _alias_target(view: Any, kind: str, key: str, pages: set[str]) -> tuple[str, str]:
    """Where an ablog alias forwards: its key's page, the kind's list, or the index."""
    config = view.config
    if key:
        title = key_title(kind, display_name(kind, key, config))
        return archive_docname(config, kind, key, slugs=view.slugs), title
    overview = archive_docname(config, "overview", kind)
    if overview in pages:
        return overview, kind_label(kind)
    return archive_docname(config, "index"), config.title


def _forward(app: Sphinx, outdir: Path, old: str, new: str, title: str) -> None:
    old_file = _old_file(app, old)
    if old_file is None:
        return
    page = redirect_page(
        relative_uri(old_file, app.builder.get_target_uri(new)),
        title,
        0,
        app.config.language,
        post=False,
    )
    write_if_changed(outdir / old_file, page)
