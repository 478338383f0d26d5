"""``govern convert``: native <-> ODCS v3, what each side cannot hold, and the
round trips (every ODCS corpus file, every contract of this repository, and
hand-made contracts covering every type and option).

The corpus files are read from ../shared (never copied into the project)."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from govern import convert
from govern.load import odcs
from govern.load.documents import OdcsPositions, load_text
from govern.load.yamlpos import parse
from govern.model.contract import Contract
from tests.conftest import (
    PROJECT,
    SHARED,
    git,
    govern_command,
    lint_findings,
    make_repo,
    needs_shared,
    run_govern,
)
from tests.test_odcs import CORPUS_SCHEMA_FINDINGS

CORPUS = SHARED / "corpus" / "odcs"


def corpus_files() -> list[Path]:
    """The corpus; without ../shared one stand-in, whose test skips saying why."""
    return sorted(CORPUS.glob("*.yaml")) or [CORPUS / "missing"]


def load_model(text: str, path: str = "contracts/c.yaml") -> Contract:
    loaded = load_text(path, text)
    problems = [
        f"{p.code} {p.location.line}:{p.location.column} {p.message}" for p in loaded.problems
    ]
    assert problems == []
    assert loaded.document is not None and isinstance(loaded.document.model, Contract)
    model: Contract = loaded.document.model
    return model


def same(a: Contract, b: Contract) -> None:
    """Equal as models, and with the same keys written (`pii: false`, `required: false`)."""
    assert convert.plain(a) == convert.plain(b)
    assert a == b


def odcs_text(model: Contract) -> tuple[str, list[convert.Loss]]:
    value, losses = convert.to_odcs(model)
    text = convert.dump(value)
    # Valid ODCS: the bundled schema and govern's own checks find nothing.
    assert odcs.schema_problems(value, OdcsPositions(text), "c.odcs.yaml") == []
    assert parse(text).value == value
    return text, losses


def native_text(value: dict[str, object]) -> tuple[str, list[convert.Loss]]:
    native, losses = convert.to_native(value)
    assert native is not None
    return convert.dump(native), losses


def findings_of(files: dict[str, str | bytes], path: str, tmp: Path) -> Counter[tuple[str, str]]:
    root = make_repo(tmp, files)
    return Counter((f.rule, f.message) for f in lint_findings(root) if f.path == path)


# --- ODCS -> native -> ODCS: every corpus file ------------------------------------------------


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_round_trip(path: Path) -> None:
    needs_shared()
    text = path.read_text(encoding="utf-8")
    loaded = load_text("contracts/x.odcs.yaml", text)
    # A file the schema of its own apiVersion refuses still reads as a contract.
    problems = [
        f"{p.code} {p.location.line}:{p.location.column} {p.message}" for p in loaded.problems
    ]
    assert problems == CORPUS_SCHEMA_FINDINGS.get(path.name, [])
    assert loaded.document is not None and isinstance(loaded.document.model, Contract)
    original = loaded.document.model
    # ODCS -> native: the native file reads as the same contract.
    native, _ = native_text(parse(text).value)
    same(load_model(native), original)
    # native -> ODCS: valid ODCS that reads as the same contract again.
    written, losses = odcs_text(original)
    assert losses == []
    same(load_model(written, "contracts/x.odcs.yaml"), original)


def test_corpus_is_there() -> None:
    needs_shared()
    assert len(corpus_files()) == 16


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_native_lints_as_the_odcs_file(path: Path, tmp_path: Path) -> None:
    needs_shared()
    text = path.read_text(encoding="utf-8")
    native, _ = native_text(parse(text).value)
    as_odcs = findings_of({"contracts/x.odcs.yaml": text}, "contracts/x.odcs.yaml", tmp_path / "a")
    as_native = findings_of({"contracts/x.yaml": native}, "contracts/x.yaml", tmp_path / "b")
    # The schema findings of the ODCS file's own version are its alone.
    schema = Counter(
        (code, message)
        for code, _, message in (f.split(" ", 2) for f in CORPUS_SCHEMA_FINDINGS.get(path.name, []))
    )
    assert as_native == as_odcs - schema
    assert as_odcs - as_native == schema
    assert as_odcs  # the corpus has findings (no descriptions...): the comparison means something


def test_corpus_losses_name_their_paths() -> None:
    needs_shared()
    text = (CORPUS / "bitol__sla__database-table-sla.odcs.yaml").read_text(encoding="utf-8")
    _, losses = native_text(parse(text).value)
    # latency (0) and retention (4) are read; their `element` is not; the rest is not read.
    assert [convert.dotted(loss.path) for loss in losses] == [
        "name",
        "dataProduct",
        "slaProperties[0].element",
        "slaProperties[1]",
        "slaProperties[2]",
        "slaProperties[3]",
        "slaProperties[4].element",
        "slaProperties[5]",
        "slaProperties[6]",
        "slaProperties[7]",
    ]
    assert losses[3].message == (
        "slaProperties[1] (`generalAvailability`) (ODCS) has no place in govern's format: "
        "not carried"
    )
    types = (CORPUS / "bitol__schema__all-schema-types.odcs.yaml").read_text(encoding="utf-8")
    _, losses = native_text(parse(types).value)
    messages = [loss.message for loss in losses]
    assert "schema[0].physicalName (ODCS) has no place in govern's format: not carried" in messages
    assert (
        "schema[0].properties[1].physicalType `varchar(18)` is not carried: govern keeps the "
        "type `string`"
    ) in messages
    # Carried: descriptions, primaryKey, classification, examples, the array items.
    assert not [m for m in messages if "classification" in m or "examples" in m]
    assert not [
        m for m in messages if m.startswith(("schema[1]", "schema[2].properties[0].items "))
    ]


# --- native -> ODCS -> native ----------------------------------------------------------------


def repo_contracts() -> list[Path]:
    return sorted((PROJECT / "contracts").rglob("*.yaml"))


@pytest.mark.parametrize("path", repo_contracts(), ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_repository_contracts_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    original = load_model(text)
    written, losses = odcs_text(original)
    assert losses == []
    back = load_model(written, "contracts/c.odcs.yaml")
    same(back, original)
    native, more = native_text(parse(written).value)
    assert more == []  # nothing of govern's own ODCS is lost on the way back
    same(load_model(native), original)


def test_repository_contracts_lint_alike_as_odcs(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for d in ("contracts", "metrics", "ownership"):
        for p in (PROJECT / d).rglob("*.yaml"):
            files[p.relative_to(PROJECT).as_posix()] = p.read_text(encoding="utf-8")
    converted = dict(files)
    for rel in [r for r in files if r.startswith("contracts/")]:
        written, _ = odcs_text(load_model(str(files[rel])))
        del converted[rel]
        converted[rel.replace(".yaml", ".odcs.yaml")] = written
    before = Counter(
        (f.rule, f.message) for f in lint_findings(make_repo(tmp_path / "a", files, base=False))
    )
    after = Counter(
        (f.rule, f.message) for f in lint_findings(make_repo(tmp_path / "b", converted, base=False))
    )
    assert after == before


EVERYTHING = """\
contract: shop.everything
version: 2.0.0-rc.1
status: deprecated
kind: event
description: |
  Every key of the native format.
  Two lines of it.
