"""Build one generated corpus three ways -- plain Sphinx + MyST, ablog, sphinx-mlblog --
and print full-build and one-post-edit times as ratios to plain Sphinx.

    python benchmarks/bench.py [--posts 1000] [--rounds 3] [--jobs 1,2] [--kinds plain,ablog,mlblog]
                               [--calls | --instructions]

``--jobs 1,2`` (the default) runs the whole comparison with ``sphinx-build -j 1`` and again
with ``-j 2``, and prints a table for each: the goals are for a 2-core machine, and
``sphinx-build`` reads and writes on one core unless told otherwise.

Kinds: plain (Sphinx + MyST + sphinxcontrib-mermaid), design (plain + sphinx-design, which
sphinx-mlblog sets up), ablog, mlblog (every feature but social cards), cards (mlblog with
social cards, its default: their cost is the difference), lean (mlblog doing ablog's work
only: the research reader's features off).

The builds alternate within each round (each kind going first in turn), so a noisy
machine slows all of them alike; medians of the per-round ratios are reported. After the
edit build, it checks that the blog index shows the new title (ablog's does not).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
SHARED_GEN = HERE.parent.parent / "shared" / "bench" / "gen_corpus.py"
GEN = SHARED_GEN if SHARED_GEN.exists() else HERE / "gen_corpus.py"

COMMON = """
project = "bench"
html_theme = "furo"
exclude_patterns = ["_build"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
suppress_warnings = ["myst.header", "toc.not_included", "misc.highlighting_failure"]
"""
CONFS = {
    "plain": COMMON + 'extensions = ["myst_parser", "sphinxcontrib.mermaid"]\n',
    # plain + sphinx-design, which sphinx-mlblog sets up: its share of the overhead
    "design": COMMON + 'extensions = ["myst_parser", "sphinxcontrib.mermaid", "sphinx_design"]\n',
    "ablog": COMMON
    + 'extensions = ["ablog", "myst_parser", "sphinxcontrib.mermaid"]\nblog_path = "blog"\nblog_baseurl = "https://example.org/"\n',
    # every feature on but social cards, whose cost is measured on its own ("cards")
    "mlblog": COMMON
    + 'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://example.org/"\nblog_social_cards = False\n',
    "cards": COMMON + 'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://example.org/"\n',
    # ablog's work only: the research reader's features off, to compare with ablog
    "lean": COMMON
    + 'extensions = ["sphinx_mlblog"]\nblog_baseurl = "https://example.org/"\n'
    + "blog_social_cards = False\nblog_cite = False\nblog_previews = False\n"
    + 'blog_filters = False\nblog_json_ld = False\nblog_mathml = "off"\nblog_llms_txt = False\n',
}
EDITED = "Edited Title For Benchmark"


def make_corpus(posts: int) -> Path:
    corpus = WORK / f"corpus-{posts}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(GEN), str(corpus), str(posts)], check=True)
    return corpus


def prepare(kind: str, corpus: Path) -> Path:
    site = WORK / kind
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus, site)
    if kind in ("plain", "design"):  # no postlist directive without a blog extension
        (site / "blog.md").write_text("# Blog\n\nNo listing without a blog extension.\n")
    (site / "conf.py").write_text(CONFS[kind])
    return site


def sphinx_build(site: Path, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the build and its workers) of one build."""
    os.sync()  # the last build's output is on disk, not written back during this one
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-j",
            str(jobs),
            str(site),
            str(site / "_build/html"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compile_package() -> None:
    """Byte-compile sphinx_mlblog, as installing a wheel does: an editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile it again in every build (~0.1 s),
    while the other kinds' packages are installed compiled."""
    import compileall

    import sphinx_mlblog

    compileall.compile_dir(str(Path(sphinx_mlblog.__file__).parent), quiet=1)


def count_calls(site: Path) -> int:
    """Python function calls of one full build: a machine-independent measure of work
    (wall times on shared machines drift by 10-20% between runs; this does not)."""
    import pstats

    shutil.rmtree(site / "_build", ignore_errors=True)
    profile = site / "calls.prof"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(profile),
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            str(site),
            str(site / "_build/html"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return pstats.Stats(str(profile)).total_calls


def count_instructions(sites: dict[str, Path]) -> dict[str, int]:
    """Machine instructions of one full build per kind, counted by valgrind's callgrind
    (deterministic like calls, but also counts C code, the garbage collector and I/O
    libraries; ~50x slower than a build: about 45 minutes for 1,000 posts). The kinds
    run at the same time, one per core."""
    import re

    procs = {}
    for kind, site in sites.items():
        shutil.rmtree(site / "_build", ignore_errors=True)
        log = site / "callgrind.log"
        procs[kind] = (
            log,
            subprocess.Popen(
                [
                    "valgrind",
                    "--tool=callgrind",
                    "--cache-sim=no",
                    "--branch-sim=no",
                    f"--log-file={log}",
                    f"--callgrind-out-file={site / 'callgrind.out'}",
                    sys.executable,
                    "-m",
                    "sphinx",
                    "-b",
                    "html",
                    "-q",
                    str(site),
                    str(site / "_build/html"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
        )
    counts = {}
    for kind, (log, proc) in procs.items():
        if proc.wait() != 0:
            raise SystemExit(f"{kind}: build under valgrind failed (see {log})")
        counts[kind] = int(re.search(r"Collected : (\d+)", log.read_text())[1])
    return counts


def print_counts(title: str, counts: dict[str, int], kinds: list[str]) -> None:
    print(f"\n{title}")
    for kind in kinds:
        ratio = f"{counts[kind] / counts['plain']:6.3f}×" if "plain" in counts else ""
        print(f"{kind:8s} {counts[kind]:16,d} {ratio}")


def median_ratio(values: dict[str, list[float]], kind: str) -> float:
    """Median of the per-round ratios of ``kind`` to plain."""
    return statistics.median(a / b for a, b in zip(values[kind], values["plain"], strict=True))


def edit_one_post(site: Path) -> None:
    post = sorted((site / "posts").rglob("*.md"))[-1]  # the newest post
    lines = post.read_text().split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            lines[i] = f"# {EDITED}"
            break
    post.write_text("\n".join(lines))


def index_is_fresh(site: Path) -> bool:
    return EDITED in (site / "_build/html/blog.html").read_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values, one table each")
    parser.add_argument("--kinds", default="plain,ablog,mlblog")
    parser.add_argument(
        "--calls",
        action="store_true",
        help="count Python function calls of one full build per kind instead",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count machine instructions (valgrind) of one full build per kind instead",
    )
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    corpus = make_corpus(args.posts)
    if args.calls:
        calls = {kind: count_calls(prepare(kind, corpus)) for kind in kinds}
        print_counts(
            f"{args.posts} posts; Python function calls of a full build (deterministic)",
            calls,
            kinds,
        )
        return
    if args.instructions:
        counts = count_instructions({kind: prepare(kind, corpus) for kind in kinds})
        print_counts(
            f"{args.posts} posts; instructions of a full build (valgrind, deterministic)",
            counts,
            kinds,
        )
        return
    compile_package()
    for jobs in [int(j) for j in args.jobs.split(",")]:
        compare(kinds, corpus, args.posts, args.rounds, jobs)


def compare(kinds: list[str], corpus: Path, posts: int, rounds: int, jobs: int) -> None:
    """Full and edit builds of each kind, ``rounds`` times, and the table of medians."""
    full: dict[str, list[float]] = {k: [] for k in kinds}
    edit: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float]] = {k: [] for k in kinds}  # of the full build
    fresh: dict[str, bool] = {}
    for round_ in range(1, rounds + 1):
        shift = (round_ - 1) % len(kinds)  # each kind goes first in turn: no kind always runs last
        for kind in kinds[shift:] + kinds[:shift]:
            site = prepare(kind, corpus)
            wall, seconds = sphinx_build(site, jobs)
            full[kind].append(wall)
            cpu[kind].append(seconds)
            edit_one_post(site)
            time.sleep(0.05)
            edit[kind].append(sphinx_build(site, jobs)[0])
            if kind not in ("plain", "design"):
                fresh[kind] = index_is_fresh(site)
            print(
                f"-j {jobs} round {round_} {kind:7s} full {full[kind][-1]:6.2f}s (cpu {cpu[kind][-1]:6.2f}s)  edit {edit[kind][-1]:6.2f}s",
                flush=True,
            )

    print(f"\n{posts} posts, {rounds} rounds, -j {jobs}; medians, ratios per round to plain")
    print(
        f"{'build':8s} {'full (s)':>9s} {'ratio':>6s} {'cpu ratio':>9s} {'edit (s)':>9s} {'ratio':>6s}  index fresh after edit"
    )
    for kind in kinds:
        row = f"{kind:8s} {statistics.median(full[kind]):9.2f}"
        if "plain" in kinds:
            row += (
                f" {median_ratio(full, kind):6.2f}× {median_ratio(cpu, kind):8.3f}×"
                f" {statistics.median(edit[kind]):9.2f} {median_ratio(edit, kind):6.2f}×"
            )
        else:
            row += f" {'':6s} {'':9s} {statistics.median(edit[kind]):9.2f} {'':6s}"
        row += "  " + ("yes" if fresh[kind] else "NO (stale)") if kind in fresh else "  -"
        print(row)
    print(flush=True)


if __name__ == "__main__":
    main()
