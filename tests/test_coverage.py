"""``govern coverage``: every measure on small repositories whose answers are
computed by hand, the empty repository, thresholds (govern.yaml and
--fail-under), the three formats, escaping, and the project's own example
repository (docs/coverage.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from govern.config import Config
from govern.engine import load_repository
from govern.reports.coverage import CoverageReport, Gap, Measure, build, percent
from tests.conftest import PROJECT, make_repo, run_govern

NORMATIVE_KEYS = {"name", "covered", "total", "percent", "threshold", "ok"}
DOCUMENTED_EXTRAS = {"title", "counts", "by_team", "missing"}
MEASURE_NAMES = ["contracts", "ownership", "backup", "metrics", "fields", "lineage"]

# A small repository on top of the base fixture (7 teams; contract
# payroll.payslip.generated owned by payroll-engine with 4 described fields and
# consumer analytics; metric payslip_error_rate owned by analytics, complete).
# The answers, by hand, are in the comments and in EXPECTED below.
SMALL: dict[str, str | bytes] = {
    # payroll-engine, no consumer; fields: payroll_run_id (described),
    # gross_total (not), run_metadata (described), run_metadata.engine_version
    # (not): 2 of 4.
    "contracts/payroll/run_completed.yaml": """\
contract: payroll.run.completed
version: 1.0.0
status: active
kind: event
description: One event per finished payroll run.
owner: payroll-engine
schema:
  payroll_run_id: {type: string, required: true, description: Run identifier}
  gross_total: {type: "decimal(18,2)"}
  run_metadata:
    type: object
    description: How the run was produced
    fields:
      engine_version: {type: string}
""",
    # Owned by `billing-team`, which is not a team; it governs the dataset
    # stg_invoice_daily (its `dataset:`), so that source has a contract.
    "contracts/billing/invoice_issued.yaml": """\
contract: billing.invoice.issued
version: 1.0.0
status: active
kind: event
description: One event per invoice.
owner: billing-team
dataset: stg_invoice_daily
consumers:
  - team: finance
schema:
  invoice_id: {type: string, required: true, description: Invoice identifier}
""",
    # Four pipeline sources: payroll.payslip.generated (a contract id),
    # stripe_api (nothing: a shadow flow), stg_invoice_daily (a contract's
    # dataset), stg_payslip_daily (a dataset whose `contract:` resolves):
    # 3 of 4 = 75.0%. Backup: revenue_daily has a secondary and data-engineering's
    # rotation; payroll_quality has neither: 1 of 2.
    "ownership/pipelines.yaml": """\
pipelines:
  revenue_daily:
    description: Revenue per day
    primary: data-engineering
    secondary: analytics
    sources: [payroll.payslip.generated, stripe_api, stg_invoice_daily]
  payroll_quality:
    description: Payroll quality
    primary: analytics
    sources: [stg_payslip_daily]
datasets:
  stg_payslip_daily:
    description: Payslips of the day
    primary: data-engineering
    secondary: analytics
    contract: payroll.run.completed
""",
    # Complete but for approval; its lineage resolves.
    "metrics/run_cost.yaml": """\
metric: run_cost
name: Run cost
description: Average gross total per run.
owner: finance
type: ratio
formula: sum(gross_total) / count(payroll_run_id)
sources: [payroll.run.completed]
""",
    # No description; reads `line_items`, which no source has.
    "metrics/worker_rate.yaml": """\
metric: worker_rate
name: Worker rate
owner: finance
approved_by: [operations]
type: ratio
formula: count(worker_id) / count(line_items)
sources: [payroll.payslip.generated]
""",
    # No owner, a formula that does not parse, a source that is a typo.
    "metrics/broken_metric.yaml": """\
