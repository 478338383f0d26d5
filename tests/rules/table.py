"""Rule tables (STYLE.md point 11): per rule, YAML files that make it fail and
YAML files it passes, each linted inside the base repository
(tests/fixtures/base), with the exact (path, line, column) of every finding.

Expected positions are written by hand from the YAML of the case: lines and
columns are 1-based, and each rule's docstring says whether it points at a key
or at a value. A contract built with :func:`contract` has six fixed header
lines, so the body given to it starts on line 7.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from govern.config import Config
from tests.conftest import hits, lint_findings, make_repo

Hit = tuple[str, int, int]
# Rules the loader checks: invalid YAML, duplicate and unknown keys, shape, kind.
LOADER_CODES = frozenset({f"GOV00{n}" for n in range(1, 9)})

RUN = "contracts/payroll/run_completed.yaml"  # the file most cases add
HEADER = """\
contract: {cid}
version: {version}
status: {status}
kind: event
description: One event per finished payroll run.
owner: {owner}
"""


def y(text: str) -> str:
    """A YAML file written as an indented triple-quoted string."""
    return dedent(text).lstrip("\n")


def contract(
    body: str,
    *,
    cid: str = "payroll.run.completed",
    version: str = "1.0.0",
    status: str = "active",
    owner: str = "payroll-engine",
) -> str:
    """A contract: lines 1-6 are contract, version, status, kind, description,
    owner; ``body`` starts on line 7."""
    return HEADER.format(cid=cid, version=version, status=status, owner=owner) + y(body)


@dataclass(frozen=True)
class Case:
    files: dict[str, str]
    expected: tuple[Hit, ...]
    # Each text appears in the message of at least one finding of the rule.
    says: tuple[str, ...] = ()
    config: Config | None = None
    # Codes that must also fire: proves a case is what it claims (a file that
    # is really broken, a reference that is really reported by another rule).
    requires: tuple[str, ...] = ()
    # Texts no message of the rule contains.
    never_says: tuple[str, ...] = ()


def fails(
    name: str,
    files: dict[str, str],
    *expected: Hit,
    says: tuple[str, ...] = (),
    config: Config | None = None,
    requires: tuple[str, ...] = (),
    never_says: tuple[str, ...] = (),
) -> tuple[str, Case]:
    assert expected, f"{name}: a failing case names its findings"
    return f"fails-{name}", Case(files, expected, says, config, requires, never_says)


def passes(
    name: str,
    files: dict[str, str],
    *,
    config: Config | None = None,
    requires: tuple[str, ...] = (),
) -> tuple[str, Case]:
    return f"passes-{name}", Case(files, (), (), config, requires)


def table(code: str, *cases: tuple[str, Case]) -> list[Any]:
    """pytest params with readable ids, like ``GOV101-fails-contract-owner-typo``."""
    ids = [name for name, _ in cases]
    assert len(ids) == len(set(ids)), f"{code}: case names repeat"
    kinds = {name.split("-", 1)[0] for name in ids}
    assert kinds == {"fails", "passes"}, f"{code}: a table has failing and passing cases"
    return [pytest.param(code, case, id=f"{code}-{name}") for name, case in cases]


def check(tmp_path: Path, code: str, case: Case) -> None:
    root = make_repo(tmp_path / "repo", dict(case.files))
    findings = lint_findings(root, case.config)
    found = hits(findings, code)
    assert sorted(found) == sorted(case.expected), [
        (f.path, f.location.line, f.location.column, f.message) for f in findings if f.rule == code
    ]
    messages = [f.message for f in findings if f.rule == code]
    for text in case.says:
        assert any(text in m for m in messages), f"no {code} message says {text!r}: {messages}"
    for text in case.never_says:
        assert not any(text in m for m in messages), f"a {code} message says {text!r}: {messages}"
    for other in case.requires:
        assert hits(findings, other), f"{other} does not fire: the case is not what it claims"
    # A case's files are read as what they claim to be: YAML and shape problems
    # only where the case asks for them (else a passing case may pass vacuously).
    unexpected = [
        (f.rule, f.path, f.location.line, f.message)
        for f in findings
        if f.rule in LOADER_CODES and f.rule not in case.requires and f.rule != code
    ]
    assert unexpected == [], unexpected
