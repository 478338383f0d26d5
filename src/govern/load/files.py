"""Find the governed YAML files and read them, refusing what is unsafe to read.

Every file is untrusted (a pull request from anyone runs govern in CI): a
symlink (to a file or a directory) that leaves the repository is reported and
not followed, an oversized file is not read into memory, bytes that are not
UTF-8 text are reported with the line and column.
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


@dataclass(frozen=True)
class Discovered:
    paths: list[str]
    problems: list[Problem]


def rel(root: str, path: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def inside(real_root: str, path: str) -> bool:
    """Whether ``path``, symlinks resolved, is inside the (resolved) root."""
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _escaped(path: str, what: str) -> Problem:
    return Problem(
        Location(path, 1, 1),
        f"symlinked {what} points outside the repository; not followed",
        "GOV013",
    )


def discover(root: str, dirs: Iterable[str], exclude: Iterable[str] = ()) -> Discovered:
    """Every ``.yaml``/``.yml`` file under the governed directories, sorted."""
    excluded = list(exclude)
    real_root = os.path.realpath(root)
    found: set[str] = set()
    problems: list[Problem] = []
    for d in dirs:
        top = os.path.join(root, d)
        if not os.path.isdir(top):
            continue
        if not inside(real_root, top):
            problems.append(_escaped(rel(root, top), "directory"))
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            kept = []
            for name in sorted(dirnames):
                full = os.path.join(dirpath, name)
                if name.startswith("."):
                    continue
                if os.path.islink(full):
                    # os.walk does not descend into it; say so when it leaves
                    # the repository, rather than skipping it in silence.
                    if not inside(real_root, full):
                        problems.append(_escaped(rel(root, full), "directory"))
                    continue
                kept.append(name)
            dirnames[:] = kept
            for name in filenames:
                if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                    found.add(rel(root, os.path.join(dirpath, name)))
    paths = sorted(p for p in found if not any(fnmatch.fnmatch(p, g) for g in excluded))
    return Discovered(paths, problems)


def read(root: str, path: str, *, max_size: int) -> Source:
    full = os.path.join(root, path)
    at = Location(path, 1, 1)
    if not inside(os.path.realpath(root), full):
        return Source(path, None, (_escaped(path, "file"),))
    try:
        size = os.stat(full).st_size
        if size > max_size:
            message = (
                f"file is {size:,} bytes, over the {max_size:,}-byte limit "
                "(`max_file_size` in govern.yaml); not read"
            )
            return Source(path, None, (Problem(at, message, "GOV011"),))
        with open(full, "rb") as fh:
            raw = fh.read(max_size + 1)
        if len(raw) > max_size:  # grew since stat, or not a regular file: never cut it short
            message = (
                f"file is over the {max_size:,}-byte limit (`max_file_size` in govern.yaml); "
                "not read"
            )
            return Source(path, None, (Problem(at, message, "GOV011"),))
    except OSError as exc:
        return Source(path, None, (Problem(at, f"cannot read file: {exc.strerror}", "GOV009"),))
    return decode(path, raw)


def _where(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as YAML counts) of a byte offset."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", errors="replace")) + 1


def decode(path: str, raw: bytes) -> Source:
    """Bytes to text: UTF-16/32 and undecodable bytes are GOV009, NUL bytes GOV010."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "UTF-16 text (byte-order mark); save the file as UTF-8"
        return Source(path, None, (Problem(Location(path, 1, 1), message, "GOV009"),))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul != -1:
        line, column = _where(raw, nul)
        message = "binary file (NUL bytes), not YAML text"
        return Source(path, None, (Problem(Location(path, line, column), message, "GOV010"),))
    try:
        return Source(path, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line, column = _where(raw, exc.start)
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded"
        return Source(path, None, (Problem(Location(path, line, column), message, "GOV009"),))
