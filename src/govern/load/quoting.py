"""Values and paths as messages quote them, cut to a bounded length: text
from files may be huge and comes from strangers (docs/security.md)."""

from __future__ import annotations

import itertools
import reprlib
from typing import Any

from govern.load.marks import Path

# What a message quotes of one value, and of a path (docs/security.md).
MAX_QUOTED = 40
MAX_PATH_PART = 80
MAX_PATH = 200


def dotted(path: Path) -> str:
    """A path as messages write it: ``schema[0].properties[2].name``; a key
    longer than 80 characters is cut, and a path longer than 200 characters
    keeps its start and its end."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = part if len(part) <= MAX_PATH_PART else part[: MAX_PATH_PART - 3] + "..."
            out += f".{text}" if out else text
    return middle_cut(out, MAX_PATH)


def middle_cut(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long: its start and its end, and
    between them how many characters were left out."""
    if len(text) <= limit:
        return text
    room = max(0, limit - len(f"...({len(text):,} characters left out)..."))
    head = room * 2 // 3
    tail = room - head
    end = text[len(text) - tail :] if tail else ""
    return f"{text[:head]}...({len(text) - head - tail:,} characters left out)...{end}"


def short_repr(value: Any) -> str:
    """A value as messages quote it, cut to 40 characters (a long text is cut
    before it is quoted: its whole ``repr`` is never built)."""
    # A list or mapping: a few items of the first levels.
    text = _head_repr(value, MAX_QUOTED) if isinstance(value, str) else _BOUNDED_REPR.repr(value)
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 3] + "..."


def _head_repr(text: str, length: int) -> str:
    """``repr`` of the first ``length`` characters of ``text``, with the quotes
    ``repr(text)`` has (" when it holds ' and no ")."""
    head = text[:length]
    if len(text) > length:
        head += "'" if "'" in text and '"' not in text else '"'
    return repr(head)


class _BoundedRepr(reprlib.Repr):
    """``repr`` that stops after what a quote of 40 characters can show (its
    first 37 characters are those of ``repr``), so a huge list is not written
    out whole to be cut; mappings keep their order (reprlib sorts them)."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 6
        self.maxtuple = self.maxlist = self.maxset = self.maxfrozenset = self.maxdict = 14
        self.maxstring = self.maxlong = self.maxother = 2 * MAX_QUOTED

    def repr_str(self, x: str, level: int) -> str:
        return _head_repr(x, self.maxstring)

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        pieces = [
            f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
            for k, v in itertools.islice(x.items(), self.maxdict)
        ]
        if len(x) > self.maxdict:
            pieces.append("...")
        return "{" + ", ".join(pieces) + "}"


_BOUNDED_REPR = _BoundedRepr()
