"""ablog's template API (``ablog`` in the page context) answers a site's own templates,
and ablog's old and extra template names exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, copy_root, read_html, warnings_of

ROOT = "ablog-api"


def sidebar(site, page: str, selector: str) -> str:
    node = read_html(site, page).select_one(selector)
    assert node is not None, selector
    return " ".join(node.get_text(" ").split())


def test_builds_warning_only_about_old_names(site):
    """No warning for an author missing from blog_authors (ablog has none), nor for a
    ``ref`` to a post's file name; the old sidebar name warns once, not per page."""
    lines = [line for line in warnings_of(site).splitlines() if line.strip()]
    assert len(lines) == 1 and "postcard.html is an old template name" in lines[0], lines


def test_post_file_names_are_ref_labels(site):
    """ablog registers each post's file name as a label: ``{ref}`one``` links post one."""
    link = read_html(site, "posts/two").select_one('div.body a[href="one.html"]')
    assert link is not None and link.get_text() == "One"


@pytest.mark.parametrize(
    ("label", "href", "text"),
    [
        ("blog-posts", "blog.html", "Posts"),  # ablog's addresses and link texts
        ("blog-tags", "blog/tag.html", "Tags"),
        ("blog-archives", "blog/archive.html", "Archives"),
        ("blog-categories", "blog/category.html", "Categories"),
        ("tag-python", "blog/tag/python.html", "python"),
        ("category-notes", "blog/category/notes.html", "Notes"),
        ("author-ana", "blog/author/ana-lima.html", "Ana Lima"),
        ("blog-feed", "blog/atom.xml", "API blog Feed"),
    ],
)
def test_ablogs_archive_labels(tmp_path, label, href, text):
    src = copy_root(ROOT, tmp_path)
    (src / "index.rst").write_text(
        (src / "index.rst").read_text() + f"\nSee :ref:`{label}`.\n", encoding="utf-8"
    )
    app = build(src)
    assert "undefined label" not in warnings_of(app)
    link = read_html(app, "index").select_one(f'div.body a[href="{href}"]')
    assert link is not None and link.get_text() == text


def test_blog_and_post_objects(site):
    assert sidebar(site, "posts/two", "#blog-size") == (
        "3 posts; baseurl https://api.example/; feed blog/atom.xml (API blog)"
    )
    assert sidebar(site, "posts/two", "#this-post") == (
        "Two | 2024-03-05 | Ana Lima <https://example.org/ana> | prev One | next Three"
    )
    # a draft: no date, no neighbours
    assert sidebar(site, "posts/later", "#this-post") == "Someday | draft | | prev - | next -"


def test_recent_leaves_out_the_page(site):
    assert sidebar(site, "posts/three", "#recent") == "03-05 - Two 01-10 - One"
    links = [a["href"] for a in read_html(site, "posts/three").select("#recent a")]
    assert links == ["two.html", "one.html"]


def test_catalogs_collections_and_relsize(site):
    cloud = read_html(site, "posts/two").select("#cloud li")
    assert [(li["class"][0], li.get_text()) for li in cloud] == [
        ("size-1", "<b>bold</b> (1)"),  # escaped: the tag's text, no element
        ("size-5", "python (2)"),
        ("size-5", "rust (2)"),
    ]
    assert read_html(site, "posts/two").select_one("#cloud b") is None
    assert [a["href"] for a in read_html(site, "index").select("#cloud a")][1] == (
        "blog/tag/python.html"
    )
    assert sidebar(site, "index", "#years") == "all 2025 (1) 2024 (2)"
    assert sidebar(site, "index", "#categories") == "Essays: Three; Notes: Two;One;"
    assert sidebar(site, "index", "#drafts") == "1 drafts: Someday"


def test_to_html_is_the_excerpt_linked_from_the_page(site):
    html = read_html(site, "index").select_one("#excerpt")
    assert html.get_text(strip=True) == "Third."


@pytest.mark.parametrize("name", ["ablog/locations.html", "ablog/languages.html"])
def test_location_and_language_sidebars(site, name):
    kind = name.split("/")[1].removesuffix(".html")
    text = sidebar(site, "posts/one", f".mlblog-sidebar-{kind}")
    assert (
        text == {"locations": "Locations Lisbon (1)", "languages": "Languages Portuguese (1)"}[kind]
    )


