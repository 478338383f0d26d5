"""The notice policy (PRODUCT.md section 3): a breaking change to an element
may land when the element has carried a notice on the base branch,
continuously, since a commit at least ``notice_days`` old; the date is the
committer date of the oldest commit of the unbroken run of first-parent base
history that carries it, read from git (a date written in YAML could be
backdated; a commit on a protected branch cannot be added after the fact).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govern.config import CONFIG_SOURCES, Config
from govern.git import Commit, GitError, Repo
from govern.model.contract import Contract, Field_, Waiver
from govern.model.metric import Metric

from . import revision
from .compare import Change

Model = Contract | Metric


class ShallowHistory(GitError):
    """The history that decides a verdict is cut off by a shallow clone."""


@dataclass(frozen=True)
class Notice:
    status: str  # announced | too-recent | not-yet-effective | missing | waived
    announced: dt.date | None
    commit: str | None
    required_days: int
    earliest: dt.date | None


@dataclass(frozen=True)
class Announcement:
    commit: Commit  # the oldest commit of the unbroken run that carries the notice
    not_before: dt.date | None  # a `removal:` or `effective:` date in the notice
    proven_by_boundary: bool = False  # the run reaches a shallow clone's boundary


def carries(model: Any, element: str, kind: str) -> tuple[bool, dt.date | None]:
    """Whether ``model`` announces ``kind`` for ``element``, and the date it
    names (``removal:`` / ``effective:``), if any."""
    if not isinstance(model, (Contract, Metric, Config)):
        return False, None
    for n in model.notices:
        if n.element == element and n.change == kind:
            return True, n.effective
    if isinstance(model, Config):
        return False, None
    if element in ("contract", "metric"):
        if kind in ("contract-removed", "metric-removed") and model.deprecated is not None:
            return True, model.deprecated.removal
        return False, None
    if isinstance(model, Contract) and element.startswith("schema."):
        # `deprecated:` on the field, or on an object or array it belongs to.
        f: Field_ | None = None
        for part in element.split(".")[1:]:
            if part == "items" and f is not None and f.items is not None:
                f = f.items
            else:
                f = ((f.fields if f is not None else model.schema_) or {}).get(part)
            if f is None:
                break
            if f.deprecated is not None:
                return True, f.deprecated.removal
    return False, None


class History:
    """Reads what a contract or metric said on the first-parent history of
    the base branch. Only the commits that changed its file are read, so the
    cost grows with those commits, not with the history."""

    def __init__(self, repo: Repo, dirs: list[str]) -> None:
        self.repo = repo
        self.dirs = dirs
        self._models: dict[tuple[str, str, str], Any] = {}
        self._touching: dict[tuple[str, str], list[Commit]] = {}
        self._dates: dict[str, dt.datetime] = {}
        self._shallow: set[str] | None = None
        self._tips: dict[str, str | None] = {}
        self._entries: dict[tuple[str, str], str] = {}

    def model(self, sha: str, path: str, ident: str) -> Any:
        key = (sha, path, ident)
        if key not in self._models:
            if path == ident and path in CONFIG_SOURCES:  # the configuration's own notices
                self._models[key] = revision.config_at(self.repo, sha, path)
            else:
                self._models[key] = revision.contract_at(self.repo, sha, path, ident)
        return self._models[key]

    def touching(self, start: str, path: str) -> list[Commit]:
        key = (start, path)
        if key not in self._touching:
            self._touching[key] = self.repo.first_parent_touching(start, path)
        return self._touching[key]

    def tip(self, ref: str) -> str | None:
        """The commit the base branch's name points to (None if it names none)."""
        if ref not in self._tips:
            try:
                self._tips[ref] = self.repo.resolve(ref)
            except GitError:
                self._tips[ref] = None
        return self._tips[ref]

    def entry(self, base: str, tip: str) -> str:
        """Where ``base`` joined the first-parent history of ``tip`` (itself, or a merge)."""
        if (base, tip) not in self._entries:
            self._entries[base, tip] = self.repo.first_parent_entry(base, tip)
        return self._entries[base, tip]

    def dated(self, commit: Commit) -> dt.datetime:
        """When ``commit`` reached the base branch, at the earliest: its committer
        date, but never before an older commit of the branch (see
        :meth:`Repo.latest_time_up_to`)."""
        if commit.sha not in self._dates:
            self._dates[commit.sha] = max(commit.time, self.repo.latest_time_up_to(commit.sha))
        return self._dates[commit.sha]

    def on_tip(self, tip: str | None, path: str, ident: str, element: str, kind: str) -> bool:
        """Whether the base branch's tip already carries the notice."""
        if tip is None:
            return False
        there = path if self.model(tip, path, ident) is not None else self._find(tip, ident)
        return there is not None and carries(self.model(tip, there, ident), element, kind)[0]

    def shallow(self) -> set[str]:
        if self._shallow is None:
            self._shallow = self.repo.shallow_commits() if self.repo.is_shallow() else set()
        return self._shallow

    def announced(
        self, base: str, path: str, ident: str, element: str, kind: str, tip: str | None = None
    ) -> Announcement | None:
        """The announcement of ``kind`` for ``element`` that ``base`` (the merge
        base) carries, dated by the first-parent history of the base branch,
        whose head is ``tip``."""
        present, not_before = carries(self.model(base, path, ident), element, kind)
        if not present:
            return None
        oldest: Commit | None = None
        start, cur = base, path
        entry = self.entry(base, tip) if tip is not None else base
        if entry != base:
            # `base` is off the base branch's first-parent history: a branch
            # cut from a side branch (stacked pull requests) whose side branch
            # was merged since. What `base` carries reached the base branch
            # with that merge, so the notice counts from there, never from the
            # side branch's own commits.
            there = path if self.model(entry, path, ident) is not None else self._find(entry, ident)
            if there is None or not carries(self.model(entry, there, ident), element, kind)[0]:
                return None
            start, cur = entry, there
        while True:
            stopped = False
            for commit in self.touching(start, cur):
                ok, _ = carries(self.model(commit.sha, cur, ident), element, kind)
                if not ok:
                    stopped = True
                    break
                oldest = commit
            if oldest is None:  # pragma: no cover - the file exists at base, so it was added
                return None
            if stopped:
                return Announcement(oldest, not_before)
            parent = self.repo.first_parent_parent(oldest.sha)
            if parent is None:
                boundary = oldest.sha in self.shallow()
                return Announcement(oldest, not_before, proven_by_boundary=boundary)
            # The file appeared at `oldest`: was the contract moved there from
            # another file? Identity is the id, never the path.
            moved = self._find(parent, ident)
            if moved is None:
                return Announcement(oldest, not_before)
            ok, _ = carries(self.model(parent, moved, ident), element, kind)
            if not ok:
                return Announcement(oldest, not_before)
            start, cur = parent, moved

    def _find(self, sha: str, ident: str) -> str | None:
        """The one file that defines ``ident`` at ``sha``. Two files that do are
        no answer: neither is taken for the other (a copy carrying the notice
        must not date it), so the notice is followed no further back."""
        found = [
            path
            for path in self.repo.find_files(sha, ident, self.dirs)
            if self.model(sha, path, ident) is not None
        ]
        return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class Decision:
    allowed: bool
    notice: Notice
    waiver: Waiver | None
    reason: str


