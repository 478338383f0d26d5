"""`govern breaking` and `govern diff`: every change kind of PRODUCT.md section 3
on real YAML in a real git repository, its element path and default verdict;
the impact (consumers, metrics); the JSON, markdown and text outputs; config.

Each case commits the previous version on `main` (on top of the base fixture:
teams, the payslip contract and the payslip error rate metric) and writes the
current version in the working tree, then compares them in-process with
`govern.changes.report.build`, as `govern breaking --against main` does. A
handful of cases run the installed `govern` end to end.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from govern.changes.report import Head, Report, build
from govern.config import Config, LoadedConfig
from govern.model.kinds import CHANGE_KINDS
from tests.conftest import BASE, git, make_repo, run_govern

NOW = dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc)
BASE_DATE = "2026-10-01T12:00:00Z"  # 52 days before NOW: old enough for any notice
BREAKING, WARNING, INFO = "breaking", "warning", "info"

CID = "shop.order.placed"
PATH = "contracts/shop/order_placed.yaml"
MID = "payslip_error_rate"
METRIC_PATH = "metrics/payslip_error_rate.yaml"
METRIC = (BASE / METRIC_PATH).read_text(encoding="utf-8")
PAYSLIP_PATH = "contracts/payroll/payslip_generated.yaml"
PAYSLIP = (BASE / PAYSLIP_PATH).read_text(encoding="utf-8")

Triple = tuple[str, str, str]  # (element, change, severity)


def contract(schema: str, *, version: str = "1.0.0", sla: str = "", top: str = "") -> str:
    """The order contract: ``schema`` is the body of `schema:` (dedented), ``top``
    extra top-level keys, ``sla`` the body of `sla:`."""
    body = textwrap.indent(textwrap.dedent(schema).strip("\n"), "  ")
    text = (
        f"contract: {CID}\n"
        f"version: {version}\n"
        "status: active\n"
        "kind: event\n"
        "description: One event per order placed in the shop.\n"
        "owner: payroll-engine\n"
        "consumers:\n"
        "  - team: analytics\n"
        "    use: Order dashboards\n"
        f"{top}"
        f"schema:\n{body}\n"
    )
    if sla:
        text += "sla:\n" + textwrap.indent(textwrap.dedent(sla).strip("\n"), "  ") + "\n"
    return text


ORDER_ID = "order_id: {type: string, required: true, description: Order identifier}\n"


def without(text: str, name: str) -> str:
    """``text`` without the line of top-level field ``name`` (`  name: {...}`)."""
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith(f"  {name}:")
    )


def pair(
    case_id: str,
    old_schema: str,
    new_schema: str,
    *expected: Triple,
    old_sla: str = "",
    new_sla: str = "",
    old_top: str = "",
    new_top: str = "",
) -> Any:
    """A previous/current pair of the order contract. The current one is always
    version 2.0.0, so that no case here also needs `version-not-bumped`."""
    return pytest.param(
        contract(old_schema, sla=old_sla, top=old_top),
        contract(new_schema, version="2.0.0", sla=new_sla, top=new_top),
        sorted(expected),
        id=case_id,
    )


def field(case_id: str, name: str, old: str, new: str, *expected: Triple) -> Any:
    """One field `name` of the order contract, from ``old`` to ``new`` (flow mappings)."""
    return pair(case_id, f"{ORDER_ID}{name}: {old}\n", f"{ORDER_ID}{name}: {new}\n", *expected)


SLA = {
    "freshness": "1h",
    "completeness": "99.9%",
    "availability": "99.5%",
    "delivery": "daily 09:00 UTC",
}


def sla_body(**changes: str | None) -> str:
    values = {**SLA, **changes}
    return "".join(f"{k}: {v}\n" for k, v in values.items() if v is not None)


def sla(case_id: str, *expected: Triple, **changes: str | None) -> Any:
    """The order contract's SLA from `SLA` to `SLA` with ``changes`` (None: removed)."""
    return pair(
        case_id, ORDER_ID, ORDER_ID, *expected, old_sla=sla_body(), new_sla=sla_body(**changes)
    )


CUSTOMER = """\
customer:
  type: object
  description: Who ordered
  fields:
    id: {type: string, required: true, description: Customer identifier}
    email: {type: string, pii: true, classification: confidential, description: Contact}
"""
LINES = """\
lines:
  type: array
  description: The order lines
  items:
    type: object
    description: One order line
    fields:
      sku: {type: string, required: true, description: Stock keeping unit}
      quantity: {type: integer, min: 1, description: Units ordered}
"""
NOTE = "note: {type: string, description: Free text from the shopper}\n"
DEPRECATION = "deprecated: {reason: replaced by the order API, removal: 2027-03-01}\n"

