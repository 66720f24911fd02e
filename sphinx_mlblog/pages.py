"""Generated archive pages: real documents written as small stubs before reading.

Each stub holds a title and a ``blog-archive`` directive; its listing is filled in at
``doctree-resolved`` from the domain, so it is never stale. Stubs are only rewritten
when their text changes, begin with a marker line (``scan.STUB_MARKER``), and are never
written over a file without it.
"""

from __future__ import annotations

import contextlib
import os
import string
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.project import EXCLUDE_PATHS
from sphinx.util import logging
from sphinx.util.matching import get_matching_files
from sphinx.util.osutil import path_stabilize
from sphinx.util.parallel import ParallelTasks, parallel_available

from .archives import ArchiveSpec, plan_archives
from .collector import matches_pattern
from .config import blog_config
from .domain import get_domain
from .listings import MATH_MARK, get_view, html_renderer, tell_math_domain
from .model import is_public
from .scan import (
    STUB_MARKER,
    STUB_MARKER_LENGTH,
    SourceScan,
    is_stub_text,
    scanned_posts,
)
from .shared import write_if_changed
from .warnings_ import MLBlogWarning, warn

logger = logging.getLogger(__name__)

_MD_SPECIAL = set(string.punctuation)
_GENERATED_DIRS = ("page", "tag", "category", "author", "series", "location", "language", "year")
_GENERATED_FILES = ("index.md", "archive.md", "drafts.md")


def md_escape(text: str) -> str:
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in " ".join(text.split()))


def stub_text(spec: ArchiveSpec) -> str:
    lines = [STUB_MARKER + f"# {md_escape(spec.title)}", "", f"```{{blog-archive}} {spec.kind}", ":generated:"]
    if spec.key:
        lines.append(f":key: {spec.key}")
    if spec.page > 1:
        lines.append(f":page: {spec.page}")
    lines += ["```", ""]
    return "\n".join(lines)


def is_generated(path: str | Path) -> bool:
    try:
        with open(path, encoding="utf-8") as f:
            head = f.read(STUB_MARKER_LENGTH)
    except (OSError, UnicodeDecodeError):
        return False
    return is_stub_text(head)


def _source_docs(app: Sphinx) -> dict[str, str]:
    """Every source document's path, found as Sphinx's ``Project.discover`` finds them
    (same patterns), without the bookkeeping Sphinx does again when it reads."""
    config = app.config
    excludes = list(config.exclude_patterns) + list(config.templates_path)
    excludes += list(getattr(config, "html_static_path", [])) + list(getattr(config, "html_extra_path", []))
    srcdir = Path(app.srcdir)
    for folder in (app.outdir, app.doctreedir):
        with contextlib.suppress(ValueError):
            excludes.append(Path(folder).resolve().relative_to(srcdir.resolve()).as_posix() + "/**")
    suffixes = tuple(config.source_suffix)
    docs: dict[str, str] = {}
    for filename in get_matching_files(srcdir, config.include_patterns, [*excludes, *EXCLUDE_PATHS]):
        for suffix in suffixes:
            if filename.endswith(suffix):
                docs.setdefault(path_stabilize(filename).removesuffix(suffix), os.path.join(srcdir, filename))
                break
    return docs


def generate_pages(app: Sphinx) -> None:
    """``builder-inited``: plan the archive pages and write their stubs."""
    env = app.env
    domain = get_domain(env)
    domain.data["now"] = datetime.now()
    config = blog_config(app.config)
    srcdir = Path(app.srcdir)
    root = srcdir / config.path

    wanted: dict[Path, str] = {}
    if config.generate_archives:
        docs = _source_docs(app)  # only planning archive pages needs the whole source list
        cache = SourceScan(Path(app.doctreedir))
        posts = scanned_posts(cache.scan(docs), config, matches_pattern)
        cache.save()
        now = domain.now
        public = [p for p in posts if is_public(p, now, config.publish_future) and not p.exclude]
        drafts = [p for p in posts if not is_public(p, now, config.publish_future)]
        user_docs = {d for d, p in docs.items() if not (d.startswith(config.path + "/") and is_generated(p))}
        own_index = config.path in user_docs or f"{config.path}/index" in user_docs
        if own_index:
            logger.info(f"[mlblog] {config.path!r} is your own page: the blog index is not generated")
        for spec in plan_archives(public, drafts, config):
            if spec.page > 1:
                continue  # further pages are rendered after writing (collect_further_pages)
            docname = spec.docname(config)
            if spec.kind == "index" and own_index:
                continue  # (and so no further index pages: they need a generated first page)
            if docname in user_docs:
                logger.info(f"[mlblog] {docname!r} is your own page; not generating it")
                continue
            wanted[srcdir / (docname + ".md")] = stub_text(spec)

    written = sum(write_if_changed(path, text) for path, text in wanted.items())
    removed = 0
    for path in _existing_stubs(root):
        if path not in wanted:
            path.unlink()
            removed += 1
    if wanted:
        _write_gitignore(root, wanted)
    if written or removed:
        logger.info(f"[mlblog] archive pages: {written} written, {removed} removed, {len(wanted)} in all")


def _due_further_pages(view) -> list[ArchiveSpec]:
    """Further pages this build renders: their listing changed, or their archive's first
    page was written (templates, config, sidebars changed; a missing file makes the first
    page outdated: :func:`.incremental.missing_further_pages`)."""
    changed = view.changed_pages
    return [
        spec for spec in view.further_pages()
        if changed is None or spec.docname(view.config) in changed or (spec.kind, spec.key) in view.resolved_archives
    ]


