"""A catalog of the governed files at a revision: a commit (read from git
objects, never checked out), the index (``--staged``), or the working tree.

Only the files that differ between the two revisions are read (``only``): an
unchanged file holds no change, so the cost of `govern breaking` follows the
size of the change, not of the repository."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

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


def at_commit(
    repo: Repo, commit: str, config: Config, only: Iterable[str] | None = None
) -> Revision:
    paths = repo.list_files(commit, governed_dirs(config)) if only is None else sorted(only)
    return _from_objects(repo, commit, paths, config)


def staged(repo: Repo, config: Config, only: Iterable[str] | None = None) -> Revision:
    paths = repo.staged_files(governed_dirs(config)) if only is None else sorted(only)
    return _from_objects(repo, "", paths, config)


def working_tree(root: str, config: Config, only: Iterable[str] | None = None) -> Revision:
    if only is None:
        only = files.discover(root, governed_dirs(config), config.exclude).paths
    catalog = Revision()
    for path in sorted(only):
        if not path.endswith(files.YAML_SUFFIXES) or not os.path.isfile(os.path.join(root, path)):
            continue  # deleted in the working tree: its contracts are removed
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
