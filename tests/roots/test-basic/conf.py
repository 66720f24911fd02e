project = "Test Blog"
extensions = ["sphinx_mlblog"]
html_theme = "furo"
blog_title = "Test Blog"
blog_baseurl = "https://blog.example.org/"
blog_authors = {"ada": ("Ada Lovelace", "https://example.org/ada"), "alan": ("Alan Turing", None)}
blog_posts_per_page = 2
blog_archive_posts_per_page = 2
exclude_patterns = ["_build"]
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
