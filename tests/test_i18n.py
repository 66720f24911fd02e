"""The blog's chrome follows the project's ``language``: the package's German catalog,
dates in German, and catalogs that are complete and in step with the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import article, build, copy_root, read_html, warnings_of

TOOLS = Path(__file__).parent.parent / "tools" / "translations.py"

#: English chrome that must not be left on a German page
ENGLISH = (
    "min read",
    "Related posts",
    "Previous:",
    "Next:",
    "Part 1 of",
    "Featured",
    "Posts tagged",
    "No posts yet",
    "Older →",
    "Subscribe:",
    "Recent posts",
)


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return build(
        copy_root("basic", tmp_path_factory.mktemp("de")),
        confoverrides={"language": "de", "blog_feed_archives": True},
    )


def test_builds_without_warnings(german):
    assert warnings_of(german).strip() == ""


def test_post_header_and_footer_in_german(german):
    page = article(german, "posts/2024/speculative")
    header = " ".join(page.select_one(".mlblog-post-header").get_text(" ").split())
    assert "10 Januar 2024" in header and "von Ada Lovelace" in header and "Min. Lesezeit" in header
    assert "Empfohlen" in header and "Serie: serving · Teil 2" in header
    footer = page.select_one(".mlblog-post-footer")
    assert "Teil 2 von 2 in" in footer.select_one(".mlblog-series-nav").get_text(" ", strip=True)
    assert footer.select_one(".mlblog-series-nav")["aria-label"] == "Teile der Serie"
    assert footer.select_one(".mlblog-prev").get_text(" ", strip=True).startswith("Vorheriger:")
    assert footer.select_one(".mlblog-related .rubric").get_text() == "Ähnliche Beiträge"
    text = page.get_text(" ")
    assert not [phrase for phrase in ENGLISH if phrase in text]


def test_archive_pages_in_german(german):
    tag = article(german, "blog/tag/attention")
    assert tag.find("h1").get_text(strip=True).startswith("Beiträge mit dem Schlagwort „attention“")
    assert "Abonnieren:" in tag.select_one(".mlblog-feeds").get_text()
    index = article(german, "blog/index")
    assert "Ältere →" in index.select_one(".mlblog-pagination").get_text()
    assert read_html(german, "blog/page/2").title.get_text().startswith("Test Blog — Seite 2")
    assert (
        article(german, "blog/tag/index").find("h1").get_text(strip=True).startswith("Schlagwörter")
    )
    assert article(german, "blog/archive").find("h1").get_text(strip=True).startswith("Archiv")


def test_sidebars_in_german(german):
    sidebar = read_html(german, "index").select_one(".mlblog-sidebar-recent")
    assert sidebar.select_one(".caption-text").get_text() == "Neueste Beiträge"
    assert (
        read_html(german, "index").select_one(".mlblog-sidebar-tags")["aria-label"]
        == "Schlagwörter"
    )


def test_landing_titles_in_german(german):
    titles = [
        h.get_text()
        for h in article(german, "landing").select(".mlblog-landing h2.mlblog-list-title")
    ]
    assert titles == ["Empfohlen", "Neueste Beiträge"]


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    return build(
        copy_root("basic", tmp_path_factory.mktemp("es")),
        confoverrides={"language": "es", "blog_feed_archives": True},
    )


def test_the_spanish_catalog(spanish):
    """A second real translation (ablog ships Spanish; GuayaHack's site is written in it)."""
    assert warnings_of(spanish).strip() == ""
    page = article(spanish, "posts/2024/speculative")
    header = " ".join(page.select_one(".mlblog-post-header").get_text(" ").split())
    assert "10 enero 2024" in header and "por Ada Lovelace" in header
    assert "min de lectura" in header and "Destacada" in header
    footer = page.select_one(".mlblog-post-footer")
    assert footer.select_one(".mlblog-related .rubric").get_text() == "Entradas relacionadas"
    assert footer.select_one(".mlblog-prev").get_text(" ", strip=True).startswith("Anterior:")
    assert not [phrase for phrase in ENGLISH if phrase in page.get_text(" ")]
    tag = article(spanish, "blog/tag/attention")
    assert tag.find("h1").get_text(strip=True).startswith("Entradas con la etiqueta «attention»")
    assert "Suscribirse:" in tag.select_one(".mlblog-feeds").get_text()
    assert (
        "Anteriores →" in article(spanish, "blog/index").select_one(".mlblog-pagination").get_text()
    )


def test_english_is_the_default(tmp_path):
    app = build(copy_root("basic", tmp_path))
    header = article(app, "posts/2024/speculative").select_one(".mlblog-post-header").get_text(" ")
    assert "min read" in header and "10 January 2024" in header


def _tools():
    spec = importlib.util.spec_from_file_location("translations", TOOLS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogs_are_complete_and_current():
    """Every marked string is in the template and translated in every catalog, and each
    shipped .mo is compiled from its .po (``nox -s translations`` mends this)."""
    tools = _tools()
    assert tools.languages(), "no translation ships"
    assert tools.problems() == []


def test_catalog_check_sees_a_new_string(tmp_path, monkeypatch):
    tools = _tools()
    root = tmp_path / "root"
    (root / "sphinx_mlblog").mkdir(parents=True)
    (root / "babel.cfg").write_text((TOOLS.parent.parent / "babel.cfg").read_text())
    (root / "sphinx_mlblog" / "x.py").write_text(
        'from .i18n import _\n_("A string nobody translated")\n'
    )
    monkeypatch.setattr(tools, "ROOT", root)
    monkeypatch.setattr(tools, "LOCALE", TOOLS.parent.parent / "sphinx_mlblog" / "theme" / "locale")
    found = tools.problems()
    assert any("out of date" in problem for problem in found)
    assert any("A string nobody translated" in problem for problem in found)