metric: broken_metric
name: Broken metric
description: A metric with a formula that does not parse.
approved_by: [finance]
type: ratio
formula: count(payslip_id
sources: [payroll.payslip.generatd]
""",
}

# name: (covered, total, percent, {team: (covered, total)})
EXPECTED: dict[str, tuple[int, int, float, dict[str, tuple[int, int]]]] = {
    "contracts": (3, 4, 75.0, {"analytics": (1, 1), "data-engineering": (2, 3)}),
    # 3 contracts + 4 metrics + 2 pipelines; billing.invoice.issued (owner not a
    # team) and broken_metric (no owner) miss: 7 of 9 = 77.77… → 77.7.
    "ownership": (
        7,
        9,
        77.7,
        {
            "analytics": (2, 2),
            "billing-team": (0, 1),
            "data-engineering": (1, 1),
            "finance": (2, 2),
            "payroll-engine": (2, 2),
            "(no owner)": (0, 1),
        },
    ),
    "backup": (1, 2, 50.0, {"analytics": (0, 1), "data-engineering": (1, 1)}),
    # Only payslip_error_rate has a description, a formula that parses,
    # sources and approvers.
    "metrics": (1, 4, 25.0, {"analytics": (1, 1), "finance": (0, 2), "(no owner)": (0, 1)}),
    # 4 + 4 + 1 fields, 2 undescribed: 7 of 9.
    "fields": (7, 9, 77.7, {"billing-team": (1, 1), "payroll-engine": (6, 8)}),
    # payslip_error_rate and run_cost resolve; worker_rate and broken_metric do not.
    "lineage": (2, 4, 50.0, {"analytics": (1, 1), "finance": (1, 2), "(no owner)": (0, 1)}),
}


def report_of(root: Path, thresholds: dict[str, float] | None = None) -> CoverageReport:
    return build(load_repository(str(root), Config()).catalog, thresholds)


def gaps(m: Measure) -> dict[str, tuple[str, ...]]:
    return {(f"{g.parent}:{g.name}" if g.parent else g.name): g.reasons for g in m.missing}


def row(out: str, start: str) -> list[str]:
    """The words of the first line of ``out`` that starts with ``start``."""
    return next(line.split() for line in out.splitlines() if line.startswith(start))


def small(tmp_path: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    return make_repo(tmp_path / "repo", {**SMALL, **(extra or {})})


# --- the measures, computed by hand --------------------------------------------------------


@pytest.mark.parametrize("name", MEASURE_NAMES)
def test_small_repository_numbers_and_teams(tmp_path: Path, name: str) -> None:
    m = report_of(small(tmp_path)).measure(name)
    covered, total, pct, teams = EXPECTED[name]
    assert (m.covered, m.total, m.percent) == (covered, total, pct)
    assert {s.team: (s.covered, s.total) for s in m.by_team} == teams
    assert len(m.missing) == total - covered
    assert m.threshold is None and m.ok


def test_measures_come_in_the_documented_order(tmp_path: Path) -> None:
    report = report_of(small(tmp_path))
    assert [m.name for m in report.measures] == MEASURE_NAMES
    # "(no owner)" sorts last, the teams alphabetically before it.
    assert report.teams == (
        "analytics",
        "billing-team",
        "data-engineering",
        "finance",
        "payroll-engine",
        "(no owner)",
    )


def test_contract_coverage_names_the_shadow_flow(tmp_path: Path) -> None:
    m = report_of(small(tmp_path)).measure("contracts")
    assert m.missing == (
        Gap(
            "stripe_api",
            "source",
            "data-engineering",
            "ownership/pipelines.yaml",
            ("no contract: a shadow flow nobody promised",),
            parent="revenue_daily",
        ),
    )
    assert [g.name for g in m.unconsumed] == ["payroll.run.completed"]
    assert m.unconsumed[0].team == "payroll-engine"


def test_the_gaps_say_why(tmp_path: Path) -> None:
    report = report_of(small(tmp_path))
    assert gaps(report.measure("ownership")) == {
        "billing.invoice.issued": ("owner `billing-team` is not a team",),
        "broken_metric": ("no owner",),
    }
    assert gaps(report.measure("backup")) == {
        "payroll_quality": (
            "no secondary owner",
            "primary team `analytics` has no on-call rotation",
        ),
    }
    metrics = gaps(report.measure("metrics"))
    assert metrics["run_cost"] == ("not approved (no `approved_by`)",)
    assert metrics["worker_rate"] == ("no description",)
    assert len(metrics["broken_metric"]) == 1
    assert metrics["broken_metric"][0].startswith("formula does not parse: ")
    assert gaps(report.measure("fields")) == {
        "payroll.run.completed:gross_total": ("no description",),
        "payroll.run.completed:run_metadata.engine_version": ("no description",),
    }
    lineage = gaps(report.measure("lineage"))
    assert lineage["worker_rate"] == (
        "formula reads `line_items`, not a field of payroll.payslip.generated",
    )
    assert lineage["broken_metric"][0] == "source `payroll.payslip.generatd` is not a contract"
    assert lineage["broken_metric"][1].startswith("formula does not parse")


@pytest.mark.parametrize(
    ("covered", "total", "expected"),
    [(3, 4, 75.0), (2, 3, 66.6), (1, 3, 33.3), (999, 1000, 99.9), (1999, 2000, 99.9),
     (7, 9, 77.7), (0, 5, 0.0), (5, 5, 100.0), (0, 0, None)],
)  # fmt: skip
def test_percent_is_rounded_down(covered: int, total: int, expected: float | None) -> None:
    # 1999 of 2000 is 99.95%: shown as 99.9, never as a 100.0 that hides a gap.
    assert percent(covered, total) == expected


@pytest.mark.parametrize(
    ("covered", "total", "threshold", "ok"),
    [(9, 10, 90.0, True), (8, 10, 90.0, False), (999, 1000, 99.9, True),
     (1998, 2000, 99.95, False), (1999, 2000, 99.95, True), (0, 0, 100.0, True),
     (0, 3, 0.0, True), (2, 3, 66.7, False), (2, 3, 66.6, True)],
)  # fmt: skip
def test_threshold_comparison_is_exact(
    covered: int, total: int, threshold: float, ok: bool
) -> None:
    m = Measure("fields", "Field documentation", "fields", covered, total, threshold, (), ())
    assert m.ok is ok


def test_one_asset_with_two_different_primary_owners_is_not_owned_once(tmp_path: Path) -> None:
    root = small(
        tmp_path,
        {
            "ownership/z_pipelines.yaml": """\
pipelines:
  revenue_daily:
    description: Revenue per day, as finance sees it
    primary: finance
    secondary: analytics
    sources: [payroll.payslip.generated]
""",
        },
    )
    report = report_of(root)
    ownership = report.measure("ownership")
    assert (ownership.covered, ownership.total) == (6, 9)
    assert gaps(ownership)["revenue_daily"] == (
        "different primary owners in different files: `data-engineering`, `finance`",
    )
    # A second definition (in a file read later) is no second pipeline: its
    # sources are not counted again.
    assert report.measure("contracts").total == 4


BACKUP_CASES = {
    "explicit on-call team with a rotation": (
        "primary: analytics\n    secondary: finance\n    oncall: data-engineering",
        (),
    ),
    "explicit on-call team without one": (
        "primary: data-engineering\n    secondary: analytics\n    oncall: finance",
        ("on-call team `finance` has no on-call rotation",),
    ),
    "on-call team that does not exist": (
        "primary: data-engineering\n    secondary: analytics\n    oncall: nobody",
        ("on-call team `nobody` is not a team",),
    ),
    "secondary is the primary": (
        "primary: data-engineering\n    secondary: data-engineering",
        ("secondary owner `data-engineering` is also the primary",),
    ),
    "secondary is not a team": (
        "primary: data-engineering\n    secondary: data-science",
        ("secondary owner `data-science` is not a team",),
    ),
    "no owner at all": (
        "description: nobody's",
        ("no secondary owner", "no on-call team (no `oncall` and no primary owner)"),
    ),
}


@pytest.mark.parametrize("case", list(BACKUP_CASES))
def test_backup_ownership(tmp_path: Path, case: str) -> None:
    owners, reasons = BACKUP_CASES[case]
    pipeline = f"pipelines:\n  p:\n    {owners}\n    sources: [payroll.payslip.generated]\n"
    root = make_repo(tmp_path / "repo", {"ownership/pipelines.yaml": pipeline})
    backup = report_of(root).measure("backup")
    assert (backup.covered, backup.total) == (0 if reasons else 1, 1)
    assert gaps(backup) == ({"p": reasons} if reasons else {})


def test_lineage_reads_columns_as_sql_does(tmp_path: Path) -> None:
    # Unquoted identifiers fold case; a nested field is read by its path or its
    # own name; a metric in an unknown dialect cannot be traced.
    root = make_repo(
        tmp_path / "repo",
        {
            "contracts/run.yaml": """\
contract: payroll.run.completed
version: 1.0.0
status: active
kind: event
description: Runs.
owner: payroll-engine
consumers: [{team: analytics}]
schema:
  payroll_run_id: {type: string, description: Run}
  run_metadata:
    type: object
    description: Metadata
    fields:
      engine_version: {type: string, description: Engine}
""",
            "metrics/upper.yaml": """\
metric: upper
description: Upper case columns.
owner: analytics
approved_by: [finance]
formula: COUNT(DISTINCT PAYROLL_RUN_ID) / COUNT(run_metadata.engine_version)
sources: [payroll.run.completed]
""",
            "metrics/nested.yaml": """\
metric: nested
description: By its own name.
owner: analytics
approved_by: [finance]
formula: count(distinct engine_version)
sources: [payroll.run.completed]
""",
            "metrics/dialect.yaml": """\
metric: dialect
description: Unknown dialect.
owner: analytics
approved_by: [finance]
formula: count(payroll_run_id)
dialect: postgresql
sources: [payroll.run.completed]
""",
            "metrics/two_sources.yaml": """\
metric: two_sources
description: Payslips per run.
owner: analytics
approved_by: [finance]
formula: count(payslip_id) / count(distinct payroll_run_id)
sources: [payroll.payslip.generated, payroll.run.completed]
""",
        },
    )
    report = report_of(root)
    lineage = report.measure("lineage")
    # base metric, upper, nested, two_sources resolve; dialect does not.
    assert (lineage.covered, lineage.total, lineage.percent) == (4, 5, 80.0)
    assert gaps(lineage) == {"dialect": ("formula in unknown dialect `postgresql`",)}
    assert gaps(report.measure("metrics")) == {
        "dialect": ("formula in unknown dialect `postgresql`",)
    }


def test_array_items_are_described_by_their_array(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path / "repo",
        {
            "contracts/run.yaml": """\
contract: payroll.run.completed
version: 1.0.0
status: active
kind: event
description: Runs.
owner: payroll-engine
consumers: [{team: analytics}]
schema:
  codes:
    type: array
    description: Cost centre codes
    items: {type: string}
  lines:
    type: array
    description: Lines of the run
    items:
      type: object
      fields:
        amount: {type: "decimal(18,2)", description: Amount}
        label: {type: string}
""",
        },
        base=False,
    )
    fields = report_of(root).measure("fields")
    # codes, lines, lines.items.amount, lines.items.label: the `items:` themselves
    # are not fields a person named.
    assert (fields.covered, fields.total, fields.percent) == (3, 4, 75.0)
    assert gaps(fields) == {"payroll.run.completed:lines.items.label": ("no description",)}


def test_retired_contracts_need_no_consumer(tmp_path: Path) -> None:
    contract = SMALL["contracts/payroll/run_completed.yaml"]
    assert isinstance(contract, str)
    root = small(
        tmp_path,
        {"contracts/payroll/run_completed.yaml": contract.replace("active", "retired")},
    )
    assert report_of(root).measure("contracts").unconsumed == ()


def test_thresholds_apply_per_measure(tmp_path: Path) -> None:
    report = report_of(small(tmp_path), {"contracts": 75, "lineage": 90})
    assert report.measure("contracts").ok  # 75.0 >= 75
    assert not report.measure("lineage").ok  # 50.0 < 90
    assert report.measure("backup").threshold is None and report.measure("backup").ok
    assert [m.name for m in report.failing] == ["lineage"]


# --- the empty repository ------------------------------------------------------------------


def test_empty_repository_has_nothing_to_measure(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    report = report_of(root, {name: 100.0 for name in MEASURE_NAMES})
    for m in report.measures:
        assert (m.covered, m.total, m.percent, m.ok, m.empty) == (0, 0, None, True, True)
    assert report.ok


def test_empty_repository_end_to_end(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    (root / "govern.yaml").write_text("coverage: {thresholds: {contracts: 100}}\n")
    result = run_govern("coverage", "--fail-under", "100", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("nothing to measure") == 6
    assert "Nothing to measure" in result.stdout
    assert "no governed YAML files" in result.stderr
    payload = json.loads(run_govern("coverage", "-f", "json", cwd=root).stdout)
    for item in payload["coverage"]:
        assert (item["percent"], item["ok"], item["total"]) == (None, True, 0)
    markdown = run_govern("coverage", "-f", "markdown", cwd=root).stdout
    assert markdown.count("| nothing to measure |") == 6


# --- the command end to end ----------------------------------------------------------------


def test_text_report(tmp_path: Path) -> None:
    result = run_govern("coverage", cwd=small(tmp_path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert row(out, "Contract coverage ") == ["Contract", "coverage", "3/4", "75.0%", "—",
                                              "no", "threshold"]  # fmt: skip
    assert row(out, "Ownership ")[1:3] == ["7/9", "77.7%"]
    assert row(out, "Field documentation ")[2:4] == ["7/9", "77.7%"]
    # The by-team table: data-engineering covers 2 of its 3 sources.
    assert row(out, "data-engineering ")[1:] == ["2/3", "1/1", "1/1", "—", "—", "—"]
    assert row(out, "(no owner) ")[2:] == ["—", "0/1", "—", "0/1", "—", "0/1"]
    # Without --details, the gaps are counted, not listed.
    assert "stripe_api" not in out
    assert "12 missing items: --details lists them." in out
    assert "No thresholds set" in out
    assert result.stderr == ""


def test_details_list_what_is_missing_by_team(tmp_path: Path) -> None:
    result = run_govern("coverage", "--details", "--no-color", cwd=small(tmp_path))
    assert result.returncode == 0
    out = result.stdout
    section = out[out.index("Contract coverage: 1 of 4 pipeline sources without a contract") :]
    section = section[: section.index("\n\n")].splitlines()
    assert section[1:] == [
        "  data-engineering",
        "    stripe_api (in pipeline revenue_daily): no contract: a shadow flow nobody promised",
    ]
    assert "Contracts with no consumer: 1" in out
    assert "    contract payroll.run.completed: no consumer" in out
    assert "    contract billing.invoice.issued: owner `billing-team` is not a team" in out
    assert "Field documentation: 2 of 9 fields without a description" in out
    assert "    gross_total (in contract payroll.run.completed): no description" in out
    assert (
        "    metric worker_rate: formula reads `line_items`, not a field of "
        "payroll.payslip.generated" in out
    )


def test_thresholds_from_govern_yaml(tmp_path: Path) -> None:
    # Seed 000's targets: contract coverage 100%, lineage above 90%.
    config = "coverage:\n  thresholds:\n    contracts: 100\n    lineage: 90\n    backup: 50\n"
    root = small(tmp_path, {"govern.yaml": config})
    result = run_govern("coverage", cwd=root)
    assert result.returncode == 1
    last = result.stdout.strip().splitlines()[-1]
    assert last == ("✗ Coverage below threshold: contracts 75.0% < 100%; lineage 50.0% < 90%.")
    # backup meets its 50%; the others have no threshold.
    assert row(result.stdout, "Backup ownership ")[-2:] == ["✓", "ok"]
    payload = json.loads(run_govern("coverage", "-f", "json", cwd=root).stdout)
    by_name = {m["name"]: m for m in payload["coverage"]}
    assert (by_name["contracts"]["threshold"], by_name["contracts"]["ok"]) == (100.0, False)
    assert (by_name["backup"]["threshold"], by_name["backup"]["ok"]) == (50.0, True)
    assert (by_name["fields"]["threshold"], by_name["fields"]["ok"]) == (None, True)
    assert payload["ok"] is False


def test_thresholds_met(tmp_path: Path) -> None:
    config = "coverage: {thresholds: {contracts: 75, fields: 77.7, metrics: 25}}\n"
    result = run_govern("coverage", cwd=small(tmp_path, {"govern.yaml": config}))
    assert result.returncode == 0, result.stdout
    assert "✓ Every measure meets its threshold." in result.stdout


def test_fail_under_overrides_the_configuration(tmp_path: Path) -> None:
    root = small(tmp_path, {"govern.yaml": "coverage: {thresholds: {contracts: 100}}\n"})
    assert run_govern("coverage", cwd=root).returncode == 1
    assert run_govern("coverage", "--fail-under", "0", cwd=root).returncode == 0
    assert run_govern("coverage", "--fail-under", "25", cwd=root).returncode == 0
    result = run_govern("coverage", "--fail-under", "60", "-f", "json", cwd=root)
    assert result.returncode == 1
    # JSON stays pure on stdout; stderr names the failing measures.
    payload = json.loads(result.stdout)
    assert [m["name"] for m in payload["coverage"] if not m["ok"]] == [
        "backup",
        "metrics",
        "lineage",
    ]
    assert result.stderr.strip() == (
        "error: coverage below threshold: backup 50.0% < 60%; metrics 25.0% < 60%; "
        "lineage 50.0% < 60%"
    )


@pytest.mark.parametrize("value", ["101", "-1", "nan"])
def test_fail_under_out_of_range_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = run_govern("coverage", "--fail-under", value, cwd=small(tmp_path))
    assert result.returncode == 2
    assert "--fail-under" in result.stderr and "Traceback" not in result.stderr


def test_bad_threshold_in_govern_yaml_is_a_config_error(tmp_path: Path) -> None:
    root = small(tmp_path, {"govern.yaml": "coverage: {thresholds: {lineage: 190}}\n"})
    result = run_govern("coverage", cwd=root)
    assert result.returncode == 2
    assert "govern.yaml:1:" in result.stderr and "coverage.thresholds.lineage" in result.stderr


def test_unknown_measure_in_govern_yaml_is_a_config_error(tmp_path: Path) -> None:
    root = small(tmp_path, {"govern.yaml": "coverage: {thresholds: {linage: 90}}\n"})
    result = run_govern("coverage", cwd=root)
    assert result.returncode == 2
    assert result.stderr.startswith("error: govern.yaml:1:33: `coverage.thresholds.linage")
    assert "'lineage'" in result.stderr


def test_thresholds_from_pyproject(tmp_path: Path) -> None:
    pyproject = "[tool.govern.coverage.thresholds]\ncontracts = 100\n"
    root = small(tmp_path, {"pyproject.toml": pyproject})
    (root / ".git").mkdir()  # the repository root, for a run from inside it
    result = run_govern("coverage", cwd=root)
    assert result.returncode == 1
    assert result.stdout.strip().endswith("contracts 75.0% < 100%.")


def test_json_keys(tmp_path: Path) -> None:
    result = run_govern("coverage", "--format", "json", cwd=small(tmp_path))
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert set(payload) == {"coverage", "ok"}
    assert [m["name"] for m in payload["coverage"]] == MEASURE_NAMES
    for m in payload["coverage"]:
        extras = {"without_consumers"} if m["name"] == "contracts" else set()
        assert set(m) == NORMATIVE_KEYS | DOCUMENTED_EXTRAS | extras
        covered, total, pct, teams = EXPECTED[m["name"]]
        assert (m["covered"], m["total"], m["percent"]) == (covered, total, pct)
        assert {t["team"]: (t["covered"], t["total"]) for t in m["by_team"]} == teams
        assert all(set(t) == {"team", "covered", "total", "percent"} for t in m["by_team"])
    contracts = payload["coverage"][0]
    # The missing items are in JSON whatever --details says.
    assert contracts["missing"] == [
        {
            "name": "stripe_api",
            "kind": "source",
            "parent": "revenue_daily",
            "team": "data-engineering",
            "path": "ownership/pipelines.yaml",
            "reasons": ["no contract: a shadow flow nobody promised"],
        }
    ]
    assert [c["name"] for c in contracts["without_consumers"]] == ["payroll.run.completed"]


def test_markdown(tmp_path: Path) -> None:
    config = "coverage: {thresholds: {contracts: 100}}\n"
    root = small(tmp_path, {"govern.yaml": config})
    result = run_govern("coverage", "--format", "markdown", "--details", cwd=root)
    assert result.returncode == 1
    md = result.stdout
    assert md.startswith("## Governance coverage\n\n| Measure |")
    assert (
        "| Contract coverage (`contracts`) | pipeline sources with a contract | 3 | 4 | 75.0% "
        "| 100% | ❌ below threshold |" in md
    )
    assert "| Ownership (`ownership`) | assets with one valid primary owner | 7 | 9 | 77.7% " in md
    assert "**Coverage below threshold: contracts 75.0% < 100%.**" in md
    assert "| `data-engineering` | 2/3 (66.6%) | 1/1 (100.0%) | 1/1 (100.0%) | — | — | — |" in md
    assert "### Contract coverage: 1 of 4 pipeline sources without a contract" in md
    assert (
        "| `stripe_api` in pipeline `revenue_daily` | `data-engineering` "
        "| no contract: a shadow flow nobody promised |" in md
    )
    assert "### Contracts with no consumer: 1" in md
    assert "| contract `payroll.run.completed` | `payroll-engine` | no consumer" in md
    assert "coverage below threshold: contracts" in result.stderr
    # Without --details: a pointer instead of the lists.
    short = run_govern("coverage", "--format", "markdown", cwd=root).stdout
    assert "stripe_api" not in short
    assert "12 missing items: `govern coverage --details` lists them." in short


def test_the_job_summary_gets_the_markdown_report(tmp_path: Path) -> None:
    # In GitHub Actions, the report (with details) is appended to the job summary.
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier\n")
    run_govern("coverage", cwd=small(tmp_path), env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert text.startswith("## earlier\n")
    assert "## Governance coverage" in text
    assert "| Contract coverage (`contracts`) |" in text


# --- text from files is escaped ------------------------------------------------------------

HOSTILE_PIPELINE = """\
pipelines:
  "evil[bold]|pipe":
    description: Hostile names
    primary: "[red]team\\x1b[31m|x"
    sources: ["raw\\x1b]8;;http://x\\x07api|<b>", "[bold]shadow[/bold]"]
"""


def test_text_escapes_names_from_files(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"ownership/pipelines.yaml": HOSTILE_PIPELINE})
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    result = run_govern("coverage", "--details", cwd=root, env=env)
    assert result.returncode == 0
    assert "\x1b[" in result.stdout, "colour was forced on"
    assert "\x1b]8" not in result.stdout and "\x1b[31m|" not in result.stdout
    plain = run_govern("coverage", "--details", cwd=root).stdout
    assert "\x1b" not in plain
    assert "[red]team\\x1b[31m|x" in plain
    assert "raw\\x1b]8;;http://x\\x07api|<b> (in pipeline evil[bold]|pipe)" in plain
    assert "[bold]shadow[/bold] (in pipeline evil[bold]|pipe)" in plain


def test_markdown_escapes_names_from_files(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"ownership/pipelines.yaml": HOSTILE_PIPELINE})
    md = run_govern("coverage", "-f", "markdown", "--details", cwd=root).stdout
    assert "\x1b" not in md and "<b>" not in md
    line = next(line for line in md.splitlines() if "http" in line)
    # Pipes escaped (the row keeps its 3 cells), HTML neutralised, ESC shown.
    assert line.replace("\\|", "").count("|") == 4
    assert "raw\\x1b]8;;http://x\\x07api\\|&lt;b>" in line


def test_json_keeps_names_as_written(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"ownership/pipelines.yaml": HOSTILE_PIPELINE})
    payload = json.loads(run_govern("coverage", "-f", "json", cwd=root).stdout)
    names = [g["name"] for g in payload["coverage"][0]["missing"]]
    assert "raw\x1b]8;;http://x\x07api|<b>" in names


def test_unreadable_files_are_counted_out_with_a_warning(tmp_path: Path) -> None:
    root = small(tmp_path, {"contracts/broken.yaml": "contract: [unclosed\n"})
    result = run_govern("coverage", "-f", "json", cwd=root)
    assert result.returncode == 0
    assert "problem" in result.stderr and "govern lint" in result.stderr
    payload = json.loads(result.stdout)
    assert payload["coverage"][0]["total"] == 4


# --- the project's own example repository --------------------------------------------------

# Counted by hand from contracts/, metrics/ and ownership/ of this project:
# - contracts: the five pipelines of seed 003 read 3 + 2 + 1 + 1 + 1 = 8 sources,
#   all contract ids (data-engineering: unit_level_profit 3, daily_growth 1;
#   finance: aggregate_profit 2; accounts: aggregate_growth 1;
#   software-engineering: aggregate_engagement 1).
# - ownership: 11 contracts + 3 metrics + 5 pipelines = 19 assets, each owned by a team.
# - backup: the 5 pipelines all have a secondary owner and data-engineering's on-call.
# - metrics and lineage: cost_per_payslip, on_time_payment_rate, payslip_error_rate.
# - fields: billing.subscription.revenue 8, crm.account.lifecycle 11,
#   customer.master 10, customer.usage.daily 6, finance.cost.allocated 7,
#   payroll.cost.allocated 9, payroll.payment.executed 13,
#   payroll.payslip.generated 16, payroll.run.completed 21 (run_metadata's two
#   fields included, cost_center_codes' items not), product.clickstream.session 10,
#   subscription.activity.daily 9: 120 fields, every one described.
PROJECT_EXPECTED = {
    "contracts": (
        8,
        {"accounts": 1, "data-engineering": 4, "finance": 2, "software-engineering": 1},
    ),
    "ownership": (
        19,
        {
            "accounts": 2,
            "analytics": 1,
            "data-engineering": 5,
            "finance": 4,
            "operations": 1,
            "payroll-engine": 3,
            "software-engineering": 3,
        },
    ),
    "backup": (
        5,
        {"accounts": 1, "data-engineering": 2, "finance": 1, "software-engineering": 1},
    ),
    "metrics": (3, {"analytics": 1, "finance": 1, "operations": 1}),
    "fields": (
        120,
        {
            "accounts": 11,
            "data-engineering": 25,
            "finance": 16,
            "payroll-engine": 50,
            "software-engineering": 18,
        },
    ),
    "lineage": (3, {"analytics": 1, "finance": 1, "operations": 1}),
}


def test_project_example_repository() -> None:
    result = run_govern("coverage", "--format", "json", "--repo", str(PROJECT), cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    for m in payload["coverage"]:
        total, teams = PROJECT_EXPECTED[m["name"]]
        assert (m["covered"], m["total"], m["percent"]) == (total, total, 100.0), m["name"]
        assert {t["team"]: t["total"] for t in m["by_team"]} == teams, m["name"]
        assert all(t["covered"] == t["total"] for t in m["by_team"])
        assert m["missing"] == []
    assert payload["coverage"][0]["without_consumers"] == []
    # Seed 000's targets hold: contract coverage 100%, lineage above 90%.
    assert run_govern("coverage", "--fail-under", "100", cwd=PROJECT).returncode == 0


def test_project_example_repository_with_a_shadow_pipeline(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for part in ("contracts", "metrics", "ownership"):
        shutil.copytree(PROJECT / part, root / part)
    pipelines = root / "ownership" / "pipelines.yaml"
    text = pipelines.read_text()
    # Seed 000's shadow pipeline: reads the payroll database directly.
    pipelines.write_text(
        text.replace(
            "sources: [crm.account.lifecycle]", "sources: [crm.account.lifecycle, payroll_db]"
        )
    )
    run_completed = root / "contracts" / "payroll" / "run_completed.yaml"
    before = run_completed.read_text()
    line = "        description: Semantic version of the payroll calculation engine\n"
    assert line in before
    run_completed.write_text(before.replace(line, ""))
    (root / "govern.yaml").write_text("coverage: {thresholds: {contracts: 100, lineage: 90}}\n")
    result = run_govern("coverage", "--details", "--no-color", cwd=root)
    assert result.returncode == 1
    assert result.stderr == ""  # every file still reads
    assert row(result.stdout, "Contract coverage ")[2:4] == ["8/9", "88.8%"]
    assert row(result.stdout, "Field documentation ")[2:4] == ["119/120", "99.1%"]
    assert row(result.stdout, "accounts ")[1] == "1/2"
    assert (
        "    payroll_db (in pipeline aggregate_growth): no contract: a shadow flow nobody "
        "promised" in result.stdout
    )
    assert (
        "    run_metadata.engine_version (in contract payroll.run.completed): no description"
        in result.stdout
    )
    assert result.stdout.strip().endswith("✗ Coverage below threshold: contracts 88.8% < 100%.")
