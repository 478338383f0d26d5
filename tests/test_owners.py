"""``govern owners``: the on-call rotation computed by hand, seed 003's holiday
rule, and the owners, on-call and escalation of pipelines, contracts, metrics
and datasets, end to end through the installed ``govern``."""

from __future__ import annotations

import datetime as dt
import json
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from govern.model.ownership import Team
from govern.reports.oncall import next_on_call, who_is_on_call
from tests.conftest import PROJECT, make_repo, run_govern

UTC = dt.timezone.utc


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def team(
    members: list[str],
    *,
    rotation: str = "weekly",
    start: str = "2026-01-05",  # a Monday
    handoff: str = "monday 10:00 UTC",
    leave: Sequence[tuple[str, str, str]] = (),
) -> Team:
    return Team.model_validate(
        {
            "members": members,
            "oncall": {
                "rotation": rotation,
                "start": start,
                "handoff": handoff,
                "members": members,
            },
            "leave": [{"member": m, "from": f, "to": t} for m, f, t in leave],
        }
    )


ABC = ["ana", "bo", "chen"]

# --- the rotation, by hand ---------------------------------------------------------------
# Weekly from Monday 2026-01-05 10:00 UTC: period k starts 2026-01-05 10:00 + k weeks
# and belongs to ABC[k mod 3].
WEEKLY = [
    ("2026-01-01T12:00Z", None, None),  # before the start date
    ("2026-01-05T09:59Z", None, None),  # the start day, before the first handoff
    ("2026-01-05T10:00Z", "ana", 0),  # the first handoff
    ("2026-01-12T09:59Z", "ana", 0),  # the last minute of period 0
    ("2026-01-12T10:00Z", "bo", 1),  # Monday 10:00: bo takes over
    ("2026-01-18T23:59Z", "bo", 1),  # Sunday night is still bo's week
    ("2026-01-19T10:00Z", "chen", 2),
    ("2026-01-26T10:00Z", "ana", 3),  # wraps around the members
    ("2026-11-23T09:59Z", "ana", 45),  # 322 days after the start: 46 weeks; 45 mod 3 = 0
    ("2026-11-23T10:00Z", "bo", 46),  # 46 mod 3 = 1
    ("2027-01-04T10:00Z", "bo", 52),  # across the new year: 364 days = 52 weeks
]


@pytest.mark.parametrize(("moment", "person", "period"), WEEKLY)
def test_weekly_rotation(moment: str, person: str | None, period: int | None) -> None:
    got = who_is_on_call(team(ABC), at(moment))
    assert (got.person, got.period) == (person, period)
    if person is None:
        assert got.status == "not-started"
        assert got.reason == "the rotation starts 2026-01-05 10:00 UTC: nobody is on call before"
    else:
        assert got.status == "scheduled"
        assert got.start == at("2026-01-05T10:00Z") + dt.timedelta(weeks=period or 0)
        assert got.end == got.start + dt.timedelta(weeks=1)


def test_times_in_other_zones_are_converted_to_utc() -> None:
    # 11:59:59 at +02:00 is 09:59:59 UTC, a second before bo's first handoff.
    assert who_is_on_call(team(ABC), at("2026-01-12T11:59:59+02:00")).person == "ana"
    assert who_is_on_call(team(ABC), at("2026-01-12T12:00:00+02:00")).person == "bo"
    # A moment without a zone is UTC.
    assert who_is_on_call(team(ABC), dt.datetime(2026, 1, 12, 10, 0)).person == "bo"


# Daily from 2026-03-01 10:00 UTC, members ana, bo: day k belongs to [ana, bo][k mod 2].
DAILY = [
    ("2026-03-01T09:59Z", None, None),
    ("2026-03-01T10:00Z", "ana", 0),
    ("2026-03-02T09:59Z", "ana", 0),
    ("2026-03-02T10:00Z", "bo", 1),
    ("2026-03-03T10:00Z", "ana", 2),
    ("2026-03-31T12:00Z", "ana", 30),  # 30 days after the start
    ("2026-04-01T09:00Z", "ana", 30),  # before the day's handoff: still day 30
    ("2026-04-01T10:00Z", "bo", 31),
]


