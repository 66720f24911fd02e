"""``mlblog quickstart``: a new blog that builds with no warnings."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .scaffold import quickstart_files


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="Title of the blog.")
@click.option("--author", help="Your name.")
@click.option("--baseurl", default="", help="Address where the blog will live (for feeds).")
def quickstart(directory: Path, title: str | None, author: str | None, baseurl: str) -> None:
    """Create a working blog in DIRECTORY (never overwrites a file)."""
    interactive = sys.stdin.isatty() and (title is None or author is None)
    if title is None:
        title = (
            click.prompt("Blog title", default="Research notebook")
            if interactive
            else "Research notebook"
        )
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


COMMANDS = [quickstart]
