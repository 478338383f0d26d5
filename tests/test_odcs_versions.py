"""ODCS schema errors as the official Bitol schemas say them: every missing key
of an object, and no unknown-key findings that only follow from another error.

The official schemas of each ODCS version are shipped in govern
(``govern/schemas/odcs/``); they are checked here to be the ones the Bitol
project publishes for each apiVersion."""

from __future__ import annotations

import json
from importlib import resources

from govern.load.documents import load_text

VERSIONS = ("v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0", "v3.2.0")


def problems(text: str) -> list[str]:
    loaded = load_text("contracts/c.odcs.yaml", text)
    return [f"{p.code} {p.location.line}:{p.location.column} {p.message}" for p in loaded.problems]


# --- the shipped schemas ------------------------------------------------------------------------


def test_one_official_schema_is_shipped_per_version() -> None:
    folder = resources.files("govern.schemas").joinpath("odcs")
    for version in VERSIONS:
        schema = json.loads(folder.joinpath(f"odcs-json-schema-{version}.json").read_text("utf-8"))
        # Each is the schema of its own version: the default apiVersion it names.
        assert schema["properties"]["apiVersion"]["default"] == version
        assert schema["$schema"] == "https://json-schema.org/draft/2019-09/schema"
    # Up to v3.1.0 a contract must have a `status`; v3.2.0 made it optional.
    required = {
        v: json.loads(folder.joinpath(f"odcs-json-schema-{v}.json").read_text("utf-8"))["required"]
        for v in VERSIONS
    }
    assert all("status" in required[v] for v in VERSIONS[:4])
    assert "status" not in required["v3.2.0"]
    assert "README.md" in [p.name for p in folder.iterdir()]


# --- every missing key of an object -------------------------------------------------------------


def test_every_missing_key_of_the_top_level_is_named() -> None:
    text = "apiVersion: v3.1.0\nkind: DataContract\nstatus: active\n"
    got = [p for p in problems(text) if p.startswith("GOV005")]
    assert got == ["GOV005 1:1 missing required keys `version`, `id` in the top level"]


def test_every_missing_key_of_a_server_is_named() -> None:
    text = (
        "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n"
        "servers:\n  - {server: a, type: postgres}\n"  # 6, 7
    )
    assert problems(text) == [
        "GOV005 7:5 missing required keys `host`, `port`, `database`, `schema` in servers[0]"
    ]


def test_one_missing_key_is_worded_as_one() -> None:
    text = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nstatus: active\n"
    assert [p for p in problems(text) if p.startswith("GOV005")] == [
        "GOV005 1:1 missing required key `version` in the top level"
    ]


# --- no unknown keys that only follow from another error ----------------------------------------


def test_a_missing_key_does_not_make_its_siblings_unknown() -> None:
    text = (
        "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n"
        "servers:\n"  # 6
        "  - {server: a, type: postgres, host: h, port: 5432}\n"  # 7
    )
    assert problems(text) == ["GOV005 7:5 missing required keys `database`, `schema` in servers[0]"]


def test_a_wrong_value_does_not_make_its_key_or_siblings_unknown() -> None:
    text = (
        "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n"
        "schema:\n"  # 6
        "  - name: t\n"  # 7
        "    properties:\n"  # 8
        "      - name: c\n"  # 9
        "        logicalType: string\n"  # 10
        "        quality:\n"  # 11
        "          - {type: sql, query: 5, mustBe: 0}\n"  # 12
    )
    got = problems(text)
    assert [p for p in got if p.startswith("GOV003")] == []
    assert any(p.startswith("GOV004 12:32 ") for p in got), got


def test_a_key_unknown_anywhere_is_still_reported_beside_a_wrong_value() -> None:
    text = (
        "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n"
        "servers:\n"  # 6
        "  - {server: a, type: postgres, host: h, port: 5432, colour: blue}\n"  # 7
    )
    got = problems(text)
    assert [p.split(" in ")[0] for p in got] == [
        "GOV005 7:5 missing required keys `database`, `schema`",
        "GOV003 7:54 unknown key `colour`",
    ]