def decide(
    change: Change,
    *,
    history: History,
    base_sha: str,
    base_path: str,
    base_name: str,
    required_days: int,
    waivers: list[Waiver],
    consumers: list[str],
    now: dt.datetime,
    fetch_hint: Callable[[dt.date], str],
) -> Decision:
    """May this breaking change land?"""
    today = now.date()
    for w in waivers:
        if w.element == change.element and w.change == change.change:
            missing = [t for t in consumers if t not in w.approved_by]
            if missing or not (w.reason or "").strip():
                lack = (
                    f"the approval of {', '.join(f'`{t}`' for t in missing)}"
                    if missing
                    else "a reason"
                )
                notice = Notice("missing", None, None, required_days, _plus(today, required_days))
                return Decision(False, notice, w, f"The waiver for it lacks {lack}.")
            notice = Notice("waived", None, None, required_days, None)
            approved = ", ".join(w.approved_by) or "nobody"
            return Decision(True, notice, w, f"Waived: {w.reason} (approved by {approved}).")

    tip = history.tip(base_name)
    found = history.announced(base_sha, base_path, change.id, change.element, change.change, tip)
    if found is None:
        earliest = _plus(today, required_days)
        if history.on_tip(tip, base_path, change.id, change.element, change.change):
            reason = (
                f"{base_name} carries the notice, but this branch starts before it: merge or "
                f"rebase {base_name}, then the notice's age decides."
            )
            return Decision(False, Notice("missing", None, None, required_days, None), None, reason)
        how = (
            "add `deprecated:` (with a reason and removal date)"
            if change.change in ("field-removed", "contract-removed", "metric-removed")
            else f"add a `notices:` entry for {change.element} ({change.change})"
        )
        reason = (
            f"It was never announced: {how} on {base_name}, then it may land "
            f"{required_days} days later (earliest {earliest})."
        )
        return Decision(False, Notice("missing", None, None, required_days, earliest), None, reason)

    commit = found.commit
    announced = history.dated(commit).date()
    age = (today - announced).days
    earliest = _plus(announced, required_days)
    if found.not_before is not None and found.not_before > earliest:
        earliest = found.not_before
    where = f"announced on {announced} in {commit.short}, {age} days ago"
    if found.proven_by_boundary:
        where = (
            f"announced on or before {announced} (the oldest commit of this shallow clone, "
            f"{commit.short}), at least {age} days ago"
        )
        if age < required_days:
            need = _plus(today, -(required_days + 1))
            raise ShallowHistory(
                f"{change.id}: the notice for {change.element} reaches the start of this shallow "
                f"clone; fetch more history to decide: {fetch_hint(need)}"
            )
    if age < required_days:
        notice = Notice("too-recent", announced, commit.sha, required_days, earliest)
        return Decision(
            False, notice, None, f"It was {where}; needs {required_days}; earliest {earliest}."
        )
    if found.not_before is not None and found.not_before > today:
        notice = Notice("not-yet-effective", announced, commit.sha, required_days, earliest)
        return Decision(
            False, notice, None,
            f"It was {where}, but its date {found.not_before} has not come; earliest {earliest}.",
        )  # fmt: skip
    notice = Notice("announced", announced, commit.sha, required_days, earliest)
    return Decision(True, notice, None, f"It was {where} (needs {required_days}).")


def _plus(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, within the calendar Python holds: a notice
    dated by a commit of the year 9999, or a contract asking for a billion
    days of notice, ends in a refusal, never in an overflow."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def required_days(minimum: int, *models: Any) -> int:
    """The repository minimum, raised by a contract's `change_policy.notice_days`
    (base or head: a change cannot lower the promise it is changing)."""
    days = minimum
    for m in models:
        policy = getattr(m, "change_policy", None)
        if policy is not None and policy.notice_days is not None:
            days = max(days, policy.notice_days)
    return days
