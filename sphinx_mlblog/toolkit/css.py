"""CSS from an untrusted SVG, kept to declarations that only paint: allowed properties,
values that load nothing (``url(#id)`` within the document only), no at-rules
(``@import``, ``@font-face``), no escapes or comments that could hide any of these."""

from __future__ import annotations

import re

from .svg_policy import CSS_PROPERTIES

_LOCAL_URL = re.compile(r"""url\(\s*(['"]?)#[\w.:-]+\1\s*\)""", re.I)
#: What a value may not hold once local url(#id) references are set aside.
_FORBIDDEN = re.compile(
    r"url\(|image-set\(|expression\(|javascript:|@|\\|/\*|<|>|&|[\x00-\x1f\x7f]", re.I
)
_DECLARATION = re.compile(r"^\s*([a-zA-Z-]+)\s*:\s*(.*?)\s*(!important)?\s*$", re.S)
#: Selectors of a ``<style>`` rule: elements, classes, ids, combinators, simple pseudo-classes.
_SELECTOR = re.compile(r"^[\w\s.#*,:>+~()-]+$")


def safe_value(value: str) -> bool:
    """Whether a CSS (or presentation attribute) value loads and runs nothing."""
    return not _FORBIDDEN.search(_LOCAL_URL.sub("", value))


def declarations(text: str) -> tuple[str, list[str]]:
    """A ``style`` attribute's declarations that pass, and what was dropped."""
    kept: list[str] = []
    dropped: list[str] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        match = _DECLARATION.match(part)
        name = match[1].lower() if match else ""
        if match and name in CSS_PROPERTIES and safe_value(match[2]):
            kept.append(f"{name}: {match[2]}{' !important' if match[3] else ''}")
        else:
            dropped.append(f"style {name or part.strip()[:30]!r}")
    return "; ".join(kept), dropped


def stylesheet(text: str) -> tuple[str, list[str]]:
    """A ``<style>`` element's rules: plain selectors with declarations that pass; every
    at-rule (``@import``, ``@font-face``, ``@media``) and anything unreadable dropped."""
    if "/*" in text:
        text = re.sub(r"/\*.*?(\*/|$)", "", text, flags=re.S)
    rules: list[str] = []
    dropped: list[str] = []
    position = 0
    while position < len(text):
        brace = text.find("{", position)
        if brace < 0:
            if text[position:].strip():
                dropped.append("css text")
            break
        selector, end = text[position:brace].strip(), _block_end(text, brace)
        body = text[brace + 1 : end - 1]
        position = end
        if selector.startswith("@") or "{" in body or not _SELECTOR.match(selector):
            # web fonts (Excalidraw exports load theirs): the page's fonts are used, quietly
            if not selector.lower().startswith("@font-face"):
                dropped.append(f"css {selector.split()[0] if selector else 'rule'}")
            continue
        kept, lost = declarations(body)
        dropped += lost
        if kept:
            rules.append(f"{selector} {{ {kept} }}")
    return "\n".join(rules), dropped


def _block_end(text: str, brace: int) -> int:
    """The index after the ``}`` that closes the block opened at ``brace`` (nested blocks,
    as in ``@media``, are skipped whole)."""
    depth = 0
    for index in range(brace, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)
