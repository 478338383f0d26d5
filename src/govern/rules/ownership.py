"""Ownership rules: exactly one accountable owner per asset, RACI rows with
exactly one A and at least one R, escalation chains without cycles, on-call
rotations that can be computed (seeds 003 and 004)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from functools import partial
from itertools import pairwise

from govern.catalog import Entry
from govern.findings import Problem, Severity
from govern.model.ownership import Dataset, Pipeline
from govern.rules.base import Context, rule
from govern.values import WEEKDAYS, parse_handoff

F = "ownership"
TEAM_ID = re.compile(r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$")
RACI_LETTERS = frozenset("RACI")


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


def _letters(value: str) -> list[str]:
    return [p.strip().upper() for p in value.split("/") if p.strip()]


@rule("GOV503", "raci-accountable", Severity.ERROR, family=F)
def raci_accountable(ctx: Context) -> Iterator[Problem]:
    """Each RACI activity has exactly one Accountable team (A).

    Accountable means the final decision, which cannot be delegated. Two A's is no
    decision-maker; none is the finger-pointing the RACI was meant to end.

    Fails:

        # ownership/raci.yaml
        raci:
          feature_store_infra: {data-engineering: R/A, mlops: R/A, product: I}

    Passes:

        # ownership/raci.yaml
        raci:
          feature_store_infra: {data-engineering: R/A, mlops: R, product: I}
    """
    for entry in ctx.catalog.raci_entries():
        accountable = [t for t, v in entry.value.items() if "A" in _letters(v)]
        if len(accountable) != 1:
            found = ", ".join(f"`{t}`" for t in accountable) or "none"
            yield Problem(
                entry.key_at(),
                f"activity `{entry.id}` needs exactly one A (accountable); found {found}",
            )


@rule("GOV504", "raci-responsible", Severity.ERROR, family=F)
def raci_responsible(ctx: Context) -> Iterator[Problem]:
    """Each RACI activity has at least one Responsible team (R).

    Fails:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: C, product: C}

    Passes:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: R, product: C}
    """
    for entry in ctx.catalog.raci_entries():
        if not any("R" in _letters(v) for v in entry.value.values()):
            yield Problem(
                entry.key_at(),
                f"activity `{entry.id}` has no R (responsible): nobody does the work",
            )


@rule("GOV505", "raci-letters", Severity.ERROR, family=F)
def raci_letters(ctx: Context) -> Iterator[Problem]:
    """RACI cells are R, A, C or I, combined with ``/`` (``R/A``).

    Fails:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: Responsible}

    Passes:

        # ownership/raci.yaml
        raci:
          data_contracts: {data-engineering: A, mlops: R}
    """
    for entry in ctx.catalog.raci_entries():
        for team, value in entry.value.items():
            letters = _letters(value)
            bad = [x for x in letters if x not in RACI_LETTERS]
            if bad or not letters or len(set(letters)) != len(letters):
                yield Problem(
                    entry.at(team),
                    f"`{value}` is not a RACI value: write R, A, C, I, or a combination like R/A",
                )


@rule("GOV506", "escalation-cycle", Severity.ERROR, family=F)
def escalation_cycle(ctx: Context) -> Iterator[Problem]:
    """Team escalation chains end; they never lead back to a team already in the chain.

    A team's ``escalation`` lists who is next, in order; following teams'
    chains from one to the next must not loop, or an incident is passed around
    forever.

    Fails:

        # ownership/escalation.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
            escalation: [infra]
          infra:
            name: Infrastructure
            slack: "#infra"
            members: [ines]
            escalation: [platform]

    Passes:

        # ownership/escalation.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
            escalation: [infra]
          infra:
            name: Infrastructure
            slack: "#infra"
            members: [ines]
            escalation: [ines]
    """
    cat = ctx.catalog
    # A team defined in two files (GOV109) keeps the edges of both definitions.
    graph: dict[str, list[str]] = {}
    for t in cat.team_entries():
        edges = graph.setdefault(t.id, [])
        edges += [n for n in t.value.escalation if n in cat.teams and n not in edges]
    for loop in _loops(graph):
        start, step = loop[0], loop[1]
        entry = next(e for e in cat.teams[start] if step in e.value.escalation)
        i = entry.value.escalation.index(step)
        yield Problem(entry.at("escalation", i), f"escalation loops back: {' -> '.join(loop)}")


def _loops(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Loops of the escalation graph, each as its teams with the first repeated
    at the end: for every escalation step on some loop, the shortest loop
    through it, unless a loop already reported takes that step.

    Listing every loop instead is exponential: a file where fifteen teams
    escalate to one another would hang the CI run that lints it. This is
    bounded by the number of steps, and reports a loop of two or three teams
    once, from the alphabetically first team in it."""
    explained: set[tuple[str, str]] = set()
    for team in sorted(graph):
        for nxt in graph[team]:
            if (team, nxt) in explained:
                continue
            back = _shortest_path(graph, nxt, team)
            if back is None:
                continue  # this step leads away for good: no loop
            loop = [team, *back]
            explained.update(pairwise(loop))
            yield loop


