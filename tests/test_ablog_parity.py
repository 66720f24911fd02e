"""The same sample sites built with ablog and with sphinx_mlblog: nothing ablog published
is lost. Compared: the post pages, the posts on every archive page ablog writes, the feed
entries and their ids, every URL (pages and feeds), and the warnings.

ablog is in the test extra; these tests are skipped only where it is not installed.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_root, warnings_of

ablog = pytest.importorskip("ablog")

#: sample sites: (root, how its conf.py names the extension, extensions ablog needs with it)
SITES = {
    "ablog": ('extensions = ["sphinx_mlblog"]', 'extensions = ["ablog", "myst_parser"]'),
    "ablog-nb": ('extensions = ["sphinx_mlblog", "myst_nb"]', 'extensions = ["ablog", "myst_nb"]'),
}
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme"]
#: output that is not the blog's: Sphinx's own pages and files
NOT_BLOG = re.compile(r"^(_static|_sources|_images|\.doctrees|genindex|search|searchindex)")


def _build_both(tmp_path: Path, root: str, theme: str):
    ours, theirs = SITES[root]
    sites = {}
    for name, extensions in (("mlblog", ours), ("ablog", theirs)):
        src = copy_root(root, tmp_path / name)
        conf = src / "conf.py"
        text = conf.read_text(encoding="utf-8")
        assert ours in text
        text = text.replace(ours, extensions) + f'\nhtml_theme = "{theme}"\n'
        if theme != "alabaster" and root == "ablog":  # alabaster's sidebar names
            text = text.replace('"searchbox.html",', "")
        conf.write_text(text, encoding="utf-8")
        if name == "ablog":
            from ablog.blog import Blog

            Blog._dict.clear()  # ablog keeps its blog in a class attribute between builds
        sites[name] = build(src)
    return sites


@pytest.fixture(scope="module", params=[(r, t) for r in SITES for t in THEMES], ids=str)
def both(request, tmp_path_factory):
    root, theme = request.param
    return _build_both(tmp_path_factory.mktemp(f"{root}-{theme}"), root, theme)


def _published(app) -> set[str]:
    out = Path(app.outdir)
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.suffix in (".html", ".xml") and not NOT_BLOG.match(p.relative_to(out).as_posix())
    }


def _soup(app, path: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / path).read_text(encoding="utf-8"), "lxml")


def _posts_linked(app, path: str, area, posts: set[str]) -> set[str]:
    """The posts (docnames) that ``area`` of the page at ``path`` links."""
    found = set()
    for a in area.find_all("a", href=True):
        href = a["href"].split("#")[0]
        if not href or "://" in href:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
        docname = target.removesuffix(".html").removesuffix("/index")
        if docname in posts:
            found.add(docname)
    return found


def _main(soup: BeautifulSoup):
    return (
        soup.select_one(".ablog__collection")
        or soup.select_one('article[role="main"]')
        or soup.select_one("main article")
        or soup.select_one("div.body")
    )


def _followed(app, path: str) -> str:
    """``path``, or where it forwards to when it is a redirect page (ablog's address of an
    author written as a mapping forwards to the author's page)."""
    refresh = _soup(app, path).find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return path
    target = refresh["content"].split("url=", 1)[1]
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), target))


def test_every_url_ablog_published_is_there(both):
    """Every page and feed ablog wrote is written, at the same address."""
    missing = _published(both["ablog"]) - _published(both["mlblog"])
    assert not missing


def test_the_same_posts(both):
    """The same posts, section posts (``page#section``) included."""
    theirs = {
        (docname, info["section"])
        for docname, infos in both["ablog"].env.ablog_posts.items()
        for info in infos
    }
    ours = {(p.docname, p.anchor) for p in both["mlblog"].env.get_domain("blog").posts.values()}
    assert ours == theirs and ours


