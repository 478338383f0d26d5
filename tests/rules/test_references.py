"""References resolve (GOV101-GOV110): a table per rule of YAML that fails,
with the exact position of each finding, and YAML that passes.

Positions are counted by hand from the YAML of each case (see tests/rules/table.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import hits, lint_findings, make_repo
from tests.rules.table import RUN, Case, check, contract, fails, passes, table, y

SCHEMA = """
    schema:
      run_id: {type: string, description: Run identifier}
"""
METRIC = "metrics/payslip_count.yaml"
PIPES = "ownership/pipelines.yaml"
PLATFORM = "ownership/platform.yaml"


def metric(
    formula: str = "count(payslip_id)",
    sources: str = "[payroll.payslip.generated]",
    owner: str = "analytics",
) -> str:
    """A metric: the formula is on line 7 (its value at column 10), sources on line 8."""
    return y(f"""
        metric: payslip_count
        name: Payslip count
        description: Payslips generated.
        owner: {owner}
        approved_by: [finance]
        type: simple
        formula: {formula}
        sources: {sources}
    """)


# A team in a file of its own: references to it resolve across files.
PLATFORM_TEAM = y("""
    teams:
      platform:
        name: Platform
        slack: "#platform"
        members: [pat, quinn]
""")
# A shape-broken file: `platform` is a list, not a mapping (GOV004). The id still
# exists, so nothing that names it is reported a second time.
BROKEN_PLATFORM = y("""
    teams:
      platform: [pat, quinn]
""")
# A contract with shape errors (GOV004): it is loaded without them, its id resolves.
BROKEN_RUN = y("""
    contract: payroll.run.completed
    version: 1.0.0
    status: live
    kind: evnt
    description: One event per finished payroll run.
    owner: payroll-engine
    schema:
      run_id: {type: string, description: Run identifier}
""")

GOV101 = table(
    "GOV101",
    fails(
        "contract-owner-typo",
        {RUN: contract(SCHEMA, owner="payroll-engin")},
        (RUN, 6, 8),
        says=("owner `payroll-engin`", "did you mean `payroll-engine`?"),
    ),
    # Team ids are case-sensitive; a quoted value is pointed at its opening quote.
    fails(
        "contract-owner-wrong-case",
        {RUN: contract(SCHEMA, owner='"Payroll-Engine"')},
        (RUN, 6, 8),
        says=("did you mean `payroll-engine`?",),
    ),
    fails(
        "metric-owner",
        {METRIC: metric(owner="analytic")},
        (METRIC, 4, 8),
        says=("did you mean `analytics`?",),
    ),
    fails(
        "pipeline-all-roles-at-once",
        {
            PIPES: y("""
        pipelines:
          payroll_quality_daily:
            description: Daily payslip counts
            primary: data-engineerin
            secondary: analytic
            oncall: platform
            sources: [payroll.payslip.generated]
    """)
        },
        (PIPES, 4, 14),
        (PIPES, 5, 16),
        (PIPES, 6, 13),
        says=(
            "primary owner `data-engineerin`",
            "did you mean `data-engineering`?",
            "secondary owner `analytic`",
            "oncall owner `platform`",
        ),
    ),
    fails(
        "dataset-flow-style",
        {
            PIPES: y("""
        datasets:
          mart_payslip_quality_daily: {primary: payroll, secondary: analytics}
    """)
        },
        (PIPES, 2, 41),
        says=("did you mean `payroll-engine`?",),
    ),
    passes("base-team", {RUN: contract(SCHEMA)}),
    passes(
        "team-in-another-ownership-file",
        {
            PLATFORM: PLATFORM_TEAM,
            RUN: contract(SCHEMA, owner="platform"),
            METRIC: metric(owner="platform"),
            PIPES: y("""
            pipelines:
              payroll_quality_daily: {primary: platform, secondary: analytics, oncall: platform}
        """),
        },
    ),
    passes(
        "team-in-shape-broken-file",
        {
            PLATFORM: BROKEN_PLATFORM,
            RUN: contract(SCHEMA, owner="platform"),
        },
        requires=("GOV004",),
    ),
    passes(
        "no-owner-is-another-rule",
        {
            RUN: y("""
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        requires=("GOV501",),
    ),
)

