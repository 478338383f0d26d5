"""Contract-level rules (GOV201-GOV207): a table per rule of YAML that fails,
with the exact position of each finding, and YAML that passes.

Positions are counted by hand from the YAML of each case (see tests/rules/table.py):
a contract built with ``contract()`` has six header lines, its body starts on line 7."""

from __future__ import annotations

from pathlib import Path

import pytest

from govern.config import Config
from tests.rules.table import RUN, Case, check, contract, fails, passes, table, y

SCHEMA = """
    schema:
      run_id: {type: string, description: Run identifier}
"""
ID_MESSAGE = "must be lowercase words separated by `.` or `_`"

GOV201 = table(
    "GOV201",
    fails(
        "kebab-and-capitals",
        {RUN: contract(SCHEMA, cid="Payroll-Run-Completed")},
        (RUN, 1, 11),
        says=("contract id `Payroll-Run-Completed` " + ID_MESSAGE,),
    ),
    fails("empty-word", {RUN: contract(SCHEMA, cid="payroll..run")}, (RUN, 1, 11)),
    fails("one-capital", {RUN: contract(SCHEMA, cid="payroll.Run.completed")}, (RUN, 1, 11)),
    fails("hyphen-inside", {RUN: contract(SCHEMA, cid="payroll.run-completed")}, (RUN, 1, 11)),
    fails("leading-digit", {RUN: contract(SCHEMA, cid="2024.payroll.run")}, (RUN, 1, 11)),
    fails("trailing-dot", {RUN: contract(SCHEMA, cid="payroll.run.")}, (RUN, 1, 11)),
    # A quoted value is pointed at its opening quote.
    fails(
        "quoted-with-space",
        {RUN: contract(SCHEMA, cid='"payroll run"')},
        (RUN, 1, 11),
        says=("`payroll run`",),
    ),
    passes("dotted", {RUN: contract(SCHEMA, cid="payroll.run.completed")}),
    passes("underscored", {RUN: contract(SCHEMA, cid="payroll_run_completed")}),
    passes("digits-inside-words", {RUN: contract(SCHEMA, cid="payroll.run_v2.completed")}),
    passes("one-word", {RUN: contract(SCHEMA, cid="payroll")}),
)

SEMVER_MESSAGE = "is not semver: write MAJOR.MINOR.PATCH"

GOV202 = table(
    "GOV202",
    fails(
        "v-prefix",
        {RUN: contract(SCHEMA, version="v2")},
        (RUN, 2, 10),
        says=("version `v2` " + SEMVER_MESSAGE,),
    ),
    fails(
        "quoted-two-parts",
        {RUN: contract(SCHEMA, version='"1.0"')},
        (RUN, 2, 10),
        says=("version `1.0`",),
    ),
    fails("four-parts", {RUN: contract(SCHEMA, version="1.0.0.1")}, (RUN, 2, 10)),
    fails("leading-zero", {RUN: contract(SCHEMA, version="01.0.0")}, (RUN, 2, 10)),
    fails("empty-prerelease", {RUN: contract(SCHEMA, version="1.0.0-")}, (RUN, 2, 10)),
    fails("word", {RUN: contract(SCHEMA, version="latest")}, (RUN, 2, 10)),
    passes("plain", {RUN: contract(SCHEMA, version="1.0.0")}),
    passes("prerelease", {RUN: contract(SCHEMA, version="2.1.0-rc.1")}),
    passes("build-metadata", {RUN: contract(SCHEMA, version="1.0.0+build.5")}),
    passes("many-digits", {RUN: contract(SCHEMA, version="10.20.30")}),
    # An unquoted 1.0 is a YAML number: a shape error (GOV004), reported once.
    passes("number-is-a-shape-error", {RUN: contract(SCHEMA, version="1.0")}, requires=("GOV004",)),
)


def without_description(description_line: str) -> str:
    """A contract whose line 5 is ``description_line`` (empty: no such line)."""
    text = contract(SCHEMA).replace(
        "description: One event per finished payroll run.\n", description_line
    )
    assert text != contract(SCHEMA)
    return text


