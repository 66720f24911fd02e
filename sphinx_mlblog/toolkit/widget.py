"""``widget``: a post's own HTML/JS visualisation in a sandboxed iframe, with a fallback.

The HTML file (and any ``:files:`` it needs) is copied next to the built page under
``_mlblog/widgets/``. The iframe is sandboxed with ``allow-scripts`` only, so the widget
cannot reach the page, its cookies or its storage. The directive's content is the fallback
shown without JavaScript (and in feeds). A post with a widget is badged "Interactive".
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..collect.domain import get_domain
from ..i18n import _
from ..util import add_caption, note_feature
from ..warnings import MLBlogWarning, warn

OUT = "_mlblog/widgets"


class widget_node(nodes.General, nodes.Element):  # noqa: N801
    """The iframe; the fallback is its children."""


def visit_widget_html(self, node: widget_node) -> None:
    from sphinx.util.osutil import relative_uri

    url = escape(
        relative_uri(self.builder.get_target_uri(self.builder.current_docname), node["target"]),
        quote=True,
    )
    height = escape(node.get("height") or "400px", quote=True)
    title = escape(node.get("title") or str(_("Interactive figure")), quote=True)
    self.body.append(
        f'<div class="mlblog-widget-frame"><iframe class="mlblog-widget-iframe" src="{url}" title="{title}" '
        f'sandbox="allow-scripts" loading="lazy" referrerpolicy="no-referrer" style="height: {height}"></iframe></div>'
        '<noscript><div class="mlblog-widget-fallback">'
    )


def depart_widget_html(self, node: widget_node) -> None:
    self.body.append("</div></noscript>")


def visit_widget_other(self, node: widget_node) -> None:
    pass


def depart_widget_other(self, node: widget_node) -> None:
    pass


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
        docname = self.env.docname
        location = (docname, self.lineno)
        folder = docname.rsplit("/", 1)[0] if "/" in docname else ""
        names = [self.arguments[0]] + [
            f.strip() for f in self.options.get("files", "").split(",") if f.strip()
        ]
        copies = []
        for name in names:
            relative, absolute = self.env.relfn2path(name, docname)
            if not Path(absolute).is_file():
                warn(f"widget: file {name!r} not found", MLBlogWarning.WIDGET, location=location)
                continue
            self.env.note_dependency(relative)
            copies.append((absolute, f"{OUT}/{folder}/{name}".replace("//", "/")))
        note_feature(self.state.document, "interactive")
        figure = nodes.figure(classes=["mlblog-widget", "mlblog-interactive"])
        fallback = nodes.container(classes=["mlblog-widget-fallback-content"])
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, fallback)
        else:
            fallback += nodes.paragraph("", str(_("This interactive figure needs JavaScript.")))
        if copies and copies[0][1].endswith(Path(self.arguments[0]).name):
            get_domain(self.env).data["widgets"].setdefault(docname, []).extend(copies)
            figure += widget_node(
                "",
                fallback,
                target=copies[0][1],
                height=self.options.get("height"),
                title=self.options.get("title"),
            )
        else:
            figure += fallback
        if "caption" in self.options:
            add_caption(self, figure, self.options["caption"])
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]


def copy_widgets(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy widget files and card images into the output (when newer)."""
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
