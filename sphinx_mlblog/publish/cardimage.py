"""Social card images: a 1200×630 PNG of a post's title, date, tags and the blog's title
(and its lead figure, on the right, when it has one), drawn with Pillow.

Text is set in the first font of a chain that has each character (fontTools reads the
fonts' character maps): the site's own fonts first (``blog_social_card_fonts``), then the
bundled DejaVu Sans, which covers Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and
Arabic. Pillow's Raqm layout shapes and orders each run (right-to-left titles are set
right-aligned). Letters no font has are reported, not drawn as boxes; symbols no font has
(emoji, mostly) are left out. The same text, fonts, colours, figure and Pillow give the
same bytes. No Sphinx here.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

#: Bumped when the layout changes: every card is drawn again.
CARD_VERSION = 1
WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FIGURE_WIDTH = 440  # the lead figure's panel, on the right
PANEL_PADDING = 24  # around a figure shown whole
TITLE_SIZES = (72, 64, 56, 50, 44)
TITLE_TOP, TITLE_BOTTOM = 150, 500
FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")
MAX_FIGURE_PIXELS = 40_000_000

DEFAULT_COLORS = {
    "background": "#1b1e28",
    "text": "#f5f5f7",
    "muted": "#a9adbd",
    "accent": "#ff8a5c",
}


@dataclass(frozen=True)
class CardText:
    title: str
    site: str
    date: str
    tags: tuple[str, ...]


class FontChain:
    """Font files tried in order for each character."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        self._maps = [_cmap(path) for path in self.paths]

    def font_for(self, char: str) -> int | None:
        code = ord(char)
        return next((i for i, cmap in enumerate(self._maps) if code in cmap), None)

    def missing_letters(self, text: str) -> list[str]:
        """Letters and digits of ``text`` that no font of the chain has."""
        return list(
            dict.fromkeys(
                c for c in text if unicodedata.category(c)[0] in "LN" and self.font_for(c) is None
            )
        )

    def drawable(self, text: str) -> str:
        """``text`` without the characters no font has (emoji, mostly), spaces collapsed."""
        kept = "".join(
            c for c in text if c.isspace() or _combining(c) or self.font_for(c) is not None
        )
        return " ".join(kept.split())

    def runs(self, text: str) -> list[tuple[int, str]]:
        """``text`` as runs of one font each; characters no font has are left out."""
        runs: list[tuple[int, str]] = []
        for char in text:
            if runs and (_combining(char) or char.isspace()):  # joins the run before it
                runs[-1] = (runs[-1][0], runs[-1][1] + char)
                continue
            index = self.font_for(char)
            if index is None:
                continue
            if runs and runs[-1][0] == index:
                runs[-1] = (index, runs[-1][1] + char)
            else:
                runs.append((index, char))
        return runs

    def digest(self) -> str:
        return _digest(self.paths)


@lru_cache(maxsize=16)
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@lru_cache(maxsize=16)
def _digest(paths: tuple[Path, ...]) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.read_bytes())
    return sha.hexdigest()


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@dataclass(frozen=True)
class Card:
    """Everything a card is drawn from, and the name of the PNG it makes."""

    text: CardText
    title_fonts: FontChain
    body_fonts: FontChain
    colors: tuple[tuple[str, str], ...]  # sorted (name, colour) pairs
    figure: Path | None = None

    @cached_property
    def name(self) -> str:
        """The file name: a digest of what the card is drawn from (worked out once: it reads
        the figure's bytes)."""
        sha = hashlib.sha256()
        parts = [
            str(CARD_VERSION),
            PIL.__version__,
            repr(self.text),
            repr(self.colors),
            self.title_fonts.digest(),
            self.body_fonts.digest(),
            _file_digest(self.figure) if self.figure else "",
        ]
        sha.update("\0".join(parts).encode("utf-8"))
        return sha.hexdigest()[:24] + ".png"


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


class Layers:
    """The card's text and marks as one coverage mask per colour (text never overlaps)."""

    def __init__(self) -> None:
        self.masks: dict[str, Image.Image] = {}
        self._draws: dict[str, ImageDraw.ImageDraw] = {}

    def draw(self, colour: str) -> ImageDraw.ImageDraw:
        if colour not in self._draws:
            self.masks[colour] = Image.new("L", (WIDTH, HEIGHT), 0)
            self._draws[colour] = ImageDraw.Draw(self.masks[colour])
        return self._draws[colour]


