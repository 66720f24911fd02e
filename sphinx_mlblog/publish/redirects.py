"""Pages at old addresses that forward to the new ones: ablog's ``redirect`` (a post's old
addresses), and, with ablog's addresses, the author pages ablog made of authors written as
mappings (``author/id-chris``), which lead to the author's page."""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..collect.domain import get_domain
from ..i18n import _, key_title
from ..model.archives import archive_docname, display_name
from ..render.state import render_state
from ..util import write_if_changed


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
            name = old if old.endswith(".html") else f"{old}.html"
            path = (outdir / name).resolve()
            if outdir.resolve() not in path.parents:  # never outside the output folder
                continue
            url = relative_uri(name, target)
            write_if_changed(
                path,
                redirect_page(url, post.title, domain.config.redirect_refresh, app.config.language),
            )
    _write_author_aliases(app, outdir)


def _write_author_aliases(app: Sphinx, outdir: Path) -> None:
    """ablog's pages of authors written as mappings, forwarding to the author's page,
    unless a page of the build has that address."""
    view = render_state(app).view
    config = view.config
    if config.url_style != "ablog":
        return
    pages = set(app.env.all_docs) | {spec.docname(config) for spec in view.further_pages()}
    for post in view.public:
        for alias, name in post.author_aliases:
            old = archive_docname(config, "author", alias)
            if old in pages or any(
                archive_docname(config, "author", k, slugs=view.slugs) == old for k in post.authors
            ):
                continue
            old_uri = app.builder.get_target_uri(old)
            target = app.builder.get_target_uri(
                archive_docname(config, "author", name, slugs=view.slugs)
            )
            title = key_title("author", display_name("author", name, config))
            file = old_uri + "index.html" if old_uri.endswith("/") else old_uri
            write_if_changed(
                outdir / file,
                redirect_page(
                    relative_uri(old_uri, target), title, 0, app.config.language, post=False
                ),
            )
