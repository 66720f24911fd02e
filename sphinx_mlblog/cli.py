"""The ``mlblog`` command: quickstart, new, build, serve, check, migrate-ablog."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import click

from .model import slugify
from .scaffold import quickstart_files


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sphinx-mlblog")
def main() -> None:
    """sphinx-mlblog: research blogs with Sphinx."""


# -- quickstart ----------------------------------------------------------------------
@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="Title of the blog.")
@click.option("--author", help="Your name.")
@click.option("--baseurl", default="", help="Address where the blog will live (for feeds).")
def quickstart(directory: Path, title: str | None, author: str | None, baseurl: str) -> None:
    """Create a working blog in DIRECTORY (never overwrites a file)."""
    interactive = sys.stdin.isatty() and (title is None or author is None)
    if title is None:
        title = click.prompt("Blog title", default="Research notebook") if interactive else "Research notebook"
    if author is None:
        author = click.prompt("Author", default="Me") if interactive else "Me"
    today = dt.date.today()
    written, skipped = [], []
    for relative, text in quickstart_files(title, author, baseurl, today).items():
        path = directory / relative
        if path.exists():
            skipped.append(relative)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(relative)
    for relative in written:
        click.echo(f"  created  {relative}")
    for relative in skipped:
        click.echo(f"  kept     {relative} (exists)")
    click.echo(f"\nBuild it:  mlblog build {directory}\nPreview:   mlblog serve {directory}")


# -- new ------------------------------------------------------------------------------
@main.command()
@click.argument("title")
@click.option("--tags", default="", help="Comma-separated tags.")
@click.option("--category", default="", help="Category.")
@click.option("--series", default="", help="Series the post belongs to.")
@click.option("--part", type=int, default=None, help="Part number in the series.")
@click.option("--date", "date_", default=None, help="Date (default: today), YYYY-MM-DD.")
@click.option("--dir", "folder", default="posts", show_default=True, help="Folder for posts, under SOURCE.")
@click.option("--source", default=".", type=click.Path(file_okay=False, path_type=Path), help="The blog's source folder.")
@click.option("--draft", is_flag=True, help="Mark the post as a draft.")
def new(title: str, tags: str, category: str, series: str, part: int | None, date_: str | None, folder: str, source: Path, draft: bool) -> None:
    """Create a post with front matter: FOLDER/YEAR/slug.md (refuses to overwrite)."""
    try:
        date = dt.date.fromisoformat(date_) if date_ else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"{date_!r} is not a date like 2026-11-29", param_hint="--date") from None
    path = source / folder / str(date.year) / f"{slugify(title)}.md"
    if path.exists():
        raise click.ClickException(f"{path} exists; not overwriting it")
    lines = ["---", "blogpost: true", f"date: {date.isoformat()}"]
    tag_list = [t.strip() for t in tags.split(",") if t.strip()]
    if tag_list:
        lines.append("tags: [" + ", ".join(_yaml_str(t) for t in tag_list) + "]")
    if category:
        lines.append(f"category: {_yaml_str(category)}")
    if series:
        lines.append(f"series: {_yaml_str(series)}")
    if part:
        lines.append(f"part: {part}")
    if draft:
        lines.append("draft: true")
    lines += ["---", f"# {title}", "", "The first paragraph is the excerpt shown in listings and feeds.", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    click.echo(f"created {path}")


def _yaml_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


# -- build ----------------------------------------------------------------------------
def _run_sphinx(source: Path, out: Path, builder: str, jobs: str, warnings_as_errors: bool, quiet: bool = True):
    """Build with the Sphinx API; return the app and the warning text."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    tee = _Tee(warnings, sys.stderr)
    parallel = (os.cpu_count() or 1) if jobs == "auto" else int(jobs)
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            str(source), str(source), str(out / builder), str(out / "doctrees"), builder,
            status=None if quiet else sys.stdout, warning=tee, parallel=parallel,
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


