"""``govern conflicts``: being built."""

from __future__ import annotations

from govern.repo import UsageError


def run(**_: object) -> int:
    raise UsageError("govern conflicts is not available yet")
