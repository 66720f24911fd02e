"""``mlblog new``: a post with its front matter, in ``posts/<year>/``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..model.slugs import slugify


@click.command()
@click.argument("title")
@click.option("--tags", default="", help="Comma-separated tags.")
@click.option("--category", default="", help="Category.")
@click.option("--series", default="", help="Series the post belongs to.")
@click.option("--part", type=int, default=None, help="Part number in the series.")
@click.option("--date", "date_", default=None, help="Date (default: today), YYYY-MM-DD.")
@click.option(
    "--dir", "folder", default="posts", show_default=True, help="Folder for posts, under SOURCE."
)
@click.option(
    "--source",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
    help="The blog's source folder.",
)
@click.option("--draft", is_flag=True, help="Mark the post as a draft.")
def new(
    title: str,
    tags: str,
    category: str,
    series: str,
    part: int | None,
    date_: str | None,
    folder: str,
    source: Path,
    draft: bool,
) -> None:
    """Create a post with front matter: FOLDER/YEAR/slug.md (refuses to overwrite)."""
    try:
        date = dt.date.fromisoformat(date_) if date_ else dt.date.today()
    except ValueError:
        raise click.BadParameter(
            f"{date_!r} is not a date like 2026-11-29", param_hint="--date"
        ) from None
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
    lines += [
        "---",
        f"# {title}",
        "",
        "The first paragraph is the excerpt shown in listings and feeds.",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    click.echo(f"created {path}")


def _yaml_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


COMMANDS = [new]
