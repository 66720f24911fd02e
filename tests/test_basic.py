"""A small blog built for real: listings, archive pages, post chrome, references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import article, build, copy_root, links, read_html, warnings_of

ROOT = "basic"


@pytest.fixture(scope="module")
def built(site):
    return site


def test_builds_without_warnings(built):
    assert warnings_of(built).strip() == ""


def test_postlist_on_home_uses_ablog_format(built):
    items = [
        " ".join(li.get_text().split())
        for li in article(built, "index").select("ul.mlblog-postlist > li")
    ]
    assert items == [
        "Diffusion models from scratch (2024-03-05)",
        "Speculative decoding (2024-01-10)",
        "The KV cache, explained (2023-06-15)",
    ]


def test_blog_index_is_paginated(built):
    first = article(built, "blog/index")
    titles = [a.get_text(strip=True) for a in first.select(".mlblog-card-title a")]
    assert titles == ["Diffusion models from scratch", "Speculative decoding"]
    nav = links(first.select_one(".mlblog-pagination"))
    assert ("2", "page/2.html") in nav and ("Older →", "page/2.html") in nav
    second = article(built, "blog/page/2")
    assert [a.get_text(strip=True) for a in second.select(".mlblog-card-title a")] == [
        "The KV cache, explained",
        "Attention is all you need, again",
    ]
    assert ("← Newer", "../index.html") in links(second.select_one(".mlblog-pagination"))


def test_further_pages_are_themed_pages_without_sources(built):
    out = Path(built.outdir)
    assert "blog/page/2" not in built.env.all_docs
    assert not (Path(built.srcdir) / "blog/page").exists()  # no stub sources for them
    page = read_html(built, "blog/page/2")
    assert page.select_one(".sidebar-drawer") is not None  # furo's page, sidebar and all
    assert page.title.get_text().startswith("Test Blog — page 2")
    assert page.select_one('meta[property="og:title"]')["content"] == "Test Blog — page 2"
    assert "https://blog.example.org/blog/page/2.html" in (out / "sitemap.xml").read_text()
    assert "mermaid" not in " ".join(
        s.get_text() + s.get("src", "") for s in page.find_all("script")
    )


def test_listed_math_is_mathml_and_needs_no_mathjax(built):
    # the attention post's excerpt has inline math; listings show it as MathML
    html = read_html(built, "blog/page/2")
    assert html.select_one(".mlblog-excerpt math") is not None
    assert html.select_one(".mlblog-excerpt span.math") is None
    assert not any("mathjax" in s.get("src", "") for s in html.find_all("script"))


def test_listed_tex_loads_mathjax(tmp_path):
    # with blog_mathml off, listings show the excerpt's TeX, raw HTML to Sphinx's writer
    built = build(copy_root("basic", tmp_path), confoverrides={"blog_mathml": "off"})
    for page in ("blog/page/2", "blog/tag/attention", "blog/category/research"):
        html = read_html(built, page)
        if html.select_one(".mlblog-excerpt span.math"):
            assert any("mathjax" in s.get("src", "") for s in html.find_all("script")), page
    assert read_html(built, "blog/page/2").select_one(".mlblog-excerpt span.math")


def test_drafts_are_kept_out_of_listings(built):
    for page in ("index", "blog/index", "blog/page/2", "blog/archive"):
        listings = article(built, page).select(".mlblog-postlist, .mlblog-cards")
        assert listings and all("An unfinished draft" not in node.get_text() for node in listings)
    assert not (Path(built.outdir) / "blog/tag/secret.html").exists()
    banner = article(built, "posts/2024/draft").select_one(".mlblog-draft-banner")
    assert banner is not None and "not published" in banner.get_text()
    assert "An unfinished draft" in article(built, "blog/drafts").get_text()


def test_tag_pages_and_overview(built):
    page = article(built, "blog/tag/attention")
    assert page.find("h1").get_text(strip=True).startswith("Posts tagged “attention”")
    titles = [a.get_text(strip=True) for a in page.select(".mlblog-card-title a")]
    assert titles == ["The KV cache, explained", "Attention is all you need, again"]
    overview = article(built, "blog/tag/index").get_text(" ", strip=True)
    assert "attention (2)" in overview and "kv cache (1)" in overview


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("blog/category/research", ["The KV cache, explained", "Attention is all you need, again"]),
        ("blog/author/alan", ["Diffusion models from scratch", "The KV cache, explained"]),
        ("blog/year/2023", ["The KV cache, explained", "Attention is all you need, again"]),
        ("blog/series/serving", ["The KV cache, explained", "Speculative decoding"]),
    ],
)
def test_archive_pages(built, page, expected):
    links = article(built, page).select(".mlblog-card-title a, .mlblog-postlist a.mlblog-post-link")
    assert [a.get_text(strip=True) for a in links] == expected


def test_author_names_come_from_blog_authors(built):
    assert (
        article(built, "blog/author/ada")
        .find("h1")
        .get_text(strip=True)
        .startswith("Posts by Ada Lovelace")
    )


def test_post_chrome(built):
    page = article(built, "posts/2024/speculative")
    header = page.select_one(".mlblog-post-header").get_text(" ", strip=True)
    assert "10 January 2024" in header and "Ada Lovelace" in header and "min read" in header
    assert "Featured" in header
    footer = page.select_one(".mlblog-post-footer")
    assert "Part 2 of 2 in" in footer.select_one(".mlblog-series-nav").get_text(" ", strip=True)
    assert links(footer.select_one(".mlblog-prev")) == [
        ("The KV cache, explained", "../2023/kv-cache.html")
    ]
    assert links(footer.select_one(".mlblog-next")) == [
        ("Diffusion models from scratch", "rst-post.html")
    ]
    assert links(footer.select_one(".mlblog-related")) == [
        ("The KV cache, explained", "../2023/kv-cache.html")
    ]


def test_post_role_shows_title(built):
    page = article(built, "posts/2024/speculative")
    paragraph = next(p for p in page.find_all("p") if "draft model proposes" in p.get_text())
    assert links(paragraph) == [("The KV cache, explained", "../2023/kv-cache.html")]


def test_rst_post_directive(built):
    header = (
        article(built, "posts/2024/rst-post")
        .select_one(".mlblog-post-header")
        .get_text(" ", strip=True)
    )
    assert "05 March 2024" in header and "diffusion" in header


def test_sidebar_templates_with_ablog_names(built):
    sidebar = read_html(built, "index").select_one(".mlblog-sidebar-recent")
    assert [a.get_text() for a in sidebar.find_all("a")][:2] == [
        "Diffusion models from scratch",
        "Speculative decoding",
    ]
    assert read_html(built, "index").select_one(".mlblog-tagcloud") is not None


def test_generated_pages_are_searchable(built):
    index = (Path(built.outdir) / "searchindex.js").read_text()
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    assert "blog/tag/attention" in data["docnames"]
    assert "blog/index" in data["docnames"]


def test_landing_page_sections(built):
    page = article(built, "landing")
    titles = [h.get_text() for h in page.select(".mlblog-landing h2.mlblog-list-title")]
    assert titles == ["Featured", "Latest posts"]
    featured, latest = page.select(".mlblog-landing .mlblog-cards")
    assert [a.get_text() for a in featured.select(".mlblog-card-title a")] == [
        "Speculative decoding"
    ]
    latest_titles = [a.get_text() for a in latest.select(".mlblog-card-title a")]
    assert len(latest_titles) == 3
    assert "Speculative decoding" not in latest_titles  # shown once, among the featured


def test_card_image_is_copied(built):
    card = next(
        c for c in article(built, "landing").select(".mlblog-card") if "Speculative" in c.get_text()
    )
    src = card.select_one("img.mlblog-card-image")["src"]
    assert src == "_mlblog/images/posts/2024/img/card.png"
    assert (Path(built.outdir) / src).is_file()
    og = read_html(built, "posts/2024/speculative").head.find("meta", property="og:image")
    assert og["content"] == "https://blog.example.org/_mlblog/images/posts/2024/img/card.png"


def test_giscus_comments_when_configured(tmp_path):
    from conftest import build, copy_root

    giscus = {"repo": "me/blog", "repo_id": "R_1", "category": "Comments", "category_id": "C_1"}
    app = build(copy_root("basic", tmp_path), confoverrides={"blog_giscus": giscus})
    script = read_html(app, "posts/2024/speculative").select_one(".mlblog-comments script")
    assert script["src"] == "https://giscus.app/client.js" and script["data-repo"] == "me/blog"
    assert (
        read_html(app, "posts/2024/draft").select_one(".mlblog-comments") is None
    )  # not on drafts


def test_giscus_incomplete_config_warns(tmp_path):
    from conftest import build, copy_root

    app = build(copy_root("basic", tmp_path), confoverrides={"blog_giscus": {"repo": "me/blog"}})
    assert "blog_giscus needs category, category_id, repo_id" in warnings_of(app)
    assert read_html(app, "posts/2024/speculative").select_one(".mlblog-comments") is None


def test_post_links_in_excerpts_show_titles(built):
    card = next(
        c
        for c in article(built, "blog/index").select(".mlblog-card")
        if "Speculative" in c.get_text()
    )
    assert "See The KV cache, explained for the cache." in " ".join(
        card.select_one(".mlblog-excerpt").get_text().split()
    )


def test_generated_pages_are_never_posts(tmp_path):
    from conftest import build, copy_root

    app = build(
        copy_root("basic", tmp_path), confoverrides={"blog_post_pattern": ["blog/*", "blog/*/*"]}
    )
    assert warnings_of(app).strip() == ""
    titles = [a.get_text() for a in article(app, "blog/index").select(".mlblog-card-title a")]
    assert titles == ["Diffusion models from scratch", "Speculative decoding"]
    assert read_html(app, "blog/archive").select_one(".mlblog-post-header") is None


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_listing_links_resolve_from_every_page(tmp_path, builder):
    """Each listing link leads to the post it names, from every page: links are shared
    between pages of one folder, but a page's link to itself is not."""
    from posixpath import dirname, join, normpath

    from conftest import build

    src = tmp_path / "site"
    (src / "notes").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nhtml_theme = "furo"\nblog_baseurl = "https://example.org/"\n'
        'blog_url_style = "mlblog"\n'
    )
    (src / "index.md").write_text("# Home\n\n```{postlist}\n```\n")
    for name, day in (("alpha", 1), ("beta", 2), ("gamma", 3)):
        (src / "notes" / f"{name}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-0{day}\ntags: x\n---\n# Post {name}\n\n```{{postlist}}\n```\n"
        )
    app = build(src, builder)
    assert warnings_of(app).strip() == ""
    out = Path(app.outdir)
    pages = ["index", "notes/alpha", "notes/beta", "notes/gamma", "blog/index", "blog/tag/x"]
    for page in pages:
        path = Path(app.builder.get_outfilename(page))
        soup = read_html(app, str(path.relative_to(out))[: -len(".html")])
        found = soup.select("a.mlblog-post-link")
        assert len(found) >= 3, page
        for a in found:
            href = a["href"].split("#")[0]
            target = (
                normpath(join(dirname(str(path.relative_to(out))), href))
                if href
                else str(path.relative_to(out))
            )
            if builder == "dirhtml" and not target.endswith(".html"):
                target = join(target, "index.html")
            title = read_html(app, target[: -len(".html")]).select_one("h1").get_text().strip("¶# ")
            assert title == a.get_text(), (page, a["href"])


