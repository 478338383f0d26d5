"""``govern conflicts``: formulas compared as parsed SQL (pairs written by hand:
the same definition spelled differently, and different definitions with the
part that differs), and every conflict kind on repositories built on the base
fixture (tests/fixtures/base), with members (id, path, line, owner) and the
detail counted by hand, in process and end to end.

The base fixture holds the metric ``payslip_error_rate`` (alias ``payroll error
rate``, owner analytics) and the contract ``payroll.payslip.generated`` (owner
payroll-engine, on line 6 of contracts/payroll/payslip_generated.yaml)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from govern import sql
from govern.config import Config
from govern.engine import load_repository
from govern.reporters import conflicts as reporter
from govern.reports.conflicts import ConflictReport, conflicts
from tests.conftest import BASE, PROJECT, make_repo, run_govern

BASE_METRIC = "metrics/payslip_error_rate.yaml"
# The base metric without its alias `payroll error rate`, for repositories in
# which only the metrics a test writes may collide.
UNALIASED = (
    (BASE / BASE_METRIC).read_text(encoding="utf-8").replace("aliases: [payroll error rate]\n", "")
)

# --- formulas: the same definition ------------------------------------------------------------

SAME = [
    pytest.param(
        "count_if(corrected_after_generation) / count(payslip_id)", "duckdb",
        "sum(case when corrected_after_generation then 1 else 0 end) / count(payslip_id)", None,
        id="count-if-is-a-sum-of-ones-dbt-sum-boolean",
    ),
    pytest.param(
        "count_if(is_late)", None, "count(case when is_late then 1 end)", None,
        id="count-if-is-a-count-of-case",
    ),
    pytest.param(
        "count_if(corrected_after_generation) / count(payslip_id)", None,
        "COUNT_IF( Corrected_After_Generation )/COUNT(PAYSLIP_ID)", None,
        id="keyword-and-identifier-case-and-whitespace",
    ),
    pytest.param(
        "sum(p.gross_amount) / count(distinct p.worker_id)", None,
        "SUM(gross_amount) / COUNT(DISTINCT payroll.worker_id)", "postgres",
        id="table-qualifiers",
    ),
    pytest.param("base_pay + bonus * fx_rate", None, "fx_rate * bonus + base_pay", None,
                 id="commutative-plus-and-times"),
    pytest.param(
        "status = 'paid' AND country = 'DE' OR is_test", None,
        "is_test OR ('DE' = country AND status = 'paid')", None,
        id="commutative-and-or-equals",
    ),
    pytest.param("(gross - tax) + fees", None, "fees + (gross - tax)", None,
                 id="a-difference-as-one-term"),
    pytest.param('"errors" / total_workers', "postgres", "errors / total_workers", None,
                 id="postgres-quoted-lowercase-is-the-unquoted-name"),
    pytest.param('"ERRORS" / "TOTAL_WORKERS"', "snowflake", "errors / total_workers", "postgres",
                 id="snowflake-quoted-uppercase-is-the-unquoted-name"),
    pytest.param("`Errors` / Total_Workers", "bigquery", "errors / total_workers", "duckdb",
                 id="bigquery-backticks-are-case-insensitive"),
    pytest.param("[Errors] / [total_workers]", "tsql", "errors / total_workers", None,
                 id="tsql-brackets"),
    pytest.param("`errors` / total_workers", "mysql", "errors / total_workers", "postgres",
                 id="mysql-backticks"),
    pytest.param("safe_divide(errors, total_workers)", "bigquery",
                 "errors / nullif(total_workers, 0)", "postgres",
                 id="guarded-division-bigquery-and-postgres"),
    pytest.param("iff(amount > 0, amount, 0)", "snowflake",
                 "CASE WHEN amount > 0 THEN amount ELSE 0 END", "postgres", id="iff-is-case"),
    pytest.param("sum(amount::decimal(18, 2)) / count(1)", "postgres",
                 "SUM(CAST(amount AS DECIMAL(18, 2))) / COUNT(*)", None,
                 id="cast-syntax-and-count-one"),
    pytest.param("100 * count_if(corrected) / count(payslip_id)", None,
                 "count_if(corrected) / count(payslip_id) * 100", None,
                 id="percent-scale-either-side"),
    pytest.param("errors /* finance's errors */ / total_workers", None,
                 "errors / total_workers  -- per worker", None, id="comments"),
    pytest.param("worker_email IS NOT NULL", "postgres", "NOT worker_email IS NULL", "snowflake",
                 id="is-not-null"),
    pytest.param("a + (b + c)", None, "(a + b) + c", None, id="associative-plus"),
]  # fmt: skip


@pytest.mark.parametrize(("a", "a_dialect", "b", "b_dialect"), SAME)
def test_the_same_definition_spelled_differently(
    a: str, a_dialect: str | None, b: str, b_dialect: str | None
) -> None:
    na, nb = sql.normalize(a, a_dialect), sql.normalize(b, b_dialect)
    assert na is not None and nb is not None
    assert na.key == nb.key
    assert sql.difference(na, nb) is None
    assert sql.same_formula(a, a_dialect, b, b_dialect) is True


# --- formulas: different definitions, and the part that differs ---------------------------

DIFFERENT = [
    pytest.param(
        "count_if(is_late)", None, "sum(case when is_late then 2 else 0 end)", None,
        "formula count_if(is_late) vs sum(CASE WHEN is_late THEN 2 ELSE 0 END)",
        id="a-sum-of-twos-counts-nothing",
    ),
    pytest.param(
        "errors / total_workers", None, "errors / total_payslip_line_items", None,
        "numerator same; denominator total_workers vs total_payslip_line_items",
        id="seed-000-metric-definition-wars",
    ),
    pytest.param(
        "count_if(corrected_after_generation) / count(worker_id)", None,
        "count_if(corrected_after_generation) / COUNT(line_item_id)", "duckdb",
        "numerator same; denominator count(worker_id) vs count(line_item_id)",
        id="denominator-count",
    ),
    pytest.param(
        "sum(errors) / count(*)", "snowflake", "count(errors) / count(*)", "postgres",
        "numerator sum(errors) vs count(errors); denominator same",
        id="numerator-across-dialects",
    ),
    pytest.param(
        '"Errors" / total_workers', "postgres", "errors / total_workers", "postgres",
        'numerator "Errors" vs errors; denominator same',
        id="postgres-quoted-mixed-case-is-another-column",
    ),
    pytest.param(
        '"errors" / total_workers', "snowflake", "errors / total_workers", "snowflake",
        'numerator "errors" vs errors; denominator same',
        id="snowflake-quoted-lowercase-is-another-column",
    ),
    pytest.param("gross - tax", None, "tax - gross", None,
                 "left gross vs tax; right tax vs gross", id="subtraction-is-not-commutative"),
    pytest.param("(a - b) - c", None, "a - (b - c)", None,
                 "left a - b vs a; right c vs b - c", id="parentheses-that-matter"),
    pytest.param(
        "round(errors / total_workers, 2)", None, "ROUND(errors / total_line_items, 2)", None,
        "within round(…, 2): numerator same; denominator total_workers vs total_line_items",
        id="ratio-inside-round",
    ),
    pytest.param(
        "count_if(corrected) / count(payslip_id) * 100", None,
        "100 * count_if(corrected) / count(worker_id)", None,
        "within 100 * (…): numerator same; denominator count(payslip_id) vs count(worker_id)",
        id="percentage-scaled-either-side",
    ),
    pytest.param("base_pay + bonus", None, "bonus + overtime", None,
                 "terms: bonus same; base_pay vs overtime", id="terms-in-any-order"),
    pytest.param("base_pay + bonus", None, "base_pay + bonus + tips", None,
                 "terms: base_pay + bonus same; nothing vs tips", id="an-extra-term"),
    pytest.param(
        "count_if(status = 'paid' AND country = 'DE')", None,
        "count_if(country = 'DE' AND status = 'settled')", None,
        "within count_if(…): conditions: country = 'DE' same; status = 'paid' vs "
        "status = 'settled'",
        id="condition-inside-a-function",
    ),
    pytest.param("round(gross, 2)", None, "round(gross, 4)", None,
                 "argument 1 same; argument 2 2 vs 4", id="function-argument"),
    pytest.param("sum(amount) / count(*)", None, "avg(amount)", None,
                 "formula sum(amount) / count(*) vs avg(amount)", id="different-operations"),
    pytest.param("count(DISTINCT worker_id)", None, "count(worker_id)", None,
                 "argument DISTINCT worker_id vs worker_id", id="distinct"),
    pytest.param("100 * errors / workers", None, "100.0 * errors / workers", None,
                 "factors: errors / workers same; 100 vs 100.0", id="integer-and-decimal-scale"),
]  # fmt: skip


@pytest.mark.parametrize(("a", "a_dialect", "b", "b_dialect", "detail"), DIFFERENT)
def test_different_definitions_name_the_part_that_differs(
    a: str, a_dialect: str | None, b: str, b_dialect: str | None, detail: str
) -> None:
    na, nb = sql.normalize(a, a_dialect), sql.normalize(b, b_dialect)
    assert na is not None and nb is not None
    assert na.key != nb.key
    assert str(sql.difference(na, nb)) == detail
    assert sql.same_formula(a, a_dialect, b, b_dialect) is False


def test_a_formula_that_does_not_parse_has_no_normal_form() -> None:
    assert sql.normalize("count(payslip_id", None) is None
    assert sql.same_formula("count(payslip_id", None, "count(payslip_id)", None) is None


def test_normal_forms_are_parsed_once_and_shared() -> None:
    first = sql.normalize("sum(gross_amount) / count(worker_id)", "postgres")
    assert first is sql.normalize("sum(gross_amount) / count(worker_id)", "postgres")
    # Comparing does not change what is cached.
    other = sql.normalize("sum(gross_amount) / count(line_item_id)", "postgres")
    assert first is not None and other is not None
    key = first.key
    sql.difference(first, other)
    assert first.key == key == sql.normalize("SUM(gross_amount)/COUNT(worker_id)").key  # type: ignore[union-attr]
    # The existing helpers still answer as before.
    assert sql.analyze("sum(a) / count(b)").ratio


# --- repositories -------------------------------------------------------------------------------


def metric(
    mid: str,
    owner: str,
    formula: str,
    *,
    name: str | None = None,
    extra: tuple[str, ...] = (),
) -> str:
    """A metric file: the formula on line 7 (column 10); ``extra`` lines from line 9."""
    return "".join(
        f"{line}\n"
        for line in (
            f"metric: {mid}",
            f"name: {name or mid.replace('_', ' ').capitalize()}",
            "description: A metric for a test.",
            f"owner: {owner}",
            f"approved_by: [{owner}]",
            "type: ratio",
            f"formula: {formula}",
            "sources: [payroll.payslip.generated]",
            *extra,
        )
    )


def contract(cid: str, owner: str, *extra: str) -> str:
    """A contract file: the id on line 1, the owner on line 6; ``extra`` lines from line 9."""
    return "".join(
        f"{line}\n"
        for line in (
            f"contract: {cid}",
            "version: 1.0.0",
            "status: active",
            "kind: event",
            "description: A contract for a test.",
            f"owner: {owner}",
            "schema:",
            "  payslip_id: {type: string, required: true, description: Payslip identifier}",
            *extra,
        )
    )


Member = tuple[str, str, int, str | None]


def build(tmp_path: Path, files: Mapping[str, str | bytes]) -> Path:
    """The base fixture plus ``files``, in ``tmp_path/repo``."""
    return make_repo(tmp_path / "repo", dict(files))


def report(tmp_path: Path, files: Mapping[str, str | bytes]) -> ConflictReport:
    root = build(tmp_path, files)
    return conflicts(load_repository(str(root), Config()).catalog)


def summary(result: ConflictReport) -> list[tuple[str, str, str, list[Member], str]]:
    return [
        (c.kind, c.name, c.severity, [(m.id, m.path, m.line, m.owner) for m in c.members], c.detail)
        for c in result.conflicts
    ]


FINANCE = "metrics/finance/payroll_error_rate.yaml"
OPS = "metrics/ops/payroll_error_rate.yaml"
SEED_000 = {
    BASE_METRIC: UNALIASED,
    FINANCE: metric(
        "finance_payroll_error_rate", "finance", "errors / total_workers", name="Payroll error rate"
    ),
    OPS: metric(
        "ops_payroll_error_rate",
        "operations",
        "errors / total_payslip_line_items",
        name="Payroll error rate (ops)",
        extra=("aliases: [payroll-error-rate]",),
    ),
}


def test_seed_000_metric_definition_wars(tmp_path: Path) -> None:
    assert summary(report(tmp_path, SEED_000)) == [
        (
            "metric-definition",
            "Payroll error rate",
            "error",
            [
                ("finance_payroll_error_rate", FINANCE, 7, "finance"),
                ("ops_payroll_error_rate", OPS, 7, "operations"),
            ],
            "numerator same; denominator total_workers vs total_payslip_line_items",
        )
    ]


def test_seed_000_end_to_end_json_exit_1(tmp_path: Path) -> None:
    root = build(tmp_path, SEED_000)
    result = run_govern("conflicts", "--format", "json", cwd=root)
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert payload == {
        "conflicts": [
            {
                "kind": "metric-definition",
                "name": "Payroll error rate",
                "severity": "error",
                "members": [
                    {
                        "id": "finance_payroll_error_rate",
                        "path": FINANCE,
                        "line": 7,
                        "column": 10,
                        "owner": "finance",
                        "formula": "errors / total_workers",
                    },
                    {
                        "id": "ops_payroll_error_rate",
                        "path": OPS,
                        "line": 7,
                        "column": 10,
                        "owner": "operations",
                        "formula": "errors / total_payslip_line_items",
                    },
                ],
                "detail": "numerator same; denominator total_workers vs total_payslip_line_items",
            }
        ],
        "summary": {
            "errors": 1,
            "warnings": 0,
            "metrics": 3,
            "contracts": 1,
            "assets": 0,
            "activities": 0,
        },
    }


def test_seed_000_text_shows_the_members_side_by_side(tmp_path: Path) -> None:
    root = build(tmp_path, SEED_000)
    result = run_govern("conflicts", cwd=root)
    assert result.returncode == 1, result.stderr
    # Columns: the labels are 7 wide ("formula"), the finance column 41
    # ("metrics/finance/payroll_error_rate.yaml:7"), three spaces between; the
    # last column is not padded.
    assert result.stdout.splitlines() == [
        "✗ metric-definition  Payroll error rate",
        "  "
        + " " * 7
        + "   "
        + "finance_payroll_error_rate".ljust(41)
        + "   ops_payroll_error_rate",
        "  owner     " + "finance".ljust(41) + "   operations",
        f"  file      {FINANCE}:7   {OPS}:7",
        "  formula   "
        + "errors / total_workers".ljust(41)
        + "   errors / total_payslip_line_items",
        "  → numerator same; denominator total_workers vs total_payslip_line_items",
        "",
        "✗ 1 conflict in 3 metrics, 1 contract, 0 pipelines and datasets, 0 RACI activities.",
    ]


def test_seed_000_markdown(tmp_path: Path) -> None:
    root = build(tmp_path, SEED_000)
    result = run_govern("conflicts", "--format", "markdown", cwd=root)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "## Conflicts",
        "",
        "✗ 1 conflict in 3 metrics, 1 contract, 0 pipelines and datasets, 0 RACI activities.",
        "",
        "### metric-definition: Payroll error rate (conflict)",
        "",
        r"| | finance\_payroll\_error\_rate | ops\_payroll\_error\_rate |",
        "| --- | --- | --- |",
        "| owner | finance | operations |",
        r"| file | metrics/finance/payroll\_error\_rate.yaml:7 | "
        r"metrics/ops/payroll\_error\_rate.yaml:7 |",
        r"| formula | errors / total\_workers | errors / total\_payslip\_line\_items |",
        "",
        r"→ numerator same; denominator total\_workers vs total\_payslip\_line\_items",
    ]


def test_the_same_formula_in_other_dialects_is_no_definition_conflict(tmp_path: Path) -> None:
    """Finance in Snowflake, ops in Postgres, one definition: no war, but two
    ids for it (a duplicate: a warning, exit 0)."""
    files = {
        BASE_METRIC: UNALIASED,
        FINANCE: metric(
            "finance_payroll_error_rate", "finance", """'"ERRORS" / "TOTAL_WORKERS"'""",
            name="Payroll error rate", extra=("dialect: snowflake",),
        ),
        OPS: metric(
            "ops_payroll_error_rate", "operations", "ERRORS / total_workers",
            name="Payroll error rate", extra=("dialect: postgres",),
        ),
    }  # fmt: skip
    assert summary(report(tmp_path, files)) == [
        (
            "metric-duplicate",
            "errors / total_workers",
            "warning",
            [
                ("finance_payroll_error_rate", FINANCE, 7, "finance"),
                ("ops_payroll_error_rate", OPS, 7, "operations"),
            ],
            "the same formula and sources under 2 metric ids "
            "(finance_payroll_error_rate, ops_payroll_error_rate): "
            "merge them into one metric and keep the other names as aliases",
        )
    ]
    result = run_govern("conflicts", "--format", "json", cwd=tmp_path / "repo")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["warnings"] == 1
    text = run_govern("conflicts", cwd=tmp_path / "repo")
    assert text.returncode == 0
    assert text.stdout.splitlines()[-1] == (
        "! 1 warning in 3 metrics, 1 contract, 0 pipelines and datasets, 0 RACI activities "
        "(a duplicate alone does not fail the run)."
    )


def test_a_collision_through_the_base_alias_compares_three_formulas(tmp_path: Path) -> None:
    files = {
        FINANCE: metric(
            "finance_payroll_error_rate", "finance", "errors / total_workers",
            name="Payroll Error-Rate",
        ),
        OPS: metric(
            "ops_payroll_error_rate", "operations", "errors / total_payslip_line_items",
            name="payroll_error_rate",
        ),
    }  # fmt: skip
    (only,) = report(tmp_path, files).conflicts
    assert (only.kind, only.name) == ("metric-definition", "Payroll Error-Rate")
    assert [(m.id, m.path, m.line, m.owner) for m in only.members] == [
        ("finance_payroll_error_rate", FINANCE, 7, "finance"),
        ("ops_payroll_error_rate", OPS, 7, "operations"),
        ("payslip_error_rate", BASE_METRIC, 8, "analytics"),
    ]
    assert only.detail == (
        "finance_payroll_error_rate vs ops_payroll_error_rate: numerator same; "
        "denominator total_workers vs total_payslip_line_items | "
        "finance_payroll_error_rate vs payslip_error_rate: "
        "numerator errors vs count_if(corrected_after_generation); "
        "denominator total_workers vs count(payslip_id)"
    )


def test_same_formula_different_filter_is_a_conflict_at_the_filter(tmp_path: Path) -> None:
    f = "count_if(corrected_after_generation) / count(DISTINCT worker_id)"
    files = {
        BASE_METRIC: UNALIASED,
        FINANCE: metric("finance_error_rate", "finance", f, name="Error rate",
                        extra=("filter: country_code = 'DE'",)),
        OPS: metric("ops_error_rate", "operations", f, name="error rate"),
    }  # fmt: skip
    assert summary(report(tmp_path, files)) == [
        (
            "metric-definition",
            "Error rate",
            "error",
            # The filter's line where there is one, the formula's where there is none.
            [
                ("finance_error_rate", FINANCE, 9, "finance"),
                ("ops_error_rate", OPS, 7, "operations"),
            ],
            "formula same; filter country_code = 'DE' vs none",
        )
    ]


def test_same_formula_over_different_sources_is_a_conflict(tmp_path: Path) -> None:
    files = {
        BASE_METRIC: UNALIASED,
        "contracts/payroll/line_item.yaml": contract("payroll.line_item.posted", "payroll-engine"),
        FINANCE: metric("finance_error_rate", "finance", "count(*)", name="Error count"),
        OPS: metric("ops_error_rate", "operations", "COUNT(1)", name="error count").replace(
            "sources: [payroll.payslip.generated]", "sources: [payroll.line_item.posted]"
        ),
    }
    assert summary(report(tmp_path, files)) == [
        (
            "metric-definition",
            "Error count",
            "error",
            [
                ("finance_error_rate", FINANCE, 8, "finance"),
                ("ops_error_rate", OPS, 8, "operations"),
            ],
            "formula same; sources payroll.payslip.generated vs payroll.line_item.posted",
        )
    ]


def test_a_formula_that_does_not_parse_is_compared_as_text(tmp_path: Path) -> None:
    files = {
        BASE_METRIC: UNALIASED,
        FINANCE: metric("finance_error_rate", "finance", "errors / (total_workers",
                        name="Error rate"),
        OPS: metric("ops_error_rate", "operations", "errors / total_workers", name="error rate"),
    }  # fmt: skip
    (only,) = report(tmp_path, files).conflicts
    assert only.kind == "metric-definition"
    assert only.detail == (
        "formula errors / (total_workers vs errors / total_workers "
        "(the formula of finance_error_rate does not parse: compared as text)"
    )


def test_metrics_with_one_name_and_one_definition_are_no_conflict(tmp_path: Path) -> None:
    """The same id in two files with the same formula is lint's duplicate id, not a war."""
    same = metric("payroll_error_rate", "finance", "errors / total_workers")
    files = {BASE_METRIC: UNALIASED, FINANCE: same, OPS: same.replace("  ", " ")}
    assert summary(report(tmp_path, files)) == []


