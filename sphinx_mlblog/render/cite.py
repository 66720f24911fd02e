"""The "Cite this post" box under a post: its BibTeX entry and plain-text citation."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from ..model.archives import display_name
from ..model.citation import Citable, bibtex, cite_key, plain_authors
from ..model.post import Post
from ..util import public_url


def citable(post: Post, config: Any, builder: Any) -> Citable:
    """What a citation of ``post`` shows; its URL is absolute when ``blog_baseurl`` is set."""
    url = public_url(config.baseurl, builder, post.docname)
    return Citable(
        title=post.title,
        authors=tuple(display_name("author", key, config) for key in post.authors),
        date=post.date,
        url=post.canonical_link or url,
        blog=config.title,
        slug=post.slug,
    )


def cite_context(post: Post, config: Any, builder: Any) -> dict[str, Any]:
    """``cite`` in ``mlblog/cite.html``: ``key``, ``bibtex``, ``text`` (the plain-text
    citation) and its parts ``authors``, ``year``, ``title``, ``blog``, ``url``."""
    entry = citable(post, config, builder)
    key = cite_key(entry, config.cite_key)
    authors = plain_authors(entry.authors, str(_("and")))
    year = str(entry.date.year) if entry.date else ""
    return {
        "key": key,
        "bibtex": bibtex(entry, key),
        "text": plain_citation(authors, year, entry),
        "authors": authors,
        "year": year,
        "title": entry.title,
        "blog": entry.blog,
        "url": entry.url,
    }


def plain_citation(authors: str, year: str, entry: Citable) -> str:
    """``Ada Lovelace (2024). Title. Blog. URL``, in the project's language."""
    if authors and year:
        text = _("%(authors)s (%(year)s). %(title)s. %(blog)s.")
    elif authors:
        text = _("%(authors)s. %(title)s. %(blog)s.")
    elif year:
        text = _("%(title)s (%(year)s). %(blog)s.")
    else:
        text = _("%(title)s. %(blog)s.")
    title = entry.title.rstrip(".")
    citation = str(text) % {"authors": authors, "year": year, "title": title, "blog": entry.blog}
    return f"{citation} {entry.url}" if entry.url else citation
