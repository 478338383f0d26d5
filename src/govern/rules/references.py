"""References between documents resolve: owners, consumers, approvers, metric
sources and the columns formulas read, pipeline sources, RACI teams,
escalation chains, on-call members."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from govern import sql
from govern.catalog import Catalog, Entry
from govern.findings import Location, Problem, Severity
from govern.model.ownership import Dataset, Pipeline
from govern.rules.base import Context, rule

F = "references"
# Words an escalation step may use instead of a team or a person (seed 003:
# "alert manager and relevant pipeline owner").
ESCALATION_ROLES = frozenset({"manager", "owner", "primary", "secondary", "oncall"})


def _hint(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _missing_team(
    catalog: Catalog, name: str, where: Callable[[], Location], what: str
) -> Iterator[Problem]:
    # `where` is called only for a finding: positions are read lazily, and
    # asking for one makes the document's file be read again.
    if not catalog.has_team(name):
        yield Problem(
            where(), f"{what} `{name}` is not a team in ownership/{_hint(name, catalog.teams)}"
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
        for i, team in enumerate(m.approved_by):
            yield from _missing_team(cat, team, partial(mdoc.at, "approved_by", i), "approver")
    for cdoc, c in cat.contract_docs():
        for w, waiver in enumerate(c.waivers):
            for i, team in enumerate(waiver.approved_by):
                where = partial(cdoc.at, "waivers", w, "approved_by", i)
                yield from _missing_team(cat, team, where, "approver")


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
            if not cat.has_contract(source):
                yield Problem(
                    doc.at("sources", i),
                    f"source `{source}` is not a contract id{_hint(source, cat.contracts)}",
                )


@rule("GOV105", "unknown-formula-column", Severity.ERROR, family=F)
def unknown_formula_column(ctx: Context) -> Iterator[Problem]:
    """Every column a metric's formula reads is a field of one of its sources.

    The formula is parsed as SQL (in the metric's ``dialect``) and each column
    reference is looked up in the source contracts' fields; this is the lineage
    from a metric back to promised data.

    Fails:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(is_corrected) / count(payslip_id)
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
    for doc, m in cat.metric_docs():
        if not m.formula or not m.sources:
            continue
        known: set[str] = set()
        for source in m.sources:
            names = _readable_names(cat, source)
            if names is None:
                break  # an unknown or broken source is reported on its own
            known |= names
        else:
            formula = sql.analyze(m.formula, m.dialect)
            if formula.error:
                continue
            # Unquoted SQL identifiers are case-insensitive (Postgres folds them
            # to lower case, Snowflake to upper): `COUNT(PAYSLIP_ID)` reads
            # `payslip_id`.
            folded = {n.casefold() for n in known}
            for col in formula.columns:
                if col.name.casefold() not in folded and col.dotted.casefold() not in folded:
                    yield Problem(
                        doc.at("formula"),
                        f"formula reads `{col.dotted}`, which is not a field of "
                        f"{', '.join(m.sources)}{_hint(col.name, known)}",
                    )


def _readable_names(cat: Catalog, source: str) -> set[str] | None:
    """Field names a formula may read from ``source``; None when it is unknown.

    A contract with shape errors was loaded without its broken parts (a field
    with no ``type`` is dropped): the names written in its file still count, so
    one mistake in the contract is not reported again in every metric."""
    names = cat.contract_field_names(source)
    docs = cat.contracts.get(source)
    if names is None or not docs or docs[0].complete:
        return names
    raw = docs[0].data.get("schema")
    if not isinstance(raw, dict):
        return None  # the whole schema is unreadable: nothing to compare with
    return names | _raw_field_names(raw, ())


def _raw_field_names(schema: object, prefix: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    if not isinstance(schema, dict):
        return out
    for name, raw in schema.items():
        path = (*prefix, str(name))
        out |= {path[-1], ".".join(path)}
        if isinstance(raw, dict):
            out |= _raw_field_names(raw.get("fields"), path)
    return out


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
                    f"{_hint(source, cat.contracts)}",
                )


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
                yield Problem(
                    entry.key_at(team),
                    f"RACI team `{team}` is not a team in ownership/{_hint(team, ctx.catalog.teams)}",
                )


@rule("GOV108", "unknown-escalation-target", Severity.ERROR, family=F)
def unknown_escalation_target(ctx: Context) -> Iterator[Problem]:
    """Escalation steps name a team, a team member, or a role.

    A team's ``escalation`` and a pipeline's ``severity_escalation.*.then``
    list teams, people who are members or managers of a team, or the roles
    ``manager``, ``owner``, ``primary``, ``secondary``, ``oncall``.

    Fails:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: analytics
            sources: [payroll.payslip.generated]
            severity_escalation:
              high: {respond_within: 2h, then: [manager, finance-lead]}

    Passes:

        # ownership/pipelines.yaml
        pipelines:
          payroll_quality_daily:
            description: Daily payslip correction counts
            primary: data-engineering
            secondary: analytics
            sources: [payroll.payslip.generated]
            severity_escalation:
              high: {respond_within: 2h, then: [manager, finance]}
    """
    cat = ctx.catalog
    unreadable = _people_in_broken_teams(cat)

    def ok(name: str) -> bool:
        return (
            name in ESCALATION_ROLES
            or cat.has_team(name)
            or cat.is_person(name)
            or name in unreadable
        )

    for team in cat.team_entries():
        for i, name in enumerate(team.value.escalation):
            if not ok(name):
                yield Problem(team.at("escalation", i), _escalation_message(cat, name))
    for pipe in cat.pipeline_entries():
        for level, step in pipe.value.severity_escalation.items():
            for i, name in enumerate(step.then):
                if not ok(name):
                    yield Problem(
                        pipe.at("severity_escalation", level, "then", i),
                        _escalation_message(cat, name),
                    )


def _people_in_broken_teams(cat: Catalog) -> set[str]:
    """People written in teams that were dropped or pruned for shape errors.

    Such a team's members are reported by the loader; an escalation to one of
    them is not a second mistake (``members: ana, bo`` is a string, not a list,
    but ana and bo are still people)."""
    out: set[str] = set()
    for doc in cat.documents:
        if doc.kind != "ownership" or (doc.complete and doc.model is not None):
            continue
        teams = doc.data.get("teams")
        for raw in teams.values() if isinstance(teams, dict) else ():
            if not isinstance(raw, dict):
                continue
            oncall = raw.get("oncall")
            for value in (
                raw.get("members"),
                raw.get("manager"),
                oncall.get("members") if isinstance(oncall, dict) else None,
            ):
                out.update(_names(value))
    return out


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [n for n in re.split(r"[\s,]+", value) if n]
    if isinstance(value, list):
        return [n for n in value if isinstance(n, str)]
    return []


def _escalation_message(cat: Catalog, name: str) -> str:
    choices = [*cat.teams, *cat.people, *ESCALATION_ROLES]
    return (
        f"escalation target `{name}` is neither a team, a team member, nor one of "
        f"{', '.join(sorted(ESCALATION_ROLES))}{_hint(name, choices)}"
    )


@rule("GOV109", "duplicate-id", Severity.ERROR, family=F)
def duplicate_id(ctx: Context) -> Iterator[Problem]:
    """Each contract, metric, team, pipeline, dataset and RACI activity is defined once.

    Identity is the id, never the file: two files that define the same id make
    every reference to it ambiguous.

    Fails:

        # contracts/payroll/payslip_generated_v2.yaml
        contract: payroll.payslip.generated
        version: 2.0.0
        status: draft
        kind: event
        description: One event per generated payslip.
        owner: payroll-engine
        schema:
          payslip_id: {type: string, required: true, description: Payslip identifier}

    Passes:

        # contracts/payroll/payslip_corrected.yaml
        contract: payroll.payslip.corrected
        version: 1.0.0
        status: draft
        kind: event
        description: One event per corrected payslip.
        owner: payroll-engine
        schema:
          payslip_id: {type: string, required: true, description: Payslip identifier}
    """
    cat = ctx.catalog
    for kind, docs_by_id in (("contract", cat.contracts), ("metric", cat.metrics)):
        for ident, docs in docs_by_id.items():
            for doc in docs[1:]:
                yield Problem(
                    doc.at(kind),
                    f"{kind} `{ident}` is also defined in {docs[0].path}:{docs[0].at(kind).line}",
                )
    sections = (("team", cat.teams), ("pipeline", cat.pipelines), ("dataset", cat.datasets),
                ("RACI activity", cat.raci))  # fmt: skip
    for what, entries_by_id in sections:
        for ident, entries in entries_by_id.items():
            first = entries[0]
            for entry in entries[1:]:
                yield Problem(
                    entry.key_at(),
                    f"{what} `{ident}` is also defined in {first.doc.path}:{first.key_at().line}",
                )


@rule("GOV110", "unknown-team-member", Severity.ERROR, family=F)
def unknown_team_member(ctx: Context) -> Iterator[Problem]:
    """On-call members and people on leave are members of their team.

    The on-call rotation is computed from these lists; a name that is not a
    member is either a typo or someone who left the team.

    Fails:

        # ownership/platform.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [ana, bo]
            oncall: {rotation: weekly, start: 2026-01-05, handoff: monday 10:00 UTC, members: [ana, bo, chen]}

    Passes:

        # ownership/platform.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [ana, bo, chen]
            oncall: {rotation: weekly, start: 2026-01-05, handoff: monday 10:00 UTC, members: [ana, bo, chen]}
    """
    for team in ctx.catalog.team_entries():
        raw = team.doc.data.get("teams", {}).get(team.id)
        if isinstance(raw, dict) and "members" in raw and not isinstance(raw["members"], list):
            continue  # the members are unreadable (reported by the loader): nobody to compare
        members = set(team.value.members)
        if team.value.oncall is not None:
            for i, person in enumerate(team.value.oncall.members):
                if person not in members:
                    yield Problem(
                        team.at("oncall", "members", i),
                        f"on-call member `{person}` is not in the members of team `{team.id}`",
                    )
        for i, leave in enumerate(team.value.leave):
            if leave.member not in members:
                yield Problem(
                    team.at("leave", i, "member"),
                    f"`{leave.member}` is on leave but not a member of team `{team.id}`",
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
                f"contract `{cid}` is not a contract id{_hint(cid, cat.contracts)}",
            )


RULES = [
    unknown_owner, unknown_consumer, unknown_approver, unknown_metric_source,
    unknown_formula_column, unknown_pipeline_source, unknown_raci_team,
    unknown_escalation_target, duplicate_id, unknown_team_member, unknown_dataset_contract,
]  # fmt: skip
