"""`govern breaking` end to end on real git repositories: the notice policy of
PRODUCT.md section 3, checked the way a user reads it (exit code, each change's
verdict, the notice's date and commit, the earliest date it may land).

Every repository is built in tmp_path with dated commits (`git` in conftest
sets the author and committer dates), and every expected date and sha below
is worked out from the history the test builds, never read back from govern.
Dates are UTC; commits are made at 10:00 so that a date is the same day in
every time zone a test machine might use for git's own date parsing.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import git, make_repo, run_govern, write_files

ID = "payroll.payslip.generated"
CONTRACT = "contracts/payroll/payslip_generated.yaml"
METRIC = "metrics/payslip_error_rate.yaml"
METRIC_ID = "payslip_error_rate"

FIELDS = {
    "payslip_id": "{type: string, required: true, description: Payslip identifier}",
    "worker_id": "{type: string, required: true, description: Worker identifier}",
    "corrected_after_generation": (
        "{type: boolean, required: true, description: Corrected after first generation}"
    ),
    "line_item_count": "{type: integer, min: 0, description: Line items on the payslip}",
}
# line_item_count with a deprecation notice (the notice for its removal).
DEPRECATED = (
    "{type: integer, min: 0, description: Line items on the payslip, "
    "deprecated: {reason: never populated by the new engine}}"
)
DROP = ("line_item_count",)
CONSUMERS = {
    "analytics": "Payslip quality metrics",
    "finance": "Payroll cost close",
}


def contract(
    *,
    version: str = "1.0.0",
    fields: dict[str, str] | None = None,
    drop: tuple[str, ...] = (),
    consumers: tuple[str, ...] = ("analytics",),
    extra: str = "",
) -> str:
    """The base fixture's contract, with ``fields`` replaced, ``drop`` removed
    and ``extra`` (top-level YAML) appended."""
    spec = {**FIELDS, **(fields or {})}
    lines = [
        f"contract: {ID}",
        f"version: {version}",
        "status: active",
        "kind: event",
        "description: One event per payslip when it is first generated, and again when corrected.",
        "owner: payroll-engine",
        "consumers:",
    ]
    for team in consumers:
        lines += [f"  - team: {team}", f"    use: {CONSUMERS[team]}"]
    lines.append("schema:")
    lines += [f"  {name}: {value}" for name, value in spec.items() if name not in drop]
    return "\n".join(lines) + "\n" + extra


def metric(extra: str = "") -> str:
    return (
        "metric: payslip_error_rate\n"
        "name: Payslip error rate\n"
        "description: Share of payslips corrected after they were first generated.\n"
        "owner: analytics\n"
        "approved_by: [finance, operations]\n"
        "version: 1\n"
        "type: ratio\n"
        "formula: count_if(corrected_after_generation) / count(payslip_id)\n"
        "sources: [payroll.payslip.generated]\n"
        "unit: ratio\n"
        "grain: month\n"
        "aliases: [payroll error rate]\n" + extra
    )


def at(day: str) -> str:
    """A commit date: ``day`` at 10:00 UTC."""
    return f"{day}T10:00:00+00:00"


def commit(
    root: Path,
    day: str,
    files: dict[str, str | bytes] | None = None,
    *,
    remove: tuple[str, ...] = (),
    message: str = "change",
    author_day: str | None = None,
) -> str:
    """Write ``files``, delete ``remove``, commit everything dated ``day``; the sha."""
    write_files(root, files or {})
    for path in remove:
        git(root, "rm", "-q", path)
    git(root, "add", "-A")
    extra = ["--date", at(author_day)] if author_day else []
    git(root, "commit", "-q", "--allow-empty", "-m", message, *extra, date=at(day))
    return git(root, "rev-parse", "HEAD")


def init(root: Path, day: str = "2025-12-01", files: dict[str, str | bytes] | None = None) -> str:
    """A repository on `main` holding the base fixture (and ``files``): the sha."""
    make_repo(root, files or {})
    git(root, "init", "-q", "-b", "main")
    return commit(root, day, message="initial")


def branch(root: Path, name: str = "feature", start: str = "main") -> None:
    git(root, "checkout", "-q", "-b", name, start)


def breaking(
    root: Path, *args: str, now: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`govern breaking --against main --now NOW --format json`: args may name
    another --against, or pass `--no-against` (this helper's) for none at all.
    The process and its JSON (empty on exit 2)."""
    named = any(a.startswith("--against") or a == "--no-against" for a in args)
    against = [] if named else ["--against", "main"]
    argv = [a for a in args if a != "--no-against"]
    done = run_govern(
        "breaking", *against, *argv, "--now", now, "--format", "json", cwd=root, env=env
    )
    assert done.returncode in (0, 1, 2), done.stderr
    data = json.loads(done.stdout) if done.returncode != 2 else {}
    return done, data