def _writes_in_parallel(app: Sphinx) -> bool:
    return bool(getattr(app.builder, "parallel_ok", False)) and parallel_available and app.parallel > 1


def render_further_pages_early(app: Sphinx, doctree: Any, docname: str) -> None:
    """``doctree-resolved``: start rendering further pages while Sphinx's writers work.

    In a parallel write the main process resolves every document (in sorted order) and
    hands them to ``-j N - 1`` writer processes, which are still busy long after it has
    resolved the last one; it then waits. When the last document is resolved, a forked
    process renders the further pages in that time instead of after the writers.
    """
    view = get_view(app)
    if view.early_further is not None or not view.paginate or not _writes_in_parallel(app):
        return
    if view.last_docname is None:
        view.last_docname = max(app.env.found_docs)
    if docname != view.last_docname:
        return  # (the last document may not be written: then they are rendered after it)
    due = _due_further_pages(view)
    if len(due) < PARALLEL_MIN_PAGES:
        return
    rendered: set[str] = set()  # filled in when the process is done (and so not if it failed to start)
    tasks = ParallelTasks(1)
    tasks.add_task(partial(_render_named, app), due, lambda _specs, names: rendered.update(names))  # forks at once
    view.early_further = (tasks, rendered)


def _render_named(app: Sphinx, specs: list[ArchiveSpec]) -> list[str]:
    render_further_pages(app, specs)
    return [spec.docname(blog_config(app.config)) for spec in specs]


def stop_early_further_pages(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: a build that failed before collecting pages leaves no process behind."""
    view = getattr(app.builder, "_mlblog_view", None)
    if view is not None and view.early_further is not None:
        view.early_further[0].terminate()
        view.early_further = None


def collect_further_pages(app: Sphinx) -> list:
    """``html-collect-pages``: pages 2, 3, ... of paginated archives.

    They are rendered with the theme's page template like any page, but without a source
    document: reading one costs Sphinx as much as half a post, and their listings are
    neither searched nor referenced. One is rendered only when due (:func:`_due_further_pages`).

    Sphinx renders collected pages one by one after the parallel write. In a parallel
    build, sphinx-mlblog renders them while the writers work
    (:func:`render_further_pages_early`), or else shares them out among processes as
    Sphinx shares out documents.
    """
    view = get_view(app)
    due = _due_further_pages(view)
    if view.early_further is not None:
        tasks, rendered = view.early_further
        view.early_further = None
        tasks.join()  # its warnings are logged here; its failure fails the build
        due = [spec for spec in due if spec.docname(view.config) not in rendered]
    nproc = min(app.parallel, len(due) // PARALLEL_MIN_PAGES) if _writes_in_parallel(app) else 1
    if nproc > 1:
        # the main process renders one share while nproc - 1 forked workers render the rest
        shares = [due[i::nproc] for i in range(nproc)]
        tasks = ParallelTasks(nproc - 1)
        for share in shares[1:]:
            tasks.add_task(partial(render_further_pages, app), share)
        render_further_pages(app, shares[0])
        tasks.join()
    else:
        render_further_pages(app, due)
    return []


#: The fewest further pages worth a process of their own (a fork costs more than a few).
PARALLEL_MIN_PAGES = 8


def render_further_pages(app: Sphinx, specs: list[ArchiveSpec]) -> None:
    """Render further pages with the theme's page template, here rather than returned to
    Sphinx: so they can be shared out, and page-context handlers get an (empty) doctree
    (given none, sphinxcontrib-mermaid assumes a page may hold diagrams and loads Mermaid,
    compiling its templates each time)."""
    from docutils.utils import new_document

    if not specs:
        return
    view = get_view(app)
    doctree = new_document("<further page>")
    for spec in specs:
        pagename = spec.docname(view.config)
        context = further_page_context(app, view, spec, pagename)
        if context["has_maths_elements"]:
            tell_math_domain(app.env, pagename)
        app.builder.handle_page(pagename, context, "page.html", event_arg=doctree)


def further_page_context(app: Sphinx, view, spec: ArchiveSpec, pagename: str) -> dict:
    """Template context of a further page: its title and a body shaped like a document's."""
    from html import escape

    listing = html_renderer(app, view, pagename).archive(spec.kind, spec.key, spec.page)
    title = escape(spec.title)
    anchor = f"{spec.kind}-{spec.key}-page-{spec.page}"
    body = (
        f'<section id="{escape(anchor)}">\n<h1>{title}<a class="headerlink" href="#{escape(anchor)}" '
        f'title="Link to this heading">¶</a></h1>\n<div class="no-search">{listing}</div>\n</section>\n'
    )
    return {
        "title": title, "body": body, "metatags": "", "toc": "", "display_toc": False,
        "has_maths_elements": MATH_MARK in listing,  # sphinx.ext.mathjax loads MathJax then
    }


def _existing_stubs(root: Path) -> list[Path]:
    found = [root / name for name in _GENERATED_FILES if (root / name).is_file()]
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
        parts = stub.relative_to(root).parts
        entries.add(f"/{parts[0]}" if len(parts) == 1 else f"/{parts[0]}/")
    body = "".join(f"{entry}\n" for entry in sorted(entries))
    try:
        write_if_changed(path, header + body)
    except OSError as exc:
        warn(f"cannot write {path}: {exc}", MLBlogWarning.ARCHIVE)
