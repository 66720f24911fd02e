"""Wire every component into Sphinx."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from . import (
    assets,
    collector,
    directives,
    feeds,
    html,
    incremental,
    listings,
    meta,
    nodes,
    pages,
    redirects,
)
from .annotate import setup_annotate
from .config import setup_config
from .design import setup_design
from .diagrams import setup_diagrams
from .domain import BlogDomain
from .figures import setup_figures
from .notes import setup_notes
from .widgets import setup_widgets

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

    setup_config(app)
    app.connect("config-inited", _myst_defaults, priority=100)
    app.connect("config-inited", html.add_paths)

    app.add_domain(BlogDomain)
    for node in nodes.ALL:
        app.add_node(node)
    app.add_directive("post", directives.PostDirective)
    app.add_directive("postlist", directives.PostListDirective)
    app.add_directive("blog-archive", directives.ArchiveDirective)
    app.add_directive("blog-landing", directives.LandingDirective)
    app.add_role("post", BlogDomain.roles["post"])

    app.connect("builder-inited", pages.generate_pages)
    app.connect("builder-inited", html.add_vendor_assets)
    app.connect("doctree-read", collector.collect_post, priority=600)
    app.connect("env-updated", listings.render_excerpts, priority=400)
    app.connect("env-updated", incremental.outdated_pages)
    app.connect("env-get-outdated", incremental.missing_further_pages)
    app.connect("env-check-consistency", collector.check_consistency)
    app.connect("doctree-resolved", listings.resolve_listings)
    # after resolve_listings, which records the archive first pages written this build
    # (the last document may be one of them)
    app.connect("doctree-resolved", pages.render_further_pages_early, priority=900)
    app.connect("html-page-context", html.page_context)
    app.connect("html-page-context", listings.load_mathjax_for_listed_math, priority=400)
    app.connect("html-collect-pages", pages.collect_further_pages)
    app.connect("html-page-context", meta.page_metadata)
    app.connect("html-page-context", feeds.save_fragment)
    app.connect("config-inited", meta.default_html_baseurl)
    app.connect("build-finished", pages.stop_early_further_pages, priority=100)
    app.connect("build-finished", feeds.write_feeds)
    app.connect("build-finished", meta.write_sitemap)
    app.connect("build-finished", redirects.write_redirects)
    app.connect("config-inited", assets.use_local_assets)
    app.connect("config-inited", assets.notebook_defaults)
    app.add_css_file("mlblog.css")
    app.add_post_transform(html.FuroMathIds)

    setup_diagrams(app)
    setup_figures(app)
    setup_annotate(app)
    setup_notes(app)
    setup_widgets(app)