def test_postnavy_and_disqus(site):
    assert sidebar(site, "posts/two", ".ablog__prev-next") == "One Three"
    page = read_html(site, "posts/two")
    comments = page.select(".ablog__comments")
    assert len(comments) == 1  # under the body, and the theme's own include adds none
    script = comments[0].select_one("script").string
    assert 'var disqus_shortname = "apiblog";' in script
    assert 'var disqus_identifier = "/posts/two/";' in script  # ablog's: threads carry over
    assert 'var disqus_url = "https://api.example/posts/two";' in script
    assert read_html(site, "posts/three").select_one(".ablog__comments") is None  # nocomments
    assert read_html(site, "index").select_one(".ablog__comments") is None  # disqus_pages off
    assert read_html(site, "posts/later").select_one(".ablog__comments") is None  # a draft


def test_fontawesome_link(tmp_path):
    app = build(
        copy_root(ROOT, tmp_path),
        confoverrides={"fontawesome_link_cdn": "https://cdn.example/fa.css"},
    )
    links = [tag["href"] for tag in read_html(app, "posts/one").select("link[rel=stylesheet]")]
    assert "https://cdn.example/fa.css" in links


def test_ablogs_own_templates_render_with_the_api(tmp_path):
    """A site whose templates_path holds ablog's own templates (ablog.get_html_templates_path(),
    as Read the Docs' blog has it): ablog's markup renders from this build's posts."""
    ablog = pytest.importorskip("ablog")
    src = copy_root(ROOT, tmp_path)
    app = build(
        src,
        confoverrides={
            "templates_path": ["_templates", ablog.get_html_templates_path()],
            "html_sidebars": {
                "**": [
                    "ablog/postcard.html",
                    "ablog/recentposts.html",
                    "ablog/tagcloud.html",
                    "ablog/archives.html",
                    "ablog/categories.html",
                    "ablog/authors.html",
                    "ablog/locations.html",
                    "ablog/languages.html",
                ]
            },
        },
    )
    page = read_html(app, "posts/two")
    recent = [a.get_text(" ", strip=True) for a in page.select(".ablog__recentposts li a")]
    assert recent == ["02 February - Three", "10 January - One"] or recent == [
        "02-01 - Three",
        "01-10 - One",
    ]
    assert [a.get_text(strip=True) for a in page.select(".ablog__archives li a")] == [
        "2025 (1)",
        "2024 (2)",
    ]
    assert "Ana Lima" in page.select_one(".ablog__postcard").get_text()
    assert page.select_one(".ablog__locations") is not None
    # ablog's tag cloud links ablog's stylesheet, which ablog itself would have copied
    sheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert "../_static/ablog/tagcloud.css" in sheets
    assert (Path(app.outdir) / "_static/ablog/tagcloud.css").is_file()


def test_canonical_link(site):
    """ablog's ``canonical_link``: the page names its canonical address elsewhere."""
    links = read_html(site, "posts/three").select('link[rel="canonical"]')
    assert [link["href"] for link in links] == ["https://elsewhere.example/three.html"]
    assert read_html(site, "posts/two").select_one('link[rel="canonical"]')["href"] == (
        "https://api.example/posts/two.html"
    )


def test_an_author_by_full_name_is_the_configured_author(tmp_path):
    """``author: Ana Lima`` where blog_authors has ``Ana: ("Ana Lima", ...)``: one person,
    one page (ablog wrote both to the same address, one over the other)."""
    src = copy_root(ROOT, tmp_path)
    post = src / "posts" / "two.md"
    post.write_text(post.read_text().replace("author: Ana", "author: Ana Lima"))
    app = build(src)
    assert "[mlblog.duplicate]" not in warnings_of(app)
    titles = [
        a.get_text() for a in read_html(app, "blog/author/ana-lima").select(".mlblog-card-title a")
    ]
    assert titles == ["Two", "One"]


