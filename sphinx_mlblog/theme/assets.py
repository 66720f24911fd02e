"""Offline-first assets: MathJax and Mermaid served from the copies shipped in the package;
notebook posts read (not executed) by default."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

VENDOR = "mlblog-vendor"
MATHJAX = f"{VENDOR}/mathjax/tex-chtml.js"
MERMAID = f"{VENDOR}/mermaid/mermaid.esm.min.mjs"


def use_local_assets(app: Sphinx, config: Config) -> None:
    """``config-inited``: point MathJax and Mermaid at the local copies.

    Only values the user left at their defaults are changed; ``blog_offline_assets =
    False`` keeps the CDN defaults of Sphinx and sphinxcontrib-mermaid.
    """
    if not config.blog_offline_assets:
        return
    from sphinx.ext.mathjax import MATHJAX_URL

    if getattr(config, "mathjax_path", None) in (None, "", MATHJAX_URL):
        config.mathjax_path = MATHJAX
    if hasattr(config, "mermaid_use_local") and not config.mermaid_use_local:
        config.mermaid_use_local = MERMAID


def notebook_defaults(app: Sphinx, config: Config) -> None:
    """Notebook posts: not executed unless ``blog_execute_notebooks``; metadata as front matter."""
    if (
        hasattr(config, "nb_execution_mode")
        and not config.blog_execute_notebooks
        and config.nb_execution_mode == "auto"
    ):
        config.nb_execution_mode = "off"
    # a notebook's own metadata (blogpost, date, tags, ...) is its front matter
    if hasattr(config, "nb_metadata_to_fm") and not config.nb_metadata_to_fm:
        config.nb_metadata_to_fm = True
