"""The layering contract, checked inside pytest too: Qt is imported only under desktop_app/gui."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"
QT_MODULES = ("PySide6", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_gui_imports_qt() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "gui" or relative.name == "main.py":
            continue
        for name in _imports(path):
            if name.split(".")[0] in QT_MODULES or name.startswith("desktop_app.gui"):
                offenders.append(f"{relative}: {name}")
    assert offenders == []


def test_main_imports_the_gui_only_inside_the_launch_path() -> None:
    tree = ast.parse((PACKAGE / "main.py").read_text(encoding="utf-8"))
    top_level = {node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module} | {
        alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names
    }
    assert not any(name.startswith(("desktop_app.gui", "PySide6")) for name in top_level)


def test_every_module_starts_with_a_docstring() -> None:
    missing = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "versions" not in path.parts
        and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []
