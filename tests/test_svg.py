"""Inline SVG (``svg-figure``) is inert unless trusted: a corpus of hostile files comes out
with nothing that runs or loads, real exports come out intact, and odd files warn with
their line while the page builds. The same files open in Chromium: tests/test_browser.py."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import article, build, read_html, warnings_of

from sphinx_mlblog.toolkit.sanitize import UnsafeSVG, sanitize_svg
from sphinx_mlblog.toolkit.svg_policy import ELEMENTS

SVG = Path(__file__).parent / "svg"
HOSTILE = sorted((SVG / "hostile").glob("*.svg"))
BENIGN = sorted((SVG / "benign").glob("*.svg"))
REJECTED = {"entity-bomb", "xxe"}  # not used at all: a warning, and no figure
#: Elements that run, load or leave SVG, in any case (the HTML parser lowercases)
ACTIVE = {
    "script",
    "iframe",
    "foreignobject",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "handler",
    "listener",
    "base",
    "meta",
    "form",
    "embed",
    "object",
    "img",
    "math",
    "feimage",
    "input",
    "button",
    "p",
}


def html_reading(svg: str) -> BeautifulSoup:
    """The markup as a browser's HTML parser reads it inlined in a page (lxml's HTML mode)."""
    return BeautifulSoup(f"<!doctype html><html><body>{svg}</body></html>", "lxml")


def _inert_reference(element: str, url: str) -> bool:
    """Within the drawing; or a link (no script scheme); or an image's data URL."""
    if url.startswith("#"):
        return True
    if element == "a":
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", url)
        return scheme is None or scheme[1] in ("http", "https", "mailto")
    return element == "image" and url.startswith("data:image/png")


def hazards(svg: str) -> list[str]:
    """Whatever in ``svg`` could run script, navigate or load from elsewhere."""
    found = []
    for element in html_reading(svg).body.find_all(True):
        name = element.name.lower()
        if name in ACTIVE:
            found.append(f"<{name}>")
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            plain = re.sub(r"[\x00-\x20]", "", value).lower()
            if attribute.lower().startswith("on") or attribute.lower() in (
                "xml:base",
                "srcdoc",
                "src",
                "action",
                "formaction",
            ):
                found.append(f"{name} {attribute}")
            elif (
                attribute.lower() in ("href", "xlink:href")
                and not _inert_reference(name, plain)
                or (
                    re.search(r"url\((?!\s*['\"]?#)", plain)
                    or "javascript:" in plain
                    or "@import" in plain
                )
            ):
                found.append(f"{name} {attribute}={value[:40]}")
        if name == "style" and (
            re.search(r"url\((?!\s*['\"]?#)|@import|@font-face|\\", element.get_text())
        ):
            found.append("<style> loads")
    return found


def test_the_hostile_corpus_covers_every_family():
    assert len(HOSTILE) >= 30
    names = {p.stem for p in HOSTILE}
    for family in (
        "script-uppercase",
        "href-uppercase",
        "desc-breakout",
        "title-breakout",
        "foreignobject-html",
        "animate-href",
        "set-onclick",
        "href-tab",
        "href-newline",
        "xml-base",
        "base-element",
        "meta-refresh",
        "form",
        "embed-object",
        "style-import",
        "style-url",
        "image-uppercase-src",
    ):
        assert family in names, family


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_svg_comes_out_inert(path):
    if path.stem in REJECTED:
        with pytest.raises(UnsafeSVG):
            sanitize_svg(path.read_text())
        return
    svg, removed = sanitize_svg(path.read_text())
    assert hazards(svg) == []
    assert "evil.example" not in svg
    assert removed, "what was removed is reported"
    # the hazard check itself sees the original's hazards
    assert hazards(path.read_text().split("-->", 1)[-1]) or path.stem in (
        "style-breakout",
        "title-breakout",
        "xml-base",
    )


def _drawing(svg: str) -> Counter:
    """Elements that draw something, by name (as the HTML parser names them)."""
    wanted = {name.lower() for name in ELEMENTS} - {"title", "desc", "style", "switch"}
    return Counter(e.name for e in html_reading(svg).find_all(True) if e.name in wanted)


@pytest.mark.parametrize("path", BENIGN, ids=lambda p: p.stem)
def test_real_exports_come_out_intact(path):
    original = path.read_text()
    svg, removed = sanitize_svg(original, theme=False)
    expected = _drawing(re.sub(r"<foreignObject.*?</foreignObject>", "", original, flags=re.S))
    assert _drawing(svg) == expected and sum(expected.values()) >= 5
    assert removed == (["<foreignObject>", "<foreignObject>"] if path.stem == "drawio" else [])
    texts = [t.get_text(" ", strip=True) for t in html_reading(svg).find_all("text")]
    assert texts == [t.get_text(" ", strip=True) for t in html_reading(original).find_all("text")]