def text(root: Path, *args: str, now: str) -> subprocess.CompletedProcess[str]:
    return run_govern("breaking", "--against", "main", *args, "--now", now, "--no-color", cwd=root)


def entry(data: dict[str, Any], element: str, change: str) -> dict[str, Any]:
    found = [c for c in data["changes"] if c["element"] == element and c["change"] == change]
    assert len(found) == 1, data["changes"]
    return found[0]


def breaking_entries(data: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    return sorted(
        (c["contract"], c["element"], c["change"], c["allowed"])
        for c in data["changes"]
        if c["severity"] == "breaking"
    )


def notice(
    status: str, announced: str | None, sha: str | None, days: int, earliest: str | None
) -> dict[str, Any]:
    return {
        "status": status,
        "announced": announced,
        "commit": sha,
        "required_days": days,
        "earliest": earliest,
    }


def remove_line_items(root: Path, day: str = "2026-01-30", version: str = "2.0.0") -> str:
    """On the current branch: line_item_count removed (and the version bumped)."""
    removed = contract(version=version, drop=("line_item_count",))
    return commit(root, day, {CONTRACT: removed}, message="remove line_item_count")


def announce(root: Path, day: str, **kw: Any) -> str:
    """On the current branch: `deprecated:` on line_item_count."""
    deprecated = contract(fields={"line_item_count": DEPRECATED}, **kw)
    return commit(root, day, {CONTRACT: deprecated}, message="deprecate line_item_count")


# --- the notice and its age ---------------------------------------------------------------------


def test_a_notice_old_enough_allows_the_removal(repo: Path) -> None:
    init(repo)
    sha = announce(repo, "2026-01-10")
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0, done.stdout
    assert data["base"] == sha
    assert breaking_entries(data) == [(ID, "schema.line_item_count", "field-removed", True)]
    c = entry(data, "schema.line_item_count", "field-removed")
    # 2026-01-10 -> 2026-02-01 is 22 days; 14 needed, so earliest 2026-01-24.
    assert c["notice"] == notice("announced", "2026-01-10", sha, 14, "2026-01-24")
    assert c["consumers"] == ["analytics"]
    assert data["summary"]["refused"] == 0
    out = text(repo, now="2026-02-01")
    assert out.returncode == 0
    assert f"announced on 2026-01-10 in {sha[:7]}, 22 days ago (needs 14)" in out.stdout


def test_a_breaking_change_without_a_major_bump_is_its_own_refusal(repo: Path) -> None:
    init(repo)
    sha = announce(repo, "2026-01-10")
    branch(repo)
    remove_line_items(repo, version="1.1.0")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    assert breaking_entries(data) == [
        (ID, "schema.line_item_count", "field-removed", True),
        (ID, "version", "version-not-bumped", False),
    ]
    assert entry(data, "schema.line_item_count", "field-removed")["notice"]["commit"] == sha
    bump = entry(data, "version", "version-not-bumped")
    assert "2.0.0" in bump["reason"]
    assert "1.0.0 -> 1.1.0" in bump["detail"]


def test_a_notice_too_recent_is_refused_with_the_earliest_date(repo: Path) -> None:
    init(repo)
    sha = announce(repo, "2026-01-25")
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["allowed"] is False
    # 7 days of 14: earliest 2026-01-25 + 14 = 2026-02-08.
    assert c["notice"] == notice("too-recent", "2026-01-25", sha, 14, "2026-02-08")
    assert data["summary"]["refused"] == 1
    out = text(repo, now="2026-02-01")
    assert out.returncode == 1
    assert (
        f"It was announced on 2026-01-25 in {sha[:7]}, 7 days ago; needs 14; earliest 2026-02-08."
        in out.stdout
    )
    # On the earliest date itself it may land; the day before it may not.
    assert breaking(repo, now="2026-02-07")[0].returncode == 1
    done, data = breaking(repo, now="2026-02-08")
    assert done.returncode == 0
    assert entry(data, "schema.line_item_count", "field-removed")["notice"]["status"] == "announced"


def test_a_change_never_announced_is_refused_for_fourteen_days(repo: Path) -> None:
    init(repo)
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["allowed"] is False
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")
    out = text(repo, now="2026-02-01")
    assert out.returncode == 1
    assert "It was never announced: add `deprecated:`" in out.stdout
    assert "on main, then it may land 14 days later (earliest 2026-02-15)." in out.stdout


def test_a_contract_notice_days_of_30_needs_30_days(repo: Path) -> None:
    policy = "change_policy: {notice_days: 30}\n"
    init(repo, files={CONTRACT: contract(extra=policy)})
    sha = announce(repo, "2026-01-10", extra=policy)
    branch(repo)
    removed = contract(version="2.0.0", drop=("line_item_count",), extra=policy)
    commit(repo, "2026-01-30", {CONTRACT: removed})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    # 22 days of 30: earliest 2026-01-10 + 30 = 2026-02-09.
    assert c["notice"] == notice("too-recent", "2026-01-10", sha, 30, "2026-02-09")
    out = text(repo, now="2026-02-01")
    assert f"announced on 2026-01-10 in {sha[:7]}, 22 days ago; needs 30; earliest 2026-02-09" in (
        out.stdout
    )
    done, data = breaking(repo, now="2026-02-09")
    assert done.returncode == 0
    assert entry(data, "schema.line_item_count", "field-removed")["notice"]["status"] == "announced"


def test_notice_days_can_raise_the_minimum_in_the_branch_but_never_lower_it(repo: Path) -> None:
    init(repo)
    sha = announce(repo, "2026-01-10")
    branch(repo)
    # Lowering to 7 in the branch: the repository minimum of 14 still holds.
    lowered = "change_policy: {notice_days: 7}\n"
    commit(repo, "2026-01-30", {CONTRACT: contract(version="2.0.0", drop=DROP, extra=lowered)})
    done, data = breaking(repo, now="2026-01-20")
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-10", sha, 14, "2026-01-24")
    # Raising it to 30 in the branch makes the change wait 30 days.
    raised = "change_policy: {notice_days: 30}\n"
    commit(repo, "2026-01-31", {CONTRACT: contract(version="2.0.0", drop=DROP, extra=raised)})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-10", sha, 30, "2026-02-09")


def test_a_notice_added_in_the_same_branch_does_not_count(repo: Path) -> None:
    init(repo)
    branch(repo)
    announce(repo, "2026-01-02")
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")
    assert "never announced" in text(repo, now="2026-02-01").stdout


def test_the_base_is_the_merge_base_not_the_tip_of_main(repo: Path) -> None:
    """A notice that reached main after the branch was cut is not in the
    merge base: the pull request has not seen it (merge main first)."""
    init(repo)
    branch(repo)
    remove_line_items(repo, day="2026-01-03")
    git(repo, "checkout", "-q", "main")
    sha = announce(repo, "2026-01-05")
    git(repo, "checkout", "-q", "feature")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    assert entry(data, "schema.line_item_count", "field-removed")["notice"]["status"] == "missing"
    # With main merged into the branch, the merge base is the notice commit.
    merge = ["merge", "-q", "--no-ff", "-X", "ours", "-m", "merge main", "main"]
    git(repo, *merge, date=at("2026-01-31"))
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    assert data["base"] == sha
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")


def test_removing_the_notice_restarts_the_clock(repo: Path) -> None:
    init(repo)
    announce(repo, "2026-01-02")
    commit(repo, "2026-01-10", {CONTRACT: contract()}, message="undeprecate")
    again = announce(repo, "2026-01-20")
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    # From the re-add: 12 days, earliest 2026-01-20 + 14 = 2026-02-03 (from
    # the first notice it would have been 30 days, and allowed).
    assert c["notice"] == notice("too-recent", "2026-01-20", again, 14, "2026-02-03")


def test_a_removal_date_in_the_future_refuses_until_then(repo: Path) -> None:
    init(repo)
    dated = (
        "{type: integer, min: 0, description: Line items on the payslip, "
        "deprecated: {reason: never populated, removal: 2026-03-01}}"
    )
    sha = commit(repo, "2026-01-05", {CONTRACT: contract(fields={"line_item_count": dated})})
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    # Old enough (27 days), but the removal date has not come.
    assert c["notice"] == notice("not-yet-effective", "2026-01-05", sha, 14, "2026-03-01")
    assert "2026-03-01" in c["reason"]
    done, data = breaking(repo, now="2026-02-28")
    assert done.returncode == 1
    done, data = breaking(repo, now="2026-03-01")
    assert done.returncode == 0
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-03-01")


def test_the_announcement_is_the_committer_date_not_the_author_date(repo: Path) -> None:
    """A backdated author date (a rebased or cherry-picked commit) proves
    nothing: the commit reached main on its committer date."""
    init(repo)
    deprecated = contract(fields={"line_item_count": DEPRECATED})
    sha = commit(repo, "2026-01-25", {CONTRACT: deprecated}, author_day="2025-06-01")
    assert git(repo, "log", "-1", "--format=%ad %cd", "--date=short") == "2025-06-01 2026-01-25"
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-25", sha, 14, "2026-02-08")


def test_later_edits_to_the_file_keep_the_original_date(repo: Path) -> None:
    init(repo)
    sha = announce(repo, "2026-01-05")
    edited = {**FIELDS, "line_item_count": DEPRECATED}
    edited["payslip_id"] = "{type: string, required: true, description: The payslip's id}"
    commit(repo, "2026-01-12", {CONTRACT: contract(fields=edited)}, message="reword payslip_id")
    commit(repo, "2026-01-15", {"README.md": "# payroll contracts\n"}, message="readme")
    edited["worker_id"] = "{type: string, required: true, description: The worker's id}"
    edited["line_item_count"] = DEPRECATED.replace("never populated", "not produced")
    commit(repo, "2026-01-20", {CONTRACT: contract(fields=edited)}, message="reword worker_id")
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")


def test_a_notice_from_a_merged_side_branch_counts_from_the_merge(repo: Path) -> None:
    init(repo)
    branch(repo, "side")
    announce(repo, "2026-01-02")  # 30 days before --now, but not on main
    git(repo, "checkout", "-q", "main")
    commit(repo, "2026-01-10", {"README.md": "# payroll contracts\n"}, message="readme")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge side", "side", date=at("2026-01-25"))
    merge = git(repo, "rev-parse", "HEAD")
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-25", merge, 14, "2026-02-08")


def test_a_branch_cut_from_the_side_branch_counts_the_notice_from_the_merge(repo: Path) -> None:
    """Stacked pull requests: #1 adds the notice, #2 (cut from #1) removes the
    field. Once #1 is merged, the merge base of #2 is #1's own commit, off
    main's first-parent history: the notice still dates from the merge."""
    init(repo)
    branch(repo, "pr1")
    announce(repo, "2026-01-02")
    branch(repo, "pr2", "pr1")
    remove_line_items(repo, day="2026-01-03")
    git(repo, "checkout", "-q", "main")
    commit(repo, "2026-01-10", {"README.md": "# payroll contracts\n"}, message="readme")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge pr1", "pr1", date=at("2026-01-25"))
    merge = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "pr2")
    done, data = breaking(repo, now="2026-02-01")
    assert data["base"] == git(repo, "rev-parse", "pr1")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-25", merge, 14, "2026-02-08")
    # Before #1 is merged the notice is on no base branch at all.
    done, data = breaking(repo, "--against", "main~1", now="2026-02-01")
    assert done.returncode == 1
    assert entry(data, "schema.line_item_count", "field-removed")["notice"]["status"] == "missing"


