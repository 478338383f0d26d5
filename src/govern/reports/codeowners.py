"""CODEOWNERS lines from the ownership data: a change to a contract needs a
review from its owner and its consumer teams, a change to a metric from its
owner and approvers. This is what makes a waiver's `approved_by` real."""

from __future__ import annotations

from dataclasses import dataclass

from govern.catalog import Catalog

BEGIN = "# BEGIN govern codeowners: generated from ownership/ by `govern codeowners`; do not edit"
END = "# END govern codeowners"


@dataclass(frozen=True)
class Block:
    lines: list[str]
    unmapped: list[str]  # teams with no `github:` handle


def _pattern(path: str) -> str:
    # CODEOWNERS is gitignore-like: escape what it would read as a pattern.
    safe = "".join(f"\\{c}" if c in " #*?[]!\\" else c for c in path)
    return "/" + safe


def block(catalog: Catalog) -> Block:
    handles: dict[str, str] = {}
    for entry in catalog.team_entries():
        if entry.value.github:
            handles.setdefault(entry.id, entry.value.github)
    unmapped: set[str] = set()
    lines = [BEGIN]

    def owners(teams: list[str]) -> list[str]:
        out = []
        for team in dict.fromkeys(teams):
            handle = handles.get(team)
            if handle:
                out.append(handle)
            else:
                unmapped.add(team)
        return out

    rows: list[tuple[str, list[str]]] = []
    for doc, c in catalog.contract_docs():
        rows.append(
            (doc.path, owners([*([c.owner] if c.owner else []), *(x.team for x in c.consumers)]))
        )
    for mdoc, m in catalog.metric_docs():
        rows.append((mdoc.path, owners([*([m.owner] if m.owner else []), *m.approved_by])))
    for path, who in sorted(rows):
        if who:
            lines.append(f"{_pattern(path)} {' '.join(who)}")
        else:
            lines.append(f"# {_pattern(path)}: no team with a `github:` handle")
    lines.append(END)
    return Block(lines, sorted(unmapped))


def merge(existing: str, lines: list[str]) -> str:
    """``existing`` CODEOWNERS with govern's block replaced (or appended); the
    rest of the file is the user's and stays as it is."""
    old = existing.splitlines()
    if BEGIN in old and END in old[old.index(BEGIN) :]:
        start = old.index(BEGIN)
        end = old.index(END, start)
        new = old[:start] + lines + old[end + 1 :]
    else:
        new = [*old, *([""] if old and old[-1].strip() else []), *lines]
    return "\n".join(new) + "\n"