@pytest.mark.parametrize(("moment", "person", "period"), DAILY)
def test_daily_rotation(moment: str, person: str | None, period: int | None) -> None:
    daily = team(["ana", "bo"], rotation="daily", start="2026-03-01", handoff="10:00 UTC")
    got = who_is_on_call(daily, at(moment))
    assert (got.person, got.period) == (person, period)
    if got.start is not None:
        assert got.end == got.start + dt.timedelta(days=1)


# --- seed 003's holiday rule ------------------------------------------------------------
# Week 1 (2026-01-12 10:00 to 2026-01-19 10:00) is bo's; week 0 was ana's.
LEAVE: list[tuple[str, list[tuple[str, str, str]], str, str | None, str, str]] = [
    (
        "the previous period's on-call covers",
        [("bo", "2026-01-12", "2026-01-18")],
        "2026-01-13T12:00Z",
        "ana",
        "covering",
        "bo is on leave 2026-01-12 to 2026-01-18; ana (previous period) covers",
    ),
    (
        "previous also on leave: the next available member",
        [("bo", "2026-01-12", "2026-01-18"), ("ana", "2026-01-10", "2026-01-14")],
        "2026-01-13T12:00Z",
        "chen",
        "covering",
        "bo is on leave 2026-01-12 to 2026-01-18; ana (previous period) is on leave "
        "2026-01-10 to 2026-01-14 too; chen (next available) covers",
    ),
    (
        "everyone on leave: nobody",
        [
            ("bo", "2026-01-12", "2026-01-18"),
            ("ana", "2026-01-13", "2026-01-13"),
            ("chen", "2026-01-01", "2026-01-31"),
        ],
        "2026-01-13T12:00Z",
        None,
        "nobody",
        "bo is on leave 2026-01-12 to 2026-01-18; ana (previous period) is on leave "
        "2026-01-13 to 2026-01-13 too; everyone in the rotation is on leave on 2026-01-13: "
        "nobody is on call",
    ),
    (
        "leave is judged on the day asked: the day before it starts",
        [("bo", "2026-01-14", "2026-01-15")],
        "2026-01-13T23:59Z",
        "bo",
        "scheduled",
        "bo's turn in the weekly rotation",
    ),
    (
        "the first day of leave is included",
        [("bo", "2026-01-14", "2026-01-15")],
        "2026-01-14T00:00Z",
        "ana",
        "covering",
        "bo is on leave 2026-01-14 to 2026-01-15; ana (previous period) covers",
    ),
    (
        "the last day of leave is included",
        [("bo", "2026-01-14", "2026-01-15")],
        "2026-01-15T23:59Z",
        "ana",
        "covering",
        "bo is on leave 2026-01-14 to 2026-01-15; ana (previous period) covers",
    ),
    (
        "back the day after",
        [("bo", "2026-01-14", "2026-01-15")],
        "2026-01-16T00:00Z",
        "bo",
        "scheduled",
        "bo's turn in the weekly rotation",
    ),
    (
        "another member's leave changes nothing",
        [("chen", "2026-01-12", "2026-01-18")],
        "2026-01-13T12:00Z",
        "bo",
        "scheduled",
        "bo's turn in the weekly rotation",
    ),
    (
        "the first period has no previous period: the next available member",
        [("ana", "2026-01-05", "2026-01-11")],
        "2026-01-06T12:00Z",
        "bo",
        "covering",
        "ana is on leave 2026-01-05 to 2026-01-11; there is no previous period; "
        "bo (next available) covers",
    ),
    (
        "next in rotation order wraps around (chen's week, bo away: ana)",
        [("chen", "2026-01-19", "2026-01-25"), ("bo", "2026-01-19", "2026-01-25")],
        "2026-01-20T12:00Z",
        "ana",
        "covering",
        "chen is on leave 2026-01-19 to 2026-01-25; bo (previous period) is on leave "
        "2026-01-19 to 2026-01-25 too; ana (next available) covers",
    ),
    (
        "ana's second week, chen (previous) away: bo is next after ana",
        [("ana", "2026-01-26", "2026-01-30"), ("chen", "2026-01-26", "2026-01-30")],
        "2026-01-27T12:00Z",
        "bo",
        "covering",
        "ana is on leave 2026-01-26 to 2026-01-30; chen (previous period) is on leave "
        "2026-01-26 to 2026-01-30 too; bo (next available) covers",
    ),
]


