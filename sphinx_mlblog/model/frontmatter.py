"""Front matter (or ``post`` directive options) -> normalised post fields, field by field.

One bad field is reported and skipped; the post still builds. Shared by the collector
(values from ``env.metadata``, where MyST JSON-encodes non-scalars) and the source scan
(values straight from YAML).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone, tzinfo
from functools import lru_cache
from typing import Any

import yaml
from dateutil import parser as dateparser

from .links import checked_url, parse_links
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
    "excerpt_count",
    "image",
    "redirect",
    "external_link",
    "canonical_link",
    "exclude",
    "slug",
    "nocomments",
    "interactive",
    "links",
    "cite",
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

    ``kind`` is the warning subtype it is reported as: ``"date"``, ``"links"`` or
    ``"frontmatter"``.
    """

    key: str
    message: str
    kind: str


def decode(value: Any) -> Any:
    """Undo the encodings front matter and options arrive in: MyST JSON-encodes
    non-scalar front matter, and gives a directive's YAML options (``tags: [a, b]``) back
    as flow-style text."""
    if isinstance(value, str) and value[:1] in ("[", "{"):  # not "" (in "[{" as well)
        try:
            return json.loads(value)
        except ValueError:
            pass
        try:
            decoded = yaml.safe_load(value)
        except (yaml.YAMLError, ValueError, TypeError, RecursionError):
            return value
        return decoded if isinstance(decoded, (list, dict)) else value
    return value


def canonical(raw: dict[str, Any]) -> dict[str, Any]:
    """Lower-case keys, resolve aliases and decode values."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = _known_key(key)
        if name is None:
            continue
        value = decode(value)
        if name == "excerpt":  # ablog's ``excerpt: N`` is a paragraph count, not text
            name = "excerpt_count" if is_count(value) else "summary"
        out[name] = value
    return out


@lru_cache(maxsize=1024, typed=True)  # a thousand posts write the same few keys
def _known_key(key: Any) -> str | None:
    """A front matter key lower-cased, its alias resolved (``excerpt`` as it is), or
    None when it is none of :data:`KNOWN_KEYS`."""
    name = (key if type(key) is str else str(key)).strip().lower()
    if name == "excerpt":
        return name
    name = ALIASES.get(name, name)
    return name if name in KNOWN_KEYS else None


def is_count(value: Any) -> bool:
    """A whole number of paragraphs, as YAML or a field list gives it (``2``, ``"0"``)."""
    if isinstance(value, int):
        return not isinstance(value, bool)
    return isinstance(value, str) and value.strip().isascii() and value.strip().isdigit()


def parse_date(value: Any, fmt: str | None = None, tz: tzinfo | None = None) -> datetime:
    """Parse a date in ISO form, ``post_date_format``, a handful of common forms, or any
    form dateutil reads (as ablog does).

    A date with a UTC offset keeps it; one without is in ``tz`` (``blog_timezone``), so
    every date is aware and dates from different zones compare correctly.
    """
    if isinstance(value, datetime):
        return _aware(value, tz)
    if isinstance(value, date):
        return _aware(datetime.combine(value, time()), tz)
    if not isinstance(value, str):
        raise ValueError(f"expected a date, got {type(value).__name__}")
    text = value.strip()
    try:
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00")), tz)
    except ValueError:
        pass
    for candidate in ((fmt,) if fmt else ()) + _DATE_FORMATS:
        try:
            return _aware(datetime.strptime(text, candidate), tz)
        except ValueError:
            continue
    try:  # what ablog reads through dateutil: "29th October 2021", "Oct 21, 2021", ...
        return _aware(dateparser.parse(text), tz)
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"cannot parse date {text!r}")


def _aware(value: datetime, tz: tzinfo | None) -> datetime:
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    return value.replace(tzinfo=tz or timezone.utc)


def zone(name: str) -> tzinfo:
    """The IANA time zone ``name`` (UTC when it is not known)."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except Exception:
        return timezone.utc


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"expected true or false, got {value!r}")


