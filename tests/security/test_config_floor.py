"""A pull request cannot relax the configuration that judges it.

`govern breaking` reads both revisions with the base branch's configuration
as the floor (PRODUCT.md section 8), and reports every key the branch loosens
as a `config-relaxed` change of its own (breaking by default: it needs notice
on the base branch or a waiver), every key it tightens as `config-tightened`
(info). `govern lint --against` (or in a pull request on GitHub Actions) holds
the branch to the base's rules the same way. Each test builds a real
repository with dated commits; expected lines and dates are worked out from
the files the test writes.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import git, run_govern
from tests.test_breaking_policy import (
    CONTRACT,
    ID,
    branch,
    breaking,
    commit,
    contract,
    entry,
    init,
    remove_line_items,
)

NOW = "2026-03-01"


def relax(root: Path, config: str, day: str = "2026-02-20") -> str:
    """On the branch: govern.yaml says ``config``, and line_item_count is removed."""
    commit(root, day, {"govern.yaml": config}, message="relax the gate")
    return remove_line_items(root, day)


def changes_of(data: dict[str, object], subject: str) -> list[tuple[str, str, str, bool]]:
    items = data["changes"]
    assert isinstance(items, list)
    return sorted(
        (c["element"], c["change"], c["severity"], c["allowed"])
        for c in items
        if c["subject"] == subject
    )


def test_an_exclude_glob_added_by_the_branch_hides_nothing(repo: Path) -> None:
    init(repo)
    branch(repo)
    relax(repo, "exclude:\n  - contracts/payroll/**\n")
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    removed = entry(data, "schema.line_item_count", "field-removed")
    assert (removed["contract"], removed["allowed"]) == (ID, False)
    relaxed = entry(data, "config.exclude", "config-relaxed")
    assert relaxed["contract"] == "govern.yaml"
    assert (relaxed["severity"], relaxed["allowed"]) == ("breaking", False)
    assert (relaxed["path"], relaxed["line"]) == ("govern.yaml", 1)
    assert relaxed["notice"]["status"] == "missing"
    assert relaxed["notice"]["earliest"] == "2026-03-15"  # --now + 14 days


def test_narrower_paths_keep_the_base_directory_governed(repo: Path) -> None:
    init(repo)
    branch(repo)
    relax(repo, "paths:\n  contracts: contracts/orders\n")
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    assert entry(data, "schema.line_item_count", "field-removed")["allowed"] is False
    paths = entry(data, "config.paths.contracts", "config-relaxed")
    assert (paths["path"], paths["line"], paths["allowed"]) == ("govern.yaml", 2, False)


def test_a_lower_max_file_size_does_not_skip_the_base_contract(repo: Path) -> None:
    # The contract is over 1,000 bytes: under the branch's own limit it would
    # not be read, and its removal would look like a new contract.
    long = "x" * 1200
    init(repo, files={CONTRACT: contract(extra=f"retention: '{long}'\n")})
    branch(repo)
    commit(repo, "2026-02-20", {"govern.yaml": "max_file_size: 1000\n"})
    commit(
        repo,
        "2026-02-20",
        {
            CONTRACT: contract(
                version="2.0.0", drop=("line_item_count",), extra=f"retention: '{long}'\n"
            )
        },
    )
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    assert entry(data, "schema.line_item_count", "field-removed")["allowed"] is False
    assert not [c for c in data["changes"] if c["change"] in ("contract-added", "field-added")]
    size = entry(data, "config.max_file_size", "config-relaxed")
    assert size["severity"] == "breaking"


def test_tightening_is_info_and_passes(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(repo, "2026-02-20", {"govern.yaml": "notice_days: 30\nfail_on: warning\n"})
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 0, data
    assert changes_of(data, "config") == [
        ("config.fail_on", "config-tightened", "info", True),
        ("config.notice_days", "config-tightened", "info", True),
    ]


def test_a_rule_turned_off_by_the_branch_is_a_relaxation(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(
        repo,
        "2026-02-20",
        {"govern.yaml": "rules:\n  GOV101: off\n  GOV227:\n    ignore: ['**']\n"},
    )
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    assert changes_of(data, "config") == [
        ("config.rules.GOV101.severity", "config-relaxed", "breaking", False),
        ("config.rules.GOV227.ignore", "config-relaxed", "breaking", False),
    ]
    gov101 = entry(data, "config.rules.GOV101.severity", "config-relaxed")
    assert gov101["line"] == 2


def test_a_notice_on_the_base_branch_allows_the_relaxation(repo: Path) -> None:
    init(repo)
    notice = (
        "notices:\n"
        "  - element: config.exclude\n"
        "    change: config-relaxed\n"
        "    reason: legacy contracts move to the archive repository\n"
    )
    announced = commit(repo, "2026-02-01", {"govern.yaml": notice}, message="announce")
    branch(repo)
    commit(repo, "2026-02-20", {"govern.yaml": notice + "exclude: [contracts/legacy/**]\n"})
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 0, data
    relaxed = entry(data, "config.exclude", "config-relaxed")
    assert relaxed["allowed"] is True
    assert relaxed["notice"] == {
        "status": "announced",
        "announced": "2026-02-01",
        "commit": announced,
        "required_days": 14,
        "earliest": "2026-02-15",
    }


def test_a_notice_too_recent_refuses_the_relaxation_with_its_earliest_date(repo: Path) -> None:
    init(repo)
    notice = "notices:\n  - {element: config.exclude, change: config-relaxed, reason: archive}\n"
    commit(repo, "2026-02-25", {"govern.yaml": notice})
    branch(repo)
    commit(repo, "2026-02-26", {"govern.yaml": notice + "exclude: [contracts/legacy/**]\n"})
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    relaxed = entry(data, "config.exclude", "config-relaxed")
    assert relaxed["notice"]["status"] == "too-recent"
    assert relaxed["notice"]["earliest"] == "2026-03-11"


def test_a_waiver_needs_an_approver(repo: Path) -> None:
    init(repo)
    branch(repo)
    waiver = "waivers:\n  - {element: config.exclude, change: config-relaxed, reason: archive}\n"
    commit(repo, "2026-02-20", {"govern.yaml": "exclude: [contracts/legacy/**]\n" + waiver})
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    assert "names no `approved_by`" in entry(data, "config.exclude", "config-relaxed")["reason"]
    approved = waiver.replace("}", ", approved_by: [data-platform]}")
    commit(repo, "2026-02-21", {"govern.yaml": "exclude: [contracts/legacy/**]\n" + approved})
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 0, data
    assert entry(data, "config.exclude", "config-relaxed")["notice"]["status"] == "waived"


def test_the_branch_cannot_make_config_relaxed_info(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(
        repo,
        "2026-02-20",
        {"govern.yaml": "exclude: [x/**]\nbreaking:\n  severities: {config-relaxed: info}\n"},
    )
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    assert entry(data, "config.exclude", "config-relaxed")["severity"] == "breaking"
    assert entry(data, "config.breaking.severities.config-relaxed", "config-relaxed")


def test_pyproject_relaxation_is_seen_too(repo: Path) -> None:
    init(repo, files={"pyproject.toml": "[tool.govern]\nnotice_days: 20\n".replace(":", " =")})
    branch(repo)
    commit(repo, "2026-02-20", {"pyproject.toml": "[tool.govern]\nnotice_days = 14\n"})
    done, data = breaking(repo, now=NOW)
    assert done.returncode == 1
    relaxed = entry(data, "config.notice_days", "config-relaxed")
    assert (relaxed["contract"], relaxed["path"], relaxed["line"]) == (
        "pyproject.toml",
        "pyproject.toml",
        2,
    )


def test_a_committed_head_is_judged_with_its_own_configuration(repo: Path) -> None:
    # --head REF: the configuration of that commit, not of the working tree.
    init(repo)
    branch(repo)
    relax(repo, "exclude: [contracts/payroll/**]\n")
    git(repo, "checkout", "-q", "main")
    done, data = breaking(repo, "--head", "feature", now=NOW)
    assert done.returncode == 1
    assert entry(data, "config.exclude", "config-relaxed")["allowed"] is False
    assert entry(data, "schema.line_item_count", "field-removed")["allowed"] is False


# --- lint ------------------------------------------------------------------------------------


BAD_CONSUMER = contract().replace("  - team: analytics", "  - team: analytcs")


def test_lint_against_the_base_keeps_a_rule_the_branch_turned_off(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(repo, "2026-02-20", {"govern.yaml": "rules:\n  GOV102: off\n", CONTRACT: BAD_CONSUMER})
    # The branch alone: the rule is off and lint passes.
    alone = run_govern("lint", "--format", "json", cwd=repo)
    assert alone.returncode == 0, alone.stdout
    held = run_govern("lint", "--against", "main", "--format", "json", cwd=repo)
    assert held.returncode == 1, held.stdout
    assert '"rule": "GOV102"' in held.stdout
    assert (
        "note: govern.yaml: `config.rules.GOV102.severity` is looser than on main "
        "(GOV102 error -> off): held to main's" in held.stderr
    )


def test_lint_in_a_pull_request_reads_the_base_from_github_base_ref(repo: Path) -> None:
    init(repo)
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    branch(repo)
    commit(
        repo,
        "2026-02-20",
        {
            "govern.yaml": "rules:\n  GOV102:\n    ignore: ['contracts/**']\n",
            CONTRACT: BAD_CONSUMER,
        },
    )
    done = run_govern("lint", "--format", "json", cwd=repo, env={"GITHUB_BASE_REF": "main"})
    assert done.returncode == 1, done.stdout
    assert '"rule": "GOV102"' in done.stdout


def test_lint_says_so_when_the_base_cannot_be_read(repo: Path) -> None:
    init(repo)
    done = run_govern("lint", cwd=repo, env={"GITHUB_BASE_REF": "main"})
    assert done.returncode == 0
    assert "warning: the base branch's configuration could not be read" in done.stderr
    named = run_govern("lint", "--against", "nowhere", cwd=repo)
    assert named.returncode == 2
    assert "unknown ref 'nowhere'" in named.stderr


# --- numbers a stranger can write ----------------------------------------------------------------


def test_huge_numbers_in_the_configuration_are_exit_2_with_the_line(repo: Path) -> None:
    init(repo)
    for text, line in (
        ("notice_days: 1e30\n", 1),
        ("fail_on: error\nnotice_days: 1000000000000000000000000000000\n", 2),
        ("max_file_size: 99999999999999999999\n", 1),
    ):
        (repo / "govern.yaml").write_text(text)
        for command in (("lint",), ("breaking", "--against", "main")):
            done = run_govern(*command, cwd=repo)
            assert done.returncode == 2, (text, done.stderr)
            assert f"govern.yaml:{line}:" in done.stderr, done.stderr
            assert "Traceback" not in done.stderr


# --- the configuration file itself ---------------------------------------------------------------


def test_a_configuration_that_is_a_pipe_a_symlink_out_or_huge_is_exit_2(
    repo: Path, tmp_path: Path
) -> None:
    init(repo)
    outside = tmp_path / "outside.yaml"
    outside.write_text("notice_days: 1\n", encoding="utf-8")
    config = repo / "govern.yaml"
    cases = {
        "pipe": "govern.yaml:1:1: not a regular file (a named pipe); not read",
        "symlink": "govern.yaml:1:1: symlinked file points outside the repository; not followed",
        "huge": "govern.yaml:1:1: file is 2,000,000 bytes, over the 1,000,000-byte limit; not read",
    }
    for case, message in cases.items():
        config.unlink(missing_ok=True)
        if case == "pipe":
            os.mkfifo(config)
        elif case == "symlink":
            config.symlink_to(outside)
        else:
            config.write_text("# padding\n" * 200_000, encoding="utf-8")
        for command in (("lint",), ("breaking", "--against", "main")):
            done = run_govern(*command, cwd=repo)  # a pipe read would block: it must not
            assert done.returncode == 2, (case, command, done.stdout)
            assert done.stderr == f"error: {message}\n", (case, done.stderr)


def test_a_configured_dbt_project_outside_the_repository_is_refused(repo: Path) -> None:
    # `dbt: {project: /}` would walk the whole machine that runs the check.
    init(repo)
    for project in ("/", "../..", "contracts/../../.."):
        (repo / "govern.yaml").write_text(f"dbt:\n  project: '{project}'\n", encoding="utf-8")
        for command in ("coverage", "conflicts"):
            done = run_govern(command, cwd=repo)
            assert done.returncode == 2, (project, done.stdout)
            assert done.stderr == (
                f"error: govern.yaml `dbt.project`: {project} is outside the repository "
                "(use --dbt-project to read a project elsewhere)\n"
            )


def test_a_codeowners_file_that_is_a_pipe_or_a_link_out_is_refused(
    repo: Path, tmp_path: Path
) -> None:
    init(repo)
    owners = repo / ".github" / "CODEOWNERS"
    owners.parent.mkdir()
    os.mkfifo(owners)
    done = run_govern("codeowners", "--check", cwd=repo)  # a read would block
    assert (done.returncode, done.stderr) == (
        2,
        "error: .github/CODEOWNERS: not a regular file (a named pipe); not read\n",
    )
    owners.unlink()
    outside = tmp_path / "elsewhere"
    outside.write_text("* @someone\n", encoding="utf-8")
    owners.symlink_to(outside)
    done = run_govern("codeowners", cwd=repo)
    assert done.returncode == 2
    assert outside.read_text(encoding="utf-8") == "* @someone\n"  # never written through


def test_a_contract_replaced_by_a_pipe_cannot_be_judged(repo: Path) -> None:
    # Not a removed contract (exit 1 for the wrong reason): a file that cannot be read.
    init(repo)
    branch(repo)
    (repo / CONTRACT).unlink()
    os.mkfifo(repo / CONTRACT)
    done, _ = breaking(repo, now=NOW)  # a read would block
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {CONTRACT} does not load")


def test_a_lowered_notice_says_how_much_in_words(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(repo, "2026-02-20", {"govern.yaml": "notice_days: 1\nmax_file_size: 1500000\n"})
    _, data = breaking(repo, now=NOW)
    assert entry(data, "config.notice_days", "config-relaxed")["detail"] == "14 days -> 1 day"
    size = entry(data, "config.max_file_size", "config-relaxed")
    assert size["detail"] == "2,000,000 bytes -> 1,500,000 bytes"
