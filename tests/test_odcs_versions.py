"""ODCS schema errors as the official Bitol schemas say them: every missing key
of an object, and no unknown-key findings that only follow from another error.

The official schemas of each ODCS version are shipped in govern
(``govern/schemas/odcs/``); they are checked here to be the ones the Bitol
project publishes for each apiVersion."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from govern.load.documents import load_text
from govern.load.odcs import schema

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


# --- each file judged by the schema of its own apiVersion ---------------------------------------

RULE_QUALITY = """\
apiVersion: {version}
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: id
        logicalType: string
        quality:
          - type: library
            rule: nullCheck
            mustBe: 0
"""


def test_a_v3_0_file_may_write_rule_quality() -> None:
    for version in VERSIONS[:3]:
        assert problems(RULE_QUALITY.format(version=version)) == [], version
    # v3.1.0 named it `metric`: there, `rule` alone is not enough.
    assert problems(RULE_QUALITY.format(version="v3.1.0")) == [
        "GOV005 12:13 missing required key `metric` in schema[0].properties[0].quality[0]"
    ]


def test_a_v3_0_or_v3_1_file_must_have_a_status() -> None:
    text = "apiVersion: {version}\nkind: DataContract\nid: orders\nversion: 1.0.0\n"
    for version in VERSIONS[:4]:
        assert problems(text.format(version=version)) == [
            "GOV005 1:1 missing required key `status` in the top level"
        ], version
    # v3.2.0 made it optional.
    assert problems(text.format(version="v3.2.0")) == []


def test_an_unknown_api_version_names_the_versions_govern_knows() -> None:
    text = "apiVersion: v3.9.9\nkind: DataContract\nid: orders\nversion: 1.0.0\ncolour: red\n"
    known = "v3.0.0, v3.0.1, v3.0.2, v3.1.0, v3.2.0"
    # At the value; nothing else is judged, as there is no schema to judge it by.
    assert problems(text) == [
        f"GOV004 1:13 `apiVersion`: govern knows the ODCS versions {known}, not 'v3.9.9'"
    ]
    assert problems(text.replace("v3.9.9", "3.1")) == [
        f"GOV004 1:13 `apiVersion`: govern knows the ODCS versions {known}, not 3.1"
    ]


def test_a_missing_api_version_is_judged_by_the_newest_schema() -> None:
    # No status, an object `team`, a `timestamp`: all v3.2.0 allows.
    text = (
        "kind: DataContract\nid: orders\nversion: 1.0.0\nteam: {name: a}\n"
        "schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: timestamp\n"
    )
    assert problems(text) == ["GOV005 1:1 missing required key `apiVersion` in the top level"]


def test_the_answers_kept_depend_on_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVERN_NO_CACHE", raising=False)
    monkeypatch.setenv("GOVERN_CACHE_DIR", str(tmp_path))
    schema._problem_cache.cache_clear()
    try:
        text = RULE_QUALITY.format(version="v3.1.0")
        cold = problems(text)
        assert len(cold) == 1

        def fail(*args: object) -> None:
            raise AssertionError("validated again")

        monkeypatch.setattr(schema, "schema_problems", fail)
        assert problems(text) == cold  # warm: the answer kept
        # Another schema (other bytes under the same name) is another key.
        monkeypatch.setattr(schema, "_schema_digest", lambda name: "other")
        with pytest.raises(AssertionError, match="validated again"):
            problems(text)
    finally:
        schema._problem_cache.cache_clear()
