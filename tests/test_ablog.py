"""An ablog site builds after swapping "ablog" for "sphinx_mlblog"."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from conftest import article, build, read_html, warnings_of

ROOT = "ablog"
ROOTS_PIC = Path(__file__).parent / "roots" / "test-ablog" / "_static" / "pic.png"


def test_builds_without_warnings(site):
    assert warnings_of(site).strip() == ""


def test_postlist_with_ablog_options(site):
    listing = article(site, "index").select_one("ul.mlblog-postlist")
    items = [
        " ".join(li.select_one(".mlblog-item").get_text().split())
        for li in listing.find_all("li", recursive=False)
    ]
    assert items == [
        "First post (Apr 15)",
        "Second post (Jun 02)",
    ]  # :sort: oldest first; dates in post_date_format_short, as ablog shows them
    assert "list-style-type: circle" in listing["style"]
    excerpts = [e.get_text(strip=True) for e in listing.select(".mlblog-excerpt")]
    assert excerpts == [
        "This paragraph is the excerpt.",
        # transformed as the page is (smart quotes), as ablog takes it
        "This is the post\u2019s own excerpt, given as the directive content.",
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


@pytest.mark.parametrize("page", ["posts/first", "blog/tag/python"])
def test_location_and_language_shown_beside_the_post(site, page):
    """ablog's archive entries show a post's location and language, linked to their
    archive pages (a real Spanish-language site files every post by both): a card and a
    post's header show them too, translated, not only the postcard sidebar."""
    page_html = article(site, page)
    header = page_html.select_one(".mlblog-post-header")
    cards = [card for card in page_html.select(".mlblog-card") if "First post" in card.get_text()]
    meta = (header or cards[0]).select_one(".mlblog-meta")
    location, language = meta.select_one(".mlblog-locations"), meta.select_one(".mlblog-languages")
    assert location.get_text(" ", strip=True) == "from Pittsburgh, PA"
    assert language.get_text(" ", strip=True) == "written in English"
    here = (Path(site.outdir) / page).parent
    assert (here / location.a["href"]).resolve() == (
        Path(site.outdir) / "blog/location/pittsburgh-pa.html"
    ).resolve()
    assert (here / language.a["href"]).resolve() == (
        Path(site.outdir) / "blog/language/english.html"
    ).resolve()


@pytest.mark.parametrize(
    "page",
    [
        # ablog's addresses (the site is set up for ablog: blog_url_style "auto" keeps them):
        # authors, locations and languages by their full names
        "blog/location/pittsburgh-pa",
        "blog/language/english",
        "blog/category/software",
        "blog/author/ahmet-bakan",
        "blog/2013",
        "blog/tag",
        "blog/drafts",
        "blog",
    ],
)
def test_ablog_archives(site, page):
    assert (Path(site.outdir) / f"{page}.html").exists()
    assert "ablog's page and feed addresses" in site.status.getvalue()


def test_redirect_and_auto_image(site):
    redirect = (Path(site.outdir) / "old/first-post.html").read_text()
    assert 'content="1; url=../posts/first.html"' in redirect
    card_image = read_html(site, "blog").select_one("img.mlblog-card-image")
    assert card_image is not None and card_image["src"].endswith("_static/pic.png")


def test_ablog_sidebars_render(site):
    page = read_html(site, "posts/first")
    assert page.select_one(".mlblog-sidebar-postcard") and page.select_one(
        ".mlblog-sidebar-authors"
    )
    assert "Ahmet Bakan" in page.select_one(".mlblog-sidebar-authors").get_text()


def test_postcard_lists_every_key_of_the_post(site):
    """ablog's postcard shows a post's update, authors, location, language and category
    beside its tags, each linked to its archive page: none of them is lost."""
    card = read_html(site, "posts/first").select_one(".mlblog-sidebar-postcard")
    rows = {
        li.select_one(".mlblog-label").get_text(): li
        for li in card.select("li")
        if li.select_one(".mlblog-label")
    }
    assert "Updated" not in rows
    links = {
        label: [(a.get_text(), a["href"]) for a in rows[label].select("a")]
        for label in ("By", "Location", "Language", "Category", "Tags")
    }
    assert links == {
        "By": [("Ahmet Bakan", "../blog/author/ahmet-bakan.html")],
        "Location": [("Pittsburgh, PA", "../blog/location/pittsburgh-pa.html")],
        "Language": [("English", "../blog/language/english.html")],
        "Category": [("Software", "../blog/category/software.html")],
        "Tags": [("python", "../blog/tag/python.html"), ("sphinx", "../blog/tag/sphinx.html")],
    }
    for pairs in links.values():
        for _, href in pairs:
            assert (Path(site.outdir) / "posts" / href).resolve().is_file(), href
    # the latest of the post's ``update`` directives
    card = read_html(site, "posts/fourth").select_one(".mlblog-sidebar-postcard")
    updated = [li.get_text(" ", strip=True) for li in card.select("li") if "Updated" in li.text]
    assert updated == ["Updated Oct 29, 2013"]


def test_feeds_with_ablog_settings(site):
    feed = feedparser.parse((Path(site.outdir) / "blog/atom.xml").read_bytes())
    assert feed.bozo == 0 and [e.title for e in feed.entries] == [
        "Release notes",  # fifth.rst's section post, and the page's own
        "A page with a section post",
        "Fourth post",
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


def _notebook(*cells) -> str:
    import json

    return json.dumps({"cells": list(cells), "metadata": {"kernelspec": {"name": "python3"}}})


@pytest.mark.parametrize(
    "cell",
    [
        # nbsphinx, as ablog sites write notebook posts: a reST raw cell
        {
            "cell_type": "raw",
            "metadata": {"raw_mimetype": "text/restructuredtext"},
            "source": [
                ".. post:: 22 July 2018\n",
                "   :author: Will Barnes\n",
                "   :tags: a, b\n",
                "\n",
                "   Excerpt.\n",
            ],
        },
        {
            "cell_type": "raw",
            "metadata": {"format": "text/x-rst"},
            "source": ".. post:: 22 July 2018\n   :author: Will Barnes\n   :tags: a, b\n",
        },
        # myst-nb: a {post} fence in a Markdown cell
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": "```{post} 22 July 2018\n:author: Will Barnes\n:tags: a, b\n```\n",
        },
    ],
)
def test_scan_finds_post_directives_in_notebook_cells(tmp_path, cell):
    from sphinx_mlblog.collect.scan import extract

    path = tmp_path / "post.ipynb"
    title = {"cell_type": "markdown", "metadata": {}, "source": ["# A notebook post"]}
    path.write_text(_notebook(title, cell))
    raw, directive = extract(path)
    assert directive and raw["date"] == "22 July 2018"
    assert raw["author"] == "Will Barnes" and raw["tags"] == "a, b"


