"""GOV231: a deprecated field says why, and when it will be removed."""

from __future__ import annotations

from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule
from govern.rules.fields.sites import F, dotted, field_sites, written


@rule("GOV231", "field-deprecation-reason", Severity.ERROR, family=F)
def field_deprecation_reason(ctx: Context) -> Iterator[Problem]:
    """A deprecated field says why, and when it will be removed.

    ``deprecated:`` on a field is the notice that starts the clock for its
    removal (PRODUCT.md section 3); consumers need the reason and the date.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          gross_total: {type: "decimal(18,2)", description: Sum of gross pay}
          legacy_total: {type: "decimal(18,2)", description: Old total, deprecated: true}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          gross_total: {type: "decimal(18,2)", description: Sum of gross pay}
          legacy_total:
            type: "decimal(18,2)"
            description: Old total
            deprecated: {reason: use gross_total, removal: 2027-01-15}
    """
    for site in field_sites(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if f.deprecated is None:
            continue
        missing = [
            k
            for k in ("reason", "removal")
            if getattr(f.deprecated, k) in (None, "") and not written(site, "deprecated", k)
        ]
        if missing:
            yield Problem(
                doc.at(*site.yaml, "deprecated"),
                f"deprecated field `{dotted(name_path)}` has no {' and no '.join(missing)} "
                "(write `deprecated: {reason: ..., removal: YYYY-MM-DD}`)",
            )
