"""The blog's config values: declared with their types and help, validated at
``config-inited`` (a bad value warns and falls back), and normalised into a
:class:`~.model.settings.BlogConfig`. ablog's ``blog_*``/``post_*`` names are accepted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from .ablog_site import ablog_importers
from .ablog_site import resolve_url_style as _resolve_url_style
from .model.citation import key_problem
from .model.settings import BlogConfig
from .warnings import MLBlogWarning, warn

#: The entry fields ``blog_feed_templates`` may template.
FEED_FIELDS = ("title", "summary", "content")


def _str_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v) for v in value)


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _non_negative(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True)
class Option:
    """One config value: its default, accepted types, rebuild scope and help text."""

    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    rebuild: str = "env"
    check: Callable[[Any], bool] | None = None
    ablog: bool = False  # the name comes from ablog


OPTIONS: tuple[Option, ...] = (
    # ablog-compatible names
    Option(
        "blog_path",
        "blog",
        (str,),
        "Folder (docname prefix) of the generated blog pages.",
        ablog=True,
    ),
    Option(
        "blog_title",
        "Blog",
        (str,),
        "Title of the blog, used on generated pages and feeds.",
        ablog=True,
    ),
    Option(
        "blog_baseurl",
        "",
        (str,),
        "Absolute URL of the built site, ``https://...``; needed for feeds and absolute links.",
        ablog=True,
    ),
    Option("blog_authors", {}, (dict,), "Map of author key to ``(full name, url)``.", ablog=True),
    Option(
        "blog_default_author",
        None,
        (str, list, tuple, type(None)),
        "Author(s) of posts that name none.",
        ablog=True,
    ),
    Option("blog_locations", {}, (dict,), "Map of location key to ``(name, url)``.", ablog=True),
    Option(
        "blog_default_location",
        None,
        (str, list, tuple, type(None)),
        "Location of posts that name none.",
        ablog=True,
    ),
    Option("blog_languages", {}, (dict,), "Map of language key to ``(name, url)``.", ablog=True),
    Option(
        "blog_default_language",
        None,
        (str, list, tuple, type(None)),
        "Language of posts that name none.",
        ablog=True,
    ),
    Option(
        "blog_post_pattern",
        [],
        (str, list, tuple),
        "Glob(s) of source files whose documents are posts even without ``blogpost: true``: "
        "as ablog's, from the source folder, ``*`` within a folder and ``**`` across folders "
        "(``posts/*/*``, ``posts/**/*.rst``).",
        ablog=True,
    ),
    Option(
        "post_date_format",
        "%d %B %Y",
        (str,),
        "``strftime`` format for dates shown on pages; also tried when parsing dates.",
        "html",
        ablog=True,
    ),
    Option(
        "post_date_format_short",
        "%d %B",
        (str,),
        "Short date format (sidebars).",
        "html",
        ablog=True,
    ),
    Option(
        "post_auto_excerpt",
        1,
        (int,),
        "Number of leading paragraphs used as the excerpt when a post gives none.",
        check=_non_negative,
        ablog=True,
    ),
    Option(
        "post_auto_image",
        0,
        (int,),
        "Use the n-th image of a post as its card image when it gives none (0: off).",
        check=_non_negative,
        ablog=True,
    ),
    Option(
        "post_show_prev_next",
        True,
        (bool,),
        "Show previous/next links under every post.",
        "html",
        ablog=True,
    ),
    Option(
        "post_redirect_refresh",
        5,
        (int,),
        "Seconds before a ``redirect`` page refreshes.",
        "html",
        ablog=True,
    ),
    Option(
        "post_always_section",
        False,
        (bool,),
        "ablog's: a ``post`` directive directly in a section makes that section a post even "
        "when it is the page's only one (without it, only when the page has several).",
        ablog=True,
    ),
    Option(
        "blog_feed_archives",
        False,
        (bool,),
        "Also write feeds for every tag, category, author and series.",
        ablog=True,
    ),
    Option(
        "blog_feed_fulltext",
        False,
        (bool,),
        "Put the whole rendered post in feed entries instead of the excerpt.",
        ablog=True,
    ),
    Option("blog_feed_subtitle", None, (str, type(None)), "Subtitle of the feeds.", ablog=True),
    Option(
        "blog_feed_titles",
        None,
        (bool, type(None)),
        "Feed entries with titles and summaries only, no content (ablog's).",
        ablog=True,
    ),
    Option(
        "blog_feed_length",
        None,
        (int, type(None)),
        "Maximum number of entries in a feed (default: all).",
        ablog=True,
    ),
    Option(
        "blog_feed_templates",
        {},
        (dict,),
        "ablog's feed templates: ``{root: {'title': ..., 'summary': ..., 'content': ...}}``, Jinja "
        "templates of the Atom entries written to ``<root>.xml`` beside each feed (``atom``: the Atom "
        "feed itself). They see ``title``, ``summary``, ``content``, ``post`` and ``post_url``.",
        ablog=True,
    ),
    Option(
        "blog_archive_titles",
        None,
        (bool, type(None)),
        "Archive pages list their posts' dates and titles only, no cards (ablog's).",
        ablog=True,
    ),
    Option(
        "skip_injecting_base_ablog_templates",
        False,
        (bool,),
        "Accepted for ablog compatibility.",
        ablog=True,
    ),
    Option(
        "fontawesome_included",
        False,
        (bool,),
        "Accepted for ablog compatibility.",
        "html",
        ablog=True,
    ),
    Option(
        "fontawesome_link_cdn",
        None,
        (str, bool, type(None)),
        "Accepted for ablog compatibility: the URL of a Font Awesome stylesheet to link; "
        "``True`` (as some ablog sites have it) turns ablog's icons on without linking one.",
        "html",
        ablog=True,
    ),
    Option(
        "fontawesome_css_file", "", (str,), "Accepted for ablog compatibility.", "html", ablog=True
    ),
    Option(
        "disqus_shortname",
        None,
        (str, type(None)),
        "Accepted for ablog compatibility (see ``blog_giscus`` for comments).",
        "html",
        ablog=True,
    ),
    Option("disqus_pages", False, (bool,), "Accepted for ablog compatibility.", "html", ablog=True),
    Option(
        "disqus_drafts", False, (bool,), "Accepted for ablog compatibility.", "html", ablog=True
    ),
    # sphinx-mlblog's own
    Option("blog_posts_per_page", 10, (int,), "Posts per page of the blog index.", check=_positive),
    Option(
        "blog_archive_posts_per_page",
        50,
        (int,),
        "Posts per page of the tag, category, author, location and language pages (year pages list every post of the year).",
        check=_positive,
    ),
    Option(
        "blog_related_count",
        3,
        (int,),
        "How many related posts (most shared tags) to show under a post.",
        check=_non_negative,
    ),
    Option(
        "blog_publish_future",
        False,
        (bool,),
        "Publish posts dated in the future instead of treating them as drafts.",
    ),
    Option(
        "blog_words_per_minute",
        230,
        (int,),
        "Reading speed used for the reading-time estimate.",
        check=_positive,
    ),
    Option(
        "blog_series",
        {},
        (dict,),
        "Map of series key to title; when set, a post naming another series warns.",
    ),
    Option(
        "blog_generate_archives",
        True,
        (bool,),
        "Generate the blog index and archive pages (tag, category, author, series, year).",
    ),
    Option(
        "blog_timezone",
        "UTC",
        (str,),
        "Time zone (IANA name) of post dates without one, for feeds.",
    ),
    Option(
        "blog_offline_assets",
        True,
        (bool,),
        "Serve MathJax and Mermaid from the copies shipped with the extension instead of a CDN.",
        "html",
    ),
    Option(
        "blog_execute_notebooks",
        False,
        (bool,),
        "Let myst-nb execute notebook posts (its ``auto`` mode); by default they are not executed.",
    ),
    Option(
        "blog_giscus",
        {},
        (dict,),
        "giscus comments under posts: ``{'repo': ..., 'repo_id': ..., 'category': ..., 'category_id': ...}`` (off when empty).",
        "html",
    ),
    Option(
        "blog_build_drafts",
        "auto",
        (str, bool),
        "Build drafts and future posts (their pages only: never in listings, feeds, search, sitemap or navigation). "
        '``"auto"``: build them, except when the ``CI`` or ``READTHEDOCS`` environment variable is set.',
        check=lambda value: value in (True, False, "auto"),
    ),
    Option(
        "blog_url_style",
        "auto",
        (str,),
        'Where generated pages and feeds live: ``"mlblog"`` (``blog/index``, ``blog/tag/<tag>``, '
        '``blog/year/<year>``, ...), ``"ablog"`` (ablog\'s own addresses: ``blog``, ``blog/tag/<tag>``, '
        '``blog/<year>``, ``blog/author/<full name>``, ...) or ``"auto"``: ablog\'s when the project '
        "was set up for ablog or shows nothing of sphinx-mlblog's own, sphinx-mlblog's when it "
        "sets a setting only sphinx-mlblog has or names its ``mlblog/`` sidebar templates "
        "(see the migration guide).",
        check=lambda value: value in ("auto", "mlblog", "ablog"),
    ),
    Option(
        "blog_cite",
        True,
        (bool,),
        'Under every post a "Cite this post" box (BibTeX and a plain-text citation, with copy '
        "buttons), and in its ``<head>`` Google Scholar's ``citation_*`` tags. "
        "A post's ``cite: false`` turns both off for that post.",
        "html",
    ),
    Option(
        "blog_cite_key",
        "{author}{year}{word}",
        (str,),
        "The BibTeX key of a post: ``{author}`` (first author's family name), ``{year}``, "
        "``{word}`` (first word of the title that is not a stop word), ``{slug}``.",
        "html",
        check=lambda value: key_problem(value) is None,
    ),
    Option(
        "blog_mathml",
        "excerpts",
        (str, bool),
        'Math converted to MathML at build time: ``"excerpts"`` (cards, listings and feeds, '
        "full-text feeds included: equations read in feed readers and without MathJax), "
        '``"pages"`` (every page too: no JavaScript for math at all) or ``"off"``. TeX the '
        "converter cannot take keeps its source (and MathJax, on pages) with a warning.",
        check=lambda value: value in ("excerpts", "pages", "off", False),
    ),
    Option(
        "blog_previews",
        True,
        (bool,),
        "Hover previews: hovering, focusing or tapping a link to a post shows its title, date, "
        "excerpt and image; a link to a footnote, citation or equation on the page shows it.",
        "html",
    ),
    Option(
        "blog_filters",
        True,
        (bool,),
        "A filter on the blog index and the tag, category, author, location and language pages: "
        "a text box and tag chips that narrow the listing across all its pages, the filter in "
        "the page's address (without JavaScript the pages stay as they are).",
        "html",
    ),
    Option(
        "blog_json_ld",
        True,
        (bool,),
        "A schema.org ``BlogPosting`` (JSON-LD: title, authors, dates, image, keywords, paper "
        "links) in the ``<head>`` of every published post.",
        "html",
    ),
    Option(
        "blog_llms_txt",
        True,
        (bool,),
        "``llms.txt`` and ``llms-full.txt`` at the site's root (the llmstxt.org proposal): the "
        "public posts with their summaries, linked to a Markdown copy of each beside its page "
        "(``posts/x.html.md``).",
        "html",
    ),
    Option(
        "blog_social_cards",
        True,
        (bool,),
        "Social cards: a post without an ``image`` gets a 1200×630 PNG of its title, date, "
        "tags and the blog's title (and its first figure) as ``og:image`` and "
        "``twitter:image``. Needs ``blog_baseurl``.",
        "html",
    ),
    Option(
        "blog_social_card_fonts",
        [],
        (list, tuple),
        "Font files (TrueType or OpenType, relative to ``conf.py``) social cards try before "
        "the bundled DejaVu Sans, for scripts it lacks (CJK, Devanagari, Thai, ...).",
        "html",
        check=lambda value: all(isinstance(v, str) for v in value),
    ),
    Option(
        "blog_social_card_colors",
        {},
        (dict,),
        "Colours of social cards: any of ``background``, ``text``, ``muted``, ``accent`` "
        '(CSS colours: ``"#1b1e28"``, ``"rebeccapurple"``).',
        "html",
        check=lambda value: set(value) <= {"background", "text", "muted", "accent"},
    ),
    Option(
        "post_auto_orphan",
        True,
        (bool,),
        "ablog's name for ``blog_posts_orphan``.",
        ablog=True,
    ),
    Option(
        "blog_posts_orphan",
        True,
        (bool,),
        "Posts need not be in a toctree (the blog's listings link them): no ``toc.not_included`` warning.",
    ),
)


def _pairs(value: dict[str, Any]) -> dict[str, tuple[str, str]]:
    out = {}
    for key, val in value.items():
        if isinstance(val, (list, tuple)):
            name = str(val[0]) if len(val) > 0 and val[0] else str(key)
            url = str(val[1]) if len(val) > 1 and val[1] else ""
        else:
            name, url = (str(val) if val else str(key)), ""
        out[str(key)] = (name, url)
    return out


def _valid(option: Option, value: Any) -> bool:
    if not isinstance(value, option.types) or (
        bool not in option.types and isinstance(value, bool) and int in option.types
    ):
        return False
    return option.check is None or value is None or option.check(value)


def as_ablog_reads(option: Option, value: Any) -> Any:
    """An ablog setting's value as ablog uses it: a yes/no setting by its truth
    (``blog_feed_archives = 1``), a number that is a boolean as that number
    (``post_auto_image = True``: the first image)."""
    if not option.ablog or isinstance(value, option.types) and not isinstance(value, bool):
        return value
    yes_no = bool in option.types and set(option.types) <= {bool, type(None)}
    if yes_no and isinstance(value, (int, float, str)):
        return bool(value)
    if int in option.types and bool not in option.types and isinstance(value, bool):
        return int(value)
    return value


def validate_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: warn about bad values and fall back to the default."""
    for option in OPTIONS:
        value = as_ablog_reads(option, getattr(config, option.name))
        if value is not getattr(config, option.name):
            setattr(config, option.name, value)
        if not _valid(option, value):
            warn(
                f"invalid value {value!r} for {option.name}; using {option.default!r}",
                MLBlogWarning.CONFIG,
            )
            setattr(config, option.name, option.default)
    missing = {"repo", "repo_id", "category", "category_id"} - set(config.blog_giscus)
    if config.blog_giscus and missing:
        warn(
            f"blog_giscus needs {', '.join(sorted(missing))}; comments are off",
            MLBlogWarning.CONFIG,
        )
        config.blog_giscus = {}
    if config.blog_timezone:
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(config.blog_timezone)
        except Exception:
            warn(
                f"unknown time zone {config.blog_timezone!r} in blog_timezone; using UTC",
                MLBlogWarning.CONFIG,
            )
            config.blog_timezone = "UTC"