def test_duplicates_across_names_are_warnings(tmp_path: Path) -> None:
    files = {
        FINANCE: metric(
            "payslip_correction_share", "finance",
            "COUNT_IF(p.corrected_after_generation) / COUNT(p.payslip_id)",
            extra=("dialect: snowflake",),
        ),
    }  # fmt: skip
    assert summary(report(tmp_path, files)) == [
        (
            "metric-duplicate",
            "count_if(corrected_after_generation) / count(payslip_id)",
            "warning",
            [
                ("payslip_correction_share", FINANCE, 7, "finance"),
                ("payslip_error_rate", BASE_METRIC, 8, "analytics"),
            ],
            "the same formula and sources under 2 metric ids "
            "(payslip_correction_share, payslip_error_rate): "
            "merge them into one metric and keep the other names as aliases",
        )
    ]


# --- contracts ----------------------------------------------------------------------------------

A = "contracts/analytics/payslips.yaml"
P = "contracts/payroll/payslip_generated.yaml"  # the base contract


def test_two_contracts_claim_one_dataset(tmp_path: Path) -> None:
    files = {
        A: contract("analytics.payslips", "analytics", "dataset: stg_payslip_daily"),
        "contracts/finance/payslips.yaml": contract(
            "finance.payslips", "finance", "producer: payroll-export", "dataset: STG_PAYSLIP_DAILY"
        ),
    }
    assert summary(report(tmp_path, files)) == [
        (
            "contract-claim",
            "stg_payslip_daily",
            "error",
            [
                ("analytics.payslips", A, 9, "analytics"),
                ("finance.payslips", "contracts/finance/payslips.yaml", 10, "finance"),
            ],
            "dataset stg_payslip_daily is claimed by 2 contracts: analytics.payslips "
            "(analytics), finance.payslips (finance); one contract promises a dataset, "
            "the others' teams are its consumers",
        )
    ]


