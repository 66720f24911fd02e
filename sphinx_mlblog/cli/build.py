"""``mlblog build`` and ``mlblog serve``, through Sphinx's API and sphinx-autobuild."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click


def run_sphinx(
    source: Path, out: Path, builder: str, jobs: str, warnings_as_errors: bool, quiet: bool = True
):
    """Build with the Sphinx API; return the app and the warning text."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    tee = _Tee(warnings, sys.stderr)
    parallel = (os.cpu_count() or 1) if jobs == "auto" else int(jobs)
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            str(source),
            str(source),
            str(out / builder),
            str(out / "doctrees"),
            builder,
            status=None if quiet else sys.stdout,
            warning=tee,
            parallel=parallel,
            warningiserror=False,
        )
        app.build()
    return app, warnings.getvalue()


class _Tee(io.TextIOBase):
    def __init__(self, *streams):
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)


@click.command()
@click.argument(
    "source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.argument(
    "out", default=None, required=False, type=click.Path(file_okay=False, path_type=Path)
)
@click.option(
    "-j",
    "--jobs",
    default="auto",
    show_default=True,
    help="Parallel processes ('auto': one per core).",
)
@click.option("-W", "--strict", is_flag=True, help="Exit with an error if there were warnings.")
@click.option("-v", "--verbose", is_flag=True, help="Show Sphinx's progress.")
def build(source: Path, out: Path | None, jobs: str, strict: bool, verbose: bool) -> None:
    """Build the HTML site and print a summary."""
    from ..collect.domain import get_domain
    from ..publish.feeds import RENDERERS

    out = out or source / "_build"
    app, warnings = run_sphinx(source, out, "html", jobs, strict, quiet=not verbose)
    domain = get_domain(app.env)
    public, drafts = domain.public_posts(), domain.drafts()
    tags = {t for p in public for t in p.tags}
    feeds = (
        len(list((out / "html").rglob(tuple(RENDERERS.values())[0][1])))
        if (out / "html").exists()
        else 0
    )
    count = len([line for line in warnings.splitlines() if "WARNING" in line or "ERROR" in line])
    click.echo(
        f"\n{len(public)} posts, {len(drafts)} drafts, {len(tags)} tags, {feeds} Atom feed(s) (+ RSS, JSON), "
        f"{count} warning(s). Output: {out / 'html'}"
    )
    if app.statuscode or (strict and count):
        sys.exit(1)


# -- serve ----------------------------------------------------------------------------
@click.command()
@click.argument(
    "source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--port", default=8000, show_default=True)
@click.option("--no-open", is_flag=True, help="Do not open a browser.")
def serve(source: Path, port: int, no_open: bool) -> None:
    """Live-reloading preview (sphinx-autobuild), opening the blog index."""
    exe = shutil.which("sphinx-autobuild")
    if exe is None:
        raise click.ClickException(
            "sphinx-autobuild is not installed: pip install sphinx-autobuild"
        )
    command = [exe, str(source), str(source / "_build" / "serve"), "--port", str(port)]
    click.echo(" ".join(command))
    process = subprocess.Popen(command)
    if not no_open:
        import time
        import webbrowser

        time.sleep(3)  # let the first build start serving
        webbrowser.open(f"http://127.0.0.1:{port}/blog/index.html")
    sys.exit(process.wait())


COMMANDS = [build, serve]
