"""What the commands' options take: the formats and choices (enums), the
options several commands share (``Annotated`` aliases: one help text for
each), and what ``--no-color`` means. Typer reads them from ``cli.py``."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated

import typer


class Format(str, Enum):
    text = "text"
    json = "json"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class CheckFormat(str, Enum):
    """Formats of the checks a pull request runs (lint, breaking)."""

    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class ConvertTarget(str, Enum):
    odcs = "odcs"
    native = "native"


class SchemaKind(str, Enum):
    contract = "contract"
    metric = "metric"
    ownership = "ownership"
    config = "config"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
CheckFormatOpt = Annotated[
    CheckFormat | None,
    typer.Option(
        "--format", "-f",
        help="Output format [default: github inside GitHub Actions, else text].",
    ),
]  # fmt: skip
ReportFormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]
RepoOpt = Annotated[
    str | None,
    typer.Option(
        "--repo", help="The governance repository (default: the one around the current directory)."
    ),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
DbtProjectOpt = Annotated[
    str | None,
    typer.Option(
        "--dbt-project",
        help="A dbt project whose semantic layer (semantic models, metrics) and sources "
        "to read beside the catalog [default: `dbt.project` in govern.yaml].",
    ),
]
# `breaking` and `diff` take the same revisions.
AgainstOpt = Annotated[
    str | None,
    typer.Option(
        "--against",
        help="The base branch or ref; compared from its merge base with HEAD [default: "
        "origin/$GITHUB_BASE_REF in GitHub Actions, else `breaking.against` in govern.yaml].",
    ),
]
HeadOpt = Annotated[
    str | None, typer.Option("--head", help="Compare this ref instead of the working tree.")
]
StagedOpt = Annotated[bool, typer.Option("--staged", help="Compare the index (staged changes).")]
NowOpt = Annotated[
    str | None,
    typer.Option(
        "--now",
        help="Today, for the notice policy: 2026-11-22 or 2026-11-22T12:00:00Z "
        "[default: GOVERN_NOW, else the current time].",
    ),
]


def color(no_color: bool) -> bool:
    # Rich already turns colour off when stdout is not a terminal and honours
    # NO_COLOR; this flag forces it off on a terminal too.
    return not no_color and "NO_COLOR" not in os.environ
