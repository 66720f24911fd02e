"""Paper links, "Cite this post", Google Scholar's tags and the JSON-LD, on real builds."""

from __future__ import annotations

import json
import re

import pytest
from conftest import article, build, copy_root, read_html, warnings_of
from hypothesis import given
from hypothesis import strategies as st

from sphinx_mlblog.model.citation import Citable, bibtex, cite_key, key_problem, tex
from sphinx_mlblog.model.links import arxiv_id, checked_url, parse_links

ROOT = "research"


def _json_ld(app, page: str) -> list[dict]:
    soup = read_html(app, page)
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def _meta(app, page: str) -> list[tuple[str, str]]:
    soup = read_html(app, page)
    return [
        (m["name"], m["content"])
        for m in soup.find_all("meta")
        if m.get("name", "").startswith("citation_")
    ]


# -- paper links ------------------------------------------------------------------------


def test_links_are_badges_in_the_header_in_a_fixed_order(site):
    badges = article(site, "posts/attention").select(".mlblog-post-header .mlblog-link-badge")
    assert [(a.get_text(), a["href"]) for a in badges] == [
        ("arXiv", "https://arxiv.org/abs/1706.03762v7"),
        ("PDF", "https://example.org/attention.pdf"),
        ("Code", "https://github.com/example/attention"),
        ("Weights", "https://huggingface.co/example/attention"),
        ("Lab page", "https://lab.example.org/attention"),
    ]
    assert badges[0]["class"] == ["mlblog-link-badge", "mlblog-link-arxiv"]
    assert badges[-1]["class"] == ["mlblog-link-badge", "mlblog-link-other"]


def test_links_show_on_cards(site):
    cards = article(site, "blog/index").select(".mlblog-card")
    by_title = {c.select_one(".mlblog-card-title").get_text(strip=True): c for c in cards}
    rst = by_title["An rst post"]
    assert [a["href"] for a in rst.select(".mlblog-link-badge")] == [
        "https://arxiv.org/abs/2106.09685",
        "https://openreview.net/forum?id=nZeVKeeFYf9",
    ]
    assert by_title["Not for citing"].select(".mlblog-links") == []


def test_bad_links_warn_with_file_and_line_and_are_left_out(site):
    warnings = warnings_of(site)
    assert re.search(
        r"hostile\.md:\d+: WARNING: .*'arxiv'.*not-an-id.* \[mlblog\.links\]", warnings
    )
    assert re.search(
        r"hostile\.md:\d+: WARNING: .*'code'.*javascript:.* \[mlblog\.links\]", warnings
    )
    hostile = article(site, "posts/hostile")
    hrefs = [a["href"] for a in hostile.select(".mlblog-link-badge")]
    assert hrefs == ["https://video.example.org/watch?v=1&t=2", "https://example.org/label"]
    # the author's own label is text, not markup
    assert hostile.select_one(".mlblog-link-other").get_text() == '"><script>alert(2)</script>'
    assert not any(
        "javascript" in (a.get("href") or "")
        for a in read_html(site, "posts/hostile").find_all("a")
    )


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("1706.03762", "1706.03762"),
        ("1706.03762v7", "1706.03762v7"),
        ("2106.09685", "2106.09685"),
        ("arXiv:2106.09685", "2106.09685"),
        ("ARXIV:0704.0001", "0704.0001"),
        ("https://arxiv.org/abs/2106.09685v2", "2106.09685v2"),
        ("https://arxiv.org/pdf/2106.09685.pdf", "2106.09685"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("not-an-id", None),
        ("2113.09685", None),  # month 13
        ("1706.036", None),
        ("1706.0376543", None),
        ("https://example.org/abs/2106.09685", None),
        ("", None),
    ],
)
def test_arxiv_ids_are_checked_for_their_form(text, ident):
    assert arxiv_id(text) == ident


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example", "/local",
     "http://", "https://a b.example", "https://a.example/\x00", "vbscript:x", "file:///etc/passwd"],
)  # fmt: skip
def test_only_http_urls_are_links(url):
    with pytest.raises(ValueError):
        checked_url(url)
    notes: list[str] = []
    assert parse_links({"code": url}, notes) == () and len(notes) == 1


