"""Text of one file -> a typed :class:`Document` plus the problems found.

Shape errors come from pydantic and are mapped back to the line and column of
the offending key or value. A document with shape errors is pruned of the
offending parts and validated again, so the rest of it is still checked by
the rules (all findings of a file at once, not the first only).

One job a module: documents here (``load_text``, ``Document``);
``doc_kinds`` (which kind, ids of broken files), ``validation`` and
``shape_problems`` (pydantic, pruning, the messages), ``suppressions``
(ignore comments), ``lazy_positions`` (marks when a finding needs them). The
names importers know are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from govern.findings import Location, Problem
from govern.load import odcs
from govern.load.doc_kinds import DocKind, classify, recover_ids, unknown_kind_message
from govern.load.lazy_positions import LazyPositions, OdcsPositions
from govern.load.suppressions import Suppression, suppressions
from govern.load.validation import validate
from govern.load.yamlpos import YamlError, parse
from govern.model.contract import Contract
from govern.model.metric import Metric
from govern.model.ownership import Ownership

__all__ = [
    "MAX_FIELDS",
    "MODELS",
    "DocKind",
    "Document",
    "LazyPositions",
    "Loaded",
    "OdcsPositions",
    "Suppression",
    "classify",
    "field_count",
    "load_text",
    "recover_ids",
    "suppressions",
    "validate",
]

M = TypeVar("M", bound=BaseModel)

MODELS: dict[str, type[BaseModel]] = {
    "contract": Contract,
    "metric": Metric,
    "ownership": Ownership,
}
# Fields of one native contract, nested fields and array items counted: more
# is refused (GOV012) before validation and rules, which work per field.
MAX_FIELDS = 10_000


@dataclass
class Document(Generic[M]):
    path: str
    kind: DocKind
    model: M | None  # None when the shape is too broken to build the model
    # The values as written, kept only for a document with shape errors (the
    # model lacks what was pruned; rules look there before reporting "missing").
    # A complete document's model holds it all: `{}` saves memory (half of it
    # on 10,000 contracts).
    data: dict[str, Any]
    positions: LazyPositions
    suppressions: list[Suppression] = field(default_factory=list)
    # False when the file had shape errors and the model was built from the
    # rest of it: good enough for lint, never for a verdict on a change.
    complete: bool = True
    # An ODCS document's values as written, always: the native model holds
    # only what the mapping reads, and `govern breaking` compares the rest
    # (changes/unclassified.py). None for a native document.
    odcs: dict[str, Any] | None = None

    def at(self, *path: str | int) -> Location:
        """Location of the value at ``path`` (or its nearest existing ancestor)."""
        mark = self.positions.value(path)
        return Location(self.path, mark.line, mark.column)

    def key_at(self, *path: str | int) -> Location:
        """Location of the key that names ``path``."""
        mark = self.positions.key(path)
        return Location(self.path, mark.line, mark.column)


@dataclass
class Loaded:
    document: Document[Any] | None
    problems: list[Problem]


def load_text(path: str, text: str) -> Loaded:
    try:
        parsed = parse(text)
    except YamlError as exc:
        return Loaded(
            None, [Problem(Location(path, exc.mark.line, exc.mark.column), exc.message, exc.code)]
        )
    problems = [
        Problem(Location(path, i.mark.line, i.mark.column), i.message, i.code)
        for i in parsed.issues
    ]
    value = parsed.value
    if value is None:
        problems.append(Problem(Location(path), "file is empty: nothing to check", "GOV006"))
        return Loaded(None, problems)
    if not isinstance(value, dict):
        what = "a list" if isinstance(value, list) else "a single value"
        problems.append(
            Problem(
                Location(path),
                f"the file is {what}; a governed file is a mapping of keys "
                "(a contract, a metric, or ownership)",
                "GOV007",
            )
        )
        return Loaded(None, problems)
    if odcs.is_odcs(value):
        return _load_odcs(path, text, value, problems)
    kind = classify(value)
    if kind is None:
        problems.append(Problem(Location(path), unknown_kind_message(path, value), "GOV008"))
        return Loaded(None, problems)
    marks = LazyPositions(text)
    if kind == "contract" and field_count(value.get("schema")) > MAX_FIELDS:
        mark = marks.key(("schema",))
        message = (
            f"the contract has more than {MAX_FIELDS:,} fields (nested fields and array items "
            f"counted); govern checks contracts of at most {MAX_FIELDS:,} fields"
        )
        problems.append(Problem(Location(path, mark.line, mark.column), message, "GOV012"))
        return Loaded(None, problems)
    model, shape = validate(MODELS[kind], value, marks, path)
    problems += shape
    doc: Document[Any] = Document(
        path, kind, model, value if shape else {}, marks, suppressions(text), complete=not shape
    )
    return Loaded(doc, problems)


def _load_odcs(path: str, text: str, value: dict[str, Any], problems: list[Problem]) -> Loaded:
    """An ODCS v3 file: schema errors at their lines, then the native contract."""
    marks = OdcsPositions(text)
    shape = odcs.cached_schema_problems(text, value, marks, path)  # by ODCS paths: no routes yet
    problems += shape
    mapped = odcs.map_contract(value)
    marks.routes = mapped.routes
    # The model holds all the rules read; without one, `data` still names the
    # contract, so that references to it do not cascade (as for a native file).
    data = {} if mapped.contract is not None else {"contract": value.get("id")}
    doc: Document[Any] = Document(
        path,
        "contract",
        mapped.contract,
        data,
        marks,
        suppressions(text),
        complete=not shape,
        odcs=value,
    )
    return Loaded(doc, problems)


def field_count(schema: Any) -> int:
    """Fields of a native contract's ``schema`` as written (nested ``fields``
    and ``items`` counted), whatever their shape."""
    count = 0
    stack = [schema]
    while stack:
        fields = stack.pop()
        if not isinstance(fields, dict):
            continue
        for f in fields.values():
            count += 1
            if isinstance(f, dict):
                stack.append(f.get("fields"))
                if "items" in f:
                    stack.append({"items": f["items"]})
    return count
