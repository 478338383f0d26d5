"""Ownership rules (GOV501-GOV511) as data tables: ownership files (new team ids:
platform, infra, sre, ...) added to the base repository (tests/fixtures/base) and
the exact (path, line, column) each rule reports. Seeds 003 (pipelines, on-call)
and 004 (RACI) supply the cases.

Lines and columns are 1-based and were counted by hand from the YAML below."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import hits, lint_findings, make_repo

Where = tuple[str, int, int]
Files = dict[str, str | bytes]

C = "contracts/payroll/run_completed.yaml"
M = "metrics/worker_error_rate.yaml"
P = "ownership/pipelines.yaml"
D = "ownership/datasets.yaml"
R = "ownership/raci.yaml"
E = "ownership/escalation.yaml"
T = "ownership/platform.yaml"


def yaml(path: str, *lines: str) -> Files:
    """One file written line by line: line 1 is the first argument."""
    return {path: "".join(f"{line}\n" for line in lines)}


def reported(tmp_path: Path, code: str, files: Files) -> list[Where]:
    root = make_repo(tmp_path / "repo", files)
    return sorted(hits(lint_findings(root), code))


# --- GOV501 missing-owner ------------------------------------------------------------------

CONTRACT = (
    "contract: payroll.run.completed",
    "version: 1.0.0",
    "status: active",
    "kind: event",
    "description: One event per finished payroll run.",
    "schema:",
    "  payroll_run_id: {type: string, required: true, description: Run identifier}",
)
METRIC = (
    "metric: worker_error_rate",
    "name: Worker error rate",
    "description: Share of workers with at least one corrected payslip.",
    "approved_by: [finance]",
    "type: ratio",
    "formula: count_if(corrected_after_generation) / count(distinct worker_id)",
    "sources: [payroll.payslip.generated]",
)
PIPELINE = (
    "pipelines:",
    "  payroll_quality_daily:",
    "    description: Daily payslip correction counts",
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # Reported at the contract id: "contract: " is 10 characters.
        pytest.param(yaml(C, *CONTRACT), [(C, 1, 11)], id="fails-contract-without-owner"),
        pytest.param(
            yaml(C, *CONTRACT, 'owner: ""'), [(C, 1, 11)], id="fails-contract-empty-owner"
        ),
        # "metric: " is 8 characters.
        pytest.param(yaml(M, *METRIC), [(M, 1, 9)], id="fails-metric-without-owner"),
        # A pipeline or dataset is reported at its key.
        pytest.param(
            yaml(P, *PIPELINE, "    secondary: analytics"),
            [(P, 2, 3)],
            id="fails-pipeline-only-secondary",
        ),
        pytest.param(
            yaml(P, *PIPELINE, '    primary: ""', "    secondary: analytics"),
            [(P, 2, 3)],
            id="fails-pipeline-empty-primary",
        ),
        pytest.param(
            yaml(
                P,
                "pipelines:",
                "  unit_level_profit: {primary: data-engineering, secondary: mlops}",
                "  aggregate_profit: {secondary: data-engineering}",
            ),
            [(P, 3, 3)],
            id="fails-second-pipeline-flow",
        ),
        pytest.param(
            yaml(
                D,
                "datasets:",
                "  stg_payroll_runs_daily:",
                "    description: Payroll runs, deduplicated",
                "    contract: payroll.payslip.generated",
            ),
            [(D, 2, 3)],
            id="fails-dataset-without-primary",
        ),
        pytest.param(yaml(C, *CONTRACT, "owner: payroll-engine"), [], id="passes-contract"),
        pytest.param(yaml(M, *METRIC, "owner: analytics"), [], id="passes-metric"),
        pytest.param(
            yaml(P, *PIPELINE, "    primary: data-engineering", "    secondary: analytics"),
            [],
            id="passes-pipeline",
        ),
        pytest.param(
            yaml(D, "datasets:", "  stg_payroll_runs_daily:", "    primary: data-engineering"),
            [],
            id="passes-dataset",
        ),
    ],
)
def test_missing_owner(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV501", files) == sorted(expected)


# --- GOV502 primary-is-secondary -----------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # Reported at the secondary owner: "    secondary: " is 15 characters.
        pytest.param(
            yaml(P, *PIPELINE, "    primary: data-engineering", "    secondary: data-engineering"),
            [(P, 5, 16)],
            id="fails-pipeline",
        ),
        pytest.param(
            yaml(
                D,
                "datasets:",
                "  stg_payroll_runs_daily:",
                "    primary: analytics",
                "    secondary: analytics",
            ),
            [(D, 4, 16)],
            id="fails-dataset",
        ),
        # "  unit_level_profit: {primary: finance, secondary: " is 51 characters.
        pytest.param(
            yaml(P, "pipelines:", "  unit_level_profit: {primary: finance, secondary: finance}"),
            [(P, 2, 52)],
            id="fails-flow-mapping",
        ),
        pytest.param(
            yaml(P, *PIPELINE, "    primary: finance", "    secondary: data-engineering"),
            [],
            id="passes-seed-003-aggregate-profit",
        ),
        pytest.param(yaml(P, *PIPELINE, "    primary: finance"), [], id="passes-no-secondary"),
        pytest.param(yaml(P, *PIPELINE, "    secondary: finance"), [], id="passes-no-primary"),
    ],
)
def test_primary_is_secondary(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV502", files) == expected


# --- GOV503 raci-accountable ---------------------------------------------------------------

# Seed 004's matrix as written there, row by row (line 2 onwards).
SEED_004 = yaml(
    R,
    "raci:",
    "  raw_data_ingestion:    {data-engineering: R/A, mlops: I, product: I}",
    "  data_warehouse_setup:  {data-engineering: R/A, mlops: C, product: I}",
    "  feature_engineering:   {data-engineering: C, mlops: R/A, product: C}",
    "  model_training:        {data-engineering: I, mlops: R/A, product: C}",
    "  model_serving_api:     {data-engineering: I, mlops: R/A, product: C}",
    "  feature_store_infra:   {data-engineering: R/A, mlops: R/A, product: I}",
    "  production_incident:   {data-engineering: R, mlops: R, product: I}",
    "  data_contracts:        {data-engineering: A, mlops: R, product: C}",
)


def row(cells: str) -> Files:
    """One RACI activity on line 2, its key in column 3."""
    return yaml(R, "raci:", f"  feature_store_infra: {{{cells}}}")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # "Feature store infra" has two A's, "Production incident" none.
        pytest.param(SEED_004, [(R, 7, 3), (R, 8, 3)], id="fails-seed-004-matrix"),
        pytest.param(
            row("data-engineering: R/A, mlops: R/A, product: I"), [(R, 2, 3)], id="fails-two-r-a"
        ),
        pytest.param(
            row("data-engineering: a, mlops: R/A"), [(R, 2, 3)], id="fails-two-a-one-lowercase"
        ),
        pytest.param(
            row("data-engineering: R, mlops: R, product: I"), [(R, 2, 3)], id="fails-no-a"
        ),
        pytest.param(
            yaml(
                R,
                "raci:",
                "  model_serving_api:",
                "    data-engineering: I",
                "    mlops: R",
                "    product: C",
            ),
            [(R, 2, 3)],
            id="fails-block-row-no-a",
        ),
        pytest.param(row("data-engineering: R/A, mlops: R, product: I"), [], id="passes-r-a"),
        pytest.param(row("data-engineering: r/a, mlops: r"), [], id="passes-lowercase"),
        pytest.param(row("data-engineering: R / A, mlops: C"), [], id="passes-spaces"),
        pytest.param(row("data-engineering: A/R, mlops: I"), [], id="passes-a-r-order"),
        pytest.param(row("data-engineering: A, mlops: R, product: C"), [], id="passes-a-alone"),
    ],
)
def test_raci_accountable(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV503", files) == sorted(expected)


def test_raci_accountable_message_names_both(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", row("data-engineering: R/A, mlops: R/A, product: I"))
    assert [f.message for f in lint_findings(root) if f.rule == "GOV503"] == [
        "activity `feature_store_infra` needs exactly one A (accountable); "
        "found `data-engineering`, `mlops`"
    ]


# --- GOV504 raci-responsible ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            row("data-engineering: A, mlops: C, product: C"), [(R, 2, 3)], id="fails-a-and-cs"
        ),
        pytest.param(row("mlops: A"), [(R, 2, 3)], id="fails-only-a"),
        pytest.param(
            row("data-engineering: A, mlops: Responsible"), [(R, 2, 3)], id="fails-word-is-no-r"
        ),
        pytest.param(
            yaml(
                R,
                "raci:",
                "  data_contracts: {data-engineering: A, mlops: R}",
                "  model_training: {data-engineering: I, mlops: A}",
            ),
            [(R, 3, 3)],
            id="fails-second-row",
        ),
        pytest.param(SEED_004, [], id="passes-seed-004-matrix"),
        pytest.param(row("data-engineering: A, mlops: r"), [], id="passes-lowercase"),
        pytest.param(row("data-engineering: A/R"), [], id="passes-a-r"),
        pytest.param(row("data-engineering: R, mlops: R, product: A"), [], id="passes-two-rs"),
    ],
)
def test_raci_responsible(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV504", files) == sorted(expected)


# --- GOV505 raci-letters -------------------------------------------------------------------


def cell(value: str) -> Files:
    """mlops's cell on line 2: "  data_contracts: {data-engineering: A, mlops: " is 47
    characters, so the value starts in column 48."""
    return yaml(R, "raci:", f"  data_contracts: {{data-engineering: A, mlops: {value}}}")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(cell("Responsible"), [(R, 2, 48)], id="fails-word"),
        pytest.param(cell("RA"), [(R, 2, 48)], id="fails-letters-without-slash"),
        pytest.param(cell('"R,A"'), [(R, 2, 48)], id="fails-comma"),
        pytest.param(cell("R/R"), [(R, 2, 48)], id="fails-repeated-letter"),
        pytest.param(cell("X"), [(R, 2, 48)], id="fails-unknown-letter"),
        pytest.param(cell('""'), [(R, 2, 48)], id="fails-empty"),
        pytest.param(cell('"/"'), [(R, 2, 48)], id="fails-slash-only"),
        # "    mlops: " is 11 characters.
        pytest.param(yaml(R, "raci:", "  data_contracts:", "    data-engineering: A",
                          "    mlops: Resp"), [(R, 4, 12)], id="fails-block-row"),
        # "  data_contracts: {data-engineering: " is 37 characters.
        pytest.param(yaml(R, "raci:", "  data_contracts: {data-engineering: AR, mlops: RC}"),
                     [(R, 2, 38), (R, 2, 49)], id="fails-two-cells"),
        *(pytest.param(cell(v), [], id=f"passes-{v}")
          for v in ("R", "C", "I", "R/A", "r", "c / i")),
        pytest.param(SEED_004, [], id="passes-seed-004-matrix"),
    ],
)  # fmt: skip
def test_raci_letters(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV505", files) == sorted(expected)


# --- GOV506 escalation-cycle ---------------------------------------------------------------


def team(team_id: str, member: str, *escalation: str) -> tuple[str, ...]:
    """A team block of five lines (key, name, slack, members, escalation); the
    escalation list is on its fifth line and its first item in column 18
    ("    escalation: [" is 17 characters)."""
    return (
        f"  {team_id}:",
        f"    name: {team_id.title()}",
        f'    slack: "#{team_id}"',
        f"    members: [{member}]",
        f"    escalation: [{', '.join(escalation)}]",
    )


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # Teams on lines 2-6, 7-11, 12-16: escalation lists on lines 6, 11 and 16. A
        # loop is reported once, on the alphabetically first team in it (infra).
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "infra"),
                          *team("infra", "ines", "platform")),
                     [(E, 11, 18)], id="fails-loop-of-two"),
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "infra"),
                          *team("infra", "ines", "sre"), *team("sre", "sam", "platform")),
                     [(E, 11, 18)], id="fails-loop-of-three"),
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "platform")), [(E, 6, 18)],
                     id="fails-team-escalates-to-itself"),
        # "      - " is 8 characters: the second item of infra's block list is on line 13.
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "infra"), "  infra:",
                          "    name: Infrastructure", '    slack: "#infra"', "    members: [ines]",
                          "    escalation:", "      - ines", "      - platform"),
                     [(E, 13, 9)], id="fails-loop-after-a-person"),
        # platform -> infra -> platform and platform -> sre -> platform: two loops;
        # "    escalation: [infra, " is 24 characters.
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "infra", "sre"),
                          *team("infra", "ines", "platform"), *team("sre", "sam", "platform")),
                     [(E, 6, 25), (E, 11, 18)], id="fails-two-loops-through-one-team"),
        # infra -> sre -> platform -> infra and infra -> platform -> infra, both from
        # infra's list: "    escalation: [sre, " is 22 characters.
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "infra"),
                          *team("infra", "ines", "sre", "platform"),
                          *team("sre", "sam", "platform")),
                     [(E, 11, 18), (E, 11, 23)], id="fails-two-loops-from-one-list"),
        pytest.param({**yaml(T, "teams:", *team("platform", "pat", "infra")),
                      **yaml("ownership/infra.yaml", "teams:", *team("infra", "ines", "platform"))},
                     [("ownership/infra.yaml", 6, 18)], id="fails-loop-across-files"),
        # infra is defined twice (GOV109); the first definition read has no escalation.
        # This crashed the lint with a ValueError.
        pytest.param({**yaml("ownership/a_infra.yaml", "teams:", *team("infra", "ines")[:4]),
                      **yaml("ownership/b_escalation.yaml", "teams:",
                             *team("infra", "ines", "platform"),
                             *team("platform", "pat", "infra"))},
                     [("ownership/b_escalation.yaml", 6, 18)], id="fails-team-defined-twice"),
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "infra"),
                          *team("infra", "ines", "ines")), [], id="passes-chain-ends-at-person"),
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "payroll-engine")), [],
                     id="passes-chain-through-base-teams-to-dana"),
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "infra", "sre"),
                          *team("infra", "ines", "dba"), *team("sre", "sam", "dba"),
                          *team("dba", "dee", "dee")), [], id="passes-diamond"),
        pytest.param(yaml(E, "teams:", *team("platform", "pat", "manager")), [],
                     id="passes-role"),
    ],
)  # fmt: skip
def test_escalation_cycle(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV506", files) == sorted(expected)


def test_escalation_cycle_message_shows_the_loop(tmp_path: Path) -> None:
    files = yaml(
        E,
        "teams:",
        *team("platform", "pat", "infra"),
        *team("infra", "ines", "sre"),
        *team("sre", "sam", "platform"),
    )
    root = make_repo(tmp_path / "repo", files)
    assert [f.message for f in lint_findings(root) if f.rule == "GOV506"] == [
        "escalation loops back: infra -> sre -> platform -> infra"
    ]


def test_escalation_cycle_dense_graph_is_bounded(tmp_path: Path) -> None:
    """Sixteen teams that all escalate to one another: every loop listed would be
    about 10^13 paths (this hung); one loop per pair of teams is 120 findings."""
    ids = [f"team{i:02d}" for i in range(16)]
    lines = ["teams:"]
    for t in ids:
        lines += team(t, f"person{t}", *(o for o in ids if o != t))
    root = make_repo(tmp_path / "repo", yaml(E, *lines))
    found = [f for f in lint_findings(root) if f.rule == "GOV506"]
    assert len(found) == 16 * 15 // 2
    assert found[0].message == "escalation loops back: team00 -> team01 -> team00"


# --- GOV507 oncall-rotation ----------------------------------------------------------------


def oncall(rotation: str, start: str, handoff: str, members: str = "[ana, bo, chen]") -> Files:
    """rotation on line 7 (column 17), start on 8 (column 14), handoff on 9
    (column 16), members on 10 (column 16; in a flow list ana, bo, chen start in
    columns 17, 22, 26)."""
    return yaml(
        T,
        "teams:",
        "  platform:",
        "    name: Platform",
        '    slack: "#platform"',
        "    members: [ana, bo, chen]",
        "    oncall:",
        f"      rotation: {rotation}",
        f"      start: {start}",
        f"      handoff: {handoff}",
        f"      members: {members}",
    )


# 2026-01-05 is a Monday (seed 003: "rotates among DEs every Monday at 10:00 AM").
MONDAY, TUESDAY, WEDNESDAY, SUNDAY = "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-04"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(oncall("weekly", MONDAY, "Monday 10am"), [(T, 9, 16)], id="fails-am-pm"),
        pytest.param(
            oncall("weekly", MONDAY, '"Monday 10am"'), [(T, 9, 16)], id="fails-quoted-am-pm"
        ),
        pytest.param(oncall("weekly", MONDAY, "monday 10:00"), [(T, 9, 16)], id="fails-no-utc"),
        pytest.param(
            oncall("weekly", MONDAY, "mon 10:00 UTC"), [(T, 9, 16)], id="fails-weekday-abbreviated"
        ),
        pytest.param(
            oncall("weekly", MONDAY, "10:00 UTC"), [(T, 9, 16)], id="fails-weekly-without-weekday"
        ),
        # The start is the first handoff: reported at `start`.
        pytest.param(
            oncall("weekly", TUESDAY, "monday 10:00 UTC"),
            [(T, 8, 14)],
            id="fails-start-tuesday-handoff-monday",
        ),
        pytest.param(
            oncall("weekly", MONDAY, "friday 17:00 UTC"),
            [(T, 8, 14)],
            id="fails-start-monday-handoff-friday",
        ),
        pytest.param(
            oncall("daily", MONDAY, "monday 10:00 UTC"), [(T, 9, 16)], id="fails-daily-with-weekday"
        ),
        pytest.param(
            oncall("weekly", MONDAY, "monday 10:00 UTC", "[]"), [(T, 10, 16)], id="fails-no-members"
        ),
        pytest.param(
            oncall("weekly", MONDAY, "monday 10:00 UTC", "[ana, bo, ana]"),
            [(T, 10, 26)],
            id="fails-member-twice",
        ),
        pytest.param(
            oncall("weekly", MONDAY, "Monday 10am", "[ana, ana]"),
            [(T, 9, 16), (T, 10, 22)],
            id="fails-handoff-and-member-twice",
        ),
        # "        - " is 10 characters.
        pytest.param(
            oncall("daily", MONDAY, "10:00 UTC", "\n        - ana\n        - ana"),
            [(T, 12, 11)],
            id="fails-member-twice-block-list",
        ),
        pytest.param(oncall("weekly", MONDAY, "monday 10:00 UTC"), [], id="passes-seed-003"),
        pytest.param(oncall("weekly", MONDAY, "Monday 10:00 utc"), [], id="passes-any-case"),
        pytest.param(oncall("weekly", WEDNESDAY, "wednesday 09:30 UTC"), [], id="passes-wednesday"),
        pytest.param(oncall("weekly", SUNDAY, "sunday 18:00 Z"), [], id="passes-sunday-zulu"),
        pytest.param(oncall("daily", TUESDAY, "10:00 UTC"), [], id="passes-daily"),
        pytest.param(oncall("daily", SUNDAY, "09:00 Z"), [], id="passes-daily-zulu"),
    ],
)
def test_oncall_rotation(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV507", files) == sorted(expected)


def test_oncall_start_message_names_both_weekdays(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", oncall("weekly", TUESDAY, "monday 10:00 UTC"))
    assert [f.message for f in lint_findings(root) if f.rule == "GOV507"] == [
        "start 2026-01-06 is a tuesday, but handoffs happen on monday"
    ]


# --- GOV508 leave-range --------------------------------------------------------------------

TEAM = ("teams:", "  platform:", "    name: Platform", '    slack: "#platform"',
        "    members: [ana, bo]", "    leave:")  # fmt: skip


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # "      - {member: ana, from: 2027-01-03, to: " is 44 characters.
        pytest.param(
            yaml(T, *TEAM, "      - {member: ana, from: 2027-01-03, to: 2026-12-21}"),
            [(T, 7, 45)],
            id="fails-dates-swapped",
        ),
        pytest.param(
            yaml(T, *TEAM, "      - {member: ana, from: 2026-03-02, to: 2026-03-01}"),
            [(T, 7, 45)],
            id="fails-one-day-backwards",
        ),
        # "        to: " is 12 characters.
        pytest.param(
            yaml(
                T, *TEAM, "      - member: bo", "        from: 2026-08-10", "        to: 2026-08-01"
            ),
            [(T, 9, 13)],
            id="fails-block-mapping",
        ),
        # "      - {member: bo, from: 2026-08-10, to: " is 43 characters.
        pytest.param(
            yaml(
                T,
                *TEAM,
                "      - {member: ana, from: 2026-12-21, to: 2027-01-03}",
                "      - {member: bo, from: 2026-08-10, to: 2026-08-01}",
            ),
            [(T, 8, 44)],
            id="fails-second-leave",
        ),
        pytest.param(
            yaml(T, *TEAM, "      - {member: ana, from: 2026-12-21, to: 2027-01-03}"),
            [],
            id="passes-across-new-year",
        ),
        pytest.param(
            yaml(T, *TEAM, "      - {member: ana, from: 2026-03-02, to: 2026-03-02}"),
            [],
            id="passes-one-day",
        ),
        pytest.param(yaml(T, *TEAM[:-1]), [], id="passes-no-leave"),
    ],
)
def test_leave_range(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV508", files) == expected


# --- GOV509 team-id-format -----------------------------------------------------------------


def team_id(key: str) -> Files:
    """The team's key on line 2, column 3."""
    return yaml(
        T,
        "teams:",
        f"  {key}:",
        "    name: Platform",
        '    slack: "#platform"',
        "    members: [pat]",
    )


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        *(pytest.param(team_id(key), [(T, 2, 3)], id=f"fails-{key}") for key in (
            "Platform Team", "Platform", "PLATFORM", "platform team", "platform--infra",
            "platform-", "1st-line", "sre.team", "platform_-infra",
        )),
        pytest.param(team_id('"Platform Team"'), [(T, 2, 3)], id="fails-quoted"),
        *(pytest.param(team_id(key), [], id=f"passes-{key}") for key in (
            "platform", "data_platform", "sre-2", "l2-support", "tier1",
        )),
    ],
)  # fmt: skip
def test_team_id_format(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV509", files) == expected


# --- GOV510 secondary-owner ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            yaml(P, *PIPELINE, "    primary: analytics"), [(P, 2, 3)], id="fails-no-secondary"
        ),
        pytest.param(
            yaml(
                P,
                "pipelines:",
                "  unit_level_profit: {primary: data-engineering, secondary: mlops}",
                "  aggregate_growth: {primary: finance}",
            ),
            [(P, 3, 3)],
            id="fails-second-pipeline",
        ),
        pytest.param(
            yaml(P, *PIPELINE, "    primary: analytics", "    secondary: data-engineering"),
            [],
            id="passes-seed-003",
        ),
        # No primary is GOV501's finding, not this one's.
        pytest.param(yaml(P, *PIPELINE), [], id="passes-no-owner-at-all"),
        # Datasets need no secondary owner.
        pytest.param(
            yaml(D, "datasets:", "  stg_payroll_runs_daily:", "    primary: analytics"),
            [],
            id="passes-dataset",
        ),
    ],
)
def test_secondary_owner(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV510", files) == expected


# --- GOV511 team-contact -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            yaml(T, "teams:", "  platform:", "    name: Platform", "    members: [pat]"),
            [(T, 2, 3)],
            id="fails-no-contact",
        ),
        pytest.param(
            yaml(T, "teams:", "  platform:", '    slack: ""', "    members: [pat]"),
            [(T, 2, 3)],
            id="fails-empty-slack",
        ),
        pytest.param(
            yaml(
                T,
                "teams:",
                "  platform: {slack: '#platform', members: [pat]}",
                "  infra: {name: Infrastructure, members: [ines]}",
            ),
            [(T, 3, 3)],
            id="fails-second-team",
        ),
        pytest.param(
            yaml(T, "teams:", "  platform:", '    slack: "#platform"', "    members: [pat]"),
            [],
            id="passes-slack",
        ),
        pytest.param(
            yaml(
                T, "teams:", "  platform:", "    email: platform@example.com", "    members: [pat]"
            ),
            [],
            id="passes-email",
        ),
    ],
)
def test_team_contact(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV511", files) == expected
