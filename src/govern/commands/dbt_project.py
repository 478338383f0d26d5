"""The dbt project a report reads beside the catalog: ``--dbt-project`` (relative
to the current directory), else ``dbt.project`` in govern.yaml (relative to
the repository). Its reading problems are warnings: the report goes on."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from govern.config import Config

if TYPE_CHECKING:
    from govern.load.dbt import DbtProject


def read(root: str, config: Config, option: str | None, *, color: bool) -> DbtProject | None:
    if option is None and config.dbt is None:
        return None
    from govern.load import dbt, dbt_sql
    from govern.reporters.text import error_line

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
            raise dbt.DbtError(
                f"govern.yaml `dbt.project`: {config.dbt.project} is outside the repository "
                "(use --dbt-project to read a project elsewhere)"
            )
    try:
        project = dbt.load(directory, root)
    except dbt.DbtError as exc:  # say where the path came from
        where = "govern.yaml `dbt.project`" if option is None else f"--dbt-project {option}"
        raise dbt.DbtError(f"{where}: {exc}") from None
    dialect = config.dbt.dialect if config.dbt else None
    if dialect is not None:
        from govern import sql

        if not sql.known_dialect(dialect):
            error_line(
                f"govern.yaml `dbt.dialect`: `{dialect}` is not an SQL dialect govern knows "
                "(sqlglot's names: snowflake, bigquery, postgres...); formulas are read as "
                "generic SQL",
                color=color,
                label="warning",
            )
            dialect = None
    dbt_sql.resolve(project, dialect)
    for issue in project.issues:
        error_line(str(issue), color=color, label="warning")
    return project
