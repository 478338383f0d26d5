"""GOV221: field names are snake_case (and the snake_case twin of a name)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from govern.findings import Problem, Severity
from govern.rules.base import Context, rule
from govern.rules.fields.sites import F, field_sites

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@rule("GOV221", "field-name-case", Severity.ERROR, family=F)
def field_name_case(ctx: Context) -> Iterator[Problem]:
    """Field names are ``snake_case``.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payrollRunId: {type: string, required: true, description: Run identifier}

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
        doc, name = site.doc, site.name_path[-1]
        if not site.is_items and not SNAKE.match(name):
            like = snake(name)
            # `1st_run` has no snake_case twin to suggest: say what the rule is.
            advice = (
                f"like `{like}`"
                if SNAKE.match(like)
                else "lowercase words joined by `_`, starting with a letter"
            )
            yield Problem(
                doc.key_at(*site.yaml), f"field name `{name}` is not snake_case ({advice})"
            )


@functools.lru_cache(maxsize=4096)
def snake(name: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_") or "field_name"
