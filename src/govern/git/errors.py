"""The error every git problem becomes."""

from __future__ import annotations

from govern.errors import GovernError


class GitError(GovernError):
    """A git problem the user must fix (exit 2): not a repository, unknown
    ref, unrelated histories, history too shallow."""
