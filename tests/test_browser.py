"""Real-browser checks: Playwright driving Debian's Chromium (/usr/bin/chromium).

The built sites are served on 127.0.0.1; any request to another host is blocked and
fails the test, so the pages are shown to work offline. Screenshots go to
``tests/_artifacts/screenshots`` (set ``MLBLOG_SCREENSHOTS`` to save them elsewhere,
e.g. ``docs/_static/screenshots`` to refresh the ones shown in the docs).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import build, copy_root
from playwright import sync_api as playwright_api

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]
SHOTS = Path(
    os.environ.get("MLBLOG_SCREENSHOTS", Path(__file__).parent / "_artifacts" / "screenshots")
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def _serve(outdir: Path):
    """``outdir`` served on 127.0.0.1 (its URL, with a trailing slash)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(outdir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Build the sample sites and serve their output folders on 127.0.0.1."""
    root = tmp_path_factory.mktemp("browser")
    sites = {}
    for name in ("basic", "ml", "research"):
        src = copy_root(name, root)
        conf = src / "conf.py"
        conf.write_text(conf.read_text() + '\nhtml_theme = "furo"\n')
        sites[name] = Path(build(src).outdir)
    servers, urls = [], {}
    for name, outdir in sites.items():
        handler = functools.partial(_Quiet, directory=str(outdir))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that records console errors and blocks (and records) off-machine requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.offsite = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            return route.continue_()
        page.offsite.append(route.request.url)
        return route.abort()

    page.route("**/*", guard)
    yield page
    context.close()


def _settle(page):
    page.wait_for_load_state("networkidle")


def test_post_loads_cleanly_offline(served, page):
    page.goto(served["ml"] + "posts/toolkit.html")
    _settle(page)
    assert page.offsite == []
    assert page.errors == []


def test_mathjax_typesets(served, page):
    page.goto(served["ml"] + "posts/toolkit.html")
    page.wait_for_selector("mjx-container", timeout=20000)
    assert page.locator("mjx-container").count() >= 2
    assert page.errors == []


def test_mathjax_4_runs_offline_with_its_fonts_and_speech(served, page):
    """The vendored MathJax 4: its fonts and its speech worker come from the site (the
    defaults are CDNs), nothing is missing, and the equations get spoken labels."""
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: missing.append(r.url))
    page.goto(served["ml"] + "posts/toolkit.html")
    page.wait_for_selector("mjx-container", timeout=20000)
    page.wait_for_function(
        "[...document.fonts].some(f => f.family.includes('MJX-NCM') && f.status === 'loaded')",
        timeout=20000,
    )
    page.wait_for_selector(
        "mjx-container [data-semantic-speech], mjx-container[aria-label]", timeout=20000
    )
    _settle(page)
    assert page.evaluate("MathJax.version").startswith("4.")
    assert missing == [] and page.offsite == [] and page.errors == []


def test_mathjax_keeps_links_and_styles_in_tex_harmless(served, page):
    """``\\href{javascript:…}`` and ``\\style{… url(…)}`` in a post's TeX (MathJax's "safe"
    extension): no script URL in the typeset math, no request for the style's image."""
    page.goto(served["research"] + "posts/hostile.html")
    page.wait_for_selector("mjx-container", timeout=20000)
    _settle(page)
    hrefs = page.eval_on_selector_all(
        "mjx-container [href]", "els => els.map(e => e.getAttribute('href'))"
    )
    assert not any(h.strip().lower().startswith("javascript:") for h in hrefs), hrefs
    styles = page.eval_on_selector_all(
        "mjx-container [style]", "els => els.map(e => e.getAttribute('style'))"
    )
    assert not any("url(" in s for s in styles), styles
    assert page.offsite == [] and page.errors == []


def test_mermaid_renders_svg(served, page):
    page.goto(served["ml"] + "posts/toolkit.html")
    page.wait_for_selector(".mermaid svg", timeout=20000)
    assert page.locator(".mermaid svg").count() == 1


def _diagram_stroke(page) -> str:
    return page.eval_on_selector(".mlblog-diagram-canvas svg path", "p => p.getAttribute('stroke')")


