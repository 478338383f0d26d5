"""The GitHub Actions job summary: markdown appended to $GITHUB_STEP_SUMMARY.

Annotations are capped at 10 of each type per step; the summary is where a
reviewer reads every finding and every refused change with its earliest date.
The markdown is built with ``escape.md_*`` (nothing from a file is markup);
what is written is always UTF-8, a stray lone surrogate as ``\\udcXX``."""

from __future__ import annotations

import os


def append(markdown: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(markdown.rstrip("\n") + "\n\n")
    except OSError:
        pass  # a summary that cannot be written is no reason to fail the check


def enabled() -> bool:
    return bool(os.environ.get("GITHUB_STEP_SUMMARY"))
