"""Numbers a stranger can write where govern parses one: past 4,300 digits
Python's int() raises, and past a date's range arithmetic overflows. Each is
a finding at its line (or text govern does not judge), never exit 3."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_govern
from tests.test_breaking_policy import CONTRACT, branch, breaking, commit, contract, init

DIGITS = "9" * 5000


def test_huge_numbers_in_a_contract_are_findings_not_crashes(repo: Path) -> None:
    init(repo)
    branch(repo)
    text = contract(
        version=f"1.0.{DIGITS}",
        fields={"line_item_count": f'{{type: "decimal({DIGITS},2)", description: Lines}}'},
        extra=f"sla:\n  delivery: monthly {DIGITS} 09:00 UTC\n  freshness: {DIGITS}d\n",
    )
    commit(repo, "2026-02-20", {CONTRACT: text})
    done = run_govern("lint", "--format", "json", cwd=repo)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = text.splitlines()
    version_line = next(i for i, t in enumerate(lines, 1) if t.startswith("version:"))
    assert f'"line": {version_line},' in done.stdout  # the version is not semver
    assert len(done.stdout) < 60_000  # the 5,000 digits are never quoted whole
    result, _ = breaking(repo, now="2026-03-01")
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
