"""Compare the base revision with the head, classify every change, and apply
the notice policy to the breaking ones: the data behind `govern breaking` and
`govern diff`."""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from govern import sql
from govern.catalog import Catalog
from govern.config import Config, LoadedConfig
from govern.engine import governed_dirs
from govern.git import GitError, Repo
from govern.load import files
from govern.load.documents import Document
from govern.model.contract import Contract, Waiver, yaml_path
from govern.model.kinds import DEFAULT_VERDICTS, Verdict
from govern.model.metric import Metric

from . import compare, config_gate, policy, revision


@dataclass(frozen=True)
class Assessed:
    change: compare.Change
    verdict: Verdict
    allowed: bool
    reason: str  # why it is allowed or refused ("" for non-breaking changes)
    notice: policy.Notice | None  # only for breaking changes
    consumers: tuple[str, ...]
    metrics: tuple[str, ...]  # metrics whose formulas read the changed element
    path: str  # the file of the contract or metric (head; base when removed)
    line: int  # where in it (a removed field is anchored to a line that still exists)
    channel: str | None = None  # change_policy.channel: where to announce it


@dataclass
class Report:
    base: str  # the merge-base commit
    base_name: str  # the --against ref as given
    head: str  # a commit, or "working tree" / "index"
    head_name: str
    changes: list[Assessed] = field(default_factory=list)

    @property
    def refused(self) -> list[Assessed]:
        return [a for a in self.changes if not a.allowed]


class CannotCompare(GitError):
    """A head document does not load: no verdict can be given about it."""


@dataclass(frozen=True)
class Head:
    mode: str  # "worktree", "staged" or "ref"
    ref: str | None = None


def build(root: str, loaded: LoadedConfig, *, against: str, head: Head, now: dt.datetime) -> Report:
    """``loaded`` is the working tree's configuration; the head revision's own
    is read where the head is a commit or the index."""
    with Repo(root) as repo:
        base_ref = repo.resolve(against)
        head_commit = (
            repo.resolve(head.ref) if head.mode == "ref" and head.ref else repo.resolve("HEAD")
        )
        base = repo.merge_base(base_ref, head_commit)
        held = _held_to(repo, root, base, head, head_commit, loaded)
        config = held.config
        dirs = governed_dirs(config)
        changed = {
            path
            for path in repo.changed_paths(
                base,
                head_commit if head.mode == "ref" else None,
                dirs,
                staged=head.mode == "staged",
            )  # `exclude` applies to both sides, as it does to lint
            if not any(fnmatch.fnmatch(path, glob) for glob in config.exclude)
        }
        base_cat = revision.at_commit(repo, base, config, only=changed)
        if head.mode == "ref":
            head_cat = revision.at_commit(repo, head_commit, config, only=changed)
            head_label, head_name = head_commit, head.ref or "HEAD"
        elif head.mode == "staged":
            head_cat = revision.staged(repo, config, only=changed)
            head_label, head_name = "index", "the index (staged)"
        else:
            head_cat = revision.working_tree(repo.root, config, only=changed)
            head_label, head_name = "working tree", "the working tree"
        report = Report(base, against, head_label, head_name)
        history = policy.History(repo, dirs)

        def head_metrics() -> list[Metric]:
            # For the impact of a change: every metric of the head revision.
            if head.mode == "worktree":
                found = files.discover(repo.root, [config.paths.metrics], config.exclude)
                cat = revision.working_tree(repo.root, config, only=found.paths)
            elif head.mode == "staged":
                cat = revision.staged(repo, config, only=repo.staged_files([config.paths.metrics]))
            else:
                cat = revision.at_commit(
                    repo,
                    head_commit,
                    config,
                    only=repo.list_files(head_commit, [config.paths.metrics]),
                )
            return [m for _, m in cat.metric_docs()]

        _compare(report, base_cat, head_cat, config, history, now, against, head_metrics)
        for change in held.changes:
            report.changes.append(_assess_config(held, change, history, base, now, against))
    return report


def _held_to(
    repo: Repo, root: str, base: str, head: Head, head_commit: str, loaded: LoadedConfig
) -> config_gate.Held:
    """The configuration both revisions are read and judged with: the head's
    own, never looser than the base branch's (a branch must not relax the
    check that judges it), and the head's relaxations as changes."""
    from govern.config import load_from, read_file
    from govern.rules import resolve

    if head.mode == "worktree":

        def read(name: str) -> bytes | None:
            return read_file(root, name)

    else:
        at = head_commit if head.mode == "ref" else ""

        def read(name: str) -> bytes | None:
            return repo.blob(f"{at}:{name}")

        loaded = load_from(read, resolve)
    return config_gate.held_to(repo, base, loaded, read)


