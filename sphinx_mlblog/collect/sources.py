"""The project's source documents, found before Sphinx reads them."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import get_matching_files
from sphinx.util.osutil import path_stabilize


def source_docs(app: Sphinx) -> dict[str, str]:
    """Every source document's path, found as Sphinx's ``Project.discover`` finds them
    (same patterns), without the bookkeeping Sphinx does again when it reads."""
    config = app.config
    excludes = list(config.exclude_patterns) + list(config.templates_path)
    excludes += list(getattr(config, "html_static_path", [])) + list(
        getattr(config, "html_extra_path", [])
    )
    srcdir = Path(app.srcdir)
    for folder in (app.outdir, app.doctreedir):
        with contextlib.suppress(ValueError):
            excludes.append(Path(folder).resolve().relative_to(srcdir.resolve()).as_posix() + "/**")
    suffixes = tuple(config.source_suffix)
    docs: dict[str, str] = {}
    for filename in get_matching_files(
        srcdir, config.include_patterns, [*excludes, *EXCLUDE_PATHS]
    ):
        for suffix in suffixes:
            if filename.endswith(suffix):
                docs.setdefault(
                    path_stabilize(filename).removesuffix(suffix), os.path.join(srcdir, filename)
                )
                break
    return docs


def is_pattern_post(env: Any, docname: str, patterns: tuple[str, ...]) -> bool:
    """:func:`matches_pattern` for a document of the environment, its file found there
    (only when there are patterns to match)."""
    return bool(patterns) and matches_pattern(docname, patterns, _relative_source(env, docname))


def _relative_source(env: Any, docname: str) -> str:
    """A document's source file relative to the source folder, with ``/`` ("" if unknown)."""
    try:
        return Path(env.doc2path(docname, False)).as_posix()
    except Exception:
        return ""


def pattern_matcher(
    srcdir: str | Path, docs: dict[str, str], patterns: tuple[str, ...]
) -> Callable[[str], bool]:
    """:func:`matches_pattern` for the documents of :func:`source_docs` (docname -> path)."""

    def matches(docname: str) -> bool:
        if not patterns:
            return False
        path = docs.get(docname)
        source = Path(os.path.relpath(path, srcdir)).as_posix() if path else ""
        return matches_pattern(docname, patterns, source)

    return matches


def matches_pattern(docname: str, patterns: tuple[str, ...], source: str = "") -> bool:
    """Whether a document is a post by ``blog_post_pattern``: as ablog has it, a pattern
    is a recursive glob of source files from the source folder (``posts/*/*``,
    ``posts/**/*.rst``: ``*`` stays within a folder, ``**`` spans any number of them);
    it is matched against the document's file (``source``, relative to the source folder,
    when the caller knows it) and against its docname."""
    names = (docname, source) if source and source != docname else (docname,)
    return any(_glob(pattern).fullmatch(name) for pattern in patterns for name in names)


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    """``glob.glob(pattern, recursive=True)``'s matches as a regular expression over
    relative paths (with ``/``): wildcards stay within a folder and do not match a name
    that starts with a dot, ``**`` as a whole part spans any number of folders."""
    parts = [part for part in pattern.replace(os.sep, "/").split("/") if part not in ("", ".")]
    out = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(r"(?:(?!\.)[^/]*(?:/(?!\.)[^/]*)*)?" if last else r"(?:(?!\.)[^/]+/)*")
            continue
        hidden = "" if part.startswith(".") else r"(?!\.)"
        out.append(hidden + _within_folder(part) + ("" if last else "/"))
    return re.compile("".join(out))


def _within_folder(part: str) -> str:
    """One part of a glob (no ``/``) as a regular expression in which wildcards stay
    within a folder."""
    out, i = [], 0
    while i < len(part):
        char = part[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = part.find("]", i + 2 if part[i + 1 : i + 2] in ("!", "]") else i + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = part[i + 1 : end].replace("\\", "\\\\").replace("[", "\\[")
                if body.startswith("!"):  # a negated set: never a folder's "/" either
                    body = "^/" + body[1:]
                elif body.startswith("^"):  # a literal "^", as in fnmatch
                    body = "\\" + body
                out.append("[" + body + "]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
