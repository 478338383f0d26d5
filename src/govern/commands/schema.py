"""``govern schema contract|metric|ownership|config``: the JSON Schema of a
format, for editors (yaml-language-server) to validate as people type. The
shipped file is printed; ``govern/schemas/generate.py`` makes it."""

from __future__ import annotations

from govern.schemas.generate import KINDS, generate, shipped

# tests/test_generated.py imports these three from here.
__all__ = ["KINDS", "generate", "run", "shipped"]


def run(*, kind: str) -> int:
    print(shipped(kind), end="")
    return 0
