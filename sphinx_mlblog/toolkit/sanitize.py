"""Cleaning an SVG file before it is inlined into a page: scripts, event handlers,
``javascript:`` links, external references and entity declarations are removed (unless
the author trusts the file), and with theming, black strokes and fills follow the text
colour."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

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
    root = _parse(text)
    removed: list[str] = []
    for parent in list(root.iter()):
        for child in list(parent):
            if not trusted and _local(child.tag) in _UNSAFE_TAGS:
                parent.remove(child)
                removed.append(f"<{_local(child.tag)}>")
    for element in root.iter():
        _clean_element(element, root, theme, trusted, removed)
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None) if root.get("viewBox") else None
    root.set("class", (root.get("class", "") + " mlblog-svg").strip())
    root.set("role", "img")
    return ET.tostring(root, encoding="unicode"), removed


def _parse(text: str) -> ET.Element:
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
    return root


def _clean_element(
    element: ET.Element, root: ET.Element, theme: bool, trusted: bool, removed: list[str]
) -> None:
    for name in list(element.attrib):
        value = element.attrib[name]
        local = _local(name)
        if not trusted and _unsafe_attr(_local(element.tag), local, value):
            del element.attrib[name]
            removed.append(f"{local}=…")
        elif theme and local in ("stroke", "fill", "color") and value.strip().lower() in _DARK:
            element.attrib[name] = "currentColor"
    if (
        theme
        and _local(element.tag) == "rect"
        and element.get("fill", "").lower() in _LIGHT_BG
        and _covers(element, root)
    ):
        element.attrib["fill"] = "none"
    if theme and "style" in element.attrib:
        element.attrib["style"] = re.sub(
            r"(fill|stroke|color)\s*:\s*(#000000|#000|black|#1e1e1e)\b",
            r"\1: currentColor",
            element.attrib["style"],
            flags=re.I,
        )
    if (
        not trusted
        and _local(element.tag) == "style"
        and element.text
        and "@font-face" in element.text
    ):
        # Excalidraw exports load their fonts from the web; the theme's fonts are used instead
        element.text = re.sub(r"@font-face\s*{[^}]*}", "", element.text)
        removed.append("@font-face")


def _unsafe_attr(tag: str, name: str, value: str) -> bool:
    """Event handlers, script URLs, and references that would load from elsewhere."""
    value = value.strip().lower()
    if name.lower().startswith("on"):
        return True
    if name == "href":
        if value.startswith(("javascript:", "vbscript:")) or (
            value.startswith("data:") and not value.startswith("data:image/")
        ):
            return True
        return tag != "a" and value.startswith(("http:", "https:", "//"))
    return False


def _covers(rect: ET.Element, root: ET.Element) -> bool:
    """A background rectangle (Excalidraw exports one, white, the size of the drawing)."""
    return (
        rect.get("x", "0") in ("0", "0.0")
        and rect.get("y", "0") in ("0", "0.0")
        and rect.get("width")
        in (
            root.get("width"),
            "100%",
            (root.get("viewBox") or "0 0 0 0").split()[2:3][0] if root.get("viewBox") else None,
        )
    )
