"""``sitemap.xml`` of every public page, written at ``build-finished``."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from sphinx.application import Sphinx

from ..model.archives import archive_docname
from ..render.state import render_state
from ..util import absolute_url, write_if_changed


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: ``sitemap.xml`` of every public page."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    view = render_state(app).view
    config = view.config
    if not config.baseurl:
        return
    hidden = {p.docname for p in view.domain.drafts() if not p.anchor} | {
        archive_docname(config, "drafts")
    }
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    further = [spec.docname(config) for spec in view.further_pages()]
    for docname in sorted([*app.env.all_docs, *further]):
        if docname in hidden:
            continue
        url = absolute_url(config.baseurl, app.builder.get_target_uri(docname))
        post = view.domain.posts.get(docname)
        lastmod = (post.update or post.date) if post else None
        lines.append(
            f"  <url><loc>{xml_escape(url)}</loc>"
            + (f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod else "")
            + "</url>"
        )
    lines.append("</urlset>")
    write_if_changed(Path(app.outdir) / "sitemap.xml", "\n".join(lines) + "\n")
