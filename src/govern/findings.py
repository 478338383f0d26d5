"""The one finding type every stage produces and every reporter prints."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How bad a finding is. Ordered: ``error`` > ``warning`` > ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: ``path`` relative to the repository root with ``/``
    separators; ``line`` and ``column`` 1-based (PRODUCT.md section 2)."""

    path: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    """What a rule (or the loader) reports: where and what. The engine turns it
    into a :class:`Finding` by stamping the rule's code, name and configured
    severity, so a rule never decides its own severity."""

    location: Location
    message: str
    # Set only by the loader, which checks several file-level rules in one
    # pass over the bytes; a rule's own problems leave it empty.
    code: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    location: Location
    message: str

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule)
