"""Fill postlists, archive pages and post chrome at ``doctree-resolved``.

Selection (:class:`BlogView`: which posts a page shows) is kept apart from rendering
(:mod:`.render_html` for HTML, :class:`NodeRenderer` for other builders), so the
incremental-build check in :mod:`.incremental` fingerprints exactly what is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode

from .archives import (
    ArchiveSpec,
    archive_docname,
    key_slug,
    keys_of,
    page_count,
    plan_archives,
)
from .config import BlogConfig, blog_config
from .domain import BlogDomain, get_domain
from .frontmatter import parse_list
from .model import Post, RelatedIndex, series_parts
from .nodes import archive_node, postlist_node
from .scan import GENERATED_KEY
from .shared import has_feature, note_feature

_FILTERS = {"author": "authors", "category": "categories", "tags": "tags", "location": "locations", "language": "languages"}


# -- selection ------------------------------------------------------------------
@dataclass
class BlogView:
    """The posts of one build, indexed once for every page that is written."""

    domain: BlogDomain
    config: BlogConfig
    public: list[Post] = field(init=False)
    position: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.public = self.domain.public_posts(self.config)
        self.position = {p.docname: i for i, p in enumerate(self.public)}
        self._related_index: RelatedIndex | None = None
        self._by_slug: dict[str, dict[str, list[Post]]] = {}
        self._excerpts: dict[str, str] = {}
        self.builder: Any = None  # set by get_view; renders excerpts
        # Pages 2, 3, ... of a paginated archive are not documents: they are rendered
        # after writing (html-collect-pages), only by builders that write one file per
        # page; others show every post on the archive's first page.
        self.paginate = True
        self.resolved_archives: set[tuple[str, str]] = set()  # first pages written this build
        self.changed_pages: set[str] | None = None  # further pages whose listing changed
        self._further: list[ArchiveSpec] | None = None
        # parallel writes: the process rendering further pages while the writers work
        # (pages.render_further_pages_early), and the pages it renders
        self.early_further: tuple[Any, set[str]] | None = None
        self.last_docname: str | None = None
        self.target_uris: dict[str, str] = {}  # docname -> the builder's target URI
        # (folder of a page's URI, target URI) -> relative URI: pages in one folder link
        # the same tag pages, neighbours and related posts
        self.relative_uris: dict[tuple[str, str], str] = {}
        self.dates: dict[tuple[Any, str], str] = {}  # (date, format) -> <time> element
        self.feed_link_tags: list[str] | None = None
        self._chrome: dict[str, dict[str, Any]] = {}
        self._series: dict[str, list[Post]] = {}
        # Related posts depend on tags and dates only: reuse the last build's lists
        # while those are unchanged (title, excerpt and body edits).
        self.related_key = _fingerprint([(p.docname, p.tags, p.date) for p in self.public], self.config.related_count)
        cached = self.domain.data["related"]
        # docname -> (its tags, related docnames); a draft's own tags are checked too
        self.related: dict[str, tuple[tuple[str, ...], list[str]]] = (
            dict(cached["lists"]) if cached.get("key") == self.related_key else {}
        )

    def related_to(self, post: Post) -> list[Post]:
        cached = self.related.get(post.docname)
        if cached is None or cached[0] != post.tags:
            if self._related_index is None:
                self._related_index = RelatedIndex(self.public)
            found = self._related_index.related(post, self.config.related_count)
            self.related[post.docname] = (post.tags, [p.docname for p in found])
            return found
        posts = self.domain.posts
        return [posts[name] for name in cached[1] if name in posts]

    def excerpt_html(self, post: Post) -> str:
        """The post's excerpt as HTML (rendered when read; here only as a fallback)."""
        if post.excerpt_html is not None:
            return post.excerpt_html
        html = self._excerpts.get(post.docname)
        if html is None:
            html = self._excerpts[post.docname] = render_excerpts_html(self.builder, [post.excerpt_nodes])[0]
        return html

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
        if kind in ("series", "year") or not self.paginate:
            return posts, 1
        start = (page - 1) * per_page
        return posts[start : start + per_page], page_count(len(posts), per_page, kind)

    def further_pages(self) -> list[ArchiveSpec]:
        """Pages 2, 3, ... of every paginated archive whose first page is in the build."""
        if not self.paginate:
            return []
        if self._further is None:
            metadata = self.domain.env.metadata
            self._further = [
                spec for spec in plan_archives(self.public, [], self.config)
                if spec.page > 1
                # the first page is ours (a user's own page of that name has no further pages)
                and metadata.get(archive_docname(self.config, spec.kind, spec.key), {}).get(GENERATED_KEY)
            ]
        return self._further

    def chrome(self, post: Post) -> dict[str, Any]:
        """What a post's header and footer show of other posts (worked out once per build:
        the incremental check and the page itself both ask)."""
        chrome = self._chrome.get(post.docname)
        if chrome is not None:
            return chrome
        i = self.position.get(post.docname)
        older = self.public[i + 1] if i is not None and i + 1 < len(self.public) else None
        newer = self.public[i - 1] if i is not None and i > 0 else None
        if not post.series:
            series = []
        elif i is None:  # a draft shows the public parts and itself
            series = series_parts(post.series, [*self.public, post])
        else:
            series = self._series.get(post.series)
            if series is None:
                series = self._series[post.series] = series_parts(post.series, self.public)
        chrome = self._chrome[post.docname] = {
            "older": older if self.config.show_prev_next else None,
            "newer": newer if self.config.show_prev_next else None,
            "related": self.related_to(post),
            "series": series,
            "public": i is not None,
        }
        return chrome


