"""One blog post as plain, picklable data, and the simple orderings listings use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from operator import attrgetter

#: The archive kinds and the Post attribute each is built from.
ARCHIVE_KINDS: dict[str, str] = {
    "tag": "tags",
    "category": "categories",
    "author": "authors",
    "series": "series_keys",
    "location": "locations",
    "language": "languages",
}


#: Before every date (dates are aware: they carry their UTC offset).
EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


@dataclass(slots=True)
class Post:
    """One blog post, as collected from a document (slotted: a build holds thousands, and
    every object the garbage collector tracks makes each of its passes longer)."""

    docname: str
    title: str
    slug: str
    date: datetime | None = None  # aware: as written, with its offset, or in blog_timezone
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
    exclude: bool = False  # ablog's :exclude: its excerpt (directive content) is not on its page
    excerpt: str = ""  # plain text, for feeds, meta tags and signatures
    image: str | None = None  # as written: a path relative to the post, or an absolute URL
    image_source: str | None = None  # the local image file, when ``image`` is a path
    image_target: str | None = None  # where it is copied in the output
    external_link: str | None = None
    canonical_link: str | None = None  # ablog's: the page's canonical URL is elsewhere
    redirect: tuple[str, ...] = ()
    word_count: int = 0
    minutes: int = 1  # reading time, from blog_words_per_minute
    interactive: bool = False
    comments: bool = True  # ablog's :nocomments: turns them off
    first_image: str | None = None  # the post's first image, for social previews
    links: tuple = ()  # paper links (model.links.PaperLink): arXiv, paper, code, ...
    cite: bool = True  # front matter ``cite: false``: no "Cite this post" box
    #: archive pages ablog made of misread front matter: (kind, ablog's slug, key or "")
    ablog_aliases: tuple[tuple[str, str, str], ...] = ()
    line: int | None = None
    #: ablog's section post: the id of the section of the page that is this post ("": the
    #: page is the post)
    anchor: str = ""
    # the excerpt rendered by the HTML writer when the post is read (None: not rendered
    # yet, e.g. the environment came from a non-HTML build; then the nodes are kept)
    excerpt_html: str | None = field(default=None, repr=False, compare=False)
    excerpt_nodes: list = field(default_factory=list, repr=False, compare=False)
    # the posts its excerpt links, and the title each was shown with (kept to render the
    # excerpt again when one of them is renamed)
    excerpt_refs: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    #: The post's key in the blog: its docname, with ``#section`` for a section post
    #: (stored: listings, fingerprints and related posts ask for it ~100,000 times a build)
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.key = f"{self.docname}#{self.anchor}" if self.anchor else self.docname

    @property
    def fragment(self) -> str:
        """What follows the page's address in the post's: ``#section`` or ""."""
        return f"#{self.anchor}" if self.anchor else ""

    @property
    def series_keys(self) -> tuple[str, ...]:
        return (self.series,) if self.series else ()

    def sort_key(self) -> tuple:
        return (self.date or EARLIEST, self.title)

    def listing_fields(self) -> tuple:
        """Everything a listing or a neighbour's chrome shows of this post."""
        return _LISTED(self)


#: the fields of :meth:`Post.listing_fields`
_LISTED = attrgetter(
    *[
        "docname",
        "anchor",
        "title",
        "date",
        "update",
        "tags",
        "categories",
        "authors",
        "series",
        "part",
        "featured",
        "draft",
        "exclude",
        "excerpt",
        "image",
        "image_target",
        "minutes",
        "interactive",
        "external_link",
        "links",
        "excerpt_html",
    ]
)


def is_public(post: Post, now: datetime, publish_future: bool) -> bool:
    """Drafts, undated posts and (unless allowed) future posts are not public."""
    if post.draft or post.date is None:
        return False
    return publish_future or post.date <= now


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Newest first; posts of the same date and title in the order of their documents'
    names and their places in them, as ablog lists them, whatever order they were read in
    (an incremental build reads the edited one last)."""
    in_place = sorted(posts, key=_place)
    return sorted(in_place, key=Post.sort_key, reverse=True)  # stable: keeps the places


def _place(post: Post) -> tuple[str, int]:
    return (post.docname, post.line or 0)


def series_parts(series: str, posts: Iterable[Post]) -> list[Post]:
    """Parts of a series in reading order: by part number, then date."""
    parts = [p for p in posts if p.series == series]
    return sorted(parts, key=lambda p: (p.part if p.part is not None else 10**9, p.sort_key()))
