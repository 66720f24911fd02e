"""Developer tasks: ``nox -s tests``, ``nox -s docs``, ``nox -s lint``, ``nox -s bench``,
``nox -s translations``, ``nox -s fuzz``."""

import nox

nox.options.sessions = ["tests", "docs", "lint"]
nox.options.reuse_existing_virtualenvs = True

#: The oldest sphinx-design that works with the oldest supported Sphinx (8.1).
OLDEST_SPHINX_DESIGN = "sphinx-design==0.6.1"


@nox.session
@nox.parametrize("sphinx", ["latest", "8.1"])
def tests(session: nox.Session, sphinx: str) -> None:
    """Run the test suite on the newest Sphinx and sphinx-design, and on the oldest supported
    ones (browser tests run where /usr/bin/chromium exists, on the newest Sphinx only)."""
    if sphinx == "latest":
        session.install("-e", ".[test,nb,bib]")
        session.run("pytest", *session.posargs)
    else:
        session.install("-e", ".[test,nb,bib]", f"sphinx~={sphinx}.0", OLDEST_SPHINX_DESIGN)
        session.run("pytest", "-m", "not browser", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation (itself a blog) with warnings as errors."""
    session.install("-e", ".[nb,bib]")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
        *session.posargs,
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format, and the catalog check, as the pre-commit hooks run them."""
    session.install("pre-commit")
    session.run("pre-commit", "run", "--all-files", "--show-diff-on-failure", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Plain Sphinx vs ablog vs sphinx-mlblog on a generated corpus (see benchmarks/)."""
    session.install("-e", ".", "ablog")
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Property-based fuzzing: 2,500 examples per property, 50 whole builds per build property."""
    session.install("-e", ".[test]")
    session.run(
        "pytest",
        "tests/test_fuzz.py",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "fuzz", "MLBLOG_FUZZ_BUILDS": "50"},
    )


@nox.session
def translations(session: nox.Session) -> None:
    """Extract the marked strings, update every catalog under sphinx_mlblog/theme/locale and
    compile them (``-- --check`` only reports what is out of date)."""
    session.install("babel", "jinja2")
    session.run("python", "tools/translations.py", *session.posargs)