@pytest.mark.parametrize(
    ("case", "leave", "moment", "person", "status", "reason"), LEAVE, ids=[c[0] for c in LEAVE]
)
def test_leave_rule(
    case: str,
    leave: list[tuple[str, str, str]],
    moment: str,
    person: str | None,
    status: str,
    reason: str,
) -> None:
    got = who_is_on_call(team(ABC, leave=leave), at(moment))
    assert (got.person, got.status, got.reason) == (person, status, reason)


def test_one_member_rotation_on_leave_is_nobody() -> None:
    solo = team(["ana"], leave=[("ana", "2026-02-01", "2026-02-28")])
    got = who_is_on_call(solo, at("2026-02-10T12:00Z"))
    assert (got.person, got.scheduled, got.status) == (None, "ana", "nobody")
    assert got.reason == (
        "ana is on leave 2026-02-01 to 2026-02-28; nobody else is in the rotation; "
        "nobody is on call"
    )


def test_covered_period_keeps_its_own_bounds() -> None:
    got = who_is_on_call(team(ABC, leave=[("bo", "2026-01-12", "2026-01-18")]), at("2026-01-13"))
    assert (got.scheduled, got.period) == ("bo", 1)
    assert (got.start, got.end) == (at("2026-01-12T10:00Z"), at("2026-01-19T10:00Z"))


# --- who is next ------------------------------------------------------------------------


def test_next_is_the_next_handoff() -> None:
    got = next_on_call(team(ABC), at("2026-01-13T12:00Z"))
    assert (got.person, got.period, got.start) == ("chen", 2, at("2026-01-19T10:00Z"))
    # At the very moment of a handoff, "next" is the handoff after it.
    got = next_on_call(team(ABC), at("2026-01-19T10:00Z"))
    assert (got.person, got.start) == ("ana", at("2026-01-26T10:00Z"))


def test_next_applies_leave_on_the_handoff_day() -> None:
    got = next_on_call(team(ABC, leave=[("chen", "2026-01-19", "2026-01-21")]), at("2026-01-13"))
    # chen is away on 2026-01-19, the day of the handoff: bo (the previous period) covers.
    assert (got.person, got.scheduled, got.status) == ("bo", "chen", "covering")


def test_next_before_the_start_is_the_first_handoff() -> None:
    got = next_on_call(team(ABC), at("2025-12-24T08:00Z"))
    assert (got.person, got.period, got.start) == ("ana", 0, at("2026-01-05T10:00Z"))


# --- rotations that cannot be computed ----------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        (
            {"start": "2026-01-06"},
            "start 2026-01-06 is a tuesday, but handoffs happen on monday",
        ),
        (
            {"rotation": "daily"},
            "a daily rotation hands off at a time only, like `10:00 UTC`",
        ),
        (
            {"handoff": "10:00 UTC"},
            "a weekly rotation needs a handoff weekday, like `monday 10:00 UTC`",
        ),
        (
            {"handoff": "Monday 10am"},
            "handoff `Monday 10am` is not a weekday and UTC time like `monday 10:00 UTC`",
        ),
    ],
)
def test_invalid_rotation(kwargs: dict[str, Any], reason: str) -> None:
    got = who_is_on_call(team(ABC, **kwargs), at("2026-02-01"))
    assert (got.status, got.person, got.reason) == ("invalid", None, reason)


def test_no_rotation_and_no_members() -> None:
    got = who_is_on_call(Team.model_validate({"members": ["ana"]}), at("2026-02-01"))
    assert (got.status, got.reason) == ("no-rotation", "the team has no on-call rotation")
    assert who_is_on_call(team([]), at("2026-02-01")).reason == "the rotation has no members"


def test_far_future_has_no_next_handoff() -> None:
    got = who_is_on_call(team(ABC), dt.datetime(9999, 12, 31, tzinfo=UTC))
    assert got.person is not None and got.end is None
    assert next_on_call(team(ABC), dt.datetime(9999, 12, 31, tzinfo=UTC)).status == "invalid"


