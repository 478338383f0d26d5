"""What lint needs of a formula, kept between runs so that a warm run never imports sqlglot.

A pre-commit run lints the same formulas again and again. Whether a formula
parses, which columns it reads and whether it is a ratio, and whether a
dialect is known, are kept in a small cache (``~/.cache/govern``, keyed by the
formula, the dialect and the installed sqlglot and govern): a run whose
formulas are all in it never imports sqlglot. ``GOVERN_NO_CACHE=1`` turns the
cache off; ``GOVERN_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govern.sql.dialects import is_known
from govern.sql.formula import Column, parse

if TYPE_CHECKING:
    from govern.cache import ShardedCache


@dataclass(frozen=True)
class Analysis:
    """What lint needs of a formula; cheap to keep between runs."""

    error: str | None
    columns: tuple[Column, ...]
    ratio: bool


def analyze(text: str, dialect: str | None = None) -> Analysis:
    """Parse error, columns read, and whether it is a ratio: from the cache, or parsed."""
    key = f"f\x00{dialect or ''}\x00{text}"
    cache = _cache()
    hit = cache.get(key)
    if isinstance(hit, list) and len(hit) == 3:
        error, columns, ratio = hit
        return Analysis(error, tuple(Column(n, t) for t, n in columns), bool(ratio))
    # Imported here: the module imports sqlglot, which a cache hit never needs.
    from govern.sql.ratio import is_division

    parsed = parse(text, dialect)
    result = Analysis(parsed.error, parsed.columns, parsed.error is None and is_division(parsed))
    cache.put(key, [result.error, [[c.table, c.name] for c in result.columns], result.ratio])
    return result


def known_dialect(name: str) -> bool:
    key = f"d\x00{name}"
    cache = _cache()
    hit = cache.get(key)
    if isinstance(hit, bool):
        return hit
    known = is_known(name)
    cache.put(key, known)
    return known


@functools.cache
def _cache() -> ShardedCache:
    from govern.cache import open_cache

    return open_cache("formulas-v1", "sqlglot")
