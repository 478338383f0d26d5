"""The errors a user must fix, one hierarchy: every one is exit 2 with its
message on one line (PRODUCT.md section 2), never a traceback.

    GovernError
    ├── UsageError    how govern was called (govern.repo; DbtError is one)
    ├── ConfigError   govern.yaml / [tool.govern], with its file and line
    └── GitError      not a repository, unknown ref, history too shallow
"""

from __future__ import annotations


class GovernError(Exception):
    """Something the user must fix; the CLI prints it and exits 2."""


class UsageError(GovernError):
    """A mistake in how govern was called."""
