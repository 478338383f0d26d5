"""Who is on call: a team's rotation at a moment, with seed 003's holiday rule.

The rotation (PRODUCT.md section 1.3): period ``k`` starts at the handoff time
of ``oncall.start`` plus ``k`` weeks (``weekly``) or days (``daily``) and ends
where period ``k + 1`` starts; the member scheduled for it is
``members[k mod n]``. Before the first handoff nobody is on call.

Leave (seed 003, "Holiday Coverage"): a member is away on every day from
``from`` to ``to``, both included, as UTC dates. When the scheduled member is
on leave on the day asked, the member scheduled for the previous period covers
if they are not on leave that day; otherwise the next member in rotation order
who is not on leave. When everyone is away, nobody is on call. Leave is judged
on the day asked, not for the whole period: a member away Wednesday to Friday
is covered those days and on call again on Saturday.

Pure: no I/O, and the moment is always given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from govern.catalog_checks.rotation import UTC, Fault, schedule
from govern.model.ownership import Leave, Team

Status = Literal["scheduled", "covering", "nobody", "not-started", "no-rotation", "invalid"]


@dataclass(frozen=True)
class Rotation:
    """A rotation that can be computed: the first handoff and the period length."""

    first: dt.datetime  # the first period's start (UTC)
    length: dt.timedelta
    members: tuple[str, ...]
    leave: tuple[Leave, ...]

    def period(self, at: dt.datetime) -> int | None:
        """The period that holds ``at``; None before the first handoff."""
        if at < self.first:
            return None
        return (at - self.first) // self.length

    def start_of(self, k: int) -> dt.datetime:
        return self.first + k * self.length

    def end_of(self, k: int) -> dt.datetime | None:
        """The handoff that ends period ``k``; None past the last date Python has."""
        try:
            return self.start_of(k + 1)
        except OverflowError:
            return None

    def scheduled(self, k: int) -> str:
        return self.members[k % len(self.members)]

    def away(self, member: str, day: dt.date) -> Leave | None:
        """The leave that keeps ``member`` away on ``day`` (dates inclusive)."""
        return next((x for x in self.leave if x.member == member and x.from_ <= day <= x.to), None)


@dataclass(frozen=True)
class OnCall:
    """Who is on call at ``at`` and why."""

    status: Status
    at: dt.datetime
    person: str | None = None  # who answers; None when nobody does
    scheduled: str | None = None  # whose turn it is by the rotation
    period: int | None = None  # 0 for the first period
    start: dt.datetime | None = None  # the period's start (a handoff)
    end: dt.datetime | None = None  # the next handoff
    reason: str = ""


def rotation(team: Team) -> Rotation | str:
    """The team's rotation, or why it cannot be computed (GOV507's reading of the handoff)."""
    oc = team.oncall
    if oc is None:
        return "the team has no on-call rotation"
    when = schedule(oc)
    if isinstance(when, Fault):
        return when.message
    if not oc.members:
        return "the rotation has no members"
    return Rotation(when.first, when.length, tuple(oc.members), tuple(team.leave))


def _utc(at: dt.datetime) -> dt.datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _leave_text(leave: Leave) -> str:
    return f"on leave {leave.from_} to {leave.to}"


def who_is_on_call(team: Team, at: dt.datetime) -> OnCall:
    """Who of ``team`` is on call at ``at`` (seed 003's holiday rule applied)."""
    at = _utc(at)
    rot = rotation(team)
    if isinstance(rot, str):
        status: Status = "no-rotation" if team.oncall is None else "invalid"
        return OnCall(status, at, reason=rot)
    k = rot.period(at)
    if k is None:
        return OnCall(
            "not-started",
            at,
            end=rot.first,
            reason=f"the rotation starts {_stamp(rot.first)}: nobody is on call before",
        )
    start, end = rot.start_of(k), rot.end_of(k)
    scheduled = rot.scheduled(k)
    found = OnCall("scheduled", at, scheduled, scheduled, k, start, end)
    day = at.date()
    leave = rot.away(scheduled, day)
    if leave is None:
        return replace(found, reason=f"{scheduled}'s turn in the {rotation_kind(team)} rotation")
    why = [f"{scheduled} is {_leave_text(leave)}"]
    n = len(rot.members)
    if k > 0 and n > 1:
        previous = rot.scheduled(k - 1)
        prev_leave = rot.away(previous, day)
        if prev_leave is None:
            why.append(f"{previous} (previous period) covers")
            return replace(found, status="covering", person=previous, reason="; ".join(why))
        why.append(f"{previous} (previous period) is {_leave_text(prev_leave)} too")
    else:
        why.append("there is no previous period" if k == 0 else "nobody else is in the rotation")
    index = k % n
    for step in range(1, n):
        candidate = rot.members[(index + step) % n]
        if candidate == scheduled or rot.away(candidate, day) is not None:
            continue
        why.append(f"{candidate} (next available) covers")
        return replace(found, status="covering", person=candidate, reason="; ".join(why))
    if n > 1:
        why.append(f"everyone in the rotation is on leave on {day}: nobody is on call")
    else:
        why.append("nobody is on call")
    return replace(found, status="nobody", person=None, reason="; ".join(why))


def next_on_call(team: Team, at: dt.datetime) -> OnCall:
    """Who is on call from the next handoff after ``at`` (the first handoff
    before the rotation starts), with leave judged on that handoff's day."""
    at = _utc(at)
    rot = rotation(team)
    if isinstance(rot, str):
        return who_is_on_call(team, at)
    k = rot.period(at)
    handoff = rot.first if k is None else rot.end_of(k)
    if handoff is None:
        return OnCall("invalid", at, reason="no handoff before the end of the year 9999")
    return who_is_on_call(team, handoff)


def rotation_kind(team: Team) -> str:
    return team.oncall.rotation if team.oncall else "no"
