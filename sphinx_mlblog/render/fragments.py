"""Each post's rendered body, kept when its page is written (one file per page, so
parallel writers do not collide) for full-text feeds and ablog's
``post.to_html(fulltext=True)``; later incremental builds reuse it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sphinx.application import Sphinx

from ..collect.domain import get_domain
from .math import math_lines, with_mathml
from .resolve import CHROME_END, CHROME_START

FRAGMENTS = "mlblog-fragments"
_CHROME = re.compile(re.escape(CHROME_START) + r".*?" + re.escape(CHROME_END), re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_URL_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')


def absolutize(html: str, page_url: str) -> str:
    """Make every ``href``/``src`` in ``html`` absolute against ``page_url``."""

    def fix(match: re.Match) -> str:
        value = match.group(2)
        if value.startswith(("#",)):
            return f'{match.group(1)}="{page_url}{value}"'
        return f'{match.group(1)}="{urljoin(page_url, value)}"'

    return _URL_ATTR.sub(fix, html)


def clean_body(body: str) -> str:
    """A page body without the blog chrome and permalink anchors."""
    return _HEADERLINK.sub("", _CHROME.sub("", body)).strip()


def fragment_path(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir) / FRAGMENTS / f"{docname}.html"


def save_fragment(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: keep a post's rendered body for full-text feeds."""
    domain = get_domain(app.env)
    if (
        doctree is None
        or "body" not in context
        or not domain.config.feed_fulltext
        or pagename not in domain.posts
    ):
        return
    body = clean_body(context["body"])
    if domain.config.mathml != "off":  # feed readers run no MathJax
        body = with_mathml(app, body, pagename, math_lines([doctree]))
    path = fragment_path(app, pagename)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def post_body(app: Sphinx, docname: str, url: str) -> str | None:
    """The kept body of a post's page, its links absolute (``url``: the page's); None
    when its page was not written with full-text feeds on."""
    try:
        return absolutize(fragment_path(app, docname).read_text(encoding="utf-8"), url)
    except OSError:
        return None
