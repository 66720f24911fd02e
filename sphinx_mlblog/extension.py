"""Wire every component into Sphinx: one ``setup_<component>(app)`` each."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .collect import setup_collect
from .collect.markdown import setup_markdown_scope
from .compat import answer_for
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
    take_ablogs_place(app)
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


#: the ablog release whose settings, directives, templates and addresses this one answers to
ABLOG_VERSION = "0.11.13"


def take_ablogs_place(app: Sphinx) -> None:
    """Answer for ablog in ``app.extensions``: a project's own extension that asks for it
    there (psutil's ``app.extensions["ablog"].parallel_read_safe = True``) or sets it up
    (``app.setup_extension("ablog")``), or ``needs_extensions = {"ablog": "0.11"}``, finds
    the blog instead of stopping the build."""
    import sphinx_mlblog

    answer_for(app, "ablog", sphinx_mlblog, ABLOG_VERSION)


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