KIND_CASES = [
    # --- removals and additions ----------------------------------------------------------
    pytest.param(
        contract(ORDER_ID),
        None,
        [("contract", "contract-removed", BREAKING)],
        id="contract-removed",
    ),
    pair(
        "field-removed-top-level",
        ORDER_ID + NOTE,
        ORDER_ID,
        ("schema.note", "field-removed", BREAKING),
    ),
    pair(
        "field-removed-nested-subfield",
        ORDER_ID + CUSTOMER,
        ORDER_ID
        + CUSTOMER.replace(
            "    email: {type: string, pii: true, classification: confidential, "
            "description: Contact}\n",
            "",
        ),
        ("schema.customer.email", "field-removed", BREAKING),
    ),
    pair(
        "field-removed-inside-array-items",
        ORDER_ID + LINES,
        ORDER_ID
        + LINES.replace(
            "      quantity: {type: integer, min: 1, description: Units ordered}\n", ""
        ),
        ("schema.lines.items.quantity", "field-removed", BREAKING),
    ),
    pair(
        "field-renamed-is-removed-plus-added",
        ORDER_ID + NOTE,
        ORDER_ID + NOTE.replace("note:", "remark:"),
        ("schema.note", "field-removed", BREAKING),
        ("schema.remark", "field-added", INFO),
    ),
    pair(
        "field-added-optional",
        ORDER_ID,
        ORDER_ID + "coupon: {type: string, description: Coupon code used}\n",
        ("schema.coupon", "field-added", INFO),
    ),
    pair(
        "field-added-required",
        ORDER_ID,
        ORDER_ID + "currency: {type: string, required: true, description: ISO 4217 code}\n",
        ("schema.currency", "field-added", INFO),
    ),
    pair(
        "field-added-nested-subfield",
        ORDER_ID + CUSTOMER,
        ORDER_ID + CUSTOMER + "    phone: {type: string, description: Phone number}\n",
        ("schema.customer.phone", "field-added", INFO),
    ),
    # --- types ---------------------------------------------------------------------------
    field(
        "type-widened-integer-long",
        "quantity",
        "{type: integer, description: Units}",
        "{type: long, description: Units}",
        ("schema.quantity", "type-widened", BREAKING),
    ),
    field(
        "type-widened-float-double",
        "weight",
        "{type: float, description: Kilograms}",
        "{type: double, description: Kilograms}",
        ("schema.weight", "type-widened", BREAKING),
    ),
    field(
        "type-widened-decimal-10-2-to-18-2",
        "total",
        '{type: "decimal(10,2)", description: Order total}',
        '{type: "decimal(18,2)", description: Order total}',
        ("schema.total", "type-widened", BREAKING),
    ),
    field(
        "type-widened-integer-to-decimal-12-0",
        "quantity",
        "{type: integer, description: Units}",
        '{type: "decimal(12,0)", description: Units}',
        ("schema.quantity", "type-widened", BREAKING),
    ),
    # Every decimal(10,2) value (8 integral digits, 2 decimals) is a decimal(12,4)
    # value (8 integral digits, 4 decimals): a widening, not an unrelated type.
    field(
        "type-widened-decimal-10-2-to-12-4",
        "total",
        '{type: "decimal(10,2)", description: Order total}',
        '{type: "decimal(12,4)", description: Order total}',
        ("schema.total", "type-widened", BREAKING),
    ),
    field(
        "type-widened-integer-double",
        "quantity",
        "{type: integer, description: Units}",
        "{type: double, description: Units}",
        ("schema.quantity", "type-widened", BREAKING),
    ),
    field(
        "type-widened-long-to-decimal-19-0",
        "order_no",
        "{type: long, description: Order number}",
        '{type: "decimal(19,0)", description: Order number}',
        ("schema.order_no", "type-widened", BREAKING),
    ),
    field(
        "type-widened-array-items",
        "tags",
        "{type: array, items: {type: integer}, description: Tag ids}",
        "{type: array, items: {type: long}, description: Tag ids}",
        ("schema.tags.items", "type-widened", BREAKING),
    ),
    field(
        "type-narrowed-long-integer",
        "quantity",
        "{type: long, description: Units}",
        "{type: integer, description: Units}",
        ("schema.quantity", "type-narrowed", WARNING),
    ),
    field(
        "type-narrowed-decimal-18-2-to-10-2",
        "total",
        '{type: "decimal(18,2)", description: Order total}',
        '{type: "decimal(10,2)", description: Order total}',
        ("schema.total", "type-narrowed", WARNING),
    ),
    field(
        "type-narrowed-double-float",
        "weight",
        "{type: double, description: Kilograms}",
        "{type: float, description: Kilograms}",
        ("schema.weight", "type-narrowed", WARNING),
    ),
    field(
        "type-changed-string-date",
        "placed_on",
        "{type: string, description: Day of the order}",
        "{type: date, description: Day of the order}",
        ("schema.placed_on", "type-changed", BREAKING),
    ),
    field(
        "type-changed-integer-string",
        "quantity",
        "{type: integer, description: Units}",
        "{type: string, description: Units}",
        ("schema.quantity", "type-changed", BREAKING),
    ),
    # More decimals but fewer integral digits (8 -> 6): neither wider nor narrower.
    field(
        "type-changed-decimal-10-2-to-10-4",
        "total",
        '{type: "decimal(10,2)", description: Order total}',
        '{type: "decimal(10,4)", description: Order total}',
        ("schema.total", "type-changed", BREAKING),
    ),
    # A double holds 53 bits of mantissa, a float 24: neither holds every long
    # (nor a float every integer) exactly.
    field(
        "type-changed-long-to-decimal-18-0",
        "order_no",
        "{type: long, description: Order number}",
        '{type: "decimal(18,0)", description: Order number}',
        ("schema.order_no", "type-changed", BREAKING),
    ),
    field(
        "type-changed-long-double",
        "quantity",
        "{type: long, description: Units}",
        "{type: double, description: Units}",
        ("schema.quantity", "type-changed", BREAKING),
    ),
    field(
        "type-changed-integer-float",
        "quantity",
        "{type: integer, description: Units}",
        "{type: float, description: Units}",
        ("schema.quantity", "type-changed", BREAKING),
    ),
    field(
        "type-spelling-only-is-no-change",
        "total",
        '{type: "decimal(10,2)", description: Order total}',
        '{type: "DECIMAL(10, 2)", description: Order total}',
    ),
    # --- required ------------------------------------------------------------------------
    field(
        "field-optional",
        "currency",
        "{type: string, required: true, description: ISO 4217 code}",
        "{type: string, description: ISO 4217 code}",
        ("schema.currency", "field-optional", BREAKING),
    ),
    field(
        "field-required",
        "currency",
        "{type: string, description: ISO 4217 code}",
        "{type: string, required: true, description: ISO 4217 code}",
        ("schema.currency", "field-required", INFO),
    ),
    # --- enums ---------------------------------------------------------------------------
    field(
        "enum-value-added",
        "state",
        "{type: string, enum: [new, paid], description: Order state}",
        "{type: string, enum: [new, paid, refunded], description: Order state}",
        ("schema.state", "enum-value-added", WARNING),
    ),
    field(
        "enum-value-removed",
        "state",
        "{type: string, enum: [new, paid, refunded], description: Order state}",
        "{type: string, enum: [new, paid], description: Order state}",
        ("schema.state", "enum-value-removed", INFO),
    ),
    field(
        "enum-value-added-and-removed",
        "state",
        "{type: string, enum: [new, paid], description: Order state}",
        "{type: string, enum: [new, settled], description: Order state}",
        ("schema.state", "enum-value-added", WARNING),
        ("schema.state", "enum-value-removed", INFO),
    ),
    field(
        "enum-reordered-is-no-change",
        "state",
        "{type: string, enum: [new, paid], description: Order state}",
        "{type: string, enum: [paid, new], description: Order state}",
    ),
    # --- constraints ---------------------------------------------------------------------
    field(
        "constraint-loosened-pattern-removed",
        "country",
        '{type: string, pattern: "^[A-Z]{2}$", description: ISO 3166-1 alpha-2}',
        "{type: string, description: ISO 3166-1 alpha-2}",
        ("schema.country", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-min-lowered",
        "quantity",
        "{type: integer, min: 1, description: Units}",
        "{type: integer, min: 0, description: Units}",
        ("schema.quantity", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-min-removed",
        "quantity",
        "{type: integer, min: 1, description: Units}",
        "{type: integer, description: Units}",
        ("schema.quantity", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-max-raised",
        "quantity",
        "{type: integer, max: 100, description: Units}",
        "{type: integer, max: 1000, description: Units}",
        ("schema.quantity", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-max-length-raised",
        "coupon",
        "{type: string, max_length: 10, description: Coupon code}",
        "{type: string, max_length: 20, description: Coupon code}",
        ("schema.coupon", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-min-length-lowered",
        "coupon",
        "{type: string, min_length: 4, description: Coupon code}",
        "{type: string, min_length: 2, description: Coupon code}",
        ("schema.coupon", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-unique-dropped",
        "invoice_no",
        "{type: string, unique: true, description: Invoice number}",
        "{type: string, description: Invoice number}",
        ("schema.invoice_no", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-primary-key-dropped",
        "invoice_no",
        "{type: string, primary_key: true, description: Invoice number}",
        "{type: string, description: Invoice number}",
        ("schema.invoice_no", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-loosened-enum-removed-entirely",
        "state",
        "{type: string, enum: [new, paid], description: Order state}",
        "{type: string, description: Order state}",
        ("schema.state", "constraint-loosened", BREAKING),
    ),
    field(
        "constraint-tightened-pattern-added",
        "country",
        "{type: string, description: ISO 3166-1 alpha-2}",
        '{type: string, pattern: "^[A-Z]{2}$", description: ISO 3166-1 alpha-2}',
        ("schema.country", "constraint-tightened", INFO),
    ),
    field(
        "constraint-tightened-min-raised",
        "quantity",
        "{type: integer, min: 0, description: Units}",
        "{type: integer, min: 1, description: Units}",
        ("schema.quantity", "constraint-tightened", INFO),
    ),
    field(
        "constraint-tightened-max-lowered",
        "quantity",
        "{type: integer, max: 1000, description: Units}",
        "{type: integer, max: 100, description: Units}",
        ("schema.quantity", "constraint-tightened", INFO),
    ),
    field(
        "constraint-tightened-max-length-added",
        "coupon",
        "{type: string, description: Coupon code}",
        "{type: string, max_length: 12, description: Coupon code}",
        ("schema.coupon", "constraint-tightened", INFO),
    ),
    field(
        "constraint-tightened-unique-added",
        "invoice_no",
        "{type: string, description: Invoice number}",
        "{type: string, unique: true, description: Invoice number}",
        ("schema.invoice_no", "constraint-tightened", INFO),
    ),
    field(
        "constraint-tightened-enum-added",
        "state",
        "{type: string, description: Order state}",
        "{type: string, enum: [new, paid], description: Order state}",
        ("schema.state", "constraint-tightened", INFO),
    ),
    field(
        "constraint-min-and-max-both-moved",
        "quantity",
        "{type: integer, min: 1, max: 100, description: Units}",
        "{type: integer, min: 0, max: 50, description: Units}",
        ("schema.quantity", "constraint-loosened", BREAKING),
        ("schema.quantity", "constraint-tightened", INFO),
    ),
    field(
        "pattern-changed",
        "country",
        '{type: string, pattern: "^[A-Z]{2}$", description: ISO 3166-1 code}',
        '{type: string, pattern: "^[A-Z]{2,3}$", description: ISO 3166-1 code}',
        ("schema.country", "pattern-changed", WARNING),
    ),
    # --- SLA -----------------------------------------------------------------------------
    sla(
        "sla-loosened-freshness-1h-4h", ("sla.freshness", "sla-loosened", BREAKING), freshness="4h"
    ),
    sla(
        "sla-loosened-completeness-99.9-99",
        ("sla.completeness", "sla-loosened", BREAKING),
        completeness="99%",
    ),
    sla(
        "sla-loosened-availability-lowered",
        ("sla.availability", "sla-loosened", BREAKING),
        availability="99%",
    ),
    sla(
        "sla-loosened-delivery-later",
        ("sla.delivery", "sla-loosened", BREAKING),
        delivery="daily 11:00 UTC",
    ),
    sla(
        "sla-loosened-delivery-daily-to-weekly",
        ("sla.delivery", "sla-loosened", BREAKING),
        delivery="weekly monday 09:00 UTC",
    ),
    sla(
        "sla-loosened-property-removed",
        ("sla.availability", "sla-loosened", BREAKING),
        availability=None,
    ),
    pair(
        "sla-loosened-whole-sla-removed",
        ORDER_ID,
        ORDER_ID,
        ("sla.freshness", "sla-loosened", BREAKING),
        ("sla.completeness", "sla-loosened", BREAKING),
        ("sla.availability", "sla-loosened", BREAKING),
        ("sla.delivery", "sla-loosened", BREAKING),
        old_sla=sla_body(),
    ),
    sla(
        "sla-tightened-freshness-1h-15m", ("sla.freshness", "sla-tightened", INFO), freshness="15m"
    ),
    sla(
        "sla-tightened-completeness-raised",
        ("sla.completeness", "sla-tightened", INFO),
        completeness="99.99%",
    ),
    sla(
        "sla-tightened-delivery-earlier",
        ("sla.delivery", "sla-tightened", INFO),
        delivery="daily 06:30 UTC",
    ),
    pair(
        "sla-tightened-property-added",
        ORDER_ID,
        ORDER_ID,
        ("sla.availability", "sla-tightened", INFO),
        old_sla=sla_body(availability=None),
        new_sla=sla_body(),
    ),
    # The same promise written differently is no change.
    sla("sla-freshness-1h-as-60m-is-no-change", freshness="60m"),
    sla("sla-completeness-99.9-as-99.90-is-no-change", completeness="99.90%"),
    # --- classification ------------------------------------------------------------------
    field(
        "classification-lowered-pii-dropped",
        "email",
        "{type: string, pii: true, classification: confidential, description: Contact}",
        "{type: string, classification: confidential, description: Contact}",
        ("schema.email", "classification-lowered", BREAKING),
    ),
    field(
        "classification-lowered-confidential-internal",
        "email",
        "{type: string, pii: true, classification: confidential, description: Contact}",
        "{type: string, pii: true, classification: internal, description: Contact}",
        ("schema.email", "classification-lowered", BREAKING),
    ),
    field(
        "classification-lowered-nested",
        "customer",
        "{type: object, description: Buyer, fields: {email: "
        "{type: string, classification: restricted, description: Contact}}}",
        "{type: object, description: Buyer, fields: {email: "
        "{type: string, classification: public, description: Contact}}}",
        ("schema.customer.email", "classification-lowered", BREAKING),
    ),
    # Raising a classification is no risk to consumers, but it is a change.
    field(
        "classification-raised-is-metadata",
        "email",
        "{type: string, pii: true, classification: internal, description: Contact}",
        "{type: string, pii: true, classification: restricted, description: Contact}",
        ("schema.email", "metadata-changed", INFO),
    ),
    # --- deprecation ---------------------------------------------------------------------
    field(
        "deprecated-field",
        "note",
        "{type: string, description: Free text}",
        "{type: string, description: Free text, " + DEPRECATION.strip() + "}",
        ("schema.note", "deprecated", INFO),
    ),
    field(
        "undeprecated-field",
        "note",
        "{type: string, description: Free text, " + DEPRECATION.strip() + "}",
        "{type: string, description: Free text}",
        ("schema.note", "undeprecated", INFO),
    ),
    pair(
        "deprecated-contract",
        ORDER_ID,
        ORDER_ID,
        ("contract", "deprecated", INFO),
        new_top=DEPRECATION,
    ),
    pair(
        "undeprecated-contract",
        ORDER_ID,
        ORDER_ID,
        ("contract", "undeprecated", INFO),
        old_top=DEPRECATION,
    ),
    # --- metadata ------------------------------------------------------------------------
    field(
        "metadata-changed-field-description",
        "note",
        "{type: string, description: Free text}",
        "{type: string, description: Free text from the shopper at checkout}",
        ("schema.note", "metadata-changed", INFO),
    ),
    pytest.param(
        contract(ORDER_ID),
        contract(ORDER_ID, version="2.0.0").replace(
            "One event per order placed in the shop.", "One event per order placed online."
        ),
        [("contract", "metadata-changed", INFO)],
        id="metadata-changed-contract-description",
    ),
    pytest.param(
        contract(ORDER_ID),
        contract(ORDER_ID, version="2.0.0").replace(
            "owner: payroll-engine", "owner: data-engineering"
        ),
        [("contract", "metadata-changed", INFO)],
        id="metadata-changed-owner",
    ),
    pytest.param(
        contract(ORDER_ID),
        contract(ORDER_ID, version="2.0.0").replace(
            "    use: Order dashboards\n",
            "    use: Order dashboards\n  - team: finance\n    use: Revenue\n",
        ),
        [("contract", "metadata-changed", INFO)],
        id="metadata-changed-consumers",
    ),
    pytest.param(
        contract(ORDER_ID),
        contract(ORDER_ID, version="2.0.0")
        .replace("owner: payroll-engine", "owner: data-engineering")
        .replace("  - team: analytics", "  - team: finance"),
        [("contract", "metadata-changed", INFO)],
        id="metadata-changed-owner-and-consumers-is-one-change",
    ),
    # --- several changes to one field ----------------------------------------------------
    field(
        "several-changes-to-one-field",
        "quantity",
        "{type: integer, required: true, min: 1, description: Units}",
        "{type: long, min: 1, description: Units ordered}",
        ("schema.quantity", "type-widened", BREAKING),
        ("schema.quantity", "field-optional", BREAKING),
        ("schema.quantity", "metadata-changed", INFO),
    ),
    pair("no-change", ORDER_ID + NOTE, ORDER_ID + NOTE),
]


def repository(tmp_path: Path, previous: dict[str, str], **extra: str) -> Path:
    """The base fixture plus ``previous`` committed on `main` at BASE_DATE."""
    root = make_repo(tmp_path / "repo", {**previous, **extra})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "previous", date=BASE_DATE)
    return root


def write(root: Path, current: dict[str, str | None]) -> None:
    for rel, text in current.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def compare(root: Path, config: Config | None = None) -> Report:
    loaded = LoadedConfig(config or Config(), None)
    return build(str(root), loaded, against="main", head=Head("worktree"), now=NOW)


def changed(tmp_path: Path, previous: dict[str, str], current: dict[str, str | None]) -> Report:
    root = repository(tmp_path, previous)
    write(root, current)
    return compare(root)


def triples(report: Report, *, subjects: tuple[str, ...] = ("contract", "metric")) -> list[Triple]:
    """The changes to contracts and metrics (those to the configuration only
    where ``subjects`` asks for them)."""
    return sorted(
        (a.change.element, a.change.change, a.verdict)
        for a in report.changes
        if a.change.subject in subjects
    )


def test_every_change_kind_has_a_case() -> None:
    covered = {t[1] for case in KIND_CASES for t in case.values[2]}
    covered |= {t[1] for case in METRIC_CASES for t in case.values[1]}
    # The configuration's own kinds have their cases in tests/security/test_config_floor.py.
    covered |= {"config-relaxed", "config-tightened", "unclassified-change"}
    assert covered == set(CHANGE_KINDS)


@pytest.mark.parametrize(("previous", "current", "expected"), KIND_CASES)
def test_contract_change_kinds(
    tmp_path: Path, previous: str, current: str | None, expected: list[Triple]
) -> None:
    report = changed(tmp_path, {PATH: previous}, {PATH: current})
    assert triples(report) == expected
    assert {a.change.id for a in report.changes} <= {CID}
    for a in report.changes:  # the version went to 2.0.0: only the notice policy refuses
        assert a.allowed == (a.verdict != "breaking")
        assert (a.notice is not None) == (a.verdict == "breaking")


METRIC_CASES = [
    pytest.param(
        METRIC.replace("/ count(payslip_id)", "/ count(distinct worker_id)"),
        [("formula", "metric-formula-changed", BREAKING)],
        id="metric-formula-changed-denominator",
    ),
    pytest.param(
        METRIC.replace(
            "count_if(corrected_after_generation) / count(payslip_id)",
            "1.0 * count_if(corrected_after_generation) / count(payslip_id)",
        ),
        [("formula", "metric-formula-changed", BREAKING)],
        id="metric-formula-changed-scaled",
    ),
    pytest.param(
        METRIC.replace(
            "count_if(corrected_after_generation) / count(payslip_id)",
            "COUNT_IF(p.corrected_after_generation)   /   COUNT(p.payslip_id)",
        ),
        [],
        id="metric-formula-case-whitespace-qualifiers-is-no-change",
    ),
    pytest.param(
        METRIC.replace(
            "formula: count_if(corrected_after_generation) / count(payslip_id)",
            "formula: >-\n  count_if(corrected_after_generation)\n  / count(payslip_id)",
        ),
        [],
        id="metric-formula-folded-over-lines-is-no-change",
    ),
    pytest.param(
        METRIC + "filter: country_code = 'DE'\n",
        [("formula", "metric-formula-changed", BREAKING)],
        id="metric-filter-added-changes-the-definition",
    ),
    pytest.param(None, [("metric", "metric-removed", BREAKING)], id="metric-removed"),
    pytest.param(
        METRIC.replace("name: Payslip error rate", "name: Payslip correction rate"),
        [("metric", "metadata-changed", INFO)],
        id="metric-metadata-changed",
    ),
    pytest.param(
        METRIC + DEPRECATION,
        [("metric", "deprecated", INFO)],
        id="metric-deprecated",
    ),
]


@pytest.mark.parametrize(("current", "expected"), METRIC_CASES)
def test_metric_change_kinds(tmp_path: Path, current: str | None, expected: list[Triple]) -> None:
    report = changed(tmp_path, {}, {METRIC_PATH: current})
    assert triples(report) == expected
    assert {(a.change.subject, a.change.id) for a in report.changes} <= {("metric", MID)}


# --- identity: the id and the field path, never the file ------------------------------------


def test_moved_file_is_no_change(tmp_path: Path) -> None:
    root = repository(tmp_path, {PATH: contract(ORDER_ID + NOTE)})
    (root / "contracts" / "sales").mkdir()
    git(root, "mv", PATH, "contracts/sales/orders.yaml")
    assert compare(root).changes == []


def test_moved_file_committed_on_a_branch_with_a_change(tmp_path: Path) -> None:
    root = repository(tmp_path, {PATH: contract(ORDER_ID + NOTE)})
    git(root, "checkout", "-q", "-b", "feature")
    (root / "contracts" / "sales").mkdir()
    git(root, "mv", PATH, "contracts/sales/orders.yaml")
    git(root, "commit", "-q", "-m", "move", date="2026-11-20T12:00:00Z")
    write(root, {"contracts/sales/orders.yaml": contract(ORDER_ID, version="2.0.0")})
    report = compare(root)
    assert triples(report) == [("schema.note", "field-removed", BREAKING)]
    # Anchored in the file as it is now: the removed field at its parent `schema:`.
    assert [(a.path, a.line) for a in report.changes] == [("contracts/sales/orders.yaml", 10)]


def test_changed_contract_id_is_a_removal_plus_an_added_contract(tmp_path: Path) -> None:
    report = changed(
        tmp_path,
        {PATH: contract(ORDER_ID)},
        {PATH: contract(ORDER_ID, version="2.0.0").replace(CID, "shop.order.created")},
    )
    assert sorted(
        (a.change.id, a.change.element, a.change.change, a.verdict, a.allowed)
        for a in report.changes
    ) == [
        ("shop.order.created", "contract", "metadata-changed", INFO, True),
        (CID, "contract", "contract-removed", BREAKING, False),
    ]


def test_added_contract_is_metadata(tmp_path: Path) -> None:
    report = changed(tmp_path, {}, {PATH: contract(ORDER_ID)})
    assert [
        (a.change.id, a.change.element, a.change.change, a.verdict) for a in report.changes
    ] == [(CID, "contract", "metadata-changed", INFO)]


# --- impact: consumers and the metrics that read the field ----------------------------------


def impact(report: Report) -> dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]]:
    return {(a.change.element, a.change.change): (a.consumers, a.metrics) for a in report.changes}


def test_a_field_read_by_a_metric_lists_the_metric(tmp_path: Path) -> None:
    # The base metric reads `corrected_after_generation` and `payslip_id`; a second
    # metric reads `payslip_id` through a table alias; a third reads `worker_id`
    # but from another contract (its sources), so it is not affected.
    metrics = {
        "metrics/payslips_per_worker.yaml": (
            "metric: payslips_per_worker\nowner: analytics\napproved_by: [finance]\n"
            "type: ratio\nformula: count(p.payslip_id) / count(distinct p.worker_id)\n"
            "sources: [payroll.payslip.generated]\nunit: ratio\n"
        ),
        "metrics/orders_per_worker.yaml": (
            "metric: orders_per_worker\nowner: analytics\napproved_by: [finance]\n"
            f"type: simple\nformula: count(worker_id)\nsources: [{CID}]\nunit: count\n"
        ),
    }
    root = repository(tmp_path, {PATH: contract(ORDER_ID), **metrics})
    write(
        root,
        {
            PAYSLIP_PATH: without(PAYSLIP, "line_item_count")
            .replace("version: 1.0.0", "version: 2.0.0")
            .replace("  payslip_id: {type: string,", "  payslip_id: {type: long,")
            .replace("  worker_id: {type: string, required: true,", "  worker_id: {type: string,")
            .replace(
                "    use: Payslip quality metrics\n",
                "    use: Payslip quality metrics\n  - team: finance\n",
            ),
        },
    )
    assert impact(compare(root)) == {
        ("schema.payslip_id", "type-changed"): (
            ("analytics", "finance"),
            ("payslip_error_rate", "payslips_per_worker"),
        ),
        ("schema.worker_id", "field-optional"): (
            ("analytics", "finance"),
            ("payslips_per_worker",),
        ),
        ("schema.line_item_count", "field-removed"): (("analytics", "finance"), ()),
        # A change to the whole contract concerns every metric that reads it.
        ("contract", "metadata-changed"): (
            ("analytics", "finance"),
            ("payslip_error_rate", "payslips_per_worker"),
        ),
    }


def test_nested_field_impact_follows_the_path(tmp_path: Path) -> None:
    metric = (
        "metric: customers_with_email\nowner: analytics\napproved_by: [analytics]\n"
        "type: simple\nformula: count(distinct customer.email)\n"
        f"sources: [{CID}]\nunit: count\n"
    )
    root = repository(
        tmp_path, {PATH: contract(ORDER_ID + CUSTOMER), "metrics/customers.yaml": metric}
    )
    write(
        root,
        {
            PATH: contract(
                ORDER_ID
                + CUSTOMER.replace(
                    "{type: string, required: true, description: Customer identifier}",
                    "{type: long, required: true, description: Customer identifier}",
                ).replace(
                    "pii: true, classification: confidential", "pii: true, classification: internal"
                ),
                version="2.0.0",
            )
        },
    )
    assert impact(compare(root)) == {
        ("schema.customer.id", "type-changed"): (("analytics",), ()),
        ("schema.customer.email", "classification-lowered"): (
            ("analytics",),
            ("customers_with_email",),
        ),
    }


def test_consumers_of_base_and_head_are_both_told(tmp_path: Path) -> None:
    two = contract(ORDER_ID + NOTE).replace(
        "    use: Order dashboards\n", "    use: Order dashboards\n  - team: finance\n"
    )
    report = changed(tmp_path, {PATH: two}, {PATH: contract(ORDER_ID, version="2.0.0")})
    assert impact(report) == {
        ("schema.note", "field-removed"): (("analytics", "finance"), ()),
        ("contract", "metadata-changed"): (("analytics", "finance"), ()),
    }


def test_metric_changes_name_its_approvers(tmp_path: Path) -> None:
    report = changed(
        tmp_path,
        {},
        {
            METRIC_PATH: METRIC.replace("count(payslip_id)", "count(distinct worker_id)").replace(
                "approved_by: [finance, operations]",
                "approved_by: [finance, operations, analytics]",
            )
        },
    )
    assert impact(report) == {
        ("formula", "metric-formula-changed"): (("finance", "operations", "analytics"), ()),
        ("metric", "metadata-changed"): (("finance", "operations", "analytics"), ()),
    }


def test_a_change_that_is_not_breaking_names_its_metrics_too(tmp_path: Path) -> None:
    # Only an info change in the whole comparison: its impact is still listed.
    report = changed(
        tmp_path,
        {},
        {
            PAYSLIP_PATH: PAYSLIP.replace(
                "description: Corrected after first generation}",
                "description: Corrected after the payslip was first generated}",
            )
        },
    )
    assert impact(report) == {
        ("schema.corrected_after_generation", "metadata-changed"): (
            ("analytics",),
            ("payslip_error_rate",),
        )
    }


# --- end to end: JSON, markdown and text output ---------------------------------------------

ANNOUNCED = contract(
    ORDER_ID
    + NOTE
    + "state: {type: string, enum: [new, paid], description: Order state}\n"
    + 'legacy_total: {type: "decimal(10,2)", description: Use the order API, '
    + "deprecated: {reason: use the order API, removal: 2026-11-01}}\n",
    top='change_policy: {channel: "#order-changes"}\n',
).replace("    use: Order dashboards\n", "    use: Order dashboards\n  - team: finance\n")
# The note (never announced) and legacy_total (deprecated on main since
# BASE_DATE, removal 2026-11-01) removed; an enum value added; version 2.0.0.
ANNOUNCED_NOW = ANNOUNCED.replace("version: 1.0.0", "version: 2.0.0").replace(
    "enum: [new, paid]", "enum: [new, paid, refunded]"
)
ANNOUNCED_NOW = without(without(ANNOUNCED_NOW, "note"), "legacy_total")
NORMATIVE_CHANGE_KEYS = {
    "contract", "element", "change", "severity", "allowed", "notice", "consumers", "metrics",
}  # fmt: skip
NORMATIVE_NOTICE_KEYS = {"status", "announced", "commit", "required_days", "earliest"}


def e2e_repository(tmp_path: Path, previous: dict[str, str], current: dict[str, str | None],
                   config: str = "") -> Path:  # fmt: skip
    root = repository(tmp_path, previous, **({"govern.yaml": config} if config else {}))
    write(root, current)
    return root


def test_breaking_and_diff_json(tmp_path: Path) -> None:
    root = e2e_repository(tmp_path, {PATH: ANNOUNCED}, {PATH: ANNOUNCED_NOW})
    sha = git(root, "rev-parse", "HEAD")
    args = ("--against", "main", "--now", "2026-11-22", "--format", "json")
    result = run_govern("breaking", *args, cwd=root)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    assert {"base", "head", "changes", "summary"} <= set(payload)
    assert payload["base"] == sha
    assert payload["head"] == "working tree"
    for item in payload["changes"]:
        assert set(item) >= NORMATIVE_CHANGE_KEYS
        assert item["notice"] is None or set(item["notice"]) == NORMATIVE_NOTICE_KEYS
    got = {
        (c["element"], c["change"]): (
            c["contract"], c["severity"], c["allowed"], c["notice"], c["consumers"], c["metrics"]
        )
        for c in payload["changes"]
    }  # fmt: skip
    team = ["analytics", "finance"]
    assert got == {
        ("schema.note", "field-removed"): (
            CID, BREAKING, False,
            {"status": "missing", "announced": None, "commit": None, "required_days": 14,
             "earliest": "2026-12-06"},
            team, [],
        ),
        ("schema.legacy_total", "field-removed"): (
            CID, BREAKING, True,
            # 14 days after 2026-10-01 is 2026-10-15; the removal date is later.
            {"status": "announced", "announced": "2026-10-01", "commit": sha,
             "required_days": 14, "earliest": "2026-11-01"},
            team, [],
        ),
        ("schema.state", "enum-value-added"): (CID, WARNING, True, None, team, []),
    }  # fmt: skip
    assert payload["summary"] == {"changes": 3, "breaking": 2, "refused": 1, "allowed": 1}

    diff = run_govern("diff", *args, cwd=root)
    assert diff.returncode == 0, diff.stderr  # refused breaking changes and all
    assert json.loads(diff.stdout) == payload


def cells(row: str) -> list[str]:
    """The cells of a markdown table row, splitting at unescaped pipes."""
    parts, cell, i = [], "", 1
    assert row.startswith("|") and row.endswith("|"), row
    while i < len(row):
        if row[i] == "\\" and i + 1 < len(row):
            cell += row[i : i + 2]
            i += 2
            continue
        if row[i] == "|":
            parts.append(cell.strip())
            cell = ""
        else:
            cell += row[i]
        i += 1
    return parts


def test_diff_markdown_is_an_announcement(tmp_path: Path) -> None:
    reason = "old | new\\nsee the wiki\\r| not a row |"
    current = ANNOUNCED_NOW.replace(
        "  state: {type: string,",
        f'  coupon: {{type: string, description: Code, deprecated: {{reason: "{reason}"}}}}\n'
        "  state: {type: string,",
    )
    previous = ANNOUNCED.replace(
        "  state: {type: string,",
        "  coupon: {type: string, description: Code}\n  state: {type: string,",
    )
    root = e2e_repository(tmp_path, {PATH: previous}, {PATH: current})
    result = run_govern(
        "diff", "--against", "main", "--now", "2026-11-22", "--format", "markdown", cwd=root
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "## Data contract changes: `main` → the working tree"
    assert f"### contract `{CID}`" in lines
    assert "Consumers: analytics, finance · Announce in: #order-changes" in lines
    rows = [line for line in lines if line.startswith("|")]
    assert rows[0] == "| change | element | verdict | what | notice |"
    assert all(len(cells(row)) == 5 for row in rows), rows
    body = {cells(row)[1]: cells(row) for row in rows[2:]}
    assert body["`schema.coupon`"] == [
        "deprecated",
        "`schema.coupon`",
        "info",
        "`coupon` deprecated: old \\| new see the wiki \\| not a row \\|",
        "",
    ]
    assert body["`schema.note`"][2] == "**breaking, refused**"
    assert "It was never announced" in body["`schema.note`"][4]
    assert body["`schema.legacy_total`"][2] == "breaking, allowed"
    assert len(rows) == 2 + 4
    # Every line of the output is either a table row or not part of a table.
    assert not any("see the wiki" in line and not line.startswith("|") for line in lines)


def test_breaking_text_shows_refused_first_and_escapes_control_characters(
    tmp_path: Path,
) -> None:
    other = "contracts/aaa/first.yaml"
    first = contract(ORDER_ID).replace(CID, "aaa.first")
    current = ANNOUNCED_NOW.replace(
        "  state: {type: string,",
        '  coupon: {type: string, description: Code, deprecated: {reason: "\\e[31mred\\e[0m '
        '\\e]8;;https://evil.example\\a link"}}\n  state: {type: string,',
    )
    previous = ANNOUNCED.replace(
        "  state: {type: string,",
        "  coupon: {type: string, description: Code}\n  state: {type: string,",
    )
    root = e2e_repository(
        tmp_path,
        {PATH: previous, other: first},
        {PATH: current, other: first.replace("in the shop.", "in the shop, first.")},
    )
    result = run_govern("breaking", "--against", "main", "--now", "2026-11-22", cwd=root)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred\\x1b[0m \\x1b]8;;https://evil.example\\x07 link" in out
    lines = out.splitlines()
    # The contract with a refused change comes first, and in it the refused change.
    titles = [i for i, line in enumerate(lines) if line.startswith("contract ")]
    assert [lines[i].split()[1] for i in titles] == [CID, "aaa.first"]
    first_change = lines[titles[0] + 1].split()
    assert first_change[:4] == ["✗", "refused", "field-removed", "schema.note"]
    assert lines[titles[0] + 2].strip() == "field `note` removed"
    assert lines[titles[0] + 3].strip().startswith("It was never announced: add `deprecated:`")
    assert "earliest 2026-12-06" in lines[titles[0] + 3]
    assert lines[-1] == "✗ 1 breaking change refused, 1 allowed; 3 other changes."


# --- configuration --------------------------------------------------------------------------

NARROWED = (
    {PATH: contract(ORDER_ID + "quantity: {type: long, description: Units}\n")},
    {PATH: contract(ORDER_ID + "quantity: {type: integer, description: Units}\n", version="2.0.0")},
)


def test_config_makes_a_narrowing_breaking(tmp_path: Path) -> None:
    config = "breaking:\n  severities:\n    type-narrowed: breaking\n"
    root = e2e_repository(tmp_path, *NARROWED, config=config)
    result = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "json",
                        cwd=root)  # fmt: skip
    assert result.returncode == 1, result.stderr
    [item] = json.loads(result.stdout)["changes"]
    assert (item["element"], item["change"], item["severity"], item["allowed"]) == (
        "schema.quantity", "type-narrowed", BREAKING, False,
    )  # fmt: skip
    assert item["notice"]["status"] == "missing"
    # The base branch's configuration holds: deleting govern.yaml in the branch
    # does not relax the check that judges the branch.
    (root / "govern.yaml").unlink()
    relaxed = run_govern("breaking", "--against", "main", "--now", "2026-11-22", cwd=root)
    assert relaxed.returncode == 1, relaxed.stdout
    # Without the configuration on either side, a narrowing is a warning: exit 0.
    plain_root = e2e_repository(tmp_path / "plain", *NARROWED)
    plain = run_govern("breaking", "--against", "main", "--now", "2026-11-22", cwd=plain_root)
    assert plain.returncode == 0, plain.stdout


def test_a_branch_cannot_relax_the_policy_in_its_own_govern_yaml(tmp_path: Path) -> None:
    # The branch makes field-removed info and lowers notice_days in govern.yaml;
    # the base branch's (default) policy still judges it.
    root = e2e_repository(tmp_path, *NARROWED)
    (root / "govern.yaml").write_text(
        "notice_days: 1\nbreaking:\n  severities: {type-narrowed: info}\n", encoding="utf-8"
    )
    result = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "json",
                        cwd=root)  # fmt: skip
    changes = json.loads(result.stdout)["changes"]
    [item] = [c for c in changes if c["subject"] == "contract"]
    assert item["severity"] == WARNING  # the default, not the branch's `info`
    # And the relaxations are changes of their own, refused without notice.
    assert sorted((c["element"], c["change"], c["allowed"]) for c in changes if c != item) == [
        ("config.breaking.severities.type-narrowed", "config-relaxed", False),
        ("config.notice_days", "config-relaxed", False),
    ]
    assert result.returncode == 1


def test_config_verdict_counts_for_the_version_bump(tmp_path: Path) -> None:
    root = repository(tmp_path, NARROWED[0])
    write(root, {PATH: NARROWED[1][PATH].replace("version: 2.0.0", "version: 1.0.0")})
    assert triples(compare(root)) == [("schema.quantity", "type-narrowed", WARNING)]
    config = Config.model_validate({"breaking": {"severities": {"type-narrowed": "breaking"}}})
    assert triples(compare(root, config)) == [
        ("schema.quantity", "type-narrowed", BREAKING),
        ("version", "version-not-bumped", BREAKING),
    ]
    # Lowering a verdict only takes effect once it is on the base branch: here
    # the base has no govern.yaml, so its default (warning) still holds.
    lowered = Config.model_validate({"breaking": {"severities": {"type-narrowed": "info"}}})
    assert triples(compare(root, lowered)) == [("schema.quantity", "type-narrowed", WARNING)]
    assert triples(compare(root, lowered), subjects=("config",)) == [
        ("config.breaking.severities.type-narrowed", "config-relaxed", BREAKING)
    ]


def test_config_unknown_change_kind_is_a_config_error(tmp_path: Path) -> None:
    config = "notice_days: 14\nbreaking:\n  severities:\n    type-narowed: breaking\n"
    root = e2e_repository(tmp_path, *NARROWED, config=config)
    result = run_govern("breaking", "--against", "main", cwd=root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: govern.yaml:4:5: unknown change kind 'type-narowed'; did you mean `type-narrowed`?"
    ]


# --- the version bump, and a head that does not load ----------------------------------------


REMOVED = ("schema.note", "field-removed", BREAKING)
NOT_BUMPED = ("version", "version-not-bumped", BREAKING)


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        pytest.param("1.0.0", [REMOVED, NOT_BUMPED], id="1.0.0"),
        pytest.param("1.1.0", [REMOVED, NOT_BUMPED], id="1.1.0"),
        pytest.param("2.0.0", [REMOVED], id="2.0.0"),
        pytest.param("3.0.0", [REMOVED], id="3.0.0"),
    ],
)
def test_breaking_change_needs_a_major_version_bump(
    tmp_path: Path, version: str, expected: list[Triple]
) -> None:
    report = changed(
        tmp_path, {PATH: contract(ORDER_ID + NOTE)}, {PATH: contract(ORDER_ID, version=version)}
    )
    assert triples(report) == expected
    bump = [a for a in report.changes if a.change.change == "version-not-bumped"]
    for a in bump:
        assert (a.allowed, a.path, a.line) == (False, PATH, 2)  # the `version:` line
        assert a.reason == "Bump `version` to 2.0.0 (or higher)."
        assert a.consumers == ("analytics",)


def test_no_bump_needed_without_a_breaking_change(tmp_path: Path) -> None:
    report = changed(tmp_path, {PATH: contract(ORDER_ID)}, {PATH: contract(ORDER_ID + NOTE)})
    assert triples(report) == [("schema.note", "field-added", INFO)]


def test_an_announced_removal_still_needs_the_bump(tmp_path: Path) -> None:
    deprecated = NOTE.replace("}", ", deprecated: {reason: unused, removal: 2026-11-01}}")
    report = changed(tmp_path, {PATH: contract(ORDER_ID + deprecated)}, {PATH: contract(ORDER_ID)})
    assert sorted((a.change.element, a.change.change, a.allowed) for a in report.changes) == [
        ("schema.note", "field-removed", True),
        ("version", "version-not-bumped", False),
    ]


def test_version_not_bumped_in_json_is_refused_at_the_version_line(tmp_path: Path) -> None:
    root = e2e_repository(tmp_path, {PATH: contract(ORDER_ID + NOTE)}, {PATH: contract(ORDER_ID)})
    result = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "json",
                        cwd=root)  # fmt: skip
    assert result.returncode == 1
    bump = [c for c in json.loads(result.stdout)["changes"] if c["change"] == "version-not-bumped"]
    assert [(c["contract"], c["element"], c["severity"], c["allowed"], c["path"], c["line"])
            for c in bump] == [(CID, "version", BREAKING, False, PATH, 2)]  # fmt: skip


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(contract(ORDER_ID).replace("schema:\n", "schema: [\n"), id="yaml-error"),
        pytest.param(contract(ORDER_ID).replace("kind: event", "kind: evnt"), id="shape-error"),
    ],
)
def test_a_head_file_that_does_not_load_cannot_be_judged(tmp_path: Path, broken: str) -> None:
    root = e2e_repository(tmp_path, {PATH: contract(ORDER_ID + NOTE)}, {PATH: broken})
    result = run_govern("breaking", "--against", "main", "--now", "2026-11-22", cwd=root)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {PATH} does not load")
    assert f"`govern lint {PATH}`" in line


