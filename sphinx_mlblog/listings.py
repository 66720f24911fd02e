"""Fill postlists, archive pages and post chrome at ``doctree-resolved``.

Selection (which posts a page shows) is kept apart from rendering (docutils nodes), so
the incremental-build check in :mod:`.incremental` computes exactly what is rendered.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode

from .archives import (
    archive_docname,
    display_name,
    groups_with_names,
    key_slug,
    keys_of,
    page_count,
)
from .config import BlogConfig, blog_config
from .domain import BlogDomain, get_domain
from .frontmatter import parse_list
from .model import Post, group_by, related_posts, series_parts
from .nodes import archive_node, postlist_node

_FILTERS = {"author": "authors", "category": "categories", "tags": "tags", "location": "locations", "language": "languages"}


# -- selection ------------------------------------------------------------------
@dataclass
class BlogView:
    """The posts of one build, indexed once for every page that is written."""

    domain: BlogDomain
    config: BlogConfig
    public: list[Post] = field(init=False)
    position: dict[str, int] = field(init=False)
    by_tag: dict[str, list[Post]] = field(init=False)

    def __post_init__(self) -> None:
        self.public = self.domain.public_posts(self.config)
        self.position = {p.docname: i for i, p in enumerate(self.public)}
        self.by_tag = group_by(self.public, "tag")
        self._by_slug: dict[str, dict[str, list[Post]]] = {}

    def posts_for(self, kind: str, slug: str) -> list[Post]:
        """Public posts of one archive key (by slug), computed once per kind."""
        if kind not in self._by_slug:
            index: dict[str, list[Post]] = {}
            for post in self.public:
                for key in {key_slug(k) for k in keys_of(post, kind)}:
                    index.setdefault(key, []).append(post)
            self._by_slug[kind] = index
        posts = self._by_slug[kind].get(slug, [])
        if kind == "series" and posts:
            return series_parts(posts[0].series or "", posts)
        return posts

    def select(self, options: dict[str, Any], docname: str) -> list[Post]:
        """Posts for a ``postlist`` with these (validated) options."""
        posts = self.domain.drafts(self.config) if options.get("drafts") else list(self.public)
        for option, attr in _FILTERS.items():
            if options.get(option):
                wanted = {v.lower() for v in parse_list(options[option])}
                posts = [p for p in posts if wanted & {v.lower() for v in getattr(p, attr)}]
        if options.get("series"):
            posts = series_parts(options["series"], posts)
        if options.get("year"):
            posts = [p for p in posts if p.date and str(p.date.year) == options["year"]]
        if options.get("featured"):
            posts = [p for p in posts if p.featured]
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

    def archive(self, kind: str, key: str, page: int) -> tuple[list[Post], int]:
        """Posts on one generated page and how many pages its listing has."""
        if kind == "index":
            posts = self.public
        elif kind == "drafts":
            return self.domain.drafts(self.config), 1
        elif kind in ("archive", "overview"):
            return self.public, 1
        else:
            posts = self.posts_for(kind, key)
        per_page = self.config.posts_per_page if kind == "index" else self.config.archive_posts_per_page
        if kind == "series":
            return posts, 1
        start = (page - 1) * per_page
        return posts[start : start + per_page], page_count(len(posts), per_page, kind)

    def chrome(self, post: Post) -> dict[str, Any]:
        """What a post's header and footer show of other posts."""
        i = self.position.get(post.docname)
        older = self.public[i + 1] if i is not None and i + 1 < len(self.public) else None
        newer = self.public[i - 1] if i is not None and i > 0 else None
        series = series_parts(post.series, self.public + ([post] if i is None else [])) if post.series else []
        return {
            "older": older if self.config.show_prev_next else None,
            "newer": newer if self.config.show_prev_next else None,
            "related": related_posts(post, self.public, self.config.related_count, self.by_tag),
            "series": series,
            "public": i is not None,
        }


# -- rendering ------------------------------------------------------------------
def _text(text: str, classes: list[str] | None = None) -> nodes.inline:
    return nodes.inline(text, text, classes=classes or [])


