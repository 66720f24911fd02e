"""ablog's ``blog_feed_templates``: Jinja templates of feed entries' title, summary and
content, one set per feed file root (``atom`` is the Atom feed itself; ``social`` writes
``social.xml`` beside it, ...), as ablog renders them.

The templates come from the project's ``conf.py``; they run in Jinja's sandbox, compiled
once per build, and what they make is escaped into the feed like any entry text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from ..warnings import MLBlogWarning, warn
from .feeds import Entry, Feed


class FeedTemplates:
    """The compiled templates of every feed root, and entries made with them."""

    def __init__(self, templates: dict[str, dict[str, str]], context: Any) -> None:
        """``context(entry)``: the template variables of an entry (its post as ablog's
        template API has it, ...)."""
        self.context = context
        env = SandboxedEnvironment(autoescape=False)
        self.roots: dict[str, dict[str, Any]] = {}
        for root, fields in templates.items():
            compiled = {}
            for field, source in fields.items():
                try:
                    compiled[field] = env.from_string(source)
                except Exception as exc:
                    warn(
                        f"blog_feed_templates[{root!r}][{field!r}]: {exc}; the entry's own {field} is used",
                        MLBlogWarning.FEED,
                    )
            self.roots[root] = compiled

    @property
    def extra_roots(self) -> list[str]:
        """Roots written as their own file (``atom`` is the Atom feed)."""
        return [root for root in self.roots if root != "atom"]

    def feed(self, feed: Feed, root: str) -> Feed:
        """``feed`` with the entries ``root``'s templates make."""
        templates = self.roots.get(root)
        if not templates:
            return feed
        return replace(feed, entries=tuple(self._entry(e, templates) for e in feed.entries))

    def _entry(self, entry: Entry, templates: dict[str, Any]) -> Entry:
        variables = {
            "title": entry.title,
            "summary": entry.summary,
            "content": entry.content_html,
            "post_url": entry.id,
            **self.context(entry),
        }
        made: dict[str, str] = {}
        for field, template in templates.items():
            try:
                made[field] = template.render(**variables)
            except Exception as exc:
                warn(
                    f"blog_feed_templates: {field} of {entry.id}: {exc}; its own {field} is used",
                    MLBlogWarning.FEED,
                )
        return replace(
            entry,
            title=made.get("title", entry.title),
            summary=made.get("summary", entry.summary),
            content_html=made.get("content", entry.content_html),
        )
