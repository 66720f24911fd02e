"""The posts a ``postlist`` shows, from its (validated) options."""

from __future__ import annotations

from typing import Any

from .frontmatter import parse_list
from .post import Post, series_parts

#: ``postlist`` filter options and the Post attribute each matches (case-insensitively).
FILTERS = {
    "author": "authors",
    "category": "categories",
    "tags": "tags",
    "location": "locations",
    "language": "languages",
}


def select_posts(posts: list[Post], options: dict[str, Any], docname: str) -> list[Post]:
    """Filter, sort and cut ``posts`` (newest first) as the options ask."""
    for option, attr in FILTERS.items():
        if options.get(option):
            wanted = {v.lower() for v in parse_list(options[option])}
            posts = [p for p in posts if wanted & {v.lower() for v in getattr(p, attr)}]
    if options.get("series"):
        posts = series_parts(options["series"], posts)
    if options.get("year"):
        posts = [p for p in posts if p.date and str(p.date.year) == options["year"]]
    if options.get("featured"):
        posts = [p for p in posts if p.featured]
    if options.get("skip-featured"):  # the landing's latest posts: not the featured shown above
        shown = [p.key for p in posts if p.featured][: options["skip-featured"]]
        posts = [p for p in posts if p.key not in shown]
    if options.get("exclude-self"):
        posts = [p for p in posts if p.docname != docname]
    sort = options.get("sort")
    if sort == "oldest":
        posts = posts[::-1]
    elif sort == "title":
        posts = sorted(posts, key=lambda p: p.title.lower())
    if options.get("limit"):
        posts = posts[: options["limit"]]
    return posts
