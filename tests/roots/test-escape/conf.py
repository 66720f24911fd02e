project = "Escape"
extensions = ["sphinx_mlblog"]
html_theme = "furo"
blog_title = 'Esc <b>&</b> "blog"'
blog_baseurl = "https://esc.example.org/"
blog_authors = {
    "evil": ("Mallory <script>alert('author')</script> & \"Co\"", 'https://example.org/?a=1&b="2"')
}
blog_feed_archives = True
blog_series = {"s1": "Series <img src=x onerror=alert(1)>"}
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "mlblog/recentposts.html",
        "mlblog/tagcloud.html",
        "mlblog/archives.html",
        "mlblog/categories.html",
        "mlblog/authors.html",
        "mlblog/postcard.html",
        "sidebar/scroll-end.html",
    ]
}
exclude_patterns = ["_build"]
smartquotes = False
