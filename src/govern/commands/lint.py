"""``govern lint [PATHS...]``: validate every governed file and the references
between them. Exit 0 clean, 1 findings at or above ``--fail-on``."""

from __future__ import annotations

from govern.findings import Severity
from govern.project import Project
from govern.repo import relative_paths


def run(
    *, repo: str | None, paths: list[str], fmt: str | None, fail_on: str | None, color: bool,
    against: str | None = None,
) -> int:  # fmt: skip
    from govern.engine import lint
    from govern.reporters import default_format

    project = Project.open(repo, against=against, color=color)
    only = relative_paths(project.root, paths) if paths else None
    result = lint(project.root, project.config, only)
    threshold = Severity(fail_on or project.config.fail_on)
    fmt = default_format(fmt)
    if result.files == 0 and not paths:  # (the repository was read by lint, not by Project)
        project.say("warning", f"{project.no_files_hint()} (`govern init` creates a repository)")
    from govern.reporters.emit import emit

    emit("lint", result, fmt, color=color)
    failing = any(f.severity.rank >= threshold.rank for f in result.findings)
    return 1 if failing else 0