# --- owners of assets, end to end ---------------------------------------------------------
# The base fixture: payroll-engine (manager mara, escalation [data-engineering]),
# analytics, finance, operations, data-engineering (weekly from 2026-01-05, monday
# 10:00 UTC, [ana2, bo, chen], manager dana, escalation [dana]), mlops, product; the
# contract payroll.payslip.generated (owner payroll-engine, consumer analytics) and
# the metric payslip_error_rate (owner analytics, approved by finance and operations).

PIPELINES = """\
pipelines:
  payroll_quality_daily:
    description: Daily payslip correction counts
    primary: payroll-engine
    secondary: analytics
    oncall: data-engineering
    sources: [payroll.payslip.generated]
    targets: [mart_payroll_quality_daily]
    severity_escalation:
      low: {respond_within: 24h}
      high:
        respond_within: 2h
        channel: "#incident-response"
        then: [manager, owner, secondary, oncall, finance, mara]
  payroll_cost_daily:
    description: Payroll cost per client and day
    primary: finance
    secondary: data-engineering
    sources: [payroll.payslip.generated, workday_export]
datasets:
  mart_payroll_quality_daily:
    description: Payslip corrections per day
    primary: payroll-engine
    secondary: analytics
    contract: payroll.payslip.generated
"""
# bo's week: 2026-01-12 10:00 to 2026-01-19 10:00; chen's from then.
BO_WEEK = "2026-01-13T12:00:00Z"


@pytest.fixture
def owned(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "repo",
        {"govern.yaml": "fail_on: error\n", "ownership/pipelines.yaml": PIPELINES},
    )


