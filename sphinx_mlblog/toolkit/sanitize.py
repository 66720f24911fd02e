"""An untrusted SVG made inert before it is inlined into a page.

1. The file is parsed as XML (defusedxml: no entities, no external references) and
   walked: only allowlisted SVG elements and attributes (:mod:`.svg_policy`) stay, with
   their names as the HTML parser will see them; URLs may only point within the drawing
   (``#id``), links only to http(s) and mailto, images only to image ``data:`` URLs;
   CSS keeps only painting declarations (:mod:`.css`). What is removed is reported.
2. The result is serialised (every text and attribute escaped) and passed through nh3
   (the ammonia sanitiser, html5ever's parser: the browser's reading of HTML) with the
   same allowlists, so nothing the XML reading missed survives the HTML reading.

``trusted=True`` (``:trusted:``) skips both; theming (black to ``currentColor``, the
white background dropped) applies either way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from . import css
from .svg_policy import (
    ATTRIBUTES,
    EDITOR_NAMESPACES,
    ELEMENTS,
    IMAGE_DATA,
    LINK_SCHEMES,
    NAMESPACED,
    PRESENTATION,
    SVG_NS,
    TEXT_ONLY,
    XLINK_NS,
)

MAX_BYTES = 5_000_000
_DARK = {"#000", "#000000", "black", "#1e1e1e", "#111", "#111111", "#222", "#222222"}
_LIGHT_BG = {"#fff", "#ffffff", "white"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
#: What browsers ignore inside a URL (so ``java&#9;script:`` is ``javascript:``).
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


class UnsafeSVG(ValueError):
    """The file cannot be used at all (not SVG, not well-formed, too large, ...)."""


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def sanitize_svg(text: str, theme: bool = True, trusted: bool = False) -> tuple[str, list[str]]:
    """Clean SVG markup; return it and what was removed."""
    root = parse(text)
    removed: list[str] = []
    if not trusted:
        _clean(root, removed)
    if theme:
        _theme(root)
    if root.get("viewBox"):
        root.attrib.pop("width", None)
        root.attrib.pop("height", None)
    root.set("class", (root.get("class", "") + " mlblog-svg").strip())
    root.set("role", "img")
    svg = ET.tostring(root, encoding="unicode")
    return (svg if trusted else html_pass(svg)), removed


def parse(text: str) -> ET.Element:
    """The SVG's root element (UnsafeSVG when it is no usable SVG)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if len(text.encode("utf-8")) > MAX_BYTES:
        raise UnsafeSVG(f"the SVG is larger than {MAX_BYTES // 1_000_000} MB")
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    try:
        root = fromstring(
            text.lstrip("\ufeff"), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise UnsafeSVG("the SVG declares XML entities or external references") from None
    except ET.ParseError as exc:
        raise UnsafeSVG(f"not well-formed XML ({exc})") from None
    if _local(root.tag) != "svg" or _namespace(root.tag) not in (SVG_NS, ""):
        raise UnsafeSVG(f"the root element is <{_local(root.tag)}>, not <svg>")
    return root


def _clean(element: ET.Element, removed: list[str]) -> None:
    """Keep allowlisted children (recursively) and attributes of ``element``."""
    tag = _local(element.tag)
    _clean_attributes(element, tag, removed)
    if tag == "style":
        element.text, dropped = css.stylesheet(element.text or "")
        removed += dropped
    for child in list(element):
        child_tag = _local(child.tag)
        if (
            tag in TEXT_ONLY
            or child_tag not in ELEMENTS
            or _namespace(str(child.tag)) not in (SVG_NS, "")
        ):
            if not _editor_data(str(child.tag)):
                removed.append(f"<{child_tag}>")
            _remove_keeping_tail(element, child)
        else:
            _clean(child, removed)


def _editor_data(name: str) -> bool:
    """What editors keep for themselves (Inkscape's, Sodipodi's, Illustrator's and
    Sketch's namespaces, RDF metadata, draw.io's copy of the diagram): dropped without a
    word. Anything else that is removed is reported."""
    namespace = _namespace(name)
    if namespace:
        return (
            namespace.startswith(EDITOR_NAMESPACES)
            or _local(name) == "metadata"
            and namespace == SVG_NS
        )
    return name in ("metadata", "content")


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    tail = child.tail or ""
    index = list(parent).index(child)
    parent.remove(child)
    if tail:
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _clean_attributes(element: ET.Element, tag: str, removed: list[str]) -> None:
    for name in list(element.attrib):
        value = element.attrib.pop(name)
        local = NAMESPACED.get(name, name if not name.startswith("{") else "")
        if local not in ATTRIBUTES and local not in NAMESPACED.values():
            if not _editor_data(name):
                removed.append(f"{_local(name)}=…")
            continue
        kept = _attribute_value(tag, local, value)
        if kept is None:
            removed.append(f"{local}=…")
        elif isinstance(kept, tuple):
            if kept[0]:
                element.set(name, kept[0])
            removed += kept[1]
        else:
            element.set(name, kept)


def _attribute_value(tag: str, name: str, value: str) -> str | tuple[str, list[str]] | None:
    """The attribute's value if it may stay (None: the attribute goes)."""
    if name == "style":
        return css.declarations(value)
    if name in ("href", "xlink:href"):
        return value if safe_href(tag, value) else None
    if name == "target":
        return value if value in ("_blank", "_self") else None
    # presentation attributes take CSS values, url() among them; others are plain data
    return value if name not in PRESENTATION or css.safe_value(value) else None


def safe_href(tag: str, value: str) -> bool:
    """A reference within the document; on ``<a>``, also an http(s) or mailto link; on
    ``<image>``, also an image ``data:`` URL."""
    url = _URL_IGNORED.sub("", value)
    if url.startswith("#"):
        return True
    if tag == "image":
        return url.lower().startswith(IMAGE_DATA)
    if tag != "a":
        return False
    scheme = _SCHEME.match(url)
    return (
        scheme is None
        and not url.startswith(("//", "\\"))
        or scheme is not None
        and scheme[1].lower() in LINK_SCHEMES
    )


def html_pass(svg: str) -> str:
    """What remains once the browser's HTML parser reads it (nh3, the same allowlists)."""
    import nh3

    tags = set(ELEMENTS)
    attributes = {
        "*": set(ATTRIBUTES) | {"xlink:href", "xml:space", "xml:lang", "xmlns", "xmlns:xlink"}
    }
    return nh3.clean(
        svg, tags=tags, attributes=attributes, clean_content_tags={"script"}, strip_comments=True,
        link_rel=None, url_schemes=set(LINK_SCHEMES) | {"data"}, attribute_filter=_nh3_filter,
    )  # fmt: skip


def _nh3_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "xlink:href"):
        return value if safe_href(tag, value) else None
    if attribute == "target":
        return value if value in ("_blank", "_self") else None
    if attribute == "style":
        return css.declarations(value)[0] or None
    return value if attribute not in PRESENTATION or css.safe_value(value) else None


def _theme(root: ET.Element) -> None:
    """Black strokes and fills become ``currentColor``; a white background rectangle the
    size of the drawing (Excalidraw exports one) is dropped."""
    for element in root.iter():
        for name in ("stroke", "fill", "color"):
            if element.get(name, "").strip().lower() in _DARK:
                element.set(name, "currentColor")
        if (
            _local(element.tag) == "rect"
            and element.get("fill", "").lower() in _LIGHT_BG
            and _covers(element, root)
        ):
            element.set("fill", "none")
        if "style" in element.attrib:
            element.set("style", re.sub(
                r"(fill|stroke|color)\s*:\s*(#000000|#000|black|#1e1e1e)\b", r"\1: currentColor",
                element.get("style", ""), flags=re.I,
            ))  # fmt: skip


def _covers(rect: ET.Element, root: ET.Element) -> bool:
    """A background rectangle: at the origin, as wide as the drawing."""
    if rect.get("x", "0") not in ("0", "0.0") or rect.get("y", "0") not in ("0", "0.0"):
        return False
    box = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    widths = {root.get("width"), "100%", box[2] if len(box) == 4 else None} - {None}
    return rect.get("width") in widths