DATASETS = "ownership/datasets.yaml"


def test_a_dataset_names_one_contract_and_another_contract_names_the_dataset(
    tmp_path: Path,
) -> None:
    files = {
        A: contract("analytics.payslips", "payroll-engine", "dataset: stg_payslip_daily"),
        DATASETS: (
            "datasets:\n"
            "  stg_payslip_daily:\n"
            "    description: Payslips of the day\n"
            "    primary: payroll-engine\n"
            "    secondary: analytics\n"
            "    contract: payroll.payslip.generated\n"
        ),
    }
    assert summary(report(tmp_path, files)) == [
        (
            "contract-claim",
            "stg_payslip_daily",
            "error",
            [
                ("analytics.payslips", A, 9, "payroll-engine"),
                ("payroll.payslip.generated", DATASETS, 6, "payroll-engine"),
            ],
            "dataset stg_payslip_daily is claimed by 2 contracts: analytics.payslips "
            "(payroll-engine), payroll.payslip.generated (payroll-engine); one contract "
            "promises a dataset, the others' teams are its consumers",
        )
    ]


def test_one_producers_event_under_two_ids(tmp_path: Path) -> None:
    base = (
        (BASE / P)
        .read_text(encoding="utf-8")
        .replace("owner: payroll-engine\n", "owner: payroll-engine\nproducer: payroll-service\n")
    )
    files = {
        P: base,
        A: contract("analytics.payslip_generated", "analytics", "producer: Payroll-Service"),
        # Another event of the same producer is not the same event.
        "contracts/payroll/run.yaml": contract(
            "payroll.run.completed", "payroll-engine", "producer: payroll-service"
        ),
    }
    assert summary(report(tmp_path, files)) == [
        (
            "contract-claim",
            "payslip_generated from Payroll-Service",
            "error",
            [
                ("analytics.payslip_generated", A, 1, "analytics"),
                ("payroll.payslip.generated", P, 1, "payroll-engine"),
            ],
            "2 contracts describe payslip_generated of Payroll-Service: "
            "analytics.payslip_generated (analytics), payroll.payslip.generated "
            "(payroll-engine); one contract per event or table, the other teams are its consumers",
        )
    ]