def test_postlist_format_fields(tmp_path):
    """Every ablog ``:format:`` field, with its literal text escaped."""
    from conftest import build

    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://example.org/"\n'
        'blog_url_style = "mlblog"\n'
        'blog_authors = {"ada": ("Ada Lovelace", None)}\n'
    )
    (src / "index.md").write_text(
        "# Home\n\n```{postlist}\n:format: <{title}> by {author} in {category} [{tags}] {location}/{language}"
        " ({reading_time}) {series} {date}!\n:date: %Y\n```\n"
    )
    (src / "posts" / "one.md").write_text(
        "---\nblogpost: true\ndate: 2024-03-01\nauthor: ada\ncategory: Notes\ntags: a&b, c\n"
        "location: Paris\nlanguage: en\nseries: S\n---\n# One & only\n\nText.\n"
    )
    app = build(src)
    assert warnings_of(app).strip() == ""
    item = article(app, "index").select_one(".mlblog-item")
    assert (
        " ".join(item.get_text().split())
        == "<One & only> by Ada Lovelace in Notes [a&b, c] Paris/en (1 min read) S 2024!"
    )
    assert [(t, h.split("#")[0]) for t, h in links(item)] == [
        ("One & only", "posts/one.html"),
        ("Ada Lovelace", "blog/author/ada.html"),
        ("Notes", "blog/category/notes.html"),
        ("a&b", "blog/tag/ab.html"),
        ("c", "blog/tag/c.html"),
        ("Paris", "blog/location/paris.html"),
        ("en", "blog/language/en.html"),
    ]