SHADES = 20  # of each colour over the background, in a card without a figure
INKS = ("text", "muted", "accent")
#: coverage (0–255) -> palette index of that shade, for each ink; and -> inked or not
_SHADE_OF = [
    [0] + [n * SHADES + 1 + (v * (SHADES - 1) + 127) // 255 for v in range(1, 256)]
    for n in range(len(INKS))
]
_INKED = [0] + [255] * 255


def draw_card(card: Card) -> tuple[bytes, str | None]:
    """The PNG, and why the lead figure was left out (``None`` when it was not)."""
    figure, problem = _figure(card.figure) if card.figure is not None else (None, None)
    right = WIDTH - MARGIN if figure is None else WIDTH - FIGURE_WIDTH - MARGIN // 2
    layers = Layers()
    layers.draw("accent").rectangle((0, 0, WIDTH, 10), fill=255)
    box = (MARGIN, right)
    body = card.body_fonts
    _line(layers, body, body.drawable(card.text.site), 30, box, 66, "muted")
    _title(layers, card.title_fonts, card.title_fonts.drawable(card.text.title), box, "text")
    date = body.drawable(card.text.date)
    footer = [(date, "muted")] if date else []
    tags = [t for t in (body.drawable(tag) for tag in card.text.tags) if t]
    if tags:
        footer += [("  ·  ", "muted")] if footer else []
        footer.append(("   ".join("#" + tag for tag in tags), "accent"))
    _segments(layers, body, footer, 28, box, HEIGHT - 96)
    colors = dict(card.colors)
    if figure is None:
        image = _palette_image(layers, card.colors)
    else:
        image = Image.new("RGB", (WIDTH, HEIGHT), colors["background"])
        image.paste(figure, (WIDTH - FIGURE_WIDTH, 0), figure)
        for name, mask in layers.masks.items():
            image.paste(colors[name], (0, 0), mask)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=3)
    return out.getvalue(), problem


def _palette_image(layers: Layers, colors: tuple[tuple[str, str], ...]) -> Image.Image:
    """Text on a flat background as a palette image: index 0 the background, then
    :data:`SHADES` shades of each ink (the colours themselves exact). Half the bytes of
    RGB, written in half the time."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    for number, name in enumerate(INKS):
        mask = layers.masks.get(name)
        box = mask.getbbox() if mask is not None else None
        if box is None:
            continue
        mask = mask.crop(box)  # the lines it has, not the whole card
        image.paste(mask.point(_SHADE_OF[number]), box, mask.point(_INKED))
    image.putpalette(_shades(colors))
    return image


@lru_cache(maxsize=8)
def _shades(colors: tuple[tuple[str, str], ...]) -> list[int]:
    """The palette of :func:`_palette_image`: the background, then each ink's shades."""
    named = dict(colors)
    background = ImageColor.getrgb(named["background"])[:3]
    palette = list(background)
    for name in INKS:
        colour = ImageColor.getrgb(named[name])[:3]
        for step in range(1, SHADES + 1):
            palette += [
                round(b + (c - b) * step / SHADES) for b, c in zip(background, colour, strict=True)
            ]
    return palette


def _figure(path: Path) -> tuple[Image.Image | None, str | None]:
    """The lead figure cut to its panel, or why it cannot be (``None``, ``None``: a figure
    that is no raster image, such as an SVG drawing, or one too large to read safely, is
    left out by design, without a warning: the card is complete without it)."""
    if path.suffix.lower() not in RASTER:
        return None, None
    try:
        with Image.open(path) as figure:
            if figure.width * figure.height > MAX_FIGURE_PIXELS:
                return None, None
            figure.draft("RGB", (FIGURE_WIDTH * 2, HEIGHT * 2))
            rgba = ImageOps.exif_transpose(figure).convert("RGBA")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        return None, f"it could not be read ({error})"
    return _panel(rgba), None


