"""Warning subtypes and the one helper that emits them with a location."""

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
    AUTHOR = "author"
    SERIES = "series"
    POSTLIST = "postlist"
    REF = "ref"
    DIAGRAM = "diagram"
    SVG = "svg"
    FEED = "feed"
    ARCHIVE = "archive"
    WIDGET = "widget"
    ANNOTATION = "annotation"


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


def content_line(directive: Any, line: int) -> int:
    """Source line of the ``line``-th (1-based) line of a directive's content.

    docutils gives ``content_offset`` as the absolute (0-based) line of the content;
    MyST gives the number of lines between the directive line and its content.
    """
    if type(directive.state).__module__.startswith("myst_parser"):
        return directive.lineno + directive.content_offset + line
    return directive.content_offset + line
