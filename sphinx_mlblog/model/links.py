"""A post's paper links (front matter ``links:``): arXiv, paper, code, weights, ... -> URLs.

``links`` is a mapping (``{arxiv: 2106.09685, code: https://github.com/...}``) or a list
of one-entry mappings, or of ``{label: ..., url: ...}`` mappings. A known kind
(:data:`KINDS`) is shown with its translated label; any other key is a label of its own.
arXiv and OpenReview links may be ids (``2106.09685v2``, ``hep-th/9901001``,
``arXiv:2106.09685``; an OpenReview forum id); every other link must be an ``http(s)``
URL. A malformed arXiv id or a URL of another scheme is left out, with a problem noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

#: Known kinds, in the order the badges show them.
KINDS = (
    "arxiv", "paper", "pdf", "openreview", "code", "weights", "data", "colab", "slides",
    "video", "demo", "poster",
)  # fmt: skip
#: Kinds that are a paper: Google Scholar's ``citation_*`` tags and the JSON-LD cite them.
PAPER_KINDS = ("arxiv", "paper", "pdf", "openreview")

# new-style ids (2007 on: YYMM.NNNN, from 2015 YYMM.NNNNN), old-style (archive/YYMMNNN)
_ARXIV = re.compile(
    r"^(?:arxiv:)?((?:\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})|(?:[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3}))(v\d+)?$",
    re.IGNORECASE,
)
_ARXIV_URL = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?$")
_OPENREVIEW_ID = re.compile(r"^[A-Za-z0-9_-]{5,}$")


@dataclass(frozen=True, slots=True)
class PaperLink:
    """One link: ``kind`` (a known kind, or "" for a label of the author's own), ``label``
    (the author's label; "" for a known kind, whose label is translated when shown),
    ``url``, and ``ident`` (the arXiv id, or "")."""

    kind: str
    label: str
    url: str
    ident: str = ""


def parse_links(value: Any, notes: list[str] | None = None) -> tuple[PaperLink, ...]:
    """Front matter ``links`` -> links; a bad entry is left out and noted in ``notes``."""
    notes = notes if notes is not None else []
    pairs = _pairs(value)
    links: list[PaperLink] = []
    for key, target in pairs:
        try:
            links.append(_link(key, target))
        except ValueError as exc:
            notes.append(f"link {key!r} left out: {exc}")
    known = [link for link in links if link.kind]
    order = {kind: i for i, kind in enumerate(KINDS)}
    known.sort(key=lambda link: order[link.kind])
    return tuple(known + [link for link in links if not link.kind])


def _pairs(value: Any) -> list[tuple[str, Any]]:
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        if set(value) >= {"url"} and set(value) <= {"url", "label", "kind"}:
            return [(str(value.get("label") or value.get("kind") or "link"), value["url"])]
        return [(str(key), target) for key, target in value.items()]
    if isinstance(value, (list, tuple)):
        pairs: list[tuple[str, Any]] = []
        for item in value:
            if not isinstance(item, dict):
                raise ValueError(f"expected label: URL entries, got {item!r}")
            pairs += _pairs(item)
        return pairs
    raise ValueError(f"expected a mapping of label: URL, got {type(value).__name__}")


def _link(key: str, target: Any) -> PaperLink:
    label = " ".join(key.split())
    kind = label.lower() if label.lower() in KINDS else ""
    if not label:
        raise ValueError("the label is empty")
    if isinstance(target, bool) or not isinstance(target, (str, int, float)):
        raise ValueError(f"expected a URL, got {target!r}")
    text = str(target).strip()
    if kind == "arxiv":
        ident = arxiv_id(text)
        if ident is None:
            raise ValueError(f"{text!r} is not an arXiv id (like 2106.09685 or hep-th/9901001)")
        return PaperLink(kind, "", f"https://arxiv.org/abs/{ident}", ident)
    if kind == "openreview" and _OPENREVIEW_ID.match(text):
        return PaperLink(kind, "", f"https://openreview.net/forum?id={text}")
    return PaperLink(kind, "" if kind else label, checked_url(text))


def arxiv_id(text: str) -> str | None:
    """The arXiv id in ``text`` (an id, ``arXiv:<id>`` or an arxiv.org URL), or None."""
    text = text.strip()
    url = _ARXIV_URL.match(text)
    if url:
        text = url.group(1)
    match = _ARXIV.match(text)
    if not match:
        return None
    return match.group(1) + (match.group(2) or "")


def checked_url(text: str) -> str:
    """``text`` when it is an absolute ``http(s)`` URL (an allowlist: no ``javascript:``,
    ``data:`` or relative paths); otherwise ValueError."""
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise ValueError(f"{text!r} is not a URL (it has spaces or control characters)")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{text!r} is not an http(s) URL")
    return text
