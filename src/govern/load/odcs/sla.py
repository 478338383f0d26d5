"""ODCS ``slaProperties`` as the native SLA: which entries are read, and their
value and unit as a native duration or percentage."""

from __future__ import annotations

from typing import Any

from govern.load.yamlpos import Path

_UNITS = {
    "s": "s",
    "sec": "s",
    "second": "s",
    "seconds": "s",
    "m": "m",
    "min": "m",
    "minute": "m",
    "minutes": "m",
    "h": "h",
    "hr": "h",
    "hour": "h",
    "hours": "h",
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "week": "w",
    "weeks": "w",
    "y": "y",
    "yr": "y",
    "year": "y",
    "years": "y",
}


def sla_duration(item: dict[str, Any]) -> str | None:
    """An SLA entry's value and unit as a native duration (``4`` ``d`` -> ``4d``)."""
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    unit = item.get("unit")
    if isinstance(unit, str) and isinstance(value, (int, float)):
        unit = unit.strip()
        # `M` is months in ISO 8601 and minutes to others: kept as written, so
        # that the duration rules refuse it rather than read six months as 6m.
        return f"{value}{unit if unit == 'M' else _UNITS.get(unit.lower(), unit)}"
    return str(value)


def sla_percent(item: dict[str, Any]) -> Any:
    """An SLA entry's value as a native percentage (``99.9`` ``%`` -> ``99.9%``)."""
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    unit = item.get("unit")
    if isinstance(value, (int, float)) and unit == "%":
        return f"{value}%"
    return value


def sla_items(value: dict[str, Any]) -> dict[int, Path]:
    """The ``slaProperties`` entries the native contract reads (index -> native
    path): the first latency (or freshness), retention, availability and
    completeness whose value can be read."""
    used: dict[int, Path] = {}
    props = value.get("slaProperties")
    if not isinstance(props, list):
        return used
    taken: set[Path] = set()
    for i, item in enumerate(props):
        if not isinstance(item, dict) or not isinstance(item.get("property"), str):
            continue
        prop = item["property"].strip().lower()
        if prop in ("latency", "freshness"):
            native: Path = ("sla", "freshness")
            read = sla_duration(item)
        elif prop == "retention":
            native, read = ("retention",), sla_duration(item)
        elif prop in ("availability", "completeness"):
            native, read = ("sla", prop), sla_percent(item)
        else:
            continue
        if native not in taken and read is not None:
            taken.add(native)
            used[i] = native
    return used
