"""sphinx-design, set up by ``extensions = ["sphinx_mlblog"]``: its components render, and
its transforms skip only the pages without any."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import article, build, copy_root, read_html, warnings_of

from sphinx_mlblog import compat
from sphinx_mlblog.toolkit import design

SD_VERSION = tuple(int(part) for part in version("sphinx-design").split(".")[:2])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(copy_root("design", tmp_path_factory.mktemp("design")))


def test_builds_without_warnings(built):
    assert warnings_of(built).strip() == ""


def test_components_render(built):
    page = article(built, "components")
    dropdown = page.select_one("details.sd-dropdown")
    assert dropdown is not None and "Hidden" in dropdown.get_text()
    assert [label.get_text(strip=True) for label in page.select(".sd-tab-set > label")] == [
        "PyTorch",
        "JAX",
    ]
    button = page.select_one("a.sd-btn")
    assert button["href"].endswith("#target") and button.get_text(strip=True) == "Go to the target"
    assert page.select_one(".sd-card a.sd-stretched-link")["href"] == "https://example.org/card"
    assert page.select_one("a.sd-badge")["href"].endswith("#target")


@pytest.mark.skipif(SD_VERSION < (0, 8), reason="components of sphinx-design 0.8")
def test_newer_components_render(built):
    page = article(built, "components-08")
    button = page.select_one("a.sd-btn")
    assert button["href"].endswith("#target-08") and button["target"] == "_blank"
    card_link = page.select_one(".sd-card a.sd-stretched-link")
    assert card_link["href"] == "https://example.org/card" and card_link["target"] == "_blank"
    badge = page.select_one("a.sd-badge")
    assert badge["title"] == "a tooltip"
    aside = page.select_one("aside.sd-aside")
    assert aside is not None and aside["aria-labelledby"]


def test_included_components_render(built):
    assert (
        "From an included file."
        in article(built, "included").select_one("details.sd-dropdown").get_text()
    )


def test_only_pages_without_components_skip_the_transforms(built):
    free = {
        name
        for name in built.env.found_docs
        if design.NO_DESIGN in built.env.get_doctree(name).get("mlblog_features", ())
    }
    assert {"posts/plain-post", "index"} <= free
    assert not free & {"components", "components-08", "included", "posts/design-post"}
    assert article(built, "posts/design-post").select_one("details.sd-dropdown") is not None


def _design_assets(app, page: str) -> set[str]:
    soup = read_html(app, page)
    urls = [tag.get("href", "") for tag in soup.select("link[rel=stylesheet]")] + [
        tag.get("src", "") for tag in soup.select("script[src]")
    ]
    return {
        name
        for name in compat.DESIGN_ASSETS
        if any(f"/{name}" in url or url.startswith(name) for url in urls)
    }


def test_assets_only_on_pages_that_use_them(built):
    both = set(compat.DESIGN_ASSETS)
    for page in (
        "components",
        "included",
        "raw",
        "posts/design-post",
        "posts/badge-post",
        "search",
    ):
        assert _design_assets(built, page) == both, page
    # the blog index lists the badge post's excerpt (with its badge); the news tag page too
    assert _design_assets(built, "blog/index") == both
    assert _design_assets(built, "blog/tag/news") == both
    for page in ("index", "posts/plain-post", "blog/tag/notes"):
        assert _design_assets(built, page) == set(), page


def test_same_pages_as_without_the_gate(built, tmp_path, monkeypatch):
    """Every page comes out as it does when sphinx-design's transforms run everywhere."""
    monkeypatch.setattr(compat, "DESIGN_PROFILES", {})  # no release is known: nothing is gated
    monkeypatch.setattr(compat.DesignAssets, "check", lambda self, builder: False)
    ungated = build(copy_root("design", tmp_path))
    pages = sorted(p.relative_to(built.outdir) for p in Path(built.outdir).rglob("*.html"))
    assert len(pages) > 5 and pages == sorted(
        p.relative_to(ungated.outdir) for p in Path(ungated.outdir).rglob("*.html")
    )
    for page in pages:
        ours, theirs = ((Path(app.outdir) / page).read_text() for app in (built, ungated))
        if not _design_assets(built, page.with_suffix("").as_posix()):  # the assets' tags aside
            theirs = re.sub(
                r"\n *<(link|script)[^>]*(sphinx-design\.min\.css|design-tabs\.js)[^>]*>(</script>)?",
                "",
                theirs,
            )
        assert ours == theirs, page


def test_single_page_builds_keep_every_component(tmp_path):
    """singlehtml puts every document into the root document's tree, which has no
    components of its own: the transforms must not skip it."""
    app = build(copy_root("design", tmp_path), "singlehtml")
    page = article(app, "index")
    assert len(page.select("details.sd-dropdown")) == 3
    assert [label.get_text(strip=True) for label in page.select(".sd-tab-set > label")] == [
        "PyTorch",
        "JAX",
    ]


def test_sphinx_design_is_not_set_up_beside_sphinx_panels(tmp_path):
    """sphinx-panels (sphinx-design's predecessor, on real ablog sites) registers the same
    ``dropdown`` directive and nodes: sphinx-design is left out rather than warn."""
    from conftest import build, warnings_of

    src = tmp_path / "site"
    src.mkdir()
    (src / "sphinx_panels.py").write_text(
        "from docutils.parsers.rst import Directive\n\n"
        "class Dropdown(Directive):\n    has_content = True\n"
        "    def run(self):\n        return []\n\n"
        "def setup(app):\n    app.add_directive('dropdown', Dropdown)\n"
        "    return {'parallel_read_safe': True, 'parallel_write_safe': True}\n"
    )
    (src / "conf.py").write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        'extensions = ["sphinx_panels", "sphinx_mlblog"]\nblog_baseurl = "https://e.org/"\n'
    )
    (src / "index.md").write_text("# Home\n\n```{dropdown}\nHidden.\n```\n")
    app = build(src)
    assert warnings_of(app).strip() == ""
    assert "sphinx_design" not in app.extensions
