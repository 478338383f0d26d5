"""Every asset has one accountable owner and a backup (seed 004): a contract
or metric its ``owner``; a pipeline or dataset its ``primary``, and a
``secondary`` team that is not the primary."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog import Entry
from govern.findings import Problem, Severity
from govern.model.ownership import Dataset, Pipeline
from govern.rules.base import Context, rule

F = "ownership"


@rule("GOV501", "missing-owner", Severity.ERROR, family=F)
def missing_owner(ctx: Context) -> Iterator[Problem]:
    """Every asset has an accountable owner.

    A contract or metric names its ``owner``; a pipeline or dataset its
    ``primary`` owner. "Who's responsible for fixing the broken
    ``customer_age`` feature?" took two weeks to answer.

    Fails:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            secondary: analytics
            sources: [payroll.payslip.generated]

    Passes:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: analytics
            sources: [payroll.payslip.generated]
    """
    cat = ctx.catalog
    for doc, c in cat.contract_docs():
        if not c.owner:
            yield Problem(doc.at("contract"), f"contract `{c.contract}` has no `owner`")
    for mdoc, m in cat.metric_docs():
        if not m.owner:
            yield Problem(mdoc.at("metric"), f"metric `{m.metric}` has no `owner`")
    assets: list[tuple[Entry[Pipeline] | Entry[Dataset], str]] = [
        *((p, "pipeline") for p in cat.pipeline_entries()),
        *((d, "dataset") for d in cat.dataset_entries()),
    ]
    for entry, what in assets:
        if not entry.value.primary:
            yield Problem(entry.key_at(), f"{what} `{entry.id}` has no `primary` owner")


@rule("GOV502", "primary-is-secondary", Severity.ERROR, family=F)
def primary_is_secondary(ctx: Context) -> Iterator[Problem]:
    """An asset's secondary owner is a different team from its primary owner.

    The secondary owner is the backup when the primary cannot act; the same
    team in both roles is no backup.

    Fails:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: data-engineering
            sources: [payroll.payslip.generated]

    Passes:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: analytics
            sources: [payroll.payslip.generated]
    """
    assets: list[Entry[Pipeline] | Entry[Dataset]] = [
        *ctx.catalog.pipeline_entries(),
        *ctx.catalog.dataset_entries(),
    ]
    for entry in assets:
        v = entry.value
        if v.primary and v.primary == v.secondary:
            yield Problem(
                entry.at("secondary"),
                f"`{entry.id}` has `{v.primary}` as both primary and secondary owner",
            )


@rule("GOV510", "secondary-owner", Severity.INFO, family=F)
def secondary_owner(ctx: Context) -> Iterator[Problem]:
    """A pipeline has a secondary owner who can act when the primary cannot.

    A common pattern gives every pipeline one (Data Engineering, for maintenance and
    data reliability).

    Fails:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: analytics
            sources: [payroll.payslip.generated]

    Passes:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: analytics
            secondary: data-engineering
            sources: [payroll.payslip.generated]
    """
    for p in ctx.catalog.pipeline_entries():
        if p.value.primary and not p.value.secondary:
            yield Problem(p.key_at(), f"pipeline `{p.id}` has no secondary owner")