@main.command()
@click.argument("source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out", default=None, required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("-j", "--jobs", default="auto", show_default=True, help="Parallel processes ('auto': one per core).")
@click.option("-W", "--strict", is_flag=True, help="Exit with an error if there were warnings.")
@click.option("-v", "--verbose", is_flag=True, help="Show Sphinx's progress.")
def build(source: Path, out: Path | None, jobs: str, strict: bool, verbose: bool) -> None:
    """Build the HTML site and print a summary."""
    from .domain import get_domain
    from .feeds import RENDERERS

    out = out or source / "_build"
    app, warnings = _run_sphinx(source, out, "html", jobs, strict, quiet=not verbose)
    domain = get_domain(app.env)
    public, drafts = domain.public_posts(), domain.drafts()
    tags = {t for p in public for t in p.tags}
    feeds = len(list((out / "html").rglob(tuple(RENDERERS.values())[0][1]))) if (out / "html").exists() else 0
    count = len([line for line in warnings.splitlines() if "WARNING" in line or "ERROR" in line])
    click.echo(
        f"\n{len(public)} posts, {len(drafts)} drafts, {len(tags)} tags, {feeds} Atom feed(s) (+ RSS, JSON), "
        f"{count} warning(s). Output: {out / 'html'}"
    )
    if app.statuscode or (strict and count):
        sys.exit(1)


# -- serve ----------------------------------------------------------------------------
@main.command()
@click.argument("source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", default=8000, show_default=True)
@click.option("--no-open", is_flag=True, help="Do not open a browser.")
def serve(source: Path, port: int, no_open: bool) -> None:
    """Live-reloading preview (sphinx-autobuild), opening the blog index."""
    exe = shutil.which("sphinx-autobuild")
    if exe is None:
        raise click.ClickException("sphinx-autobuild is not installed: pip install sphinx-autobuild")
    command = [exe, str(source), str(source / "_build" / "serve"), "--port", str(port)]
    click.echo(" ".join(command))
    process = subprocess.Popen(command)
    if not no_open:
        import time
        import webbrowser

        time.sleep(3)  # let the first build start serving
        webbrowser.open(f"http://127.0.0.1:{port}/blog/index.html")
    sys.exit(process.wait())


# -- check ----------------------------------------------------------------------------
def health_report(source: Path, out: Path) -> list[str]:
    """Problems a blog build can have that no warning flags on its own."""
    from .domain import get_domain
    from .model import series_parts

    app, warnings = _run_sphinx(source, out, "dummy", "1", False)
    domain = get_domain(app.env)
    posts = sorted(domain.posts.values(), key=lambda p: p.docname)
    problems = []
    for post in posts:
        if post.date is None:
            problems.append(f"{post.docname}: no date (it is treated as a draft)")
        if post.image and "://" not in post.image and not post.image_source:
            problems.append(f"{post.docname}: image {post.image!r} not found")
    for line in warnings.splitlines():
        if "[mlblog.ref]" in line:
            problems.append("missing post: " + _strip_ansi(line).split("WARNING: ", 1)[-1].replace(" [mlblog.ref]", ""))
    spellings: dict[str, set[str]] = {}
    for post in posts:
        for tag in post.tags:
            spellings.setdefault(re.sub(r"[^a-z0-9]", "", tag.lower()), set()).add(tag)
    for variants in spellings.values():
        if len(variants) > 1:
            problems.append("tags that differ only by case or punctuation: " + ", ".join(sorted(variants)))
    for series in sorted({p.series for p in posts if p.series}):
        parts = [p.part for p in series_parts(series, posts)]
        numbers = sorted(n for n in parts if n is not None)
        if None in parts:
            problems.append(f"series {series!r}: some posts have no part number")
        if numbers and numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"series {series!r}: parts {numbers} have gaps or repeats")
    return problems


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@main.command()
@click.argument("source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
def check(source: Path) -> None:
    """Report posts without a date, missing posts and images, tag near-duplicates, series gaps."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        problems = health_report(source, Path(tmp))
    if not problems:
        click.echo("No problems found.")
        return
    click.echo(f"{len(problems)} problem(s):")
    for problem in problems:
        click.echo(f"  - {problem}")
    sys.exit(1)


# -- migrate-ablog --------------------------------------------------------------------
IGNORED_ABLOG = ("disqus_shortname", "disqus_pages", "disqus_drafts", "fontawesome_included", "fontawesome_link_cdn",
                 "fontawesome_css_file", "blog_feed_templates", "blog_feed_titles", "skip_injecting_base_ablog_templates")


@main.command("migrate-ablog")
@click.argument("source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--write", is_flag=True, help="Change conf.py (a copy is kept as conf.py.ablog).")
def migrate_ablog(source: Path, write: bool) -> None:
    """Show (or make, with --write) the changes that move an ablog site to sphinx-mlblog."""
    conf = source / "conf.py"
    if not conf.exists():
        raise click.ClickException(f"no conf.py in {source}")
    text = conf.read_text(encoding="utf-8")
    new_text = re.sub(r"""(["'])ablog\1""", r"\1sphinx_mlblog\1", text)
    notes = []
    if new_text == text:
        notes.append("conf.py does not list 'ablog' in extensions; nothing to change there")
    for name in IGNORED_ABLOG:
        if re.search(rf"^\s*{name}\s*=", text, re.M):
            notes.append(f"{name} is accepted but has no effect")
    if re.search(r"^\s*(import ablog|from ablog)", text, re.M) or "ablog.get_html_templates_path" in text:
        notes.append("conf.py imports ablog (e.g. for templates_path): remove those lines")
    if "ablog.builder" in text or "ablog build" in text:
        notes.append("scripts calling 'ablog build' can call 'mlblog build' instead")
    for template in source.rglob("*.html"):
        if "_build" not in template.parts and "ablog." in template.read_text(encoding="utf-8", errors="ignore"):
            notes.append(f"{template.relative_to(source)} uses ablog's template API; use the 'mlblog' object instead")
    click.echo("Changes to conf.py:" if new_text != text else "conf.py: no changes.")
    if new_text != text:
        import difflib

        click.echo("".join(difflib.unified_diff(text.splitlines(True), new_text.splitlines(True), "conf.py", "conf.py (sphinx-mlblog)")))
    for note in notes:
        click.echo(f"  note: {note}")
    click.echo(textwrap.dedent("""
        What stays: front matter, the post and postlist directives, blog_*/post_* settings,
        ablog's sidebar template names. Archive pages move to blog/tag/<tag> etc.; feeds to
        blog/atom.xml and blog/rss.xml."""))
    if write and new_text != text:
        shutil.copy2(conf, source / "conf.py.ablog")
        conf.write_text(new_text, encoding="utf-8")
        click.echo("conf.py updated (the old one is conf.py.ablog).")


if __name__ == "__main__":  # pragma: no cover
    main()
