"""A cheap scan of the source files' front matter, before Sphinx reads them.

Sphinx must know every document before reading starts, but which archive pages exist
(one per tag, category, ... and page number) depends on the posts' metadata. This scan
reads only front matter and ``post`` directive options, caches its result per file
(mtime and size) in the doctree folder, and is used for nothing but planning those
pages; everything shown on them comes from the domain, filled in after reading.
"""

from __future__ import annotations

import json
import os
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..model.archives import configured_keys
from ..model.frontmatter import declares_post, front_matter_lines, normalize
from ..model.post import Post
from ..model.settings import BlogConfig
from ..util import GENERATED_KEY, is_stub_text

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

CACHE_NAME = "mlblog-scan.pickle"
#: In a cache entry the reader corrected (:mod:`.reconcile`): good for planning archive
#: pages, not as the post's front matter.
PLANNED_FROM_READER = "mlblog_planned_from_reader"
CACHE_VERSION = 9  # a directive's :excerpt: (a count) no longer read as front matter text
#: The ``post`` directive's flag options, True when given; an empty value of any other is
#: "", as docutils' ``unchanged`` gives it (``:tags:`` with nothing after it: no tags).
POST_FLAGS = frozenset({"exclude", "featured", "draft", "nocomments", "interactive"})
#: In the metadata of a page of the project's own where the blog's index goes (it lists
#: the posts under its text, and has further pages as a generated index has).
OWN_INDEX_KEY = "mlblog_own_index"


#: A fence line of Markdown (at most three spaces in: more is an indented code block).
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*(?P<info>[^\r\n]*?)[ \t]*\r?$")
#: ablog's post directive in reStructuredText, at the start of a line (not inside a
#: literal block or another directive, whose lines are indented).
_RST_POST = re.compile(r"^\.\.[ \t]+post::[ \t]*(?P<arg>.*?)[ \t]*\r?$", re.M)
#: A comment after a plain MyST option value.
_COMMENT = re.compile(r"\s#")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")


def _closes(match: re.Match, fence: tuple[str, int, bool]) -> bool:
    return not match["info"] and match["fence"][0] == fence[0] and len(match["fence"]) >= fence[1]


def md_post_directive(text: str) -> tuple[str, list[str]] | None:
    """The first ``{post}`` directive of a Markdown text that is not in a code block:
    its argument and the lines of its body (MyST's rules for fences: a code block's
    lines are literal; a directive's are Markdown)."""
    lines = text.split("\n")
    stack: list[tuple[str, int, bool]] = []  # open fences: (character, length, is code)
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if stack and stack[-1][2]:  # in a code block: only its closing fence counts
            if match and _closes(match, stack[-1]):
                stack.pop()
            continue
        if not match:
            continue
        if stack and _closes(match, stack[-1]):
            stack.pop()
        elif match["info"].startswith("{post}"):
            fence = (match["fence"][0], len(match["fence"]), False)
            body = []
            for inner in lines[number + 1 :]:
                closing = _FENCE.match(inner)
                if closing and _closes(closing, fence):
                    break
                body.append(inner)
            return match["info"][len("{post}") :].strip(), body
        else:
            is_code = match["fence"][0] != ":" and not match["info"].startswith("{")
            stack.append((match["fence"][0], len(match["fence"]), is_code))
    return None


def _myst_options(body: list[str]) -> dict[str, Any]:
    """A MyST directive's options: a YAML block between ``---`` lines, or ``:key: value``
    lines, at the start of its body."""
    if body and body[0].strip() == "---":
        end = next((i for i, line in enumerate(body[1:], 1) if line.strip() == "---"), None)
        if end is not None:
            try:
                data = yaml.load("\n".join(body[1:end]), Loader=_Loader)
            except (yaml.YAMLError, ValueError, TypeError, RecursionError):
                return {}
            return data if isinstance(data, dict) else {}
    return {key: _myst_scalar(value, key) for key, value in _options_after(body).items()}


