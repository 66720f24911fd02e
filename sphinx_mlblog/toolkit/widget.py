"""``widget``: a post's own HTML/JS visualisation in a sandboxed iframe, with a fallback.

The widget's HTML is inlined into the page as the iframe's ``srcdoc``, in a frame
sandboxed with ``allow-scripts`` only: its scripts run with an opaque origin, so they
reach neither the page nor the blog's cookies and storage — and the widget has no URL of
its own that could be opened outside the sandbox. Files it loads (``:files:``) are copied
under ``_mlblog/widgets/`` and found through a ``<base>`` URL; only passive kinds of file
(scripts, styles, data, images, fonts) are copied, none that a browser would run as a page
if opened directly. The directive's content is the fallback shown without JavaScript
(and in feeds). A post with a widget is badged "Interactive".
"""

from __future__ import annotations

import posixpath
import re
import shutil
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..collect.domain import get_domain
from ..i18n import _
from ..util import add_caption, note_feature, project_file
from ..warnings import MLBlogWarning, warn

OUT = "_mlblog/widgets"
DEFAULT_HEIGHT = "400px"
_LENGTH = re.compile(r"^(\d{1,5}(?:\.\d{1,3})?)(px|em|rem|vh|%)?$")
#: Files a widget may load: none a browser runs as a page of the blog's origin.
PASSIVE = frozenset({
    ".js", ".mjs", ".css", ".json", ".csv", ".tsv", ".txt", ".wasm", ".bin", ".npy", ".npz",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf",
    ".glb", ".gltf", ".mp3", ".ogg", ".wav", ".mp4", ".webm", ".geojson", ".parquet", ".arrow",
})  # fmt: skip


class widget_node(nodes.General, nodes.Element):  # noqa: N801
    """The iframe; the fallback is its children."""


def visit_widget_html(self, node: widget_node) -> None:
    from sphinx.util.osutil import relative_uri

    page = self.builder.get_target_uri(self.builder.current_docname)
    base = relative_uri(page, node["base"]) if node["base"] else ""
    document = with_base(node["html"], base) if base else node["html"]
    title = escape(node.get("title") or str(_("Interactive figure")), quote=True)
    self.body.append(
        f'<div class="mlblog-widget-frame"><iframe class="mlblog-widget-iframe" srcdoc="{escape(document, quote=True)}" '
        f'title="{title}" sandbox="allow-scripts" loading="lazy" referrerpolicy="no-referrer" '
        f'style="height: {node["height"]}"></iframe></div>'
        '<noscript><div class="mlblog-widget-fallback">'
    )


_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


def with_base(document: str, base: str) -> str:
    """The widget's HTML with a ``<base>`` first in its head: its relative URLs lead to
    its copied files (a ``srcdoc`` document's base is the page's)."""
    tag = f'<base href="{escape(base, quote=True)}">'
    head = _HEAD.search(document)
    return document[: head.end()] + tag + document[head.end() :] if head else tag + document


def depart_widget_html(self, node: widget_node) -> None:
    self.body.append("</div></noscript>")


def visit_widget_other(self, node: widget_node) -> None:
    pass


def depart_widget_other(self, node: widget_node) -> None:
    pass


def checked_height(value: str | None) -> str | None:
    """A CSS length for the frame's height (a bare number is pixels); None: not one."""
    match = _LENGTH.match((value or "").strip())
    if not match:
        return None
    return f"{match[1]}{match[2] or 'px'}"


