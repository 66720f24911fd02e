"""URL slugs of post titles and archive keys (tags, categories, authors, ...).

A slug is readable in any script and stable:

- text whose letters and digits all fold to ASCII keeps the ASCII slug of earlier
  versions (``"Speculative Decoding!"`` → ``speculative-decoding``, ``"Ünïcode"`` →
  ``unicode``), so published URLs do not move;
- other text keeps its letters, digits and marks in their own script, case-folded
  (``数学`` → ``数学``, ``"Привет мир"`` → ``привет-мир``), and spells symbols and emoji
  by their Unicode names (``🤖`` → ``robot-face``);
- a :class:`Slugs` table tells apart keys that would share a slug: the plainest keeps it
  (``C`` → ``c``), the others are spelled out (``C++`` → ``c-plus-plus``, ``C#`` →
  ``c-sharp``), numbered if they still collide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

#: Symbols with a short reading (the rest are spelled by their Unicode names).
SYMBOL_WORDS = {
    "+": "plus", "#": "sharp", "&": "and", "@": "at", "%": "percent", "*": "star",
    "=": "equals", "<": "lt", ">": "gt", "|": "or", "~": "tilde", "^": "caret", "$": "dollar",
    "€": "euro", "£": "pound", "¥": "yen", "°": "degree", "±": "plus-minus", "×": "times",
    "÷": "divided-by", "∞": "infinity", "→": "to", "←": "from", "∑": "sum", "∫": "integral",
    "√": "sqrt", "∇": "nabla", "∂": "partial", "π": "pi",
}  # fmt: skip
#: File names stay well under the 255 bytes most file systems allow.
MAX_BYTES = 200
_SEPARATORS = re.compile(r"[-_\s]+")


def legacy_slug(text: str) -> str:
    """The ASCII slug of earlier versions ("" when nothing is left)."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return _SEPARATORS.sub("-", text).strip("-")


def ablog_slug(text: str) -> str:
    """ablog's own slug of a name, exactly (its URLs and reference labels are made of it):
    word characters of any script, spaces and hyphens kept after NFKD, lower-cased, runs
    of spaces and hyphens as one hyphen; may be empty."""
    text = re.sub(r"[^\w\s-]", "", unicodedata.normalize("NFKD", str(text))).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


#: a letter or digit (``str.isalnum``: ``\w`` but the underscore) beyond ASCII
_NON_ASCII_ALNUM = re.compile(r"(?![\x00-\x7f])[^\W_]")


def _folds_to_ascii(text: str) -> bool:
    """Whether every letter and digit of ``text`` survives folding to ASCII."""
    return _NON_ASCII_ALNUM.search(unicodedata.normalize("NFKD", text)) is None


def _ignored(char: str) -> bool:
    """Emoji variation selectors and skin-tone modifiers, joiners, format characters."""
    code = ord(char)
    return (
        0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0100 <= code <= 0xE01EF
        or unicodedata.category(char) in ("Cf", "Cc")
    )


def _words(text: str, spell: bool) -> list[str]:
    """Runs of letters, digits and marks in any script (letters that fold to ASCII folded,
    as the ASCII slug has them); symbols spelled as words (``spell``: ASCII punctuation
    too, as in ``C#``)."""
    words: list[str] = []
    current, verbatim = "", False  # verbatim: the last letter was kept as it is
    for char in unicodedata.normalize("NFKC", text).casefold():
        category = unicodedata.category(char)
        if _ignored(char):
            continue
        if category[0] == "M":
            if current and verbatim:
                current += char
            continue
        if char.isalnum():
            folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode().lower()
            verbatim = not (folded and folded.isalnum())
            current += char if verbatim else folded
            continue
        if current:
            words.append(current)
            current = ""
        if char in SYMBOL_WORDS and (spell or category[0] == "S"):
            words.append(SYMBOL_WORDS[char])
        elif category[0] == "S":
            name = unicodedata.name(char, "")
            if name:
                words.append(legacy_slug(name))
    if current:
        words.append(current)
    return [word for word in words if word]


def unicode_slug(text: str, spell: bool = False) -> str:
    """Letters, digits and marks of any script, case-folded, and symbols as words."""
    slug = unicodedata.normalize("NFKC", "-".join(_words(text, spell)))  # casefold can denormalise
    return _fit(_SEPARATORS.sub("-", slug).strip("-"))


def _fit(slug: str) -> str:
    if len(slug.encode("utf-8")) <= MAX_BYTES:
        return slug
    while len(slug.encode("utf-8")) > MAX_BYTES:
        slug = slug[:-1]
    return slug.rstrip("-")