class Renderer:
    """Docutils nodes for listings and post chrome, as seen from ``docname``."""

    def __init__(self, app: Sphinx, docname: str, view: BlogView) -> None:
        self.app = app
        self.builder = app.builder
        self.docname = docname
        self.view = view
        self.config = view.config
        self.all_docs = app.env.all_docs
        self._uris: dict[str, str] = {}
        self._html = self.builder.format == "html"

    # small pieces
    def doc_ref(self, target: str, text: str, classes: list[str] | None = None) -> nodes.Node:
        if not self._html:
            node = make_refnode(self.builder, self.docname, target, "", _text(text), text)
            node["classes"] += classes or []
            return node
        uri = self._uris.get(target)
        if uri is None:
            uri = self._uris[target] = self.builder.get_relative_uri(self.docname, target)
        return nodes.reference("", "", _text(text), internal=True, refuri=uri, reftitle=text, classes=classes or [])

    def post_ref(self, post: Post) -> nodes.Node:
        if post.external_link:
            return nodes.reference(post.title, post.title, refuri=post.external_link, classes=["mlblog-external"])
        return self.doc_ref(post.docname, post.title, ["mlblog-post-link"])

    def archive_ref(self, kind: str, key: str, text: str | None = None) -> nodes.Node:
        text = text or display_name(kind, key, self.config)
        target = archive_docname(self.config, kind, key)
        if target in self.all_docs:
            return self.doc_ref(target, text, [f"mlblog-{kind}"])
        return _text(text, [f"mlblog-{kind}"])

    def date(self, value: datetime | None, fmt: str | None = None) -> str:
        if value is None:
            return ""
        try:
            return value.strftime(fmt or self.config.date_format)
        except ValueError:
            return value.date().isoformat()

    def _joined(self, kind: str, keys: tuple[str, ...]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for i, key in enumerate(keys):
            if i:
                out.append(nodes.Text(", "))
            out.append(self.archive_ref(kind, key))
        return out

    def meta(self, post: Post, fmt: str | None = None) -> nodes.paragraph:
        para = nodes.paragraph(classes=["mlblog-meta"])
        parts: list[list[nodes.Node]] = []
        if post.date:
            date = nodes.inline("", self.date(post.date, fmt), classes=["mlblog-date"])
            parts.append([date])
        if post.update and post.update != post.date:
            parts.append([_text(f"updated {self.date(post.update, fmt)}", ["mlblog-updated"])])
        if post.authors:
            parts.append([_text("by ", ["mlblog-by"]), *self._joined("author", post.authors)])
        parts.append([_text(f"{post.minutes} min read", ["mlblog-reading-time"])])
        for i, part in enumerate(parts):
            if i:
                para += _text(" · ", ["mlblog-sep"])
            para.extend(part)
        return para

    def tags(self, post: Post) -> nodes.paragraph | None:
        if not post.tags:
            return None
        para = nodes.paragraph(classes=["mlblog-tags"])
        for tag in post.tags:
            para += self.archive_ref("tag", tag)
        return para

    def badges(self, post: Post) -> list[nodes.Node]:
        out = []
        if post.featured:
            out.append(_text("Featured", ["mlblog-badge", "mlblog-badge-featured"]))
        if post.interactive:
            out.append(_text("Interactive", ["mlblog-badge", "mlblog-badge-interactive"]))
        if post.series:
            label = f"Series: {display_name('series', post.series, self.config)}"
            out.append(_text(label + (f" · part {post.part}" if post.part else ""), ["mlblog-badge", "mlblog-badge-series"]))
        return out

    def excerpt(self, post: Post) -> nodes.container:
        box = nodes.container(classes=["mlblog-excerpt"])
        box.extend(node.deepcopy() for node in post.excerpt_nodes)
        return box

    # listings
    def card(self, post: Post, excerpt: bool = True, date_format: str | None = None) -> nodes.container:
        card = nodes.container(classes=["mlblog-card"] + (["mlblog-card-featured"] if post.featured else []))
        title = nodes.paragraph(classes=["mlblog-card-title"])
        title += self.post_ref(post)
        card += title
        badges = self.badges(post)
        if badges:
            card += nodes.paragraph("", "", *badges, classes=["mlblog-badges"])
        card += self.meta(post, date_format)
        if excerpt and post.excerpt_nodes:
            card += self.excerpt(post)
        tags = self.tags(post)
        if tags is not None:
            card += tags
        return card

    def formatted(self, post: Post, fmt: str, date_format: str | None) -> nodes.paragraph:
        """An ablog ``:format:`` line: ``{title}``, ``{date}``, ``{author}``, ... ."""
        para = nodes.paragraph(classes=["mlblog-item"])
        values = {
            "date": lambda: [nodes.Text(self.date(post.date, date_format))],
            "title": lambda: [self.post_ref(post)],
            "author": lambda: self._joined("author", post.authors),
            "category": lambda: self._joined("category", post.categories),
            "tags": lambda: self._joined("tag", post.tags),
            "location": lambda: self._joined("location", post.locations),
            "language": lambda: self._joined("language", post.languages),
            "series": lambda: [nodes.Text(post.series or "")],
            "reading_time": lambda: [nodes.Text(f"{post.minutes} min read")],
        }
        for literal, name, _spec, _conv in string.Formatter().parse(fmt):
            if literal:
                para += nodes.Text(literal)
            if name is not None:
                para.extend(values.get(name, lambda: [])())
        return para

    def postlist(self, posts: list[Post], options: dict[str, Any]) -> list[nodes.Node]:
        style = options.get("style") or ("list" if "format" in options or not options.get("excerpts") else "cards")
        date_format = options.get("date") or None
        if not posts:
            return [nodes.paragraph("", "No posts yet.", classes=["mlblog-empty"])]
        if style == "cards":
            box = nodes.container(classes=["mlblog-cards"])
            box.extend(self.card(p, bool(options.get("excerpts", True)), date_format) for p in posts)
            return [box]
        fmt = options.get("format") or "{date} - {title}"
        items = nodes.bullet_list(classes=["mlblog-postlist", f"mlblog-style-{style}"])
        if options.get("list-style"):
            items["classes"].append(f"mlblog-list-style-{options['list-style']}")
        for post in posts:
            item = nodes.list_item()
            item += self.formatted(post, fmt, date_format)
            if options.get("excerpts") and post.excerpt_nodes:
                item += self.excerpt(post)
                if options.get("expand"):
                    more = nodes.paragraph(classes=["mlblog-expand"])
                    more += self.doc_ref(post.docname, options["expand"])
                    item += more
            items += item
        return [items]

    def pagination(self, kind: str, key: str, page: int, pages: int) -> nodes.Node | None:
        if pages <= 1:
            return None
        nav = nodes.paragraph(classes=["mlblog-pagination"])
        if page > 1:
            nav += self.doc_ref(archive_docname(self.config, kind, key, page - 1), "← Newer", ["mlblog-page-prev"])
        for number in range(1, pages + 1):
            if number == page:
                nav += _text(str(number), ["mlblog-page-current"])
            else:
                nav += self.doc_ref(archive_docname(self.config, kind, key, number), str(number), ["mlblog-page-number"])
        if page < pages:
            nav += self.doc_ref(archive_docname(self.config, kind, key, page + 1), "Older →", ["mlblog-page-next"])
        return nav

    def archive(self, kind: str, key: str, page: int) -> list[nodes.Node]:
        posts, pages = self.view.archive(kind, key, page)
        if kind == "overview":
            return [self.overview(key, posts)]
        if kind in ("archive", "drafts"):
            return self.by_year(posts)
        out: list[nodes.Node] = []
        if kind == "series":
            listing = nodes.enumerated_list(classes=["mlblog-series-list"])
            for post in posts:
                item = nodes.list_item()
                item += self.card(post)
                listing += item
            return [listing] if posts else [nodes.paragraph("", "No posts yet.", classes=["mlblog-empty"])]
        out += self.postlist(posts, {"style": "cards", "excerpts": True})
        nav = self.pagination(kind, key, page, pages)
        if nav is not None:
            out.append(nav)
        return out

    def overview(self, kind: str, posts: list[Post]) -> nodes.Node:
        listing = nodes.bullet_list(classes=["mlblog-overview", f"mlblog-overview-{kind}"])
        for slug, name, count in groups_with_names(posts, kind, self.config):
            item = nodes.list_item()
            para = nodes.paragraph()
            para += self.archive_ref(kind, name if kind == "year" else _key_for(posts, kind, slug), name)
            para += _text(f" ({count})", ["mlblog-count"])
            item += para
            listing += item
        return listing

    def by_year(self, posts: list[Post]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        years: dict[str, list[Post]] = {}
        for post in posts:
            years.setdefault(str(post.date.year) if post.date else "Undated", []).append(post)
        for year, items in years.items():
            heading = nodes.rubric(classes=["mlblog-year"])
            heading += self.archive_ref("year", year, year) if year != "Undated" else _text(year)
            out.append(heading)
            out += self.postlist(items, {"format": "{date} - {title}", "date": self.config.date_format_short})
        return out or [nodes.paragraph("", "No posts yet.", classes=["mlblog-empty"])]

    # post chrome
    def header(self, post: Post) -> nodes.container:
        box = nodes.container(classes=["mlblog-post-header"])
        badges = self.badges(post)
        if badges:
            box += nodes.paragraph("", "", *badges, classes=["mlblog-badges"])
        box += self.meta(post)
        tags = self.tags(post)
        if tags is not None:
            box += tags
        return box

    def footer(self, post: Post, chrome: dict[str, Any]) -> nodes.container | None:
        box = nodes.container(classes=["mlblog-post-footer"])
        if chrome["series"]:
            series = nodes.container(classes=["mlblog-series-nav"])
            name = display_name("series", post.series or "", self.config)
            total = len(chrome["series"])
            index = next((i for i, p in enumerate(chrome["series"], 1) if p.docname == post.docname), None)
            heading = nodes.rubric()
            heading += _text(f"Part {index} of {total} in " if index else "Series: ")
            heading += self.archive_ref("series", post.series or "", name)
            series += heading
            parts = nodes.enumerated_list()
            for part in chrome["series"]:
                item = nodes.list_item(classes=["mlblog-current"] if part.docname == post.docname else [])
                para = nodes.paragraph()
                para += _text(part.title) if part.docname == post.docname else self.post_ref(part)
                item += para
                parts += item
            series += parts
            box += series
        if chrome["older"] or chrome["newer"]:
            nav = nodes.container(classes=["mlblog-prevnext"])
            if chrome["older"]:
                para = nodes.paragraph(classes=["mlblog-prev"])
                para += _text("Previous: ", ["mlblog-label"])
                para += self.post_ref(chrome["older"])
                nav += para
            if chrome["newer"]:
                para = nodes.paragraph(classes=["mlblog-next"])
                para += _text("Next: ", ["mlblog-label"])
                para += self.post_ref(chrome["newer"])
                nav += para
            box += nav
        if chrome["related"]:
            related = nodes.container(classes=["mlblog-related"])
            related += nodes.rubric("", "Related posts")
            related.extend(self.postlist(chrome["related"], {"format": "{title}", "style": "list"}))
            box += related
        return box if box.children else None

    def draft_banner(self) -> nodes.container:
        box = nodes.container(classes=["mlblog-draft-banner"])
        box += nodes.paragraph("", "Draft: this post is not published. It is left out of every listing and feed.")
        return box


def _key_for(posts: list[Post], kind: str, slug: str) -> str:
    for post in posts:
        for key in keys_of(post, kind):
            if key_slug(key) == slug:
                return key
    return slug


# -- the event handler ------------------------------------------------------------
def get_view(app: Sphinx, fresh: bool = False) -> BlogView:
    """The build's :class:`BlogView`; built after reading, when the domain is complete.

    It is kept on the builder, which lives for one build (forked writers inherit it).
    """
    view = getattr(app.builder, "_mlblog_view", None)
    if fresh or view is None:
        view = BlogView(get_domain(app.env), blog_config(app.config))
        app.builder._mlblog_view = view  # type: ignore[attr-defined]
    return view


def resolve_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace placeholders, add post header/footer."""
    view = get_view(app)
    renderer = Renderer(app, docname, view)
    for node in list(doctree.findall(postlist_node)):
        node.replace_self(_unsearchable(renderer.postlist(view.select(node["options"], docname), node["options"])))
    for node in list(doctree.findall(archive_node)):
        node.replace_self(_unsearchable(renderer.archive(node["kind"], node["key"], int(node["page"]))))
    post = view.domain.posts.get(docname)
    if post is not None:
        _add_chrome(doctree, post, renderer, view)


def _unsearchable(listing: list[nodes.Node]) -> list[nodes.Node]:
    # Listings repeat other pages' text: search should find the post, not every list
    # showing it (it also keeps the search index small). Page titles stay searchable.
    for node in listing:
        if isinstance(node, nodes.Element):
            node["classes"].append("no-search")
    return listing


def _add_chrome(doctree: nodes.document, post: Post, renderer: Renderer, view: BlogView) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    chrome = view.chrome(post)
    header = renderer.header(post)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, header)
    else:
        doctree.insert(0, header)
    if not chrome["public"]:
        header.insert(0, renderer.draft_banner())
    footer = renderer.footer(post, chrome)
    if footer is not None:
        footer["classes"].append("no-search")
        (section if section is not None and section.parent is doctree else doctree).append(footer)

