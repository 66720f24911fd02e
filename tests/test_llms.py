"""llms.txt, llms-full.txt and the posts' Markdown copies, on real builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, copy_root, read_html
from markdown_it import MarkdownIt

ROOT = "research"
BASE = "https://lab.example.org/"
HOSTILE = '</script><script>alert(1)</script> & "quotes" {braces} 100% \\ ~'


def _links(text: str) -> list[tuple[str, str]]:
    """(text, href) of every link, as a CommonMark parser reads them."""
    out = []
    for block in MarkdownIt().parse(text):
        children = block.children or []
        for i, token in enumerate(children):
            if token.type == "link_open":
                label = ""
                for inner in children[i + 1 :]:
                    if inner.type == "link_close":
                        break
                    label += inner.content
                out.append((label, token.attrs["href"]))
    return out


def _listing_titles(app) -> list[str]:
    from conftest import article

    cards = article(app, "blog/index").select(".mlblog-card-title a")
    return [a.get_text() for a in cards]


def test_llms_txt_follows_the_proposal_and_lists_the_public_posts(site):
    text = (Path(site.outdir) / "llms.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == "# Lab Notes"
    assert lines[2].startswith("> ")
    assert "## Posts" in lines and "## Optional" in lines
    posts = text.split("## Posts")[1].split("## Optional")[0]
    links = _links(posts)
    assert [label for label, _ in links] == _listing_titles(site)  # newest first, no drafts
    assert (HOSTILE, BASE + "posts/hostile.html.md") in links
    for _label, href in links:
        assert (Path(site.outdir) / href.removeprefix(BASE)).is_file()
    assert "Draft" not in text and not (Path(site.outdir) / "posts/draft.html.md").exists()
    feeds = _links(text.split("## Optional")[1])
    assert [href for _, href in feeds][0] == BASE + "blog/atom.xml"


def test_a_markdown_post_copy_is_its_source_under_a_header(site):
    copy = (Path(site.outdir) / "posts/attention.html.md").read_text(encoding="utf-8")
    head, body = copy.split("\n\n", 1)
    assert head == "# Attention Is All You Need, re-read"
    assert "- Published: 2024-03-05" in copy and "- Authors: Ada Lovelace, Alan Turing" in copy
    assert "- arXiv: <https://arxiv.org/abs/1706.03762v7>" in copy
    assert f"- Page: <{BASE}posts/attention.html>" in copy
    assert "blogpost:" not in copy  # no front matter
    assert copy.count("# Attention Is All You Need") == 1
    assert r"\mathrm{softmax}" in body  # math stays TeX


def test_an_rst_post_copy_is_sphinx_text(site):
    copy = (Path(site.outdir) / "posts/directive.html.md").read_text(encoding="utf-8")
    assert copy.startswith("# An rst post\n")
    assert ".. post::" not in copy and "LoRA" in copy


def test_llms_full_holds_every_copy(site):
    full = (Path(site.outdir) / "llms-full.txt").read_text(encoding="utf-8")
    for title in _listing_titles(site):
        assert f"\n# {title}\n" in "\n" + full or title == HOSTILE
    assert full.count("- Page: <") == len(_listing_titles(site))


def test_each_post_page_links_its_copy(site):
    for page in ("posts/attention", "posts/directive"):
        link = read_html(site, page).head.find("link", type="text/markdown")
        assert link["rel"] == ["alternate"]
        assert (Path(site.outdir) / page).with_name(link["href"]).is_file()
    assert read_html(site, "posts/draft").head.find("link", type="text/markdown") is None


def test_a_notebook_post_copy_has_its_code_and_outputs(tmp_path):
    app = build(copy_root("ablog-nb", tmp_path))
    copy = (Path(app.outdir) / "posts/plotting.html.md").read_text(encoding="utf-8")
    assert copy.startswith("# Plotting a sine\n")
    assert "print(round(math.sin(1), 3))" in copy and "0.841" in copy


def test_copies_of_posts_no_longer_public_are_removed(tmp_path):
    src = copy_root(ROOT, tmp_path)
    build(src)
    out = src / "_build" / "html"
    assert (out / "posts/nocite.html.md").is_file()
    post = src / "posts/nocite.md"
    post.write_text(post.read_text().replace("blogpost: true", "blogpost: true\ndraft: true"))
    app = build(src)
    assert not (Path(app.outdir) / "posts/nocite.html.md").exists()
    assert "Not for citing" not in (Path(app.outdir) / "llms.txt").read_text()


@pytest.mark.parametrize("builder", ["dirhtml"])
def test_dirhtml_copies_are_index_html_md(tmp_path, builder):
    app = build(copy_root(ROOT, tmp_path), buildername=builder)
    assert (Path(app.outdir) / "posts/attention/index.html.md").is_file()
    assert BASE + "posts/attention/index.html.md" in (Path(app.outdir) / "llms.txt").read_text()


def test_an_earlier_build_in_the_source_folder_is_not_read(tmp_path):
    """Output folders inside the source folder that the project does not exclude: the
    Markdown copies an HTML build wrote are not read as pages by the next build into
    another folder (nor is that build read again when the first builder builds next)."""
    from conftest import warnings_of

    src = copy_root(ROOT, tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('exclude_patterns = ["_build"]', ""))
    build(src)
    assert list((src / "_build" / "html").rglob("*.html.md"))
    app = build(src, buildername="dirhtml")
    assert "/_build/" not in warnings_of(app)
    assert not any(doc.startswith("_build") for doc in app.env.found_docs)
    again = build(src)  # the html build's turn: nothing to read again
    assert "0 source files that are out of date" in again._status.getvalue()


def test_off_with_one_value(tmp_path):
    app = build(copy_root(ROOT, tmp_path), confoverrides={"blog_llms_txt": False})
    out = Path(app.outdir)
    assert not (out / "llms.txt").exists() and not list(out.rglob("*.html.md"))
    assert read_html(app, "posts/attention").head.find("link", type="text/markdown") is None


def test_an_rst_post_warns_once_and_its_copy_follows_its_edits(tmp_path):
    """The copy is made of the doctree the page was written from: resolving it again
    repeated every warning of the post (a real ablog site's log doubled)."""
    from conftest import warnings_of

    src = copy_root(ROOT, tmp_path)
    post = src / "posts/directive.rst"
    post.write_text(post.read_text() + "\nSee :doc:`missing-page`.\n")
    first = build(src)
    assert warnings_of(first).count("missing-page") == 1
    copy = Path(first.outdir) / "posts/directive.html.md"
    assert "missing-page" in copy.read_text(encoding="utf-8")
    post.write_text(post.read_text().replace("missing-page", "another-missing-page"))
    again = build(src)
    assert warnings_of(again).count("another-missing-page") == 1
    assert "another-missing-page" in copy.read_text(encoding="utf-8")
    assert "another-missing-page" in (Path(again.outdir) / "llms-full.txt").read_text()


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_post_named_beyond_ascii_has_its_copy_where_its_link_leads(tmp_path, builder):
    """A post's file name beyond ASCII (``hello_diátaxis.md``, as a real site has) is
    percent-encoded in links: the copy is written under the name the link decodes to,
    not under the encoded one (a link that led nowhere)."""
    from urllib.parse import unquote

    src = copy_root(ROOT, tmp_path)
    (src / "posts" / "hello_diátaxis.md").write_text(
        "---\nblogpost: true\ndate: 2024-03-01\n---\n# Hello Diátaxis\n\nText.\n",
        encoding="utf-8",
    )
    app = build(src, buildername=builder)
    out = Path(app.outdir)
    page = (
        "posts/hello_diátaxis/index.html" if builder == "dirhtml" else "posts/hello_diátaxis.html"
    )
    link = read_html(app, page.removesuffix(".html")).head.find("link", type="text/markdown")
    if builder == "html":
        assert link["href"] == "hello_di%C3%A1taxis.html.md"  # encoded, as every URL is
    assert (out / page).parent.joinpath(unquote(link["href"])).is_file()
    listed = dict(_links((out / "llms.txt").read_text(encoding="utf-8")))
    url = listed["Hello Diátaxis"]
    assert (out / unquote(url.removeprefix(BASE))).is_file()
    assert not list(out.rglob("*%C3%A1*"))
