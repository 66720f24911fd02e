"""Markdown files on a reST site: left unread, as ablog leaves them.

sphinx-mlblog sets up MyST itself, so that a blog can be written in Markdown without more
configuration. ablog does not: on a reST site that moves from ablog, the repository's
``README.md`` (or any other Markdown file in the source folder) would become a page of its
own, and a warning (``document isn't included in any toctree``) that ``-W`` makes an
error. So when the project did not ask for MyST (``myst_parser``, ``myst_nb`` or Jupyter
Book in ``extensions``), and no Markdown file is a post or the root document, its
Markdown files are added to ``exclude_patterns`` (archive stubs excepted). A site that
writes one Markdown post reads them all again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..config import make_blog_config
from ..model.frontmatter import declares_post
from ..util import GENERATED_KEY
from .scan import extract
from .sources import pattern_matcher, source_docs

logger = logging.getLogger(__name__)

#: Extensions that set up MyST themselves: a project listing one asked for Markdown.
MYST_LOADERS = frozenset({"myst_parser", "myst_nb", "jupyter_book"})

_GLOB_SPECIAL = re.compile(r"([\[\]*?])")


def setup_markdown_scope(app: Sphinx) -> None:
    """Called before MyST is set up for posts: an extension listed before this one may
    have set it up already (the project asked for it)."""
    preloaded = "myst_parser" in app.extensions

    def skip(app: Sphinx, config: Config) -> None:
        skip_output_folders(app, config)
        if not preloaded and not MYST_LOADERS & set(config.extensions):
            skip_markdown_on_rest_sites(app, config)

    app.connect("config-inited", skip, priority=900)  # after Sphinx merges source suffixes


def skip_output_folders(app: Sphinx, config: Config) -> None:
    """An output folder inside the source folder is never read: the blog writes Markdown
    there (each post's copy, vendored licences), which MyST would read as pages. That is
    this build's output and doctree folders, and any other folder holding a Sphinx HTML
    build (its ``.buildinfo``): an earlier build with another builder or output folder."""
    srcdir = Path(app.srcdir).resolve()
    folders = {Path(folder).resolve() for folder in (app.outdir, app.doctreedir)}
    patterns = set()
    for folder in folders.union(built_folders(srcdir)):
        try:
            relative = folder.relative_to(srcdir).as_posix()
        except ValueError:
            continue
        if relative != ".":
            patterns.add(f"{relative}/**")
    # in one order whichever builder builds, so that the next one reads nothing again
    added = sorted(patterns.difference(config.exclude_patterns))
    if added:
        config.exclude_patterns = [*config.exclude_patterns, *added]


#: folders never looked into for earlier builds
_NOT_BUILDS = frozenset({"node_modules", "__pycache__", "site-packages"})


def built_folders(srcdir: Path, depth: int = 3) -> list[Path]:
    """Folders at most ``depth`` levels below ``srcdir`` that hold a Sphinx HTML build
    (``_build/html``, ``_website``, ``out/dirhtml``); hidden folders are not looked into."""
    found: list[Path] = []
    level = [os.fspath(srcdir)]
    for _ in range(depth):
        below: list[str] = []
        for folder in level:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.name in _NOT_BUILDS:
                    continue
                if not entry.is_dir(follow_symlinks=False):
                    continue
                if os.path.isfile(os.path.join(entry.path, ".buildinfo")):
                    found.append(Path(entry.path))
                else:
                    below.append(entry.path)
        level = below
    return found


def skip_markdown_on_rest_sites(app: Sphinx, config: Config) -> None:
    """Exclude the Markdown files of a reST site (see the module's docstring)."""
    suffixes = tuple(s for s, kind in config.source_suffix.items() if kind == "markdown")
    if not suffixes:
        return
    srcdir = Path(app.srcdir)
    if any((srcdir / (config.root_doc + suffix)).is_file() for suffix in suffixes):
        return  # a Markdown home page: a Markdown site (found without walking the tree)
    markdown = {d: p for d, p in source_docs(app).items() if p.endswith(suffixes)}
    is_pattern_post = pattern_matcher(app.srcdir, markdown, make_blog_config(config).post_patterns)
    unread = []
    for docname, path in markdown.items():
        raw, directive = extract(path, config.source_encoding)
        if raw.get(GENERATED_KEY):
            continue  # an archive stub: the blog's own page
        if directive or declares_post(raw, is_pattern_post(docname)):
            return  # a Markdown post: the site is written in Markdown too
        unread.append(Path(os.path.relpath(path, app.srcdir)).as_posix())
    if unread:
        unread.sort()
        config.exclude_patterns = [
            *config.exclude_patterns,
            # a glob's special characters match themselves as "any one character" does;
            # what else that matches is a Markdown file of this site as well
            *(_GLOB_SPECIAL.sub("?", name) for name in unread),
        ]
        logger.info(
            "sphinx-mlblog: Markdown files not read on this reST site (as ablog; list "
            "myst_parser in extensions to read them): %s",
            ", ".join(unread),
        )
