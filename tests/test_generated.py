"""Files derived from code are in sync with it: docs/rules.md with the rule
registry, the shipped JSON Schemas with the models."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from govern.commands.schema import KINDS, generate, shipped
from govern.generate import targets
from tests.conftest import PROJECT


@pytest.mark.parametrize("path", sorted(targets(PROJECT)), ids=lambda p: p.name)
def test_generated_file_is_current(path: Path) -> None:
    expected = targets(PROJECT)[path]
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path.relative_to(PROJECT)} is stale: run `python -m govern.generate`"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_the_generated_one(kind: str) -> None:
    assert json.loads(shipped(kind)) == generate(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_a_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(shipped(kind)))


def _example_files() -> list[tuple[str, Path]]:
    kinds = {"contracts": "contract", "metrics": "metric", "ownership": "ownership"}
    return [
        (kinds[p.relative_to(PROJECT).parts[0]], p)
        for top in kinds
        for p in sorted((PROJECT / top).rglob("*.yaml"))
    ]


@pytest.mark.parametrize(
    ("kind", "path"), _example_files(), ids=lambda v: v if isinstance(v, str) else v.name
)
def test_example_repository_validates_against_the_editor_schema(kind: str, path: Path) -> None:
    # What an editor shows (yaml-language-server with the shipped schema)
    # agrees with govern: the example repository is valid for both. Dates
    # become text, as govern and editors read them.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _dates_to_text(data)
    jsonschema.validate(data, json.loads(shipped(kind)))


def test_schema_rejects_an_unknown_key() -> None:
    schema = json.loads(shipped("contract"))
    bad = {
        "contract": "a.b",
        "version": "1.0.0",
        "status": "active",
        "kind": "event",
        "schema": {"x": {"type": "string", "descripton": "typo"}},
    }
    with pytest.raises(jsonschema.ValidationError, match="descripton"):
        jsonschema.validate(bad, schema)


def _dates_to_text(node: object) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if hasattr(v, "isoformat"):
                node[k] = v.isoformat()
            else:
                _dates_to_text(v)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if hasattr(v, "isoformat"):
                node[i] = v.isoformat()
            else:
                _dates_to_text(v)
