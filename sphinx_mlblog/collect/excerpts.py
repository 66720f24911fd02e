"""A post's excerpt (its first paragraphs, a ``summary`` or the ``post`` directive's
content) as nodes that stand alone on other pages, and as plain text; and the counts
taken from a post's doctree while it is read."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

_DROPPED_FROM_EXCERPTS = (
    nodes.image,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.target,
    nodes.substitution_definition,
    nodes.raw,
)


def standalone_excerpt(paragraphs: list[nodes.Node]) -> list[nodes.Node]:
    """Copies of excerpt nodes that stand alone on another page."""
    out = []
    for para in paragraphs:
        copy = para.deepcopy()
        stack: list[nodes.Node] = [copy]
        while stack:  # one explicit walk (findall with a predicate is much slower)
            node = stack.pop()
            # a copy still points to its source document, which would keep every
            # post's doctree alive until listings are rendered, and pickled with the
            # environment (parallel reads send it between processes)
            node.document = None
            if isinstance(node, nodes.Text):
                continue
            node["ids"] = []
            if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "blog":
                node = _unlinked(node)  # other references are resolved when rendered
            for child in node.children[::-1]:
                if isinstance(child, _DROPPED_FROM_EXCERPTS):
                    node.remove(child)
                else:
                    stack.append(child)
        out.append(copy)
    return out


def _unlinked(ref: addnodes.pending_xref) -> nodes.inline:
    """A ``post`` reference's text in place of the reference (the card links the post);
    an implicit one is marked to show the post's title, once known."""
    inline = nodes.inline("", "", *ref.children)
    if not ref.get("mlblog_explicit"):
        inline["mlblog_post"] = ref["reftarget"]
    ref.replace_self(inline)
    return inline


def plain_text(excerpt: list[nodes.Node]) -> str:
    """Excerpt text for feeds and meta tags; math keeps its ``$…$`` so it reads as math."""
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.math):
            parts.append(f"${node.astext()}$")
        elif isinstance(node, nodes.math_block):
            parts.append(f" $${node.astext()}$$ ")
        elif isinstance(node, nodes.Text):
            parts.append(node.astext())
        else:
            for child in node.children:
                walk(child)
            if isinstance(node, nodes.paragraph):
                parts.append(" ")

    for node in excerpt:
        walk(node)
    return " ".join("".join(parts).split())


def leading_paragraphs(doctree: nodes.document, count: int) -> list[nodes.Node]:
    """The first ``count`` paragraphs of the document's body (ablog's auto excerpt),
    a quote's among them (a post that opens with a ``>`` summary); not those in
    admonitions, tables, lists and the like (a "Disclaimer" dropdown is no excerpt). In a
    document with none of those (a page of API tables), the first ones anywhere, as ablog
    takes them."""
    if count <= 0:
        return []
    paragraphs = list(doctree.findall(nodes.paragraph))
    found = [p for p in paragraphs if _in_body(p.parent)]
    return (found or paragraphs)[:count]


def _in_body(parent: nodes.Node) -> bool:
    if isinstance(parent, nodes.block_quote):
        parent = parent.parent
    return isinstance(parent, (nodes.section, nodes.document))


def post_refs(excerpt: list[nodes.Node]) -> list[nodes.inline]:
    """The marked ``post`` references of an excerpt (:func:`_unlinked`)."""
    return [n for node in excerpt for n in node.findall(nodes.inline) if "mlblog_post" in n]


def words_and_first_image(doctree: nodes.document) -> tuple[int, str | None]:
    """Word count and the first image (source-relative), in one walk of the doctree."""
    words, image = 0, None
    stack: list[nodes.Node] = [doctree]
    while stack:  # an explicit walk: twice as fast as findall() with a predicate
        node = stack.pop()
        if isinstance(node, nodes.Text):
            words += len(node.split())
            continue
        if image is None and isinstance(node, nodes.image) and "://" not in node.get("uri", "://"):
            image = node["uri"]
        stack.extend(reversed(node.children))
    return words, image


def first_title(doctree: nodes.document) -> str:
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            return section[0].astext()
    return ""
