"""The ML writer's toolkit on a real build: math, Mermaid, diagrams, SVG figures,
annotated code, sidenotes, widgets, notebook posts and citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sphinx
from conftest import article, build, copy_root, read_html, warnings_of

from sphinx_mlblog.toolkit.diagram_schema import validate
from sphinx_mlblog.toolkit.sanitize import UnsafeSVG, sanitize_svg

ROOT = "ml"


@pytest.fixture(scope="module")
def page(site):
    return read_html(site, "posts/toolkit")


def test_math_and_numbered_equations(page):
    body = page.select_one('article[role="main"]')
    assert body.select("span.math")  # inline math
    equation = body.select_one("div.math")
    assert equation is not None and "(1)" in equation.get_text()
    assert body.select_one('a[href="#equation-loss"]') is not None


def test_math_and_mermaid_are_served_locally(site, page):
    scripts = [s.get("src", "") for s in page.find_all("script")]
    assert any("_static/mlblog-vendor/mathjax/tex-chtml.js" in s for s in scripts)
    module = "".join(s.get_text() for s in page.find_all("script", type="module"))
    assert "mlblog-vendor/mermaid/mermaid.esm.min.mjs" in module and "cdn" not in module
    out = Path(site.outdir) / "_static/mlblog-vendor"
    assert (out / "mermaid/mermaid.esm.min.mjs").exists() and (
        out / "mathjax/tex-chtml.js"
    ).exists()
    assert not any("cdn.jsdelivr" in s for s in scripts)


def _mathjax_settings(page) -> list[dict]:
    prefix = "window.MathJax = "
    return [
        json.loads(s.get_text().removeprefix(prefix))
        for s in page.find_all("script")
        if s.get_text().startswith(prefix)
    ]


def test_local_mathjax_4_is_told_where_its_fonts_are_and_to_be_safe(page):
    (settings,) = _mathjax_settings(page)
    assert settings["loader"]["paths"]["fonts"] == "[mathjax]/fonts"
    assert settings["loader"]["load"] == ["ui/safe"]


@pytest.mark.parametrize("name", ["mathjax3_config", "mathjax4_config"])
def test_the_projects_mathjax_settings_are_kept(tmp_path, name):
    settings = {
        "tex": {"macros": {"R": "\\mathbb{R}"}},
        "loader": {"paths": {"fonts": "https://fonts.example/mj"}, "load": ["[tex]/physics"]},
    }
    app = build(copy_root(ROOT, tmp_path), confoverrides={name: settings})
    if name not in app.config:  # Sphinx < 9 has mathjax3_config only
        pytest.skip(f"this Sphinx has no {name}")
    (written,) = _mathjax_settings(read_html(app, "posts/toolkit"))  # one: nothing overrides it
    assert written["tex"] == {"macros": {"R": "\\mathbb{R}"}}
    assert written["loader"]["paths"]["fonts"] == "https://fonts.example/mj"
    assert written["loader"]["load"] == ["[tex]/physics", "ui/safe"]


def test_diagram_markup(page):
    figure = page.select_one("figure.mlblog-diagram")
    canvas = figure.select_one(".mlblog-diagram-canvas")
    data = json.loads(canvas["data-diagram"])
    assert data["arrows"] == [{"from": "q", "to": "k3", "label": "attends"}]
    assert canvas["aria-label"] == "Keys and values cached per layer"
    fallback = figure.select_one(".mlblog-diagram-fallback").get_text(" ", strip=True)
    assert (
        "K cache" in fallback and "k1 | k2 | k3" in fallback and "query → k3: attends" in fallback
    )
    assert figure.find("figcaption").get_text(strip=True).startswith("The KV cache during decoding")
    assert any("roughjs/rough.js" in (s.get("src") or "") for s in page.find_all("script"))


def test_diagram_js_only_where_needed(site):
    assert not any(
        "rough.js" in (s.get("src") or "") for s in read_html(site, "index").find_all("script")
    )


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"items": []}, "non-empty list of items"),
        ({"items": [{"type": "blob"}]}, "'blob' is not one of"),
        ({"items": [{"label": "a", "colour": "red"}]}, "unknown key 'colour'"),
        ({"items": [{"type": "array"}]}, "needs a non-empty list of cells"),
        ({"items": [{"id": "a"}, {"id": "a"}]}, "duplicate id 'a'"),
        (
            {"items": [{"id": "a"}], "arrows": [{"from": "a", "to": "b"}]},
            "no item or cell has the id 'b'",
        ),
        ({"items": [{"label": "a", "color": "url(evil)"}]}, "is not one of"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_diagram_schema(data, problem):
    assert any(problem in message for _, message in validate(data))


def test_bad_diagrams_warn_with_line_and_page_builds(tmp_path):
    src = copy_root(ROOT, tmp_path)
    (src / "posts/bad.md").write_text(
        "---\nblogpost: true\ndate: 2024-06-01\n---\n# Bad diagrams\n\n"
        '```{diagram}\n{"items": [\n  {"label": "a",}\n]}\n```\n\n'
        '```{diagram}\n{"items": [{"label": "a", "shape": "circle"}]}\n```\n\nStill here.\n'
    )
    app = build(src)
    warnings = warnings_of(app)
    assert "bad.md:9: WARNING: diagram: invalid JSON" in warnings
    assert "bad.md:13: WARNING: diagram: $.items[0]: unknown key 'shape'" in warnings
    assert "[mlblog.diagram]" in warnings
    body = article(app, "posts/bad")
    assert "Still here." in body.get_text()
    assert len(body.select(".mlblog-diagram-error")) == 2


def test_svg_figure_is_sanitised_and_themed(site, page):
    figure = page.select_one("figure.mlblog-svg-figure")
    svg = figure.find("svg")
    assert svg["aria-label"] == "A box and an arrow"
    markup = str(svg).lower()
    for bad in (
        "<script",
        "onclick",
        "onload",
        "javascript:",
        "tracker.example.com",
        "@font-face",
        "excalidraw.com",
    ):
        assert bad not in markup
    assert 'stroke="currentcolor"' in markup or 'stroke="currentColor"' in str(svg)
    assert figure.find("figcaption").get_text(strip=True).startswith("An Excalidraw export")
    assert "[mlblog.svg]" in warnings_of(site) and "onclick" in warnings_of(site)


def test_svg_sanitizer_rejects_entities_and_non_svg():
    with pytest.raises(UnsafeSVG):
        sanitize_svg(
            '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
        )
    with pytest.raises(UnsafeSVG):
        sanitize_svg("<html><body/></html>")
    kept, removed = sanitize_svg(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', trusted=True
    )
    assert "<script" in kept and removed == []


def test_missing_svg_warns(tmp_path):
    src = copy_root(ROOT, tmp_path)
    (src / "posts/nosvg.md").write_text(
        "---\nblogpost: true\ndate: 2024-06-02\n---\n# No SVG\n\n```{svg-figure} missing.svg\n```\n"
    )
    app = build(src)
    assert "nosvg.md:7: WARNING: svg-figure: cannot read 'missing.svg'" in warnings_of(app)


def test_annotated_code(page):
    box = page.select_one(".mlblog-annotated")
    code = box.find("pre").get_text()
    assert "<1>" not in code and "# " not in code
    assert code.splitlines()[0] == "scores = q @ k.T / d ** 0.5"
    markers = box.select(".mlblog-annotation-marker")
    assert [(m.get_text(), m["style"]) for m in markers] == [("1", "--line: 1"), ("2", "--line: 2")]
    notes = box.select("ol.mlblog-annotations > li")
    assert [n["id"] for n in notes] == [m["href"][1:] for m in markers]
    assert len(box.select("pre .hll")) == 2


def test_annotation_mismatch_warns(tmp_path):
    src = copy_root(ROOT, tmp_path)
    (src / "posts/annot.md").write_text(
        "---\nblogpost: true\ndate: 2024-06-03\n---\n# Annot\n\n```{annotated-code} python\nx = 1  # <1>\ny = 2  # <3>\n---\n1. one\n2. two\n```\n"
    )
    warnings = warnings_of(build(src))
    assert "marker <3> has no note" in warnings and "note 2 has no marker" in warnings


def test_sidenotes_and_margin_notes(page):
    note = page.select_one(".mlblog-sidenote")
    assert note is not None and note.find("em").get_text() == "emphasis"
    assert page.select_one(".mlblog-sidenote-number").get_text() == "1"
    assert "A margin note." in page.select_one(".mlblog-marginnote").get_text()


def test_widget_is_sandboxed_inline_and_badged(site, page):
    frame = page.select_one("figure.mlblog-widget iframe")
    assert frame["sandbox"] in ("allow-scripts", ["allow-scripts"])
    assert not frame.has_attr("src")  # no URL of its own, which would run outside the sandbox
    assert frame["srcdoc"].startswith(
        '<!doctype html>\n<html><head><base href="../_mlblog/widgets/posts/widgets/">'
    )
    assert "window.HEATMAP.cells.length" in frame["srcdoc"] and frame["style"] == "height: 300px"
    out = Path(site.outdir) / "_mlblog/widgets/posts/widgets"
    assert (out / "data.js").exists() and not (out / "heatmap.html").exists()
    assert "A static description" in page.select_one("figure.mlblog-widget noscript").get_text()
    card = next(
        c
        for c in article(site, "index").select(".mlblog-card")
        if c.select_one(".mlblog-card-title").get_text() == "Everything a post can hold"
    )
    assert card.select_one(".mlblog-badge-interactive") is not None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (":height: 100px; background: url(https://evil.example/)", ":height: '100px; background"),
        (":files: ../../outside.js", "file '../../outside.js' is outside the project"),
        (":files: page.html", "file 'page.html' is not copied: a .html could run as a page"),
        (":files: drawing.svg", "file 'drawing.svg' is not copied: a .svg could run"),
        (":files: missing.js", "file 'missing.js' not found"),
    ],
)
def test_bad_widget_options_warn(tmp_path, options, message):
    from conftest import build

    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (tmp_path / "outside.js").write_text("var leak = 1;")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n'
    )
    (src / "index.md").write_text("# Home\n")
    for name in ("w.html", "page.html", "drawing.svg"):
        (src / "posts" / name).write_text(
            "<!doctype html><html><head></head><body>hi</body></html>"
        )
    (src / "posts" / "p.md").write_text(
        f"---\nblogpost: true\ndate: 2024-01-01\n---\n# P\n\n```{{widget}} w.html\n{options}\nFallback.\n```\n"
    )
    app = build(src)
    warnings = [w for w in warnings_of(app).splitlines() if "[mlblog.widget]" in w]
    assert len(warnings) == 1 and message in warnings[0] and "posts/p.md:7:" in warnings[0], (
        warnings
    )
    frame = read_html(app, "posts/p").select_one("iframe")
    assert frame["style"] == "height: 400px" or "files" in options
    assert not list(Path(app.outdir).rglob("outside.js")) and not list(
        Path(app.outdir).rglob("page.html")
    )


def test_notebook_post_from_notebook_metadata(site):
    titles = [a.get_text() for a in article(site, "index").select(".mlblog-card-title a")]
    assert "A notebook post" in titles
    header = (
        article(site, "posts/notebook").select_one(".mlblog-post-header").get_text(" ", strip=True)
    )
    assert "01 April 2024" in header and "notebooks" in header
    assert "42" in article(site, "posts/notebook").get_text()  # stored output, not executed


def test_citations_and_bibliography(page):
    body = page.select_one('article[role="main"]')
    assert "Vaswani" in body.get_text()
    assert (
        body.select_one(".citation, .footnote-list, dl.citation, div.citation") is not None
        or "Attention Is All You Need" in body.get_text()
    )


def test_toolkit_in_rst(site):
    page = read_html(site, "posts/rst-toolkit")
    assert (
        json.loads(page.select_one(".mlblog-diagram-canvas")["data-diagram"])["arrows"][0]["style"]
        == "dashed"
    )
    assert (
        page.select_one("figure.mlblog-diagram figcaption")
        .get_text(strip=True)
        .startswith("Drawn from reST")
    )
    assert page.select_one(".mlblog-sidenote em").get_text() == "reST"
    assert page.select_one(".mlblog-annotated pre").get_text().strip() == "x = 1"
    assert "Margin in reST." in page.select_one(".mlblog-marginnote").get_text()
    assert "Everything a post can hold" in [a.get_text() for a in page.find_all("a")]


def test_bad_diagram_line_in_rst(tmp_path):
    src = copy_root(ROOT, tmp_path)
    (src / "posts/bad.rst").write_text(
        'Bad\n===\n\n.. post:: 2024-06-01\n\n.. diagram::\n\n   {"items": [\n     {"label": "a",}\n   ]}\n'
    )
    assert "bad.rst:9: WARNING: diagram: invalid JSON" in warnings_of(build(src))


def _mathjax_out(app) -> Path:
    return Path(app.outdir) / "_static/mlblog-vendor/mathjax/tex-chtml.js"


def _site_without_math(tmp_path: Path) -> Path:
    src = tmp_path / "nomath"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_mlblog"]\nexclude_patterns = ["_build"]\n'
        'myst_enable_extensions = ["dollarmath"]\n'
    )
    (src / "index.md").write_text("# Home\n\nNo math here.\n")
    (src / "posts" / "one.md").write_text(
        "---\nblogpost: true\ndate: 2024-01-01\n---\n# One\n\nWords, and prices of 5 or 6 dollars.\n"
    )
    return src


def test_mathjax_is_copied_only_into_sites_that_show_math(tmp_path):
    """A blog without math gets none of MathJax's 194 files (Sphinx loads MathJax only on
    pages with math); once a page shows math, an incremental build copies them, and the
    page loads them."""
    src = _site_without_math(tmp_path)
    app = build(src)
    if sphinx.version_info[:2] < (8, 2):  # it loads MathJax on every page with a listing
        assert _mathjax_out(app).exists()
        return
    assert not _mathjax_out(app).exists()
    assert not (Path(app.outdir) / "_static/mlblog-vendor/mathjax").exists()
    assert (Path(app.outdir) / "_static/mlblog-vendor/mermaid/mermaid.esm.min.mjs").exists()
    (src / "posts" / "two.md").write_text(
        "---\nblogpost: true\ndate: 2024-01-02\n---\n# Two\n\nThe loss $L = x^2$.\n"
    )
    app = build(src)
    assert _mathjax_out(app).exists()
    fonts = Path(app.outdir) / "_static/mlblog-vendor/mathjax/fonts/mathjax-newcm-font/chtml"
    assert len(list(fonts.rglob("*.woff2"))) > 50
    scripts = [s.get("src", "") for s in read_html(app, "posts/two").find_all("script")]
    assert any(s.endswith("mlblog-vendor/mathjax/tex-chtml.js") for s in scripts)
    # a later build in which no page with math was read keeps them
    (src / "posts" / "one.md").write_text((src / "posts" / "one.md").read_text() + "\nMore.\n")
    assert _mathjax_out(build(src)).exists()


def test_mathjax_is_copied_when_an_extension_puts_it_on_every_page(tmp_path):
    src = _site_without_math(tmp_path)
    (src / "conf.py").write_text(
        (src / "conf.py").read_text()
        + '\ndef setup(app):\n    app.set_html_assets_policy("always")\n'
    )
    app = build(src)
    assert _mathjax_out(app).exists()
    scripts = [s.get("src", "") for s in read_html(app, "index").find_all("script")]
    assert any(s.endswith("mlblog-vendor/mathjax/tex-chtml.js") for s in scripts)


def test_mathjax_copied_after_a_parallel_read(tmp_path):
    """Read by parallel workers (``-j 2``), the one post with math still brings MathJax."""
    src = _site_without_math(tmp_path)
    for day in range(2, 10):
        math = " The loss $L = x^2$." if day == 7 else ""
        (src / "posts" / f"p{day}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-0{day}\n---\n# P{day}\n\nText.{math}\n"
        )
    app = build(src, parallel=2)
    assert _mathjax_out(app).exists()