owner: payroll-engine
producer: shop-service
dataset: curated_everything_daily
consumers:
  - team: analytics
    use: Dashboards
  - {team: finance}
schema:
  s:
    type: string
    required: false
    min_length: 1
    max_length: 20
    pattern: "^[a-z]+$"
    enum: [ab, cd]
    examples: [ab, null, {nested: [1, 2]}]
    description: text
  i: {type: integer, min: -5, max: 5, unique: true, primary_key: true, description: int}
  l: {type: long, min: 0.5, description: long}
  f: {type: float, max: 1500.5, description: float}
  d: {type: double, description: double}
  dec: {type: "decimal(18,2)", min: 0, description: decimal}
  dec_spaced: {type: "DECIMAL(10, 4)", description: decimal written otherwise}
  b: {type: boolean, enum: [true], description: bool}
  dt: {type: date, min: 1, description: date with a numeric bound}
  ts: {type: timestamp, description: ts}
  tstz: {type: timestamp_tz, description: tstz}
  tm: {type: time, description: time}
  raw: {type: bytes, max_length: 10, description: bytes}
  doc: {type: json, pattern: x, description: json}
  geo: {type: geography, description: a type govern does not know}
  up: {type: String, min_length: -1, description: odd case and a negative length}
  email: {type: string, pii: true, classification: restricted, masking: hash, description: personal}
  team_email: {type: string, pii: false, description: a shared inbox}
  old:
    type: string
    description: old
    deprecated: {reason: gone, removal: 2027-01-15, replacement: s}
  older: {type: string, deprecated: true, description: a flag only}
  obj:
    type: object
    required: true
    description: nested
    fields:
      inner: {type: integer, description: inner}
      deeper:
        type: object
        description: deeper
        fields:
          leaf: {type: string, description: leaf}
  arr:
    type: array
    description: list of objects
    items: {type: object, fields: {k: {type: string, description: k}}}
  arr2: {type: array, description: strings, items: {type: string, pattern: "^x"}}
sla:
  freshness: 15min
  completeness: 99.90%
  availability: 99.5%
  delivery: weekly friday 09:00 UTC
change_policy:
  notice_days: 30
  channel: "#data-changes"
notices:
  - element: schema.i
    change: type-widened
    reason: moving to long
    effective: 2027-01-15
waivers:
  - element: schema.s
    change: field-optional
    reason: agreed
    approved_by: [analytics, finance]
deprecated:
  reason: replaced by shop.everything_v3
  removal: 2027-06-30
  replacement: shop.everything_v3
