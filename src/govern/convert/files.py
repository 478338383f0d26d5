"""The files `govern convert` reads and writes. The input may be any path a
user names (`/dev/stdin` too), so it is read by size, not by kind; the output
is never written through a link, over the input, or over a file without
``--force``."""

from __future__ import annotations

import os

from govern.findings import Location, Problem
from govern.repo import UsageError

# As govern.yaml's default `max_file_size`: the file may come from anyone.
MAX_SIZE = 2_000_000


def read(file: str) -> str | list[Problem]:
    """The file's text, or the problems that kept it unread."""
    from govern.load.files import decode

    if not os.path.exists(file):
        raise UsageError(f"{file}: no such file")
    if os.path.isdir(file):
        raise UsageError(f"{file} is a directory: convert takes one contract file")
    try:
        size = os.stat(file).st_size
        if size > MAX_SIZE:
            message = f"file is {size:,} bytes, over the {MAX_SIZE:,}-byte limit; not read"
            return [Problem(Location(file), message, "GOV011")]
        with open(file, "rb") as fh:
            raw = fh.read(MAX_SIZE + 1)
        if len(raw) > MAX_SIZE:  # a pipe or a growing file: its size said nothing
            message = f"file is over the {MAX_SIZE:,}-byte limit; not read"
            return [Problem(Location(file), message, "GOV011")]
    except OSError as exc:
        return [Problem(Location(file), f"cannot read file: {exc.strerror}", "GOV009")]
    source = decode(file, raw)
    return source.text if source.text is not None else list(source.problems)


def check_output(output: str, force: bool, file: str) -> None:
    """Refuse before any work is done: a directory, a symlink (writing through
    it would write elsewhere), an existing file without --force, the input."""
    if os.path.exists(output) and os.path.exists(file) and os.path.samefile(output, file):
        raise UsageError(f"--output {output} is the file being converted: not replaced")
    if os.path.isdir(output):
        raise UsageError(f"--output {output} is a directory")
    if os.path.islink(output):
        raise UsageError(f"--output {output} is a symlink: not written through")
    if os.path.exists(output) and not force:
        raise UsageError(f"--output {output} exists: pass --force to replace it")
    parent = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(parent):
        raise UsageError(f"--output {output}: no such directory {parent}")


def write(output: str, text: str, force: bool) -> None:
    # O_EXCL creates the file only if it does not exist, so a file that
    # appeared since the check is not replaced either.
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    # A symlink made since the check is not followed either.
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        with os.fdopen(os.open(output, flags, 0o666), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise UsageError(f"--output {output} exists: pass --force to replace it") from None
    except OSError as exc:
        import errno

        if exc.errno == errno.ELOOP:
            raise UsageError(f"--output {output} is a symlink: not written through") from None
        raise UsageError(f"--output {output}: cannot write: {exc.strerror}") from None


def write_stdout(text: str) -> None:
    import sys

    try:
        if sys.stdout is None:
            raise OSError("stdout is closed")
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:  # a full disk, a closed pipe: say so, exit 2
        detail = exc.strerror or str(exc)
        raise UsageError(f"cannot write the result to stdout: {detail}") from None
