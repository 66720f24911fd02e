"""Hover previews' data (_static/mlblog-previews.js) and script, on real builds; the
browser side is in test_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build, copy_root, read_html

ROOT = "research"


def _data(app) -> dict:
    text = (Path(app.outdir) / "_static/mlblog-previews.js").read_text(encoding="utf-8")
    prefix, suffix = "window.mlblogPreviews = ", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix) and text.isascii()
    return json.loads(text[len(prefix) : -len(suffix)])


def _scripts(app, page: str) -> list[str]:
    return [s.get("src", "") for s in read_html(app, page).find_all("script")]


def test_every_public_post_has_a_preview(site):
    posts = _data(site)["posts"]
    assert set(posts) == {
        "posts/attention.html",
        "posts/hostile.html",
        "posts/nocite.html",
        "posts/directive.html",
        "posts/linked.html",
    }  # fmt: skip  (the draft is left out)
    attention = {k: v for k, v in posts["posts/attention.html"].items() if k != "x"}
    assert attention == {
        "t": "Attention Is All You Need, re-read",
        "d": "05 March 2024",
        "s": "2024-03-05T00:00:00+00:00",
        "e": "We re-read the transformer paper and its $O(n^2)$ attention.",
        "i": "https://lab.example.org/cover.png",
        "g": ["transformers", "数学"],
        "m": ["tag:transformers", "tag:数学", "author:ada", "author:alan", "year:2024"],
    }
    assert posts["posts/hostile.html"]["t"].startswith("</script><script>alert(1)</script>")


def test_the_script_is_on_every_page_and_loads_nothing_else(site):
    for page in ("index", "posts/attention", "blog/index"):
        scripts = _scripts(site, page)
        assert sum("_static/mlblog.js" in s for s in scripts) == 1
        # the data and Floating UI are loaded on first use, not with the page
        assert not any("mlblog-previews.js" in s or "floating-ui" in s for s in scripts)
    vendor = Path(site.outdir) / "_static/mlblog-vendor/floating-ui"
    assert {p.name for p in vendor.iterdir()} >= {
        "floating-ui.core.umd.min.js", "floating-ui.dom.umd.min.js", "LICENSE",
    }  # fmt: skip


def test_dirhtml_keys_are_its_addresses(tmp_path):
    app = build(copy_root(ROOT, tmp_path), buildername="dirhtml")
    assert "posts/attention/" in _data(app)["posts"]


@pytest.mark.parametrize("builder", ["singlehtml", "epub"])
def test_single_page_and_epub_builds_have_no_previews(tmp_path, builder):
    app = build(copy_root(ROOT, tmp_path), buildername=builder)
    assert not (Path(app.outdir) / "_static/mlblog-previews.js").exists()
    html = next(Path(app.outdir).rglob("*.*html"))
    assert "mlblog.js" not in html.read_text(encoding="utf-8")


def test_previews_off(tmp_path):
    app = build(copy_root(ROOT, tmp_path), confoverrides={"blog_previews": False})
    # the listing filters still read the data
    assert "posts/attention.html" in _data(app)["posts"]
    # mlblog.js only for the copy buttons of the cite box, without previews
    (tag,) = [
        s
        for s in read_html(app, "posts/attention").find_all("script")
        if "mlblog.js" in s.get("src", "")
    ]
    assert tag["data-previews"] == "off"
    assert not any("mlblog.js" in s for s in _scripts(app, "blog/index"))


# -- listing filters ----------------------------------------------------------------------


def test_listings_have_a_hidden_filter_with_their_tags(tmp_path):
    app = build(copy_root("basic", tmp_path))
    form = read_html(app, "blog/index").select_one("form.mlblog-filter")
    assert form.has_attr("hidden") and form["data-kind"] == "index"
    chips = [(b["data-tag"], b["aria-pressed"]) for b in form.select(".mlblog-filter-tag")]
    assert chips[:2] == [("attention", "false"), ("inference", "false")]  # most used first
    assert read_html(app, "blog/index").select_one(".mlblog-filter-results")["hidden"] is not None
    # a tag page: scoped to its tag, whose own chip is left out
    tag_form = read_html(app, "blog/tag/attention").select_one("form.mlblog-filter")
    assert (tag_form["data-kind"], tag_form["data-key"]) == ("tag", "attention")
    assert "attention" not in [b["data-tag"] for b in tag_form.select(".mlblog-filter-tag")]
    # the listing it hides, and the script, on every page of the listing
    for page in ("blog/index", "blog/page/2"):
        html = read_html(app, page)
        assert html.select_one(".mlblog-filter-default .mlblog-pagination") is not None
        assert any("mlblog-filter.js" in s.get("src", "") for s in html.find_all("script"))
    assert not any(
        "mlblog-filter.js" in s.get("src", "")
        for s in read_html(app, "posts/2023/attention").find_all("script")
    )
    posts = _data(app)["posts"]
    assert posts["posts/2023/kv-cache.html"]["m"] == [
        "tag:kv-cache", "tag:attention", "tag:inference", "category:research", "author:alan",
        "series:serving", "year:2023",
    ]  # fmt: skip


def test_no_data_without_previews_and_filters(tmp_path):
    app = build(
        copy_root(ROOT, tmp_path), confoverrides={"blog_previews": False, "blog_filters": False}
    )
    assert not (Path(app.outdir) / "_static/mlblog-previews.js").exists()


def test_filters_off_and_single_page_builds(tmp_path):
    app = build(copy_root("basic", tmp_path), confoverrides={"blog_filters": False})
    assert read_html(app, "blog/index").select_one("form.mlblog-filter") is None
    single = build(copy_root("basic", tmp_path / "single"), buildername="singlehtml")
    assert "mlblog-filter" not in (Path(single.outdir) / "index.html").read_text(encoding="utf-8")


def test_an_excerpt_with_math_is_text_and_mathml_pieces(site):
    data = _data(site)
    pieces = data["posts"]["posts/attention.html"]["x"]
    assert pieces[0] == "We re-read the transformer paper and its "
    assert pieces[1]["m"].startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
    assert "<msup><mi>n</mi><mn>2</mn></msup>" in pieces[1]["m"]
    assert pieces[2] == " attention."
    assert "math" in data["mathml"]["elements"] and "href" not in data["mathml"]["attributes"]
    assert "x" not in data["posts"]["posts/directive.html"]  # no math: text only


def test_excerpt_pieces_are_shortened_and_unescaped():
    from sphinx_mlblog.publish.previews import excerpt_pieces

    math = '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'
    assert excerpt_pieces("<p>No math &amp; no pieces.</p>", 50) is None
    html = f"<p>A &amp; <em>B</em>-ish {math} end.</p><p>Second paragraph.</p>"
    assert excerpt_pieces(html, 200) == ["A & B-ish ", {"m": math}, " end. Second paragraph."]
    short = excerpt_pieces(f"<p>{math} " + "word " * 100 + "</p>", 30)
    assert short[0] == {"m": math} and short[-1].endswith("…") and len(short[-1]) <= 31
