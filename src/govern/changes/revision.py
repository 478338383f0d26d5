"""A catalog of the governed files at a revision: a commit (read from git
objects, never checked out), the index (``--staged``), or the working tree.

Only the files that differ between the two revisions are read (``only``): an
unchanged file holds no change, so the cost of `govern breaking` follows the
size of the change, not of the repository.

Reading only some files must never let one of two files that define the same
id stand for the other (:func:`defined_twice`)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govern.catalog import Catalog
from govern.config import Config
from govern.engine import governed_dirs
from govern.git import Repo
from govern.load import files
from govern.load.documents import load_text


@dataclass
class Revision(Catalog):
    """The catalog of a revision, and the files in it that do not load at all
    (not YAML, not a mapping, no known kind): their changes cannot be judged."""

    unloadable: list[str] = field(default_factory=list)
    # A revision read from a commit: where, and which of its files were read
    # (the others are looked through for the ids these define).
    repo: Repo | None = None
    commit: str = ""
    read: frozenset[str] = frozenset()
    config: Config | None = None


def at_commit(
    repo: Repo, commit: str, config: Config, only: Iterable[str] | None = None
) -> Revision:
    paths = repo.list_files(commit, governed_dirs(config)) if only is None else sorted(only)
    catalog = _from_objects(repo, commit, paths, config)
    catalog.repo, catalog.commit, catalog.read, catalog.config = (
        repo, commit, frozenset(paths), config
    )  # fmt: skip
    return catalog


def staged(repo: Repo, config: Config, only: Iterable[str] | None = None) -> Revision:
    paths = repo.staged_files(governed_dirs(config)) if only is None else sorted(only)
    return _from_objects(repo, "", paths, config)


def working_tree(root: str, config: Config, only: Iterable[str] | None = None) -> Revision:
    if only is None:
        only = files.discover(root, governed_dirs(config), config.exclude).paths
    catalog = Revision()
    for path in sorted(only):
        full = os.path.join(root, path)
        if not path.endswith(files.YAML_SUFFIXES) or not os.path.lexists(full):
            continue  # deleted in the working tree: its contracts are removed
        if os.path.isdir(full) and not os.path.islink(full):
            continue
        # Anything else is read, so that a pipe or a link out of the repository
        # is a file that cannot be judged (exit 2), never a removed contract.
        source = files.read(root, path, max_size=config.max_file_size)
        _add(catalog, path, source.text)
    return catalog


def _from_objects(repo: Repo, commit: str, paths: list[str], config: Config) -> Revision:
    catalog = Revision()
    for path in paths:
        if not path.endswith(files.YAML_SUFFIXES):
            continue
        raw = repo.blob(f"{commit}:{path}")
        if raw is None:
            continue  # not in this revision
        too_large = len(raw) > config.max_file_size
        _add(catalog, path, None if too_large else files.decode(path, raw).text)
    return catalog


@dataclass(frozen=True)
class Twice:
    """An id that more than one file defines: which of them is the contract?"""

    subject: str  # "contract" or "metric"
    ident: str
    paths: tuple[str, ...]
    side: str  # "the base", "the head" or "both revisions"

    def message(self) -> str:
        files_ = " and ".join(self.paths)
        return (
            f"{self.subject} {self.ident} is defined by more than one file on {self.side} "
            f"({files_}): which one changed cannot be told, so no verdict is given; keep one "
            f"file per id (`govern lint` reports it as duplicate-id, GOV109)"
        )


def defined_twice(base: Catalog, head: Catalog) -> Twice | None:
    """An id of a contract or metric that two files define, on either side.

    Both revisions hold only the files that changed. Two of those with one id
    on a side are seen at once. A file that did not change is the same on
    both sides and was not read: `base` (a commit) is searched for the ids
    the changed files define, and each file that mentions one is read there.
    Without this, a changed file would be compared while another file still
    claims to be the same contract."""
    for side, cat in (("the base", base), ("the head", head)):
        for subject, index in _indexes(cat):
            for ident in sorted(index):
                paths = sorted({d.path for d in index[ident]})
                if len(index[ident]) > 1:
                    return Twice(subject, ident, tuple(paths), side)
    if not isinstance(base, Revision) or base.repo is None or base.config is None:
        return None
    # id -> the changed file that defines it, and the sides it does so on
    held: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for side, cat in (("the base", base), ("the head", head)):
        for subject, index in _indexes(cat):
            for ident, docs in index.items():
                path, sides = held.setdefault((subject, ident), (docs[0].path, []))
                sides.append(side)
    if not held:
        return None
    config = base.config
    needles = {ident for _, ident in held}
    for path in sorted(base.repo.find_files(base.commit, needles, governed_dirs(config))):
        if path in base.read or not path.endswith(files.YAML_SUFFIXES):
            continue
        if any(fnmatch.fnmatch(path, glob) for glob in config.exclude):
            continue  # not governed, on either side
        other = Revision()
        raw = base.repo.blob(f"{base.commit}:{path}")
        if raw is None or len(raw) > config.max_file_size:
            continue
        text = files.decode(path, raw).text
        if text is None:
            continue
        _add(other, path, text)
        for subject, index in _indexes(other):
            for ident in sorted(index):
                if (subject, ident) in held:
                    changed, sides = held[subject, ident]
                    # The unchanged file is on both sides: the duplicate is
                    # wherever the changed file defines the id.
                    side = sides[0] if len(sides) == 1 else "both revisions"
                    return Twice(subject, ident, tuple(sorted({changed, path})), side)
    return None


def _indexes(cat: Catalog) -> list[tuple[str, dict[str, list[Any]]]]:
    return [("contract", cat.contracts), ("metric", cat.metrics)]


def _add(catalog: Revision, path: str, text: str | None) -> None:
    """Add the file's document; ``text`` is None when the file cannot be read
    (too large, not text)."""
    loaded = load_text(path, text) if text is not None else None
    if loaded is not None and loaded.document is not None:
        catalog.add(loaded.document)
    else:
        catalog.unloadable.append(path)


def contract_at(repo: Repo, commit: str, path: str, cid: str) -> object | None:
    """The model of contract (or metric) ``cid`` in ``path`` at ``commit``, if there."""
    raw = repo.blob(f"{commit}:{path}")
    if raw is None:
        return None
    source = files.decode(path, raw)
    if source.text is None:
        return None
    loaded = load_text(path, source.text)
    doc = loaded.document
    if doc is None or doc.model is None:
        return None
    ident = getattr(doc.model, "contract", None) or getattr(doc.model, "metric", None)
    return doc.model if ident == cid else None


def config_at(repo: Repo, sha: str, path: str) -> Config | None:
    """The configuration that ``path`` (govern.yaml or pyproject.toml) holds at
    ``sha``: the notices of a relaxation of the configuration live there."""
    from govern.config import CONFIG_SOURCES, ConfigError, load_from
    from govern.rules import resolve

    if path not in CONFIG_SOURCES:
        return None
    try:
        loaded = load_from(
            lambda name: repo.blob(f"{sha}:{name}") if name == path else None, resolve
        )
    except ConfigError:
        return None
    return loaded.config if loaded.source == path else None
