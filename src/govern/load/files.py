"""Find the governed YAML files and read them, refusing what is unsafe to read.

Every file is untrusted (a pull request from anyone runs govern in CI): a
symlink that leaves the repository is not followed, an oversized file is not
read into memory, bytes that are not UTF-8 text are reported with the line.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass

from govern.findings import Location, Problem

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Source:
    path: str  # relative to the root, "/" separators
    text: str | None  # None when the file could not be read
    problems: tuple[Problem, ...] = ()


def rel(root: str, path: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def discover(root: str, dirs: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Every ``.yaml``/``.yml`` file under the governed directories, sorted."""
    excluded = list(exclude)
    found: set[str] = set()
    for d in dirs:
        top = os.path.join(root, d)
        if not os.path.isdir(top):
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(n for n in dirnames if not n.startswith("."))
            for name in filenames:
                if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                    found.add(rel(root, os.path.join(dirpath, name)))
    return sorted(p for p in found if not any(fnmatch.fnmatch(p, g) for g in excluded))


def read(root: str, path: str, *, max_size: int) -> Source:
    full = os.path.join(root, path)
    at = Location(path, 1, 1)
    real_root = os.path.realpath(root)
    real = os.path.realpath(full)
    if os.path.islink(full) and os.path.commonpath([real_root, real]) != real_root:
        return Source(
            path,
            None,
            (Problem(at, "symlink points outside the repository; not followed", "GOV013"),),
        )
    try:
        size = os.stat(full).st_size
        if size > max_size:
            return Source(
                path,
                None,
                (
                    Problem(
                        at,
                        f"file is {size:,} bytes, over the {max_size:,}-byte limit "
                        "(`max_file_size` in govern.yaml); not read",
                        "GOV011",
                    ),
                ),
            )
        with open(full, "rb") as fh:
            raw = fh.read(max_size + 1)
    except OSError as exc:
        return Source(path, None, (Problem(at, f"cannot read file: {exc.strerror}", "GOV009"),))
    return decode(path, raw)


def decode(path: str, raw: bytes) -> Source:
    """Bytes to text: NUL bytes mean binary; otherwise strict UTF-8."""
    nul = raw.find(b"\x00")
    if nul != -1:
        line = raw.count(b"\n", 0, nul) + 1
        return Source(
            path,
            None,
            (Problem(Location(path, line, 1), "binary file (NUL bytes), not YAML text", "GOV010"),),
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return Source(path, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Source(
            path,
            None,
            (
                Problem(
                    Location(path, line, column),
                    f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded",
                    "GOV009",
                ),
            ),
        )
