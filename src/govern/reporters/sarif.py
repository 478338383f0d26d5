"""SARIF 2.1.0 for code scanning (validated against the OASIS schema in tests).

Every rule is in ``tool.driver.rules``; each result has a 1-based region and
``partialFingerprints`` that do not depend on line numbers, so a finding keeps
its identity when unrelated lines move.

Text from files: ``artifactLocation.uri`` is a URI reference, each path
segment percent-encoded (RFC 3986; ``%``, ``#``, ``?`` and ``:`` included, the
bytes of a file name that is not UTF-8 as they are on disk), so that a
consumer reads the path that was linted. Messages are plain text with SARIF's
embedded links (section 3.11.6): ``[`` and ``]`` from a file are escaped
``\\[`` ``\\]``, control characters are shown as escapes, and the log is
always UTF-8 (``escape.dumps``)."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from govern import __version__
from govern.findings import Finding, Severity
from govern.reporters.escape import control, dumps

if TYPE_CHECKING:
    from govern.changes.report import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


# Lone surrogates that surrogateescape did not make (it makes U+DC80-U+DCFF).
_NOT_A_BYTE = re.compile(r"[\ud800-\udc7f\udd00-\udfff]")


def uri(path: str) -> str:
    """A repository path as a relative URI reference: every byte but the
    unreserved characters and ``/`` percent-encoded, UTF-8 (a name read
    with surrogateescape gives back its own bytes)."""
    raw = _NOT_A_BYTE.sub("\ufffd", path).encode("utf-8", "surrogateescape")
    return quote(raw, safe="/")


def text(message: str) -> str:
    """A plain-text SARIF message: no embedded link, no control character."""
    return control(message).replace("[", "\\[").replace("]", "\\]")


def _fingerprint(*parts: str, seen: dict[str, int]) -> str:
    # surrogatepass: a name that is not UTF-8 still has a fingerprint of its own.
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    # Two identical findings in one file stay distinct: count them.
    n = seen.get(digest, 0)
    seen[digest] = n + 1
    return f"{digest}:{n + 1}"


def _location(path: str, line: int, column: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(line, 1)}
    if column:
        region["startColumn"] = max(column, 1)
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }


def _run(rules: list[dict[str, Any]], results: list[dict[str, Any]]) -> str:
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govern",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return dumps(log)


def lint(findings: list[Finding]) -> str:
    from govern.reporters.rule_docs import markdown
    from govern.rules import REGISTRY

    codes = list(REGISTRY)
    rules = []
    for code in codes:
        r = REGISTRY[code]
        rules.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary.replace("``", "`")},
                "fullDescription": {"text": (r.explanation or r.summary).replace("``", "`")},
                "help": {"text": r.summary.replace("``", "`"), "markdown": markdown(code)},
                "defaultConfiguration": {"level": _LEVEL[r.severity]},
                "properties": {"tags": [r.family]},
            }
        )
    seen: dict[str, int] = {}
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": codes.index(f.rule),
            "level": _LEVEL[f.severity],
            "message": {"text": text(f.message)},
            "locations": [_location(f.path, f.location.line, f.location.column)],
            "partialFingerprints": {
                "governFinding/v1": _fingerprint(f.rule, f.path, f.message, seen=seen)
            },
        }
        for f in findings
    ]
    return _run(rules, results)


def changes(report: Report) -> str:
    from govern.model.kinds import DEFAULT_VERDICTS

    kinds = [*DEFAULT_VERDICTS, "version-not-bumped"]
    level = {"breaking": "error", "warning": "warning", "info": "note"}
    rules = [
        {
            "id": kind,
            "name": kind,
            "shortDescription": {"text": f"Contract change: {kind}"},
            "fullDescription": {
                "text": f"A change of kind {kind} (default verdict: "
                f"{DEFAULT_VERDICTS.get(kind, 'breaking')}); see docs/breaking-changes.md."
            },
            "help": {"text": "Breaking changes need a notice on the base branch first."},
            "defaultConfiguration": {"level": level[DEFAULT_VERDICTS.get(kind, "breaking")]},
        }
        for kind in kinds
    ]
    seen: dict[str, int] = {}
    results = []
    for a in report.changes:
        lvl = level[a.verdict]
        if a.verdict == "breaking" and a.allowed:
            lvl = "note"
        result: dict[str, Any] = {
            "ruleId": a.change.change,
            "ruleIndex": kinds.index(a.change.change),
            "level": lvl,
            "message": {"text": text(f"{a.change.detail}. {a.reason}".strip())},
            "partialFingerprints": {
                "governChange/v1": _fingerprint(
                    a.change.id, a.change.element, a.change.change, seen=seen
                )
            },
        }
        if a.path:
            result["locations"] = [_location(a.path, a.line)]
        results.append(result)
    return _run(rules, results)
