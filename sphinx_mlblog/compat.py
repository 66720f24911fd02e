"""Every use of another package's private state or undocumented behaviour, in one place.

Each use says what it relies on, checks it (at start-up, or the first time it is needed)
and falls back to the plain, public way when the check fails: the build is then slower
or misses a nicety, never wrong. What each check found is logged at the verbose level
(``sphinx-build -v``) under ``[mlblog.compat]``.

============================  ==========================================================
use                           relies on
============================  ==========================================================
:func:`content_line`          MyST gives a directive's ``content_offset`` relative to
                              the directive's line (docutils: absolute)
:func:`note_math_for_mathjax` Sphinx < 8.2 asks the math domain's ``has_equations``
                              data whether a page needs MathJax
:func:`html_assets_everywhere`  Sphinx's registry keeps the policy that
                              ``app.set_html_assets_policy`` sets (``html_assets_policy``)
:func:`furo_duplicates_math_ids`  furo's post-transform copies a display equation's ids
                              onto the ``math-wrapper`` container around it
:func:`worker_pickles_can_be_trimmed`  Sphinx's parallel read forks workers, which
                              pickle their environment back to the main process
:func:`mermaid_sources`     sphinxcontrib-mermaid's node class keeps a diagram's
                              source in ``node["code"]``
:func:`current_docname`       Sphinx's "document being processed": ``env.current_document``
                              (Sphinx >= 9) or ``env.temp_data["docname"]`` (older), which
                              post-transforms read, set as ``apply_post_transforms`` does
:func:`reference_resolvers`   the post-transforms registered with Sphinx
                              (``app.registry.get_post_transforms()``), of which those
                              derived from ``ReferencesResolver`` resolve references
                              (MyST's Markdown links are one)
:func:`fast_escape_generator`  Jinja's code generator writes each autoescaped output
                              as ``escape(...)`` in ``_output_child_pre``
:func:`answer_for`            Sphinx keeps the loaded extensions in ``app.extensions``,
                              a dict of ``sphinx.extension.Extension`` by name (how a
                              project's ``app.extensions["ablog"]`` finds the blog)
:func:`listener_priority`     Sphinx's event manager keeps each event's listeners, with
                              their handler and priority, in ``app.events.listeners``
                              (how generated pages keep out of autosectionlabel's labels)
:class:`DesignGate`           sphinx-design's post-transforms, ``doctree-resolved``
                              handler and asset names (0.6 to 0.8), and Sphinx's
                              registry, event listeners and per-page asset lists
============================  ==========================================================
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, wraps
from typing import Any

import sphinx
from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _say(msg: str) -> None:
    logger.verbose("[mlblog.compat] %s", msg)


# -- MyST ---------------------------------------------------------------------------
def content_line(directive: Any, line: int) -> int:
    """Source line of the ``line``-th (1-based) line of a directive's content.

    docutils gives ``content_offset`` as the absolute (0-based) line of the content;
    MyST gives the number of lines between the directive line and its content. Only a
    line number in a warning depends on this.
    """
    if type(directive.state).__module__.startswith("myst_parser"):
        return directive.lineno + directive.content_offset + line
    return directive.content_offset + line


# -- Sphinx's math domain -------------------------------------------------------------
def note_math_for_mathjax(env: Any, docname: str) -> None:
    """Tell Sphinx that ``docname`` shows math that its doctree does not hold (excerpts
    rendered into a listing), so that MathJax is loaded on it.

    Sphinx >= 8.2 asks the page context (``has_maths_elements``, set by
    :mod:`sphinx_mlblog.render.math`); older Sphinx asks the math domain's
    ``has_equations`` data, which this writes if it is there.
    """
    if sphinx.version_info[:2] >= (8, 2):
        return
    data = env.get_domain("math").data.get("has_equations")
    if isinstance(data, dict):
        data[docname] = True


def html_assets_everywhere(app: Sphinx) -> bool:
    """Whether an extension asked for MathJax and other per-page assets on every page
    (``app.set_html_assets_policy("always")``). Sphinx keeps the policy in its registry
    and has no public way to read it; when it is not there, the answer is yes, which
    costs a copy of files, never a page without its math."""
    policy = getattr(app.registry, "html_assets_policy", None)
    if policy not in ("always", "per_page"):
        _say("html_assets_policy is not in Sphinx's registry: MathJax is always copied")
        return True
    return policy == "always"


def math_domain_marks_pages(env: Any) -> bool:
    """Whether Sphinx < 8.2's math domain has a page down as having equations, and so
    loads MathJax on it (every page with a listing is, by :func:`note_math_for_mathjax`);
    Sphinx >= 8.2 asks each page's context instead."""
    if sphinx.version_info[:2] >= (8, 2):
        return False
    data = env.get_domain("math").data.get("has_equations")
    return not isinstance(data, dict) or any(data.values())


