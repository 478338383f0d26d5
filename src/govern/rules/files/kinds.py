"""GOV006-008: a file holds something, a mapping, of a kind govern knows."""

from __future__ import annotations

from govern.findings import Severity
from govern.rules.base import loader_rule

F = "yaml-and-schema"

EMPTY_FILE = loader_rule(
    "GOV006",
    "empty-file",
    Severity.ERROR,
    """
    A governed file is not empty.

    An empty file (or one with only comments) under ``contracts/``,
    ``metrics/`` or ``ownership/`` is most often a contract someone meant to
    write; delete it or fill it in.

    Fails:

        # contracts/payroll/run_completed.yaml
        # TODO: write the contract

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
    """,
    family=F,
)

NOT_A_MAPPING = loader_rule(
    "GOV007",
    "not-a-mapping",
    Severity.ERROR,
    """
    A governed file is a mapping of keys at the top level.

    A list or a single value at the top cannot be a contract, a metric or an
    ownership file.

    Fails:

        # metrics/payslip_error_rate.yaml
        - metric: payslip_error_rate

    Passes:

        # metrics/payslip_error_rate.yaml
        metric: payslip_error_rate
        name: Payslip error rate
        description: Share of payslips corrected after they were first generated.
        owner: analytics
        approved_by: [finance]
        type: ratio
        formula: count_if(corrected_after_generation) / count(payslip_id)
        sources: [payroll.payslip.generated]
    """,
    family=F,
)

UNKNOWN_KIND = loader_rule(
    "GOV008",
    "unknown-kind",
    Severity.ERROR,
    """
    The file says what it is: ``contract:``, ``metric:``, or ownership sections.

    govern recognises a document by its top-level keys: ``contract`` (a data
    contract), ``metric`` (a metric definition), ``teams``, ``pipelines``,
    ``datasets`` or ``raci`` (ownership).

    Fails:

        # contracts/payroll/run_completed.yaml
        name: payroll.run.completed
        fields: {payroll_run_id: string}

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
    """,
    family=F,
)
