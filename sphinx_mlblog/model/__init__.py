"""The blog as plain data: posts, their front matter, related posts and archive planning.

Nothing here imports Sphinx or docutils; every other layer builds on these types.
"""