def make_blog_config(config: Config) -> BlogConfig:
    """The normalised settings of a validated Sphinx config (the blog domain keeps one per build)."""
    return BlogConfig(
        path=(config.blog_path or "").strip("/") or "blog",
        title=config.blog_title,
        baseurl=(config.blog_baseurl or "").rstrip("/"),
        authors=_pairs(config.blog_authors),
        default_authors=_str_list(config.blog_default_author),
        locations=_pairs(config.blog_locations),
        default_locations=_str_list(config.blog_default_location),
        languages=_pairs(config.blog_languages),
        default_languages=_str_list(config.blog_default_language),
        post_patterns=_str_list(config.blog_post_pattern)
        if isinstance(config.blog_post_pattern, str)
        else tuple(config.blog_post_pattern),
        date_format=config.post_date_format,
        date_format_short=config.post_date_format_short,
        auto_excerpt=config.post_auto_excerpt,
        auto_image=config.post_auto_image,
        show_prev_next=config.post_show_prev_next,
        redirect_refresh=config.post_redirect_refresh,
        feed_archives=config.blog_feed_archives,
        feed_fulltext=config.blog_feed_fulltext,
        feed_subtitle=config.blog_feed_subtitle,
        feed_length=config.blog_feed_length,
        feed_titles=bool(config.blog_feed_titles),
        feed_templates=_feed_templates(config.blog_feed_templates),
        archive_titles=bool(config.blog_archive_titles),
        posts_per_page=config.blog_posts_per_page,
        archive_posts_per_page=config.blog_archive_posts_per_page,
        related_count=config.blog_related_count,
        publish_future=config.blog_publish_future,
        words_per_minute=config.blog_words_per_minute,
        series={str(k): str(v) for k, v in config.blog_series.items()},
        generate_archives=config.blog_generate_archives,
        timezone=config.blog_timezone,
        posts_orphan=config.blog_posts_orphan and config.post_auto_orphan,
        always_section=bool(config.post_always_section),
        giscus={str(k): str(v) for k, v in config.blog_giscus.items()},
        build_drafts=_build_drafts(config.blog_build_drafts),
        url_style="ablog" if config.blog_url_style == "ablog" else "mlblog",
        **_reader_settings(config),
    )


