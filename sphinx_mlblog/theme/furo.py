"""furo wraps display math in a container that copies the equation's ids, so a labelled
equation's id appears twice (invalid HTML, broken anchors). Keep it once."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..compat import FURO_MATH_WRAPPER, furo_duplicates_math_ids


class FuroMathIds(SphinxPostTransform):
    """Leave a labelled equation's ids on the equation, not on furo's wrapper too."""

    default_priority = 510  # after furo's wrapper transform (500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        labels = self.env.get_domain("math").data.get("objects", {})
        if not any(doc == self.env.docname for doc, *_ in labels.values()):
            return  # only labelled equations have ids
        if not furo_duplicates_math_ids():
            return
        for wrapper in list(self.document.findall(nodes.container)):
            if FURO_MATH_WRAPPER in wrapper["classes"] and wrapper.children:
                inner = wrapper.children[0]
                if isinstance(inner, nodes.math_block) and set(wrapper["ids"]) & set(inner["ids"]):
                    wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner["ids"]]