retention: indefinite
tags: [shop, two words]
"""


def test_every_key_and_type_round_trips() -> None:
    original = load_model(EVERYTHING)
    written, losses = odcs_text(original)
    assert losses == []
    same(load_model(written, "contracts/c.odcs.yaml"), original)
    native, _ = native_text(parse(written).value)
    same(load_model(native), original)


def test_every_key_and_type_is_written_where_odcs_says_it() -> None:
    value, _ = convert.to_odcs(load_model(EVERYTHING))
    [root] = value["schema"]
    assert root["name"] == "curated_everything_daily"  # the dataset
    assert "physicalType" not in root  # an event has none
    props = {p["name"]: p for p in root["properties"]}

    def custom(name: str) -> dict[str, object]:
        return {c["property"]: c["value"] for c in props[name].get("customProperties", [])}

    def types(name: str) -> tuple[object, object]:
        return props[name].get("logicalType"), props[name].get("physicalType")

    assert types("s") == ("string", None)
    assert props["s"]["logicalTypeOptions"] == {
        "minLength": 1,
        "maxLength": 20,
        "pattern": "^[a-z]+$",
    }
    assert props["s"]["required"] is False and "unique" not in props["s"]
    assert custom("s") == {"govern.enum": ["ab", "cd"]}
    assert props["s"]["examples"] == ["ab", None, {"nested": [1, 2]}]
    assert types("i") == ("integer", "int")
    assert props["i"]["logicalTypeOptions"] == {"minimum": -5, "maximum": 5}
    assert (props["i"]["unique"], props["i"]["primaryKey"]) == (True, True)
    assert types("l") == ("integer", "bigint")
    assert types("f") == ("number", "float") and types("d") == ("number", "double")
    assert types("dec") == ("number", "decimal(18,2)") and custom("dec") == {}
    assert types("dec_spaced") == ("number", "decimal(10,4)")
    assert custom("dec_spaced") == {"govern.type": "DECIMAL(10, 4)"}
    assert custom("b") == {"govern.enum": [True]}
    assert types("dt") == ("date", None) and custom("dt") == {"govern.min": 1}
    assert "logicalTypeOptions" not in props["dt"]
    assert types("ts") == ("timestamp", None) and "logicalTypeOptions" not in props["ts"]
    assert props["tstz"]["logicalTypeOptions"] == {"timezone": True}
    assert types("tm") == ("time", None)
    assert types("raw") == (None, "binary") and custom("raw") == {"govern.max_length": 10}
    assert types("doc") == (None, "json") and custom("doc") == {"govern.pattern": "x"}
    assert types("geo") == (None, "geography") and custom("geo") == {}
    assert custom("up") == {"govern.type": "String", "govern.min_length": -1}
    assert props["email"]["classification"] == "restricted"
    assert custom("email") == {"govern.pii": True, "govern.masking": "hash"}
    assert custom("team_email") == {"govern.pii": False}
    assert custom("old") == {
        "govern.deprecated": {"reason": "gone", "removal": "2027-01-15", "replacement": "s"}
    }
    assert custom("older") == {"govern.deprecated": True}
    assert [p["name"] for p in props["obj"]["properties"]] == ["inner", "deeper"]
    assert props["obj"]["properties"][1]["properties"][0]["name"] == "leaf"
    assert props["arr"]["items"]["logicalType"] == "object"
    assert props["arr2"]["items"] == {
        "logicalType": "string",
        "logicalTypeOptions": {"pattern": "^x"},
    }
    # The SLA: values split where they read back the same, else kept as text.
    assert value["slaProperties"] == [
        {"property": "latency", "value": "15min"},  # 15 min would read back as 15m
        {"property": "completeness", "value": "99.90%"},  # 99.9 % would read back as 99.9%
        {"property": "availability", "value": 99.5, "unit": "%"},
        {"property": "retention", "value": "indefinite"},
    ]
    assert value["status"] == "deprecated" and value["tags"] == ["shop", "two words"]
    assert value["team"] == {"name": "payroll-engine"}
    assert [c["property"] for c in value["customProperties"]] == [
        "govern.owner",
        "govern.kind",
        "govern.producer",
        "govern.dataset",
        "govern.consumers",
        "govern.notice_days",
        "govern.channel",
        "govern.delivery",
        "govern.notices",
        "govern.waivers",
        "govern.deprecated",
    ]
    by_name = {c["property"]: c["value"] for c in value["customProperties"]}
    assert by_name["govern.consumers"] == [
        {"team": "analytics", "use": "Dashboards"},
        {"team": "finance"},
    ]
    assert by_name["govern.notices"][0]["effective"] == "2027-01-15"
    assert by_name["govern.waivers"][0]["approved_by"] == ["analytics", "finance"]


def test_every_key_lints_alike_as_odcs(tmp_path: Path) -> None:
    written, _ = odcs_text(load_model(EVERYTHING))
    native = findings_of({"contracts/e.yaml": EVERYTHING}, "contracts/e.yaml", tmp_path / "a")
    as_odcs = findings_of(
        {"contracts/e.odcs.yaml": written}, "contracts/e.odcs.yaml", tmp_path / "b"
    )
    assert as_odcs == native
    back, _ = native_text(parse(written).value)
    assert findings_of({"contracts/e.yaml": back}, "contracts/e.yaml", tmp_path / "c") == native
    # It has findings to compare: types govern does not know, a deprecated field...
    assert {"GOV222", "GOV224"} <= {rule for rule, _ in native}


SMALL = """\
contract: shop.orders
version: 1.2.0
status: active
kind: table
description: One row per order.
owner: payroll-engine
dataset: curated_orders_daily
schema:
  order_id: {type: string, required: true, unique: true, primary_key: true,
             min_length: 8, max_length: 8, description: Order identifier}
  amount: {type: "decimal(18,2)", min: 0, description: Order total}
  placed_at: {type: timestamp_tz, required: true, description: When the order was placed}
  buyer_email: {type: string, pii: true, classification: confidential, masking: sha256,
                description: Buyer contact}
