"""``mlblog check``: problems a blog can have that no warning flags on its own."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .build import run_sphinx


def health_report(source: Path, out: Path) -> list[str]:
    """Problems a blog build can have that no warning flags on its own."""
    from ..collect.domain import get_domain
    from ..model.post import series_parts

    app, warnings = run_sphinx(source, out, "dummy", "1", False)
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
            problems.append(
                "missing post: "
                + _strip_ansi(line).split("WARNING: ", 1)[-1].replace(" [mlblog.ref]", "")
            )
    spellings: dict[str, set[str]] = {}
    for post in posts:
        for tag in post.tags:
            spellings.setdefault(re.sub(r"[^a-z0-9]", "", tag.lower()), set()).add(tag)
    for variants in spellings.values():
        if len(variants) > 1:
            problems.append(
                "tags that differ only by case or punctuation: " + ", ".join(sorted(variants))
            )
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


@click.command()
@click.argument(
    "source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
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


COMMANDS = [check]
