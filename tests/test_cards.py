"""Social cards: drawn PNGs as og:image/twitter:image, on real builds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import build, copy_root, read_html, warnings_of
from PIL import Image

from sphinx_mlblog.publish.cardimage import (
    BOLD,
    DEFAULT_COLORS,
    REGULAR,
    Card,
    CardText,
    FontChain,
    _width,
    draw_card,
    wrap,
)

ROOT = "cards"
BASE = "https://cards.example.org/"
BACKGROUND = (0x1B, 0x1E, 0x28)


def _image(app, page: str) -> str | None:
    tag = read_html(app, page).head.find("meta", property="og:image")
    return tag["content"] if tag else None


def _card(app, page: str) -> Path:
    url = _image(app, page)
    assert url and url.startswith(BASE + "_images/social/"), url
    twitter = read_html(app, page).head.find("meta", attrs={"name": "twitter:image"})
    assert twitter["content"] == url
    return Path(app.outdir) / url.removeprefix(BASE)


def _cards(app) -> set[str]:
    return {p.name for p in (Path(app.outdir) / "_images" / "social").glob("*.png")}


def _ink(card: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels in ``box`` that are not the background."""
    region = card.convert("RGB").crop(box)
    return sum(1 for pixel in region.getdata() if pixel != BACKGROUND)


