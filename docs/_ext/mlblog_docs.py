"""Docs-only directives that render reference tables from the code, so they cannot drift."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


def _table(header: list[str], rows: list[list[nodes.Node | str]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["mlblog-reference"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for text in header:
        row += nodes.entry("", nodes.paragraph("", text))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph("", cell)
            row += entry
        body += row
    return table


def _code(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.literal(text, text))


class ConfigTable(SphinxDirective):
    """Every configuration value, from ``sphinx_mlblog.config.OPTIONS``."""

    def run(self):
        from sphinx_mlblog.config import OPTIONS

        rows = []
        for option in OPTIONS:
            origin = " (from ablog)" if option.ablog else ""
            rows.append([_code(option.name), _code(repr(option.default)), option.help + origin])
        return [_table(["Name", "Default", "Meaning"], rows, [30, 15, 55])]


class WarningTable(SphinxDirective):
    """Every warning subtype, from ``sphinx_mlblog.warnings.MLBlogWarning``."""

    def run(self):
        from sphinx_mlblog.warnings import MLBlogWarning

        rows = [[_code(f"mlblog.{w.value}"), WARNING_HELP.get(w.value, "")] for w in MLBlogWarning]
        return [_table(["Type", "Raised for"], rows, [25, 75])]


DIRECTIVES = {
    "post": (
        "sphinx_mlblog.collect.directives",
        "PostDirective",
        "Marks the document as a post (ablog's); the argument is the date.",
    ),
    "postlist": (
        "sphinx_mlblog.collect.postlist",
        "PostListDirective",
        "Lists posts; the argument is the number of posts.",
    ),
    "blog-landing": (
        "sphinx_mlblog.collect.postlist",
        "LandingDirective",
        "Featured and latest posts as cards.",
    ),
    "diagram": (
        "sphinx_mlblog.toolkit.diagram",
        "DiagramDirective",
        "Hand-drawn diagram from JSON (the content).",
    ),
    "svg-figure": (
        "sphinx_mlblog.toolkit.svgfigure",
        "SvgFigureDirective",
        "Inline SVG file; the content is the caption.",
    ),
    "annotated-code": (
        "sphinx_mlblog.toolkit.annotate",
        "AnnotatedCodeDirective",
        "Code with numbered notes; the argument is the language.",
    ),
    "widget": (
        "sphinx_mlblog.toolkit.widget",
        "WidgetDirective",
        "Sandboxed interactive HTML; the content is the fallback.",
    ),
    "marginnote": (
        "sphinx_mlblog.toolkit.notes",
        "MarginDirective",
        "Block content in the margin; the argument is a title.",
    ),
}


class DirectiveTable(SphinxDirective):
    """Every directive and its options, from the directive classes themselves."""

    def run(self):
        import importlib

        rows = []
        for name, (module, cls, help_text) in DIRECTIVES.items():
            directive = getattr(importlib.import_module(module), cls)
            options = ", ".join(f":{o}:" for o in sorted(directive.option_spec or {})) or "—"
            rows.append([_code(name), help_text, _code(options) if options != "—" else options])
        rows.append(
            [_code("post (role)"), "Links a post by slug or docname, showing its title.", "—"]
        )
        rows.append([_code("sidenote (role)"), "A numbered note in the margin.", "—"])
        return [_table(["Directive", "What it does", "Options"], rows, [18, 42, 40])]


WARNING_HELP = {
    "config": "a configuration value of the wrong type or range (the default is used)",
    "frontmatter": "malformed YAML front matter, or a field of the wrong type (the field is skipped)",
    "date": "a date that cannot be parsed",
    "duplicate": "two posts with the same slug, a post reference more than one post matches, two tags (categories, ...) whose pages would have the same address (one moves; with ablog's addresses a note: ablog built such a site)",
    "series": "a series missing from blog_series (when it is set)",
    "postlist": "a postlist option with a bad value (the option is ignored)",
    "ref": "a post reference that does not resolve",
    "diagram": "a diagram whose JSON is invalid or does not match the schema",
    "svg": "a missing or unsafe SVG figure",
    "feed": "feeds that cannot be written (no blog_baseurl)",
    "archive": "archive pages that cannot be written",
    "widget": "an interactive widget whose file is missing",
    "annotation": "annotated code whose markers and notes do not match",
    "math": "TeX that cannot be converted to MathML (blog_mathml); it keeps its source, which MathJax typesets on pages (with ablog's addresses, a note instead: such a project never asked for MathML)",
    "links": "a paper link (front matter links) that is not an http(s) URL, or a malformed arXiv id (the link is left out)",
    "cards": "a social card that cannot be drawn: letters of the title no font has (no card; with ablog's addresses, a note instead: such a project never asked for cards), a first figure that is not a readable raster image (a card without it), an unusable blog_social_card_fonts file or colour",
    "ablog": "ablog's old template names, and ablog settings this package does not support",
    "excerpt": "an excerpt holding a node the HTML writer cannot take outside its page (listings show its text)",
}


def setup(app):
    app.add_directive("mlblog-config-table", ConfigTable)
    app.add_directive("mlblog-warning-table", WarningTable)
    app.add_directive("mlblog-directive-table", DirectiveTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
