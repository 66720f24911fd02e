"""Telling a project set up for ablog, so that it keeps ablog's addresses.

``blog_url_style = "auto"`` (the default) becomes ``"ablog"`` when the project shows
signs of having been built with ablog: settings only ablog has, ablog's sidebar templates,
ablog's template folder, or a page of the project's own at ``blog_path`` (ablog writes the
blog's index there). Its pages, feeds and reference labels then live where ablog put them,
so no published URL or feed moves.

Many ablog sites show none of these: ``extensions = ["ablog"]``, a ``blog_title`` and
posts are all they have. So ``"auto"`` becomes sphinx-mlblog's own ``"mlblog"`` only where
the project shows it was made for sphinx-mlblog (a setting only sphinx-mlblog has, or its
``mlblog/`` sidebar templates, as ``mlblog quickstart`` writes them); a project that shows
neither keeps ablog's addresses, where nothing it may have published moves.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from .util import is_generated
from .warnings import logger

#: Settings only ablog has (sphinx-mlblog reads them for ablog's sake), with their defaults.
ABLOG_ONLY = {
    "blog_archive_titles": None,
    "blog_feed_templates": {},
    "blog_feed_titles": None,
    "disqus_shortname": None,
    "disqus_pages": False,
    "disqus_drafts": False,
    "fontawesome_included": False,
    "fontawesome_link_cdn": None,
    "fontawesome_css_file": "",
    "post_always_section": False,
    "post_auto_orphan": True,
    "skip_injecting_base_ablog_templates": False,
}
#: ablog's sidebar templates, by their old names too
ABLOG_TEMPLATES = {
    "postcard.html", "postcard2.html", "postnavy.html", "recentposts.html", "tagcloud.html",
    "categories.html", "archives.html", "authors.html", "locations.html", "languages.html",
}  # fmt: skip


def _sidebar_names(config: Any) -> list[str]:
    sidebars = getattr(config, "html_sidebars", {}) or {}
    return [
        str(name)
        for value in sidebars.values()
        for name in (value if isinstance(value, (list, tuple)) else [value])
    ]


def is_ablog_templates(path: Any) -> bool:
    """Whether a ``templates_path`` entry is ablog's own templates folder
    (``ablog.get_html_templates_path()``)."""
    return str(path).replace(os.sep, "/").rstrip("/").endswith("ablog/templates")


_PACKAGE = Path(__file__).resolve().parent


def project_template_folders(confdir: str, templates_path: Any) -> list[Path]:
    """The project's own ``templates_path`` folders, read from ``confdir`` as Sphinx reads
    them: not ablog's (which an old ``conf.py`` lists there), nor the package's, whose
    folder has ablog's template names too."""
    folders = []
    for path in templates_path or []:
        folder = (Path(confdir) / str(path)).resolve()
        if not (is_ablog_templates(folder) or folder.is_relative_to(_PACKAGE)):
            folders.append(folder)
    return folders


def _overrides_ablog(folder: Path) -> bool:
    """Whether a project's templates folder has templates of its own for ablog's."""
    try:
        return any(name.endswith(".html") for name in os.listdir(folder / "ablog"))
    except OSError:
        return False


def ablog_signs(srcdir: str, config: Any, confdir: str | None = None) -> list[str]:
    """What shows the project was set up for ablog (empty: nothing does); ``confdir``
    (default: ``srcdir``) is where ``templates_path`` starts, as Sphinx reads it."""
    signs = [
        f"{name} is set"
        for name, default in ABLOG_ONLY.items()
        if getattr(config, name, default) not in (default, None, "", {}, False)
    ]
    names = _sidebar_names(config)
    if any(n.startswith("ablog/") or n in ABLOG_TEMPLATES for n in names):
        signs.append("html_sidebars names ablog's templates")
    folders = getattr(config, "templates_path", None)
    if any(is_ablog_templates(p) for p in folders or []):
        signs.append("templates_path holds ablog's templates")
    elif any(map(_overrides_ablog, project_template_folders(confdir or srcdir, folders))):
        signs.append("templates_path holds templates of its own for ablog (ablog/*.html)")
    path = (config.blog_path or "blog").strip("/")
    suffixes = {".rst", ".md", ".ipynb", ".txt", *_suffixes(config)}
    own = [os.path.join(srcdir, path + suffix) for suffix in suffixes]
    if any(os.path.isfile(p) and not is_generated(p) for p in own):
        signs.append(f"the project has its own page at blog_path ({path})")
    return signs


