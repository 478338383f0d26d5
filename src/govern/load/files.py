"""Find the governed YAML files and read them, refusing what is unsafe to read.

Every file is untrusted (a pull request from anyone runs govern in CI): a
symlink (to a file or a directory) that leaves the repository is reported and
not followed, an oversized file is not read into memory, a named pipe, socket
or device is reported and never opened for a blocking read, bytes that are not
UTF-8 text are reported with the line and column.
"""

from __future__ import annotations

import fnmatch
import os
import stat
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
    """The text of one governed file, or the problem that kept it unread."""
    raw = read_bytes(root, path, max_size=max_size)
    if isinstance(raw, Problem):
        return Source(path, None, (raw,))
    return decode(path, raw)


def read_bytes(
    root: str, path: str, *, max_size: int, limit: str = " (`max_file_size` in govern.yaml)"
) -> bytes | Problem:
    """The bytes of one file of the repository, or the problem that kept it
    unread (at line 1, column 1).

    Only a regular file is read: a named pipe with a ``.yaml`` name would make
    the read wait for a writer forever, a device never ends, a socket cannot
    be opened. The file is opened without blocking and without following a
    symlink put in its place since its path was resolved, and what was opened
    is checked (``fstat``), not what the path named a moment before.
    ``limit`` says where ``max_size`` comes from, in messages."""
    full = os.path.join(root, path)
    at = Location(path, 1, 1)
    real = os.path.realpath(full)
    if not inside(os.path.realpath(root), real):
        return _escaped(path, "file")
    try:
        raw = _read_regular(real, max_size)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Problem(at, f"cannot read file: {reason}", "GOV009")
    if isinstance(raw, _NotRegular):
        return Problem(at, f"not a regular file ({raw.what}); not read", "GOV009")
    if isinstance(raw, int):
        message = f"file is {raw:,} bytes, over the {max_size:,}-byte limit{limit}; not read"
        return Problem(at, message, "GOV011")
    if len(raw) > max_size:  # grew since fstat: never cut it short
        return Problem(at, f"file is over the {max_size:,}-byte limit{limit}; not read", "GOV011")
    return raw


@dataclass(frozen=True)
class _NotRegular:
    what: str  # "a named pipe", "a socket", ...


# Never wait (a pipe put in place of the file after it was checked) and never
# follow a symlink put there (the path was resolved and checked already).
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _read_regular(real: str, max_size: int) -> bytes | int | _NotRegular:
    """The bytes of a regular file (at most ``max_size + 1`` of them), its size
    when ``fstat`` says it is over ``max_size``, or what it is instead."""
    what = _not_regular(os.lstat(real).st_mode)  # a socket or a device is never opened
    if what is not None:
        return _NotRegular(what)
    with os.fdopen(os.open(real, _READ_FLAGS), "rb") as fh:
        st = os.fstat(fh.fileno())  # what was opened, whatever lstat saw before
        what = _not_regular(st.st_mode)
        if what is not None:
            return _NotRegular(what)
        if st.st_size > max_size:
            return st.st_size
        return fh.read(max_size + 1)


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "an unknown kind of file"


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