def test_fontawesome_link_cdn_true_turns_icons_on_and_links_nothing(tmp_path):
    """``fontawesome_link_cdn = True`` (a real ablog site has it): ablog takes it as
    "icons on" (and links ``href="True"``); it is no bad value here either."""
    app = build(copy_root(ROOT, tmp_path), confoverrides={"fontawesome_link_cdn": True})
    assert "fontawesome_link_cdn" not in warnings_of(app)
    page = read_html(app, "posts/two")
    links = [tag["href"] for tag in page.select("link[rel=stylesheet]")]
    assert not [href for href in links if href.endswith("True")]
    assert page.select(".ablog__prev-next i.fa")  # ablog's icons, as with fontawesome_included


def test_author_keys_with_one_entry_are_one_author(tmp_path):
    """A real site marks equal contributions with a second key for the same person
    (``"Ana*"`` beside ``"Ana"``, both ``("Ana Lima", url)``): one person, one page, which
    lists the posts of both keys (ablog wrote both keys' pages to one address, the second
    over the first, and lost the first key's posts from it)."""
    src = copy_root(ROOT, tmp_path)
    post = src / "posts" / "two.md"
    post.write_text(post.read_text().replace("author: Ana", "author: Ana*"))
    entry = ("Ana Lima", "https://example.org/ana")
    app = build(src, confoverrides={"blog_authors": {"Ana": entry, "Ana*": entry}})
    assert "[mlblog.duplicate]" not in warnings_of(app)
    assert "[mlblog.archive]" not in warnings_of(app)
    author = Path(app.outdir) / "blog" / "author"
    assert sorted(p.name for p in author.glob("*.html")) == ["ana-lima.html", "bruno.html"]
    titles = [
        a.get_text() for a in read_html(app, "blog/author/ana-lima").select(".mlblog-card-title a")
    ]
    assert titles == ["Two", "One"]
    byline = read_html(app, "posts/two").select(".mlblog-post-header a[href*='author']")
    assert [a.get_text() for a in byline] == ["Ana Lima"]


