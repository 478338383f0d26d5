"""YAML and schema rules: checked by the loader while it reads each file.

They are registered like every other rule so that they have a code, a
severity you can configure and documentation; the loader reports them
because they are about bytes and YAML, not about the catalog.
"""

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

UNREADABLE = loader_rule(
    "GOV009",
    "unreadable-file",
    Severity.ERROR,
    """
    The file can be read and is UTF-8 text.

    Bytes that are not UTF-8 (a file saved as Latin-1) are reported with the
    line and column of the first bad byte; a file saved as UTF-16 (with a
    byte-order mark) is reported as such. A named pipe, socket or device with
    a ``.yaml`` name is reported and never read: reading a pipe would wait for
    a writer forever.

    Fails:

        # contracts/payroll/run_completed.yaml
        # (a file whose bytes are not UTF-8, e.g. "Gro\\xdf" in Latin-1)

    Passes:

        # contracts/payroll/run_completed.yaml
        contract: payroll.run.completed
        version: 1.0.0
        status: active
        kind: event
        description: Grüße, one event per finished payroll run.
        owner: payroll-engine
        schema:
          payroll_run_id: {type: string, required: true, description: Run identifier}
    """,
    family=F,
)

BINARY = loader_rule(
    "GOV010",
    "binary-file",
    Severity.ERROR,
    """
    A ``.yaml`` file is text, not binary data.

    A file with NUL bytes is not read further; the finding points at the first.

    Fails:

        # contracts/payroll/run_completed.yaml
        # (a file containing NUL bytes, e.g. a zip renamed to .yaml)

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

TOO_LARGE = loader_rule(
    "GOV011",
    "file-too-large",
    Severity.ERROR,
    """
    A governed file stays under ``max_file_size`` (2,000,000 bytes by default).

    Governance files are small; a huge one is a mistake or an attack on the CI
    that lints it. It is refused without being read into memory.

    Fails:

        # contracts/payroll/run_completed.yaml
        # (a 50 MB file)

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

SYMLINK = loader_rule(
    "GOV013",
    "symlink-outside-repo",
    Severity.ERROR,
    """
    A governed file or directory is not a symlink that leaves the repository.

    Following it would let a pull request make CI read any file on the runner.
    Such a symlink is reported and not followed.

    Fails:

        # contracts/payroll/run_completed.yaml
        # (a symlink to /etc/passwd)

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

RULES = [
    YAML_SYNTAX, DUPLICATE_KEY, UNKNOWN_KEY, WRONG_TYPE, MISSING_KEY, EMPTY_FILE, NOT_A_MAPPING,
    UNKNOWN_KIND, UNREADABLE, BINARY, TOO_LARGE, TOO_COMPLEX, SYMLINK, UNUSED_SUPPRESSION,
    BAD_SUPPRESSION,
]  # fmt: skip
