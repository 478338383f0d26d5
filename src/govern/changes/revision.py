"""A catalog of the governed files at a revision: a commit (read from git
objects, never checked out), the index (``--staged``), or the working tree."""

from __future__ import annotations

from govern.catalog import Catalog
from govern.config import Config
from govern.engine import governed_dirs, load_repository
from govern.git import Repo
from govern.load import files
from govern.load.documents import load_text


def at_commit(repo: Repo, commit: str, config: Config) -> Catalog:
    return _from_objects(repo, commit, repo.list_files(commit, governed_dirs(config)), config)


def staged(repo: Repo, config: Config) -> Catalog:
    return _from_objects(repo, "", repo.staged_files(governed_dirs(config)), config)


def working_tree(root: str, config: Config) -> Catalog:
    return load_repository(root, config).catalog


def _from_objects(repo: Repo, commit: str, paths: list[str], config: Config) -> Catalog:
    catalog = Catalog()
    for path in paths:
        if not path.endswith(files.YAML_SUFFIXES):
            continue
        raw = repo.blob(f"{commit}:{path}")
        if raw is None or len(raw) > config.max_file_size:
            continue
        source = files.decode(path, raw)
        if source.text is None:
            continue
        loaded = load_text(path, source.text)
        if loaded.document is not None:
            catalog.add(loaded.document)
    return catalog


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
