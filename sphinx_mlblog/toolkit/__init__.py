"""The writing toolkit for ML posts, each directive or role with its own ``setup_*``:
hand-drawn diagrams, inline SVG figures, annotated code, side and margin notes, sandboxed
widgets, Mermaid's source where it cannot be drawn, and sphinx-design (set up for every blog, kept to the pages that use it)."""

from __future__ import annotations

from sphinx.application import Sphinx

from .annotate import setup_annotate
from .diagram import setup_diagrams
from .mermaid import setup_mermaid
from .notes import setup_notes
from .svgfigure import setup_figures
from .widget import setup_widgets


def setup_toolkit(app: Sphinx) -> None:
    setup_diagrams(app)
    setup_figures(app)
    setup_annotate(app)
    setup_notes(app)
    setup_widgets(app)
    setup_mermaid(app)
