"""The package's Jinja templates (``theme/templates/mlblog/``): looked up through Sphinx's
own template loader, so a file of the same name in the project's ``templates_path`` wins;
compiled once per build; rendered with autoescaping and the package's translations as
``_``. Their context is documented in ``docs/guide/templates.md``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, Template
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup, escape
from sphinx.locale import get_translator

from ..ablog_site import project_template_folders
from ..compat import fast_escape, fast_escape_generator
from ..i18n import CATALOG

#: The package's own templates (a project's ``templates_path`` may override each).
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "templates" / "mlblog"


def _loader(builder: Any) -> BaseLoader:
    templates = getattr(builder, "templates", None)
    if isinstance(templates, BaseLoader):  # Sphinx's BuiltinTemplateLoader
        return templates
    # a project's own template_bridge: the templates_path folders, ours last
    confdir = str(builder.app.confdir) if hasattr(builder, "app") else os.getcwd()
    return FileSystemLoader([os.path.join(confdir, path) for path in builder.config.templates_path])


def project_has_template(builder: Any, name: str) -> bool:
    """Whether the project's own ``templates_path`` holds ``name``: not the package's
    templates, nor ablog's, which an old ``conf.py`` lists there."""
    confdir = str(getattr(builder, "confdir", None) or os.getcwd())
    folders = project_template_folders(confdir, builder.config.templates_path)
    return any((folder / name).is_file() for folder in folders)


_INCLUDE = re.compile(r'{%(-?)\s*include\s+"(mlblog/[\w.-]+\.html)"\s*(-?)%}')


class InlineIncludes(Extension):
    """Compile each ``{% include "mlblog/..." %}`` of the package's templates into the
    template that includes it: the same output, one render instead of one per include
    (a card includes three). The included file is still looked up through the loader
    when the including template is compiled, so a project's override of it is used."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return self._inline(source, frozenset({name}))

    def _inline(self, source: str, seen: frozenset) -> str:
        out: list[str] = []
        position = 0
        strip_next = False
        for match in _INCLUDE.finditer(source):
            before, included = source[position : match.start()], match[2]
            out.append(before.lstrip() if strip_next else before)
            if included in seen:  # an include cycle: left to Jinja, which reports it
                out.append(match[0])
                strip_next = False
            else:
                if match[1]:  # {%- include: the whitespace before it goes
                    out[-1] = out[-1].rstrip()
                text = self.environment.loader.get_source(self.environment, included)[0]
                out.append(self._inline(text.removesuffix("\n"), seen | {included}))
                strip_next = bool(match[3])
            position = match.end()
        rest = source[position:]
        out.append(rest.lstrip() if strip_next else rest)
        return "".join(out)


class InlineTranslations(Extension):
    """Translate each ``_("text")`` of a template (a literal, no variables) when the
    template is compiled: it becomes ``("Übersetzung"|safe)``, which Jinja folds into the
    template's text, as ``_`` would give it (the translation as markup) on every render.
    ``_("...", name=value)`` and any other call are left to :func:`fast_gettext`."""

    def filter_stream(self, stream: Any) -> Any:
        gettext = getattr(self.environment, "mlblog_gettext", None)
        if gettext is None:
            yield from stream
            return
        window: list[Token] = []
        previous = ""
        for token in stream:
            window.append(token)
            if len(window) == 4:
                if _is_literal_call(window, previous):
                    line = window[0].lineno
                    yield from (
                        Token(line, "lparen", "("),
                        Token(line, "string", gettext(window[2].value)),
                        Token(line, "pipe", "|"),
                        Token(line, "name", "safe"),
                        Token(line, "rparen", ")"),
                    )
                    previous = "rparen"
                    window.clear()
                    continue
                previous = window[0].type
                yield window.pop(0)
        yield from window


def _is_literal_call(window: list[Token], previous: str) -> bool:
    """Whether four tokens are ``_("literal")`` (not ``x._(...)``)."""
    name, lparen, literal, rparen = window
    return (
        name.type == "name"
        and name.value == "_"
        and previous != "dot"
        and lparen.type == "lparen"
        and literal.type == "string"
        and rparen.type == "rparen"
    )


def _formatted(text: str, variables: dict[str, Any]) -> Markup:
    """What Jinja's "newstyle" gettext gives: the translation as markup, the variables
    escaped into it (numbers as they are, for ``%(n)d``)."""
    if not variables:
        return Markup(text)
    values = {k: v if isinstance(v, (int, float)) else escape(v) for k, v in variables.items()}
    return Markup(text % values)


def fast_gettext(translator: Any) -> dict[str, Any]:
    """``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` as Jinja's i18n
    extension installs them with ``newstyle=True``, without its per-call overhead (three
    calls cost a post header half its render time)."""

    def gettext(message: str, **variables: Any) -> Markup:
        return _formatted(translator.gettext(message), variables)

    def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        return _formatted(translator.ngettext(singular, plural, num), {"num": num, **variables})

    def pgettext(context: str, message: str, **variables: Any) -> Markup:
        return _formatted(translator.pgettext(context, message), variables)

    def npgettext(context: str, singular: str, plural: str, num: int, **variables: Any) -> Markup:
        return _formatted(
            translator.npgettext(context, singular, plural, num), {"num": num, **variables}
        )

    return {
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }


class Templates:
    """Render ``mlblog/<name>.html`` with a context; each template compiled once."""

    def __init__(self, builder: Any) -> None:
        translator = get_translator(CATALOG)
        self.environment = Environment(
            loader=_loader(builder),
            autoescape=True,
            auto_reload=False,
            extensions=["jinja2.ext.i18n", InlineIncludes, InlineTranslations],
        )
        self.environment.mlblog_gettext = translator.gettext  # for InlineTranslations
        generator = fast_escape_generator()
        if generator is not None:
            self.environment.code_generator_class = generator
            self.environment.mlblog_escape = fast_escape
        self.environment.install_gettext_callables(
            translator.gettext,
            translator.ngettext,
            newstyle=True,
            pgettext=translator.pgettext,
            npgettext=translator.npgettext,
        )
        self.environment.globals.update(fast_gettext(translator))
        self._compiled: dict[str, Template] = {}
        self._all_compiled = False

    def get(self, name: str) -> Template:
        template = self._compiled.get(name)
        if template is None:
            template = self._compiled[name] = self.environment.get_template(name)
            # its globals as one dict: Jinja copies them into every render's context,
            # key by key from the chain of mappings it keeps (a sixth of a card's render)
            template.globals = dict(template.globals)
        return template

    def compile_all(self) -> None:
        """Compile every template of the package now (before Sphinx forks its parallel
        writers, which would each compile them again)."""
        if not self._all_compiled:
            self._all_compiled = True
            for path in sorted(PACKAGE_TEMPLATES.glob("*.html")):
                self.get(f"mlblog/{path.name}")

    def render(self, name: str, **context: Any) -> Markup:
        return Markup(self.get(name).render(context))
