"""Escalation steps name someone who can be alerted: a team, a person of a
team, or a role."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govern.catalog import Catalog
from govern.catalog_checks.names import did_you_mean
from govern.findings import Problem, Severity
from govern.rules.base import Context, rule

F = "references"
# Words an escalation step may use instead of a team or a person (seed 003:
# "alert manager and relevant pipeline owner").
ESCALATION_ROLES = frozenset({"manager", "owner", "primary", "secondary", "oncall"})


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
        f"{', '.join(sorted(ESCALATION_ROLES))}{did_you_mean(name, choices)}"
    )
