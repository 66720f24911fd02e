"""Incremental and parallel builds: real rebuilds, checked on the HTML."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import article, build, copy_root, read_html, warnings_of


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _mtimes(outdir: Path) -> dict[str, int]:
    return {p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns for p in outdir.rglob("*.html")}


def _written(before: dict[str, int], outdir: Path) -> set[str]:
    after = _mtimes(outdir)
    return {page for page, mtime in after.items() if before.get(page) != mtime}


def _titles(app, page: str, selector: str = ".mlblog-card-title a") -> list[str]:
    return [a.get_text(strip=True) for a in article(app, page).select(selector)]


@pytest.fixture
def src(tmp_path):
    return copy_root("basic", tmp_path)


@pytest.fixture
def src_nosidebar(tmp_path):
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace("html_sidebars", "_unused_sidebars"))
    return src


def test_title_edit_updates_every_listing(src):
    app = build(src)
    _edit(src / "posts/2023/kv-cache.md", "# The KV cache, explained", "# KV caches & <friends>")
    app = build(src)
    new = "KV caches & <friends>"
    assert new in _titles(app, "index", ".mlblog-postlist a")
    assert new in _titles(app, "blog/page/2")
    assert new in _titles(app, "blog/tag/attention")
    assert new in _titles(app, "blog/series/serving")
    assert new in [a.get_text() for a in article(app, "blog/archive").find_all("a")]
    assert article(app, "posts/2024/speculative").select_one(".mlblog-prev a").get_text() == new
    assert (
        new
        in read_html(app, "posts/2023/attention").select_one(".mlblog-sidebar-recent").get_text()
    )
    assert "The KV cache, explained" not in read_html(app, "blog/tag/attention").get_text()


def test_title_edit_rewrites_only_dependent_pages(src_nosidebar):
    src = src_nosidebar
    app = build(src)
    outdir = Path(app.outdir)
    before = _mtimes(outdir)
    _edit(
        src / "posts/2023/attention.md",
        "# Attention is all you need, again",
        "# Attention, revisited",
    )
    app = build(src)
    written = _written(before, outdir)
    # the post, its newer neighbour, a post relating it, and the lists that show it
    assert {
        "posts/2023/attention.html",
        "posts/2023/kv-cache.html",
        "blog/page/2.html",
        "blog/tag/attention.html",
        "blog/archive.html",
    } <= written
    # pages that do not show it are left alone (index.html is rewritten by Sphinx
    # itself: its toctree shows the title)
    assert (
        not {
            "posts/2024/rst-post.html",
            "blog/index.html",
            "blog/tag/diffusion.html",
            "blog/author/alan.html",
            "blog/tag/index.html",
            "blog/series/serving.html",
        }
        & written
    )
    assert "Attention, revisited" in _titles(app, "blog/page/2")


def test_body_edit_rewrites_only_the_post(src_nosidebar):
    src = src_nosidebar
    app = build(src)
    outdir = Path(app.outdir)
    before = _mtimes(outdir)
    _edit(
        src / "posts/2023/attention.md",
        "Second paragraph, not in the excerpt.",
        "Second paragraph, edited.",
    )
    build(src)
    # Sphinx itself always writes genindex/search and the page whose toctree lists the post
    assert _written(before, outdir) - {"genindex.html", "search.html", "index.html"} == {
        "posts/2023/attention.html"
    }


def test_new_tag_and_removed_post(src):
    build(src)
    _edit(
        src / "posts/2023/attention.md",
        "tags: [attention, transformers]",
        "tags: [attention, optimizers]",
    )
    (src / "posts/2024/rst-post.rst").unlink()
    app = build(src)
    outdir = Path(app.outdir)
    assert _titles(app, "blog/tag/optimizers") == ["Attention is all you need, again"]
    assert not (src / "blog/tag/transformers.md").exists()
    assert "transformers" not in article(app, "blog/tag/index").get_text()
    assert "Diffusion models from scratch" not in article(app, "blog/index").get_text()
    assert _titles(app, "blog/index") == ["Speculative decoding", "The KV cache, explained"]
    assert (
        "Diffusion"
        not in read_html(app, "posts/2024/speculative").select_one(".mlblog-post-footer").get_text()
    )
    assert (outdir / "blog/tag/optimizers.html").exists()


def test_publishing_a_draft(src):
    build(src)
    _edit(src / "posts/2024/draft.md", "draft: true", "draft: false")
    app = build(src)
    assert "An unfinished draft" in _titles(app, "blog/index")
    assert _titles(app, "blog/tag/secret") == ["An unfinished draft"]
    assert article(app, "posts/2024/draft").select_one(".mlblog-draft-banner") is None


def test_new_post_updates_neighbours(src):
    build(src)
    (src / "posts/2024/newest.md").write_text(
        "---\nblogpost: true\ndate: 2024-12-24\ntags: [inference]\n---\n# Newest post\n\nHello.\n"
    )
    app = build(src)
    assert _titles(app, "blog/index")[0] == "Newest post"
    assert (
        article(app, "posts/2024/rst-post").select_one(".mlblog-next a").get_text() == "Newest post"
    )
    assert _titles(app, "index", ".mlblog-postlist a")[0] == "Newest post"


def _listing_text(app) -> dict[str, str]:
    pages = [
        "index",
        "blog/index",
        "blog/page/2",
        "blog/tag/attention",
        "blog/archive",
        "posts/2024/speculative",
    ]
    return {page: article(app, page).get_text(" ", strip=True) for page in pages}


def test_parallel_build_matches_serial(tmp_path):
    """Listings and post chrome are rendered by Sphinx's parallel writers at ``-j 2``
        (when each page is written), by the main process at ``-j 1``: every page is the same, and
    so is every Markdown copy of a post (written with its page) and ``llms.txt``."""
    serial = build(copy_root("basic", tmp_path / "serial"))
    parallel = build(copy_root("basic", tmp_path / "parallel"), parallel=2)
    assert _listing_text(parallel) == _listing_text(serial)
    out = Path(serial.outdir)
    pages = sorted(p.relative_to(out) for p in out.rglob("*.html"))
    assert len(pages) > 30
    copies = sorted(p.relative_to(out) for p in out.rglob("*.html.md"))  # by the writers at -j 2
    assert len(copies) >= 4  # a reST post among them
    for page in [*pages, *copies, Path("llms.txt"), Path("llms-full.txt")]:
        assert (Path(parallel.outdir) / page).read_bytes() == (
            Path(serial.outdir) / page
        ).read_bytes(), page


def test_parallel_build_renders_further_pages_in_the_main_process(tmp_path, monkeypatch):
    """Pages 2, 3, ... of the archives are rendered by the main process at
    ``html-collect-pages`` (sphinx-mlblog forks no process of its own), each once, as a
    serial build writes them; what their rendering warns of reaches the build's warnings."""
    from sphinx_mlblog.render import further

    log = tmp_path / "renderers.txt"
    context = further.further_page_context

    def logged(state, spec, pagename):
        with open(
            log, "a", encoding="utf-8"
        ) as f:  # would be appended to from forked processes too
            f.write(f"{os.getpid()} {pagename}\n")
        return context(state, spec, pagename)

    monkeypatch.setattr(further, "further_page_context", logged)
    warns = (
        "\nfrom sphinx.util import logging\n\n"
        "def _warn(app, pagename, *args):\n"
        "    if '/page/' in pagename:\n"
        "        logging.getLogger('further').warning('rendered %s', pagename, type='further')\n\n"
        "def setup(app):\n"
        "    app.connect('html-page-context', _warn)\n"
        "    return {'parallel_read_safe': True, 'parallel_write_safe': True}\n"
    )
    one_per_page = {"blog_posts_per_page": 1, "blog_archive_posts_per_page": 1}
    sites = {}
    for kind in ("serial", "parallel"):
        sites[kind] = src = copy_root("basic", tmp_path / kind)
        (src / "conf.py").write_text((src / "conf.py").read_text() + warns)
    serial = build(sites["serial"], confoverrides=one_per_page)
    files = sorted(
        p.relative_to(serial.outdir).with_suffix("").as_posix()
        for p in Path(serial.outdir).rglob("page/*.html")
    )
    assert len(files) >= 8 and {"blog/page/4", "blog/tag/attention/page/2"} <= set(files)
    log.unlink()
    parallel = build(sites["parallel"], parallel=2, confoverrides=one_per_page)
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert {pid for pid, _ in lines} == {str(os.getpid())}
    assert sorted(name for _, name in lines) == files
    for name in files:
        assert (Path(parallel.outdir) / f"{name}.html").read_bytes() == (
            Path(serial.outdir) / f"{name}.html"
        ).read_bytes()
    for app in (serial, parallel):
        assert sorted(re.findall(r"rendered (\S+)", warnings_of(app))) == files


