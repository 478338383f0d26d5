"""What a conversion leaves behind: one :class:`Loss` for each thing of the
source document the target format cannot hold, in both directions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govern.load.yamlpos import Path

NOT_CARRIED = "has no place in govern's format: not carried"
EMPTY = "{} (native) is an empty mapping: ODCS has no place for it: not carried"


@dataclass(frozen=True)
class Loss:
    """Something of the source document the target format cannot hold."""

    path: Path  # where it is in the source document (native YAML or ODCS)
    message: str  # names the path: "servers (ODCS) has no place in govern's format..."
    line: int | None = None  # when the path does not say where (a comment)


def short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def comment_losses(text: str) -> list[Loss]:
    """``# govern: ignore[...]`` comments: they silence findings on lines of
    this file, which the other format does not have."""
    # Imported when needed: converting values (to_odcs, to_native) needs no loader.
    from govern.load.documents import suppressions

    lines = text.splitlines()
    out = []
    for s in suppressions(text):
        comment = lines[s.line - 1][s.column - 1 :].strip()
        out.append(
            Loss(
                (),
                f"`{short(comment)}` is a comment: not carried, so it silences nothing there",
                s.line,
            )
        )
    return out


def placed(text: str, losses: list[Loss]) -> list[tuple[int, str]]:
    """(line, message) of each loss, in file order: a loss whose path says
    where it is gets the line of that key (or value) in ``text``."""
    from govern.load.yamlpos import positions

    marks = positions(text) if any(loss.line is None for loss in losses) else None
    lines: list[tuple[int, str]] = []
    for loss in losses:
        line = loss.line
        if line is None and marks is not None:
            at = loss.path
            line = (marks.key(at) if at and isinstance(at[-1], str) else marks.value(at)).line
        lines.append((line or 1, loss.message))
    return sorted(lines, key=lambda item: item[0])