def test_diagram_text_never_overlaps(served, page):
    """No two labels of a diagram overlap: an arrow that arcs into a group passes over the
    group's frame and label, and its own label sits clear of the arc."""
    page.goto(served["ml"] + "posts/toolkit.html")
    page.wait_for_selector(".mlblog-diagram-canvas svg path", timeout=20000)
    overlaps = page.evaluate(
        """() => [...document.querySelectorAll('.mlblog-diagram-canvas svg')].map(svg => {
            const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()]);
            const hits = [];
            boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
                if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height)
                    hits.push(a + ' / ' + b);
            }));
            const view = svg.viewBox.baseVal;
            boxes.forEach(([a, p]) => { if (p.y < view.y) hits.push(a + ' is cut off'); });
            return hits;
        })"""
    )
    assert len(overlaps) == 2 and overlaps == [[], []], overlaps


def test_diagram_draws_and_follows_dark_mode(served, page):
    page.goto(served["ml"] + "posts/toolkit.html")
    page.wait_for_selector(".mlblog-diagram-canvas svg path", timeout=20000)
    assert page.locator(".mlblog-diagram-canvas svg text", has_text="k3").count() == 1
    assert not page.locator(".mlblog-diagram-fallback").first.is_visible()
    page.evaluate("document.body.dataset.theme = 'light'")
    page.wait_for_timeout(200)
    light = _diagram_stroke(page)
    for _ in range(3):  # furo's toggle cycles auto -> dark -> light
        if page.evaluate("document.body.dataset.theme") == "dark":
            break
        page.locator("button.theme-toggle >> visible=true").first.click()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    page.wait_for_timeout(300)
    dark = _diagram_stroke(page)
    assert light != dark, (light, dark)
    assert page.errors == []


def test_diagram_fallback_without_javascript(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served["ml"] + "posts/toolkit.html")
    assert page.locator(".mlblog-diagram-fallback").first.is_visible()
    assert "k1 | k2 | k3" in page.locator(".mlblog-diagram-fallback").first.inner_text()
    context.close()


def test_annotation_markers_sit_on_their_lines(served, page):
    page.goto(served["ml"] + "posts/toolkit.html")
    _settle(page)
    lines = page.locator(".mlblog-annotated pre .hll")
    markers = page.locator(".mlblog-annotation-marker")
    for i in range(2):
        line_box, marker_box = lines.nth(i).bounding_box(), markers.nth(i).bounding_box()
        assert (
            abs(
                (line_box["y"] + line_box["height"] / 2)
                - (marker_box["y"] + marker_box["height"] / 2)
            )
            < line_box["height"] / 2
        )


