"""CI is honest: with MLBLOG_REQUIRE_ALL_TESTS=1 (set by .ci/run) a browser or validator
test that would be skipped fails instead; other skips stay skips."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]

SAMPLE = """
import pytest

@pytest.mark.browser
@pytest.mark.skipif(True, reason="no chromium here")
def test_browser():
    pass

@pytest.mark.validator
def test_validator():
    pytest.skip("no java here")

@pytest.mark.skipif(True, reason="not this platform")
def test_other():
    pass
"""


def _run(pytester, monkeypatch, required: bool):
    monkeypatch.setenv("MLBLOG_REQUIRE_ALL_TESTS", "1" if required else "0")
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_sample=SAMPLE)
    pytester.makeini("[pytest]\nmarkers =\n    browser: b\n    validator: v\n")
    return pytester.runpytest_subprocess("-p", "no:cacheprovider")


def test_required_skips_fail(pytester, monkeypatch):
    result = _run(pytester, monkeypatch, required=True)
    outcomes = result.parseoutcomes()
    # a skip at setup (skipif) fails as an error, one in the test as a failure
    assert outcomes.get("failed", 0) + outcomes.get("errors", 0) == 2 and outcomes["skipped"] == 1
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        ["*MLBLOG_REQUIRE_ALL_TESTS=1 requires it to run*no chromium here*"]
    )


def test_skips_are_skips_elsewhere(pytester, monkeypatch):
    _run(pytester, monkeypatch, required=False).assert_outcomes(skipped=3)
