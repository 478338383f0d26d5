"""The command line: parse options, call one command's ``run``, exit with its code.

The options' types and shared aliases are in ``cli_options.py``; how a
command ends (exit codes, one-line errors) is in ``cli_exit.py``.

Heavy modules are imported inside the commands that need them, so that
``govern --version`` and a pre-commit ``govern lint`` start fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from govern import __version__
from govern.cli_exit import finish, run
from govern.cli_options import (
    AgainstOpt,
    CheckFormatOpt,
    ConvertTarget,
    DbtProjectOpt,
    DebugOpt,
    FailOn,
    Format,
    FormatOpt,
    HeadOpt,
    NoColorOpt,
    NowOpt,
    RepoOpt,
    ReportFormat,
    ReportFormatOpt,
    SchemaKind,
    StagedOpt,
    color,
)

app = typer.Typer(
    name="govern",
    help="Data governance as code: lint data contracts, metrics and ownership kept in git.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"govern {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Data governance as code."""


@app.command()
def lint(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or directories to report on (default: all).")
    ] = None,
    format: CheckFormatOpt = None,
    repo: RepoOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Exit 1 on findings at or above this severity [default: error]."
        ),
    ] = None,
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            help="Hold this branch's configuration to the base branch's (never looser) "
            "[default: origin/$GITHUB_BASE_REF in GitHub Actions].",
        ),
    ] = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Validate every governed file and the references between them.

    With PATHS, report only on those files; references still resolve against
    the whole repository. Exit 0 clean, 1 findings, 2 usage or config error.
    """
    from govern.commands import lint as cmd

    finish(lambda: cmd.run(repo=repo, paths=paths or [], fmt=format.value if format else None,
                           fail_on=fail_on.value if fail_on else None, color=color(no_color),
                           against=against),
           no_color)  # fmt: skip


@app.command()
def breaking(
    against: AgainstOpt = None,
    head: HeadOpt = None,
    staged: StagedOpt = False,
    now: NowOpt = None,
    format: CheckFormatOpt = None,
    repo: RepoOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Check contract and metric changes against the notice policy.

    A breaking change may land only after it was announced on the base branch
    at least 14 days before (or the contract's notice_days). Exit 0 allowed,
    1 a breaking change is not allowed, 2 cannot decide.
    """
    from govern.commands import changes as cmd

    finish(lambda: cmd.run_breaking(repo=repo, against=against, head=head, staged=staged, now=now,
                                    fmt=format.value if format else None,
                                    color=color(no_color)), no_color)  # fmt: skip


