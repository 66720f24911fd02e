"""Related posts: the indexed query gives exactly what ranking every post would."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sphinx_mlblog.model.post import Post
from sphinx_mlblog.model.related import RelatedIndex


def ranked_by_brute_force(post: Post, posts: list[Post], count: int) -> list[str]:
    """The definition: most shared tags first, then closest in time, then docname."""
    if not count or not post.tags:
        return []

    def days(p: Post) -> int:
        return p.date.toordinal() if p.date else 0

    candidates = [
        (-len(set(post.tags) & set(other.tags)), abs(days(other) - days(post)), other.docname)
        for other in posts
        if other.docname != post.docname and set(post.tags) & set(other.tags)
    ]
    return [name for *_, name in sorted(candidates)[:count]]


dates = st.none() | st.integers(0, 30).map(lambda d: dt.datetime(2024, 1, 1) + dt.timedelta(days=d))
tag_lists = st.lists(st.sampled_from("abcdefg"), max_size=5).map(tuple)
sites = st.lists(st.tuples(dates, tag_lists), max_size=40)


@given(sites, st.integers(0, 6))
def test_related_matches_the_definition(site, count):
    posts = [
        Post(docname=f"p{i}", title="t", slug=f"p{i}", date=date, tags=tags)
        for i, (date, tags) in enumerate(site)
    ]
    index = RelatedIndex(posts)
    for post in posts:
        assert [p.docname for p in index.related(post, count)] == ranked_by_brute_force(
            post, posts, count
        )


def test_related_prefers_shared_tags_then_nearest():
    day = dt.datetime(2024, 1, 1)
    posts = [
        Post(docname="me", title="", slug="me", date=day, tags=("a", "b")),
        Post(
            docname="far-two",
            title="",
            slug="x",
            date=day + dt.timedelta(days=300),
            tags=("a", "b"),
        ),
        Post(docname="near-one", title="", slug="x", date=day + dt.timedelta(days=1), tags=("a",)),
        Post(docname="mid-one", title="", slug="x", date=day - dt.timedelta(days=5), tags=("b",)),
        Post(docname="unrelated", title="", slug="x", date=day, tags=("c",)),
    ]
    related = RelatedIndex(posts).related(posts[0], 5)
    assert [p.docname for p in related] == ["far-two", "near-one", "mid-one"]
