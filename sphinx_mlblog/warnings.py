"""Warning subtypes, and the one helper that logs them with a location.

Every warning is logged as ``type="mlblog"`` with one of these subtypes, so Sphinx prints
it as ``[mlblog.<subtype>]`` and users can silence it with ``suppress_warnings``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_mlblog")


class MLBlogWarning(str, Enum):
    """Warning subtypes; silence one with ``suppress_warnings = ["mlblog.<value>"]``."""

    CONFIG = "config"
    FRONTMATTER = "frontmatter"
    DATE = "date"
    DUPLICATE = "duplicate"
    SERIES = "series"
    POSTLIST = "postlist"
    REF = "ref"
    DIAGRAM = "diagram"
    SVG = "svg"
    FEED = "feed"
    ARCHIVE = "archive"
    WIDGET = "widget"
    ANNOTATION = "annotation"
    LINKS = "links"
    MATH = "math"
    CARDS = "cards"
    ABLOG = "ablog"
    EXCERPT = "excerpt"


def warn(
    msg: str,
    subtype: MLBlogWarning,
    location: Any = None,
    **kwargs: Any,
) -> None:
    """Log ``msg`` at ``location`` (docname, (docname, line) or node).

    Sphinx appends ``[mlblog.<subtype>]`` to the message.
    """
    logger.warning(
        msg,
        type="mlblog",
        subtype=subtype.value,
        location=location,
        **kwargs,
    )
