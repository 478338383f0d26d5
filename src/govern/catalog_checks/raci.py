"""What a RACI cell says: ``R/A`` is Responsible and Accountable (seed 004).

Lint checks the letters (GOV503-505); ``govern conflicts`` compares two rows of
one activity. Both read a cell the same way: letters separated by ``/``,
spaces and case ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

LETTERS = ("R", "A", "C", "I")  # in the order a canonical cell lists them


def letters(cell: str) -> list[str]:
    """The letters of a cell as written, in order, repeats kept (GOV505 reports them)."""
    return [p.strip().upper() for p in cell.split("/") if p.strip()]


def well_formed(cell: str) -> bool:
    """Some letters, each one of R, A, C, I, none twice."""
    found = letters(cell)
    return bool(found) and all(x in LETTERS for x in found) and len(set(found)) == len(found)


def canonical(cell: str) -> str:
    """The cell in one spelling, so that ``A/R`` and ``r/a`` compare equal:
    R, A, C, I in that order, then any other letters sorted."""
    found = set(letters(cell))
    known = [x for x in LETTERS if x in found]
    return "/".join(known + sorted(found - set(LETTERS)))


def holding(row: Mapping[str, str], letter: str) -> list[str]:
    """The teams of a row whose cell includes ``letter``, in the row's order."""
    return [team for team, cell in row.items() if letter in letters(cell)]
