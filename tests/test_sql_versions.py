"""Identifier case in `govern conflicts`, dialect by dialect, as docs/conflicts.md
documents it, whatever sqlglot release of the range pyproject.toml allows is
installed: which dialect folds which names is asked of sqlglot (govern/sql.py),
and sqlglot's own list of strategies changes between releases (30.x gave
BigQuery `CASE_INSENSITIVE_EXCEPT_TABLES`). `.ci/newest` runs these against the
newest release, `.ci/newest --oldest` against the oldest."""

from __future__ import annotations

import pytest

from govern import sql

QUOTES = {"bigquery": "`{}`", "spark": "`{}`", "databricks": "`{}`", "hive": "`{}`",
          "mysql": "`{}`", "tsql": "[{}]"}  # fmt: skip

FOLD_LOWER = [None, "postgres"]
FOLD_UPPER = ["snowflake", "oracle"]
CASE_INSENSITIVE = ["bigquery", "duckdb", "tsql", "spark", "databricks", "redshift", "sqlite",
                    "trino", "hive"]  # fmt: skip
CASE_SENSITIVE = ["mysql", "clickhouse"]


def _quoted(name: str, dialect: str | None) -> str:
    return QUOTES.get((dialect or "").split(",")[0], '"{}"').format(name)


def _same(a: str, a_dialect: str | None, b: str = "errors", b_dialect: str | None = None) -> bool:
    result = sql.same_formula(f"{a} / total", a_dialect, f"{b} / total", b_dialect)
    assert result is not None, (a, a_dialect)
    return result


@pytest.mark.parametrize("dialect", FOLD_LOWER + FOLD_UPPER + CASE_INSENSITIVE + CASE_SENSITIVE)
def test_unquoted_names_fold_in_every_dialect(dialect: str | None) -> None:
    assert _same("Errors", dialect)
    assert _same("ERRORS", dialect)


@pytest.mark.parametrize("dialect", FOLD_LOWER)
def test_quoted_names_are_as_written_where_unquoted_ones_fold_to_lower_case(
    dialect: str | None,
) -> None:
    assert _same(_quoted("errors", dialect), dialect)
    assert not _same(_quoted("Errors", dialect), dialect)
    assert not _same(_quoted("ERRORS", dialect), dialect)


@pytest.mark.parametrize("dialect", FOLD_UPPER)
def test_quoted_names_are_as_written_where_unquoted_ones_fold_to_upper_case(dialect: str) -> None:
    assert _same(_quoted("ERRORS", dialect), dialect)
    assert not _same(_quoted("errors", dialect), dialect)
    assert not _same(_quoted("Errors", dialect), dialect)


@pytest.mark.parametrize("dialect", CASE_INSENSITIVE)
def test_quoted_names_fold_too_in_case_insensitive_dialects(dialect: str) -> None:
    for name in ("errors", "Errors", "ERRORS"):
        assert _same(_quoted(name, dialect), dialect), name


@pytest.mark.parametrize("dialect", CASE_SENSITIVE)
def test_quoted_names_are_as_written_in_case_sensitive_dialects(dialect: str) -> None:
    assert _same(_quoted("errors", dialect), dialect)
    assert not _same(_quoted("Errors", dialect), dialect)


@pytest.mark.parametrize(
    "dialect",
    [
        "postgres, normalization_strategy = case_insensitive",
        "snowflake, normalization_strategy = case_insensitive_uppercase",
    ],
)
def test_a_strategy_set_in_the_dialect_is_followed(dialect: str) -> None:
    assert _same('"Errors"', dialect)


def test_a_bigquery_column_is_case_insensitive_and_a_table_is_not() -> None:
    def subquery(table: str) -> str:
        return f"count(x) / (SELECT count(*) FROM {table})"

    assert sql.same_formula("`Errors` / total", "bigquery", "errors / total", "duckdb")
    assert not sql.same_formula(
        subquery("`ds.Payslips`"), "bigquery", subquery("`ds.payslips`"), "bigquery"
    )
