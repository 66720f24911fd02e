"""After reading: the archive pages planned from the pre-read scan against the ones the
posts actually read call for.

The scan reads front matter and ``post`` directives quickly, without Sphinx; should it
read a post differently from the reader (an unusual directive, a parser of another
extension), a tag page could be missing or list no posts. Then this build warns, renders
the missing first pages without source documents (as it renders pages 2, 3, ...; noted
in ``runtime["unplanned"]``), so that nothing is lost even in a fresh build, and corrects
the scan's cache with what the reader found, so the next build plans the pages as
documents (the file's own cache entry is used as long as the file is unchanged).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..model.post import Post
from ..warnings import MLBlogWarning, warn
from .domain import get_domain
from .scan import PLANNED_FROM_READER, SourceScan
from .stubs import plan


def _planning(post: Post | None) -> tuple | None:
    """What of a post decides which archive pages exist."""
    if post is None:
        return None
    return (post.date, post.draft, post.exclude, post.tags, post.categories, post.authors,
            post.locations, post.languages, post.series)  # fmt: skip


def _as_front_matter(post: Post | None) -> dict[str, Any]:
    """A post's planning fields as front matter the scan reads back (nothing: no post)."""
    if post is None:
        return {PLANNED_FROM_READER: True}
    return {
        PLANNED_FROM_READER: True, "blogpost": True, "date": post.date, "draft": post.draft, "exclude": post.exclude,
        "tags": list(post.tags), "category": list(post.categories), "author": list(post.authors),
        "location": list(post.locations), "language": list(post.languages), "series": post.series or "",
        "part": post.part,
    }  # fmt: skip


def first_pages(config: Any, posts: list[Post], now: Any) -> set[str]:
    return {spec.docname(config) for spec in plan(config, posts, now) if spec.page == 1}


def reconcile(app: Sphinx, env: Any) -> None:
    """``env-updated``: warn about archive pages the scan planned differently from the
    posts read, have the missing ones rendered, and correct the scan for the next build."""
    domain = get_domain(env)
    scanned: dict[str, Post] | None = domain.runtime.pop("scanned", None)
    domain.runtime.pop("scan", None)  # the reader is done with the scanned front matter
    if scanned is None or not domain.config.generate_archives:
        return
    # the scan reads a page's first post directive: section posts (ablog's) it never plans,
    # so the archive pages only they call for are rendered without source documents
    read = {key: post for key, post in domain.posts.items() if not post.anchor}
    sections = [post for post in domain.posts.values() if post.anchor]
    differ = sorted(
        d for d in set(scanned) | set(read) if _planning(scanned.get(d)) != _planning(read.get(d))
    )
    if not differ and not sections:
        return
    config, now = domain.config, domain.now
    needed = first_pages(config, [*read.values(), *sections], now)
    planned = first_pages(config, list(scanned.values()), now)
    domain.runtime["unplanned"] = frozenset(d for d in needed - planned if d not in env.all_docs)
    # what the scan planned wrong, not counting the pages only section posts call for
    wrong = (needed ^ planned) - (needed - first_pages(config, list(read.values()), now))
    if not differ:
        return
    cache = SourceScan(Path(app.doctreedir), app.config.source_encoding)
    for docname in differ:
        entry = cache.entries.get(docname)
        if entry is not None:
            cache.entries[docname] = (
                entry[0],
                entry[1],
                _as_front_matter(read.get(docname)),
                False,
            )
    cache.save()
    if wrong:
        warn(
            f"the archive pages planned before reading differ from those the posts call for "
            f"({', '.join(sorted(wrong)[:5])}{', ...' if len(wrong) > 5 else ''}): the pre-read scan "
            "read this post differently; this build renders the missing ones without source "
            "documents, the next plans them from what was read",
            MLBlogWarning.ARCHIVE,
            location=(differ[0], None),
        )
