"""Regenerate the files derived from code: ``docs/rules.md`` from the rule
registry and ``src/govern/schemas/*.json`` from the models.

    python -m govern.generate            # write them
    python -m govern.generate --check    # exit 1 when one is stale (CI)
"""

from __future__ import annotations

import sys
from pathlib import Path

from govern.reporters.rule_docs import reference
from govern.schemas.generate import KINDS, render


def targets(project: Path) -> dict[Path, str]:
    out = {project / "docs" / "rules.md": reference()}
    for kind in KINDS:
        out[project / "src" / "govern" / "schemas" / f"{kind}.json"] = render(kind)
    return out


def main(argv: list[str]) -> int:
    project = Path(__file__).resolve().parents[2]
    stale = []
    for path, text in targets(project).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(project).as_posix())
        if "--check" not in argv:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if "--check" in argv and stale:
        print(f"stale: {', '.join(stale)}; run `python -m govern.generate`")
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
