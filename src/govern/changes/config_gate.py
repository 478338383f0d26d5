"""The configuration a branch is held to, and its own changes.

`govern breaking` reads the configuration of both revisions: the base
branch's is the floor (govern/floor.py) for reading and judging both, and
every key the branch relaxes is a ``config-relaxed`` change that needs notice
on the base branch (a ``notices:`` entry in its govern.yaml) or a waiver, like
a contract's breaking change (docs/security.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from govern.config import CONFIG_FILE, Config, ConfigError, LoadedConfig, load_from
from govern.floor import ConfigChange, config_changes, floor
from govern.git import Repo

from . import policy
from .compare import Change


@dataclass(frozen=True)
class Held:
    config: Config  # what both revisions are read and judged with
    base: LoadedConfig | None  # None: the base's configuration does not load
    head: LoadedConfig
    head_text: Callable[[str], bytes | None]  # reads a file of the head revision
    changes: list[Change]


def _default_severity(code: str) -> str:
    from govern.rules import REGISTRY

    return REGISTRY[code].severity.value


def held_to(
    repo: Repo, base: str, head: LoadedConfig, head_read: Callable[[str], bytes | None]
) -> Held:
    """The branch's configuration ``head`` held to the base commit's."""
    from govern.rules import resolve

    try:
        # Repo.blob reads paths relative to the governance root (its prefix in
        # a larger git repository is added there).
        base_loaded = load_from(lambda name: repo.blob(f"{base}:{name}"), resolve)
    except ConfigError:
        # The protected branch's own configuration does not load: there is no
        # floor to hold to (lint on the base branch already fails on it).
        return Held(head.config, None, head, head_read, [])
    held = floor(head.config, base_loaded.config, _default_severity)
    source = head.source or base_loaded.source or CONFIG_FILE
    changes = [
        Change("config", source, c.element, c.change, c.detail)
        for c in config_changes(base_loaded.config, head.config, _default_severity)
    ]
    return Held(held, base_loaded, head, head_read, changes)


def line_of(held: Held, change: Change) -> tuple[str, int]:
    """Where the relaxed key is written: in the head's file, or the base's
    when the branch removed it (then line 1 of the head's, if any)."""
    path = held.head.source or (held.base.source if held.base else None) or CONFIG_FILE
    raw = held.head_text(path) if held.head.source else None
    if raw is None:
        return path, 1
    text = raw.decode("utf-8", "replace")
    keys = change.element.split(".")[1:]
    # The deepest key of the element that the file writes: `exclude:`, or
    # `GOV101:` under `rules:`. A line search is enough to point at it, in
    # YAML and TOML alike.
    best = 1
    start = 0
    lines = text.splitlines()
    for key in keys:
        for i in range(start, len(lines)):
            stripped = lines[i].lstrip().lstrip("[").lstrip('"')
            if stripped.startswith((f"{key}:", f"{key} =", f"{key}=", f'{key}"', f"{key}]")):
                best, start = i + 1, i + 1
                break
        else:
            break
    return path, best


def decide(
    held: Held, change: Change, *, history: policy.History, base_sha: str, against: str,
    now: dt.datetime, fetch_hint: Callable[[dt.date], str],
) -> policy.Decision:  # fmt: skip
    """May this relaxation of the configuration land? Like any breaking change:
    a notice on the base branch's configuration old enough, or a waiver in the
    branch's with a reason and at least one approver."""
    waivers = list(held.head.config.waivers)
    if held.base is not None:
        waivers += held.base.config.waivers
    for w in waivers:
        if w.element == change.element and w.change == change.change and not w.approved_by:
            days = held.config.notice_days
            notice = policy.Notice(
                "missing", None, None, days, now.date() + dt.timedelta(days=days)
            )
            return policy.Decision(False, notice, w, "The waiver for it names no `approved_by`.")
    base_path = held.base.source if held.base is not None and held.base.source else CONFIG_FILE
    return policy.decide(
        change,
        history=history,
        base_sha=base_sha,
        base_path=base_path,
        base_name=against,
        required_days=held.config.notice_days,
        waivers=waivers,
        consumers=[],
        now=now,
        fetch_hint=fetch_hint,
    )


__all__ = ["ConfigChange", "Held", "decide", "held_to", "line_of"]
