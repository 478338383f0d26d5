"""The lint engine: read files, build the catalog, run the rules, and turn
problems into findings with the configured severity and suppressions.

This is the one place that knows about configuration of rules: a rule only
yields problems (STYLE.md: yamllint's ``problem.level = rule_conf['level']``).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass

from govern.catalog import Catalog
from govern.config import Config
from govern.findings import Finding, Location, Problem, Severity
from govern.load import files
from govern.load.documents import Suppression, load_text, recover_ids, suppressions
from govern.load.yamlpos import middle_cut
from govern.rules import REGISTRY, Rule
from govern.rules.base import Context

# What one run reports, whatever the files hold (docs/security.md): a message
# is at most MAX_MESSAGE characters (a longer one keeps its start and end),
# and one rule reports at most MAX_PER_RULE findings in one file, then one
# finding that says how many more it left out. Output stays proportional to
# the number of files, not to what aliases or a million fields expand to.
MAX_MESSAGE = 1_000
MAX_PER_RULE = 200


@dataclass(frozen=True)
class LintResult:
    findings: list[Finding]
    files: int  # files read
    documents: int  # documents understood
    rules: int  # rules that ran
    catalog: Catalog


@dataclass(frozen=True)
class Loaded:
    catalog: Catalog
    problems: list[Problem]
    suppressions: dict[str, list[Suppression]]
    files: int


def governed_dirs(config: Config) -> list[str]:
    return config.governed_dirs()


def load_repository(root: str, config: Config, extra: Iterable[str] = ()) -> Loaded:
    """Read every governed file (plus ``extra`` paths) into a catalog."""
    discovered = files.discover(root, governed_dirs(config), config.exclude)
    paths = list(discovered.paths)
    seen = set(paths)
    paths += [p for p in extra if p not in seen]
    catalog = Catalog()
    problems: list[Problem] = list(discovered.problems)
    marks: dict[str, list[Suppression]] = {}
    for path in paths:
        source = files.read(root, path, max_size=config.max_file_size)
        problems.extend(source.problems)
        if source.text is None:
            continue
        loaded = load_text(path, source.text)
        problems.extend(loaded.problems)
        if loaded.document is not None:
            catalog.add(loaded.document)
            marks[path] = loaded.document.suppressions
        else:
            marks[path] = suppressions(source.text)
            catalog.broken_ids.update(recover_ids(source.text))
    return Loaded(catalog, problems, marks, len(paths))


def lint(root: str, config: Config, only: Iterable[str] | None = None) -> LintResult:
    """Lint the repository at ``root``.

    With ``only`` (the files a pre-commit hook passes), report the findings of
    those files, plus broken references anywhere: a change to one file can
    break another (renaming a team orphans every contract it owns), and the
    commit that does so is the one to stop. ``exclude`` applies to ``only`` too.
    References always resolve against the whole repository."""
    wanted = None
    if only is not None:
        wanted = {p for p in only if not any(fnmatch.fnmatch(p, g) for g in config.exclude)}
    loaded = load_repository(root, config, extra=sorted(wanted or ()))
    context = Context(loaded.catalog, config)
    enabled = [r for r in REGISTRY.values() if _severity(r, config) is not None]
    problems = list(loaded.problems)
    for r in enabled:
        if r.check is not None:
            problems.extend(
                Problem(p.location, middle_cut(p.message, MAX_MESSAGE), r.code)
                for p in r.check(context)
            )
    findings = _apply(problems, config, loaded.suppressions)
    if wanted is not None:
        findings = [
            f for f in findings if f.path in wanted or REGISTRY[f.rule].family == "references"
        ]
    findings.sort(key=Finding.sort_key)
    findings = capped(findings)
    return LintResult(
        findings=findings,
        files=len(wanted) if wanted is not None else loaded.files,
        documents=len(loaded.catalog.documents),
        rules=len(enabled),
        catalog=loaded.catalog,
    )


def capped(findings: list[Finding]) -> list[Finding]:
    """At most MAX_PER_RULE findings of one rule in one file (the first by
    position), then one finding of that rule, at the first one left out, that
    says how many were. A rule has one severity, so the exit code is the same."""
    kept: list[Finding] = []
    counts: dict[tuple[str, str], int] = {}
    first_left: dict[tuple[str, str], Finding] = {}
    for f in findings:
        key = (f.path, f.rule)
        n = counts[key] = counts.get(key, 0) + 1
        if n <= MAX_PER_RULE:
            kept.append(f)
        elif n == MAX_PER_RULE + 1:
            first_left[key] = f
    if not first_left:
        return findings
    for key, f in first_left.items():
        more = counts[key] - MAX_PER_RULE
        message = (
            f"{more:,} more {f.rule} finding{'s' if more != 1 else ''} in this file left out, "
            f"from here on: govern reports at most {MAX_PER_RULE} of one rule per file"
        )
        kept.append(Finding(f.rule, f.name, f.severity, f.location, message))
    kept.sort(key=Finding.sort_key)
    return kept


def _severity(r: Rule, config: Config) -> Severity | None:
    setting = config.rules.get(r.code)
    if setting is None or setting.severity is None:
        return r.severity
    if setting.severity == "off":
        return None
    return Severity(setting.severity)


def _apply(
    problems: list[Problem],
    config: Config,
    marks: dict[str, list[Suppression]],
) -> list[Finding]:
    by_line: dict[tuple[str, int], list[Suppression]] = {}
    for path, sups in marks.items():
        for s in sups:
            by_line.setdefault((path, s.target), []).append(s)
    used: set[tuple[str, int, str]] = set()
    findings: list[Finding] = []
    for p in problems:
        code = p.code
        assert code is not None, "the engine stamps rule problems before this point"
        r = REGISTRY[code]
        severity = _severity(r, config)
        if severity is None:
            continue
        setting = config.rules.get(code)
        if setting and any(fnmatch.fnmatch(p.location.path, g) for g in setting.ignore):
            continue
        silenced = False
        for s in by_line.get((p.location.path, p.location.line), []):
            if code in s.codes or r.name in s.codes:
                used.add((p.location.path, s.line, code if code in s.codes else r.name))
                silenced = True
        if not silenced:
            message = middle_cut(p.message, MAX_MESSAGE)
            findings.append(Finding(code, r.name, severity, p.location, message))
    findings.extend(_suppression_findings(marks, used, config))
    return findings


def _suppression_findings(
    marks: dict[str, list[Suppression]], used: set[tuple[str, int, str]], config: Config
) -> list[Finding]:
    from govern.rules import resolve

    out: list[Finding] = []
    for path, sups in marks.items():
        for s in sups:
            if not s.codes:
                out += _stamp(
                    "GOV015",
                    config,
                    Location(path, s.line, s.column),
                    "`# govern: ignore[...]` names no rule code",
                )
            for c in s.codes:
                where = Location(path, s.line, s.column)
                if resolve(c) is None:
                    out += _stamp(
                        "GOV015", config, where, f"unknown rule {c!r} in a suppression comment"
                    )
                elif (path, s.line, c) not in used:
                    out += _stamp(
                        "GOV014",
                        config,
                        where,
                        f"unused suppression: {c} reports nothing on line {s.target}",
                    )
    return out


def _stamp(code: str, config: Config, where: Location, message: str) -> list[Finding]:
    r = REGISTRY[code]
    severity = _severity(r, config)
    setting = config.rules.get(code)
    if severity is None or (
        setting and any(fnmatch.fnmatch(where.path, g) for g in setting.ignore)
    ):
        return []
    return [Finding(code, r.name, severity, where, message)]
