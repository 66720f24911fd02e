"""``doctree-read``: what a document asks of the blog (listings, ``post`` references) and,
when it is a post, its :class:`~sphinx_mlblog.model.post.Post`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..compat import note_math_for_mathjax
from ..model.archives import archive_docname, configured_keys, keys_of, slugs_of
from ..model.frontmatter import ablog_aliases, canonical, declares_post, is_count, normalize
from ..model.links import checked_url
from ..model.post import Post, is_public
from ..model.settings import BlogConfig
from ..model.slugs import slugify
from ..util import GENERATED_KEY, has_feature, note_feature, project_file
from ..warnings import MLBlogWarning, logger, warn
from .domain import BlogDomain, get_domain
from .endings import remove_placeholder
from .excerpts import (
    first_title,
    leading_paragraphs,
    plain_text,
    standalone_excerpt,
    words_and_first_image,
)
from .nodes import archive_node, post_node, postlist_node
from .scan import OWN_INDEX_KEY
from .sources import is_pattern_post
from .stubs import scanned_metadata
from .yamlcheck import check_frontmatter_yaml, source_line


def listing_specs(doctree: nodes.document, docname: str) -> list[tuple]:
    """What each placeholder in a document asks for, in a hashable form."""
    specs: list[tuple] = []
    for node in doctree.findall(lambda n: isinstance(n, (postlist_node, archive_node))):
        if isinstance(node, postlist_node):
            specs.append(("postlist", dict(node["options"]), docname))
        else:
            specs.append(("archive", node["kind"], node["key"], int(node["page"])))
    return specs


def collect_post(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record the document's listings and references, and its post."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    remove_placeholder(doctree)
    if env.metadata.get(docname, {}).get(GENERATED_KEY):
        _note_listings(domain, doctree, docname)
        return  # a generated archive page, even where blog_post_pattern matches it
    if docname == archive_docname(domain.config, "index"):
        list_posts_on_own_index(env, doctree, docname)
    _note_listings(domain, doctree, docname)
    scanned = scanned_metadata(env, docname)
    metadata: dict[str, Any] = dict(env.metadata.get(docname, {}) if scanned is None else scanned)
    directives = list(doctree.findall(post_node)) if has_feature(doctree, "post") else []
    declared = declares_post(metadata, is_pattern_post(env, docname, domain.config.post_patterns))
    if not (directives or declared):
        return
    directives, sections = split_section_posts(
        doctree, directives, always=domain.config.always_section
    )
    # section posts first: their directives' content stays in the page, which the
    # page's post (its excerpt, word count, first image) then reads
    section_posts = [
        _make_section_post(app, docname, directive, section) for directive, section in sections
    ]
    for section_post in section_posts:
        domain.add_post(section_post)
    if sections and not (directives or declared):
        return  # as ablog: only the sections are posts
    post = _make_post(app, doctree, docname, metadata, directives)
    domain.add_post(post)
    if not is_public(post, domain.now, domain.config.publish_future):
        # out of the search index, and of toctrees (drafts.hide_drafts_from_toctrees)
        env.metadata[docname].update({"nosearch": True, "orphan": True})
    elif domain.config.posts_orphan:
        env.metadata[docname].setdefault("orphan", True)


def split_section_posts(
    doctree: nodes.document, directives: list[post_node], always: bool = False
) -> tuple[list[post_node], list[tuple[post_node, nodes.section]]]:
    """ablog's section posts: with more than one ``post`` directive in a document (or with
    ``post_always_section``, any), each one directly in a section below the document's
    title makes that section a post of its own (its title, its paragraphs,
    ``page#section``); the others are the page's post."""
    if len(directives) < 2 and not always:
        return directives, []
    page: list[post_node] = []
    sections: list[tuple[post_node, nodes.section]] = []
    for directive in directives:
        section = directive.parent
        if (
            isinstance(section, nodes.section)
            and section.parent is not doctree
            and section["ids"]
            and not any(section is s for _, s in sections)
        ):
            sections.append((directive, section))
        else:
            page.append(directive)
    return page, sections


def _make_section_post(
    app: Sphinx, docname: str, directive: post_node, section: nodes.section
) -> Post:
    """A section post: the directive's fields, the section's title, paragraphs and words."""
    env = app.env
    config = get_domain(env).config
    fields = _Fields(env, docname, config)
    fields.read_directives([directive])
    values = fields.values
    title = values.get("title") or (
        section[0].astext() if section.children and isinstance(section[0], nodes.title) else ""
    )
    excerpt = standalone_excerpt(
        fields.excerpt
        if fields.excerpt is not None
        else leading_paragraphs(section, fields.excerpt_count)  # type: ignore[arg-type]
    )
    words, _ = words_and_first_image(section)  # type: ignore[arg-type]
    anchor = section["ids"][0]
    return Post(
        docname=docname,
        anchor=anchor,
        title=title or anchor,
        slug=slugify(f"{_basename(docname)}-{anchor}"),
        update=values.get("update"),
        cite=False,
        **_shared_fields(fields, excerpt, words),
    )


def list_posts_on_own_index(env: Any, doctree: nodes.document, docname: str) -> None:
    """A page of the project's own where the blog's index goes (ablog's ``blog.rst``, or
    ``blog/index``) lists the posts under its text, paginated, as ablog fills it; unless it
    has a listing of its own."""
    if has_feature(doctree, "listing") or not get_domain(env).config.generate_archives:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    (section if section is not None else doctree).append(archive_node(kind="index", key="", page=1))
    note_feature(doctree, "listing")
    env.metadata[docname][OWN_INDEX_KEY] = True


def _note_listings(domain: BlogDomain, doctree: nodes.document, docname: str) -> None:
    specs = listing_specs(doctree, docname) if has_feature(doctree, "listing") else []
    if specs:
        domain.listings[docname] = specs
        note_math_for_mathjax(domain.env, docname)  # listed excerpts may hold math
    if has_feature(doctree, "post-ref"):
        targets = {
            ref["reftarget"]
            for ref in doctree.findall(addnodes.pending_xref)
            if ref.get("refdomain") == "blog" and ref.get("reftype") == "post"
        }
        domain.data["refs"][docname] = sorted(targets)


#: the fields of several ``post`` directives in one document that are merged, not replaced
MERGED_FIELDS = ("tags", "category", "author", "location", "language")


def _merge_fields(values: dict[str, Any], fields: dict[str, Any], first: bool) -> None:
    """A ``post`` directive's fields into the post's: the first directive's replace the
    front matter's; a later one's archive keys are added, its other fields only fill gaps."""
    for key, value in fields.items():
        if first:
            values[key] = value
        elif key in MERGED_FIELDS:
            values[key] = tuple(dict.fromkeys((*values.get(key, ()), *value)))
        else:
            values.setdefault(key, value)


class _Fields:
    """A post's fields from its front matter and ``post`` directives, problems reported."""

    def __init__(self, env: Any, docname: str, config: BlogConfig) -> None:
        self.env, self.docname, self.config = env, docname, config
        self.values: dict[str, Any] = {}
        self.line: int | None = None
        self.excerpt_count = config.auto_excerpt
        self.excerpt: list[nodes.Node] | None = None

    def read_metadata(self, metadata: dict[str, Any]) -> None:
        if not canonical(metadata):
            check_frontmatter_yaml(self.env, self.docname)
        fields, problems = normalize(metadata, self.config)
        self.excerpt_count = fields.pop("excerpt_count", self.excerpt_count)
        for problem in problems:
            self._warn(
                problem.message,
                MLBlogWarning(problem.kind),
                source_line(self.env, self.docname, problem.key),
            )
        self.values.update(fields)

    def read_directives(self, directives: list[post_node]) -> None:
        """Merge the options of ``post`` directives (and take their excerpts) and remove
        the directives from the doctree. The first is the page's post (as in ablog, where
        a later one in a section is that section's post): its date, title and excerpt are
        the post's; the tags, categories, authors, locations and languages of all of them
        are, so the page is on every archive page one of them asks for."""
        for number, directive in enumerate(directives):
            if number == 0:
                self.line = directive.get("line")
            fields, problems = normalize(directive["options"], self.config)
            for problem in problems:
                self._warn(problem.message, MLBlogWarning(problem.kind), directive.get("line"))
            _merge_fields(self.values, fields, first=number == 0)
            if number == 0:
                self.excerpt_count = directive.get("excerpt_count", self.excerpt_count)
            if directive.get("excerpt") and self.excerpt is None:  # transformed by now
                self.excerpt = [child.deepcopy() for child in directive.children]
            # ablog: the directive's content stays where it is, unless :exclude: (then it
            # is only the excerpt, shown in listings)
            directive.replace_self(
                [] if directive["options"].get("exclude") else directive.children
            )
        if len(directives) > 1:
            self._warn(
                "more than one post directive for the page itself (not each in a section "
                "of its own): it is one post, with the first one's date, title and excerpt "
                "and the tags, categories, authors, locations and languages of all of them",
                MLBlogWarning.FRONTMATTER,
                directives[1].get("line"),
            )

    def check_names(self) -> None:
        """A series not in ``blog_series`` (when set). An author missing from
        ``blog_authors`` is a plain name, as in ablog (said only with ``-v``)."""
        config = self.config
        for author in configured_keys("author", self.authors, config):
            if config.authors and author not in config.authors:
                logger.verbose(
                    f"[mlblog] author {author!r} is not in blog_authors: shown as written",
                    location=(self.docname, source_line(self.env, self.docname, "author")),
                )
        series = self.values.get("series")
        if series and config.series and series not in config.series:
            self._warn(
                f"unknown series {series!r} (not in blog_series)",
                MLBlogWarning.SERIES,
                source_line(self.env, self.docname, "series"),
            )

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(self.values.get("author") or self.config.default_authors)

    def _warn(self, message: str, subtype: MLBlogWarning, line: int | None) -> None:
        warn(message, subtype, location=(self.docname, line))


def _excerpt_nodes(doctree: nodes.document, fields: _Fields) -> list[nodes.Node]:
    summary = fields.values.get("summary")
    if summary:
        chosen = [nodes.paragraph(summary, summary)]
    elif fields.excerpt is not None:
        chosen = fields.excerpt
    else:
        chosen = leading_paragraphs(doctree, fields.excerpt_count)
    return standalone_excerpt(chosen)


def _image(
    env: Any, doctree: nodes.document, fields: _Fields
) -> tuple[str | None, str | None, str | None]:
    """``(image as given, local source file, output path)`` of the post's card image."""
    image = fields.values.get("image")
    config = fields.config
    # ablog: ``image: 2`` is the post's second image (post_auto_image for this post)
    number = int(image) if image and is_count(image) else None
    if number is not None or (not image and config.auto_image):
        image = None
        # image nodes hold paths relative to the source folder by now
        images = [n["uri"] for n in doctree.findall(nodes.image)]
        wanted = number or config.auto_image
        if 0 < wanted <= len(images):
            uri = images[wanted - 1]
            image = uri if "://" in uri else "/" + uri
    if not image:
        return None, None, None
    return _checked_image(env, fields.docname, image)


def _checked_image(env: Any, docname: str, image: str) -> tuple[str | None, str | None, str | None]:
    """An image URL (only ``http(s)``), or a file of the project (never one outside it: its
    copy would be published, and written outside the output folder)."""
    location = (docname, source_line(env, docname, "image"))
    if len(urlsplit(image).scheme) > 1:  # an address (one letter: a Windows drive)
        try:
            return checked_url(image), None, None
        except ValueError as exc:
            warn(f"post image left out: {exc}", MLBlogWarning.FRONTMATTER, location=location)
            return None, None, None
    found = project_file(env, image, docname)
    if found is None:
        warn(
            f"post image {image!r} is outside the project: left out",
            MLBlogWarning.FRONTMATTER,
            location=location,
        )
        return None, None, None
    relative, source, in_project = found
    if not source.is_file():
        warn(f"post image {image!r} not found", MLBlogWarning.FRONTMATTER, location=location)
        return image, None, None
    env.note_dependency(relative)
    return image, str(source), f"_mlblog/images/{in_project}"


def _archive_keys(fields: _Fields) -> dict[str, tuple[str, ...]]:
    """A post's tags, categories, authors, locations and languages (defaults applied)."""
    values, config = fields.values, fields.config
    return {
        "tags": values.get("tags", ()),
        "categories": values.get("category", ()),
        "authors": configured_keys("author", fields.authors, config),
        "locations": configured_keys(
            "location", values.get("location") or config.default_locations, config
        ),
        "languages": configured_keys(
            "language", values.get("language") or config.default_languages, config
        ),
    }


def _latest_update(doctree: nodes.document, update: Any) -> Any:
    """The front matter's ``update`` or the latest ``update`` directive's date."""
    if not has_feature(doctree, "update"):
        return update
    found = [n["mlblog_update"] for n in doctree.findall(nodes.admonition) if "mlblog_update" in n]
    return max([update, *found] if update is not None else found, default=None)


def _basename(docname: str) -> str:
    basename = docname.rsplit("/", 1)[-1]
    if basename == "index" and "/" in docname:
        basename = docname.rsplit("/", 2)[-2]
    return basename


def _make_post(
    app: Sphinx,
    doctree: nodes.document,
    docname: str,
    metadata: dict[str, Any],
    directives: list[post_node],
) -> Post:
    env = app.env
    config = get_domain(env).config
    fields = _Fields(env, docname, config)
    fields.read_metadata(metadata)
    fields.read_directives(directives)
    excerpt = _excerpt_nodes(doctree, fields)
    fields.check_names()
    image, image_source, image_target = _image(env, doctree, fields)
    words, first_image = words_and_first_image(doctree)
    values = fields.values
    return Post(
        docname=docname,
        title=values.get("title") or first_title(doctree) or _basename(docname),
        slug=slugify(values.get("slug") or _basename(docname)),
        update=_latest_update(doctree, values.get("update")),
        exclude=values.get("exclude", False),
        image=image,
        image_source=image_source,
        image_target=image_target,
        canonical_link=values.get("canonical_link") or None,
        first_image=first_image,
        links=values.get("links", ()),
        cite=values.get("cite", True),
        ablog_aliases=_aliases(metadata, directives),
        interactive=values.get("interactive", False) or has_feature(doctree, "interactive"),
        **_shared_fields(fields, excerpt, words),
    )


def _aliases(metadata: dict[str, Any], directives: list[post_node]) -> tuple:
    """ablog's archive pages of the page's front matter and ``post`` options it misread."""
    found = [*ablog_aliases(metadata)]
    for node in directives:
        found += [a for a in ablog_aliases(node.get("options", {})) if a not in found]
    return tuple(found)


def _shared_fields(fields: _Fields, excerpt: list[nodes.Node], words: int) -> dict[str, Any]:
    """The fields a page's post and a section's post are made of alike."""
    values = fields.values
    return {
        "date": values.get("date"),
        **_archive_keys(fields),
        "series": values.get("series"),
        "part": values.get("part"),
        "featured": values.get("featured", False),
        "draft": values.get("draft", False),
        "excerpt": plain_text(excerpt),
        "external_link": values.get("external_link") or None,
        "redirect": values.get("redirect", ()),
        "comments": not values.get("nocomments", False),
        "word_count": words,
        "minutes": max(1, round(words / fields.config.words_per_minute)),
        "line": fields.line,
        "excerpt_nodes": excerpt,
        # no excerpt: nothing to render (None: rendered when the posts are read)
        "excerpt_html": None if excerpt else "",
    }


def check_consistency(app: Sphinx, env: Any) -> None:
    """``env-check-consistency``: archive keys told apart. (Posts may share a slug, as
    translations in two folders do: a reference by it warns where it is.)"""
    domain = get_domain(env)
    _check_key_slugs(domain)


_FIELDS = {
    "tag": "tags",
    "category": "category",
    "author": "author",
    "series": "series",
    "location": "location",
    "language": "language",
}


def _check_key_slugs(domain: BlogDomain) -> None:
    """Two tags (categories, ...) whose slugs would be the same get distinct pages: say so,
    where the moved one is first used (a note with ablog's addresses: ablog built such a
    site, one tag's page written over the other's)."""
    public = domain.public_posts()
    slugs = slugs_of(public, domain.config)
    for kind, moved in slugs.moved.items():
        for key, shared, slug in moved:
            post = next(p for p in public if key in keys_of(p, kind))
            line = source_line(domain.env, post.docname, _FIELDS.get(kind, kind))
            warn(
                f"{kind} {key!r} and another {kind} would share the page "
                f"{archive_docname(domain.config, kind, shared)}; {key!r} is at "
                f"{archive_docname(domain.config, kind, slug)}",
                MLBlogWarning.DUPLICATE,
                location=(post.docname, line),
                note=domain.config.url_style == "ablog",
            )
