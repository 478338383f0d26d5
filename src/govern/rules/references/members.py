"""The people of a team's rotation and leave are members of the team."""

from __future__ import annotations

from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "references"


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
