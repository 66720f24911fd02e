"""Math on the blog's pages: MathJax on pages whose listings show math (excerpts rendered
into a listing are raw HTML to Sphinx's writer, which so cannot see their math), and the
build-time MathML of :mod:`.mathml` where ``blog_mathml`` asks for it."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..collect.domain import get_domain
from ..util import has_feature, note_feature
from ..warnings import MLBlogWarning, warn
from .mathml import converter_available, html_with_mathml

#: How math looks in rendered excerpts (Sphinx's HTML writer).
MATH_MARK = 'class="math'

LISTED_MATH = "listed-math"


def note_listed_math(doctree: Any, html: str) -> None:
    """Mark the page when a listing rendered into it shows math."""
    if MATH_MARK in html:
        note_feature(doctree, LISTED_MATH)


def load_mathjax_for_listed_math(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """``html-page-context`` (before sphinx.ext.mathjax): say that the page has math
    (Sphinx < 8.2 asks the math domain instead: :func:`~sphinx_mlblog.compat.note_math_for_mathjax`)."""
    if has_feature(doctree, LISTED_MATH):
        context["has_maths_elements"] = True


def mathjax_macros(config: Any) -> dict[str, Any]:
    """The TeX macros of the project's MathJax configuration (``tex.macros``)."""
    for name in ("mathjax4_config", "mathjax3_config"):
        value = getattr(config, name, None)
        if isinstance(value, dict):
            macros = (value.get("tex") or {}).get("macros")
            if isinstance(macros, dict):
                return macros
    return {}


def math_lines(roots: Any) -> dict[str, int | None]:
    """The line of each TeX source among the math nodes under ``roots``."""
    lines: dict[str, int | None] = {}
    for root in roots:
        if not isinstance(root, nodes.Node):
            continue
        for node in root.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
            lines.setdefault(node.astext().strip(), node.line)
    return lines


def with_mathml(app: Sphinx, html: str, docname: str, lines: dict[str, int | None]) -> str:
    """``html`` with its math as MathML; what cannot be converted warns (once per post
    and TeX source) at its line (``lines``: :func:`math_lines`) and keeps its TeX."""
    if 'class="math notranslate' not in html:
        return html
    warned = get_domain(app.env).runtime.setdefault("mathml-warned", set())
    if not converter_available():
        if "no converter" not in warned:
            warned.add("no converter")
            warn(
                "latex2mathml cannot be imported (reinstall sphinx-mlblog with its "
                "dependencies); math stays TeX",
                MLBlogWarning.MATH,
            )
        return html

    def failed(tex: str) -> None:
        if (docname, tex) in warned:
            return
        warned.add((docname, tex))
        shown = tex if len(tex) <= 60 else tex[:57] + "..."
        message = (
            f"math {shown!r} cannot be converted to MathML; it keeps its TeX source "
            "(set blog_mathml = 'off' to skip the conversion)"
        )
        ablog = get_domain(app.env).config.url_style == "ablog"  # never asked for MathML
        warn(message, MLBlogWarning.MATH, location=(docname, lines.get(tex)), note=ablog)

    return html_with_mathml(html, failed, mathjax_macros(app.config))


def page_mathml(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """``html-page-context`` (``blog_mathml = "pages"``, before sphinx.ext.mathjax): the
    page's math as MathML; a page with no TeX left loads no MathJax."""
    if get_domain(app.env).config.mathml != "pages" or "body" not in context:
        return
    context["body"] = with_mathml(app, context["body"], pagename, math_lines([doctree]))
    if 'class="math notranslate' not in context["body"]:
        context["has_maths_elements"] = False
