"""The package's Jinja templates (``theme/templates/mlblog/``): looked up through Sphinx's
own template loader, so a file of the same name in the project's ``templates_path`` wins;
compiled once per build; rendered with autoescaping and the package's translations as
``_``. Their context is documented in ``docs/guide/templates.md``."""

from __future__ import annotations

import os
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, Template
from markupsafe import Markup
from sphinx.locale import get_translator

from ..i18n import CATALOG


def _loader(builder: Any) -> BaseLoader:
    templates = getattr(builder, "templates", None)
    if isinstance(templates, BaseLoader):  # Sphinx's BuiltinTemplateLoader
        return templates
    # a project's own template_bridge: the templates_path folders, ours last
    confdir = str(builder.app.confdir) if hasattr(builder, "app") else os.getcwd()
    return FileSystemLoader([os.path.join(confdir, path) for path in builder.config.templates_path])


class Templates:
    """Render ``mlblog/<name>.html`` with a context; each template compiled once."""

    def __init__(self, builder: Any) -> None:
        translator = get_translator(CATALOG)
        self.environment = Environment(
            loader=_loader(builder),
            autoescape=True,
            auto_reload=False,
            extensions=["jinja2.ext.i18n"],
        )
        self.environment.install_gettext_callables(
            translator.gettext,
            translator.ngettext,
            newstyle=True,
            pgettext=translator.pgettext,
            npgettext=translator.npgettext,
        )
        self._compiled: dict[str, Template] = {}

    def get(self, name: str) -> Template:
        template = self._compiled.get(name)
        if template is None:
            template = self._compiled[name] = self.environment.get_template(name)
        return template

    def render(self, name: str, **context: Any) -> Markup:
        return Markup(self.get(name).render(context))
