"""``llms.txt`` and ``llms-full.txt`` (the https://llmstxt.org proposal) and a Markdown copy
of each public post beside its page (``posts/x.html`` → ``posts/x.html.md``), written at
``build-finished``.

``llms.txt`` is the blog's title, its subtitle as the summary, and a list of the public
posts, newest first, each a link to its Markdown copy with its date and excerpt; then the
feeds under "Optional". ``llms-full.txt`` holds every copy. A Markdown (MyST) post's copy
is its source without the front matter, under a short header (title, date, authors, tags,
page); a reST or notebook post's is the text Sphinx's text writer makes of it. Drafts are
in none of them. Files are written only when their text changed.

A post's copy is written with its page (``html-page-context``: by Sphinx's parallel
writers under ``-j N``, where a thousand small files would otherwise be written one after
another at the end); ``build-finished`` writes those no page wrote this build.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.writers.text import TextTranslator

from ..compat import resolved_doctree
from ..i18n import link_label
from ..model.archives import display_name
from ..model.frontmatter import front_matter_lines
from ..model.post import Post
from ..render.state import render_state
from ..util import (
    absolute_url,
    markdown_copy_file,
    markdown_copy_uri,
    runs_page_scripts,
    write_if_changed,
)
from .meta import feed_links

LLMS, FULL = "llms.txt", "llms-full.txt"


#: what could start emphasis, code, a link or image, an HTML tag or an entity reference
#: in a title (each is an ASCII punctuation character, which CommonMark lets a backslash
#: escape); tested with a CommonMark parser on arbitrary titles
_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&!~"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(text: str) -> str:
    """One line of Markdown text: control characters dropped, whitespace collapsed,
    punctuation escaped."""
    return " ".join(_CONTROL.sub("", text).split()).translate(_SPECIAL)


def _link(title: str, url: str) -> str:
    return f"[{_text(title)}]({url.replace(' ', '%20').replace(')', '%29')})"


def header(post: Post, view: Any, page_url: str) -> list[str]:
    """The lines above a copy's body: what the post's page shows around it."""
    config = view.config
    lines = [f"# {_text(post.title)}", ""]
    if post.date:
        lines.append(f"- Published: {post.date.date().isoformat()}")
    if post.update:
        lines.append(f"- Updated: {post.update.date().isoformat()}")
    if post.authors:
        names = ", ".join(display_name("author", a, config) for a in post.authors)
        lines.append(f"- Authors: {_text(names)}")
    if post.tags:
        lines.append(f"- Tags: {_text(', '.join(post.tags))}")
    for link in post.links:
        lines.append(f"- {_text(link.label or link_label(link.kind))}: <{link.url}>")
    lines.append(f"- Page: <{page_url}>")
    return [*lines, ""]


def body(app: Sphinx, post: Post, doctree: Any = None) -> str:
    """The post's text: its Markdown source without front matter and leading title, or
    what Sphinx's text writer makes of a reST or notebook post (of ``doctree``, its
    resolved doctree, when the caller has it)."""
    path = os.fspath(app.env.doc2path(post.docname))
    if path.endswith(".md"):
        try:
            with open(path, encoding=app.config.source_encoding) as f:
                source = f.read()
        except (OSError, UnicodeDecodeError):
            return post.excerpt
        lines = source.split("\n")
        block = front_matter_lines(source)
        if block is not None:
            lines = lines[len(block) + 2 :]
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines and lines[0].startswith("# "):  # the title, which the header has
            lines.pop(0)
        return "\n".join(lines).strip()
    return _as_text(app, post.docname, doctree) or post.excerpt


def _as_text(app: Sphinx, docname: str, doctree: Any = None) -> str:
    try:
        if doctree is None:  # resolving again warns again about what does not resolve
            doctree = resolved_doctree(app, docname)
        translator = PlainText(doctree, app.builder)
        doctree.walkabout(translator)
        text = translator.body
    except Exception:  # a node the text writer cannot take
        return ""
    lines = text.split("\n")
    # the title and its underline, which the header has
    if len(lines) > 1 and lines[1].strip() and set(lines[1].strip()) <= set("*=-~^\"'`#"):
        lines = lines[2:]
    return "\n".join(lines).strip()


class PlainText(TextTranslator):
    """Sphinx's text writer, which takes a node it has no method for (an extension's
    node, registered for HTML only) as a container of its children."""

    def unknown_visit(self, node: Any) -> None:
        pass

    def unknown_departure(self, node: Any) -> None:
        pass


def post_copy(app: Sphinx, post: Post, view: Any, page_url: str, doctree: Any = None) -> str:
    lines = [*header(post, view, page_url), body(app, post, doctree)]
    return "\n".join(lines).rstrip() + "\n"


def _url(base: str, uri: str) -> str:
    return absolute_url(base, uri) if base else uri


def llms_index(app: Sphinx, view: Any, copies: dict[str, str]) -> str:
    """``llms.txt``: the blog's title, summary, posts and feeds."""
    config = view.config
    lines = [f"# {_text(config.title)}", ""]
    summary = config.feed_subtitle or app.config.project
    if summary:
        lines += [f"> {_text(summary)}", ""]
    lines += ["## Posts", ""]
    for post in view.public:
        if post.docname not in copies:
            continue
        entry = "- " + _link(post.title, _url(config.baseurl, copies[post.docname]))
        notes = [post.date.date().isoformat()] if post.date else []
        if post.excerpt:
            notes.append(_text(post.excerpt[:300]))
        lines.append(entry + (": " + " — ".join(notes) if notes else ""))
    feeds = feed_links(config)
    if feeds:
        lines += ["", "## Optional", ""]
        lines += [f"- {_link(title, url)}" for _kind, title, url in feeds]
    return "\n".join(lines) + "\n"


