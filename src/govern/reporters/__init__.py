"""Output formats, chosen by name. Only ``text`` imports Rich."""

from __future__ import annotations

import os

FORMATS = ("text", "json", "markdown", "github", "sarif")


def default_format(given: str | None) -> str:
    """No --format: annotations inside GitHub Actions, text elsewhere."""
    if given:
        return given
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
