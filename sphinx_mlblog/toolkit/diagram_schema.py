"""The ``diagram`` directive's JSON schema: what a diagram may hold, checked at build time
so that a bad diagram warns with file and line and the page still builds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TYPES = ("box", "array", "stack", "group")
COLORS = ("blue", "green", "red", "orange", "purple", "gray", "yellow")
TOP_KEYS = {"layout", "items", "arrows", "seed", "title"}
ITEM_KEYS = {"id", "type", "label", "cells", "items", "note", "color", "layout"}
CELL_KEYS = {"id", "label", "color", "note"}
ARROW_KEYS = {"from", "to", "label", "style"}
LAYOUTS = ("row", "column")
STYLES = ("solid", "dashed")


@dataclass
class _Values:
    """Checks of single values; collects ``(path, message)`` problems and the ids seen."""

    problems: list[tuple[str, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def keys(self, value: dict, allowed: set[str], path: str) -> None:
        for key in value:
            if key not in allowed:
                self.problem(path, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    def text(self, value: Any, path: str) -> None:
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(path, f"expected text, got {type(value).__name__}")

    def ident(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or not value:
            self.problem(path, "an id must be non-empty text")
        elif value in self.ids:
            self.problem(path, f"duplicate id {value!r}")
        else:
            self.ids.add(value)

    def choice(self, value: Any, allowed: tuple[str, ...], path: str) -> None:
        if value not in allowed:
            self.problem(path, f"{value!r} is not one of {', '.join(allowed)}")


class _Items(_Values):
    """Checks of a diagram's items: boxes, arrays, stacks and groups, and their cells."""

    def common(self, value: dict, allowed: set[str], path: str) -> None:
        """The keys cells and items share: ``id``, ``label``, ``note``, ``color``."""
        self.keys(value, allowed, path)
        if "id" in value:
            self.ident(value["id"], f"{path}.id")
        for key in ("label", "note"):
            if key in value:
                self.text(value[key], f"{path}.{key}")
        if "color" in value:
            self.choice(value["color"], COLORS, f"{path}.color")

    def cell(self, cell: Any, path: str) -> None:
        if isinstance(cell, dict):
            self.common(cell, CELL_KEYS, path)
        else:
            self.text(cell, path)

    def item(self, item: Any, path: str) -> None:
        if not isinstance(item, dict):
            self.problem(path, f"an item must be an object, got {type(item).__name__}")
            return
        self.common(item, ITEM_KEYS, path)
        kind = item.get("type", "box")
        self.choice(kind, TYPES, f"{path}.type")
        if "layout" in item:
            self.choice(item["layout"], LAYOUTS, f"{path}.layout")
        if kind in ("array", "stack"):
            cells = item.get("cells")
            if not isinstance(cells, list) or not cells:
                self.problem(f"{path}.cells", f"a {kind} needs a non-empty list of cells")
            else:
                for i, cell in enumerate(cells):
                    self.cell(cell, f"{path}.cells[{i}]")
        elif "cells" in item:
            self.problem(f"{path}.cells", f"only array and stack items have cells, not {kind}")
        if kind == "group":
            children = item.get("items")
            if not isinstance(children, list) or not children:
                self.problem(f"{path}.items", "a group needs a non-empty list of items")
            else:
                for i, child in enumerate(children):
                    self.item(child, f"{path}.items[{i}]")
        elif "items" in item:
            self.problem(f"{path}.items", f"only groups have items, not {kind}")


class Checker(_Items):
    """Validates a diagram: its items and the arrows between them."""

    def diagram(self, data: Any) -> None:
        if not isinstance(data, dict):
            self.problem("$", "a diagram must be a JSON object")
            return
        self.keys(data, TOP_KEYS, "$")
        if "layout" in data:
            self.choice(data["layout"], LAYOUTS, "$.layout")
        items = data.get("items")
        if not isinstance(items, list) or not items:
            self.problem("$.items", "a diagram needs a non-empty list of items")
            items = []
        for i, item in enumerate(items):
            self.item(item, f"$.items[{i}]")
        arrows = data.get("arrows", [])
        if not isinstance(arrows, list):
            self.problem("$.arrows", "arrows must be a list")
            arrows = []
        for i, arrow in enumerate(arrows):
            self.arrow(arrow, f"$.arrows[{i}]")
        if "seed" in data and (not isinstance(data["seed"], int) or isinstance(data["seed"], bool)):
            self.problem("$.seed", "seed must be a whole number")

    def arrow(self, arrow: Any, path: str) -> None:
        if not isinstance(arrow, dict):
            self.problem(path, "an arrow must be an object")
            return
        self.keys(arrow, ARROW_KEYS, path)
        for end in ("from", "to"):
            if end not in arrow:
                self.problem(path, f"an arrow needs {end!r}")
            elif not isinstance(arrow[end], str) or arrow[end] not in self.ids:
                self.problem(f"{path}.{end}", f"no item or cell has the id {arrow[end]!r}")
        if "label" in arrow:
            self.text(arrow["label"], f"{path}.label")
        if "style" in arrow:
            self.choice(arrow["style"], STYLES, f"{path}.style")


def validate(data: Any) -> list[tuple[str, str]]:
    checker = Checker()
    checker.diagram(data)
    return checker.problems
