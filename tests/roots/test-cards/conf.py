project = "Card Site"
extensions = ["sphinx_mlblog"]
html_theme = "alabaster"
blog_title = "Lab Notes"
blog_baseurl = "https://cards.example.org/"
exclude_patterns = ["_build"]

# sphinx-mlblog's own addresses (blog/index, blog/year/<year>, ...)
blog_url_style = "mlblog"
