"""Every blog page renders on other themes too, without errors or warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_root, read_html, warnings_of


@pytest.mark.parametrize("theme", ["alabaster", "pydata_sphinx_theme", "sphinx_book_theme", "furo"])
def test_blog_renders_on_theme(tmp_path, theme):
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    text = conf.read_text()
    if theme != "furo":  # furo's sidebar slots do not exist elsewhere
        text = text.replace("html_sidebars", "_furo_sidebars")
    conf.write_text(text + f'\nhtml_theme = "{theme}"\n')
    app = build(src)
    assert warnings_of(app).strip() == ""
    out = Path(app.outdir)
    for page in (
        "blog/index",
        "blog/page/2",
        "blog/tag/attention",
        "blog/archive",
        "posts/2024/speculative",
        "landing",
    ):
        soup = read_html(app, page)
        assert soup.select(".mlblog-card, .mlblog-postlist, .mlblog-post-header"), (theme, page)
        assert soup.find("link", href=lambda h: h and "mlblog.css" in h)
    assert (out / "blog/atom.xml").exists()


def test_page_context_extensions_work_on_every_generated_page(tmp_path):
    """sphinxext-opengraph reads the usual page-context keys ("meta") on every page,
    further archive pages (which have no document) included."""
    pytest.importorskip("sphinxext.opengraph")
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text()
        + '\nextensions = [*extensions, "sphinxext.opengraph"]\nogp_site_url = "https://e.org/"\n'
    )
    app = build(src)
    assert warnings_of(app).strip() == ""
    page = read_html(app, "blog/page/2")
    # sphinxext-opengraph's own tag (from its ogp_site_url), written on a further page
    assert page.find("meta", property="og:url")["content"] == "https://e.org/blog/page/2.html"
    assert page.find("meta", property="og:title") is not None
    # its tags are written once: ours are left out where it writes its own
    post = read_html(app, "posts/2024/speculative")
    for prop in ("og:title", "og:url", "og:type", "og:description"):
        assert len(post.find_all("meta", property=prop)) <= 1, prop
    assert len(post.find_all("meta", attrs={"name": "description"})) <= 1
    assert post.find("meta", attrs={"name": "twitter:card"}) is None
    assert post.find("meta", property="article:published_time") is not None
    assert not (Path(app.outdir) / "_images/social").exists()


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme", "sphinx_book_theme"])
def test_last_updated_by_git_takes_further_pages_as_pages_without_a_source(tmp_path, theme):
    """sphinx-sitemap sets up sphinx-last-updated-by-git, which takes a page whose context
    has a source name for a document: further archive pages made a real site crash (a
    KeyError in its page-context handler). They have no source, like Sphinx's own
    generated pages."""
    import subprocess

    pytest.importorskip("sphinx_last_updated_by_git")
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    text = conf.read_text()
    if theme != "furo":
        text = text.replace("html_sidebars", "_furo_sidebars")
    conf.write_text(
        text
        + f'\nhtml_theme = "{theme}"\nextensions = [*extensions, "sphinx_last_updated_by_git"]\n'
        'html_last_updated_fmt = "%Y-%m-%d"\nexclude_patterns = ["_build"]\n'
    )
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@e.org", "-C", str(src)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "site"], check=True)
    app = build(src)
    assert warnings_of(app).strip() == ""
    assert (Path(app.outdir) / "blog/page/2.html").exists()
    further = read_html(app, "blog/page/2")
    assert further.select(".mlblog-card")


def read_html_path(path: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "latex", "epub"])
def test_other_builders(tmp_path, builder):
    src = copy_root("basic", tmp_path)
    app = build(
        src,
        buildername=builder,
        confoverrides={"html_sidebars": {}, "copyright": "2026", "version": "1"},
    )
    warnings = [
        w for w in warnings_of(app).splitlines() if ".doctree" not in w
    ]  # epub lists Sphinx's own doctrees
    assert warnings == []
    if builder == "text":
        text = (Path(app.outdir) / "index.txt").read_text()
        assert "2024-03-05 – Diffusion models from scratch" in text
    if builder in ("singlehtml", "epub"):  # one page, or no page files: no pagination
        assert not (Path(app.outdir) / "blog/page/2.html").exists()
        assert (
            "blog/page/2"
            not in (
                Path(app.outdir) / ("index.html" if builder == "singlehtml" else "blog/index.xhtml")
            ).read_text()
        )
    if builder == "dirhtml":
        html = read_html_path(Path(app.outdir) / "blog/index.html")
        assert [a["href"] for a in html.select(".mlblog-pagination a")][0] == "page/2/"
        assert (Path(app.outdir) / "blog/page/2/index.html").exists()


#: builder -> the output file that holds the listings of the "lists" page
LISTING_FILES = {
    "html": "lists.html",
    "dirhtml": "lists/index.html",
    "singlehtml": "index.html",
    "text": "lists.txt",
    "latex": "builders.tex",
    "texinfo": "builders.texi",
    "man": "builders.1",
    "epub": "lists.xhtml",
    "json": "lists.fjson",  # sphinxcontrib-serializinghtml: each page's context as data
    "pickle": "lists.fpickle",
}


@pytest.mark.parametrize("builder", [*LISTING_FILES, "linkcheck"])
def test_every_builder_resolves_listings_on_any_page(tmp_path, builder):
    app = build(copy_root("builders", tmp_path), buildername=builder)
    warnings = [
        w
        for w in warnings_of(app).splitlines()
        if ".doctree" not in w and "environment.pickle" not in w
    ]
    assert warnings == [], warnings
    assert app.statuscode == 0
    if builder == "linkcheck":
        assert "broken" not in (Path(app.outdir) / "output.txt").read_text()
        return
    path = Path(app.outdir) / LISTING_FILES[builder]
    if builder in ("json", "pickle"):  # ablog builds them: so do its sites here
        import json
        import pickle

        page = (
            json.loads(path.read_text()) if builder == "json" else pickle.loads(path.read_bytes())
        )
        soup = BeautifulSoup(page["body"], "lxml")
        titles = [a.get_text() for a in soup.select(".mlblog-post-link, .mlblog-card-title a")]
        assert {"The first post", "The second post"} <= set(titles), (builder, titles)
        assert "ablog" not in page and "mlblog" not in page  # template objects stay out
        assert not list(Path(app.outdir).rglob("*.html.md"))  # no llms copies: data only
        return
    text = path.read_text(encoding="utf-8")
    assert "postlist_node" not in text and "archive_node" not in text
    if app.builder.format == "html":
        soup = read_html_path(Path(app.outdir) / LISTING_FILES[builder])
        titles = [
            a.get_text()
            for a in soup.select(".mlblog-postlist .mlblog-post-link, .mlblog-card-title a")
        ]
        assert {"The first post", "The second post"} <= set(titles), (builder, titles)
        assert soup.select(".mlblog-overview-tag li")
    else:  # the postlist, the landing's latest posts and the tag listing show both posts,
        # besides each post's own chapter (unresolved placeholders would show nothing)
        assert text.count("The first post") >= 4 and text.count("The second post") >= 4, builder


def test_the_gettext_builder_extracts_the_posts_messages(tmp_path):
    """``sphinx-build -b gettext`` (how a site is translated) reads the package's templates
    with the project's: a ``_()`` with keyword arguments, or ``pgettext``, gave it a
    message that is no string, and it stopped."""
    app = build(copy_root("builders", tmp_path), buildername="gettext")
    assert app.statuscode == 0
    pots = {p.name: p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.pot")}
    assert any('msgid "The first post"' in text for text in pots.values()), sorted(pots)
