"""`govern codeowners`: the CODEOWNERS block from ownership, written or checked."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_repo, run_govern

TEAMS = """\
teams:
  payroll-engine: {name: Payroll, slack: "#pay", members: [pia], github: "@acme/payroll-engine"}
  analytics: {name: Analytics, slack: "#analytics", members: [ana], github: "@acme/analytics"}
  finance: {name: Finance, slack: "#finance", members: [fin], github: "@acme/finance"}
  operations: {name: Operations, slack: "#ops", members: [ops]}
"""


def _repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "r", {"ownership/teams.yaml": TEAMS})
    return root


def test_writes_the_block_and_keeps_the_rest(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    owners = root / ".github" / "CODEOWNERS"
    owners.parent.mkdir()
    owners.write_text("* @acme/platform\n")
    done = run_govern("codeowners", cwd=root)
    assert done.returncode == 0, done.stderr
    # operations (an approver of the metric) has no github handle: warned, left out.
    assert "team `operations` has no `github:` handle" in done.stderr
    assert owners.read_text() == (
        "* @acme/platform\n"
        "\n"
        "# BEGIN govern codeowners: generated from ownership/ by `govern codeowners`; do not edit\n"
        "/contracts/payroll/payslip_generated.yaml @acme/payroll-engine @acme/analytics\n"
        "/metrics/payslip_error_rate.yaml @acme/analytics @acme/finance\n"
        "# END govern codeowners\n"
    )


def test_check_is_clean_after_writing_and_stale_after_a_change(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    assert run_govern("codeowners", "--check", cwd=root).returncode == 1  # no file yet
    assert run_govern("codeowners", cwd=root).returncode == 0
    written = (root / ".github/CODEOWNERS").read_text()
    check = run_govern("codeowners", "--check", cwd=root)
    assert check.returncode == 0 and "up to date" in check.stdout
    # A new consumer makes the block stale; --check writes nothing.
    contract = root / "contracts/payroll/payslip_generated.yaml"
    contract.write_text(contract.read_text().replace(
        "consumers:\n", "consumers:\n  - team: finance\n    use: Cost close\n"
    ))  # fmt: skip
    stale = run_govern("codeowners", "--check", cwd=root)
    assert stale.returncode == 1 and "stale" in stale.stdout
    assert (root / ".github/CODEOWNERS").read_text() == written
    assert run_govern("codeowners", cwd=root).returncode == 0
    assert (
        "@acme/payroll-engine @acme/finance @acme/analytics"
        in (root / ".github/CODEOWNERS").read_text()
    )


def test_paths_with_pattern_characters_are_escaped(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    src = root / "contracts/payroll/payslip_generated.yaml"
    dst = root / "contracts/payroll/pay slip [v2].yaml"
    dst.write_text(src.read_text())
    src.unlink()
    run_govern("codeowners", cwd=root)
    text = (root / ".github/CODEOWNERS").read_text()
    assert "/contracts/payroll/pay\\ slip\\ \\[v2\\].yaml @acme/payroll-engine" in text
