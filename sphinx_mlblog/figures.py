"""``svg-figure``: inline an SVG file (e.g. an Excalidraw export) as a themeable figure.

The SVG is sanitised: scripts, event handlers, ``javascript:`` links, external references
and entity declarations are removed, unless the author opts in with ``:trusted:``. With
``:theme:`` (the default), black strokes and fills become ``currentColor`` and white
backgrounds are dropped, so the drawing follows the text colour in light and dark mode.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .shared import add_caption
from .warnings_ import MLBlogWarning, warn

SVG_NS = "http://www.w3.org/2000/svg"
_DARK = {"#000", "#000000", "black", "#1e1e1e", "#111", "#111111", "#222", "#222222"}
_LIGHT_BG = {"#fff", "#ffffff", "white"}
_UNSAFE_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "handler", "listener"}
MAX_BYTES = 5_000_000


class UnsafeSVG(ValueError):
    pass


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sanitize_svg(text: str, theme: bool = True, trusted: bool = False) -> tuple[str, list[str]]:
    """Clean SVG markup; return it and what was removed."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise UnsafeSVG(f"the SVG is larger than {MAX_BYTES // 1_000_000} MB")
    if re.search(r"<!ENTITY", text, re.I):
        raise UnsafeSVG("the SVG declares XML entities")
    text = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", text, flags=re.I)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise UnsafeSVG(f"not well-formed XML ({exc})") from None
    if _local(root.tag) != "svg":
        raise UnsafeSVG(f"the root element is <{_local(root.tag)}>, not <svg>")
    removed: list[str] = []
    for parent in list(root.iter()):
        for child in list(parent):
            if not trusted and _local(child.tag) in _UNSAFE_TAGS:
                parent.remove(child)
                removed.append(f"<{_local(child.tag)}>")
    for element in root.iter():
        for name in list(element.attrib):
            value = element.attrib[name]
            local = _local(name)
            if not trusted and _unsafe_attr(_local(element.tag), local, value):
                del element.attrib[name]
                removed.append(f"{local}=…")
            elif theme and local in ("stroke", "fill", "color") and value.strip().lower() in _DARK:
                element.attrib[name] = "currentColor"
        if theme and _local(element.tag) == "rect" and element.get("fill", "").lower() in _LIGHT_BG and _covers(element, root):
            element.attrib["fill"] = "none"
        if theme and "style" in element.attrib:
            element.attrib["style"] = re.sub(
                r"(fill|stroke|color)\s*:\s*(#000000|#000|black|#1e1e1e)\b", r"\1: currentColor", element.attrib["style"], flags=re.I
            )
        if not trusted and _local(element.tag) == "style" and element.text and "@font-face" in element.text:
            # Excalidraw exports load their fonts from the web; the theme's fonts are used instead
            element.text = re.sub(r"@font-face\s*{[^}]*}", "", element.text)
            removed.append("@font-face")
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None) if root.get("viewBox") else None
    root.set("class", (root.get("class", "") + " mlblog-svg").strip())
    root.set("role", "img")
    return ET.tostring(root, encoding="unicode"), removed


def _unsafe_attr(tag: str, name: str, value: str) -> bool:
    """Event handlers, script URLs, and references that would load from elsewhere."""
    value = value.strip().lower()
    if name.lower().startswith("on"):
        return True
    if name == "href":
        if value.startswith(("javascript:", "vbscript:")) or (value.startswith("data:") and not value.startswith("data:image/")):
            return True
        return tag != "a" and value.startswith(("http:", "https:", "//"))
    return False


def _covers(rect: ET.Element, root: ET.Element) -> bool:
    """A background rectangle (Excalidraw exports one, white, the size of the drawing)."""
    return rect.get("x", "0") in ("0", "0.0") and rect.get("y", "0") in ("0", "0.0") and rect.get("width") in (
        root.get("width"), "100%", (root.get("viewBox") or "0 0 0 0").split()[2:3][0] if root.get("viewBox") else None,
    )


class SvgFigureDirective(SphinxDirective):
    """``svg-figure`` path: the SVG inline in a ``<figure class="diagram">`` with a caption."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "alt": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
        "width": directives.unchanged,
        "theme": directives.unchanged,  # "false" keeps the file's own colours
        "trusted": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        location = (self.env.docname, self.lineno)
        self.env.note_dependency(relative)
        try:
            text = Path(absolute).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            warn(f"svg-figure: cannot read {self.arguments[0]!r} ({exc.__class__.__name__})", MLBlogWarning.SVG, location=location)
            return []
        theme = self.options.get("theme", "true").strip().lower() not in ("false", "no", "off", "0")
        try:
            svg, removed = sanitize_svg(text, theme=theme, trusted="trusted" in self.options)
        except UnsafeSVG as exc:
            warn(f"svg-figure: {self.arguments[0]!r} is not usable: {exc}", MLBlogWarning.SVG, location=location)
            return []
        if removed:
            warn(f"svg-figure: removed from {self.arguments[0]!r}: {', '.join(sorted(set(removed)))} (use :trusted: to keep them)",
                 MLBlogWarning.SVG, location=location)
        alt = self.options.get("alt", "")
        if alt:
            svg = svg.replace("<svg ", f'<svg aria-label="{_attr(alt)}" ', 1)
        style = f' style="max-width: {_attr(self.options["width"])}"' if "width" in self.options else ""
        figure = nodes.figure(classes=["diagram", "mlblog-svg-figure", *self.options.get("class", [])])
        figure += nodes.raw("", f'<div class="mlblog-svg"{style}>{svg}</div>', format="html")
        if self.content:
            add_caption(self, figure, "\n".join(self.content))
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]


def _attr(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def setup_figures(app) -> None:
    app.add_directive("svg-figure", SvgFigureDirective)
