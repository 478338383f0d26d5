"""A golden run of every command on the example governance repository.

A regression net for moving code around (the "one house" work): the same
commands, flags and inputs must print the same bytes and exit with the same
code before and after. It proves nothing about correctness by itself — the
other tests do that, each with values worked out by hand — but any change of
output it catches is either a bug or a change to write down.

The example repository is copied into a git repository in tmp_path with dated
commits; `breaking` and `diff` see one branch that removes a field, loosens an
SLA and relaxes the configuration. Regenerate after an intended change with
``GOVERN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the
diff before committing it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import PROJECT, git, run_govern

GOLDEN = Path(__file__).parent / "golden"
NOW = "2026-12-07T12:00:00Z"
CONTRACT = "contracts/payroll/payslip_generated.yaml"

COMMANDS: dict[str, tuple[str, ...]] = {
    "lint-text": ("lint", "--no-color"),
    "lint-json": ("lint", "--format", "json"),
    "lint-markdown": ("lint", "--format", "markdown"),
    "lint-github": ("lint", "--format", "github"),
    "lint-sarif": ("lint", "--format", "sarif"),
    "rules": ("rules", "--no-color"),
    "rules-json": ("rules", "--format", "json"),
    "explain": ("explain", "GOV227", "--no-color"),
    "coverage-text": ("coverage", "--no-color", "--details"),
    "coverage-json": ("coverage", "--format", "json"),
    "coverage-markdown": ("coverage", "--format", "markdown"),
    "conflicts-text": ("conflicts", "--no-color"),
    "conflicts-json": ("conflicts", "--format", "json"),
    "conflicts-markdown": ("conflicts", "--format", "markdown"),
    "owners-text": ("owners", "unit_level_profit", "--no-color", "--now", NOW),
    "owners-json": ("owners", "unit_level_profit", "--format", "json", "--now", NOW),
    "owners-markdown": ("owners", "unit_level_profit", "--format", "markdown", "--now", NOW),
    "breaking-text": ("breaking", "--against", "main", "--no-color", "--now", NOW),
    "breaking-json": ("breaking", "--against", "main", "--format", "json", "--now", NOW),
    "breaking-markdown": ("breaking", "--against", "main", "--format", "markdown", "--now", NOW),
    "breaking-github": ("breaking", "--against", "main", "--format", "github", "--now", NOW),
    "breaking-sarif": ("breaking", "--against", "main", "--format", "sarif", "--now", NOW),
    "diff-text": ("diff", "--against", "main", "--no-color", "--now", NOW),
    "diff-markdown": ("diff", "--against", "main", "--format", "markdown", "--now", NOW),
    "codeowners-check": ("codeowners", "--check"),
    "convert-odcs": ("convert", CONTRACT, "--to", "odcs"),
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden") / "example"
    for part in ("contracts", "metrics", "ownership", "analytics"):
        shutil.copytree(PROJECT / part, root / part)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "example", date="2026-10-01T10:00:00+00:00")
    git(root, "checkout", "-q", "-b", "feature")
    text = (root / CONTRACT).read_text(encoding="utf-8")
    # A removed field (breaking, metrics read it), a loosened SLA, and a
    # misspelt consumer team (a lint error).
    block = re.search(r"(?m)^  line_item_count:\n(    .*\n)+", text)
    assert block is not None
    changed = text.replace(block.group(0), "").replace("freshness: 15m", "freshness: 1h")
    changed = changed.replace("  - team: operations", "  - team: operatons")
    assert changed.count("\n") == text.count("\n") - 5
    (root / CONTRACT).write_text(changed, encoding="utf-8")
    (root / "govern.yaml").write_text("notice_days: 14\nexclude: ['contracts/legacy/**']\n")
    return root


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_golden(example: Path, name: str) -> None:
    done = run_govern(*COMMANDS[name], cwd=example)
    got = f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
    got = got.replace(str(example), "<repo>")
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("GOVERN_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with GOVERN_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")
