"""Names compared as people mean them, and the closest name for a typo."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def fold(name: str) -> str:
    """Case, spacing, ``_`` and ``-`` folded: "Payroll error-rate" == "payroll_error_rate".

    Lint (GOV404) and ``govern conflicts`` fold alike, so that the names lint
    calls a collision are the ones the report compares."""
    return re.sub(r"[\s_\-]+", " ", name).strip().casefold()


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """``; did you mean `x`?`` for the closest of ``choices``, or ""."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""