# --- notices:, waivers: -------------------------------------------------------------------------

WIDEN = {"line_item_count": "{type: long, min: 0, description: Line items on the payslip}"}


def notices(change: str, effective: str | None = None) -> str:
    text = (
        "notices:\n"
        "  - element: schema.line_item_count\n"
        f"    change: {change}\n"
        "    reason: counts above 2^31 in the new payroll engine\n"
    )
    return text + (f"    effective: {effective}\n" if effective else "")


def test_a_notices_entry_announces_a_type_widening(repo: Path) -> None:
    init(repo)
    sha = commit(repo, "2026-01-05", {CONTRACT: contract(extra=notices("type-widened"))})
    branch(repo)
    widened = contract(version="2.0.0", fields=WIDEN, extra=notices("type-widened"))
    commit(repo, "2026-01-30", {CONTRACT: widened})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    assert breaking_entries(data) == [(ID, "schema.line_item_count", "type-widened", True)]
    c = entry(data, "schema.line_item_count", "type-widened")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")


def test_a_notices_entry_for_another_change_kind_does_not_announce_this_one(repo: Path) -> None:
    init(repo)
    commit(repo, "2026-01-05", {CONTRACT: contract(extra=notices("type-changed"))})
    branch(repo)
    widened = contract(version="2.0.0", fields=WIDEN, extra=notices("type-changed"))
    commit(repo, "2026-01-30", {CONTRACT: widened})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "type-widened")
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")
    assert "add a `notices:` entry for schema.line_item_count (type-widened)" in c["reason"]


