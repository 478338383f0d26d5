"""Metrics that answer to one name but mean different things, and one
definition under several metric ids."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from govern import sql
from govern.catalog import Catalog
from govern.catalog_checks.names import fold
from govern.load.documents import Document
from govern.model.metric import Metric
from govern.reports.conflicts.report import Conflict, member, one_line, sorted_members


@dataclass(frozen=True)
class _Definition:
    """What a metric means, in comparable form."""

    doc: Document[Metric]
    metric: Metric
    formula: sql.Normal | None  # None: it does not parse (compared as text)
    formula_text: str
    filter: sql.Normal | None
    filter_text: str  # "" when there is no filter
    sources: tuple[str, ...]

    @property
    def formula_key(self) -> str:
        return self.formula.key if self.formula else f"text:{self.formula_text}"

    @property
    def filter_key(self) -> str:
        if not self.filter_text:
            return ""
        return self.filter.key if self.filter else f"text:{self.filter_text}"


def _definition(doc: Document[Metric], m: Metric) -> _Definition | None:
    if not (m.formula or "").strip():
        return None  # GOV409: nothing to compare
    assert m.formula is not None
    formula_text = one_line(m.formula)
    filter_text = one_line(m.filter or "")
    dialect = m.dialect if m.dialect and sql.known_dialect(m.dialect) else None
    return _Definition(
        doc=doc,
        metric=m,
        formula=sql.normalize(m.formula, dialect),
        formula_text=formula_text,
        filter=sql.normalize(filter_text, dialect) if filter_text else None,
        filter_text=filter_text,
        sources=tuple(sorted(set(m.sources))),
    )


def _definitions(catalog: Catalog) -> dict[int, _Definition]:
    return catalog.derived(
        "conflicts.definitions",
        lambda cat: {
            id(doc): d for doc, m in cat.all_metric_docs() if (d := _definition(doc, m)) is not None
        },
    )


def definitions(catalog: Catalog) -> Iterator[Conflict]:
    """Metrics that answer to one name but mean different things."""
    definitions = _definitions(catalog)
    claims: dict[str, list[tuple[Document[Metric], Metric, str]]] = {}
    for doc, m in catalog.all_metric_docs():
        own: set[str] = set()
        for text in [m.metric, m.name or "", *m.aliases]:
            key = fold(text)
            if key and key not in own:
                own.add(key)
                claims.setdefault(key, []).append((doc, m, text))
    reported: set[frozenset[int]] = set()
    for key in sorted(claims):
        group = sorted(claims[key], key=lambda c: (c[0].path, c[1].metric))
        members = frozenset(id(doc) for doc, _, _ in group)
        if len(members) < 2 or members in reported:
            continue
        sides = [definitions[id(doc)] for doc, _, _ in group if id(doc) in definitions]
        conflict = _definition_conflict(group[0][2], sides)
        if conflict is not None:
            reported.add(members)
            yield conflict


def _definition_conflict(name: str, sides: list[_Definition]) -> Conflict | None:
    if len(sides) < 2:
        return None
    # Sources count only when every side lists them: a metric without
    # `sources` says nothing about where it reads (GOV408 reports it).
    with_sources = all(d.sources for d in sides)
    classes: dict[tuple[str, str, tuple[str, ...]], list[_Definition]] = {}
    for d in sides:
        signature = (d.formula_key, d.filter_key, d.sources if with_sources else ())
        classes.setdefault(signature, []).append(d)
    if len(classes) < 2:
        return None
    firsts = [members[0] for members in classes.values()]
    base = firsts[0]
    if len(firsts) == 2:
        detail = _explain(base, firsts[1], with_sources)
    else:
        detail = " | ".join(
            f"{base.metric.metric} vs {other.metric.metric}: {_explain(base, other, with_sources)}"
            for other in firsts[1:]
        )
    # Point at what differs: the formula, else the filter, else the sources.
    element = "formula"
    if all(d.formula_key == base.formula_key for d in sides):
        element = "filter" if any(d.filter_key != base.filter_key for d in sides) else "sources"
    show_dialect = any(d.metric.dialect for d in sides)
    show_filter = any(d.filter_text for d in sides)
    members = []
    for d in sides:
        path = element if element != "filter" or d.filter_text else "formula"
        members.append(
            member(
                d.metric.metric,
                d.doc.at(path),
                d.metric.owner,
                ("formula", d.formula_text),
                ("dialect", (d.metric.dialect or "generic") if show_dialect else None),
                ("filter", (d.filter_text or "none") if show_filter else None),
                ("sources", ", ".join(d.sources) or "none" if element == "sources" else None),
            )
        )
    return Conflict("metric-definition", name, "error", sorted_members(members), detail)


def _explain(a: _Definition, b: _Definition, with_sources: bool) -> str:
    """``numerator same; denominator total_workers vs total_payslip_line_items``."""
    parts: list[str] = []
    if a.formula_key != b.formula_key:
        if a.formula is not None and b.formula is not None:
            parts.append(str(sql.difference(a.formula, b.formula)))
        else:
            broken = a if a.formula is None else b
            parts.append(
                f"formula {a.formula_text} vs {b.formula_text} (the formula of "
                f"{broken.metric.metric} does not parse: compared as text)"
            )
    if a.filter_key != b.filter_key:
        parts.append(f"filter {a.filter_text or 'none'} vs {b.filter_text or 'none'}")
    if with_sources and a.sources != b.sources:
        parts.append(f"sources {', '.join(a.sources)} vs {', '.join(b.sources)}")
    if a.formula_key == b.formula_key:
        parts.insert(0, "formula same")
    return "; ".join(parts)


def duplicates(catalog: Catalog) -> Iterator[Conflict]:
    """One definition under several metric ids: a warning, merge them."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[_Definition]] = {}
    unsourced: dict[tuple[str, str], list[_Definition]] = {}
    for d in _definitions(catalog).values():
        if d.formula is None or (d.filter_text and d.filter is None):
            continue  # only parsed formulas are known to be the same
        if d.sources:
            groups.setdefault((d.formula.key, d.filter_key, d.sources), []).append(d)
        else:
            unsourced.setdefault((d.formula.key, d.filter_key), []).append(d)
    # A metric that lists no sources (a dbt metric: its semantic model is not
    # a contract) joins the one definition with sources it matches; with
    # several such definitions it cannot say which, and stays with its kind.
    for (formula_key, filter_key), loose in unsourced.items():
        sourced = [k for k in groups if k[:2] == (formula_key, filter_key)]
        key = sourced[0] if len(sourced) == 1 else (formula_key, filter_key, ())
        groups.setdefault(key, []).extend(loose)
    for (formula, _, sources), sides in groups.items():
        ids = sorted({d.metric.metric for d in sides})
        if len(ids) < 2:
            continue
        same = ["formula"]
        if any(d.filter_text for d in sides):
            same.append("filter")
        if sources and all(d.sources for d in sides):
            same.append("sources")
        detail = (
            f"the same {_and(same)} under {len(ids)} metric ids ({', '.join(ids)}): "
            "merge them into one metric and keep the other names as aliases"
        )
        show_dialect = any(d.metric.dialect for d in sides)
        members = [
            member(
                d.metric.metric,
                d.doc.at("formula"),
                d.metric.owner,
                ("formula", d.formula_text),
                ("dialect", (d.metric.dialect or "generic") if show_dialect else None),
                ("filter", d.filter_text or None),
            )
            for d in sides
        ]
        yield Conflict("metric-duplicate", formula, "warning", sorted_members(members), detail)


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
