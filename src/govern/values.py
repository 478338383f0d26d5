"""Parsers for the small value languages inside governed files: durations,
percentages, delivery schedules, on-call handoffs, semver, field types.

Each returns None for text it does not understand, so that a rule can say
precisely what is wrong; nothing here raises on user input.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w|y)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {
    "s": 1,
    "m": 60,
    "min": 60,
    "h": 3600,
    "d": 86400,
    "w": 7 * 86400,
    "y": 365 * 86400,
}


def parse_duration(text: str) -> dt.timedelta | None:
    """``15m``, ``1h``, ``4h``, ``2d``, ``48h``, ``1w``, ``7y`` (a year is 365 days)."""
    m = _DURATION.match(text)
    # `M` is minutes to some and months to others: refused, not guessed.
    if not m or m.group(2) == "M":
        return None
    try:
        return dt.timedelta(seconds=float(m.group(1)) * _UNIT_SECONDS[m.group(2).lower()])
    except OverflowError:  # `99999999999d` is past what a timedelta holds
        return None


def format_duration(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def parse_percent(text: str) -> float | None:
    """``99.9%`` -> 99.9. The ``%`` sign is required: ``0.999`` is ambiguous."""
    m = _PERCENT.match(text)
    if not m:
        return None
    value = float(m.group(1))
    return value if 0 <= value <= 100 else None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = r"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)"
_ZONE = r"(?:\s+(?P<tz>UTC|Z))?"


@dataclass(frozen=True)
class Schedule:
    """When something is delivered: ``daily 09:00 UTC``, ``weekly friday 09:00 UTC``,
    ``monthly 28 00:00 UTC``, ``hourly``."""

    every: str  # hourly | daily | weekly | monthly
    weekday: int | None = None
    day: int | None = None
    time: dt.time | None = None


_SCHEDULE = re.compile(
    r"^\s*(?P<every>hourly|daily|weekly|monthly)"
    r"(?:\s+(?P<when>[a-z]+|\d{1,2}))?"
    rf"(?:\s+{_TIME})?{_ZONE}\s*$",
    re.IGNORECASE,
)


def parse_schedule(text: str) -> Schedule | None:
    m = _SCHEDULE.match(text)
    if not m:
        return None
    every = m.group("every").lower()
    when = (m.group("when") or "").lower()
    time = dt.time(int(m.group("h")), int(m.group("m"))) if m.group("h") else None
    if m.group("h") and not m.group("tz"):
        return None  # a time without a zone is ambiguous across a global team
    if every == "hourly":
        return Schedule(every) if not when and time is None else None
    if every == "daily":
        return Schedule(every, time=time) if not when else None
    if every == "weekly":
        if when not in WEEKDAYS:
            return None
        return Schedule(every, weekday=WEEKDAYS.index(when), time=time)
    if not when.isdigit() or len(when) > 2 or not 1 <= int(when) <= 31:
        return None
    return Schedule(every, day=int(when), time=time)


_HANDOFF = re.compile(rf"^\s*(?P<day>[a-z]+\s+)?{_TIME}\s+(?P<tz>UTC|Z)\s*$", re.IGNORECASE)


def parse_handoff(text: str) -> tuple[int | None, dt.time] | None:
    """``monday 10:00 UTC`` (weekly) or ``10:00 UTC`` (daily) -> (weekday, time)."""
    m = _HANDOFF.match(text)
    if not m:
        return None
    day = (m.group("day") or "").strip().lower()
    if day and day not in WEEKDAYS:
        return None
    return (WEEKDAYS.index(day) if day else None, dt.time(int(m.group("h")), int(m.group("m"))))


# At most 18 digits a number (int() refuses past 4,300 digits; no release is
# numbered past 10^18): a longer one is not a version govern can compare.
_SEMVER = re.compile(
    r"^(0|[1-9]\d{0,17})\.(0|[1-9]\d{0,17})\.(0|[1-9]\d{0,17})"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


def parse_semver(text: str) -> tuple[int, int, int] | None:
    m = _SEMVER.match(text)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


SIMPLE_TYPES = (
    "string", "integer", "long", "float", "double", "boolean", "date",
    "timestamp", "timestamp_tz", "time", "bytes", "json", "object", "array",
)  # fmt: skip
_DECIMAL = re.compile(r"^decimal\(\s*(\d{1,9})\s*,\s*(\d{1,9})\s*\)$")  # never a huge int()


@dataclass(frozen=True)
class FieldType:
    name: str  # one of SIMPLE_TYPES or "decimal"
    precision: int | None = None
    scale: int | None = None

    @property
    def numeric(self) -> bool:
        return self.name in ("integer", "long", "float", "double", "decimal")

    @property
    def textual(self) -> bool:
        return self.name == "string"

    def __str__(self) -> str:
        return f"decimal({self.precision},{self.scale})" if self.name == "decimal" else self.name


@functools.lru_cache(maxsize=1024)
def parse_type(text: str) -> FieldType | None:
    t = text.strip().lower()
    if t in SIMPLE_TYPES:
        return FieldType(t)
    m = _DECIMAL.match(t)
    if m:
        precision, scale = int(m.group(1)), int(m.group(2))
        if 1 <= precision <= 38 and scale <= precision:
            return FieldType("decimal", precision, scale)
    return None