def test_generated_pages_are_not_rewritten_when_unchanged(src):
    build(src)
    stubs = {p: p.stat().st_mtime_ns for p in (src / "blog").rglob("*.md")}
    assert stubs and all(
        p.read_text().startswith("% sphinx-mlblog: a generated archive page") for p in stubs
    )
    build(src)
    assert {p: p.stat().st_mtime_ns for p in (src / "blog").rglob("*.md")} == stubs
    ignore = (src / "blog/.gitignore").read_text()
    assert "/tag/" in ignore and "/index.md" in ignore


def test_further_pages_come_back_and_old_stubs_go(src):
    old_stub = src / "blog/page/2.md"  # sphinx-mlblog 0.1 wrote further pages as stubs
    old_stub.parent.mkdir(parents=True)
    old_stub.write_text("---\norphan: true\nmlblog_generated: true\n---\n\n# Old\n")
    app = build(src)
    assert not old_stub.exists()
    page = Path(app.outdir) / "blog/page/2.html"
    mtime = page.stat().st_mtime_ns
    app = build(src)
    assert page.stat().st_mtime_ns == mtime  # unchanged: not rendered again
    page.unlink()
    app = build(src)
    assert _titles(app, "blog/page/2") == [
        "The KV cache, explained",
        "Attention is all you need, again",
    ]


