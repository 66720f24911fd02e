"""How the blog looks: the package's templates (users override any of them through
``templates_path``), stylesheet and scripts, the vendored JavaScript, the message catalog,
and the offline copies of MathJax and Mermaid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..i18n import CATALOG
from ..util import has_feature, runs_page_scripts
from .assets import notebook_defaults, pathto_for_serializers, use_local_assets
from .furo import FuroMathIds

HERE = Path(__file__).parent
STATIC = HERE / "static"
# Mermaid, rough.js, floating-ui: served as _static/mlblog-vendor/ (MathJax: publish.mathjax)
VENDOR = HERE / "vendor"
TEMPLATES = HERE / "templates"
LOCALE = HERE / "locale"


def add_paths(app: Sphinx, config: Config) -> None:
    """``config-inited``: our templates and static files (after the user's, which win)."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if hasattr(config, "html_static_path") and str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def add_vendor_assets(app: Sphinx) -> None:
    """``builder-inited``: the vendored JavaScript, for builders whose pages can run it
    (not EPUB: its readers run no such scripts, and it would list the files as unknown)."""
    if runs_page_scripts(app.builder) and str(VENDOR) not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, str(VENDOR)]
    # hover previews, in mlblog.js: on every page (their data comes with the build,
    # publish.previews, and is loaded on first use)
    if previews_everywhere(app):
        app.add_js_file("mlblog.js", defer="defer")


def add_fontawesome(app: Sphinx, config: Config) -> None:
    """``config-inited``: the Font Awesome stylesheet ablog links when a site names one
    (``fontawesome_link_cdn``, or ``fontawesome_css_file`` in its static path), so the
    icons of ablog-style templates still show. ``fontawesome_link_cdn = True`` (which ablog
    takes as "icons on", and links as ``href="True"``) links nothing."""
    if isinstance(config.fontawesome_link_cdn, str) and config.fontawesome_link_cdn:
        app.add_css_file(config.fontawesome_link_cdn)
    elif config.fontawesome_css_file:
        app.add_css_file(config.fontawesome_css_file)


def previews_everywhere(app: Sphinx) -> bool:
    """Whether ``mlblog.js`` is on every page, for hover previews (builders writing a page
    per document that runs scripts)."""
    return bool(app.config.blog_previews) and runs_page_scripts(app.builder, False)


def add_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """``html-page-context``: without hover previews, ``mlblog.js`` (copy buttons) only on
    pages that have something to copy (annotated code, a post's "Cite this post" box);
    ``mlblog-filter.js`` on pages with a listing's filter."""
    body = context.get("body", "")
    copies = has_feature(doctree, "annotated-code") or "mlblog-copyable" in body
    if copies and not previews_everywhere(app):  # else it is on every page already
        app.add_js_file("mlblog.js", defer="defer", **{"data-previews": "off"})
    if 'class="mlblog-filter"' in body:
        app.add_js_file("mlblog-filter.js", defer="defer")


def setup_theme(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE))
    app.connect("config-inited", add_paths)
    app.connect("builder-inited", add_vendor_assets)
    app.connect("config-inited", use_local_assets)
    app.connect("html-page-context", pathto_for_serializers, priority=100)
    app.connect("config-inited", notebook_defaults)
    app.connect("config-inited", add_fontawesome)
    app.connect("html-page-context", add_page_script)
    app.add_css_file("mlblog.css")
    app.add_post_transform(FuroMathIds)
