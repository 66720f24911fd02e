"""Feeds that validate, with exact round-trips; head metadata; sitemap."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import article, build, copy_root, read_html, warnings_of
from defusedxml import ElementTree

ROOT = "feeds"
TRICKY = "Tricky: AT&T <b>not bold</b> \"quotes\" 'single' — naïve"
BASE = "https://blog.example.org/sub/"


@pytest.fixture(scope="module")
def out(site) -> Path:
    return Path(site.outdir)


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml"])
def test_main_feed_is_valid_and_matches_listing(site, out, name):
    feed = feedparser.parse((out / "blog" / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    if name == "atom.xml":  # type="text": unambiguous, feedparser gives it back exactly
        titles = [e.title for e in feed.entries]
    else:  # RSS titles are plain text (RSS Best Practices); feedparser guesses HTML
        titles = [t.text for t in ElementTree.parse(out / "blog" / name).getroot().iter("title")][
            1:
        ]
    listing = [a.get_text() for a in article(site, "blog/index").select(".mlblog-card-title a")]
    assert titles == listing == [TRICKY, "The other post"]
    assert feed.feed.title == "Feeds & <Friends>" or name == "rss.xml"
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    assert feed.entries[0].link == BASE + "posts/tricky.html"


def test_atom_entry_details(out):
    feed = feedparser.parse((out / "blog/atom.xml").read_bytes())
    first, second = feed.entries
    assert [t.term for t in first.tags] == ["R&D", "<script>", "naïve bayes"]
    assert first.author == "Ada Lovelace"
    assert first.published == "2024-03-01T00:00:00+01:00"  # blog_timezone applied
    assert second.published == "2024-01-15T10:30:00+01:00"
    assert second.updated == "2024-02-01T00:00:00+01:00"
    assert first.summary == "Excerpt with & and <tags> and math $a<b$."  # math reads as TeX


def test_fulltext_content_has_absolute_links_and_readable_code(out):
    feed = feedparser.parse((out / "blog/atom.xml").read_bytes())
    content = feed.entries[0].content[0].value
    assert 'href="https://blog.example.org/sub/posts/other.html"' in content
    assert 'src="https://blog.example.org/sub/_images/fig.png"' in content
    assert "print" in content and "ok &amp; done" in content
    assert "mlblog-post-header" not in content and "headerlink" not in content
    # math as MathML, which feed readers show without MathJax
    math = BeautifulSoup(content, "html.parser").find("math")
    assert math["display"] == "inline" and math["xmlns"] == "http://www.w3.org/1998/Math/MathML"
    assert [(n.name, n.get_text()) for n in math.find_all(["mi", "mo"])] == [
        ("mi", "a"), ("mo", "<"), ("mi", "b"),
    ]  # fmt: skip
    assert "\\(" not in content


def test_drafts_and_future_posts_never_in_feeds(out):
    for path in out.rglob("*.xml"):
        text = path.read_text()
        assert "Secret draft" not in text and "From the future" not in text


def test_archive_feeds(out):
    feed = feedparser.parse((out / "blog/tag/rd/atom.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == [TRICKY, "The other post"]
    assert (out / "blog/tag/script/rss.xml").exists()
    assert (out / "blog/author/ada/atom.xml").exists()


def test_json_feed(out):
    import json

    data = json.loads((out / "blog/feed.json").read_text())
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in data["items"]] == [TRICKY, "The other post"]


def test_autodiscovery_and_visible_links(site):
    head = read_html(site, "index").head
    alternates = {link["type"]: link["href"] for link in head.find_all("link", rel="alternate")}
    assert alternates["application/atom+xml"] == BASE + "blog/atom.xml"
    assert alternates["application/rss+xml"] == BASE + "blog/rss.xml"
    visible = article(site, "blog/index").select(".mlblog-feeds a")
    assert [a["href"] for a in visible][:2] == [BASE + "blog/atom.xml", BASE + "blog/rss.xml"]


def test_opengraph_meta_is_escaped(site):
    head = read_html(site, "posts/tricky").head
    meta = {
        m.get("property") or m.get("name"): m["content"]
        for m in head.find_all("meta")
        if m.get("content")
    }
    assert meta["og:title"] == TRICKY
    assert meta["og:type"] == "article"
    assert meta["og:url"] == BASE + "posts/tricky.html"
    assert meta["article:published_time"] == "2024-03-01T00:00:00+01:00"  # blog_timezone
    assert meta["og:description"].startswith("Excerpt with & and <tags>")
    assert [m["content"] for m in head.find_all("meta", property="article:tag")] == [
        "R&D",
        "<script>",
        "naïve bayes",
    ]
    assert head.find("link", rel="canonical")["href"] == BASE + "posts/tricky.html"


def test_sitemap(out):
    tree = ElementTree.parse(out / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [u.findtext("s:loc", namespaces=ns) for u in tree.getroot()]
    assert BASE + "posts/tricky.html" in urls and BASE + "blog/index.html" in urls
    assert BASE + "posts/draft.html" not in urls


def test_feeds_are_stable_and_not_rewritten(tmp_path):
    src = copy_root(ROOT, tmp_path)
    app = build(src)
    atom = Path(app.outdir) / "blog/atom.xml"
    before = (atom.read_text(), atom.stat().st_mtime_ns)
    (src / "index.md").write_text((src / "index.md").read_text() + "\nMore text.\n")
    build(src)
    assert (atom.read_text(), atom.stat().st_mtime_ns) == before


def test_no_baseurl_one_clear_note_and_no_warning(tmp_path):
    """ablog skips feeds silently without ``blog_baseurl``: one note in the build's output,
    not a warning (sites moving from ablog with -W still build)."""
    src = copy_root(ROOT, tmp_path)
    app = build(src, confoverrides={"blog_baseurl": ""})
    assert "blog_baseurl is not set" not in warnings_of(app)
    assert app.status.getvalue().count("blog_baseurl is not set") == 1
    assert not (Path(app.outdir) / "blog/atom.xml").exists()


def test_og_image_of_a_post_without_an_image_is_its_social_card(site):
    head = read_html(site, "posts/tricky").head
    assert head.find("meta", property="og:image")["content"].startswith(BASE + "_images/social/")
    assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


@pytest.mark.parametrize(
    "base",
    [
        "https://example.org",
        "https://example.org/",
        "https://example.org/blog/",
        "https://example.org/a?b=1",
    ],
)
@pytest.mark.parametrize(
    "uri",
    [
        "posts/x.html",
        "posts/x/",
        "",
        "index.html",
        "../up.html",
        "a/./b.html",
        "a/../b.html",
        "/root.html",
        "#frag",
        "?q=1",
        "https://other.org/x",
        "mailto:a@b.c",
        ".hidden/x.html",
        "tag/c%2B%2B.html",
    ],
)
def test_absolute_url_is_urljoin(base, uri):
    from urllib.parse import urljoin

    from sphinx_mlblog.util import absolute_url

    assert absolute_url(base, uri) == urljoin(base.rstrip("/") + "/", uri)
