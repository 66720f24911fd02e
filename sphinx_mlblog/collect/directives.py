"""ablog's ``post`` directive, which makes a document a post, its ``update`` directive,
and ``blog-archive``, the body of a generated archive page."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..i18n import _, format_date
from ..model.archives import KEYED_KINDS
from ..model.frontmatter import parse_date, zone
from ..util import GENERATED_KEY, note_feature
from ..warnings import MLBlogWarning, warn
from .nodes import archive_node, post_node
from .scan import POST_FLAGS

_POST_OPTIONS = (
    "tags",
    "author",
    "category",
    "location",
    "language",
    "redirect",
    "title",
    "image",
    "excerpt",
    "exclude",
    "external_link",
    "canonical_link",
    "links",
    "cite",
    "series",
    "part",
    "featured",
    "draft",
    "update",
    "summary",
    "slug",
    "nocomments",
    "interactive",
)


class PostDirective(SphinxDirective):
    """ablog's ``post`` directive: marks the document as a post.

    The argument is the date; the content, if any, is the excerpt.
    """

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {name: directives.unchanged for name in _POST_OPTIONS}
    option_spec.update({name: directives.flag for name in sorted(POST_FLAGS)})

    def run(self) -> list[nodes.Node]:
        note_feature(self.state.document, "post")
        node = post_node()
        options: dict[str, Any] = {}
        for key, value in self.options.items():
            options[key] = True if value is None else value
        if self.arguments:
            options["date"] = self.arguments[0]
        # ablog: ``:excerpt: N`` is a paragraph count, not text
        if "excerpt" in options:
            try:
                count = int(options.pop("excerpt"))
                if count < 0:
                    raise ValueError(count)
                node["excerpt_count"] = count
            except ValueError:
                warn(
                    "post option 'excerpt' must be a number of paragraphs",
                    MLBlogWarning.FRONTMATTER,
                    location=(self.env.docname, self.lineno),
                )
        node["options"] = options
        node["line"] = self.lineno
        self.set_source_info(node)
        if self.content:  # the excerpt, shown where the directive is (unless :exclude:)
            self.state.nested_parse(self.content, self.content_offset, node)
            # the excerpt is taken from these children once the page's transforms have
            # resolved their references and substitutions (at doctree-read)
            node["excerpt"] = bool(node.children)
        return [node]


class UpdateDirective(SphinxDirective):
    """ablog's ``update``: a note headed "Updated on <date>"; the post's update date is
    the latest of its updates (and its front matter's ``update``)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        config = self.config
        text = self.arguments[0]
        admonition = nodes.admonition(classes=["note", "update"])
        self.set_source_info(admonition)
        try:
            when = parse_date(text, config.post_date_format, zone(config.blog_timezone))
        except ValueError:
            warn(
                f"update: cannot parse date {text!r}; the note is kept, undated",
                MLBlogWarning.DATE,
                location=(self.env.docname, self.lineno),
            )
            shown = text
        else:
            admonition["mlblog_update"] = when
            note_feature(self.state.document, "update")
            shown = format_date(when, config.post_date_format, config.language)
        heading = str(_("Updated on %(date)s")) % {"date": shown}
        admonition += nodes.title(heading, heading)
        self.state.nested_parse(self.content, self.content_offset, admonition)
        return [admonition]


#: ``blog-archive`` kinds that list every post (no key) and that list one key's posts.
WHOLE_KINDS = ("index", "archive", "drafts")


def archive_problem(kind: str, key: str) -> str | None:
    """What is wrong with a ``blog-archive`` argument and ``:key:``, if anything."""
    if kind in WHOLE_KINDS:
        return None
    if kind == "overview":
        return (
            None
            if key in KEYED_KINDS and key != "year"
            else f"an overview needs :key: one of {', '.join(k for k in KEYED_KINDS if k != 'year')}"
        )
    if kind in KEYED_KINDS:
        return None if key else f"a {kind} archive needs a :key:"
    return f"unknown kind {kind!r} (one of {', '.join((*WHOLE_KINDS, 'overview', *KEYED_KINDS))})"


class ArchiveDirective(SphinxDirective):
    """Body of a generated archive page (index, tag, category, author, series, year)."""

    required_arguments = 1
    option_spec = {
        "key": directives.unchanged,
        "page": directives.positive_int,
        "generated": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        kind, key = self.arguments[0], self.options.get("key", "")
        problem = archive_problem(kind, key)
        if problem:
            warn(
                f"blog-archive: {problem}; nothing is listed",
                MLBlogWarning.ARCHIVE,
                location=(self.env.docname, self.lineno),
            )
            return []
        note_feature(self.state.document, "listing")
        if "generated" in self.options:  # a stub of ours (stubs.stub_text): not in any toctree
            self.env.metadata[self.env.docname].update({GENERATED_KEY: True, "orphan": True})
        if kind == "drafts":  # the list of unpublished posts is not for search engines
            self.env.metadata[self.env.docname]["nosearch"] = True
        node = archive_node(kind=kind, key=key, page=self.options.get("page", 1))
        self.set_source_info(node)
        return [node]
