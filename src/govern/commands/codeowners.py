"""``govern codeowners``: write (or ``--check``) the CODEOWNERS block that
makes every contract change need its owner's and consumers' review."""

from __future__ import annotations

import os
import sys

from govern import config as config_mod
from govern.repo import UsageError, find_root


def run(*, repo: str | None, file: str, check: bool) -> int:
    from govern.engine import load_repository
    from govern.reports.codeowners import block, merge
    from govern.rules import resolve

    root = find_root(repo)
    config = config_mod.load(root, resolve).config
    generated = block(load_repository(root, config).catalog)
    path = os.path.join(root, file)
    try:
        with open(path, encoding="utf-8") as fh:
            existing = fh.read()
    except FileNotFoundError:
        existing = ""
    except OSError as exc:
        raise UsageError(f"{file}: {exc.strerror}") from None
    wanted = merge(existing, generated.lines)
    for team in generated.unmapped:
        sys.stderr.write(
            f"warning: team `{team}` has no `github:` handle; it cannot be a code owner\n"
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
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(wanted)
    print(f"wrote {file}")
    return 0