def _fingerprint(*value: Any) -> str:
    import hashlib

    return hashlib.sha1(repr(value).encode("utf-8"), usedforsecurity=False).hexdigest()


def _post_refs(excerpt: list[nodes.Node]) -> list[nodes.inline]:
    return [n for node in excerpt for n in node.findall(nodes.inline) if "mlblog_post" in n]


def render_excerpts_html(builder: Any, excerpts: list[list[nodes.Node]], keep: bool = True) -> list[str]:
    """HTML of each excerpt, by the builder's own HTML translator ("" for other builders).

    The nodes come from fully transformed doctrees, so they are translated directly and
    all in one document (``render_partial`` per excerpt would run every transform again:
    3x slower for 1,000 posts). ``keep=False``: the caller drops the nodes afterwards,
    so they are moved into that document rather than copied.
    """
    if builder is None or getattr(builder, "format", "") != "html" or not hasattr(builder, "render_partial"):
        return ["" for _ in excerpts]
    if not hasattr(builder, "_settings") or not hasattr(builder, "create_translator"):
        out = []
        for excerpt in excerpts:  # older Sphinx: the public, slower way
            box = nodes.container()
            box.extend(node.deepcopy() for node in excerpt)
            html = builder.render_partial(box)["fragment"] if excerpt else ""
            out.append(html.removeprefix('<div class="docutils container">\n').removesuffix("</div>\n"))
        return out
    import re

    from docutils.utils import new_document

    document = new_document("<mlblog excerpts>", builder._settings)
    for index, excerpt in enumerate(excerpts):
        document += nodes.raw("", f"<!--mlblog-excerpt:{index}-->", format="html")
        document.extend([node.deepcopy() for node in excerpt] if keep else excerpt)
    visitor = builder.create_translator(document, builder)
    document.walkabout(visitor)
    parts = re.split(r"<!--mlblog-excerpt:(\d+)-->", "".join(visitor.fragment))
    return [html.strip() + "\n" if html.strip() else "" for html in parts[2::2]]


def render_excerpts(app: Sphinx, env: Any) -> None:
    """``env-updated``: render the excerpts of newly read posts, all in one pass.

    The HTML is kept with the post (and pickled with the environment), so listings never
    render an excerpt again and the excerpt's nodes are dropped.
    """
    from .collector import plain_text

    domain = get_domain(env)
    todo = [p for p in domain.posts.values() if p.excerpt_html is None and p.excerpt_nodes]
    for post in todo:  # links to posts in an excerpt show the post's title, as on the post
        refs = _post_refs(post.excerpt_nodes)
        for inline in refs:
            target = domain.find_post(inline["mlblog_post"], post.docname)
            if target is not None:
                inline.children = [nodes.Text(target.title)]
                del inline["mlblog_post"]
        if refs:
            post.excerpt = plain_text(post.excerpt_nodes)
    if not todo or getattr(app.builder, "format", "") != "html":
        return
    for post, html in zip(todo, render_excerpts_html(app.builder, [p.excerpt_nodes for p in todo], keep=False), strict=True):
        post.excerpt_html, post.excerpt_nodes = html, []


# -- other builders ----------------------------------------------------------------
class NodeRenderer:
    """Plain docutils nodes for builders that are not HTML (LaTeX, text, man, ...)."""

    def __init__(self, app: Sphinx, docname: str, view: BlogView) -> None:
        self.builder, self.docname, self.view = app.builder, docname, view

    def ref(self, post: Post) -> nodes.Node:
        return make_refnode(self.builder, self.docname, post.docname, "", nodes.inline(post.title, post.title), post.title)

    def listing(self, posts: list[Post]) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["mlblog-postlist"])
        for post in posts:
            para = nodes.paragraph()
            if post.date:
                para += nodes.Text(f"{post.date.date().isoformat()} – ")
            para += self.ref(post)
            items += nodes.list_item("", para)
        return [items] if posts else [nodes.paragraph("", "No posts yet.")]

    def meta(self, post: Post) -> nodes.Node:
        parts = [post.date.date().isoformat()] if post.date else []
        parts += [", ".join(post.authors)] if post.authors else []
        parts += [", ".join(post.tags)] if post.tags else []
        return nodes.paragraph("", " · ".join(parts), classes=["mlblog-meta"])


# -- the event handler ------------------------------------------------------------
def get_view(app: Sphinx, fresh: bool = False) -> BlogView:
    """The build's :class:`BlogView`; built after reading, when the domain is complete.

    It is kept on the builder, which lives for one build (forked writers inherit it).
    """
    view = getattr(app.builder, "_mlblog_view", None)
    if fresh or view is None:
        view = BlogView(get_domain(app.env), blog_config(app.config))
        view.builder = app.builder
        view.paginate = writes_page_files(app.builder)
        app.builder._mlblog_view = view  # type: ignore[attr-defined]
    return view


