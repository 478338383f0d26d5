"""``govern convert``: a contract between govern's format and ODCS v3 (not yet built)."""

from __future__ import annotations

from govern.repo import UsageError


def run(
    *, file: str, to: str | None, output: str | None, force: bool, strict: bool, color: bool
) -> int:
    raise UsageError("govern convert is not built yet")