def _clipboard_page(browser, site: str, path: str):
    """A page of ``site`` whose origin may read and write the real clipboard."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    page.goto(site + path)
    _settle(page)
    return context, page


def test_copy_button_copies_the_code_only(served, browser):
    """The real clipboard (granted to the page's origin) holds the code, without markers."""
    context, page = _clipboard_page(browser, served["ml"], "posts/toolkit.html")
    button = page.locator(".mlblog-copy").first
    assert button.inner_text() == "Copy" and button.get_attribute("aria-label") == "Copy code"
    button.click()
    page.wait_for_function("document.querySelector('.mlblog-copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("scores = q @ k.T") and "<1>" not in copied and "# <" not in copied
    assert page.evaluate("'mlblogLastCopied' in window") is False
    context.close()


def test_cite_box_copies_bibtex_and_citation(served, browser):
    """The "Cite this post" box opens from the keyboard; its buttons put the entry and the
    citation on the real clipboard."""
    context, page = _clipboard_page(browser, served["research"], "posts/attention.html")
    summary = page.locator("details.mlblog-cite > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.mlblog-cite").get_attribute("open") is not None
    buttons = page.locator("details.mlblog-cite .mlblog-copy")
    assert buttons.count() == 2
    assert [buttons.nth(i).get_attribute("aria-label") for i in range(2)] == [
        "Copy the citation",
        "Copy the BibTeX entry",
    ]
    for i, source in enumerate((".mlblog-cite-text", ".mlblog-cite-bibtex")):
        buttons.nth(i).click()
        expected = page.locator(f"details.mlblog-cite {source}").text_content()
        page.wait_for_function(
            f"document.querySelectorAll('details.mlblog-cite .mlblog-copy')[{i}].textContent === 'Copied'"
        )
        assert page.evaluate("navigator.clipboard.readText()") == expected
    assert expected.startswith("@misc{lovelace2024attention,") and expected.endswith("}")
    context.close()


@pytest.fixture(scope="module")
def mathml_site(tmp_path_factory):
    """The ml sample site with blog_mathml = "pages", served on 127.0.0.1."""
    src = copy_root("ml", tmp_path_factory.mktemp("mathml"))
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + '\nhtml_theme = "furo"\nblog_mathml = "pages"\n')
    with _serve(Path(build(src).outdir)) as url:
        yield url


def test_build_time_mathml_renders_without_javascript(mathml_site, browser):
    """MathML is laid out by Chromium itself: with JavaScript off, the numbered equation
    and the inline math take up room as typeset math, not as TeX text."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(mathml_site + "posts/toolkit.html")
    page.wait_for_load_state("load")
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('article math')).map(m => {
            const r = m.getBoundingClientRect();
            return {display: m.getAttribute('display'), w: r.width, h: r.height,
                    mathml: m.namespaceURI === 'http://www.w3.org/1998/Math/MathML'};
        })"""
    )
    assert any(b["display"] == "block" for b in boxes) and any(
        b["display"] == "inline" for b in boxes
    )
    assert all(b["mathml"] and b["w"] > 0 and b["h"] > 0 for b in boxes), boxes
    text = page.locator("article").inner_text()
    assert "\\mathcal" not in text and "\\(" not in text
    # the equation's number is still there, and its reference still points at it
    assert page.locator("#equation-loss .eqno").inner_text() == "(1)"
    context.close()


def test_cards_and_pagination_navigate(served, page):
    page.goto(served["basic"] + "blog/index.html")
    page.locator(".mlblog-pagination a", has_text="Older").click()
    page.wait_for_url("**/blog/page/2.html")
    assert page.locator(".mlblog-card").count() == 2
    page.locator(".mlblog-card-title a").first.click()
    page.wait_for_url("**/posts/2023/kv-cache.html")
    assert "KV cache" in page.locator("h1").inner_text()
    assert page.errors == [] and page.offsite == []


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(
    ("device", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)]
)
def test_screenshots(served, browser, theme, device, width, height):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
    page = context.new_page()
    for name, url in (
        ("landing", served["basic"] + "landing.html"),
        ("post", served["ml"] + "posts/toolkit.html"),
    ):
        page.goto(url)
        page.evaluate(f"document.body.dataset.theme = '{theme}'")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        path = SHOTS / f"{name}-{device}-{theme}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
    context.close()


def test_diagram_drawing_fills_its_reserved_box(served, page):
    """The page reserves the drawing's size, so drawing it shifts nothing."""
    page.goto(served["ml"] + "posts/toolkit.html")
    page.wait_for_selector(".mlblog-diagram-canvas svg path", timeout=20000)
    for index in range(page.locator(".mlblog-diagram-canvas").count()):
        canvas = page.locator(".mlblog-diagram-canvas").nth(index)
        box, svg = canvas.bounding_box(), canvas.locator("svg").bounding_box()
        assert abs(box["height"] - svg["height"]) <= 1 and abs(box["width"] - svg["width"]) <= 1, (
            box,
            svg,
        )


def _widget_frame(page):
    page.wait_for_selector("iframe.mlblog-widget-iframe")
    frame = page.frame_locator("iframe.mlblog-widget-iframe")
    frame.locator("#out", has_text="cells:").wait_for(timeout=10000)
    return next(f for f in page.frames if f.url == "about:srcdoc")


