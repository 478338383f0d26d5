"""GOV220: every field says what it means."""

from __future__ import annotations

from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule
from govern.rules.fields.sites import F, dotted, field_sites, written


@rule("GOV220", "field-description", Severity.WARNING, family=F)
def field_description(ctx: Context) -> Iterator[Problem]:
    """Every field has a ``description``.

    Consumers read the contract to learn what a field means; a name alone
    (``amount``: gross? net? in which currency?) is how metric wars start.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true}

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
    """
    for site in field_sites(ctx.catalog):
        doc, name_path, f = site.doc, site.name_path, site.field
        if site.is_items:
            continue  # array items are described by their array
        if not (f.description or "").strip() and not written(site, "description"):
            yield Problem(doc.key_at(*site.yaml), f"field `{dotted(name_path)}` has no description")
