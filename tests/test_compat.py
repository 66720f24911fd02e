"""Every use of another package's private state checks itself and falls back safely
(:mod:`sphinx_mlblog.compat`): the known cases are used, anything else turns them off,
and ``-v`` says which."""

from __future__ import annotations

import os
import pickle
from io import StringIO
from types import SimpleNamespace

import pytest
from conftest import _reset_source_suffix_default, build, copy_root, warnings_of

from sphinx_mlblog import compat


def _gated(app) -> set[str]:
    return {
        cls.__name__
        for cls in app.registry.post_transforms
        if cls.__module__ == "sphinx_mlblog.compat"
    }


def _verbose_build(srcdir):
    from sphinx.testing.util import SphinxTestApp

    _reset_source_suffix_default()
    status = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=status, warning=StringIO(), verbosity=1)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, status.getvalue()


def test_the_installed_sphinx_design_is_a_known_release(tmp_path):
    """A new sphinx-design release with other transforms fails here first (and is then
    simply not gated for users): the profile list must learn it."""
    app, status = _verbose_build(copy_root("design", tmp_path))
    assert _gated(app) and _gated(app) in [known for known, _ in compat.DESIGN_PROFILES.values()]
    assert "[mlblog.compat] sphinx-design 0." in status


def test_an_unknown_sphinx_design_is_not_gated(tmp_path, monkeypatch):
    monkeypatch.setattr(
        compat, "DESIGN_PROFILES", {"9.9": (frozenset({"SomethingElse"}), frozenset())}
    )
    app, status = _verbose_build(copy_root("design", tmp_path))
    assert _gated(app) == set()
    assert "are not those of a known release: its walks run on every page" in status
    assert warnings_of(app).strip() == ""


def _builder(css: list, js: list) -> SimpleNamespace:
    return SimpleNamespace(_css_files=css, _js_files=js, format="html")


def test_design_assets_left_out_only_when_known():
    assets = compat.DesignAssets()
    builder = _builder(["furo.css", "sphinx-design.min.css"], ["design-tabs.js", "x.js"])
    assert assets.check(builder)
    context = {"css_files": builder._css_files, "script_files": builder._js_files}
    assets.leave_out(builder, context)
    assert context == {"css_files": ["furo.css"], "script_files": ["x.js"]}
    # lists that are not the builder's own are never touched
    copy = {"css_files": ["sphinx-design.min.css"], "script_files": []}
    assets.leave_out(builder, copy)
    assert copy["css_files"] == ["sphinx-design.min.css"]
    unknown = compat.DesignAssets()
    assert not unknown.check(_builder(["furo.css", "sd.css"], []))
    other = _builder(["sphinx-design.min.css"], ["design-tabs.js"])
    unknown.leave_out(other, {"css_files": other._css_files, "script_files": other._js_files})
    assert other._css_files == ["sphinx-design.min.css"]


def test_design_assets_come_back_when_sphinx_does_not_restore_them():
    assets = compat.DesignAssets()
    builder = _builder(["sphinx-design.min.css"], ["design-tabs.js"])
    assets.check(builder)
    assets.leave_out(builder, {"css_files": builder._css_files, "script_files": builder._js_files})
    # the next page, which uses sphinx-design: the lists were not restored
    assets.keep(builder, {"css_files": builder._css_files, "script_files": builder._js_files})
    assert builder._css_files == ["sphinx-design.min.css"] and builder._js_files == [
        "design-tabs.js"
    ]
    assert not assets.known  # and they are no longer left out anywhere
    assets.leave_out(builder, {"css_files": builder._css_files, "script_files": builder._js_files})
    assert builder._css_files == ["sphinx-design.min.css"]


def test_furo_check_runs_furo_itself():
    compat.furo_duplicates_math_ids.cache_clear()
    assert compat.furo_duplicates_math_ids() is True  # the furo this suite installs does copy them