def writes_page_files(builder: Any) -> bool:
    """HTML builders that write a file per page (not single-page HTML, not EPUB)."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and builder.name != "singlehtml" and not builder.name.startswith("epub")
    )


def resolve_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace placeholders, add post header/footer."""
    view = get_view(app)
    post = view.domain.posts.get(docname)
    placeholders = (
        list(doctree.findall(lambda n: isinstance(n, (postlist_node, archive_node))))
        if has_feature(doctree, "listing") else []
    )
    if not placeholders and post is None:
        return
    if app.builder.format == "html":
        _resolve_html(app, doctree, docname, view, placeholders, post)
    else:
        _resolve_nodes(app, doctree, docname, view, placeholders, post)


#: How math looks in rendered excerpts (Sphinx's HTML writer).
MATH_MARK = 'class="math'


def tell_math_domain(env: Any, pagename: str) -> None:
    """Sphinx < 8.2 asks the math domain whether a page needs MathJax (newer Sphinx asks
    the page context: :func:`load_mathjax_for_listed_math`)."""
    env.get_domain("math").data.setdefault("has_equations", {})[pagename] = True


def load_mathjax_for_listed_math(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """``html-page-context`` (before sphinx.ext.mathjax): excerpts rendered into a listing
    are raw HTML to the writer, so it cannot see their math; say so for it."""
    if has_feature(doctree, "listed-math"):
        context["has_maths_elements"] = True


def _raw(html: str, *classes: str) -> nodes.raw:
    # "no-search": listings repeat other pages' text; search should find the post, not
    # every list that shows it. Page titles stay searchable.
    return nodes.raw("", html, format="html", classes=["no-search", *classes])


def _insert_after_title(doctree: nodes.document, node: nodes.Node) -> nodes.Element:
    """Put ``node`` under the page title; return the first section (or the document)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, node)
    else:
        doctree.insert(0, node)
    return section if section is not None and section.parent is doctree else doctree


def html_renderer(app: Sphinx, view: BlogView, pagename: str) -> Any:
    """An :class:`~.render_html.HtmlRenderer` whose links are relative to ``pagename``."""
    from sphinx.builders import Builder
    from sphinx.util.osutil import relative_uri

    from .render_html import HtmlRenderer

    builder = app.builder
    uris: dict[str, str] = {}
    page_uri = builder.get_target_uri(pagename)
    # Builders that keep Sphinx's get_relative_uri (target URI relative to the page's)
    # share the build's target URIs; others (single-page HTML) are asked each time.
    plain = type(builder).get_relative_uri is Builder.get_relative_uri
    targets = view.target_uris

    page_folder = page_uri.rpartition("/")[0]
    shared = view.relative_uris

    def url(target: str) -> str:
        uri = uris.get(target)
        if uri is None:
            if plain:
                target_uri = targets.get(target)
                if target_uri is None:
                    target_uri = targets[target] = builder.get_target_uri(target)
                if target_uri == page_uri:  # a link to the page itself depends on its file name
                    uri = relative_uri(page_uri, target_uri)
                else:  # any other relative URI depends on the page's folder only
                    uri = shared.get((page_folder, target_uri))
                    if uri is None:
                        uri = shared[(page_folder, target_uri)] = relative_uri(page_uri, target_uri)
                uris[target] = uri
            else:
                uri = uris[target] = builder.get_relative_uri(pagename, target)
        return uri

    return HtmlRenderer(view, url, app.env.all_docs.__contains__, lambda path: relative_uri(page_uri, path))


def _resolve_html(app, doctree, docname, view, placeholders, post) -> None:
    from .feeds import CHROME_END, CHROME_START

    renderer = html_renderer(app, view, docname)
    for node in placeholders:
        if isinstance(node, postlist_node):
            html = renderer.postlist(view.select(node["options"], docname), node["options"])
        else:
            html = renderer.archive(node["kind"], node["key"], int(node["page"]))
            if int(node["page"]) == 1:
                view.resolved_archives.add((node["kind"], node["key"]))
        if MATH_MARK in html:
            note_feature(doctree, "listed-math")
        node.replace_self(_raw(html))
    if post is None:
        return
    chrome = view.chrome(post)
    body = _insert_after_title(doctree, _raw(CHROME_START + renderer.header(post, chrome["public"]) + CHROME_END))
    footer = renderer.footer(post, chrome)
    if footer:
        body.append(_raw(CHROME_START + footer + CHROME_END))


def _resolve_nodes(app, doctree, docname, view, placeholders, post) -> None:
    renderer = NodeRenderer(app, docname, view)
    for node in placeholders:
        if isinstance(node, postlist_node):
            node.replace_self(renderer.listing(view.select(node["options"], docname)))
        else:
            node.replace_self(renderer.listing(view.archive(node["kind"], node["key"], int(node["page"]))[0]))
    if post is not None:
        _insert_after_title(doctree, renderer.meta(post))
