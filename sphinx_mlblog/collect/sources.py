"""The project's source documents, found before Sphinx reads them."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

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


def matches_pattern(docname: str, patterns: tuple[str, ...]) -> bool:
    """Whether ``docname`` is a post by ``blog_post_pattern``."""
    from fnmatch import fnmatch

    return any(fnmatch(docname, pattern) for pattern in patterns)