def test_links_come_as_a_mapping_or_a_list():
    expected = parse_links({"arxiv": "2106.09685", "Blog": "https://b.example"})
    assert parse_links([{"arxiv": "2106.09685"}, {"Blog": "https://b.example"}]) == expected
    assert parse_links([{"label": "Blog", "url": "https://b.example"}]) == expected[1:]
    with pytest.raises(ValueError):
        parse_links("https://b.example")


# -- cite this post -----------------------------------------------------------------------


def test_cite_box_has_bibtex_and_a_plain_citation(site):
    box = article(site, "posts/attention").select_one(".mlblog-post-footer details.mlblog-cite")
    assert box.summary.get_text() == "Cite this post"
    assert box.select_one(".mlblog-cite-text").get_text() == (
        "Ada Lovelace and Alan Turing (2024). Attention Is All You Need, re-read. Lab Notes. "
        "https://lab.example.org/posts/attention.html"
    )
    assert box.select_one(".mlblog-cite-bibtex").get_text() == (
        "@misc{lovelace2024attention,\n"
        "  title = {{Attention Is All You Need, re-read}},\n"
        "  author = {Ada Lovelace and Alan Turing},\n"
        "  howpublished = {Lab Notes},\n"
        "  year = {2024},\n"
        "  month = mar,\n"
        "  url = {https://lab.example.org/posts/attention.html}\n"
        "}"
    )


def test_hostile_title_is_escaped_in_html_and_bibtex(site):
    page = read_html(site, "posts/hostile")
    box = page.select_one("details.mlblog-cite")
    bib = box.select_one(".mlblog-cite-bibtex").get_text()
    assert r'\& "quotes" \{braces\} 100\% \textbackslash{} \textasciitilde{}' in bib
    assert _balanced(bib)
    assert "Zoë Ünïcödé (2024). </script><script>alert(1)</script>" in box.get_text()
    # no script element came out of the post's title or label
    assert [s.string for s in page.find_all("script") if s.string and "alert" in s.string] == [
        s.string for s in page.find_all("script", type="application/ld+json")
    ]


def test_no_cite_box_for_cite_false_or_drafts(site):
    assert article(site, "posts/nocite").select(".mlblog-cite") == []
    assert _meta(site, "posts/nocite") == []
    assert _json_ld(site, "posts/nocite")[0]["headline"] == "Not for citing"
    draft = read_html(site, "posts/draft")
    assert draft.select(".mlblog-cite") == []
    assert _meta(site, "posts/draft") == [] and _json_ld(site, "posts/draft") == []


def test_blog_cite_and_json_ld_off(tmp_path):
    app = build(
        copy_root(ROOT, tmp_path),
        confoverrides={"blog_cite": False, "blog_json_ld": False},
    )
    assert read_html(app, "posts/attention").select(".mlblog-cite") == []
    assert _meta(app, "posts/attention") == [] and _json_ld(app, "posts/attention") == []


def test_cite_key_pattern(tmp_path):
    app = build(copy_root(ROOT, tmp_path), confoverrides={"blog_cite_key": "{slug}:{year}"})
    bib = read_html(app, "posts/attention").select_one(".mlblog-cite-bibtex").get_text()
    assert bib.startswith("@misc{attention:2024,")
    assert key_problem("{author}{nope}") and key_problem("{author") and not key_problem("x{year}")


def test_a_bad_cite_key_warns_and_uses_the_default(tmp_path):
    app = build(copy_root(ROOT, tmp_path), confoverrides={"blog_cite_key": "{title}"})
    assert "invalid value '{title}' for blog_cite_key" in warnings_of(app)
    bib = read_html(app, "posts/attention").select_one(".mlblog-cite-bibtex").get_text()
    assert bib.startswith("@misc{lovelace2024attention,")


