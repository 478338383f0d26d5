"""Metric rules (GOV401-GOV409) as data tables: metric files added to the base
repository (tests/fixtures/base) and the exact (path, line, column) each rule
reports. The base metric `payslip_error_rate` (metrics/payslip_error_rate.yaml)
claims its id on line 1 (column 9) and the alias `payroll error rate` on line 12
(column 11); collisions with it are reported on both sides.

Lines and columns are 1-based and were counted by hand from the YAML below."""

from __future__ import annotations

from pathlib import Path

import pytest

from govern import sql
from tests.conftest import hits, lint_findings, make_repo

Where = tuple[str, int, int]
Files = dict[str, str | bytes]

B = "metrics/payslip_error_rate.yaml"  # in the base repository
M = "metrics/worker_error_rate.yaml"


def formula(text: str, *, dialect: str | None = None, type_: str = "ratio") -> Files:
    """A metric whose formula is on line 8 and dialect on line 9, both from
    column 10 ("formula: " and "dialect: " are 9 characters)."""
    tail = f"dialect: {dialect}\n" if dialect is not None else ""
    return {M: (
        "metric: worker_error_rate\n"
        "name: Worker error rate\n"
        "description: Share of workers with at least one corrected payslip.\n"
        "owner: finance\n"
        "approved_by: [finance]\n"
        f"type: {type_}\n"
        "sources: [payroll.payslip.generated]\n"
        f"formula: {text}\n"
        f"{tail}"
    )}  # fmt: skip


def metric(*lines: str) -> Files:
    """A metric file written line by line (line 1 is the first argument)."""
    return {M: "".join(f"{line}\n" for line in lines)}


def reported(tmp_path: Path, code: str, files: Files) -> list[Where]:
    root = make_repo(tmp_path / "repo", files)
    return sorted(hits(lint_findings(root), code))


RATIO = "count_if(corrected_after_generation) / count(distinct worker_id)"

