project = "ML toolkit"
extensions = ["sphinx_mlblog", "myst_nb", "sphinxcontrib.bibtex"]
html_theme = "furo"
blog_baseurl = "https://ml.example.org/"
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build", "jupyter_execute"]
suppress_warnings = ["mystnb.unknown_mime_type"]

# sphinx-mlblog's own addresses (blog/index, blog/year/<year>, ...)
blog_url_style = "mlblog"
