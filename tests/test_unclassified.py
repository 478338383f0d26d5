"""`unclassified-change`: a difference no other handler classifies is
reported with its key path and old and new value (PRODUCT.md section 8)."""

from __future__ import annotations

from govern.changes import compare
from govern.changes.unclassified import ROLES
from govern.load.documents import load_text
from govern.model.kinds import DEFAULT_VERDICTS

NATIVE = """\
contract: shop.orders
version: 1.0.0
status: active
kind: table
tags: [sales]
change_policy: {notice_days: 30, channel: "#orders"}
consumers:
  - {team: analytics, use: dashboards}
schema:
  id: {type: string, required: true, examples: [a1]}
  codes: {type: array, items: {type: string}}
"""

ODCS = """\
apiVersion: v3.1.0
kind: DataContract
id: shop.orders
version: 1.0.0
status: active
servers:
  - {server: prod, type: postgres}
schema:
  - name: orders
    physicalType: table
    properties:
      - name: id
        logicalType: string
        physicalType: int
        required: false
        logicalTypeOptions: {format: uuid}
"""


def _changes(old: str, new: str) -> list[tuple[str, str, str]]:
    a, b = load_text("a.yaml", old).document, load_text("b.yaml", new).document
    assert a is not None and b is not None and a.model is not None and b.model is not None
    found = compare.contract_changes(a.model, b.model, old_odcs=a.odcs, new_odcs=b.odcs)
    return [(c.element, c.change, c.detail) for c in found]


def test_the_kind_is_a_warning() -> None:
    assert DEFAULT_VERDICTS["unclassified-change"] == "warning"


def test_every_model_field_is_judged_by_a_handler_or_listed() -> None:
    for model, roles in ROLES.items():
        assert set(roles) == set(model.model_fields), model.__name__


def test_native_differences_no_handler_looks_at() -> None:
    new = (
        NATIVE.replace("[sales]", "[sales, eu]")
        .replace('"#orders"', '"#shop"')
        .replace("use: dashboards", "use: billing")
        .replace("examples: [a1]", "examples: [b2]")
        .replace(", items: {type: string}", "")
    )
    assert _changes(NATIVE, new) == [
        (
            "contract",
            "unclassified-change",
            "`consumers[analytics].use`: 'dashboards' -> 'billing'",
        ),
        ("schema.id", "unclassified-change", "`schema.id.examples`: ['a1'] -> ['b2']"),
        ("schema.codes", "unclassified-change", "`schema.codes.items`: {'type': 'string'} -> None"),
        ("contract", "unclassified-change", "`change_policy.channel`: '#orders' -> '#shop'"),
        ("contract", "unclassified-change", "`tags`: ['sales'] -> ['sales', 'eu']"),
    ]


def test_a_classified_change_is_not_also_unclassified() -> None:
    new = NATIVE.replace("required: true", "required: false")
    assert _changes(NATIVE, new) == [
        ("schema.id", "field-optional", "`id` is no longer required"),
    ]


def test_odcs_keys_the_native_model_cannot_hold() -> None:
    new = (
        ODCS.replace("format: uuid", "format: ulid")
        .replace("type: postgres", "type: mysql")
        .replace("        required: false\n", "")
    )
    assert _changes(ODCS, new) == [
        ("contract", "unclassified-change", "`servers[prod].type`: 'postgres' -> 'mysql'"),
        (
            "schema.orders.id",
            "unclassified-change",
            "`schema[orders].properties[id].required`: False -> absent",
        ),
        (
            "schema.orders.id",
            "unclassified-change",
            "`schema[orders].properties[id].logicalTypeOptions.format`: 'uuid' -> 'ulid'",
        ),
    ]


def test_odcs_read_change_is_reported_once() -> None:
    new = ODCS.replace("        required: false\n", "        required: true\n")
    assert _changes(ODCS, new) == [
        ("schema.orders.id", "field-required", "`orders.id` is now required")
    ]


PHYSICAL = ODCS.replace("        logicalType: string\n", "")  # the type read from physicalType


def test_a_narrower_physical_type_with_the_same_native_type_is_seen() -> None:
    # int and smallint both read as govern's `integer`, but a 32-bit column
    # became a 16-bit one: consumers feel it, so it is never "no change".
    new = PHYSICAL.replace("physicalType: int\n", "physicalType: smallint\n")
    assert _changes(PHYSICAL, new) == [
        (
            "schema.orders.id",
            "unclassified-change",
            "`schema[orders].properties[id].physicalType`: 'int' -> 'smallint'",
        )
    ]


def test_one_physical_type_spelled_otherwise_is_no_change() -> None:
    for spelling in ("int4", "INTEGER", "int32"):
        new = PHYSICAL.replace("physicalType: int\n", f"physicalType: {spelling}\n")
        assert _changes(PHYSICAL, new) == [], spelling
