"""SLA rules: durations, percentages and schedules parse, and freshness stays
within what the table's layer promises (seed 002)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from govern.findings import Location, Problem, Severity
from govern.rules.base import Context, rule
from govern.values import format_duration, parse_duration, parse_percent, parse_schedule

F = "sla"
DURATION_HELP = "write a number and a unit: 15m, 4h, 2d, 48h"
SCHEDULE_HELP = (
    "write `hourly`, `daily 09:00 UTC`, `weekly friday 09:00 UTC` or `monthly 28 00:00 UTC`"
)


# Locations are deferred (functools.partial) and resolved only for a finding:
# positions are read lazily, and asking for one reads the document again.
Where = Callable[[], Location]


def _durations(ctx: Context) -> Iterator[tuple[Where, str, str]]:
    cat = ctx.catalog
    for doc, c in cat.contract_docs():
        if c.sla and c.sla.freshness is not None:
            yield partial(doc.at, "sla", "freshness"), c.sla.freshness, "sla.freshness"
    for p in cat.pipeline_entries():
        if p.value.sla and p.value.sla.freshness is not None:
            yield partial(p.at, "sla", "freshness"), p.value.sla.freshness, "sla.freshness"
        for level, step in p.value.severity_escalation.items():
            if step.respond_within is not None:
                yield (
                    partial(p.at, "severity_escalation", level, "respond_within"),
                    step.respond_within,
                    "respond_within",
                )


@rule("GOV301", "sla-duration", Severity.ERROR, family=F)
def sla_duration(ctx: Context) -> Iterator[Problem]:
    """Durations (``sla.freshness``, ``respond_within``) parse: ``15m``, ``4h``, ``2d``.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        sla: {freshness: one hour}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        sla: {freshness: 1h}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for where, text, key in _durations(ctx):
        if parse_duration(text) is None:
            yield Problem(where(), f"{key} `{text}` is not a duration: {DURATION_HELP}")


@rule("GOV302", "sla-percentage", Severity.ERROR, family=F)
def sla_percentage(ctx: Context) -> Iterator[Problem]:
    """``sla.completeness`` and ``sla.availability`` are percentages from 0% to 100%.

    The ``%`` sign is required: ``0.999`` could mean 0.999% or 99.9%.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        sla: {completeness: 0.999}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        sla: {completeness: 99.9%}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for doc, c in ctx.catalog.contract_docs():
        if c.sla is None:
            continue
        for key in ("completeness", "availability"):
            text = getattr(c.sla, key)
            if text is not None and parse_percent(text) is None:
                yield Problem(
                    doc.at("sla", key),
                    f"sla.{key} `{text}` is not a percentage between 0% and 100% (write it like `99.9%`)",
                )


def layer_of(name: str, layers: dict[str, str]) -> str | None:
    """The layer prefix of a ``{layer}_{entity}_{granularity}`` name, if any.

    Only the table name counts (``analytics.stg_payslips`` is staging; a table
    called ``raw`` in schema ``warehouse_prod`` has no layer prefix), and
    prefixes compare without case, in the name and in the configured layers."""
    table = name.split(".")[-1]
    head, sep, entity = table.partition("_")
    if not (sep and head and entity):
        return None
    wanted = head.lower()
    return next((layer for layer in layers if layer.lower() == wanted), None)


@rule("GOV303", "sla-layer-freshness", Severity.ERROR, family=F)
def sla_layer_freshness(ctx: Context) -> Iterator[Problem]:
    """Freshness is within what the data's layer promises.

    By default: raw 15 minutes, staging 1 hour, curated 4 hours, marts 6 hours,
    for tables named ``{layer}_{entity}_{granularity}``. Applies to a contract's
    ``dataset`` and a pipeline's ``targets``; ``layers`` in govern.yaml changes
    the limits.

    Fails:

        # contracts/payroll/payslip_daily.yaml
        contract: payroll.payslip.daily
        version: 1.0.0
        status: active
        kind: table
        dataset: stg_payslip_daily
        description: Payslips of the day, deduplicated.
        owner: payroll-engine
        sla: {freshness: 4h}
        schema:
          payslip_id: {type: string, required: true, description: Payslip identifier}

    Passes:

        # contracts/payroll/payslip_daily.yaml
        contract: payroll.payslip.daily
        version: 1.0.0
        status: active
        kind: table
        dataset: stg_payslip_daily
        description: Payslips of the day, deduplicated.
        owner: payroll-engine
        sla: {freshness: 1h}
        schema:
          payslip_id: {type: string, required: true, description: Payslip identifier}
    """
    layers = ctx.config.layers
    checks: list[tuple[Where, str, list[str]]] = []
    for doc, c in ctx.catalog.contract_docs():
        if c.sla and c.sla.freshness and c.dataset:
            checks.append((partial(doc.at, "sla", "freshness"), c.sla.freshness, [c.dataset]))
    for p in ctx.catalog.pipeline_entries():
        if p.value.sla and p.value.sla.freshness:
            checks.append(
                (partial(p.at, "sla", "freshness"), p.value.sla.freshness, p.value.targets)
            )
    for where, text, names in checks:
        fresh = parse_duration(text)
        if fresh is None:
            continue
        for name in names:
            layer = layer_of(name, layers)
            limit = parse_duration(layers[layer]) if layer else None
            if layer and limit is not None and fresh > limit:
                yield Problem(
                    where(),
                    f"freshness {format_duration(fresh)} is slower than the `{layer}` layer "
                    f"promises for `{name}` (at most {layers[layer]})",
                )


@rule("GOV304", "sla-schedule", Severity.ERROR, family=F)
def sla_schedule(ctx: Context) -> Iterator[Problem]:
    """Delivery times and schedules parse, with an explicit UTC time zone.

    ``hourly``, ``daily 09:00 UTC``, ``weekly friday 09:00 UTC``,
    ``monthly 28 00:00 UTC``. A time without a zone means a different moment
    to each member of a global team.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        sla: {delivery: every morning at 9}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        sla: {delivery: daily 09:00 UTC}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    found: list[tuple[Where, str, str]] = []
    for doc, c in ctx.catalog.contract_docs():
        if c.sla and c.sla.delivery is not None:
            found.append((partial(doc.at, "sla", "delivery"), c.sla.delivery, "sla.delivery"))
    for p in ctx.catalog.pipeline_entries():
        if p.value.schedule is not None:
            found.append((partial(p.at, "schedule"), p.value.schedule, "schedule"))
        if p.value.sla and p.value.sla.delivery is not None:
            found.append((partial(p.at, "sla", "delivery"), p.value.sla.delivery, "sla.delivery"))
    for where, text, key in found:
        if parse_schedule(text) is None:
            yield Problem(where(), f"{key} `{text}` is not a schedule: {SCHEDULE_HELP}")


@rule("GOV305", "retention-format", Severity.ERROR, family=F)
def retention_format(ctx: Context) -> Iterator[Problem]:
    """``retention`` is a duration (``90d``, ``7y``) or ``indefinite``.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        retention: seven years
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        retention: 7y
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for doc, c in ctx.catalog.contract_docs():
        r = c.retention
        if r is not None and r.strip().lower() != "indefinite" and parse_duration(r) is None:
            yield Problem(
                doc.at("retention"),
                f"retention `{r}` is not a duration ({DURATION_HELP}, 7y) or `indefinite`",
            )


RULES = [sla_duration, sla_percentage, sla_layer_freshness, sla_schedule, retention_format]
