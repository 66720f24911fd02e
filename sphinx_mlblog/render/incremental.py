"""Incremental builds that are never stale.

After reading, every page that shows blog data (a post's header and footer, a postlist,
a generated archive page) gets a fingerprint of exactly what it will show. A page whose
fingerprint changed since the last build is written again; nothing else is. So a title
edit rewrites the post, its neighbours, the posts listing it as related, and the lists
that show it, but not the whole site.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..collect.domain import BlogDomain, DomainTable, get_domain
from ..model.archives import first_page_docname
from ..model.post import Post
from .sidebars import sidebar_fingerprint, uses_blog_sidebars
from .state import paginates, render_state
from .view import BlogView, fingerprint

SIDEBARS = "\0sidebars"  # key of the sidebar fingerprint (never a docname)


class Digests:
    """Digest of each post's :meth:`~.model.post.Post.listing_fields`, made once per
    build: fingerprints combine these instead of repeating a post's excerpt in every page
    that shows it (a post is in ~17 fingerprints)."""

    def __init__(self) -> None:
        self._by_docname: dict[str, str] = {}

    def __getitem__(self, post: Post) -> str:
        digest = self._by_docname.get(post.key)
        if digest is None:
            digest = self._by_docname[post.key] = fingerprint(post.listing_fields())
        return digest

    def of(self, posts: list[Post]) -> list[str]:
        return [self[p] for p in posts]


def post_fingerprint(view: BlogView, post: Post, digests: Digests) -> str:
    chrome = view.chrome(post)
    return fingerprint(
        (
            digests[post],
            chrome["public"],
            digests.of([chrome["older"]] if chrome["older"] else []),
            digests.of([chrome["newer"]] if chrome["newer"] else []),
            digests.of(chrome["related"]),
            digests.of(chrome["series"]),
        )
    )


def listing_fingerprint(view: BlogView, specs: list[tuple], digests: Digests) -> str:
    shown = []
    for spec in specs:
        if spec[0] == "postlist":
            shown.append(digests.of(view.select(spec[1], spec[2])))
        elif spec[1] == "overview":
            shown.append(view.groups(spec[2]))
            if view.config.url_style == "ablog":  # a catalog: every post's date and title
                shown.append(digests.of(view.public))
        elif spec[1] in ("archive", "drafts"):
            posts, _ = view.archive(spec[1], spec[2], spec[3])
            shown.append([(p.key, p.title, p.date, p.external_link) for p in posts])
        else:
            posts, pages = view.archive(spec[1], spec[2], spec[3])
            shown.append((digests.of(posts), pages))
    return fingerprint(shown)


def _ref_fingerprint(domain: BlogDomain, docname: str, targets: list[str]) -> str:
    """A ``{post}`` reference shows the post's title: rewrite when it changes or goes."""
    shown = []
    for target in targets:
        post = domain.find_post(target, docname)
        shown.append((target, post.docname, post.title) if post else (target, None, None))
    return fingerprint(shown)


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages whose blog data changed since they were last written."""
    domain = get_domain(env)
    state = render_state(app, fresh=True)
    view = state.view
    old: dict[str, str] = domain.data["signatures"]
    digests = Digests()
    new = {docname: post_fingerprint(view, post, digests) for docname, post in domain.posts.items()}
    for docname, specs in domain.listings.items():
        new[docname] = new.get(docname, "") + listing_fingerprint(view, specs, digests)
    for docname, targets in domain.data["refs"].items():
        new[docname] = new.get(docname, "") + _ref_fingerprint(domain, docname, targets)
    if uses_blog_sidebars(app.config):
        new[SIDEBARS] = fingerprint(sidebar_fingerprint(view))
    # further archive pages (not documents) are rendered by further.collect_further_pages
    old_pages: dict[str, str] = domain.data["page_signatures"]
    pages = {
        spec.docname(view.config): listing_fingerprint(
            view, [("archive", spec.kind, spec.key, spec.page)], digests
        )
        for spec in view.further_pages()
    }
    state.changed_pages = {name for name, sig in pages.items() if old_pages.get(name) != sig}
    domain.data["page_signatures"] = DomainTable(pages)
    domain.data["signatures"] = DomainTable(new)
    domain.data["related"] = DomainTable(key=view.related.key, lists=view.related.lists)
    if new.get(SIDEBARS) != old.get(SIDEBARS) and SIDEBARS in old:
        return sorted(env.all_docs)  # every page shows the changed sidebar
    return sorted(d for d, sig in new.items() if old.get(d) != sig and d in env.all_docs)


def missing_further_pages(
    app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set
) -> list[str]:
    """``env-get-outdated``: the first page of an archive whose further page file is gone,
    so that the build goes on to render it (Sphinx < 9 stops before writing when no
    document is outdated)."""
    if not paginates(app.builder):
        return []
    config = get_domain(env).config
    first_pages = {
        first_page_docname(config, pagename)
        for pagename in get_domain(env).data["page_signatures"]
        if not Path(app.builder.get_outfilename(pagename)).is_file()
    }
    return sorted(first_pages & env.found_docs)
