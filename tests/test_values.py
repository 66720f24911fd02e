"""Front matter as YAML typed it: numbers, booleans and dates as tags, dates with their
UTC offsets (kept in feeds and meta tags, compared across zones)."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from conftest import article, build, read_html, warnings_of

POSTS = {
    "numbers": "---\nblogpost: true\ndate: 2024-01-05\ntags: 42\n---\n# Numbers\n\nA tag that is a number.\n",
    "mixed": "---\nblogpost: true\ndate: 2024-01-06\ntags: [1, yes, 2024-01-02, plain]\n---\n# Mixed\n\nYAML types.\n",
    "east": "---\nblogpost: true\ndate: 2024-01-01T23:00:00-05:00\n---\n# Late in New York\n\nIt is already the 2nd in UTC.\n",
    "west": "---\nblogpost: true\ndate: 2024-01-02T01:00:00+00:00\n---\n# Early in London\n\nAt one in the morning.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = tmp_path_factory.mktemp("values")
    (src / "posts").mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nhtml_theme = "alabaster"\nblog_baseurl = "https://example.org/"\n'
        'blog_timezone = "Europe/Berlin"\n'
    )
    (src / "index.md").write_text("# Home\n\n```{postlist}\n:format: {title}\n```\n")
    for name, text in POSTS.items():
        (src / "posts" / f"{name}.md").write_text(text)
    return build(src)


def test_scalar_tags_become_tags_with_pages(site):
    out = Path(site.outdir)
    assert (out / "blog/tag/42.html").exists()
    assert article(site, "blog/tag/42").select_one(".mlblog-card-title a").get_text() == "Numbers"
    overview = article(site, "blog/tag/index").get_text(" ", strip=True)
    for tag in ("42 (1)", "1 (1)", "true (1)", "2024-01-02 (1)", "plain (1)"):
        assert tag in overview
    for tag in ("1", "true", "2024-01-02", "plain"):
        assert (out / f"blog/tag/{tag}.html").exists(), tag


def test_a_boolean_tag_warns_with_its_line(site):
    warnings = [w for w in warnings_of(site).splitlines() if "[mlblog." in w]
    assert len(warnings) == 1, warnings
    assert "posts/mixed.md:4:" in warnings[0] and "as a boolean; quote it" in warnings[0]


def test_offsets_are_kept_in_feeds_and_meta(site):
    feed = json.loads((Path(site.outdir) / "blog/feed.json").read_text())
    published = {item["title"]: item["date_published"] for item in feed["items"]}
    assert published["Late in New York"] == "2024-01-01T23:00:00-05:00"
    assert published["Early in London"] == "2024-01-02T01:00:00+00:00"
    assert published["Numbers"] == "2024-01-05T00:00:00+01:00"  # blog_timezone
    atom = feedparser.parse((Path(site.outdir) / "blog/atom.xml").read_bytes())
    late = next(e for e in atom.entries if e.title == "Late in New York")
    assert late.published == "2024-01-01T23:00:00-05:00"
    meta = read_html(site, "posts/east").head.find("meta", property="article:published_time")
    assert meta["content"] == "2024-01-01T23:00:00-05:00"
    header = article(site, "posts/east").select_one(".mlblog-post-header time")
    assert header.get_text() == "01 January 2024" and header["datetime"] == "2024-01-01"


def test_posts_are_ordered_by_the_moment_they_were_published(site):
    titles = [
        li.get_text(strip=True) for li in article(site, "index").select(".mlblog-postlist li")
    ]
    # 23:00 in New York is 04:00 UTC on the 2nd: after one in the morning in London
    assert titles.index("Late in New York") < titles.index("Early in London")


def test_authors_as_mystmd_writes_them():
    """``authors: [{id: chris}, {name: ...}]`` (mystmd's form, used by sites built with
    both): each author by name, or by id."""
    from sphinx_mlblog.model.frontmatter import normalize
    from sphinx_mlblog.model.settings import BlogConfig

    fields, problems = normalize(
        {"authors": [{"id": "chris"}, "Ana", {"name": "Bo B", "id": "bo"}]}, BlogConfig()
    )
    assert fields["author"] == ("chris", "Ana", "Bo B") and problems == []
    fields, problems = normalize({"author": [{"orcid": "0000"}]}, BlogConfig())
    assert "author" not in fields and "expected an author's name" in problems[0].message


def test_ablogs_names_of_misread_front_matter():
    """ablog read ``{id: chris}`` as the text ``{'id': 'chris'}`` split at commas: its pages
    were ``author/id-chris`` (and ``author/name-bo-b``), which now lead to the author; an
    empty ``tags:`` was its tag ``null``."""
    from sphinx_mlblog.model.frontmatter import ablog_aliases

    raw = {"authors": [{"id": "chris"}, "Ana", {"name": "Bo B", "id": "bo"}]}
    assert ablog_aliases(raw) == (
        ("author", "id-chris", "chris"),
        ("author", "name-bo-b", "Bo B"),
        ("author", "id-bo", "Bo B"),
    )
    assert ablog_aliases({"author": "Ana, Bo"}) == ()
    assert ablog_aliases({"author": [{"orcid": "0000"}]}) == ()
    assert ablog_aliases({"tags": None, "category": None, "location": "x"}) == (
        ("tag", "null", ""),
        ("category", "null", ""),
    )
    # ablog kept the empty names of its split at commas: a page ``tag/.html``
    for value in ("", " ", "a, b,", ",a", [], ["a", ""]):
        assert ablog_aliases({"tags": value, "category": "x, y"}) == (("tag", "", ""),)


def test_the_and_of_an_author_list_is_not_a_name():
    """``A, B, and C`` (fortran-lang.org's newsletters) names C, not "and C" as ablog had
    it; ablog's page of "and C" leads to C's."""
    from sphinx_mlblog.model.frontmatter import ablog_aliases, normalize
    from sphinx_mlblog.model.settings import BlogConfig

    fields, _problems = normalize(
        {"author": "Milan Curcic, Laurence Kedward, and Jérémie Vandenplas"}, BlogConfig()
    )
    assert fields["author"] == ("Milan Curcic", "Laurence Kedward", "Jérémie Vandenplas")
    fields, _problems = normalize({"author": "Ana & Bo, & Cy, Andy"}, BlogConfig())
    assert fields["author"] == ("Ana & Bo", "Cy", "Andy")  # only after a comma
    assert ablog_aliases({"author": "A, B, and Jérémie"}) == (("author", "and-jeremie", "Jérémie"),)
    assert ablog_aliases({"author": "Anderson, Andrews"}) == ()