def _assess_config(
    held: config_gate.Held, change: compare.Change, history: policy.History, base: str,
    now: dt.datetime, against: str,
) -> Assessed:  # fmt: skip
    path, line = config_gate.line_of(held, change)
    verdict = _verdict(change.change, held.config)
    if verdict != "breaking":
        return Assessed(change, verdict, True, "", None, (), (), path, line)
    decision = config_gate.decide(
        held, change, history=history, base_sha=base, against=against, now=now,
        fetch_hint=lambda since: _fetch_command(history.repo, against, since),
    )  # fmt: skip
    return Assessed(
        change, verdict, decision.allowed, decision.reason, decision.notice, (), (), path, line
    )


def _one(cat: Catalog, subject: str, ident: str) -> Document[Any] | None:
    """The document of ``ident``; never one of several (which one changed?)."""
    docs = (cat.contracts if subject == "contract" else cat.metrics).get(ident)
    if docs and len(docs) > 1:
        paths = " and ".join(sorted({d.path for d in docs}))
        raise CannotCompare(
            f"{subject} {ident} is defined by more than one file ({paths}): which one "
            "changed cannot be told, so no verdict is given; keep one file per id"
        )
    return docs[0] if docs else None


def _m(doc: Document[Any]) -> Any:
    """The model of a document the catalog indexed (those always have one)."""
    assert doc.model is not None
    return doc.model


def _check_loaded(head: revision.Revision, base: Catalog) -> None:
    """A head document with shape errors cannot be judged, unless it is broken
    in exactly the way it already was on the base branch (unchanged). A head
    file that does not load at all (a YAML error) cannot be judged either: its
    contract would look removed. Only files that differ from the base are read.
    Nor can an id that two files define, on either side: comparing one of them
    would let the other's change pass unseen."""
    if head.unloadable:
        path = head.unloadable[0]
        raise CannotCompare(
            f"{path} does not load, so its changes cannot be judged: "
            f"fix it first (`govern lint {path}`)"
        )
    before = {doc.path: doc for doc in base.documents}
    for doc in head.documents:
        if doc.complete and doc.model is not None:
            continue
        old = before.get(doc.path)
        if old is not None and not old.complete and old.data == doc.data:
            continue
        raise CannotCompare(
            f"{doc.path} does not load cleanly, so its changes cannot be judged: "
            f"fix it first (`govern lint {doc.path}`)"
        )
    twice = revision.defined_twice(base, head)
    if twice is not None:
        raise CannotCompare(twice.message())


def _compare(
    report: Report, base: Catalog, head: revision.Revision, config: Config,
    history: policy.History, now: dt.datetime, against: str,
    all_metrics: Callable[[], list[Metric]],
) -> None:  # fmt: skip
    _check_loaded(head, base)
    found: list[tuple[compare.Change, Any, Any]] = []
    for cid in sorted(set(base.contracts) | set(head.contracts)):
        old, new = _one(base, "contract", cid), _one(head, "contract", cid)
        if old is not None and new is not None:
            changes = compare.contract_changes(
                _m(old), _m(new), old_odcs=old.odcs, new_odcs=new.odcs
            )
            found += [(c, old, new) for c in changes]
            _version_bump(found, changes, old, new, config)
        elif old is not None:
            found.append((compare.removed_contract(_m(old)), old, None))
        elif new is not None:
            found.append((compare.added_contract(_m(new)), None, new))
    for mid in sorted(set(base.metrics) | set(head.metrics)):
        old, new = _one(base, "metric", mid), _one(head, "metric", mid)
        if old is not None and new is not None:
            a, b = _m(old), _m(new)
            metric_changes = compare.metric_changes(
                a,
                b,
                same_formula=_same_sql(a.formula, b.formula, a.dialect, b.dialect),
                same_filter=_same_sql(a.filter, b.filter, a.dialect, b.dialect),
            )
            found += [(c, old, new) for c in metric_changes]
        elif old is not None:
            found.append((compare.removed_metric(_m(old)), old, None))
    # The impact of a contract change: every change names the metrics that
    # read it, whatever its verdict (read only when a contract changed).
    metrics = all_metrics() if any(c.subject == "contract" for c, _, _ in found) else []
    for change, old, new in found:
        report.changes.append(
            _assess(change, old, new, config, history, report.base, now, against, metrics)
        )


def _version_bump(
    found: list[tuple[compare.Change, Any, Any]], changes: list[compare.Change],
    old_doc: Document[Contract], new_doc: Document[Contract], config: Config,
) -> None:  # fmt: skip
    """A breaking change also needs a major version bump (its own finding)."""
    old, new = old_doc.model, new_doc.model
    assert old is not None and new is not None
    breaking = [c for c in changes if _verdict(c.change, config) == "breaking"]
    was, now_ = compare.major(old.version), compare.major(new.version)
    if breaking and was is not None and (now_ is None or now_ <= was):
        detail = (
            f"breaking changes need a new major version, but it went {old.version} -> {new.version}"
        )
        marker = compare.Change("contract", new.contract, "version", "version-not-bumped", detail)
        found.append((marker, old_doc, new_doc))