def test_a_notices_entry_effective_date_refuses_until_then(repo: Path) -> None:
    init(repo)
    sha = commit(
        repo, "2026-01-05", {CONTRACT: contract(extra=notices("type-widened", "2026-02-15"))}
    )
    branch(repo)
    commit(repo, "2026-01-30", {CONTRACT: contract(version="2.0.0", fields=WIDEN)})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "type-widened")
    assert c["notice"] == notice("not-yet-effective", "2026-01-05", sha, 14, "2026-02-15")
    done, data = breaking(repo, now="2026-02-15")
    assert done.returncode == 0


def waiver(*teams: str) -> str:
    return (
        "waivers:\n"
        "  - element: schema.line_item_count\n"
        "    change: field-removed\n"
        "    reason: the field was never populated; every consumer agreed\n"
        f"    approved_by: [{', '.join(teams)}]\n"
    )


def test_a_waiver_approved_by_every_consumer_allows_it(repo: Path) -> None:
    both = ("analytics", "finance")
    init(repo, files={CONTRACT: contract(consumers=both)})
    branch(repo)
    waived = contract(version="2.0.0", drop=DROP, consumers=both, extra=waiver(*both))
    commit(repo, "2026-01-30", {CONTRACT: waived})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["allowed"] is True
    assert c["notice"] == notice("waived", None, None, 14, None)
    assert c["consumers"] == ["analytics", "finance"]
    assert "Waived" in c["reason"] and "analytics, finance" in c["reason"]


