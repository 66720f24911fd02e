"""The data of hover previews and listing filters: ``_static/mlblog-previews.js``, every
public post's title, date, excerpt, card image, tags and archives, keyed by its page's
address (the builder's target URI).

``mlblog.js`` loads it on a reader's first hover, ``mlblog-filter.js`` when a
reader filters a listing; never on page load, and no page is ever fetched. It is a
script rather than JSON so that both work on pages opened from disk too (``fetch``
refuses ``file://``). Drafts are not in it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sphinx.application import Sphinx

from ..i18n import format_date
from ..model.archives import KEYED_KINDS, keys_of
from ..model.post import Post
from ..render.mathml import ATTRIBUTES, ELEMENTS
from ..render.state import render_state
from ..util import runs_page_scripts, write_if_changed

PREVIEWS = "mlblog-previews.js"
EXCERPT_CHARS = 220


def preview_entry(post: Post, view: Any, language: str | None) -> dict[str, Any]:
    """One post: ``t`` title, ``d`` date (as the blog shows it), ``s`` date (ISO, for
    sorting), ``e`` excerpt (shortened at a word), ``i`` card image (an absolute URL, or a
    path from the root), ``u`` its external link, ``g`` its tags' names and ``m`` the
    archives it is on (``tag:<slug>``, ``category:<slug>``, ...)."""
    config = view.config
    entry: dict[str, Any] = {"t": post.title}
    if post.date:
        entry["d"] = format_date(post.date, config.date_format, language)
        entry["s"] = post.date.isoformat()
    excerpt = post.excerpt
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"
    if excerpt:
        entry["e"] = excerpt
    pieces = excerpt_pieces(post.excerpt_html or "", EXCERPT_CHARS)
    if pieces:
        entry["x"] = pieces
    if post.image and "://" in post.image:
        entry["i"] = post.image
    elif post.image_target:
        entry["i"] = post.image_target
    if post.external_link:
        entry["u"] = post.external_link
    if post.tags:
        entry["g"] = list(post.tags)
    entry["m"] = [
        f"{kind}:{view.slugs.slug(kind, key)}"
        for kind in KEYED_KINDS
        for key in keys_of(post, kind)
    ]
    return entry


_MATH = re.compile(r"(<math\b.*?</math>)", re.S)
_TAG = re.compile(r"<[^>]*>")
_BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|br|blockquote|h\d|table|tr|td|th|dl|dt|dd)\b[^>]*>")


def excerpt_pieces(excerpt_html: str, limit: int) -> list[str | dict[str, str]] | None:
    """An excerpt whose math is MathML (``blog_mathml``) as text pieces and ``{"m": MathML}``
    pieces, shortened at a word to about ``limit`` characters; ``None`` without MathML."""
    if "<math" not in excerpt_html:
        return None
    pieces: list[str | dict[str, str]] = []
    used = 0
    for number, part in enumerate(_MATH.split(excerpt_html)):
        if number % 2:  # MathML (checked against the allowlist when it was made)
            used += len(_TAG.sub("", part))
            if used > limit:
                pieces.append("…")
                break
            pieces.append({"m": part})
            continue
        text = re.sub(r"\s+", " ", html.unescape(_TAG.sub("", _BLOCK.sub(" ", part))))
        if number == 0:
            text = text.lstrip()
        if used + len(text) > limit:
            pieces.append(text[: max(limit - used, 0)].rsplit(" ", 1)[0] + "…")
            break
        used += len(text)
        if text:
            pieces.append(text)
    if pieces and isinstance(pieces[-1], str):
        pieces[-1] = pieces[-1].rstrip()
    return pieces


def previews_script(entries: dict[str, dict[str, Any]]) -> str:
    """The data as a script: ASCII JSON (no text of a post can end or break it). With
    the MathML allowlist when an excerpt has math, so the script keeps only what the
    build did."""
    data: dict[str, Any] = {"v": 1, "posts": entries}
    if any("x" in entry for entry in entries.values()):
        data["mathml"] = {"elements": sorted(ELEMENTS), "attributes": sorted(ATTRIBUTES)}
    text = json.dumps(data, ensure_ascii=True, sort_keys=True)
    return f"window.mlblogPreviews = {text};\n"


def write_previews(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the data of the public posts, for hover previews and
    listing filters."""
    if exception is not None or not runs_page_scripts(app.builder, single_page_too=False):
        return
    view = render_state(app).view
    if not (view.config.previews or view.config.filters):  # the data of both
        return
    language = app.config.language
    # keyed by the page's path as the script reads it from a link: decoded (a post named
    # beyond ASCII, or with a space, is percent-encoded in its URI)
    entries = {
        unquote(app.builder.get_target_uri(post.docname)): preview_entry(post, view, language)
        for post in view.public
        if not post.anchor  # a section post's page previews as the page's post
    }
    write_if_changed(Path(app.outdir) / "_static" / PREVIEWS, previews_script(entries))
