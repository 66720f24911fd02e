"""Related posts: those sharing the most tags with a post; ties go to the closest in time."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from .post import Post


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
            day = self._day[post.key] = _days(post)
            tags = sorted(set(post.tags))
            for tag in tags:
                self._by_tag[tag].append((day, post.key, post))
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
        others = {
            other.key: other
            for pair in combinations(tags, 2)
            for other in self._by_pair.get(pair, ())
        }
        others.pop(post.key, None)
        day = self._day
        # tuples compare in C, and never get to the post: docnames are unique in one index
        high = [
            (-len(own.intersection(other.tags)), abs(day[name] - origin), name, other)
            for name, other in others.items()
        ]
        ranked = heapq.nsmallest(count, high)
        if len(ranked) < count:
            ranked += self._nearest(tags, origin, count - len(ranked), {post.key, *others})
        return [entry[-1] for entry in ranked]

    def _nearest(self, tags: list[str], origin: int, count: int, skip: set[str]) -> list[tuple]:
        """The ``count`` posts nearest in time that have one of ``tags`` (ties by docname)."""
        found: dict[str, tuple] = {}
        frontier = self._frontier(tags, origin)
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

    def _frontier(self, tags: list[str], origin: int) -> list[tuple[int, int, str, int]]:
        """A heap of ``(distance, step, tag, index)``: the nearest post before and after
        ``origin`` in each tag's date-ordered list."""
        frontier = []
        for tag in tags:
            days = self._days.get(tag, [])
            at = bisect_left(days, origin)
            for index, step in ((at - 1, -1), (at, 1)):
                if 0 <= index < len(days):
                    frontier.append((abs(days[index] - origin), step, tag, index))
        heapq.heapify(frontier)
        return frontier


def _days(post: Post) -> int:
    return post.date.toordinal() if post.date else 0
