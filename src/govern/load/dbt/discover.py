"""The files of a dbt project govern reads: YAML files and models (``.sql``,
``.py``) under the model paths, but those ``.dbtignore`` names."""

from __future__ import annotations

import fnmatch
import os

from govern.load import files


def discover(root: str, model_paths: list[str]) -> tuple[list[str], list[str]]:
    """YAML files and models under the model paths, relative to ``root``.
    What leaves the project through a symlink is not read: the project may
    come with a pull request."""
    ignored = _ignored(root)
    real_root = os.path.realpath(root)
    yaml_files: set[str] = set()
    sql_files: set[str] = set()
    for top in model_paths:
        start = os.path.join(root, top)
        if not os.path.isdir(start) or not files.inside(real_root, start):
            continue
        for dirpath, dirnames, filenames in os.walk(start):
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".") and files.inside(real_root, os.path.join(dirpath, d))
            )
            for name in filenames:
                if name.startswith("."):
                    continue
                rel = files.rel(root, os.path.join(dirpath, name))
                if _is_ignored(rel, ignored):
                    continue
                if name.endswith(files.YAML_SUFFIXES):
                    yaml_files.add(rel)
                elif name.endswith((".sql", ".py")):
                    sql_files.add(rel)
    return sorted(yaml_files), sorted(sql_files)


def _ignored(root: str) -> list[str]:
    """The patterns of ``.dbtignore`` (gitignore-like; dbt skips those files)."""
    try:
        with open(os.path.join(root, ".dbtignore"), encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _is_ignored(rel: str, patterns: list[str]) -> bool:
    parts = rel.split("/")
    for pattern in patterns:
        pat = pattern.strip("/")
        if "/" in pat:
            if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, f"{pat}/*"):
                return True
        elif any(fnmatch.fnmatch(part, pat) for part in parts):
            return True
    return False
