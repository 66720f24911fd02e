"""Property-based fuzzing: no exception escapes the extension, whatever the input.

`nox -s fuzz` runs the "fuzz" profile (2,500 examples per property); every test run uses
a smaller one. The build-level property builds real sites from random front matter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil

import yaml
from conftest import build, warnings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_mlblog.collect.postlist import POSTLIST_OPTIONS, check_postlist_options
from sphinx_mlblog.model.frontmatter import KNOWN_KEYS, normalize
from sphinx_mlblog.model.settings import BlogConfig
from sphinx_mlblog.toolkit.diagram_schema import validate
from sphinx_mlblog.toolkit.sanitize import UnsafeSVG, sanitize_svg

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["2024-13-45", "yesterday", "true", "1,2", "[a, b]", "{}", "0", "-1"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
keys = st.one_of(
    st.sampled_from(sorted(KNOWN_KEYS | {"tag", "authors", "categories", "updated", "excerpt"})),
    st.text(max_size=12),
)
front_matter = st.dictionaries(keys, values, max_size=8)


@given(front_matter)
def test_normalize_never_raises(raw):
    fields, problems = normalize(raw, BlogConfig())
    for problem in problems:
        assert problem.key and problem.message
    for key in ("tags", "category", "author"):
        assert isinstance(fields.get(key, ()), tuple)


@given(
    front_matter.map(
        lambda d: {
            k: (json.dumps(v, default=str) if isinstance(v, (list, dict)) else v)
            for k, v in d.items()
        }
    )
)
def test_normalize_myst_encoded_values(raw):
    normalize(raw, BlogConfig())


@given(st.dictionaries(st.sampled_from(sorted(POSTLIST_OPTIONS)), st.text(max_size=30), max_size=6))
def test_postlist_options_never_raise(options):
    good, errors = check_postlist_options(options)
    assert all(isinstance(e, str) for e in errors)
    assert set(good) <= set(POSTLIST_OPTIONS) | {"limit"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "items",
                    "type",
                    "cells",
                    "id",
                    "label",
                    "arrows",
                    "from",
                    "to",
                    "layout",
                    "color",
                    "note",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(json_values)
def test_diagram_validation_never_raises(data):
    for path, message in validate(data):
        assert path.startswith("$") and message


@given(st.text(max_size=300))
def test_svg_sanitizer_raises_only_unsafe(text):
    with contextlib.suppress(UnsafeSVG):
        sanitize_svg(text)


@given(
    st.lists(
        st.sampled_from(
            [
                '<svg xmlns="http://www.w3.org/2000/svg">',
                "</svg>",
                "<script>x</script>",
                '<rect onclick="x"/>',
                '<a href="javascript:x">',
                "</a>",
                "<g>",
                "</g>",
                '<image href="http://e/x"/>',
                "text",
            ]
        ),
        max_size=12,
    )
)
def test_svg_sanitizer_output_is_clean(parts):
    try:
        out, _ = sanitize_svg("".join(parts))
    except UnsafeSVG:
        return
    assert (
        "<script" not in out
        and "onclick" not in out
        and "javascript:" not in out
        and "http://e" not in out
    )


@settings(max_examples=int(__import__("os").environ.get("MLBLOG_FUZZ_BUILDS", "6")))
@given(st.lists(front_matter, min_size=1, max_size=4))
def test_builds_survive_random_front_matter(tmp_path_factory, posts):
    """Whole builds from random front matter: warnings are fine, exceptions are not."""
    src = tmp_path_factory.mktemp("fuzz")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://x.example/"\n'
    )
    (src / "index.md").write_text("# Fuzz\n\n```{postlist}\n:excerpts:\n```\n")
    for i, raw in enumerate(posts):
        raw = {**raw, "blogpost": True}
        try:
            head = yaml.safe_dump(raw, allow_unicode=True, default_flow_style=False)
        except yaml.YAMLError:
            head = "blogpost: true\n"
        (src / f"post{i}.md").write_text(
            f"---\n{head}---\n# Post {i}\n\nText {i}.\n", encoding="utf-8"
        )
    app = build(src)
    assert app.statuscode == 0, warnings_of(app)
    assert (src / "_build/html/blog/index.html").exists() or "blog/index" not in app.env.all_docs
    shutil.rmtree(src, ignore_errors=True)


def test_dates_in_the_far_future_and_past():
    fields, problems = normalize(
        {"date": "0001-01-01", "update": dt.datetime(9999, 12, 31)}, BlogConfig()
    )
    assert fields["date"].year == 1 and fields["update"].year == 9999 and not problems


option_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(
    lambda t: " ".join(t.split())
)


@settings(max_examples=int(__import__("os").environ.get("MLBLOG_FUZZ_BUILDS", "6")))
@given(
    st.dictionaries(st.sampled_from(sorted(POSTLIST_OPTIONS)), option_values, max_size=5),
    json_values,
)
def test_builds_survive_random_directive_options(tmp_path_factory, options, diagram):
    """A real build with random ``postlist`` options and a random diagram body."""
    src = tmp_path_factory.mktemp("fuzzopts")
    (src / "conf.py").write_text('extensions = ["sphinx_mlblog"]\n')
    lines = [f":{key}: {value}".rstrip() for key, value in options.items()]
    body = json.dumps(diagram)
    (src / "index.md").write_text(
        "# Fuzz\n\n```{postlist}\n"
        + "\n".join(lines)
        + "\n```\n\n```{diagram}\n"
        + body
        + "\n```\n",
        encoding="utf-8",
    )
    (src / "post.md").write_text(
        "---\nblogpost: true\ndate: 2024-01-01\ntags: [a]\n---\n# Post\n\nText.\n"
    )
    app = build(src)
    assert app.statuscode == 0, warnings_of(app)
    shutil.rmtree(src, ignore_errors=True)


# -- the research reader's pieces --------------------------------------------------------

titles = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=120
) | st.sampled_from(
    ["", " ", "\u202e\u202dRTL override", "a\u0301\u0302\u0303" * 20, "x" * 500, "🚀" * 30]
)


@given(front_matter)
def test_ablog_aliases_never_raise(raw):
    from sphinx_mlblog.model.frontmatter import ablog_aliases

    for kind, slug, key in ablog_aliases(raw):
        assert kind in ("tag", "category", "author", "location", "language")
        assert isinstance(key, str) and (slug or not key)  # "": ablog's page of no name


@settings(max_examples=40)
@given(titles, titles, st.lists(titles, max_size=4))
def test_social_cards_draw_any_text(title, site, tags):
    """Any title (control characters, combining marks, bidi overrides, emoji, one long
    word) draws a 1200x630 PNG; letters no font has are only reported."""
    import io

    from PIL import Image

    from sphinx_mlblog.publish import cardimage as ci

    text = ci.CardText(title, site, "1 January 2026", tuple(tags))
    colors = tuple(sorted(ci.DEFAULT_COLORS.items()))
    png, problem = ci.draw_card(
        ci.Card(text, ci.FontChain([ci.BOLD]), ci.FontChain([ci.REGULAR]), colors)
    )
    assert problem is None
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (1200, 630)


@given(titles)
def test_llms_links_read_back_as_their_titles(title):
    """A post's title in llms.txt, read by a CommonMark parser, is the title (spaces
    collapsed, control characters dropped): no character of it can end the link, start
    markup or become an entity."""
    import re

    from markdown_it import MarkdownIt

    from sphinx_mlblog.publish.llms import _link

    tokens = MarkdownIt().parseInline(_link(title, "https://e.org/p.html.md"))[0].children
    opened = [t for t in tokens if t.type == "link_open"]
    assert len(opened) == 1 and opened[0].attrs["href"] == "https://e.org/p.html.md"
    text = "".join(t.content for t in tokens if t.type in ("text", "code_inline"))
    assert text == " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", title).split())


@given(st.text(max_size=200), st.integers(min_value=0, max_value=300))
def test_excerpt_pieces_never_raise(text, limit):
    from sphinx_mlblog.publish.previews import excerpt_pieces

    math = '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'
    pieces = excerpt_pieces(f"<p>{text}{math}{text}</p>", limit)
    assert pieces is not None
    assert all(isinstance(p, str) or set(p) == {"m"} for p in pieces)


_field_names = st.from_regex(r"[a-z][a-z_-]{0,8}", fullmatch=True)
_field_words = st.lists(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9,.-]{0,8}", fullmatch=True), min_size=1, max_size=4
)


@given(
    st.dictionaries(_field_names, _field_words, min_size=1, max_size=5),
    st.lists(
        st.tuples(st.booleans(), st.integers(0, 2), st.integers(1, 6)), min_size=5, max_size=5
    ),
)
def test_rst_field_lists_read_alike_however_laid_out(fields, layouts):
    """The pre-read scan's reading of a reST post's opening field list does not depend on
    its layout: a body on the marker's line or on indented lines under it, blank lines
    between fields, any indentation."""
    from sphinx_mlblog.collect.scan import _rst_docinfo

    lines = []
    for (name, words), (under, blanks, indent) in zip(fields.items(), layouts, strict=False):
        body = " ".join(words)
        lines += [f":{name}:", " " * indent + body] if under else [f":{name}: {body}"]
        lines += [""] * blanks
    lines += ["Title", "=====", "", ":late: field", "", "Text."]
    assert _rst_docinfo(lines) == {name: " ".join(words) for name, words in fields.items()}


@given(st.lists(st.text(max_size=40), max_size=30))
def test_rst_field_list_reading_never_raises(lines):
    from sphinx_mlblog.collect.scan import _rst_docinfo

    assert isinstance(_rst_docinfo(lines), dict)