def test_widget_runs_isolated_from_the_blog(served, page):
    """The widget's script runs and loads its data file, with an opaque origin: no access
    to the page, its storage or cookies, and no URL of its own to open outside the sandbox."""
    page.goto(served["ml"] + "posts/toolkit.html")
    page.evaluate("localStorage.setItem('secret', 'of the blog'); document.cookie = 'session=blog'")
    frame = _widget_frame(page)
    assert frame.locator("#out").inner_text().startswith("cells: ")
    assert frame.evaluate("self.origin") == "null"
    for probe in (
        "window.parent.document.title",
        "localStorage.getItem('secret')",
        "document.cookie",
    ):
        assert (
            frame.evaluate(
                f"() => {{ try {{ {probe}; return 'reached'; }} catch (e) {{ return e.name; }} }}"
            )
            == "SecurityError"
        ), probe
    assert (
        page.request.get(served["ml"] + "_mlblog/widgets/posts/widgets/heatmap.html").status == 404
    )
    assert page.errors == [] and page.offsite == []


SVG_FILES = Path(__file__).parent / "svg"


@pytest.fixture(scope="module")
def svg_site(tmp_path_factory):
    """A post per hostile SVG of tests/svg/hostile, served on 127.0.0.1."""
    from test_svg import HOSTILE, _site

    src = _site(tmp_path_factory.mktemp("svg"), {p.stem: p.read_text() for p in HOSTILE})
    with _serve(Path(build(src).outdir)) as url:
        yield url, [p.stem for p in HOSTILE]


def test_hostile_svgs_stay_inert_in_chromium(svg_site, page):
    """Every hostile file inlined in a post, opened, hovered and clicked: no dialog, no
    request off this machine, no navigation away, no popup, no console error."""
    base, names = svg_site
    dialogs, popups = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("popup", lambda popup: popups.append(popup.url))
    for name in names:
        url = base + f"posts/{name}.html"
        page.goto(url)
        _settle(page)
        for element in page.locator(".mlblog-svg svg *").all()[:40]:
            for action in (element.hover, element.click):
                with contextlib.suppress(playwright_api.Error):  # not visible, or the page went on
                    action(timeout=300, force=True)
        page.wait_for_timeout(150)
        assert page.url.split("#")[0] == url, (name, page.url)
        assert dialogs == [] and popups == [], (name, dialogs, popups)
        assert page.offsite == [], (name, page.offsite)
        assert page.errors == [], (name, page.errors)


@pytest.mark.parametrize("name", ["matplotlib", "inkscape", "excalidraw"])
def test_real_exports_look_as_their_files(browser, tmp_path, name):
    """The sanitised drawing, inline, against the original file shown as an image (which
    runs and loads nothing either): the same pixels, but for anti-aliasing."""
    import io

    from PIL import Image, ImageChops

    from sphinx_mlblog.toolkit.sanitize import sanitize_svg

    original = (SVG_FILES / "benign" / f"{name}.svg").read_text()
    inline, _ = sanitize_svg(original, theme=False)
    (tmp_path / "original.svg").write_text(original)
    inline = inline.replace("<svg ", '<svg width="400" height="240" ', 1)
    (tmp_path / "page.html").write_text(
        "<!doctype html><html><body style='margin:0;background:#fff'>"
        "<div id='a' style='width:400px;height:240px'><img src='original.svg' width='400' height='240'></div>"
        f"<div id='b' style='width:400px;height:240px'>{inline}</div></body></html>"
    )
    page = browser.new_page(viewport={"width": 420, "height": 520})
    page.goto((tmp_path / "page.html").as_uri())
    page.wait_for_timeout(300)
    shots = [
        Image.open(io.BytesIO(page.locator(s).screenshot())).convert("RGB") for s in ("#a", "#b")
    ]
    page.close()
    diff = ImageChops.difference(*shots).convert("L").point(lambda v: 255 if v > 64 else 0)
    changed = sum(1 for v in diff.getdata() if v) / (diff.width * diff.height)
    assert changed < 0.01, f"{name}: {changed:.2%} of the pixels differ"


# -- hover previews -------------------------------------------------------------------------


def _preview(page):
    return page.locator("#mlblog-preview")


def _hover_preview(page, url: str, link: str):
    """Open ``url``, hover the first ``link`` in its article; the preview once it shows."""
    page.goto(url)
    _settle(page)
    page.locator(link).first.hover()
    preview = _preview(page)
    preview.wait_for(state="visible")
    return preview


