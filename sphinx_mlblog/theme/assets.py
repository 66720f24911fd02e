"""Offline-first assets: MathJax 4 and Mermaid served from the copies shipped in the
package (MathJax's fonts and speech maps too); notebook posts read (not executed) by
default."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..util import MATHJAX, renders_templates

VENDOR = "mlblog-vendor"
MERMAID = f"{VENDOR}/mermaid/mermaid.esm.min.mjs"


def use_local_assets(app: Sphinx, config: Config) -> None:
    """``config-inited``: point MathJax and Mermaid at the local copies.

    Only values the user left at their defaults are changed; ``blog_offline_assets =
    False`` keeps the CDN defaults of Sphinx and sphinxcontrib-mermaid.
    """
    if not config.blog_offline_assets:
        return
    from sphinx.ext.mathjax import MATHJAX_URL

    if getattr(config, "mathjax_path", None) in (None, "", MATHJAX_URL):
        config.mathjax_path = MATHJAX
        _configure_local_mathjax(config)
    if hasattr(config, "mermaid_use_local") and not config.mermaid_use_local:
        config.mermaid_use_local = MERMAID


def pathto_for_serializers(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, before other extensions': the JSON and pickle builders'
    ``pathto`` takes one argument, and sphinxcontrib-mermaid, pointed at the local copy,
    calls it with ``resource=True`` (their builds stopped). The same ``pathto``, taking
    that too; these builders leave functions out of what they write."""
    pathto = context.get("pathto")
    if pathto is None or renders_templates(app.builder):
        return

    def pathto_taking_resource(otheruri: str, *args: Any, **kwargs: Any) -> str:
        return pathto(otheruri)

    context["pathto"] = pathto_taking_resource


#: What the local MathJax 4 needs in ``window.MathJax``: its fonts from beside it (the
#: default is a CDN), and the "safe" extension, which keeps ``\href``, ``\class`` and
#: ``\style`` in TeX to harmless URLs, classes and styles.
LOCAL_MATHJAX = {"fonts": "[mathjax]/fonts", "load": "ui/safe"}


def _configure_local_mathjax(config: Config) -> None:
    """Add :data:`LOCAL_MATHJAX` to the MathJax configuration Sphinx writes: the project's
    ``mathjax4_config`` or ``mathjax3_config`` (the one it set; MathJax 4 reads both
    alike), else a new one. What the project set itself is kept."""
    names = [n for n in ("mathjax4_config", "mathjax3_config") if hasattr(config, n)]
    chosen = next((n for n in names if getattr(config, n)), names[0] if names else None)
    if chosen is None:
        return
    settings = dict(getattr(config, chosen) or {})
    loader = dict(settings.get("loader") or {})
    paths = dict(loader.get("paths") or {})
    paths.setdefault("fonts", LOCAL_MATHJAX["fonts"])
    load = list(loader.get("load") or [])
    if LOCAL_MATHJAX["load"] not in load:
        load.append(LOCAL_MATHJAX["load"])
    settings["loader"] = {**loader, "paths": paths, "load": load}
    setattr(config, chosen, settings)


def notebook_defaults(app: Sphinx, config: Config) -> None:
    """Notebook posts: not executed unless ``blog_execute_notebooks``; metadata as front matter."""
    if (
        hasattr(config, "nb_execution_mode")
        and not config.blog_execute_notebooks
        and config.nb_execution_mode == "auto"
    ):
        config.nb_execution_mode = "off"
    # a notebook's own metadata (blogpost, date, tags, ...) is its front matter
    if hasattr(config, "nb_metadata_to_fm") and not config.nb_metadata_to_fm:
        config.nb_metadata_to_fm = True