def test_a_post_without_an_image_gets_a_card(site):
    path = _card(site, "posts/plain")
    with Image.open(path) as card:
        assert card.format == "PNG" and card.size == (1200, 630)
        assert _ink(card, (72, 150, 1128, 500)) > 5000  # the title is drawn
        assert _ink(card, (72, 530, 600, 580)) > 500  # date and tags
    head = read_html(site, "posts/plain").head
    assert head.find("meta", property="og:image:width")["content"] == "1200"
    assert head.find("meta", property="og:image:height")["content"] == "630"
    assert head.find("meta", property="og:image:alt")["content"] == "Attention is not all you need"
    assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_a_vector_first_figure_is_left_off_the_card_without_a_warning(tmp_path):
    """A post whose first figure is an SVG drawing (found on a real site) gets its card,
    without the figure and without a warning (which -W would make an error)."""
    src = copy_root(ROOT, tmp_path / "site")
    (src / "posts" / "img" / "plot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    )
    (src / "posts" / "vector.md").write_text(
        "---\nblogpost: true\ndate: 2026-03-20\n---\n# A vector figure\n\n![a plot](img/plot.svg)\n"
    )
    app = build(src)
    assert "plot.svg" not in warnings_of(app) and "vector.md" not in warnings_of(app)
    with Image.open(_card(app, "posts/vector")) as card:
        assert card.size == (1200, 630)


def test_each_post_its_own_card_and_no_card_for_a_post_with_an_image(site):
    assert _image(site, "posts/own-image") == BASE + "_mlblog/images/posts/img/green.png"
    names = {_card(site, f"posts/{p}").name for p in ("plain", "figure", "hebrew", "emoji")}
    assert len(names) == 4
    # exactly the cards pages use: plain, figure, hebrew, emoji, broken-figure
    assert len(_cards(site)) == 5


def test_the_first_figure_goes_on_the_card(site):
    with Image.open(_card(site, "posts/figure")) as card:
        assert card.convert("RGB").getpixel((1000, 315)) == (0, 200, 0)
    with Image.open(_card(site, "posts/plain")) as card:
        assert card.convert("RGB").getpixel((1000, 315)) == BACKGROUND


def test_a_figure_that_is_not_an_image_warns_and_the_card_is_drawn_without_it(site):
    warnings = warnings_of(site)
    line = next(w for w in warnings.splitlines() if "broken.png" in w and "social card" in w)
    assert "broken-figure.md" in line and "[mlblog.cards]" in line
    with Image.open(_card(site, "posts/broken-figure")) as card:
        assert card.convert("RGB").getpixel((1000, 315)) == BACKGROUND


def test_right_to_left_titles_are_right_aligned(site):
    with Image.open(_card(site, "posts/hebrew")) as card:
        assert _ink(card, (800, 150, 1128, 500)) > 1000
        assert _ink(card, (72, 150, 400, 500)) == 0


def test_letters_no_font_has_warn_and_no_card_is_made(site):
    assert _image(site, "posts/cjk") is None  # no figure either
    warnings = warnings_of(site)
    line = next(w for w in warnings.splitlines() if "no social card" in w)
    assert (
        "cjk.md" in line and "注 (U+6CE8) 意 (U+610F)" in line and "blog_social_card_fonts" in line
    )
    assert "[mlblog.cards]" in line
    assert warnings.count("no social card") == 1


def test_symbols_no_font_has_are_left_out(site):
    """The emoji of the title and the emoji-only tag are not drawn (as boxes or as "#")."""
    with Image.open(_card(site, "posts/emoji")) as card:
        assert _ink(card, (72, 150, 1128, 500)) > 2000
        assert _ink(card, (72, 530, 600, 580)) > 300  # the date
        assert _ink(card, (320, 530, 1128, 580)) == 0  # no lone "#"


def _cjk_font(path: Path) -> Path:
    """A TrueType font with a square for each of the CJK post's letters."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    letters = "注意力机制"
    names = [".notdef", *[f"uni{ord(c):04X}" for c in letters]]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in letters})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 800))
        pen.lineTo((900, 800))
        pen.lineTo((900, 0))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (1000, 100) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Squares", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path


def test_a_font_of_the_site_covers_what_the_bundled_one_lacks(tmp_path):
    src = copy_root(ROOT, tmp_path)
    _cjk_font(src / "squares.ttf")
    app = build(src, confoverrides={"blog_social_card_fonts": ["squares.ttf"]})
    assert "no social card" not in warnings_of(app)
    with Image.open(_card(app, "posts/cjk")) as card:
        assert _ink(card, (72, 150, 1128, 500)) > 12000  # five filled squares


def test_cards_are_deterministic_and_redrawn_only_when_their_post_changes(tmp_path):
    first = build(copy_root(ROOT, tmp_path / "a"))
    second = build(copy_root(ROOT, tmp_path / "b"))
    assert _cards(first) == _cards(second)
    for name in _cards(first):
        a = Path(first.outdir, "_images/social", name).read_bytes()
        assert a == Path(second.outdir, "_images/social", name).read_bytes()

    src = Path(second.srcdir)
    folder = Path(second.outdir, "_images/social")
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.png")}
    old = _card(second, "posts/plain").name
    time.sleep(0.01)
    post = src / "posts/plain.md"
    post.write_text(post.read_text().replace("not all you need", "all you need"))
    again = build(src)
    new = _card(again, "posts/plain").name
    assert new != old and old not in _cards(again)  # the old card is removed
    after = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.png")}
    assert {n: t for n, t in after.items() if n != new} == {
        n: t for n, t in before.items() if n != old
    }  # the others were not drawn again


def test_cards_off_the_first_figure_is_og_image(tmp_path):
    app = build(copy_root(ROOT, tmp_path), confoverrides={"blog_social_cards": False})
    assert _image(app, "posts/figure") == BASE + "_images/green.png"
    assert _image(app, "posts/plain") is None
    assert not (Path(app.outdir) / "_images" / "social").exists()


def test_without_a_base_url_no_cards(tmp_path):
    app = build(copy_root(ROOT, tmp_path), confoverrides={"blog_baseurl": ""})
    assert not (Path(app.outdir) / "_images" / "social").exists()


def test_bad_card_settings_warn_and_fall_back(tmp_path):
    src = copy_root(ROOT, tmp_path)
    (src / "not-a-font.ttf").write_text("hello")
    app = build(
        src,
        confoverrides={
            "blog_social_card_fonts": ["not-a-font.ttf", "missing.ttf"],
            "blog_social_card_colors": {
                "accent": "not a colour",
                "background": "#ffffff",
                "text": "#000000",
            },
        },
    )
    warnings = warnings_of(app)
    assert "not-a-font.ttf is left out" in warnings and "missing.ttf is left out" in warnings
    assert "'not a colour' is not a colour" in warnings
    with Image.open(_card(app, "posts/plain")) as card:
        assert card.convert("RGB").getpixel((600, 5)) == (0xFF, 0x8A, 0x5C)  # default accent
        assert card.convert("RGB").getpixel((1000, 315)) == (255, 255, 255)


@pytest.mark.parametrize("builder", ["singlehtml", "text", "epub"])
def test_other_builders_make_no_cards(tmp_path, builder):
    app = build(copy_root(ROOT, tmp_path), buildername=builder)
    assert not list(Path(app.outdir).rglob("social/*.png"))
    assert "Traceback" not in warnings_of(app)


# -- the drawing, without Sphinx -------------------------------------------------------


def _draw(title: str) -> Card:
    return Card(
        CardText(title, "Blog", "1 January 2026", ("a",)),
        FontChain([BOLD]),
        FontChain([REGULAR]),
        tuple(sorted(DEFAULT_COLORS.items())),
    )


def test_a_very_long_title_is_shortened_quickly():
    start = time.perf_counter()
    png, problem = draw_card(_draw("word " * 5000))
    assert problem is None and png.startswith(b"\x89PNG")
    assert time.perf_counter() - start < 2


def test_lines_break_between_wide_characters_and_at_spaces():
    chain = FontChain([BOLD])
    assert wrap(chain, "one two three", 40, 10_000) == ["one two three"]
    two = round(_width(chain, "one two", 40)) + 1
    assert wrap(chain, "one two three", 40, two) == ["one two", "three"]
    assert wrap(chain, "one two three", 40, two - 2) == ["one", "two", "three"]
    _cjk = "注意力机制"  # no glyphs here, but the breaking is by character all the same
    assert len(wrap(chain, "one" + _cjk, 40, 10_000)) == 1


def test_the_name_follows_what_the_card_is_drawn_from():
    assert _draw("A").name == _draw("A").name
    assert _draw("A").name != _draw("B").name


def test_a_parallel_build_names_and_draws_the_same_cards(tmp_path):
    """Pages written by parallel writers name the cards the main process draws."""
    serial = build(copy_root(ROOT, tmp_path / "serial"))
    parallel = build(copy_root(ROOT, tmp_path / "parallel"), parallel=2)
    for post in ("plain", "figure", "hebrew", "emoji", "broken-figure"):
        assert _card(parallel, f"posts/{post}").is_file()
        assert _card(parallel, f"posts/{post}").name == _card(serial, f"posts/{post}").name
    assert _cards(parallel) == _cards(serial)


def test_on_an_ablog_site_letters_no_font_has_are_a_note(tmp_path):
    """A project set up for ablog never asked for cards: its ``-W`` build must build, so
    a title no font can set is a note there, not a warning."""
    src = copy_root("cards", tmp_path)
    app = build(src, confoverrides={"blog_url_style": "ablog"})
    assert "no social card" not in warnings_of(app)
    assert "no social card" in app.status.getvalue()
