"""What indexers of research read in a post's ``<head>``: Google Scholar's ``citation_*``
tags (Highwire Press names) and a schema.org ``BlogPosting`` as JSON-LD.

The tags come with ``blog_cite`` (and a post's ``cite``), the JSON-LD with
``blog_json_ld``; drafts get neither. A paper link (arXiv, paper, PDF,
OpenReview) is a ``citation`` of the post in the JSON-LD and, when it is a PDF, its
``citation_pdf_url``; code, data and weights are what the post ``isBasedOn``. The post's
paper links are not ``sameAs``: that would say the post *is* the paper.
"""

from __future__ import annotations

import json
from typing import Any

from ..model.archives import display_name
from ..model.links import PAPER_KINDS, PaperLink
from ..model.post import Post
from ..model.settings import BlogConfig
from ..util import absolute_url

_BASED_ON = {"code": "SoftwareSourceCode", "data": "Dataset", "weights": "CreativeWork"}


def scholar_meta(post: Post, config: BlogConfig, page_url: str) -> list[tuple[str, str]]:
    """``(name, content)`` of the post's ``citation_*`` meta tags."""
    pairs = [("citation_title", post.title)]
    pairs += [("citation_author", display_name("author", a, config)) for a in post.authors]
    if post.date:
        pairs.append(("citation_publication_date", post.date.strftime("%Y/%m/%d")))
    pairs.append(("citation_publisher", config.title))
    if page_url:
        pairs.append(("citation_public_url", post.canonical_link or page_url))
    pdf = _pdf_url(post.links)
    if pdf:
        pairs.append(("citation_pdf_url", pdf))
    arxiv = next((link.ident for link in post.links if link.kind == "arxiv"), "")
    if arxiv:
        pairs.append(("citation_arxiv_id", arxiv))
    return pairs


def _pdf_url(links: tuple[PaperLink, ...]) -> str:
    for link in links:
        if link.kind == "pdf" or link.kind == "paper" and link.url.lower().endswith(".pdf"):
            return link.url
    return ""


def json_ld(
    post: Post, config: BlogConfig, page_url: str, image: str | None, language: str | None
) -> dict[str, Any]:
    """The post as a schema.org ``BlogPosting``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "name": post.title,
    }
    if post.excerpt:
        data["description"] = post.excerpt
    if post.date:
        data["datePublished"] = post.date.isoformat()
        data["dateModified"] = (post.update or post.date).isoformat()
    if post.authors:
        data["author"] = [_person(key, config) for key in post.authors]
    if image:
        data["image"] = image
    if post.tags:
        data["keywords"] = list(post.tags)
    if language:
        data["inLanguage"] = language.replace("_", "-")
    if page_url:
        data["url"] = post.canonical_link or page_url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": page_url}
    blog: dict[str, Any] = {"@type": "Blog", "name": config.title}
    if config.baseurl:
        blog["url"] = absolute_url(config.baseurl, config.path + "/")
    data["isPartOf"] = blog
    citations = [_work("ScholarlyArticle", link) for link in post.links if link.kind in PAPER_KINDS]
    if citations:
        data["citation"] = citations
    based_on = [_work(_BASED_ON[link.kind], link) for link in post.links if link.kind in _BASED_ON]
    if based_on:
        data["isBasedOn"] = based_on
    return data


def _person(key: str, config: BlogConfig) -> dict[str, str]:
    person = {"@type": "Person", "name": display_name("author", key, config)}
    url = config.authors.get(key, ("", ""))[1]
    if url.startswith(("http://", "https://")):
        person["url"] = url
    return person


def _work(kind: str, link: PaperLink) -> dict[str, str]:
    work = {"@type": kind, "url": link.url}
    if link.ident:
        work["identifier"] = f"arXiv:{link.ident}"
    if link.label:
        work["name"] = link.label
    if kind == "SoftwareSourceCode":
        work["codeRepository"] = link.url
    return work


def json_ld_script(data: dict[str, Any]) -> str:
    """``data`` in a ``<script type="application/ld+json">``: ASCII JSON whose ``<``, ``>``
    and ``&`` are escapes, so no text of a post can end the script element."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
