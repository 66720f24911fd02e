"""``svg-figure``: inline an SVG file (e.g. an Excalidraw export) as a themeable figure.

The SVG is sanitised: scripts, event handlers, ``javascript:`` links, external references
and entity declarations are removed, unless the author opts in with ``:trusted:``. With
``:theme:`` (the default), black strokes and fills become ``currentColor`` and white
backgrounds are dropped, so the drawing follows the text colour in light and dark mode.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..util import add_caption, project_file
from ..warnings import MLBlogWarning, warn
from .sanitize import UnsafeSVG, sanitize_svg
from .widget import checked_height


class SvgFigureDirective(SphinxDirective):
    """``svg-figure`` path: the SVG inline in a ``<figure class="diagram">`` with a caption."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "alt": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
        "width": directives.unchanged,
        "theme": directives.unchanged,  # "false" keeps the file's own colours
        "trusted": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        location = (self.env.docname, self.lineno)
        text = self._read(location)
        if text is None:
            return []
        theme = self.options.get("theme", "true").strip().lower() not in ("false", "no", "off", "0")
        try:
            svg, removed = sanitize_svg(text, theme=theme, trusted="trusted" in self.options)
        except UnsafeSVG as exc:
            warn(
                f"svg-figure: {self.arguments[0]!r} is not usable: {exc}",
                MLBlogWarning.SVG,
                location=location,
            )
            return []
        except Exception as exc:  # an odd file never stops the build
            warn(
                f"svg-figure: {self.arguments[0]!r} could not be read as SVG ({exc.__class__.__name__}: {exc})",
                MLBlogWarning.SVG,
                location=location,
            )
            return []
        if removed:
            warn(
                f"svg-figure: removed from {self.arguments[0]!r}: {', '.join(sorted(set(removed)))} (use :trusted: to keep them)",
                MLBlogWarning.SVG,
                location=location,
            )
        alt = self.options.get("alt", "")
        if alt:
            svg = svg.replace("<svg ", f'<svg aria-label="{_attr(alt)}" ', 1)
        style = _width_style(self.options, location)
        figure = nodes.figure(
            classes=["diagram", "mlblog-svg-figure", *self.options.get("class", [])]
        )
        figure += nodes.raw("", f'<div class="mlblog-svg"{style}>{svg}</div>', format="html")
        if self.content:
            add_caption(self, figure, "\n".join(self.content))
        self.add_name(figure)
        self.set_source_info(figure)
        return [figure]

    def _read(self, location: tuple) -> str | None:
        """The file's text; None (with a warning) when it is outside the project or
        cannot be read."""
        found = project_file(self.env, self.arguments[0], self.env.docname)
        if found is None:  # only the project's files are published
            warn(
                f"svg-figure: {self.arguments[0]!r} is outside the project; left out",
                MLBlogWarning.SVG,
                location=location,
            )
            return None
        relative, source, _ = found
        self.env.note_dependency(relative)
        try:
            return source.read_text(encoding="utf-8-sig")  # a BOM is no markup
        except (OSError, UnicodeDecodeError) as exc:
            warn(
                f"svg-figure: cannot read {self.arguments[0]!r} ({exc.__class__.__name__})",
                MLBlogWarning.SVG,
                location=location,
            )
            return None


def _width_style(options: dict, location: tuple) -> str:
    """``:width:`` as the figure's largest width (a CSS length only)."""
    if "width" not in options:
        return ""
    width = checked_height(options["width"])
    if width is None:
        warn(
            f"svg-figure: :width: {options['width']!r} is not a length such as 600px or 80%; ignored",
            MLBlogWarning.SVG,
            location=location,
        )
        return ""
    return f' style="max-width: {width}"'


def _attr(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def setup_figures(app) -> None:
    app.add_directive("svg-figure", SvgFigureDirective)
