"""One way out: what each command's result looks like in each format.

``RENDERERS`` maps (result, format) to a function that returns the text to
print, or prints it itself (the Rich text reports); ``SUMMARIES`` maps a
result to the markdown appended to the GitHub Actions job summary. A command
computes its result and calls :func:`emit`; it knows no format. Every
renderer module is imported only when its format is asked for, so a run
loads one reporter (and Rich only for text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govern.changes.report import Report
    from govern.engine import LintResult
    from govern.reports.conflicts import ConflictReport
    from govern.reports.coverage import CoverageReport
    from govern.reports.owners import NotFound, OwnersReport


@dataclass(frozen=True)
class Options:
    color: bool
    details: bool = False  # coverage: every gap, not only the counts


Renderer = Callable[[Any, Options], "str | None"]


def _counts(r: LintResult) -> dict[str, int]:
    return {"files": r.files, "documents": r.documents, "rules": r.rules}


def _summary_on() -> bool:
    from govern.reporters import summary

    return summary.enabled()


# --- lint -------------------------------------------------------------------------------------


def _lint_text(r: LintResult, o: Options) -> None:
    from govern.reporters import text

    text.lint(r.findings, **_counts(r), color=o.color)


def _lint_json(r: LintResult, o: Options) -> str:
    from govern.reporters import json_report

    return json_report.lint(r.findings, **_counts(r)) + "\n"


def _lint_markdown(r: LintResult, o: Options) -> str:
    from govern.reporters import markdown

    return markdown.lint(r.findings, **_counts(r))


def _lint_github(r: LintResult, o: Options) -> str:
    from govern.reporters import github

    return github.lint(r.findings, summary=_summary_on()) + "\n"


def _lint_sarif(r: LintResult, o: Options) -> str:
    from govern.reporters import sarif

    return sarif.lint(r.findings) + "\n"


# --- breaking and diff --------------------------------------------------------------------------


def _changes_text(r: Report, o: Options) -> None:
    from govern.reporters import text

    text.changes(r, color=o.color)


def _changes_json(r: Report, o: Options) -> str:
    from govern.reporters import json_report

    return json_report.changes(r) + "\n"


def _changes_markdown(r: Report, o: Options) -> str:
    from govern.reporters import markdown

    return markdown.changes(r)


def _changes_github(r: Report, o: Options) -> str:
    from govern.reporters import github

    return github.changes(r, summary=_summary_on()) + "\n"


def _changes_sarif(r: Report, o: Options) -> str:
    from govern.reporters import sarif

    return sarif.changes(r) + "\n"


# --- coverage, conflicts, owners ----------------------------------------------------------------


def _coverage_text(r: CoverageReport, o: Options) -> None:
    from govern.reporters.text import coverage

    coverage.text(r, details=o.details, color=o.color)


def _coverage_json(r: CoverageReport, o: Options) -> str:
    from govern.reporters import coverage

    return coverage.to_json(r) + "\n"


def _coverage_markdown(r: CoverageReport, o: Options) -> str:
    from govern.reporters import coverage

    return coverage.markdown(r, details=o.details)


def _conflicts_text(r: ConflictReport, o: Options) -> None:
    from govern.reporters.text import conflicts

    conflicts.text(r, color=o.color)


def _conflicts_json(r: ConflictReport, o: Options) -> str:
    from govern.reporters import conflicts

    return conflicts.json(r) + "\n"


def _conflicts_markdown(r: ConflictReport, o: Options) -> str:
    from govern.reporters import conflicts

    return conflicts.markdown(r) + "\n"


def _owners_text(r: OwnersReport, o: Options) -> None:
    from govern.reporters.text import owners

    owners.text(r, color=o.color)


def _owners_json(r: OwnersReport, o: Options) -> str:
    from govern.reporters import owners

    return owners.to_json(r) + "\n"


def _owners_markdown(r: OwnersReport, o: Options) -> str:
    from govern.reporters import owners

    return owners.markdown(r)


def _not_found_text(r: NotFound, o: Options) -> None:
    from govern.reporters.text import owners

    owners.not_found(r, color=o.color)


def _not_found_json(r: NotFound, o: Options) -> str:
    from govern.reporters import owners

    return owners.not_found_json(r) + "\n"


RENDERERS: dict[tuple[str, str], Renderer] = {
    ("lint", "text"): _lint_text,
    ("lint", "json"): _lint_json,
    ("lint", "markdown"): _lint_markdown,
    ("lint", "github"): _lint_github,
    ("lint", "sarif"): _lint_sarif,
    ("changes", "text"): _changes_text,
    ("changes", "json"): _changes_json,
    ("changes", "markdown"): _changes_markdown,
    ("changes", "github"): _changes_github,
    ("changes", "sarif"): _changes_sarif,
    ("coverage", "text"): _coverage_text,
    ("coverage", "json"): _coverage_json,
    ("coverage", "markdown"): _coverage_markdown,
    ("conflicts", "text"): _conflicts_text,
    ("conflicts", "json"): _conflicts_json,
    ("conflicts", "markdown"): _conflicts_markdown,
    ("owners", "text"): _owners_text,
    ("owners", "json"): _owners_json,
    ("owners", "markdown"): _owners_markdown,
    ("not-found", "text"): _not_found_text,
    ("not-found", "json"): _not_found_json,
}


def _lint_summary(r: LintResult) -> str:
    from govern.reporters import markdown

    return markdown.lint(r.findings, **_counts(r))


def _changes_summary(r: Report) -> str:
    from govern.reporters import markdown

    return markdown.changes(r)


def _coverage_summary(r: CoverageReport) -> str:
    from govern.reporters import coverage

    return coverage.markdown(r, details=True)


def _conflicts_summary(r: ConflictReport) -> str:
    from govern.reporters import conflicts

    return conflicts.markdown(r)


# In GitHub Actions ($GITHUB_STEP_SUMMARY set), the markdown a reviewer reads.
SUMMARIES: dict[str, Callable[[Any], str]] = {
    "lint": _lint_summary,
    "changes": _changes_summary,
    "coverage": _coverage_summary,
    "conflicts": _conflicts_summary,
}


def formats(kind: str) -> list[str]:
    """The formats a result can be written in."""
    return [fmt for k, fmt in RENDERERS if k == kind]


def emit(kind: str, result: object, fmt: str, *, color: bool, details: bool = False) -> None:
    """Write ``result`` (of ``kind``: lint, changes, coverage, ...) in ``fmt``
    to stdout, and its job summary where GitHub Actions asks for one."""
    import sys

    renderer = RENDERERS.get((kind, fmt)) or RENDERERS[(kind, "text")]
    out = renderer(result, Options(color=color, details=details))
    if out is not None:
        sys.stdout.write(out)
    summarize = SUMMARIES.get(kind)
    if summarize is not None and _summary_on():
        from govern.reporters import summary

        summary.append(summarize(result))
