"""The package's shape: layers whose imports flow one way, no import circles, small units,
a docstring on every module, and other packages' private state touched only in compat."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "sphinx_mlblog"
BASE = {"config", "warnings", "i18n", "util", "compat", "ablog_site"}

#: layer -> the layers it may import from
ALLOWED = {
    "model": {"model"},
    "base": {"model", "base"},
    "collect": {"model", "base", "collect"},
    "render": {"model", "base", "collect", "render"},
    "publish": {"model", "base", "collect", "render", "publish"},
    "toolkit": {"model", "base", "collect", "toolkit"},
    "theme": {"model", "base", "theme"},
    "cli": {"model", "base", "collect", "render", "publish", "cli"},
    "root": {"model", "base", "collect", "render", "publish", "toolkit", "theme", "cli", "root"},
}


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("sphinx_mlblog", *parts)).removesuffix(".__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


MODULES = _modules()


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("extension", "__main__"):
        return "root"
    return "base" if parts[1] in BASE else parts[1]


def _is_package(module: str) -> bool:
    return (PACKAGE.joinpath(*module.split(".")[1:]) / "__init__.py").exists()


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports (anywhere in it, lazily or not)."""
    found = set()
    package = module if _is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(MODULES[module]):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{alias.name}" for alias in node.names]
            found |= {name for name in names if name in MODULES} or (
                {target} if target in MODULES else set()
            )
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
    return found - {module}


def test_every_module_is_in_a_layer():
    assert {layer(m) for m in MODULES} <= set(ALLOWED)
    assert {"model", "collect", "render", "publish", "toolkit", "theme", "cli"} <= {
        layer(m) for m in MODULES
    }


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_flow_one_way(module):
    wrong = {target for target in imports(module) if layer(target) not in ALLOWED[layer(module)]}
    assert not wrong, f"{module} ({layer(module)}) imports {sorted(wrong)}"


def test_model_imports_no_sphinx():
    for module, tree in MODULES.items():
        if layer(module) != "model":
            continue
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            assert not [
                n
                for n in names
                if n.split(".")[0] in ("sphinx", "docutils", "jinja2", "markupsafe")
            ], module


def test_no_import_circles():
    graph = {module: imports(module) for module in MODULES}

    # a package's __init__ importing its own modules is wiring, not a circle
    def edges(module: str) -> set[str]:
        return {
            t
            for t in graph[module]
            if not (module == t.rpartition(".")[0] and _is_package(module))
            and not t.startswith(module + ".")
        }

    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(edges(module)):
            if state.get(target) == 1:
                raise AssertionError(
                    "import circle: " + " -> ".join(path[path.index(target) :] + [target])
                )
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def _units():
    for module, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                yield module, node


def test_small_units():
    """No class over 80 lines, no function over 50."""
    big = [
        f"{module}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for module, node in _units()
        if node.end_lineno - node.lineno + 1 > (80 if isinstance(node, ast.ClassDef) else 50)
    ]
    assert not big


def test_every_module_says_what_it_owns():
    assert not [module for module, tree in MODULES.items() if not ast.get_docstring(tree)]


#: Attributes that are another package's private state; only compat may touch them.
FOREIGN_PRIVATE = {
    "registry",
    "listeners",
    "_css_files",
    "_js_files",
    "_settings",
    "_builder_cls",
    "__dict__",
}


def test_private_state_only_in_compat():
    assigned = [
        target
        for tree in MODULES.values()
        for node in ast.walk(tree)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for targets in (node.targets if isinstance(node, ast.Assign) else [node.target])
        for target in ast.walk(targets)
    ]
    ours = (
        {node.name for _, node in _units()}
        | {t.attr for t in assigned if isinstance(t, ast.Attribute)}
        | {
            target.id
            for tree in MODULES.values()
            for node in ast.walk(tree)
            if isinstance(node, ast.AnnAssign)
            for target in [node.target]
            if isinstance(target, ast.Name)
        }
    )
    found = []
    for module, tree in MODULES.items():
        if module == "sphinx_mlblog.compat":
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            private = (
                node.attr.startswith("_")
                and not node.attr.startswith("__")
                and node.attr not in ours
            )
            if node.attr in FOREIGN_PRIVATE or private:
                found.append(f"{module}: .{node.attr}")
    assert not found