# -- Sphinx's current document -------------------------------------------------------------
@contextlib.contextmanager
def current_docname(env: Any, docname: str) -> Iterator[bool]:
    """While in the block, Sphinx's post-transforms see ``docname`` as the document being
    processed, as in ``BuildEnvironment.apply_post_transforms`` (which also runs every
    post-transform and emits ``doctree-resolved``: more than resolving an excerpt's
    references wants). Yields False, changing nothing, on a Sphinx whose environment
    has neither known form; the caller then leaves the references unresolved."""
    current = getattr(env, "current_document", None)
    if current is not None and hasattr(current, "docname"):  # Sphinx >= 9
        saved = current.docname
        current.docname = docname
        try:
            yield True
        finally:
            current.docname = saved
        return
    temp = getattr(env, "temp_data", None)
    if isinstance(temp, dict):  # Sphinx < 9
        saved_temp = dict(temp)
        temp["docname"] = docname
        try:
            yield True
        finally:
            temp.clear()
            temp.update(saved_temp)
        return
    _say("no known 'current document' in this Sphinx: excerpt references stay text")
    yield False


def reference_resolvers(app: Sphinx) -> list[type]:
    """The post-transforms that resolve references: Sphinx's ``ReferencesResolver`` and
    every registered one derived from it (MyST's, for Markdown links); Sphinx's own
    alone when the registry cannot be read."""
    from sphinx.transforms.post_transforms import ReferencesResolver

    try:
        registered = list(app.registry.get_post_transforms())
    except Exception:  # an unknown registry: resolve what Sphinx itself resolves
        _say("cannot read Sphinx's post-transforms: excerpts resolve Sphinx's references only")
        return [ReferencesResolver]
    found = [t for t in registered if isinstance(t, type) and issubclass(t, ReferencesResolver)]
    return found if ReferencesResolver in found else [ReferencesResolver, *found]


def resolved_doctree(app: Sphinx, docname: str) -> nodes.document:
    """``env.get_and_resolve_doctree`` with the builder's tags where Sphinx takes them
    (a keyword since 9.0, required from 11; 8.x has none)."""
    if _resolve_takes_tags():
        return app.env.get_and_resolve_doctree(docname, app.builder, tags=app.builder.tags)
    return app.env.get_and_resolve_doctree(docname, app.builder)


@cache
def _resolve_takes_tags() -> bool:
    import inspect

    from sphinx.environment import BuildEnvironment

    try:
        parameters = inspect.signature(BuildEnvironment.get_and_resolve_doctree).parameters
    except (TypeError, ValueError):
        return False
    return "tags" in parameters


# -- furo ---------------------------------------------------------------------------------
#: The class of the container furo wraps display math in.
FURO_MATH_WRAPPER = "math-wrapper"


@cache
def furo_duplicates_math_ids() -> bool:
    """Whether the installed furo's post-transform copies a labelled equation's ids onto
    its ``math-wrapper`` (checked by running it on a one-equation document)."""
    try:
        import furo
        from docutils.frontend import get_default_settings
        from docutils.parsers.rst import Parser
        from docutils.utils import new_document

        transform_class = furo.WrapTableAndMathInAContainerTransform
        document = new_document("<check>", get_default_settings(Parser))
        document += nodes.math_block("x", "x", ids=["equation-x"])
        transform_class(document).run()
        wrapper = document[0]
        found = (
            isinstance(wrapper, nodes.container)
            and FURO_MATH_WRAPPER in wrapper["classes"]
            and "equation-x" in wrapper["ids"]
        )
    except Exception as exc:  # furo missing or changed: nothing to mend
        _say(f"furo's math wrapper not checked ({exc.__class__.__name__}); its ids are left alone")
        return False
    _say(f"furo copies equation ids onto its math wrapper: {found}")
    return found


