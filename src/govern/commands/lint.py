"""``govern lint [PATHS...]``: validate every governed file and the references
between them. Exit 0 clean, 1 findings at or above ``--fail-on``."""

from __future__ import annotations

from govern import config as config_mod
from govern.findings import Severity
from govern.repo import find_root, relative_paths


def run(
    *, repo: str | None, paths: list[str], fmt: str | None, fail_on: str | None, color: bool,
    against: str | None = None,
) -> int:  # fmt: skip
    from govern.engine import governed_dirs, lint
    from govern.reporters import default_format, summary
    from govern.rules import resolve

    root = find_root(repo)
    loaded = config_mod.load(root, resolve)
    config = _held_to_base(root, loaded, against, color)
    only = relative_paths(root, paths) if paths else None
    result = lint(root, config, only)
    threshold = Severity(fail_on or config.fail_on)
    fmt = default_format(fmt)
    if result.files == 0 and not paths:
        from govern.reporters.text import error_line

        dirs = ", ".join(f"{d}/" for d in governed_dirs(config))
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


def _held_to_base(
    root: str, loaded: config_mod.LoadedConfig, against: str | None, color: bool
) -> config_mod.Config:
    """In a pull request, the branch's configuration never looser than its
    base branch's (docs/security.md): a branch must not switch off the rules
    that judge it. The base is ``--against``, or the pull request's base
    branch in GitHub Actions; elsewhere (a laptop, a pre-commit hook) the
    working tree's configuration is used as it is, with no git process."""
    import os

    from govern.reporters.text import error_line

    ref = against
    if ref is None and os.environ.get("GITHUB_BASE_REF"):
        ref = f"origin/{os.environ['GITHUB_BASE_REF']}"
    if ref is None:
        return loaded.config
    from govern.config import ConfigError, load_from
    from govern.floor import config_changes, floor
    from govern.git import GitError, Repo
    from govern.rules import REGISTRY, resolve

    try:
        with Repo(root) as repo:
            base = repo.merge_base(repo.resolve(ref), repo.resolve("HEAD"))
            base_config = load_from(lambda name: repo.blob(f"{base}:{name}"), resolve).config
    except (GitError, ConfigError) as exc:
        if against is not None:
            raise  # asked for by name: a usage error (exit 2)
        error_line(
            f"the base branch's configuration could not be read ({exc}): this run is judged "
            "by the branch's own configuration; fetch the base branch (docs/ci.md)",
            color=color,
            label="warning",
        )
        return loaded.config

    def default(code: str) -> str:
        return REGISTRY[code].severity.value

    for change in config_changes(base_config, loaded.config, default):
        if change.change == "config-relaxed":
            error_line(
                f"{loaded.source or 'the configuration'}: `{change.element}` is looser than on "
                f"{ref} ({change.detail}): held to {ref}'s",
                color=color,
                label="note",
            )
    return floor(loaded.config, base_config, default)
