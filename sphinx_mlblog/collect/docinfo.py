"""An empty reST field (``:author:`` with nothing after it) is empty.

docutils puts its warning ("Cannot extract empty bibliographic field") inside the field,
and Sphinx's metadata then holds the warning's text, source path and all, as the field's
value: the post's author (its archive page named after the warning) or its category.
Here the warning moves out of the field, after the page's docinfo, before Sphinx reads it:
the field is empty, as written, and the warning is reported as before.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform


class EmptyFieldWarningOut(SphinxTransform):
    """After docutils' ``DocInfo`` (priority 340): warnings out of docinfo fields."""

    default_priority = 341

    def apply(self, **kwargs) -> None:
        # docutils puts the docinfo among the document's own children: no tree walk
        for docinfo in [n for n in self.document.children if isinstance(n, nodes.docinfo)]:
            messages = [
                message
                for field in docinfo.children
                if isinstance(field, nodes.field) and len(field) == 2
                for message in list(field[1].findall(nodes.system_message))
            ]
            for message in messages:
                message.parent.remove(message)
            index = docinfo.parent.index(docinfo) + 1
            docinfo.parent[index:index] = messages
