"""Reading the blog: the pre-read scan and the archive stubs it plans, the directives and
roles posts are written with, and the collector that turns each read document into
:class:`~sphinx_mlblog.model.post.Post` data in the :class:`~.domain.BlogDomain`."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from ..ablog_site import ablog_signs
from . import collector, reconcile, stubs
from .directives import ArchiveDirective, PostDirective, UpdateDirective
from .docinfo import EmptyFieldWarningOut
from .domain import BlogDomain
from .drafts import setup_drafts
from .endings import AllowTrailingTransition
from .labels import keep_generated_pages_unlabelled
from .nodes import ALL, VISITORS
from .postlist import LandingDirective, PostListDirective

#: MyST extensions posts need; enabled unless the user chose their own.
MYST_EXTENSIONS = ["dollarmath", "amsmath", "colon_fence", "deflist"]


def myst_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: the MyST extensions posts are written with, unless chosen, or
    unless the project was set up for ablog: its Markdown was written without them, and
    ``$``, ``:::`` or ``: `` in it stay the text they were."""
    if not hasattr(config, "myst_enable_extensions") or config.myst_enable_extensions:
        return
    if config.blog_url_style == "ablog" or ablog_signs(str(app.srcdir), config, str(app.confdir)):
        return
    config.myst_enable_extensions = list(MYST_EXTENSIONS)


def setup_collect(app: Sphinx) -> None:
    app.connect("config-inited", myst_defaults, priority=100)
    app.add_domain(BlogDomain)
    for node in ALL:
        app.add_node(node, **VISITORS)
    app.add_directive("post", PostDirective)
    app.add_directive("update", UpdateDirective)
    app.add_directive("postlist", PostListDirective)
    app.add_directive("blog-archive", ArchiveDirective)
    app.add_directive("blog-landing", LandingDirective)
    app.add_role("post", BlogDomain.roles["post"])
    app.add_transform(AllowTrailingTransition)
    app.add_transform(EmptyFieldWarningOut)
    app.connect("builder-inited", stubs.generate_pages)
    app.connect("builder-inited", keep_generated_pages_unlabelled)
    app.connect("doctree-read", collector.collect_post, priority=600)
    app.connect("env-check-consistency", collector.check_consistency)
    app.connect("env-updated", reconcile.reconcile, priority=300)
    setup_drafts(app)
