"""GOV014-015: ``# govern: ignore[...]`` comments name rules that exist and
silence findings that exist."""

from __future__ import annotations

from govern.findings import Severity
from govern.rules.base import loader_rule

F = "yaml-and-schema"

UNUSED_SUPPRESSION = loader_rule(
    "GOV014",
    "unused-suppression",
    Severity.WARNING,
    """
    A ``# govern: ignore[...]`` comment silences a finding that exists.

    A suppression that no longer matches anything hides the next real problem
    on that line; remove it.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.  # govern: ignore[GOV203]
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed  # govern: ignore[GOV203]
        version: 1.0.0
        status: active
        kind: event
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """,
    family=F,
)

BAD_SUPPRESSION = loader_rule(
    "GOV015",
    "invalid-suppression",
    Severity.ERROR,
    """
    A ``# govern: ignore[...]`` comment names rules that exist.

    Name rules by code (``GOV203``) or name (``contract-description``),
    separated by commas.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        owner: payroll-engine  # govern: ignore[GOV999]
        description: One event per finished payroll run.
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed  # govern: ignore[contract-description]
        version: 1.0.0
        status: active
        kind: event
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """,
    family=F,
)