def test_scan_leaves_notebook_code_and_html_cells_alone(tmp_path):
    from sphinx_mlblog.collect.scan import extract

    path = tmp_path / "post.ipynb"
    path.write_text(
        _notebook(
            {
                "cell_type": "code",
                "metadata": {},
                "source": "# .. post:: 2020-01-01\n",
                "outputs": [],
            },
            {
                "cell_type": "raw",
                "metadata": {"raw_mimetype": "text/html"},
                "source": ".. post:: 2020-01-01\n",
            },
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": "````\n```{post} 2020-01-01\n```\n````\n",
            },
        )
    )
    raw, directive = extract(path)
    assert not directive and "date" not in raw
    (tmp_path / "broken.ipynb").write_text('{"cells": [1, "x"], "metadata": {}}')
    assert extract(tmp_path / "broken.ipynb") == ({}, False)


def test_scan_ignores_post_directive_in_other_text(tmp_path):
    from sphinx_mlblog.collect.scan import extract

    path = tmp_path / "p.md"
    path.write_text("# T\n\nWrite ```{post}``` to make a post.\n")
    assert extract(path) == ({}, False)


def test_scan_reads_myst_option_blocks_and_skips_code(tmp_path):
    """A post directive's YAML option block is read; one shown inside a code block is not
    a directive (the reader agrees on both)."""
    from sphinx_mlblog.collect.scan import extract

    path = tmp_path / "p.md"
    path.write_text(
        "# T\n\n```{post} 2024-01-02\n---\ntags: [a, b]\ncategory: c\n---\nExcerpt.\n```\n\n"
        "````markdown\n```{post} 2020-01-01\n:tags: wrong\n```\n````\n"
    )
    assert extract(path) == ({"date": "2024-01-02", "tags": ["a", "b"], "category": "c"}, True)
    only_code = tmp_path / "q.md"
    only_code.write_text(
        "# How to write a post\n\n````markdown\n```{post} 2020-01-01\n```\n````\n\n~~~\n```{post}\n```\n~~~\n"
    )
    assert extract(only_code) == ({}, False)


def _small_site(tmp_path: Path, files: dict[str, str], conf: str = "") -> Path:
    """A site of ``files`` (path -> text) with sphinx-mlblog and ``blog_baseurl``."""
    src = tmp_path / "site"
    for name, text in {
        "conf.py": 'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n' + conf,
        **files,
    }.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    return src


def _clean_build(tmp_path: Path, files: dict[str, str], conf: str = ""):
    """Build :func:`_small_site` and check that it warns of nothing."""
    from conftest import build

    app = build(_small_site(tmp_path, files, conf))
    assert warnings_of(app).strip() == ""
    return app


def test_scan_and_reader_agree_on_directive_posts(tmp_path):
    from conftest import build

    src = _small_site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "posts/p.md": "# A MyST post\n\n```{post} 2024-01-02\n---\ntags: [alpha, beta]\n"
            "category: cat\n---\nThe excerpt.\n```\n\nBody.\n",
            "posts/how.md": "---\norphan: true\n---\n# How to\n\n````markdown\n"
            "```{post} 2020-01-01\n:tags: wrong\n```\n````\n",
        },
    )
    app = build(src)
    assert warnings_of(app).strip() == ""
    out = Path(app.outdir)
    for page in ("blog/tag/alpha", "blog/tag/beta", "blog/category/cat"):
        assert [a.get_text() for a in article(app, page).select(".mlblog-card-title a")] == [
            "A MyST post"
        ]
    assert not (out / "blog/tag/wrong.html").exists() and not (out / "blog/year/2020.html").exists()
    assert "posts/how" not in app.env.get_domain("blog").posts


@pytest.mark.parametrize(
    "name, text",
    [
        (
            "p.rst",
            ".. post:: Aug 17, 2023\n   :tags: \n   :author: Kasper\n\nTitle\n=====\n\nText.\n",
        ),
        ("p.md", "# Title\n\n```{post} 2023-08-17\n:tags:\n:category:\n:featured:\n```\n\nText.\n"),
    ],
)
def test_an_empty_post_option_is_empty_for_the_scan_as_for_the_reader(tmp_path, name, text):
    """``:tags:`` with nothing after it (a real ablog site's posts have it) means no tags
    to docutils; the scan once read it as the flag value True, planned a tag page "true"
    and warned (``mlblog.archive``). Flags (``:featured:``) stay True."""
    from conftest import build

    from sphinx_mlblog.collect.scan import extract

    src = _small_site(tmp_path, {"index.md": "# Home\n", f"posts/{name}": text})
    raw, directive = extract(src / "posts" / name)
    assert directive and raw["tags"] == ""
    app = build(src)
    assert warnings_of(app).strip() == ""
    post = app.env.get_domain("blog").posts["posts/p"]
    assert post.tags == () and post.categories == ()
    assert post.featured is name.endswith(".md")
    assert not list(Path(app.outdir).glob("blog/tag/*true*"))


def test_scan_reads_quoted_myst_option_values_as_the_reader_does(tmp_path):
    """MyST reads ``:author: "@ada"`` as ``@ada`` (a YAML scalar) and drops a plain value's
    `` # comment``; the pre-read scan plans the same archive pages (a real site quoted
    every member's ``@handle``, and each warned ``mlblog.archive``)."""
    app = _clean_build(
        tmp_path,
        {
            "index.md": "# Home\n",
            "posts/p.md": '```{post} 2023-11-06\n:author: "@ada"\n:tags: x, y  # ours\n'
            ":category: people # a comment\n:excerpt: 1\n```\n\n# @ada\n\nHello.\n",
        },
        'suppress_warnings = ["myst.directive_comments"]\n',
    )
    post = app.env.get_domain("blog").posts["posts/p"]
    assert post.authors == ("@ada",) and post.categories == ("people",)
    assert post.tags == ("x", "y")
    for page in ("blog/author/ada", "blog/category/people"):
        titles = [a.get_text() for a in article(app, page).select(".mlblog-card-title a")]
        assert titles == ["@ada"], page


_RST_FIELD_LAYOUTS = {
    # a real ablog site's layout: each field's body on the line under it, blank lines between
    "under": ":blogpost:\n   true\n\n:date:\n   2025-10-19\n\n:tags:\n   ASGI, Kafka,\n   Event\n\n"
    ":category:\n   python\n\n########\n Under\n########\n\nBody.\n",
    "comment": ".. a comment\n   over two lines\n\n:blogpost: true\n:date: 2025-10-19\n"
    ":tags: ASGI, Kafka, Event\n:category: python\n\nCommented\n=========\n\nBody.\n",
}


@pytest.mark.parametrize("layout", sorted(_RST_FIELD_LAYOUTS))
def test_scan_reads_rst_field_lists_as_the_reader(tmp_path, layout):
    """A reST post's opening field list, however laid out, is planned from as it is read:
    no "planned differently" warning, and its archive pages are documents."""
    from conftest import build

    from sphinx_mlblog.collect.scan import extract

    src = _small_site(
        tmp_path,
        {
            "index.rst": "Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n",
            "posts/p.rst": _RST_FIELD_LAYOUTS[layout],
        },
    )
    raw, _ = extract(src / "posts" / "p.rst")
    assert raw["date"] == "2025-10-19" and raw["category"] == "python"
    assert [t.strip() for t in raw["tags"].split(",")] == ["ASGI", "Kafka", "Event"]
    app = build(src)
    assert warnings_of(app).strip() == ""
    assert app.env.metadata["posts/p"]["date"] == "2025-10-19"
    for page in ("blog/tag/asgi", "blog/tag/event", "blog/category/python"):
        assert (Path(app.srcdir) / f"{page}.md").exists()  # planned: a source document
        assert len(article(app, page).select(".mlblog-card-title a")) == 1