def _myst_scalar(value: Any, key: str) -> Any:
    """An option value as MyST's ``:key: value`` lines give it: a quoted value unquoted
    (``"@ada"`` is ``@ada``, as in YAML), a plain one without its `` # comment``."""
    if not isinstance(value, str):
        return value
    if value[:1] in ("'", '"'):
        try:
            data = yaml.load(value, Loader=_Loader)
        except (yaml.YAMLError, ValueError, TypeError, RecursionError):
            return value
        return data if isinstance(data, str) else value
    if value.startswith("#"):  # MyST: an empty value
        return True if key in POST_FLAGS else ""
    return _COMMENT.split(value, 1)[0].rstrip()


def _front_matter(text: str) -> dict[str, Any] | None:
    block = front_matter_lines(text, max_lines=500)
    if block is None:
        return None
    try:
        data = yaml.load("\n".join(block), Loader=_Loader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return {}  # the reader reports it, with its line
    return data if isinstance(data, dict) else {}


def _options_after(lines: list[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for line in lines:
        match = _OPTION.match(line)
        if not match:
            break
        key, value = match["key"], match["value"].strip()
        options[key] = True if not value and key in POST_FLAGS else value
    return options


_RST_FIELD = re.compile(r"^:(?P<key>[^:\s][^:]*):(?:\s+(?P<value>.*))?$")


def _rst_docinfo(lines: list[str]) -> dict[str, Any]:
    """The reST field list that opens a document (after comments), as the reader's
    metadata has it: a field's body is its text (and the indented lines under it, joined
    by newlines), blank lines between fields allowed."""
    fields: dict[str, Any] = {}
    key: str | None = None
    body: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        index += 1
        if not line:
            body.append("")
            continue
        if line[0].isspace():
            if key is None:  # a comment's or a stray block's indented lines
                if fields:
                    break
                continue
            body.append(line.strip())
            continue
        if key is not None:
            fields[key] = _field_text(body)
            key = None
        if line.startswith("..") and not fields:  # a comment (or a target) before the fields
            continue
        match = _RST_FIELD.match(line)
        if not match:
            break
        key, body = match["key"].strip(), [match["value"] or ""]
    if key is not None:
        fields[key] = _field_text(body)
    return fields


def _field_text(body: list[str]) -> str:
    """A field body's lines as ``astext()`` gives its paragraphs: lines joined by
    newlines, paragraphs by a blank line."""
    paragraphs = "\n".join(body).strip().split("\n\n")
    return "\n\n".join(p.strip("\n") for p in paragraphs if p.strip())


_RST_MIMETYPES = ("", "text/restructuredtext", "text/x-rst", "text/prs.fallenstein.rst")


def _notebook(text: str) -> tuple[dict[str, Any], bool]:
    """A notebook's metadata, the front matter of its first Markdown cell (myst-nb), and
    the first ``post`` directive of its cells: a ``{post}`` fence in a Markdown cell
    (myst-nb) or ``.. post::`` in a reST raw cell (nbsphinx, as ablog sites write them)."""
    try:
        notebook = json.loads(text)
        meta = dict(notebook.get("metadata", {}))
        cells = [c for c in notebook.get("cells") or [] if isinstance(c, dict)]
    except (ValueError, AttributeError, TypeError):
        return {}, False
    sources = [_cell_source(cell) for cell in cells]
    if cells and cells[0].get("cell_type") == "markdown":
        meta.update(_front_matter(sources[0]) or {})
    for cell, source in zip(cells, sources, strict=True):
        kind, mimetype = cell.get("cell_type"), _raw_mimetype(cell)
        if kind == "markdown" and "{post}" in source:
            directive = md_post_directive(source)
            if directive:
                return _with_directive(meta, directive, _myst_options(directive[1])), True
        elif kind == "raw" and mimetype in _RST_MIMETYPES and "post::" in source:
            found = _RST_POST.search(source)
            if found:
                body = source[found.end() :].split("\n")[1:41]
                return _with_directive(meta, (found["arg"], body), _options_after(body)), True
    return meta, False


def _cell_source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _raw_mimetype(cell: dict[str, Any]) -> str:
    metadata = cell.get("metadata") or {}
    return str(metadata.get("raw_mimetype") or metadata.get("format") or "")


def _with_directive(
    raw: dict[str, Any], directive: tuple[str, list[str]], options: dict[str, Any]
) -> dict[str, Any]:
    """The front matter with the directive's options (its argument, the date) over it.
    A directive's ``excerpt`` is ablog's paragraph count, read with the directive, not the
    front matter's ``excerpt`` text (a summary): left out."""
    if directive[0].strip():
        raw["date"] = directive[0].strip()
    raw.update((key, value) for key, value in options.items() if key != "excerpt")
    return raw


def extract(path: str | Path, encoding: str = "utf-8-sig") -> tuple[dict[str, Any], bool]:
    """``(raw metadata, has post directive)`` of one source file, read as Sphinx reads it
    (``source_encoding``; its default ``utf-8-sig`` drops the byte-order mark some
    Windows editors write, before which no front matter was found); a notebook is JSON,
    always UTF-8."""
    suffix = os.path.splitext(path)[1]
    try:
        with open(path, encoding="utf-8-sig" if suffix == ".ipynb" else encoding) as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return {}, False
    if is_stub_text(text):
        return {GENERATED_KEY: True}, False
    if suffix == ".ipynb":
        return _notebook(text)
    raw: dict[str, Any] = {}
    if suffix == ".rst":
        raw.update(_rst_docinfo(text.split("\n", 60)[:60]))
        found = _RST_POST.search(text) if "post::" in text else None
        directive = (found["arg"], text[found.end() :].split("\n", 41)[1:41]) if found else None
        options = _options_after(directive[1]) if directive else {}
    else:
        raw.update(_front_matter(text) or {})
        # a substring search first: most files have no directive
        directive = md_post_directive(text) if "{post}" in text else None
        options = _myst_options(directive[1]) if directive else {}
    if directive is None:
        return raw, False
    return _with_directive(raw, directive, options), True


class SourceScan:
    """Scan results for a source tree, cached between builds."""

    def __init__(self, cache_dir: Path, encoding: str = "utf-8-sig") -> None:
        self.cache_path = cache_dir / CACHE_NAME
        self.encoding = encoding
        self.entries: dict[str, tuple[int, int, dict[str, Any], bool]] = {}
        try:
            with open(self.cache_path, "rb") as f:
                version, entries = pickle.load(f)
            if version == CACHE_VERSION:
                self.entries = entries
        except Exception:
            self.entries = {}

    def scan(self, docs: dict[str, str]) -> dict[str, tuple[dict[str, Any], bool]]:
        result = {}
        fresh = {}
        for docname, path in docs.items():
            try:
                stat = os.stat(path)
            except OSError:
                continue
            cached = self.entries.get(docname)
            if cached and cached[0] == stat.st_mtime_ns and cached[1] == stat.st_size:
                raw, directive = cached[2], cached[3]
            else:
                raw, directive = extract(path, self.encoding)
            fresh[docname] = (stat.st_mtime_ns, stat.st_size, raw, directive)
            result[docname] = (raw, directive)
        self.entries = fresh
        return result

    def save(self) -> None:
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.cache_path, "wb") as f:
                pickle.dump((CACHE_VERSION, self.entries), f, pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass


def scanned_posts(
    found: dict[str, tuple[dict[str, Any], bool]],
    config: BlogConfig,
    is_pattern: Callable[[str], bool],
) -> list[Post]:
    """Lightweight posts (metadata only) from scan results; problems are left to the reader."""
    posts = []
    for docname, (raw, directive) in found.items():
        if raw.get(GENERATED_KEY):
            continue
        if not (directive or declares_post(raw, is_pattern(docname))):
            continue
        fields, _ = normalize(raw, config)
        posts.append(
            Post(
                docname=docname,
                title=fields.get("title", docname),
                slug=docname,
                date=fields.get("date"),
                tags=fields.get("tags", ()),
                categories=fields.get("category", ()),
                authors=configured_keys(
                    "author", fields.get("author") or config.default_authors, config
                ),
                locations=configured_keys(
                    "location", fields.get("location") or config.default_locations, config
                ),
                languages=configured_keys(
                    "language", fields.get("language") or config.default_languages, config
                ),
                series=fields.get("series"),
                part=fields.get("part"),
                draft=fields.get("draft", False),
                exclude=fields.get("exclude", False),
            )
        )
    return posts