def test_one_contract_id_in_two_files(tmp_path: Path) -> None:
    files = {A: contract("payroll.payslip.generated", "analytics")}
    assert summary(report(tmp_path, files)) == [
        (
            "contract-claim",
            "payroll.payslip.generated",
            "error",
            [
                ("payroll.payslip.generated", A, 1, "analytics"),
                ("payroll.payslip.generated", P, 1, "payroll-engine"),
            ],
            "contract payroll.payslip.generated is defined in 2 files "
            "(owners: analytics, payroll-engine); keep one definition",
        )
    ]


# --- owners ---------------------------------------------------------------------------------


def pipeline(pid: str, primary: str, secondary: str) -> str:
    """A pipelines file: ``primary`` on line 4 (column 14)."""
    return (
        "pipelines:\n"
        f"  {pid}:\n"
        "    description: Daily payslip quality\n"
        f"    primary: {primary}\n"
        f"    secondary: {secondary}\n"
    )


def test_a_pipeline_defined_twice_with_different_primary_owners(tmp_path: Path) -> None:
    files = {
        "ownership/pipelines.yaml": pipeline(
            "payslip_quality_daily", "data-engineering", "analytics"
        ),
        "ownership/analytics.yaml": pipeline(
            "payslip-quality-daily", "analytics", "data-engineering"
        ),
    }
    assert summary(report(tmp_path, files)) == [
        (
            "owner",
            "payslip-quality-daily",
            "error",
            [
                ("payslip-quality-daily", "ownership/analytics.yaml", 4, "analytics"),
                ("payslip_quality_daily", "ownership/pipelines.yaml", 4, "data-engineering"),
            ],
            "pipeline payslip-quality-daily has 2 accountable owners: analytics (primary of "
            "pipeline, ownership/analytics.yaml:4); data-engineering (primary of pipeline, "
            "ownership/pipelines.yaml:4); it must have one",
        )
    ]


