"""``govern init [DIR]``: scaffold a governance repository that passes lint.

Refuses to overwrite anything: when one of its files exists, it writes none
and exits 2 naming them.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable

from govern.repo import UsageError


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        path = f"{prefix}{child.name}"
        if child.is_dir():
            out += _walk(child, path + "/")
        elif not child.name.startswith((".", "__")):
            out.append((path, child.read_text(encoding="utf-8")))
    return out


def templates() -> list[tuple[str, str]]:
    return _walk(resources.files("govern.scaffold").joinpath("files"))


def run(*, directory: str) -> int:
    files = templates()
    target = os.path.abspath(directory)
    existing = [p for p, _ in files if os.path.lexists(os.path.join(target, p))]
    if existing:
        raise UsageError(
            f"{directory}: refusing to overwrite existing files: {', '.join(existing)}"
        )
    for path, text in files:
        full = os.path.join(target, *path.split("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "x", encoding="utf-8") as fh:
            fh.write(text)
    print(f"Created a governance repository in {directory}:")
    for path, _ in files:
        print(f"  {path}")
    print(f"Next: cd {directory} && govern lint")
    return 0