sla:
  freshness: 24h
  completeness: 99.9%
retention: 7y
"""
# Written by hand; docs/convert.md shows the same (test_docs_examples_convert_as_shown).
SMALL_ODCS = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.orders
version: 1.2.0
status: active
description:
  purpose: One row per order.
team:
  name: payroll-engine
schema:
  - name: curated_orders_daily
    logicalType: object
    physicalType: table
    customProperties:
      - property: govern.root
        value: true
    properties:
      - name: order_id
        logicalType: string
        logicalTypeOptions:
          minLength: 8
          maxLength: 8
        description: Order identifier
        required: true
        unique: true
        primaryKey: true
      - name: amount
        logicalType: number
        physicalType: decimal(18,2)
        logicalTypeOptions:
          minimum: 0
        description: Order total
      - name: placed_at
        logicalType: timestamp
        logicalTypeOptions:
          timezone: true
        description: When the order was placed
        required: true
      - name: buyer_email
        logicalType: string
        description: Buyer contact
        classification: confidential
        customProperties:
          - property: govern.pii
            value: true
          - property: govern.masking
            value: sha256
slaProperties:
  - property: latency
    value: 24
    unit: hours
  - property: completeness
    value: 99.9
    unit: '%'
  - property: retention
    value: 7
    unit: years
customProperties:
  - property: govern.owner
    value: payroll-engine
  - property: govern.dataset
    value: curated_orders_daily
"""


def test_native_to_odcs_text() -> None:
    written, losses = odcs_text(load_model(SMALL))
    assert written == SMALL_ODCS
    assert losses == []


ODCS_EVENTS = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.events
version: 0.3.0
status: proposed
name: Shop events
team: {name: analytics}
schema:
  - name: clicks
    physicalType: topic
    properties:
      - name: click_id
        logicalType: string
        physicalType: varchar(36)
        required: true
      - name: count
        logicalType: integer
        physicalType: int
        logicalTypeOptions: {minimum: 1, format: i32}
    quality:
      - type: sql
        query: select count(*) from clicks where count < 1
        mustBe: 0
servers:
  - server: my-kafka
    type: kafka
    host: kafkabroker1:9092
    format: avro
slaProperties:
  - property: latency
    value: 15
    unit: minutes
"""
# Written by hand from docs/formats.md (ODCS v3).
EVENTS_NATIVE = """\
contract: shop.events
version: 0.3.0
status: draft
kind: stream
owner: analytics
schema:
  clicks:
    type: object
    fields:
      click_id:
        type: string
        required: true
      count:
        type: integer
        min: 1
sla:
  freshness: 15m
"""


def test_odcs_to_native_text_and_losses() -> None:
    load_model(ODCS_EVENTS, "contracts/e.odcs.yaml")  # no schema problems
    written, losses = native_text(parse(ODCS_EVENTS).value)
    assert written == EVENTS_NATIVE
    assert [loss.message for loss in losses] == [
        "name (ODCS) has no place in govern's format: not carried",
        "servers (ODCS) has no place in govern's format: not carried",
        "status `proposed` has no equal in govern's format: read as `draft`",
        "schema[0].properties[0].physicalType `varchar(36)` is not carried: govern keeps the "
        "type `string`",
        "schema[0].properties[1].logicalTypeOptions.format (ODCS) has no place in govern's "
        "format: not carried",
        "schema[0].quality (ODCS) has no place in govern's format: not carried",
    ]


@pytest.mark.parametrize(
    ("kind", "physical", "custom_kind"),
    [
        ("table", "table", None),
        ("view", "view", None),
        ("stream", "topic", None),
        ("file", "file", None),
        ("event", None, "event"),
        ("api", None, "api"),
    ],
)
def test_kind(kind: str, physical: str | None, custom_kind: str | None) -> None:
    text = SMALL.replace("kind: table", f"kind: {kind}")
    original = load_model(text)
    value, _ = convert.to_odcs(original)
    assert value["schema"][0].get("physicalType") == physical
    kinds = [c["value"] for c in value["customProperties"] if c["property"] == "govern.kind"]
    assert kinds == ([custom_kind] if custom_kind else [])
    written, _ = odcs_text(original)
    same(load_model(written, "contracts/c.odcs.yaml"), original)


MULTI = """\
contract: shop.multi
version: 1.0.0
status: active
kind: view
schema:
  orders:
    type: object
    description: Orders
    fields:
      id: {type: string, description: Order id}
  lines:
    type: object
    pii: false
    fields:
      order_id: {type: string, description: Order of the line}
