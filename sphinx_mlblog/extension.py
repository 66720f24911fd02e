"""Wire every component into Sphinx: one ``setup_<component>(app)`` each."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .collect import setup_collect
from .collect.markdown import setup_markdown_scope
from .config import setup_config
from .publish import setup_publish
from .render import setup_render
from .theme import setup_theme
from .toolkit import setup_toolkit
from .toolkit.design import setup_design


def setup_extension(app: Sphinx) -> None:
    """The extensions posts are written with (MyST or myst-nb, sphinx-design, Mermaid),
    then each of the blog's components."""
    refuse_ablog_beside(app)
    setup_markdown_scope(app)  # before MyST is set up: whether the project asked for it
    app.setup_extension("myst_nb" if "myst_nb" in set(app.config.extensions) else "myst_parser")
    setup_design(app)
    app.setup_extension("sphinxcontrib.mermaid")
    setup_config(app)
    setup_theme(app)
    setup_collect(app)
    setup_render(app)
    setup_publish(app)
    setup_toolkit(app)


def refuse_ablog_beside(app: Sphinx) -> None:
    """sphinx-mlblog takes ablog's place: with both in ``extensions`` (a site that swapped
    the name in ``conf.py`` but not in a file it imports) one of them would fail on the
    other's settings with "Config value 'blog_path' already present"; say what to do."""
    if "ablog" in app.extensions or "ablog" in set(app.config.extensions):
        raise ExtensionError(
            "sphinx_mlblog replaces ablog and cannot be loaded beside it: remove "
            '"ablog" from extensions (conf.py, or a file it imports, lists both)',
            modname="sphinx_mlblog",
        )
