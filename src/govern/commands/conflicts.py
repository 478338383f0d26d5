"""``govern conflicts``: metric definitions that contradict each other, duplicate
formulas, contracts claiming one dataset or event, assets with different owners,
RACI activities defined twice (docs/conflicts.md). Exit 0 none, 1 some (a
duplicate formula alone is a warning: exit 0)."""

from __future__ import annotations

from govern import config as config_mod
from govern.repo import find_root


def run(*, repo: str | None, fmt: str, dbt_project_option: str | None = None, color: bool) -> int:
    from govern.engine import governed_dirs, load_repository
    from govern.reporters import conflicts as reporter
    from govern.reports.conflicts import conflicts
    from govern.rules import resolve

    root = find_root(repo)
    loaded = config_mod.load(root, resolve)
    repository = load_repository(root, loaded.config)
    if repository.files == 0:
        from govern.reporters.text import error_line

        dirs = ", ".join(f"{d}/" for d in governed_dirs(loaded.config))
        error_line(
            f"no governed YAML files under {dirs} in {root} (`govern init` creates a repository)",
            color=color,
            label="warning",
        )
    from govern.load.dbt.configured import read_configured

    repository.catalog.dbt, dbt_warnings = read_configured(root, loaded.config, dbt_project_option)
    if dbt_warnings:
        from govern.reporters.text import error_line

        for warning in dbt_warnings:
            error_line(warning, color=color, label="warning")
    report = conflicts(repository.catalog)
    if fmt == "json":
        print(reporter.json(report))
    elif fmt == "markdown":
        print(reporter.markdown(report))
    else:
        from govern.reporters.text import conflicts as text_report

        text_report.text(report, color=color)
    from govern.reporters import summary

    summary.append(reporter.markdown(report))  # in GitHub Actions: the job summary
    return 1 if report.errors else 0
