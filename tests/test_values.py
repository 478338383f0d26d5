"""Tables for the small value languages of governed files (src/govern/values.py):
durations, percentages, delivery schedules, on-call handoffs, semver, field
types. Every parser returns None for text it does not understand; none raises."""

from __future__ import annotations

import datetime as dt

import pytest

from govern.values import (
    FieldType,
    Schedule,
    format_duration,
    parse_duration,
    parse_handoff,
    parse_percent,
    parse_schedule,
    parse_semver,
    parse_type,
)

MIN = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("15m", 15 * MIN, id="seed-002-raw-15m"),
        pytest.param("1h", HOUR, id="seed-002-staging-1h"),
        pytest.param("4h", 4 * HOUR, id="seed-002-curated-4h"),
        pytest.param("6h", 6 * HOUR, id="seed-002-marts-6h"),
        pytest.param("48h", 2 * DAY, id="seed-003-48h"),
        pytest.param("2d", 2 * DAY, id="days"),
        pytest.param("1w", 7 * DAY, id="week"),
        pytest.param("7y", 7 * 365 * DAY, id="year-is-365-days"),
        pytest.param("30s", dt.timedelta(seconds=30), id="seconds"),
        pytest.param("90min", 90 * MIN, id="min-unit"),
        pytest.param("90 min", 90 * MIN, id="space-before-unit"),
        pytest.param("1.5h", 90 * MIN, id="decimal"),
        pytest.param("  2d  ", 2 * DAY, id="surrounding-spaces"),
        pytest.param("4H", 4 * HOUR, id="unit-case-folded"),
        pytest.param("0m", dt.timedelta(0), id="zero"),
    ],
)
def test_duration_parses(text: str, expected: dt.timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("one hour", id="words"),
        pytest.param("1 hour", id="unit-as-word"),
        pytest.param("15", id="no-unit"),
        pytest.param("h", id="no-number"),
        pytest.param("-1h", id="negative"),
        pytest.param("PT1H", id="iso-8601"),
        pytest.param("1h30m", id="compound"),
        pytest.param("1e3h", id="exponent"),
        pytest.param("", id="empty"),
        pytest.param("1,5h", id="decimal-comma"),
        pytest.param("99999999999d", id="past-timedelta-range"),
        pytest.param("9" * 400 + "s", id="float-infinity"),
        pytest.param("6M", id="capital-M-minutes-or-months"),
    ],
)
def test_duration_rejects(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        pytest.param(15 * MIN, "15m", id="minutes"),
        pytest.param(HOUR, "1h", id="hour"),
        pytest.param(90 * MIN, "90m", id="not-whole-hours"),
        pytest.param(2 * DAY, "2d", id="days"),
        pytest.param(36 * HOUR, "36h", id="not-whole-days"),
        pytest.param(dt.timedelta(seconds=45), "45s", id="seconds"),
        pytest.param(dt.timedelta(0), "0s", id="zero"),
    ],
)
def test_format_duration(delta: dt.timedelta, text: str) -> None:
    assert format_duration(delta) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("99.9%", 99.9, id="three-nines"),
        pytest.param("99.5%", 99.5, id="seed-002-availability"),
        pytest.param("100%", 100.0, id="upper-bound"),
        pytest.param("0%", 0.0, id="lower-bound"),
        pytest.param("99.95 %", 99.95, id="space-before-sign"),
        pytest.param(" 95% ", 95.0, id="surrounding-spaces"),
    ],
)
def test_percent_parses(text: str, expected: float) -> None:
    assert parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("0.999", id="fraction-is-ambiguous"),
        pytest.param("99.9", id="number-without-sign"),
        pytest.param("101%", id="above-100"),
        pytest.param("100.01%", id="just-above-100"),
        pytest.param("-1%", id="negative"),
        pytest.param("99.9 percent", id="word"),
        pytest.param("%", id="sign-only"),
        pytest.param("", id="empty"),
        pytest.param("99,9%", id="decimal-comma"),
    ],
)
def test_percent_rejects(text: str) -> None:
    assert parse_percent(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("hourly", Schedule("hourly"), id="hourly"),
        pytest.param("daily", Schedule("daily"), id="daily-no-time"),
        pytest.param("daily 09:00 UTC", Schedule("daily", time=dt.time(9, 0)), id="daily-utc"),
        pytest.param("daily 9:00 UTC", Schedule("daily", time=dt.time(9, 0)), id="one-digit-hour"),
        pytest.param("daily 23:59 Z", Schedule("daily", time=dt.time(23, 59)), id="zulu"),
        pytest.param("daily 09:00 utc", Schedule("daily", time=dt.time(9, 0)), id="utc-lowercase"),
        pytest.param("Daily 09:00 UTC", Schedule("daily", time=dt.time(9, 0)), id="every-case"),
        pytest.param(
            "weekly friday 09:00 UTC",
            Schedule("weekly", weekday=4, time=dt.time(9, 0)),
            id="seed-003-weekly-friday",
        ),
        pytest.param(
            "weekly Monday 10:00 UTC",
            Schedule("weekly", weekday=0, time=dt.time(10, 0)),
            id="weekday-capitalised",
        ),
        pytest.param("weekly sunday", Schedule("weekly", weekday=6), id="weekly-no-time"),
        pytest.param(
            "monthly 28 00:00 UTC",
            Schedule("monthly", day=28, time=dt.time(0, 0)),
            id="seed-003-monthly-28th",
        ),
        pytest.param("monthly 1", Schedule("monthly", day=1), id="monthly-first"),
        pytest.param(
            "monthly 31 12:00 UTC", Schedule("monthly", day=31, time=dt.time(12)), id="monthly-31st"
        ),
    ],
)
def test_schedule_parses(text: str, expected: Schedule) -> None:
    assert parse_schedule(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("daily 09:00", id="time-without-zone"),
        pytest.param("daily 09:00 CET", id="other-zone"),
        pytest.param("daily 09:00 +01:00", id="offset"),
        pytest.param("daily 9am UTC", id="am-pm"),
        pytest.param("daily 24:00 UTC", id="hour-24"),
        pytest.param("daily 09:60 UTC", id="minute-60"),
        pytest.param("daily monday 09:00 UTC", id="daily-with-weekday"),
        pytest.param("weekly 09:00 UTC", id="weekly-without-weekday"),
        pytest.param("weekly fri 09:00 UTC", id="weekday-abbreviated"),
        pytest.param("weekly 5 09:00 UTC", id="weekday-as-number"),
        pytest.param("monthly 0 00:00 UTC", id="day-0"),
        pytest.param("monthly 32 00:00 UTC", id="day-32"),
        pytest.param("monthly friday 00:00 UTC", id="monthly-weekday"),
        pytest.param("hourly 09:00 UTC", id="hourly-with-time"),
        pytest.param("09:00 UTC", id="no-frequency"),
        pytest.param("every morning at 9", id="prose"),
        pytest.param("0 9 * * *", id="cron"),
        pytest.param("", id="empty"),
    ],
)
def test_schedule_rejects(text: str) -> None:
    assert parse_schedule(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("monday 10:00 UTC", (0, dt.time(10, 0)), id="seed-003-monday-10"),
        pytest.param("Monday 10:00 UTC", (0, dt.time(10, 0)), id="weekday-capitalised"),
        pytest.param("sunday 23:30 Z", (6, dt.time(23, 30)), id="zulu"),
        pytest.param("10:00 UTC", (None, dt.time(10, 0)), id="daily-time-only"),
        pytest.param("9:05 utc", (None, dt.time(9, 5)), id="one-digit-hour-lowercase-utc"),
    ],
)
def test_handoff_parses(text: str, expected: tuple[int | None, dt.time]) -> None:
    assert parse_handoff(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("monday 10:00", id="no-zone"),
        pytest.param("Monday 10am", id="am-pm"),
        pytest.param("mon 10:00 UTC", id="weekday-abbreviated"),
        pytest.param("monday", id="no-time"),
        pytest.param("monday 10:00 CET", id="other-zone"),
        pytest.param("funday 10:00 UTC", id="not-a-weekday"),
        pytest.param("monday 25:00 UTC", id="hour-25"),
        pytest.param("", id="empty"),
    ],
)
def test_handoff_rejects(text: str) -> None:
    assert parse_handoff(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1.0.0", (1, 0, 0), id="plain"),
        pytest.param("2.1.0", (2, 1, 0), id="product-example"),
        pytest.param("0.0.1", (0, 0, 1), id="zero-major"),
        pytest.param("10.20.30", (10, 20, 30), id="multi-digit"),
        pytest.param("1.0.0-rc.1", (1, 0, 0), id="pre-release"),
        pytest.param("1.0.0+build.5", (1, 0, 0), id="build-metadata"),
        pytest.param("1.0.0-alpha-2+sha.abc", (1, 0, 0), id="pre-release-and-build"),
    ],
)
def test_semver_parses(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_semver(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1.0", id="two-parts"),
        pytest.param("1", id="one-part"),
        pytest.param("v1.0.0", id="v-prefix"),
        pytest.param("01.0.0", id="leading-zero"),
        pytest.param("1.0.0.0", id="four-parts"),
        pytest.param("1.0.0-", id="empty-pre-release"),
        pytest.param("1.0.0-rc..1", id="empty-identifier"),
        pytest.param(" 1.0.0", id="leading-space"),
        pytest.param("", id="empty"),
    ],
)
def test_semver_rejects(text: str) -> None:
    assert parse_semver(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *(pytest.param(t, FieldType(t), id=t) for t in (
            "string", "integer", "long", "float", "double", "boolean", "date", "timestamp",
            "timestamp_tz", "time", "bytes", "json", "object", "array",
        )),
        pytest.param("String", FieldType("string"), id="case-folded"),
        pytest.param(" integer ", FieldType("integer"), id="spaces"),
        pytest.param("decimal(18,2)", FieldType("decimal", 18, 2), id="decimal-18-2"),
        pytest.param("decimal(10, 2)", FieldType("decimal", 10, 2), id="decimal-space"),
        pytest.param("DECIMAL( 10 , 2 )", FieldType("decimal", 10, 2), id="decimal-upper"),
        pytest.param("decimal(1,0)", FieldType("decimal", 1, 0), id="smallest-precision"),
        pytest.param("decimal(38,0)", FieldType("decimal", 38, 0), id="largest-precision"),
        pytest.param("decimal(38,38)", FieldType("decimal", 38, 38), id="scale-equals-precision"),
    ],
)  # fmt: skip
def test_type_parses(text: str, expected: FieldType) -> None:
    assert parse_type(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("decimal", id="decimal-without-precision"),
        pytest.param("decimal(10)", id="decimal-without-scale"),
        pytest.param("decimal(0,0)", id="precision-0"),
        pytest.param("decimal(39,2)", id="precision-39"),
        pytest.param("decimal(2,3)", id="scale-above-precision"),
        pytest.param("decimal(-1,0)", id="negative-precision"),
        pytest.param("decimal(18.2)", id="dot-separator"),
        pytest.param("numeric(18,2)", id="numeric-alias"),
        pytest.param("int", id="int-alias"),
        pytest.param("varchar(20)", id="sql-type"),
        pytest.param("list<string>", id="generic"),
        pytest.param("", id="empty"),
    ],
)
def test_type_rejects(text: str) -> None:
    assert parse_type(text) is None


@pytest.mark.parametrize(
    ("text", "numeric", "textual", "shown"),
    [
        pytest.param("integer", True, False, "integer", id="integer"),
        pytest.param("long", True, False, "long", id="long"),
        pytest.param("double", True, False, "double", id="double"),
        pytest.param("decimal(18, 2)", True, False, "decimal(18,2)", id="decimal"),
        pytest.param("string", False, True, "string", id="string"),
        pytest.param("boolean", False, False, "boolean", id="boolean"),
        pytest.param("timestamp_tz", False, False, "timestamp_tz", id="timestamp_tz"),
    ],
)
def test_type_properties(text: str, numeric: bool, textual: bool, shown: str) -> None:
    parsed = parse_type(text)
    assert parsed is not None
    assert (parsed.numeric, parsed.textual, str(parsed)) == (numeric, textual, shown)