# -- sphinxcontrib-mermaid --------------------------------------------------------------
def mermaid_sources(doctree: nodes.Node) -> list[tuple[nodes.Element, str]]:
    """Every Mermaid diagram of a doctree with its source (none where sphinxcontrib-mermaid
    is not the one this was written for)."""
    try:
        from sphinxcontrib.mermaid import mermaid
    except ImportError:
        return []
    found = []
    for node in doctree.findall(mermaid):
        code = node.get("code")
        if isinstance(code, str):
            found.append((node, code))
    return found


# -- Sphinx's parallel read ------------------------------------------------------------
@cache
def worker_pickles_can_be_trimmed() -> bool:
    """Whether a domain table may leave out, when a forked parallel-read worker pickles
    it, the entries that worker did not write (:class:`~.collect.domain.DomainTable`).

    Sphinx 8.1 to 9 read in forked workers that pickle their whole environment back;
    the main process merges only the documents each worker read
    (``merge_domaindata``). Elsewhere (other Sphinx versions, no ``fork``) tables are
    pickled whole, as plain dicts are.
    """
    from sphinx.util import parallel

    known = (8, 1) <= sphinx.version_info[:2] < (10, 0)
    ok = known and hasattr(os, "fork") and getattr(parallel, "parallel_available", False)
    _say(f"parallel-read workers send back only what they read: {bool(ok)}")
    return bool(ok)


# -- Jinja ------------------------------------------------------------------------------
#: what ``markupsafe.escape`` replaces in a string, by what
_MARKUPSAFE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&#34;"}
)


def fast_escape(value: Any) -> Any:
    """``markupsafe.escape`` for what the package's templates output most, in a call or
    two instead of five or six: markup as it is (its ``__html__`` is itself), a string
    escaped; anything else as markupsafe escapes it."""
    kind = type(value)
    if kind is str:
        return str.__new__(Markup, value.translate(_MARKUPSAFE_ESCAPES))
    if kind is Markup or (isinstance(value, Markup) and kind.__html__ is Markup.__html__):
        return value
    return escape(value)


@cache
def fast_escape_generator() -> type | None:
    """A Jinja code generator whose autoescaped outputs call
    ``environment.mlblog_escape`` (:func:`fast_escape`) in place of markupsafe's
    ``escape``: outputs are most of what rendering the blog's templates costs. None (use
    Jinja's own) unless a probe template compiles to it and renders exactly as Jinja's
    own generator renders it."""
    try:
        from jinja2 import Environment
        from jinja2.compiler import CodeGenerator

        class FastEscapeGenerator(CodeGenerator):
            def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
                if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
                    super()._output_child_pre(node, frame, finalize)
                    return
                self.write("environment.mlblog_escape(")
                if finalize.src is not None:
                    self.write(finalize.src)

        probe = "{{ a }}|{{ b }}|{{ c }}|{{ d }}|{{ e|upper }}|{% for x in f %}{{ x }}{% endfor %}"
        values = {"a": "<a href='x'>&\"", "b": Markup("<i>&amp;</i>"), "c": 3, "d": None}
        values.update(e="<b>", f=["&", Markup("<br>")])
        fast = Environment(autoescape=True)
        fast.code_generator_class = FastEscapeGenerator
        fast.mlblog_escape = fast_escape  # type: ignore[attr-defined]
        source = fast.compile(probe, raw=True)
        same = fast.from_string(probe).render(values) == (
            Environment(autoescape=True).from_string(probe).render(values)
        )
        ok = same and source.count("environment.mlblog_escape(") == 6
    except Exception as exc:
        _say(f"Jinja's code generator not checked ({exc.__class__.__name__}); its escape is used")
        return None
    _say(f"templates escape their outputs in one call: {ok}")
    return FastEscapeGenerator if ok else None