def test_stubs_of_earlier_versions_are_replaced(src):
    """Stubs used to mark themselves in front matter; such a file is still ours."""
    stub = src / "blog/tag/attention.md"
    stub.parent.mkdir(parents=True)
    stub.write_text(
        "---\norphan: true\nmlblog_generated: true\n---\n\n# Old\n\n```{blog-archive} tag\n:key: attention\n```\n"
    )
    app = build(src)
    assert stub.read_text().startswith("% sphinx-mlblog: a generated archive page")
    assert "toc.not_included" not in warnings_of(
        app
    ) and "isn't included in any toctree" not in warnings_of(app)
    assert (
        article(app, "blog/tag/attention")
        .find("h1")
        .get_text(strip=True)
        .startswith("Posts tagged")
    )
    metadata = app.env.metadata["blog/tag/attention"]
    assert metadata["mlblog_generated"] is True and metadata["orphan"] is True


def test_own_pages_are_never_overwritten(src):
    own = src / "blog/index.md"
    own.parent.mkdir(parents=True)
    own.write_text("# My own blog index\n\n```{postlist} 1\n```\n")
    other = src / "blog/tag/notes.md"  # a file of the user's where a tag page might go
    other.parent.mkdir(parents=True)
    other.write_text("---\norphan: true\n---\n# Notes\n")
    app = build(src)
    assert own.read_text().startswith("# My own blog index") and other.read_text().endswith(
        "# Notes\n"
    )
    assert (
        article(app, "blog/index").find("h1").get_text(strip=True).startswith("My own blog index")
    )
    assert not (
        Path(app.outdir) / "blog/page/2.html"
    ).exists()  # no further index pages linking to a page not ours
    assert (src / "blog/tag/attention.md").exists()  # the other generated pages are still there


def test_draft_related_posts_follow_its_tags(src):
    app = build(src)
    assert article(app, "posts/2024/draft").select_one(".mlblog-related") is None
    _edit(src / "posts/2024/draft.md", "tags: [secret]", "tags: [attention]")
    app = build(src)
    related = [a.get_text() for a in article(app, "posts/2024/draft").select(".mlblog-related a")]
    assert related == ["The KV cache, explained", "Attention is all you need, again"]


def test_post_references_follow_title_changes_and_removals(src_nosidebar):
    src = src_nosidebar
    (src / "refs.md").write_text(
        "---\norphan: true\n---\n# Refs\n\nSee {post}`kv-cache` and {post}`rst-post`.\n"
    )
    app = build(src)
    assert "The KV cache, explained" in article(app, "refs").get_text()
    _edit(src / "posts/2023/kv-cache.md", "# The KV cache, explained", "# KV cache, retitled")
    (src / "posts/2024/rst-post.rst").unlink()
    app = build(src)
    page = article(app, "refs")
    assert (
        "KV cache, retitled" in page.get_text() and "The KV cache, explained" not in page.get_text()
    )
    assert (
        page.select_one(".mlblog-missing-ref") is not None
    )  # the removed post is no longer linked
    assert "unknown post reference 'rst-post'" in warnings_of(app)


