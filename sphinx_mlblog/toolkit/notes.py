"""Sidenotes and margin notes: in the margin on wide screens, inline on narrow ones.

``{sidenote}`text``` is numbered and anchored where it stands; the ``margin`` directive
(``marginnote``) holds unnumbered block content. CSS does the layout; no JavaScript.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..i18n import _


class sidenote(nodes.inline):  # noqa: N801
    """A numbered note; its number is its position on the page."""


def visit_sidenote_html(self, node: sidenote) -> None:
    number = node["number"]
    ident = node["ids"][0] if node["ids"] else f"sn-{number}"
    label = escape(str(_("Note %(number)d")) % {"number": number})
    self.body.append(
        f'<label for="{ident}-toggle" class="mlblog-sidenote-number" aria-label="{label}">{number}</label>'
        f'<input type="checkbox" id="{ident}-toggle" class="mlblog-sidenote-toggle" aria-hidden="true"/>'
        f'<span class="mlblog-sidenote" role="note" id="{ident}"><span class="mlblog-sidenote-label">{number}</span> '
    )


def depart_sidenote_html(self, node: sidenote) -> None:
    self.body.append("</span>")


def visit_sidenote_other(self, node: sidenote) -> None:
    # other writers show the note in brackets where it stands
    self.visit_inline(node)


def depart_sidenote_other(self, node: sidenote) -> None:
    self.depart_inline(node)


class SidenoteRole(SphinxRole):
    """``{sidenote}`text``` — numbered per page; the text may hold inline markup."""

    def run(self):
        counter = self.env.temp_data.get("mlblog_sidenotes", 0) + 1
        self.env.temp_data["mlblog_sidenotes"] = counter
        # docutils' Inliner and MyST's MockInliner both parse nested inline markup
        children, messages = self.inliner.parse(
            self.text, self.lineno, self.inliner, self.inliner.parent
        )
        node = sidenote("", "", *children, number=counter, ids=[f"sidenote-{counter}"])
        self.set_source_info(node)
        return [node], messages


class MarginDirective(SphinxDirective):
    """``margin`` / ``marginnote``: block content set in the margin on wide screens."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self):
        box = nodes.container(classes=["mlblog-marginnote"])
        if self.arguments:
            box += nodes.paragraph(
                "",
                "",
                nodes.strong(self.arguments[0], self.arguments[0]),
                classes=["mlblog-marginnote-title"],
            )
        self.state.nested_parse(self.content, self.content_offset, box)
        self.set_source_info(box)
        return [box]


def setup_notes(app) -> None:
    other = (visit_sidenote_other, depart_sidenote_other)
    app.add_node(
        sidenote,
        html=(visit_sidenote_html, depart_sidenote_html),
        latex=other,
        text=other,
        man=other,
        texinfo=other,
    )
    app.add_role("sidenote", SidenoteRole())
    app.add_directive("marginnote", MarginDirective)
