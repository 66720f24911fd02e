"""Front matter (or ``post`` directive options) -> normalised post fields, field by field.

One bad field is reported and skipped; the post still builds. Shared by the collector
(values from ``env.metadata``, where MyST JSON-encodes non-scalars) and the source scan
(values straight from YAML).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from .settings import BlogConfig

#: Front-matter keys that mean something to the blog (ablog's and ours), with aliases.
ALIASES = {
    "tag": "tags",
    "categories": "category",
    "authors": "author",
    "updated": "update",
    "description": "summary",
    "excerpt": "summary",
    "series_part": "part",
    "locations": "location",
    "languages": "language",
}
KNOWN_KEYS = {
    "blogpost",
    "title",
    "date",
    "update",
    "tags",
    "category",
    "author",
    "location",
    "language",
    "series",
    "part",
    "featured",
    "draft",
    "summary",
    "image",
    "redirect",
    "external_link",
    "exclude",
    "slug",
    "nocomments",
    "interactive",
}

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d.%m.%Y",
)
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


@dataclass
class Problem:
    """One front-matter field that could not be used.

    ``kind`` is the warning subtype it is reported as: ``"date"`` or ``"frontmatter"``.
    """

    key: str
    message: str
    kind: str


def decode(value: Any) -> Any:
    """Undo MyST's JSON encoding of non-scalar front-matter values."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def canonical(raw: dict[str, Any]) -> dict[str, Any]:
    """Lower-case keys, resolve aliases and decode values."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        key = (key if type(key) is str else str(key)).strip().lower()
        key = ALIASES.get(key, key)
        if key in KNOWN_KEYS:
            out[key] = decode(value)
    return out


def parse_date(value: Any, fmt: str | None = None) -> datetime:
    """Parse a date in ISO form, ``post_date_format`` or a handful of common forms."""
    if isinstance(value, datetime):
        return _naive(value)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if not isinstance(value, str):
        raise ValueError(f"expected a date, got {type(value).__name__}")
    text = value.strip()
    try:
        return _naive(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    for candidate in ((fmt,) if fmt else ()) + _DATE_FORMATS:
        try:
            return datetime.strptime(text, candidate)
        except ValueError:
            continue
    try:  # ablog depends on dateutil; use it where it is installed
        from dateutil import parser as dateparser

        return _naive(dateparser.parse(text))
    except Exception:
        pass
    raise ValueError(f"cannot parse date {text!r}")


def _naive(value: datetime) -> datetime:
    # Aware datetimes are kept as their wall-clock time; feeds attach blog_timezone.
    return value.replace(tzinfo=None)


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"expected true or false, got {value!r}")


def parse_list(value: Any) -> tuple[str, ...]:
    """A YAML list or a comma-separated string -> tuple of stripped, unique strings."""
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = []
        for item in value:
            if isinstance(item, (dict, list, tuple)) or item is None:
                raise ValueError(f"expected a list of strings, got an item {item!r}")
            items.append(str(item))
    else:
        raise ValueError(
            f"expected a list or comma-separated text, got {type(value).__name__} {value!r}"
        )
    seen: dict[str, None] = {}
    for item in items:
        item = " ".join(item.split())
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def parse_text(value: Any) -> str:
    if isinstance(value, (dict, list, tuple)):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return " ".join(str(value).split()) if value is not None else ""


def parse_part(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected a positive whole number")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"expected a positive whole number, got {value!r}") from None
    if number < 1:
        raise ValueError(f"expected a positive whole number, got {value!r}")
    return number


_PARSERS = {
    "title": parse_text,
    "summary": parse_text,
    "image": parse_text,
    "external_link": parse_text,
    "slug": parse_text,
    "series": parse_text,
    "tags": parse_list,
    "category": parse_list,
    "author": parse_list,
    "location": parse_list,
    "language": parse_list,
    "redirect": parse_list,
    "featured": parse_bool,
    "draft": parse_bool,
    "exclude": parse_bool,
    "nocomments": parse_bool,
    "blogpost": parse_bool,
    "interactive": parse_bool,
    "part": parse_part,
}


def normalize(raw: dict[str, Any], config: BlogConfig) -> tuple[dict[str, Any], list[Problem]]:
    """Parse each known field; return the good ones and a problem per bad one."""
    fields: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in canonical(raw).items():
        try:
            if key in ("date", "update"):
                if value in (None, ""):
                    continue
                fields[key] = parse_date(value, config.date_format)
            else:
                fields[key] = _PARSERS[key](value)
        except ValueError as exc:
            kind = "date" if key in ("date", "update") else "frontmatter"
            problems.append(Problem(key, f"invalid {key!r}: {exc}; the field is ignored", kind))
    if fields.get("series") == "":
        fields.pop("series")
    return fields, problems


def is_post_metadata(raw: dict[str, Any]) -> bool:
    """``blogpost: true`` in the front matter."""
    value = canonical(raw).get("blogpost")
    try:
        return value is not None and parse_bool(value)
    except ValueError:
        return False


def front_matter_lines(text: str, max_lines: int | None = None) -> list[str] | None:
    """The lines between a leading ``---`` and the closing ``---``/``...`` (None: no block)."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    for end in range(1, min(len(lines), max_lines or len(lines))):
        if lines[end].strip() in ("---", "..."):
            return lines[1:end]
    return None


def find_line(source: str, key: str) -> int | None:
    """Line (1-based) of ``key:`` in a leading front-matter block or field list."""
    for number, line in enumerate(source.splitlines()[:200], start=1):
        stripped = line.strip().lower()
        if stripped.startswith((f"{key}:", f":{key}:")):
            return number
    return None
