"""``# govern: ignore[CODE, ...]`` comments: where each is and which line it
silences (its own line, or the next when the comment stands alone). The
engine matches them to findings and reports unused ones (GOV014)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The opening of a suppression; its codes run to the next `]`. (One pattern
# for both scanned to the end of the line from each `# govern: ignore[`
# without a `]`: quadratic in a line of many of them.)
_SUPPRESS = re.compile(r"(?:^|(?<=\s))#\s*govern:\s*ignore\[")
# Quoted scalars, blanked out before looking for a suppression comment, so
# that `description: "see # govern: ignore[GOV1]"` is text, not a comment.
_QUOTED = re.compile(r"""(?:^|(?<=[\s:\[{,-]))(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')""")


@dataclass
class Suppression:
    line: int  # the line the comment is on
    column: int
    target: int  # the line it silences
    codes: tuple[str, ...]


def suppressions(text: str) -> list[Suppression]:
    if "govern:" not in text:
        return []
    found: list[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "govern:" not in line:
            continue
        blanked = _QUOTED.sub(lambda q: " " * len(q.group()), line)
        m = _SUPPRESS.search(blanked)
        close = blanked.find("]", m.end()) if m is not None else -1
        if m is None or close == -1:
            continue
        codes = tuple(c.strip() for c in blanked[m.end() : close].split(",") if c.strip())
        own_line = line[: m.start()].strip() == ""
        found.append(Suppression(number, m.start() + 1, number + 1 if own_line else number, codes))
    return found
