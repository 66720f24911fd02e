"""Wire every component into Sphinx: one ``setup_<component>(app)`` each."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from .collect import setup_collect
from .config import setup_config
from .publish import setup_publish
from .render import setup_render
from .theme import setup_theme
from .toolkit import setup_toolkit
from .toolkit.design import setup_design

#: MyST extensions posts need; enabled unless the user chose their own.
MYST_EXTENSIONS = ["dollarmath", "amsmath", "colon_fence", "deflist"]


def _myst_defaults(app: Sphinx, config: Config) -> None:
    if hasattr(config, "myst_enable_extensions") and not config.myst_enable_extensions:
        config.myst_enable_extensions = list(MYST_EXTENSIONS)


def setup_extension(app: Sphinx) -> None:
    user_extensions = set(app.config.extensions)
    app.setup_extension("myst_nb" if "myst_nb" in user_extensions else "myst_parser")
    setup_design(app)
    app.setup_extension("sphinxcontrib.mermaid")
    app.connect("config-inited", _myst_defaults, priority=100)
    setup_config(app)
    setup_theme(app)
    setup_collect(app)
    setup_render(app)
    setup_publish(app)
    setup_toolkit(app)
