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

from ..model.frontmatter import front_matter_lines, is_post_metadata, normalize
from ..model.post import Post
from ..model.settings import BlogConfig

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

CACHE_NAME = "mlblog-scan.pickle"
CACHE_VERSION = 3
GENERATED_KEY = "mlblog_generated"
# The first line of every archive stub: a MyST comment rather than front matter, which
# would cost two YAML parses per stub (a third of the calls of reading one). The stub's
# ``blog-archive :generated:`` marks the document as generated and orphan. Stubs written
# by earlier versions began with OLD_STUB_MARKER; they are still ours, so they are replaced.
STUB_MARKER = "% sphinx-mlblog: a generated archive page, rewritten on every build\n"
OLD_STUB_MARKER = f"---\norphan: true\n{GENERATED_KEY}: true\n"
STUB_MARKER_LENGTH = max(len(STUB_MARKER), len(OLD_STUB_MARKER))


def is_stub_text(text: str) -> bool:
    """Whether a source's text (or its first ``STUB_MARKER_LENGTH`` characters) is an
    archive stub written by sphinx-mlblog."""
    return text.startswith((STUB_MARKER, OLD_STUB_MARKER))


_MD_FENCE = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|:{3,})[ \t]*\{post\}[ \t]*(?P<arg>.*?)[ \t]*\r?$", re.M
)
_RST_POST = re.compile(r"^[ \t]*\.\.[ \t]+post::[ \t]*(?P<arg>.*?)[ \t]*\r?$", re.M)
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")


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
        options[match["key"]] = match["value"].strip() or True
    return options


def _rst_docinfo(lines: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for line in lines[:60]:
        if not line.strip() or line.startswith(".."):
            if fields:
                break
            continue
        match = _OPTION.match(line)
        if not match or line.startswith(" "):
            break
        fields[match["key"]] = match["value"].strip()
    return fields


def extract(path: str | Path) -> tuple[dict[str, Any], bool]:
    """``(raw metadata, has post directive)`` of one source file."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return {}, False
    if is_stub_text(text):
        return {GENERATED_KEY: True}, False
    suffix = os.path.splitext(path)[1]
    if suffix == ".ipynb":
        try:
            notebook = json.loads(text)
            meta = dict(notebook.get("metadata", {}))
            cells = notebook.get("cells") or []
            if cells and cells[0].get("cell_type") == "markdown":
                source = cells[0].get("source", "")
                meta.update(
                    _front_matter("".join(source) if isinstance(source, list) else source) or {}
                )
            return meta, False
        except (ValueError, AttributeError):
            return {}, False
    raw: dict[str, Any] = {}
    if suffix == ".rst":
        raw.update(_rst_docinfo(text.split("\n", 60)[:60]))
        pattern, needle = _RST_POST, "post::"
    else:
        raw.update(_front_matter(text) or {})
        pattern, needle = _MD_FENCE, "{post}"
    has_directive = False
    # one scan of the text (a substring search first: most files have no directive)
    found = pattern.search(text) if needle in text else None
    if found:
        has_directive = True
        if found["arg"].strip():
            raw["date"] = found["arg"].strip()
        raw.update(_options_after(text[found.end() :].split("\n", 41)[1:41]))
    return raw, has_directive


class SourceScan:
    """Scan results for a source tree, cached between builds."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_path = cache_dir / CACHE_NAME
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
                raw, directive = extract(path)
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
        if not (directive or is_post_metadata(raw) or is_pattern(docname)):
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
                authors=fields.get("author") or config.default_authors,
                locations=fields.get("location") or config.default_locations,
                languages=fields.get("language") or config.default_languages,
                series=fields.get("series"),
                part=fields.get("part"),
                draft=fields.get("draft", False),
                exclude=fields.get("exclude", False),
            )
        )
    return posts
