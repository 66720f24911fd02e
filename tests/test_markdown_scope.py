"""Markdown files on a reST site are left unread, as ablog leaves them; a site that writes
Markdown reads them all; output folders in the source folder are never read."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, warnings_of

RST_POST = ":blogpost: true\n:date: 2024-03-01\n:tags: alpha\n\nA reST post\n===========\n\nBody.\n"


def _site(tmp_path: Path, extensions: str = '"sphinx_mlblog"') -> Path:
    src = tmp_path / "site"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        f"extensions = [{extensions}]\nblog_baseurl = 'https://e.org/'\n"
        "exclude_patterns = ['_build']\n"
    )
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    (src / "posts" / "p.rst").write_text(RST_POST)
    (src / "README.md").write_text("# My site\n\nBuild it with `make html`.\n")
    (src / "notes").mkdir()
    (src / "notes" / "todo [draft].md").write_text("# To do\n\n- things\n")
    return src


def test_a_rest_site_leaves_its_markdown_files_unread(tmp_path):
    """A reST ablog site's README.md was never a page under ablog: no page now, and no
    "not included in any toctree" warning (an error with -W)."""
    app = build(_site(tmp_path))
    assert warnings_of(app).strip() == ""
    out = Path(app.outdir)
    assert not (out / "README.html").exists() and not (out / "notes").exists()
    assert "README" not in app.env.found_docs and "posts/p" in app.env.found_docs
    assert "Markdown files not read" in app.status.getvalue()
    assert (out / "blog/tag/alpha.html").exists()  # the blog's own (Markdown) pages stay


def test_the_rest_site_stays_fresh(tmp_path):
    """The same excluded files build after build: no "config changed" full rebuild."""
    src = _site(tmp_path)
    build(src)
    again = build(src)
    status = again.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in status and "exclude_patterns" not in status


@pytest.mark.parametrize(
    "change",
    ["markdown post", "myst_parser listed", "markdown root"],
)
def test_a_site_that_writes_markdown_reads_every_markdown_file(tmp_path, change):
    extensions = '"sphinx_mlblog", "myst_parser"' if change == "myst_parser listed" else None
    src = _site(tmp_path, extensions) if extensions else _site(tmp_path)
    if change == "markdown post":
        (src / "posts" / "m.md").write_text(
            "---\nblogpost: true\ndate: 2024-04-01\n---\n# M\n\nText.\n"
        )
    if change == "markdown root":
        (src / "index.rst").unlink()
        (src / "index.md").write_text("# Home\n\n```{toctree}\n:glob:\nposts/*\n```\n")
    app = build(src)
    assert "README" in app.env.found_docs and "notes/todo [draft]" in app.env.found_docs
    assert (Path(app.outdir) / "README.html").exists()


def test_an_output_folder_in_the_source_folder_is_not_read(tmp_path):
    """Without ``_build`` in ``exclude_patterns``, the Markdown copies the blog writes
    beside each post (and its vendored licences) were read as pages by the next build."""
    src = _site(tmp_path, '"sphinx_mlblog", "myst_parser"')
    (src / "conf.py").write_text(
        "extensions = ['sphinx_mlblog', 'myst_parser']\nblog_baseurl = 'https://e.org/'\n"
    )
    first = build(src)
    assert (Path(first.outdir) / "posts/p.html.md").exists()
    second = build(src, freshenv=True)
    assert not [doc for doc in second.env.found_docs if doc.startswith("_build")]
    assert "_build" not in warnings_of(second)


MD_POST = (
    "---\nblogpost: true\ndate: 2024-04-01\n---\n# Prices\n\n"
    "Between $a$ and $b$.\n\n:::\nfenced\n:::\n"
)


@pytest.mark.parametrize("ablog_site", [False, True])
def test_myst_extensions_are_turned_on_only_for_a_site_not_set_up_for_ablog(tmp_path, ablog_site):
    """A new site gets ``dollarmath`` and friends; an ablog site's Markdown was written
    without them, so its ``$`` and ``:::`` stay the text they were."""
    src = _site(tmp_path, '"sphinx_mlblog", "myst_parser"')
    (src / "posts" / "m.md").write_text(MD_POST)
    conf = src / "conf.py"
    extra = "html_sidebars = {'**': ['ablog/recentposts.html']}\n" if ablog_site else ""
    conf.write_text(conf.read_text() + extra)
    app = build(src)
    html = (Path(app.outdir) / "posts/m.html").read_text()
    assert ("<p>Between $a$ and $b$.</p>" in html) is ablog_site
    assert ('class="math' in html) is not ablog_site
    assert set(app.config.myst_enable_extensions) == (
        set() if ablog_site else {"dollarmath", "amsmath", "colon_fence", "deflist"}
    )
