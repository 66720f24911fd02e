"""What each page shows of the blog: the queries every listing, post header and footer,
feed and fingerprint is built from, answered from the domain once per build."""

from __future__ import annotations

import hashlib
from typing import Any

from ..collect.domain import BlogDomain
from ..collect.scan import OWN_INDEX_KEY
from ..i18n import archive_title
from ..model.archives import (
    ArchiveSpec,
    archive_docname,
    groups_with_names,
    keys_of,
    page_count,
    plan_archives,
    slugs_of,
)
from ..model.post import Post, series_parts
from ..model.related import RelatedIndex
from ..model.select import select_posts
from ..util import GENERATED_KEY


def fingerprint(*value: Any) -> str:
    """A short, stable digest of ``value``'s ``repr``."""
    return hashlib.sha1(repr(value).encode("utf-8"), usedforsecurity=False).hexdigest()


def _lists_archive(metadata: dict[str, Any] | None) -> bool:
    return bool(metadata) and bool(metadata.get(GENERATED_KEY) or metadata.get(OWN_INDEX_KEY))


class RelatedPosts:
    """Each public post's related posts, reusing the last build's lists while the posts'
    tags and dates are unchanged (title, excerpt and body edits)."""

    def __init__(self, domain: BlogDomain, public: list[Post]) -> None:
        self.domain, self.public = domain, public
        self.count = domain.config.related_count
        self.key = fingerprint([(p.key, p.tags, p.date) for p in public], self.count)
        cached = domain.data["related"]
        # docname -> (its tags, related docnames); a draft's own tags are checked too
        self.lists: dict[str, tuple[tuple[str, ...], list[str]]] = (
            dict(cached["lists"]) if cached.get("key") == self.key else {}
        )
        self._index: RelatedIndex | None = None

    def of(self, post: Post) -> list[Post]:
        cached = self.lists.get(post.key)
        if cached is None or cached[0] != post.tags:
            if self._index is None:
                self._index = RelatedIndex(self.public)
            found = self._index.related(post, self.count)
            self.lists[post.key] = (post.tags, [p.key for p in found])
            return found
        posts = self.domain.posts
        return [posts[name] for name in cached[1] if name in posts]


class PostChrome:
    """Each post's neighbours: the older and newer post, its related posts and its series."""

    def __init__(
        self,
        public: list[Post],
        position: dict[str, int],
        related: RelatedPosts,
        show_prev_next: bool,
    ) -> None:
        self.public, self.position, self.related, self.show = (
            public,
            position,
            related,
            show_prev_next,
        )
        self._chrome: dict[str, dict[str, Any]] = {}
        self._series: dict[str, list[Post]] = {}

    def of(self, post: Post) -> dict[str, Any]:
        chrome = self._chrome.get(post.key)
        if chrome is None:
            i = self.position.get(post.key)
            public, show = self.public, self.show
            chrome = self._chrome[post.key] = {
                "older": public[i + 1] if show and i is not None and i + 1 < len(public) else None,
                "newer": public[i - 1] if show and i is not None and i > 0 else None,
                "related": self.related.of(post),
                "series": self._series_of(post, public=i is not None),
                "public": i is not None,
            }
        return chrome

    def _series_of(self, post: Post, public: bool) -> list[Post]:
        if not post.series:
            return []
        if not public:  # a draft shows the public parts and itself
            return series_parts(post.series, [*self.public, post])
        series = self._series.get(post.series)
        if series is None:
            series = self._series[post.series] = series_parts(post.series, self.public)
        return series


def _further_pages(view: BlogView) -> list[ArchiveSpec]:
    metadata, unplanned, config = view.domain.env.metadata, view.unplanned, view.config
    further = []
    for spec in plan_archives(view.public, [], config, archive_title, view.slugs, view.groups):
        first = archive_docname(config, spec.kind, spec.key)
        if first in unplanned or (
            spec.page > 1
            # the first page is ours, or the project's own index listing the posts (a page
            # of the user's own otherwise has no further pages)
            and _lists_archive(metadata.get(first))
        ):
            further.append(spec)
    return further


