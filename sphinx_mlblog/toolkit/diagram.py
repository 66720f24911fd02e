"""The ``diagram`` directive: a small JSON schema drawn as a hand-drawn SVG by rough.js.

The JSON is validated at build time (a bad diagram warns with file and line; the page
still builds). The page carries the JSON and a readable fallback (nested lists) that shows
without JavaScript; ``mlblog-diagram.js`` lays it out and draws it on load, in the theme's
colours, and redraws when the theme switches between light and dark.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..compat import content_line
from ..i18n import _, ngettext
from ..util import add_caption, has_feature, note_feature
from ..warnings import MLBlogWarning, warn
from .diagram_schema import validate

# -- the size of the drawing ---------------------------------------------------------
# The same constants and text-width estimate as static/mlblog-diagram.js: the page reserves
# the drawing's exact size before the script draws it, so nothing moves.
CELL_H, PAD, GAP, GROUP_PAD, LABEL_H, NOTE_H, MARGIN, ARC, CHAR_W = (
    40,
    14,
    48,
    18,
    22,
    20,
    12,
    40,
    8.5,
)


def _width(text: Any) -> float:
    return len(str(text)) * CHAR_W


def _flow(sizes: list[tuple[float, float]], direction: str, gap: float) -> tuple[float, float]:
    if not sizes:
        return 0.0, 0.0
    if direction == "row":
        return sum(w for w, _h in sizes) + gap * (len(sizes) - 1), max(h for _w, h in sizes)
    return max(w for w, _h in sizes), sum(h for _w, h in sizes) + gap * (len(sizes) - 1)


def _measure(item: dict) -> tuple[float, float]:
    kind = item.get("type", "box")
    note = NOTE_H if item.get("note") else 0
    if kind == "box":
        return max(56, _width(_label(item)) + 2 * PAD), CELL_H + note
    if kind in ("array", "stack"):
        head = LABEL_H if "label" in item else 0
        widths = [max(40, _width(_label(c)) + 2 * PAD) for c in item["cells"]]
        if kind == "array":
            width, height = sum(widths), CELL_H
        else:
            width, height = max(widths), CELL_H * len(widths)
        return max(width, _width(_label(item))), height + head + note
    inner = _flow(
        [_measure(child) for child in item["items"]], item.get("layout", "row"), GAP / 1.5
    )
    width = max(inner[0], _width(_label(item))) + 2 * GROUP_PAD
    return width, inner[1] + 2 * GROUP_PAD + (LABEL_H if "label" in item else 0) + note


def diagram_size(data: dict) -> tuple[float, float]:
    """Width and height (in SVG units) of a valid diagram's drawing."""
    width, height = _flow(
        [_measure(item) for item in data["items"]], data.get("layout", "row"), GAP
    )
    return width + 2 * MARGIN, height + 2 * MARGIN + (ARC if data.get("arrows") else 0)


# -- the readable fallback ------------------------------------------------------------
def _label(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("label", value.get("id", "")))
    return str(value)


def fallback_html(data: dict) -> str:
    """Nested lists describing the diagram, for readers without JavaScript."""

    def item(node: dict) -> str:
        kind = node.get("type", "box")
        head = escape(_label(node)) or escape(kind)
        out = f"<strong>{head}</strong>"
        if kind in ("array", "stack"):
            cells = " | ".join(escape(_label(c)) for c in node.get("cells", []))
            out += f" ({escape(kind)}): [ {cells} ]"
        if node.get("note"):
            out += f" — <em>{escape(str(node['note']))}</em>"
        if kind == "group":
            out += (
                "<ul>"
                + "".join(f"<li>{item(child)}</li>" for child in node.get("items", []))
                + "</ul>"
            )
        return out

    names: dict[str, str] = {}

    def collect(node: dict) -> None:
        if "id" in node:
            names[node["id"]] = _label(node) or node["id"]
        for cell in node.get("cells", []):
            if isinstance(cell, dict) and "id" in cell:
                names[cell["id"]] = _label(cell) or cell["id"]
        for child in node.get("items", []):
            collect(child)

    for node in data.get("items", []):
        collect(node)
    parts = ["<ul>" + "".join(f"<li>{item(n)}</li>" for n in data.get("items", [])) + "</ul>"]
    arrows = data.get("arrows", [])
    if arrows:
        rows = "".join(
            f"<li>{escape(names.get(a['from'], a['from']))} → {escape(names.get(a['to'], a['to']))}"
            + (f": {escape(str(a['label']))}" if a.get("label") else "")
            + "</li>"
            for a in arrows
        )
        parts.append(f'<ul class="mlblog-diagram-arrows">{rows}</ul>')
    return "".join(parts)


