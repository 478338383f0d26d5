"""``govern lint [PATHS...]``: validate every governed file and the references
between them. Exit 0 clean, 1 findings at or above ``--fail-on``."""

from __future__ import annotations

from govern import config as config_mod
from govern.findings import Severity
from govern.repo import find_root, relative_paths


def run(
    *, repo: str | None, paths: list[str], fmt: str | None, fail_on: str | None, color: bool
) -> int:
    from govern.engine import governed_dirs, lint
    from govern.reporters import default_format, summary
    from govern.rules import resolve

    root = find_root(repo)
    loaded = config_mod.load(root, resolve)
    only = relative_paths(root, paths) if paths else None
    result = lint(root, loaded.config, only)
    threshold = Severity(fail_on or loaded.config.fail_on)
    fmt = default_format(fmt)
    if result.files == 0 and not paths:
        from govern.reporters.text import error_line

        dirs = ", ".join(f"{d}/" for d in governed_dirs(loaded.config))
        error_line(
            f"no governed YAML files under {dirs} in {root} (`govern init` creates a repository)",
            color=color,
            label="warning",
        )
    counts = {"files": result.files, "documents": result.documents, "rules": result.rules}
    if fmt == "json":
        from govern.reporters import json_report

        print(json_report.lint(result.findings, **counts))
    elif fmt == "sarif":
        from govern.reporters import sarif

        print(sarif.lint(result.findings))
    elif fmt == "markdown":
        from govern.reporters import markdown

        print(markdown.lint(result.findings, **counts), end="")
    elif fmt == "github":
        from govern.reporters import github

        print(github.lint(result.findings, summary=summary.enabled()))
    else:
        from govern.reporters import text

        text.lint(result.findings, **counts, color=color)
    if summary.enabled():
        from govern.reporters import markdown

        summary.append(markdown.lint(result.findings, **counts))
    failing = any(f.severity.rank >= threshold.rank for f in result.findings)
    return 1 if failing else 0
