"""GOV224-225: constraints fit the field's type and each other; patterns compile."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule
from govern.rules.fields.sites import F, dotted, field_sites
from govern.values import parse_type


@rule("GOV224", "constraint-fit", Severity.ERROR, family=F)
def constraint_fit(ctx: Context) -> Iterator[Problem]:
    """Constraints fit the field's type and each other.

    ``pattern``, ``min_length`` and ``max_length`` apply to strings; ``min``
    and ``max`` to numbers; enum values have the field's type; a minimum is not
    above its maximum.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          worker_count: {type: integer, min: 10, max: 1, description: Workers paid}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
          worker_count: {type: integer, min: 1, max: 100000, description: Workers paid}
    """
    for site in field_sites(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        t = parse_type(f.type)
        if t is None:
            continue
        base = site.yaml
        name = dotted(name_path)
        for key in ("pattern", "min_length", "max_length"):
            if getattr(f, key) is not None and not t.textual:
                yield Problem(
                    doc.key_at(*base, key), f"`{key}` applies to strings; `{name}` is {t}"
                )
        for key in ("min", "max"):
            if getattr(f, key) is not None and not t.numeric:
                yield Problem(
                    doc.key_at(*base, key), f"`{key}` applies to numbers; `{name}` is {t}"
                )
        if f.min is not None and f.max is not None and f.min > f.max:
            yield Problem(doc.at(*base, "min"), f"`{name}`: min {f.min} is above max {f.max}")
        if f.min_length is not None and f.max_length is not None and f.min_length > f.max_length:
            yield Problem(
                doc.at(*base, "min_length"),
                f"`{name}`: min_length {f.min_length} is above max_length {f.max_length}",
            )
        for i, value in enumerate(f.enum or []):
            wrong = (
                (t.textual and not isinstance(value, str))
                or (t.numeric and (isinstance(value, bool) or not isinstance(value, (int, float))))
                or (t.name == "boolean" and not isinstance(value, bool))
                or (
                    # 2.5 is no value of a whole-number field (a YAML 2.0 is, though)
                    t.name in ("integer", "long")
                    and isinstance(value, float)
                    and not value.is_integer()
                )
            )
            if wrong:
                yield Problem(
                    doc.at(*base, "enum", i),
                    f"enum value {value!r} does not fit the type of `{name}` ({t})",
                )


@rule("GOV225", "invalid-pattern", Severity.ERROR, family=F)
def invalid_pattern(ctx: Context) -> Iterator[Problem]:
    """A field's ``pattern`` is a regular expression that compiles.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          country_code: {type: string, pattern: "^[A-Z{2}$", description: ISO 3166-1 alpha-2}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          country_code: {type: string, pattern: "^[A-Z]{2}$", description: ISO 3166-1 alpha-2}
    """
    for site in field_sites(ctx.catalog):
        doc, f = site.doc, site.field
        if f.pattern is None:
            continue
        try:
            re.compile(f.pattern)
        except re.error as exc:
            yield Problem(doc.at(*site.yaml, "pattern"), f"pattern does not compile: {exc}")
