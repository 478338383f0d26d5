"""Where the governance repository is, and user paths relative to it."""

from __future__ import annotations

import os

from govern.errors import UsageError

__all__ = ["UsageError", "find_root", "relative_paths"]


def find_root(start: str | None) -> str:
    """``--repo`` when given; otherwise the nearest directory up from the
    current one that holds ``.git`` or ``govern.yaml``; otherwise the current
    directory. (Lint needs no git, so this does not start a git process.)"""
    if start is not None:
        if not os.path.exists(start):
            raise UsageError(f"--repo {start}: no such directory")
        if not os.path.isdir(start):
            raise UsageError(f"--repo {start}: not a directory")
        return os.path.abspath(start)
    here = os.path.abspath(os.getcwd())
    probe = here
    while True:
        if os.path.exists(os.path.join(probe, ".git")) or os.path.isfile(
            os.path.join(probe, "govern.yaml")
        ):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return here
        probe = parent


def relative_paths(root: str, given: list[str]) -> list[str]:
    """User paths (relative to the current directory) -> repository-relative
    ``/`` paths of YAML files; directories expand to the YAML files under them."""
    from govern.load.files import YAML_SUFFIXES, rel

    out: list[str] = []
    real_root = os.path.realpath(root)
    for item in given:
        full = os.path.abspath(item)
        if not os.path.lexists(full):
            raise UsageError(f"{item}: no such file or directory")
        if os.path.commonpath([real_root, os.path.realpath(os.path.dirname(full))]) != real_root:
            raise UsageError(f"{item} is outside the repository {root}")
        if os.path.isdir(full) and not os.path.islink(full):
            for dirpath, dirnames, filenames in os.walk(full):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                out += [
                    rel(root, os.path.join(dirpath, n))
                    for n in sorted(filenames)
                    if n.endswith(YAML_SUFFIXES)
                ]
        else:
            out.append(rel(root, full))
    return list(dict.fromkeys(out))
