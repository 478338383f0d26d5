"""How a command ends: its exit code; a GovernError (usage, configuration,
git) as one line on stderr and exit 2; an internal error as one line and
exit 3 (its traceback under --debug), never mistaken for findings (exit 1)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import NoReturn

import typer

from govern.cli_options import color


def finish(call: Callable[[], int], no_color: bool) -> NoReturn:
    """Run one command's ``run`` and exit with its code (2 for a GovernError)."""
    from govern.errors import GovernError

    try:
        code = call()
    except GovernError as exc:
        from govern.reporters.text import error_line

        error_line(str(exc), color=color(no_color))
        code = 2
    raise typer.Exit(code)


def run(app: Callable[[], object]) -> None:
    """Run the Typer app: one line for an internal error, the traceback under --debug."""
    # govern allocates many small objects that live until it exits (YAML
    # values, models). With the default thresholds the cyclic collector walks
    # them again and again: 40% of the time of a lint of 1,000 contracts. A
    # short-lived process can collect rarely (bench/: docs/performance.md).
    gc.set_threshold(100_000, 50, 1000)
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("govern: interrupted\n")
        sys.exit(130)
    except BaseException as exc:  # an internal error: never a traceback unless asked
        if "--debug" in sys.argv[1:] or os.environ.get("GOVERN_DEBUG"):
            import traceback

            traceback.print_exc()
            sys.exit(3)  # not 1: CI must not mistake a crash for findings
        sys.stderr.write(
            f"govern: internal error ({type(exc).__name__}: {exc}). This is a bug in govern; "
            "please report it with the output of the same command run with --debug.\n"
        )
        sys.exit(3)
