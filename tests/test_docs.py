"""The project's own docs (a blog built with the extension) build without warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import article, build, warnings_of

DOCS = Path(__file__).parent.parent / "docs"


def _docs(tmp_path):
    src = tmp_path / "docs"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build", "blog"))
    shutil.copy(DOCS.parent / ".readthedocs.yaml", tmp_path)  # included by the docs
    return src


def test_docs_build_cleanly(tmp_path):
    app = build(_docs(tmp_path))
    assert warnings_of(app).strip() == ""
    assert app.statuscode == 0
    config_rows = article(app, "reference/config").select("table tbody tr")
    assert any("blog_baseurl" in row.get_text() for row in config_rows)
    assert (Path(app.outdir) / "blog/atom.xml").exists()


@pytest.mark.parametrize(
    "builder", ["dirhtml", "singlehtml", "latex", "texinfo", "text", "man", "epub"]
)
def test_docs_build_with_every_builder(tmp_path, builder):
    """Listings, toolkit directives and Mermaid diagrams (their source, without mermaid-cli)
    in every output format, without a warning."""
    app = build(_docs(tmp_path), buildername=builder, confoverrides={"version": "1"})
    warnings = [w for w in warnings_of(app).splitlines() if "epub.unknown_project_files" not in w]
    assert warnings == [] and app.statuscode == 0
