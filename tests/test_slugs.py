"""Tags, categories, authors, series and post titles in any script get distinct, stable,
readable URLs; the ASCII slugs of earlier versions do not move."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import article, build, read_html, warnings_of
from hypothesis import given
from hypothesis import strategies as st

from sphinx_mlblog.model.slugs import (
    Slugs,
    accent_blind_key,
    assign,
    key_slug,
    legacy_slug,
    same_key,
    slugify,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # earlier versions' ASCII slugs, unchanged
        ("Speculative Decoding!", "speculative-decoding"),
        ("R&D", "rd"),
        ("naïve bayes", "naive-bayes"),
        ("Ünïcode", "unicode"),
        ("kv cache", "kv-cache"),
        ("C++", "c"),
        # other scripts keep their letters; symbols and emoji are spelled
        ("数学", "数学"),
        ("Привет мир", "привет-мир"),
        ("مرحبا بالعالم", "مرحبا-بالعالم"),
        ("हिन्दी", "हिन्दी"),
        ("GPT-4 教程", "gpt-4-教程"),
        ("Straße", "strasse"),
        ("🤖", "robot-face"),
        ("👩\u200d💻", "woman-personal-computer"),
        ("???", "question-mark-question-mark-question-mark"),
        ("", "untitled"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_keys_that_would_share_a_slug_are_told_apart():
    slugs, moved = assign(["C", "C++", "C#", "GPU", "gpu"])
    assert slugs == {"c": "c", "c++": "c-plus-plus", "c#": "c-sharp", "gpu": "gpu"}
    assert sorted(moved) == [("C#", "c", "c-sharp"), ("C++", "c", "c-plus-plus")]
    # alone, C++ keeps the slug it always had
    assert assign(["C++"]) == ({"c++": "c"}, [])
    # the plainest key keeps a shared slug, whatever else the site has
    assert assign(["C++", "C#"])[0] == {"c#": "c", "c++": "c-plus-plus"}


def test_people_and_places_spelled_with_and_without_accents_are_one():
    """A real site (fortran-lang.org's news) writes ``Jérémie Vandenplas`` in most posts
    and ``Jeremie Vandenplas`` in a few: one person, one page, as ablog's address was;
    tags keep such spellings apart, and names beyond Latin letters are left alone."""
    names = ["Jérémie Vandenplas", "Jeremie Vandenplas", "Ondřej Čertík", "Łukasz", "Lukasz"]
    places = ["Zürich", "Zurich", "Москва", "Москва́"]
    slugs = Slugs({"author": names, "location": places, "tag": ["thé", "the"]})
    assert slugs.slug("author", "Jérémie Vandenplas") == "jeremie-vandenplas"
    assert slugs.slug("author", "Jeremie Vandenplas") == "jeremie-vandenplas"
    assert slugs.slug("author", "ondrej certik") == "ondrej-certik"
    assert slugs.slug("author", "Łukasz") != slugs.slug("author", "Lukasz")
    assert slugs.slug("location", "Zurich") == slugs.slug("location", "Zürich") == "zurich"
    assert slugs.slug("location", "Москва") != slugs.slug("location", "Москва́")
    assert slugs.slug("tag", "thé") != slugs.slug("tag", "the")
    assert slugs.moved["author"] == []


keys = st.lists(st.text(), min_size=1, max_size=12)


@given(keys)
def test_every_key_gets_a_distinct_usable_slug(texts):
    slugs, _moved = assign(texts)
    assert len(set(slugs.values())) == len(slugs) == len({same_key(t) for t in texts})
    for slug in slugs.values():
        assert slug and slug != "index" and slug.strip("-") == slug
        assert not set(slug) & set('/\\\x00:*?"<>|%#&') and slug not in (".", "..")
        assert len(slug.encode("utf-8")) <= 210
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp") for c in slug)
        assert key_slug(slug) == slug  # a slug names its own page again


@given(keys)
def test_people_get_distinct_usable_slugs_too(texts):
    """Folding accents for authors and locations never gives two keys one page."""
    slugs, _moved = assign(texts, fold=accent_blind_key)
    assert len(set(slugs.values())) == len(slugs) == len({accent_blind_key(t) for t in texts})
    assert all(slug and slug != "index" and key_slug(slug) == slug for slug in slugs.values())


@given(keys)
def test_slugs_are_stable(texts):
    assert assign(texts) == assign(list(reversed(texts)))


@given(st.text())
def test_ascii_slugs_of_earlier_versions_do_not_move(text):
    legacy = legacy_slug(text)
    folds = all(c.isascii() for c in unicodedata.normalize("NFKD", text) if c.isalnum())
    if legacy and folds:
        assert slugify(text) == legacy


POST = (
    "---\nblogpost: true\ndate: 2024-01-{day:02d}\ntags: {tags}\n---\n# {title}\n\nAbout {title}.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = tmp_path_factory.mktemp("slugs")
    (src / "posts").mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nhtml_theme = "alabaster"\nblog_baseurl = "https://example.org/"\n'
        'blog_url_style = "mlblog"\n'
        "blog_feed_archives = True\n"
    )
    (src / "index.md").write_text("# Home\n\nSee {post}`数学入门`.\n")
    posts = {
        "数学入门": ("数学, 🤖", "数学入门"),
        "cpp": ("C++, GPU", "C++ tricks"),
        "csharp": ("C#, gpu", "C# tricks"),
        "c": ("C", "C basics"),
        "arabic": ("مرحبا", "تعلم الآلة"),
    }
    for day, (name, (tags, title)) in enumerate(posts.items(), start=1):
        (src / "posts" / f"{name}.md").write_text(
            POST.format(day=day, tags=tags, title=title), encoding="utf-8"
        )
    return build(src)


def test_tag_pages_in_every_script(site):
    out = Path(site.outdir)
    for slug, title in [
        ("数学", "数学入门"),
        ("robot-face", "数学入门"),
        ("مرحبا", "تعلم الآلة"),
        ("c", "C basics"),
        ("c-plus-plus", "C++ tricks"),
        ("c-sharp", "C# tricks"),
    ]:
        page = article(site, f"blog/tag/{slug}")
        assert [a.get_text() for a in page.select(".mlblog-card-title a")] == [title], slug
    gpu = article(site, "blog/tag/gpu")
    assert {a.get_text() for a in gpu.select(".mlblog-card-title a")} == {"C++ tricks", "C# tricks"}
    assert (out / "blog/tag/数学/atom.xml").exists()


def test_overview_links_every_tag_once(site):
    overview = article(site, "blog/tag/index")
    rows = {a.get_text(): unquote(a["href"]) for a in overview.select(".mlblog-overview a")}
    assert rows["数学"] == "数学.html" and rows["🤖"] == "robot-face.html"
    assert (
        rows["C"] == "c.html" and rows["C++"] == "c-plus-plus.html" and rows["C#"] == "c-sharp.html"
    )
    assert len([name for name in rows if name.lower() == "gpu"]) == 1
    assert "GPU (2)" in overview.get_text(" ", strip=True)


def test_moved_keys_warn_where_they_are_used(site):
    warnings = [w for w in warnings_of(site).splitlines() if "[mlblog.duplicate]" in w]
    assert len(warnings) == 2, warnings
    assert any(
        "posts/cpp.md:4:" in w and "'C++'" in w and "blog/tag/c-plus-plus" in w for w in warnings
    )
    assert any(
        "posts/csharp.md:4:" in w and "'C#'" in w and "blog/tag/c-sharp" in w for w in warnings
    )


def test_unicode_post_slugs_and_urls(site):
    link = article(site, "index").find("a", string="数学入门")
    assert link is not None and unquote(link["href"]) == "posts/数学入门.html"
    sitemap = (Path(site.outdir) / "sitemap.xml").read_text()
    assert (
        "https://example.org/blog/tag/%E6%95%B0%E5%AD%A6.html" in sitemap and "数学" not in sitemap
    )
    og = read_html(site, "posts/数学入门").head.find("meta", property="og:url")["content"]
    assert og == "https://example.org/posts/%E6%95%B0%E5%AD%A6%E5%85%A5%E9%97%A8.html"


def test_with_ablogs_addresses_moved_keys_are_a_note(tmp_path):
    """ablog built a site whose ``C++`` and ``C`` share a page (one written over the
    other): with ablog's addresses, that site's ``-W`` build builds, the move noted."""
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_url_style = "ablog"\nexclude_patterns = ["_build"]\n'
    )
    (src / "index.md").write_text("# Home\n")
    for name, tag in (("c", "C"), ("cpp", "C++")):
        (src / "posts" / f"{name}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-0{len(name)}\ntags: {tag}\n---\n# {name}\n"
        )
    app = build(src)
    assert "mlblog.duplicate" not in warnings_of(app)
    assert "'C++' is at blog/tag/c-plus-plus" in app.status.getvalue()


def test_an_author_spelled_with_and_without_accents_has_one_page(tmp_path):
    """The page of ``Jérémie Vandenplas`` lists the posts that spell him ``Jeremie``
    too, under the spelling with accents; no second page, no warning."""
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_mlblog"]\nexclude_patterns = ["_build"]\n')
    (src / "index.md").write_text("# Home\n")
    for day, author in enumerate(
        ("Jérémie Vandenplas", "Jeremie Vandenplas", "Jérémie Vandenplas"), 1
    ):
        (src / "posts" / f"p{day}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-0{day}\nauthor: {author}\n---\n# Post {day}\n",
            encoding="utf-8",
        )
    app = build(src)
    assert "mlblog.duplicate" not in warnings_of(app)
    pages = sorted(p.name for p in (Path(app.outdir) / "blog" / "author").glob("*.html"))
    assert pages == ["jeremie-vandenplas.html"]
    page = read_html(app, "blog/author/jeremie-vandenplas")
    assert "Jérémie Vandenplas" in page.title.get_text()
    assert [a.get_text() for a in page.select(".mlblog-card-title a")] == [
        "Post 3",
        "Post 2",
        "Post 1",
    ]