"""


def test_a_contract_of_objects_is_several_schema_objects() -> None:
    original = load_model(MULTI)
    value, _ = convert.to_odcs(original)
    assert [(o["name"], o["logicalType"], o["physicalType"]) for o in value["schema"]] == [
        ("orders", "object", "view"),
        ("lines", "object", "view"),
    ]
    assert value["schema"][0]["description"] == "Orders"
    assert "customProperties" not in value["schema"][0]  # no govern.root
    assert value["schema"][1]["customProperties"] == [{"property": "govern.pii", "value": False}]
    written, _ = odcs_text(original)
    same(load_model(written, "contracts/c.odcs.yaml"), original)


def test_an_object_with_what_a_schema_object_cannot_say_goes_under_the_root() -> None:
    text = MULTI.replace(
        "    description: Orders\n", "    description: Orders\n    required: true\n"
    )
    original = load_model(text)
    value, _ = convert.to_odcs(original)
    [root] = value["schema"]
    assert root["name"] == "multi" and root["customProperties"][0]["property"] == "govern.root"
    assert [p["name"] for p in root["properties"]] == ["orders", "lines"]
    written, _ = odcs_text(original)
    same(load_model(written, "contracts/c.odcs.yaml"), original)


def test_an_empty_schema() -> None:
    text = "contract: a.b\nversion: 1.0.0\nstatus: draft\nkind: stream\nschema: {}\n"
    original = load_model(text)
    value, losses = convert.to_odcs(original)
    assert "schema" not in value and losses == []
    assert value["customProperties"] == [{"property": "govern.kind", "value": "stream"}]
    written, _ = odcs_text(original)
    same(load_model(written, "contracts/c.odcs.yaml"), original)


def test_what_odcs_cannot_hold() -> None:
    text = (
        "contract: a.b\nversion: 1.0.0\nstatus: draft\nkind: table\n"  # 1-4
        "schema:\n"  # 5
        "  s: {type: string, description: x, fields: {a: {type: string}}}\n"  # 6
        "  n: {type: integer, description: y, items: {type: string}}  # govern: ignore[GOV223]\n"
        "sla: {}\n"  # 8
        "change_policy: {}\n"  # 9
    )
    model = load_model(text)
    _, losses = convert.to_odcs(model)
    losses += convert.comment_losses(text)
    assert [(convert.dotted(loss.path), loss.line) for loss in losses] == [
        ("schema.s.fields", None),
        ("schema.n.items", None),
        ("sla", None),
        ("change_policy", None),
        ("", 7),
    ]
    assert losses[0].message == (
        "schema.s.fields (native) on a field of type `string`: ODCS holds them only on an "
        "object: not carried"
    )
    assert losses[4].message == (
        "`# govern: ignore[GOV223]` is a comment: not carried, so it silences nothing there"
    )


# --- reading govern's ODCS (lint) -----------------------------------------------------------

ROOT = """\
apiVersion: v3.1.0
kind: DataContract
id: payroll.run.completed
version: 1.0.0
status: active
description:
  purpose: One event per finished payroll run.
schema:
  - name: completed
    customProperties:
      - property: govern.root
        value: true
    properties:
      - name: payroll_run_id
        logicalType: string
        description: Run identifier
      - name: worker_email
        logicalType: string
        description: Contact
customProperties:
  - property: govern.owner
    value: payroll-engine
  - property: govern.kind
    value: event
  - property: govern.notices
    value:
      - element: schema.no_such_field
        change: type-widened
