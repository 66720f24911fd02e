"""The MathJax shipped in the package, copied only into builds whose pages show math.

Sphinx loads MathJax only on pages with math, but a static folder is copied whole into
every build: a blog without math got MathJax's 194 files (4.9 MB) it never loads. Each
document whose doctree holds math is noted in the blog domain while it is read (so
incremental and parallel builds know every page's, not only the ones read this build),
and at ``build-finished`` the MathJax files are copied when any document shows math, when
MathJax is on every page (``app.set_html_assets_policy("always")``), or when Sphinx
< 8.2 loads it on a page (its math domain's ``has_equations``: every page with a listing).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset

from ..collect.domain import get_domain
from ..compat import html_assets_everywhere, math_domain_marks_pages
from ..util import MATHJAX, MATHJAX_FILES, runs_page_scripts


def note_math(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: whether the document holds math (inline or display)."""
    shows = next(doctree.findall(nodes.math), None) is not None or (
        next(doctree.findall(nodes.math_block), None) is not None
    )
    table = get_domain(app.env).data["math"]
    if shows:
        table[app.env.docname] = True
    else:
        table.pop(app.env.docname, None)


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: MathJax into ``_static`` when the site's pages may load it."""
    if exception is not None or not runs_page_scripts(app.builder):
        return
    if getattr(app.config, "mathjax_path", None) != MATHJAX:
        return  # the project's own MathJax, or a CDN's
    if not (
        get_domain(app.env).data["math"]
        or html_assets_everywhere(app)
        or math_domain_marks_pages(app.env)
    ):
        return
    copy_asset(MATHJAX_FILES, str(Path(app.outdir) / "_static"))
