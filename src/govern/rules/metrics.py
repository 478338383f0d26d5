"""Metric rules: formulas parse in their dialect, metrics are approved and
documented, names and aliases are unique (seed 000's metric definition wars)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from functools import partial

from govern import sql
from govern.catalog_checks.formulas import formula_fault
from govern.catalog_checks.names import fold
from govern.findings import Location, Problem, Severity
from govern.rules.base import Context, rule

F = "metrics"
METRIC_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@rule("GOV401", "formula-syntax", Severity.ERROR, family=F)
def formula_syntax(ctx: Context) -> Iterator[Problem]:
    """A metric's ``formula`` is an SQL expression that parses in its ``dialect``.

    Formulas are compared as parsed SQL, not as text (``govern conflicts``);
    one that does not parse cannot be compared, nor traced to its columns.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        # A missing formula is GOV409's, an unknown dialect GOV402's (parsing
        # in the wrong dialect says nothing): neither is a syntax error.
        fault = formula_fault(m.formula, m.dialect)
        if fault is not None and fault.kind == "syntax":
            in_dialect = f" ({m.dialect})" if m.dialect else ""
            yield Problem(doc.at("formula"), f"formula does not parse{in_dialect}: {fault.error}")


@rule("GOV402", "unknown-dialect", Severity.ERROR, family=F)
def unknown_dialect(ctx: Context) -> Iterator[Problem]:
    """A metric's ``dialect`` is an SQL dialect sqlglot knows (postgres, snowflake, bigquery, ...).

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        dialect: postgresql
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        dialect: postgres
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        if m.dialect and not sql.known_dialect(m.dialect):
            names = sql.dialect_names()
            close = difflib.get_close_matches(m.dialect.strip().lower(), names, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`? " if close else ""
            yield Problem(
                doc.at("dialect"),
                f"`{m.dialect}` is not a SQL dialect govern knows: {hint}"
                f"write one of {', '.join(names)}",
            )


@rule("GOV403", "metric-approval", Severity.WARNING, family=F)
def metric_approval(ctx: Context) -> Iterator[Problem]:
    """A metric lists the teams that signed its definition off (``approved_by``).

    One catalog of approved metric definitions, and no team publishes a metric
    that contradicts it.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance, operations]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        if not m.approved_by:
            yield Problem(
                doc.at("metric"), f"metric `{m.metric}` has no `approved_by`: nobody signed it off"
            )


@rule("GOV404", "metric-name-collision", Severity.ERROR, family=F)
def metric_name_collision(ctx: Context) -> Iterator[Problem]:
    """Metric ids, names and aliases are unique across metrics (case, spacing, ``_``/``-`` folded).

    Two metrics answering to one name is a "metric definition war":
    finance and ops both publish "payroll error rate", computed differently.
    ``govern conflicts`` shows how their formulas differ.

    Fails:

        # metrics/payroll_error_rate.yaml
        metric: payroll_error_rate
        name: Payroll error rate
        description: Errors per worker, as finance reports it.
        owner: finance
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(distinct worker_id)
        sources: [payroll.payslip.generated]
        aliases: [payslip error rate]

    Passes:

        # metrics/payroll_error_rate.yaml
        metric: worker_error_rate
        name: Worker error rate
        description: Share of workers with at least one corrected payslip.
        owner: finance
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(distinct worker_id)
        sources: [payroll.payslip.generated]
    """
    claims: dict[str, list[tuple[str, str, Callable[[], Location]]]] = {}
    for doc, m in ctx.catalog.metric_docs():
        # Locations are resolved only for a collision (positions are lazy).
        names: list[tuple[str, Callable[[], Location]]] = [(m.metric, partial(doc.at, "metric"))]
        if m.name:
            names.append((m.name, partial(doc.at, "name")))
        names += [(a, partial(doc.at, "aliases", i)) for i, a in enumerate(m.aliases)]
        own: set[str] = set()
        for text, where in names:
            key = fold(text)
            if key not in own:
                own.add(key)
                claims.setdefault(key, []).append((m.metric, text, where))
    # Every side of a collision is told, so that whoever adds the second
    # metric sees it in their own file (pre-commit lints changed files only).
    for members in claims.values():
        if len({metric for metric, _, _ in members}) < 2:
            continue
        resolved = [(metric, text, where()) for metric, text, where in members]
        for metric, text, loc in resolved:
            others = ", ".join(f"`{o}` ({w.path}:{w.line})" for o, _, w in resolved if o != metric)
            yield Problem(
                loc,
                f"`{text}` also names metric {others}; run `govern conflicts` to compare them",
            )


@rule("GOV405", "metric-description", Severity.WARNING, family=F)
def metric_description(ctx: Context) -> Iterator[Problem]:
    """A metric has a ``name`` and a ``description`` that says what it counts.

    "Payslip error rate = incorrect payslips / total payslips, where
    'incorrect' means any payslip that required correction after initial
    generation" — the words settle what the formula cannot.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        missing = [k for k in ("name", "description") if not (getattr(m, k) or "").strip()]
        if missing:
            yield Problem(
                doc.at("metric"), f"metric `{m.metric}` has no {' and no '.join(missing)}"
            )


@rule("GOV406", "metric-id-format", Severity.ERROR, family=F)
def metric_id_format(ctx: Context) -> Iterator[Problem]:
    """A metric id is ``snake_case``.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: Payslip Error Rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        if not METRIC_ID.match(m.metric):
            yield Problem(doc.at("metric"), f"metric id `{m.metric}` is not snake_case")


@rule("GOV407", "ratio-formula", Severity.WARNING, family=F)
def ratio_formula(ctx: Context) -> Iterator[Problem]:
    """A metric of ``type: ratio`` divides a numerator by a denominator.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation)
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        if m.type != "ratio" or not m.formula:
            continue
        parsed = sql.analyze(m.formula, m.dialect)
        if parsed.error is None and not parsed.ratio:
            yield Problem(
                doc.at("formula"), "a ratio metric's formula should be `numerator / denominator`"
            )


@rule("GOV408", "metric-sources", Severity.WARNING, family=F)
def metric_sources(ctx: Context) -> Iterator[Problem]:
    """A metric lists the contracts it reads (``sources``), for lineage.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        if not m.sources:
            yield Problem(
                doc.at("metric"),
                f"metric `{m.metric}` lists no `sources`: its lineage cannot be traced",
            )


@rule("GOV409", "metric-formula", Severity.ERROR, family=F)
def metric_formula(ctx: Context) -> Iterator[Problem]:
    """A metric has a ``formula``: the definition others compute it by.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        sources: [payroll.payslip.generated]

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """
    for doc, m in ctx.catalog.metric_docs():
        if not (m.formula or "").strip():
            yield Problem(doc.at("metric"), f"metric `{m.metric}` has no formula")


RULES = [
    formula_syntax, unknown_dialect, metric_approval, metric_name_collision, metric_description,
    metric_id_format, ratio_formula, metric_sources, metric_formula,
]  # fmt: skip
