"""Who may import whom (docs/architecture.md, "the rules of the house").

Read from the source with `ast`, imports inside functions included (a lazy
import is still a dependency): the layers stay layers, one module talks to
each outside world, and there is no cycle between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "govern"


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """Module -> the modules (govern's, and outside packages' top names) it imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = _module(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                found.add(target)
                # `from govern.load import odcs` imports the module govern.load.odcs.
                for alias in node.names:
                    found.add(f"{target}.{alias.name}")
        graph[name] = found
    return graph


GRAPH = _imports()
MODULES = set(GRAPH)


def _ours(target: str) -> str | None:
    """The govern module an import names (None for another package's)."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        mine = {_ours(t) for t in targets if t.startswith("govern")}
        edges[module] = {t for t in mine if t and t != module and not module.startswith(t + ".")}
    return edges


EDGES = _edges()


def importers_of(prefix: str) -> set[str]:
    return {
        m for m, ts in EDGES.items() if any(t == prefix or t.startswith(prefix + ".") for t in ts)
    }


def outside_importers(package: str) -> set[str]:
    """Modules importing the outside package ``package`` (sqlglot, rich...)."""
    return {
        m for m, ts in GRAPH.items() if any(t == package or t.startswith(package + ".") for t in ts)
    }


def test_only_the_text_reporter_imports_rich() -> None:
    assert outside_importers("rich") == {"govern.reporters.text"}


def test_only_the_sql_module_imports_sqlglot() -> None:
    assert {m for m in outside_importers("sqlglot") if not m.startswith("govern.sql")} == set()


def test_only_the_git_package_runs_processes() -> None:
    assert {m for m in outside_importers("subprocess") if not m.startswith("govern.git")} == set()


def test_nothing_but_the_cli_imports_commands() -> None:
    users = {m for m in importers_of("govern.commands") if not m.startswith("govern.commands")}
    assert users <= {"govern.cli"}


@pytest.mark.parametrize("layer", ["govern.rules", "govern.reports", "govern.model", "govern.load"])
def test_rules_reports_models_and_loaders_never_import_git_reporters_or_commands(
    layer: str,
) -> None:
    inside = {m for m in MODULES if m == layer or m.startswith(layer + ".")}
    for forbidden in ("govern.git", "govern.reporters", "govern.commands", "govern.cli"):
        assert not (importers_of(forbidden) & inside), forbidden


def test_the_model_imports_nothing_above_it() -> None:
    allowed = ("govern.model", "govern.values")
    for module in (m for m in MODULES if m.startswith("govern.model")):
        assert {t for t in EDGES[module] if not t.startswith(allowed)} == set(), module


def test_no_import_cycles() -> None:
    seen: dict[str, int] = {}  # 1: on the path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(EDGES.get(node, ())):
            if seen.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in seen:
                visit(nxt, [*path, nxt])
        seen[node] = 2

    for module in sorted(MODULES):
        if module not in seen:
            visit(module, [module])
    assert cycles == []