def test_a_local_extension_on_ablogs_python_api_is_named(tmp_path):
    """A project's own extension built on ablog's Python API (SciPy India's post grid:
    ``from ablog import anchor``, ``Blog(app).posts``) would list nothing: ablog is not
    set up. The build names the module and line; other modules are not named."""
    pytest.importorskip("ablog")
    src = tmp_path / "site"
    (src / "_ext").mkdir(parents=True)
    (src / "_ext" / "grid_on_ablog.py").write_text(
        '"""A post grid."""\n\nfrom ablog import anchor\n\n\n'
        "def setup(app):\n    return {'parallel_read_safe': True}\n"
    )
    (src / "_ext" / "plain_local.py").write_text("def setup(app):\n    return {}\n")
    installed = src / ".venv" / "lib" / "site-packages"  # a virtualenv in the project
    installed.mkdir(parents=True)
    (installed / "theme_on_ablog.py").write_text(
        "from ablog import anchor\n\n\ndef setup(app):\n    return {}\n"
    )
    (src / "conf.py").write_text(
        "import os, sys\nsys.path.insert(0, os.path.abspath('_ext'))\n"
        "sys.path.insert(0, os.path.abspath('.venv/lib/site-packages'))\n"
        'extensions = ["sphinx_mlblog", "grid_on_ablog", "plain_local", "theme_on_ablog"]\n'
        'exclude_patterns = [".venv"]\n'
    )
    (src / "index.md").write_text("# Home\n")
    lines = [line for line in warnings_of(build(src)).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "grid_on_ablog.py:3:" in lines[0] and "(anchor)" in lines[0]
    assert "[mlblog.ablog]" in lines[0]


def _own_archive_templates_site(tmp_path, collection: str, catalog: str | None = None):
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "_templates" / "ablog").mkdir(parents=True)
    (src / "_templates" / "ablog" / "collection.html").write_text(collection)
    if catalog is not None:
        (src / "_templates" / "ablog" / "catalog.html").write_text(catalog)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n'
        'templates_path = ["_templates"]\nblog_posts_per_page = 2\n'
        "blog_archive_posts_per_page = 2\n"
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\nblog\n```\n")
    for day in (1, 2, 3):
        (src / "posts" / f"p{day}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-0{day}\ntags: gpu, <b>odd</b>\n---\n"
            f"# Post {day}\n\nText {day}.\n"
        )
    return build(src)


#: psutil's way: a card per post, its date, tags and excerpt (docs/_templates/ablog)
OWN_COLLECTION = """{%- extends "page.html" %}
{% block body %}
<div class="own-listing"><h1 class="own-header">{{ header }} {{ collection }}</h1>
<ol>{% for post in collection %}<li class="own-card">
<a class="own-title" href="{{ pathto(post.docname) }}{{ anchor(post) }}">{{ post.title }}</a>
<time>{{ post.date.strftime('%Y-%m-%d') }}</time>
{% for tag in post.tags|sort %}<a class="own-tag" href="{{ pathto(tag.docname) }}">{{ tag }}</a>{% endfor %}
<div class="own-excerpt">{{ post.to_html(pagename) }}</div></li>{% endfor %}</ol></div>
{% endblock body %}
"""


def test_a_projects_own_collection_template_renders_the_archive_pages(tmp_path):
    """psutil and SciPy India restyle their blog with their own ``ablog/collection.html``:
    each archive page (a tag, a year, the blog index) is rendered with it, given ablog's
    ``collection`` and ``header``, every post on one page as ablog had it."""
    app = _own_archive_templates_site(tmp_path, OWN_COLLECTION)
    assert warnings_of(app).strip() == ""
    tag = read_html(app, "blog/tag/gpu")
    assert tag.select_one(".own-header").get_text() == "Posts tagged gpu"
    titles = [a.get_text() for a in tag.select(".own-card .own-title")]
    assert titles == ["Post 3", "Post 2", "Post 1"]  # newest first, not cut at 2 a page
    assert not (Path(app.outdir) / "blog/tag/gpu/page/2.html").exists()
    assert tag.select(".mlblog-card") == []  # the blog's own listing is not there too
    hrefs = {a.get_text(): a["href"] for a in tag.select(".own-card")[0].select(".own-tag")}
    assert hrefs["gpu"] == "#"  # this page
    assert "<b>" not in str(tag.select_one(".own-card")) and "&lt;b&gt;odd" in str(tag)
    assert "Text 3." in tag.select_one(".own-excerpt").get_text()
    index = read_html(app, "blog")
    assert index.select_one(".own-header").get_text().startswith("All")
    assert len(index.select(".own-card")) == 3
    assert index.select_one(".own-tag")["href"].startswith("blog/tag/")
    assert not (Path(app.outdir) / "blog/page/2.html").exists()
    year = read_html(app, "blog/2024")
    assert year.select_one(".own-header").get_text() == "Posted in 2024"


@pytest.mark.parametrize("builder", ["singlehtml", "epub"])
def test_own_archive_templates_in_other_html_builders(tmp_path, builder):
    """Single-page HTML keeps its one page (every document in it, not an archive's
    listing in place of it); EPUB renders its archive pages with the template, as ablog."""
    src = tmp_path / "site"
    app = _own_archive_templates_site(tmp_path, OWN_COLLECTION)
    app = build(src, buildername=builder)
    assert "mlblog" not in warnings_of(app)
    out = Path(app.outdir)
    if builder == "singlehtml":
        page = read_html(app, "index")
        assert page.select(".own-listing") == []
        assert "Text 1." in page.get_text() and "Home" in page.get_text()
    else:
        tag = (out / "blog/tag/gpu.xhtml").read_text(encoding="utf-8")
        assert tag.count('class="own-card"') == 3


def test_a_projects_own_catalog_template_renders_the_overview_pages(tmp_path):
    catalog = """{%- extends "page.html" %}{% block body %}<h1 class="own-catalog">{{ catalog }}
{{ header }}</h1>{% for coll in catalog %}<p class="own-coll">{{ coll }}: {{ coll|length }}
</p>{% endfor %}{% endblock body %}"""
    app = _own_archive_templates_site(tmp_path, OWN_COLLECTION, catalog)
    tags = read_html(app, "blog/tag")
    assert "Posts tagged" in tags.select_one(".own-catalog").get_text()
    assert sorted(p.get_text(" ", strip=True) for p in tags.select(".own-coll")) == [
        "<b>odd</b>: 3",
        "gpu: 3",
    ]


def test_a_collection_template_that_cannot_render_keeps_the_blogs_listing(tmp_path):
    broken = '{%- extends "page.html" %}{% block body %}{{ collection.nothing() }}{% endblock %}'
    app = _own_archive_templates_site(tmp_path, broken)
    warnings = warnings_of(app)
    assert "[mlblog.ablog]" in warnings and "collection.html cannot render" in warnings
    assert read_html(app, "blog/tag/gpu").select(".mlblog-card")  # the page still lists


def test_a_local_extension_finds_ablog_in_app_extensions(tmp_path):
    """psutil's ``ablog_extras`` sets ``app.extensions["ablog"].parallel_read_safe``: it
    stopped the build with a KeyError. ``needs_extensions`` naming ablog is met too, and
    another extension's ``app.setup_extension("ablog")`` loads nothing beside the blog."""
    src = tmp_path / "site"
    (src / "_ext").mkdir(parents=True)
    (src / "_ext" / "ablog_extras_like.py").write_text(
        "def setup(app):\n"
        "    app.setup_extension('ablog')\n"
        "    app.extensions['ablog'].parallel_read_safe = True\n"
        "    return {'parallel_read_safe': True}\n"
    )
    (src / "conf.py").write_text(
        "import os, sys\nsys.path.insert(0, os.path.abspath('_ext'))\n"
        'extensions = ["sphinx_mlblog", "ablog_extras_like"]\n'
        'needs_extensions = {"ablog": "0.11"}\nblog_baseurl = "https://e.org/"\n'
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\nposts/p\n```\n")
    (src / "posts").mkdir()
    (src / "posts" / "p.md").write_text("---\nblogpost: true\ndate: 2024-01-01\n---\n# P\n\nT.\n")
    app = build(src, parallel=2)
    assert warnings_of(app).strip() == ""
    assert app.extensions["ablog"].module.__name__ == "sphinx_mlblog"
    assert read_html(app, "posts/p").select(".mlblog-post-header")


def test_answering_for_another_extension_leaves_a_loaded_one_and_an_odd_table_alone():
    from types import SimpleNamespace

    from sphinx_mlblog import compat

    taken = {"ablog": object()}
    assert not compat.answer_for(SimpleNamespace(extensions=taken), "ablog", None, "1")
    assert not compat.answer_for(SimpleNamespace(extensions=[]), "ablog", None, "1")
    table: dict = {}
    assert compat.answer_for(SimpleNamespace(extensions=table), "ablog", None, "0.11.13")
    assert table["ablog"].version == "0.11.13" and table["ablog"].parallel_read_safe


def test_own_ablog_templates_are_a_sign_of_an_ablog_site_read_from_the_conf_folder(tmp_path):
    """A project whose templates override ablog's (``ablog/collection.html``) was made for
    ablog. ``templates_path`` starts at the configuration folder, which may not be the
    source folder (ctag-tbd's ``docs/config/conf.py`` with ``['../_templates']``); the
    package's own templates folder, which has ablog's names too, is no sign."""
    from types import SimpleNamespace

    from sphinx_mlblog.ablog_site import ablog_signs
    from sphinx_mlblog.render.templates import PACKAGE_TEMPLATES

    docs = tmp_path / "docs"
    (docs / "config").mkdir(parents=True)
    (docs / "_templates" / "ablog").mkdir(parents=True)
    (docs / "_templates" / "ablog" / "collection.html").write_text("{{ collection }}")
    config = SimpleNamespace(templates_path=["../_templates"], blog_path="blog")
    assert ablog_signs(str(docs), config, str(docs / "config"))
    assert not ablog_signs(str(docs), config)  # read from the source folder: not there
    ours = SimpleNamespace(templates_path=[str(PACKAGE_TEMPLATES.parent)], blog_path="blog")
    assert not ablog_signs(str(docs), ours)