def _requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(urlparse(request.url).path))
    return seen


def test_hovering_a_post_link_previews_it_from_the_build_data(served, page):
    page.goto(served["research"] + "posts/attention.html")
    _settle(page)
    requests = _requests(page)
    link = page.locator('article a[href="directive.html"]').first
    link.hover()
    preview = _preview(page)
    preview.wait_for(state="visible")
    assert preview.locator(".mlblog-preview-title").inner_text() == "An rst post"
    assert preview.locator(".mlblog-preview-date").inner_text() == "20 November 2023"
    assert preview.locator(".mlblog-preview-excerpt").inner_text() == "LoRA, briefly."
    assert preview.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == "mlblog-preview"
    # the data came from the build's small script; no page was fetched
    assert any(p.endswith("_static/mlblog-previews.js") for p in requests)
    assert not any(p.endswith(".html") for p in requests), requests
    # moving away closes it
    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None
    assert page.errors == [] and page.offsite == []


def test_a_post_named_beyond_ascii_previews_and_filters(tmp_path, page):
    """A post whose file name goes beyond ASCII or holds a space (``hello_diátaxis.md``,
    ``The Road to GSOC.rst`` on real sites) is percent-encoded in links: its preview
    shows (the data was keyed by the encoded name, the script looks up the decoded one),
    and the listing filter links it where it is."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nhtml_theme = "furo"\nblog_posts_per_page = 1\n'
    )
    (tmp_path / "index.md").write_text("# Home\n\n[The road](<posts/the road café.md>)\n")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/the road café.md").write_text(
        "---\nblogpost: true\ndate: 2024-03-01\ntags: gsoc\n---\n# The road, café\n\n"
        "Where it starts.\n"
    )
    (tmp_path / "posts/other.md").write_text(
        "---\nblogpost: true\ndate: 2024-03-02\ntags: gsoc\n---\n# Other\n\nText.\n"
    )
    outdir = Path(build(tmp_path).outdir)
    with _serve(outdir) as url:
        page.goto(url + "index.html")
        _settle(page)
        link = page.locator('article a[href*="road"]').first
        assert "caf%C3%A9" in link.get_attribute("href")
        link.hover()
        preview = _preview(page)
        preview.wait_for(state="visible")
        assert preview.locator(".mlblog-preview-title").inner_text() == "The road, café"
        assert preview.locator(".mlblog-preview-excerpt").inner_text() == "Where it starts."
        page.goto(url + "blog/index.html?q=road")
        _settle(page)
        found = page.locator(".mlblog-filter-results a.mlblog-post-link")
        found.first.wait_for(state="visible")
        assert found.count() == 1
        page.goto(found.first.get_attribute("href"))
        assert page.locator("h1").first.inner_text().startswith("The road, café")
        assert page.errors == [] and page.offsite == []


def test_a_plain_markdown_link_to_a_post_previews_it_and_its_text_stays_text(served, page):
    preview = _hover_preview(
        page, served["research"] + "posts/attention.html", 'article a[href="hostile.html"]'
    )
    title = preview.locator(".mlblog-preview-title").inner_text()
    assert title.startswith("</script><script>alert(1)</script>")
    assert preview.locator("script").count() == 0 and page.errors == []


def test_a_preview_shows_the_excerpts_math_as_mathml(served, page):
    """The excerpt "… its $O(n^2)$ attention." previews with MathML (no TeX, no MathJax
    needed), rebuilt from the build's allowlist."""
    preview = _hover_preview(
        page, served["research"] + "posts/nocite.html", 'article a[href="attention.html"]'
    )
    excerpt = preview.locator(".mlblog-preview-excerpt")
    assert excerpt.locator("math msup").count() == 1
    text = excerpt.inner_text()
    assert "$" not in text and "O(n^2)" not in text and text.endswith("attention.")
    assert (
        page.evaluate("document.querySelector('.mlblog-preview-excerpt math').namespaceURI")
        == "http://www.w3.org/1998/Math/MathML"
    )
    assert preview.locator("img").count() == 0  # its image is on another site: left out
    assert page.errors == [] and page.offsite == [], (page.errors, page.offsite)


