"""``govern coverage``: being built."""

from __future__ import annotations

from govern.repo import UsageError


def run(**_: object) -> int:
    raise UsageError("govern coverage is not available yet")
