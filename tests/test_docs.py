"""The project's own docs (a blog built with the extension) build without warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import article, build, warnings_of

DOCS = Path(__file__).parent.parent / "docs"


def test_docs_build_cleanly(tmp_path):
    src = tmp_path / "docs"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build", "blog"))
    shutil.copy(DOCS.parent / ".readthedocs.yaml", tmp_path)  # included by the docs
    app = build(src)
    assert warnings_of(app).strip() == ""
    assert app.statuscode == 0
    config_rows = article(app, "reference/config").select("table tbody tr")
    assert any("blog_baseurl" in row.get_text() for row in config_rows)
    assert (Path(app.outdir) / "blog/atom.xml").exists()