def test_a_preview_shows_the_posts_own_image(served, page):
    preview = _hover_preview(
        page, served["research"] + "posts/linked.html", 'article a[href="nocite.html"]'
    )
    image = preview.locator("img.mlblog-preview-image")
    image.wait_for(state="visible")
    assert page.evaluate("document.querySelector('.mlblog-preview-image').naturalWidth") == 120
    assert page.errors == [] and page.offsite == []


def test_keyboard_focus_shows_and_escape_closes(served, page):
    page.goto(served["research"] + "posts/attention.html")
    _settle(page)
    link = page.locator('article a[href="directive.html"]').first
    link.focus()
    preview = _preview(page)
    preview.wait_for(state="visible")
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "directive.html"


def test_footnote_and_equation_references_preview_their_targets(served, page):
    page.goto(served["research"] + "posts/attention.html")
    _settle(page)
    preview = _preview(page)
    page.locator("article a.footnote-reference").first.hover()
    preview.wait_for(state="visible")
    assert "keeps the softmax out of its flat regions" in preview.inner_text()
    assert preview.locator("[id]").count() == 0  # ids are not duplicated
    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")
    page.locator('article p a[href="#equation-attention"]').first.hover()
    preview.wait_for(state="visible")
    assert preview.locator("mjx-container, math").count() >= 1


def test_citation_previews_the_entry(served, page):
    preview = _hover_preview(
        page, served["ml"] + "posts/toolkit.html", "article .bibtex-citation a"
    )
    assert "Attention is all you need" in preview.inner_text()


def test_showing_a_preview_shifts_no_layout(served, page):
    page.goto(served["research"] + "posts/attention.html")
    _settle(page)
    page.evaluate(
        """() => { window.shifts = 0; new PerformanceObserver(list => {
            for (const e of list.getEntries()) window.shifts += e.value; })
            .observe({type: 'layout-shift', buffered: false}); }"""
    )
    before = page.evaluate("document.querySelector('article').getBoundingClientRect().height")
    page.locator('article a[href="directive.html"]').first.hover()
    _preview(page).wait_for(state="visible")
    page.wait_for_timeout(200)
    assert page.evaluate("window.shifts") == 0
    assert (
        page.evaluate("document.querySelector('article').getBoundingClientRect().height") == before
    )
    box = _preview(page).bounding_box()
    viewport = page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]


