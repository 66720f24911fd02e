"""``ablog`` in the page context: ablog's template API, answered from this build's posts.

Names and titles come as :class:`~markupsafe.Markup` (escaped): Sphinx renders templates
without autoescaping, and ablog's templates print them as they are.

Sites moving from ablog keep templates that call it -- ``ablog.recent(5, pagename)``,
``ablog[pagename]``, ``ablog.archive``, ``ablog.tags`` with ``coll.relsize()``,
``post.to_html(pagename)``, ``ablog.blog_baseurl`` -- and they render unchanged: the
objects here have the names, types and orderings of ablog's ``Blog``, ``Catalog``,
``Collection`` and ``Post``. Their docnames are this build's pages (ablog's own addresses
with ``blog_url_style = "ablog"``). Built once per build, on the first page that asks.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup, escape

from ..model.archives import ABLOG_CATALOGS, archive_docname, display_name, keys_of
from ..model.post import Post
from ..util import absolute_url, renders_templates
from .fragments import post_body

#: ablog's own config values, read from Sphinx's config as ablog has them
ABLOG_SETTINGS = (
    "blog_archive_titles", "blog_authors", "blog_baseurl", "blog_default_author",
    "blog_default_language", "blog_default_location", "blog_feed_archives",
    "blog_feed_fulltext", "blog_feed_length", "blog_feed_subtitle", "blog_feed_templates",
    "blog_feed_titles", "blog_languages", "blog_locations", "blog_path", "blog_post_pattern",
    "blog_title", "disqus_drafts", "disqus_pages", "disqus_shortname", "fontawesome_css_file",
    "fontawesome_included", "fontawesome_link_cdn", "post_always_section", "post_auto_excerpt",
    "post_auto_image", "post_auto_orphan", "post_date_format_short", "post_date_format",
    "post_redirect_refresh", "post_show_prev_next", "skip_injecting_base_ablog_templates",
)  # fmt: skip


class AblogCollection:
    """ablog's ``Collection``: the posts sharing a label (a tag, an author, a year)."""

    def __init__(self, catalog: AblogCatalog, label: Any, name: str, docname: str) -> None:
        self.catalog, self.label, self.name = catalog, label, escape(name)
        self.href = catalog.hrefs.get(label)
        self.docname = self.path = docname
        self.xref = f"{catalog.xref}-{docname.rsplit('/', 1)[-1]}"
        self.page = 0
        self._posts: list[AblogPost] = []

    def __str__(self) -> str:
        return str(self.name)

    def __repr__(self) -> str:
        return f"{self.name} <{self.docname}>"

    def __len__(self) -> int:
        return len(self._posts)

    def __iter__(self) -> Iterator[AblogPost]:
        return iter(self._posts)

    def __getitem__(self, docname: str) -> AblogPost | None:
        """The post of a page (``docname``), or of one of its sections (``docname#id``)."""
        page, _, section = docname.partition("#")
        return next((p for p in self._posts if p.docname == page and p.section == section), None)

    def __contains__(self, docname: str) -> bool:
        return self[docname] is not None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AblogCollection) and self.name == other.name

    def __lt__(self, other: AblogCollection) -> bool:
        return self.name < other.name

    def __gt__(self, other: AblogCollection) -> bool:
        return self.name > other.name

    __hash__ = object.__hash__

    @property
    def title(self) -> str:
        return str(self.name)

    def relsize(self, maxsize: int = 5, minsize: int = 1) -> int:
        """Relative size in a tag cloud, as ablog computes it."""
        low, high = self.catalog.size_range()
        if len(self.catalog.collections) == 1 or low == high:
            return int(round((maxsize - minsize) / 2.0 + minsize))
        return int(1.0 * (len(self) - low) / (high - low) * (maxsize - minsize) + minsize)


class AblogCatalog:
    """ablog's ``Catalog``: every collection of one kind, iterated in ablog's order."""

    def __init__(self, name: str, xref: str, docname: str, reverse: bool = False) -> None:
        self.name, self.xref, self.docname, self.path = name, xref, docname, docname
        self.collections: dict[Any, AblogCollection] = {}
        self.hrefs: dict[Any, str] = {}
        self._reverse = reverse

    def __str__(self) -> str:
        return str(self.name)

    def __iter__(self) -> Iterator[AblogCollection]:
        for key in sorted(self.collections, reverse=self._reverse):
            yield self.collections[key]

    def __len__(self) -> int:
        return sum(len(coll) for coll in self.collections.values())

    def __getitem__(self, label: Any) -> AblogCollection:
        found = self.collections.get(label)
        return found if found is not None else AblogCollection(self, label, str(label), "")

    def size_range(self) -> tuple[int, int]:
        sizes = [len(c) for c in self.collections.values() if len(c)] or [0]
        return min(sizes), max(sizes)