def _shortest_path(graph: dict[str, list[str]], source: str, target: str) -> list[str] | None:
    """The teams from ``source`` to ``target`` (both included), breadth first."""
    came_from: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            path: list[str] = []
            at: str | None = node
            while at is not None:
                path.append(at)
                at = came_from[at]
            return path[::-1]
        for nxt in graph.get(node, []):
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


@rule("GOV507", "oncall-rotation", Severity.ERROR, family=F)
def oncall_rotation(ctx: Context) -> Iterator[Problem]:
    """An on-call rotation can be computed: a handoff like ``monday 10:00 UTC``, members, no repeats.

    Weekly rotations hand off on a weekday ("rotates among DEs every
    Monday at 10:00 AM"); daily rotations hand off at a time (``10:00 UTC``).

    Fails:

        # ownership/platform.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [ana, bo, chen]
            oncall: {rotation: weekly, start: 2026-01-05, handoff: "Monday 10am", members: [ana, bo, chen]}

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
        oc = team.value.oncall
        if oc is None:
            continue
        handoff = parse_handoff(oc.handoff)
        at_handoff = partial(team.at, "oncall", "handoff")  # resolved only for a finding
        weekday = handoff[0] if handoff is not None else None
        if handoff is None:
            yield Problem(
                at_handoff(),
                f"handoff `{oc.handoff}` is not a weekday and UTC time like `monday 10:00 UTC`",
            )
        elif oc.rotation == "daily":
            if weekday is not None:
                yield Problem(
                    at_handoff(), "a daily rotation hands off at a time only, like `10:00 UTC`"
                )
        elif weekday is None:
            yield Problem(
                at_handoff(), "a weekly rotation needs a handoff weekday, like `monday 10:00 UTC`"
            )
        elif weekday != oc.start.weekday():
            # `start` is the first handoff (PRODUCT.md 1.3): it falls on the handoff weekday.
            yield Problem(
                team.at("oncall", "start"),
                f"start {oc.start} is a {WEEKDAYS[oc.start.weekday()]}, "
                f"but handoffs happen on {WEEKDAYS[weekday]}",
            )
        if not oc.members:
            yield Problem(
                team.at("oncall", "members"),
                f"team `{team.id}` has an on-call rotation with no members",
            )
        seen: set[str] = set()
        for i, m in enumerate(oc.members):
            if m in seen:
                yield Problem(
                    team.at("oncall", "members", i), f"`{m}` appears twice in the rotation"
                )
            seen.add(m)


@rule("GOV508", "leave-range", Severity.ERROR, family=F)
def leave_range(ctx: Context) -> Iterator[Problem]:
    """A leave's ``from`` date is not after its ``to`` date.

    Fails:

        # ownership/platform.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [ana, bo]
            leave:
              - {member: ana, from: 2027-01-03, to: 2026-12-21}

    Passes:

        # ownership/platform.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [ana, bo]
            leave:
              - {member: ana, from: 2026-12-21, to: 2027-01-03}
    """
    for team in ctx.catalog.team_entries():
        for i, leave in enumerate(team.value.leave):
            if leave.from_ > leave.to:
                yield Problem(
                    team.at("leave", i, "to"),
                    f"leave of `{leave.member}` ends ({leave.to}) before it starts ({leave.from_})",
                )


@rule("GOV509", "team-id-format", Severity.ERROR, family=F)
def team_id_format(ctx: Context) -> Iterator[Problem]:
    """Team ids are lowercase words joined by ``-`` or ``_`` (``data-engineering``).

    Fails:

        # ownership/platform.yaml
        teams:
          Platform Team:
            name: Platform
            slack: "#platform"
            members: [pat]

    Passes:

        # ownership/platform.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [ana]
    """
    for team in ctx.catalog.team_entries():
        if not TEAM_ID.match(team.id):
            yield Problem(
                team.key_at(), f"team id `{team.id}` must be lowercase words joined by `-` or `_`"
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


@rule("GOV511", "team-contact", Severity.WARNING, family=F)
def team_contact(ctx: Context) -> Iterator[Problem]:
    """A team can be reached: it has a ``slack`` channel or an ``email``.

    Fails:

        # ownership/escalation.yaml
        teams:
          platform:
            name: Platform
            members: [pat]

    Passes:

        # ownership/escalation.yaml
        teams:
          platform:
            name: Platform
            slack: "#platform"
            members: [pat]
    """
    for team in ctx.catalog.team_entries():
        if not (team.value.slack or team.value.email):
            yield Problem(
                team.key_at(), f"team `{team.id}` has no `slack` or `email`: nobody can reach it"
            )


RULES = [
    missing_owner, primary_is_secondary, raci_accountable, raci_responsible, raci_letters,
    escalation_cycle, oncall_rotation, leave_range, team_id_format, secondary_owner, team_contact,
]  # fmt: skip
