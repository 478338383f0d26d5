"""SQL dialects: the names people write in a metric, and the ones sqlglot knows.

Imported at start-up (through ``analysis``), so sqlglot is imported inside the
functions only: asking whether a dialect is known is answered from the cache
between runs (``analysis.known_dialect``) without it.
"""

from __future__ import annotations

import functools
from typing import Any


def sqlglot_name(name: str) -> str:
    """People write `Snowflake` and `BigQuery`; sqlglot names dialects in
    lowercase. Settings after a comma (`mysql, normalization_strategy = ...`)
    are passed on as written."""
    head, comma, settings = name.strip().partition(",")
    return head.strip().lower() + comma + settings


@functools.cache
def is_known(name: str) -> bool:
    from sqlglot.dialects.dialect import Dialect

    try:
        Dialect.get_or_raise(sqlglot_name(name))
    except (ValueError, KeyError):
        return False
    return True


def read_as(dialect: str | None) -> str | None:
    """The sqlglot name a formula is read in: None (generic SQL) when the metric
    names no dialect or an unknown one, which lint reports (GOV402)."""
    return sqlglot_name(dialect) if dialect and is_known(dialect) else None


def dialect_names() -> list[str]:
    import sqlglot

    return sorted(name.lower() for name in sqlglot.dialects.DIALECTS)


def sqlglot_dialect(dialect: str | None) -> Any:
    """The sqlglot dialect a metric is written in (generic SQL when it has none, or
    an unknown one), with its settings (``mysql, normalization_strategy = ...``)."""
    from sqlglot.dialects.dialect import Dialect

    try:
        return Dialect.get_or_raise(read_as(dialect))
    except (ValueError, KeyError):
        return Dialect.get_or_raise(None)
