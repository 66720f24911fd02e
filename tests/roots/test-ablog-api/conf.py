# A site whose own templates use ablog's template API (as Read the Docs' blog theme does).
project = "Ablog API"
extensions = ["sphinx_mlblog"]
templates_path = ["_templates"]
html_theme = "alabaster"
exclude_patterns = ["_build"]
blog_path = "blog"
blog_title = "API blog"
blog_baseurl = "https://api.example/"
blog_authors = {"Ana": ("Ana Lima", "https://example.org/ana")}
blog_locations = {"LIS": ("Lisbon", "")}
blog_languages = {"pt": ("Portuguese", None)}
post_date_format = "%Y-%m-%d"
post_date_format_short = "%m-%d"
fontawesome_included = True
disqus_shortname = "apiblog"
html_sidebars = {
    "**": [
        "my-sidebar.html",
        "postcard.html",
        "ablog/postcard.html",
        "ablog/locations.html",
        "ablog/languages.html",
        "ablog/tagcloud.html",
    ]
}
