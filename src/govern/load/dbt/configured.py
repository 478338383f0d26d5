"""The dbt project a report reads beside the catalog: ``--dbt-project`` (relative
to the current directory), else ``dbt.project`` in govern.yaml (relative to
the repository), with its metrics resolved in the configured dialect. Its
reading problems are warnings, returned for the command to print: the report
goes on."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govern.config import Config
    from govern.load.dbt.objects import DbtProject


def read_configured(
    root: str, config: Config, option: str | None
) -> tuple[DbtProject | None, list[str]]:
    """The project (None when neither names one) and the warnings to print, in
    order. Raises :class:`DbtError`, saying where the path came from, when it
    cannot be read or govern.yaml names a directory outside the repository."""
    if option is None and config.dbt is None:
        return None, []
    # Imported once a project is named: a report without one does not pay for them.
    from govern.load.dbt.catalog_metrics import resolve
    from govern.load.dbt.loader import load
    from govern.load.dbt.objects import DbtError

    if option is not None:
        directory = os.path.abspath(option)
    else:
        assert config.dbt is not None
        directory = os.path.join(root, config.dbt.project)
        # The configuration comes with a pull request: it names a directory of
        # the repository, never one elsewhere on the machine that runs the check
        # (`--dbt-project`, given by whoever runs govern, may name any).
        real_root = os.path.realpath(root)
        real = os.path.realpath(directory)
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            raise DbtError(
                f"govern.yaml `dbt.project`: {config.dbt.project} is outside the repository "
                "(use --dbt-project to read a project elsewhere)"
            )
    try:
        project = load(directory, root)
    except DbtError as exc:  # say where the path came from
        where = "govern.yaml `dbt.project`" if option is None else f"--dbt-project {option}"
        raise DbtError(f"{where}: {exc}") from None
    warnings: list[str] = []
    dialect = config.dbt.dialect if config.dbt else None
    if dialect is not None:
        from govern import sql  # only when there is a dialect to check: start-up time

        if not sql.known_dialect(dialect):
            warnings.append(
                f"govern.yaml `dbt.dialect`: `{dialect}` is not an SQL dialect govern knows "
                "(sqlglot's names: snowflake, bigquery, postgres...); formulas are read as "
                "generic SQL"
            )
            dialect = None
    resolve(project, dialect)
    warnings.extend(str(issue) for issue in project.issues)
    return project, warnings
