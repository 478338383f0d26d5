"""What govern's git module needs besides the Repo: git's environment and
output formats, committer dates, and working-tree files hashed as blobs."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat

from .errors import GitError


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Plain, stable output whatever the user's configuration says.
    env.update({"LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"})
    # A path is a path: no glob or `:(magic)` in a file name (or a governed
    # directory) can widen what a command looks at.
    env["GIT_LITERAL_PATHSPECS"] = "1"
    env.pop("GIT_GLOB_PATHSPECS", None)
    env.pop("GIT_NOGLOB_PATHSPECS", None)
    env.pop("GIT_ICASE_PATHSPECS", None)
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _fs(data: bytes) -> str:
    """Text git printed: paths keep bytes that are not UTF-8 (``os.fsdecode``)."""
    return data.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _nul(text: str) -> list[str]:
    """The entries of NUL-separated output (``-z``)."""
    return [p for p in text.split("\0") if p]


# The latest second Python's datetime can hold (9999-12-31T23:59:59 UTC).
_MAX_STAMP = 253402300799


def _time(sha: str, stamp: str) -> dt.datetime:
    """A committer date (``%ct``) as a UTC datetime. A commit object can hold
    any text there (`git hash-object --literally`): a date that is no number,
    or beyond the year 9999, is a GitError naming the commit, never a crash
    nor a commit left out of a history walk."""
    if not stamp.isascii() or not stamp.isdigit() or int(stamp) > _MAX_STAMP:
        shown = repr(stamp[:40]) if stamp else "none"
        raise GitError(
            f"commit {sha[:12]} has a committer date govern cannot use ({shown}; it must be "
            "seconds since 1970, before the year 10000), so no notice can be dated by it: "
            "the history that decides this change holds a malformed commit"
        )
    return dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)


def _dated_lines(out: str) -> list[tuple[str, str]]:
    """``%H %ct`` lines as (sha, stamp); the stamp is checked by :func:`_time`."""
    rows = []
    for line in out.splitlines():
        sha, _, stamp = line.partition(" ")
        if not _is_sha(sha):
            raise GitError(f"unexpected output of git rev-list: {line[:80]!r}")
        rows.append((sha, stamp.strip()))
    return rows


# The header `cat-file --batch` prints for an object it found (the format is
# given below): never the echo of a request, which holds a colon.
_FOUND = re.compile(rb"([0-9a-f]{40}|[0-9a-f]{64}) ([a-z]+) ([0-9]+)\n")
_BATCH_FORMAT = "%(objectname) %(objecttype) %(objectsize)"


def _is_sha(text: str) -> bool:
    return len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text)


# The repository's own configuration can name commands git runs while reading
# (core.fsmonitor on every index refresh); govern reads, and runs none of them.
_SAFE = (b"-c", b"core.fsmonitor=false")


def _read(path: str) -> bytes:
    """A working-tree file's bytes; never a FIFO's or a device's (no hang)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)
