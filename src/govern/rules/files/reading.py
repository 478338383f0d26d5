"""GOV009-011, GOV013: the bytes on disk: UTF-8 text, no NUL, not too large,
no symlink out of the repository (load/files.py)."""

from __future__ import annotations

from govern.findings import Severity
from govern.rules.base import loader_rule

F = "yaml-and-schema"

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
