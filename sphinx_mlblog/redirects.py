"""ablog's ``redirect``: pages at a post's old addresses that forward to it."""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .config import blog_config
from .domain import get_domain
from .shared import write_if_changed


def redirect_page(target_url: str, title: str, seconds: int) -> str:
    url = escape(target_url, quote=True)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title>"
        f'<meta http-equiv="refresh" content="{int(seconds)}; url={url}">'
        f'<link rel="canonical" href="{url}"></head>'
        f'<body><p>This post has moved to <a href="{url}">{escape(title)}</a>.</p></body></html>\n'
    )


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one small page per old address of every post."""
    if exception is not None or app.builder.format != "html":
        return
    config = blog_config(app.config)
    outdir = Path(app.outdir)
    for post in get_domain(app.env).posts.values():
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
            write_if_changed(path, redirect_page(url, post.title, config.redirect_refresh))