def test_a_waiver_missing_a_consumer_is_refused_naming_it(repo: Path) -> None:
    both = ("analytics", "finance")
    init(repo, files={CONTRACT: contract(consumers=both)})
    branch(repo)
    half = contract(version="2.0.0", drop=DROP, consumers=both, extra=waiver("analytics"))
    commit(repo, "2026-01-30", {CONTRACT: half})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["allowed"] is False
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")
    assert "`finance`" in c["reason"]
    assert "analytics`" not in c["reason"]


# --- identity, removals -------------------------------------------------------------------------

MOVED = "contracts/payslips/generated.yaml"


def test_a_moved_file_keeps_the_notice_date(repo: Path) -> None:
    init(repo)
    sha = announce(repo, "2026-01-05")
    (repo / "contracts" / "payslips").mkdir()
    git(repo, "mv", CONTRACT, MOVED)
    commit(repo, "2026-01-20", message="move the contract")
    branch(repo)
    commit(repo, "2026-01-30", {MOVED: contract(version="2.0.0", drop=("line_item_count",))})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    c = entry(data, "schema.line_item_count", "field-removed")
    # Dated from the notice at the old path (27 days), not the move (12 days).
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")
    assert c["path"] == MOVED


def test_a_file_moved_in_the_branch_is_no_change(repo: Path) -> None:
    init(repo)
    branch(repo)
    (repo / "contracts" / "payslips").mkdir()
    git(repo, "mv", CONTRACT, MOVED)
    commit(repo, "2026-01-30", message="move the contract")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    assert data["changes"] == []


def test_a_contract_removal_announced_by_a_contract_deprecation(repo: Path) -> None:
    init(repo)
    deprecated = "deprecated: {reason: replaced by payroll.payslip.issued, removal: 2026-01-25}\n"
    sha = commit(repo, "2026-01-05", {CONTRACT: contract(extra=deprecated)})
    branch(repo)
    commit(repo, "2026-01-30", remove=(CONTRACT,), message="remove the contract")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    assert breaking_entries(data) == [(ID, "contract", "contract-removed", True)]
    c = entry(data, "contract", "contract-removed")
    # 2026-01-05 + 14 = 2026-01-19, but the removal date 2026-01-25 is later.
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-25")
    assert c["consumers"] == ["analytics"]
    assert c["metrics"] == [METRIC_ID]


def test_a_contract_removal_without_a_notice_is_refused(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(repo, "2026-01-30", remove=(CONTRACT,), message="remove the contract")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "contract", "contract-removed")
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")


def test_a_metric_removal_announced_by_deprecated_on_the_metric(repo: Path) -> None:
    init(repo)
    sha = commit(repo, "2026-01-05", {METRIC: metric("deprecated: {reason: superseded}\n")})
    branch(repo)
    commit(repo, "2026-01-30", remove=(METRIC,), message="remove the metric")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    assert breaking_entries(data) == [(METRIC_ID, "metric", "metric-removed", True)]
    c = entry(data, "metric", "metric-removed")
    assert c["subject"] == "metric"
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")


def test_a_metric_formula_change_announced_by_a_notices_entry(repo: Path) -> None:
    announced = (
        "notices:\n"
        "  - element: formula\n"
        "    change: metric-formula-changed\n"
        "    reason: a payslip corrected twice counts once\n"
    )
    init(repo)
    sha = commit(repo, "2026-01-05", {METRIC: metric(announced)})
    branch(repo)
    distinct = metric(announced).replace("count(payslip_id)", "count(distinct payslip_id)")
    commit(repo, "2026-01-30", {METRIC: distinct})
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    assert breaking_entries(data) == [(METRIC_ID, "formula", "metric-formula-changed", True)]
    c = entry(data, "formula", "metric-formula-changed")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")
    assert c["consumers"] == ["finance", "operations"]  # who approved the definition
    # Ten days after the notice, it is too early.
    done, data = breaking(repo, now="2026-01-15")
    assert done.returncode == 1
    c = entry(data, "formula", "metric-formula-changed")
    assert c["notice"] == notice("too-recent", "2026-01-05", sha, 14, "2026-01-19")