# -- Sphinx's extension table ---------------------------------------------------------
def answer_for(app: Sphinx, name: str, module: Any, version: str) -> bool:
    """Enter this extension in ``app.extensions`` under another extension's ``name`` too
    (unless one of that name is loaded), so that code asking for it by name finds it and
    ``app.setup_extension(name)`` loads nothing. False where the table is not Sphinx's
    known one."""
    try:
        from sphinx.extension import Extension

        table = app.extensions
        if not isinstance(table, dict) or name in table:
            return False
        table[name] = Extension(
            name, module, version=version, parallel_read_safe=True, parallel_write_safe=True
        )
    except Exception as exc:  # a Sphinx whose extension table is not the known one
        _say(f"cannot answer for {name} in app.extensions: {exc}")
        return False
    return True


# -- Sphinx's event manager ------------------------------------------------------------
def listener_priority(app: Sphinx, event: str, module: str) -> int | None:
    """The priority of the first ``event`` listener whose handler is defined in ``module``
    (another extension's), or None when it has none or the listeners cannot be read."""
    try:
        listeners = list(app.events.listeners.get(event, ()))
    except (AttributeError, TypeError):
        _say(f"Sphinx's {event} listeners cannot be read")
        return None
    for entry in listeners:
        handler = getattr(entry, "handler", None)
        if getattr(handler, "__module__", None) == module and isinstance(
            getattr(entry, "priority", None), int
        ):
            return entry.priority
    return None


# -- sphinx-design ---------------------------------------------------------------------
#: sphinx-design's post-transforms and ``doctree-resolved`` handlers, by release: each
#: acts on its own components only. The gate is used only when the installed
#: sphinx-design registers exactly one of these sets.
DESIGN_PROFILES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "0.6-0.7": (frozenset({"DropdownHtmlTransform", "TabSetHtmlTransform"}), frozenset()),
    "0.8": (
        frozenset(
            {
                "AsideHtmlTransform",
                "DropdownHtmlTransform",
                "TabSetHtmlTransform",
                "ButtonRefContentStash",
                "ButtonRefContentGraft",
                "BadgeRefTooltipStash",
                "BadgeRefTooltipGraft",
            }
        ),
        frozenset({"_resolve_new_tab_refs"}),
    ),
}
#: sphinx-design's stylesheet and script, as it adds them (0.6 to 0.8, Sphinx >= 7.1).
DESIGN_ASSETS = frozenset({"sphinx-design.min.css", "design-tabs.js"})


def _from_design(obj: Any) -> bool:
    return getattr(obj, "__module__", "").startswith("sphinx_design")


def _asset_name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]


