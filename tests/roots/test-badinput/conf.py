project = "Bad input"
extensions = ["sphinx_mlblog"]
blog_post_pattern = ["posts/*", "posts/*/*"]
blog_authors = {"ada": ("Ada Lovelace", None)}
blog_series = {"known": "A known series"}
blog_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
