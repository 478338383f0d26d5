"""A dbt project's semantic layer and relations, read beside the catalog (docs/dbt.md).

Teams keep metrics in dbt's semantic layer as well as in govern's catalog;
seed 000's rule ("no team may publish a metric that contradicts the catalog")
holds only if govern reads them. This package reads them without running dbt,
and writes nothing to the dbt project:

- ``configured.py``  the project a report reads (``--dbt-project`` or govern.yaml),
                     its dialect, and the warnings for the command to print
- ``loader.py``      ``load()``: every YAML file of the project, each document
                     handed by key to the module below that reads it
- ``project_file.py`` ``dbt_project.yml``: name, model paths, configuration by directory
- ``discover.py``    the YAML files and models under the model paths, but ``.dbtignore``'s
- ``semantic_models.py``  semantic models and measures (all three spellings)
- ``metrics.py``     metrics as written (legacy, latest and MetricFlow spellings)
- ``relations.py``   models and source tables, for coverage
- ``owners.py``      groups, and the owner of what names none
- ``formulas.py``    metric -> SQL formula; ``jinja.py``: Jinja in filters -> SQL
- ``catalog_metrics.py``  ``resolve()``: each metric as a catalog metric
- ``objects.py``, ``node.py``, ``reading.py``  the objects read; what a YAML node
                     says; what reading keeps between files

The names below are imported on first use (``dbt.load``, ``from govern.load.dbt
import DbtProject``): ``coverage`` and ``conflicts`` import ``configured`` on
every run, and a report without a dbt project should not load the rest.
``govern.load.dbt_sql`` re-exports ``resolve`` under its older name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govern.load.dbt.catalog_metrics import RoutedPositions, resolve
    from govern.load.dbt.formulas import Unresolved
    from govern.load.dbt.loader import load
    from govern.load.dbt.node import text_of
    from govern.load.dbt.objects import (
        DbtError,
        DbtIssue,
        DbtMetric,
        DbtProject,
        Group,
        Measure,
        RawMetric,
        Relation,
        SemanticModel,
        Source,
    )
    from govern.load.dbt.project_file import MAX_FILE_SIZE, PROJECT_FILE

_HOME = {
    "load": "loader",
    "resolve": "catalog_metrics",
    "RoutedPositions": "catalog_metrics",
    "Unresolved": "formulas",
    "text_of": "node",
    "MAX_FILE_SIZE": "project_file",
    "PROJECT_FILE": "project_file",
    **dict.fromkeys(
        (
            "DbtError",
            "DbtIssue",
            "DbtMetric",
            "DbtProject",
            "Group",
            "Measure",
            "RawMetric",
            "Relation",
            "SemanticModel",
            "Source",
        ),
        "objects",
    ),
}

__all__ = [
    "MAX_FILE_SIZE",
    "PROJECT_FILE",
    "DbtError",
    "DbtIssue",
    "DbtMetric",
    "DbtProject",
    "Group",
    "Measure",
    "RawMetric",
    "Relation",
    "RoutedPositions",
    "SemanticModel",
    "Source",
    "Unresolved",
    "load",
    "resolve",
    "text_of",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
