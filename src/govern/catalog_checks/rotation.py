"""When an on-call rotation hands off (PRODUCT.md section 1.3), or why it cannot.

Lint reports what stops a rotation from being computed (GOV507); the on-call
report computes who is on call from the same reading, so a rotation lint
accepts is one the report can follow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from govern.model.ownership import OnCall
from govern.values import WEEKDAYS, parse_handoff

UTC = dt.timezone.utc


@dataclass(frozen=True)
class Schedule:
    """A rotation's first handoff and the length of its periods."""

    first: dt.datetime  # the first period's start, in UTC
    length: dt.timedelta


@dataclass(frozen=True)
class Fault:
    """Why the handoffs cannot be computed, at the ``oncall`` key to blame."""

    key: Literal["handoff", "start"]
    message: str


def schedule(oc: OnCall) -> Schedule | Fault:
    """The handoffs of ``oc``: a weekly rotation hands off on a weekday, the
    weekday of ``start`` (its first handoff); a daily one at a time only."""
    handoff = parse_handoff(oc.handoff)
    if handoff is None:
        return Fault(
            "handoff",
            f"handoff `{oc.handoff}` is not a weekday and UTC time like `monday 10:00 UTC`",
        )
    weekday, time = handoff
    if oc.rotation == "daily":
        if weekday is not None:
            return Fault("handoff", "a daily rotation hands off at a time only, like `10:00 UTC`")
    elif weekday is None:
        return Fault(
            "handoff", "a weekly rotation needs a handoff weekday, like `monday 10:00 UTC`"
        )
    elif weekday != oc.start.weekday():
        return Fault(
            "start",
            f"start {oc.start} is a {WEEKDAYS[oc.start.weekday()]}, "
            f"but handoffs happen on {WEEKDAYS[weekday]}",
        )
    first = dt.datetime.combine(oc.start, time, tzinfo=UTC)
    return Schedule(first, dt.timedelta(days=7 if oc.rotation == "weekly" else 1))