def owners_json(root: Path, asset: str, now: str = BO_WEEK) -> dict[str, Any]:
    result = run_govern("owners", asset, "--now", now, "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_lints_clean(owned: Path) -> None:
    result = run_govern("lint", "--fail-on", "warning", cwd=owned)
    assert result.returncode == 0, result.stdout


TOP_KEYS = {
    "asset", "now", "primary", "secondary", "oncall", "consumers", "approvers",
    "escalation", "team_escalation", "pipelines", "sources", "contract", "notes",
}  # fmt: skip
TEAM_KEYS = {"id", "known", "name", "slack", "email", "github", "manager"}
ONCALL_KEYS = {"status", "person", "scheduled", "period", "start", "end", "at", "reason"}


def test_pipeline_json(owned: Path) -> None:
    data = owners_json(owned, "payroll_quality_daily")
    assert set(data) == TOP_KEYS
    assert data["asset"] == {
        "kind": "pipeline",
        "id": "payroll_quality_daily",
        "path": "ownership/pipelines.yaml",
        "line": 2,
        "description": "Daily payslip correction counts",
    }
    assert data["now"] == "2026-01-13T12:00:00Z"
    assert set(data["primary"]) == TEAM_KEYS
    assert data["primary"]["id"] == "payroll-engine"
    assert data["primary"]["slack"] == "#payroll-engine"
    assert data["primary"]["manager"] == "mara"
    assert data["secondary"]["id"] == "analytics"
    oncall = data["oncall"]
    assert (oncall["team"], oncall["rotation"], oncall["handoff"]) == (
        "data-engineering",
        "weekly",
        "monday 10:00 UTC",
    )
    assert set(oncall["now"]) == ONCALL_KEYS
    assert oncall["now"] == {
        "status": "scheduled",
        "person": "bo",
        "scheduled": "bo",
        "period": 1,
        "start": "2026-01-12T10:00:00Z",
        "end": "2026-01-19T10:00:00Z",
        "at": "2026-01-13T12:00:00Z",
        "reason": "bo's turn in the weekly rotation",
    }
    assert (oncall["next"]["person"], oncall["next"]["start"]) == ("chen", "2026-01-19T10:00:00Z")
    levels = {x["severity"]: x for x in data["escalation"]}
    assert list(levels) == ["low", "high"]
    assert levels["low"] == {
        "severity": "low",
        "respond_within": "24h",
        "respond_within_seconds": 86400,
        "channel": None,
        "then": [],
    }
    high = levels["high"]
    assert (high["respond_within"], high["respond_within_seconds"], high["channel"]) == (
        "2h",
        7200,
        "#incident-response",
    )
    then = [(c["name"], c["kind"], c["person"], (c["team"] or {}).get("id")) for c in high["then"]]
    assert then == [
        # the manager of the team on call (seed 003: the engineer's manager) ...
        ("manager", "role", "dana", "data-engineering"),
        # ... and the pipeline's owner
        ("owner", "role", None, "payroll-engine"),
        ("secondary", "role", None, "analytics"),
        ("oncall", "role", "bo", "data-engineering"),
        ("finance", "team", None, "finance"),
        ("mara", "person", "mara", "payroll-engine"),
    ]
    assert high["then"][0]["detail"] == "manager of data-engineering, the on-call team"
    # The owning team's own escalation follows.
    assert [(c["name"], c["kind"]) for c in data["team_escalation"]] == [
        ("data-engineering", "team")
    ]
    assert data["consumers"] == [] and data["pipelines"] == [] and data["notes"] == []


def test_pipeline_on_call_defaults_to_the_primary_team(owned: Path) -> None:
    data = owners_json(owned, "payroll_cost_daily")
    assert data["oncall"]["team"] == "finance"
    assert data["oncall"]["now"]["status"] == "no-rotation"
    assert data["oncall"]["next"] is None


def test_pipeline_text(owned: Path) -> None:
    result = run_govern("owners", "payroll_quality_daily", "--now", BO_WEEK, cwd=owned)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("pipeline payroll_quality_daily  ownership/pipelines.yaml:2\n")
    assert "  primary    payroll-engine  Payroll Engine  #payroll-engine" in out
    assert "On call  data-engineering, weekly, handoff monday 10:00 UTC" in out
    assert "  now   bo  since 2026-01-12 10:00 UTC, until 2026-01-19 10:00 UTC" in out
    assert "  next  chen  from 2026-01-19 10:00 UTC" in out
    assert "  high      bo (on call) responds within 2h in #incident-response" in out
    assert "after 2h: manager: dana (manager of data-engineering, the on-call team)" in out
    assert "  then      payroll-engine escalates to data-engineering  #data-eng" in out
    assert out.rstrip().endswith("As of 2026-01-13 12:00 UTC.")
    assert "\x1b[" not in out  # no colour when not a terminal


def test_govern_now_from_the_environment(owned: Path) -> None:
    result = run_govern(
        "owners",
        "payroll_quality_daily",
        "-f",
        "json",
        cwd=owned,
        env={"GOVERN_NOW": "2026-01-19T10:00:00Z"},
    )
    assert json.loads(result.stdout)["oncall"]["now"]["person"] == "chen"


def test_contract(owned: Path) -> None:
    data = owners_json(owned, "payroll.payslip.generated")
    assert data["asset"]["kind"] == "contract"
    assert data["asset"]["path"] == "contracts/payroll/payslip_generated.yaml"
    assert data["primary"]["id"] == "payroll-engine"
    assert data["secondary"] is None
    assert data["oncall"]["now"]["status"] == "no-rotation"
    assert [(c["team"]["id"], c["use"]) for c in data["consumers"]] == [
        ("analytics", "Payslip quality metrics")
    ]
    # The pipelines that read it, each with its on-call.
    readers = [
        (
            p["id"],
            p["relation"],
            p["owner"]["id"],
            p["oncall"]["team"],
            p["oncall"]["now"]["person"],
        )
        for p in data["pipelines"]
    ]
    assert readers == [
        ("payroll_cost_daily", "reads", "finance", "finance", None),
        ("payroll_quality_daily", "reads", "payroll-engine", "data-engineering", "bo"),
    ]
    assert [c["name"] for c in data["team_escalation"]] == ["data-engineering"]


def test_contract_text(owned: Path) -> None:
    result = run_govern("owners", "payroll.payslip.generated", "--now", BO_WEEK, cwd=owned)
    assert result.returncode == 0
    out = result.stdout
    assert "  owner      payroll-engine  Payroll Engine  #payroll-engine" in out
    assert "  consumer   analytics  #analytics  Payslip quality metrics" in out
    assert "  payroll-engine: the team has no on-call rotation" in out
    assert "Read by pipelines" in out
    assert "  payroll_quality_daily  owner payroll-engine  #payroll-engine  on call bo" in out


def test_metric(owned: Path) -> None:
    data = owners_json(owned, "payslip_error_rate")
    assert data["asset"]["kind"] == "metric"
    assert data["primary"]["id"] == "analytics"
    assert [t["id"] for t in data["approvers"]] == ["finance", "operations"]
    assert [(s["id"], s["relation"], s["owner"]["id"]) for s in data["sources"]] == [
        ("payroll.payslip.generated", "source", "payroll-engine")
    ]
    assert data["escalation"] == [] and data["team_escalation"] == []


def test_dataset(owned: Path) -> None:
    data = owners_json(owned, "mart_payroll")
    assert (data["asset"]["kind"], data["asset"]["id"]) == ("dataset", "mart_payroll_quality_daily")
    assert (data["primary"]["id"], data["secondary"]["id"]) == ("payroll-engine", "analytics")
    assert data["contract"]["id"] == "payroll.payslip.generated"
    assert [(p["id"], p["relation"]) for p in data["pipelines"]] == [
        ("payroll_quality_daily", "writes")
    ]


def test_on_call_team_in_leave(tmp_path: Path) -> None:
    teams = (PROJECT / "tests" / "fixtures" / "base" / "ownership" / "teams.yaml").read_text()
    leave = "    leave:\n      - {member: bo, from: 2026-01-12, to: 2026-01-14}\n"
    teams = teams.replace("    escalation: [dana]\n", "    escalation: [dana]\n" + leave)
    root = make_repo(
        tmp_path / "repo",
        {
            "govern.yaml": "fail_on: error\n",
            "ownership/pipelines.yaml": PIPELINES,
            "ownership/teams.yaml": teams,
        },
    )
    data = owners_json(root, "payroll_quality_daily")
    now = data["oncall"]["now"]
    assert (now["person"], now["scheduled"], now["status"]) == ("ana2", "bo", "covering")
    assert now["reason"] == "bo is on leave 2026-01-12 to 2026-01-14; ana2 (previous period) covers"
    text = run_govern("owners", "payroll_quality_daily", "--now", BO_WEEK, cwd=root).stdout
    assert "  now   ana2  since 2026-01-12 10:00 UTC" in text
    assert "bo is on leave 2026-01-12 to 2026-01-14; ana2 (previous period) covers" in text
    # The high-severity `oncall` role is the person covering.
    high = data["escalation"][1]["then"]
    assert [c["person"] for c in high if c["name"] == "oncall"] == ["ana2"]


def test_before_the_rotation_starts(owned: Path) -> None:
    data = owners_json(owned, "payroll_quality_daily", now="2025-12-31")
    assert data["oncall"]["now"]["status"] == "not-started"
    assert data["oncall"]["now"]["person"] is None
    assert (data["oncall"]["next"]["person"], data["oncall"]["next"]["start"]) == (
        "ana2",
        "2026-01-05T10:00:00Z",
    )
    out = run_govern("owners", "payroll_quality_daily", "--now", "2025-12-31", cwd=owned).stdout
    assert "  now   nobody" in out
    assert "the rotation starts 2026-01-05 10:00 UTC: nobody is on call before" in out
    assert "  next  ana2  from 2026-01-05 10:00 UTC" in out


# --- finding the asset ------------------------------------------------------------------


def test_unique_prefix(owned: Path) -> None:
    assert owners_json(owned, "payroll_q")["asset"]["id"] == "payroll_quality_daily"
    assert owners_json(owned, "payroll.")["asset"]["id"] == "payroll.payslip.generated"


def test_ambiguous_prefix(owned: Path) -> None:
    result = run_govern("owners", "payroll", cwd=owned)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "error: `payroll` begins 3 ids: give more of the one you mean"
    assert lines[1:] == [
        "  contract  payroll.payslip.generated",
        "  pipeline  payroll_cost_daily",
        "  pipeline  payroll_quality_daily",
    ]
    result = run_govern("owners", "payroll_", "--format", "json", cwd=owned)
    assert result.returncode == 1
    error = json.loads(result.stdout)["error"]
    assert error["reason"] == "ambiguous"
    assert error["candidates"] == [
        {"kind": "pipeline", "id": "payroll_cost_daily"},
        {"kind": "pipeline", "id": "payroll_quality_daily"},
    ]


def test_unknown_asset_suggests_the_closest(owned: Path) -> None:
    result = run_govern("owners", "payroll_qualty_daily", cwd=owned)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: no contract, metric, pipeline or dataset has the id `payroll_qualty_daily`; "
        "did you mean `payroll_quality_daily`, `mart_payroll_quality_daily` or "
        "`payroll_cost_daily`?"
    )
    result = run_govern("owners", "payslip_eror_rate", "-f", "json", cwd=owned)
    assert result.returncode == 1
    error = json.loads(result.stdout)["error"]
    assert error["reason"] == "unknown"
    assert error["candidates"] == [{"kind": "metric", "id": "payslip_error_rate"}]


