"""The blog's markup comes from Jinja templates a project overrides through its own
``templates_path``; each template is compiled once per build and escapes what it shows."""

from __future__ import annotations

from collections import Counter

import jinja2
from conftest import article, build, copy_root, warnings_of

CARD = """<article class="my-card" data-year="{{ post.date.year }}">
  <h{{ level }}>{{ post.link }}</h{{ level }}>
  {%- for tag in post.tags %}<span class="my-tag" data-url="{{ tag.url }}">{{ tag.name }}</span>{% endfor -%}
  <p class="my-words">{{ _("%(minutes)d min read")|format(minutes=post.minutes) }}</p>
</article>
"""
META = '<p class="my-meta">{{ post.title }} · {{ date }}</p>'


def _site(tmp_path, **templates):
    src = copy_root("basic", tmp_path)
    folder = src / "_templates" / "mlblog"
    folder.mkdir(parents=True)
    for name, text in templates.items():
        (folder / f"{name.replace('_', '-')}.html").write_text(text, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + '\ntemplates_path = ["_templates"]\n')
    return src


def test_a_project_template_replaces_the_card(tmp_path):
    app = build(_site(tmp_path, card=CARD))
    assert warnings_of(app).strip() == ""
    cards = article(app, "blog/tag/attention").select("article.my-card")
    assert [c.a.get_text() for c in cards] == [
        "The KV cache, explained",
        "Attention is all you need, again",
    ]
    assert (
        cards[0]["data-year"] == "2023"
        and cards[0].select_one(".my-words").get_text() == "1 min read"
    )
    tags = {t.get_text(): t["data-url"] for t in cards[0].select(".my-tag")}
    assert tags["inference"] == "inference.html" and tags["attention"] == ""  # this page itself
    assert not article(app, "blog/tag/attention").select(".mlblog-card")
    # the post's own header keeps the package's meta line
    assert article(app, "posts/2024/speculative").select_one(".mlblog-post-header .mlblog-meta")


def test_one_template_changes_every_place_that_includes_it(tmp_path):
    app = build(_site(tmp_path, post_meta=META))
    header = article(app, "posts/2024/speculative").select_one(".mlblog-post-header .my-meta")
    assert header.get_text(" ", strip=True) == "Speculative decoding · 10 January 2024"
    card_meta = article(app, "blog/index").select(".mlblog-card .my-meta")
    assert [m.get_text(" ", strip=True).split(" · ")[0] for m in card_meta] == [
        "Diffusion models from scratch",
        "Speculative decoding",
    ]


def test_project_templates_are_escaped_and_translated(tmp_path):
    src = _site(tmp_path, card=CARD)
    post = src / "posts" / "2024" / "speculative.md"
    post.write_text(
        post.read_text().replace("# Speculative decoding", "# <script>alert(1)</script> & co")
    )
    app = build(src, confoverrides={"language": "de"})
    page = article(app, "blog/index")
    card = next(c for c in page.select("article.my-card") if "alert" in c.get_text())
    assert card.find("script") is None and card.a.get_text() == "<script>alert(1)</script> & co"
    assert card.select_one(".my-words").get_text() == "1 Min. Lesezeit"


def test_each_template_is_compiled_once_per_build(tmp_path, monkeypatch):
    compiled: Counter = Counter()
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        if name and name.startswith("mlblog/"):
            compiled[(id(self), name)] += 1
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    app = build(
        copy_root("basic", tmp_path),
        confoverrides={"blog_posts_per_page": 1, "blog_archive_posts_per_page": 1},
    )
    assert warnings_of(app).strip() == ""
    names = {name for _, name in compiled}
    assert {
        "mlblog/card.html",
        "mlblog/post-header.html",
        "mlblog/post-footer.html",
        "mlblog/pagination.html",
    } <= names
    assert max(compiled.values()) == 1, [key for key, count in compiled.items() if count > 1]


def _inlining_environment():
    """An environment with the package's compile-time translation ("T:" before each text)."""
    from sphinx_mlblog.render.templates import InlineTranslations, fast_gettext

    class Upper:
        def gettext(self, message):
            return "T:" + message

        ngettext = pgettext = npgettext = None

    environment = jinja2.Environment(autoescape=True, extensions=[InlineTranslations])
    environment.mlblog_gettext = Upper().gettext
    environment.globals.update(fast_gettext(Upper()))
    return environment


def test_constant_translations_are_folded_into_the_template():
    """``_("text")`` is translated when the template is compiled, and renders as the
    runtime ``_`` renders it (the translation as markup); calls with variables, methods
    named ``_`` and text outside expressions are left alone."""
    source = (
        '<a title="{{ _("copy & paste") }}">{{ _(\'cite "it"\') }}</a>'
        '{{ _("by %(who)s")|format(who=who) }}|{{ _("%(n)d posts", n=n) }}|'
        '{{ obj._("x") }}|_("outside")'
    )
    environment = _inlining_environment()
    code = environment.compile(source, raw=True)
    assert "T:copy & paste" in code and "T:by %(who)s" in code
    assert code.count("context.call(") == 2  # _("...", n=n) and obj._("x") only

    class Obj:
        def _(self, text):
            return f"method:{text}"

    html = environment.from_string(source).render(who="<Ada>", n=3, obj=Obj())
    assert html == (
        '<a title="T:copy & paste">T:cite "it"</a>T:by &lt;Ada&gt;|T:3 posts|method:x|_("outside")'
    )


def test_fast_escape_escapes_as_markupsafe_does():
    from markupsafe import Markup, escape

    from sphinx_mlblog.compat import fast_escape
    from sphinx_mlblog.render.context import make_link

    class Html:
        def __html__(self):
            return "<b>own</b>"

    class Shouting(Markup):
        def __html__(self):
            return Markup(str.upper(self))

    values = ["", "<a href='x'>&\"", "plain ü 日本", Markup("<i>&amp;</i>"), 3, None, 2.5]
    values += [
        make_link("tag", "<gpu>", "x", "c"),
        Html(),
        Shouting("<i>x</i>"),
        jinja2.Undefined(),
    ]
    for value in values:
        fast = fast_escape(value)
        assert isinstance(fast, Markup) and str(fast) == str(escape(value)), value


def test_templates_fall_back_to_jinjas_escape_when_the_probe_differs(monkeypatch):
    from markupsafe import Markup

    from sphinx_mlblog import compat

    compat.fast_escape_generator.cache_clear()
    assert compat.fast_escape_generator() is not None  # the Jinja this suite installs
    monkeypatch.setattr(compat, "fast_escape", lambda value: Markup("wrong"))
    compat.fast_escape_generator.cache_clear()
    try:
        assert compat.fast_escape_generator() is None
    finally:
        compat.fast_escape_generator.cache_clear()
