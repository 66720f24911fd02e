"""Shared fixtures: Sphinx's testing fixtures, sample sites under tests/roots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"

#: Set by .ci/run: a browser or validator test that is skipped fails instead, so that a
#: green CI means they ran.
REQUIRE_ALL = os.environ.get("MLBLOG_REQUIRE_ALL_TESTS") == "1"
STRICT_MARKERS = ("browser", "validator")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and any(item.get_closest_marker(m) for m in STRICT_MARKERS):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, but MLBLOG_REQUIRE_ALL_TESTS=1 requires it to run: {reason}"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="session", autouse=True)
def _not_a_ci_build():
    """Sample sites build alike on a laptop and in CI: ``blog_build_drafts = "auto"`` would
    leave their drafts out where ``CI`` or ``READTHEDOCS`` is set (tests of that set them)."""
    saved = {name: os.environ.pop(name) for name in ("CI", "READTHEDOCS") if name in os.environ}
    yield
    os.environ.update(saved)


def read_html(app, page: str) -> BeautifulSoup:
    """Parse an output page of a built ``app`` (``page`` without ``.html``)."""
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8"), "lxml")


def article(app, page: str):
    """The page's main content (furo's ``article[role=main]``, alabaster's ``div.body``)."""
    soup = read_html(app, page)
    return soup.select_one('article[role="main"]') or soup.select_one("div.body") or soup.body


def links(node) -> list[tuple[str, str]]:
    return [
        (a.get_text(strip=True), a.get("href", ""))
        for a in node.find_all("a")
        if "headerlink" not in a.get("class", [])
    ]


def warnings_of(app) -> str:
    return (
        app.warning.getvalue() if hasattr(app.warning, "getvalue") else str(app._warning.getvalue())
    )


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` (builds write into the source dir)."""
    import shutil

    src = dest / name
    shutil.copytree(ROOTS / f"test-{name}", src, ignore=shutil.ignore_patterns("_build", "blog"))
    return src


def _reset_source_suffix_default() -> None:
    """Undo Sphinx's in-place edits of the ``source_suffix`` default between apps.

    Sphinx's registry writes parsers' suffixes into ``config.source_suffix``, which is the
    shared default dict when a project does not set it; one process building a MyST-Parser
    site and then a myst-nb site would otherwise see the first one's ``.md`` parser.
    """
    from sphinx.config import Config

    option = Config.config_values.get("source_suffix")
    default = getattr(option, "default", None)
    if isinstance(default, dict):
        default.clear()
        default[".rst"] = "restructuredtext"


def build(srcdir: Path, buildername: str = "html", **kwargs):
    """Build ``srcdir`` (incrementally, if it was built before) and return the app."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    _reset_source_suffix_default()
    app = SphinxTestApp(buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def site(request, tmp_path_factory):
    """Module-wide built copy of the root named by the module's ``ROOT``."""
    name = request.module.ROOT
    return build(copy_root(name, tmp_path_factory.mktemp(name)))


try:  # hypothesis profiles: a quick one for every run, a long one for `nox -s fuzz`
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "default", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.register_profile(
        "fuzz", max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
except ImportError:  # pragma: no cover
    pass
