"""Pair handlers: compare a contract (or metric) with its previous self and
name every change with its normative kind and element (PRODUCT.md section 3).

Identity is the id and the field path, never the file: a moved file is no
change. Handlers are pure; the notice policy is applied afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from govern.model.contract import Contract, Field_, Notice, Sla
from govern.model.metric import Metric
from govern.values import parse_duration, parse_percent, parse_schedule, parse_semver

from . import unclassified
from .field_handlers import FIELD_HANDLERS


@dataclass(frozen=True)
class Change:
    """One change to one element of a contract or metric."""

    subject: str  # "contract" or "metric"
    id: str  # the contract or metric id
    element: str  # normative element path: contract, schema.<field>..., sla.<prop>, metric, formula
    change: str  # the kind id (model/kinds.py)
    detail: str  # what changed, for people: "type integer -> long"


def _field_changes(cid: str, element: str, old: Field_, new: Field_) -> Iterator[Change]:
    """Every handler of the table in turn (field_handlers.FIELD_HANDLERS), then
    the nested fields and array items, which are fields of their own."""
    name = element.removeprefix("schema.")
    for handler in FIELD_HANDLERS:
        for kind, detail in handler(name, old, new):
            yield Change("contract", cid, element, kind, detail)
    yield from _fields(cid, element, old.fields or {}, new.fields or {})
    if old.items is not None and new.items is not None:
        yield from _field_changes(cid, f"{element}.items", old.items, new.items)


def _fields(
    cid: str, prefix: str, old: dict[str, Field_], new: dict[str, Field_]
) -> Iterator[Change]:
    for name, f in old.items():
        element = f"{prefix}.{name}"
        if name not in new:
            yield Change(
                "contract",
                cid,
                element,
                "field-removed",
                f"field `{element.removeprefix('schema.')}` removed",
            )
        else:
            yield from _field_changes(cid, element, f, new[name])
    for name, f in new.items():
        if name not in old:
            element = f"{prefix}.{name}"
            state = "required" if f.required else "optional"
            yield Change(
                "contract",
                cid,
                element,
                "field-added",
                f"{state} field `{element.removeprefix('schema.')}` added",
            )


_CADENCE = {"hourly": 0, "daily": 1, "weekly": 2, "monthly": 3}


def _sla_changes(cid: str, old: Sla | None, new: Sla | None) -> Iterator[Change]:
    o, n = old or Sla(), new or Sla()
    for key in ("freshness", "completeness", "availability", "delivery"):
        a, b = getattr(o, key), getattr(n, key)
        if a == b:
            continue
        element = f"sla.{key}"
        if b is None:
            yield Change("contract", cid, element, "sla-loosened", f"sla.{key} {a} removed")
            continue
        if a is None:
            yield Change("contract", cid, element, "sla-tightened", f"sla.{key} {b} added")
            continue
        looser: bool | None = None
        if key == "freshness":
            da, db = parse_duration(a), parse_duration(b)
            if da is not None and da == db:
                continue  # the same promise written differently: `1h` and `60m`
            looser = None if da is None or db is None else db > da
        elif key in ("completeness", "availability"):
            pa, pb = parse_percent(a), parse_percent(b)
            if pa is not None and pa == pb:
                continue  # `99.9%` and `99.90%`
            looser = None if pa is None or pb is None else pb < pa
        else:
            sa, sb = parse_schedule(a), parse_schedule(b)
            if sa is not None and sa == sb:
                continue  # `daily 09:00 UTC` and `daily 09:00 Z`
            if sa is not None and sb is not None:
                if sa.every != sb.every:
                    looser = _CADENCE[sb.every] > _CADENCE[sa.every]
                elif sa.time is not None and sb.time is not None and sa.time != sb.time:
                    looser = sb.time > sa.time
        if looser is None:
            yield Change("contract", cid, element, "metadata-changed", f"sla.{key} {a} -> {b}")
        else:
            kind = "sla-loosened" if looser else "sla-tightened"
            yield Change("contract", cid, element, kind, f"sla.{key} {a} -> {b}")


def _schema(cid: str, old: Contract, new: Contract) -> Iterator[Change]:
    yield from _fields(cid, "schema", old.schema_, new.schema_)


def _sla(cid: str, old: Contract, new: Contract) -> Iterator[Change]:
    yield from _sla_changes(cid, old.sla, new.sla)


def _deprecation(cid: str, old: Contract, new: Contract) -> Iterator[Change]:
    if old.deprecated is None and new.deprecated is not None:
        reason = new.deprecated.reason or "no reason given"
        yield Change("contract", cid, "contract", "deprecated", f"contract deprecated: {reason}")
    elif old.deprecated is not None and new.deprecated is None:
        yield Change("contract", cid, "contract", "undeprecated", "contract no longer deprecated")


def _metadata(cid: str, old: Contract, new: Contract) -> Iterator[Change]:
    keys = ("description", "owner", "producer", "status", "kind", "dataset", "retention")
    meta = [k for k in keys if getattr(old, k) != getattr(new, k)]
    if [c.team for c in old.consumers] != [c.team for c in new.consumers]:
        meta.append("consumers")
    if meta:
        yield Change("contract", cid, "contract", "metadata-changed", f"{', '.join(meta)} changed")


def _notice_days(cid: str, old: Contract, new: Contract) -> Iterator[Change]:
    old_days = old.change_policy.notice_days if old.change_policy else None
    new_days = new.change_policy.notice_days if new.change_policy else None
    if old_days != new_days:
        detail = f"change_policy.notice_days {old_days or 'unset'} -> {new_days or 'unset'}"
        yield Change("contract", cid, "contract", "metadata-changed", detail)


def _notices(cid: str, old: Contract, new: Contract) -> Iterator[Change]:
    yield from notice_changes("contract", cid, old.notices, new.notices)


def _unclassified(cid: str, old: Contract, new: Contract) -> Iterator[Change]:
    for element, detail in unclassified.contract(cid, old, new):
        yield Change("contract", cid, element, unclassified.KIND, detail)


# The pair handlers of a contract, run in the order changes are reported (a
# field's own are field_handlers.FIELD_HANDLERS). The last reports what none
# of the others looks at (unclassified.ROLES).
CONTRACT_HANDLERS: tuple[Callable[[str, Contract, Contract], Iterator[Change]], ...] = (
    _schema,
    _sla,
    _deprecation,
    _metadata,
    _notice_days,
    _notices,
    _unclassified,
)


def contract_changes(
    old: Contract,
    new: Contract,
    *,
    old_odcs: dict[str, Any] | None = None,
    new_odcs: dict[str, Any] | None = None,
) -> list[Change]:
    """Every change from ``old`` to ``new`` (the same contract id). ``old_odcs``
    and ``new_odcs``: the ODCS documents as written, when a revision is one
    (what the native model does not hold is compared there, when both are)."""
    cid = new.contract
    out = [c for handler in CONTRACT_HANDLERS for c in handler(cid, old, new)]
    if old_odcs is not None and new_odcs is not None:  # a file converted: the model's changes
        elements = {c.element for c in out}
        out += [
            Change("contract", cid, element, unclassified.KIND, detail)
            for element, detail in unclassified.odcs(
                old_odcs, new_odcs, old, new, elements.__contains__
            )
        ]
    return out


def notice_changes(subject: str, ident: str, old: list[Notice], new: list[Notice]) -> list[Change]:
    """Notices added or withdrawn: a pull request that only announces a change
    is worth an announcement itself (`govern diff --format markdown`)."""

    def key(n: Notice) -> tuple[str, str]:
        return (n.element, n.change)

    before, after = {key(n): n for n in old}, {key(n): n for n in new}
    out = []
    for k, n in after.items():
        if k not in before:
            when = f", effective {n.effective}" if n.effective else ""
            why = f": {n.reason}" if n.reason else ""
            detail = f"notice: {n.change} of {n.element} announced{when}{why}"
            out.append(Change(subject, ident, n.element, "metadata-changed", detail))
    for k, n in before.items():
        if k not in after:
            detail = f"notice withdrawn: {n.change} of {n.element}"
            out.append(Change(subject, ident, n.element, "metadata-changed", detail))
    return out


def removed_contract(old: Contract) -> Change:
    return Change(
        "contract",
        old.contract,
        "contract",
        "contract-removed",
        f"contract `{old.contract}` removed",
    )


def added_contract(new: Contract) -> Change:
    return Change(
        "contract", new.contract, "contract", "metadata-changed", f"contract `{new.contract}` added"
    )


def metric_changes(
    old: Metric, new: Metric, *, same_formula: bool, same_filter: bool = True
) -> list[Change]:
    """``same_formula`` / ``same_filter``: whether they compare equal as parsed
    SQL. A changed filter changes the metric's value as much as its formula."""
    mid = new.metric
    out = []
    what = []
    if not same_formula:
        what.append(f"formula `{old.formula}` -> `{new.formula}`")
    if not same_filter:
        what.append(f"filter `{old.filter or 'none'}` -> `{new.filter or 'none'}`")
    if what:
        out.append(Change("metric", mid, "formula", "metric-formula-changed", "; ".join(what)))
    if old.deprecated is None and new.deprecated is not None:
        reason = new.deprecated.reason or "no reason given"
        out.append(Change("metric", mid, "metric", "deprecated", f"metric deprecated: {reason}"))
    elif old.deprecated is not None and new.deprecated is None:
        out.append(Change("metric", mid, "metric", "undeprecated", "metric no longer deprecated"))
    meta = [k for k in ("name", "description", "owner", "type", "unit", "grain", "dialect")
            if getattr(old, k) != getattr(new, k)]  # fmt: skip
    if sorted(old.sources) != sorted(new.sources):
        meta.append("sources")
    if sorted(old.approved_by) != sorted(new.approved_by):
        meta.append("approved_by")
    if sorted(old.aliases) != sorted(new.aliases):
        meta.append("aliases")
    if meta:
        out.append(
            Change("metric", mid, "metric", "metadata-changed", f"{', '.join(meta)} changed")
        )
    out += notice_changes("metric", mid, old.notices, new.notices)
    out += [
        Change("metric", mid, element, unclassified.KIND, detail)
        for element, detail in unclassified.metric(old, new)
    ]
    return out


def removed_metric(old: Metric) -> Change:
    return Change(
        "metric", old.metric, "metric", "metric-removed", f"metric `{old.metric}` removed"
    )


def major(version: str | None) -> int | None:
    parsed = parse_semver(version or "")
    return parsed[0] if parsed else None