def _panel(figure: Image.Image) -> Image.Image:
    """The figure on its panel: cut to fill it when their shapes are close (a photo), else
    whole, centred on the colour of its corner (a wide plot on its white)."""
    size = (FIGURE_WIDTH, HEIGHT)
    if 0.5 <= figure.width / figure.height <= 1.0:
        return ImageOps.fit(figure, size, Image.Resampling.LANCZOS)
    inner = (FIGURE_WIDTH - 2 * PANEL_PADDING, HEIGHT - 2 * PANEL_PADDING)
    whole = ImageOps.contain(figure, inner, Image.Resampling.LANCZOS)
    panel = Image.new("RGBA", size, figure.getpixel((0, 0)))
    panel.alpha_composite(whole, ((size[0] - whole.width) // 2, (size[1] - whole.height) // 2))
    return panel


def _width(chain: FontChain, text: str, size: int) -> float:
    return sum(_font(chain.paths[i], size).getlength(run) for i, run in chain.runs(text))


_WORD = re.compile(r"\S+\s*")


def _tokens(text: str) -> list[str]:
    """Words, and each wide (CJK) character as a word of its own: lines break between them."""
    out: list[str] = []
    for word in _WORD.findall(text):
        if not any(unicodedata.east_asian_width(c) in "WF" for c in word):
            out.append(word)
            continue
        for char in word:
            if out and (char.isspace() or unicodedata.category(char)[0] == "P" or _combining(char)):
                out[-1] += char
            else:
                out.append(char)
    return out


def _combining(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Cf")


def wrap(chain: FontChain, text: str, size: int, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` at ``size``."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if _width(chain, line + token.rstrip(), size) <= width:
            line += token
            continue
        if line:
            lines.append(line.rstrip())
        line = ""
        while _width(chain, token.rstrip(), size) > width and len(token) > 1:
            cut = len(token) - 1
            while cut > 1 and _width(chain, token[:cut], size) > width:
                cut -= 1
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _title(layers: Layers, chain: FontChain, title: str, box: tuple[int, int], fill: str) -> None:
    width = box[1] - box[0]
    title = title[:400]  # more never fits: six lines at the smallest size
    for size in TITLE_SIZES:
        lines = wrap(chain, title, size, width)
        leading = int(size * 1.22)
        most = (TITLE_BOTTOM - TITLE_TOP) // leading
        if len(lines) <= most:
            break
    if len(lines) > most:
        lines = lines[: most - 1] + [_shorten(chain, " ".join(lines[most - 1 :]), size, width)]
    top = TITLE_TOP + ((TITLE_BOTTOM - TITLE_TOP) - leading * len(lines)) // 2
    for number, line in enumerate(lines):
        _line(layers, chain, line, size, box, top + number * leading, fill)


def _shorten(chain: FontChain, text: str, size: int, width: int) -> str:
    """The longest start of ``text`` that fits ``width`` with "…" after it."""
    low, high = 0, len(text)
    while low < high:  # a binary search: a title may be thousands of characters long
        middle = (low + high + 1) // 2
        if _width(chain, text[:middle] + "…", size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _rtl(text: str) -> bool:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


def _line(
    layers: Layers,
    chain: FontChain,
    text: str,
    size: int,
    box: tuple[int, int],
    top: int,
    fill: str,
) -> None:
    """One line from ``top``: left-aligned, or right-aligned when it reads right to left;
    shortened with "…" when wider than the box."""
    if not text.strip():
        return
    width = box[1] - box[0]
    if _width(chain, text, size) > width:
        text = _shorten(chain, text, size, width)
    if _rtl(text):
        _runs(layers, chain, text, size, box[1] - _width(chain, text, size), top, fill, True)
    else:
        _runs(layers, chain, text, size, box[0], top, fill)


def _segments(
    layers: Layers,
    chain: FontChain,
    segments: list[tuple[str, str]],
    size: int,
    box: tuple[int, int],
    top: int,
) -> None:
    """Pieces of text in their colours, one after another on a line; the piece that
    reaches the box's end is shortened with "…" and the rest left out."""
    x: float = box[0]
    for text, fill in segments:
        if _width(chain, text, size) > box[1] - x:
            _runs(layers, chain, _shorten(chain, text, size, int(box[1] - x)), size, x, top, fill)
            return
        x = _runs(layers, chain, text, size, x, top, fill)


def _runs(
    layers: Layers,
    chain: FontChain,
    text: str,
    size: int,
    x: float,
    top: int,
    fill: str,
    rtl: bool = False,
) -> float:
    """Draw ``text`` run by run (each in its font) from ``x``; where it ends. Raqm orders
    the characters of a run; right to left, the runs go right to left too."""
    runs = chain.runs(text)
    for index, run in runs[::-1] if rtl else runs:
        font = _font(chain.paths[index], size)
        layers.draw(fill).text((x, top), run, font=font, fill=255)
        x += font.getlength(run)
    return x
