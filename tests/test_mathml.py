"""Math as MathML at build time (blog_mathml): the converter's checks, excerpts, feeds,
whole pages, and TeX it cannot take."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import sphinx
from bs4 import BeautifulSoup
from conftest import article, build, copy_root, read_html, warnings_of

from sphinx_mlblog.render.mathml import (
    ATTRIBUTES,
    ELEMENTS,
    expand_macros,
    html_with_mathml,
    tex_to_mathml,
)

#: Sphinx >= 8.2 loads MathJax as the page context says; older Sphinx asks its math domain
NEW_SPHINX = sphinx.version_info[:2] >= (8, 2)

ML_TEX = [
    r"\mathrm{softmax}(QK^\top/\sqrt{d})V",
    r"\mathcal{L}(\theta) = \mathbb{E}_{q_\phi(z \mid x)}\big[\log p_\theta(x \mid z)\big]",
    r"\nabla_\theta J(\theta) = \mathbb{E}\left[\sum_t \nabla_\theta \log \pi_\theta(a_t \mid s_t) G_t\right]",
    r"\hat{y} = \arg\max_{y} p(y \mid x)",
    r"\frac{\partial \mathcal{L}}{\partial W} = \delta x^\top",
    r"\|x\|_2^2 = \sum_{i=1}^{n} x_i^2",
    r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
    r"\begin{aligned} h &= W_0 x + B A x \\ r &\ll \min(d, k) \end{aligned}",
    r"O(n^2)",
    r"\mathrm{KL}\big(q \,\|\, p\big) \geq 0",
    r"x \in \mathbb{R}^{d \times k}",
    r"\sigma(x) = \frac{1}{1 + e^{-x}}",
]


def _mathml_ok(mathml: str) -> None:
    root = ET.fromstring(mathml)
    for element in root.iter():
        assert element.tag.split("}")[-1] in ELEMENTS
        assert set(element.attrib) <= ATTRIBUTES


@pytest.mark.parametrize("tex", ML_TEX)
def test_common_ml_math_converts(tex):
    for display in (False, True):
        mathml = tex_to_mathml(tex, display)
        assert mathml is not None, tex
        _mathml_ok(mathml)
        assert "\\" not in "".join(ET.fromstring(mathml).itertext())


@pytest.mark.parametrize(
    "tex",
    [r"\foo{x}", r"\frac{1}{2", r"a}{b", r"x <y & z", r"\href{javascript:alert(1)}{x}",
     r"\unknowncommand + 1", r"\label{eq} x"],
)  # fmt: skip
def test_tex_the_converter_cannot_take_is_refused(tex):
    assert tex_to_mathml(tex, True) is None


def test_display_math_keeps_its_number_and_id():
    html = (
        '<div class="math notranslate nohighlight" id="equation-loss">\n<span class="eqno">(1)'
        '<a class="headerlink" href="#equation-loss" title="Link to this equation">¶</a></span>'
        "\\[\\mathcal{L} = -\\sum_i \\log p(y_i \\mid x_i)\\]</div>"
        '<p><span class="math notranslate nohighlight">\\(a &lt; b\\)</span>, '
        '<span class="math notranslate nohighlight">\\(\\nope\\)</span></p>'
    )
    failed: list[str] = []
    soup = BeautifulSoup(html_with_mathml(html, failed.append), "html.parser")
    box = soup.select_one("div.mlblog-mathml")
    assert box["id"] == "equation-loss" and box.select_one(".eqno").get_text() == "(1)"
    assert box.find("math")["display"] == "block"
    inline = soup.p.find("math")
    assert inline["display"] == "inline" and [
        n.get_text() for n in inline.find_all(["mi", "mo"])
    ] == ["a", "<", "b"]
    assert failed == ["\\nope"] and soup.select_one("span.math").get_text() == "\\(\\nope\\)"


def test_mathjax_macros_are_expanded():
    macros = {
        "R": r"\mathbb{R}",
        "vec": [r"\mathbf{#1}", 1],
        "pair": [r"\langle #1, #2 \rangle", 2],
    }
    assert expand_macros(r"\R^n \vec{x} + \vec y \pair{a}{b} \Rightarrow", macros) == (
        r"\mathbb{R}^n \mathbf{x} + \mathbf{y} \langle a, b \rangle \Rightarrow"
    )
    assert expand_macros(r"\loop", {"loop": r"\loop"}) == r"\loop"  # terminates


# -- on real builds -------------------------------------------------------------------------


def test_cards_show_mathml_and_listing_pages_load_no_mathjax(tmp_path):
    app = build(copy_root("ml", tmp_path))
    for page in ("blog/index", "index"):
        html = read_html(app, page)
        if html.select(".mlblog-excerpt"):
            assert html.select_one(".mlblog-excerpt span.math") is None
    excerpts = read_html(app, "blog/index").select(".mlblog-excerpt math")
    assert excerpts and all(m["display"] == "inline" for m in excerpts)
    # (Sphinx < 8.2 decides from its math domain, which has every listing page noted)
    assert NEW_SPHINX is False or not any(
        "mathjax" in s.get("src", "") for s in read_html(app, "blog/index").find_all("script")
    )
    # the post's own page keeps MathJax by default
    post = read_html(app, "posts/toolkit")
    assert post.select_one("span.math") is not None
    assert any("mathjax" in s.get("src", "") for s in post.find_all("script"))


def test_feed_excerpts_carry_mathml(tmp_path):
    app = build(copy_root("ml", tmp_path))
    feed = feedparser.parse((Path(app.outdir) / "blog/atom.xml").read_bytes())
    contents = [e.content[0].value for e in feed.entries if "content" in e]
    assert any("<math" in c for c in contents)
    assert not any(re.search(r"\\\(|\\\[", c) for c in contents)


def test_pages_mode_needs_no_javascript_for_math(tmp_path):
    app = build(copy_root("ml", tmp_path), confoverrides={"blog_mathml": "pages"})
    post = read_html(app, "posts/toolkit")
    assert post.select_one("span.math, div.math") is None
    box = post.select_one("div.mlblog-mathml#equation-loss")
    assert box is not None and box.find("math")["display"] == "block"
    # the equation reference still lands on it
    assert any(
        a.get("href") == "#equation-loss" for a in article(app, "posts/toolkit").find_all("a")
    )
    assert NEW_SPHINX is False or not any(
        "mathjax" in s.get("src", "") for s in post.find_all("script")
    )
    assert "[mlblog.math]" not in warnings_of(app)


def _site(tmp_path: Path, body: str, **conf: str) -> Path:
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    extra = "".join(f"{k} = {v}\n" for k, v in conf.items())
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\nblog_feed_fulltext = True\n'
        'blog_url_style = "mlblog"\n' + extra
    )
    (src / "index.md").write_text("# Home\n")
    (src / "posts/p.md").write_text(
        "---\nblogpost: true\ndate: 2024-01-02\n---\n# A post\n\n" + body + "\n"
    )
    return src


def test_unconvertible_tex_warns_with_its_line_and_keeps_mathjax(tmp_path):
    src = _site(tmp_path, "Intro with $\\mycommand{x}$ math.\n\nMore $\\mycommand{x}$ text.")
    app = build(src)
    warnings = warnings_of(app)
    assert re.search(
        r"p\.md:7: WARNING: math '\\\\mycommand\{x\}' cannot be converted.*\[mlblog\.math\]",
        warnings,
    ), warnings
    assert warnings.count("[mlblog.math]") == 1  # once per post and source
    listing = read_html(app, "blog/index")
    assert listing.select_one(".mlblog-excerpt span.math") is not None
    assert any("mathjax" in s.get("src", "") for s in listing.find_all("script"))


def test_on_an_ablog_site_unconvertible_tex_is_a_note(tmp_path):
    """A project set up for ablog never asked for MathML in its feeds and listings: its
    ``-W`` build must build, so TeX latex2mathml cannot take is a note there."""
    src = _site(
        tmp_path,
        "Intro with $\\mycommand{x}$ math.",
        blog_url_style='"ablog"',
        myst_enable_extensions='["dollarmath"]',
    )
    app = build(src)
    assert "mlblog.math" not in warnings_of(app)
    assert "cannot be converted to MathML" in app.status.getvalue()


def test_project_macros_convert(tmp_path):
    src = _site(
        tmp_path,
        "Let $x \\in \\R^d$.",
        mathjax3_config='{"tex": {"macros": {"R": "\\\\mathbb{R}"}}}',
    )
    app = build(src)
    assert "[mlblog.math]" not in warnings_of(app)
    assert read_html(app, "blog/index").select_one(".mlblog-excerpt math") is not None


def test_mathml_off(tmp_path):
    app = build(_site(tmp_path, "Let $x^2$."), confoverrides={"blog_mathml": "off"})
    assert read_html(app, "blog/index").select_one(".mlblog-excerpt span.math") is not None
    feed = (Path(app.outdir) / "blog/atom.xml").read_text()
    assert "&lt;math" not in feed and "\\(x^2\\)" in feed


def test_without_the_converter_math_stays_tex_with_one_warning(tmp_path, monkeypatch):
    from sphinx_mlblog.render import math as math_module

    monkeypatch.setattr(math_module, "converter_available", lambda: False)
    app = build(_site(tmp_path, "Let $x^2$ and $y^2$."))
    assert warnings_of(app).count("latex2mathml cannot be imported") == 1
    assert read_html(app, "blog/index").select_one(".mlblog-excerpt span.math") is not None