class AblogPost:
    """ablog's ``Post``: a post's metadata, its neighbours, and its excerpt as HTML."""

    def __init__(self, blog: AblogBlog, post: Post, published: bool) -> None:
        self._blog, self._post = blog, post
        self.docname, self._title = post.docname, escape(post.title)
        self.date: datetime | None = post.date
        self.update: datetime | None = post.update or post.date
        self.published, self.draft = published, not published
        self.section, self.order = post.anchor, 2 if post.anchor else 1
        self.nocomments = not post.comments
        self.external_link = post.external_link or ""
        self.canonical_link = post.canonical_link or ""
        self.redirect = list(post.redirect)
        self.excerpt = post.excerpt
        self.options = {"external_link": self.external_link, "image": post.image}
        self.tags: list[AblogCollection] = []
        self.author: list[AblogCollection] = []
        self.category: list[AblogCollection] = []
        self.location: list[AblogCollection] = []
        self.language: list[AblogCollection] = []
        self.archive: Any = []
        self.prev: AblogPost | None = None
        self.next: AblogPost | None = None

    @property
    def title(self) -> str:
        return self._title

    @property
    def blog(self) -> AblogBlog:
        return self._blog

    def __str__(self) -> str:
        return self._title

    def __repr__(self) -> str:
        return f"{self._title} <{self.docname}>"

    def __lt__(self, other: AblogPost) -> bool:
        return self._post.sort_key() < other._post.sort_key()

    def to_html(
        self, pagename: str, fulltext: bool = False, drop_h1: bool = True, img_url: bool = False
    ) -> Markup:
        """The excerpt (``fulltext``: the whole post, when its page is written already) as
        HTML whose links work from ``pagename``."""
        return Markup(self._blog.post_html(self._post, pagename, fulltext))


class AblogBlog:
    """ablog's ``Blog``: ``ablog`` in templates (see the module's docstring)."""

    def __init__(self, app: Any, state: Any, settings: dict[str, Any]) -> None:
        self._app, self._state, self._values = app, state, settings
        view = state.view
        config = view.config
        self.posts = _collection_of(config, "Posts", archive_docname(config, "index"))
        self.drafts = _collection_of(config, "Drafts", archive_docname(config, "drafts"))
        self.archive = AblogCatalog("archive", "archive", archive_docname(config, "archive"), True)
        self.catalogs = {
            attr: AblogCatalog(attr, kind, archive_docname(config, "overview", kind))
            for kind, attr, _label in ABLOG_CATALOGS
        }
        self.blog = {"post": self.posts, "draft": self.drafts}
        _fill(self, view)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "catalogs":  # not set yet: no recursion
            raise AttributeError(name)
        if name in self.catalogs:
            return self.catalogs[name]
        if name == "fontawesome":
            s = self._values
            return (
                s["fontawesome_included"] or s["fontawesome_link_cdn"] or s["fontawesome_css_file"]
            )
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"ABlog has no configuration option {name!r}") from None

    def __getitem__(self, docname: str) -> AblogPost | None:
        return self.posts[docname] or self.drafts[docname]

    def __contains__(self, docname: str) -> bool:
        return docname in self.posts or docname in self.drafts

    def __len__(self) -> int:
        return len(self.posts)

    @property
    def feed_path(self) -> str:
        return f"{self._state.view.config.path}/atom.xml"

    def recent(
        self, num: int | None, docname: str | None = None, **labels: Any
    ) -> Iterator[AblogPost]:
        """``num`` newest posts, leaving out ``docname``."""
        shown = 0
        for post in self.posts:
            if num is not None and shown >= num:
                return
            if post.docname != docname:
                shown += 1
                yield post

    def page_id(self, pagename: str) -> str | None:
        """A page's Disqus identifier (``/blog/post/``), as ablog makes it."""
        if not self._values["blog_baseurl"]:
            return None
        pagename = pagename.removesuffix("index").strip("/")
        return "/" + pagename + ("/" if pagename else "")

    def page_url(self, pagename: str) -> str | None:
        base = self._values["blog_baseurl"]
        return urljoin(base, pagename).removesuffix("index") if base else None

    def post_html(self, post: Post, pagename: str, fulltext: bool) -> str:
        state = self._state
        base = state.view.config.baseurl
        if fulltext and base:
            url = absolute_url(base + "/", state.builder.get_target_uri(post.docname))
            body = post_body(self._app, post.docname, url)
            if body is not None:
                return body
        return state.page(state.html.excerpt(post), pagename)


def _collection_of(config: Any, name: str, docname: str) -> AblogCollection:
    return AblogCollection(AblogCatalog("blog", "blog", config.path), name, name, docname)


