"""``govern convert FILE``: a contract between govern's format and ODCS v3, both ways.

The result goes to stdout, or to ``--output`` (never over an existing file
without ``--force``). What the target format cannot hold is listed on stderr,
one line each, naming where it is in the source. Exit 0 converted; 1 something
was not carried and ``--strict`` was given (the result is written all the
same); 2 the file cannot be read, is not a contract, or has shape or schema
errors (printed as ``govern lint`` prints them, at their lines).
"""

from __future__ import annotations

from govern.repo import UsageError

_NAMES = {"odcs": "an ODCS v3 contract", "native": "a contract in govern's format"}


def run(
    *, file: str, to: str | None, output: str | None, force: bool, strict: bool, color: bool
) -> int:
    from govern import convert
    from govern.convert import files
    from govern.load.documents import OdcsPositions, load_text
    from govern.load.yamlpos import parse
    from govern.reporters.text import error_line, problems

    if to not in (None, "odcs", "native"):
        raise UsageError(f"--to {to}: expected odcs or native")
    if output == "-":
        output = None  # the usual spelling of stdout
    if output is not None:
        files.check_output(output, force, file)
    text = files.read(file)
    if isinstance(text, list):
        problems(text, color=color)
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
    if target == "odcs":
        result, lost = convert.to_odcs(doc.model)
    else:
        native, lost = convert.to_native(parse(text).value)
        if native is None:  # pragma: no cover - load_text built the same contract
            return 2
        result = native
    rendered = convert.dump(result)
    if output is None:
        files.write_stdout(rendered)
    else:
        files.write(output, rendered, force)
    losses = convert.comment_losses(text) + lost
    for line, message in convert.placed(text, losses):
        error_line(f"{file}:{line}: {message}", color=color, label="warning")
    return 1 if strict and losses else 0