def test_a_pipeline_defined_twice_with_one_primary_is_no_conflict(tmp_path: Path) -> None:
    files = {
        "ownership/pipelines.yaml": pipeline("payslip_quality_daily", "analytics", "finance"),
        "ownership/analytics.yaml": pipeline("payslip_quality_daily", "analytics", "operations"),
    }
    assert summary(report(tmp_path, files)) == []


def test_a_datasets_primary_is_not_the_owner_of_its_contract(tmp_path: Path) -> None:
    files = {
        DATASETS: (
            "datasets:\n"
            "  stg_payslip_daily:\n"
            "    description: Payslips of the day\n"
            "    primary: analytics\n"
            "    secondary: payroll-engine\n"
            "    contract: payroll.payslip.generated\n"
        ),
    }
    assert summary(report(tmp_path, files)) == [
        (
            "owner",
            "stg_payslip_daily",
            "error",
            [
                ("payroll.payslip.generated", P, 6, "payroll-engine"),
                ("stg_payslip_daily", DATASETS, 4, "analytics"),
            ],
            "dataset stg_payslip_daily has 2 accountable owners: payroll-engine (owner of "
            f"contract payroll.payslip.generated, {P}:6); analytics (primary of dataset, "
            f"{DATASETS}:4); it must have one",
        )
    ]


