"""Drafts and future posts stay unpublished: built only where drafts are built (not on
CI or Read the Docs by default), and then with a banner and noindex, but never in
listings, feeds, the sitemap, the search index or the navigation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import article, build, copy_root, read_html, warnings_of

UNPUBLISHED = ("posts/2024/draft", "posts/2099/future")
FUTURE = "---\nblogpost: true\ndate: 2099-01-01\ntags: [attention]\n---\n# A post from the future\n\nNot yet.\n"


def _site(tmp_path):
    src = copy_root("basic", tmp_path)
    (src / "posts" / "2099").mkdir()
    (src / "posts" / "2099" / "future.md").write_text(FUTURE)
    return src


def _search_docnames(app) -> set[str]:
    """The documents the search finds by their words (a page left out of the search
    index is listed without a title and no word leads to it)."""
    text = (Path(app.outdir) / "searchindex.js").read_text()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = set()
    for hits in [*index["terms"].values(), *index["titleterms"].values()]:
        found.update([hits] if isinstance(hits, int) else hits)
    return {name for i, name in enumerate(index["docnames"]) if i in found and index["titles"][i]}


def _navigation(app, page: str) -> list[str]:
    return [a.get_text() for a in read_html(app, page).select(".sidebar-tree a")]


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    return build(_site(tmp_path_factory.mktemp("shown")), confoverrides={"blog_build_drafts": True})


def test_built_drafts_are_pages_marked_unpublished(shown):
    assert warnings_of(shown).strip() == ""
    for page in UNPUBLISHED:
        html = read_html(shown, page)
        assert html.head.find("meta", attrs={"name": "robots", "content": "noindex"}), page
        assert "not published" in article(shown, page).select_one(".mlblog-draft-banner").get_text()
    assert read_html(shown, "blog/drafts").head.find("meta", attrs={"name": "robots"})
    assert not read_html(shown, "posts/2024/speculative").head.find(
        "meta", attrs={"name": "robots"}
    )


def test_unpublished_posts_are_nowhere_else(shown):
    out = Path(shown.outdir)
    titles = ("An unfinished draft", "A post from the future")
    for page in (
        "index",
        "landing",
        "blog/index",
        "blog/page/2",
        "blog/archive",
        "blog/tag/attention",
        "blog/tag/index",
    ):
        text = article(shown, page).get_text()
        assert not [t for t in titles if t in text], page
    for feed in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json"):
        assert not [t for t in titles if t in (out / feed).read_text()], feed
    sitemap = (out / "sitemap.xml").read_text()
    assert "draft" not in sitemap and "future" not in sitemap
    searchable = _search_docnames(shown)
    assert "posts/2024/speculative" in searchable and "blog/tag/attention" in searchable
    assert not set(UNPUBLISHED) & searchable and "blog/drafts" not in searchable
    navigation = _navigation(shown, "index")
    assert "Speculative decoding" in navigation and not [t for t in titles if t in navigation]
    assert "secret" not in [a.get_text() for a in article(shown, "blog/tag/index").find_all("a")]


def test_the_drafts_page_lists_them(shown):
    text = article(shown, "blog/drafts").get_text()
    assert "An unfinished draft" in text and "A post from the future" in text


def test_drafts_are_not_built_where_they_are_off(tmp_path):
    app = build(_site(tmp_path), confoverrides={"blog_build_drafts": False})
    assert warnings_of(app).strip() == ""
    out = Path(app.outdir)
    assert not [page for page in UNPUBLISHED if (out / f"{page}.html").exists()]
    assert not (out / "blog/drafts.html").exists() and not (out / "blog/tag/secret.html").exists()
    assert "An unfinished draft" not in (out / "sitemap.xml").read_text()
    assert (out / "posts/2024/speculative.html").exists()


@pytest.mark.parametrize(
    ("variable", "built"), [("CI", False), ("READTHEDOCS", False), (None, True)]
)
def test_auto_builds_drafts_except_on_ci_and_read_the_docs(tmp_path, monkeypatch, variable, built):
    if variable:
        monkeypatch.setenv(variable, "True")
    app = build(_site(tmp_path))
    assert (Path(app.outdir) / "posts/2024/draft.html").exists() is built


def test_publishing_a_draft_puts_it_everywhere(tmp_path):
    src = _site(tmp_path)
    build(src, confoverrides={"blog_build_drafts": True})
    draft = src / "posts" / "2024" / "draft.md"
    draft.write_text(draft.read_text().replace("draft: true", "draft: false"))
    app = build(src, confoverrides={"blog_build_drafts": True})
    assert warnings_of(app).strip() == ""
    assert "An unfinished draft" in _navigation(app, "index")  # index was read again
    assert "posts/2024/draft" in _search_docnames(app)
    assert "An unfinished draft" in article(app, "blog/index").get_text()
    assert not read_html(app, "posts/2024/draft").head.find("meta", attrs={"name": "robots"})
    # and back
    draft.write_text(draft.read_text().replace("draft: false", "draft: true"))
    app = build(src, confoverrides={"blog_build_drafts": True})
    assert "An unfinished draft" not in _navigation(app, "index")
    assert "posts/2024/draft" not in _search_docnames(app)
