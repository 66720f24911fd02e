"""MathJax on pages whose listings show math: excerpts rendered into a listing are raw
HTML to Sphinx's writer, which so cannot see their math."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..util import has_feature, note_feature

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
