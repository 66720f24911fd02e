"""``BlogDomain``: the posts and listings collected from every document, the ``post``
cross-reference role, and the queries later layers ask of them."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from functools import cached_property
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import docname_join
from sphinx.util.nodes import make_refnode

from ..compat import worker_pickles_can_be_trimmed
from ..config import make_blog_config
from ..model.post import Post, is_public, newest_first
from ..model.settings import BlogConfig
from ..util import note_feature
from ..warnings import MLBlogWarning, warn


class DomainTable(dict):
    """A table of the domain's data that a parallel-read worker sends back small.

    Sphinx's parallel read pickles each worker's whole environment back to the main
    process, which merges only the documents that worker read
    (:meth:`BlogDomain.merge_domaindata`). A forked worker still holds every post read
    before it started, so each chunk would resend all of them: at 1,000 posts the main
    process unpickled 11 MB of blog data, one chunk at a time. Pickled in a worker, a
    table keeps only the entries that worker wrote; pickled in the process that owns it
    (the environment pickle, a serial build), it keeps everything. Where Sphinx's
    parallel read is not the one this relies on
    (:func:`~sphinx_mlblog.compat.worker_pickles_can_be_trimmed`), it is a plain dict.
    """

    __slots__ = ("_home", "_worker", "_written")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._home = os.getpid()
        self._worker: int | None = None
        self._written: set[Any] = set()

    def __setitem__(self, key: Any, value: Any) -> None:
        pid = os.getpid()
        if pid != self._home:  # a forked worker
            if pid != self._worker:
                self._worker, self._written = pid, set()
            self._written.add(key)
        super().__setitem__(key, value)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        # dict.setdefault stores without calling __setitem__, so a worker's write would go unseen
        if key not in self:
            self[key] = default
        return self[key]

    def __reduce__(self) -> tuple:
        pid = os.getpid()
        if pid == self._home or not worker_pickles_can_be_trimmed():
            items = dict(self)
        elif pid == self._worker:
            items = {key: self[key] for key in self._written if key in self}
        else:  # a worker that read nothing for this table
            items = {}
        return (type(self), (items,))

    def __copy__(self) -> DomainTable:
        return type(self)(self)

    def __deepcopy__(self, memo: dict) -> DomainTable:
        return type(self)(copy.deepcopy(dict(self), memo))


class PostRole(XRefRole):
    """``{post}`slug``` / ``:post:`docname``` — links a post and shows its title."""

    def run(self):
        self.name = "blog:post"  # also registered as a plain ``post`` role
        note_feature(self.inliner.document, "post-ref")
        return super().run()

    def process_link(self, env, refnode, has_explicit_title, title, target):
        refnode["mlblog_explicit"] = has_explicit_title
        return title, target.strip()


class PostData:
    """The blog domain's data as properties, and the queries asked of it."""

    data: dict[str, Any]
    env: BuildEnvironment

    @property
    def posts(self) -> dict[str, Post]:
        return self.data["posts"]

    @property
    def listings(self) -> dict[str, list[tuple]]:
        return self.data["listings"]

    @property
    def now(self) -> datetime:
        return self.data["now"] or datetime.now(timezone.utc)

    @cached_property
    def config(self) -> BlogConfig:
        """The blog's settings, normalised once per build."""
        return make_blog_config(self.env.config)

    def add_post(self, post: Post) -> None:
        self.posts[post.key] = post
        if post.anchor:  # a section post: found again by its page in clear_doc
            sections = self.data["sections"].get(post.docname, [])
            self.data["sections"][post.docname] = [*sections, post.key]

    def public_posts(self) -> list[Post]:
        """Posts shown in listings and feeds, newest first."""
        future = self.config.publish_future
        return newest_first(p for p in self.posts.values() if is_public(p, self.now, future))

    def drafts(self) -> list[Post]:
        future = self.config.publish_future
        return newest_first(p for p in self.posts.values() if not is_public(p, self.now, future))

    def find_post(self, target: str, fromdocname: str | None = None) -> Post | None:
        """Find a post by docname, slug, or docname relative to ``fromdocname``."""
        found = self.find_posts(target, fromdocname)
        return found[0] if found else None

    def find_posts(self, target: str, fromdocname: str | None = None) -> list[Post]:
        """The post a reference names: ``[post]`` for a docname (or one relative to
        ``fromdocname``); for a slug, every post of that slug, by docname (the first is
        the one linked; posts may share a slug, as translations in two folders do)."""
        target = target.strip().removesuffix(".md").removesuffix(".rst").removesuffix(".ipynb")
        if target.startswith("/"):
            target = target.lstrip("/")
        elif fromdocname and "/" in fromdocname and not target.startswith("/"):
            relative = fromdocname.rsplit("/", 1)[0] + "/" + target
            if relative in self.posts:
                return [self.posts[relative]]
        if target in self.posts:
            return [self.posts[target]]
        return sorted((p for p in self.posts.values() if p.slug == target), key=lambda p: p.docname)