def test_scan_takes_no_fields_after_a_title(tmp_path):
    """Fields under the title are no document metadata to Sphinx; not to the scan either."""
    from sphinx_mlblog.collect.scan import extract

    path = tmp_path / "after.rst"
    path.write_text("After\n=====\n\n:date: 2024-03-01\n:blogpost: true\n\nBody.\n")
    assert extract(path) == ({}, False)


def test_a_scan_that_read_a_post_differently_is_corrected(tmp_path, monkeypatch):
    """The reader found a post the scan missed: this build warns and still has its pages
    (rendered without source documents); the next plans them as documents."""
    from conftest import build, copy_root

    from sphinx_mlblog.collect import scan

    src = copy_root("basic", tmp_path)
    real = scan.extract

    def misreads(path, encoding="utf-8-sig"):
        raw, directive = real(path, encoding)
        if str(path).endswith("rst-post.rst"):  # as if it had no post directive
            return {}, False
        return raw, directive

    monkeypatch.setattr(scan, "extract", misreads)
    app = build(src)
    assert "[mlblog.archive]" in warnings_of(app) and "blog/tag/diffusion" in warnings_of(app)
    assert "blog/tag/diffusion" not in app.env.all_docs
    page = article(app, "blog/tag/diffusion")
    assert page.h1.get_text().startswith("Posts tagged")
    assert [a.get_text() for a in page.select(".mlblog-card-title a")] == [
        "Diffusion models from scratch"
    ]
    # the post's tag links it, and the sitemap lists it
    header = article(app, "posts/2024/rst-post").select_one(".mlblog-post-header")
    assert "diffusion.html" in [
        a["href"].rsplit("/", 1)[-1] for a in header.select(".mlblog-tags a")
    ]
    assert "blog/tag/diffusion.html" in (Path(app.outdir) / "sitemap.xml").read_text()
    monkeypatch.setattr(scan, "extract", real)
    app = build(src)
    assert warnings_of(app).strip() == ""
    assert [
        a.get_text() for a in article(app, "blog/tag/diffusion").select(".mlblog-card-title a")
    ] == ["Diffusion models from scratch"]
    assert (
        "05 March 2024"
        in article(app, "posts/2024/rst-post").select_one(".mlblog-post-header").get_text()
    )


def test_directive_content_stays_on_the_page_unless_excluded(site):
    """ablog shows a post directive's content where it is; :exclude: keeps it to listings."""
    assert "own excerpt, given as the directive content" in article(site, "posts/second").get_text()
    fourth = article(site, "posts/fourth").get_text()
    assert "Only the excerpt" not in fourth and "The body of the fourth post." in fourth
    # an excluded excerpt still lists the post everywhere (ablog's :exclude: hides no post)
    for page in ("blog", "blog/tag/python", "blog/2013"):
        titles = [a.get_text() for a in article(site, page).select("a")]
        assert "Fourth post" in titles, page
    cards = article(site, "blog/tag/python").select(".mlblog-card")
    fourth_card = next(c for c in cards if "Fourth post" in c.get_text())
    assert "Only the excerpt" in fourth_card.get_text()


def test_update_directive(site):
    notes = article(site, "posts/fourth").select(".admonition.update")
    assert [n.select_one(".admonition-title").get_text() for n in notes] == [
        "Updated on Oct 21, 2013",
        "Updated on Oct 29, 2013",
    ]
    assert "A correction, noted on 21 October." in notes[0].get_text()
    post = site.env.get_domain("blog").posts["posts/fourth"]
    assert post.update.date().isoformat() == "2013-10-29"  # the latest update
    entry = next(
        e
        for e in feedparser.parse((Path(site.outdir) / "blog/atom.xml").read_bytes()).entries
        if e.title == "Fourth post"
    )
    assert entry.updated.startswith("2013-10-29")


@pytest.mark.parametrize("page", ["posts/third", "posts/fourth"])
def test_posts_may_end_with_a_transition(site, page):
    """As under ablog (no "Document may not end with a transition"): the rule is kept."""
    assert "transition" not in warnings_of(site)
    assert article(site, page).select("hr") != []
    assert "<!--  -->" not in (Path(site.outdir) / f"{page}.html").read_text()


def _own_index_site(tmp_path: Path, page: str, text: str) -> Path:
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\nblog_posts_per_page = 2\n'
    )
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   blog\n")
    (src / page).write_text(text)
    for day in (1, 2, 3):
        (src / "posts" / f"p{day}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-0{day}\n---\n# Post {day}\n\nText {day}.\n"
        )
    return src


def test_own_page_at_blog_path_lists_the_posts(tmp_path):
    """A title-only ``blog.rst`` (common in ablog sites) is the blog's index: the posts are
    listed under its text, paginated, at ablog's addresses."""
    from conftest import build

    app = build(_own_index_site(tmp_path, "blog.rst", "Blog\n====\n\nNews from us.\n"))
    assert warnings_of(app).strip() == ""
    page = article(app, "blog")
    assert "News from us." in page.get_text()
    first = [a.get_text() for a in page.select(".mlblog-card-title a")]
    second = [a.get_text() for a in article(app, "blog/page/2").select(".mlblog-card-title a")]
    assert first == ["Post 3", "Post 2"] and second == ["Post 1"]


def test_own_page_with_its_own_listing_is_left_alone(tmp_path):
    from conftest import build

    app = build(
        _own_index_site(
            tmp_path, "blog.rst", "Blog\n====\n\n.. postlist:: 1\n   :format: {title}\n"
        )
    )
    assert [a.get_text() for a in article(app, "blog").select(".mlblog-postlist a")] == ["Post 3"]
    assert article(app, "blog").select(".mlblog-card") == []
    assert not (Path(app.outdir) / "blog/page/2.html").exists()


def test_numbered_image_is_the_posts_nth_image(tmp_path):
    """ablog's ``:image: 2`` (``image: 2`` in front matter): the post's second image is its
    card image; no "image not found" warning."""
    from conftest import build

    src = tmp_path / "site"
    (src / "_static").mkdir(parents=True)
    for name in ("one.png", "two.png"):
        (src / "_static" / name).write_bytes(Path(ROOTS_PIC).read_bytes())
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n'
        'blog_url_style = "mlblog"\n'
    )
    (src / "index.rst").write_text(
        "Home\n====\n\n.. post:: 2024-01-02\n   :image: 2\n\n"
        ".. image:: _static/one.png\n\n.. image:: _static/two.png\n\nText.\n"
    )
    app = build(src)
    assert "not found" not in warnings_of(app)
    card = read_html(app, "blog/index").select_one("img.mlblog-card-image")
    assert card is not None and card["src"].endswith("two.png")


