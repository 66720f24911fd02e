project = "Design Blog"
extensions = ["sphinx_mlblog"]
html_theme = "furo"
blog_title = "Design Blog"
blog_baseurl = "https://blog.example.org/"
exclude_patterns = ["_build", "parts"]
