"""Posts as plain, picklable data, and the queries listings are built from."""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

#: The archive kinds and the Post attribute each is built from.
ARCHIVE_KINDS: dict[str, str] = {
    "tag": "tags",
    "category": "categories",
    "author": "authors",
    "series": "series_keys",
    "location": "locations",
    "language": "languages",
}


def slugify(text: str) -> str:
    """ASCII slug for URLs: ``"Speculative Decoding!"`` -> ``"speculative-decoding"``."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text.lower())
    slug = re.sub(r"[-_\s]+", "-", text).strip("-")
    return slug or "untitled"


@dataclass
class Post:
    """One blog post, as collected from a document."""

    docname: str
    title: str
    slug: str
    date: datetime | None = None
    update: datetime | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    series: str | None = None
    part: int | None = None
    featured: bool = False
    draft: bool = False
    exclude: bool = False  # ablog's :exclude: kept out of listings
    excerpt: str = ""  # plain text, for feeds, meta tags and signatures
    image: str | None = None  # as written: a path relative to the post, or an absolute URL
    image_source: str | None = None  # the local image file, when ``image`` is a path
    image_target: str | None = None  # where it is copied in the output
    external_link: str | None = None
    redirect: tuple[str, ...] = ()
    word_count: int = 0
    minutes: int = 1  # reading time, from blog_words_per_minute
    interactive: bool = False
    comments: bool = True  # ablog's :nocomments: turns them off
    first_image: str | None = None  # the post's first image, for social previews
    line: int | None = None
    # the excerpt rendered by the HTML writer when the post is read (None: not rendered
    # yet, e.g. the environment came from a non-HTML build; then the nodes are kept)
    excerpt_html: str | None = field(default=None, repr=False, compare=False)
    excerpt_nodes: list = field(default_factory=list, repr=False, compare=False)

    @property
    def series_keys(self) -> tuple[str, ...]:
        return (self.series,) if self.series else ()


    def sort_key(self) -> tuple:
        return (self.date or datetime.min, self.title)

    def listing_fields(self) -> tuple:
        """Everything a listing or a neighbour's chrome shows of this post."""
        return (
            self.docname, self.title, self.date, self.update, self.tags, self.categories,
            self.authors, self.series, self.part, self.featured, self.draft, self.exclude, self.excerpt,
            self.image, self.image_target, self.minutes, self.interactive, self.external_link, self.excerpt_html,
        )


def is_public(post: Post, now: datetime, publish_future: bool) -> bool:
    """Drafts, undated posts and (unless allowed) future posts are not public."""
    if post.draft or post.date is None:
        return False
    return publish_future or post.date <= now


def newest_first(posts: Iterable[Post]) -> list[Post]:
    return sorted(posts, key=Post.sort_key, reverse=True)


class RelatedIndex:
    """Related posts: those sharing the most tags with a post; ties go to the closest in time.

    Closest-in-time (not newest) also keeps incremental builds small: a post shows up in
    the related lists of its neighbours, not of every post sharing a tag with it.

    Posts sharing two or more tags come from an index of tag pairs; posts sharing one tag
    are only needed when those are too few, and are then taken nearest first from each
    tag's date-ordered list, so a query never ranks every post that shares a tag.
    """

    def __init__(self, posts: Iterable[Post]) -> None:
        self._by_tag: dict[str, list[tuple[int, str, Post]]] = defaultdict(list)
        self._by_pair: dict[tuple[str, str], list[Post]] = defaultdict(list)
        self._day: dict[str, int] = {}
        for post in posts:
            day = self._day[post.docname] = _days(post)
            tags = sorted(set(post.tags))
            for tag in tags:
                self._by_tag[tag].append((day, post.docname, post))
            for pair in combinations(tags, 2):
                self._by_pair[pair].append(post)
        for entries in self._by_tag.values():
            entries.sort(key=lambda entry: entry[:2])
        self._days = {tag: [entry[0] for entry in entries] for tag, entries in self._by_tag.items()}

    def related(self, post: Post, count: int) -> list[Post]:
        if not count or not post.tags:
            return []
        tags = sorted(set(post.tags))
        origin, own = _days(post), set(tags)
        others = {other.docname: other for pair in combinations(tags, 2) for other in self._by_pair.get(pair, ())}
        others.pop(post.docname, None)
        day = self._day
        # tuples compare in C, and never get to the post: docnames are unique in one index
        high = [(-len(own.intersection(other.tags)), abs(day[name] - origin), name, other) for name, other in others.items()]
        ranked = heapq.nsmallest(count, high)
        if len(ranked) < count:
            ranked += self._nearest(tags, origin, count - len(ranked), {post.docname, *others})
        return [entry[-1] for entry in ranked]

    def _nearest(self, tags: list[str], origin: int, count: int, skip: set[str]) -> list[tuple]:
        """The ``count`` posts nearest in time that have one of ``tags`` (ties by docname)."""
        found: dict[str, tuple] = {}
        frontier: list[tuple[int, int, str, int]] = []  # (distance, step, tag, index)
        for tag in tags:
            days = self._days.get(tag, [])
            at = bisect_left(days, origin)
            for index, step in ((at - 1, -1), (at, 1)):
                if 0 <= index < len(days):
                    frontier.append((abs(days[index] - origin), step, tag, index))
        heapq.heapify(frontier)
        limit = None  # distance of the count-th post found; equal distances are all taken
        while frontier:
            distance, step, tag, index = heapq.heappop(frontier)
            if limit is not None and distance > limit:
                break
            entry = self._by_tag[tag][index]
            if entry[1] not in skip and entry[1] not in found:
                found[entry[1]] = (-1, distance, entry[1], entry[2])
                if len(found) == count:
                    limit = distance
            index += step
            days = self._days[tag]
            if 0 <= index < len(days):
                heapq.heappush(frontier, (abs(days[index] - origin), step, tag, index))
        return sorted(found.values(), key=lambda entry: entry[:3])[:count]


def _days(post: Post) -> int:
    return post.date.toordinal() if post.date else 0


def series_parts(series: str, posts: Iterable[Post]) -> list[Post]:
    """Parts of a series in reading order: by part number, then date."""
    parts = [p for p in posts if p.series == series]
    return sorted(parts, key=lambda p: (p.part if p.part is not None else 10**9, p.sort_key()))
