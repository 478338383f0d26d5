"""The only module that imports sqlglot: metric formulas as parsed SQL.

sqlglot is imported on first use, not at start-up: it costs about 0.1 s to
import, which a pre-commit run should not pay for formulas that did not
change. What lint needs of a formula (does it parse, which columns does it
read, is it a ratio) is therefore kept in a small cache file between runs
(``~/.cache/govern``, keyed by the formula, the dialect and the installed
sqlglot and govern); a run whose formulas are all in it never imports sqlglot.
``GOVERN_NO_CACHE=1`` turns the cache off; ``GOVERN_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
from dataclasses import dataclass
from typing import Any

from govern import __version__


@dataclass(frozen=True)
class Column:
    name: str
    table: str  # "" when unqualified; all qualifiers of a nested path: `a.b` of `a.b.c`

    @property
    def dotted(self) -> str:
        return f"{self.table}.{self.name}" if self.table else self.name


@dataclass(frozen=True)
class Formula:
    """A parsed formula: ``error`` is None when it parses."""

    text: str
    dialect: str | None
    error: str | None
    columns: tuple[Column, ...] = ()
    tree: Any = None  # sqlglot expression; opaque outside this module


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
    known = _known_dialect(name)
    cache.put(key, known)
    return known


class _Cache:
    """JSON files of analyses, in 256 shards by a hash of the key, so that a
    run reads only the shards of its own formulas (a small repository does
    not load the analyses of a large one), written at exit when they grew."""

    _MAX_PER_SHARD = 500

    def __init__(self, directory: str | None) -> None:
        self.directory = directory
        self.shards: dict[str, dict[str, Any]] = {}
        self.dirty: set[str] = set()

    def _shard(self, key: str) -> tuple[str, dict[str, Any]]:
        import hashlib

        name = hashlib.sha1(key.encode("utf-8")).hexdigest()[:2]
        shard = self.shards.get(name)
        if shard is None:
            shard = {}
            if self.directory is not None:
                try:
                    with open(os.path.join(self.directory, f"{name}.json"), encoding="utf-8") as fh:
                        loaded = json.load(fh)
                    if isinstance(loaded, dict):
                        shard = loaded
                except (OSError, ValueError):
                    pass  # no cache yet, or a damaged one: start afresh
            self.shards[name] = shard
        return name, shard

    def get(self, key: str) -> Any:
        if self.directory is None:
            return None
        return self._shard(key)[1].get(key)

    def put(self, key: str, value: Any) -> None:
        if self.directory is None:
            return
        name, shard = self._shard(key)
        if not self.dirty:
            atexit.register(self.save)
        shard[key] = value
        self.dirty.add(name)

    def save(self) -> None:
        if self.directory is None:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            for name in sorted(self.dirty):
                items = list(self.shards[name].items())[-self._MAX_PER_SHARD :]
                path = os.path.join(self.directory, f"{name}.json")
                tmp = f"{path}.{os.getpid()}.tmp"
                with open(tmp, "w", encoding="utf-8") as fh:
                    json.dump(dict(items), fh)
                os.replace(tmp, path)  # atomic: a concurrent run sees old or new
        except OSError:
            pass  # a read-only home is no reason to fail a lint
        self.dirty.clear()


@functools.cache
def _cache() -> _Cache:
    if os.environ.get("GOVERN_NO_CACHE"):
        return _Cache(None)
    import importlib.util

    spec = importlib.util.find_spec("sqlglot")
    if spec is None or spec.origin is None:
        return _Cache(None)
    try:
        # A reinstalled sqlglot has a new file time: its answers may differ.
        stamp = os.stat(spec.origin).st_mtime_ns
    except OSError:
        return _Cache(None)
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    base = os.environ.get("GOVERN_CACHE_DIR") or os.path.join(home, "govern")
    return _Cache(os.path.join(base, f"formulas-v1-{__version__}-{stamp}"))


def dialect_names() -> list[str]:
    import sqlglot

    return sorted(name.lower() for name in sqlglot.dialects.DIALECTS)


def _dialect_name(name: str) -> str:
    """People write `Snowflake` and `BigQuery`; sqlglot names dialects in
    lowercase. Settings after a comma (`mysql, normalization_strategy = ...`)
    are passed on as written."""
    head, comma, settings = name.strip().partition(",")
    return head.strip().lower() + comma + settings


@functools.cache
def _known_dialect(name: str) -> bool:
    from sqlglot.dialects.dialect import Dialect

    try:
        Dialect.get_or_raise(_dialect_name(name))
    except (ValueError, KeyError):
        return False
    return True


@functools.lru_cache(maxsize=4096)
def parse(text: str, dialect: str | None = None) -> Formula:
    """Parse a formula once (cached: a formula is read by several rules)."""
    import sqlglot
    from sqlglot import exp

    read = _dialect_name(dialect) if dialect and _known_dialect(dialect) else None
    try:
        statements = [t for t in sqlglot.parse(text, read=read) if t is not None]
    except sqlglot.errors.ParseError as err:
        detail = err.errors[0] if err.errors else {}
        desc = str(detail.get("description") or "cannot parse").split(". Line")[0]
        col = detail.get("col")
        where = f" near column {col}" if col else ""
        return Formula(text, dialect, f"{desc}{where}")
    except RecursionError:  # sqlglot's parser recurses once per nesting level
        return Formula(text, dialect, "the formula nests too deeply to read")
    except Exception as err:  # sqlglot raises assorted errors on odd input
        return Formula(text, dialect, str(err).splitlines()[0] or type(err).__name__)
    if not statements:
        return Formula(text, dialect, "the formula is empty")
    if len(statements) > 1:  # `a / b; DROP TABLE t` is not one definition
        return Formula(text, dialect, "a formula is one SQL expression, not several statements")
    tree = statements[0]
    if (
        isinstance(tree, exp.Query)
        or not isinstance(tree, exp.Expression)
        or isinstance(tree, (exp.Insert, exp.Update, exp.Delete, exp.Create, exp.Drop, exp.Command))
    ):
        return Formula(text, dialect, "a formula is an SQL expression, not a statement")
    if isinstance(tree, exp.Alias):
        return Formula(text, dialect, "a formula has no alias (`AS name`): the metric id names it")
    # `a.b.c` reads field c of object b of object a: keep the whole path, not
    # sqlglot's table part alone (`b`).
    columns = tuple(
        dict.fromkeys(
            Column(c.name, ".".join(p.name for p in c.parts[:-1]))
            for c in tree.find_all(exp.Column)
            if c.name
        )
    )
    return Formula(text, dialect, None, columns, tree)


def is_division(formula: Formula) -> bool:
    """True when the formula's value is a division (a ratio).

    Seen through what keeps a ratio a ratio: parentheses, casts, rounding,
    ``coalesce``, scaling by a number (``a / b * 100``), the guarded forms
    (``safe_divide``, Snowflake's ``div0``, ``CASE WHEN d = 0 THEN NULL ELSE
    n / d END``)."""
    return _divides(formula.tree)


def _divides(node: Any) -> bool:
    from sqlglot import exp

    while isinstance(node, (exp.Paren, exp.Cast, exp.Round, exp.Coalesce)):
        node = node.this
    if isinstance(node, (exp.Div, exp.SafeDivide)):
        return True
    if isinstance(node, exp.Mul):
        sides = (node.this, node.expression)
        return any(
            isinstance(s, exp.Literal) and not s.is_string and _divides(o)
            for s, o in (sides, sides[::-1])
        )
    if isinstance(node, exp.If):
        return _divides(node.args.get("true")) or _divides(node.args.get("false"))
    if isinstance(node, exp.Case):
        branches = [i.args.get("true") for i in node.args.get("ifs") or []]
        return any(_divides(b) for b in [*branches, node.args.get("default")])
    return False


def canonical(text: str, dialect: str | None = None) -> str | None:
    """The formula in a normal form for comparing definitions (None when it
    does not parse): identifiers lower-cased unless quoted, table qualifiers
    dropped, whitespace and keyword case normalised by sqlglot's generator."""
    from sqlglot import exp

    parsed = parse(text, dialect)
    if parsed.error or parsed.tree is None:
        return None
    tree = parsed.tree.copy()
    for column in tree.find_all(exp.Column):
        for part in ("table", "db", "catalog"):
            column.set(part, None)
    return str(tree.sql(normalize=True))
