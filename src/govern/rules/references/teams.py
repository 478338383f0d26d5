"""Names that must be teams: owners, consumers, approvers and RACI columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from govern.catalog import Catalog, Entry
from govern.catalog_checks.names import did_you_mean
from govern.catalog_checks.references import unknown_teams
from govern.findings import Location, Problem, Severity
from govern.model.ownership import Dataset, Pipeline
from govern.rules.base import Context, rule

F = "references"


def _missing_team(
    catalog: Catalog, name: str, where: Callable[[], Location], what: str
) -> Iterator[Problem]:
    # `where` is called only for a finding: positions are read lazily, and
    # asking for one makes the document's file be read again.
    if not catalog.has_team(name):
        yield _not_a_team(catalog, name, where(), what)


def _not_a_team(catalog: Catalog, name: str, where: Location, what: str) -> Problem:
    return Problem(
        where, f"{what} `{name}` is not a team in ownership/{did_you_mean(name, catalog.teams)}"
    )


@rule("GOV101", "unknown-owner", Severity.ERROR, family=F)
def unknown_owner(ctx: Context) -> Iterator[Problem]:
    """Owners name a team defined under ``teams:``.

    A contract's or metric's ``owner``, and a pipeline's or dataset's
    ``primary``, ``secondary`` and ``oncall``, are team ids. A typo leaves an
    asset without an owner anybody can reach.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engin
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
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    cat = ctx.catalog
    for cdoc, c in cat.contract_docs():
        if c.owner:
            yield from _missing_team(cat, c.owner, partial(cdoc.at, "owner"), "owner")
    for mdoc, m in cat.metric_docs():
        if m.owner:
            yield from _missing_team(cat, m.owner, partial(mdoc.at, "owner"), "owner")
    assets: list[Entry[Pipeline] | Entry[Dataset]] = [
        *cat.pipeline_entries(),
        *cat.dataset_entries(),
    ]
    for entry in assets:
        for role in ("primary", "secondary", "oncall"):
            name = getattr(entry.value, role, None)
            if name:
                yield from _missing_team(cat, name, partial(entry.at, role), f"{role} owner")


@rule("GOV102", "unknown-consumer", Severity.ERROR, family=F)
def unknown_consumer(ctx: Context) -> Iterator[Problem]:
    """A contract's consumers are teams defined under ``teams:``.

    The consumers are whom a producer must tell about a breaking change and
    who must approve a waiver, so each must resolve to a team.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        consumers:
          - team: analytcs
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
        consumers:
          - team: analytics
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for doc, c in ctx.catalog.contract_docs():
        for i, consumer in enumerate(c.consumers):
            yield from _missing_team(
                ctx.catalog, consumer.team, partial(doc.at, "consumers", i, "team"), "consumer"
            )


@rule("GOV103", "unknown-approver", Severity.ERROR, family=F)
def unknown_approver(ctx: Context) -> Iterator[Problem]:
    """Approvers (a metric's ``approved_by``, a waiver's) are teams.

    An approval by a team that does not exist is no approval.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finanse]
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
    cat = ctx.catalog
    for mdoc, m in cat.metric_docs():
        for i, team in unknown_teams(cat, m.approved_by):
            yield _not_a_team(cat, team, mdoc.at("approved_by", i), "approver")
    for cdoc, c in cat.contract_docs():
        for w, waiver in enumerate(c.waivers):
            for i, team in unknown_teams(cat, waiver.approved_by):
                yield _not_a_team(cat, team, cdoc.at("waivers", w, "approved_by", i), "approver")


@rule("GOV107", "unknown-raci-team", Severity.ERROR, family=F)
def unknown_raci_team(ctx: Context) -> Iterator[Problem]:
    """Every column of a RACI row is a team defined under ``teams:``.

    Fails:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, ml-ops: R}

    Passes:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: R}
    """
    for entry in ctx.catalog.raci_entries():
        for team in entry.value:
            if not ctx.catalog.has_team(team):
                yield _not_a_team(ctx.catalog, team, entry.key_at(team), "RACI team")
