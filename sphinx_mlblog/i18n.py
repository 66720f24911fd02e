"""Translated strings: the package's message catalog (``sphinx_mlblog``), and the titles
of generated pages, which more than one layer shows.

Chrome strings use ``_`` (translated into the project's ``language``; templates get the
same function as ``_``); the catalogs live in ``theme/locale/``.
"""

from __future__ import annotations

from datetime import datetime

from sphinx.locale import get_translation

#: The message catalog's name (``theme/locale/<lang>/LC_MESSAGES/sphinx_mlblog.mo``).
CATALOG = "sphinx_mlblog"

_ = get_translation(CATALOG)


def kind_label(kind: str) -> str:
    """The overview title of an archive kind: ``Tags``, ``Categories``, ..."""
    labels = {
        "tag": _("Tags"),
        "category": _("Categories"),
        "author": _("Authors"),
        "series": _("Series"),
        "location": _("Locations"),
        "language": _("Languages"),
        "year": _("Archive"),
    }
    return str(labels[kind])


def link_label(kind: str) -> str:
    """The badge label of a known paper-link kind (``arxiv`` -> ``arXiv``, ...)."""
    labels = {
        "arxiv": _("arXiv"),
        "paper": _("Paper"),
        "pdf": _("PDF"),
        "openreview": _("OpenReview"),
        "code": _("Code"),
        "weights": _("Weights"),
        "data": _("Data"),
        "colab": _("Colab"),
        "slides": _("Slides"),
        "video": _("Video"),
        "demo": _("Demo"),
        "poster": _("Poster"),
    }
    return str(labels[kind])


def ablog_header(kind: str) -> str:
    """ablog's ``header`` of an archive page, which its ``ablog/collection.html`` shows
    before the key (``Posts tagged`` gpu)."""
    headers = {
        "index": _("All"),
        "tag": _("Posts tagged"),
        "category": _("Posts in"),
        "author": _("Posts by"),
        "series": _("Series"),
        "location": _("Posts from"),
        "language": _("Posts in"),
        "year": _("Posted in"),
    }
    return str(headers.get(kind, ""))


def key_title(kind: str, name: str) -> str:
    """The title of one archive key's page: ``Posts tagged “gpu”``, ``Posts by Ada``, ..."""
    titles = {
        "tag": _("Posts tagged “%(name)s”"),
        "category": _("Posts in “%(name)s”"),
        "author": _("Posts by %(name)s"),
        "series": _("Series: %(name)s"),
        "location": _("Posts from %(name)s"),
        "language": _("Posts in %(name)s"),
        "year": _("Posts from %(name)s"),
    }
    return str(titles[kind]) % {"name": name}


def archive_title(kind: str, name: str, page: int) -> str:
    """The title of a generated page (``name``: the key's display name, the blog's title
    for the index, the kind for an overview page)."""
    if kind == "index":
        title = name
    elif kind == "archive":
        title = str(_("Archive"))
    elif kind == "drafts":
        title = str(_("Drafts"))
    elif kind == "overview":
        title = kind_label(name)
    else:
        title = key_title(kind, name)
    if page > 1:
        title = str(_("%(title)s — page %(page)d")) % {"title": title, "page": page}
    return title


def ngettext(singular: str, plural: str, count: int) -> str:
    """The translation of ``singular`` or ``plural``, whichever ``count`` needs."""
    from sphinx.locale import get_translator

    return get_translator(CATALOG).ngettext(singular, plural, count)


def format_date(value: datetime, fmt: str, language: str | None) -> str:
    """``value`` in the ``strftime`` format ``fmt``; month and day names in ``language``
    (by Sphinx's own date formatting, as for ``today_fmt``)."""
    if language and language != "en" and not language.startswith("en_"):
        try:
            from sphinx.util.i18n import format_date as sphinx_format_date

            return sphinx_format_date(fmt, date=value, language=language)
        except Exception:  # a format or language babel does not know: as strftime has it
            pass
    try:
        return value.strftime(fmt)
    except ValueError:
        return value.date().isoformat()
