"""Math as MathML, converted at build time (latex2mathml): excerpts on cards and in feeds,
full-text feeds, and (``blog_mathml = "pages"``) whole pages, so equations read without
JavaScript, in feed readers too.

The input is Sphinx's MathJax markup (``<span class="math ...">\\(...\\)</span>``,
``<div class="math ...">\\[...\\]</div>``). The converter's output is checked before it
is used: it must parse as XML, hold only MathML elements and attributes (an allowlist),
and leave no TeX command unconverted (latex2mathml passes unknown commands through as
text). Anything else keeps its TeX source, which MathJax still typesets on pages, and is
reported once per post.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from html import escape, unescape
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

_MATH = re.compile(
    r'<(?P<tag>span|div) class="math notranslate nohighlight"(?P<attrs>[^>]*)>(?P<inner>.*?)</(?P=tag)>',
    re.S,
)
_EQNO = re.compile(r'<span class="eqno">(?P<no>.*?)<a class="headerlink"[^>]*>.*?</a></span>', re.S)
_INLINE = re.compile(r"^\s*\\\((?P<tex>.*)\\\)\s*$", re.S)
_DISPLAY = re.compile(r"^\s*\\\[(?P<tex>.*)\\\]\s*$", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_NS = "{http://www.w3.org/1998/Math/MathML}"
#: MathML Core's elements, and the presentation attributes latex2mathml writes
ELEMENTS = frozenset(
    [
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msub",
        "msup",
        "msubsup",
        "munder",
        "mover",
        "munderover",
        "mfrac",
        "msqrt",
        "mroot",
        "mstyle",
        "mpadded",
        "mphantom",
        "menclose",
        "mtable",
        "mtr",
        "mtd",
        "mlabeledtr",
        "semantics",
        "annotation",
        "merror",
        "maligngroup",
        "malignmark",
        "mfenced",
    ]
)
ATTRIBUTES = frozenset(
    [
        "display",
        "displaystyle",
        "mathvariant",
        "stretchy",
        "fence",
        "separator",
        "lspace",
        "rspace",
        "minsize",
        "maxsize",
        "movablelimits",
        "largeop",
        "symmetric",
        "accent",
        "accentunder",
        "linethickness",
        "width",
        "height",
        "depth",
        "columnalign",
        "rowalign",
        "columnspacing",
        "rowspacing",
        "columnlines",
        "rowlines",
        "frame",
        "framespacing",
        "scriptlevel",
        "mathsize",
        "mathcolor",
        "mathbackground",
        "notation",
        "open",
        "close",
        "separators",
        "encoding",
        "xmlns",
        "form",
        "voffset",
        "align",
        "equalrows",
        "equalcolumns",
    ]
)
_COMMAND = re.compile(r"\\([A-Za-z]+)")  # a TeX command, its name
# TeX the converter does not know, as forms it knows that mean the same
_SAME = (
    (re.compile(r"\\arg(?![A-Za-z])"), r"\\operatorname{arg}"),
    (re.compile(r"\\(begin|end)\{(aligned)\}"), r"\\\1{align*}"),
)


@lru_cache(maxsize=1)
def converter_available() -> bool:
    """Whether latex2mathml (a dependency) can be imported."""
    try:
        import latex2mathml.converter  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=4096)
def tex_to_mathml(tex: str, display: bool) -> str | None:
    """MathML for ``tex``, or None when it cannot be converted faithfully."""
    from latex2mathml.converter import convert

    if not _balanced(tex):
        return None
    for pattern, same in _SAME:
        tex = pattern.sub(same, tex)
    try:
        mathml = convert(tex, display="block" if display else "inline")
    except Exception:  # the converter's own errors are many and undocumented
        return None
    try:  # defused: the output holds the author's text (\\text{...})
        root = defused_fromstring(mathml)
    except (ParseError, DefusedXmlException):
        return None
    for element in root.iter():
        name = element.tag.removeprefix(_NS)
        if name not in ELEMENTS or not set(element.attrib) <= ATTRIBUTES:
            return None
        if element.text and _COMMAND.search(element.text):
            return None
    return mathml


def _balanced(tex: str) -> bool:
    depth = 0
    escaped = False
    for ch in tex:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def html_with_mathml(
    html: str, failed: Callable[[str], None] | None = None, macros: dict | None = None
) -> str:
    """``html`` with each of Sphinx's math elements as MathML (a display equation's
    number and id kept; ``macros``: MathJax's, expanded first); ``failed(tex)`` for each
    that keeps its TeX."""
    if 'class="math notranslate' not in html:
        return html

    def replace(match: re.Match) -> str:
        inner, display = match["inner"], match["tag"] == "div"
        number = _EQNO.search(inner)
        body = _EQNO.sub("", inner) if number else inner
        found = (_DISPLAY if display else _INLINE).match(body)
        tex = unescape(found["tex"]).strip() if found else None
        mathml = (
            tex_to_mathml(expand_macros(tex, macros or {}), display) if tex is not None else None
        )
        if mathml is None:
            if failed is not None and tex is not None:
                failed(tex)
            return match.group(0)
        if not display:
            return mathml
        ident = _ID.search(match["attrs"])
        attrs = f' id="{escape(unescape(ident.group(1)))}"' if ident else ""
        eqno = f'<span class="eqno">{number["no"]}</span>' if number else ""
        return f'<div class="mlblog-mathml"{attrs}>{eqno}{mathml}</div>'

    return _MATH.sub(replace, html)


def expand_macros(tex: str, macros: dict[str, object]) -> str:
    """``tex`` with MathJax's ``tex.macros`` (``mathjax3_config``/``mathjax4_config``)
    expanded: ``{"R": r"\\mathbb{R}"}`` and ``{"vec": [r"\\mathbf{#1}", 1]}``."""
    if not macros or "\\" not in tex:
        return tex
    for _round in range(10):  # macros may use macros
        expanded = _expand_once(tex, macros)
        if expanded == tex:
            break
        tex = expanded
    return tex


def _expand_once(tex: str, macros: dict[str, object]) -> str:
    out, i = [], 0
    while i < len(tex):
        match = _COMMAND.match(tex, i)
        if not match or match.group(1) not in macros:
            out.append(tex[i : match.end() if match else i + 1])
            i = match.end() if match else i + 1
            continue
        body, count = _macro(macros[match.group(1)])
        i = match.end()
        args = []
        for _ in range(count):
            arg, i = _group(tex, i)
            args.append(arg)
        for number, arg in enumerate(args, 1):
            body = body.replace(f"#{number}", arg)
        out.append(body)
    return "".join(out)


def _macro(value: object) -> tuple[str, int]:
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], str):
        count = value[1] if len(value) > 1 and isinstance(value[1], int) else 0
        return value[0], max(0, min(count, 9))
    return (value if isinstance(value, str) else ""), 0


def _group(tex: str, i: int) -> tuple[str, int]:
    """The argument at ``tex[i:]``: a braced group's content, or one character."""
    while i < len(tex) and tex[i].isspace():
        i += 1
    if i >= len(tex):
        return "", i
    if tex[i] != "{":
        return tex[i], i + 1
    depth, start = 0, i
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        i += 1
        if depth == 0:
            return tex[start + 1 : i - 1], i
    return tex[start + 1 :], i
