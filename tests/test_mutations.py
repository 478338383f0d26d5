"""Nothing unseen (PRODUCT.md section 8): every key of every corpus and
example contract, removed or given another value, yields at least one change
from `compare.contract_changes`, or a document that does not load cleanly
(which `govern breaking` refuses to judge: exit 2, never a silent pass; see
report._check_loaded).

In process, no git: each mutation is loaded with `load_text` as
`govern breaking` loads a revision.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from govern.changes import compare
from govern.load.documents import load_text
from tests.conftest import PROJECT, SHARED, needs_shared

Key = str | int


def _paths(node: Any, at: tuple[Key, ...] = ()) -> Iterator[tuple[Key, ...]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*at, k)
            yield from _paths(v, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield (*at, i)
            yield from _paths(v, (*at, i))


def _other(value: Any) -> Any | None:
    """Another value of the same type (a mapping or list: one child fewer)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 0.5
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, dict) and value:
        return {k: v for i, (k, v) in enumerate(value.items()) if i != len(value) - 1}
    if isinstance(value, list) and value:
        return value[:-1]
    return None


def _mutations(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in _paths(doc):
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        removed = copy.deepcopy(doc)
        node: Any = removed
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
        yield f"remove {path}", removed
        other = _other(parent[path[-1]])
        if other is not None:
            changed = copy.deepcopy(doc)
            node = changed
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = other
            yield f"change {path}", changed


def _dump(value: dict[str, Any]) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True)


def _seen(name: str, base: Any, text: str) -> bool:
    loaded = load_text(name, text)
    doc = loaded.document
    if doc is None or not doc.complete or doc.model is None:
        return True  # not judged: `govern breaking` exits 2
    new = doc.model
    if new.contract != base.model.contract:
        return True  # another id: contract-removed
    changes = compare.contract_changes(base.model, new, old_odcs=base.odcs, new_odcs=doc.odcs)
    if changes:
        return True
    # `version` is judged by the bump check (version-not-bumped), beside the
    # breaking changes; alone, a new version is no change.
    return bool(new.version != base.model.version)


def _files() -> list[Path]:
    out = sorted((PROJECT / "contracts").rglob("*.yaml"))
    if SHARED.is_dir():
        out += sorted((SHARED / "corpus" / "odcs").glob("*.yaml"))
    return out


def _run(files: list[Path]) -> tuple[int, list[str]]:
    count, unseen = 0, []
    for path in files:
        text = path.read_text(encoding="utf-8")
        value = yaml.safe_load(text)
        # The base as `govern breaking` reads it: the same text, dumped the
        # same way as each mutation (so that layout is no change).
        base = load_text(path.name, _dump(value)).document
        assert base is not None and base.model is not None, path
        for what, mutated in _mutations(value):
            count += 1
            if not _seen(path.name, base, _dump(mutated)):
                unseen.append(f"{path.name}: {what}")
    return count, unseen


def test_every_mutation_of_the_example_contracts_is_seen() -> None:
    count, unseen = _run(sorted((PROJECT / "contracts").rglob("*.yaml")))
    assert count > 0
    assert unseen == [], f"{len(unseen)} of {count} mutations unseen:\n" + "\n".join(unseen)


def test_every_mutation_of_the_odcs_corpus_is_seen() -> None:
    needs_shared()
    files = sorted((SHARED / "corpus" / "odcs").glob("*.yaml"))
    count, unseen = _run(files)
    assert count > 0
    assert unseen == [], f"{len(unseen)} of {count} mutations unseen:\n" + "\n".join(unseen)


@pytest.mark.parametrize("value", [True, 1, 1.5, "a", {"a": 1}, [1]])
def test_another_value_is_of_the_same_type(value: Any) -> None:
    other = _other(value)
    assert other != value and type(other) is type(value)