class WidgetDirective(SphinxDirective):
    """``widget`` file.html: embed the post's own interactive HTML."""

    required_arguments = 1
    has_content = True
    option_spec = {
        "height": directives.unchanged,
        "title": directives.unchanged,
        "caption": directives.unchanged,
        "files": directives.unchanged,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        note_feature(self.state.document, "interactive")
        figure = nodes.figure(classes=["mlblog-widget", "mlblog-interactive"])
        fallback = nodes.container(classes=["mlblog-widget-fallback-content"])
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, fallback)
        else:
            fallback += nodes.paragraph("", str(_("This interactive figure needs JavaScript.")))
        found = self._read_html()
        if found is not None:
            html, relative = found
            base = (
                posixpath.join(OUT, posixpath.dirname(relative), "") if self._copy_files() else ""
            )
            figure += widget_node(
                "",
                fallback,
                html=html,
                base=base,
                height=self._height(),
                title=self.options.get("title"),
            )
        else:
            figure += fallback
        if "caption" in self.options:
            add_caption(self, figure, self.options["caption"])
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]

    def _warn(self, message: str) -> None:
        warn(f"widget: {message}", MLBlogWarning.WIDGET, location=(self.env.docname, self.lineno))

    def _read_html(self) -> tuple[str, str] | None:
        """The widget's HTML and its path in the project."""
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        try:
            text = Path(absolute).read_text(encoding="utf-8-sig")  # a BOM is no markup
        except (OSError, UnicodeDecodeError) as exc:
            self._warn(
                f"cannot read {self.arguments[0]!r} ({exc.__class__.__name__}); the fallback is shown"
            )
            return None
        self.env.note_dependency(relative)
        return text, Path(relative).as_posix()

    def _height(self) -> str:
        height = checked_height(self.options.get("height", DEFAULT_HEIGHT))
        if height is None:
            self._warn(
                f":height: {self.options['height']!r} is not a length such as 360px or 50vh; using {DEFAULT_HEIGHT}"
            )
        return height or DEFAULT_HEIGHT

    def _copy_files(self) -> bool:
        """Record the ``:files:`` to copy (at the same place under ``_mlblog/widgets/`` as
        in the project); whether there are any."""
        copies = []
        for name in (f.strip() for f in self.options.get("files", "").split(",")):
            found = widget_file(self.env, name) if name else None
            if isinstance(found, str):
                self._warn(found)
            elif found is not None:
                copies.append(found)
        if copies:
            get_domain(self.env).data["widgets"].setdefault(self.env.docname, []).extend(copies)
        return bool(copies)


def widget_file(env: Any, name: str) -> tuple[str, str] | str:
    """``(source file, output path)`` of one of a widget's files, or why it is not copied."""
    found = project_file(env, name, env.docname)
    if found is None:
        return f"file {name!r} is outside the project; not copied"
    relative, source, in_project = found
    if source.suffix.lower() not in PASSIVE:
        kind = source.suffix or "file without extension"
        return f"file {name!r} is not copied: a {kind} could run as a page of the site (allowed: scripts, styles, data, images, fonts)"
    if not source.is_file():
        return f"file {name!r} not found"
    env.note_dependency(relative)
    return str(source), posixpath.join(OUT, in_project)


def copy_widgets(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy widget files and card images into the output (when newer);
    remove pages earlier versions wrote there (they ran with the site's origin)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    domain = get_domain(app.env)
    images = [
        (p.image_source, p.image_target)
        for p in domain.posts.values()
        if p.image_source and p.image_target
    ]
    for copies in [*domain.data["widgets"].values(), images]:
        for source, target in copies:
            dest = outdir / target
            src = Path(source)
            if src.is_file() and (
                not dest.exists() or dest.stat().st_mtime_ns < src.stat().st_mtime_ns
            ):
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
    widgets = outdir / OUT
    if widgets.is_dir():
        for old in widgets.rglob("*"):
            if old.is_file() and old.suffix.lower() not in PASSIVE:
                old.unlink()


def setup_widgets(app: Sphinx) -> None:
    other = (visit_widget_other, depart_widget_other)
    app.add_node(
        widget_node,
        html=(visit_widget_html, depart_widget_html),
        latex=other,
        text=other,
        man=other,
        texinfo=other,
    )
    app.add_directive("widget", WidgetDirective)
    app.connect("build-finished", copy_widgets)