def test_furo_fix_is_off_when_furo_changes(monkeypatch):
    import furo

    class Wraps:  # a furo whose wrapper no longer copies the ids
        def __init__(self, document):
            self.document = document

        def run(self):
            pass

    monkeypatch.setattr(furo, "WrapTableAndMathInAContainerTransform", Wraps)
    compat.furo_duplicates_math_ids.cache_clear()
    try:
        assert compat.furo_duplicates_math_ids() is False
    finally:
        compat.furo_duplicates_math_ids.cache_clear()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")
def test_worker_pickles_are_whole_on_an_unknown_sphinx(monkeypatch):
    import sphinx

    from sphinx_mlblog.collect.domain import DomainTable

    table = DomainTable(before=1)
    monkeypatch.setattr(sphinx, "version_info", (10, 0, 0, "final", 0))
    compat.worker_pickles_can_be_trimmed.cache_clear()
    try:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                table["mine"] = 2
                os.write(write, pickle.dumps(table))
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        assert pickle.loads(data) == {"before": 1, "mine": 2}
    finally:
        compat.worker_pickles_can_be_trimmed.cache_clear()


def test_math_note_only_where_sphinx_reads_it():
    import sphinx

    data: dict = {"has_equations": {}}
    env = SimpleNamespace(get_domain=lambda name: SimpleNamespace(data=data))
    compat.note_math_for_mathjax(env, "blog/index")
    assert data["has_equations"] == (
        {} if sphinx.version_info[:2] >= (8, 2) else {"blog/index": True}
    )


def test_no_private_api_warnings_on_a_plain_build(tmp_path):
    app = build(copy_root("basic", tmp_path))
    assert "[mlblog.compat]" not in warnings_of(app)


def test_current_docname_on_this_sphinx_and_on_an_unknown_one():
    from types import SimpleNamespace

    from sphinx_mlblog.compat import current_docname

    modern = SimpleNamespace(current_document=SimpleNamespace(docname="before"))
    with current_docname(modern, "post") as known:
        assert known and modern.current_document.docname == "post"
    assert modern.current_document.docname == "before"
    older = SimpleNamespace(temp_data={"docname": "before", "other": 1})
    with current_docname(older, "post") as known:
        assert known and older.temp_data["docname"] == "post"
    assert older.temp_data == {"docname": "before", "other": 1}
    unknown = SimpleNamespace()
    with current_docname(unknown, "post") as known:
        assert known is False


def test_reference_resolvers_include_myst_and_fall_back(tmp_path):
    from types import SimpleNamespace

    from sphinx.transforms.post_transforms import ReferencesResolver

    from sphinx_mlblog.compat import reference_resolvers

    app = build(copy_root("basic", tmp_path))
    found = reference_resolvers(app)
    assert ReferencesResolver in found
    assert any(t.__module__.startswith("myst_parser") for t in found)
    broken = SimpleNamespace(registry=SimpleNamespace())
    assert reference_resolvers(broken) == [ReferencesResolver]


def test_html_assets_policy_read_and_its_fallback():
    """Sphinx keeps ``set_html_assets_policy``'s value in its registry; where it is not
    there, MathJax is copied as if every page loaded it (never a page without math)."""
    from types import SimpleNamespace

    from sphinx_mlblog.compat import html_assets_everywhere

    def app(**registry):
        return SimpleNamespace(registry=SimpleNamespace(**registry))

    assert html_assets_everywhere(app(html_assets_policy="always")) is True
    assert html_assets_everywhere(app(html_assets_policy="per_page")) is False
    assert html_assets_everywhere(app()) is True


def test_listener_priority_finds_another_extensions_handler_or_gives_none():
    from sphinx.events import EventListener

    from sphinx_mlblog.compat import listener_priority

    def handler(app, doctree):  # pragma: no cover - never called
        pass

    handler.__module__ = "sphinx.ext.autosectionlabel"
    listeners = {"doctree-read": [EventListener(1, handler, 480)]}
    app = SimpleNamespace(events=SimpleNamespace(listeners=listeners))
    assert listener_priority(app, "doctree-read", "sphinx.ext.autosectionlabel") == 480
    assert listener_priority(app, "doctree-read", "sphinx.ext.other") is None
    assert listener_priority(SimpleNamespace(events=None), "doctree-read", "x") is None
