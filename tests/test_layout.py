"""The package tree reads as the flow it implements: no module imports one that imports it back."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "ingest", "index")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def _imports(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """Every module of ours that `path` imports, at the top, inside functions or under TYPE_CHECKING alike."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).strip(".")
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in modules:
                    found.add(sub)
                elif base in modules:
                    found.add(base)
    found.discard(name)
    return found


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {name: _imports(path, name, modules) for name, path in modules.items()}
    sorter = graphlib.TopologicalSorter(graph)
    try:
        sorter.prepare()
    except graphlib.CycleError as e:
        raise AssertionError(f"import cycle: {' → '.join(e.args[1])}") from None


def test_the_cycle_check_sees_imports_inside_functions_and_type_checking(tmp_path: Path) -> None:
    # The two kinds of import the last cycles hid in: a lazy one in a function, one for annotations only.
    a = tmp_path / "a.py"
    a.write_text("def f():\n    from bot.b import g\n", encoding="utf-8")
    b = tmp_path / "b.py"
    b.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bot.a import f\n", encoding="utf-8"
    )
    modules = {"bot.a": a, "bot.b": b}
    graph = {name: _imports(path, name, modules) for name, path in modules.items()}
    assert graph == {"bot.a": {"bot.b"}, "bot.b": {"bot.a"}}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError:
        return
    raise AssertionError("a cycle went unseen")
