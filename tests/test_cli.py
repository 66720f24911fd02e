"""The ``mlblog`` command, invoked for real."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from conftest import _reset_source_suffix_default, copy_root

from sphinx_mlblog.cli import main


@pytest.fixture
def runner():
    _reset_source_suffix_default()
    return CliRunner()


def test_help_for_every_command(runner):
    for command in ("quickstart", "new", "build", "serve", "check", "migrate-ablog"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_quickstart_builds_with_no_warnings(runner, tmp_path):
    site = tmp_path / "blog"
    result = runner.invoke(
        main, ["quickstart", str(site), "--title", "Notes & <Ideas>", "--author", "Ada"]
    )
    assert result.exit_code == 0, result.output
    assert (site / "conf.py").exists() and len(list((site / "posts").rglob("*.md"))) == 2
    _reset_source_suffix_default()
    result = runner.invoke(main, ["build", str(site), "-W", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "2 posts, 0 drafts" in result.output and "0 warning(s)" in result.output
    html = (site / "_build/html/index.html").read_text()
    assert "Notes &amp; &lt;Ideas&gt;" in html and "mlblog-landing" in html


def test_quickstart_never_overwrites(runner, tmp_path):
    (tmp_path / "conf.py").write_text("# mine\n")
    result = runner.invoke(main, ["quickstart", str(tmp_path), "--title", "T", "--author", "A"])
    assert result.exit_code == 0
    assert "kept     conf.py (exists)" in result.output
    assert (tmp_path / "conf.py").read_text() == "# mine\n"


def test_new_post(runner, tmp_path):
    args = [
        "new",
        "Speculative Decoding, Explained!",
        "--tags",
        "inference, llm",
        "--series",
        "serving",
        "--part",
        "2",
        "--source",
        str(tmp_path),
        "--date",
        "2026-03-04",
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    path = tmp_path / "posts/2026/speculative-decoding-explained.md"
    text = path.read_text()
    assert (
        "date: 2026-03-04" in text
        and 'tags: ["inference", "llm"]' in text
        and 'series: "serving"' in text
    )
    assert "part: 2" in text and "# Speculative Decoding, Explained!" in text
    again = runner.invoke(main, args)
    assert again.exit_code == 1 and "not overwriting" in again.output


def test_new_post_defaults_to_today(runner, tmp_path):
    result = runner.invoke(main, ["new", "Hello", "--source", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / f"posts/{dt.date.today().year}/hello.md").exists()


def test_check_reports_problems(runner, tmp_path):
    src = copy_root("badinput", tmp_path)
    (src / "posts/case1.md").write_text(
        "---\ndate: 2024-01-01\ntags: [PyTorch]\nseries: s\npart: 1\n---\n# A\n\nx\n"
    )
    (src / "posts/case2.md").write_text(
        "---\ndate: 2024-01-02\ntags: [pytorch]\nseries: s\npart: 3\nimage: nope.png\n---\n# B\n\nx\n"
    )
    result = runner.invoke(main, ["check", str(src)])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "posts/bad-date: no date" in out
    assert "missing post: unknown post reference 'no-such-post'" in out
    assert "differ only by case or punctuation: PyTorch, pytorch" in out
    assert "series 's': parts [1, 3] have gaps or repeats" in out
    assert "posts/case2: image 'nope.png' not found" in out


def test_check_clean_site(runner, tmp_path):
    src = copy_root("basic", tmp_path)
    result = runner.invoke(main, ["check", str(src)])
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output


def test_migrate_ablog(runner, tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text(
        'extensions = ["ablog", "myst_parser"]\ndisqus_shortname = "x"\nblog_path = "blog"\n'
    )
    result = runner.invoke(main, ["migrate-ablog", str(tmp_path)])
    assert result.exit_code == 0
    assert '+extensions = ["sphinx_mlblog", "myst_parser"]' in result.output
    assert "has no effect" not in result.output  # Disqus works as under ablog
    assert "keep ablog's addresses" in result.output and "disqus_shortname is set" in result.output
    assert conf.read_text().startswith('extensions = ["ablog"')  # dry run
    result = runner.invoke(main, ["migrate-ablog", str(tmp_path), "--write"])
    assert (
        conf.read_text().startswith('extensions = ["sphinx_mlblog"')
        and (tmp_path / "conf.py.ablog").exists()
    )


def test_migrate_ablog_reports_what_it_cannot_carry_over(runner, tmp_path):
    (tmp_path / "conf.py").write_text(
        'import ablog\nextensions = ["ablog"]\npost_always_section = True\n'
        "templates_path = [ablog.get_html_templates_path()]\n"
    )
    (tmp_path / "_templates" / "ablog").mkdir(parents=True)
    (tmp_path / "_templates" / "ablog" / "collection.html").write_text("{{ collection }}")
    result = runner.invoke(main, ["migrate-ablog", str(tmp_path)])
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert "not supported" not in out  # post_always_section is supported now
    assert "conf.py imports ablog" in out
    assert "_templates/ablog/collection.html is not used" in out


def test_migrate_ablog_keeps_addresses_of_a_site_that_shows_nothing_of_ours(runner, tmp_path):
    """A bare ablog site (nothing ablog-only in conf.py) keeps ablog's addresses."""
    (tmp_path / "conf.py").write_text('extensions = ["ablog"]\nblog_path = "news"\n')
    result = runner.invoke(main, ["migrate-ablog", str(tmp_path)])
    output = " ".join(result.output.split())
    assert (
        "keep ablog's addresses" in output and "nothing in conf.py is sphinx-mlblog's own" in output
    )


def test_migrate_ablog_says_when_addresses_move(runner, tmp_path):
    (tmp_path / "conf.py").write_text(
        'extensions = ["ablog"]\nblog_path = "news"\nblog_posts_per_page = 5\n'
    )
    result = runner.invoke(main, ["migrate-ablog", str(tmp_path)])
    output = " ".join(result.output.split())
    assert "blog_posts_per_page is set" in output
    assert 'set blog_url_style = "ablog"' in output


def test_serve_needs_sphinx_autobuild(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    result = runner.invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 1 and "pip install sphinx-autobuild" in result.output


def test_serve_runs_sphinx_autobuild_and_opens_the_blog(runner, tmp_path, monkeypatch):
    calls, opened = [], []

    class FakeProcess:
        def __init__(self, command):
            calls.append(command)

        def wait(self):
            return 0

    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/sphinx-autobuild")
    monkeypatch.setattr("subprocess.Popen", FakeProcess)
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    monkeypatch.setattr("webbrowser.open", opened.append)
    result = runner.invoke(main, ["serve", str(tmp_path), "--port", "9000"])
    assert result.exit_code == 0
    assert calls[0][:2] == ["/usr/bin/sphinx-autobuild", str(tmp_path)] and calls[0][-2:] == [
        "--port",
        "9000",
    ]
    assert opened == ["http://127.0.0.1:9000/blog/index.html"]


def test_module_entry_point_and_version():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "sphinx_mlblog", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "version" in result.stdout