def test_nothing_close(owned: Path) -> None:
    result = run_govern("owners", "zzz", cwd=owned)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: no contract, metric, pipeline or dataset has the id `zzz`"
    )
    assert "Traceback" not in result.stderr


def test_same_id_in_two_kinds_needs_a_kind(tmp_path: Path) -> None:
    pipelines = PIPELINES.replace(
        "  mart_payroll_quality_daily:\n",
        "  payroll_cost_daily:\n    primary: finance\n  mart_payroll_quality_daily:\n",
    )
    root = make_repo(tmp_path / "repo", {"govern.yaml": "", "ownership/pipelines.yaml": pipelines})
    result = run_govern("owners", "payroll_cost_daily", cwd=root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "error: `payroll_cost_daily` is a pipeline and a dataset: "
        "write `pipeline:payroll_cost_daily` or `dataset:payroll_cost_daily`"
    )
    assert owners_json(root, "dataset:payroll_cost_daily")["asset"]["kind"] == "dataset"
    assert owners_json(root, "pipeline:payroll_c")["asset"]["kind"] == "pipeline"


def test_broken_file_is_named(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path / "repo",
        {"govern.yaml": "", "ownership/pipelines.yaml": "pipelines:\n  broken_daily: [1, 2]\n"},
    )
    result = run_govern("owners", "broken_daily", cwd=root)
    assert result.returncode == 1
    assert "`govern lint` says what is wrong" in result.stderr