# --- GOV401 formula-syntax -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            formula("count_if(corrected_after_generation) / count(worker_id"),
            [(M, 8, 10)],
            id="fails-unbalanced-parenthesis",
        ),
        pytest.param(
            formula("count_if(corrected_after_generation) /"),
            [(M, 8, 10)],
            id="fails-trailing-operator",
        ),
        pytest.param(
            formula("SELECT count(*) FROM payslips"), [(M, 8, 10)], id="fails-select-statement"
        ),
        pytest.param(
            formula("(SELECT count(*) FROM payslips)"),
            [(M, 8, 10)],
            id="fails-parenthesized-select",
        ),
        pytest.param(
            formula("count(distinct worker_id) AS workers"), [(M, 8, 10)], id="fails-alias"
        ),
        # Was accepted: sqlglot reads two statements as a block.
        pytest.param(
            formula("count(worker_id); DROP TABLE payslips"),
            [(M, 8, 10)],
            id="fails-two-statements",
        ),
        # Backticks quote identifiers in BigQuery, not in Postgres nor generic SQL.
        pytest.param(
            formula(
                "count_if(`corrected_after_generation`) / count(`worker_id`)", dialect="postgres"
            ),
            [(M, 8, 10)],
            id="fails-backticks-in-postgres",
        ),
        pytest.param(
            formula("count_if(`corrected_after_generation`) / count(`worker_id`)"),
            [(M, 8, 10)],
            id="fails-backticks-in-generic-sql",
        ),
        # A block scalar is reported at its indicator (`>`), where the value starts.
        pytest.param(
            formula(">\n  count_if(corrected_after_generation)\n  / count(worker_id"),
            [(M, 8, 10)],
            id="fails-folded-block",
        ),
        pytest.param(formula(RATIO), [], id="passes-generic"),
        pytest.param(
            formula(
                'count(*) FILTER (WHERE "corrected_after_generation") '
                '/ count(DISTINCT "worker_id")::numeric',
                dialect="postgres",
            ),
            [],
            id="passes-postgres-double-quotes",
        ),
        pytest.param(
            formula(
                "div0(count_if(corrected_after_generation), count(distinct worker_id))",
                dialect="snowflake",
            ),
            [],
            id="passes-snowflake-div0",
        ),
        pytest.param(
            formula(
                "COUNT_IF(CORRECTED_AFTER_GENERATION) / NULLIF(COUNT(DISTINCT WORKER_ID), 0)",
                dialect="Snowflake",
            ),
            [],
            id="passes-snowflake-capitalised-dialect",
        ),
        pytest.param(
            formula(
                "safe_divide(countif(`corrected_after_generation`), count(distinct `worker_id`))",
                dialect="bigquery",
            ),
            [],
            id="passes-bigquery-backticks",
        ),
        pytest.param(
            formula(
                "count(*) FILTER (WHERE corrected_after_generation) / count(DISTINCT worker_id)",
                dialect="duckdb",
            ),
            [],
            id="passes-duckdb-filter",
        ),
        pytest.param(
            formula(
                "sum(CASE WHEN [corrected_after_generation] = 1 THEN 1 ELSE 0 END) * 1.0 "
                "/ count(DISTINCT [worker_id])",
                dialect="tsql",
            ),
            [],
            id="passes-tsql-brackets",
        ),
        pytest.param(
            formula("|\n  count_if(corrected_after_generation)\n  / count(distinct worker_id)"),
            [],
            id="passes-literal-block",
        ),
        pytest.param(formula(f"{RATIO};"), [], id="passes-trailing-semicolon"),
        # GOV402 reports the dialect; parsing in a dialect govern does not know says nothing.
        pytest.param(formula("count(", dialect="postgresql"), [], id="passes-unknown-dialect"),
        # GOV409 reports a missing formula; it is not also a syntax error.
        pytest.param(formula('""'), [], id="passes-empty-formula"),
    ],
)
def test_formula_syntax(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV401", files) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "dialect", "message"),
    [
        pytest.param(
            "SELECT count(*) FROM payslips",
            None,
            "formula does not parse: a formula is an SQL expression, not a statement",
            id="statement",
        ),
        pytest.param(
            "count(worker_id); DROP TABLE payslips",
            None,
            "formula does not parse: a formula is one SQL expression, not several statements",
            id="two-statements",
        ),
        pytest.param(
            "count(distinct worker_id) AS workers",
            None,
            "formula does not parse: a formula has no alias (`AS name`): the metric id names it",
            id="alias",
        ),
        pytest.param(
            "count(`worker_id`)",
            "postgres",
            "formula does not parse (postgres): Expecting ) near column 16",
            id="names-the-dialect",
        ),
        # Was "maximum recursion depth exceeded".
        pytest.param(
            "(" * 1000 + "count(worker_id)" + ")" * 1000,
            None,
            "formula does not parse: the formula nests too deeply to read",
            id="nested-too-deeply",
        ),
    ],
)
def test_formula_syntax_message(
    tmp_path: Path, text: str, dialect: str | None, message: str
) -> None:
    root = make_repo(tmp_path / "repo", formula(text, dialect=dialect))
    assert [f.message for f in lint_findings(root) if f.rule == "GOV401"] == [message]


# --- GOV105 on formulas: columns resolve in every dialect, nested fields included ------------

CORRECTED = "contracts/payroll/payslip_corrected.yaml"
NESTED_CONTRACT = """\
contract: payroll.payslip.corrected
version: 1.0.0
status: active
kind: event
description: One event per correction of a payslip.
owner: payroll-engine
schema:
  payslip_id: {type: string, required: true, description: Payslip identifier}
  adjustment:
    type: object
    description: What the correction changed
    fields:
      amount: {type: "decimal(18,2)", description: Net change of pay}
      tax:
        type: object
        description: Tax side of the change
        fields:
          withheld: {type: "decimal(18,2)", description: Tax withheld}
"""
A = "metrics/correction_amount.yaml"