def _same_sql(old: str | None, new: str | None, old_dialect: str | None,
              new_dialect: str | None) -> bool:  # fmt: skip
    """Whether two formulas (or filters) are the same definition, as parsed SQL."""
    if (old or "") == (new or "") and old_dialect == new_dialect:
        return True
    if not old or not new:
        return False
    # The same comparison as `govern conflicts`: commutative operands, case,
    # qualifiers and aliases do not make a new definition.
    same = sql.same_formula(old, old_dialect, new, new_dialect)
    if same is None:
        return " ".join(old.split()) == " ".join(new.split())
    return same


def _verdict(kind: str, config: Config) -> Verdict:
    return config.breaking.severities.get(kind) or DEFAULT_VERDICTS.get(kind, "breaking")


def _impact(
    change: compare.Change, model: Any, metrics: list[Metric]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if isinstance(model, Metric):
        return tuple(dict.fromkeys(model.approved_by)), ()
    consumers = tuple(dict.fromkeys(c.team for c in getattr(model, "consumers", [])))
    readers = []
    field_name = None
    if change.element.startswith("schema."):
        parts = [p for p in change.element.split(".")[1:] if p != "items"]
        field_name = parts[0] if parts else None
    for m in metrics:
        if change.id not in m.sources or not m.formula:
            continue
        if field_name is None:
            readers.append(m.metric)
            continue
        analysis = sql.analyze(m.formula, m.dialect)
        names = {c.name for c in analysis.columns} | {c.dotted for c in analysis.columns}
        if field_name in names or change.element.removeprefix("schema.") in names:
            readers.append(m.metric)
    return consumers, tuple(readers)


def _anchor(doc: Document[Any] | None, change: compare.Change) -> tuple[str, int]:
    if doc is None:
        return "", 1
    if change.element.startswith("schema."):
        path: tuple[str | int, ...] = yaml_path(tuple(change.element.split(".")[1:]))
    elif change.element.startswith("sla."):
        path = ("sla", change.element[4:])
    elif change.element == "version":
        path = ("version",)
    elif change.element == "formula":
        path = ("formula",)
    else:
        path = (change.subject,)
    # The nearest line that exists in the file: a removed field is anchored to
    # the key of its parent mapping (`schema:`), never to a line that is gone.
    for i in range(len(path), 0, -1):
        mark = doc.positions.written_key(path[:i])
        if mark is not None:
            return doc.path, mark.line
    return doc.path, 1


def _assess(
    change: compare.Change, old: Document[Any] | None, new: Document[Any] | None, config: Config,
    history: policy.History, base_sha: str, now: dt.datetime, against: str, metrics: list[Metric],
) -> Assessed:  # fmt: skip
    if change.change == "version-not-bumped":
        path, line = _anchor(new, change)
        consumers = tuple(c.team for c in getattr(new.model if new else None, "consumers", []))
        was = compare.major(getattr(old.model if old else None, "version", None)) or 0
        reason = f"Bump `version` to {was + 1}.0.0 (or higher)."
        return Assessed(change, "breaking", False, reason, None, consumers, (), path, line)
    model = (new or old).model if (new or old) is not None else None  # type: ignore[union-attr]
    verdict = _verdict(change.change, config)
    consumers, readers = _impact(change, old.model if old is not None else model, metrics)
    if new is not None:  # those of the base first, then any the head adds
        head_consumers = [c.team for c in getattr(new.model, "consumers", [])]
        head_consumers += getattr(new.model, "approved_by", [])
        consumers = tuple(dict.fromkeys([*consumers, *head_consumers]))
    path, line = _anchor(new if new is not None else old, change)
    channel = None
    policy_of = getattr(model, "change_policy", None)
    if policy_of is not None:
        channel = policy_of.channel
    if verdict != "breaking":
        return Assessed(change, verdict, True, "", None, consumers, readers, path, line, channel)
    assert old is not None  # a breaking change changes something that existed
    waivers: list[Waiver] = []
    for doc in (new, old):
        if doc is not None:
            waivers += getattr(doc.model, "waivers", [])
    days = policy.required_days(
        config.notice_days, old.model, new.model if new is not None else None
    )
    decision = policy.decide(
        change,
        history=history,
        base_sha=base_sha,
        base_path=old.path,
        base_name=against,
        required_days=days,
        waivers=waivers,
        consumers=list(consumers),
        now=now,
        fetch_hint=lambda since: _fetch_command(history.repo, against, since),
    )
    return Assessed(
        change, verdict, decision.allowed, decision.reason, decision.notice, consumers, readers,
        path, line, channel,
    )  # fmt: skip


def _fetch_command(repo: Repo, against: str, since: dt.date) -> str:
    """The fetch that deepens a shallow clone enough to decide. `origin/main` is
    remote `origin`, branch `main`; `release/2026` is a branch of origin,
    unless a remote is called `release`."""
    remote, branch = "origin", against
    head, _, rest = against.partition("/")
    if rest and head in repo.remotes():
        remote, branch = head, rest
    return (
        f"git fetch --shallow-since={since.isoformat()} {remote} {branch} "
        f"(or all of it: git fetch --unshallow {remote} {branch})"
    )