def test_bad_now_is_a_usage_error(owned: Path) -> None:
    result = run_govern("owners", "payroll_q", "--now", "next tuesday", cwd=owned)
    assert result.returncode == 2
    assert "is not an ISO 8601 date or date-time" in result.stderr


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    evil = PIPELINES.replace(
        "description: Daily payslip correction counts",
        'description: "[bold red]loud[/] \\x1b[2J\\x1b]8;;https://evil.example\\x07"',
    ).replace('channel: "#incident-response"', 'channel: "#inc\\rident"')
    root = make_repo(tmp_path / "repo", {"govern.yaml": "", "ownership/pipelines.yaml": evil})
    result = run_govern("owners", "payroll_quality_daily", "--now", BO_WEEK, cwd=root)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\r" not in result.stdout
    assert "[bold red]loud[/] \\x1b[2J\\x1b]8;;https://evil.example\\x07" in result.stdout
    assert "#inc\\x0dident" in result.stdout


# --- the project's own example repository --------------------------------------------------
# ownership/teams.yaml: data-engineering rotates weekly from Monday 2026-01-05 10:00 UTC
# through [ana, bo, chen]. 2026-11-23 is 322 days = 46 weeks after the start, a Monday;
# at 10:30 period 46 has begun (handoff 10:00): 46 mod 3 = 1, bo, until 2026-11-30 10:00,
# when chen (47 mod 3 = 2) takes over. Nobody is on leave then (ana: 2026-12-21 to
# 2027-01-03; chen: 2026-08-03 to 2026-08-16). unit_level_profit is owned by
# data-engineering (manager dana), secondary data-science; high severity goes to
# #incident-response within 2h, then to dana and data-science; data-engineering's own
# escalation is platform-pm.

