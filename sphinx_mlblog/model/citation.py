"""How to cite a post: its BibTeX entry, key and plain-text citation (no Sphinx imports).

The key comes from ``blog_cite_key``, a pattern of ``{author}`` (the first author's
family name), ``{year}``, ``{word}`` (the first word of the title that is not a stop word)
and ``{slug}``, each folded to ASCII letters and digits, as BibTeX wants its keys.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "on",
        "in",
        "for",
        "to",
        "with",
        "from",
        "by",
        "at",
        "as",
        "is",
        "are",
        "be",
        "how",
        "why",
        "what",
        "when",
        "we",
        "our",
        "your",
        "you",
        "i",
        "it",
        "its",
        "this",
        "that",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "le",
        "la",
        "les",
        "un",
        "une",
        "el",
        "los",
    ]
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# LaTeX's special characters, as BibTeX values need them
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_RE = re.compile("|".join(re.escape(ch) for ch in _TEX))
KEY_FIELDS = frozenset({"author", "year", "word", "slug"})


@dataclass(frozen=True)
class Citable:
    """What a citation shows of a post."""

    title: str
    authors: tuple[str, ...]  # display names
    date: datetime | None
    url: str  # absolute, or "" when the site has no blog_baseurl
    blog: str  # the blog's title
    slug: str


#: what :func:`ascii_word` drops: all but ASCII letters and digits (after lower-casing)
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")


def ascii_word(text: str) -> str:
    """``text`` folded to lower-case ASCII letters and digits (accents dropped; other
    scripts dropped too, so the result may be empty)."""
    return _NOT_ASCII_WORD.sub("", unicodedata.normalize("NFKD", text).lower())


def family_name(name: str) -> str:
    """The family name of ``name``: the part before a comma (``Doe, Jane``), else the
    last word."""
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    words = name.split()
    return words[-1] if words else ""


@lru_cache(maxsize=16)
def key_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not a usable ``blog_cite_key`` (None when it is)."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        return str(exc)
    unknown = fields - KEY_FIELDS
    if unknown:
        return f"unknown field(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(KEY_FIELDS))}"
    return None


def cite_key(post: Citable, pattern: str) -> str:
    """The post's BibTeX key from ``pattern`` (falling back to its slug's letters, then
    ``post``)."""
    words = [w for w in (ascii_word(w) for w in post.title.split()) if w and w not in _STOP]
    values = {
        "author": ascii_word(family_name(post.authors[0])) if post.authors else "",
        "year": str(post.date.year) if post.date else "",
        "word": words[0] if words else "",
        "slug": re.sub(r"[^A-Za-z0-9_-]", "", unicodedata.normalize("NFKD", post.slug)),
    }
    key = (
        re.sub(r"[^A-Za-z0-9_:.-]", "", pattern.format(**values))
        if not key_problem(pattern)
        else ""
    )
    return key or values["slug"] or "post"


def tex(text: str) -> str:
    """``text`` safe inside a BibTeX value: LaTeX's special characters escaped."""
    return _TEX_RE.sub(lambda m: _TEX[m.group()], " ".join(text.split()))


def bibtex(post: Citable, key: str) -> str:
    """The post's ``@misc`` entry (BibTeX and biblatex both read it)."""
    fields = [("title", "{" + tex(post.title) + "}")]
    if post.authors:
        fields.append(("author", " and ".join(_bib_name(a) for a in post.authors)))
    fields.append(("howpublished", tex(post.blog)))
    if post.date:
        fields += [("year", str(post.date.year)), ("month", _MONTHS[post.date.month - 1])]
    if post.url:
        fields.append(("url", post.url.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{key},\n{body}\n}}"


def _bib_name(name: str) -> str:
    # a name BibTeX would split wrongly ("Team X", one-word handles) stays whole in braces
    if "," in name or len(name.split()) in (2, 3) and all(w[:1].isupper() for w in name.split()):
        return tex(name)
    return "{" + tex(name) + "}"


def plain_authors(authors: tuple[str, ...], conjunction: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` (``conjunction`` is the translated "and")."""
    if len(authors) <= 1:
        return "".join(authors)
    return f"{', '.join(authors[:-1])} {conjunction} {authors[-1]}"