#: ``RenderState.fragments`` key: docname -> the copy this process wrote with its page
_WRITTEN = "llms-copies"


def _copy_text(app: Sphinx, view: Any, post: Post, doctree: Any = None) -> str:
    page_url = _url(view.config.baseurl, app.builder.get_target_uri(post.docname))
    return post_copy(app, post, view, page_url, doctree)


def _writes_copies(app: Sphinx) -> bool:
    return runs_page_scripts(app.builder, single_page_too=False) and bool(
        render_state(app).view.config.llms_txt
    )


def write_post_copy(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: a public post's Markdown copy, beside the page being written."""
    if doctree is None or not _writes_copies(app):
        return
    state = render_state(app)
    post = state.view.domain.posts.get(pagename)
    if post is None or post.anchor or post.key not in state.view.position:
        return  # not a post's page, a section post (in its page's copy), or a draft
    text = _copy_text(app, state.view, post, doctree)
    write_if_changed(os.path.join(app.outdir, markdown_copy_file(app.builder, pagename)), text)
    state.fragments.setdefault(_WRITTEN, {})[pagename] = text


def write_llms(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: ``llms.txt``, ``llms-full.txt``, and the copies of the public
    posts whose pages no writer wrote a copy with. A copy on disk of a page this process
    did not write is as fresh as its page: a parallel writer wrote both, or the page was
    not rewritten, unchanged."""
    if exception is not None or not _writes_copies(app):
        return
    state = render_state(app)
    view = state.view
    outdir = Path(app.outdir)
    posts = [post for post in view.public if not post.anchor]  # sections: in their page's
    copies = {post.docname: markdown_copy_uri(app.builder, post.docname) for post in posts}
    files = {post.docname: markdown_copy_file(app.builder, post.docname) for post in posts}
    written = state.fragments.get(_WRITTEN, {})
    full = []
    for post in posts:
        text = written.get(post.docname) or _read(outdir / files[post.docname])
        if text is None:
            text = _copy_text(app, view, post)
            write_if_changed(outdir / files[post.docname], text)
        full.append(text)
    write_if_changed(outdir / LLMS, llms_index(app, view, copies))
    write_if_changed(outdir / FULL, "\n".join(full))
    _remove_stale(Path(app.doctreedir) / MANIFEST, outdir, set(files.values()))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


MANIFEST = "mlblog-llms-copies.txt"  # the copies the last build wrote, in the doctree folder


def _remove_stale(manifest: Path, outdir: Path, copies: set[str]) -> None:
    """Remove the copies of posts that are gone or no longer public (``copies``: their
    files; an earlier version's manifest named some by their encoded URIs, which are
    removed as stale too)."""
    try:
        before = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
    except OSError:
        before = set()
    for uri in before - copies:
        path = outdir / uri
        if (
            uri.endswith(".md")
            and path.is_file()
            and path.resolve().is_relative_to(outdir.resolve())
        ):
            path.unlink()
    write_if_changed(manifest, "\n".join(sorted(copies)) + "\n")
