"""``govern codeowners``: write (or ``--check``) the CODEOWNERS block that
makes every contract change need its owner's and consumers' review."""

from __future__ import annotations

import os
import sys

from govern.project import Project
from govern.repo import UsageError


def run(*, repo: str | None, file: str, check: bool) -> int:
    from govern.reports.codeowners import block, merge

    project = Project.open(repo)
    root = project.root
    generated = block(project.repository().catalog)
    path = os.path.join(root, file)
    existing = _read(root, file)
    wanted = merge(existing, generated.lines)
    from govern.reporters.escape import control

    for team in generated.unmapped:
        sys.stderr.write(
            f"warning: team `{control(team)}` has no `github:` handle; it cannot be a code owner\n"
        )
    if check:
        if wanted != existing:
            print(f"{file} is stale: run `govern codeowners` and commit it")
            return 1
        print(f"{file} is up to date")
        return 0
    if wanted == existing:
        print(f"{file} is up to date")
        return 0
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if os.path.islink(path):  # never write through a link (it may lead anywhere)
        raise UsageError(f"{file} is a symlink: not written")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(wanted)
    print(f"wrote {file}")
    return 0


def _read(root: str, file: str) -> str:
    """The CODEOWNERS file as it is ("" when there is none): a pull request's
    file like any other, so a pipe, a link out of the repository or a huge
    file is refused (exit 2), never read."""
    from govern.findings import Problem
    from govern.load.files import read_bytes

    if not os.path.lexists(os.path.join(root, file)):
        return ""
    raw = read_bytes(root, file, max_size=1_000_000, limit="")
    if isinstance(raw, Problem):
        raise UsageError(f"{file}: {raw.message}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{file}: not UTF-8 text") from None
