"""Mermaid diagrams (sphinxcontrib-mermaid) in LaTeX, Texinfo, man and text output: their
source, where the mermaid-cli command that would draw them is not installed (instead of a
warning and nothing)."""

from __future__ import annotations

import shlex
import shutil
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..compat import mermaid_sources


def _can_draw(config: Any) -> bool:
    command = getattr(config, "mermaid_cmd", "mmdc")
    args = shlex.split(command) if isinstance(command, str) else list(command or [])
    return bool(args) and shutil.which(args[0]) is not None


def sources_without_mermaid_cli(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: non-HTML builders show a diagram's source when mmdc is missing."""
    if getattr(app.builder, "format", "") == "html" or _can_draw(app.config):
        return
    for node, code in mermaid_sources(doctree):
        node.replace_self(nodes.literal_block(code, code, classes=["mermaid-source"]))


def setup_mermaid(app: Sphinx) -> None:
    app.connect("doctree-resolved", sources_without_mermaid_cli)