def _suffixes(config: Any) -> list[str]:
    suffix = getattr(config, "source_suffix", None) or []
    return [suffix] if isinstance(suffix, str) else [str(s) for s in suffix]


def native_signs(config: Any, native: dict[str, Any]) -> list[str]:
    """What shows the project was made for sphinx-mlblog: a setting of ``native`` (the
    settings only sphinx-mlblog has, with their defaults) set to another value, or
    sphinx-mlblog's sidebar templates in ``html_sidebars``."""
    signs = [
        f"{name} is set"
        for name, default in native.items()
        if name != "blog_url_style" and _differs(getattr(config, name, default), default)
    ]
    if any(name.startswith("mlblog/") for name in _sidebar_names(config)):
        signs.append("html_sidebars names sphinx-mlblog's templates")
    return signs


def _differs(value: Any, default: Any) -> bool:
    """``value != default``, for values of any type (``mlblog migrate-ablog`` reads them
    from ``conf.py`` unchecked): one that cannot say is taken as set."""
    try:
        return bool(value != default)
    except Exception:
        return True


def choose_url_style(
    srcdir: str, config: Any, native: dict[str, Any], confdir: str | None = None
) -> tuple[str, str]:
    """``("ablog" or "mlblog", why)`` for ``blog_url_style = "auto"``: ablog's addresses
    for a project set up for ablog, or for one that shows nothing of sphinx-mlblog's own."""
    signs = ablog_signs(srcdir, config, confdir)
    if signs:
        return "ablog", signs[0]
    signs = native_signs(config, native)
    if signs:
        return "mlblog", signs[0]
    return (
        "ablog",
        "nothing in conf.py is sphinx-mlblog's own (set blog_url_style = 'mlblog' for its addresses)",
    )


def resolve_url_style(app: Any, config: Any, native: dict[str, Any]) -> None:
    """``config-inited``: ``blog_url_style = "auto"`` becomes ``"ablog"`` or ``"mlblog"``."""
    if config.blog_url_style != "auto":
        return
    style, why = choose_url_style(str(app.srcdir), config, native, str(app.confdir))
    config.blog_url_style = style
    if style == "ablog":
        logger.info(f"[mlblog] ablog's page and feed addresses (blog_url_style = 'ablog'): {why}")


def _from_ablog(value: Any) -> bool:
    name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
    return isinstance(name, str) and name.split(".", 1)[0] == "ablog"


_INSTALLED = re.compile(r"[/\\](site|dist)-packages[/\\]")


def ablog_importers(confdir: str) -> list[tuple[str, int, list[str]]]:
    """The project's own Python modules (loaded from below ``confdir``: its local
    extensions) that took names from ablog's package: ``(file, line of the first ablog
    import, the names)``. ablog's ``Blog`` holds posts only where ablog is set up."""
    root = os.path.join(os.path.abspath(confdir), "")
    found = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.startswith(root):  # modules load by absolute paths
            continue
        if name.split(".", 1)[0] == "ablog" or _INSTALLED.search(path):
            continue  # ablog itself, or an installed package (a virtualenv in the project)
        names = sorted(k for k, v in list(vars(module).items()) if _from_ablog(v))
        if names:
            found.append((path, _import_line(path), names))
    return sorted(found)


def _import_line(path: str) -> int:
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if line.lstrip().startswith(("import ablog", "from ablog")):
                    return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1