def test_styles_of_real_exports_are_kept():
    svg, _ = sanitize_svg((SVG / "benign" / "inkscape.svg").read_text(), theme=False)
    for kept in (
        "fill: url(#linearGradient2)",
        "marker-end: url(#Arrow1)",
        "filter: url(#filter1)",
        'clip-path="url(#clipPath1)"',
        'xlink:href="#linearGradient1"',
        "stop-color: #3465a4",
    ):
        assert kept in svg, kept
    matplotlib, _ = sanitize_svg((SVG / "benign" / "matplotlib.svg").read_text(), theme=False)
    assert "* { stroke-linejoin: round; stroke-linecap: butt }" in matplotlib


def test_trusted_keeps_everything():
    svg, removed = sanitize_svg((SVG / "hostile" / "script.svg").read_text(), trusted=True)
    assert "<script>alert('script')</script>" in svg and removed == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,100,100"><rect width="100" fill="#fff"/></svg>',
            None,
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="nonsense"><rect width="1"/></svg>',
            None,
        ),
        ("", "not well-formed"),
        ("<html><body>no svg</body></html>", "not <svg>"),
        ("<svg xmlns='http://www.w3.org/2000/svg'><g>", "not well-formed"),
        ('<svg xmlns="http://www.w3.org/1999/xhtml"><rect/></svg>', "not <svg>"),
    ],
)
def test_odd_svg_never_raises_anything_else(text, message):
    if message is None:
        svg, _ = sanitize_svg(text)
        assert svg.startswith("<svg")
    else:
        with pytest.raises(UnsafeSVG, match=message):
            sanitize_svg(text)


def _site(tmp_path, files: dict[str, bytes | str], figure_options: str = "") -> Path:
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nhtml_theme = "alabaster"\nblog_baseurl = "https://e.org/"\n'
    )
    (src / "index.md").write_text("# Home\n")
    for day, (name, content) in enumerate(sorted(files.items()), start=1):
        target = src / "posts" / f"{name}.svg"
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        (src / "posts" / f"{name}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-{day % 28 + 1:02d}\n---\n# Figure {name}\n\n"
            f"```{{svg-figure}} {name}.svg\n{figure_options}A caption of {name}.\n```\n\nAfter the figure.\n"
        )
    return src


def test_odd_files_warn_with_their_line_and_the_page_builds(tmp_path):
    files = {
        "commas": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,100,100"><rect width="100" height="100" fill="#fff"/></svg>',
        "broken": "<svg xmlns='http://www.w3.org/2000/svg'><g>",
        "latin1": "<svg xmlns='http://www.w3.org/2000/svg'><text>caf\xe9</text></svg>".encode(
            "latin-1"
        ),
        "huge": "<svg xmlns='http://www.w3.org/2000/svg'>"
        + "<!-- padding -->" * 400_000
        + "</svg>",
        "bomb": (SVG / "hostile" / "entity-bomb.svg").read_text(),
    }
    app = build(_site(tmp_path, files))
    assert app.statuscode == 0
    warnings = [w for w in warnings_of(app).splitlines() if "[mlblog.svg]" in w]
    for name in ("broken", "latin1", "huge", "bomb"):
        assert any(f"posts/{name}.md:7:" in w for w in warnings), (name, warnings)
        assert "After the figure." in article(app, f"posts/{name}").get_text()
    assert not any("posts/commas.md" in w for w in warnings)
    assert article(app, "posts/commas").select_one("svg.mlblog-svg") is not None


def test_bad_width_warns(tmp_path):
    files = {
        "w": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    }
    app = build(_site(tmp_path, files, ":width: 100px;background:url(https://evil.example/)\n"))
    assert "is not a length such as 600px" in warnings_of(app)
    assert "evil.example" not in (Path(app.outdir) / "posts/w.html").read_text()


def test_hostile_figures_in_a_built_page(tmp_path):
    files = {p.stem: p.read_text() for p in HOSTILE}
    app = build(_site(tmp_path, files))
    assert app.statuscode == 0
    for name in files:
        page = read_html(app, f"posts/{name}")
        figure = page.select_one("figure.mlblog-svg-figure")
        if name in REJECTED:
            assert figure is None
            continue
        assert hazards(str(figure.select_one("svg"))) == [], name
        assert "evil.example" not in str(page.select_one("div.body") or page.body), name


def test_a_figure_outside_the_project_is_left_out(tmp_path):
    """Only the project's files are published: an SVG named by a path out of the project
    warns at the directive's line and is not inlined; the page builds."""
    (tmp_path / "outside.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg'><text>OUTSIDE</text></svg>"
    )
    src = _site(
        tmp_path, {"inside": "<svg xmlns='http://www.w3.org/2000/svg'><text>IN</text></svg>"}
    )
    (src / "posts" / "out.md").write_text(
        "---\nblogpost: true\ndate: 2024-02-01\n---\n# Out\n\n"
        "```{svg-figure} ../../outside.svg\nA caption.\n```\n\nAfter the figure.\n"
    )
    app = build(src)
    assert "posts/out.md:7: WARNING: svg-figure: '../../outside.svg' is outside the project" in (
        warnings_of(app)
    )
    page = article(app, "posts/out")
    assert "OUTSIDE" not in page.get_text() and "After the figure." in page.get_text()
    assert "IN" in article(app, "posts/inside").select_one("svg").get_text()