def test_a_contract_names_a_dataset_with_another_primary(tmp_path: Path) -> None:
    files = {
        A: contract("analytics.payslips", "analytics", "dataset: stg_payslip_daily"),
        DATASETS: (
            "datasets:\n"
            "  stg_payslip_daily:\n"
            "    description: Payslips of the day\n"
            "    primary: data-engineering\n"
        ),
    }
    ((kind, name, _, members, _),) = summary(report(tmp_path, files))
    assert (kind, name) == ("owner", "stg_payslip_daily")
    assert members == [
        ("analytics.payslips", A, 6, "analytics"),
        ("stg_payslip_daily", DATASETS, 4, "data-engineering"),
    ]


# --- RACI ---------------------------------------------------------------------------------------


def test_a_raci_activity_defined_twice_differently(tmp_path: Path) -> None:
    files = {
        "ownership/raci.yaml": (
            "raci:\n  data_contracts: {data-engineering: A, mlops: R, product: C}\n"
        ),
        "ownership/ml.yaml": (
            "# MLOps' copy\nraci:\n"
            "  Data contracts: {data-engineering: R/A, mlops: r, product: I}\n"
        ),
    }
    assert summary(report(tmp_path, files)) == [
        (
            "raci",
            "Data contracts",
            "error",
            [
                ("Data contracts", "ownership/ml.yaml", 3, "data-engineering"),
                ("data_contracts", "ownership/raci.yaml", 2, "data-engineering"),
            ],
            "data-engineering R/A vs A; product I vs C; mlops same",
        )
    ]


