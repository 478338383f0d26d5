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
    try:
        project = dbt.load(directory, root)
    except dbt.DbtError as exc:
        if option is None:  # say where the path came from
            raise dbt.DbtError(f"govern.yaml `dbt.project`: {exc}") from None
        raise
    dbt_sql.resolve(project, config.dbt.dialect if config.dbt else None)
    for issue in project.issues:
        error_line(str(issue), color=color, label="warning")
    return project
