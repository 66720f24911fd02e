"""What a built blog publishes besides its pages: feeds, head metadata (OpenGraph,
Twitter cards, feed autodiscovery), the sitemap, redirect pages, social card images, ``llms.txt``
with Markdown copies of the posts, the data of hover previews, and MathJax where pages show math."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import cards, feedwriter, llms, mathjax, meta, previews, redirects, sitemap


def setup_publish(app: Sphinx) -> None:
    app.connect("config-inited", meta.default_html_baseurl)
    app.connect("html-page-context", meta.page_metadata)
    app.connect("html-page-context", llms.write_post_copy)
    app.connect("build-finished", feedwriter.write_feeds)
    app.connect("build-finished", sitemap.write_sitemap)
    app.connect("build-finished", redirects.write_redirects)
    app.connect("build-finished", previews.write_previews)
    app.connect("build-finished", cards.write_cards)
    app.connect("build-finished", llms.write_llms)
    app.connect("doctree-read", mathjax.note_math)
    app.connect("build-finished", mathjax.copy_mathjax)
