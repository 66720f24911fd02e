"""The data of hover previews and listing filters: ``_static/mlblog-previews.js``, every
public post's title, date, excerpt, card image, tags and archives, keyed by its page's
address (the builder's target URI).

``mlblog.js`` loads it on a reader's first hover, ``mlblog-filter.js`` when a
reader filters a listing; never on page load, and no page is ever fetched. It is a
script rather than JSON so that both work on pages opened from disk too (``fetch``
refuses ``file://``). Drafts are not in it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..i18n import format_date
from ..model.archives import KEYED_KINDS, keys_of
from ..model.post import Post
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


def previews_script(entries: dict[str, dict[str, str]]) -> str:
    """The data as a script: ASCII JSON (no text of a post can end or break it)."""
    data = json.dumps({"v": 1, "posts": entries}, ensure_ascii=True, sort_keys=True)
    return f"window.mlblogPreviews = {data};\n"


def write_previews(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the data of the public posts, for hover previews and
    listing filters."""
    if exception is not None or not runs_page_scripts(app.builder, single_page_too=False):
        return
    view = render_state(app).view
    if not (view.config.previews or view.config.filters):  # the data of both
        return
    language = app.config.language
    entries = {
        app.builder.get_target_uri(post.docname): preview_entry(post, view, language)
        for post in view.public
    }
    write_if_changed(Path(app.outdir) / "_static" / PREVIEWS, previews_script(entries))
