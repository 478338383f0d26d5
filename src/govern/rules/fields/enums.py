"""GOV226-227: enum values are distinct; categorical text fields list their values."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule
from govern.rules.fields.sites import F, dotted, field_sites, written
from govern.values import parse_type


@rule("GOV226", "enum-duplicates", Severity.ERROR, family=F)
def enum_duplicates(ctx: Context) -> Iterator[Problem]:
    """Enum values are distinct, also ignoring case and spacing.

    A free-text field that collected "promo", "promotion", "Promotion": values
    that differ only in case or spacing are the same category written twice.

    Fails:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, enum: [promotion, Promotion, merit_increase], description: Why it changed}

    Passes:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, enum: [promotion, merit_increase, annual_increase], description: Why it changed}
    """
    for site in field_sites(ctx.catalog):
        doc, f = site.doc, site.field
        seen: dict[str, object] = {}
        for i, value in enumerate(f.enum or []):
            key = re.sub(r"[\s_-]+", "", str(value)).casefold()
            if key in seen:
                yield Problem(
                    doc.at(*site.yaml, "enum", i),
                    f"enum value {value!r} repeats {seen[key]!r}",
                )
            else:
                seen[key] = value


@rule("GOV227", "categorical-enum", Severity.WARNING, family=F)
def categorical_enum(ctx: Context) -> Iterator[Problem]:
    """A categorical string field (``*_status``, ``*_type``, ``*_reason``, ...) has an ``enum``.

    A free-text ``salary_change_reason`` field once collected "promo",
    "Promotion", "annual increase" and "boss said so". Name endings that mark a
    category are ``categorical_suffixes`` in govern.yaml; a field named by the
    ending alone (``status``, ``reason``) is categorical too. A ``pattern``
    also bounds the values, so it counts instead of an enum.

    Fails:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, description: Why the salary changed}

    Passes:

        # contracts/payroll/salary_updated.yaml
        contract: payroll.salary.updated
        version: 1.0.0
        status: active
        kind: event
        description: A worker's salary changed.
        owner: payroll-engine
        schema:
          change_reason: {type: string, enum: [promotion, merit_increase, annual_increase, correction], description: Why the salary changed}
    """
    suffixes = tuple(ctx.config.categorical_suffixes)
    bare = {s.lstrip("_") for s in suffixes}
    for site in field_sites(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        name = name_path[-1]
        t = parse_type(f.type)
        categorical = not site.is_items and (name.endswith(suffixes) or name in bare)
        bounded = f.enum or f.pattern or written(site, "enum") or written(site, "pattern")
        if t is not None and t.textual and categorical and not bounded:
            yield Problem(
                doc.key_at(*site.yaml),
                f"`{dotted(name_path)}` looks categorical but allows free text: list its values in `enum`",
            )
