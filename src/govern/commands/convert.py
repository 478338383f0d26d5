"""``govern convert FILE``: a contract between govern's format and ODCS v3, both ways.

The result goes to stdout, or to ``--output`` (never over an existing file
without ``--force``). What the target format cannot hold is listed on stderr,
one line each, naming where it is in the source. Exit 0 converted; 1 something
was not carried and ``--strict`` was given (the result is written all the
same); 2 the file cannot be read, is not a contract, or has shape or schema
errors (printed as ``govern lint`` prints them, at their lines).
"""

from __future__ import annotations

import os
import sys

from govern.repo import UsageError

# As govern.yaml's default `max_file_size`: the file may come from anyone.
MAX_SIZE = 2_000_000
_NAMES = {"odcs": "an ODCS v3 contract", "native": "a contract in govern's format"}


def run(
    *, file: str, to: str | None, output: str | None, force: bool, strict: bool, color: bool
) -> int:
    from govern import convert
    from govern.load.documents import OdcsPositions, load_text
    from govern.load.yamlpos import parse, positions
    from govern.reporters.text import error_line, problems

    if to not in (None, "odcs", "native"):
        raise UsageError(f"--to {to}: expected odcs or native")
    if output == "-":
        output = None  # the usual spelling of stdout
    if output is not None:
        _check_output(output, force, file)
    text = _read(file, color=color)
    if text is None:
        return 2
    loaded = load_text(file, text)
    if loaded.problems:
        problems(loaded.problems, color=color)
        return 2
    doc = loaded.document
    if doc is None or doc.model is None:  # pragma: no cover - a problem says why
        return 2
    if doc.kind != "contract":
        error_line(f"{file} is a {doc.kind}, not a contract: only contracts convert", color=color)
        return 2
    source = "odcs" if isinstance(doc.positions, OdcsPositions) else "native"
    target = to or ("native" if source == "odcs" else "odcs")
    if target == source:
        other = "native" if source == "odcs" else "odcs"
        raise UsageError(f"{file} is already {_NAMES[source]}: nothing to convert (--to {other})")
    losses = convert.comment_losses(text)
    if target == "odcs":
        result, lost = convert.to_odcs(doc.model)
    else:
        native, lost = convert.to_native(parse(text).value)
        if native is None:  # pragma: no cover - load_text built the same contract
            return 2
        result = native
    losses += lost
    rendered = convert.dump(result)
    if output is None:
        try:
            if sys.stdout is None:
                raise OSError("stdout is closed")
            sys.stdout.write(rendered)
            sys.stdout.flush()
        except OSError as exc:  # a full disk, a closed pipe: say so, exit 2
            detail = exc.strerror or str(exc)
            raise UsageError(f"cannot write the result to stdout: {detail}") from None
    else:
        _write(output, rendered, force)
    marks = positions(text) if any(loss.line is None for loss in losses) else None
    lines: list[tuple[int, str]] = []
    for loss in losses:
        line = loss.line
        if line is None and marks is not None:
            at = loss.path
            line = (marks.key(at) if at and isinstance(at[-1], str) else marks.value(at)).line
        lines.append((line or 1, loss.message))
    for line, message in sorted(lines, key=lambda item: item[0]):  # in file order
        error_line(f"{file}:{line}: {message}", color=color, label="warning")
    return 1 if strict and losses else 0


def _read(file: str, *, color: bool) -> str | None:
    """The file's text; None (problems printed) when it cannot be read as text."""
    from govern.findings import Location, Problem
    from govern.load.files import decode
    from govern.reporters.text import problems

    if not os.path.exists(file):
        raise UsageError(f"{file}: no such file")
    if os.path.isdir(file):
        raise UsageError(f"{file} is a directory: convert takes one contract file")
    try:
        size = os.stat(file).st_size
        if size > MAX_SIZE:
            message = f"file is {size:,} bytes, over the {MAX_SIZE:,}-byte limit; not read"
            problems([Problem(Location(file), message, "GOV011")], color=color)
            return None
        with open(file, "rb") as fh:
            raw = fh.read(MAX_SIZE + 1)
        if len(raw) > MAX_SIZE:  # a pipe or a growing file: its size said nothing
            message = f"file is over the {MAX_SIZE:,}-byte limit; not read"
            problems([Problem(Location(file), message, "GOV011")], color=color)
            return None
    except OSError as exc:
        problem = Problem(Location(file), f"cannot read file: {exc.strerror}", "GOV009")
        problems([problem], color=color)
        return None
    source = decode(file, raw)
    if source.text is None:
        problems(source.problems, color=color)
    return source.text


def _check_output(output: str, force: bool, file: str) -> None:
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


def _write(output: str, text: str, force: bool) -> None:
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