@dataclass
class DesignGate:
    """Keeps sphinx-design's document walks and assets to the pages that use it.

    ``skip(env, document)`` says whether a document can skip sphinx-design's
    post-transforms and handler. :meth:`install` replaces those transforms in Sphinx's
    registry by subclasses that also ask it, and re-connects the handler wrapped, at
    the same priority — but only when sphinx-design registered exactly the transforms
    and handlers of a release it knows (:data:`DESIGN_PROFILES`). Its assets are
    :class:`DesignAssets`.
    """

    skip: Callable[[Any, nodes.document], bool]
    profile: str | None = None
    gated: list[str] = field(default_factory=list)

    def install(self, app: Sphinx) -> bool:
        transforms = [cls for cls in app.registry.post_transforms if _from_design(cls)]
        listeners = [
            entry
            for entry in app.events.listeners.get("doctree-resolved", [])
            if _from_design(entry.handler)
        ]
        found = (
            {cls.__name__ for cls in transforms},
            {entry.handler.__name__ for entry in listeners},
        )
        self.profile = next(
            (name for name, known in DESIGN_PROFILES.items() if found == known), None
        )
        if self.profile is None:
            _say(
                f"sphinx-design's transforms {sorted(found[0])} and handlers {sorted(found[1])} are not "
                "those of a known release: its walks run on every page"
            )
            return False
        registry = app.registry.post_transforms
        registry[:] = [self._gated_transform(cls) if cls in transforms else cls for cls in registry]
        for entry in listeners:
            app.disconnect(entry.id)
            app.connect(
                "doctree-resolved", self._gated_handler(entry.handler), priority=entry.priority
            )
        self.gated = sorted(found[0] | found[1])
        _say(
            f"sphinx-design {self.profile}: its walks skip pages without components ({', '.join(self.gated)})"
        )
        return True

    def _gated_transform(self, cls: type) -> type:
        skip = self.skip

        def is_supported(transform: Any) -> bool:
            return not skip(transform.env, transform.document) and cls.is_supported(transform)

        return type(
            cls.__name__,
            (cls,),
            {"is_supported": is_supported, "__module__": __name__, "__doc__": cls.__doc__},
        )

    def _gated_handler(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        skip = self.skip

        @wraps(handler)
        def gated(app: Sphinx, doctree: nodes.document, docname: str) -> Any:
            if not skip(app.env, doctree):
                return handler(app, doctree, docname)
            return None

        return gated


class DesignAssets:
    """Leaves sphinx-design's stylesheet and script out of pages that do not use it: only
    when the builder's asset lists hold its known files (:meth:`check`), only from the
    builder's own lists, and never again once Sphinx did not restore them after a page."""

    def __init__(self) -> None:
        self.known = False
        self.left_out: dict[str, list[Any]] = {}  # context key -> assets
        #: a page's asset list (the objects in it) -> (the list without ours, ours)
        self._split: dict[tuple[int, ...], tuple[list[Any], list[Any]]] = {}

    def check(self, builder: Any) -> bool:
        """``builder-inited`` (after sphinx-design's handler): whether the builder's own
        asset lists hold exactly sphinx-design's known files."""
        lists = [getattr(builder, name, None) for name in ("_css_files", "_js_files")]
        names = {
            _asset_name(asset) for assets in lists if isinstance(assets, list) for asset in assets
        }
        self.known = names >= DESIGN_ASSETS and all(isinstance(assets, list) for assets in lists)
        if not self.known and getattr(builder, "format", "") == "html":
            _say("sphinx-design's assets are not the known ones: they stay on every page")
        return self.known

    def leave_out(self, builder: Any, context: dict[str, Any]) -> None:
        """Leave sphinx-design's stylesheet and script out of one page's context: only
        from the builder's own lists, which Sphinx restores before each page."""
        if not self.known:
            return
        for key, own in _ASSET_LISTS:
            assets = context.get(key)
            if assets is not None and assets is getattr(builder, own, None):
                kept, ours = self._without_design(assets)
                if ours:
                    self.left_out[key] = ours
                    assets[:] = kept

    def _without_design(self, assets: list[Any]) -> tuple[list[Any], list[Any]]:
        """``assets`` without sphinx-design's, and those: worked out once for each list
        of the same asset objects (Sphinx restores one list before every page)."""
        key = tuple(map(id, assets))
        split = self._split.get(key)
        if split is None:
            ours = [asset for asset in assets if _asset_name(asset) in DESIGN_ASSETS]
            split = ([asset for asset in assets if asset not in ours], ours)
            self._split[key] = split
        return split

    def keep(self, builder: Any, context: dict[str, Any]) -> None:
        """On a page that uses sphinx-design: if its assets are gone from the builder's
        lists (Sphinx no longer restored them after an earlier page), put them back and
        stop leaving them out."""
        if not self.known or not self.left_out:
            return
        for key, own in _ASSET_LISTS:
            assets = context.get(key)
            if assets is None or assets is not getattr(builder, own, None):
                continue
            missing = [asset for asset in self.left_out.get(key, ()) if asset not in assets]
            if missing:
                assets.extend(missing)
                self.known = False
                _say(
                    "Sphinx did not restore the page assets: sphinx-design's are kept on every page"
                )


_ASSET_LISTS = (("css_files", "_css_files"), ("script_files", "_js_files"))
