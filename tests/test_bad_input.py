"""Bad input never breaks the build: a located, suppressible warning, and the rest builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import article, build, copy_root, warnings_of

ROOT = "badinput"


@pytest.fixture(scope="module")
def warnings(site):
    return warnings_of(site)


def _warning(warnings: str, subtype: str, path: str, text: str) -> str:
    for line in warnings.splitlines():
        if f"[mlblog.{subtype}]" in line and path in line and text in line:
            return line
    raise AssertionError(
        f"no mlblog.{subtype} warning for {path} containing {text!r} in:\n{warnings}"
    )


@pytest.mark.parametrize(
    ("subtype", "path", "text", "line"),
    [
        ("frontmatter", "posts/bad-yaml.md", "not valid YAML", 3),
        ("frontmatter", "posts/bad-date.md", "month must be in 1..12", 3),
        ("date", "posts/unparseable-date.md", "cannot parse date 'sometime next week'", 2),
        ("date", "posts/wrong-types.md", "invalid 'date'", 2),
        ("frontmatter", "posts/wrong-types.md", "invalid 'tags'", 3),
        ("frontmatter", "posts/wrong-types.md", "invalid 'featured'", 4),
        ("frontmatter", "posts/wrong-types.md", "invalid 'part'", 5),
        ("series", "posts/wrong-types.md", "unknown series 'unknown-series'", 6),
        ("duplicate", "index.md", "post reference 'same' is ambiguous", 10),
        ("postlist", "index.md", "'limit' must be", 3),
        ("postlist", "index.md", "'style' must be", 3),
        ("ref", "index.md", "unknown post reference 'no-such-post'", 8),
        ("frontmatter", "posts/two-series.md", "invalid 'series': expected text, got list", 3),
    ],
)
def test_each_bad_input_warns_with_location(warnings, subtype, path, text, line):
    found = _warning(warnings, subtype, path, text)
    if line is not None:
        assert re.search(rf"{re.escape(path)}:{line}:", found), found


def test_an_unknown_author_is_a_plain_name(site, warnings):
    """As in ablog: an author missing from blog_authors is shown as written, unwarned."""
    assert "'bob'" not in warnings
    page = article(site, "posts/wrong-types")
    assert "bob" in page.select_one(".mlblog-post-header").get_text()


def test_rest_of_site_builds(site):
    page = article(site, "index")
    assert ("A good post") in [a.get_text() for a in page.find_all("a")]
    titles = [a.get_text() for a in article(site, "blog/index").select(".mlblog-card-title a")]
    assert "A good post" in titles and "Impossible date" not in titles  # no valid date: a draft
    # the field that was wrong is skipped; the rest of the post is kept
    assert (
        article(site, "posts/wrong-types").find("h1").get_text(strip=True).startswith("Wrong types")
    )


def test_warnings_are_suppressible(tmp_path):
    src = copy_root(ROOT, tmp_path)
    app = build(
        src, confoverrides={"suppress_warnings": ["mlblog.ref", "mlblog.postlist", "mlblog.date"]}
    )
    text = warnings_of(app)
    assert (
        "[mlblog.ref]" not in text
        and "[mlblog.postlist]" not in text
        and "[mlblog.date]" not in text
    )
    assert "[mlblog.series]" in text


def test_warnings_become_errors_with_W(tmp_path):
    from sphinx.errors import SphinxError

    src = copy_root(ROOT, tmp_path)
    try:  # Sphinx < 8.1 raises; later versions fail the build at its end
        app = build(src, warningiserror=True)
    except SphinxError:
        return
    assert app.statuscode == 1


def test_untitled_huge_and_empty_posts(site):
    titles = [a.get_text() for a in article(site, "blog/index").select(".mlblog-card-title a")]
    assert "A huge post" in titles
    drafts = [a.get_text() for a in article(site, "blog/drafts").select("a.mlblog-post-link")]
    assert "untitled" in drafts and "empty" in drafts  # no date: drafts; no title: the file name
    huge = article(site, "posts/huge")
    assert "min read" in huge.select_one(".mlblog-post-header").get_text()
    assert int(huge.select_one(".mlblog-reading-time").get_text().split()[0]) > 200


def test_read_only_sources_warn_and_the_rest_builds(tmp_path, monkeypatch):
    """Stubs cannot be written (a read-only checkout): one clear warning, no traceback."""
    from pathlib import Path

    from conftest import build, copy_root

    from sphinx_mlblog.collect import stubs

    def refuse(path, text):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(stubs, "write_if_changed", refuse)
    app = build(copy_root("basic", tmp_path))
    warnings = warnings_of(app)
    assert (
        "cannot write the blog's archive pages into" in warnings and "[mlblog.archive]" in warnings
    )
    assert "Permission denied" in warnings and "Traceback" not in warnings
    assert app.statuscode == 0
    assert (Path(app.outdir) / "posts/2024/speculative.html").exists()


def test_a_shared_slug_warns_only_where_a_reference_uses_it(warnings, site):
    """Two posts may share a slug (translations in two folders do): no warning for that,
    one where a reference by the slug is ambiguous, none for a reference by docname."""
    shared = [w for w in warnings.splitlines() if "[mlblog.duplicate]" in w]
    assert len(shared) == 1 and "index.md:10:" in shared[0], shared
    paragraph = next(p for p in article(site, "index").select("p") if "shared slug" in p.get_text())
    hrefs = [a["href"] for a in paragraph.select("a")]
    assert hrefs == ["posts/a/same.html", "posts/b/same.html"]


def test_an_excerpt_the_writer_cannot_take_is_its_text(tmp_path):
    """An excerpt holding a node the HTML writer has no method for (another extension's,
    resolved later in its page) is its escaped text; the other excerpts render as HTML,
    and the caller learns which one failed (it warns, ``mlblog.excerpt``)."""
    from docutils import nodes

    from sphinx_mlblog.render.excerpts import render_excerpts_html

    class unknown_node(nodes.Element):  # no visitor anywhere
        pass

    app = build(copy_root("basic", tmp_path))
    failed: list[int] = []
    good = [nodes.paragraph("", "", nodes.emphasis("", "fine"))]
    bad = [nodes.paragraph("", "", unknown_node("", nodes.Text("odd <b> & text")))]
    html = render_excerpts_html(app.builder, [good, bad, good], failed=failed)
    assert failed == [1]
    assert html[0] == html[2] and "<em>fine</em>" in html[0]
    assert html[1] == "<p>odd &lt;b&gt; &amp; text</p>\n"


def test_control_characters_in_front_matter_never_reach_the_output(tmp_path):
    """A NUL (YAML's ``"\\u0000"``) or another control character in a tag or title
    stopped the build (the page's link markers are NUL-delimited) and is in no HTML, XML
    or JSON anyway: it is dropped; a bidi override stays, isolated (``dir="auto"``)."""
    src = copy_root(ROOT, tmp_path)
    (src / "posts" / "controls.md").write_text(
        '---\nblogpost: true\ndate: 2024-02-03\ntitle: "Bell\\a and NUL\\u0000 here"\n'
        'tags: ["\\u0000nul", "\\u202eevil", "tab\\there", "\\x1bescape"]\n---\n'
        "# Controls\n\nText.\n",
        encoding="utf-8",
    )
    app = build(src)
    out = Path(app.outdir)
    post = app.env.get_domain("blog").posts["posts/controls"]
    assert post.title == "Bell and NUL here"
    assert set(post.tags) == {"nul", "\u202eevil", "tab here", "escape"}
    for path in out.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt", ".md"):
            data = path.read_bytes()
            assert b"\x00" not in data and b"\x07" not in data and b"\x1b" not in data, path
    links = article(app, "posts/controls").select("a.mlblog-tag")
    assert {a.get_text() for a in links} == set(post.tags)
    assert all(a["dir"] == "auto" for a in links)


def test_link_markers_among_nul_characters_of_the_text():
    """Markers are NUL-delimited; HTML holding NULs of its own still gets its links, and
    loses the NULs."""
    from sphinx_mlblog.render.urls import Markers

    class Links:
        pagename = "index"
        escaped: dict = {}  # noqa: RUF012 - the links a page's folder shares

        def url(self, target):
            return f"../{target}.html"

        def asset(self, path):
            return f"../{path}"

    markers = Markers()
    html = f'<a href="{markers.doc("posts/a")}">a\x00b</a>\x00<img src="{markers.asset("x.png")}">'
    assert markers.resolve(html, Links()) == '<a href="../posts/a.html">ab</a><img src="../x.png">'
    clean = f'<a href="{markers.doc("posts/a")}">a</a>'
    assert markers.resolve(clean, Links()) == '<a href="../posts/a.html">a</a>'


def test_pages_of_one_folder_share_their_links_but_not_their_own():
    """A page's links to other pages are worked out once for its folder; its link to
    itself (which depends on its own file name) is not shared with its neighbours."""
    from sphinx.builders import Builder
    from sphinx.util.osutil import relative_uri

    from sphinx_mlblog.render.urls import Markers, PageLinks

    class Pages(Builder):
        name = "pages"

        def get_target_uri(self, docname, typ=None):
            return docname + ".html"

    builder = object.__new__(Pages)
    markers, targets, shared, escaped = Markers(), {}, {}, {}
    html = "".join(f'<a href="{markers.doc(d)}">{d}</a>' for d in ("posts/a", "posts/b", "tag/x"))

    def links(page):
        return [relative_uri(f"{page}.html", f"{d}.html") for d in ("posts/a", "posts/b", "tag/x")]

    for page in ("posts/a", "posts/b", "posts/a"):
        resolved = markers.resolve(html, PageLinks(builder, page, targets, shared, escaped))
        expected = "".join(
            f'<a href="{url}">{d}</a>'
            for url, d in zip(links(page), ("posts/a", "posts/b", "tag/x"), strict=True)
        )
        assert resolved == expected, page
    assert links("posts/a")[0] != links("posts/b")[0]  # the self-link differs by page


def test_sources_are_read_as_sphinx_reads_them(tmp_path):
    """A byte-order mark and CRLF line ends (what some Windows editors write), and a
    project's own ``source_encoding``: the pre-read scan read the first as no front
    matter (the Markdown post vanished, the reST one was planned wrong) and the last as
    unreadable."""
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_url_style = "mlblog"\nexclude_patterns = ["_build"]\n'
    )
    (src / "index.md").write_text("# Home\n")
    bom = b"\xef\xbb\xbf"
    (src / "posts" / "md.md").write_bytes(
        bom + b"---\r\nblogpost: true\r\ndate: 2024-01-02\r\ntags: [bom, crlf]\r\n---\r\n"
        b"# BOM and CRLF\r\n\r\nText.\r\n"
    )
    (src / "posts" / "rst.rst").write_bytes(
        bom
        + b":blogpost: true\r\n:date: 2024-01-03\r\n:tags: rstbom\r\n\r\nRST\r\n===\r\n\r\nText.\r\n"
    )
    app = build(src)
    assert "mlblog" not in warnings_of(app)
    tags = Path(app.outdir) / "blog" / "tag"
    assert {p.stem for p in tags.glob("*.html")} == {"bom", "crlf", "rstbom", "index"}
    (src / "conf.py").write_text(
        (src / "conf.py").read_text() + 'source_encoding = "latin-1"\n', encoding="utf-8"
    )
    (src / "posts" / "md.md").write_bytes(
        b"---\nblogpost: true\ndate: 2024-01-02\ntags: [caf\xe9]\n---\n# Latin-1\n\nText.\n"
    )
    (src / "posts" / "rst.rst").unlink()
    app = build(src, freshenv=True)
    assert "mlblog" not in warnings_of(app)
    assert (tags / "café.html").is_file() or (tags / "cafe.html").is_file()


@pytest.mark.parametrize("style", ["mlblog", "ablog"])
def test_a_base_url_without_a_scheme_is_said(tmp_path, style):
    """``blog_baseurl = "you.github.io"`` (a real ablog site has it) makes feed links that
    lead nowhere: a warning naming the fix; a note on a site with ablog's addresses, whose
    ``-W`` build ablog built."""
    src = copy_root(ROOT, tmp_path)
    app = build(src, confoverrides={"blog_baseurl": "you.github.io", "blog_url_style": style})
    said = "blog_baseurl 'you.github.io' does not start with https://"
    fix = "write 'https://you.github.io'"
    if style == "mlblog":
        warning = next(line for line in warnings_of(app).splitlines() if said in line)
        assert fix in warning and "[mlblog.config]" in warning
    else:
        assert said not in warnings_of(app)
        assert said in app.status.getvalue() and fix in app.status.getvalue()