def _fill(blog: AblogBlog, view: Any) -> None:
    """Every post into its collections, in ablog's orders (newest first; prev/next by date)."""
    config = view.config
    for kind, catalog_attr, _label in ABLOG_CATALOGS:
        mapping = (
            getattr(config, f"{kind}s", {}) if kind in ("author", "location", "language") else {}
        )
        catalog = blog.catalogs[catalog_attr]
        for label, (_name, href) in mapping.items():
            catalog.hrefs[label] = href or None
    public = [AblogPost(blog, post, True) for post in view.public]
    drafts = [AblogPost(blog, post, False) for post in view.domain.drafts()]
    blog.posts._posts, blog.drafts._posts = public, drafts
    for older, newer in zip(public[1:], public[:-1], strict=False):
        older.next, newer.prev = newer, older
    for post in public + drafts:
        _file(blog, view, post)


def _file(blog: AblogBlog, view: Any, post: AblogPost) -> None:
    """One post into its year and its labels' collections (drafts are named, not counted)."""
    config = view.config
    for kind, attr, _label in ABLOG_CATALOGS:
        collections = []
        for key in keys_of(post._post, kind):
            collections.append(_collection(blog.catalogs[attr], view, kind, key, post))
        setattr(post, attr, collections)
    if post.published and post.date is not None:
        year = post.date.year
        coll = blog.archive.collections.get(year)
        if coll is None:
            docname = archive_docname(config, "year", str(year), slugs=view.slugs)
            coll = blog.archive.collections[year] = AblogCollection(
                blog.archive, year, str(year), docname
            )
        coll._posts.append(post)
        post.archive = coll


def _collection(
    catalog: AblogCatalog, view: Any, kind: str, key: str, post: AblogPost
) -> AblogCollection:
    coll = catalog.collections.get(key)
    if coll is None:
        name = display_name(kind, key, view.config)
        docname = archive_docname(view.config, kind, key, slugs=view.slugs)
        coll = catalog.collections[key] = AblogCollection(catalog, key, name, docname)
    if post.published:
        coll._posts.append(post)
    return coll


class LazyBlog:
    """``ablog`` until a template first uses it: most sites' templates never do, and
    then no :class:`AblogBlog` is built (nor kept alive while pages are written)."""

    def __init__(self, app: Any, state: Any) -> None:
        self._app, self._state, self._blog = app, state, None

    def _real(self) -> AblogBlog:
        if self._blog is None:
            settings = {name: getattr(self._app.config, name, None) for name in ABLOG_SETTINGS}
            self._blog = AblogBlog(self._app, self._state, settings)
        return self._blog

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def __getitem__(self, docname: str) -> AblogPost | None:
        return self._real()[docname]

    def __contains__(self, docname: str) -> bool:
        return docname in self._real()

    def __len__(self) -> int:
        return len(self._real())


def anchor(post: Any) -> str:
    """ablog's ``anchor(post)``: the fragment of a post that is a section of its page."""
    return "#" + post.section if getattr(post, "section", "") else ""


def ablog_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``ablog``, ``anchor`` and (with ``blog_baseurl``)
    ``feed_path``/``feed_title`` in the context, as ablog puts them there."""
    from .state import render_state

    if not renders_templates(app.builder):
        return  # ablog's objects are for templates; these builders write contexts out
    state = render_state(app)
    blog = state.fragments.get("ablog")
    if blog is None:
        blog = state.fragments["ablog"] = LazyBlog(app, state)
    context["ablog"] = blog
    context["anchor"] = anchor
    post = state.view.domain.posts.get(pagename)
    if post is not None and post.canonical_link:  # ablog's: <link rel="canonical"> there
        context["pageurl"] = post.canonical_link
    if app.config.blog_baseurl and "feed_path" not in context:
        context["feed_path"] = state.view.config.path
        context["feed_title"] = app.config.blog_title
    if post is not None and "body" in context and doctree is not None:
        add_postnavy(app, state, context)
    if app.config.disqus_shortname and "body" in context and doctree is not None:
        add_disqus(app, context)


def add_postnavy(app: Any, state: Any, context: dict[str, Any]) -> None:
    """A project's own ``ablog/postnavy.html`` under each post's body, where ablog's
    ``page.html`` includes it (in place of the footer's previous and next links: a site
    that sets ``post_show_prev_next = False`` to show its own there keeps them)."""
    from .resolve import CHROME_END, CHROME_START

    if not state.html.own_postnavy:
        return
    html = app.builder.templates.render("ablog/postnavy.html", context)
    if html.strip():
        context["body"] += CHROME_START + html + CHROME_END


def add_disqus(app: Any, context: dict[str, Any]) -> None:
    """Disqus comments under the page's body, as ablog's ``page.html`` puts them there
    (``ablog/disqus.html`` decides where they show; a theme's own include of it then
    shows nothing more). Left out of full-text feeds."""
    from .resolve import CHROME_END, CHROME_START

    html = app.builder.templates.render("ablog/disqus.html", context)
    if html.strip():
        context["body"] += CHROME_START + html + CHROME_END
    context["disqus_in_body"] = True
