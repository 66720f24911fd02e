project = "Research Blog"
extensions = ["sphinx_mlblog"]
html_theme = "furo"
blog_title = "Lab Notes"
blog_baseurl = "https://lab.example.org/"
blog_authors = {
    "ada": ("Ada Lovelace", "https://example.org/ada"),
    "alan": ("Alan Turing", None),
}
exclude_patterns = ["_build"]

# sphinx-mlblog's own addresses (blog/index, blog/year/<year>, ...)
blog_url_style = "mlblog"
