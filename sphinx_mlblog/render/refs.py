"""ablog's reference labels, resolved when nothing else defines them: a post's file name
(``:ref:`my-post```, or its folder's name for an ``index`` post) and the labels of the
archive pages (``blog-posts``, ``blog-tags``, ``tag-python``, ``author-ana``, ...)."""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from ..i18n import _, kind_label
from ..model.archives import (
    ABLOG_CATALOGS,
    archive_docname,
    display_name,
    feed_folder,
    keys_of,
)
from ..model.slugs import ablog_slug
from .state import render_state


def post_label(docname: str) -> str:
    """ablog's label of a post: its file name, or its folder's for ``.../index``."""
    folder, label = posixpath.split(docname)
    if label == "index":
        label = posixpath.basename(folder)
    return label.lower()


def ablog_labels(state: Any) -> dict[str, tuple[str, str]]:
    """label -> (docname, link text) for every ablog label of this build."""
    view, config = state.view, state.view.config
    labels: dict[str, tuple[str, str]] = {}
    for post in view.domain.posts.values():
        if not post.anchor:  # as ablog: no label for a section's post
            labels.setdefault(post_label(post.docname), (post.docname, post.title))
    # the link texts are ablog's, as the pages that use the labels were written for them
    labels["blog-posts"] = (archive_docname(config, "index"), str(_("Posts")))
    labels["blog-archives"] = (archive_docname(config, "archive"), str(_("Archives")))
    labels["blog-drafts"] = (archive_docname(config, "drafts"), str(_("Drafts")))
    if config.baseurl:
        labels["blog-feed"] = (f"{feed_folder(config, 'index')}/atom.xml", f"{config.title} Feed")
    for kind, _attr, label in ABLOG_CATALOGS:
        labels[label] = (archive_docname(config, "overview", kind), kind_label(kind))
        for post in view.public:
            for key in keys_of(post, kind):
                docname = archive_docname(config, kind, key, slugs=view.slugs)
                labels.setdefault(
                    f"{kind}-{ablog_slug(key)}", (docname, display_name(kind, key, config))
                )
    for post in view.public:
        for year in keys_of(post, "year"):
            docname = archive_docname(config, "year", year, slugs=view.slugs)
            labels.setdefault(f"archive-{year}", (docname, year))
    return labels


def resolve_ablog_label(app: Any, env: Any, node: Any, contnode: nodes.Element) -> Any:
    """``missing-reference``: a ``ref`` to one of ablog's labels links its page."""
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    state = render_state(app)
    labels = state.fragments.get("ablog-labels")
    if labels is None:
        labels = state.fragments["ablog-labels"] = ablog_labels(state)
    found = labels.get(node["reftarget"].lower())
    if found is None or not (state.view.has_page(found[0]) or found[0].endswith(".xml")):
        return None
    if found[0].endswith(".xml") and app.builder.format != "html":
        return None
    docname, text = found
    inner = contnode if node.get("refexplicit") else nodes.inline(text, text)
    if docname.endswith(".xml"):  # blog-feed: a file, not a document
        uri = relative_uri(app.builder.get_target_uri(node["refdoc"]), docname)
        return nodes.reference("", "", inner, internal=False, refuri=uri, reftitle=text)
    return make_refnode(app.builder, node["refdoc"], docname, "", inner, text)