def test_a_metric_removal_without_a_notice_is_refused(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(repo, "2026-01-30", remove=(METRIC,), message="remove the metric")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "metric", "metric-removed")
    assert c["notice"] == notice("missing", None, None, 14, "2026-02-15")


# --- shallow clones -----------------------------------------------------------------------------


def shallow_clone(tmp_path: Path, base: str = "main") -> tuple[Path, dict[str, str]]:
    """An origin whose main announced the removal long ago (2025-11-01), then
    one commit a day (not touching the contract) from 2025-12-20 to
    2026-01-18; a branch `feature` removes the field on 2026-01-19. The clone
    has main at depth 2 (2026-01-18 and its parent of 2026-01-17, the
    boundary) and the feature branch. With ``base``, main is also that branch
    and the clone's. Returns the clone and the shas by day."""
    origin = tmp_path / "origin"
    shas = {"2025-10-01": init(origin, "2025-10-01"), "2025-11-01": announce(origin, "2025-11-01")}
    day = 20
    for month, last in (("2025-12", 31), ("2026-01", 18)):
        while day <= last:
            d = f"{month}-{day:02d}"
            shas[d] = commit(origin, d, {"README.md": f"# payroll contracts ({d})\n"})
            day += 1
        day = 1
    branch(origin)
    remove_line_items(origin, day="2026-01-19")
    git(origin, "checkout", "-q", "main")
    if base != "main":
        git(origin, "branch", base, "main")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", "--branch", base, f"file://{origin}", str(clone))
    git(clone, "fetch", "-q", "origin", "feature:feature")
    git(clone, "checkout", "-q", "feature")
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    assert (clone / ".git" / "shallow").read_text().split() == [shas["2026-01-17"]]
    return clone, shas


def test_shallow_a_notice_at_an_old_enough_boundary_proves_compliance(tmp_path: Path) -> None:
    clone, shas = shallow_clone(tmp_path)
    done, data = breaking(clone, now="2026-02-10")
    assert done.returncode == 0, done.stderr
    c = entry(data, "schema.line_item_count", "field-removed")
    # The boundary commit (2026-01-17) already carries the notice and is 24
    # days old: on or before that date is enough.
    assert c["notice"] == notice("announced", "2026-01-17", shas["2026-01-17"], 14, "2026-01-31")
    assert "on or before 2026-01-17" in c["reason"]


def test_shallow_a_boundary_too_recent_asks_for_history(tmp_path: Path) -> None:
    clone, shas = shallow_clone(tmp_path)
    done, _ = breaking(clone, now="2026-01-20")
    assert done.returncode == 2
    # 14 days before 2026-01-20 is 2026-01-06; one day more to be sure.
    command = "git fetch --shallow-since=2026-01-05 origin main"
    assert command in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done, _ = breaking(clone, "--against", "origin/main", now="2026-01-20")
    assert done.returncode == 2
    assert command in done.stderr
    # The command it gives fixes it: with the history since then, a commit
    # old enough (2026-01-05 or -06) carries the notice.
    git(clone, *command.split()[1:])
    done, data = breaking(clone, now="2026-01-20")
    assert done.returncode == 0, done.stderr
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"]["status"] == "announced"
    assert c["notice"]["announced"] <= "2026-01-06"
    # With the whole history, the real announcement.
    git(clone, "fetch", "-q", "--unshallow", "origin", "main")
    done, data = breaking(clone, now="2026-01-20")
    assert done.returncode == 0
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2025-11-01", shas["2025-11-01"], 14, "2025-11-15")


def test_shallow_history_inside_the_clone_decides_without_fetching(tmp_path: Path) -> None:
    """The notice was added at main's tip; its parent (the boundary) lacks it:
    the whole run is in the clone, so the verdict needs no more history."""
    origin = tmp_path / "origin"
    init(origin, "2025-10-01")
    for day in ("2026-01-10", "2026-01-15"):
        commit(origin, day, {"README.md": f"# {day}\n"})
    sha = announce(origin, "2026-01-16")
    branch(origin)
    remove_line_items(origin, day="2026-01-19")
    git(origin, "checkout", "-q", "main")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(clone))
    git(clone, "fetch", "-q", "origin", "feature:feature")
    git(clone, "checkout", "-q", "feature")
    done, data = breaking(clone, now="2026-01-20")
    assert done.returncode == 1, done.stderr
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("too-recent", "2026-01-16", sha, 14, "2026-01-30")


def test_shallow_the_fetch_command_names_a_base_branch_with_a_slash(tmp_path: Path) -> None:
    clone, _ = shallow_clone(tmp_path, base="release/2026")
    done, _ = breaking(clone, "--against", "release/2026", now="2026-01-20")
    assert done.returncode == 2
    assert "git fetch --shallow-since=2026-01-05 origin release/2026" in done.stderr