def test_excerpts_follow_the_titles_of_the_posts_they_link(src):
    """Speculative decoding's excerpt links the KV cache post: renaming that post changes
    the excerpt wherever it is shown (listings, feeds, the description of its page)."""
    import json

    def shown(app) -> dict[str, str]:
        card = next(
            c
            for c in article(app, "blog/index").select(".mlblog-card")
            if "Speculative" in c.get_text()
        )
        feed = json.loads((Path(app.outdir) / "blog/feed.json").read_text())
        summary = next(i["summary"] for i in feed["items"] if i["title"] == "Speculative decoding")
        meta = read_html(app, "posts/2024/speculative").head.find(
            "meta", property="og:description"
        )["content"]
        return {
            "card": " ".join(card.select_one(".mlblog-excerpt").get_text().split()),
            "feed": summary,
            "meta": meta,
        }

    first = shown(build(src))
    assert all("See The KV cache, explained for the cache." in text for text in first.values()), (
        first
    )
    _edit(src / "posts/2023/kv-cache.md", "# The KV cache, explained", "# KV caches, revisited")
    app = build(src)
    assert warnings_of(app).strip() == ""
    again = shown(app)
    assert all("See KV caches, revisited for the cache." in text for text in again.values()), again


def test_post_data_does_not_hold_doctrees(tmp_path):
    """Excerpts kept with a post are detached from their source document: otherwise every
    post's data carries its whole doctree (sent between processes by parallel reads, and
    pickled with the environment by builders that keep excerpts as nodes)."""
    import pickle

    app = build(copy_root("basic", tmp_path), buildername="text")
    posts = app.env.get_domain("blog").posts
    with_excerpt = [p for p in posts.values() if p.excerpt_nodes]
    assert with_excerpt  # the text builder keeps the nodes
    for post in with_excerpt:
        assert all(n.document is None for node in post.excerpt_nodes for n in node.findall())
        assert len(pickle.dumps(post)) < 10_000, post.docname


@pytest.mark.parametrize("style", ["mlblog", "ablog"])
@pytest.mark.parametrize(
    ("kind", "key"),
    [("index", ""), ("tag", "gpu"), ("category", "Deep Learning"), ("author", "page")],
)
def test_first_page_of_a_further_page(kind, key, style):
    from sphinx_mlblog.model.archives import archive_docname, first_page_docname
    from sphinx_mlblog.model.settings import BlogConfig

    config = BlogConfig(path="blog", url_style=style)
    assert first_page_docname(config, archive_docname(config, kind, key, 3)) == archive_docname(
        config, kind, key
    )


def test_parallel_workers_send_back_only_their_posts(tmp_path, monkeypatch):
    """A parallel-read worker's pickled environment carries the posts it read, not every
    post read before it was forked (each chunk would resend them all)."""
    import pickle

    import sphinx.builders

    from sphinx_mlblog.collect.domain import DomainTable

    sent: list[set[str]] = []
    real_loads = pickle.loads

    class Recorder:  # stands in for the pickle module inside sphinx.builders
        HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
        dump, dumps, load = (
            staticmethod(pickle.dump),
            staticmethod(pickle.dumps),
            staticmethod(pickle.load),
        )

        @staticmethod
        def loads(data, *args, **kwargs):
            env = real_loads(data, *args, **kwargs)
            posts = env.domaindata["blog"]["posts"]
            assert isinstance(posts, DomainTable)
            sent.append(set(posts))
            return env

    monkeypatch.setattr(sphinx.builders, "pickle", Recorder)
    # a document per chunk: later workers are forked after earlier chunks were merged
    monkeypatch.setattr(
        sphinx.builders, "make_chunks", lambda docnames, nproc, maxbatch=10: [[d] for d in docnames]
    )
    src = copy_root("basic", tmp_path)
    parallel = build(src, parallel=2)
    assert len(sent) >= 2  # the read really ran in worker processes
    all_posts = set(parallel.env.get_domain("blog").posts)
    assert set().union(*sent) == all_posts
    assert sum(len(posts) for posts in sent) == len(all_posts)  # no post sent twice
    assert _listing_text(parallel) == _listing_text(build(copy_root("basic", tmp_path / "serial")))


def test_domain_table_pickles_whole_where_it_lives_and_copies_whole():
    import copy
    import pickle

    from sphinx_mlblog.collect.domain import DomainTable

    table = DomainTable(a=1)
    table["b"] = [2]
    table.setdefault("c", []).append(3)
    for clone in (pickle.loads(pickle.dumps(table)), copy.copy(table), copy.deepcopy(table)):
        assert type(clone) is DomainTable and clone == {"a": 1, "b": [2], "c": [3]}
    deep = copy.deepcopy(table)
    deep["b"].append(4)
    assert table["b"] == [2]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="parallel reads fork")
