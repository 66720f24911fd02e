"""Keep the message catalogs in step with the code (``nox -s translations``).

    python tools/translations.py          # extract the strings, update every catalog, compile
    python tools/translations.py --check  # fail if a catalog is out of date or incomplete

The template is ``sphinx_mlblog/theme/locale/sphinx_mlblog.pot``; each language has
``<lang>/LC_MESSAGES/sphinx_mlblog.po`` (edited by hand) and the compiled ``.mo`` that is
shipped.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "sphinx_mlblog" / "theme" / "locale"
DOMAIN = "sphinx_mlblog"


def extract() -> Catalog:
    """The catalog of every string the code and templates mark."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(
        project="sphinx-mlblog", copyright_holder="sphinx-mlblog developers", charset="utf-8"
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def languages() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, omit_header=False, include_lineno=False)
    return out.getvalue()


def _show(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def problems() -> list[str]:
    """What is out of date: the template, or a catalog missing or leaving out a string."""
    template = extract()
    found = []
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    pot = LOCALE / f"{DOMAIN}.pot"
    if (
        not pot.exists()
        or {
            (m.id if isinstance(m.id, str) else m.id[0], m.context)
            for m in read_po(pot.open("rb"))
            if m.id
        }
        != wanted
    ):
        found.append(f"{_show(pot)} is out of date")
    for po in languages():
        catalog = read_po(po.open("rb"))
        have = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in catalog if m.id}
        for key in sorted(wanted, key=str):
            message = have.get(key)
            strings = message.string if message else None
            if (
                not message
                or not (all(strings) if isinstance(strings, tuple) else strings)
                or message.fuzzy
            ):
                found.append(f"{_show(po)}: no translation of {key[0]!r}")
        mo = po.with_suffix(".mo")
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        if not mo.exists() or mo.read_bytes() != compiled.getvalue():
            found.append(f"{_show(mo)} is not compiled from its .po")
    return found


def update() -> None:
    template = extract()
    (LOCALE / f"{DOMAIN}.pot").write_bytes(_po(template))
    for po in languages():
        catalog = read_po(po.open("rb"))
        catalog.update(template, no_fuzzy_matching=True)
        po.write_bytes(_po(catalog))
        with open(po.with_suffix(".mo"), "wb") as f:
            write_mo(f, catalog)
        print(
            f"{_show(po)}: {sum(1 for m in catalog if m.id and m.string)}/{len(template)} translated"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        found = problems()
        for problem in found:
            print(problem)
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
