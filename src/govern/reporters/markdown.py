"""Markdown: an announcement of changes ready for a contract's channel, and
job summaries. Every string from a file goes through ``escape.md_text``,
``md_code`` or ``md_message`` (see there): a name cannot close its code span,
start a link, an image or HTML, or break a table row."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from govern.findings import Finding, Severity
from govern.reporters.escape import md_code, md_message, md_text

if TYPE_CHECKING:
    from govern.changes.report import Assessed, Report


def _verdict(a: Assessed) -> str:
    if a.verdict != "breaking":
        return a.verdict
    return "breaking, allowed" if a.allowed else "**breaking, refused**"


def changes(report: Report) -> str:
    lines = [
        f"## Data contract changes: {md_code(report.base_name, table=False)} → "
        f"{md_text(report.head_name)}",
        "",
    ]
    if not report.changes:
        return "\n".join([*lines, "No changes to contracts or metrics.", ""])
    key = lambda a: (a.change.subject, a.change.id)  # noqa: E731
    for (subject, ident), group in groupby(sorted(report.changes, key=key), key=key):
        items = list(group)
        lines.append(f"### {subject} {md_code(ident, table=False)}")
        lines.append("")
        facts = []
        consumers = sorted({c for a in items for c in a.consumers})
        if consumers:
            label = "Approvers" if subject == "metric" else "Consumers"
            facts.append(f"{label}: {', '.join(md_text(c) for c in consumers)}")
        channel = next((a.channel for a in items if a.channel), None)
        if channel:
            facts.append(f"Announce in: {md_text(channel)}")
        if facts:
            lines += [" · ".join(facts), ""]
        lines += [
            "| change | element | verdict | what | notice |",
            "| --- | --- | --- | --- | --- |",
        ]
        for a in items:
            what = md_message(a.change.detail)
            if a.metrics:
                what += f" (read by metrics: {', '.join(md_text(m) for m in a.metrics)})"
            lines.append(
                f"| {a.change.change} | {md_code(a.change.element)} | {_verdict(a)} | "
                f"{what} | {md_message(a.reason)} |"
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
            f"| {md_code(f.path)} | {f.location.line}:{f.location.column} | {f.severity.value} | "
            f"{f.rule} {f.name} | {md_message(f.message)} |"
        )
    return "\n".join([*lines, ""])
