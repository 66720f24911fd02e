"""Every blog page renders on other themes too, without errors or warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, copy_root, read_html, warnings_of


@pytest.mark.parametrize("theme", ["alabaster", "pydata_sphinx_theme", "furo"])
def test_blog_renders_on_theme(tmp_path, theme):
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    text = conf.read_text()
    if theme != "furo":  # furo's sidebar slots do not exist elsewhere
        text = text.replace("html_sidebars", "_furo_sidebars")
    conf.write_text(text + f'\nhtml_theme = "{theme}"\n')
    app = build(src)
    assert warnings_of(app).strip() == ""
    out = Path(app.outdir)
    for page in ("blog/index", "blog/page/2", "blog/tag/attention", "blog/archive", "posts/2024/speculative", "landing"):
        soup = read_html(app, page)
        assert soup.select(".mlblog-card, .mlblog-postlist, .mlblog-post-header"), (theme, page)
        assert soup.find("link", href=lambda h: h and "mlblog.css" in h)
    assert (out / "blog/atom.xml").exists()
