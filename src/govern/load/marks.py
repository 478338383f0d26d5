"""Where things are in a YAML file, and what went wrong there: the mark of
a value or key, the marks of a whole document by path, and the two ways
reading YAML fails (a problem to report, or a file that is not YAML at all)."""

from __future__ import annotations

from dataclasses import dataclass, field

Key = str | int
Path = tuple[Key, ...]


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class YamlIssue:
    """A non-fatal problem found while reading (duplicate key, odd tag)."""

    code: str
    mark: Mark
    message: str


class YamlError(Exception):
    """The file cannot be read as YAML at all."""

    def __init__(self, code: str, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.mark = mark
        self.message = message


@dataclass
class Positions:
    """Marks of every value and every mapping key, by path from the root."""

    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def value(self, path: Path) -> Mark:
        """Mark of the value at ``path``, or of its nearest ancestor that exists."""
        for i in range(len(path), -1, -1):
            found = self.values.get(path[:i])
            if found is not None:
                return found
        return Mark(1, 1)

    def key(self, path: Path) -> Mark:
        """Mark of the mapping key that names ``path`` (the value's for list items)."""
        found = self.keys.get(path)
        return found if found is not None else self.value(path)