def _balanced(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "{}" and i and text[i - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


@given(title=st.text(), author=st.text(), blog=st.text())
def test_bibtex_braces_balance_and_the_key_is_ascii(title, author, blog):
    entry = Citable(title=title, authors=(author,), date=None, url="", blog=blog, slug="s")
    key = cite_key(entry, "{author}{year}{word}")
    assert key and re.fullmatch(r"[A-Za-z0-9_:.-]+", key)
    text = bibtex(entry, key)
    assert _balanced(text)
    assert "\n" not in tex(title)


# -- Google Scholar and JSON-LD ---------------------------------------------------------


def test_google_scholar_tags(site):
    assert _meta(site, "posts/attention") == [
        ("citation_title", "Attention Is All You Need, re-read"),
        ("citation_author", "Ada Lovelace"),
        ("citation_author", "Alan Turing"),
        ("citation_publication_date", "2024/03/05"),
        ("citation_publisher", "Lab Notes"),
        ("citation_public_url", "https://lab.example.org/posts/attention.html"),
        ("citation_pdf_url", "https://example.org/attention.pdf"),
        ("citation_arxiv_id", "1706.03762v7"),
    ]


# schema.org: what Google requires/recommends of an Article, and the types of each value
_REQUIRED = {"@context", "@type", "headline", "datePublished", "author", "url"}
_TYPES = {
    "headline": str, "name": str, "description": str, "datePublished": str, "dateModified": str,
    "author": list, "image": str, "keywords": list, "inLanguage": str, "url": str,
    "mainEntityOfPage": dict, "isPartOf": dict, "citation": list, "isBasedOn": list,
}  # fmt: skip
_THINGS = {
    "Person",
    "WebPage",
    "Blog",
    "ScholarlyArticle",
    "SoftwareSourceCode",
    "Dataset",
    "CreativeWork",
}


def _check_schema(data: dict) -> None:
    from datetime import datetime

    assert data["@context"] == "https://schema.org" and data["@type"] == "BlogPosting"
    assert set(data) >= _REQUIRED
    assert set(data) - {"@context", "@type"} <= set(_TYPES)
    for key, kind in _TYPES.items():
        if key in data:
            assert isinstance(data[key], kind), key
    for stamp in ("datePublished", "dateModified"):
        assert datetime.fromisoformat(data[stamp]).tzinfo is not None
    things = data["author"] + data.get("citation", []) + data.get("isBasedOn", [])
    things += [data["mainEntityOfPage"], data["isPartOf"]]
    for thing in things:
        assert thing["@type"] in _THINGS
    for person in data["author"]:
        assert isinstance(person["name"], str) and person["name"]


def test_json_ld_is_a_valid_blog_posting(site):
    (data,) = _json_ld(site, "posts/attention")
    _check_schema(data)
    assert data["headline"] == "Attention Is All You Need, re-read"
    assert data["author"] == [
        {"@type": "Person", "name": "Ada Lovelace", "url": "https://example.org/ada"},
        {"@type": "Person", "name": "Alan Turing"},
    ]
    assert data["datePublished"] == "2024-03-05T00:00:00+00:00"
    assert data["keywords"] == ["transformers", "数学"]
    assert data["image"] == "https://lab.example.org/cover.png"
    assert data["isPartOf"] == {
        "@type": "Blog",
        "name": "Lab Notes",
        "url": "https://lab.example.org/blog/",
    }
    assert data["citation"][0] == {
        "@type": "ScholarlyArticle",
        "url": "https://arxiv.org/abs/1706.03762v7",
        "identifier": "arXiv:1706.03762v7",
    }
    assert data["isBasedOn"][0]["codeRepository"] == "https://github.com/example/attention"


def test_json_ld_of_a_hostile_post_parses_to_its_title(site):
    raw = str(read_html(site, "posts/hostile").find("script", type="application/ld+json"))
    assert raw.count("</script>") == 1 and raw.isascii()
    (data,) = _json_ld(site, "posts/hostile")
    _check_schema(data)
    assert data["headline"] == '</script><script>alert(1)</script> & "quotes" {braces} 100% \\ ~'
    assert data["author"] == [{"@type": "Person", "name": "Zoë Ünïcödé"}]
    assert data["datePublished"] == "2024-04-01T10:00:00+02:00"


def test_german_labels(tmp_path):
    app = build(copy_root(ROOT, tmp_path), confoverrides={"language": "de"})
    page = article(app, "posts/attention")
    assert page.select_one("details.mlblog-cite summary").get_text() == "Diesen Beitrag zitieren"
    labels = [a.get_text() for a in page.select(".mlblog-link-badge")]
    assert labels[:4] == ["arXiv", "PDF", "Code", "Gewichte"]
    assert (
        page.select_one(".mlblog-cite-text")
        .get_text()
        .startswith("Ada Lovelace und Alan Turing (2024).")
    )


# -- cross-references in excerpts ---------------------------------------------------------


def _excerpt_links(app, page: str, title: str) -> list[tuple[str, str]]:
    for card in article(app, page).select(".mlblog-card"):
        if title in card.select_one(".mlblog-card-title").get_text():
            return [(a.get_text(), a["href"]) for a in card.select(".mlblog-excerpt a")]
    raise AssertionError(f"no card {title!r} on {page}")


def test_excerpt_references_link_from_every_folder(site):
    """:ref: and :doc: in an excerpt link as on the post's page (as ablog's listings do),
    relative to whichever page shows the card; one that does not resolve stays text."""
    expected = [
        ("the scaling section", "posts/attention.html#scaling"),
        ("An rst post", "posts/directive.html"),
        ("the home page", "index.html"),
        ("the nocite post", "posts/nocite.html"),  # a Markdown link (MyST's resolver)
    ]
    assert _excerpt_links(site, "blog/index", "A post that links") == [
        (text, "../" + href) for text, href in expected
    ]
    assert _excerpt_links(site, "blog/tag/notes", "A post that links") == [
        (text, "../../" + href) for text, href in expected
    ]
    card_text = next(
        c for c in article(site, "blog/index").select(".mlblog-card") if "links" in c.get_text()
    ).get_text()
    assert "a label that is not there" in card_text
    warnings = warnings_of(site)
    assert warnings.count("undefined label: 'nowhere'") == 1  # the post's own page only


def test_excerpt_references_are_absolute_in_feeds(site):
    from pathlib import Path

    import feedparser

    feed = feedparser.parse((Path(site.outdir) / "blog/atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.title == "A post that links"]
    hrefs = re.findall(r'href="([^"]+)"', entry.content[0].value)
    assert "https://lab.example.org/posts/attention.html#scaling" in hrefs
    assert "https://lab.example.org/index.html" in hrefs
    assert not any("mlblog-root" in h for h in hrefs)


def test_excerpt_references_follow_their_targets(tmp_path):
    import os

    src = copy_root(ROOT, tmp_path)
    build(src)
    target = src / "posts/directive.rst"
    target.write_text(
        target.read_text().replace(
            "An rst post\n===========", "A renamed rst post\n=================="
        )
    )
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    app = build(src)
    links = _excerpt_links(app, "blog/index", "A post that links")
    assert ("A renamed rst post", "../posts/directive.html") in links


def test_relative_links_an_author_wrote_lead_where_they_did_from_every_page(tmp_path):
    """A link written relative to the post's page (``./other.html#x``, as Nuitka's posts
    have them, or ``#x``) leads where it did on the post's page from every listing that
    shows the excerpt, and is absolute in the feed; absolute and ``mailto:`` links stay."""
    from pathlib import Path

    import feedparser

    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://x.example/"\n'
    )
    (tmp_path / "index.rst").write_text("Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/one.rst").write_text(".. post:: 2024-01-01\n\nOne\n===\n\nText.\n")
    (tmp_path / "posts/two.rst").write_text(
        ".. post:: 2024-02-01\n   :tags: ntw\n\nTwo\n===\n\n"
        "This continues `TWN #1 <./one.html#text>`_, see `below <#later>`_, "
        "`Python <https://python.org>`_ and `mail <mailto:a@b.c>`_.\n\nLater\n-----\n\nMore.\n"
    )
    app = build(tmp_path)
    out = Path(app.outdir)
    for page in ("blog", "blog/tag/ntw"):
        links = [a["href"] for a in article(app, page).select(".mlblog-excerpt a")]
        here = (out / page).parent
        local = [href for href in links if "://" not in href and not href.startswith("mailto:")]
        assert len(local) == 2, (page, links)
        assert {str((here / h.split("#")[0]).resolve().relative_to(out)) for h in local} == {
            "posts/one.html",
            "posts/two.html",
        }
        assert "https://python.org" in links and "mailto:a@b.c" in links
    feed = feedparser.parse(str(out / "blog/atom.xml"))
    content = next(e for e in feed.entries if e.title == "Two").content[0].value
    assert 'href="https://x.example/posts/one.html#text"' in content
    assert 'href="https://x.example/posts/two.html#later"' in content
