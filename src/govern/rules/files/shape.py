"""GOV003-005: the keys and values the format defines (pydantic's errors, and
the ODCS JSON Schema's, at their lines)."""

from __future__ import annotations

from govern.findings import Severity
from govern.rules.base import loader_rule

F = "yaml-and-schema"

UNKNOWN_KEY = loader_rule(
    "GOV003",
    "unknown-key",
    Severity.ERROR,
    """
    Every key is one the format defines.

    A misspelt key (``descripton``) is otherwise ignored and the promise it was
    meant to make is silently missing. The message suggests the closest key.
    In an ODCS v3 file, a key the ODCS JSON Schema does not allow, and a
    ``govern.*`` custom property govern does not define (or one on the wrong
    level, a property's ``govern.owner``) are reported here too.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, requird: true, description: Run identifier}

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

WRONG_TYPE = loader_rule(
    "GOV004",
    "wrong-type",
    Severity.ERROR,
    """
    Every value has the type and form its key requires.

    ``version: 2.1`` is a number to YAML, not the version text "2.1"; a status
    must be one of the listed words; dates are ``YYYY-MM-DD``. In an ODCS v3
    file, every value the ODCS JSON Schema refuses, and a ``govern.*`` custom
    property's value of the wrong type (``govern.notice_days: soon``).

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: live
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: "yes", description: Run identifier}

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

MISSING_KEY = loader_rule(
    "GOV005",
    "missing-key",
    Severity.ERROR,
    """
    Every key the format requires is present.

    A contract needs ``contract``, ``version``, ``status``, ``kind`` and
    ``schema``; a field needs a ``type``; an on-call rotation needs its
    ``rotation``, ``start``, ``handoff`` and ``members``. In an ODCS v3 file,
    every key the ODCS JSON Schema requires (a property's ``name``).

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {required: true, description: Run identifier}

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
