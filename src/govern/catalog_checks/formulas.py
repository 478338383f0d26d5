"""Whether a metric's formula can be read, and which columns it reads that
its sources do not have.

Lint reports each (GOV401, GOV105); ``govern coverage`` counts the metrics
whose formula parses (``metrics``) and reads only fields of its sources
(``lineage``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from govern import sql


@dataclass(frozen=True)
class FormulaFault:
    """Why a formula cannot be read: there is none, its dialect is unknown
    (parsing in another says nothing), or it does not parse (``error``)."""

    kind: Literal["missing", "dialect", "syntax"]
    error: str = ""


def formula_fault(formula: str | None, dialect: str | None) -> FormulaFault | None:
    """What stops ``formula`` from being read in ``dialect``; None when it parses."""
    if formula is None or not formula.strip():
        return FormulaFault("missing")
    if dialect and not sql.known_dialect(dialect):
        return FormulaFault("dialect")
    error = sql.analyze(formula, dialect).error
    return FormulaFault("syntax", error) if error else None


def unread_columns(columns: Iterable[sql.Column], known: Iterable[str]) -> list[sql.Column]:
    """The ``columns`` a formula reads that are none of the ``known`` field names.

    Unquoted SQL identifiers are case-insensitive (Postgres folds them to lower
    case, Snowflake to upper): `COUNT(PAYSLIP_ID)` reads `payslip_id`. A
    nested field is read by its own name or its dotted path."""
    folded = {n.casefold() for n in known}
    return [
        c for c in columns if c.name.casefold() not in folded and c.dotted.casefold() not in folded
    ]
