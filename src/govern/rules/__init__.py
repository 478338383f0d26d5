"""The rule registry: every rule by code, imported explicitly by name.

Codes are forever: a code is never reused or renumbered; a renamed rule keeps
its old name as an alias.
"""

from __future__ import annotations

from govern.rules import contracts, fields, files, metrics, ownership, references, sla
from govern.rules.base import Rule

_ALL: list[Rule] = [
    *files.RULES,
    *references.RULES,
    *contracts.RULES,
    *fields.RULES,
    *sla.RULES,
    *metrics.RULES,
    *ownership.RULES,
]

REGISTRY: dict[str, Rule] = {}
for _r in _ALL:
    if _r.code in REGISTRY:  # pragma: no cover - guarded by a test too
        raise RuntimeError(f"duplicate rule code {_r.code}")
    REGISTRY[_r.code] = _r

_BY_NAME: dict[str, str] = {}
for _r in _ALL:
    for _name in (_r.name, *_r.aliases):
        _BY_NAME[_name] = _r.code


class _Resolve:
    """``resolve(name)``: a rule code or name (or an old alias) -> its code;
    None when unknown. ``resolve.names()``: every rule's name. The
    configuration takes it as a parameter (config.RuleIndex) and never imports
    the rules, which read the configuration."""

    def __call__(self, name: str) -> str | None:
        upper = name.strip().upper()
        if upper in REGISTRY:
            return upper
        return _BY_NAME.get(name.strip().lower())

    def names(self) -> list[str]:
        return [r.name for r in REGISTRY.values()]


resolve = _Resolve()


__all__ = ["REGISTRY", "Rule", "resolve"]