class KeyGroups:
    """``groups(kind)``: :func:`~.model.archives.groups_with_names` of the public posts,
    worked out once per kind (archive planning, overviews, filters, sidebars and
    fingerprints ask; not to be changed); ``groups(kind, posts)`` of other posts."""

    def __init__(self, public: list[Post], config: Any, slugs: Any) -> None:
        self.public, self.config, self.slugs = public, config, slugs
        self._rows: dict[str, list[tuple[str, str, int]]] = {}

    def __call__(self, kind: str, posts: list[Post] | None = None) -> list[tuple[str, str, int]]:
        if posts is not None and posts is not self.public:
            return groups_with_names(posts, kind, self.config, self.slugs)
        rows = self._rows.get(kind)
        if rows is None:
            rows = self._rows[kind] = groups_with_names(self.public, kind, self.config, self.slugs)
        return rows


class BlogView:
    """The posts of one build, indexed once for every page that is written."""

    def __init__(self, domain: BlogDomain) -> None:
        self.domain = domain
        self.config = domain.config
        self.public = domain.public_posts()
        self.position = {p.key: i for i, p in enumerate(self.public)}
        self.slugs = slugs_of(self.public, self.config)
        self.related = RelatedPosts(domain, self.public)
        # Pages 2, 3, ... of a paginated archive are not documents: they are rendered
        # after writing (html-collect-pages), only by builders that write one file per
        # page; others show every post on the archive's first page.
        self.paginate = True
        self._by_slug: dict[str, dict[str, list[Post]]] = {}
        self._further: list[ArchiveSpec] | None = None
        self.groups = KeyGroups(self.public, self.config, self.slugs)
        # first pages the posts call for that the pre-read scan did not plan (see
        # collect.reconcile): rendered like further pages, this build only
        self.unplanned: frozenset[str] = domain.runtime.get("unplanned", frozenset())
        self._docs = domain.env.all_docs
        self._chrome = PostChrome(
            self.public, self.position, self.related, self.config.show_prev_next
        )

    def is_public(self, post: Post) -> bool:
        return post.key in self.position

    def has_page(self, docname: str) -> bool:
        """Whether the build writes ``docname``'s page: a document, or an archive's first
        page rendered without one (:attr:`unplanned`)."""
        return docname in self._docs or docname in self.unplanned

    def posts_for(self, kind: str, slug: str) -> list[Post]:
        """Public posts of one archive key (by slug), computed once per kind."""
        if kind not in self._by_slug:
            index: dict[str, list[Post]] = {}
            for post in self.public:
                for key in {self.slugs.slug(kind, k) for k in keys_of(post, kind)}:
                    index.setdefault(key, []).append(post)
            self._by_slug[kind] = index
        posts = self._by_slug[kind].get(slug, [])
        if kind == "series" and posts:
            return series_parts(posts[0].series or "", posts)
        return posts

    def select(self, options: dict[str, Any], docname: str) -> list[Post]:
        """Posts for a ``postlist`` with these (validated) options."""
        posts = self.domain.drafts() if options.get("drafts") else list(self.public)
        return select_posts(posts, options, docname)

    def archive(self, kind: str, key: str, page: int) -> tuple[list[Post], int]:
        """Posts on one generated page and how many pages its listing has."""
        if kind == "drafts":
            return self.domain.drafts(), 1
        if kind in ("archive", "overview"):
            return self.public, 1
        posts = self.public if kind == "index" else self.posts_for(kind, key)
        if kind in ("series", "year") or not self.paginate:
            return posts, 1
        per_page = (
            self.config.posts_per_page if kind == "index" else self.config.archive_posts_per_page
        )
        start = (page - 1) * per_page
        return posts[start : start + per_page], page_count(len(posts), per_page, kind)

    def further_pages(self) -> list[ArchiveSpec]:
        """Pages 2, 3, ... of every paginated archive whose first page is in the build,
        and every page of an archive whose first page the scan did not plan."""
        if not self.paginate:
            return []
        if self._further is None:
            self._further = _further_pages(self)
        return self._further

    def chrome(self, post: Post) -> dict[str, Any]:
        """What a post's header and footer show of other posts (worked out once per build:
        the incremental check and the page itself both ask)."""
        return self._chrome.of(post)
