"""Build a :class:`~.model.Post` from a read document (``doctree-read``)."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .config import BlogConfig, blog_config
from .domain import get_domain
from .frontmatter import canonical, find_line, front_matter_lines, is_post_metadata, normalize
from .listings import tell_math_domain
from .model import Post, slugify
from .nodes import archive_node, post_node, postlist_node
from .scan import GENERATED_KEY
from .shared import has_feature
from .warnings_ import MLBlogWarning, warn


def matches_pattern(docname: str, config: BlogConfig) -> bool:
    return any(fnmatch(docname, pattern) for pattern in config.post_patterns)


def _first_title(doctree: nodes.document) -> str:
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            return section[0].astext()
    return ""


_DROPPED_FROM_EXCERPTS = (nodes.image, nodes.footnote_reference, nodes.citation_reference, nodes.target, nodes.substitution_definition, nodes.raw)


def _plain_excerpt(paragraphs: list[nodes.Node]) -> list[nodes.Node]:
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
            if isinstance(node, addnodes.pending_xref):
                inline = nodes.inline("", "", *node.children)
                if node.get("refdomain") == "blog" and not node.get("mlblog_explicit"):
                    inline["mlblog_post"] = node["reftarget"]  # shown as the post's title, once known
                node.replace_self(inline)
                node = inline
            for child in node.children[::-1]:
                if isinstance(child, _DROPPED_FROM_EXCERPTS):
                    node.remove(child)
                else:
                    stack.append(child)
        out.append(copy)
    return out


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


def _auto_excerpt(doctree: nodes.document, count: int) -> list[nodes.Node]:
    found = []
    if count <= 0:
        return found
    for para in doctree.findall(nodes.paragraph):
        if isinstance(para.parent, (nodes.section, nodes.document)):
            found.append(para)
            if len(found) >= count:
                break
    return found


def _source_line(app: Sphinx, docname: str, key: str) -> int | None:
    try:
        text = Path(app.env.doc2path(docname)).read_text(encoding="utf-8")
    except OSError:
        return None
    return find_line(text, key)


def listing_specs(doctree: nodes.document, docname: str) -> list[tuple]:
    """What each placeholder in a document asks for, in a hashable form."""
    specs: list[tuple] = []
    for node in doctree.findall(lambda n: isinstance(n, (postlist_node, archive_node))):
        if isinstance(node, postlist_node):
            specs.append(("postlist", dict(node["options"]), docname))
        else:
            specs.append(("archive", node["kind"], node["key"], int(node["page"])))
    return specs


def _words_and_first_image(doctree: nodes.document) -> tuple[int, str | None]:
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


def collect_post(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record the document's post (if it is one) and its listings."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    config = blog_config(app.config)

    specs = listing_specs(doctree, docname) if has_feature(doctree, "listing") else []
    if specs:
        domain.listings[docname] = specs
        tell_math_domain(env, docname)  # listed excerpts may hold math

    if has_feature(doctree, "post-ref"):
        targets = {
            ref["reftarget"] for ref in doctree.findall(addnodes.pending_xref)
            if ref.get("refdomain") == "blog" and ref.get("reftype") == "post"
        }
        domain.data["refs"][docname] = sorted(targets)

    metadata: dict[str, Any] = dict(env.metadata.get(docname, {}))
    if metadata.get(GENERATED_KEY):
        return  # a generated archive page, even where blog_post_pattern matches it
    directives = list(doctree.findall(post_node)) if has_feature(doctree, "post") else []
    if not (directives or is_post_metadata(metadata) or matches_pattern(docname, config)):
        return

    if not canonical(metadata):
        check_frontmatter_yaml(app, docname)
    fields, problems = normalize(metadata, config)
    for problem in problems:
        warn(problem.message, problem.subtype, location=(docname, _source_line(app, docname, problem.key)))
    excerpt_count = config.auto_excerpt
    excerpt_nodes: list[nodes.Node] | None = None
    line = None
    for directive in directives:
        line = directive.get("line")
        dfields, dproblems = normalize(directive["options"], config)
        for problem in dproblems:
            warn(problem.message, problem.subtype, location=(docname, directive.get("line")))
        fields.update(dfields)
        excerpt_count = directive.get("excerpt_count", excerpt_count)
        if directive.get("excerpt"):
            excerpt_nodes = directive["excerpt"]
        directive.parent.remove(directive)
    if len(directives) > 1:
        warn("more than one post directive in a document; their options are merged", MLBlogWarning.FRONTMATTER, location=(docname, line))

    if "summary" in fields and fields["summary"]:
        excerpt_nodes = [nodes.paragraph(fields["summary"], fields["summary"])]
    elif excerpt_nodes is None:
        excerpt_nodes = _auto_excerpt(doctree, excerpt_count)
    excerpt_nodes = _plain_excerpt(excerpt_nodes)

    authors = fields.get("author") or config.default_authors
    if config.authors:
        for author in authors:
            if author not in config.authors:
                warn(f"unknown author {author!r} (not in blog_authors)", MLBlogWarning.AUTHOR, location=(docname, _source_line(app, docname, "author")))
    series = fields.get("series")
    if series and config.series and series not in config.series:
        warn(f"unknown series {series!r} (not in blog_series)", MLBlogWarning.SERIES, location=(docname, _source_line(app, docname, "series")))

    image = fields.get("image")
    if not image and config.auto_image:
        # image nodes hold paths relative to the source folder by now
        images = [n["uri"] for n in doctree.findall(nodes.image)]
        if len(images) >= config.auto_image:
            uri = images[config.auto_image - 1]
            image = uri if "://" in uri else "/" + uri

    image_source = image_target = None
    if image and "://" not in image:
        relative, absolute = env.relfn2path(image, docname)
        if Path(absolute).is_file():
            image_source, image_target = absolute, f"_mlblog/images/{relative}"
            env.note_dependency(relative)
        else:
            warn(f"post image {image!r} not found", MLBlogWarning.FRONTMATTER, location=(docname, _source_line(app, docname, "image")))
    words, first_image = _words_and_first_image(doctree)
    basename = docname.rsplit("/", 1)[-1]
    if basename == "index" and "/" in docname:
        basename = docname.rsplit("/", 2)[-2]
    post = Post(
        docname=docname,
        title=fields.get("title") or _first_title(doctree) or basename,
        slug=slugify(fields.get("slug") or basename),
        date=fields.get("date"),
        update=fields.get("update"),
        tags=fields.get("tags", ()),
        categories=fields.get("category", ()),
        authors=tuple(authors),
        locations=fields.get("location") or config.default_locations,
        languages=fields.get("language") or config.default_languages,
        series=series,
        part=fields.get("part"),
        featured=fields.get("featured", False),
        draft=fields.get("draft", False),
        exclude=fields.get("exclude", False),
        excerpt=plain_text(excerpt_nodes),
        image=image,
        image_source=image_source,
        image_target=image_target,
        external_link=fields.get("external_link") or None,
        redirect=fields.get("redirect", ()),
        comments=not fields.get("nocomments", False),
        first_image=first_image,
        word_count=words,
        minutes=max(1, round(words / config.words_per_minute)),
        interactive=fields.get("interactive", False) or has_feature(doctree, "interactive"),
        line=line,
        excerpt_nodes=excerpt_nodes,
    )
    if not excerpt_nodes:
        post.excerpt_html = ""
    domain.add_post(post)
    if config.posts_orphan:
        env.metadata[docname].setdefault("orphan", True)


def check_frontmatter_yaml(app: Sphinx, docname: str) -> None:
    """Report malformed YAML front matter of a post with its line (MyST skips it)."""
    import yaml

    try:
        text = Path(app.env.doc2path(docname)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    block = front_matter_lines(text)
    if block is None:
        return
    try:
        yaml.safe_load("\n".join(block))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else _failing_line(block) + 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        warn(f"front matter is not valid YAML ({reason}); its fields are ignored", MLBlogWarning.FRONTMATTER, location=(docname, line))


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


def check_consistency(app: Sphinx, env) -> None:
    """``env-check-consistency``: posts that share a slug."""
    by_slug: dict[str, list[Post]] = {}
    for post in get_domain(env).posts.values():
        by_slug.setdefault(post.slug, []).append(post)
    for slug, posts in sorted(by_slug.items()):
        if len(posts) > 1:
            posts = sorted(posts, key=lambda p: p.docname)
            for post in posts[1:]:
                warn(
                    f"post slug {slug!r} is also used by {posts[0].docname!r}; refer to these posts by docname",
                    MLBlogWarning.DUPLICATE,
                    location=(post.docname, post.line or 1),
                )
