"""The error every git problem becomes."""

from __future__ import annotations


class GitError(Exception):
    """A git problem the user must fix (exit 2): not a repository, unknown
    ref, unrelated histories, history too shallow."""
