"""ablog's ``redirect``: pages at a post's old addresses that forward to it."""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..collect.domain import get_domain
from ..i18n import _
from ..util import write_if_changed


def redirect_page(target_url: str, title: str, seconds: int, language: str | None = None) -> str:
    url = escape(target_url, quote=True)
    link = f'<a href="{url}">{escape(title)}</a>'
    moved = escape(str(_("This post has moved to %(link)s."))) % {"link": link}
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