def test_yaml_parses_the_way_the_cases_say() -> None:
    # Guard: the table's YAML is what it looks like (a typo would make a case vacuous).
    for case in KIND_CASES:
        for text in case.values[:2]:
            if text is not None:
                assert yaml.safe_load(text)["contract"] == CID


def test_excluded_files_are_not_compared(tmp_path: Path) -> None:
    draft = "contracts/drafts/order_placed.yaml"
    # Excluded on the base branch too: a branch cannot exclude on its own
    # (tests/security/test_config_floor.py).
    excluded = "exclude: ['contracts/drafts/*']\n"
    root = repository(tmp_path, {draft: contract(ORDER_ID + NOTE), "govern.yaml": excluded})
    write(root, {draft: None, PATH: contract(ORDER_ID).replace(CID, "shop.order.kept")})
    config = Config.model_validate({"exclude": ["contracts/drafts/*"]})
    assert [(a.change.id, a.change.change) for a in compare(root, config).changes] == [
        ("shop.order.kept", "metadata-changed")
    ]
    assert ("contract", "contract-removed", BREAKING) in triples(compare(root))


def test_a_pull_request_that_only_announces_is_announced(tmp_path: Path) -> None:
    # A notices-only change is worth an announcement: `govern diff --format
    # markdown` names the notice and the contract's consumers.
    previous = NARROWED[0][PATH]
    current = previous.replace(
        "schema:",
        "notices:\n  - {element: schema.quantity, change: type-narrowed, "
        "reason: quantities fit 32 bits, effective: 2027-01-15}\nschema:",
        1,
    )
    root = e2e_repository(tmp_path, {PATH: previous}, {PATH: current})
    result = run_govern("diff", "--against", "main", "--format", "markdown", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (
        "notice: type-narrowed of schema.quantity announced, effective 2027-01-15" in result.stdout
    )