def _reader_settings(config: Config) -> dict[str, Any]:
    """The settings of the research reader's features (citations, previews, cards, ...)."""
    return {
        "cite": config.blog_cite,
        "cite_key": config.blog_cite_key,
        "json_ld": config.blog_json_ld,
        "previews": config.blog_previews,
        "filters": config.blog_filters,
        "mathml": config.blog_mathml or "off",
        "llms_txt": config.blog_llms_txt,
        "social_cards": config.blog_social_cards,
        "social_card_fonts": tuple(config.blog_social_card_fonts),
        "social_card_colors": tuple(
            sorted((str(k), str(v)) for k, v in config.blog_social_card_colors.items())
        ),
    }


def _feed_templates(value: Any) -> dict[str, dict[str, str]]:
    """``blog_feed_templates`` as ablog reads it: ``{"atom": {}}`` when empty."""
    out = {
        str(root): {k: str(v) for k, v in (templates or {}).items() if k in FEED_FIELDS}
        for root, templates in (value or {}).items()
        if isinstance(templates, dict) or templates is None
    }
    return out or {"atom": {}}


def _build_drafts(value: str | bool) -> bool:
    """``blog_build_drafts``: ``"auto"`` builds drafts except on CI and Read the Docs."""
    if value == "auto":
        return not any(
            os.environ.get(name, "").lower() not in ("", "0", "false")
            for name in ("CI", "READTHEDOCS")
        )
    return bool(value)