def _warn_ambiguous(target: str, found: list[Post], node: pending_xref) -> None:
    """A reference by a slug several posts share links the first: said where it is."""
    others = ", ".join(repr(p.docname) for p in found[1:])
    warn(
        f"post reference {target!r} is ambiguous: {found[0].docname!r} and {others} "
        f"share that slug; it links {found[0].docname!r} (refer to a post by its docname)",
        MLBlogWarning.DUPLICATE,
        location=node,
    )


class PostReferences(PostData):
    """The ``post`` role's references, and posts for ``any`` and MyST links."""

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self.find_posts(target, fromdocname)
        if not found:
            warn(f"unknown post reference {target!r}", MLBlogWarning.REF, location=node)
            return nodes.inline("", "", contnode, classes=["mlblog-missing-ref"])
        post = found[0]
        if len(found) > 1:
            _warn_ambiguous(target, found, node)
        if not node.get("mlblog_explicit"):
            contnode = nodes.inline("", post.title, classes=["xref", "blog", "blog-post"])
        return make_refnode(builder, fromdocname, post.docname, post.anchor, contnode, post.title)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        """A post by slug or name for ``any`` and MyST links; none where the target names
        a document, which ``std:doc`` links already (two would be "ambiguous")."""
        if docname_join(node.get("refdoc", fromdocname), target) in env.all_docs:
            return []
        post = self.find_post(target, fromdocname)
        if post is None:
            return []
        ref = make_refnode(builder, fromdocname, post.docname, post.anchor, contnode, post.title)
        return [("blog:post", ref)]


class BlogDomain(PostReferences, Domain):
    """Posts per document, what each document's listings ask for, and the last build's
    fingerprints (:mod:`~sphinx_mlblog.render.incremental`)."""

    name = "blog"
    label = "Blog"
    object_types = {"post": ObjType("post", "post")}
    roles = {"post": PostRole(innernodeclass=nodes.inline)}
    initial_data: dict[str, Any] = {
        "posts": DomainTable(),  # docname -> Post
        "listings": DomainTable(),  # docname -> what its postlist/archive placeholders ask for
        "signatures": DomainTable(),  # docname -> hash of the blog data the page shows
        "page_signatures": DomainTable(),  # the same for further archive pages (not documents)
        "now": None,  # the build's clock, set once per build
        "widgets": DomainTable(),  # docname -> [(source file, output path)] of its widgets
        "refs": DomainTable(),  # docname -> targets of its ``post`` references (rewritten when they change)
        "related": DomainTable(),  # "key" and "lists": the last build's related posts
        "toctree_drafts": DomainTable(),  # docname -> unpublished posts taken out of its toctrees
        "sections": DomainTable(),  # docname -> keys of its section posts
        "math": DomainTable(),  # docname -> True: its doctree holds math (publish.mathjax)
        "unpublished": [],  # the last build's unpublished posts (drafts, future posts)
    }
    data_version = 11  # the documents that show math

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Objects that live for one build and are never pickled; the render layer keeps
        #: its per-build state here (see :func:`sphinx_mlblog.render.state.render_state`).
        self.runtime: dict[str, Any] = {}

    def clear_doc(self, docname: str) -> None:
        self.posts.pop(docname, None)
        for key in self.data["sections"].pop(docname, ()):
            self.posts.pop(key, None)
        self.listings.pop(docname, None)
        self.data["widgets"].pop(docname, None)
        self.data["refs"].pop(docname, None)
        self.data["toctree_drafts"].pop(docname, None)
        self.data["math"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        docnames = set(docnames)
        for key in ("posts", "listings", "widgets", "refs", "toctree_drafts", "sections", "math"):
            for name, value in otherdata[key].items():
                docname = value.docname if key == "posts" else name  # posts: by post key
                if docname in docnames:
                    self.data[key][name] = value

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for post in self.posts.values():
            yield (post.slug, post.title, "post", post.docname, post.anchor, 1)


def get_domain(env: BuildEnvironment) -> BlogDomain:
    return env.get_domain("blog")  # type: ignore[return-value]
