"""URL slugs of post titles and archive keys (tags, categories, authors, ...)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def slugify(text: str) -> str:
    """ASCII slug for URLs: ``"Speculative Decoding!"`` -> ``"speculative-decoding"``."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text.lower())
    slug = re.sub(r"[-_\s]+", "-", text).strip("-")
    return slug or "untitled"


@lru_cache(maxsize=4096)  # pure, and asked for every tag of every listed post
def key_slug(key: str) -> str:
    """The slug of an archive key; never ``index``, which names the overview page."""
    slug = slugify(key)
    return f"{slug}-" if slug == "index" else slug
