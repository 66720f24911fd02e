"""Generated archive pages take no section labels from ``sphinx.ext.autosectionlabel``.

autosectionlabel labels every section of every document by its title. ablog's archive
pages were no documents; ours are, and their titles are common words ("Archive", "Tags",
"Drafts", a year, the blog's title). Labelled, they would take a label that a project's
own section has: a "duplicate label" warning naming a file the project does not have, and
a ``:ref:`` to the project's section that may lead to the generated page instead.

While a generated page is read, the standard domain's labels are set aside just before
autosectionlabel's ``doctree-read`` handler and put back just after it, so the page
neither takes a label nor meets one. A project's own page at the blog's path is its page
and keeps its labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..compat import listener_priority
from ..util import GENERATED_KEY

AUTOSECTIONLABEL = "sphinx.ext.autosectionlabel"


def _is_generated(env: Any) -> bool:
    return bool(env.metadata.get(env.docname, {}).get(GENERATED_KEY))


@dataclass
class _LabelShield:
    """The standard domain's labels, set aside while a generated page is labelled."""

    saved: tuple[dict[str, Any], dict[str, Any]] | None = None

    def set_aside(self, app: Sphinx, doctree: nodes.document) -> None:
        if not _is_generated(app.env):
            return
        std = app.env.get_domain("std")
        self.saved = (dict(std.labels), dict(std.anonlabels))
        std.labels.clear()
        std.anonlabels.clear()

    def put_back(self, app: Sphinx, doctree: nodes.document) -> None:
        if self.saved is None:
            return
        (labels, anonlabels), self.saved = self.saved, None
        std = app.env.get_domain("std")
        for table, saved in ((std.labels, labels), (std.anonlabels, anonlabels)):
            table.clear()
            table.update(saved)


def keep_generated_pages_unlabelled(app: Sphinx) -> None:
    """``builder-inited``: bracket autosectionlabel's handler, when it is set up."""
    priority = listener_priority(app, "doctree-read", AUTOSECTIONLABEL)
    if priority is None:
        return
    shield = _LabelShield()
    app.connect("doctree-read", shield.set_aside, priority=priority - 1)
    app.connect("doctree-read", shield.put_back, priority=priority + 1)
