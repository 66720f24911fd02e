"""Hostile titles, tags, authors and excerpts are escaped everywhere they appear.

Checked by parsing the output (HTML, XML, JSON), never by grepping.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import read_html

ROOT = "escape"
TITLE = "<script>alert('title')</script> & \"quotes\" 'single' — ünïcödé"
TAG = "<script>alert('tag')</script>"
AUTHOR = "Mallory <script>alert('author')</script> & \"Co\""
SUMMARY = "Summary <script>alert('summary')</script> & \"more\""


@pytest.fixture(scope="module")
def pages(site):
    out = Path(site.outdir)
    return {
        p.relative_to(out).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
        for p in out.rglob("*.html")
    }


def test_no_injected_elements_anywhere(pages):
    for name, soup in pages.items():
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data: it must parse, as JSON
                assert "</" not in script.string and json.loads(script.string), name
                continue
            assert "alert(" not in (script.string or ""), name
        for element in soup.find_all(True):
            for attr in element.attrs:
                assert not attr.lower().startswith("on"), (name, element.name, attr)
        assert not soup.find("img", src="x"), name


def test_json_ld_round_trips_hostile_strings(pages):
    (script,) = pages["posts/evil.html"].find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["headline"] == TITLE and data["keywords"][0] == TAG
    assert AUTHOR in [person["name"] for person in data["author"]]


def test_titles_round_trip_as_text(site, pages):
    landing = pages["index.html"]
    titles = [a.get_text() for a in landing.select(".mlblog-card-title a")]
    assert TITLE in titles
    post = pages["posts/evil.html"]
    assert TITLE in [m["content"] for m in post.find_all("meta", property="og:title")]
    assert post.find("title").get_text().startswith("Heading")  # the page's own heading
    assert TITLE in [a.get_text() for a in pages["posts/plain.html"].find_all("a")]  # post role
    assert TITLE in pages["blog/index.html"].get_text()


def test_tags_authors_series_round_trip(pages):
    post = pages["posts/evil.html"]
    header = post.select_one(".mlblog-post-header")
    assert TAG in [a.get_text() for a in header.select(".mlblog-tags a")]
    assert AUTHOR in header.get_text()
    assert "Series: Series <img src=x onerror=alert(1)> · part 1" in header.get_text()
    assert [m["content"] for m in post.find_all("meta", property="article:tag")] == [
        TAG,
        "a&b",
        '"quoted"',
        "ünï",
    ]
    sidebar = post.select_one(".mlblog-sidebar-tags")
    assert TAG in sidebar.get_text() and "a&b" in sidebar.get_text()
    assert AUTHOR in post.select_one(".mlblog-sidebar-postcard").get_text()
    tag_page = next(
        n
        for n, s in pages.items()
        if n.startswith("blog/tag/") and TAG in (s.find("h1").get_text() if s.find("h1") else "")
    )
    assert tag_page


def test_excerpt_and_postlist_options(pages):
    home = pages["index.html"]
    assert SUMMARY in home.select_one(".mlblog-postlist").get_text()
    assert "More <script>alert('expand')</script>" in [
        a.get_text() for a in home.select(".mlblog-expand a")
    ]
    assert f"by {AUTHOR}" in home.select_one(".mlblog-postlist").get_text()
    description = pages["posts/evil.html"].find("meta", attrs={"name": "description"})["content"]
    assert description == SUMMARY


def test_json_in_pages(pages):
    canvas = pages["posts/evil.html"].select_one(".mlblog-diagram-canvas")
    data = json.loads(canvas["data-diagram"])
    assert data["items"][0]["label"] == "</script><script>alert('diagram')</script>"
    assert data["items"][0]["note"] == '" onmouseover="alert(1)'


def test_feeds_round_trip(site):
    out = Path(site.outdir)
    feed = feedparser.parse((out / "blog/atom.xml").read_bytes())
    assert feed.bozo == 0
    assert feed.feed.title == 'Esc <b>&</b> "blog"'
    entry = next(e for e in feed.entries if e.link.endswith("posts/evil.html"))
    assert entry.title == TITLE
    assert entry.author == AUTHOR
    assert [t.term for t in entry.tags] == [TAG, "a&b", '"quoted"', "ünï"]
    assert entry.summary == SUMMARY
    data = json.loads((out / "blog/feed.json").read_text())
    assert data["items"][1]["title"] == TITLE or data["items"][0]["title"] == TITLE
    for path in out.rglob("*.xml"):
        assert feedparser.parse(path.read_bytes()).bozo == 0 or path.name == "sitemap.xml", path


def test_generated_page_titles(site):
    overview = read_html(site, "blog/series/index").get_text()
    assert "Series <img src=x onerror=alert(1)>" in overview


def test_addresses_from_front_matter_are_allowlisted(tmp_path):
    """``external_link`` and ``canonical_link`` must be ``http(s)`` URLs: a
    ``javascript:`` one is left out with a warning at its line (it was the post's link in
    every listing, sidebar and feed). A ``redirect`` never replaces a document's page nor
    leaves the output folder, and says so."""
    from conftest import build, warnings_of

    src = tmp_path / "site"
    files = {
        "conf.py": 'extensions = ["myst_parser", "sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n',
        "index.md": "# Home\n\n```{toctree}\n:glob:\nposts/*\n```\n",
        "posts/a.md": "---\nblogpost: true\ndate: 2024-06-01\nexternal_link: 'javascript:alert(7)'\n"
        "canonical_link: 'data:text/html,<script>alert(8)</script>'\n---\n# A\n\nBody.\n",
        "posts/b.rst": ".. post:: 2024-06-02\n   :redirect: index, posts/a, ../../escape, old/b\n\n"
        "B\n=\n\nBody.\n",
    }
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    app = build(src)
    warnings = warnings_of(app)
    assert "a.md:4: WARNING: invalid 'external_link'" in warnings
    assert "a.md:5: WARNING: invalid 'canonical_link'" in warnings
    for old, why in (("index", "the page 'index'"), ("posts/a", "the page 'posts/a'")):
        assert f"b.rst:2: WARNING: redirect {old!r} is the address of {why}" in warnings
    assert "redirect '../../escape' is outside the output folder" in warnings
    out = Path(app.outdir)
    for page in out.rglob("*"):
        if page.suffix in (".html", ".xml", ".json"):
            text = page.read_text(encoding="utf-8")
            assert "javascript:" not in text and "data:text/html" not in text, page
    assert "refresh" not in (out / "index.html").read_text()
    assert "refresh" not in (out / "posts/a.html").read_text()
    assert "url=../posts/b.html" in (out / "old/b.html").read_text()
    assert not (tmp_path / "escape.html").exists()


def test_a_post_image_is_a_project_file_or_an_http_url(tmp_path):
    """A post's ``image`` outside the project is not copied into the site (it was, for
    any path: a way to publish a file of the build machine); a ``javascript:`` one is
    left out; both warn at the line. An image of the project and an https URL stay."""
    from conftest import build, warnings_of

    (tmp_path / "secret.png").write_bytes(b"SECRET")
    src = tmp_path / "site"
    post = "---\nblogpost: true\ndate: 2024-06-0{}\nimage: '{}'\n---\n# {}\n\nBody.\n"
    files = {
        "conf.py": 'extensions = ["myst_parser", "sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n'
        "blog_social_cards = False\n",
        "index.md": "# Home\n\n```{toctree}\n:glob:\nposts/*\n```\n",
        "posts/a.md": post.format(1, "../../secret.png", "A"),
        "posts/b.md": post.format(2, "javascript://x%0aalert(1)", "B"),
        "posts/c.md": post.format(3, "/img/ok.png", "C"),
        "posts/d.md": post.format(4, "https://cdn.example/d.png", "D"),
    }
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    (src / "img").mkdir()
    (src / "img/ok.png").write_bytes(b"\x89PNG")
    app = build(src)
    warnings = warnings_of(app)
    assert "a.md:4: WARNING: post image '../../secret.png' is outside the project" in warnings
    assert "b.md:4: WARNING: post image left out" in warnings
    out = Path(app.outdir)
    copied = [p.name for p in (out / "_mlblog").rglob("*.png")]
    assert copied == ["ok.png"]
    images = {
        name: read_html(app, f"posts/{name}").find("meta", property="og:image") for name in "abcd"
    }
    assert images["a"] is None and images["b"] is None
    assert images["c"]["content"] == "https://e.org/_mlblog/images/img/ok.png"
    assert images["d"]["content"] == "https://cdn.example/d.png"


def test_postlist_list_style_is_a_list_style_type(tmp_path):
    """``:list-style:`` lands in a ``style`` attribute: only a list-style-type keyword or a
    quoted marker passes; anything else (a second declaration, ``url()``) warns and is
    left out (it was written into the attribute as given)."""
    from conftest import build, warnings_of

    src = tmp_path / "site"
    listing = '```{{postlist}}\n:list-style: {}\n:format: "{{title}}"\n```\n\n'
    files = {
        "conf.py": 'extensions = ["myst_parser", "sphinx_mlblog"]\n',
        "index.md": "# Home\n\n"
        + listing.format("disc;background:url(https://evil.example/t.png)")
        + listing.format("lower-roman")
        + listing.format("\"'→ '\"")
        + "```{toctree}\n:glob:\nposts/*\n```\n",
        "posts/a.md": "---\nblogpost: true\ndate: 2024-06-01\n---\n# A\n\nBody.\n",
    }
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    app = build(src)
    assert "index.md:3: WARNING: postlist: 'list-style' must be a CSS list-style-type" in (
        warnings_of(app)
    )
    styles = [ul.get("style") for ul in read_html(app, "index").select("ul.mlblog-postlist")]
    assert styles == [None, "list-style-type: lower-roman", "list-style-type: '→ '"]


def test_location_and_language_are_text_on_cards(pages):
    """A post's location and language, now beside its date on its cards, are escaped
    there like its other keys, and isolated from the text around them (bidi)."""
    card = next(
        card
        for card in pages["blog/index.html"].select(".mlblog-card")
        if card.select_one(".mlblog-locations")
    )
    location = card.select_one(".mlblog-locations a, .mlblog-locations span[dir]")
    language = card.select_one(".mlblog-languages a, .mlblog-languages span[dir]")
    assert location.get_text() == "<img src=x onerror=alert('loc')>"
    assert language.get_text() == "\u202e<script>alert('lang')</script>"
    assert location["dir"] == language["dir"] == "auto"
    assert not card.find("img", src="x") and not card.find("script")
