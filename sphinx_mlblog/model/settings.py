"""The blog's settings as one frozen value, normalised from Sphinx's config by
:func:`sphinx_mlblog.config.blog_config` (lists as tuples, names resolved)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BlogConfig:
    """The validated configuration, normalised (lists as tuples, strings split)."""

    path: str = "blog"
    title: str = "Blog"
    baseurl: str = ""
    authors: dict[str, tuple[str, str]] = field(default_factory=dict)
    default_authors: tuple[str, ...] = ()
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)
    default_locations: tuple[str, ...] = ()
    languages: dict[str, tuple[str, str]] = field(default_factory=dict)
    default_languages: tuple[str, ...] = ()
    post_patterns: tuple[str, ...] = ()
    date_format: str = "%d %B %Y"
    date_format_short: str = "%d %B"
    auto_excerpt: int = 1
    auto_image: int = 0
    show_prev_next: bool = True
    redirect_refresh: int = 5
    feed_archives: bool = False
    feed_fulltext: bool = False
    feed_subtitle: str | None = None
    feed_length: int | None = None
    feed_titles: bool = False  # ablog's blog_feed_titles: entries without content
    #: ablog's blog_feed_templates: feed file root -> Jinja templates of title/summary/content
    feed_templates: dict[str, dict[str, str]] = field(default_factory=dict)
    archive_titles: bool = False  # ablog's blog_archive_titles: archive pages list titles
    posts_per_page: int = 10
    archive_posts_per_page: int = 50
    related_count: int = 3
    publish_future: bool = False
    words_per_minute: int = 230
    series: dict[str, str] = field(default_factory=dict)
    generate_archives: bool = True
    timezone: str = "UTC"
    posts_orphan: bool = True
    #: ablog's post_always_section: a post directive in a section is always that section's post
    always_section: bool = False
    giscus: dict[str, str] = field(default_factory=dict)
    build_drafts: bool = True  # blog_build_drafts, "auto" resolved
    url_style: str = "mlblog"  # blog_url_style, "auto" resolved: "mlblog" or "ablog"
    cite: bool = True  # blog_cite: a "Cite this post" box and Google Scholar's tags
    cite_key: str = "{author}{year}{word}"
    mathml: str = "excerpts"  # blog_mathml: "excerpts" (cards, feeds), "pages" too, or "off"
    json_ld: bool = True  # blog_json_ld: a schema.org BlogPosting in each post's <head>
    filters: bool = True  # blog_filters: a filter on the blog index and archive pages
    previews: bool = True  # blog_previews: hover previews of posts, notes and equations
    llms_txt: bool = True  # blog_llms_txt: llms.txt, llms-full.txt, Markdown copies of posts
    social_cards: bool = True  # blog_social_cards: a drawn og:image for posts without one
    #: blog_social_card_fonts: font files tried before the bundled one (relative to conf.py)
    social_card_fonts: tuple[str, ...] = ()
    #: blog_social_card_colors: (name, colour) pairs over the defaults
    social_card_colors: tuple[tuple[str, str], ...] = ()
