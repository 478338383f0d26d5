"""On-call rotations that can be computed (seed 003): handoffs that parse,
members without repeats, leave that ends after it starts."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog_checks.rotation import Fault, schedule
from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "ownership"


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
        when = schedule(oc)
        if isinstance(when, Fault):
            yield Problem(team.at("oncall", when.key), when.message)
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