def _item_text(item: Any, notes: list[str] | None) -> str:
    """One list item as text: numbers and dates as written in YAML, booleans as
    ``true``/``false`` (noted: YAML reads yes, no, on and off as booleans too)."""
    if isinstance(item, bool):
        if notes is not None:
            notes.append(f"YAML read {item!r} as a boolean; quote it if you mean the word")
        return "true" if item else "false"
    if isinstance(item, (datetime, date)):
        return item.isoformat()
    if isinstance(item, (int, float, str)):
        return str(item)
    raise ValueError(f"expected a list of strings, got an item {item!r}")


#: C0 and C1 control characters (whitespace aside): no HTML, XML or feed may hold them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` on one line: control characters dropped, whitespace collapsed."""
    return " ".join(_CONTROL.sub("", text).split())


def parse_list(value: Any, notes: list[str] | None = None) -> tuple[str, ...]:
    """A YAML list or a comma-separated string -> tuple of stripped, unique strings.

    A number, boolean or date (``tags: 42``, ``tags: 2024``) is one item;
    ``notes`` collects what is worth a warning although the value is used.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = [_item_text(item, notes) for item in value]
    elif isinstance(value, (int, float, date, datetime)):  # bool is an int
        items = [_item_text(value, notes)]
    else:
        raise ValueError(
            f"expected a list or comma-separated text, got {type(value).__name__} {value!r}"
        )
    seen: dict[str, None] = {}
    for item in items:
        item = one_line(item)
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


#: "and" (or "&") opening the last name of a comma list: ``A, B, and C``
_CONJUNCTION = re.compile(r"^\s*(?:and|&)\s+(?=\S)", re.IGNORECASE)


def parse_people(value: Any, notes: list[str] | None = None) -> tuple[str, ...]:
    """Authors as :func:`parse_list` has them, or as mystmd writes them: mappings with a
    ``name`` (or an ``id``), ``authors: [{id: chris}]``. In a comma list, a name after
    the first that opens with "and" or "&" is the name without it (``A, B, and C``:
    ``C``; ablog had an author "and C")."""
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, (list, tuple)):
        value = [_person(item) for item in value]
    elif isinstance(value, str) and "," in value:
        first, *rest = value.split(",")
        value = [first, *(_CONJUNCTION.sub("", piece) for piece in rest)]
    return parse_list(value, notes)


def _person(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    for key in ("name", "id"):
        if isinstance(item.get(key), str) and item[key].strip():
            return item[key]
    raise ValueError(f"expected an author's name, got {item!r}")


#: front matter keys of the archives, and their kinds
_ARCHIVE_KEYS = {
    "tags": "tag",
    "category": "category",
    "author": "author",
    "location": "location",
    "language": "language",
}


def ablog_aliases(raw: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    """Archive pages ablog made of front matter it misread, as ``(kind, ablog's slug, key)``
    (``key`` "" when there is no real key to lead to), so those addresses can lead on:

    - an empty field (``tags:`` with nothing after it, YAML's null) was ablog's tag
      ``null``: page ``tag/null``;
    - ablog split text at commas and kept what was empty, so an empty reST field or
      ``post`` option (``:category:``), an empty list, or a trailing comma (``a, b,``) gave
      it a tag named "": page ``tag/.html`` (slug "");
    - ablog read an author written as a mapping (mystmd's ``authors: [{id: chris}]``) as
      text split at commas, so ``{id: chris, name: Chris}`` gave it the pages
      ``author/id-chris`` and ``author/name-chris``;
    - ablog kept the "and" of ``A, B, and C``: page ``author/and-c``.
    """
    from .slugs import ablog_slug

    fields = canonical(raw)
    aliases: dict[tuple[str, str], str] = {}
    for field, kind in _ARCHIVE_KEYS.items():
        if field not in fields:
            continue
        value = fields[field]
        if value is None:
            aliases.setdefault((kind, "null"), "")
        elif _has_empty_piece(value):
            aliases.setdefault((kind, ""), "")
    value = fields.get("author")
    if isinstance(value, str) and "," in value:  # ablog's page of "and C" in "A, B, and C"
        for piece in value.split(",")[1:]:
            name = one_line(_CONJUNCTION.sub("", piece))
            if name != one_line(piece) and ablog_slug(piece):
                aliases.setdefault(("author", ablog_slug(piece)), name)
    for item in value if isinstance(value, (list, tuple)) else [value]:
        if not isinstance(item, dict):
            continue
        try:
            name = one_line(_person(item))
        except ValueError:
            continue
        for piece in repr(item).split(","):
            slug = ablog_slug(piece)
            if slug and slug != ablog_slug(name):
                aliases.setdefault(("author", slug), name)
    return tuple((kind, slug, key) for (kind, slug), key in aliases.items())


def _has_empty_piece(value: Any) -> bool:
    """Whether ablog's split of ``value`` at commas kept an empty name."""
    if isinstance(value, str):
        return any(not piece.strip() for piece in value.split(","))
    if isinstance(value, (list, tuple)):
        return not value or any(isinstance(item, str) and not item.strip() for item in value)
    return False


def parse_text(value: Any) -> str:
    if isinstance(value, (dict, list, tuple)):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return one_line(str(value)) if value is not None else ""


def parse_url(value: Any) -> str:
    """An absolute ``http(s)`` URL (``external_link``, ``canonical_link``): an allowlist,
    so that no ``javascript:`` or ``data:`` address becomes a link."""
    text = parse_text(value).strip()
    return checked_url(text) if text else ""


def parse_count(value: Any) -> int:
    return int(str(value).strip())  # a string of ASCII digits (``is_count``)


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
    "external_link": parse_url,
    "canonical_link": parse_url,
    "slug": parse_text,
    "series": parse_text,
    "tags": parse_list,
    "category": parse_list,
    "author": parse_people,
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
    "excerpt_count": parse_count,
    "links": parse_links,
    "cite": parse_bool,
}


_LISTS = {"tags", "category", "author", "location", "language", "redirect", "links"}


def normalize(raw: dict[str, Any], config: BlogConfig) -> tuple[dict[str, Any], list[Problem]]:
    """Parse each known field; return the good ones and a problem per bad one."""
    fields: dict[str, Any] = {}
    problems: list[Problem] = []
    tz = zone(config.timezone)
    for key, value in canonical(raw).items():
        notes: list[str] = []
        try:
            if key in ("date", "update"):
                if value in (None, ""):
                    continue
                fields[key] = parse_date(value, config.date_format, tz)
            elif key in _LISTS:
                fields[key] = _PARSERS[key](value, notes)
            else:
                fields[key] = _PARSERS[key](value)
        except ValueError as exc:
            kind = "date" if key in ("date", "update") else "frontmatter"
            problems.append(Problem(key, f"invalid {key!r}: {exc}; the field is ignored", kind))
        kind = "links" if key == "links" else "frontmatter"
        problems += [Problem(key, f"{key!r}: {note}", kind) for note in notes]
    if fields.get("series") == "":
        fields.pop("series")
    return fields, problems


def post_flag(raw: dict[str, Any]) -> bool | None:
    """What the front matter's ``blogpost`` says (the last one, as :func:`canonical` keeps
    it): True, False, or None when it is not there or is no yes or no."""
    value = None
    for key, found in raw.items():
        if _known_key(key) == "blogpost":
            value = decode(found)
    try:
        return None if value is None else parse_bool(value)
    except ValueError:
        return None


def declares_post(raw: dict[str, Any], pattern_matched: bool) -> bool:
    """Whether front matter and ``blog_post_pattern`` make a document a post: ``blogpost:
    true``, or a match of the pattern that ``blogpost: false`` does not turn down (a
    folder's own index page among its posts, as SciPy India's ``blog/index.md``)."""
    flag = post_flag(raw)
    return pattern_matched if flag is None else flag


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
    """Line (1-based) of ``key:`` in a leading front-matter block or field list (or of
    one of its aliases: the ``summary`` may be written ``excerpt:``)."""
    names = (key, *(alias for alias, name in ALIASES.items() if name == key))
    if key == "excerpt_count":
        names += ("excerpt",)
    prefixes = tuple(prefix for name in names for prefix in (f"{name}:", f":{name}:"))
    for number, line in enumerate(source.splitlines()[:200], start=1):
        if line.strip().lower().startswith(prefixes):
            return number
    return None
