"""The normal form of a formula: what ``govern conflicts`` and ``govern breaking`` compare.

Two formulas are the same definition when their normal forms are equal
(docs/conflicts.md). The normal form is the parsed tree (in the metric's
dialect) with what does not change the number removed: the case of unquoted
identifiers (and of quoted ones the dialect folds anyway), table qualifiers,
aliases, comments, parentheses (put back only where precedence needs them),
the order of the operands of commutative operators, and dialect spellings of
one operation (`a::int` / `CAST(a AS INT)`, `iff` / `CASE`, `safe_divide(a,
b)`, `a / nullif(b, 0)` and `a / b`, `count(1)` / `count(*)`). Nothing else is
rewritten: `a - b + c` and `a + c - b` differ, as do `100` and `100.0`.

Kept in memory only, parsed once per run: it is a tree, and the commands that
need it import sqlglot anyway. Which is why this module imports sqlglot at the
top, and is itself imported only when a formula is compared.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from govern.sql.dialects import sqlglot_dialect
from govern.sql.formula import parse
from govern.sql.operators import bare, chain, commutative, flat, key, operands, parenthesize, render


@dataclass(frozen=True)
class Normal:
    """A formula in normal form: ``key`` is equal for two formulas exactly when
    they are the same definition; ``tree`` is opaque outside the govern.sql package."""

    key: str
    tree: Any


@functools.lru_cache(maxsize=4096)
def normalize(text: str, dialect: str | None = None) -> Normal | None:
    """The normal form of a formula (parsed once, cached); None when it does not parse."""
    parsed = parse(text, dialect)
    if parsed.error or parsed.tree is None:
        return None
    try:
        tree = _Normalizer(sqlglot_dialect(dialect)).node(parsed.tree.copy())
        return Normal(render(tree), tree)
    except RecursionError:  # as deep as the parser allows, and one level more
        return None


def same_formula(a: str, a_dialect: str | None, b: str, b_dialect: str | None) -> bool | None:
    """Whether two formulas are one definition; None when either does not parse."""
    na, nb = normalize(a, a_dialect), normalize(b, b_dialect)
    if na is None or nb is None:
        return None
    return na.key == nb.key


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
        if commutative(node) and not (
            type(node.parent) is type(node)
            and not isinstance(node, (exp.EQ, exp.NEQ, exp.NullSafeEQ))
        ):  # once per chain (`a + b + c`), at its top
            comparison = isinstance(node, (exp.EQ, exp.NEQ, exp.NullSafeEQ))
            items = sorted(flat(node), key=lambda o: _operand_order(o, comparison))
            node = chain(type(node), items)
        parenthesize(node)
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
    constant = isinstance(bare(node), (exp.Literal, exp.Null, exp.Boolean))
    return (comparison and constant, key(node))


def _scale_out(div: Any) -> Any:
    """``100 * a / b`` is ``a / b * 100``: numbers that scale the numerator are
    taken out of the division, so that a percentage reads the same however it
    is written."""
    numerator = div.this
    if not isinstance(numerator, exp.Mul):
        return div
    factors = operands(numerator, exp.Mul)
    numbers = [f for f in factors if isinstance(f, exp.Literal) and not f.is_string]
    rest = [f for f in factors if not any(f is n for n in numbers)]
    if not numbers or not rest:
        return div
    ratio = exp.Div(this=chain(exp.Mul, rest), expression=div.expression)
    parenthesize(ratio)
    return chain(exp.Mul, sorted([*numbers, ratio], key=key))


def _is_zero(text: Any) -> bool:
    try:
        return float(str(text)) == 0
    except ValueError:
        return False
