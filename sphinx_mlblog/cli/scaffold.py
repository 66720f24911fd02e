"""The files ``mlblog quickstart`` writes: a small blog that builds with no warnings."""

from __future__ import annotations

import datetime as dt
import json


def quickstart_files(title: str, author: str, baseurl: str, today: dt.date) -> dict[str, str]:
    """Relative path -> text of every file of a new blog."""
    year = today.year
    return {
        "conf.py": _conf(title, author, baseurl),
        "index.md": _index(title),
        f"posts/{year}/hello-world.md": _hello((today - dt.timedelta(days=1)).isoformat()),
        f"posts/{year}/a-hand-drawn-diagram.md": _diagram(today.isoformat()),
        ".gitignore": "_build/\n.venv/\n",
    }


def _conf(title: str, author: str, baseurl: str) -> str:
    conf = f'''"""Sphinx configuration of {title!s}."""

project = {json.dumps(title)}
author = {json.dumps(author)}

extensions = ["sphinx_mlblog"]
exclude_patterns = ["_build", ".venv"]

html_theme = "furo"
html_title = {json.dumps(title)}
html_sidebars = {{
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "mlblog/recentposts.html",
        "mlblog/tagcloud.html",
        "mlblog/archives.html",
        "sidebar/scroll-end.html",
    ]
}}

# the blog -- every setting: https://sphinx-mlblog.readthedocs.io/en/latest/reference/config.html
blog_title = {json.dumps(title)}
blog_baseurl = {json.dumps(baseurl)}  # e.g. "https://you.github.io/blog/": needed for feeds
blog_authors = {{"me": ({json.dumps(author)}, "")}}
blog_default_author = "me"
blog_url_style = "mlblog"  # sphinx-mlblog's addresses: blog/index, blog/year/<year>, ...
'''
    if not baseurl:
        conf += 'suppress_warnings = ["mlblog.feed"]  # remove once blog_baseurl is set\n'
    return conf


def _index(title: str) -> str:
    return f"""# {title}

Welcome! This blog is built with [Sphinx](https://www.sphinx-doc.org) and
[sphinx-mlblog](https://sphinx-mlblog.readthedocs.io).

```{{blog-landing}}
:featured: 2
:latest: 5
```

```{{toctree}}
:hidden:

blog/index
blog/archive
blog/tag/index
```
"""


def _hello(first: str) -> str:
    return f"""---
blogpost: true
date: {first}
tags: [notes, math]
category: notes
featured: true
---
# Hello, world

This is the first post. Its first paragraph is its excerpt in listings and feeds.

## Math

The softmax of a vector $z$ is $\\sigma(z)_i = e^{{z_i}} / \\sum_j e^{{z_j}}$, and

$$
\\mathcal{{L}}(\\theta) = -\\sum_{{i=1}}^n \\log p_\\theta(y_i \\mid x_i)
$$ (nll)

is the negative log-likelihood {{eq}}`nll`.

## Code

```python
import numpy as np

def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()
```
"""


def _diagram(today: str) -> str:
    return f"""---
blogpost: true
date: {today}
tags: [diagrams, notes]
category: notes
---
# A hand-drawn diagram

Diagrams are written as a little JSON and drawn by rough.js when the page loads.

```{{diagram}}
:caption: Decoding with a KV cache
{{
  "items": [
    {{"id": "q", "label": "query", "note": "new token"}},
    {{"type": "array", "label": "K cache", "cells": ["k1", "k2", {{"id": "k3", "label": "k3", "color": "blue"}}]}}
  ],
  "arrows": [{{"from": "q", "to": "k3", "label": "attends"}}]
}}
```

```{{annotated-code}} python
scores = q @ k.T / d ** 0.5  # <1>
weights = scores.softmax(-1)  # <2>
---
1. One score per key.
2. Normalised over the keys.
```

See also {{post}}`hello-world`.
"""
