"""Small helpers every layer uses: files written only when changed, the mark of the
archive stubs sphinx-mlblog writes, escaping, URLs, and document features (what a doctree
holds, noted while reading)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin

from docutils import nodes

GENERATED_KEY = "mlblog_generated"
#: The MathJax 4 shipped in the package (``theme/vendor-math``, served as
#: ``_static/mlblog-vendor/mathjax``): copied only into builds whose pages show math
#: (:mod:`sphinx_mlblog.publish.mathjax`), 194 files that a blog without math never loads.
MATHJAX = "mlblog-vendor/mathjax/tex-chtml.js"
MATHJAX_FILES = Path(__file__).parent / "theme" / "vendor-math"
# The first line of every archive stub: a MyST comment rather than front matter, which
# would cost two YAML parses per stub (a third of the calls of reading one). The stub's
# ``blog-archive :generated:`` marks the document as generated and orphan. Stubs written
# by earlier versions began with OLD_STUB_MARKER; they are still ours, so they are replaced.
STUB_MARKER = "% sphinx-mlblog: a generated archive page, rewritten on every build\n"
OLD_STUB_MARKER = f"---\norphan: true\n{GENERATED_KEY}: true\n"
STUB_MARKER_LENGTH = max(len(STUB_MARKER), len(OLD_STUB_MARKER))


def is_stub_text(text: str) -> bool:
    """Whether a source's text (or its first ``STUB_MARKER_LENGTH`` characters) is an
    archive stub written by sphinx-mlblog."""
    return text.startswith((STUB_MARKER, OLD_STUB_MARKER))


def is_generated(path: str | Path) -> bool:
    """Whether the file at ``path`` is an archive stub written by sphinx-mlblog."""
    try:
        with open(path, encoding="utf-8") as f:
            head = f.read(STUB_MARKER_LENGTH)
    except (OSError, UnicodeDecodeError):
        return False
    return is_stub_text(head)


def write_if_changed(path: str | os.PathLike[str], text: str) -> bool:
    """Write ``text`` unless the file already holds it (no churn on incremental builds).
    Plain ``os`` calls: a build writes a thousand of these, and ``pathlib`` parses every
    part of a path again at each step."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return False
    except (OSError, UnicodeDecodeError):
        pass
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return True


@lru_cache(maxsize=8192)
def project_file(env: Any, name: str, docname: str) -> tuple[str, Path, str] | None:
    """``(Sphinx's relative path, the resolved file, its path in the project)`` of a file a
    document names, or None when it is outside the project (whose files alone a build
    publishes)."""
    relative, absolute = env.relfn2path(name, docname)
    srcdir = Path(env.srcdir).resolve()
    source = Path(absolute).resolve()
    if not source.is_relative_to(srcdir):
        return None
    return relative, source, source.relative_to(srcdir).as_posix()


#: what ``html.escape(text, quote=True)`` replaces, by what
_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def escape_html(text: str) -> str:
    """``html.escape(text, quote=True)`` in one pass (it makes five): URLs, meta tags and
    listings escape tens of thousands of strings a build."""
    return str(text).translate(_HTML_ESCAPES)


def absolute_url(base: str, uri: str) -> str:
    """``urljoin(base + "/", uri)``, as a URI (characters beyond ASCII and spaces, as in
    pages named in other scripts, percent-encoded); a builder's plain relative URI is
    joined without urljoin's parsing (pages, feeds and the sitemap join one per page)."""
    base = base.rstrip("/") + "/"
    if not uri.isascii() or " " in uri:
        uri = quote(uri, safe=_URI_SAFE)
    if (
        uri
        and ":" not in uri
        and "?" not in base
        and "#" not in base
        and not uri.startswith((".", "/", "#", "?"))
        and "/." not in uri
    ):
        return base + uri
    return urljoin(base, uri)


#: What a URI keeps as it is (RFC 3986's reserved and unreserved characters, and "%").
_URI_SAFE = "/:@!$&'()*+,;=?#%~[]-._"


def add_caption(directive: Any, figure: nodes.figure, text: str) -> None:
    """Append a caption parsed as inline markup (MyST or reST) to ``figure``."""
    inline, messages = directive.state.inline_text(text, directive.lineno)
    figure += nodes.caption(text, "", *inline)
    figure += messages


FEATURES = "mlblog_features"


def note_feature(document: nodes.document, name: str) -> None:
    """Mark the document as using ``name`` (a listing, a post directive, a diagram, ...),
    so later stages need not search the whole doctree for it."""
    features = document.get(FEATURES) or []
    if name not in features:
        document[FEATURES] = [*features, name]


def has_feature(doctree: nodes.Node | None, name: str) -> bool:
    return doctree is not None and name in (doctree.get(FEATURES) or ())


def target_file(uri: str) -> str:
    """The output file of a builder's target URI: ``index.html`` in a folder's (``dirhtml``)."""
    return uri + "index.html" if uri.endswith("/") or not uri else uri


def markdown_copy_uri(builder: Any, docname: str) -> str:
    """Where ``llms.txt`` puts a post's Markdown copy: its page's file with ``.md`` added
    (``index.html.md`` for a page whose URI is a folder, as with ``dirhtml``)."""
    return target_file(builder.get_target_uri(docname)) + ".md"


def markdown_copy_file(builder: Any, docname: str) -> str:
    """The output file of a post's Markdown copy, relative to the output folder: its URI
    decoded (a page named ``hello_diátaxis`` is ``hello_di%C3%A1taxis.html`` in links,
    not on disk)."""
    return unquote(markdown_copy_uri(builder, docname))


def public_url(baseurl: str, builder: Any, docname: str) -> str:
    """A document's page as published under ``baseurl`` (``blog_baseurl``); "" without one."""
    return absolute_url(baseurl, builder.get_target_uri(docname)) if baseurl else ""


def renders_templates(builder: Any) -> bool:
    """Whether ``builder`` renders its pages' templates: not the JSON and pickle builders
    (sphinxcontrib-serializinghtml), which write each page's context out instead, and
    take only what their format can hold (a template's objects are not)."""
    return not callable(getattr(builder, "dump_context", None))


def runs_page_scripts(builder: Any, single_page_too: bool = True) -> bool:
    """Whether ``builder`` writes HTML pages that run the blog's scripts (not EPUB: its
    readers run none, nor the JSON and pickle builders': their pages are data);
    ``single_page_too=False`` leaves out single-page builders."""
    return (
        getattr(builder, "format", "") == "html"
        and not builder.name.startswith("epub")
        and renders_templates(builder)
        and (single_page_too or builder.name != "singlehtml")
    )