def test_catalog_pages_list_each_keys_posts_as_ablogs_do(site):
    """ablog's blog/tag (category, author, ...) pages show every key with its posts'
    dates and titles; so do a migrated site's."""
    page = article(site, "blog/tag")
    groups = {
        group.h2.get_text(): [a.get_text() for a in group.select(".mlblog-post-link")]
        for group in page.select(".mlblog-catalog-group")
    }
    assert groups["Posts tagged “python”"] == ["Fourth post", "Second post", "First post"]
    assert groups["Posts tagged “markdown”"] == ["Third post, in Markdown"]
    assert page.select_one(".mlblog-catalog-group h2 a")["href"].startswith("tag/")


def test_catalog_pages_follow_title_edits(tmp_path):
    import os

    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    conf = src / "conf.py"  # no sidebars: they would rewrite every page anyway
    conf.write_text(
        conf.read_text().replace("html_sidebars = ", "_sidebars = ")
        + "\nblog_url_style = 'ablog'\n"
    )
    build(src)
    post = src / "posts/second.rst"
    post.write_text(
        post.read_text().replace("Second post\n===========", "Renamed post\n============")
    )
    stat = post.stat()
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    app = build(src)
    titles = [a.get_text() for a in article(app, "blog/tag").select(".mlblog-post-link")]
    assert "Renamed post" in titles and "Second post" not in titles


def test_year_pages_show_excerpts_as_ablogs_do(site):
    page = article(site, "blog/2013")
    cards = page.select(".mlblog-card")
    assert [c.select_one(".mlblog-card-title").get_text(strip=True) for c in cards] == [
        "Release notes", "A page with a section post",
        "Fourth post", "Third post, in Markdown", "Second post", "First post",
    ]  # fmt: skip
    assert any(c.select_one(".mlblog-excerpt") for c in cards)


def test_ablogs_pages_of_an_empty_field_lead_to_the_overview(tmp_path):
    """An empty ``tags:`` (YAML's null) was ablog's tag ``null``, with a page at
    ``blog/tag/null``: that address forwards to the list of all tags, and no post shows
    a tag "null"."""
    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    (src / "posts" / "untagged.md").write_text(
        "---\nblogpost: true\ndate: Aug 02, 2013\ntags:\ncategory:\n---\n# Untagged\n\nText.\n",
        encoding="utf-8",
    )
    app = build(src)
    out = Path(app.outdir)
    for kind in ("tag", "category"):
        feed = feedparser.parse(str(out / f"blog/{kind}/null/atom.xml"))
        assert [e.title for e in feed.entries] == ["Untagged"], kind
        page = read_html(app, f"blog/{kind}/null")
        assert (
            page.find("meta", attrs={"http-equiv": "refresh"})["content"]
            == f"0; url=../{kind}.html"
        )
        assert (out / f"blog/{kind}.html").is_file()
    assert "null" not in article(app, "posts/untagged").get_text().lower()
    assert "mlblog" not in warnings_of(app)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_ablogs_page_of_an_empty_name_leads_to_the_overview(tmp_path, builder):
    """ablog split ``:category:`` (empty) and ``:tags: gpu,`` at commas and kept the empty
    name: pages ``blog/category/.html`` and ``blog/tag/.html``, which forward to the lists;
    no other page is touched (under dirhtml, where ablog had no such file, none is made)."""
    from bs4 import BeautifulSoup

    app = _build_with_post(
        tmp_path,
        "empty.rst",
        ":blogpost: true\n:date: Aug 03, 2013\n:category:\n\nEmpty\n=====\n\n"
        ".. post:: Aug 03, 2013\n   :tags: gpu,\n\nText.\n",
        buildername=builder,
    )
    out = Path(app.outdir)
    for kind in ("tag", "category"):
        page = out / f"blog/{kind}/.html"
        assert page.is_file() is (builder == "html")
        if builder == "html":
            soup = BeautifulSoup(page.read_text(), "html.parser")
            refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
            assert refresh["content"] == f"0; url=../{kind}.html"
    overview = out / ("blog/tag.html" if builder == "html" else "blog/tag/index.html")
    html = overview.read_text()
    assert 'http-equiv="refresh"' not in html and ">gpu<" in html
    # ablog's feeds of the nameless tag and category: the posts it had there
    for kind in ("tag", "category"):
        feed = feedparser.parse(str(out / f"blog/{kind}/atom.xml"))
        assert [e.title for e in feed.entries] == ["Empty"], kind


def test_a_kind_whose_only_name_is_empty_forwards_to_the_index(tmp_path):
    """Every post's ``:category:`` left empty (a real 2020 site): ablog wrote the
    nameless category's page and the list of categories (``blog/category``), both
    listing every post. Neither address is lost: both forward to the blog's index (the
    list of categories this build has not; it forwarded there before, to nothing)."""
    from bs4 import BeautifulSoup

    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_path = "blog"\nfontawesome_included = True\n'
    )
    (tmp_path / "index.rst").write_text("Home\n====\n\n.. toctree::\n   :glob:\n\n   p*\n")
    for name in ("p1", "p2"):
        (tmp_path / f"{name}.rst").write_text(
            f"{name}\n==\n\n.. post:: Aug 03, 2019\n   :tags: python\n   :category:\n\nText.\n"
        )
    app = build(tmp_path)
    out = Path(app.outdir)
    for page in ("blog/category/.html", "blog/category.html"):
        soup = BeautifulSoup((out / page).read_text(), "html.parser")
        target = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=")[1]
        assert (out / page).parent.joinpath(target).resolve() == (out / "blog.html").resolve()
    assert "blog/category" not in app.env.all_docs  # no list of no categories


def test_a_post_directive_in_a_section_makes_that_section_a_post(tmp_path):
    """ablog's section posts: with several ``post`` directives in a page, one directly in a
    section below the title makes the section a post of its own (its title, paragraphs,
    ``page#section``, in listings and feeds); those in the top section are the page's
    post, their archive keys merged."""
    import feedparser
    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    (src / "posts" / "sections.rst").write_text(
        "Two posts in one page\n=====================\n\n"
        ".. post:: Sep 01, 2013\n   :tags: first-tag\n   :location: Pittsburgh\n\n"
        "The page own post.\n\n"
        ".. post:: Sep 02, 2013\n   :tags: also-first\n\n"
        "A section\n---------\n\n"
        ".. post:: Sep 05, 2013\n   :tags: second-tag\n   :category: Sections\n\n"
        "The section post.\n",
        encoding="utf-8",
    )
    (src / "linker.rst").write_text(
        "Linker\n======\n\nSee :post:`posts/sections#a-section`.\n", encoding="utf-8"
    )
    app = build(src)
    posts = app.env.get_domain("blog").posts
    page, section = posts["posts/sections"], posts["posts/sections#a-section"]
    link = article(app, "linker").select_one("a.reference")
    assert link["href"] == "posts/sections.html#a-section" and link.get_text() == "A section"
    assert page.title == "Two posts in one page" and page.date.day == 1
    assert page.tags == ("first-tag", "also-first") and page.locations == ("Pittsburgh",)
    assert section.title == "A section" and section.date.day == 5
    assert section.tags == ("second-tag",) and section.categories == ("Sections",)
    assert section.excerpt == "The section post."
    links = [(a.get_text(), a["href"]) for a in article(app, "blog/tag/second-tag").find_all("a")]
    assert ("A section", "../../posts/sections.html#a-section") in links
    assert "Two posts in one page" not in article(app, "blog/tag/second-tag").get_text()
    assert "A section" not in article(app, "blog/tag/first-tag").get_text()
    feed = feedparser.parse((Path(app.outdir) / "blog/atom.xml").read_bytes())
    ids = [e.id for e in feed.entries]
    assert "https://ablog.example/posts/sections.html#a-section" in ids
    assert "https://ablog.example/posts/sections.html" in ids
    warnings = [w for w in warnings_of(app).splitlines() if "more than one post" in w]
    assert len(warnings) == 1 and "sections.rst:10:" in warnings[0]  # the two top ones