"""


def test_the_root_object_holds_top_level_fields_and_findings_point_at_its_lines(
    tmp_path: Path,
) -> None:
    model = load_model(ROOT, "contracts/c.odcs.yaml")
    assert list(model.schema_) == ["payroll_run_id", "worker_email"]
    assert (model.kind, model.owner) == ("event", "payroll-engine")
    assert [(n.element, n.change) for n in model.notices] == [
        ("schema.no_such_field", "type-widened")
    ]
    root = make_repo(tmp_path / "r", {"contracts/c.odcs.yaml": ROOT})
    found = [
        (f.rule, f.location.line, f.location.column)
        for f in lint_findings(root)
        if f.path == "contracts/c.odcs.yaml"
    ]
    # GOV230 at `- name: worker_email` (17:9); GOV205 at the notice's element value (27:18).
    assert sorted(found) == [("GOV205", 27, 18), ("GOV230", 17, 9)]


def problems_of(text: str) -> list[str]:
    loaded = load_text("contracts/c.odcs.yaml", text)
    return [f"{p.code} {p.location.line}:{p.location.column}" for p in loaded.problems]


def test_govern_custom_properties_are_checked() -> None:
    text = (
        "apiVersion: v3.1.0\nkind: DataContract\nid: a\nversion: 1.0.0\nstatus: active\n"  # 1-5
        "customProperties:\n"  # 6
        "  - property: govern.notice_days\n"  # 7
        "    value: soon\n"  # 8
        "  - property: govern.notices\n"  # 9
        "    value:\n"  # 10
        "      - element: schema.t.id\n"  # 11
        "        reason: no change kind\n"  # 12
        "  - property: govern.colour\n"  # 13
        "    value: red\n"  # 14
        "schema:\n"  # 15
        "  - name: t\n"  # 16
        "    customProperties:\n"  # 17
        "      - {property: govern.root, value: true}\n"  # 18
        "    properties:\n"  # 19
        "      - name: id\n"  # 20
        "        logicalType: string\n"  # 21
        "        customProperties:\n"  # 22
        "          - {property: govern.pii, value: 'yes'}\n"  # 23
        "  - name: u\n"  # 24
    )
    assert problems_of(text) == [
        "GOV004 8:12",  # notice_days is a number of days
        "GOV005 11:9",  # the notice has no `change`
        "GOV003 13:15",  # no such govern property
        "GOV004 18:40",  # govern.root with two schema objects
        "GOV004 23:43",  # pii is true or false
    ]
    loaded = load_text("contracts/c.odcs.yaml", text)
    messages = [p.message for p in loaded.problems]
    assert messages[0] == "`customProperties[0].value`: input should be a valid integer"
    assert messages[1] == "missing required key `change` in customProperties[1].value[0]"
    assert messages[2].startswith("unknown custom property `govern.colour` on the contract")
    # The rest of the contract is still read, for the rules.
    assert loaded.document is not None and loaded.document.model is not None
    assert loaded.document.model.notices == [] and loaded.document.model.change_policy is None
    assert not loaded.document.complete


def test_govern_root_on_a_lone_object_that_says_false_is_an_object() -> None:
    text = ROOT.replace("        value: true\n", "        value: false\n", 1)
    model = load_model(text, "contracts/c.odcs.yaml")
    assert list(model.schema_) == ["completed"]


def test_odcs_3_2_enum_is_read_and_a_property_deprecated_is_not_odcs() -> None:
    text = (
        "apiVersion: v3.2.0\nkind: DataContract\nid: a\nversion: 1.0.0\nstatus: active\n"
        "schema:\n  - name: t\n    properties:\n"
        "      - name: state\n        logicalType: string\n"
        "        enum:\n          - {value: open, label: Open}\n          - value: closed\n"
    )
    model = load_model(text, "contracts/c.odcs.yaml")
    state = (model.schema_["t"].fields or {})["state"]
    assert state.enum == ["open", "closed"]
    assert state.deprecated is None
    _, losses = native_text(parse(text).value)
    assert [convert.dotted(loss.path) for loss in losses] == [
        "schema[0].properties[0].enum[0].label"
    ]
    # The official v3.2.0 schema has no `deprecated` on a property (only the
    # open-data-contract-standard package's schema had): `govern.deprecated` says it.
    flagged = text.replace(
        "logicalType: string\n", "logicalType: string\n        deprecated: true\n"
    )
    loaded = load_text("contracts/c.odcs.yaml", flagged)
    assert [f"{p.code} {p.location.line}:{p.location.column}" for p in loaded.problems] == [
        "GOV003 11:9"
    ]
    assert "unknown key `deprecated`" in loaded.problems[0].message


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ({"logicalType": "number", "physicalType": "float"}, "float"),
        ({"logicalType": "number", "physicalType": "REAL"}, "float"),
        ({"logicalType": "number", "logicalTypeOptions": {"format": "f32"}}, "float"),
        ({"logicalType": "number", "logicalTypeOptions": {"format": "f64"}}, "double"),
        ({"logicalType": "integer", "logicalTypeOptions": {"format": "i32"}}, "integer"),
        ({"logicalType": "integer", "logicalTypeOptions": {"format": "u64"}}, "long"),
        (
            {
                "logicalType": "integer",
                "physicalType": "bigint",
                "logicalTypeOptions": {"format": "i32"},
            },
            "long",
        ),
        ({"physicalType": "binary"}, "bytes"),
    ],
)
def test_field_types_convert_writes(node: dict[str, object], expected: str) -> None:
    assert odcs.field_type(node) == expected


def test_migrating_a_contract_to_odcs_is_no_change_for_breaking(tmp_path: Path) -> None:
    native = EVERYTHING.replace("status: deprecated", "status: active")
    native = native.split("deprecated:\n  reason: replaced")[0] + "retention: indefinite\n"
    root = make_repo(tmp_path / "r", {"contracts/shop/everything.yaml": native})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    written, _ = odcs_text(load_model(native))
    (root / "contracts/shop/everything.yaml").unlink()
    (root / "contracts/shop/everything.odcs.yaml").write_text(written, encoding="utf-8")
    done = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "json",
                      cwd=root)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["changes"] == []
    # A real change in the ODCS file is named by the native element path.
    shorter = written.replace("      - name: tm\n", "      - name: tm_renamed\n")
    (root / "contracts/shop/everything.odcs.yaml").write_text(shorter, encoding="utf-8")
    done = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "json",
                      cwd=root)  # fmt: skip
    changes = json.loads(done.stdout)["changes"]
    assert ("field-removed", "schema.tm") in {(c["change"], c["element"]) for c in changes}


# --- the command ----------------------------------------------------------------------------


def test_cli_native_to_odcs_on_stdout(tmp_path: Path) -> None:
    (tmp_path / "orders.yaml").write_text(SMALL, encoding="utf-8")
    done = run_govern("convert", "orders.yaml", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == SMALL_ODCS
    done = run_govern("convert", "orders.yaml", "--to", "odcs", "--strict", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, SMALL_ODCS)


def test_cli_losses_on_stderr_and_strict(tmp_path: Path) -> None:
    (tmp_path / "events.odcs.yaml").write_text(ODCS_EVENTS, encoding="utf-8")
    done = run_govern("convert", "events.odcs.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == EVENTS_NATIVE
    lines = done.stderr.splitlines()
    assert len(lines) == 6
    # One line each, naming the file, the line, and the path in the source.
    assert (
        "warning: events.odcs.yaml:6: name (ODCS) has no place in govern's format: not carried"
        in lines
    )
    assert (
        "warning: events.odcs.yaml:24: servers (ODCS) has no place in govern's format: not carried"
        in lines
    )
    assert any(
        line.startswith("warning: events.odcs.yaml:14: schema[0].properties[0].physicalType")
        for line in lines
    )
    strict = run_govern("convert", "events.odcs.yaml", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert (strict.stdout, strict.stderr) == (done.stdout, done.stderr)


def test_cli_output_refuses_to_replace_without_force(tmp_path: Path) -> None:
    (tmp_path / "orders.yaml").write_text(SMALL, encoding="utf-8")
    done = run_govern("convert", "orders.yaml", "-o", "orders.odcs.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (tmp_path / "orders.odcs.yaml").read_text(encoding="utf-8") == SMALL_ODCS
    (tmp_path / "orders.odcs.yaml").write_text("keep me\n", encoding="utf-8")
    again = run_govern("convert", "orders.yaml", "--output", "orders.odcs.yaml", cwd=tmp_path)
    assert again.returncode == 2
    assert (
        again.stderr.strip()
        == "error: --output orders.odcs.yaml exists: pass --force to replace it"
    )
    assert (tmp_path / "orders.odcs.yaml").read_text(encoding="utf-8") == "keep me\n"
    forced = run_govern("convert", "orders.yaml", "-o", "orders.odcs.yaml", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert (tmp_path / "orders.odcs.yaml").read_text(encoding="utf-8") == SMALL_ODCS
    # The ODCS file converts back to the same contract.
    back = run_govern("convert", "orders.odcs.yaml", "-o", "back.yaml", cwd=tmp_path)
    assert (back.returncode, back.stderr) == (0, "")
    same(load_model((tmp_path / "back.yaml").read_text(encoding="utf-8")), load_model(SMALL))


def test_cli_output_never_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "orders.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "elsewhere.txt").write_text("untouched\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "elsewhere.txt")
    done = run_govern("convert", "orders.yaml", "-o", "link.yaml", "--force", cwd=tmp_path)
    assert done.returncode == 2 and "symlink" in done.stderr
    assert (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "untouched\n"


BAD_ODCS = """\
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
colour: red
schema:
  - name: orders
    properties:
      - name: id
        logicalType: strng
