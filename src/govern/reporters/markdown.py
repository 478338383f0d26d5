"""Markdown: an announcement of changes ready for a contract's channel, and
job summaries."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from govern.findings import Finding, Severity
from govern.reporters.escape import control

if TYPE_CHECKING:
    from govern.changes.report import Assessed, Report


def cell(text: str) -> str:
    """Text from files in a table cell: no pipes, no line breaks (CommonMark
    ends a line at CR too), no control characters, no HTML."""
    text = " ".join(text.splitlines())
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return control(text)


def _verdict(a: Assessed) -> str:
    if a.verdict != "breaking":
        return a.verdict
    return "breaking, allowed" if a.allowed else "**breaking, refused**"


def changes(report: Report) -> str:
    lines = [
        f"## Data contract changes: `{cell(report.base_name)}` → {cell(report.head_name)}",
        "",
    ]
    if not report.changes:
        return "\n".join([*lines, "No changes to contracts or metrics.", ""])
    key = lambda a: (a.change.subject, a.change.id)  # noqa: E731
    for (subject, ident), group in groupby(sorted(report.changes, key=key), key=key):
        items = list(group)
        lines.append(f"### {subject} `{cell(ident)}`")
        lines.append("")
        facts = []
        consumers = sorted({c for a in items for c in a.consumers})
        if consumers:
            label = "Approvers" if subject == "metric" else "Consumers"
            facts.append(f"{label}: {', '.join(cell(c) for c in consumers)}")
        channel = next((a.channel for a in items if a.channel), None)
        if channel:
            facts.append(f"Announce in: {cell(channel)}")
        if facts:
            lines += [" · ".join(facts), ""]
        lines += [
            "| change | element | verdict | what | notice |",
            "| --- | --- | --- | --- | --- |",
        ]
        for a in items:
            what = a.change.detail
            if a.metrics:
                what += f" (read by metrics: {', '.join(a.metrics)})"
            lines.append(
                f"| {a.change.change} | `{cell(a.change.element)}` | {_verdict(a)} | "
                f"{cell(what)} | {cell(a.reason)} |"
            )
        lines.append("")
    return "\n".join(lines)


def lint(findings: list[Finding], *, files: int, documents: int, rules: int) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    lines = ["## govern lint", ""]
    scope = f"{files} files, {documents} documents, {rules} rules"
    if not findings:
        return "\n".join([*lines, f"No findings ({scope}).", ""])
    lines += [
        f"**{errors} errors, {warnings} warnings, {len(findings) - errors - warnings} infos** "
        f"({scope}).",
        "",
        "| file | line | severity | rule | message |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in findings:
        lines.append(
            f"| `{cell(f.path)}` | {f.location.line}:{f.location.column} | {f.severity.value} | "
            f"{f.rule} {f.name} | {cell(f.message)} |"
        )
    return "\n".join([*lines, ""])