GOV102 = table(
    "GOV102",
    fails(
        "block-list-typo",
        {
            RUN: contract("""
        consumers:
          - team: analytics
          - team: analytcs
            use: Dashboards
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 9, 11),
        says=("consumer `analytcs`", "did you mean `analytics`?"),
    ),
    fails(
        "flow-two-typos-at-once",
        {
            RUN: contract("""
        consumers: [{team: finanse}, {team: opertions}]
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 7, 20),
        (RUN, 7, 37),
        says=("did you mean `finance`?", "did you mean `operations`?"),
    ),
    # A person is not a team, even a person of a known team.
    fails(
        "person-not-team",
        {
            RUN: contract("""
        consumers:
          - team: ana
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
        (RUN, 8, 11),
        says=("consumer `ana` is not a team",),
    ),
    passes(
        "base-teams",
        {
            RUN: contract("""
        consumers: [{team: analytics}, {team: finance, use: Payroll cost}]
        schema:
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
    passes(
        "team-in-another-ownership-file",
        {
            PLATFORM: PLATFORM_TEAM,
            RUN: contract("""
        consumers:
          - team: platform
        schema:
          run_id: {type: string, description: Run identifier}
    """),
        },
    ),
    passes(
        "team-in-shape-broken-file",
        {
            PLATFORM: BROKEN_PLATFORM,
            RUN: contract("""
        consumers:
          - team: platform
        schema:
          run_id: {type: string, description: Run identifier}
    """),
        },
        requires=("GOV004",),
    ),
    passes("no-consumers", {RUN: contract(SCHEMA)}),
)

WAIVER_APPROVERS = contract("""
    consumers: [{team: analytics}]
    waivers:
      - element: schema.run_id
        change: type-changed
        reason: nobody reads it
        approved_by: [analytics, {approver}]
    schema:
      run_id: {type: string, description: Run identifier}
""")

GOV103 = table(
    "GOV103",
    fails(
        "metric-flow-list",
        {METRIC: metric().replace("[finance]", "[finanse]")},
        (METRIC, 5, 15),
        says=("approver `finanse`", "did you mean `finance`?"),
    ),
    fails(
        "metric-block-list-two-at-once",
        {
            METRIC: y("""
        metric: payslip_count
        name: Payslip count
        description: Payslips generated.
        owner: analytics
        approved_by:
          - finance
          - operatons
          - legal
        type: simple
        formula: count(payslip_id)
        sources: [payroll.payslip.generated]
    """)
        },
        (METRIC, 7, 5),
        (METRIC, 8, 5),
        says=("did you mean `operations`?", "approver `legal`"),
    ),
    fails(
        "waiver-approver",
        {RUN: WAIVER_APPROVERS.replace("{approver}", "finanse")},
        (RUN, 12, 30),
        says=("did you mean `finance`?",),
    ),
    passes("base-teams", {METRIC: metric().replace("[finance]", "[finance, operations]")}),
    passes(
        "team-in-another-ownership-file",
        {
            PLATFORM: PLATFORM_TEAM,
            METRIC: metric().replace("[finance]", "[platform]"),
            RUN: WAIVER_APPROVERS.replace("{approver}", "platform"),
        },
    ),
    passes(
        "team-in-shape-broken-file",
        {
            PLATFORM: BROKEN_PLATFORM,
            METRIC: metric().replace("[finance]", "[platform]"),
        },
        requires=("GOV004",),
    ),
)

GOV104 = table(
    "GOV104",
    fails(
        "typo-flow-list",
        {METRIC: metric(sources="[payroll.payslips.generated]")},
        (METRIC, 8, 11),
        says=("source `payroll.payslips.generated`", "did you mean `payroll.payslip.generated`?"),
    ),
    fails(
        "block-list-one-of-two",
        {
            METRIC: y("""
        metric: payslip_count
        name: Payslip count
        description: Payslips generated.
        owner: analytics
        approved_by: [finance]
        type: simple
        formula: count(payslip_id)
        sources:
          - payroll.payslip.generated
          - payroll.run.complete
    """)
        },
        (METRIC, 10, 5),
        says=("source `payroll.run.complete` is not a contract id",),
    ),
    fails(
        "two-unknown-at-once",
        {METRIC: metric(sources="[payroll.run, hr.worker]")},
        (METRIC, 8, 11),
        (METRIC, 8, 24),
    ),
    passes("base-contract", {METRIC: metric()}),
    passes(
        "contract-in-another-file",
        {
            RUN: contract(SCHEMA),
            METRIC: metric("count(run_id)", "[payroll.run.completed]"),
        },
    ),
    passes(
        "shape-broken-contract",
        {
            RUN: BROKEN_RUN,
            METRIC: metric("count(run_id)", "[payroll.run.completed]"),
        },
        requires=("GOV004",),
    ),
)

# payroll.run.completed with a nested object, for formulas that read subfields.
RUN_TOTALS = contract("""
    schema:
      run_id: {type: string, description: Run identifier}
      totals:
        type: object
        description: Totals of the run
        fields:
          gross: {type: "decimal(18,2)", description: Sum of gross pay}
""")

GOV105 = table(
    "GOV105",
    fails(
        "unknown-column",
        {METRIC: metric("count_if(is_corrected) / count(payslip_id)")},
        (METRIC, 7, 10),
        says=("formula reads `is_corrected`",),
    ),
    # Every unknown column is reported, each at the formula.
    fails(
        "two-unknown-columns-at-once",
        {METRIC: metric("sum(gross_pay) / count(workr_id)")},
        (METRIC, 7, 10),
        (METRIC, 7, 10),
        says=("`gross_pay`", "`workr_id`", "did you mean `worker_id`?"),
    ),
    fails(
        "block-scalar-formula",
        {
            METRIC: y("""
        metric: payslip_count
        name: Payslip count
        description: Payslips generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: >-
          count_if(is_corrected)
          / count(payslip_id)
        sources: [payroll.payslip.generated]
    """)
        },
        (METRIC, 7, 10),
        says=("`is_corrected`",),
    ),
    fails(
        "unknown-subfield",
        {
            RUN: RUN_TOTALS,
            METRIC: metric("sum(totals.net)", "[payroll.run.completed]"),
        },
        (METRIC, 7, 10),
        says=("formula reads `totals.net`",),
    ),
    fails(
        "column-of-neither-source",
        {
            RUN: RUN_TOTALS,
            METRIC: metric(
                "count(payslip_id) / count(run_idd)",
                "[payroll.payslip.generated, payroll.run.completed]",
            ),
        },
        (METRIC, 7, 10),
        says=(
            "not a field of payroll.payslip.generated, payroll.run.completed",
            "did you mean `run_id`?",
        ),
    ),
    passes("base-metric", {}),
    # Unquoted SQL identifiers are case-insensitive.
    passes(
        "upper-case-identifiers",
        {METRIC: metric("COUNT_IF(CORRECTED_AFTER_GENERATION) / COUNT(Payslip_Id)")},
    ),
    passes("table-qualified-column", {METRIC: metric("count(p.payslip_id)")}),
    passes(
        "subfield-by-path-and-by-name",
        {
            RUN: RUN_TOTALS,
            METRIC: metric("sum(totals.gross) + sum(gross)", "[payroll.run.completed]"),
        },
    ),
    passes(
        "columns-from-two-sources",
        {
            RUN: RUN_TOTALS,
            METRIC: metric(
                "sum(gross) / count(payslip_id)",
                "[payroll.payslip.generated, payroll.run.completed]",
            ),
        },
    ),
    passes(
        "unknown-source-is-another-rule",
        {METRIC: metric("count(anything)", "[payroll.nothing]")},
        requires=("GOV104",),
    ),
    passes(
        "syntax-error-is-another-rule", {METRIC: metric("count(payslip_id")}, requires=("GOV401",)
    ),
    # The field read has a shape error (no `type`, GOV005): it is still a field.
    passes(
        "read-field-has-shape-error",
        {
            RUN: contract("""
            schema:
              run_id: {type: string, description: Run identifier}
              worker_count: {description: Workers paid}
        """),
            METRIC: metric("sum(worker_count)", "[payroll.run.completed]"),
        },
        requires=("GOV005",),
    ),
    passes(
        "source-schema-unreadable",
        {
            RUN: contract("""
            schema: [run_id, worker_count]
        """),
            METRIC: metric("sum(worker_count)", "[payroll.run.completed]"),
        },
        requires=("GOV004",),
    ),
)


def pipeline(sources: str) -> str:
    """A pipeline whose ``sources:`` key is on line 6 (column 5); ``sources`` is
    the text after it, on the same line and below."""
    return y("""
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: analytics
            sources:{sources}
    """).format(sources=sources)


GOV106 = table(
    "GOV106",
    fails(
        "typo-flow-list",
        {PIPES: pipeline(" [payroll.payslips.generated]")},
        (PIPES, 6, 15),
        says=("did you mean `payroll.payslip.generated`?",),
    ),
    fails(
        "block-list-two-at-once",
        {
            PIPES: pipeline(
                "\n      - stripe_api"
                "\n      - payroll.payslip.generated"
                "\n      - payroll.run.completd"
                "\n      - finance.cost.allocated"
            )
        },
        (PIPES, 9, 9),
        (PIPES, 10, 9),
        says=("`payroll.run.completd` looks like a contract id", "`finance.cost.allocated`"),
    ),
    passes(
        "contract-ids-and-raw-systems",
        {PIPES: pipeline(" [payroll.payslip.generated, stripe_api, workday-export]")},
    ),
    passes(
        "contract-in-another-file",
        {RUN: contract(SCHEMA), PIPES: pipeline(" [payroll.run.completed]")},
    ),
    passes(
        "shape-broken-contract",
        {RUN: BROKEN_RUN, PIPES: pipeline(" [payroll.run.completed]")},
        requires=("GOV004",),
    ),
)


RACI = "ownership/raci.yaml"

GOV107 = table(
    "GOV107",
    fails(
        "flow-row",
        {
            RACI: y("""
        raci:
          data_contracts: {data-engineering: A, ml-ops: R}
    """)
        },
        (RACI, 2, 41),
        says=("RACI team `ml-ops`", "did you mean `mlops`?"),
    ),
    fails(
        "block-row-two-at-once",
        {
            RACI: y("""
        raci:
          feature_engineering:
            data-engineering: C
            ml_ops: R/A
            prodcut: C
    """)
        },
        (RACI, 4, 5),
        (RACI, 5, 5),
        says=("did you mean `mlops`?", "did you mean `product`?"),
    ),
    passes(
        "base-teams",
        {
            RACI: y("""
        raci:
          data_contracts: {data-engineering: A, mlops: R, product: C}
          feature_engineering:
            data-engineering: C
            mlops: R/A
    """)
        },
    ),
    passes(
        "team-in-another-ownership-file",
        {
            PLATFORM: PLATFORM_TEAM,
            RACI: y("""
        raci:
          data_contracts: {platform: A, mlops: R}
    """),
        },
    ),
    passes(
        "team-in-shape-broken-file",
        {
            PLATFORM: BROKEN_PLATFORM,
            RACI: y("""
        raci:
          data_contracts: {platform: A, mlops: R}
    """),
        },
        requires=("GOV004",),
    ),
)

GOV108 = table(
    "GOV108",
    fails(
        "team-escalation-two-at-once",
        {
            PLATFORM: y("""
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
            escalation: [pat, platform-pm, managr]
    """)
        },
        (PLATFORM, 6, 23),
        (PLATFORM, 6, 36),
        says=("escalation target `platform-pm`", "did you mean `manager`?"),
    ),
    fails(
        "pipeline-severity-escalation",
        {
            PIPES: y("""
        pipelines:
          payroll_quality_daily:
            description: Daily payslip counts
            primary: data-engineering
            secondary: analytics
            severity_escalation:
              high: {respond_within: 2h, then: [manager, finance-lead]}
              critical:
                respond_within: 30m
                then:
                  - oncall
                  - omarr
    """)
        },
        (PIPES, 7, 50),
        (PIPES, 12, 13),
        says=("`finance-lead` is neither a team", "did you mean `omar`?"),
    ),
    passes(
        "teams-people-and-roles",
        {
            PLATFORM: y("""
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
            escalation: [pat, finance, ana, omar, dana, manager, owner, oncall]
    """)
        },
    ),
    passes(
        "people-of-another-file",
        {
            PLATFORM: PLATFORM_TEAM,
            PIPES: y("""
        pipelines:
          payroll_quality_daily:
            primary: data-engineering
            secondary: analytics
            severity_escalation:
              critical: {respond_within: 15m, then: [quinn, platform, primary, secondary]}
    """),
        },
    ),
    # `members` is text, not a list (GOV004): quinn is still a person.
    passes(
        "person-of-shape-broken-team",
        {
            "ownership/payments.yaml": y("""
            teams:
              payments:
                name: Payments
                slack: "#payments"
                members: quinn, ray
        """),
            PLATFORM: y("""
            teams:
              platform:
                name: Platform
                slack: "#platform"
                members: [pat]
                escalation: [quinn, payments]
        """),
        },
        requires=("GOV004",),
    ),
)

ASSETS = y("""
    pipelines:
      payroll_quality_daily:
        primary: data-engineering
        secondary: analytics
    datasets:
      mart_payslip_quality_daily: {primary: data-engineering, secondary: analytics}
    raci:
      data_contracts: {data-engineering: A, mlops: R}
""")

GOV109 = table(
    "GOV109",
    fails(
        "contract-in-two-files",
        {
            "contracts/payroll/payslip_generated_v2.yaml": contract(
                SCHEMA, cid="payroll.payslip.generated"
            ),
        },
        ("contracts/payroll/payslip_generated_v2.yaml", 1, 11),
        says=(
            "contract `payroll.payslip.generated` is also defined in "
            "contracts/payroll/payslip_generated.yaml:1",
        ),
    ),
    # The first file in path order is the original; every other copy is reported.
    fails(
        "contract-in-three-files",
        {
            "contracts/a/copy.yaml": contract(SCHEMA, cid="payroll.payslip.generated"),
            "contracts/z/copy.yaml": contract(SCHEMA, cid="payroll.payslip.generated"),
        },
        ("contracts/payroll/payslip_generated.yaml", 1, 11),
        ("contracts/z/copy.yaml", 1, 11),
        says=("also defined in contracts/a/copy.yaml:1",),
    ),
    fails(
        "metric-in-two-files",
        {
            "metrics/payslip_error_rate_v2.yaml": metric().replace(
                "metric: payslip_count", "metric: payslip_error_rate"
            ),
        },
        ("metrics/payslip_error_rate_v2.yaml", 1, 9),
        says=("metric `payslip_error_rate` is also defined in metrics/payslip_error_rate.yaml:1",),
    ),
    fails(
        "team-in-two-ownership-files",
        {
            "ownership/zz_finance.yaml": y("""
        teams:
          finance:
            name: Finance again
            slack: "#finance-2"
    """)
        },
        ("ownership/zz_finance.yaml", 2, 3),
        says=("team `finance` is also defined in ownership/teams.yaml:15",),
    ),
    fails(
        "pipeline-dataset-and-raci-at-once",
        {
            "ownership/a_assets.yaml": ASSETS,
            "ownership/b_assets.yaml": ASSETS,
        },
        ("ownership/b_assets.yaml", 2, 3),
        ("ownership/b_assets.yaml", 6, 3),
        ("ownership/b_assets.yaml", 8, 3),
        says=(
            "pipeline `payroll_quality_daily` is also defined in ownership/a_assets.yaml:2",
            "dataset `mart_payslip_quality_daily` is also defined in ownership/a_assets.yaml:6",
            "RACI activity `data_contracts` is also defined in ownership/a_assets.yaml:8",
        ),
    ),
    passes(
        "distinct-ids",
        {
            RUN: contract(SCHEMA),
            "metrics/payslip_count.yaml": metric(),
            PLATFORM: PLATFORM_TEAM,
        },
    ),
    # Ids are unique per kind: a team, a pipeline and a RACI activity may share a name.
    passes(
        "same-name-different-kinds",
        {
            PIPES: y("""
        pipelines:
          analytics: {primary: analytics, secondary: finance}
        raci:
          analytics: {analytics: A, finance: R}
    """)
        },
    ),
    # A key repeated inside one file is a YAML duplicate key (GOV002), not GOV109.
    passes(
        "repeated-key-in-one-file-is-another-rule",
        {
            PLATFORM: y("""
        teams:
          platform: {name: Platform, slack: "#platform"}
          platform: {name: Platform, slack: "#platform"}
    """)
        },
        requires=("GOV002",),
    ),
)

GOV110 = table(
    "GOV110",
    fails(
        "oncall-and-leave-all-at-once",
        {
            PLATFORM: y("""
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [ana, bo]
            oncall:
              rotation: weekly
              start: 2026-01-05
              handoff: monday 10:00 UTC
              members: [ana, bo, chen, dee]
            leave:
              - {member: bo, from: 2026-12-21, to: 2027-01-03}
              - member: eve
                from: 2026-07-01
                to: 2026-07-14
    """)
        },
        (PLATFORM, 10, 26),
        (PLATFORM, 10, 32),
        (PLATFORM, 13, 17),
        says=(
            "on-call member `chen` is not in the members of team `platform`",
            "`eve` is on leave but not a member of team `platform`",
        ),
    ),
    # bo is a member of data-engineering, not of platform.
    fails(
        "member-of-another-team",
        {
            PLATFORM: y("""
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
            oncall: {rotation: daily, start: 2026-01-05, handoff: "10:00 UTC", members: [pat, bo]}
    """)
        },
        (PLATFORM, 6, 87),
        says=("on-call member `bo`",),
    ),
    passes(
        "members-on-call-and-on-leave",
        {
            PLATFORM: y("""
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat, quinn]
            oncall: {rotation: daily, start: 2026-01-05, handoff: 10:00 UTC, members: [quinn, pat]}
            leave:
              - {member: quinn, from: 2026-12-21, to: 2027-01-03}
    """)
        },
    ),
    passes("no-oncall", {PLATFORM: PLATFORM_TEAM}),
    # `members` is text (GOV004): there is nothing to compare the rotation with.
    passes(
        "members-unreadable",
        {
            PLATFORM: y("""
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: pat, quinn
            oncall: {rotation: daily, start: 2026-01-05, handoff: 10:00 UTC, members: [pat, quinn]}
            leave:
              - {member: pat, from: 2026-12-21, to: 2027-01-03}
    """)
        },
        requires=("GOV004",),
    ),
)


DATASETS = "ownership/datasets.yaml"

GOV111 = table(
    "GOV111",
    # `contract:` is on line 6, its value at column 15.
    fails(
        "typo",
        {
            DATASETS: y("""
        datasets:
          stg_payslip_daily:
            description: Payslips of the day
            primary: data-engineering
            secondary: analytics
            contract: payroll.payslips.generated
    """)
        },
        (DATASETS, 6, 15),
        says=("did you mean `payroll.payslip.generated`?",),
    ),
    fails(
        "two-datasets-one-wrong",
        {
            DATASETS: y("""
        datasets:
          stg_payslip_daily: {primary: data-engineering, contract: payroll.payslip.generated}
          stg_run_daily: {primary: data-engineering, contract: payroll.run.finished}
    """)
        },
        (DATASETS, 3, 56),
        says=("contract `payroll.run.finished` is not a contract id",),
    ),
    passes(
        "resolves",
        {
            DATASETS: y("""
        datasets:
          stg_payslip_daily:
            primary: data-engineering
            contract: payroll.payslip.generated
    """)
        },
    ),
    passes(
        "no-contract-named",
        {
            DATASETS: y("""
        datasets:
          stg_payslip_daily: {primary: data-engineering}
    """)
        },
    ),
)


@pytest.mark.parametrize(
    ("code", "case"),
    [
        *GOV101,
        *GOV102,
        *GOV103,
        *GOV104,
        *GOV105,
        *GOV106,
        *GOV107,
        *GOV108,
        *GOV109,
        *GOV110,
        *GOV111,
    ],
)
def test_reference_rule(code: str, case: Case, tmp_path: Path) -> None:
    check(tmp_path, code, case)


# A file that is not YAML at all (GOV001) has no readable ids, so what names
# them is reported as unknown as well: one syntax error in a contract becomes a
# GOV104 in every metric and a GOV106 in every pipeline that reads it, and one
# in a team file a GOV101 for everything the team owns. A shape-broken file does
# not cascade (the tables above); an unparsable one should not either.
def test_ids_of_unparsable_files_do_not_cascade(tmp_path: Path) -> None:
    files = {
        RUN: contract("""
            schema:
              run_id: {type: string, description: Run identifier
        """),
        PLATFORM: y("""
            teams:
              platform: {name: Platform, slack: "#platform"
        """),
        METRIC: metric("count(run_id)", "[payroll.run.completed]", owner="platform"),
        PIPES: pipeline(" [payroll.run.completed]"),
    }
    findings = lint_findings(make_repo(tmp_path / "repo", files))
    assert {path for path, _, _ in hits(findings, "GOV001")} == {RUN, PLATFORM}
    cascade = [
        (f.rule, f.path, f.message) for f in findings if f.rule in ("GOV101", "GOV104", "GOV106")
    ]
    assert cascade == []