def test_a_post_whose_paragraphs_are_all_in_tables_still_has_an_excerpt(tmp_path):
    """As ablog: with no paragraph outside tables (an API page), the first one anywhere."""
    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    (src / "posts" / "api.rst").write_text(
        "API\n===\n\n.. post:: Sep 02, 2013\n\n"
        "+--------------------------+\n| A summary in a table.    |\n+--------------------------+\n",
        encoding="utf-8",
    )
    app = build(src)
    assert app.env.get_domain("blog").posts["posts/api"].excerpt == "A summary in a table."


def test_a_post_that_opens_with_a_quote_has_it_as_its_excerpt(tmp_path):
    """A ``>`` summary at the top of a post is its excerpt, as ablog takes it (a real
    site's posts open so); a "Disclaimer" admonition before the text is not."""
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_mlblog"]\n')
    (tmp_path / "index.md").write_text("# Home\n")
    (tmp_path / "quote.md").write_text(
        "---\nblogpost: true\ndate: 2021-07-03\n---\n# Pathlib\n\n"
        "> `pathlib` wraps each path in an object.\n\n## Usage\n\n```python\nPath()\n```\n\n"
        "Later text.\n"
    )
    (tmp_path / "note.md").write_text(
        "---\nblogpost: true\ndate: 2021-07-04\n---\n# Noted\n\n"
        "```{admonition} Disclaimer\nNot advice.\n```\n\nThe real start.\n"
    )
    posts = build(tmp_path).env.get_domain("blog").posts
    assert posts["quote"].excerpt == "pathlib wraps each path in an object."
    assert posts["note"].excerpt == "The real start."


def test_a_section_posts_edits_reach_the_listings(tmp_path):
    """Incremental builds: a section post's new title is on the listings; with its
    directive gone it is gone from them, and its archive page with it."""
    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    build(src)
    page = src / "posts" / "fifth.rst"
    page.write_text(
        page.read_text().replace("Release notes\n-------------", "Release news\n------------")
    )
    app = build(src)
    listed = article(app, "blog").get_text()
    assert "Release news" in listed and "Release notes" not in listed
    assert "posts/fifth#release-news" in app.env.get_domain("blog").posts
    page.write_text(page.read_text().split(".. post:: Sep 12, 2013")[0])
    app = build(src)
    assert "Release news" not in article(app, "blog").get_text()
    assert not any(p.anchor for p in app.env.get_domain("blog").posts.values())


def test_post_always_section_makes_a_lone_directive_in_a_section_its_sections_post(tmp_path):
    """ablog's ``post_always_section``: one ``post`` directive in a section makes that
    section the post (the page itself is none); a directive in the page's top section
    still makes the page the post."""
    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    (src / "posts" / "lone.rst").write_text(
        "A page\n======\n\nIntro.\n\nNews\n----\n\n.. post:: Sep 20, 2013\n   :tags: lone\n\n"
        "The news.\n",
        encoding="utf-8",
    )
    app = build(src, confoverrides={"post_always_section": True})
    posts = app.env.get_domain("blog").posts
    assert "posts/lone" not in posts and posts["posts/lone#news"].title == "News"
    assert posts["posts/first"].anchor == ""  # a directive in the top section: the page
    assert "is not supported" not in warnings_of(app) and "mlblog." not in warnings_of(app)
    without = build(copy_root(ROOT, tmp_path / "plain"))
    assert not any(
        p.anchor for p in without.env.get_domain("blog").posts.values() if "lone" in p.docname
    )


def test_a_markdown_link_to_a_post_by_its_name_is_not_ambiguous(tmp_path):
    """``[text](/posts/a)`` (a real ablog site's links) is a document to ``std:doc`` and a
    post to the blog domain: one link, no ``myst.xref_ambiguous`` warning; a link by slug
    still reaches the post."""
    from conftest import build

    src = _small_site(
        tmp_path,
        {
            "index.md": "# Home\n\n```{toctree}\n:glob:\nposts/*\n```\n",
            "posts/a.md": "---\nblogpost: true\ndate: 2024-01-01\n---\n# First\n\nA.\n",
            "posts/b.md": "---\nblogpost: true\ndate: 2024-02-01\n---\n# Second\n\n"
            "See [the first](/posts/a), [again](a) and [by slug](first-post).\n",
            "posts/c.md": "---\nblogpost: true\ndate: 2024-03-01\nslug: first-post\n---\n"
            "# Third\n\nC.\n",
        },
        conf='exclude_patterns = ["_build"]\n',
    )
    app = build(src)
    assert "ambiguous" not in warnings_of(app) and "WARNING" not in warnings_of(app)
    hrefs = [a["href"] for a in article(app, "posts/b").select("p a")]
    assert hrefs[:2] == ["a.html", "a.html"] and hrefs[2] == "c.html"


def test_ablog_old_sidebar_templates_warn_once_per_build(tmp_path):
    """A site that keeps ablog's template folder in ``templates_path`` renders ablog's old
    unprefixed sidebars, each of which warns: once per build, not on every page (a real
    site had 100 warnings for 18 pages). Other template warnings are as Sphinx gives them."""
    from conftest import build

    old = "{{ warning('postcard.html is an old template path, that is no longer used by ablog.') }}"
    src = _small_site(
        tmp_path,
        {
            "_templates/postcard.html": old + "\n",
            "_templates/mine.html": "{{ warning('my own note') }}\n",
            "index.md": "# Home\n\n```{toctree}\n:glob:\nposts/*\n```\n",
            **{
                f"posts/p{n}.md": f"---\nblogpost: true\ndate: 2024-01-0{n}\n---\n# P{n}\n\nText.\n"
                for n in (1, 2, 3)
            },
        },
        conf='templates_path = ["_templates"]\nhtml_theme = "alabaster"\n'
        'html_sidebars = {"**": ["postcard.html", "mine.html"]}\n',
    )
    warnings = warnings_of(build(src))
    assert warnings.count("postcard.html is an old template path") == 1
    assert warnings.count("my own note") >= 4  # every page, as Sphinx says it


def test_a_reference_found_by_its_relative_docname_is_not_ambiguous(tmp_path):
    """Two posts share the slug ``same``; from beside one of them, ``{post}`same``` names
    that one by its relative docname: it links it, and no warning says "ambiguous"."""
    from conftest import build

    post = "---\nblogpost: true\ndate: 2024-01-0{n}\n---\n# Same {n}\n\nText.\n"
    src = _small_site(
        tmp_path,
        {
            "index.md": "# Home\n\n```{toctree}\n:glob:\nposts/*/*\n```\n",
            "posts/a/same.md": post.format(n=1),
            "posts/b/same.md": post.format(n=2),
            "posts/b/other.md": "---\nblogpost: true\ndate: 2024-01-03\n---\n# Other\n\n"
            "See {post}`same`.\n",
        },
        conf='exclude_patterns = ["_build"]\n',
    )
    app = build(src)
    assert "ambiguous" not in warnings_of(app)
    see = next(p for p in article(app, "posts/b/other").select("p") if "See" in p.get_text())
    assert [a["href"] for a in see.select("a")] == ["same.html"]