PROJECT_TEXT = """\
Owners
  primary    data-engineering  Data Engineering  #data-eng  data-eng@example.com  manager dana
  secondary  data-science  Data Science  #data-science  data-science@example.com  manager gita

On call  data-engineering, weekly, handoff monday 10:00 UTC
  now   bo  since 2026-11-23 10:00 UTC, until 2026-11-30 10:00 UTC
        bo's turn in the weekly rotation
  next  chen  from 2026-11-30 10:00 UTC

Escalation
  low       bo (on call) responds within 24h
  medium    bo (on call) responds within 24h
  high      bo (on call) responds within 2h in #incident-response
            after 2h: manager: dana (manager of data-engineering), data-science  #data-science
  then      data-engineering escalates to platform-pm  #platform-pm

As of 2026-11-23 10:30 UTC.
"""


def test_project_unit_level_profit() -> None:
    result = run_govern("owners", "unit_level_profit", "--now", "2026-11-23T10:30:00Z", cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pipeline unit_level_profit  ownership/pipelines.yaml:7\n")
    assert result.stdout.endswith(PROJECT_TEXT)


def test_project_unit_level_profit_json() -> None:
    data = owners_json(PROJECT, "unit_level_profit", now="2026-11-23T10:30:00Z")
    now, nxt = data["oncall"]["now"], data["oncall"]["next"]
    assert (now["person"], now["period"], now["start"], now["end"]) == (
        "bo",
        46,
        "2026-11-23T10:00:00Z",
        "2026-11-30T10:00:00Z",
    )
    assert (nxt["person"], nxt["period"], nxt["start"]) == ("chen", 47, "2026-11-30T10:00:00Z")
    high = data["escalation"][-1]
    assert [(c["name"], c["person"]) for c in high["then"]] == [
        ("manager", "dana"),
        ("data-science", None),
    ]


def test_project_holiday_cover() -> None:
    # Week 51 (2026-12-28 10:00 to 2027-01-04 10:00) is ana's (51 mod 3 = 0); she is on
    # leave until 2027-01-03: chen, on call the week before, covers; on Monday 2027-01-04
    # before the 10:00 handoff ana is back.
    covered = owners_json(PROJECT, "unit_level", now="2026-12-29T08:00:00Z")["oncall"]["now"]
    assert (covered["person"], covered["scheduled"]) == ("chen", "ana")
    back = owners_json(PROJECT, "unit_level", now="2027-01-04T09:00:00Z")["oncall"]["now"]
    assert (back["person"], back["status"]) == ("ana", "scheduled")


def test_docs_show_real_output() -> None:
    """Every `$ govern owners ...` block of docs/owners.md that shows its output
    shows what govern prints today on the project's repository."""
    doc = (PROJECT / "docs" / "owners.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```console\n")[1:]]
    checked = 0
    for block in blocks:
        command, _, expected = block.partition("\n")
        assert command.startswith("$ govern owners "), command
        if not expected.strip():
            continue
        result = run_govern(*shlex.split(command)[2:], cwd=PROJECT)
        assert (result.stdout + result.stderr).rstrip() == expected.rstrip(), command
        checked += 1
    assert checked >= 6


def test_owners_as_markdown_for_an_incident_channel() -> None:
    # The example repository: data-engineering's weekly rotation started on
    # Monday 2026-01-05 10:00 UTC with [ana, bo, chen]; 2026-12-07 12:00 is in
    # week 48 (336 days), 48 % 3 = 0: ana until the next Monday handoff, then bo.
    done = run_govern(
        "owners", "unit_level_profit", "--format", "markdown", "--now", "2026-12-07T12:00:00Z",
        cwd=PROJECT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "## Owners of pipeline `unit_level_profit`",
        "",
        "As of 2026-12-07T12:00:00Z.",
        "",
        "| role | who |",
        "| --- | --- |",
        "| primary owner | `data-engineering` · #data-eng · data-eng@example.com |",
        "| secondary owner | `data-science` · #data-science · data-science@example.com |",
        "| on call now | `ana` until 2026-12-14T10:00:00Z |",
        "| on call next | `bo` until 2026-12-21T10:00:00Z |",
        "",
        "| severity | respond within | channel | then |",
        "| --- | --- | --- | --- |",
        "| low | 24h | - | - |",
        "| medium | 24h | - | - |",
        "| high | 2h | #incident-response | `manager`, `data-science` |",
    ]
