# A typical ablog site, after swapping "ablog" for "sphinx_mlblog".
project = "Ablog-style"
extensions = ["sphinx_mlblog"]
templates_path = ["_templates"]
html_theme = "alabaster"
html_static_path = ["_static"]
exclude_patterns = ["_build"]

blog_path = "blog"
blog_title = "Ablog-style blog"
blog_baseurl = "https://ablog.example/"
blog_authors = {"Ahmet": ("Ahmet Bakan", "https://example.org/ahmet")}
blog_default_author = "Ahmet"
blog_locations = {"Pittsburgh": ("Pittsburgh, PA", "https://example.org/pgh")}
blog_languages = {"en": ("English", None)}
blog_default_language = "en"
post_date_format = "%b %d, %Y"
post_date_format_short = "%b %d"
post_auto_excerpt = 1
post_auto_image = 1
post_redirect_refresh = 1
blog_feed_archives = True
blog_feed_fulltext = True
blog_feed_length = 10
blog_feed_titles = False
blog_archive_titles = False
disqus_shortname = "example"
disqus_pages = True
fontawesome_included = True
skip_injecting_base_ablog_templates = False
html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "ablog/authors.html",
        "searchbox.html",
    ]
}