def test_a_raci_activity_defined_twice_alike_is_no_conflict(tmp_path: Path) -> None:
    files = {
        "ownership/raci.yaml": "raci:\n  data_contracts: {data-engineering: R/A, mlops: C}\n",
        "ownership/ml.yaml": "raci:\n  data_contracts: {mlops: c, data-engineering: a/r}\n",
    }
    assert summary(report(tmp_path, files)) == []


# --- the whole command --------------------------------------------------------------------------


def test_the_projects_own_example_repository_has_no_conflicts() -> None:
    result = run_govern("conflicts", cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("✓ No conflicts: 3 metrics,")
    as_json = run_govern("conflicts", "--format", "json", "--repo", str(PROJECT), cwd=PROJECT)
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["conflicts"] == []


def test_the_base_fixture_has_no_conflicts(tmp_path: Path) -> None:
    root = build(tmp_path, {})
    result = run_govern("conflicts", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "✓ No conflicts: 1 metric, 1 contract, 0 pipelines and datasets, 0 RACI activities "
        "compared.\n"
    )


def test_every_kind_at_once_errors_first(tmp_path: Path) -> None:
    files = {
        **SEED_000,
        "metrics/dup.yaml": metric(
            "payslip_correction_share", "finance",
            "count_if(corrected_after_generation) / count(payslip_id)",
        ),
        A: contract("payroll.payslip.generated", "analytics"),
        "ownership/raci.yaml": "raci:\n  model_training: {mlops: R/A}\n",
        "ownership/raci2.yaml": "raci:\n  model_training: {mlops: R, product: A}\n",
        "ownership/pipelines.yaml": pipeline("payslip_quality_daily", "analytics", "finance"),
        "ownership/more.yaml": pipeline("payslip_quality_daily", "finance", "analytics"),
    }  # fmt: skip
    root = build(tmp_path, files)
    result = run_govern("conflicts", "--format", "json", cwd=root)
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert [(c["kind"], c["severity"]) for c in payload["conflicts"]] == [
        ("metric-definition", "error"),
        ("contract-claim", "error"),
        ("owner", "error"),
        ("raci", "error"),
        ("metric-duplicate", "warning"),
    ]
    for c in payload["conflicts"]:
        assert {"kind", "name", "members", "detail"} <= set(c)
        for m in c["members"]:
            assert {"id", "path", "line", "owner"} <= set(m)
    assert payload["summary"]["errors"] == 4 and payload["summary"]["warnings"] == 1


def test_text_from_files_is_escaped(tmp_path: Path) -> None:
    """A name with Rich markup and a terminal escape, a formula with a pipe:
    printed as written (escaped), never interpreted."""
    name = 'name: "Payroll [bold red]error[/] | rate\\e]8;;http://x\\a"'
    files = {
        BASE_METRIC: UNALIASED,
        FINANCE: metric("finance_error_rate", "finance", "errors / total_workers").replace(
            "name: Finance error rate", name
        ),
        OPS: metric("ops_error_rate", "operations", "errors / total_items").replace(
            "name: Ops error rate", name
        ),
    }
    root = build(tmp_path, files)
    text = run_govern("conflicts", cwd=root)
    assert text.returncode == 1, text.stderr
    assert "\x1b" not in text.stdout and "\x07" not in text.stdout
    assert (
        text.stdout.splitlines()[0]
        == "✗ metric-definition  Payroll [bold red]error[/] | rate\\x1b]8;;http://x\\x07"
    )
    md = run_govern("conflicts", "--format", "markdown", cwd=root)
    assert "\x1b" not in md.stdout
    assert (
        # (`\x` is no markdown escape: the backslash shows as written)
        "### metric-definition: Payroll \\[bold red\\]error\\[/\\] \\| rate\\x1b\\]8;;http://x"
        "\\x07 (conflict)" in md.stdout.splitlines()
    )


def test_not_a_repository_path_is_exit_2(tmp_path: Path) -> None:
    result = run_govern("conflicts", "--repo", str(tmp_path / "missing"), cwd=tmp_path)
    assert result.returncode == 2
    assert "no such directory" in result.stderr


def test_reporter_json_matches_the_report(tmp_path: Path) -> None:
    result = report(tmp_path, SEED_000)
    payload = json.loads(reporter.json(result))
    assert [c["detail"] for c in payload["conflicts"]] == [c.detail for c in result.conflicts]


def test_conflicts_append_to_the_job_summary(tmp_path: Path) -> None:
    # In GitHub Actions (GITHUB_STEP_SUMMARY set), the markdown report is
    # appended to the job summary whatever the format printed.
    root = make_repo(tmp_path / "r", {})
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier\n")
    done = run_govern("conflicts", cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 0
    text = summary.read_text()
    assert text.startswith("## earlier\n") and len(text) > len("## earlier\n")