def nested(text: str, dialect: str | None = None) -> Files:
    """A metric over the nested contract; formula on line 8 from column 10."""
    tail = f"dialect: {dialect}\n" if dialect else ""
    return {CORRECTED: NESTED_CONTRACT, A: (
        "metric: correction_amount\n"
        "name: Correction amount\n"
        "description: Net pay changed by corrections.\n"
        "owner: finance\n"
        "approved_by: [finance]\n"
        "type: simple\n"
        "sources: [payroll.payslip.corrected]\n"
        f"formula: {text}\n"
        f"{tail}"
    )}  # fmt: skip


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            formula('count_if(corrected) / count(DISTINCT "worker_id")', dialect="postgres"),
            [(M, 8, 10)],
            id="fails-unknown-column",
        ),
        pytest.param(
            formula(
                'count_if(corrected_after_generation) / count(DISTINCT "worker")',
                dialect="postgres",
            ),
            [(M, 8, 10)],
            id="fails-quoted-unknown-column",
        ),
        pytest.param(nested("sum(adjustment.amont)"), [(A, 8, 10)], id="fails-nested-typo"),
        pytest.param(
            nested("sum(adjustment.tax.witheld)", "bigquery"),
            [(A, 8, 10)],
            id="fails-deeply-nested-typo",
        ),
        pytest.param(
            formula(
                'count_if("corrected_after_generation") / count(DISTINCT "worker_id")',
                dialect="postgres",
            ),
            [],
            id="passes-postgres-quoted",
        ),
        pytest.param(
            formula(
                "countif(`corrected_after_generation`) / count(distinct `worker_id`)",
                dialect="bigquery",
            ),
            [],
            id="passes-bigquery-backticks",
        ),
        pytest.param(
            formula(
                "COUNT_IF(CORRECTED_AFTER_GENERATION) / COUNT(DISTINCT WORKER_ID)",
                dialect="snowflake",
            ),
            [],
            id="passes-snowflake-unquoted-upper-case",
        ),
        pytest.param(
            formula(
                "count(DISTINCT worker_id) FILTER (WHERE corrected_after_generation)"
                " / count(DISTINCT worker_id)",
                dialect="duckdb",
            ),
            [],
            id="passes-duckdb",
        ),
        pytest.param(nested("sum(adjustment.amount)"), [], id="passes-nested-path"),
        pytest.param(
            nested("sum(`adjustment`.amount)", "bigquery"), [], id="passes-nested-backticks"
        ),
        pytest.param(
            nested('sum("adjustment"."amount")', "postgres"), [], id="passes-nested-double-quotes"
        ),
        pytest.param(
            nested("sum(adjustment.tax.withheld)", "bigquery"), [], id="passes-deeply-nested"
        ),
        pytest.param(nested("sum(amount)"), [], id="passes-leaf-name"),
    ],
)
def test_formula_columns_in_dialects(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV105", files) == sorted(expected)


def test_nested_column_named_by_its_whole_path(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", nested("sum(adjustment.tax.witheld)"))
    [finding] = [f for f in lint_findings(root) if f.rule == "GOV105"]
    assert "`adjustment.tax.witheld`" in finding.message


@pytest.mark.parametrize(
    ("text", "dialect", "columns"),
    [
        pytest.param("count(payslip_id)", None, ["payslip_id"], id="bare"),
        pytest.param("count(p.payslip_id)", None, ["p.payslip_id"], id="qualified"),
        pytest.param(
            "sum(adjustment.tax.withheld)", None, ["adjustment.tax.withheld"], id="three-parts"
        ),
        pytest.param('count("Payslip_ID")', "postgres", ["Payslip_ID"], id="quoted-keeps-case"),
        pytest.param("count(`worker_id`)", "bigquery", ["worker_id"], id="backticks"),
        pytest.param('count("worker_id")', "bigquery", [], id="bigquery-double-quotes-are-text"),
        pytest.param(
            "count(distinct worker_id)", "Snowflake", ["worker_id"], id="capitalised-dialect"
        ),
        pytest.param("count(x) + count(x)", None, ["x"], id="once-each"),
    ],
)
def test_formula_columns(text: str, dialect: str | None, columns: list[str]) -> None:
    parsed = sql.parse(text, dialect)
    assert parsed.error is None
    assert [c.dotted for c in parsed.columns] == columns


# --- GOV402 unknown-dialect ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        pytest.param("postgresql", [(M, 9, 10)], id="fails-postgresql"),
        pytest.param("sql server", [(M, 9, 10)], id="fails-sql-server"),
        pytest.param("ansi", [(M, 9, 10)], id="fails-ansi"),
        pytest.param("big query", [(M, 9, 10)], id="fails-big-query-two-words"),
        pytest.param("postgres", [], id="passes-postgres"),
        pytest.param("snowflake", [], id="passes-snowflake"),
        pytest.param("bigquery", [], id="passes-bigquery"),
        pytest.param("duckdb", [], id="passes-duckdb"),
        pytest.param("tsql", [], id="passes-tsql"),
        pytest.param("Snowflake", [], id="passes-capitalised"),
        pytest.param("BigQuery", [], id="passes-camel-case"),
    ],
)
def test_unknown_dialect(tmp_path: Path, dialect: str, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV402", formula(RATIO, dialect=dialect)) == expected


def test_unknown_dialect_suggests_the_close_one(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", formula(RATIO, dialect="postgresql"))
    [finding] = [f for f in lint_findings(root) if f.rule == "GOV402"]
    assert finding.message.startswith(
        "`postgresql` is not a SQL dialect govern knows: did you mean `postgres`? write one of "
    )
    assert "snowflake" in finding.message


# --- GOV403 metric-approval ----------------------------------------------------------------

HEAD = (
    "metric: worker_error_rate",
    "name: Worker error rate",
    "description: Share of workers with at least one corrected payslip.",
    "owner: finance",
)
BODY = (
    "type: ratio",
    f"formula: {RATIO}",
    "sources: [payroll.payslip.generated]",
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # Reported at the metric id: "metric: " is 8 characters.
        pytest.param(metric(*HEAD, *BODY), [(M, 1, 9)], id="fails-no-approved-by"),
        pytest.param(metric(*HEAD, "approved_by: []", *BODY), [(M, 1, 9)], id="fails-empty-list"),
        pytest.param(metric(*HEAD, "approved_by: [finance]", *BODY), [], id="passes-one-team"),
        pytest.param(
            metric(*HEAD, "approved_by: [finance, operations]", *BODY),
            [],
            id="passes-seed-000-finance-and-ops",
        ),
        pytest.param(
            metric(*HEAD, "approved_by:", "  - finance", "  - operations", *BODY),
            [],
            id="passes-block-list",
        ),
    ],
)
def test_metric_approval(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV403", files) == expected


# --- GOV404 metric-name-collision ----------------------------------------------------------


def named(path: str, metric_id: str, name: str, *tail: str) -> Files:
    """A metric file: id on line 1 (column 9), name on line 2 (column 7), then
    seven lines of definition; ``tail`` starts on line 9."""
    return {path: "".join(f"{line}\n" for line in (
        f"metric: {metric_id}",
        f"name: {name}",
        "description: Errors as one team counts them.",
        "owner: finance",
        "approved_by: [finance]",
        "type: ratio",
        f"formula: {RATIO}",
        "sources: [payroll.payslip.generated]",
        *tail,
    ))}  # fmt: skip


P = "metrics/payroll_error_rate.yaml"
OPS = "metrics/ops_error_rate.yaml"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # The id folds to the base alias `payroll error rate`.
        pytest.param(
            named(P, "payroll_error_rate", "Payroll error rate"),
            [(P, 1, 9), (B, 12, 11)],
            id="fails-id-is-other-alias",
        ),
        # "aliases: [" is 10 characters.
        pytest.param(
            named(M, "worker_error_rate", "Worker error rate", "aliases: [Payslip-Error-Rate]"),
            [(M, 9, 11), (B, 1, 9)],
            id="fails-alias-is-other-id-case-and-dashes",
        ),
        pytest.param(
            named(M, "worker_error_rate", "Worker error rate", "aliases: [payroll_error_rate]"),
            [(M, 9, 11), (B, 12, 11)],
            id="fails-alias-is-other-alias-underscores",
        ),
        pytest.param(
            named(M, "worker_error_rate", "PAYROLL  ERROR  RATE"),
            [(M, 2, 7), (B, 12, 11)],
            id="fails-name-upper-case-double-spaces",
        ),
        pytest.param(
            named(M, "worker_error_rate", "Payslip error rate"),
            [(M, 2, 7), (B, 1, 9)],
            id="fails-same-display-name",
        ),
        pytest.param(
            {
                **named(P, "payroll_error_rate", "Payroll error rate"),
                **named(OPS, "ops_error_rate", "Ops error rate", "aliases: [Payroll Error Rate]"),
            },
            [(P, 1, 9), (OPS, 9, 11), (B, 12, 11)],
            id="fails-three-metrics-one-name",
        ),
        # Two new metrics, neither colliding with the base: "  - " is 4 characters.
        pytest.param(
            {
                **named(
                    M,
                    "worker_error_rate",
                    "Worker error rate",
                    "aliases:",
                    "  - error rate",
                    "  - workers with errors",
                ),
                **named(OPS, "ops_error_rate", "Ops error rate", "aliases: [Error_Rate]"),
            },
            [(M, 10, 5), (OPS, 9, 11)],
            id="fails-two-new-metrics-block-list",
        ),
        pytest.param(
            named(M, "worker_error_rate", "Worker error rate"), [], id="passes-distinct-names"
        ),
        pytest.param(
            named(
                M,
                "worker_error_rate",
                "Worker error rate",
                "aliases: [worker error rate, Worker-Error-Rate]",
            ),
            [],
            id="passes-own-name-repeated-in-aliases",
        ),
        pytest.param(
            named(
                M,
                "worker_error_rate",
                "Worker error rate",
                "aliases: [payroll error ratio, payslip error rates]",
            ),
            [],
            id="passes-near-but-different",
        ),
        # The same id twice is GOV109 (duplicate-id), not a name collision.
        pytest.param(
            named(
                "metrics/copy.yaml",
                "payslip_error_rate",
                "Payslip error rate",
                "aliases: [payroll error rate]",
            ),
            [],
            id="passes-duplicate-id-is-gov109",
        ),
    ],
)
def test_metric_name_collision(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV404", files) == sorted(expected)


def test_metric_name_collision_messages_point_at_each_other(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", named(P, "payroll_error_rate", "Payroll error rate"))
    messages = {f.path: f.message for f in lint_findings(root) if f.rule == "GOV404"}
    assert messages == {
        P: "`payroll_error_rate` also names metric `payslip_error_rate` "
        f"({B}:12); run `govern conflicts` to compare them",
        B: "`payroll error rate` also names metric `payroll_error_rate` "
        f"({P}:1); run `govern conflicts` to compare them",
    }


# --- GOV405 metric-description -------------------------------------------------------------

APPROVED = ("owner: finance", "approved_by: [finance]", *BODY)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            metric(
                "metric: worker_error_rate",
                "description: Share of workers with a corrected payslip.",
                *APPROVED,
            ),
            [(M, 1, 9)],
            id="fails-no-name",
        ),
        pytest.param(
            metric("metric: worker_error_rate", "name: Worker error rate", *APPROVED),
            [(M, 1, 9)],
            id="fails-no-description",
        ),
        pytest.param(
            metric("metric: worker_error_rate", *APPROVED),
            [(M, 1, 9)],
            id="fails-neither-one-finding",
        ),
        pytest.param(
            metric(
                "metric: worker_error_rate",
                "name: Worker error rate",
                'description: "   "',
                *APPROVED,
            ),
            [(M, 1, 9)],
            id="fails-blank-description",
        ),
        pytest.param(metric(*HEAD, "approved_by: [finance]", *BODY), [], id="passes"),
        pytest.param(
            metric(
                "metric: worker_error_rate",
                "name: Worker error rate",
                "description: >",
                "  Share of workers with at least one payslip",
                "  corrected after it was first generated.",
                *APPROVED,
            ),
            [],
            id="passes-folded-description",
        ),
    ],
)
def test_metric_description(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV405", files) == expected


# --- GOV406 metric-id-format ---------------------------------------------------------------


def with_id(metric_id: str) -> Files:
    return metric(f"metric: {metric_id}", *HEAD[1:], "approved_by: [finance]", *BODY)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(with_id("worker-error-rate"), [(M, 1, 9)], id="fails-dashes"),
        pytest.param(with_id("WorkerErrorRate"), [(M, 1, 9)], id="fails-camel-case"),
        pytest.param(with_id("Worker_Error_Rate"), [(M, 1, 9)], id="fails-capitals"),
        pytest.param(with_id('"worker error rate"'), [(M, 1, 9)], id="fails-spaces-quoted"),
        pytest.param(with_id("2x_error_rate"), [(M, 1, 9)], id="fails-leading-digit"),
        pytest.param(with_id("worker__error_rate"), [(M, 1, 9)], id="fails-double-underscore"),
        pytest.param(with_id("worker_error_rate_"), [(M, 1, 9)], id="fails-trailing-underscore"),
        pytest.param(with_id("worker.error_rate"), [(M, 1, 9)], id="fails-dot"),
        pytest.param(with_id("worker_error_rate"), [], id="passes-snake-case"),
        pytest.param(with_id("error_rate_v2"), [], id="passes-digits"),
        pytest.param(with_id("p95_latency_ms"), [], id="passes-digit-inside-word"),
    ],
)
def test_metric_id_format(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV406", files) == expected


# --- GOV407 ratio-formula ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            formula("count_if(corrected_after_generation)"), [(M, 8, 10)], id="fails-numerator-only"
        ),
        pytest.param(formula("count(distinct worker_id)"), [(M, 8, 10)], id="fails-count"),
        pytest.param(
            formula("count_if(corrected_after_generation) - count(worker_id)"),
            [(M, 8, 10)],
            id="fails-difference",
        ),
        pytest.param(
            formula("count_if(corrected_after_generation) * 100"),
            [(M, 8, 10)],
            id="fails-scaled-count",
        ),
        # Integer division truncates a share to 0: not a ratio.
        pytest.param(
            formula("count_if(corrected_after_generation) // count(worker_id)", dialect="duckdb"),
            [(M, 8, 10)],
            id="fails-integer-division",
        ),
        pytest.param(
            formula("iff(corrected_after_generation, 1, 0)", dialect="snowflake"),
            [(M, 8, 10)],
            id="fails-condition-without-division",
        ),
        pytest.param(formula(RATIO), [], id="passes-division"),
        pytest.param(formula(f"({RATIO})"), [], id="passes-parenthesized"),
        pytest.param(formula(f"100.0 * {RATIO}"), [], id="passes-scaled-first"),
        pytest.param(formula(f"{RATIO} * 100"), [], id="passes-percentage"),
        pytest.param(formula(f"round({RATIO}, 4)"), [], id="passes-rounded"),
        pytest.param(
            formula(
                "coalesce(count_if(corrected_after_generation) "
                "/ nullif(count(distinct worker_id), 0), 0)"
            ),
            [],
            id="passes-coalesce",
        ),
        pytest.param(
            formula(
                "cast(count_if(corrected_after_generation) AS double) / count(distinct worker_id)"
            ),
            [],
            id="passes-cast",
        ),
        pytest.param(
            formula(
                "safe_divide(countif(corrected_after_generation), count(distinct worker_id))",
                dialect="bigquery",
            ),
            [],
            id="passes-bigquery-safe-divide",
        ),
        pytest.param(
            formula(
                "div0(count_if(corrected_after_generation), count(distinct worker_id))",
                dialect="snowflake",
            ),
            [],
            id="passes-snowflake-div0",
        ),
        pytest.param(
            formula(f"CASE WHEN count(worker_id) = 0 THEN NULL ELSE {RATIO} END"),
            [],
            id="passes-guarded-case",
        ),
        pytest.param(
            formula("count(distinct worker_id)", type_="simple"), [], id="passes-simple-metric"
        ),
        pytest.param(
            formula("count_if(corrected_after_generation"), [], id="passes-unparsed-is-gov401"
        ),
    ],
)
def test_ratio_formula(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV407", files) == expected


# --- GOV408 metric-sources -----------------------------------------------------------------

DEFINED = (*HEAD, "approved_by: [finance]", "type: ratio", f"formula: {RATIO}")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(metric(*DEFINED), [(M, 1, 9)], id="fails-no-sources"),
        pytest.param(metric(*DEFINED, "sources: []"), [(M, 1, 9)], id="fails-empty-list"),
        pytest.param(metric(*DEFINED, "sources: [payroll.payslip.generated]"), [], id="passes"),
        pytest.param(
            metric(*DEFINED, "sources:", "  - payroll.payslip.generated"),
            [],
            id="passes-block-list",
        ),
    ],
)
def test_metric_sources(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV408", files) == expected


# --- GOV409 metric-formula -----------------------------------------------------------------

UNDEFINED = (*HEAD, "approved_by: [finance]", "type: ratio", "sources: [payroll.payslip.generated]")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(metric(*UNDEFINED), [(M, 1, 9)], id="fails-no-formula"),
        pytest.param(metric(*UNDEFINED, "formula:"), [(M, 1, 9)], id="fails-null"),
        pytest.param(metric(*UNDEFINED, 'formula: ""'), [(M, 1, 9)], id="fails-empty"),
        pytest.param(metric(*UNDEFINED, 'formula: "   "'), [(M, 1, 9)], id="fails-blank"),
        pytest.param(metric(*UNDEFINED, f"formula: {RATIO}"), [], id="passes"),
    ],
)
def test_metric_formula(tmp_path: Path, files: Files, expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV409", files) == expected


def test_empty_formula_is_one_finding(tmp_path: Path) -> None:
    """One mistake, one finding: not also a syntax error, nor a ratio without division."""
    root = make_repo(tmp_path / "repo", metric(*UNDEFINED, 'formula: ""'))
    assert [(f.rule, f.location.line) for f in lint_findings(root) if f.path == M] == [
        ("GOV409", 1)
    ]
