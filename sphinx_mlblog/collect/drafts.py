"""Drafts (and posts dated in the future) stay unpublished.

With ``blog_build_drafts`` off — by default when ``CI`` or ``READTHEDOCS`` is set — they
are not built at all: the pre-read scan finds them and they join ``exclude_patterns``
before Sphinx looks for documents. Built (on a writer's machine), a draft has its page,
with a banner and ``noindex``, but is left out of listings, feeds, the sitemap, the search
index and the navigation: its entries are taken out of every toctree while documents are
read, and documents whose toctrees named a post that changed state are read again.
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ..config import make_blog_config
from ..model.post import Post, is_public
from .domain import get_domain
from .scan import SourceScan, scanned_posts
from .sources import pattern_matcher, source_docs


def unpublished(posts: list[Post], now: Any, publish_future: bool) -> set[str]:
    return {
        post.docname
        for post in posts
        if not post.anchor and not is_public(post, now, publish_future)
    }  # a section post's page is its page post's


def _scanned(app: Sphinx, config: Any, docs: dict[str, str]) -> list[Post]:
    cache = SourceScan(Path(app.doctreedir), app.config.source_encoding)
    posts = scanned_posts(
        cache.scan(docs), config, pattern_matcher(app.srcdir, docs, config.post_patterns)
    )
    cache.save()
    return posts


def exclude_drafts(app: Sphinx, config: Config) -> None:
    """``config-inited`` (after the source suffixes are known): leave unpublished posts
    out of the build when drafts are not built."""
    from datetime import datetime, timezone

    blog = make_blog_config(config)
    if blog.build_drafts:
        return
    docs = source_docs(app)
    drafts = unpublished(_scanned(app, blog, docs), datetime.now(timezone.utc), blog.publish_future)
    srcdir = Path(app.srcdir)
    patterns = [glob.escape(Path(docs[d]).relative_to(srcdir).as_posix()) for d in sorted(drafts)]
    config.exclude_patterns = [*config.exclude_patterns, *patterns]


def hide_drafts_from_toctrees(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (before Sphinx collects toctrees): take unpublished posts out of
    the document's toctrees, and remember which (:func:`outdated_toctrees`)."""
    domain = get_domain(app.env)
    drafts = domain.runtime.get("drafts", set())
    if not drafts:  # most builds: nothing to look for in every document
        domain.data["toctree_drafts"].pop(app.env.docname, None)
        return
    hidden: list[str] = []
    for toctree in doctree.findall(addnodes.toctree):
        kept = [(title, ref) for title, ref in toctree["entries"] if ref not in drafts]
        if len(kept) != len(toctree["entries"]):
            hidden += [ref for _title, ref in toctree["entries"] if ref in drafts]
            toctree["entries"] = kept
            toctree["includefiles"] = [
                name for name in toctree["includefiles"] if name not in drafts
            ]
    if hidden:
        domain.data["toctree_drafts"][app.env.docname] = sorted(set(hidden))
    else:
        domain.data["toctree_drafts"].pop(app.env.docname, None)


def outdated_by_publishing(
    app: Sphinx, env: Any, added: set, changed: set, removed: set
) -> list[str]:
    """``env-get-outdated``: posts that were published or unpublished since the last build
    (a post dated in the future comes out; its page must be read again to be searchable),
    and documents whose toctrees name a post that became a draft, or hide one that no
    longer is."""
    domain = get_domain(env)
    drafts = domain.runtime.get("drafts", set())
    outdated = set(domain.data["unpublished"]) ^ drafts
    outdated |= {
        doc for doc, hidden in domain.data["toctree_drafts"].items() if set(hidden) - drafts
    }
    outdated |= {
        doc for doc, includes in env.toctree_includes.items() if drafts.intersection(includes)
    }
    domain.data["unpublished"] = sorted(drafts)
    return sorted(outdated & env.found_docs - changed - added)


def setup_drafts(app: Sphinx) -> None:
    app.connect("config-inited", exclude_drafts, priority=900)  # after merge_source_suffix (800)
    app.connect(
        "doctree-read", hide_drafts_from_toctrees, priority=400
    )  # before the TocTreeCollector
    app.connect("env-get-outdated", outdated_by_publishing)
