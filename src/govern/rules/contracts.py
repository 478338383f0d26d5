"""Contract-level rules: ids, versions, descriptions, notice policy settings,
and the notices and waivers that name elements of the contract."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence

from govern.findings import Problem, Severity
from govern.model.contract import Contract, Notice, Waiver, iter_fields
from govern.model.kinds import CHANGE_KINDS
from govern.rules.base import Context, rule
from govern.values import parse_semver

F = "contracts"
CONTRACT_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")

SLA_PROPERTIES = ("freshness", "completeness", "availability", "delivery")


@rule("GOV201", "contract-id-format", Severity.ERROR, family=F)
def contract_id_format(ctx: Context) -> Iterator[Problem]:
    """A contract id is lowercase words separated by dots or underscores.

    Ids are how consumers, metrics and pipelines refer to a contract, across
    renames of its file; ``payroll.run.completed``, not ``Payroll-Run``.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: Payroll-Run-Completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
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
    for doc, c in ctx.catalog.contract_docs():
        if not CONTRACT_ID.match(c.contract):
            yield Problem(
                doc.at("contract"),
                f"contract id `{c.contract}` must be lowercase words separated by `.` or `_` "
                "(like `payroll.run.completed`)",
            )


@rule("GOV202", "contract-version-semver", Severity.ERROR, family=F)
def contract_version_semver(ctx: Context) -> Iterator[Problem]:
    """A contract's ``version`` is a semantic version, ``MAJOR.MINOR.PATCH``.

    A breaking change needs a major version bump; that can only be checked when
    versions are semver.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: v2
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 2.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for doc, c in ctx.catalog.contract_docs():
        if parse_semver(c.version) is None:
            yield Problem(
                doc.at("version"),
                f"version `{c.version}` is not semver: write MAJOR.MINOR.PATCH, like `2.1.0`",
            )


@rule("GOV203", "contract-description", Severity.WARNING, family=F)
def contract_description(ctx: Context) -> Iterator[Problem]:
    """A contract has a ``description`` saying what the data is and when it is produced.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: Emitted once per payroll run when every payslip of the run is final.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for doc, c in ctx.catalog.contract_docs():
        if not (c.description or "").strip():
            yield Problem(doc.at("contract"), f"contract `{c.contract}` has no description")


