# Postlists, a landing section and archive listings on a page other than the root: every
# builder (not only HTML) must resolve them, wherever they stand.
project = "Builders"
copyright = "2026"
version = "1"
extensions = ["sphinx_mlblog"]
html_theme = "alabaster"
blog_title = "Builders blog"
blog_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
latex_documents = [("index", "builders.tex", "Builders", "Ada", "manual")]
texinfo_documents = [("index", "builders", "Builders", "Ada", "builders", "A blog.", "Misc")]
man_pages = [("index", "builders", "Builders", ["Ada"], 1)]
linkcheck_ignore = [r"https?://.*"]

# sphinx-mlblog's own addresses (blog/index, blog/year/<year>, ...)
blog_url_style = "mlblog"
