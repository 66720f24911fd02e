"""``mlblog migrate-ablog``: the changes that move an ablog site to sphinx-mlblog."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import click

IGNORED_ABLOG = (
    "disqus_shortname",
    "disqus_pages",
    "disqus_drafts",
    "fontawesome_included",
    "fontawesome_link_cdn",
    "fontawesome_css_file",
    "blog_feed_templates",
    "blog_feed_titles",
    "skip_injecting_base_ablog_templates",
)


def _notes(source: Path, text: str, changed: bool) -> list[str]:
    """What the user should know beyond the change to ``conf.py``."""
    notes = []
    if not changed:
        notes.append("conf.py does not list 'ablog' in extensions; nothing to change there")
    for name in IGNORED_ABLOG:
        if re.search(rf"^\s*{name}\s*=", text, re.M):
            notes.append(f"{name} is accepted but has no effect")
    if (
        re.search(r"^\s*(import ablog|from ablog)", text, re.M)
        or "ablog.get_html_templates_path" in text
    ):
        notes.append("conf.py imports ablog (e.g. for templates_path): remove those lines")
    if "ablog.builder" in text or "ablog build" in text:
        notes.append("scripts calling 'ablog build' can call 'mlblog build' instead")
    for template in source.rglob("*.html"):
        if "_build" not in template.parts and "ablog." in template.read_text(
            encoding="utf-8", errors="ignore"
        ):
            notes.append(
                f"{template.relative_to(source)} uses ablog's template API; use the 'mlblog' object instead"
            )
    return notes


@click.command("migrate-ablog")
@click.argument(
    "source", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--write", is_flag=True, help="Change conf.py (a copy is kept as conf.py.ablog).")
def migrate_ablog(source: Path, write: bool) -> None:
    """Show (or make, with --write) the changes that move an ablog site to sphinx-mlblog."""
    conf = source / "conf.py"
    if not conf.exists():
        raise click.ClickException(f"no conf.py in {source}")
    text = conf.read_text(encoding="utf-8")
    new_text = re.sub(r"""(["'])ablog\1""", r"\1sphinx_mlblog\1", text)
    notes = _notes(source, text, changed=new_text != text)
    click.echo("Changes to conf.py:" if new_text != text else "conf.py: no changes.")
    if new_text != text:
        import difflib

        click.echo(
            "".join(
                difflib.unified_diff(
                    text.splitlines(True),
                    new_text.splitlines(True),
                    "conf.py",
                    "conf.py (sphinx-mlblog)",
                )
            )
        )
    for note in notes:
        click.echo(f"  note: {note}")
    click.echo(
        textwrap.dedent("""
        What stays: front matter, the post and postlist directives, blog_*/post_* settings,
        ablog's sidebar template names. Archive pages move to blog/tag/<tag> etc.; feeds to
        blog/atom.xml and blog/rss.xml.""")
    )
    if write and new_text != text:
        shutil.copy2(conf, source / "conf.py.ablog")
        conf.write_text(new_text, encoding="utf-8")
        click.echo("conf.py updated (the old one is conf.py.ablog).")


COMMANDS = [migrate_ablog]