def _bare_ablog_site(tmp_path: Path, conf: str = "") -> Path:
    """An ablog site with nothing in conf.py but the extension (ablog's minimal set-up):
    reST posts with the ``post`` directive above their titles."""
    src = tmp_path / "bare"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_mlblog"]\n' + conf)
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    for day, category in ((7, "random"), (8, "programming")):
        (src / "posts" / f"p{day}.rst").write_text(
            f".. post:: 2023-05-0{day}\n   :category: {category}\n\n"
            f"======\nPost {day}\n======\n\nText {day}.\n"
        )
    return src


def test_a_bare_ablog_site_keeps_ablogs_addresses(tmp_path):
    """Nothing in conf.py tells an ablog site from a new one: ``blog_url_style = "auto"``
    keeps ablog's addresses (nothing it published moves) and says why."""
    from conftest import build

    app = build(_bare_ablog_site(tmp_path))
    assert app.config.blog_url_style == "ablog"
    out = Path(app.outdir)
    for page in ("blog", "blog/2023", "blog/category", "blog/category/random", "blog/drafts"):
        assert (out / f"{page}.html").is_file(), page
    titles = [a.get_text() for a in article(app, "blog/2023").select("a") if "Post" in a.get_text()]
    assert titles[:2] == ["Post 8", "Post 7"]
    assert "nothing in conf.py is sphinx-mlblog's own" in app._status.getvalue()


@pytest.mark.parametrize(
    "conf",
    ["blog_posts_per_page = 5\n", 'html_sidebars = {"**": ["mlblog/recentposts.html"]}\n'],
)
def test_a_site_made_for_sphinx_mlblog_gets_its_addresses(tmp_path, conf):
    """A setting only sphinx-mlblog has, or its sidebar templates (``mlblog quickstart``
    writes them), make ``"auto"`` sphinx-mlblog's own addresses."""
    from conftest import build

    app = build(_bare_ablog_site(tmp_path, conf))
    assert app.config.blog_url_style == "mlblog"
    assert (Path(app.outdir) / "blog/index.html").is_file()
    assert (Path(app.outdir) / "blog/year/2023.html").is_file()


GLOB_FILES = [
    "posts/a.md", "posts/2024/b.md", "posts/2024/05/08/c.rst", "posts/.hidden/d.md",
    "posts/.e.md", "other/f.md", "posts/2024/g.ipynb", "index.md", "posts/x[1].md",
    "posts/^y.md",
]  # fmt: skip


@pytest.mark.parametrize(
    "pattern",
    [
        "posts/*", "posts/*/*", "posts/**/*.rst", "posts/**", "**/*.md", "posts/**/*", "*",
        "posts/?.md", "posts/[ab].md", "posts/[!a].md", "posts/2024/*.ipynb", "./posts/*",
        "posts/.*", "posts/*.md", "posts/x[[]1].md", "posts/[^]y.md",
    ],
)  # fmt: skip
def test_post_patterns_match_the_files_ablogs_glob_finds(tmp_path, pattern):
    """``blog_post_pattern`` is ablog's recursive glob of source files: a pattern matches
    the files ``glob.glob`` finds (``*`` within a folder, ``**`` across them, no hidden
    names), whether or not it names their suffix (``posts/**/*.rst``)."""
    import glob
    import os

    from sphinx_mlblog.collect.sources import matches_pattern

    for name in GLOB_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = glob.glob(os.path.join(tmp_path, pattern), recursive=True)
    expected = {Path(p).relative_to(tmp_path).as_posix() for p in found if os.path.isfile(p)}
    assert {n for n in GLOB_FILES if matches_pattern(n, (pattern,), source=n)} == expected


def test_a_post_pattern_with_a_suffix_and_two_stars_finds_the_posts(tmp_path):
    """``blog_post_pattern = "posts/**/*.rst"`` (a real ablog site's): its posts, read by
    their reST field lists, are posts, with their pages, archives and redirects."""
    app = _clean_build(
        tmp_path,
        {
            "index.rst": "Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/**\n",
            "posts/2024/05/08/test.rst": ":date: May 08, 2024\n:category: test\n:tags: test\n"
            ":redirect: posts/test\n\nTest Post\n=========\n\nHello.\n",
        },
        'blog_post_pattern = "posts/**/*.rst"\n',
    )
    assert "posts/2024/05/08/test" in app.env.get_domain("blog").posts
    out = Path(app.outdir)
    for page in ("blog/tag/test", "blog/category/test", "blog/2024", "posts/test"):
        assert (out / f"{page}.html").is_file(), page


def test_an_excerpt_with_a_named_reference_its_copy_cannot_resolve_builds(tmp_path):
    """A real ablog site's excerpt (the ``post`` directive's content) held a named
    reference (```State pattern`_``) to a target further down the page, which the page
    resolved and the excerpt did not: rendering the excerpts at ``env-updated`` stopped the
    build. The excerpt is now taken once the page's transforms have run: the link works."""
    app = _clean_build(
        tmp_path,
        {
            "index.rst": "Home\n====\n\n.. postlist::\n   :excerpts:\n",
            "posts/p.rst": "Post\n====\n\n.. post:: 2024-01-02\n\n"
            "   Uses the `State pattern`_ here.\n\nText.\n\n"
            ".. _State pattern: https://example.org/state\n",
        },
    )
    card = article(app, "index").select_one(".mlblog-card")
    assert "Uses the State pattern here." in " ".join(card.get_text(" ").split())
    assert card.select_one('.mlblog-excerpt a[href="https://example.org/state"]') is not None


def test_an_empty_rest_field_is_empty(tmp_path):
    """docutils puts its warning about an empty ``:author:`` inside the field, so the
    author was the warning's text (a page ``blog/author/tmp-...-cannot-extract-empty-...``,
    and the scan and the reader disagreed); the field is empty, the warning stays."""
    app = _build_with_post(
        tmp_path,
        "noauthor.rst",
        ":blogpost: true\n:date: Aug 04, 2013\n:author:\n:tags: solo\n\nNo author\n=========\n\nText.\n",
    )
    warnings = warnings_of(app)
    assert 'Cannot extract empty bibliographic field "author"' in warnings
    assert "mlblog" not in warnings
    post = app.env.get_domain("blog").posts["posts/noauthor"]
    assert "cannot" not in " ".join(post.authors).lower()
    authors = Path(app.outdir) / "blog" / "author"
    assert not [p for p in authors.iterdir() if "cannot" in p.name]
    assert "Cannot extract" not in article(app, "posts/noauthor").get_text()


def _build_with_post(tmp_path, name: str, text: str, **kwargs):
    """The ablog sample site with one more post, ``posts/<name>``, built."""
    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    (src / "posts" / name).write_text(text, encoding="utf-8")
    return build(src, **kwargs)


