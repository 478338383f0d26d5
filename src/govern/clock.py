"""What "now" is: ``--now`` or ``GOVERN_NOW`` (ISO 8601 date or date-time),
else the current time in UTC. Fixing it makes verdicts reproducible."""

from __future__ import annotations

import datetime as dt
import os

from govern.repo import UsageError


def now(given: str | None) -> dt.datetime:
    text = given or os.environ.get("GOVERN_NOW")
    if not text:
        return dt.datetime.now(dt.timezone.utc)
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--now {text!r} is not an ISO 8601 date or date-time "
            "(2026-11-22 or 2026-11-22T12:00:00Z)"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)