@rule("GOV204", "notice-days-minimum", Severity.ERROR, family=F)
def notice_days_minimum(ctx: Context) -> Iterator[Problem]:
    """``change_policy.notice_days`` may raise the repository minimum, never lower it.

    The repository minimum is ``notice_days`` in govern.yaml (14 by default,
    as in "notify analytics 2 weeks before any schema change").

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        change_policy: {notice_days: 7, channel: "#data-changes"}
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
        change_policy: {notice_days: 30, channel: "#data-changes"}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    minimum = ctx.config.notice_days
    for doc, c in ctx.catalog.contract_docs():
        days = c.change_policy.notice_days if c.change_policy else None
        if days is not None and days < minimum:
            yield Problem(
                doc.at("change_policy", "notice_days"),
                f"notice_days {days} is below the repository minimum of {minimum} days",
            )


def element_exists(c: Contract, element: str) -> bool:
    """Whether a normative element path (PRODUCT.md section 3) names part of ``c``."""
    if element == "contract":
        return True
    head, _, rest = element.partition(".")
    if head == "sla":
        return rest in SLA_PROPERTIES
    if head == "schema" and rest:
        return tuple(rest.split(".")) in {p for p, _ in iter_fields(c.schema_)}
    return False


@rule("GOV205", "notice-target", Severity.ERROR, family=F)
def notice_target(ctx: Context) -> Iterator[Problem]:
    """Notices and waivers name a change kind, and an element the contract has.

    Elements are ``contract``, ``schema.<field>`` (nested:
    ``schema.<field>.<subfield>``, array items ``schema.<field>.items``) and
    ``sla.<property>``. A ``field-removed`` notice names the element the field
    had on the base branch, which the contract may no longer have, so its
    element is not checked; an unknown change kind is always reported.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        notices:
          - {element: schema.worker_count, change: type-widen, reason: counts above 2^31}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          worker_count: {type: integer, description: Workers paid in the run}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        notices:
          - {element: schema.worker_count, change: type-widened, reason: counts above 2^31}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          worker_count: {type: integer, description: Workers paid in the run}
    """
    for doc, c in ctx.catalog.contract_docs():
        named: list[tuple[str, Sequence[Notice | Waiver]]] = [
            ("notices", c.notices),
            ("waivers", c.waivers),
        ]
        for section, items in named:
            for i, item in enumerate(items):
                if item.change not in CHANGE_KINDS:
                    hint = _hint(item.change, CHANGE_KINDS)
                    yield Problem(
                        doc.at(section, i, "change"),
                        f"`{item.change}` is not a change kind"
                        f"{hint or ' (see `govern explain GOV205`)'}",
                    )
                if not element_exists(c, item.element) and item.change != "field-removed":
                    # `schema` alone names no field: the general advice beats a guess.
                    hint = _hint(item.element, element_paths(c)) if "." in item.element else ""
                    yield Problem(
                        doc.at(section, i, "element"),
                        f"element `{item.element}` is not part of contract `{c.contract}`"
                        f"{hint or ' (write `contract`, `schema.<field>` or `sla.<property>`)'}",
                    )


def element_paths(c: Contract) -> list[str]:
    """Every element path of ``c`` (for did-you-mean hints)."""
    return [
        "contract",
        *(f"sla.{p}" for p in SLA_PROPERTIES),
        *("schema." + ".".join(p) for p, _ in iter_fields(c.schema_)),
    ]


def _hint(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


@rule("GOV206", "waiver-approval", Severity.ERROR, family=F)
def waiver_approval(ctx: Context) -> Iterator[Problem]:
    """A waiver has a reason and is approved by every consumer team of the contract.

    A waiver lets a breaking change land without the notice period; it is only
    honest when everyone who reads the data agreed.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        consumers: [{team: analytics}, {team: finance}]
        waivers:
          - {element: schema.cost_center, change: field-removed, reason: never populated, approved_by: [analytics]}
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
        consumers: [{team: analytics}, {team: finance}]
        waivers:
          - {element: schema.cost_center, change: field-removed, reason: never populated, approved_by: [analytics, finance]}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for doc, c in ctx.catalog.contract_docs():
        consumers = list(dict.fromkeys(x.team for x in c.consumers))
        for i, waiver in enumerate(c.waivers):
            missing = [t for t in consumers if t not in waiver.approved_by]
            if missing:
                yield Problem(
                    doc.at("waivers", i, "approved_by"),
                    f"waiver for {waiver.element} lacks the approval of consumer team(s) "
                    f"{', '.join(f'`{t}`' for t in missing)}",
                )
            if not (waiver.reason or "").strip():
                yield Problem(doc.at("waivers", i), f"waiver for {waiver.element} gives no reason")


@rule("GOV207", "contract-deprecation-reason", Severity.ERROR, family=F)
def contract_deprecation_reason(ctx: Context) -> Iterator[Problem]:
    """A deprecated contract (``deprecated:`` or ``status: deprecated``) says why.

    The deprecation is the notice consumers read before the contract is
    removed: it must say why and what replaces it.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: deprecated
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: deprecated
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        deprecated: {reason: replaced by payroll.run.finalized, removal: 2027-03-01}
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """
    for doc, c in ctx.catalog.contract_docs():
        if c.deprecated is not None and not (c.deprecated.reason or "").strip():
            yield Problem(
                doc.at("deprecated"), f"contract `{c.contract}` is deprecated without a reason"
            )
        elif c.deprecated is None and c.status == "deprecated":
            yield Problem(
                doc.at("status"),
                "status is `deprecated` but the contract has no `deprecated: {reason: ..., removal: ...}`",
            )


RULES = [
    contract_id_format, contract_version_semver, contract_description, notice_days_minimum,
    notice_target, waiver_approval, contract_deprecation_reason,
]  # fmt: skip
