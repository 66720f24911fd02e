"""An ablog site builds after swapping "ablog" for "sphinx_mlblog"."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from conftest import article, read_html, warnings_of

ROOT = "ablog"


def test_builds_without_warnings(site):
    assert warnings_of(site).strip() == ""


def test_postlist_with_ablog_options(site):
    listing = article(site, "index").select_one("ul.mlblog-postlist")
    items = [
        " ".join(li.select_one(".mlblog-item").get_text().split())
        for li in listing.find_all("li", recursive=False)
    ]
    assert items == [
        "First post (Apr 15, 2013)",
        "Second post (Jun 02, 2013)",
    ]  # :sort: oldest first
    assert "list-style-type: circle" in listing["style"]
    excerpts = [e.get_text(strip=True) for e in listing.select(".mlblog-excerpt")]
    assert excerpts == [
        "This paragraph is the excerpt.",
        "This is the post's own excerpt, given as the directive content.",
    ]


def test_post_directive_metadata(site):
    header = (
        article(site, "posts/first").select_one(".mlblog-post-header").get_text(" ", strip=True)
    )
    assert "Apr 15, 2013" in header and "Ahmet Bakan" in header and "python" in header
    assert (
        "This paragraph is the excerpt."
        not in article(site, "posts/second").select_one(".mlblog-post-header").get_text()
    )


@pytest.mark.parametrize(
    "page",
    ["blog/location/pittsburgh", "blog/language/en", "blog/category/software", "blog/author/ahmet"],
)
def test_ablog_archives(site, page):
    assert (Path(site.outdir) / f"{page}.html").exists()


def test_redirect_and_auto_image(site):
    redirect = (Path(site.outdir) / "old/first-post.html").read_text()
    assert 'content="1; url=../posts/first.html"' in redirect
    card_image = read_html(site, "blog/index").select_one("img.mlblog-card-image")
    assert card_image is not None and card_image["src"].endswith("_static/pic.png")


def test_ablog_sidebars_render(site):
    page = read_html(site, "posts/first")
    assert page.select_one(".mlblog-sidebar-postcard") and page.select_one(
        ".mlblog-sidebar-authors"
    )
    assert "Ahmet Bakan" in page.select_one(".mlblog-sidebar-authors").get_text()


def test_feeds_with_ablog_settings(site):
    feed = feedparser.parse((Path(site.outdir) / "blog/atom.xml").read_bytes())
    assert feed.bozo == 0 and [e.title for e in feed.entries] == [
        "Third post, in Markdown",
        "Second post",
        "First post",
    ]
    assert (Path(site.outdir) / "blog/category/software/atom.xml").exists()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("post.md", "# T\n\n```{post} 2024-01-02\n:tags: a, b\n:category: c\n```\n\nBody\n"),
        (
            "post.md",
            "# T\n\n  :::{post} 2024-01-02  \r\n  :tags: a, b\r\n  :category: c\r\n  :::\r\n",
        ),
        ("post.rst", "T\n=\n\n.. post:: 2024-01-02\n   :tags: a, b\n   :category: c\n\nBody\n"),
    ],
)
def test_scan_finds_post_directive(tmp_path, name, text):
    """The pre-read scan (which plans archive pages) sees ablog's post directive and its options."""
    from sphinx_mlblog.collect.scan import extract

    path = tmp_path / name
    path.write_bytes(text.encode())
    raw, directive = extract(path)
    assert directive
    assert raw["date"] == "2024-01-02"
    assert raw["tags"].strip() == "a, b" and raw["category"].strip() == "c"


def test_scan_ignores_post_directive_in_other_text(tmp_path):
    from sphinx_mlblog.collect.scan import extract

    path = tmp_path / "p.md"
    path.write_text("# T\n\nWrite ```{post}``` to make a post.\n")
    assert extract(path) == ({}, False)