def _named(text: str) -> str:
    """Every character by its Unicode name: for text of punctuation only (``???``)."""
    names = [legacy_slug(unicodedata.name(char, "")) for char in text if not char.isspace()]
    return _fit("-".join(name for name in names if name))


def slugify(text: str) -> str:
    """The slug of a title or key (see the module's docstring); never empty."""
    text = str(text)
    legacy = legacy_slug(text)
    if legacy and _folds_to_ascii(text):
        return _fit(legacy)
    return unicode_slug(text) or legacy or _named(text) or "untitled"


@lru_cache(maxsize=8192)  # pure, and asked for every tag of every listed post
def key_slug(key: str) -> str:
    """The slug of an archive key; never ``index``, which names the overview page
    (a tag ``index`` gets ``index-1``)."""
    slug = slugify(key)
    return "index-1" if slug == "index" else slug


@lru_cache(maxsize=8192)
def same_key(key: str) -> str:
    """Keys that differ only in case, width or spacing are one tag (``GPU``, ``gpu``)."""
    return " ".join(unicodedata.normalize("NFKC", key).casefold().split())


#: kinds whose keys name people and places: a spelling with accents and one without are
#: one key (``Jérémie Vandenplas``, ``Jeremie Vandenplas``; ``Zürich``, ``Zurich``), as
#: they were one address under ablog. Tags and categories keep them apart (``thé``, ``the``).
ACCENT_BLIND = frozenset({"author", "location"})


@lru_cache(maxsize=8192)
def accent_blind_key(key: str) -> str:
    """:func:`same_key`, and for text whose letters all fold to ASCII, without accents."""
    folded = same_key(key)
    if folded.isascii() or not _folds_to_ascii(folded):
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_for(kind: str) -> Callable[[str], str]:
    """Which keys of ``kind`` are one: :func:`accent_blind_key` or :func:`same_key`."""
    return accent_blind_key if kind in ACCENT_BLIND else same_key


def _dropped(key: str) -> int:
    """How much of a key its slug leaves out (the plainest key keeps a shared slug)."""
    return sum(1 for char in same_key(key) if not (char.isalnum() or char in " -_"))


def assign(
    keys: Iterable[str],
    preferred: Callable[[str], str] | None = None,
    fold: Callable[[str], str] = same_key,
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """A distinct slug for every key (keys that ``fold`` to one share it), and
    ``(key, slug it would have had, slug it got)`` for each key told apart.
    ``preferred(key)`` gives a slug to use first (empty, or ``index``: none)."""
    by_key: dict[str, str] = {}
    for key in sorted(set(keys)):
        by_key.setdefault(fold(key), key)
    groups: dict[str, list[str]] = {}
    for canonical, key in by_key.items():
        first = preferred(key) if preferred is not None else ""
        groups.setdefault(first if first and first != "index" else key_slug(key), []).append(
            canonical
        )
    taken = set(groups)
    slugs: dict[str, str] = {}
    moved: list[tuple[str, str, str]] = []
    for slug, members in sorted(groups.items()):
        members.sort(key=lambda canonical: (_dropped(canonical), canonical))
        slugs[members[0]] = slug
        for canonical in members[1:]:
            spelled = unicode_slug(by_key[canonical], spell=True) or slug
            candidate, number = spelled, 2
            while candidate in taken or candidate == "index":
                candidate, number = f"{spelled}-{number}", number + 1
            taken.add(candidate)
            slugs[canonical] = candidate
            moved.append((by_key[canonical], slug, candidate))
    return slugs, moved


class Slugs:
    """The slug of every archive key of one set of posts, per kind."""

    def __init__(
        self,
        keys: dict[str, Iterable[str]],
        preferred: Callable[[str, str], str] | None = None,
    ) -> None:
        self._tables: dict[str, dict[str, str]] = {}
        self._folds: dict[str, Callable[[str], str]] = {}  # the kinds of the tables
        self._preferred = preferred
        self.moved: dict[str, list[tuple[str, str, str]]] = {}
        for kind, kind_keys in keys.items():
            first = None if preferred is None else (lambda key, k=kind: preferred(k, key))
            self._folds[kind] = fold_for(kind)
            self._tables[kind], self.moved[kind] = assign(kind_keys, first, self._folds[kind])

    def slug(self, kind: str, key: str) -> str:
        """The slug of ``key`` (a key of no post of this set: its own slug)."""
        table = self._tables.get(kind)
        found = table.get(self._folds[kind](key)) if table else None
        if found is not None:
            return found
        first = self._preferred(kind, key) if self._preferred is not None else ""
        return first if first and first != "index" else key_slug(key)