def test_a_blog_path_with_a_trailing_slash_keeps_ablogs_index_address(tmp_path):
    """ablog took ``blog_path = "news/"`` as written: its index was ``news/.html``."""
    from bs4 import BeautifulSoup
    from conftest import build, copy_root

    src = copy_root(ROOT, tmp_path)
    app = build(src, confoverrides={"blog_path": "news/"})
    out = Path(app.outdir)
    assert (out / "news.html").is_file()
    soup = BeautifulSoup((out / "news/.html").read_text(), "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../news.html"


def test_a_post_of_an_external_link(tmp_path):
    """ablog's ``:external_link:``: listings link the external page; the feed entry links
    the post's page, as ablog's does (subscribers keep their entries), and names the
    external page as Atom's ``related`` link and JSON Feed's ``external_url``."""
    import json

    app = _build_with_post(
        tmp_path,
        "elsewhere.rst",
        "Elsewhere\n=========\n\n.. post:: Sep 09, 2013\n"
        "   :external_link: https://example.org/elsewhere?a=1&b=2\n\nRead it there.\n",
    )
    out = Path(app.outdir)
    feed = feedparser.parse(str(out / "blog/atom.xml"))
    entry = next(e for e in feed.entries if e.title == "Elsewhere")
    assert entry.link == "https://ablog.example/posts/elsewhere.html"
    related = [link.href for link in entry.links if link.rel == "related"]
    assert related == ["https://example.org/elsewhere?a=1&b=2"]
    items = json.loads((out / "blog/feed.json").read_text())["items"]
    item = next(i for i in items if i["title"] == "Elsewhere")
    assert item["url"] == entry.link and item["external_url"] == related[0]
    links = [a["href"] for a in article(app, "blog").select("a") if a.get_text() == "Elsewhere"]
    assert links and set(links) == {"https://example.org/elsewhere?a=1&b=2"}


@pytest.mark.parametrize(
    ("name", "value", "used"),
    [
        ("blog_feed_archives", 1, True),
        ("blog_feed_fulltext", 0, False),
        ("post_show_prev_next", 0, False),
        ("disqus_pages", 1, True),
        ("blog_archive_titles", 1, True),
        ("post_auto_image", True, 1),
        ("post_auto_excerpt", True, 1),
    ],
)
def test_ablog_settings_are_read_as_ablog_reads_them(tmp_path, name, value, used):
    """Old ``conf.py`` files write ``blog_feed_archives = 1``, ``post_auto_image = True``:
    ablog used them by their truth and as numbers; they were "invalid" here (a warning,
    and the default: no archive feeds)."""
    from conftest import build, copy_root

    app = build(copy_root(ROOT, tmp_path), confoverrides={name: value})
    assert "mlblog.config" not in warnings_of(app)
    assert getattr(app.config, name) == used and type(getattr(app.config, name)) is type(used)
    if name == "blog_feed_archives":
        assert (Path(app.outdir) / "blog/tag/python/atom.xml").is_file()


def test_under_dirhtml_a_redirect_is_where_ablog_wrote_it(tmp_path):
    """``:redirect: old/first-post`` under dirhtml: ablog's page was
    ``old/first-post/index.html`` (the address ``old/first-post/``)."""
    from conftest import build, copy_root

    app = build(copy_root(ROOT, tmp_path), buildername="dirhtml")
    redirect = (Path(app.outdir) / "old/first-post/index.html").read_text()
    assert 'content="1; url=../../posts/first/"' in redirect
    assert not (Path(app.outdir) / "old/first-post.html").exists()


def test_excerpt_given_as_a_number_is_a_paragraph_count(tmp_path):
    """``excerpt: N`` is ablog's paragraph count wherever it is given -- a Markdown
    ``{post}`` directive (a real site's ``:excerpt: 0``, for no excerpt, was listed as the
    text "0"), YAML front matter, a reST field list; front matter ``excerpt:`` text stays
    a summary (ablog crashes on it)."""
    app = _clean_build(
        tmp_path,
        {
            "index.md": "# Home\n\n```{toctree}\n:glob:\nposts/*\n```\n",
            "posts/none.md": "```{post} 2024-06-10\n:tags: adaptivity\n:excerpt: 0\n```\n\n"
            "# No excerpt\n\nFirst para.\n\nSecond para.\n",
            "posts/two.md": "```{post} 2024-06-11\n:excerpt: 2\n```\n\n# Two\n\nFirst para.\n\n"
            "Second para.\n\nThird para.\n",
            "posts/yaml.md": "```{post} 2024-06-12\n---\nexcerpt: 1\n---\n```\n\n# Yaml\n\n"
            "Only this.\n\nNot this.\n",
            "posts/text.md": "---\nexcerpt: A summary of my own.\n---\n"
            "```{post} 2024-06-13\n```\n\n# Text\n\nBody.\n",
            "posts/front.md": "---\nblogpost: true\ndate: 2024-06-14\nexcerpt: 0\n---\n"
            "# Front\n\nFirst para.\n",
            "posts/quoted.md": "---\nblogpost: true\ndate: 2024-06-15\nexcerpt: '2'\n---\n"
            "# Quoted\n\nFirst para.\n\nSecond para.\n\nThird para.\n",
            "posts/fields.rst": ":blogpost: true\n:date: 2024-06-16\n:excerpt: 1\n\nFields\n"
            "======\n\nFirst para.\n\nSecond para.\n",
        },
    )
    excerpts = {
        card.select_one(".mlblog-card-title").get_text(strip=True): (
            card.select_one(".mlblog-excerpt").get_text(" ", strip=True)
            if card.select_one(".mlblog-excerpt")
            else None
        )
        for card in article(app, "blog").select(".mlblog-card")
    }
    assert excerpts == {
        "Fields": "First para.",
        "Quoted": "First para. Second para.",
        "Front": None,
        "Text": "A summary of my own.",
        "Yaml": "Only this.",
        "Two": "First para. Second para.",
        "No excerpt": None,
    }


def test_a_bad_excerpt_warns_at_its_line(tmp_path):
    """A list as front matter ``excerpt`` (the summary's alias) and a negative directive
    ``:excerpt:`` warn, naming the file and line; the posts are listed all the same."""
    from conftest import build

    app = build(
        _small_site(
            tmp_path,
            {
                "index.md": "# Home\n\n```{toctree}\n:glob:\nposts/*\n```\n",
                "posts/a.md": "---\nblogpost: true\ndate: 2024-06-01\nexcerpt: [1, 2]\n---\n"
                "# A\n\nFirst.\n",
                "posts/b.md": "# B\n\n```{post} 2024-06-02\n:excerpt: -1\n```\n\nFirst.\n",
            },
        )
    )
    warnings = warnings_of(app)
    assert "a.md:4: WARNING: invalid 'summary'" in warnings
    assert "b.md:3: WARNING: post option 'excerpt' must be a number" in warnings
    titles = [a.get_text() for a in article(app, "blog").select(".mlblog-card-title a")]
    assert titles == ["B", "A"]


def test_recent_posts_are_five_others_on_a_recent_post(tmp_path):
    """The recent-posts sidebar of one of the newest posts lists five other posts, as
    ablog's does (it was four: the page was left out after taking five)."""
    from conftest import build

    src = tmp_path / "recent"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nhtml_sidebars = {"**": ["ablog/recentposts.html"]}\n'
    )
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    for day in range(1, 9):
        (src / "posts" / f"p{day}.rst").write_text(
            f".. post:: 2023-05-0{day}\n\n======\nPost {day}\n======\n\nText {day}.\n"
        )
    app = build(src)
    titles = [a.get_text() for a in read_html(app, "posts/p8").select(".mlblog-sidebar-recent a")]
    assert titles == ["Post 7", "Post 6", "Post 5", "Post 4", "Post 3"]
    titles = [a.get_text() for a in read_html(app, "index").select(".mlblog-sidebar-recent a")]
    assert titles == ["Post 8", "Post 7", "Post 6", "Post 5", "Post 4"]


