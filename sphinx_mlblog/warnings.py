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
    note: bool = False,
    **kwargs: Any,
) -> None:
    """Log ``msg`` at ``location`` (docname, (docname, line) or node).

    Sphinx appends ``[mlblog.<subtype>]`` to the message. ``note``: only a note, for
    what a project set up for ablog never asked for and built without under ablog (its
    ``-W`` build must build): a social card's missing letters, TeX MathML cannot take,
    two tags ablog gave one page.
    """
    if note:
        logger.info(msg, location=location)
        return
    logger.warning(
        msg,
        type="mlblog",
        subtype=subtype.value,
        location=location,
        **kwargs,
    )