@app.command()
def diff(
    against: AgainstOpt = None,
    head: HeadOpt = None,
    staged: StagedOpt = False,
    now: NowOpt = None,
    format: CheckFormatOpt = None,
    repo: RepoOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Every change to contracts and metrics, breaking or not, as a changelog.

    `--format markdown` gives an announcement for the contract's channel. Exit 0.
    """
    from govern.commands import changes as cmd

    finish(lambda: cmd.run_diff(repo=repo, against=against, head=head, staged=staged, now=now,
                                fmt=format.value if format else None,
                                color=color(no_color)), no_color)  # fmt: skip


@app.command()
def coverage(
    format: ReportFormatOpt = ReportFormat.text,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            help="Exit 1 when any measure is below this percentage "
            "(overrides the thresholds in govern.yaml).",
        ),
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="List what each measure misses.")
    ] = False,
    dbt_project: DbtProjectOpt = None,
    repo: RepoOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Coverage: contracts for pipeline sources, owners, metric approval,
    field documentation, lineage; overall and by owning team.

    Exit 0, or 1 when a measure is below --fail-under or its configured threshold.
    """
    from govern.commands import coverage as cmd

    finish(lambda: cmd.run(repo=repo, fmt=format.value, fail_under=fail_under, details=details,
                           dbt_project_option=dbt_project,
                           color=color(no_color)), no_color)  # fmt: skip


@app.command()
def conflicts(
    format: ReportFormatOpt = ReportFormat.text,
    dbt_project: DbtProjectOpt = None,
    repo: RepoOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Metric definition conflicts (same name, different formula, compared as
    parsed SQL), duplicate formulas, contracts claiming one dataset, assets
    with different owners, RACI activities defined twice. Exit 0 none, 1 some.
    """
    from govern.commands import conflicts as cmd

    finish(lambda: cmd.run(repo=repo, fmt=format.value, dbt_project_option=dbt_project,
                           color=color(no_color)), no_color)  # fmt: skip


@app.command()
def owners(
    asset: Annotated[
        str, typer.Argument(help="A contract, metric or pipeline id (or a unique prefix).")
    ],
    now: NowOpt = None,
    format: ReportFormatOpt = ReportFormat.text,
    repo: RepoOpt = None,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Who owns an asset, who is on call now and next, and the escalation chain.

    Exit 0, or 1 for an unknown asset (with the closest ids).
    """
    from govern.commands import owners as cmd

    finish(lambda: cmd.run(repo=repo, asset=asset, now=now, fmt=format.value,
                           color=color(no_color)), no_color)  # fmt: skip


@app.command()
def codeowners(
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when the file is stale; write nothing.")
    ] = False,
    file: Annotated[
        str, typer.Option("--file", help="The CODEOWNERS file, relative to the repository.")
    ] = ".github/CODEOWNERS",
    repo: RepoOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Write the CODEOWNERS block that makes a contract change need a review
    from its owner and consumer teams (teams map to handles with `github:`).

    Only govern's block (between its BEGIN and END lines) is written; the rest
    of the file is left as it is.
    """
    from govern.commands import codeowners as cmd

    finish(lambda: cmd.run(repo=repo, file=file, check=check), no_color)


@app.command()
def convert(
    file: Annotated[str, typer.Argument(help="A contract file: native or ODCS v3.")],
    to: Annotated[
        ConvertTarget | None,
        typer.Option("--to", help="The target format [default: the other one]."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the result to this file instead of stdout."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --output replace an existing file.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 when the target format cannot hold something."),
    ] = False,
    no_color: NoColorOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Convert a contract between govern's format and ODCS v3, both ways.

    Everything both formats can express is carried over; what the target
    cannot hold is listed on stderr. Exit 0 converted, 1 something was lost
    (with --strict), 2 the file cannot be read or is not a valid contract.
    """
    from govern.commands import convert as cmd

    finish(lambda: cmd.run(file=file, to=to.value if to else None, output=output, force=force,
                           strict=strict, color=color(no_color)), no_color)  # fmt: skip


@app.command()
def rules(format: FormatOpt = Format.text, no_color: NoColorOpt = False) -> None:
    """List every rule: code, name, default severity, summary."""
    from govern.commands import rules as cmd

    finish(lambda: cmd.run_list(fmt=format.value, color=color(no_color)), no_color)


@app.command()
def explain(
    code: Annotated[
        str, typer.Argument(help="A rule code (GOV203) or name (contract-description).")
    ],
    format: FormatOpt = Format.text,
    no_color: NoColorOpt = False,
) -> None:
    """Show a rule's documentation with a failing and a passing example."""
    from govern.commands import rules as cmd

    finish(lambda: cmd.run_explain(code=code, fmt=format.value, color=color(no_color)), no_color)


@app.command()
def init(
    directory: Annotated[str, typer.Argument(help="Where to create it (default: here).")] = ".",
    no_color: NoColorOpt = False,
) -> None:
    """Scaffold a governance repository (config, a contract, a metric, teams,
    a pipeline, a RACI) that passes `govern lint`. Never overwrites a file."""
    from govern.commands import init as cmd

    finish(lambda: cmd.run(directory=directory), no_color)


@app.command()
def schema(kind: Annotated[SchemaKind, typer.Argument(help="Which format.")]) -> None:
    """Print the JSON Schema of a format, for editors (yaml-language-server)."""
    from govern.commands import schema as cmd

    finish(lambda: cmd.run(kind=kind.value), False)


def main() -> None:
    """Entry point: one line for an internal error, the traceback under --debug."""
    run(app)
