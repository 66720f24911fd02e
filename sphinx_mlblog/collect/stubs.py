"""Generated archive pages: real documents written as small stubs before reading.

Each stub holds a title and a ``blog-archive`` directive; its listing is filled in at
``doctree-resolved`` from the domain, so it is never stale. Stubs are only rewritten
when their text changes, begin with a marker line (:data:`~sphinx_mlblog.util.STUB_MARKER`), and are
never written over a file without it.
"""

from __future__ import annotations

import os
import string
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..i18n import archive_title
from ..model.archives import ArchiveSpec, plan_archives
from ..model.post import Post, is_public
from ..model.settings import BlogConfig
from ..util import STUB_MARKER, is_generated, write_if_changed
from ..warnings import MLBlogWarning, warn
from .domain import get_domain
from .scan import PLANNED_FROM_READER, SourceScan, scanned_posts
from .sources import pattern_matcher, source_docs

logger = logging.getLogger(__name__)

_MD_SPECIAL = set(string.punctuation)
_GENERATED_DIRS = ("page", "tag", "category", "author", "series", "location", "language", "year")


def md_escape(text: str) -> str:
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in " ".join(text.split()))


def stub_text(spec: ArchiveSpec) -> str:
    lines = [
        STUB_MARKER + f"# {md_escape(spec.title)}",
        "",
        f"```{{blog-archive}} {spec.kind}",
        ":generated:",
    ]
    if spec.key:
        lines.append(f":key: {spec.key}")
    if spec.page > 1:
        lines.append(f":page: {spec.page}")
    lines += ["```", ""]
    return "\n".join(lines)


def plan(config: BlogConfig, posts: list[Post], now: datetime) -> list[ArchiveSpec]:
    """Every generated page for these posts (as the pre-read scan saw them)."""
    public = [p for p in posts if is_public(p, now, config.publish_future)]
    drafts = [p for p in posts if not is_public(p, now, config.publish_future)]
    return plan_archives(public, drafts, config, archive_title)


def generate_pages(app: Sphinx) -> None:
    """``builder-inited``: scan the sources' front matter, plan the archive pages and
    write their stubs. The scan is kept for the collector (:func:`scanned_metadata`)."""
    domain = get_domain(app.env)
    domain.data["now"] = datetime.now(timezone.utc)
    config = domain.config
    docs = domain.runtime["sources"] = source_docs(app)
    cache = SourceScan(Path(app.doctreedir), app.config.source_encoding)
    found = domain.runtime["scan"] = cache.scan(docs)
    cache.save()
    scanned = scanned_posts(found, config, pattern_matcher(app.srcdir, docs, config.post_patterns))
    domain.runtime["drafts"] = {
        p.docname for p in scanned if not is_public(p, domain.now, config.publish_future)
    }
    domain.runtime["scanned"] = {p.docname: p for p in scanned}
    wanted = _wanted_stubs(app, docs, scanned, domain.now) if config.generate_archives else {}
    root = Path(app.srcdir) / config.path
    try:
        written = sum(write_if_changed(path, text) for path, text in wanted.items())
        stale = [path for path in _existing_stubs(root) if path not in wanted]
        for path in stale:
            path.unlink()
    except OSError as exc:
        warn(
            f"cannot write the blog's archive pages into {root} ({exc.strerror or exc}): the blog "
            "index, archive and tag pages are missing from this build; build from a writable copy "
            "of the sources, or set blog_generate_archives = False",
            MLBlogWarning.ARCHIVE,
        )
        return
    if wanted:
        _write_gitignore(root, wanted)
    if written or stale:
        logger.info(
            f"[mlblog] archive pages: {written} written, {len(stale)} removed, {len(wanted)} in all"
        )


def _wanted_stubs(
    app: Sphinx, docs: dict[str, str], posts: list[Post], now: datetime
) -> dict[Path, str]:
    """The stub file of every planned first page that is not the user's own page."""
    config = get_domain(app.env).config
    root = config.path
    user_docs = {
        d
        for d, p in docs.items()
        if not ((d == root or d.startswith(root + "/")) and is_generated(p))
    }
    wanted: dict[Path, str] = {}
    for spec in plan(config, posts, now):
        if spec.page > 1:
            continue  # further pages are rendered after writing (render.further)
        docname = spec.docname(config)
        if spec.kind == "index" and docname in user_docs:
            logger.info(f"[mlblog] {docname!r} is your own page: the blog's listing goes under it")
            continue
        if docname in user_docs:
            logger.info(f"[mlblog] {docname!r} is your own page; not generating it")
            continue
        wanted[Path(app.srcdir) / (docname + ".md")] = stub_text(spec)
    return wanted


def scanned_metadata(env: Any, docname: str) -> dict[str, Any] | None:
    """A Markdown or notebook document's front matter as the scan read it: YAML's own
    types (MyST gives ``env.metadata`` every scalar as a string, and lists JSON-encoded),
    the same data the archive pages were planned from. None for other documents."""
    runtime = get_domain(env).runtime
    found = runtime.get("scan", {}).get(docname)
    if found is None or found[0].get(PLANNED_FROM_READER):
        return None
    path = runtime.get("sources", {}).get(docname) or os.fspath(env.doc2path(docname))
    return None if path.endswith(".rst") else found[0]


def _existing_stubs(root: Path) -> list[Path]:
    """Every stub of ours under the blog's folder (and ablog's index beside it)."""
    found = [p for p in root.glob("*.md") if p.is_file()] if root.is_dir() else []
    found += [p for p in (root.with_suffix(".md"),) if p.is_file()]
    for folder in _GENERATED_DIRS:
        if (root / folder).is_dir():
            found += (root / folder).rglob("*.md")
    return [p for p in found if is_generated(p)]


def _write_gitignore(root: Path, wanted: dict[Path, str]) -> None:
    """Keep generated stubs out of git without hiding the user's own files."""
    path = root / ".gitignore"
    header = "# sphinx-mlblog: generated archive pages (rewritten on every build)\n"
    if path.exists() and not path.read_text(encoding="utf-8").startswith(header):
        return
    entries = set()
    for stub in wanted:
        if not stub.is_relative_to(root):
            continue  # ablog's index (blog.md) lives beside the folder
        parts = stub.relative_to(root).parts
        entries.add(f"/{parts[0]}" if len(parts) == 1 else f"/{parts[0]}/")
    body = "".join(f"{entry}\n" for entry in sorted(entries))
    try:
        write_if_changed(path, header + body)
    except OSError as exc:
        warn(f"cannot write {path}: {exc}", MLBlogWarning.ARCHIVE)
