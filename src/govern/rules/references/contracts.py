"""Ids that must be contracts: a metric's sources, a pipeline's dotted
sources, a dataset's contract."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog_checks.names import did_you_mean
from govern.catalog_checks.references import contract_status
from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "references"


@rule("GOV104", "unknown-metric-source", Severity.ERROR, family=F)
def unknown_metric_source(ctx: Context) -> Iterator[Problem]:
    """A metric's ``sources`` are contract ids defined in ``contracts/``.

    A metric computed from data nobody promised is a shadow pipeline waiting to
    break.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslips.generated]

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
    cat = ctx.catalog
    for doc, m in cat.metric_docs():
        for i, source in enumerate(m.sources):
            if contract_status(cat, source) == "unknown":
                yield Problem(
                    doc.at("sources", i),
                    f"source `{source}` is not a contract id{did_you_mean(source, cat.contracts)}",
                )


@rule("GOV106", "unknown-pipeline-source", Severity.WARNING, family=F)
def unknown_pipeline_source(ctx: Context) -> Iterator[Problem]:
    """A pipeline source written as a contract id (with dots) names a contract.

    Sources may be raw system names (``stripe_api``), which ``govern
    coverage`` counts as flows without a contract; but a dotted id that
    resolves to nothing is most likely a typo of a contract id.

    Fails:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: analytics
            sources: [payroll.payslips.generated]
            targets: [mart_payslip_quality_daily]

    Passes:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: analytics
            sources: [payroll.payslip.generated, stripe_api]
            targets: [mart_payslip_quality_daily]
    """
    cat = ctx.catalog
    for entry in cat.pipeline_entries():
        for i, source in enumerate(entry.value.sources):
            if "." in source and not cat.has_contract(source):
                yield Problem(
                    entry.at("sources", i),
                    f"source `{source}` looks like a contract id but no contract has it"
                    f"{did_you_mean(source, cat.contracts)}",
                )


@rule("GOV111", "unknown-dataset-contract", Severity.ERROR, family=F)
def unknown_dataset_contract(ctx: Context) -> Iterator[Problem]:
    """A dataset's ``contract`` names a contract id defined in ``contracts/``.

    The link from a dataset to its contract is how coverage knows the dataset
    is promised; a typo breaks it in silence.

    Fails:

        # ownership/datasets.yaml
        datasets:
          stg_payslip_daily:
            description: Payslips of the day, deduplicated
            primary: data-engineering
            secondary: analytics
            contract: payroll.payslips.generated

    Passes:

        # ownership/datasets.yaml
        datasets:
          stg_payslip_daily:
            description: Payslips of the day, deduplicated
            primary: data-engineering
            secondary: analytics
            contract: payroll.payslip.generated
    """
    cat = ctx.catalog
    for entry in cat.dataset_entries():
        cid = entry.value.contract
        if cid and not cat.has_contract(cid):
            yield Problem(
                entry.at("contract"),
                f"contract `{cid}` is not a contract id{did_you_mean(cid, cat.contracts)}",
            )