@pytest.mark.parametrize(
    "extensions", [["ablog", "sphinx_mlblog"], ["sphinx_mlblog", "ablog"]], ids=["after", "before"]
)
def test_ablog_beside_sphinx_mlblog_says_what_to_do(tmp_path, extensions):
    """A site that swapped the name in conf.py but not in a shared configuration it
    imports (Nuitka's site lists ablog in both) loads both: say so, in either order,
    instead of failing on "Config value 'blog_path' already present"."""
    from sphinx.errors import ExtensionError

    (tmp_path / "conf.py").write_text(f"extensions = {extensions!r}\n")
    (tmp_path / "index.rst").write_text("Home\n====\n")
    with pytest.raises(ExtensionError, match='remove "ablog" from extensions'):
        build(tmp_path)


def test_a_projects_own_postnavy_is_its_previous_and_next_links(tmp_path):
    """ablog's page.html includes ``ablog/postnavy.html`` under every post: a site that
    overrides it (and sets ``post_show_prev_next = False`` so that its own shows, as a
    real one does) keeps its links there, in place of ours."""
    (tmp_path / "_templates/ablog").mkdir(parents=True)
    (tmp_path / "_templates/ablog/postnavy.html").write_text(
        "{% set post = ablog[pagename] %}{% if not ablog.post_show_prev_next %}"
        '<div class="my-nav">{% if post.prev %}<a class="my-prev" href="'
        '{{ pathto(post.prev.docname) }}{{ anchor(post.prev) }}">{{ post.prev.title }}</a>'
        "{% endif %}</div>{% endif %}"
    )
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\ntemplates_path = ["_templates"]\n'
        "post_show_prev_next = False\n"
    )
    (tmp_path / "index.rst").write_text("Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    (tmp_path / "posts").mkdir()
    for name, date in (("old", "2024-01-01"), ("new", "2024-02-01")):
        (tmp_path / f"posts/{name}.rst").write_text(
            f".. post:: {date}\n\n{name.title()} post\n========\n\nText.\n"
        )
    app = build(tmp_path)
    page = article(app, "posts/new")
    assert [(a.get_text(), a["href"]) for a in page.select(".my-nav a.my-prev")] == [
        ("Old post", "old.html")
    ]
    assert page.select_one(".mlblog-prevnext") is None
    assert len(page.select(".my-nav")) == 1
    assert warnings_of(app).strip() == ""


def test_the_and_of_an_author_list_names_no_author_and_its_page_leads_on(tmp_path):
    """``author: Zed One, and Zed Two`` names Zed Two; ablog's page of "and Zed Two"
    (``blog/author/and-zed-two``) forwards to Zed Two's."""
    app = _build_with_post(
        tmp_path,
        "pair.md",
        "---\nblogpost: true\ndate: Aug 04, 2013\nauthor: Zed One, and Zed Two\n---\n"
        "# A pair\n\nText.\n",
    )
    titles = [a.get_text() for a in read_html(app, "blog/author/zed-two").select("a")]
    assert "A pair" in titles
    forward = read_html(app, "blog/author/and-zed-two")
    assert forward.find("meta", attrs={"http-equiv": "refresh"})["content"] == (
        "0; url=zed-two.html"
    )
    links = [a.get_text() for a in article(app, "posts/pair").select("a[href*='author/']")]
    assert "Zed Two" in links and not [text for text in links if text.startswith("and")]
    assert "mlblog" not in warnings_of(app)


@pytest.mark.parametrize(
    ("page", "jobs"), [("about", 1), ("zz-about", 1), ("about", 2)]
)  # read before and after the stubs, and by parallel readers
def test_generated_pages_take_no_autosectionlabel_labels(tmp_path, page, jobs):
    """With autosectionlabel, a project's sections titled like generated pages ("Blog",
    "Archive", "Tags", a year) keep their labels: no duplicate-label warning naming a
    generated file, and a reference to them leads to the project's page."""
    from conftest import build

    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog", "sphinx.ext.autosectionlabel"]\n'
        'blog_baseurl = "https://e.org/"\n'
    )
    (src / "index.md").write_text(f"# Home\n\n```{{toctree}}\n{page}\nblog\n```\n")
    sections = ["Blog", "Archive", "Tags", "2024"]
    (src / f"{page}.md").write_text(
        "# About\n\n"
        + "".join(f"## {title}\n\nText.\n\n" for title in sections)
        + " ".join(f"{{ref}}`{title}`" for title in sections)
        + "\n"
    )
    (src / "posts" / "p.md").write_text(
        "---\nblogpost: true\ndate: 2024-01-01\ntags: a\n---\n# Post\n\nText.\n"
    )
    app = build(src, parallel=jobs)
    assert warnings_of(app).strip() == ""
    refs = article(app, page).select("a.reference.internal")
    assert [a["href"] for a in refs[-4:]] == ["#blog", "#archive", "#tags", "#id1"]
    # the generated pages are still there, titled as before
    assert read_html(app, "blog/archive").title.get_text().startswith("Archive")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("index.md", "---\nblogpost: false\n---\n# Blog\n\nOur posts.\n"),
        ("index.rst", ":blogpost: false\n\nBlog\n====\n\nOur posts.\n"),
    ],
)
def test_blogpost_false_turns_down_the_post_pattern(tmp_path, name, text):
    """A folder's own index page among its posts (SciPy India's ``blog/index.md`` under
    ``blog_post_pattern = "blog/*.md"``) is no post when it says ``blogpost: false``: no
    draft banner, not left out of the search and the navigation, listed nowhere."""
    from conftest import build

    src = tmp_path / "site"
    (src / "blog").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n'
        'blog_post_pattern = ["blog/*.md", "blog/*.rst"]\n'
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\nblog/index\n```\n")
    (src / "blog" / name).write_text(text)
    (src / "blog" / "first.md").write_text("---\ndate: 2025-07-26\n---\n# First\n\nText.\n")
    app = build(src)
    assert warnings_of(app).strip() == ""
    page = read_html(app, "blog/index")
    assert page.select(".mlblog-draft-banner") == []
    assert page.find("meta", attrs={"name": "robots"}) is None
    assert "Our posts." in article(app, "blog/index").get_text()
    assert list(app.env.get_domain("blog").posts) == ["blog/first"]
    assert "Blog" not in article(app, "blog/drafts").get_text().split("Drafts", 1)[-1]