# --- refs, repositories, defaults ---------------------------------------------------------------


def one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for needle in needles:
        assert needle in lines[0]


def test_not_a_git_repository(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "plain", {})
    done, _ = breaking(root, now="2026-02-01")
    one_line_error(done, "not a git repository")


def test_an_unknown_ref(repo: Path) -> None:
    init(repo)
    done, _ = breaking(repo, "--against", "no-such-branch", now="2026-02-01")
    one_line_error(done, "unknown ref", "no-such-branch")
    done, _ = breaking(repo, "--head", "no-such-branch", now="2026-02-01")
    one_line_error(done, "unknown ref", "no-such-branch")


@pytest.mark.parametrize("ref", ["-x", "--upload-pack=evil", "--output=/tmp/x"])
def test_a_ref_that_looks_like_an_option_is_refused(repo: Path, ref: str) -> None:
    init(repo)
    done, _ = breaking(repo, "--against", ref, now="2026-02-01")
    one_line_error(done, "refusing ref", ref)
    done, _ = breaking(repo, "--head", ref, now="2026-02-01")
    one_line_error(done, "refusing ref", ref)


def test_unrelated_histories(repo: Path) -> None:
    init(repo)
    git(repo, "checkout", "-q", "--orphan", "other")
    commit(repo, "2026-01-30", message="unrelated")
    done, _ = breaking(repo, now="2026-02-01")
    one_line_error(done, "unrelated histories")


def test_in_github_actions_the_base_is_origin_github_base_ref(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    init(origin)
    sha = announce(origin, "2026-01-05")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{origin}", str(clone))
    branch(clone, "feature", "origin/main")
    remove_line_items(clone)
    git(clone, "branch", "-q", "-D", "main")  # only origin/main remains
    env = {"GITHUB_BASE_REF": "main", "GITHUB_ACTIONS": "true"}
    done, data = breaking(clone, "--no-against", now="2026-02-01", env=env)
    assert done.returncode == 0, done.stderr
    assert data["base_ref"] == "origin/main"
    assert data["base"] == sha
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")
    # Outside GitHub Actions there is no default.
    done, _ = breaking(clone, "--no-against", now="2026-02-01")
    one_line_error(done, "--against")


def test_without_against_or_configuration_it_says_how(repo: Path) -> None:
    init(repo)
    done, _ = breaking(repo, "--no-against", now="2026-02-01")
    one_line_error(done, "--against REF", "breaking: {against: main}")


def test_breaking_against_in_govern_yaml_is_the_default(repo: Path) -> None:
    init(repo, files={"govern.yaml": "breaking:\n  against: main\n"})
    sha = announce(repo, "2026-01-10")
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, "--no-against", now="2026-02-01")
    assert done.returncode == 0, done.stderr
    assert data["base_ref"] == "main"
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-10", sha, 14, "2026-01-24")


def test_staged_sees_only_the_index(repo: Path) -> None:
    init(repo)
    announce(repo, "2026-01-05")
    branch(repo)
    write_files(repo, {CONTRACT: contract(version="2.0.0", drop=("line_item_count",))})
    git(repo, "add", CONTRACT)
    # Unstaged: worker_id becomes an integer (type-changed, never announced).
    as_integer = "{type: integer, required: true, description: Worker identifier}"
    both = contract(version="2.0.0", drop=DROP, fields={"worker_id": as_integer})
    write_files(repo, {CONTRACT: both})
    done, data = breaking(repo, "--staged", now="2026-02-01")
    assert done.returncode == 0, done.stdout
    assert data["head"] == "index"
    assert breaking_entries(data) == [(ID, "schema.line_item_count", "field-removed", True)]
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    assert breaking_entries(data) == [
        (ID, "schema.line_item_count", "field-removed", True),
        (ID, "schema.worker_id", "type-changed", False),
    ]


def test_head_compares_a_commit(repo: Path) -> None:
    init(repo)
    sha = announce(repo, "2026-01-05")
    branch(repo)
    head = remove_line_items(repo)
    git(repo, "checkout", "-q", "main")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 0
    assert data["changes"] == []
    done, data = breaking(repo, "--head", "feature", now="2026-02-01")
    assert done.returncode == 0
    assert data["head"] == head
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 14, "2026-01-19")
    done, _ = breaking(repo, "--head", "feature", "--staged", now="2026-02-01")
    one_line_error(done, "--head and --staged")


