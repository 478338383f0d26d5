"""The base branch's configuration as the floor of a branch's.

A pull request carries its own ``govern.yaml`` (or ``[tool.govern]``), and
that file decides what is governed and how it is judged. Read alone, it would
let a branch switch off the check that judges it: exclude the contract it
breaks, narrow ``paths``, lower ``max_file_size`` under the contract's size,
turn a rule off. So the configuration a branch is held to is its own, never
looser than the base branch's, key by key (:func:`floor`), and every key the
branch loosens or tightens is a change of its own (:func:`config_changes`):
``config-relaxed`` (breaking by default, so it needs notice or a waiver like
any other) or ``config-tightened`` (info). docs/security.md has the table.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from govern.config import Config, RuleSetting

# Severities from the least to the most strict; "off" below them all.
_SEVERITY_RANK = {"off": 0, "info": 1, "warning": 2, "error": 3}
_VERDICT_RANK = {"info": 0, "warning": 1, "breaking": 2}
# fail_on: failing on info findings is the strictest.
_FAIL_ON_RANK = {"error": 0, "warning": 1, "info": 2}

DefaultSeverity = Callable[[str], str]


@dataclass(frozen=True)
class ConfigChange:
    element: str  # config.<key path>: config.exclude, config.rules.GOV101.severity
    change: str  # config-relaxed | config-tightened
    detail: str  # for people: "adds the exclude glob `contracts/legacy/**`"


def _within(path: str, parent: str) -> bool:
    path, parent = posixpath.normpath(path), posixpath.normpath(parent)
    return parent in (".", "") or path == parent or path.startswith(parent.rstrip("/") + "/")


def _count(n: int, unit: str) -> str:
    return f"{n:,} {unit}{'' if n == 1 else 's'}"


def _severity(setting: RuleSetting | None, code: str, default: DefaultSeverity) -> str:
    if setting is None or setting.severity is None:
        return default(code)
    return setting.severity


def floor(head: Config, base: Config, default_severity: DefaultSeverity) -> Config:
    """``head``, but never looser than ``base`` on any key that decides what is
    governed or how it is judged."""
    rules: dict[str, RuleSetting] = {}
    for code in sorted(set(head.rules) | set(base.rules)):
        h, b = head.rules.get(code), base.rules.get(code)
        hs, bs = _severity(h, code, default_severity), _severity(b, code, default_severity)
        severity = hs if _SEVERITY_RANK[hs] >= _SEVERITY_RANK[bs] else bs
        # An ignore glob counts only where both sides ignore: the branch may
        # drop one of the base's, never add its own.
        ignore = [g for g in (h.ignore if h else []) if g in (b.ignore if b else [])]
        rules[code] = RuleSetting(severity=severity, ignore=ignore)  # type: ignore[arg-type]

    verdicts = dict(head.breaking.severities)
    from govern.model.kinds import DEFAULT_VERDICTS

    for kind, default in DEFAULT_VERDICTS.items():
        hv = head.breaking.severities.get(kind, default)
        bv = base.breaking.severities.get(kind, default)
        if _VERDICT_RANK[bv] > _VERDICT_RANK[hv]:
            verdicts[kind] = bv

    from govern.values import parse_duration

    layers = dict(head.layers)
    for name, limit in base.layers.items():
        mine = layers.get(name)
        base_limit, own = parse_duration(limit), parse_duration(mine) if mine else None
        if own is None or (base_limit is not None and base_limit < own):
            layers[name] = limit

    thresholds = dict(head.coverage.thresholds)
    for measure, least in base.coverage.thresholds.items():
        thresholds[measure] = max(thresholds.get(measure, 0.0), least)

    fail_on = head.fail_on
    if _FAIL_ON_RANK[base.fail_on] > _FAIL_ON_RANK[head.fail_on]:
        fail_on = base.fail_on

    held = head.model_copy(
        update={
            "notice_days": max(head.notice_days, base.notice_days),
            "fail_on": fail_on,
            "max_file_size": max(head.max_file_size, base.max_file_size),
            "exclude": [g for g in head.exclude if g in base.exclude],
            "rules": rules,
            "layers": layers,
            "categorical_suffixes": list(
                dict.fromkeys([*head.categorical_suffixes, *base.categorical_suffixes])
            ),
            "breaking": head.breaking.model_copy(update={"severities": verdicts}),
            "coverage": head.coverage.model_copy(update={"thresholds": thresholds}),
            "dbt": head.dbt or base.dbt,
        }
    )
    # A directory governed on the base stays governed, wherever the branch
    # moved `paths` to: both are read, on both revisions.
    return held.governing_also([d for d in base.governed_dirs() if d not in held.governed_dirs()])


def config_changes(
    base: Config, head: Config, default_severity: DefaultSeverity
) -> list[ConfigChange]:
    """Every key of the configuration the branch loosens or tightens."""
    return list(_changes(base, head, default_severity))


def _changes(base: Config, head: Config, default: DefaultSeverity) -> Iterator[ConfigChange]:
    relaxed, tightened = "config-relaxed", "config-tightened"

    for kind in ("contracts", "metrics", "ownership"):
        was, now = getattr(base.paths, kind), getattr(head.paths, kind)
        if posixpath.normpath(was) != posixpath.normpath(now):
            # A wider directory still governs every file the old one did.
            verdict = tightened if _within(was, now) else relaxed
            yield ConfigChange(f"config.paths.{kind}", verdict, f"`{was}` -> `{now}`")

    for glob in head.exclude:
        if glob not in base.exclude:
            yield ConfigChange("config.exclude", relaxed, f"adds the exclude glob `{glob}`")
    for glob in base.exclude:
        if glob not in head.exclude:
            yield ConfigChange("config.exclude", tightened, f"drops the exclude glob `{glob}`")

    for key, unit in (("notice_days", "day"), ("max_file_size", "byte")):
        was_n, now_n = getattr(base, key), getattr(head, key)
        if now_n != was_n:
            verdict = relaxed if now_n < was_n else tightened
            detail = f"{_count(was_n, unit)} -> {_count(now_n, unit)}"
            yield ConfigChange(f"config.{key}", verdict, detail)

    if head.fail_on != base.fail_on:
        verdict = (
            relaxed if _FAIL_ON_RANK[head.fail_on] < _FAIL_ON_RANK[base.fail_on] else tightened
        )
        yield ConfigChange("config.fail_on", verdict, f"`{base.fail_on}` -> `{head.fail_on}`")

    for code in sorted(set(head.rules) | set(base.rules)):
        h, b = head.rules.get(code), base.rules.get(code)
        hs, bs = _severity(h, code, default), _severity(b, code, default)
        if hs != bs:
            verdict = relaxed if _SEVERITY_RANK[hs] < _SEVERITY_RANK[bs] else tightened
            yield ConfigChange(f"config.rules.{code}.severity", verdict, f"{code} {bs} -> {hs}")
        for glob in h.ignore if h else []:
            if glob not in (b.ignore if b else []):
                yield ConfigChange(
                    f"config.rules.{code}.ignore", relaxed, f"{code} ignored in `{glob}`"
                )
        for glob in b.ignore if b else []:
            if glob not in (h.ignore if h else []):
                yield ConfigChange(
                    f"config.rules.{code}.ignore",
                    tightened,
                    f"{code} no longer ignored in `{glob}`",
                )

    from govern.model.kinds import DEFAULT_VERDICTS

    for kind in sorted(set(head.breaking.severities) | set(base.breaking.severities)):
        d = DEFAULT_VERDICTS.get(kind, "breaking")
        hv, bv = head.breaking.severities.get(kind, d), base.breaking.severities.get(kind, d)
        if hv != bv:
            verdict = relaxed if _VERDICT_RANK[hv] < _VERDICT_RANK[bv] else tightened
            yield ConfigChange(
                f"config.breaking.severities.{kind}", verdict, f"{kind} {bv} -> {hv}"
            )

    from govern.values import parse_duration

    for name in sorted(set(head.layers) | set(base.layers)):
        was_l, now_l = base.layers.get(name), head.layers.get(name)
        if was_l == now_l:
            continue
        was_d, now_d = parse_duration(was_l or ""), parse_duration(now_l or "")
        if now_l is None:
            yield ConfigChange(f"config.layers.{name}", relaxed, f"layer `{name}` dropped")
        elif was_l is None or (was_d is not None and now_d is not None and now_d < was_d):
            yield ConfigChange(f"config.layers.{name}", tightened, f"`{was_l}` -> `{now_l}`")
        elif was_d is not None and now_d is not None and now_d > was_d:
            yield ConfigChange(f"config.layers.{name}", relaxed, f"`{was_l}` -> `{now_l}`")

    for suffix in base.categorical_suffixes:
        if suffix not in head.categorical_suffixes:
            yield ConfigChange(
                "config.categorical_suffixes", relaxed, f"drops the suffix `{suffix}`"
            )
    for suffix in head.categorical_suffixes:
        if suffix not in base.categorical_suffixes:
            yield ConfigChange(
                "config.categorical_suffixes", tightened, f"adds the suffix `{suffix}`"
            )

    measures = set(head.coverage.thresholds) | set(base.coverage.thresholds)
    for measure in sorted(measures):
        was_t = base.coverage.thresholds.get(measure, 0.0)
        now_t = head.coverage.thresholds.get(measure, 0.0)
        if now_t != was_t:
            verdict = relaxed if now_t < was_t else tightened
            yield ConfigChange(
                f"config.coverage.thresholds.{measure}", verdict, f"{was_t:g}% -> {now_t:g}%"
            )
