"""``annotated-code``: a code block with numbered markers on chosen lines and their notes.

Markers are written at the end of a line as ``# <1>`` (or ``// <1>``, ``-- <1>``, ...) and
removed from the code, so copying the code copies no markers. The notes follow a ``---``
line as a numbered list. Wide screens show them beside the code, narrow ones below it.
"""

from __future__ import annotations

import re
from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ..i18n import _
from ..util import note_feature
from ..warnings import MLBlogWarning, warn

MARKER = re.compile(r"\s*(?:(?:#|//|--|%|;|/\*)\s*)?<(\d+)>\s*(?:\*/)?\s*$")


def split_markers(code: str) -> tuple[str, dict[int, int]]:
    """Code without markers, and ``{marker number: line number (1-based)}``."""
    lines, markers = [], {}
    for number, line in enumerate(code.split("\n"), start=1):
        match = MARKER.search(line)
        if match:
            markers.setdefault(int(match.group(1)), number)
            line = line[: match.start()].rstrip()
        lines.append(line)
    return "\n".join(lines), markers


class AnnotatedCodeDirective(SphinxDirective):
    """A code block whose marked lines carry numbered notes."""

    optional_arguments = 1
    has_content = True
    option_spec = {
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        content = list(self.content)
        separator = max(
            (i for i, line in enumerate(content) if line.strip() == "---"), default=None
        )
        if separator is None:
            self._warn("annotated-code: no '---' line before the notes")
            code_lines, note_lines = content, []
        else:
            code_lines, note_lines = content[:separator], content[separator + 1 :]
        code, markers = split_markers("\n".join(code_lines))
        listing, notes = self._notes(note_lines, separator or 0)
        for number in sorted(set(markers) - set(notes)):
            self._warn(f"annotated-code: marker <{number}> has no note")
        for number in sorted(set(notes) - set(markers)):
            self._warn(f"annotated-code: note {number} has no marker in the code")
        prefix = f"annotation-{self.env.new_serialno('mlblog-annotated')}"
        for number, item in notes.items():
            item["ids"].append(f"{prefix}-{number}")
        note_feature(self.state.document, "annotated-code")
        outer = nodes.container(classes=["mlblog-annotated", *self.options.get("class", [])])
        outer += self._code_box(code, markers, set(notes), prefix)
        if listing is not None:
            outer += listing
        self.add_name(outer)
        self.set_source_info(outer)
        return [outer]

    def _warn(self, message: str) -> None:
        warn(message, MLBlogWarning.ANNOTATION, location=(self.env.docname, self.lineno))

    def _notes(
        self, note_lines: list[str], separator: int
    ) -> tuple[nodes.enumerated_list | None, dict[int, nodes.list_item]]:
        """The numbered list after ``---`` and its items by number."""
        box = nodes.container()
        if note_lines:
            source = self.content.source(0) if self.content else ""
            self.state.nested_parse(
                StringList(note_lines, source), self.content_offset + separator + 1, box
            )
        listing = next(iter(box.findall(nodes.enumerated_list)), None)
        if listing is None and note_lines:
            self._warn("annotated-code: the notes after '---' must be a numbered list")
        return listing, _numbered(listing)

    def _code_box(
        self, code: str, markers: dict[int, int], notes: set[int], prefix: str
    ) -> nodes.container:
        """The highlighted code, its caption, and the markers linking each marked line's note."""
        language = self.arguments[0] if self.arguments else "text"
        block = nodes.literal_block(
            code, code, language=language, classes=["mlblog-annotated-block"]
        )
        block["highlight_args"] = {"hl_lines": sorted(set(markers.values()))}
        self.set_source_info(block)
        box = nodes.container(classes=["mlblog-annotated-code"])
        if "caption" in self.options:
            box += nodes.paragraph(
                "", self.options["caption"], classes=["mlblog-annotated-caption", "caption"]
            )
        box += block
        box += _markers(markers, notes, prefix)
        return box


def _numbered(listing: nodes.enumerated_list | None) -> dict[int, nodes.list_item]:
    """The items of the notes' numbered list by their numbers (it may start anywhere)."""
    if listing is None:
        return {}
    listing["classes"].append("mlblog-annotations")
    start = int(listing.get("start", 1))
    return {start + index: item for index, item in enumerate(listing.children)}


def _markers(markers: dict[int, int], notes: set[int], prefix: str) -> nodes.raw:
    """The numbered markers beside the marked lines, each linking its note; they also carry
    the copy button's words, in the page's language."""
    note = str(_("Note %(number)d"))
    badges = "".join(
        f'<a class="mlblog-annotation-marker" href="#{prefix}-{number}" style="--line: {line}" '
        f'aria-label="{escape(note % {"number": number})}">{number}</a>'
        for number, line in sorted(markers.items())
        if number in notes
    )
    labels = {"copy": _("Copy"), "copied": _("Copied"), "copy-label": _("Copy code")}
    data = "".join(f' data-{name}="{escape(str(text))}"' for name, text in labels.items())
    html = f'<div class="mlblog-annotation-markers" aria-hidden="true"{data}>{badges}</div>'
    return nodes.raw("", html, format="html")


def setup_annotate(app) -> None:
    app.add_directive("annotated-code", AnnotatedCodeDirective)
    # its copy button comes from mlblog.js (theme.add_page_script)
