"""Configuration of the sphinx-mlblog documentation -- itself a blog built with it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-mlblog"
author = "sphinx-mlblog developers"
copyright = "2026, sphinx-mlblog developers"

extensions = ["sphinx_mlblog", "myst_nb", "sphinxcontrib.bibtex", "mlblog_docs"]
bibtex_bibfiles = ["refs.bib"]
nb_execution_mode = "off"  # notebook posts show their stored outputs
exclude_patterns = ["_build"]

html_theme = "furo"
html_title = "sphinx-mlblog"
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "mlblog/recentposts.html",
        "mlblog/tagcloud.html",
        "sidebar/scroll-end.html",
    ]
}

# the blog
blog_title = "sphinx-mlblog news"
blog_baseurl = "https://sphinx-mlblog.readthedocs.io/en/latest/"
blog_post_pattern = ["posts/*/*"]
blog_authors = {"team": ("The sphinx-mlblog team", "https://github.com/")}
blog_default_author = "team"
blog_feed_fulltext = True
blog_feed_subtitle = "Releases and notes from the sphinx-mlblog project"
blog_series = {"attention-from-scratch": "Attention from scratch"}