def test_shallow_a_clone_that_does_not_reach_the_merge_base(tmp_path: Path) -> None:
    """CI's default: the branch and the base fetched at depth 1. Their merge
    base is not in the clone; that is not "unrelated histories"."""
    origin = tmp_path / "origin"
    init(origin, "2025-10-01")
    sha = announce(origin, "2025-11-01")
    for day in ("2026-01-10", "2026-01-11", "2026-01-12"):
        commit(origin, day, {"README.md": f"# {day}\n"})
    git(origin, "checkout", "-q", "-b", "feature", sha)  # cut before the README commits
    remove_line_items(origin, day="2026-01-19")
    clone = tmp_path / "clone"
    depth_1 = ["clone", "-q", "--depth", "1", "--branch", "feature", f"file://{origin}"]
    git(tmp_path, *depth_1, str(clone))
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:main")
    done, _ = breaking(clone, now="2026-02-10")
    one_line_error(done, "shallow", "git fetch --unshallow")
    assert "unrelated" not in done.stderr
    git(clone, "fetch", "-q", "--unshallow")
    done, data = breaking(clone, now="2026-02-10")
    assert done.returncode == 0, done.stderr
    assert data["base"] == sha
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2025-11-01", sha, 14, "2025-11-15")


def test_a_governance_repository_in_a_subdirectory_of_a_monorepo(tmp_path: Path) -> None:
    """govern.yaml in gov/ of a larger repository: paths are the governance
    repository's own (contracts/...), whatever the git top level."""
    top = tmp_path / "mono"
    gov = make_repo(top / "gov", {"govern.yaml": "notice_days: 20\n"})
    write_files(top, {"app/main.py": "print('payroll')\n"})
    git(top, "init", "-q", "-b", "main")
    commit(top, "2025-12-01", message="initial")
    sha = announce(gov, "2026-01-05")
    branch(gov)
    remove_line_items(gov)
    # The branch lowers the minimum; the base branch's gov/govern.yaml still
    # holds, and the lowering is a change of its own (config-relaxed).
    write_files(top, {"app/main.py": "print('payroll v2')\n", "gov/govern.yaml": ""})
    done, data = breaking(gov, now="2026-02-01")
    assert done.returncode == 1, done.stdout + done.stderr
    assert breaking_entries(data) == [
        ("govern.yaml", "config.notice_days", "config-relaxed", False),
        (ID, "schema.line_item_count", "field-removed", True),
    ]
    write_files(top, {"gov/govern.yaml": "notice_days: 20\n"})
    done, data = breaking(gov, now="2026-02-01")
    assert done.returncode == 0, done.stdout + done.stderr
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"] == notice("announced", "2026-01-05", sha, 20, "2026-01-25")
    assert c["path"] == CONTRACT
    # Moved within the governance repository: still the same contract.
    (gov / "contracts" / "payslips").mkdir()
    git(gov, "mv", CONTRACT, MOVED)
    done, data = breaking(gov, now="2026-02-01")
    assert done.returncode == 0, done.stdout + done.stderr
    assert entry(data, "schema.line_item_count", "field-removed")["notice"]["commit"] == sha


# --- dates that cannot be trusted -----------------------------------------------------------------


def test_a_backdated_commit_fast_forwarded_onto_main_is_dated_by_main(repo: Path) -> None:
    # main's last commit is 2026-01-20. Someone commits the notice on a branch
    # with a committer date of 2025-06-01 and fast-forwards main to it: the
    # notice cannot have reached main before 2026-01-20, whatever it says.
    init(repo)
    commit(repo, "2026-01-20", {"README.md": "payroll contracts\n"}, message="docs")
    git(repo, "checkout", "-q", "-b", "sneaky")
    sha = announce(repo, "2025-06-01")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "sneaky")
    branch(repo)
    remove_line_items(repo)
    done, data = breaking(repo, now="2026-02-01")
    c = entry(data, "schema.line_item_count", "field-removed")
    # Dated 2026-01-20 (main's newest older commit): 12 days, 14 needed.
    assert c["notice"] == notice("too-recent", "2026-01-20", sha, 14, "2026-02-03")
    assert done.returncode == 1


def test_a_branch_older_than_the_notice_is_told_to_update(repo: Path) -> None:
    # The branch was cut on 2026-01-05; main announced on 2026-01-10. The
    # merge base lacks the notice, but main has it: the user must update the
    # branch, not announce again.
    init(repo)
    branch(repo)
    remove_line_items(repo, day="2026-01-06")
    git(repo, "checkout", "-q", "main")
    announce(repo, "2026-01-10")
    git(repo, "checkout", "-q", "feature")
    done, data = breaking(repo, now="2026-02-01")
    assert done.returncode == 1
    c = entry(data, "schema.line_item_count", "field-removed")
    assert c["notice"]["status"] == "missing"
    assert "main carries the notice, but this branch starts before it" in c["reason"]
