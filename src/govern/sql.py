"""The only module that imports sqlglot: metric formulas as parsed SQL.

sqlglot is imported on first use, not at start-up: it costs about 0.1 s to
import, which a pre-commit run should not pay for formulas that did not
change. What lint needs of a formula (does it parse, which columns does it
read, is it a ratio) is therefore kept in a small cache file between runs
(``~/.cache/govern``, keyed by the formula, the dialect and the installed
sqlglot and govern); a run whose formulas are all in it never imports sqlglot.
``GOVERN_NO_CACHE=1`` turns the cache off; ``GOVERN_CACHE_DIR`` moves it.

``normalize()`` and ``difference()`` compare definitions (``govern conflicts``,
docs/conflicts.md): a formula's normal form, parsed once per run and kept in
memory only (it is a tree, and the command that needs it imports sqlglot anyway).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govern.cache import ShardedCache


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


@functools.cache
def _cache() -> ShardedCache:
    from govern.cache import open_cache

    return open_cache("formulas-v1", "sqlglot")


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


# --- comparing definitions (`govern conflicts`) ----------------------------------------------
#
# Two formulas are the same definition when their normal forms are equal. The
# normal form is the parsed tree (in the metric's dialect) with what does not
# change the number removed: the case of unquoted identifiers (and of quoted
# ones the dialect folds anyway), table qualifiers, aliases, comments,
# parentheses (put back only where precedence needs them), the order of the
# operands of commutative operators, and dialect spellings of one operation
# (`a::int` / `CAST(a AS INT)`, `iff` / `CASE`, `safe_divide(a, b)`, `a /
# nullif(b, 0)` and `a / b`, `count(1)` / `count(*)`). Nothing else is
# rewritten: `a - b + c` and `a + c - b` differ, as do `100` and `100.0`.


@dataclass(frozen=True)
class Normal:
    """A formula in normal form: ``key`` is equal for two formulas exactly when
    they are the same definition; ``tree`` is opaque outside this module."""

    key: str
    tree: Any


@dataclass(frozen=True)
class Part:
    """One part of a formula compared: ``left``/``right`` are None when it is the same."""

    label: str
    left: str | None = None
    right: str | None = None

    @property
    def same(self) -> bool:
        return self.left is None

    def __str__(self) -> str:
        if self.same:
            return f"{self.label} same"
        return f"{self.label} {self.left} vs {self.right}".lstrip()


@dataclass(frozen=True)
class Difference:
    """How two formulas differ, part by part: ``numerator same; denominator
    count(worker_id) vs count(line_item_id)``. ``context`` is the formula
    around the compared parts (``round(…, 2)``) when they are not the whole."""

    parts: tuple[Part, ...]
    context: str | None = None

    def __str__(self) -> str:
        body = "; ".join(str(p) for p in self.parts)
        return f"within {self.context}: {body}" if self.context else body


@functools.lru_cache(maxsize=4096)
def normalize(text: str, dialect: str | None = None) -> Normal | None:
    """The normal form of a formula (parsed once, cached); None when it does not parse."""
    parsed = parse(text, dialect)
    if parsed.error or parsed.tree is None:
        return None
    try:
        tree = _Normalizer(_dialect(dialect)).node(parsed.tree.copy())
        return Normal(_render(tree), tree)
    except RecursionError:  # as deep as the parser allows, and one level more
        return None


def same_formula(a: str, a_dialect: str | None, b: str, b_dialect: str | None) -> bool | None:
    """Whether two formulas are one definition; None when either does not parse."""
    na, nb = normalize(a, a_dialect), normalize(b, b_dialect)
    if na is None or nb is None:
        return None
    return na.key == nb.key


def difference(a: Normal, b: Normal) -> Difference | None:
    """Which parts of two normal forms differ; None when they are the same.

    A division is compared as numerator and denominator; a commutative
    operator by its operands whatever their order (``terms`` of ``+``,
    ``factors`` of ``*``, ``conditions`` of AND/OR, ``sides`` of ``=``); any
    other binary operator as left and right; a function by its arguments.
    When only one part differs, and it holds a division on both sides
    (``round(a / b, 2)``) or is partly the same (``count_if(x AND y)``), the
    comparison goes down into it, never below a division nor, but toward a
    division, below the operands of a commutative operator; ``context`` shows
    where it is."""
    if a.key == b.key:
        return None
    from sqlglot import exp

    node_a, node_b = a.tree, b.tree
    target = None  # the subtree of `a` compared, when not the whole formula
    while True:
        parts = _parts(node_a, node_b)
        if parts is None:
            whole = Part("formula" if target is None else "", _render(node_a), _render(node_b))
            found: tuple[Part, ...] = (whole,)
            break
        differing = [(x, y) for _, x, y in parts if _key(x) != _key(y)]
        if len(differing) == 1 and not isinstance(node_a, exp.Div):
            x, y = differing[0]
            inner = _parts(_bare(x), _bare(y))
            toward_division = _has_division(x) and _has_division(y)
            partly_same = any(_key(p) == _key(q) for _, p, q in inner or [])
            if inner is not None and (
                toward_division or (partly_same and not _commutative(node_a))
            ):
                target, node_a, node_b = x, _bare(x), _bare(y)
                continue
        found = tuple(_describe(node_a, parts))
        break
    context = None
    if target is not None:
        # The whole formula of `a`, with the compared subtree shown as `…`.
        marker = a.tree.copy()
        for copied, original in zip(marker.walk(), a.tree.walk(), strict=True):
            if original is target:
                copied.replace(exp.Var(this="…"))
                break
        context = _render(marker)
    return Difference(found, context)


# Operator precedence, loosest first, for putting back the parentheses a
# normal form needs (and only those). By sqlglot class name.
_PRECEDENCE: dict[str, int] = {
    "Or": 1,
    "And": 2,
    "Not": 3,
    **dict.fromkeys(["EQ", "NEQ", "NullSafeEQ", "NullSafeNEQ", "GT", "GTE", "LT", "LTE"], 4),
    **dict.fromkeys(["Is", "Like", "ILike", "SimilarTo", "Glob", "In", "Between"], 4),
    **dict.fromkeys(["BitwiseOr", "BitwiseXor", "BitwiseAnd"], 5),
    **dict.fromkeys(["BitwiseLeftShift", "BitwiseRightShift"], 6),
    "DPipe": 7,
    **dict.fromkeys(["Add", "Sub"], 8),
    **dict.fromkeys(["Mul", "Div", "Mod", "IntDiv"], 9),
    "Pow": 10,
    **dict.fromkeys(["Neg", "BitwiseNot"], 11),
    "Dot": 12,
}


def _precedence(node: Any) -> int | None:
    return _PRECEDENCE.get(type(node).__name__)


_COMMUTATIVE_LABELS = {"Add": "terms", "Mul": "factors", "And": "conditions", "Or": "conditions"}


def _commutative(node: Any) -> bool:
    from sqlglot import exp

    return isinstance(node, (exp.Add, exp.Mul, exp.And, exp.Or, exp.EQ, exp.NEQ, exp.NullSafeEQ))


def _dialect(dialect: str | None) -> Any:
    """The sqlglot dialect a metric is written in (generic SQL when it has none, or
    an unknown one), with its settings (``mysql, normalization_strategy = ...``)."""
    from sqlglot.dialects.dialect import Dialect

    name = _dialect_name(dialect) if dialect and _known_dialect(dialect) else None
    try:
        return Dialect.get_or_raise(name)
    except (ValueError, KeyError):
        return Dialect.get_or_raise(None)


class _Normalizer:
    def __init__(self, dialect: Any) -> None:
        self.dialect = dialect
        strategy = dialect.normalization_strategy  # sqlglot's NormalizationStrategy
        self.case_sensitive = str(getattr(strategy, "value", strategy)).lower() == "case_sensitive"

    def node(self, root: Any) -> Any:
        """Normalise ``root`` (a private copy) bottom-up; returns its replacement.

        Without recursion: a sum of a thousand terms is a thousand levels deep."""
        result = root
        for node in reversed(list(root.dfs())):  # every node after its descendants
            new = self.rewrite(node)
            if new is node:
                continue
            if node is result:
                result = new
                new.pop()  # no parent: it is the whole formula now
            else:
                node.replace(new)
        return result

    def rewrite(self, node: Any) -> Any:
        from sqlglot import exp

        node.comments = None
        if isinstance(node, (exp.Paren, exp.Alias)):
            return node.this
        if isinstance(node, exp.Identifier):
            return self.identifier(node)
        if isinstance(node, exp.Column):
            for part in ("table", "db", "catalog"):
                node.set(part, None)
            return node
        if isinstance(node.args.get("alias"), exp.TableAlias):
            node.set("alias", None)
        if isinstance(node, (exp.Anonymous, exp.AnonymousAggFunc)) and isinstance(node.this, str):
            node.set("this", node.this.lower())
        if isinstance(node, exp.SafeDivide):
            node = exp.Div(this=node.this, expression=node.expression)
        if isinstance(node, exp.Div):
            node.set("typed", None)
            node.set("safe", None)
            denominator = node.expression
            if (
                isinstance(denominator, exp.Nullif)
                and isinstance(denominator.expression, exp.Literal)
                and not denominator.expression.is_string
                and _is_zero(denominator.expression.this)
            ):
                node.set("expression", denominator.this)  # a / nullif(b, 0) is a / b
            node = _scale_out(node)
        if isinstance(node, exp.Is) and node.args.get("negate"):
            node.set("negate", None)  # Postgres' `a IS NOT NULL`: NOT a IS NULL elsewhere
            node = exp.Not(this=node)
        if isinstance(node, exp.If) and not (
            isinstance(node.parent, exp.Case) and node.arg_key == "ifs"
        ):  # a lone IF is a CASE; the branches of a CASE stay branches
            node = exp.Case(
                ifs=[exp.If(this=node.this, true=node.args.get("true"))],
                default=node.args.get("false"),
            )
        counted = _counted_condition(node)
        if counted is not None:  # sum(case when c then 1 else 0 end) is count_if(c)
            node = exp.CountIf(this=counted)
        if (
            isinstance(node, exp.Count)
            and isinstance(node.this, exp.Literal)
            and not node.this.is_string
            and node.this.this == "1"
        ):
            node.set("this", exp.Star())
        if _commutative(node) and not (
            type(node.parent) is type(node)
            and not isinstance(node, (exp.EQ, exp.NEQ, exp.NullSafeEQ))
        ):  # once per chain (`a + b + c`), at its top
            comparison = isinstance(node, (exp.EQ, exp.NEQ, exp.NullSafeEQ))
            operands = sorted(_flat(node), key=lambda o: _operand_order(o, comparison))
            node = _chain(type(node), operands)
        _parenthesize(node)
        return node

    def identifier(self, node: Any) -> Any:
        """A name as the dialect resolves it: in lower case and unquoted when the
        dialect folds its case, quoted as written when it does not.

        Unquoted names always fold (in a case-sensitive dialect too: they are
        compared in lower case, docs/conflicts.md). A quoted name folds when the
        dialect reads it case-insensitively (BigQuery, DuckDB, T-SQL: sqlglot
        lowers it) or when it is written in the case unquoted names fold to
        (Postgres ``"errors"``, Snowflake ``"ERRORS"``). Which dialect does what,
        and where (a BigQuery table name is case-sensitive, a column is not),
        is asked of sqlglot, not listed here: its list of strategies grows
        (30.x added ``CASE_INSENSITIVE_EXCEPT_TABLES`` for BigQuery)."""
        import re

        from sqlglot import exp

        name = str(node.this)
        if not node.quoted:
            plain = True
        elif self.case_sensitive:
            plain = name == name.lower()
        else:
            # In place, so that sqlglot sees where the name is (a column, a table).
            resolved = str(self.dialect.normalize_identifier(node).this)
            unquoted = self.dialect.normalize_identifier(exp.Identifier(this=name, quoted=False))
            plain = resolved != name or str(unquoted.this) == name
        if plain:
            name = name.lower()
        node.set("this", name)
        node.set("quoted", not plain or not re.fullmatch(r"[a-z_][a-z0-9_$]*", name))
        return node


def _counted_condition(node: Any) -> Any:
    """The condition ``c`` when ``node`` counts the rows where it holds:
    ``sum(case when c then 1 else 0 end)``, ``sum(case when c then 1 end)``,
    ``count(case when c then 1 end)`` (dbt's ``sum_boolean`` is the first),
    all ``count_if(c)``. None otherwise."""
    from sqlglot import exp

    if not isinstance(node, (exp.Sum, exp.Count)) or node.args.get("distinct"):
        return None
    case = node.this
    if not isinstance(case, exp.Case) or case.this is not None or len(case.args["ifs"]) != 1:
        return None
    branch = case.args["ifs"][0]
    default = case.args.get("default")

    def number(value: Any, digit: str) -> bool:
        return isinstance(value, exp.Literal) and not value.is_string and value.this == digit

    if not number(branch.args.get("true"), "1"):
        return None
    if isinstance(node, exp.Sum) and (default is None or number(default, "0")):
        return branch.this
    if isinstance(node, exp.Count) and (default is None or isinstance(default, exp.Null)):
        return branch.this
    return None


def _operand_order(node: Any, comparison: bool) -> tuple[bool, str]:
    """Operands of a commutative operator in a fixed order: by their SQL, and
    for a comparison the constant last (``status = 'paid'``, not ``'paid' = status``)."""
    from sqlglot import exp

    constant = isinstance(_bare(node), (exp.Literal, exp.Null, exp.Boolean))
    return (comparison and constant, _key(node))


def _scale_out(div: Any) -> Any:
    """``100 * a / b`` is ``a / b * 100``: numbers that scale the numerator are
    taken out of the division, so that a percentage reads the same however it
    is written."""
    from sqlglot import exp

    numerator = div.this
    if not isinstance(numerator, exp.Mul):
        return div
    factors = _operands(numerator, exp.Mul)
    numbers = [f for f in factors if isinstance(f, exp.Literal) and not f.is_string]
    rest = [f for f in factors if not any(f is n for n in numbers)]
    if not numbers or not rest:
        return div
    ratio = exp.Div(this=_chain(exp.Mul, rest), expression=div.expression)
    _parenthesize(ratio)
    return _chain(exp.Mul, sorted([*numbers, ratio], key=_key))


def _is_zero(text: Any) -> bool:
    try:
        return float(str(text)) == 0
    except ValueError:
        return False


def _operands(node: Any, kind: Any) -> list[Any]:
    """The operands of a chain of one associative operator (``a + b + c``), in order."""
    out: list[Any] = []
    stack = [node]
    while stack:
        current = _bare(stack.pop())
        if type(current) is kind:
            stack += [current.expression, current.this]
        else:
            out.append(current)
    return out


def _chain(kind: Any, operands: list[Any]) -> Any:
    node = _bare(operands[0])
    for operand in operands[1:]:
        node = kind(this=node, expression=_bare(operand))
        _parenthesize(node)
    return node


def _parenthesize(node: Any) -> None:
    """Put back the parentheses that ``node``'s operands need (and no others)."""
    from sqlglot import exp

    rank = _precedence(node)
    if rank is None:
        return
    keys = ["this"] if isinstance(node, (exp.Not, exp.Neg, exp.BitwiseNot)) else []
    if isinstance(node, exp.Binary):
        keys = ["this", "expression"]
    for key in keys:
        child = node.args.get(key)
        if not isinstance(child, exp.Expression):
            continue
        inner = _precedence(child)
        if inner is None and not (
            isinstance(child, exp.Binary) and not isinstance(child, exp.Func)
        ):
            continue  # a column, a literal, a function call, a CASE: delimited already
        if inner is not None and (inner > rank or (inner == rank and key == "this")):
            continue
        node.set(key, exp.Paren(this=child))


def _bare(node: Any) -> Any:
    from sqlglot import exp

    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _render(node: Any) -> str:
    from sqlglot.errors import ErrorLevel

    return str(
        node.sql(normalize_functions="lower", comments=False, unsupported_level=ErrorLevel.IGNORE)
    )


def _key(node: Any) -> str:
    return _render(_bare(node))


def _has_division(node: Any) -> bool:
    from sqlglot import exp

    return any(isinstance(n, exp.Div) for n in _bare(node).walk())


def _shape(node: Any) -> tuple[Any, ...]:
    """What must be equal for two nodes of one type to be compared part by part:
    every argument that is not an expression (a function's name, a flag), and
    how many expressions each argument holds."""
    from sqlglot import exp

    shape: list[Any] = [type(node).__name__]
    for key, value in sorted(node.args.items()):
        if isinstance(value, exp.Expression):
            shape.append((key, 1))
        elif isinstance(value, list):
            shape.append((key, len(value)))
        elif value not in (None, False, "", []):
            shape.append((key, value))
    return tuple(shape)


def _parts(a: Any, b: Any) -> list[tuple[str, Any, Any]] | None:
    """The parts of two nodes to compare one with the other, labelled; None when
    they are not comparable part by part (different operations, or leaves).

    The operands of a commutative operator are paired as bags: equal ones
    first, then what is left of each side, chained again (``b + c`` vs ``d``)."""
    from sqlglot import exp

    if type(a) is not type(b) or _shape(a) != _shape(b):
        return None
    if isinstance(a, exp.Div):
        return [("numerator", a.this, b.this), ("denominator", a.expression, b.expression)]
    if _commutative(a):
        return _paired_operands(a, b)
    if isinstance(a, exp.Binary) and _precedence(a) is not None:
        return [("left", a.this, b.this), ("right", a.expression, b.expression)]
    children_a, children_b = _children(a), _children(b)
    if not children_a or len(children_a) != len(children_b):
        return None
    if isinstance(a, exp.Func):
        single = len(children_a) == 1
        return [
            ("argument" if single else f"argument {i}", x, y)
            for i, (x, y) in enumerate(zip(children_a, children_b, strict=True), 1)
        ]
    return [("", x, y) for x, y in zip(children_a, children_b, strict=True)]


def _paired_operands(a: Any, b: Any) -> list[tuple[str, Any, Any]] | None:
    from sqlglot import exp

    right = _flat(b)
    unmatched: dict[str, list[int]] = {}
    for i, y in enumerate(right):
        unmatched.setdefault(_key(y), []).append(i)
    common: list[Any] = []
    left: list[Any] = []
    matched: set[int] = set()
    for x in _flat(a):
        candidates = unmatched.get(_key(x))
        if candidates:
            matched.add(candidates.pop(0))
            common.append(x)
        else:
            left.append(x)
    right = [y for i, y in enumerate(right) if i not in matched]
    if not common:
        return None  # nothing in common: the two are simply different
    kind = exp.EQ if isinstance(a, (exp.EQ, exp.NEQ, exp.NullSafeEQ)) else type(a)
    both = _chain(kind, [o.copy() for o in common])
    pairs: list[tuple[str, Any, Any]] = [("", both, both)]
    if left or right:
        pairs.append(("", _chain_or_nothing(kind, left), _chain_or_nothing(kind, right)))
    return pairs


def _chain_or_nothing(kind: Any, operands: list[Any]) -> Any:
    from sqlglot import exp

    if not operands:
        return exp.Var(this="nothing")
    if len(operands) == 1:
        return operands[0]  # itself, not a copy: the comparison may go down into it
    return _chain(kind, [o.copy() for o in operands])


def _flat(node: Any) -> list[Any]:
    from sqlglot import exp

    if isinstance(node, (exp.EQ, exp.NEQ, exp.NullSafeEQ)):
        return [_bare(node.this), _bare(node.expression)]
    return _operands(node, type(node))


def _children(node: Any) -> list[Any]:
    from sqlglot import exp

    out: list[Any] = []
    for key in node.arg_types:
        value = node.args.get(key)
        if isinstance(value, exp.Expression):
            out.append(value)
        elif isinstance(value, list):
            out += [v for v in value if isinstance(v, exp.Expression)]
    return out


def _describe(a: Any, parts: list[tuple[str, Any, Any]]) -> list[Part]:
    """Parts of ``a`` against ``b``: the same ones by label, the others as ``x vs y``."""
    if _commutative(a):
        label = _COMMUTATIVE_LABELS.get(type(a).__name__, "sides")
        common = _render(_bare(parts[0][1]))
        out = [Part(f"{label}: {common}")]
        if len(parts) > 1:
            out.append(Part("", _render(_bare(parts[1][1])), _render(_bare(parts[1][2]))))
        return out
    return [
        Part(label) if _key(x) == _key(y) else Part(label, _render(_bare(x)), _render(_bare(y)))
        for label, x, y in parts
    ]


def substitute(text: str, replacements: dict[str, str], dialect: str | None = None) -> str | None:
    """``text`` with each bare column named in ``replacements`` replaced by that
    (parenthesised) SQL: a dbt derived metric's ``expr`` over other metrics,
    resolved to SQL over their measures. None when something does not parse."""
    from sqlglot import exp

    tree = parse(text, dialect).tree
    if tree is None:
        return None
    parsed: dict[str, Any] = {}
    for name, sql_text in replacements.items():
        sub = parse(sql_text, dialect).tree
        if sub is None:
            return None
        parsed[name.casefold()] = sub

    def swap(node: Any) -> Any:
        if isinstance(node, exp.Column) and not node.table:
            found = parsed.get(node.name.casefold())
            if found is not None:
                return exp.Paren(this=found.copy())
        return node

    out = tree.copy().transform(swap)
    return str(out.sql(dialect=_dialect_name(dialect) if dialect else None))
