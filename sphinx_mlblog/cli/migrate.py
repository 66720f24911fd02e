"""``mlblog migrate-ablog``: the changes that move an ablog site to sphinx-mlblog."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import click

#: ablog templates a site may override that sphinx-mlblog does not render its pages with
UNUSED_TEMPLATES = {
    "ablog/collection.html": "archive pages are documents: restyle mlblog/archive.html",
    "ablog/catalog.html": "overview pages are documents: restyle mlblog/overview.html",
    "ablog/redirect.html": "redirect pages are written directly (post_redirect_refresh applies)",
    "page.html": "ablog's page.html is not needed: comments and prev/next come with the post",
}


def _notes(source: Path, text: str, changed: bool) -> list[str]:
    """What the user should know beyond the change to ``conf.py``."""
    notes = []
    if not changed:
        notes.append("conf.py does not list 'ablog' in extensions; nothing to change there")
    if (
        re.search(r"^\s*(import ablog|from ablog)", text, re.M)
        or "ablog.get_html_templates_path" in text
    ):
        notes.append(
            "conf.py imports ablog (e.g. for templates_path): remove those lines, or keep ablog "
            "installed (its templates then render from sphinx-mlblog's posts)"
        )
    if "ablog.builder" in text or "ablog build" in text:
        notes.append("scripts calling 'ablog build' can call 'mlblog build' instead")
    notes += _template_notes(source)
    return notes


def _template_notes(source: Path) -> list[str]:
    notes = []
    for template in sorted(source.rglob("*.html")):
        if "_build" in template.parts or ".nox" in template.parts:
            continue
        relative = template.relative_to(source).as_posix()
        for name, why in UNUSED_TEMPLATES.items():
            if relative.endswith("/" + name) and "_templates" in relative:
                notes.append(f"{relative} is not used: {why}")
    return notes


def _url_note(source: Path, text: str) -> str:
    if re.search(r"^\s*blog_url_style\s*=", text, re.M):
        return "blog_url_style is set in conf.py: pages and feeds go where it says."
    namespace: dict = {"__file__": str(source / "conf.py")}
    try:
        exec(compile(text, "conf.py", "exec"), namespace)  # the project's own conf.py
    except Exception:
        namespace = {}
    from types import SimpleNamespace

    from ..ablog_site import choose_url_style
    from ..config import native_defaults

    config = SimpleNamespace(**{"blog_path": "blog", **namespace})
    style, why = choose_url_style(str(source), config, native_defaults())
    if style == "ablog":
        return f"Pages and feeds keep ablog's addresses (blog_url_style 'auto': {why})."
    return (
        f"Pages and feeds move to sphinx-mlblog's addresses (blog/index, blog/year/<year>, ...: "
        f"blog_url_style 'auto' sees that {why}): set blog_url_style = \"ablog\" to keep ablog's."
    )


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
    click.echo("  " + _url_note(source, text))
    click.echo(
        textwrap.dedent("""
        What stays: front matter, the post, postlist and update directives, every blog_*/post_*
        setting, ablog's templates and template API, its reference labels, and (for a site set
        up for ablog) every page and feed address. See the migration guide for the full list.""")
    )
    if write and new_text != text:
        shutil.copy2(conf, source / "conf.py.ablog")
        conf.write_text(new_text, encoding="utf-8")
        click.echo("conf.py updated (the old one is conf.py.ablog).")


COMMANDS = [migrate_ablog]