def test_domain_table_in_a_forked_worker():
    import pickle

    from sphinx_mlblog.collect.domain import DomainTable

    table = DomainTable(before=1, other=2)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: writes one entry, replaces another, sends the table back
        try:
            table["mine"] = "x"
            table.setdefault("also-mine", []).append(1)
            table["other"] = 3
            os.write(write, pickle.dumps((pickle.dumps(table), pickle.dumps(DomainTable(fresh=1)))))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    worker_table, worker_new_table = (pickle.loads(blob) for blob in pickle.loads(data))
    assert worker_table == {"mine": "x", "also-mine": [1], "other": 3}
    assert worker_new_table == {"fresh": 1}  # a table made in the worker is the worker's own
    assert pickle.loads(pickle.dumps(table)) == {"before": 1, "other": 2}  # the parent keeps all


def test_listings_and_chrome_are_rendered_when_the_page_is_written(tmp_path):
    """On the HTML builders that write pages in parallel, a page's listings and post
    chrome are markers at ``doctree-resolved`` and HTML in the written page; a marker
    written into a post (its build token unknown) is left as the author wrote it."""
    src = copy_root("basic", tmp_path)
    probe = (
        "\nimport json, os\n\n"
        "def _probe(app, doctree, docname):\n"
        "    raws = [n.astext() for n in doctree.findall(lambda n: n.tagname == 'raw')]\n"
        "    with open(os.path.join(app.outdir, '..', 'probe.jsonl'), 'a') as f:\n"
        "        f.write(json.dumps([app.builder.name, docname, raws]) + '\\n')\n\n"
        "def setup(app):\n"
        "    app.connect('doctree-resolved', _probe, priority=900)\n"
        "    return {'parallel_read_safe': True, 'parallel_write_safe': True}\n"
    )
    (src / "conf.py").write_text((src / "conf.py").read_text() + probe)
    forged = "<!--mlblog-deferred:0123456789abcdef:0-->"
    _edit(src / "posts/2024/speculative.md", "the cache.", f"the cache.\n\n{forged}\n")
    app = build(src)
    log = Path(app.outdir).parent / "probe.jsonl"
    seen = {docname: raws for _, docname, raws in map(json.loads, log.read_text().splitlines())}
    assert any("mlblog-deferred:" in raw and raw.strip() != forged for raw in seen["index"])
    assert not any("mlblog-card" in raw or "mlblog-postlist" in raw for raw in seen["index"])
    assert len([raw for raw in seen["posts/2024/speculative"] if "mlblog-deferred:" in raw]) == 3
    page = (Path(app.outdir) / "posts/2024/speculative.html").read_text(encoding="utf-8")
    assert forged in page and page.count("mlblog-deferred:") == 1
    assert "mlblog-deferred:" not in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert len(article(app, "index").select(".mlblog-postlist li")) == 3
    log.unlink()
    single = build(src, buildername="singlehtml")
    raws = [
        raw for builder, _, raws in map(json.loads, log.read_text().splitlines()) for raw in raws
    ]
    assert raws and not any("mlblog-deferred:" in raw and raw.strip() != forged for raw in raws)
    assert "mlblog-deferred:" not in (Path(single.outdir) / "index.html").read_text().replace(
        forged, ""
    )


def test_posts_of_the_same_date_and_title_keep_their_order_after_an_edit(tmp_path):
    """Two posts of one date and title (a post and its translation) are listed in the
    order of their documents, as ablog lists them: editing the first, which an
    incremental build reads last, does not swap them on every page that lists them."""
    src = tmp_path / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_mlblog"]\nblog_path = "blog"\n')
    (src / "index.md").write_text("# Home\n\n```{postlist}\n:format: {title} {date}\n```\n")
    for name, body in (("memorial", "Texto."), ("memorial-en", "Text.")):
        (src / f"posts/{name}.md").write_text(
            f"---\nblogpost: true\ndate: 2023-07-17\n---\n# Memorial\n\n{body}\n"
        )

    def order(app):
        return [a["href"] for a in article(app, "index").select(".mlblog-postlist a")]

    app = build(src)
    first = order(app)
    assert first == ["posts/memorial.html", "posts/memorial-en.html"]
    _edit(src / "posts/memorial.md", "Texto.", "Texto nuevo.")
    assert order(build(src)) == first
