"""``postlist`` (ablog's options, and more) and ``blog-landing``: placeholders for lists
of posts, filled in when every post is known (:mod:`sphinx_mlblog.render.resolve`)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..i18n import _
from ..util import note_feature
from ..warnings import MLBlogWarning, warn
from .nodes import postlist_node


def _flag(value: str | None) -> bool:
    return True


def _text(value: str | None) -> str:
    value = (value or "").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value


POSTLIST_OPTIONS: dict[str, Any] = {
    "author": _text,
    "category": _text,
    "tags": _text,
    "location": _text,
    "language": _text,
    "series": _text,
    "year": _text,
    "format": _text,
    "date": _text,
    "sort": _text,
    "excerpts": _flag,
    "expand": _text,
    "list-style": _text,
    "number": _text,
    "limit": _text,
    "featured": _flag,
    "style": _text,
    "drafts": _flag,
    "exclude-self": _flag,
    "title": _text,
    "hide-empty": _flag,
}


def check_postlist_options(options: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Validate option values; return the usable ones and an error per bad one."""
    good: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in options.items():
        if key in ("number", "limit"):
            try:
                number = int(value)
                if number < 0:
                    raise ValueError
                good["limit"] = number
            except ValueError:
                errors.append(f"'{key}' must be a non-negative whole number, not {value!r}")
        elif key == "year":
            if not (str(value).isascii() and str(value).isdigit()):
                errors.append(f"'year' must be a year such as 2024, not {value!r}")
            else:
                good["year"] = str(int(value))
        elif key == "style":
            if value not in ("list", "cards", "compact"):
                errors.append(f"'style' must be list, cards or compact, not {value!r}")
            else:
                good["style"] = value
        elif key == "sort":
            if value not in ("", "oldest", "newest", "title"):
                errors.append(f"'sort' must be oldest, newest or title, not {value!r}")
            else:
                good["sort"] = value or "oldest"  # ablog: a bare :sort: means oldest first
        elif key == "format":
            try:
                str(value).format(
                    title="",
                    date="",
                    author="",
                    location="",
                    language="",
                    category="",
                    tags="",
                    series="",
                    reading_time="",
                )
                good["format"] = value
            except (KeyError, IndexError, ValueError) as exc:
                errors.append(f"'format' {value!r} is not a valid format string ({exc})")
        else:
            good[key] = value
    return good, errors


class PostListDirective(SphinxDirective):
    """List posts, filtered and formatted as ablog's ``postlist`` (plus series/featured/year)."""

    optional_arguments = 1
    option_spec = dict(POSTLIST_OPTIONS)

    def run(self) -> list[nodes.Node]:
        options = dict(self.options)
        if self.arguments:
            options.setdefault("number", self.arguments[0])
        # ablog's `:sort:` is a flag; docutils hands us None for a bare flag
        options = {k: ("" if v is None else v) for k, v in options.items()}
        good, errors = check_postlist_options(options)
        for error in errors:
            warn(
                f"postlist: {error}; the option is ignored",
                MLBlogWarning.POSTLIST,
                location=(self.env.docname, self.lineno),
            )
        note_feature(self.state.document, "listing")
        node = postlist_node(options=good)
        self.set_source_info(node)
        return [node]


class LandingDirective(SphinxDirective):
    """A landing section: featured posts, then the latest ones, as cards."""

    option_spec = {
        "featured": directives.nonnegative_int,
        "latest": directives.nonnegative_int,
        "featured-title": directives.unchanged,
        "latest-title": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        note_feature(self.state.document, "listing")
        box = nodes.container(classes=["mlblog-landing"])
        featured = self.options.get("featured", 3)
        latest = self.options.get("latest", 6)
        if featured:
            box += postlist_node(
                options={
                    "featured": True,
                    "limit": featured,
                    "style": "cards",
                    "excerpts": True,
                    "hide-empty": True,
                    "title": self.options.get("featured-title", str(_("Featured"))),
                }
            )
        if latest:
            box += postlist_node(
                options={
                    "limit": latest,
                    "skip-featured": featured,
                    "style": "cards",
                    "excerpts": True,
                    "title": self.options.get("latest-title", str(_("Latest posts"))),
                }
            )
        for child in box.children:
            self.set_source_info(child)
        return [box]
