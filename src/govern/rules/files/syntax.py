"""GOV001, GOV002, GOV012: YAML govern can read: one valid document, no key
defined twice, within the caps on untrusted YAML (load/yaml_caps.py)."""

from __future__ import annotations

from govern.findings import Severity
from govern.rules.base import loader_rule

F = "yaml-and-schema"

YAML_SYNTAX = loader_rule(
    "GOV001",
    "yaml-syntax",
    Severity.ERROR,
    """
    The file is valid YAML, one document, with no unsupported tags.

    A file that is not YAML cannot be checked at all. govern reads one document
    per file, and no tag (``!!python/object`` and the like) constructs anything.

    Fails:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        schema: {payroll_run_id: {type: string

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

DUPLICATE_KEY = loader_rule(
    "GOV002",
    "duplicate-key",
    Severity.ERROR,
    """
    A mapping does not define the same key twice.

    YAML parsers keep one of the two values and drop the other in silence, so
    the file does not say what its author meant. govern keeps the first.

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
          payroll_run_id: {type: integer, description: Run number}

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
          payroll_run_number: {type: integer, description: Run number}
    """,
    family=F,
)

TOO_COMPLEX = loader_rule(
    "GOV012",
    "yaml-too-complex",
    Severity.ERROR,
    """
    YAML aliases do not expand into a bomb, and a file stays within govern's limits.

    A few lines of anchors and aliases can expand to billions of nodes ("billion
    laughs"). govern stops expanding after a bounded amount of work: about one
    node per character of the file (plus 10,000), and twice the file's
    characters (plus 100,000) of text repeated by aliases. Whatever a file
    holds, govern reads at most 100,000 values per document, keys of at most
    1,024 characters, nesting of at most 64 levels, and contracts of at most
    10,000 fields (nested fields and array items counted); a file beyond one
    of these is reported here and not checked further.

    Fails:

        # contracts/payroll/run_completed.yaml
        a: &a [x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: One event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: &id {type: string, required: true, description: Run identifier}
          previous_run_id: *id
    """,
    family=F,
)