def test_every_archive_page_lists_the_same_posts(both):
    """Each collection page of ablog's (all posts, years, tags, categories, authors, ...)
    lists the same posts here, over its pages."""
    posts = set(both["mlblog"].env.get_domain("blog").posts)
    checked = broken = 0
    for path in sorted(_published(both["ablog"])):
        soup = _soup(both["ablog"], path)
        collection = soup.select_one(".ablog__collection")
        if collection is None:
            # ablog's archive pages on furo are furo's error page (its templates extend
            # layout.html, which furo refuses): there is nothing of ablog's to compare
            broken += "does not support" in soup.get_text() and "/page/" not in path
            continue
        theirs = _posts_linked(both["ablog"], path, collection, posts)
        ours = set()
        path = _followed(both["mlblog"], path)
        page, number = path, 1
        while (Path(both["mlblog"].outdir) / page).exists():
            ours |= _posts_linked(both["mlblog"], page, _main(_soup(both["mlblog"], page)), posts)
            number += 1
            base = path.removesuffix(".html")
            page = f"{base}/page/{number}.html"
        assert ours == theirs, path
        checked += 1
    assert checked >= 8 or (checked == 0 and broken >= 8), (checked, broken)


def _entries(app, path: str) -> list[str]:
    import feedparser

    feed = feedparser.parse((Path(app.outdir) / path).read_bytes())
    assert not feed.bozo, path
    return [entry.id for entry in feed.entries]


def test_every_feed_has_the_same_entries(both):
    """Subscribers keep their feeds: each Atom feed ablog wrote is at the same address with
    the same entries, identified by the same ids (so no entry shows as new)."""
    feeds = sorted(p for p in _published(both["ablog"]) if p.endswith("atom.xml"))
    assert len(feeds) >= 8
    for path in feeds:
        assert _entries(both["mlblog"], path) == _entries(both["ablog"], path), path


def _warning_lines(app) -> list[str]:
    return [line for line in warnings_of(app).splitlines() if "WARNING" in line]


def test_no_new_warnings(both):
    ours, theirs = _warning_lines(both["mlblog"]), _warning_lines(both["ablog"])
    assert len(ours) <= len(theirs), (ours, theirs)


#: ablog's own documentation's feed templates (its docs/conf.py)
FEED_TEMPLATES = {
    "atom": {
        "content": "{{ title }}{% for tag in post.tags %} #{{ tag.name|trim()|replace(' ', '') }}{% endfor %}",
    },
    "social": {
        "content": "{{ title }}{% for tag in post.tags %} #{{ tag.name|trim()|replace(' ', '') }}{% endfor %}",
    },
}


def _contents(app, path: str) -> dict[str, str]:
    import feedparser

    feed = feedparser.parse((Path(app.outdir) / path).read_bytes())
    assert not feed.bozo, path
    return {e.id: " ".join(e.content[0].value.split()) for e in feed.entries}


def test_feed_templates_as_ablog_renders_them(tmp_path):
    """blog_feed_templates (as ablog's own docs set them): the same entry contents in
    atom.xml and in the extra social.xml, per archive too."""
    sites = {}
    ours, theirs = SITES["ablog"]
    for name, extensions in (("mlblog", ours), ("ablog", theirs)):
        src = copy_root("ablog", tmp_path / name)
        conf = src / "conf.py"
        conf.write_text(
            conf.read_text().replace(ours, extensions)
            + f"\nblog_feed_templates = {FEED_TEMPLATES!r}\n",
            encoding="utf-8",
        )
        if name == "ablog":
            from ablog.blog import Blog

            Blog._dict.clear()
        sites[name] = build(src)
    for path in ("blog/atom.xml", "blog/social.xml", "blog/tag/python/social.xml"):
        theirs = _contents(sites["ablog"], path)
        assert _contents(sites["mlblog"], path) == theirs and theirs, path
    # the newest entry is a section post (ablog's posting sections): its own title and tags
    assert next(iter(_contents(sites["mlblog"], "blog/social.xml").values())) == (
        "Release notes #releases"
    )


def test_feed_titles_and_archive_titles(tmp_path):
    src = copy_root("ablog", tmp_path)
    app = build(src, confoverrides={"blog_feed_titles": True, "blog_archive_titles": True})
    import feedparser

    feed = feedparser.parse((Path(app.outdir) / "blog/atom.xml").read_bytes())
    assert feed.entries and all("content" not in e for e in feed.entries)
    assert all(e.summary for e in feed.entries)
    page = BeautifulSoup((Path(app.outdir) / "blog/tag/python.html").read_text(), "lxml")
    assert page.select(".mlblog-card") == []
    items = [" ".join(li.get_text().split()) for li in page.select(".mlblog-postlist li")]
    assert items[0] == "Sep 09, 2013 - Fourth post"