def test_a_tap_previews_and_a_second_tap_follows(served, browser):
    context = browser.new_context(
        has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    page.goto(served["research"] + "posts/attention.html")
    _settle(page)
    link = page.locator('article a[href="directive.html"]').first
    link.scroll_into_view_if_needed()
    link.tap()
    preview = _preview(page)
    preview.wait_for(state="visible")
    assert page.url.endswith("posts/attention.html")
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    link.tap()
    page.wait_for_url("**/posts/directive.html")
    context.close()


def test_no_preview_without_javascript(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served["research"] + "posts/attention.html")
    page.locator('article a[href="directive.html"]').first.hover()
    page.wait_for_timeout(400)
    assert page.locator("#mlblog-preview").count() == 0
    page.locator('article a[href="directive.html"]').first.click()
    page.wait_for_url("**/posts/directive.html")
    context.close()


# -- listing filters ------------------------------------------------------------------------


def _card_titles(page, selector: str) -> list[str]:
    return page.locator(f"{selector} .mlblog-card-title a").all_inner_texts()


def test_filter_finds_posts_across_pages_and_keeps_the_filter_in_the_address(served, page):
    page.goto(served["basic"] + "blog/index.html")
    _settle(page)
    requests = _requests(page)
    form = page.locator("form.mlblog-filter")
    assert form.is_visible()
    # the KV cache post is on page 2 of the index (two posts a page); accents and case
    # do not matter
    assert "The KV cache, explained" not in _card_titles(page, ".mlblog-filter-default")
    page.locator(".mlblog-filter-text").fill("LÍNEAR")
    page.wait_for_function("!document.querySelector('.mlblog-filter-results').hidden")
    assert _card_titles(page, ".mlblog-filter-results") == ["The KV cache, explained"]
    assert page.locator(".mlblog-filter-default").is_hidden()
    assert page.locator(".mlblog-filter-status").inner_text() == "1 of 4 posts"
    assert "q=L%C3%8DNEAR" in page.url
    assert not any(p.endswith(".html") for p in requests), requests
    # a chip narrows further; both are in the address
    page.locator(".mlblog-filter-text").fill("")
    page.locator('.mlblog-filter-tag[data-tag="inference"]').click()
    page.wait_for_function("!document.querySelector('.mlblog-filter-results').hidden")
    assert _card_titles(page, ".mlblog-filter-results") == [
        "Speculative decoding",
        "The KV cache, explained",
    ]
    assert (
        page.locator('.mlblog-filter-tag[data-tag="inference"]').get_attribute("aria-pressed")
        == "true"
    )
    assert page.url.endswith("?tag=inference")
    # a shared address opens filtered
    page.goto(served["basic"] + "blog/index.html?tag=inference&q=linear")
    _settle(page)
    page.wait_for_function("!document.querySelector('.mlblog-filter-results').hidden")
    assert _card_titles(page, ".mlblog-filter-results") == ["The KV cache, explained"]
    assert page.locator(".mlblog-filter-text").input_value() == "linear"
    # clearing it brings the page's own listing back
    page.locator('.mlblog-filter-tag[data-tag="inference"]').click()
    page.locator(".mlblog-filter-text").fill("")
    page.wait_for_function("document.querySelector('.mlblog-filter-results').hidden")
    assert page.locator(".mlblog-filter-default").is_visible()
    assert page.url.endswith("blog/index.html")
    assert page.errors == [] and page.offsite == []


def test_filter_on_a_tag_page_stays_in_its_tag(served, page):
    page.goto(served["basic"] + "blog/tag/attention.html?q=a")
    _settle(page)
    page.wait_for_function("!document.querySelector('.mlblog-filter-results').hidden")
    titles = _card_titles(page, ".mlblog-filter-results")
    assert titles and set(titles) <= {"Attention is all you need, again", "The KV cache, explained"}
    page.locator(".mlblog-filter-text").fill("nothing like this")
    page.wait_for_function(
        "document.querySelector('.mlblog-filter-status').textContent.startsWith('No post')"
    )
    assert page.locator(".mlblog-filter-results .mlblog-card").count() == 0


def test_filter_without_javascript_leaves_the_pages(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served["basic"] + "blog/index.html?q=diffusion")
    assert page.locator("form.mlblog-filter").is_hidden()
    assert page.locator(".mlblog-filter-default .mlblog-card").count() == 2
    assert page.locator(".mlblog-pagination").is_visible()
    context.close()


def test_a_direction_override_in_a_title_reorders_nothing_around_it(tmp_path, page):
    """A post title holding a right-to-left override (U+202E), in a list row with its
    author and date after it: the title link is isolated (``dir="auto"``), so the row
    still reads title, author, date from left to right."""
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + '\nhtml_theme = "furo"\n')
    (src / "posts" / "bidi.md").write_text(
        "---\nblogpost: true\ndate: 2024-06-01\nauthor: Ada Lovelace\n---\n# \u202eevil title\n\nText.\n",
        encoding="utf-8",
    )
    (src / "rows.md").write_text(
        '---\norphan: true\n---\n# Rows\n\n```{postlist} 1\n:format: "{title} by {author} on {date}"\n```\n',
        encoding="utf-8",
    )
    with _serve(Path(build(src).outdir)) as url:
        page.goto(url + "rows.html")
        _settle(page)
        boxes = page.evaluate(
            """() => { const row = document.querySelector('.mlblog-item');
                return ['a.mlblog-post-link', '.mlblog-author', 'time'].map(s => {
                    const r = row.querySelector(s).getBoundingClientRect();
                    return {left: r.left, right: r.right}; }); }"""
        )
    assert all(a["right"] <= b["left"] + 1 for a, b in zip(boxes, boxes[1:], strict=False)), boxes
