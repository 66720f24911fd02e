"""Which archive pages exist, their docnames, and which posts each shows."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .post import ARCHIVE_KINDS, Post
from .settings import BlogConfig
from .slugs import Slugs, ablog_slug

#: Archive kinds that get a page per key (and an overview page).
KEYED_KINDS = ("tag", "category", "author", "series", "location", "language", "year")

#: ablog's catalogs of archive keys: (archive kind, the catalog's name in ablog's template
#: context, the reference label of its overview page); a key's own label is
#: ``<kind>-<ablog slug>``
ABLOG_CATALOGS = (
    ("tag", "tags", "blog-tags"),
    ("author", "author", "blog-authors"),
    ("location", "location", "blog-locations"),
    ("language", "language", "blog-languages"),
    ("category", "category", "blog-categories"),
)

#: ``(title, kind, key, page) -> page title`` for :func:`plan_archives`; ``title`` is the
#: display name of the key (or the blog's title for the index).
TitleMaker = Callable[[str, str, int], str]


def keys_of(post: Post, kind: str) -> tuple[str, ...]:
    if kind == "year":
        return (str(post.date.year),) if post.date else ()
    return getattr(post, ARCHIVE_KINDS[kind])


def archive_docname(
    config: BlogConfig, kind: str, key: str = "", page: int = 1, slugs: Slugs | None = None
) -> str:
    """Docname of a generated page: ``blog/index``, ``blog/page/2``, ``blog/tag/gpu``, ...
    (with ``blog_url_style = "ablog"``, ablog's: ``blog``, ``blog/tag``, ``blog/2024``).

    ``key`` is a slug, or with ``slugs`` (the build's :class:`~.slugs.Slugs`) a key as
    written in posts.
    """
    root = config.path
    ablog = config.url_style == "ablog"
    if kind == "index":
        if page > 1:
            return f"{root}/page/{page}"
        return root if ablog else f"{root}/index"
    if kind in ("archive", "drafts"):
        return f"{root}/{kind}"
    if kind == "overview":
        return f"{root}/{key}" if ablog else f"{root}/{key}/index"
    # a slug is used as it is: ablog's keep what a slug of ours would change
    # (``package_config``)
    slug = slugs.slug(kind, key) if slugs is not None else key
    base = f"{root}/{slug}" if ablog and kind == "year" else f"{root}/{kind}/{slug}"
    return base if page <= 1 else f"{base}/page/{page}"


def first_page_docname(config: BlogConfig, docname: str) -> str:
    """The first page of the archive that ``docname`` (a page 2, 3, ...) belongs to:
    the inverse of :func:`archive_docname` for further pages."""
    base = docname.rsplit("/page/", 1)[0]
    return archive_docname(config, "index") if base == config.path else base


def page_count(total: int, per_page: int, kind: str) -> int:
    if kind in ("series", "year"):  # a series reads in order; a year is a compact list
        return 1
    return max(1, math.ceil(total / per_page))


#: The feeds written for the blog and (``blog_feed_archives``) for each archive:
#: ``(format, label, file name)``.
FEED_FILES = (
    ("atom", "Atom", "atom.xml"),
    ("rss", "RSS", "rss.xml"),
    ("json", "JSON Feed", "feed.json"),
)


def alias_docname(config: BlogConfig, kind: str, alias: str) -> str:
    """ablog's page of a name it misread (``blog/tag/null``); of an empty name, the
    kind's folder itself (``blog/tag/``, which ablog wrote as ``blog/tag/.html``)."""
    return archive_docname(config, kind, alias) if alias else f"{config.path}/{kind}/"


def feed_folder(config: BlogConfig, kind: str, slug: str = "") -> str:
    """The output folder of an archive's feeds (the blog's own for ``index``): the
    address of its first page, as ablog has it (``blog/tag/gpu/atom.xml``)."""
    return config.path if kind == "index" else archive_docname(config, kind, slug)


@dataclass(frozen=True)
class ArchiveSpec:
    """One generated page: what it shows and its title."""

    kind: str
    key: str = ""  # for keyed kinds: the slug
    page: int = 1
    title: str = ""

    def docname(self, config: BlogConfig) -> str:
        return archive_docname(config, self.kind, self.key, self.page)


def slugs_of(posts: list[Post], config: BlogConfig) -> Slugs:
    """The slugs of every archive key of ``posts`` (the public posts of a build); with
    ablog's addresses, the slugs ablog gave them (authors, locations and languages by
    their full names) where it gave one."""
    keys = {kind: {key for post in posts for key in keys_of(post, kind)} for kind in KEYED_KINDS}
    if config.url_style != "ablog":
        return Slugs(keys)
    return Slugs(keys, preferred=lambda kind, key: ablog_slug(display_name(kind, key, config)))


def plan_archives(
    posts: list[Post],
    drafts: list[Post],
    config: BlogConfig,
    title: TitleMaker,
    slugs: Slugs | None = None,
    groups: Callable[[str], list[tuple[str, str, int]]] | None = None,
) -> list[ArchiveSpec]:
    """Every generated page for these (public) posts, with their page titles
    (``groups``: :func:`groups_with_names` of these posts by kind, when known)."""
    slugs = slugs or slugs_of(posts, config)
    pp = config.archive_posts_per_page
    specs = [
        ArchiveSpec("index", page=p, title=title("index", config.title, p))
        for p in range(1, page_count(len(posts), config.posts_per_page, "index") + 1)
    ]
    specs.append(ArchiveSpec("archive", title=title("archive", "", 1)))
    if drafts or config.url_style == "ablog":  # ablog always writes its drafts page
        specs.append(ArchiveSpec("drafts", title=title("drafts", "", 1)))
    for kind in KEYED_KINDS:
        rows = groups(kind) if groups else groups_with_names(posts, kind, config, slugs)
        if rows and kind != "year":
            specs.append(ArchiveSpec("overview", key=kind, title=title("overview", kind, 1)))
        for slug, name, count in rows:
            for p in range(1, page_count(count, pp, kind) + 1):
                specs.append(ArchiveSpec(kind, key=slug, page=p, title=title(kind, name, p)))
    return specs


def configured_keys(kind: str, values: tuple[str, ...], config: BlogConfig) -> tuple[str, ...]:
    """Authors, locations and languages written by their full name (``Eric Holscher`` for
    ``blog_authors = {"Eric": ("Eric Holscher", ...)}``) as their key, and keys whose entries
    are the same name and address as an earlier key's (``"Koncopd*"``, a site's mark of an
    equal contribution, beside ``"Koncopd"``) as that key: one person, one page."""
    mapping = {"author": config.authors, "location": config.locations, "language": config.languages}
    table = mapping.get(kind)
    if not table:
        return values
    by_name = {name.casefold(): key for key, (name, _url) in table.items()}
    first: dict[tuple[str, str], str] = {}
    for key, entry in table.items():
        first.setdefault(entry, key)
    out = []
    for value in values:
        key = value if value in table else by_name.get(value.casefold(), value)
        key = first.get(table[key], key) if key in table else key
        if key not in out:
            out.append(key)
    return tuple(out)


def display_name(kind: str, key: str, config: BlogConfig) -> str:
    mapping: dict[str, Any] = {
        "author": config.authors,
        "location": config.locations,
        "language": config.languages,
    }.get(kind, {})
    if kind == "series" and key in config.series:
        return config.series[key]
    if key in mapping:
        return mapping[key][0]
    return key


def _shown_first(key: str) -> tuple[bool, str]:
    """Of the spellings of one key, the one a page shows: one with accents before one
    without (``Jérémie``, not ``Jeremie``), then the first in code point order (``GPU``)."""
    return key.isascii(), key


def groups_with_names(
    posts: list[Post], kind: str, config: BlogConfig, slugs: Slugs
) -> list[tuple[str, str, int]]:
    """``(slug, display name, count)`` for every key of ``kind``, sorted by name (years: newest)."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for post in posts:
        for key in keys_of(post, kind):
            slug = slugs.slug(kind, key)
            counts[slug] = counts.get(slug, 0) + 1
            shown = names.get(slug)
            if shown is None or (key != shown and _shown_first(key) < _shown_first(shown)):
                names[slug] = key
    rows = [(slug, display_name(kind, names[slug], config), counts[slug]) for slug in counts]
    if kind == "year":
        return sorted(rows, key=lambda r: r[0], reverse=True)
    return sorted(rows, key=lambda r: r[1].lower())


def key_for_slug(posts: list[Post], kind: str, slug: str, slugs: Slugs) -> str:
    """The key (as written) of ``kind`` whose slug is ``slug``, among ``posts``."""
    for post in posts:
        for key in keys_of(post, kind):
            if slugs.slug(kind, key) == slug:
                return key
    return slug