# -- the directive ---------------------------------------------------------------------
class diagram_node(nodes.General, nodes.Element):  # noqa: N801
    """The diagram's canvas and fallback; HTML builders draw it, others show the fallback text."""


def visit_diagram_html(self, node: diagram_node) -> None:
    data = json.dumps(node["data"], ensure_ascii=False, separators=(",", ":"))
    label = escape(node.get("alt") or str(_("Diagram")), quote=True)
    width, height = diagram_size(node["data"])
    # the box keeps the drawing's size from the start; without JavaScript it grows to
    # hold the text fallback instead
    style = f"aspect-ratio: {width:g} / {height:g}; max-width: {width:g}px"
    self.body.append(
        f'<div class="mlblog-diagram-canvas" role="img" aria-label="{label}" style="{style}" '
        f'data-diagram="{escape(data, quote=True)}"><noscript><div class="mlblog-diagram-fallback">'
        f"{fallback_html(node['data'])}</div></noscript></div>"
    )
    raise nodes.SkipNode


def visit_diagram_text(self, node: diagram_node) -> None:
    raise nodes.SkipNode


class DiagramDirective(SphinxDirective):
    """Hand-drawn diagram from JSON: boxes, arrays, stacks, groups, arrows and notes."""

    has_content = True
    option_spec = {
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "alt": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        location = (self.env.docname, self.lineno)
        source = "\n".join(self.content)
        try:
            data = json.loads(source)
        except json.JSONDecodeError as exc:
            line = content_line(self, exc.lineno) if self.content else self.lineno
            warn(
                f"diagram: invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                MLBlogWarning.DIAGRAM,
                location=(self.env.docname, line),
            )
            return [self._error_box(str(_("Invalid diagram: %(reason)s")) % {"reason": exc.msg})]
        problems = validate(data)
        if problems:
            for path, message in problems:
                warn(f"diagram: {path}: {message}", MLBlogWarning.DIAGRAM, location=location)
            return [
                self._error_box(
                    str(
                        ngettext(
                            "Invalid diagram (%(count)d problem)",
                            "Invalid diagram (%(count)d problems)",
                            len(problems),
                        )
                    )
                    % {"count": len(problems)}
                )
            ]

        note_feature(self.state.document, "diagram")
        figure = nodes.figure(classes=["mlblog-diagram", *self.options.get("class", [])])
        figure += diagram_node(
            data=data,
            alt=self.options.get("alt") or self.options.get("caption") or data.get("title", ""),
        )
        if "caption" in self.options:
            add_caption(self, figure, self.options["caption"])
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]

    def _error_box(self, text: str) -> nodes.Node:
        box = nodes.container(classes=["mlblog-diagram-error"])
        box += nodes.paragraph("", text)
        box += nodes.literal_block("\n".join(self.content), "\n".join(self.content))
        return box


def setup_diagrams(app) -> None:
    text = (visit_diagram_text, None)
    app.add_node(
        diagram_node, html=(visit_diagram_html, None), latex=text, text=text, man=text, texinfo=text
    )
    app.add_directive("diagram", DiagramDirective)
    app.connect("html-page-context", add_diagram_js)


def add_diagram_js(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Load rough.js and the drawing script only on pages that have a diagram."""
    if has_feature(doctree, "diagram"):
        app.add_js_file("mlblog-vendor/roughjs/rough.js", defer="defer")
        app.add_js_file("mlblog-diagram.js", defer="defer")
