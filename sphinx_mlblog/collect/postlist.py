"""``postlist`` (ablog's options, and more) and ``blog-landing``: placeholders for lists
of posts, filled in when every post is known (:mod:`sphinx_mlblog.render.resolve`)."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..i18n import _
from ..model.frontmatter import is_count
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


#: ``:list-style:`` goes into a ``style`` attribute: a CSS list-style-type keyword
#: (``circle``, ``lower-roman``, a counter style's name) or a marker string, nothing else
#: (an allowlist: no ``;``, no ``url()``, no quotes or escapes inside the string).
_LIST_STYLE_KEYWORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_LIST_STYLE_MARKER = re.compile(r"""(["']?)([^"'\\<>;:(){}\n]{1,8})\1""")


def list_style(value: str) -> str | None:
    """The CSS list-style-type of ``:list-style:`` (a keyword, or a marker as a quoted
    string: ``→`` is ``'→'``), or None when it is neither."""
    if _LIST_STYLE_KEYWORD.fullmatch(value):
        return value
    marker = _LIST_STYLE_MARKER.fullmatch(value)
    return f"'{marker[2]}'" if marker else None


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


def _limit(key: str, value: Any) -> tuple[str, Any]:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ValueError(f"'{key}' must be a non-negative whole number, not {value!r}")
    return "limit", number


def _year(key: str, value: Any) -> tuple[str, Any]:
    if not is_count(str(value)):
        raise ValueError(f"'year' must be a year such as 2024, not {value!r}")
    return key, str(int(value))


def _choice(allowed: tuple[str, ...], default: str | None = None) -> Any:
    """A check that the value is one of ``allowed`` ("" stands for ``default``)."""
    named = [a for a in allowed if a]
    names = f"{', '.join(named[:-1])} or {named[-1]}"

    def check(key: str, value: Any) -> tuple[str, Any]:
        if value not in allowed:
            raise ValueError(f"'{key}' must be {names}, not {value!r}")
        return key, (value or default) if default else value

    return check


def _list_style(key: str, value: Any) -> tuple[str, Any]:
    style = list_style(str(value))
    if style is None:
        raise ValueError(f"'list-style' must be a CSS list-style-type, not {value!r}")
    return key, style


#: The fields of ablog's ``:format:`` (and ours: series, reading time).
_FORMAT_FIELDS = (
    "title",
    "date",
    "author",
    "location",
    "language",
    "category",
    "tags",
    "series",
    "reading_time",
)


def _format(key: str, value: Any) -> tuple[str, Any]:
    try:
        str(value).format(**dict.fromkeys(_FORMAT_FIELDS, ""))
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"'format' {value!r} is not a valid format string ({exc})") from None
    return key, value


_CHECKS: dict[str, Any] = {
    "number": _limit,
    "limit": _limit,
    "year": _year,
    "style": _choice(("list", "cards", "compact")),
    "sort": _choice(("", "oldest", "newest", "title"), "oldest"),  # bare :sort: is oldest
    "list-style": _list_style,
    "format": _format,
}


def check_postlist_options(options: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Validate option values; return the usable ones and an error per bad one."""
    good: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in options.items():
        check = _CHECKS.get(key)
        if check is None:
            good[key] = value
            continue
        try:
            name, checked = check(key, value)
        except ValueError as exc:
            errors.append(str(exc))
        else:
            good[name] = checked
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
