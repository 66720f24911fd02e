"""Social cards for the build: which posts get one, its address (for ``og:image`` and
``twitter:image``) and writing the PNGs at ``build-finished``.

A post gets a card when ``blog_social_cards`` is on, the blog has a ``blog_baseurl`` (the
tags need absolute URLs), sphinxext-opengraph (which makes its own) is not loaded, and the
post has no ``image`` of its own; its first figure, when
it is a local raster image, goes on the card. Cards are named by a digest of what they are
drawn from (:meth:`.cardimage.Card.name`), so an incremental build draws only the cards of
changed posts, and cards no post uses any more are removed.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

from PIL import ImageColor
from sphinx.application import Sphinx

from ..i18n import format_date
from ..model.post import Post
from ..render.state import render_state
from ..util import runs_page_scripts
from ..warnings import MLBlogWarning, warn
from .cardimage import BOLD, DEFAULT_COLORS, REGULAR, Card, CardText, FontChain, draw_card

FOLDER = "social"  # under the builder's image folder


class CardPlanner:
    """The cards of one build: the font chains and colours, and each post's :class:`Card`."""

    def __init__(self, app: Sphinx) -> None:
        config = render_state(app).view.config
        self.config = config
        self.srcdir = Path(app.srcdir)
        self.language = app.config.language
        self.problems: list[str] = []  # reported once, by the writer
        fonts = [Path(app.confdir, font) for font in config.social_card_fonts]
        usable = [font for font in fonts if self._usable(font)]
        self.title_fonts = FontChain([*usable, BOLD])
        self.body_fonts = FontChain([*usable, REGULAR])
        self.colors = tuple(sorted(self._colors(dict(config.social_card_colors)).items()))
        self._cards: dict[str, Card | None] = {}

    def _usable(self, font: Path) -> bool:
        try:
            FontChain([font])
        except Exception as error:  # fontTools raises many kinds for a file that is no font
            self.problems.append(f"blog_social_card_fonts: {font} is left out: {error}")
            return False
        return True

    def _colors(self, chosen: dict[str, str]) -> dict[str, str]:
        colors = dict(DEFAULT_COLORS)
        for name, value in chosen.items():
            try:
                ImageColor.getrgb(value)
            except ValueError:
                self.problems.append(f"blog_social_card_colors: {value!r} is not a colour")
                continue
            colors[name] = value
        return colors

    def card(self, post: Post) -> Card | None:
        """The post's card; ``None`` when it has an image of its own or letters no font has."""
        if post.key not in self._cards:
            self._cards[post.key] = self._plan(post)
        return self._cards[post.key]

    def _plan(self, post: Post) -> Card | None:
        if post.image or post.anchor or self.missing(post):  # a section's post: the page's
            return None
        text = CardText(
            title=post.title,
            site=self.config.title,
            date=format_date(post.date, self.config.date_format, self.language)
            if post.date
            else "",
            tags=tuple(post.tags[:6]),
        )
        figure = self.srcdir / post.first_image if post.first_image else None
        if figure is not None and not figure.is_file():
            figure = None
        return Card(text, self.title_fonts, self.body_fonts, self.colors, figure)

    def missing(self, post: Post) -> list[str]:
        return self.title_fonts.missing_letters(post.title)


def planner(app: Sphinx) -> CardPlanner | None:
    """This build's planner, or ``None`` when the build makes no cards."""
    state = render_state(app)
    config = state.view.config
    if not (config.social_cards and config.baseurl and runs_page_scripts(app.builder, False)):
        return None
    if "sphinxext.opengraph" in app.extensions:  # its og:image (and social cards) win
        return None
    if state.cards is None:
        state.cards = CardPlanner(app)
    return state.cards


def card_path(app: Sphinx, post: Post) -> str | None:
    """Where the post's card is in the output (``_images/social/<digest>.png``), if it has one."""
    cards = planner(app)
    card = cards.card(post) if cards else None
    return f"{app.builder.imagedir}/{FOLDER}/{card.name}" if card else None


def write_cards(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: draw the cards not drawn yet; remove the ones no post uses."""
    cards = planner(app) if exception is None else None
    if cards is None:
        return
    for problem in cards.problems:
        warn(problem, MLBlogWarning.CARDS)
    folder = Path(app.outdir, app.builder.imagedir, FOLDER)
    used: set[str] = set()
    for post in sorted(render_state(app).view.domain.posts.values(), key=attrgetter("key")):
        card = cards.card(post)
        if card is None:
            _report_missing(cards, post)
            continue
        name = card.name
        used.add(name)
        if not (folder / name).is_file():
            _draw(card, folder / name, post)
    if folder.is_dir():
        for old in folder.glob("*.png"):
            if old.name not in used:
                old.unlink()


def _report_missing(cards: CardPlanner, post: Post) -> None:
    """A title no font can set: a warning; on a project set up for ablog (ablog's
    addresses), which never asked for cards, a note, so that its ``-W`` build builds."""
    letters = cards.missing(post)
    if letters and not post.image and not post.anchor:
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in letters[:5])
        message = (
            f"no social card: no font has {shown}{' …' if len(letters) > 5 else ''} of the "
            "title; add a font with them to blog_social_card_fonts (og:image is the post's "
            "first figure, if it has one)"
        )
        warn(
            message,
            MLBlogWarning.CARDS,
            location=(post.docname, post.line or 1),
            note=cards.config.url_style == "ablog",
        )


def _draw(card: Card, path: Path, post: Post) -> None:
    png, problem = draw_card(card)
    problem = problem and problem.replace(str(card.figure), post.first_image or "")
    if problem:
        warn(
            f"social card without the first figure {post.first_image}: {problem}",
            MLBlogWarning.CARDS,
            location=(post.docname, post.line or 1),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