def native_defaults() -> dict[str, Any]:
    """The settings only sphinx-mlblog has (not ablog), with their defaults."""
    return {option.name: option.default for option in OPTIONS if not option.ablog}


def resolve_url_style(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``blog_url_style = "auto"`` resolved (:mod:`.ablog_site`)."""
    _resolve_url_style(app, config, native_defaults())


def check_baseurl(app: Sphinx, config: Config) -> None:
    """``config-inited``: a ``blog_baseurl`` with no ``http(s)://`` (``"you.github.io"``,
    as a real site has it) makes every feed, sitemap and OpenGraph link relative, which a
    feed reader resolves against the feed's own address. Said as a note on a site with
    ablog's addresses (ablog took it silently, and its ``-W`` build must build)."""
    base = (config.blog_baseurl or "").strip()
    if base and urlsplit(base).scheme not in ("http", "https"):
        warn(
            f"blog_baseurl {base!r} does not start with https:// or http://: the links "
            "in feeds, the sitemap and OpenGraph tags made of it are relative and lead "
            f"nowhere from a feed reader; write 'https://{base.lstrip('/')}'",
            MLBlogWarning.CONFIG,
            note=config.blog_url_style == "ablog",
        )


def check_ablog_imports(app: Sphinx) -> None:
    """``builder-inited``: a local extension of the project that uses ablog's Python API
    (``from ablog.blog import Blog``, as SciPy India's post grid does) finds ablog's
    collections empty, ablog not being set up, and would list nothing without a word."""
    for path, line, names in ablog_importers(str(app.confdir)):
        warn(
            f"this module uses ablog's Python API ({', '.join(names)}), whose Blog holds "
            "no posts with sphinx_mlblog in ablog's place: what it lists from it is "
            "empty. Templates get this build's posts from the 'ablog' object of the page "
            "context, pages from the postlist directive (see 'Moving from ablog')",
            MLBlogWarning.ABLOG,
            location=f"{path}:{line}",
        )


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("config-inited", resolve_url_style, priority=450)
    app.connect("config-inited", check_baseurl, priority=460)
    app.connect("builder-inited", check_ablog_imports)


__all__ = ["OPTIONS", "BlogConfig", "make_blog_config", "setup_config"]
