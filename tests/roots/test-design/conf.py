from importlib.metadata import version as _version

project = "Design Blog"
extensions = ["sphinx_mlblog"]
html_theme = "furo"
blog_title = "Design Blog"
blog_baseurl = "https://blog.example.org/"
exclude_patterns = ["_build", "parts"]
# components that sphinx-design has only since 0.8 (tests also run on the oldest supported release)
if tuple(int(part) for part in _version("sphinx-design").split(".")[:2]) < (0, 8):
    exclude_patterns.append("components-08.md")

# sphinx-mlblog's own addresses (blog/index, blog/year/<year>, ...)
blog_url_style = "mlblog"