GOV203 = table(
    "GOV203",
    fails(
        "missing",
        {RUN: without_description("")},
        (RUN, 1, 11),
        says=("contract `payroll.run.completed` has no description",),
    ),
    fails("empty-text", {RUN: without_description('description: ""\n')}, (RUN, 1, 11)),
    fails("blank-text", {RUN: without_description('description: "   "\n')}, (RUN, 1, 11)),
    fails("null", {RUN: without_description("description:\n")}, (RUN, 1, 11)),
    passes("one-line", {RUN: contract(SCHEMA)}),
    passes(
        "folded-block",
        {
            RUN: without_description(
                "description: >\n  Emitted once per payroll run\n  when every payslip is final.\n"
            )
        },
    ),
)

GOV204 = table(
    "GOV204",
    fails(
        "below-default-block",
        {
            RUN: contract("""
        change_policy:
          notice_days: 7
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 8, 16),
        says=("notice_days 7 is below the repository minimum of 14 days",),
    ),
    fails(
        "below-default-flow",
        {
            RUN: contract("""
        change_policy: {notice_days: 7, channel: "#data-changes"}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 7, 30),
    ),
    fails(
        "zero",
        {
            RUN: contract("""
        change_policy:
          notice_days: 0
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 8, 16),
    ),
    # The repository minimum comes from govern.yaml (seed 004: 30 days).
    fails(
        "below-configured-minimum",
        {
            RUN: contract("""
        change_policy:
          notice_days: 14
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 8, 16),
        config=Config(notice_days=30),
        says=("notice_days 14 is below the repository minimum of 30 days",),
    ),
    passes(
        "equal-to-default",
        {
            RUN: contract("""
        change_policy: {notice_days: 14}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
    passes(
        "raised",
        {
            RUN: contract("""
        change_policy: {notice_days: 30, channel: "#data-changes"}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
    passes(
        "equal-to-configured",
        {
            RUN: contract("""
        change_policy: {notice_days: 30}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        config=Config(notice_days=30),
    ),
    passes(
        "above-configured",
        {
            RUN: contract("""
        change_policy: {notice_days: 60}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        config=Config(notice_days=30),
    ),
    passes(
        "no-notice-days",
        {
            RUN: contract("""
        change_policy: {channel: "#data-changes"}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
    passes("no-change-policy", {RUN: contract(SCHEMA)}),
)

# Every element kind of PRODUCT.md section 3: a field, a nested field, array
# items, an SLA property.
ELEMENTS = """
    schema:
      run_id: {type: string, description: Run identifier}
      worker_count: {type: integer, description: Workers paid in the run}
      lines: {type: array, description: Line items, items: {type: string}}
      totals:
        type: object
        description: Totals of the run
        fields:
          gross: {type: "decimal(18,2)", description: Sum of gross pay}
    sla:
      freshness: 1h
"""
# The normative change kinds (PRODUCT.md section 3), written out here so that a
# kind missing from govern's own list fails this table.
CHANGE_KINDS = (
    "contract-removed",
    "field-removed",
    "field-added",
    "type-widened",
    "type-narrowed",
    "type-changed",
    "field-optional",
    "field-required",
    "enum-value-added",
    "enum-value-removed",
    "constraint-loosened",
    "constraint-tightened",
    "pattern-changed",
    "sla-loosened",
    "sla-tightened",
    "classification-lowered",
    "deprecated",
    "undeprecated",
    "metadata-changed",
    "metric-formula-changed",
    "metric-removed",
)
GENERAL = "(write `contract`, `schema.<field>` or `sla.<property>`)"


def with_elements(body: str) -> str:
    """A contract: ``body`` (notices, waivers) from line 7, then ELEMENTS."""
    return contract(y(body) + y(ELEMENTS))


GOV205 = table(
    "GOV205",
    fails(
        "unknown-change-kind",
        {
            RUN: with_elements("""
        notices:
          - {element: schema.worker_count, change: type-widen, reason: counts above 2^31}
    """)
        },
        (RUN, 8, 44),
        says=("`type-widen` is not a change kind; did you mean `type-widened`?",),
    ),
    fails(
        "unknown-field-block-style",
        {
            RUN: with_elements("""
        notices:
          - element: schema.worker_cnt
            change: type-widened
            reason: counts above 2^31
    """)
        },
        (RUN, 8, 14),
        says=(
            "element `schema.worker_cnt` is not part of contract `payroll.run.completed`; "
            "did you mean `schema.worker_count`?",
        ),
    ),
    fails(
        "unknown-sla-property",
        {
            RUN: with_elements("""
        notices:
          - {element: sla.latency, change: sla-loosened}
    """)
        },
        (RUN, 8, 15),
        says=("element `sla.latency`", GENERAL),
    ),
    fails(
        "items-of-a-non-array",
        {
            RUN: with_elements("""
        notices:
          - {element: schema.worker_count.items, change: type-changed}
    """)
        },
        (RUN, 8, 15),
    ),
    # `schema` alone names no field: general advice, not a guess.
    fails(
        "schema-alone",
        {
            RUN: with_elements("""
        notices:
          - {element: schema, change: type-changed}
    """)
        },
        (RUN, 8, 15),
        says=(GENERAL,),
        never_says=("did you mean",),
    ),
    fails(
        "notice-and-waiver-all-at-once",
        {
            RUN: with_elements("""
        consumers: [{team: analytics}]
        notices:
          - {element: schema.lines.item, change: type-changed}
        waivers:
          - element: schema.totals.net
            change: removed
            reason: never populated
            approved_by: [analytics]
    """)
        },
        (RUN, 9, 15),
        (RUN, 11, 14),
        (RUN, 12, 13),
        says=(
            "`schema.lines.item`",
            "did you mean `schema.lines.items`?",
            "`schema.totals.net`",
            "`removed` is not a change kind",
        ),
    ),
    passes(
        "every-element-kind",
        {
            RUN: with_elements("""
        consumers: [{team: analytics}]
        notices:
          - {element: schema.worker_count, change: type-widened, reason: counts above 2^31}
          - {element: schema.totals.gross, change: type-changed}
          - {element: schema.lines.items, change: type-changed}
          - {element: sla.freshness, change: sla-loosened}
        waivers:
          - {element: contract, change: contract-removed, reason: r, approved_by: [analytics]}
    """)
        },
    ),
    # A removal's notice names the field it had on the base branch.
    passes(
        "removed-field",
        {
            RUN: with_elements("""
        notices:
          - {element: schema.cost_center, change: field-removed}
    """)
        },
    ),
    passes(
        "every-change-kind",
        {
            RUN: with_elements(
                "notices:\n"
                + "".join(f"  - {{element: contract, change: {kind}}}\n" for kind in CHANGE_KINDS)
            )
        },
    ),
)

WAIVER = """
    consumers: [{team: analytics}, {team: finance}]
    waivers:
      - element: schema.run_id
        change: type-changed
        reason: {reason}
        approved_by: {approved_by}
    schema:
      run_id: {type: string, description: Run identifier}
"""


def waiver(reason: str = "nobody reads it", approved_by: str = "[analytics, finance]") -> str:
    """Consumers analytics and finance (line 7); a waiver whose reason is on
    line 11 and whose approved_by value is at line 12, column 18."""
    return contract(WAIVER.replace("{reason}", reason).replace("{approved_by}", approved_by))


GOV206 = table(
    "GOV206",
    fails(
        "one-consumer-missing",
        {RUN: waiver(approved_by="[analytics]")},
        (RUN, 12, 18),
        says=("waiver for schema.run_id lacks the approval of consumer team(s) `finance`",),
    ),
    fails(
        "approvers-who-are-not-consumers",
        {RUN: waiver(approved_by="[operations, mlops]")},
        (RUN, 12, 18),
        says=("team(s) `analytics`, `finance`",),
    ),
    fails(
        "blank-reason",
        {RUN: waiver(reason='"  "')},
        (RUN, 9, 5),
        says=("waiver for schema.run_id gives no reason",),
    ),
    # No approved_by and no reason: both reported, at the waiver itself.
    fails(
        "bare-flow-waiver",
        {
            RUN: contract("""
        consumers: [{team: analytics}, {team: finance}]
        waivers:
          - {element: schema.run_id, change: type-changed}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 9, 5),
        (RUN, 9, 5),
        says=("team(s) `analytics`, `finance`", "gives no reason"),
    ),
    # A team listed twice as a consumer is one missing approval.
    fails(
        "consumer-listed-twice",
        {
            RUN: contract("""
        consumers:
          - team: analytics
          - {team: analytics, use: Forecasts}
        waivers:
          - {element: schema.run_id, change: type-changed, reason: unused, approved_by: []}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 11, 81),
        says=("team(s) `analytics`",),
        never_says=("`analytics`, ",),
    ),
    fails(
        "two-waivers-at-once",
        {
            RUN: contract("""
        consumers: [{team: analytics}, {team: finance}]
        waivers:
          - {element: schema.run_id, change: type-changed, reason: unused, approved_by: [finance]}
          - element: contract
            change: contract-removed
            approved_by: [analytics, finance]
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 9, 81),
        (RUN, 10, 5),
        says=(
            "waiver for schema.run_id lacks the approval of consumer team(s) `analytics`",
            "waiver for contract gives no reason",
        ),
    ),
    passes("every-consumer-approves", {RUN: waiver()}),
    passes(
        "more-approvers-than-consumers",
        {RUN: waiver(approved_by="[finance, operations, analytics]")},
    ),
    passes(
        "no-consumers",
        {
            RUN: contract("""
        waivers:
          - {element: schema.run_id, change: type-changed, reason: unused, approved_by: []}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
    passes("no-waivers", {RUN: contract(SCHEMA)}),
)

GOV207 = table(
    "GOV207",
    fails(
        "deprecated-true",
        {
            RUN: contract(
                """
        deprecated: true
        schema:
          run_id: {type: string, description: Run identifier}
    """,
                status="deprecated",
            )
        },
        (RUN, 7, 13),
        says=("contract `payroll.run.completed` is deprecated without a reason",),
    ),
    fails(
        "removal-without-reason",
        {
            RUN: contract("""
        deprecated: {removal: 2027-03-01}
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 7, 13),
    ),
    # A block mapping's position is its first key.
    fails(
        "blank-reason-block",
        {
            RUN: contract("""
        deprecated:
          reason: "  "
          removal: 2027-03-01
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 8, 3),
    ),
    fails(
        "status-without-notice",
        {RUN: contract(SCHEMA, status="deprecated")},
        (RUN, 3, 9),
        says=("status is `deprecated` but the contract has no `deprecated:",),
    ),
    fails(
        "status-with-deprecated-false",
        {
            RUN: contract(
                """
        deprecated: false
        schema:
          run_id: {type: string, description: Run identifier}
    """,
                status="deprecated",
            )
        },
        (RUN, 3, 9),
    ),
    passes(
        "reason-and-removal",
        {
            RUN: contract(
                """
        deprecated: {reason: replaced by payroll.run.finalized, removal: 2027-03-01}
        schema:
          run_id: {type: string, description: Run identifier}
    """,
                status="deprecated",
            )
        },
    ),
    passes(
        "reason-only-while-active",
        {
            RUN: contract("""
        deprecated:
          reason: replaced by payroll.run.finalized
          replacement: payroll.run.finalized
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
    passes("not-deprecated", {RUN: contract(SCHEMA)}),
    passes(
        "deprecated-false",
        {
            RUN: contract("""
        deprecated: false
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
)


@pytest.mark.parametrize(
    ("code", "case"), [*GOV201, *GOV202, *GOV203, *GOV204, *GOV205, *GOV206, *GOV207]
)
def test_contract_rule(code: str, case: Case, tmp_path: Path) -> None:
    check(tmp_path, code, case)
