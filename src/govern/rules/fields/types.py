"""GOV222-223: a field's type is one govern knows, and objects and arrays say
what they hold."""

from __future__ import annotations

from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule
from govern.rules.fields.sites import F, dotted, field_sites, written
from govern.values import parse_type


@rule("GOV222", "field-type", Severity.ERROR, family=F)
def field_type(ctx: Context) -> Iterator[Problem]:
    """A field's ``type`` is one govern knows.

    ``string``, ``integer`` (32-bit), ``long``, ``decimal(p,s)``, ``float``,
    ``double``, ``boolean``, ``date``, ``timestamp``, ``timestamp_tz``,
    ``time``, ``bytes``, ``json``, ``object`` (with ``fields``), ``array``
    (with ``items``). Types are compared across versions to classify changes,
    so free-form types are refused.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: varchar(36), required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, max_length: 36, required: true, description: Run identifier}
    """
    for site in field_sites(ctx.catalog):
        doc, f = site.doc, site.field
        if parse_type(f.type) is None:
            yield Problem(
                doc.at(*site.yaml, "type"),
                f"`{f.type}` is not a field type (string, integer, long, decimal(p,s), float, "
                "double, boolean, date, timestamp, timestamp_tz, time, bytes, json, object, array)",
            )


@rule("GOV223", "field-structure", Severity.ERROR, family=F)
def field_structure(ctx: Context) -> Iterator[Problem]:
    """An ``object`` field has ``fields``, an ``array`` has ``items``, and no other type has either.

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
          totals: {type: object, description: Totals of the run}

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
          totals:
            type: object
            description: Totals of the run
            fields:
              gross: {type: "decimal(18,2)", description: Sum of gross pay}
    """
    for site in field_sites(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        t = parse_type(f.type)
        if t is None:
            continue
        name = dotted(name_path)
        if t.name == "object" and not f.fields and not written(site, "fields"):
            yield Problem(doc.at(*site.yaml, "type"), f"object field `{name}` needs `fields:`")
        if t.name == "array" and f.items is None and not written(site, "items"):
            yield Problem(doc.at(*site.yaml, "type"), f"array field `{name}` needs `items:`")
        if f.fields and t.name != "object":
            yield Problem(
                doc.key_at(*site.yaml, "fields"),
                f"`fields` only applies to objects; `{name}` is {t}",
            )
        if f.items is not None and t.name != "array":
            yield Problem(
                doc.key_at(*site.yaml, "items"), f"`items` only applies to arrays; `{name}` is {t}"
            )
