"""GitHub Actions workflow commands: annotations on the pull request's diff.

Escaping follows GitHub's toolkit (``@actions/core`` ``escapeData`` and
``escapeProperty``): ``%``, CR and LF in messages, and also ``:`` and ``,`` in
properties, so that text from a contract can never start a workflow command
of its own (``\\n::set-env ...``). The runner also splits lines where the
toolkit does not look: other control characters, NEL, U+2028 and lone
surrogates are shown as escapes (``escape.control_keep_lines``) first.

The plain log lines before the annotations are no commands either: the
runner reads ``::`` at the start of any line (after spaces) and the legacy
``##[command]`` anywhere in one. A line starts with a path or an id escaped
as a property (no ``:`` left), and ``##[`` is written ``##%5B``.

GitHub shows at most 10 annotations of each type per step; beyond that, the
last annotation says how many more there are and the job summary lists them
all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govern.findings import Finding, Severity
from govern.reporters.escape import control_keep_lines

if TYPE_CHECKING:
    from govern.changes.report import Report

LIMIT = 10  # annotations of one type that GitHub shows per step
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """``escapeData`` of ``@actions/core``, after other control characters are made visible."""
    text = control_keep_lines(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """``escapeProperty`` of ``@actions/core``: also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _log(line: str) -> str:
    """A plain log line: no legacy ``##[command]`` anywhere in it."""
    return line.replace("##[", "##%5B")


@dataclass(frozen=True)
class Annotation:
    kind: str  # error | warning | notice
    message: str
    title: str
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def command(self) -> str:
        props = []
        if self.path:
            props.append(f"file={escape_property(self.path)}")
            if self.line:
                props.append(f"line={self.line}")
            if self.column:
                props.append(f"col={self.column}")
        props.append(f"title={escape_property(self.title)}")
        return f"::{self.kind} {','.join(props)}::{escape_data(self.message)}"


def limited(annotations: Iterable[Annotation], *, summary: bool) -> list[str]:
    """At most ``LIMIT`` commands of each kind; the last one says what was left out."""
    by_kind: dict[str, list[Annotation]] = {}
    for a in annotations:
        by_kind.setdefault(a.kind, []).append(a)
    out: list[str] = []
    for kind, items in by_kind.items():
        if len(items) <= LIMIT:
            out += [a.command() for a in items]
            continue
        out += [a.command() for a in items[: LIMIT - 1]]
        rest = len(items) - (LIMIT - 1)
        where = "the job summary" if summary else "the log above"
        out.append(
            Annotation(
                kind,
                f"{rest} more {kind} annotations are not shown here: see {where}.",
                f"govern: {rest} more",
            ).command()
        )
    return out


def lint(findings: list[Finding], *, summary: bool) -> str:
    """The log lines (every finding) followed by the annotations."""
    lines = [
        _log(
            f"{escape_property(f.path)}:{f.location.line}:{f.location.column}: "
            f"{f.severity.value} {f.rule} [{f.name}] {escape_data(f.message)}"
        )
        for f in findings
    ]
    annotations = (
        Annotation(
            _COMMAND[f.severity],
            f.message,
            f"{f.rule} {f.name}",
            f.path,
            f.location.line,
            f.location.column,
        )
        for f in findings
    )
    lines += limited(annotations, summary=summary)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    lines.append(f"govern lint: {len(findings)} findings, {errors} errors")
    return "\n".join(lines)


def changes(report: Report, *, summary: bool) -> str:
    lines: list[str] = []
    annotations = []
    for a in report.changes:
        if a.verdict == "breaking":
            kind = "notice" if a.allowed else "error"
        else:
            kind = "warning" if a.verdict == "warning" else "notice"
        if a.verdict == "info":
            continue  # an addition or a description is no reason to annotate a diff
        state = ("allowed" if a.allowed else "refused") if a.verdict == "breaking" else a.verdict
        message = f"{a.change.detail} ({a.change.change}, {state}). {a.reason}".strip()
        lines.append(
            _log(
                f"{escape_property(a.path or a.change.id)}:{a.line}: {state} {a.change.change} "
                f"{escape_data(a.change.element)}: {escape_data(message)}"
            )
        )
        # A removed contract's file is gone from the head: annotate without a file.
        annotations.append(
            Annotation(
                kind,
                message,
                f"{a.change.change} {a.change.id}",
                a.path or None,
                a.line if a.path else None,
            )
        )
    lines += limited(annotations, summary=summary)
    lines.append(
        f"govern breaking: {len(report.refused)} refused of "
        f"{sum(1 for a in report.changes if a.verdict == 'breaking')} breaking changes"
    )
    return "\n".join(lines)
