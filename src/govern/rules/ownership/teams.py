"""Teams are named alike and can be reached."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "ownership"
TEAM_ID = re.compile(r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$")


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
