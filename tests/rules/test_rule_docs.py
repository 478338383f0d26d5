"""Every rule documents itself with a failing and a passing example, and the
examples are true: the failing one makes the rule fire, the passing one does not.

Each example is a complete file whose first line is ``# <path>``; it is
linted inside the base fixture repository (tests/fixtures/base)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govern.rules import REGISTRY
from tests.conftest import lint_findings, make_repo

# Rules about bytes and the file system cannot be shown as YAML text; their
# examples are descriptions, and tests/test_bad_input.py checks them.
DESCRIBED_ONLY = {"GOV009", "GOV010", "GOV011", "GOV013"}


def _example(code: str, heading: str) -> tuple[str, str]:
    text = REGISTRY[code].example(heading)
    first, _, _ = text.partition("\n")
    assert first.startswith("# ") and first.endswith((".yaml", ".yml")), (
        f"{code} {heading} example must start with '# <path>.yaml'"
    )
    return first[2:].strip(), text + "\n"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_is_documented(code: str) -> None:
    r = REGISTRY[code]
    assert r.code.startswith("GOV") and len(r.code) == 6
    assert r.summary.endswith("."), f"{code}: summary must be a sentence"
    assert r.example("Fails") and r.example("Passes")


@pytest.mark.parametrize("code", sorted(set(REGISTRY) - DESCRIBED_ONLY))
def test_failing_example_fires(code: str, tmp_path: Path) -> None:
    path, text = _example(code, "Fails")
    root = make_repo(tmp_path / "r", {path: text})
    found = [f for f in lint_findings(root) if f.rule == code]
    assert any(f.path == path for f in found), f"{code}'s failing example does not make it fire"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_passing_example_is_clean(code: str, tmp_path: Path) -> None:
    path, text = _example(code, "Passes")
    root = make_repo(tmp_path / "r", {path: text})
    findings = lint_findings(root)
    assert [f for f in findings if f.rule == code] == []
    # A passing example is a good example: nothing else fires on it either,
    # except info-level advice.
    noisy = [(f.rule, f.location.line, f.message) for f in findings if f.severity.value != "info"]
    assert noisy == [], f"{code}'s passing example has other findings: {noisy}"


def test_codes_and_names_are_unique() -> None:
    names = [r.name for r in REGISTRY.values()]
    assert len(names) == len(set(names))
    assert all(code == r.code for code, r in REGISTRY.items())


def test_base_fixture_is_clean(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {})
    assert lint_findings(root) == []
