"""Where a post's front matter is not valid YAML (MyST skips such a block silently)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.frontmatter import find_line, front_matter_lines
from ..warnings import MLBlogWarning, warn


def source_text(env: Any, docname: str) -> str | None:
    try:
        return Path(env.doc2path(docname)).read_text(encoding=env.config.source_encoding)
    except (OSError, UnicodeDecodeError):
        return None


def source_line(env: Any, docname: str, key: str) -> int | None:
    """The line of a front-matter field (or field-list entry) in the source."""
    text = source_text(env, docname)
    return find_line(text, key) if text is not None else None


def check_frontmatter_yaml(env: Any, docname: str) -> None:
    """Report malformed YAML front matter of a post with its line."""
    import yaml

    text = source_text(env, docname)
    block = front_matter_lines(text) if text is not None else None
    if block is None:
        return
    try:
        yaml.safe_load("\n".join(block))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else _failing_line(block) + 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        warn(
            f"front matter is not valid YAML ({reason}); its fields are ignored",
            MLBlogWarning.FRONTMATTER,
            location=(docname, line),
        )


def _failing_line(lines: list[str]) -> int:
    """1-based line of the first top-level entry whose value YAML cannot construct."""
    import yaml

    for number, line in enumerate(lines, start=1):
        if line and not line[0].isspace():
            try:
                yaml.safe_load(line)
            except Exception:
                return number
    return 0
