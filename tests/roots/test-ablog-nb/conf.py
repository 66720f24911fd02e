# An ablog site with notebook posts (myst-nb), found by blog_post_pattern, on
# pydata-sphinx-theme, as many research sites are set up.
project = "Notebook blog"
extensions = ["sphinx_mlblog", "myst_nb"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
nb_execution_mode = "off"
blog_path = "blog"
blog_title = "Notebook blog"
blog_baseurl = "https://nb.example/"
blog_post_pattern = "posts/*"
blog_feed_archives = True
blog_feed_fulltext = True
blog_authors = {"chris": ("Chris H", "https://example.org/chris")}
blog_default_author = "chris"
html_sidebars = {
    "blog": ["ablog/categories.html", "ablog/tagcloud.html", "ablog/archives.html"],
    "blog/**": ["ablog/postcard.html", "ablog/recentposts.html", "ablog/archives.html"],
}