"""


def test_cli_schema_errors_exit_2_at_their_lines(tmp_path: Path) -> None:
    (tmp_path / "bad.odcs.yaml").write_text(BAD_ODCS, encoding="utf-8")
    done = run_govern("convert", "bad.odcs.yaml", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == (
        "bad.odcs.yaml:6:1: error GOV003 [unknown-key] unknown key `colour` in the top level "
        "(not in ODCS)"
    )
    assert lines[1].startswith("bad.odcs.yaml:11:22: error GOV004 [wrong-type]")
    assert len(lines) == 2
    native = SMALL.replace("status: active", "status: live")
    (tmp_path / "bad.yaml").write_text(native, encoding="utf-8")
    done = run_govern("convert", "bad.yaml", "-o", "out.yaml", cwd=tmp_path)
    assert done.returncode == 2 and not (tmp_path / "out.yaml").exists()
    assert done.stderr.startswith("bad.yaml:3:9: error GOV004 [wrong-type]")


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({}, ("missing.yaml",), "error: missing.yaml: no such file"),
        ({"m.yaml": "metric: a_b\n"}, ("m.yaml",), "error: m.yaml is a metric, not a contract"),
        (
            {"o.yaml": SMALL},
            ("o.yaml", "--to", "native"),
            "error: o.yaml is already a contract in govern's format: nothing to convert",
        ),
        ({"x.yaml": "a: [\n"}, ("x.yaml",), "x.yaml:2:1: error GOV001 [yaml-syntax]"),
        ({"x.yaml": b"contract: \xff\n"}, ("x.yaml",), "x.yaml:1:11: error GOV009"),
        ({"d/x.yaml": SMALL}, ("d",), "error: d is a directory"),
    ],
)
def test_cli_usage_and_unreadable_files_exit_2(
    tmp_path: Path, files: dict[str, str | bytes], args: tuple[str, ...], message: str
) -> None:
    make_repo(tmp_path, files, base=False)
    done = run_govern("convert", *args, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr


def test_cli_escapes_text_from_the_file(tmp_path: Path) -> None:
    text = ODCS_EVENTS + 'customProperties:\n  - property: "evil\\e[2J\\u202e"\n    value: 1\n'
    (tmp_path / "e.odcs.yaml").write_text(text, encoding="utf-8")
    done = run_govern("convert", "e.odcs.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr
    assert "customProperties[0] (`evil\\x1b[2J\\u202e`) (ODCS) has no place" in done.stderr


def test_cli_suppression_comments_are_reported(tmp_path: Path) -> None:
    text = SMALL.replace("retention: 7y", "retention: 7y  # govern: ignore[GOV305]")
    (tmp_path / "o.yaml").write_text(text, encoding="utf-8")
    done = run_govern("convert", "o.yaml", "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "warning: o.yaml:18: `# govern: ignore[GOV305]` is a comment: not carried, so it "
        "silences nothing there"
    ]


def test_cli_corpus_file_end_to_end(tmp_path: Path) -> None:
    needs_shared()
    source = CORPUS / "bitol__schema__kafka-schema.odcs.yaml"
    done = run_govern("convert", str(source), "-o", "k.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"warning: {source}:29: servers (ODCS) has no place" in done.stderr
    native = (tmp_path / "k.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(native)["kind"] == "stream"
    back = run_govern("convert", "k.yaml", cwd=tmp_path)
    assert back.returncode == 0 and back.stderr == ""
    same(load_model(back.stdout, "c.odcs.yaml"), load_model(source.read_text(encoding="utf-8")))


def test_docs_examples_convert_as_shown() -> None:
    text = (PROJECT / "docs" / "convert.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```yaml\n")[1:]]
    native, odcs_doc, odcs_in, native_out = blocks
    assert odcs_text(load_model(native))[0] == odcs_doc
    assert native_text(parse(odcs_in).value)[0] == native_out
    assert (native, odcs_doc) == (SMALL, SMALL_ODCS)  # the tests above check the same text


# --- found in review ----------------------------------------------------------------------------


def test_output_never_replaces_the_input_and_dash_is_stdout(tmp_path: Path) -> None:
    src = tmp_path / "c.yaml"
    src.write_text((PROJECT / "contracts" / "payroll" / "payslip_generated.yaml").read_text())
    before = src.read_text()
    same = run_govern("convert", "c.yaml", "-o", "c.yaml", "--force", cwd=tmp_path)
    assert same.returncode == 2
    assert "is the file being converted" in same.stderr
    assert src.read_text() == before
    dash = run_govern("convert", "c.yaml", "-o", "-", cwd=tmp_path)
    assert dash.returncode == 0
    assert dash.stdout.startswith("apiVersion: v3.1.0\n")
    assert not (tmp_path / "-").exists()


def test_a_pipe_over_the_limit_is_refused_not_cut(tmp_path: Path) -> None:
    base = (PROJECT / "contracts" / "payroll" / "payslip_generated.yaml").read_text()
    big = base.replace("tags: [", "tags: [" + "t, " * 700_000, 1)
    assert len(big.encode()) > 2_000_000
    result = run_govern("convert", "/dev/stdin", cwd=tmp_path, input=big)
    assert result.returncode == 2
    assert "GOV011" in result.stderr
    assert result.stdout == ""


def test_stdout_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    src = PROJECT / "contracts" / "payroll" / "payslip_generated.yaml"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*govern_command(), "convert", str(src)],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 2, done.stderr
    assert "cannot write the result to stdout" in done.stderr


def test_yaml_1_2_numbers_and_line_separators_stay_text(tmp_path: Path) -> None:
    base = (PROJECT / "contracts" / "payroll" / "payslip_generated.yaml").read_text()
    text = base.replace("tags: [", 'tags: ["1e3", "0o12", "+.5", "a\\x85b", ', 1)
    (tmp_path / "c.yaml").write_text(text)
    out = run_govern("convert", "c.yaml", cwd=tmp_path).stdout
    assert "'1e3'" in out and "'0o12'" in out and "'+.5'" in out
    assert '"a\\Nb"' in out  # NEL escaped, not a line break a reader would fold
    doc = load_text("x.odcs.yaml", out).document
    assert doc is not None and doc.model is not None
    assert doc.model.tags[:4] == ["1e3", "0o12", "+.5", "a\x85b"]


def test_an_ambiguous_unit_m_is_kept_for_the_rules_to_refuse(tmp_path: Path) -> None:
    odcs_text = """\
apiVersion: v3.1.0
kind: DataContract
id: a.b
version: 1.0.0
status: active
schema:
  - name: t
    physicalType: stream
    properties:
      - {name: a, logicalType: string}
slaProperties:
  - {property: retention, value: 6, unit: M}
"""
    (tmp_path / "m.odcs.yaml").write_text(odcs_text)
    result = run_govern("convert", "m.odcs.yaml", "--strict", cwd=tmp_path)
    # physicalType `stream` is the kind stream: carried, so --strict passes.
    assert result.returncode == 0, result.stderr
    assert "retention: 6M\n" in result.stdout
